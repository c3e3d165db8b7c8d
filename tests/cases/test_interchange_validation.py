"""import_kennisbank: every bad line is reported by number, and only bad lines are skipped."""

import pytest
from wagtail.models import Page

from cases.models import CaseIndexPage, CasePage, LessonPage
from tests.cases.test_interchange_support import (
    casusblad,
    les,
    run_import,
    write_jsonl,
)

pytestmark = pytest.mark.django_db


def test_every_bad_line_is_reported_and_the_good_lines_are_written(utrecht, make_case, tmp_path):
    make_case(utrecht, external_id="db-case")
    no_start = casusblad(external_id="no-start", period={"end": "2016-01-01"})
    no_title = casusblad(external_id="no-title")
    del no_title["title"], no_title["summary"], no_title["status"]
    lines = [
        casusblad(external_id="good-1"),  # 1
        casusblad(external_id="bad-gm", municipality="GM9999"),  # 2
        casusblad(
            external_id="bad-slugs",
            themes=["jeugdhulp", "breiwerk"],
            risks=["onbegrip", "meteoriet"],
            profile="pro-actief-ish",
            partner_municipalities=["GM0307", "GM0000"],
        ),  # 3
        no_title,  # 4
        no_start,  # 5
        casusblad(external_id="bad-types", title=42, themes="jeugdhulp", sections=["x"]),  # 6
        {"external_id": "bad-type", "type": "blog", "title": "x"},  # 7
        casusblad(
            external_id="bad-date", period={"start": "2015-02-30", "end": None}, status="lopend"
        ),  # 8
        casusblad(external_id="bad-order", period={"start": "2016-01-01", "end": "2015-12-31"}),
        '{"external_id": "broken", "type": "les",',  # 10
        casusblad(external_id="long", summary="x" * 501),  # 11
        casusblad(external_id="bad-mail", contact={"email": "sanne at example.org"}),  # 12
        les(external_id="les-bad-ref", related_cases=["good-1", "nergens"]),  # 13
        casusblad(external_id="extra", colour="red", sections={"intro": "<p>x</p>"}),  # 14
        les(external_id="les-good", related_cases=["good-1", "db-case"]),  # 15
        les(external_id="les-forward", related_cases=["good-2"]),  # 16
        casusblad(external_id="good-2", municipality="GM0307"),  # 17
        "",  # 18: blank lines are allowed
        casusblad(external_id="good-1", title="Nog een keer"),  # 19
        # 20: finished with an unknown end is valid (the format's own example)
        casusblad(external_id="open-end", status="afgerond", period={"start": "2015-01-01"}),
        les(external_id="db-case", related_cases=["good-1"]),  # 21
        les(external_id="les-on-failed", related_cases=["bad-gm"]),  # 22
        "[1, 2, 3]",  # 23
        casusblad(external_id="bad-visibility", visibility="everyone", published_at="gisteren"),
    ]

    run = run_import(write_jsonl(tmp_path / "in.jsonl", lines))

    assert run.error is not None
    problems = run.problems()
    assert sorted(problems) == [
        2,
        3,
        4,
        5,
        6,
        7,
        8,
        9,
        10,
        11,
        12,
        13,
        14,
        16,
        19,
        21,
        22,
        23,
        24,
    ]
    expected = {
        2: ["unknown municipality code 'GM9999'"],
        3: [
            "unknown slug 'breiwerk' in 'themes'",
            "unknown slug 'meteoriet' in 'risks'",
            "unknown slug 'pro-actief-ish' in 'profile'",
            "unknown municipality code 'GM0000' in 'partner_municipalities'",
        ],
        4: [
            "missing required field 'title'",
            "missing required field 'summary'",
            "missing required field 'status'",
        ],
        5: ["missing required field 'period.start'"],
        6: [
            "'title' must be a string, not a number",
            "'themes' must be a list of strings, not a string",
            "'sections' must be an object, not a list",
        ],
        7: ["unknown type 'blog'"],
        8: ["'period.start' is not a date (YYYY-MM-DD): '2015-02-30'"],
        9: ["'period.end' (2015-12-31) is before 'period.start' (2016-01-01)"],
        10: ["malformed JSON"],
        11: ["'summary' is 501 characters long, at most 500 allowed"],
        12: ["'contact.email' is not a valid e-mail address: 'sanne at example.org'"],
        13: ["unknown related case 'nergens'"],
        14: ["unknown key 'colour'", "unknown key 'sections.intro'"],
        16: ["unknown related case 'good-2'"],
        19: ["external_id 'good-1' already used on line 1"],
        21: ["external_id 'db-case' belongs to an existing casusblad, not a les"],
        22: ["unknown related case 'bad-gm'"],
        23: ["a line must be a JSON object, not a list"],
        24: [
            "'visibility' must be one of members, public, not 'everyone'",
            "'published_at' is not a date (YYYY-MM-DD): 'gisteren'",
        ],
    }
    for number, reasons in expected.items():
        for reason in reasons:
            assert reason in problems[number], (number, reason, problems[number])
        # No reason is invented beyond the ones the line deserves.
        assert problems[number].count("; ") == len(reasons) - 1, problems[number]

    assert 20 not in problems
    assert "4 created, 0 updated, 0 unchanged, 19 failed" in run.stdout
    assert set(CasePage.objects.values_list("external_id", flat=True)) == {
        "db-case",
        "good-1",
        "good-2",
        "open-end",
    }
    assert set(LessonPage.objects.values_list("external_id", flat=True)) == {"les-good"}
    assert set(
        LessonPage.objects.get(external_id="les-good").related_cases.values_list(
            "external_id", flat=True
        )
    ) == {"good-1", "db-case"}
    # The first good-1 line won; the duplicate on line 19 changed nothing.
    assert CasePage.objects.get(external_id="good-1").title != "Nog een keer"


