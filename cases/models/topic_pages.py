"""The topic index: one routable page that lists the pages of every taxonomy term."""

from django.db import models
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from cases.display_text import CleanTitleMixin
from cases.listings import page_listing
from cases.models.pages import CasePage, LessonPage
from cases.models.taxonomy import Term, Vocabulary


class TopicIndexPage(CleanTitleMixin, RoutablePageMixin, Page):
    """Listings per term: /onderwerpen/thema/jeugdhulp/ and the like.

    One routable page serves every vocabulary, so a new term an editor adds in the
    admin has its listing at once, without anyone creating a page for it.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cases.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("topic index")

    def term_url(self, term: Term) -> str:
        return self.url + self.reverse_subpage("term", args=[term.vocabulary, term.slug])

    @path("")
    def overview(self, request: HttpRequest):
        vocabularies = [
            (label, Term.objects.filter(vocabulary=value)) for value, label in Vocabulary.choices
        ]
        return self.render(request, context_overrides={"vocabularies": vocabularies})

    @path("<str:vocabulary>/<slug:slug>/", name="term")
    def term(self, request: HttpRequest, vocabulary: str, slug: str):
        if vocabulary not in Vocabulary.values:
            raise Http404
        term = get_object_or_404(Term, vocabulary=vocabulary, slug=slug)
        field = TERM_FIELDS[Vocabulary(vocabulary)]
        cases = CasePage.objects.filter(**{field: term})
        lessons = None  # only themes apply to lessen; other terms list casusbladen alone
        if vocabulary == Vocabulary.THEME:
            lessons = page_listing(
                request, LessonPage.objects.filter(themes=term), param="lessen", order_by="title"
            )
        return self.render(
            request,
            template="cases/term_page.html",
            context_overrides={
                "term": term,
                "vocabulary_label": Vocabulary(vocabulary).label,
                "cases": page_listing(request, cases, param="casusbladen", order_by="title"),
                "lessons": lessons,
            },
        )


TERM_FIELDS = {
    Vocabulary.THEME: "themes",
    Vocabulary.DECENTRALISATION: "decentralisations",
    Vocabulary.RISK: "risks",
    Vocabulary.OPPORTUNITY: "opportunities",
    Vocabulary.PROFILE: "profile",
}
