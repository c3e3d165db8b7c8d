from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.models import Page
from wagtail.search import index

from cases import editing_rights
from cases.display_text import CleanTitleMixin
from cases.listings import page_listing
from cases.models import limits
from cases.models.taxonomy import Term, Vocabulary
from cases.multiple_chooser import MultipleChooser
from cases.page_forms import ScopedPageForm
from cases.visibility import visible_pages


def terms_field(vocabulary: Vocabulary, verbose_name: str, *, blank: bool = True):
    """A many-to-many to the terms of one vocabulary (no reverse accessor on Term)."""
    return ParentalManyToManyField(
        Term,
        verbose_name=verbose_name,
        related_name="+",
        blank=blank,
        limit_choices_to={"vocabulary": vocabulary},
    )


class HomePage(CleanTitleMixin, Page):
    """The site root: what is new, and the ways into the collection."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cases.CaseIndexPage", "cases.TopicIndexPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["latest_cases"] = with_municipality(
            visible_pages(CasePage.objects.all(), request.user).order_by("-first_published_at")[:6]
        )
        context["latest_lessons"] = with_municipality(
            visible_pages(LessonPage.objects.all(), request.user).order_by("-first_published_at")[
                :6
            ]
        )
        context["themes"] = Term.objects.filter(vocabulary=Vocabulary.THEME, parent=None)
        return context


class CaseIndexPageForm(WagtailAdminPageForm):
    """The municipality is chosen once: its editorial group's rights hang on this index."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["municipality"].disabled = True


class CaseIndexPage(CleanTitleMixin, editing_rights.AddedToFromBelow, Page):
    """One municipality's shelf of casusbladen and lessons.

    It exists so that Wagtail page permissions can be granted per municipality: the
    editors of a municipality may add and edit pages below its index, and nowhere
    else.
    """

    municipality = models.OneToOneField(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="case_index",
    )
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("municipality"), FieldPanel("intro")]
    base_form_class = CaseIndexPageForm
    parent_page_types = ["cases.HomePage"]
    subpage_types = ["cases.CasePage", "cases.LessonPage"]

    class Meta:
        verbose_name = _("municipality case index")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        newest = "-first_published_at"
        context["cases"] = page_listing(
            request, CasePage.objects.child_of(self), param="casusbladen", order_by=newest
        )
        context["lessons"] = page_listing(
            request, LessonPage.objects.child_of(self), param="lessen", order_by=newest
        )
        return context


class MunicipalityOwnedPage(CleanTitleMixin, Page):
    """A page that belongs to the municipality whose index it lives under.

    The owner is kept on the row (not looked up through the tree on every read) so
    listings, search indexing and question routing can filter and join on it; it is
    set from the parent on every save and on a move, and is never edited directly.
    """

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    external_id = models.CharField(
        _("external ID"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Identifier in the partner system this page was imported from."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=limits.SUMMARY_LIMIT,
        validators=[MaxLengthValidator(limits.SUMMARY_LIMIT)],
        help_text=_("Plain text, at most 500 characters: shown in listings and search results."),
    )
    themes = terms_field(Vocabulary.THEME, _("themes"), blank=False)

    display_text_fields = ("title", "summary")
    parent_page_types = ["cases.CaseIndexPage"]
    subpage_types: list[str] = []
    base_form_class = ScopedPageForm
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.FilterField("municipality"),
    ]

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs) -> None:
        self.municipality_id = self._owner_from_parent()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs) -> None:
        self.municipality_id = self._owner_from_parent()
        super().save(*args, **kwargs)

    def _owner_from_parent(self) -> int | None:
        parent = self.get_parent() if self.path else None
        if parent is None:
            return self.municipality_id
        index_page = CaseIndexPage.objects.filter(pk=parent.pk).only("municipality_id").first()
        if index_page is None:
            raise ValidationError(_("This page must be placed under a municipality's index."))
        return index_page.municipality_id


