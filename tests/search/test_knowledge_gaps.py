"""The knowledge-gaps report: weekly figures, the top queries, the page and who sees it."""

import datetime
import re

import pytest
from django.urls import reverse

from search.knowledge_gaps import top_queries, week_start, weekly_counts
from search.query_log_models import SearchQuery
from search.svg_chart import bar_chart, nice_maximum

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 2)  # a Wednesday of ISO week 49
MONDAY = datetime.date(2026, 11, 30)


def searches(query: str, results: int, day: datetime.date, times: int = 1) -> None:
    SearchQuery.objects.bulk_create(
        SearchQuery(query=query, results=results, day=day) for _ in range(times)
    )


@pytest.fixture
def logged():
    searches("mantelzorg platteland", 0, TODAY, times=3)
    searches("leerkring", 0, MONDAY, times=2)
    searches("leerkring", 2, MONDAY)  # a low result
    searches("wmo", 40, TODAY, times=5)  # enough results: not a gap
    searches("schuldhulp jongeren", 1, MONDAY - datetime.timedelta(days=1), times=4)  # week 48
    searches("oud", 0, MONDAY - datetime.timedelta(weeks=12))  # outside the 12 weeks


def test_weekly_counts_per_iso_week_with_empty_weeks(logged):
    weeks = weekly_counts(today=TODAY)
    assert len(weeks) == 12
    assert weeks[-1].start == MONDAY and weeks[-1].iso_week == 49
    assert weeks[0].start == MONDAY - datetime.timedelta(weeks=11)
    assert (weeks[-1].zero, weeks[-1].low) == (5, 1)
    assert (weeks[-2].zero, weeks[-2].low) == (0, 4)
    assert all((week.zero, week.low) == (0, 0) for week in weeks[:-2])


def test_top_queries_of_a_week(logged):
    zero = top_queries(MONDAY, zero=True)
    assert [(row.query, row.searches) for row in zero] == [
        ("mantelzorg platteland", 3),
        ("leerkring", 2),
    ]
    low = top_queries(MONDAY, zero=False)
    assert [(row.query, row.searches, row.most_results) for row in low] == [("leerkring", 1, 2)]
    assert top_queries(MONDAY - datetime.timedelta(weeks=1), zero=False)[0].searches == 4


def test_week_start_is_monday():
    assert week_start(TODAY) == MONDAY
    assert week_start(MONDAY) == MONDAY


def test_chart_geometry_scales_to_a_round_maximum():
    assert [nice_maximum(n) for n in (0, 1, 3, 5, 9, 37, 120)] == [4, 4, 4, 8, 20, 40, 200]
    chart = bar_chart(["a", "b"], [[4, 0], [2, 1]], ["#a", "#b"])
    zero_a, low_a = chart.groups[0].bars
    assert zero_a.height == 2 * low_a.height
    assert zero_a.y + zero_a.height == chart.baseline
    assert chart.groups[1].bars[0].height == 0
    assert [line.value for line in chart.grid] == [0, 1, 2, 3, 4]


def report_url() -> str:
    return reverse("search_knowledge_gaps")


def test_the_report_shows_chart_table_and_top_queries_without_scripts(
    moderator, client, logged, monkeypatch
):
    monkeypatch.setattr("search.gaps_report.timezone.localdate", lambda: TODAY)
    client.force_login(moderator)
    response = client.get(report_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kennislacunes" in html
    start = html.index('<svg class="kb-chart"')
    svg = html[start : html.index("</svg>", start)]
    assert 'role="img"' in svg and '<title id="kb-chart-title">' in svg and "<desc" in svg
    # Coordinates use a decimal point whatever the language (nl writes 1,5).
    assert not re.search(r'(x|y|width|height)="\d+,\d', svg)
    assert "Zoekvragen per week" in html  # the data table beside the chart
    assert "mantelzorg platteland" in html and "leerkring" in html
    main = html[html.index('<div class="kb-gaps">') :]
    assert "<script" not in main and "style=" not in main
    # Another week, chosen by any of its days.
    response = client.get(report_url(), {"week": "2026-11-25"})
    assert "schuldhulp jongeren" in response.content.decode()
    assert "mantelzorg platteland" not in response.content.decode()
    assert client.get(report_url(), {"week": "kapot"}).status_code == 200


def test_queries_are_html_escaped(moderator, client):
    searches("<script>alert(1)</script>", 0, datetime.date.today())
    client.force_login(moderator)
    html = client.get(report_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# Wagtail sends a user without admin access to the login, one without the permission
# back to the dashboard with a "no permission" message.
REPORT_MATRIX = {"member": "/login/", "editor_a": "/admin/", "moderator": 200, "superuser": 200}


@pytest.mark.parametrize("role", REPORT_MATRIX)
def test_only_the_kennisredactie_reads_the_report(role, request, client, setup_editors):
    user = request.getfixturevalue("admin_user" if role == "superuser" else role)
    client.force_login(user)
    response = client.get(report_url())
    expected = REPORT_MATRIX[role]
    if expected == 200:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].split("?")[0].endswith(expected)
    if role != "member":
        dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
        assert (report_url() in dashboard) is (expected == 200)


def test_anonymous_is_sent_to_the_login(client):
    response = client.get(report_url())
    assert response.status_code == 302 and "/login/" in response["Location"]
