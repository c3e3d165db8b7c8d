import datetime

import pytest

from questions.working_days import (
    add_working_days,
    easter_sunday,
    holidays,
    is_working_day,
    working_days_between,
)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, datetime.date(2024, 3, 31)),
        (2025, datetime.date(2025, 4, 20)),
        (2026, datetime.date(2026, 4, 5)),
        (2027, datetime.date(2027, 3, 28)),
        (2038, datetime.date(2038, 4, 25)),
    ],
)
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == easter


def test_holidays_of_2026_follow_the_cao_gemeenten():
    assert sorted(holidays(2026)) == [
        datetime.date(2026, 1, 1),
        datetime.date(2026, 4, 6),  # Easter Monday
        datetime.date(2026, 4, 27),  # King's Day
        datetime.date(2026, 5, 5),  # Liberation Day
        datetime.date(2026, 5, 14),  # Ascension Day
        datetime.date(2026, 5, 25),  # Whit Monday
        datetime.date(2026, 12, 25),
        datetime.date(2026, 12, 26),
    ]


def test_kings_day_on_a_sunday_moves_to_saturday():
    assert datetime.date(2025, 4, 26) in holidays(2025)
    assert datetime.date(2025, 4, 27) not in holidays(2025)


def test_ten_working_days_skip_weekends_and_christmas():
    # Thursday 17 December 2026: the 10th working day skips two weekends,
    # both Christmas days and New Year's Day.
    assert add_working_days(datetime.date(2026, 12, 17), 10) == datetime.date(2027, 1, 4)
    assert not is_working_day(datetime.date(2026, 12, 26))
    assert is_working_day(datetime.date(2026, 12, 28))


def test_working_days_between_is_the_inverse_of_adding():
    start = datetime.date(2026, 4, 1)
    for days in range(0, 30):
        end = add_working_days(start, days)
        assert working_days_between(start, end) == days
        assert working_days_between(end, start) == -days
