from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cases.models import LessonPage
from municipalities.models import Municipality
from questions.models.question import BODY_LIMIT, Question


class Rating(models.TextChoices):
    HELPFUL = "helpful", _("helpful")
    NOT_HELPFUL = "not_helpful", _("not helpful")


class Answer(models.Model):
    """A peer's answer, on behalf of their municipality.

    The asker accepts one answer (the question is then resolved) and may rate any
    answer; the rating and its comment go back to the answerer, which is the
    "terugkoppeling" the source documents miss. Some weeks after resolution the
    asker is asked whether the accepted answer actually helped in practice
    (``helped``); that reply goes back to the answerers too.
    """

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="answers",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="answers",
    )
    body = models.TextField(_("answer"), max_length=BODY_LIMIT, help_text=_("Sanitised HTML."))
    linked_pages = models.ManyToManyField(
        Page,
        verbose_name=_("casusbladen and lessons"),
        blank=True,
        related_name="+",
        help_text=_("Casusbladen and lessons the answer refers to."),
    )
    accepted = models.BooleanField(_("accepted"), default=False)
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices, blank=True)
    rating_comment = models.TextField(_("comment on the rating"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("answered at"), auto_now_add=True)
    # "Heeft het geholpen?": asked some weeks after resolution, on the accepted answer.
    helped = models.BooleanField(_("did it help?"), null=True, blank=True)
    helped_comment = models.TextField(_("how it helped"), blank=True, max_length=2000)
    helped_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    # The les drafted from this (accepted) answer: one per answer, so a second
    # request opens the draft instead of making another. Deleting the les frees it.
    lesson = models.OneToOneField(
        LessonPage,
        verbose_name=_("les drafted from this answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["question", "created_at", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["question"],
                condition=models.Q(accepted=True),
                name="one_accepted_answer_per_question",
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.question}"
