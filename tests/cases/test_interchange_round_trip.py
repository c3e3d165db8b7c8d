"""Export, empty the database, import: the same pages come back. And the shipped demo file."""

import json
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import Revision
from wagtail.rich_text import expand_db_html

from cases.models import CaseIndexPage, CasePage, LessonPage
from cases.rich_text import sanitise_html
from cases.visibility import is_members_only
from tests.cases.test_interchange_support import DEMO_FILE, run_export, run_import

pytestmark = pytest.mark.django_db

SECTIONS = ["context", "approach", "results", "conditions", "working_elements", "lessons_learned"]


def name(page) -> str:
    return page.external_id or f"kennisbank-{page.pk}"


def portable(html: str) -> str:
    """Rich text as any copy of it must read: internal links resolved, editor noise gone."""
    return sanitise_html(expand_db_html(html))


def published(page) -> str:
    return page.first_published_at.astimezone(ZoneInfo("Europe/Amsterdam")).date().isoformat()


def model_state() -> dict[str, dict]:
    """Everything the interchange file carries, read straight from the models."""
    state = {}
    for page in CasePage.objects.all():
        state[name(page)] = {
            "title": page.title,
            "summary": page.summary,
            "municipality": page.municipality.cbs_code,
            "parent": page.get_parent().specific.municipality.cbs_code,
            "partners": sorted(page.partner_municipalities.values_list("cbs_code", flat=True)),
            "themes": sorted(page.themes.values_list("slug", flat=True)),
            "decentralisations": sorted(page.decentralisations.values_list("slug", flat=True)),
            "risks": sorted(page.risks.values_list("slug", flat=True)),
            "opportunities": sorted(page.opportunities.values_list("slug", flat=True)),
            "profile": page.profile.slug if page.profile else None,
            "sections": [portable(getattr(page, section)) for section in SECTIONS],
            "period": (page.period_start, page.period_end),
            "status": page.status,
            "contact": (page.contact_name, page.contact_role, page.contact_email),
            "members_only": is_members_only(page),
            "published": published(page),
            "live": page.live,
        }
    for page in LessonPage.objects.all():
        state[name(page)] = {
            "title": page.title,
            "summary": page.summary,
            "municipality": page.municipality.cbs_code,
            "themes": sorted(page.themes.values_list("slug", flat=True)),
            "body": portable(page.body),
            "related": sorted(name(case) for case in page.related_cases.all()),
            "members_only": is_members_only(page),
            "published": published(page),
            "live": page.live,
        }
    return state


def delete_all_pages() -> None:
    for index in CaseIndexPage.objects.all():
        index.delete()


def test_export_then_import_into_an_empty_database_gives_the_same_pages(
    utrecht, amersfoort, make_case, make_lesson, tmp_path
):
    assert run_import(DEMO_FILE).error is None
    # Pages written in the admin, without external_id, with an internal link.
    target = CasePage.objects.get(external_id="demo-cb-001")
    editor_case = make_case(
        amersfoort,
        members_only=True,
        context=f'<p data-block-key="k1">Zie <a linktype="page" id="{target.pk}">dit</a>.</p>',
    )
    make_lesson(utrecht, cases=[editor_case, target])
    before = model_state()
    exported = run_export()
    path = tmp_path / "export.jsonl"
    path.write_text(exported, encoding="utf-8")

    delete_all_pages()
    assert not CasePage.objects.exists() and not LessonPage.objects.exists()
    run = run_import(path)

    assert run.error is None
    assert f"{len(before)} created, 0 updated, 0 unchanged, 0 failed" in run.stdout
    assert model_state() == before
    # The second export differs only where the first carried editor markup.
    assert exported_lines(run_export()) == exported_lines(exported)


def exported_lines(text: str) -> list[dict]:
    lines = [json.loads(line) for line in text.splitlines()]
    for line in lines:
        for key, html in line.get("sections", {}).items():
            line["sections"][key] = sanitise_html(html)
        if "body" in line:
            line["body"] = sanitise_html(line["body"])
    return lines


def demo_records() -> list[dict]:
    return [json.loads(line) for line in DEMO_FILE.read_text(encoding="utf-8").splitlines()]


def test_demo_file_imports_cleanly_and_then_is_unchanged(municipalities, tmp_path):
    records = demo_records()

    run = run_import(DEMO_FILE)

    assert run.error is None, run.report
    assert "70 created, 0 updated, 0 unchanged, 0 failed" in run.stdout
    assert CasePage.objects.count() == 34
    assert LessonPage.objects.count() == 36
    state = model_state()
    for record in records:
        page = state[record["external_id"]]
        assert page["title"] == record["title"]
        assert page["summary"] == record["summary"]
        assert page["municipality"] == record["municipality"]
        assert page["themes"] == sorted(record["themes"])
        assert page["members_only"] == (record["visibility"] == "members")
        assert page["published"] == record["published_at"]
        assert page["live"]
        if record["type"] == "casusblad":
            assert page["partners"] == sorted(record["partner_municipalities"])
            assert page["risks"] == sorted(record["risks"])
            assert page["profile"] == record["profile"]
            assert page["sections"][0] == record["sections"]["context"]
            assert page["sections"][-1] == record["sections"]["lessons"]
            assert page["status"] == record["status"]
            assert page["contact"][2] == record["contact"]["email"]
        else:
            assert page["body"] == record["body"]
            assert page["related"] == sorted(record["related_cases"])
    revisions = Revision.objects.count()

    again = run_import(DEMO_FILE)

    assert again.error is None
    assert "0 created, 0 updated, 70 unchanged, 0 failed" in again.stdout
    assert Revision.objects.count() == revisions
