"""The forms of the question pages: input only; the rules live in questions.lifecycle.

Each form reads and types what the person entered and hands it to the lifecycle
function, which decides; a ``Refused`` comes back as an error on the field it
names (``add_refusal``), so a rule is written once for the pages and the API. Field
names are Dutch because they are in the query string (``/vragen/nieuw/?titel=…``).
"""

from __future__ import annotations

from django import forms
from django.utils.html import linebreaks
from django.utils.translation import gettext_lazy as _

from cases.models import Term, Vocabulary
from municipalities.models import Municipality
from questions.lifecycle import PrivacyRefused, Refused
from questions.models import QuestionVisibility, Rating
from questions.models.question import TITLE_LIMIT
from questions.working_days import default_wanted_by

CONFIRM_LABEL = _("I have checked that this contains no personal data")


def text_to_html(text: str) -> str:
    """A plain-text textarea as paragraphs: escaped, blank lines between paragraphs."""
    return linebreaks(text or "", autoescape=True)


class TermChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, term: Term) -> str:
        return term.label


def _terms(vocabulary: Vocabulary) -> TermChoiceField:
    return TermChoiceField(
        queryset=Term.objects.filter(vocabulary=vocabulary).order_by("label"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class RefusalMixin:
    """Maps a lifecycle refusal onto the form: the field it names, or the whole form."""

    field_names: dict[str, str] = {}  # lifecycle's field name -> this form's field name

    def add_refusal(self, refused: Refused) -> None:
        self.privacy_findings = getattr(refused, "findings", {})
        name = self.field_names.get(refused.field or "", None)
        if isinstance(refused, PrivacyRefused) and refused.needs_confirmation:
            name = "gecontroleerd"
        self.add_error(name if name in self.fields else None, refused.message)


class AskForm(RefusalMixin, forms.Form):
    field_names = {
        "title": "titel",
        "body": "vraag",
        "themes": "themas",
        "decentralisaties": "decentralisaties",
        "wanted_by": "gewenst_voor",
        "visibility": "zichtbaarheid",
    }

    titel = forms.CharField(label=_("Title"), max_length=TITLE_LIMIT)
    vraag = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Describe what you want to know and why. Leave out names and other "
            "details of residents: the question goes to other municipalities."
        ),
    )
    themas = _terms(Vocabulary.THEME)
    decentralisaties = _terms(Vocabulary.DECENTRALISATION)
    gewenst_voor = forms.DateField(
        label=_("Answer wanted by"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Ten working days from today, unless you choose otherwise."),
    )
    zichtbaarheid = forms.ChoiceField(
        label=_("Who may read the question and its answers"),
        choices=QuestionVisibility.choices,
        initial=QuestionVisibility.INVOLVED,
        widget=forms.RadioSelect,
    )
    gecontroleerd = forms.BooleanField(label=CONFIRM_LABEL, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themas"].label = _("Themes")
        self.fields["decentralisaties"].label = _("Decentralisations")
        self.fields["gewenst_voor"].initial = default_wanted_by
        self.privacy_findings = {}

    def lifecycle_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["titel"],
            "body": text_to_html(data["vraag"]),
            "themes": list(data["themas"]),
            "decentralisaties": list(data["decentralisaties"]),
            "wanted_by": data["gewenst_voor"],
            "visibility": data["zichtbaarheid"],
            "privacy_confirmed": data["gecontroleerd"],
        }


class AnswerForm(RefusalMixin, forms.Form):
    field_names = {"body": "antwoord", "linked_pages": "verwijzingen"}

    antwoord = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 8}))
    verwijzingen = forms.TypedMultipleChoiceField(
        label=_("Refer to casusbladen and lessons"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    gecontroleerd = forms.BooleanField(label=CONFIRM_LABEL, required=False)

    def __init__(self, *args, pages=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["verwijzingen"].choices = [(hit.page_id, hit.title) for hit in pages]
        self.privacy_findings = {}

    def lifecycle_arguments(self) -> dict:
        return {
            "body": text_to_html(self.cleaned_data["antwoord"]),
            "linked_pages": self.cleaned_data["verwijzingen"],
            "privacy_confirmed": self.cleaned_data["gecontroleerd"],
        }


class DeclineForm(RefusalMixin, forms.Form):
    field_names = {"reason": "reden"}

    reden = forms.CharField(
        label=_("Why do you decline?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The asker sees your reason."),
    )


class PassOnForm(RefusalMixin, forms.Form):
    """To a colleague of the invited municipality, or to another municipality."""

    field_names = {"colleague": "collega", "municipality": "gemeente"}

    collega = forms.ModelChoiceField(
        label=_("To a colleague"), queryset=None, required=False, empty_label="—"
    )
    gemeente = forms.ModelChoiceField(
        label=_("Or to another municipality"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="cbs_code",
        required=False,
        empty_label="—",
    )

    def __init__(self, *args, colleagues, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["collega"].queryset = colleagues
        self.fields["collega"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )

    def lifecycle_arguments(self) -> dict:
        return {
            "colleague": self.cleaned_data["collega"],
            "municipality": self.cleaned_data["gemeente"],
        }


class RateForm(RefusalMixin, forms.Form):
    field_names = {"rating": "beoordeling", "comment": "opmerking"}

    beoordeling = forms.ChoiceField(
        label=_("Was this answer helpful?"), choices=Rating.choices, widget=forms.RadioSelect
    )
    opmerking = forms.CharField(
        label=_("Comment for the answerer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def lifecycle_arguments(self) -> dict:
        return {
            "rating": self.cleaned_data["beoordeling"],
            "comment": self.cleaned_data["opmerking"],
        }


class HelpedForm(RefusalMixin, forms.Form):
    field_names = {"comment": "opmerking"}

    geholpen = forms.TypedChoiceField(
        label=_("Did the answer help you in practice?"),
        choices=[("ja", _("Yes, it helped")), ("nee", _("No, it did not help"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )
    opmerking = forms.CharField(
        label=_("What did you do with it? (for the answerers)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def lifecycle_arguments(self) -> dict:
        return {
            "helped": self.cleaned_data["geholpen"],
            "comment": self.cleaned_data["opmerking"],
        }