def tabbed(content: list, classification: list, promote: list) -> TabbedInterface:
    """The editor's tabs for municipality pages: classification gets a tab of its own."""
    return TabbedInterface(
        [
            ObjectList(content, heading=_("Content")),
            ObjectList(classification, heading=_("Classification")),
            ObjectList(promote, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )


class CaseStatus(models.TextChoices):
    RUNNING = "lopend", _("Ongoing")
    FINISHED = "afgerond", _("Completed")


PARTNERS_WIDGET = MultipleChooser("cases.partner_chooser.municipality_chooser")
SECTIONS = [
    ("context", _("Context")),
    ("approach", _("Approach")),
    ("results", _("Results")),
    ("conditions", _("Conditions")),
    ("working_elements", _("Working elements")),
    ("lessons_learned", _("Lessons")),
]


class CasePage(MunicipalityOwnedPage):
    """A casusblad: how one municipality approached a problem, and what it learned.

    Structured like the intervention databanks of Movisie and NJi and the AEF 2015
    casusbladen, with a section per question a peer asks ("what was the situation,
    what did you do, what worked, under which conditions"), so that search and
    question routing can use each part on its own.
    """

    partner_municipalities = ParentalManyToManyField(
        "municipalities.Municipality",
        verbose_name=_("partner municipalities"),
        related_name="partner_cases",
        blank=True,
    )
    decentralisations = terms_field(Vocabulary.DECENTRALISATION, _("decentralisations"))
    risks = terms_field(Vocabulary.RISK, _("risks"))
    opportunities = terms_field(Vocabulary.OPPORTUNITY, _("opportunities"))
    profile = models.ForeignKey(
        Term,
        verbose_name=_("organisation profile"),
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"vocabulary": Vocabulary.PROFILE},
    )
    period_start = models.DateField(_("start"))
    period_end = models.DateField(_("end"), null=True, blank=True)
    # Usually work in progress; a default also spares the editor a "---------" choice.
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.RUNNING
    )

    context = limits.rich_text_field(_("Context"), blank=True)
    approach = limits.rich_text_field(_("Approach"), blank=True)
    results = limits.rich_text_field(_("Results"), blank=True)
    conditions = limits.rich_text_field(_("Conditions"), blank=True)
    working_elements = limits.rich_text_field(_("Working elements"), blank=True)
    lessons_learned = limits.rich_text_field(_("Lessons"), blank=True)

    contact_name = models.CharField(_("contact name"), max_length=limits.CONTACT_LIMIT, blank=True)
    contact_role = models.CharField(_("contact role"), max_length=limits.CONTACT_LIMIT, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldPanel("status", widget=forms.RadioSelect),
                FieldPanel("partner_municipalities", widget=PARTNERS_WIDGET),
            ],
            heading=_("Period and partners"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name, _label in SECTIONS],
            heading=_("Sections"),
        ),
        InlinePanel("attachments", heading=_("Attachments"), label=_("attachment")),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_role"), FieldPanel("contact_email")],
            heading=_("Contact person (visible to logged-in members only)"),
        ),
    ]
    classification_panels = [
        *(
            FieldPanel(name, widget=forms.CheckboxSelectMultiple)
            for name in ("themes", "decentralisations", "risks", "opportunities")
        ),
        FieldPanel("profile", widget=forms.RadioSelect),
    ]
    promote_panels = [*Page.promote_panels, editing_rights.external_id_panel()]
    edit_handler = tabbed(content_panels, classification_panels, promote_panels)
    item_limits = {"partner_municipalities": limits.PARTNER_LIMIT}

    search_fields = [
        *MunicipalityOwnedPage.search_fields,
        *(index.SearchField(name) for name, _label in SECTIONS),
    ]

    class Meta:
        verbose_name = _("casusblad")
        verbose_name_plural = _("casusbladen")
        permissions = [editing_rights.EXTERNAL_ID_META_PERMISSION]

    def clean(self) -> None:
        super().clean()
        if self.period_end and self.period_start and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The end cannot be before the start.")})

    def sections(self) -> list[tuple[str, str, str]]:
        """(name, heading, html) of each filled-in section, in reading order."""
        return [
            (name, label, getattr(self, name)) for name, label in SECTIONS if getattr(self, name)
        ]

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = with_municipality(
            visible_pages(self.lessons.all(), request.user).order_by("title")
        )
        context["attachments"] = self.attachments.select_related("document")
        return context


class LessonPage(MunicipalityOwnedPage):
    """A les: one lesson learned, short enough to act on, linked to the cases it came from."""

    body = limits.rich_text_field(_("body"))
    related_cases = ParentalManyToManyField(
        CasePage, verbose_name=_("related cases"), related_name="lessons", blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("related_cases"),
    ]
    classification_panels = [FieldPanel("themes", widget=forms.CheckboxSelectMultiple)]
    promote_panels = [*Page.promote_panels, editing_rights.external_id_panel()]
    edit_handler = tabbed(content_panels, classification_panels, promote_panels)
    item_limits = {"related_cases": limits.RELATED_CASES_LIMIT}
    search_fields = [*MunicipalityOwnedPage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("les")
        verbose_name_plural = _("lessen")
        permissions = [editing_rights.EXTERNAL_ID_META_PERMISSION]

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["cases"] = with_municipality(
            visible_pages(self.related_cases.all(), request.user).order_by("title")
        )
        return context


def with_municipality(queryset: models.QuerySet) -> models.QuerySet:
    return queryset.select_related("municipality")
