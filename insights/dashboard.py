"""What the dashboard shows for a period and a reader: key figures, charts, tables.

The same figures serve the Kennisredactie in the admin and every member on the
site; only the per-municipality table differs. The Kennisredactie sees every
municipality's load (it follows up on who is asked too often or never answers);
a member sees the platform's totals and their own municipality's row, because
another municipality's record is not theirs to compare in public.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from insights import metrics
from insights.charts import Chart, chart, histogram
from insights.tables import Table, table
from municipalities.models import Municipality

# Days to the first answer, as bins: the same day, within the week, within the
# default ten working days (two weeks), later.
FIRST_ANSWER_EDGES = (0, 1, 2, 5, 14)
# Invitations a municipality received in the period.
LOAD_EDGES = (0, 1, 2, 4, 8, 16)
NO_FIGURE = "\N{EN DASH}"  # nothing to count yet (no question asked, none rated)


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class Dashboard:
    period: metrics.Period
    figures: tuple[KeyFigure, ...]
    summary: Table  # the key figures as a table, for screen readers and the CSV
    charts: tuple[tuple[Chart, Table], ...]
    tables: tuple[Table, ...]

    def table(self, slug: str) -> Table | None:
        every = [self.summary, *(pair[1] for pair in self.charts), *self.tables]
        return next((found for found in every if found.slug == slug), None)


def _percent(share: float | None) -> float | None:
    return None if share is None else round(100 * share, 1)


def _shown(value: float | None, suffix: str = "", decimals: int = 1) -> str:
    """A figure in the reader's language (a decimal comma in Dutch); a dash for none."""
    if value is None:
        return NO_FIGURE
    return f"{number_format(value, decimal_pos=decimals)}{suffix}"


def _first_answer(times: metrics.FirstAnswerTimes) -> tuple[Chart, Table]:
    labels = [
        _("same day"),
        _("1 day"),
        _("2 to 5 days"),
        _("5 to 14 days"),
        _("14 days or more"),
    ]
    bins = histogram(times.days, FIRST_ANSWER_EDGES, labels)
    drawn = chart(
        "eerste-antwoord",
        title=_("Time to first answer"),
        description=_(
            "Histogram of the days the %(count)d answered questions waited for their first "
            "answer. The table gives the figures."
        )
        % {"count": len(times.days)},
        x_title=_("days to the first answer"),
        y_title=_("questions"),
        labels=[b.label for b in bins],
        counts=[b.count for b in bins],
    )
    rows = [(b.label, b.count) for b in bins]
    return drawn, table(
        "eerste-antwoord",
        _("Questions by days to the first answer"),
        [_("Days to the first answer"), _("Questions")],
        rows,
        numeric=[1],
    )


def _load(loads: list[metrics.MunicipalityLoad]) -> tuple[Chart, Table]:
    labels = [_("none"), "1", _("2 to 3"), _("4 to 7"), _("8 to 15"), _("16 or more")]
    bins = histogram([load.invitations for load in loads], LOAD_EDGES, labels)
    drawn = chart(
        "belasting",
        title=_("How the invitations are spread"),
        description=_(
            "Histogram of how many invitations each of the %(count)d municipalities taking "
            "part received in the period. The table gives the figures."
        )
        % {"count": len(loads)},
        x_title=_("invitations received"),
        y_title=_("municipalities"),
        labels=[b.label for b in bins],
        counts=[b.count for b in bins],
    )
    return drawn, table(
        "belasting",
        _("Municipalities by invitations received"),
        [_("Invitations received"), _("Municipalities")],
        [(b.label, b.count) for b in bins],
        numeric=[1],
    )


def _municipalities(loads: list[metrics.MunicipalityLoad], *, caption: str) -> Table:
    return table(
        "gemeenten",
        caption,
        [
            _("Municipality"),
            _("Invitations"),
            _("Answered"),
            _("Declined"),
            _("Expired"),
            _("Overdue"),
        ],
        [
            (row.name, row.invitations, row.answered, row.declined, row.expired, row.overdue)
            for row in loads
        ],
        numeric=[1, 2, 3, 4, 5],
        empty_text=_("No invitations in this period."),
    )


