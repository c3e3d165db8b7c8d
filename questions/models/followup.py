from django.db import models
from django.utils.translation import gettext_lazy as _

from questions.models.invitation import Invitation
from questions.models.question import Question


class FollowUpKind(models.TextChoices):
    # About one invitation:
    REMINDER_BEFORE = "reminder_before", _("reminder before the due date")
    REMINDER_DUE = "reminder_due", _("reminder on the due date")
    # About the question as a whole:
    ESCALATED = "escalated", _("Kennisredactie alerted")
    HELPED_ASKED = "helped_asked", _('asker asked "did it help?"')


class FollowUp(models.Model):
    """What the follow-up sweep sent, once: the record that makes the sweep idempotent.

    The row is written in the same transaction as the notifications it stands for,
    and the unique constraints allow one row per (invitation, kind) or, for what is
    about the question as a whole, per (question, kind). A sweep that runs twice, or
    a worker killed halfway, therefore neither repeats a reminder nor loses one: what
    committed is recorded, what did not is done by the next sweep.
    """

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    invitation = models.ForeignKey(
        Invitation,
        verbose_name=_("invitation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=FollowUpKind.choices)
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "kind"],
                condition=models.Q(invitation__isnull=False),
                name="one_follow_up_per_invitation_and_kind",
            ),
            models.UniqueConstraint(
                fields=["question", "kind"],
                condition=models.Q(invitation__isnull=True),
                name="one_follow_up_per_question_and_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.invitation or self.question}"
