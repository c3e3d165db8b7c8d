"""Working days in Dutch local government: what a "wanted by" date and a due date count.

A question asked on a Friday before Easter must not lose four of its ten days to
the weekend and the holidays, so deadlines are counted in working days. The
holidays are those of the CAO Gemeenten (the collective agreement of municipal
staff): New Year's Day, Easter Monday, King's Day, Liberation Day (every year for
municipal staff, not only in lustrum years), Ascension Day, Whit Monday and the two
Christmas days. Good Friday is not a day off under that agreement. Easter Sunday
and Whit Sunday are Sundays anyway.
"""

from __future__ import annotations

import datetime
from functools import cache

from django.utils import timezone

DEFAULT_WANTED_WITHIN = 10  # working days a question gets unless the asker says otherwise


def easter_sunday(year: int) -> datetime.date:
    """Gregorian Easter (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


@cache
def holidays(year: int) -> frozenset[datetime.date]:
    easter = easter_sunday(year)
    kings_day = datetime.date(year, 4, 27)
    if kings_day.weekday() == 6:  # on a Sunday it moves to the Saturday before
        kings_day -= datetime.timedelta(days=1)
    return frozenset(
        {
            datetime.date(year, 1, 1),
            easter + datetime.timedelta(days=1),
            kings_day,
            datetime.date(year, 5, 5),
            easter + datetime.timedelta(days=39),  # Ascension Day
            easter + datetime.timedelta(days=50),  # Whit Monday
            datetime.date(year, 12, 25),
            datetime.date(year, 12, 26),
        }
    )


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``start`` (``start`` itself not counted)."""
    day = start
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if end is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(
        is_working_day(start + datetime.timedelta(days=offset))
        for offset in range(1, (end - start).days + 1)
    )


def default_wanted_by() -> datetime.date:
    return add_working_days(timezone.localdate(), DEFAULT_WANTED_WITHIN)