def build(
    period: metrics.Period,
    *,
    every_municipality: bool,
    own: Municipality | None = None,
    today: datetime.date | None = None,
) -> Dashboard:
    """The dashboard for ``period``: per municipality for the Kennisredactie
    (``every_municipality``), else the totals and ``own`` municipality's row."""
    questions = metrics.question_figures(period, today)
    times = metrics.first_answer_times(period)
    ratings = metrics.rating_figures(period)
    follow_ups = metrics.follow_up_figures(period)
    loads = metrics.municipality_loads(period, today)
    load_gini = metrics.gini([load.invitations for load in loads])
    figures = (
        KeyFigure(_("Questions asked"), str(questions.asked)),
        KeyFigure(
            _("Answer rate"),
            _shown(_percent(questions.answer_rate), " %"),
            _("%(answered)d of %(asked)d answered") % vars(questions),
        ),
        KeyFigure(_("Median time to first answer"), _shown(times.median, _(" days"))),
        KeyFigure(_("90th percentile time to first answer"), _shown(times.p90, _(" days"))),
        KeyFigure(_("Overdue questions"), str(questions.overdue), _("unanswered, past wanted-by")),
        KeyFigure(_("Re-routed questions"), str(questions.rerouted)),
        KeyFigure(
            _("Reminders sent"),
            str(follow_ups.reminders),
            _("%(alerts)d times the Kennisredactie alerted") % {"alerts": follow_ups.escalations},
        ),
        KeyFigure(
            _("Gini of the invitation load"),
            _shown(load_gini, decimals=2),
            _("0: evenly shared, 1: one municipality carries all"),
        ),
        KeyFigure(
            _("Rated helpful"),
            _shown(_percent(ratings.helpful_share), " %"),
            _("%(helpful)d of %(rated)d ratings")
            % {"helpful": ratings.helpful, "rated": ratings.rated},
        ),
    )
    summary = table(
        "kerncijfers",
        _("Key figures"),
        [_("Figure"), _("Value")],
        [
            (_("Questions asked"), questions.asked),
            (_("Questions answered"), questions.answered),
            (_("Answer rate (%)"), _percent(questions.answer_rate)),
            (_("Median days to first answer"), times.median),
            (_("90th percentile days to first answer"), times.p90),
            (_("Overdue questions"), questions.overdue),
            (_("Re-routed questions"), questions.rerouted),
            (_("Reminders sent"), follow_ups.reminders),
            (_("Kennisredactie alerts"), follow_ups.escalations),
            (_("Gini of the invitation load"), None if load_gini is None else round(load_gini, 3)),
            (_("Ratings: helpful"), ratings.helpful),
            (_("Ratings: not helpful"), ratings.not_helpful),
        ],
        numeric=[1],
    )
    themes = table(
        "themas",
        _("Themes of unanswered questions"),
        [_("Theme"), _("Questions"), _("Unanswered")],
        [(row.name, row.asked, row.unanswered) for row in metrics.unanswered_themes(period)],
        numeric=[1, 2],
        empty_text=_("Every question with a theme was answered."),
    )
    searches = table(
        "zoekvragen",
        _("Searches without results"),
        [_("Search query"), _("Searches")],
        [
            (row.query or _("(filters only)"), row.searches)
            for row in metrics.zero_result_searches(period)
        ],
        numeric=[1],
        empty_text=_("No searches without results in this period."),
    )
    if every_municipality:
        per_municipality = _municipalities(loads, caption=_("Invitations per municipality"))
    else:
        mine = [load for load in loads if own is not None and load.municipality_id == own.pk]
        per_municipality = _municipalities(mine, caption=_("Invitations to your municipality"))
    tables = (themes, searches)
    if every_municipality or own is not None:
        tables = (*tables, per_municipality)
    return Dashboard(period, figures, summary, (_first_answer(times), _load(loads)), tables)