def test_a_line_that_is_not_utf8_is_reported_alone(utrecht, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        b'{"external_id": "latin", "title": "caf\xe9"}\n'
        + write_jsonl(tmp_path / "good.jsonl", [casusblad()]).read_bytes()
    )

    run = run_import(path)

    assert list(run.problems()) == [1]
    assert "not UTF-8" in run.problems()[1]
    assert CasePage.objects.count() == 1


def test_summary_length_counts_the_stored_text(utrecht, tmp_path):
    fits = casusblad(external_id="fits", summary="<p>" + "x" * 500 + "</p>")
    too_long = casusblad(external_id="too-long", summary="x" * 500 + "&amp;")

    run = run_import(write_jsonl(tmp_path / "in.jsonl", [fits, too_long]))

    assert list(run.problems()) == [2]
    assert len(CasePage.objects.get(external_id="fits").summary) == 500


def test_text_that_is_only_markup_counts_as_missing(utrecht, tmp_path):
    run = run_import(
        write_jsonl(
            tmp_path / "in.jsonl",
            [
                casusblad(title="<script>alert(1)</script>"),
                les(
                    external_id="empty-body",
                    body="<p><img src=x onerror=alert(1)></p>",
                    related_cases=[],
                ),
            ],
        )
    )

    assert run.problems() == {
        1: "'title' is empty",
        2: "'body' has no text after removing disallowed HTML",
    }


def test_nothing_of_a_rejected_line_is_written(utrecht, tmp_path):
    pages_before = Page.objects.count()
    # Amsterdam's index would be created by a good line; a bad one must not create it.
    bad = casusblad(municipality="GM0363", themes=["bestaat-niet"])

    run = run_import(write_jsonl(tmp_path / "in.jsonl", [bad]))

    assert list(run.problems()) == [1]
    assert "0 created, 0 updated, 0 unchanged, 1 failed" in run.stdout
    assert Page.objects.count() == pages_before
    assert not CaseIndexPage.objects.filter(municipality__cbs_code="GM0363").exists()


def test_long_files_report_progress(utrecht, tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [casusblad()] + [""] * 249)

    run = run_import(path)

    assert run.error is None
    progress = [line for line in run.stderr.splitlines() if "lines read" in line]
    assert progress == [
        "100 lines read: 1 created, 0 updated, 0 unchanged, 0 failed",
        "200 lines read: 1 created, 0 updated, 0 unchanged, 0 failed",
    ]


def test_an_unreadable_file_is_an_error(tmp_path, db):
    run = run_import(tmp_path / "missing.jsonl")

    assert run.error is not None
    assert "cannot read" in str(run.error)


def test_lines_python_refuses_to_read_are_reported_too(utrecht, tmp_path):
    run = run_import(
        write_jsonl(
            tmp_path / "in.jsonl",
            [
                "[" * 100_000,
                '{"external_id": "x", "type": "les", "summary": ' + "1" * 5000 + "}",
                {"external_id": "y", "type": ["les"]},
                {"external_id": "z"},
                casusblad(),
            ],
        )
    )

    problems = run.problems()
    assert sorted(problems) == [1, 2, 3, 4]
    assert problems[1].startswith("malformed JSON")
    assert problems[2].startswith("malformed JSON")
    assert problems[3] == "unknown type '[\"les\"]' (expected casusblad or les)"
    assert problems[4] == "missing required field 'type'"
    assert CasePage.objects.count() == 1
