from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Term, Vocabulary
from municipalities.models import Municipality
from questions.working_days import default_wanted_by

TITLE_LIMIT = 200
BODY_LIMIT = 10_000  # characters of sanitised HTML: a question, not a report


class QuestionState(models.TextChoices):
    OPEN = "open", _("open")
    ANSWERED = "answered", _("answered")  # at least one answer, none accepted yet
    RESOLVED = "resolved", _("resolved")  # the asker accepted an answer
    CLOSED = "closed", _("closed")  # withdrawn by the asker or a moderator
    EXPIRED = "expired", _("expired")  # the wanted-by date passed without an answer


class QuestionVisibility(models.TextChoices):
    """Who may read a question. Case details stay between the parties by default."""

    INVOLVED = "involved", _("the asking municipality and the invited peers")
    MEMBERS = "members", _("all members")
    PUBLIC_WHEN_RESOLVED = "public", _("everyone, once resolved")


class QuestionQuerySet(models.QuerySet):
    def open(self) -> "QuestionQuerySet":
        return self.filter(state__in=[QuestionState.OPEN, QuestionState.ANSWERED])


class Question(models.Model):
    """A demand-driven question a municipality puts to its peers.

    The asker acts for their municipality (municipalities.membership): the question
    belongs to the municipality, so a colleague can follow it up when the asker is
    away. Who receives it is the router's decision, recorded as Invitations with
    their reasons, so anyone can check why a peer was asked.
    """

    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asker"),
        on_delete=models.PROTECT,
        related_name="questions_asked",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    title = models.CharField(_("title"), max_length=TITLE_LIMIT)
    body = models.TextField(_("question"), max_length=BODY_LIMIT, help_text=_("Sanitised HTML."))
    themes = models.ManyToManyField(
        Term,
        verbose_name=_("themes"),
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Vocabulary.THEME},
    )
    decentralisaties = models.ManyToManyField(
        Term,
        verbose_name=_("decentralisations"),
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Vocabulary.DECENTRALISATION},
    )
    wanted_by = models.DateField(_("wanted by"), default=default_wanted_by)
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=QuestionVisibility.choices,
        default=QuestionVisibility.INVOLVED,
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=QuestionState.choices,
        default=QuestionState.OPEN,
        db_index=True,
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [models.Index(fields=["municipality", "state"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self._state.adding and self.wanted_by and self.wanted_by < timezone.localdate():
            raise ValidationError({"wanted_by": _("The wanted-by date cannot be in the past.")})
