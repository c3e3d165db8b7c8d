"""The dashboard's figures against the hand-computed month (tests.insights.exchange_fixtures)."""

from __future__ import annotations

import datetime

import pytest

from insights import metrics
from insights.charts import histogram
from insights.dashboard import FIRST_ANSWER_EDGES, build
from tests.insights.exchange_fixtures import NOVEMBER

pytestmark = pytest.mark.django_db


def test_question_figures(exchange, dashboard_today):
    figures = metrics.question_figures(NOVEMBER)
    assert (figures.asked, figures.answered, figures.overdue, figures.rerouted) == (5, 3, 1, 1)
    assert figures.answer_rate == pytest.approx(0.6)


def test_rerouted_are_the_invitations_the_loop_replaced(exchange):
    rerouted = metrics.rerouted_invitations()
    assert [(i.question_id, i.municipality.name) for i in rerouted] == [
        (exchange["q2"].pk, "Zwolle")
    ]


def test_first_answer_times_median_and_p90(exchange):
    times = metrics.first_answer_times(NOVEMBER)
    assert sorted(times.days) == [0.25, 2.0, 8.0]
    assert times.median == 2.0
    assert times.p90 == 8.0


def test_ratings(exchange):
    ratings = metrics.rating_figures(NOVEMBER)
    assert (ratings.helpful, ratings.not_helpful, ratings.helpful_share) == (1, 1, 0.5)


def test_reminders_and_alerts_sent_in_the_period(exchange):
    figures = metrics.follow_up_figures(NOVEMBER)
    assert (figures.reminders, figures.escalations) == (2, 1)


def test_invitations_per_municipality_and_gini(exchange, dashboard_today):
    loads = metrics.municipality_loads(NOVEMBER)
    assert [
        (row.name, row.invitations, row.answered, row.declined, row.expired, row.overdue)
        for row in loads
    ] == [
        ("Zwolle", 4, 1, 1, 1, 0),
        ("Utrecht", 3, 2, 0, 0, 1),
        ("Amersfoort", 0, 0, 0, 0, 0),
    ]
    assert metrics.gini([row.invitations for row in loads]) == pytest.approx(8 / 21)


def test_unanswered_themes(exchange):
    themes = metrics.unanswered_themes(NOVEMBER)
    assert [(row.name, row.asked, row.unanswered) for row in themes] == [
        ("Inkomen en schulden", 2, 1)
    ]


def test_zero_result_searches_reuse_the_knowledge_gaps_query(exchange):
    rows = metrics.zero_result_searches(NOVEMBER)
    assert [(row.query, row.searches) for row in rows] == [
        ("mantelzorg platteland", 3),
        ("=HYPERLINK(1)", 1),
    ]


def test_a_period_without_questions_has_no_rates(exchange, dashboard_today):
    empty = metrics.Period(datetime.date(2025, 1, 1), datetime.date(2025, 1, 31))
    assert metrics.question_figures(empty).answer_rate is None
    assert metrics.first_answer_times(empty).median is None
    assert metrics.first_answer_times(empty).p90 is None
    assert metrics.rating_figures(empty).helpful_share is None


@pytest.mark.parametrize(
    ("loads", "expected"),
    [([5, 5, 5, 5], 0.0), ([0, 0, 0, 8], 0.75), ([0, 3, 4], 8 / 21), ([], None), ([0, 0], None)],
)
def test_gini(loads, expected):
    assert metrics.gini(loads) == (expected if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(
    ("values", "percent", "expected"),
    [([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9), ([4], 90, 4), ([3, 1, 2], 50, 2), ([], 90, None)],
)
def test_nearest_rank_percentile(values, percent, expected):
    assert metrics.percentile(values, percent) == expected


def test_histogram_bins_are_half_open_and_the_last_is_open_ended():
    labels = ["a", "b", "c", "d", "e"]
    bins = histogram([0.25, 1.0, 2.0, 8.0, 14.0, 40.0], FIRST_ANSWER_EDGES, labels)
    assert [b.count for b in bins] == [1, 1, 1, 1, 2]


def test_the_whole_dashboard_takes_a_fixed_handful_of_queries(
    exchange, dashboard_today, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):  # one aggregate per figure
        dashboard = build(NOVEMBER, every_municipality=True)
    assert dashboard.table("gemeenten").rows[0][0] == "Zwolle"
