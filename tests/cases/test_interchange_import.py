"""import_kennisbank: what a valid file writes, and what a second run leaves alone."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import Page, PageViewRestriction, Revision

from cases.indexes import case_index_for
from cases.models import CaseIndexPage, CasePage, LessonPage
from cases.visibility import is_members_only
from tests.cases.test_interchange_support import (
    CASUSBLAD,
    LES,
    casusblad,
    les,
    run_import,
    write_jsonl,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def midnight(day: str) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time.min, tzinfo=AMSTERDAM
    )


def slugs(manager) -> set[str]:
    return set(manager.values_list("slug", flat=True))


def revisions(page: Page) -> int:
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def test_valid_file_creates_pages_with_every_field(utrecht, tmp_path):
    run = run_import(write_jsonl(tmp_path / "in.jsonl", [CASUSBLAD, LES]))

    assert run.error is None
    assert "2 created, 0 updated, 0 unchanged, 0 failed" in run.stdout
    case = CasePage.objects.get(external_id=CASUSBLAD["external_id"])
    assert case.live and not case.has_unpublished_changes
    assert case.get_parent().pk == CaseIndexPage.objects.get(municipality=utrecht).pk
    assert case.municipality == utrecht
    assert case.title == CASUSBLAD["title"]
    assert case.summary == CASUSBLAD["summary"]
    assert set(case.partner_municipalities.values_list("cbs_code", flat=True)) == {"GM0307"}
    assert slugs(case.themes) == set(CASUSBLAD["themes"])
    assert slugs(case.decentralisations) == {"wmo-2015"}
    assert slugs(case.risks) == {"agressie-en-geweld"}
    assert slugs(case.opportunities) == {"beter-contact"}
    assert case.profile.slug == "pro-actief"
    sections = CASUSBLAD["sections"]
    assert case.context == sections["context"]
    assert case.approach == sections["approach"]
    assert case.results == sections["results"]
    assert case.conditions == sections["conditions"]
    assert case.working_elements == sections["working_elements"]
    assert case.lessons_learned == sections["lessons"]
    assert case.period_start == datetime.date(2015, 1, 1)
    assert case.period_end == datetime.date(2016, 6, 30)
    assert case.status == "afgerond"
    assert (case.contact_name, case.contact_role, case.contact_email) == (
        "Sanne de Vries",
        "Teamleider",
        "sanne@example.org",
    )
    assert is_members_only(case)
    assert case.first_published_at == midnight("2015-03-26")
    assert case.last_published_at == midnight("2015-03-26")
    assert revisions(case) == 1

    lesson = LessonPage.objects.get(external_id=LES["external_id"])
    assert lesson.live
    assert lesson.municipality == utrecht
    assert lesson.body == LES["body"]
    assert list(lesson.related_cases.all()) == [case]
    assert slugs(lesson.themes) == {"agressie-en-geweld"}
    assert not is_members_only(lesson)
    assert lesson.first_published_at == midnight("2015-04-01")


def test_published_at_is_optional(utrecht, tmp_path):
    record = casusblad()
    del record["published_at"]
    before = datetime.datetime.now(tz=datetime.UTC)

    assert run_import(write_jsonl(tmp_path / "in.jsonl", [record])).error is None

    case = CasePage.objects.get(external_id=record["external_id"])
    assert case.first_published_at >= before


def test_reimporting_the_same_file_changes_nothing(utrecht, tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [CASUSBLAD, LES])
    run_import(path)
    pages = list(Page.objects.type(CasePage, LessonPage).order_by("pk"))
    stamps = [(p.last_published_at, p.latest_revision_created_at, revisions(p)) for p in pages]
    restrictions = list(PageViewRestriction.objects.values_list("pk", flat=True))

    run = run_import(path)

    assert run.error is None
    assert "0 created, 0 updated, 2 unchanged, 0 failed" in run.stdout
    again = list(Page.objects.type(CasePage, LessonPage).order_by("pk"))
    assert [p.pk for p in again] == [p.pk for p in pages]
    assert [
        (p.last_published_at, p.latest_revision_created_at, revisions(p)) for p in again
    ] == stamps
    assert list(PageViewRestriction.objects.values_list("pk", flat=True)) == restrictions


def test_changed_record_publishes_a_new_revision_of_the_same_page(utrecht, tmp_path):
    run_import(write_jsonl(tmp_path / "first.jsonl", [CASUSBLAD, LES]))
    case = CasePage.objects.get(external_id=CASUSBLAD["external_id"])
    lesson = LessonPage.objects.get(external_id=LES["external_id"])
    last_published = case.last_published_at

    changed = casusblad(
        title="Veilig op huisbezoek, herzien",
        themes=["zorg-en-veiligheid"],
        partner_municipalities=[],
        profile=None,
        visibility="public",
        published_at="2015-05-01",
    )
    run = run_import(write_jsonl(tmp_path / "second.jsonl", [changed, LES]))

    assert run.error is None
    assert "0 created, 1 updated, 1 unchanged, 0 failed" in run.stdout
    assert CasePage.objects.count() == 1
    updated = CasePage.objects.get(pk=case.pk)
    assert updated.title == "Veilig op huisbezoek, herzien"
    assert slugs(updated.themes) == {"zorg-en-veiligheid"}
    assert not updated.partner_municipalities.exists()
    assert updated.profile is None
    assert not is_members_only(updated)
    assert revisions(updated) == 2
    assert updated.live_revision_id == updated.latest_revision_id
    assert not updated.has_unpublished_changes
    assert updated.first_published_at == midnight("2015-05-01")
    assert updated.last_published_at > last_published
    # The unchanged les still points at the same casusblad.
    assert list(LessonPage.objects.get(pk=lesson.pk).related_cases.all()) == [updated]


def test_record_under_another_municipality_moves_the_page(utrecht, amersfoort, tmp_path):
    run_import(write_jsonl(tmp_path / "first.jsonl", [CASUSBLAD]))
    case = CasePage.objects.get(external_id=CASUSBLAD["external_id"])

    run = run_import(
        write_jsonl(tmp_path / "second.jsonl", [casusblad(municipality=amersfoort.cbs_code)])
    )

    assert run.error is None
    assert "1 updated" in run.stdout
    moved = CasePage.objects.get(pk=case.pk)
    assert moved.get_parent().pk == case_index_for(amersfoort).pk
    assert moved.municipality == amersfoort
    assert moved.url_path.startswith(case_index_for(amersfoort).url_path)
    assert CasePage.objects.count() == 1


def test_move_finds_a_free_slug_in_the_new_municipality(utrecht, amersfoort, make_case, tmp_path):
    taken = make_case(amersfoort, title=CASUSBLAD["title"])
    run_import(write_jsonl(tmp_path / "first.jsonl", [CASUSBLAD]))

    run = run_import(
        write_jsonl(tmp_path / "second.jsonl", [casusblad(municipality=amersfoort.cbs_code)])
    )

    assert run.error is None
    moved = CasePage.objects.get(external_id=CASUSBLAD["external_id"])
    assert moved.get_parent().pk == taken.get_parent().pk
    assert moved.slug != taken.slug
    assert moved.slug.startswith(taken.slug)


def test_dry_run_writes_nothing_and_says_what_would_happen(utrecht, tmp_path):
    def state():
        return (
            Page.objects.count(),
            Revision.objects.count(),
            PageViewRestriction.objects.count(),
            list(Page.objects.values_list("pk", "title", "last_published_at").order_by("pk")),
        )

    path = write_jsonl(tmp_path / "in.jsonl", [CASUSBLAD, LES])
    before = state()

    run = run_import(path, "--dry-run")

    assert run.error is None
    assert "dry run" in run.stdout
    assert "2 created, 0 updated, 0 unchanged, 0 failed" in run.stdout
    assert state() == before

    run_import(path)
    written = state()
    run = run_import(
        write_jsonl(tmp_path / "changed.jsonl", [casusblad(title="Nieuw"), LES]), "--dry-run"
    )
    assert "0 created, 1 updated, 1 unchanged" in run.stdout
    assert state() == written


def test_a_failure_while_saving_rolls_back_only_that_line(utrecht, tmp_path, monkeypatch):
    from cases.interchange import importer

    real = importer.set_members_only

    def failing(page, members_only):
        if page.external_id == "breekt":
            raise RuntimeError("disk full")
        real(page, members_only)

    monkeypatch.setattr(importer, "set_members_only", failing)
    terms_before = CasePage.themes.through.objects.count()
    # Amsterdam has no index yet: the failing line must not leave one behind either.
    broken = casusblad(external_id="breekt", municipality="GM0363")

    run = run_import(write_jsonl(tmp_path / "in.jsonl", [CASUSBLAD, broken, LES]))

    assert run.error is not None
    assert run.problems() == {2: "could not be saved: RuntimeError: disk full"}
    assert "2 created, 0 updated, 0 unchanged, 1 failed" in run.stdout
    assert set(CasePage.objects.values_list("external_id", flat=True)) == {"aef-2015-003"}
    assert LessonPage.objects.filter(external_id=LES["external_id"]).exists()
    assert not CaseIndexPage.objects.filter(municipality__cbs_code="GM0363").exists()
    assert (
        not Page.objects.filter(title=broken["title"])
        .exclude(pk=CasePage.objects.get().pk)
        .exists()
    )
    assert CasePage.themes.through.objects.count() == terms_before + len(CASUSBLAD["themes"])
    assert Revision.objects.filter(content__external_id="breekt").count() == 0


XSS_SECTIONS = {
    "context": "<p>Voor<script>alert('context')</script>na</p>",
    "approach": '<p>Plaatje<img src="x" onerror="alert(1)"></p>',
    "results": '<p><a href="javascript:alert(1)">klik</a></p>',
    "conditions": '<svg onload="alert(1)"><script>alert(2)</script></svg><p>Rest</p>',
    "working_elements": '<p><a href="JaVaScRiPt:alert(1)">hoofdletters</a></p>',
    "lessons": '<p onclick="alert(1)" style="x"><iframe src="https://evil.example"></iframe>'
    '<a href="https://example.org" onmouseover="alert(1)">goed</a></p>',
}


def test_html_is_sanitised_before_it_reaches_a_page(utrecht, tmp_path):
    record = casusblad(sections=XSS_SECTIONS)
    lesson = les(body='<p>Tekst</p><script>alert(1)</script><a href=" jaVascript:x">a</a>')

    run = run_import(write_jsonl(tmp_path / "in.jsonl", [record, lesson]))

    assert run.error is None
    case = CasePage.objects.get(external_id=record["external_id"])
    stored = [
        getattr(case, name)
        for name in (
            "context",
            "approach",
            "results",
            "conditions",
            "working_elements",
            "lessons_learned",
        )
    ]
    stored.append(LessonPage.objects.get(external_id=lesson["external_id"]).body)
    for html in stored:
        lowered = html.lower()
        for needle in (
            "<script",
            "alert(",
            "onerror",
            "onload",
            "onclick",
            "onmouseover",
            "javascript:",
            "<svg",
            "<iframe",
            "<img",
            "style=",
        ):
            assert needle not in lowered, (needle, html)
    # The prose survives; only the dangerous parts go.
    assert case.context == "<p>Voorna</p>"
    assert case.results == "<p><a>klik</a></p>"
    assert case.working_elements == "<p><a>hoofdletters</a></p>"
    assert case.conditions == "<p>Rest</p>"
    assert case.lessons_learned == '<p><a href="https://example.org">goed</a></p>'


def test_plain_text_fields_lose_their_markup(utrecht, tmp_path):
    record = casusblad(
        title="<h1>Veilig</h1> op <script>alert(1)</script>huisbezoek",
        summary="&lt;script&gt;alert(1)&lt;/script&gt;Tom &amp; Jerry <b>samen</b>",
        contact={"name": "<img src=x onerror=alert(1)>Sanne", "role": "<i>Lead</i>", "email": ""},
    )

    run = run_import(write_jsonl(tmp_path / "in.jsonl", [record]))

    assert run.error is None
    case = CasePage.objects.get(external_id=record["external_id"])
    assert case.title == "Veilig op huisbezoek"
    assert case.summary == "Tom & Jerry samen"
    assert (case.contact_name, case.contact_role, case.contact_email) == ("Sanne", "Lead", "")


def test_a_batch_finds_pages_by_own_and_generated_names(utrecht, make_case):
    from cases.interchange.identity import find_pages

    admin_made = make_case(utrecht, title="Zonder eigen id")
    other_admin_made = make_case(utrecht, title="Ook zonder eigen id")
    imported = make_case(utrecht, title="Met eigen id", external_id="partner-1")
    # An own external_id that looks generated wins over the page of that pk, as
    # find_page() has always resolved it.
    lookalike = make_case(
        utrecht, title="Lijkt gegenereerd", external_id=f"kennisbank-{other_admin_made.pk}"
    )
    names = [
        f"kennisbank-{admin_made.pk}",
        "partner-1",
        f"kennisbank-{imported.pk}",  # has an id of its own: not by its pk
        f"kennisbank-{other_admin_made.pk}",
        "",
        "nergens",
    ]

    found = find_pages(CasePage.objects.all(), names)

    assert {name: page.pk for name, page in found.items()} == {
        f"kennisbank-{admin_made.pk}": admin_made.pk,
        "partner-1": imported.pk,
        f"kennisbank-{other_admin_made.pk}": lookalike.pk,
    }
