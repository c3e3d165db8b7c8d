from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality
from questions.models.question import Question


class InvitationState(models.TextChoices):
    INVITED = "invited", _("invited")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    PASSED_ON = "passed_on", _("passed on")
    ANSWERED = "answered", _("answered")
    EXPIRED = "expired", _("expired")


# An invitation in one of these states still waits for its municipality to act.
PENDING_STATES = (InvitationState.INVITED, InvitationState.ACCEPTED)


class Invitation(models.Model):
    """A question put to one peer municipality, with the router's reasons.

    The invitation is addressed to the municipality (its knowledge brokers, or its
    editors when it has none); a broker may pass it on to a colleague
    (``assignee``), or to another municipality, which gets an invitation of its
    own (``passed_on_from`` points back). An invitation that lapses (declined, or
    not accepted by its due date) is replaced by the follow-up sweep with one to the
    router's next candidate (``rerouted_from`` points back), so the number of
    re-routings is read from the rows, never counted by hand. Rank, score and reasons are what the
    router said when it was made, kept so the asker and moderators can check why.
    """

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="invitations"
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("passed to colleague"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_assigned",
    )
    passed_on_from = models.ForeignKey(
        "self",
        verbose_name=_("passed on from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="passed_on_to",
    )
    rerouted_from = models.OneToOneField(
        "self",
        verbose_name=_("re-routed from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rerouted_to",
        help_text=_("The invitation that lapsed (declined or expired) and this one replaced."),
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    reason_text = models.TextField(_("why this municipality"), blank=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=InvitationState.choices,
        default=InvitationState.INVITED,
        db_index=True,
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    due_on = models.DateField(_("due on"))
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)

    class Meta:
        ordering = ["question", "rank"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "municipality"], name="one_invitation_per_municipality"
            )
        ]
        indexes = [models.Index(fields=["municipality", "state"])]

    def __str__(self) -> str:
        return f"{self.question} → {self.municipality}"
