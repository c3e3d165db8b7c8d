"""How text and dates from an interchange file are made safe and comparable.

Import and export must agree on these byte for byte: the importer decides "unchanged"
by normalising the page's current values the same way as the incoming ones.
"""

import datetime
import html
from zoneinfo import ZoneInfo

import bleach

from cases.display_text import clean_display_text
from cases.rich_text import sanitise_html, without_code

# The file's dates are Dutch calendar dates, whatever the server's TIME_ZONE.
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

_no_tags = bleach.Cleaner(tags=set(), attributes={}, strip=True, strip_comments=True)

# Each round removes at least one layer of markup or entities; real text settles
# after one or two, so this bound only stops adversarial nesting from looping long.
_MAX_ROUNDS = 10


def plain_text(value: str) -> str:
    """The text of a plain-text field, with every HTML tag removed.

    Titles, summaries and contact details are shown as text everywhere (listings,
    search results, API), so the import strips markup instead of rejecting the line:
    partner systems often wrap a summary in <p>. Entities are decoded so the stored
    value is what a reader sees ("A & B", not "A &amp; B"). Decoding can reveal a tag
    ("&lt;script&gt;"), so this repeats until nothing changes. What is left is
    cleaned like a title typed in the admin (cases.display_text).
    """
    text = value
    for _round in range(_MAX_ROUNDS):
        stripped = html.unescape(_no_tags.clean(without_code(text)))
        if stripped == text:
            break
        text = stripped
    return clean_display_text(text)


def rich_html(value: str) -> str:
    """HTML from outside, reduced to what the editor could have written."""
    return sanitise_html(value)


def has_text(html_value: str) -> bool:
    """Whether sanitised HTML still says something (not just empty paragraphs)."""
    return bool(plain_text(html_value))


def start_of_day(day: datetime.date) -> datetime.datetime:
    """A `published_at` date as the moment it began in the Netherlands."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=AMSTERDAM)


def local_date(moment: datetime.datetime) -> datetime.date:
    """The Dutch calendar date of a stored timestamp, as `published_at` is written."""
    return moment.astimezone(AMSTERDAM).date()
