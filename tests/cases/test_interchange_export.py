"""export_kennisbank: the file format, its order, and what is left out."""

import json
from zoneinfo import ZoneInfo

import pytest

from cases.models import CasePage, LessonPage
from tests.cases.test_interchange_support import run_export, run_import, write_jsonl

pytestmark = pytest.mark.django_db

CASUSBLAD_KEYS = [
    "external_id",
    "type",
    "title",
    "summary",
    "municipality",
    "partner_municipalities",
    "themes",
    "decentralisations",
    "risks",
    "opportunities",
    "profile",
    "sections",
    "period",
    "status",
    "contact",
    "visibility",
    "published_at",
]
SECTION_KEYS = ["context", "approach", "results", "conditions", "working_elements", "lessons"]
LES_KEYS = [
    "external_id",
    "type",
    "title",
    "summary",
    "municipality",
    "themes",
    "body",
    "related_cases",
    "visibility",
    "published_at",
]


def exported() -> list[dict]:
    return [json.loads(line) for line in run_export().splitlines()]


def local_date(page) -> str:
    return page.first_published_at.astimezone(ZoneInfo("Europe/Amsterdam")).date().isoformat()


def test_export_writes_the_spec_keys_and_values(utrecht, amersfoort, make_case, make_lesson):
    case = make_case(utrecht, external_id="c-1", members_only=True, lessons_learned="<p>Les</p>")
    case.partner_municipalities.set([amersfoort])
    case.save_revision().publish()
    lesson = make_lesson(amersfoort, external_id="l-1", cases=[case])

    first, second = exported()

    assert list(first) == CASUSBLAD_KEYS
    assert list(first["sections"]) == SECTION_KEYS
    assert list(first["period"]) == ["start", "end"]
    assert list(first["contact"]) == ["name", "role", "email"]
    assert first == {
        "external_id": "c-1",
        "type": "casusblad",
        "title": case.title,
        "summary": case.summary,
        "municipality": "GM0344",
        "partner_municipalities": ["GM0307"],
        "themes": ["jeugdhulp"],
        "decentralisations": [],
        "risks": [],
        "opportunities": [],
        "profile": None,
        "sections": {
            "context": case.context,
            "approach": case.approach,
            "results": "",
            "conditions": "",
            "working_elements": "",
            "lessons": "<p>Les</p>",
        },
        "period": {"start": "2016-01-01", "end": "2018-12-31"},
        "status": "afgerond",
        "contact": {
            "name": case.contact_name,
            "role": case.contact_role,
            "email": case.contact_email,
        },
        "visibility": "members",
        "published_at": local_date(CasePage.objects.get(pk=case.pk)),
    }
    assert list(second) == LES_KEYS
    assert second == {
        "external_id": "l-1",
        "type": "les",
        "title": lesson.title,
        "summary": lesson.summary,
        "municipality": "GM0307",
        "themes": ["jeugdhulp"],
        "body": lesson.body,
        "related_cases": ["c-1"],
        "visibility": "public",
        "published_at": local_date(LessonPage.objects.get(pk=lesson.pk)),
    }


def test_casusbladen_come_first_each_ordered_by_external_id(utrecht, make_case, make_lesson):
    without_id = make_case(utrecht, title="Zonder kenmerk")
    b = make_case(utrecht, title="B", external_id="b")
    a = make_case(utrecht, title="A", external_id="a")
    make_lesson(utrecht, title="Les Z", external_id="z", cases=[without_id, b])
    make_lesson(utrecht, title="Les Y", external_id="y", cases=[a])

    lines = exported()

    assert [(line["type"], line["external_id"]) for line in lines] == [
        ("casusblad", "a"),
        ("casusblad", "b"),
        ("casusblad", f"kennisbank-{without_id.pk}"),
        ("les", "y"),
        ("les", "z"),
    ]
    assert lines[-1]["related_cases"] == ["b", f"kennisbank-{without_id.pk}"]


def test_drafts_are_left_out_and_not_referred_to(utrecht, make_case, make_lesson):
    live = make_case(utrecht, external_id="live")
    draft = make_case(utrecht, external_id="draft", title="Concept")
    draft.unpublish()
    make_lesson(utrecht, external_id="les", cases=[live, draft])

    lines = exported()

    assert [line["external_id"] for line in lines] == ["live", "les"]
    assert lines[1]["related_cases"] == ["live"]


def test_internal_links_are_written_as_real_links(utrecht, make_case):
    target = make_case(utrecht, external_id="target", title="Doel")
    make_case(
        utrecht,
        external_id="source",
        title="Bron",
        context=f'<p>Zie <a linktype="page" id="{target.pk}">het doel</a>.</p>',
    )

    source = next(line for line in exported() if line["external_id"] == "source")

    assert "linktype" not in source["sections"]["context"]
    assert f'href="{target.url}"' in source["sections"]["context"]


def test_output_file_holds_what_stdout_would(utrecht, make_case, make_lesson, tmp_path):
    make_lesson(utrecht, external_id="les", cases=[make_case(utrecht, external_id="case")])
    target = tmp_path / "export.jsonl"

    run_export("--output", str(target))

    assert target.read_text(encoding="utf-8") == run_export()
    assert not (tmp_path / "export.jsonl.partial").exists()


def test_an_export_imports_again_as_unchanged(utrecht, make_case, make_lesson, tmp_path):
    """Including editor-made pages: no external_id, Draftail's block keys, internal links."""
    target = make_case(utrecht, title="Doel")
    make_case(
        utrecht,
        title="Bron",
        context=(
            '<p data-block-key="a1b2c">Zie <a linktype="page" id="'
            f'{target.pk}">het doel</a> &amp; meer.</p>'
        ),
    )
    make_lesson(utrecht, cases=[target], members_only=True)
    pages_before = CasePage.objects.count()
    path = tmp_path / "export.jsonl"
    path.write_text(run_export(), encoding="utf-8")

    run = run_import(path)

    assert run.error is None
    assert "0 created, 0 updated, 3 unchanged, 0 failed" in run.stdout
    assert CasePage.objects.count() == pages_before

    # A changed line of an editor-made page updates that page, found by its generated id.
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    changed = next(line for line in lines if line["external_id"] == f"kennisbank-{target.pk}")
    changed["title"] = "Doel, herzien"
    run = run_import(write_jsonl(tmp_path / "changed.jsonl", lines))
    assert "0 created, 1 updated, 2 unchanged" in run.stdout
    assert CasePage.objects.get(pk=target.pk).title == "Doel, herzien"
