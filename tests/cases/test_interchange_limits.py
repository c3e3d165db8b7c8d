"""import_kennisbank: field limits, clean titles, honest reports and the cost of re-imports."""

import pytest

from cases.interchange.importer import import_lines
from cases.models import CasePage, LessonPage
from cases.models.limits import PARTNER_LIMIT, RICH_TEXT_LIMIT, SUMMARY_LIMIT
from municipalities.models import Municipality
from tests.cases.test_interchange_support import (
    CASUSBLAD,
    DEMO_FILE,
    casusblad,
    les,
    run_import,
    write_jsonl,
)

pytestmark = pytest.mark.django_db


def test_a_5_mb_section_is_refused_naming_the_field_and_the_limit(utrecht, tmp_path):
    huge = "<p>" + "x" * (5 * 1024 * 1024) + "</p>"
    just_over = "<p>" + "x" * (RICH_TEXT_LIMIT - 6) + "</p>"
    at_limit = "<p>" + "x" * (RICH_TEXT_LIMIT - 7) + "</p>"
    lines = [
        casusblad(external_id="huge", sections={"context": huge}),
        casusblad(external_id="over", sections={"approach": just_over}),
        les(external_id="les-over", body=just_over, related_cases=[]),
        casusblad(external_id="fits", sections={"results": at_limit}),
    ]

    run = run_import(write_jsonl(tmp_path / "in.jsonl", lines))

    limit = f"at most {RICH_TEXT_LIMIT} allowed"
    assert run.problems() == {
        1: f"'sections.context' is {len(huge)} characters long (HTML, markup included), {limit}",
        2: f"'sections.approach' is {RICH_TEXT_LIMIT + 1} characters long "
        f"(HTML, markup included), {limit}",
        3: f"'body' is {RICH_TEXT_LIMIT + 1} characters long (HTML, markup included), {limit}",
    }
    assert list(CasePage.objects.values_list("external_id", flat=True)) == ["fits"]
    assert len(CasePage.objects.get().results) == RICH_TEXT_LIMIT
    assert not LessonPage.objects.exists()


def test_text_and_list_limits_name_the_field(utrecht, tmp_path):
    codes = sorted(Municipality.objects.values_list("cbs_code", flat=True))
    lines = [
        casusblad(external_id="t", title="T" * 256),
        casusblad(external_id="s", summary="s" * (SUMMARY_LIMIT * 20)),
        casusblad(external_id="c", contact={"name": "n" * 121, "role": "r" * 121}),
        casusblad(external_id="p", partner_municipalities=codes[: PARTNER_LIMIT + 1]),
        casusblad(external_id="ok", partner_municipalities=codes[:PARTNER_LIMIT]),
    ]

    run = run_import(write_jsonl(tmp_path / "in.jsonl", lines))

    assert run.problems() == {
        1: "'title' is 256 characters long, at most 255 allowed",
        2: f"'summary' is {SUMMARY_LIMIT * 20} characters long, at most {SUMMARY_LIMIT} allowed",
        3: "'contact.name' is 121 characters long, at most 120 allowed; "
        "'contact.role' is 121 characters long, at most 120 allowed",
        4: f"'partner_municipalities' has {PARTNER_LIMIT + 1} values, "
        f"at most {PARTNER_LIMIT} allowed",
    }
    assert CasePage.objects.get(external_id="ok").partner_municipalities.count() == PARTNER_LIMIT


def test_titles_and_summaries_are_normalised(utrecht, tmp_path):
    record = casusblad(
        # Decomposed "é", a right-to-left override, an isolate and zero-width characters.
        title="Cafe\u0301\u200b-overleg \u202egnitsiolev\u202c \u2066x\u2069\ufeff",
        summary="Jeugd\u200chulp\u200d en \u200ewmo\u200f.",
    )

    run = run_import(write_jsonl(tmp_path / "in.jsonl", [record]))

    assert run.error is None
    case = CasePage.objects.get()
    assert case.title == "Caf\u00e9-overleg gnitsiolev x"
    assert case.draft_title == case.title
    assert case.summary == "Jeugdhulp en wmo."
    # Stored cleaned, the same line is unchanged on the next run.
    assert "1 unchanged" in run_import(write_jsonl(tmp_path / "in.jsonl", [record])).stdout


def test_a_line_cut_short_reports_the_column_where_it_ends(utrecht, tmp_path):
    cut = '{"external_id": "broken", "type": "les",'
    inner = '{"external_id": "x" "type": "les"}'

    run = run_import(write_jsonl(tmp_path / "in.jsonl", [cut, inner]))

    problems = run.problems()
    assert problems[1] == (
        "malformed JSON: Expecting property name enclosed in double quotes "
        f"at column {len(cut) + 1} (the end of the line: is it cut short?)"
    )
    assert problems[2] == "malformed JSON: Expecting ',' delimiter at column 21"


def test_the_failure_report_cannot_be_read_as_the_written_lines(utrecht, tmp_path):
    lines = [casusblad(), casusblad(external_id="bad", municipality="GM9999")]

    run = run_import(write_jsonl(tmp_path / "in.jsonl", lines))

    head, *rest = run.report.splitlines()
    assert head == (
        "1 line(s) failed and were NOT imported (every other line was); the failed lines:"
    )
    assert rest == ["  in.jsonl line 2: unknown municipality code 'GM9999'"]
    dry = run_import(write_jsonl(tmp_path / "in.jsonl", lines), "--dry-run")
    assert dry.report.splitlines()[0] == ("1 line(s) would fail (dry run, nothing was written):")


@pytest.mark.parametrize(
    ("content", "warning"),
    [("", "in.jsonl is empty"), ("\n  \n\n", "in.jsonl has only blank lines")],
)
def test_a_file_without_records_is_a_warning(db, tmp_path, content, warning):
    path = tmp_path / "in.jsonl"
    path.write_text(content, encoding="utf-8")

    run = run_import(path)

    assert run.error is None
    assert f"{warning}: no records, nothing imported." in run.stderr
    assert "0 created, 0 updated, 0 unchanged, 0 failed" in run.stdout


def test_a_file_with_records_gives_no_such_warning(utrecht, tmp_path):
    run = run_import(write_jsonl(tmp_path / "in.jsonl", [CASUSBLAD]))

    assert "no records" not in run.stderr


def test_reimporting_unchanged_lines_costs_a_constant_number_of_queries(
    municipalities, django_assert_max_num_queries
):
    lines = DEMO_FILE.read_text(encoding="utf-8").splitlines()
    assert import_lines(lines).failed == 0

    # The catalogue (4 queries), then per batch of lines one query per page type and
    # one per relation: nothing per line, however many lines there are.
    with django_assert_max_num_queries(15):
        again = import_lines(lines)

    assert again.summary() == f"0 created, 0 updated, {len(lines)} unchanged, 0 failed"
