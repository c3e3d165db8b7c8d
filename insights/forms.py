"""The dashboard's date range: a GET form, the last 90 days unless the reader asks.

Bad input (a date that is not one, the end before the start, a range longer than
the search log is kept) is a message on the form, and the page shows the default
period meanwhile, so a hand-edited URL never ends in an error page.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insights.metrics import Period

DEFAULT_DAYS = 90
MAX_DAYS = 731  # two years: further back the search log is gone (13 months) anyway


def default_period(today: datetime.date | None = None) -> Period:
    end = today or timezone.localdate()
    return Period(end - datetime.timedelta(days=DEFAULT_DAYS - 1), end)


class PeriodForm(forms.Form):
    """``?van=YYYY-MM-DD&tot=YYYY-MM-DD``; either may be left out."""

    van = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the start date as a date, e.g. 2026-01-31.")},
    )
    tot = forms.DateField(
        label=_("Up to and including"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the end date as a date, e.g. 2026-03-31.")},
    )

    def __init__(self, *args, today: datetime.date | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.default = default_period(today)

    def clean(self) -> dict:
        cleaned = super().clean()
        start = cleaned.get("van")
        end = cleaned.get("tot")
        if self.errors:
            return cleaned
        end = end or self.default.end
        start = start or end - datetime.timedelta(days=DEFAULT_DAYS - 1)
        if end < start:
            raise forms.ValidationError(_("The end date lies before the start date."))
        if (end - start).days + 1 > MAX_DAYS:
            raise forms.ValidationError(
                _("Choose a period of at most %(days)d days.") % {"days": MAX_DAYS}
            )
        cleaned["period"] = Period(start, end)
        return cleaned

    @property
    def period(self) -> Period:
        """The period asked for, or the default one when the input is wrong."""
        if self.is_valid():
            return self.cleaned_data["period"]
        return self.default
