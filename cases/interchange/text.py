"""How text and dates from an interchange file are made safe and comparable.

Import and export must agree on these byte for byte: the importer decides "unchanged"
by normalising the page's current values the same way as the incoming ones.
"""

import datetime
import html
from zoneinfo import ZoneInfo

import bleach
from bs4 import BeautifulSoup

from cases.rich_text import DROPPED_WITH_CONTENT, sanitise_html

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
    ("&lt;script&gt;"), so this repeats until nothing changes.
    """
    text = value
    for _round in range(_MAX_ROUNDS):
        soup = BeautifulSoup(text, "html.parser")
        for element in soup.find_all(DROPPED_WITH_CONTENT):
            element.decompose()
        stripped = html.unescape(_no_tags.clean(str(soup)))
        if stripped == text:
            break
        text = stripped
    return text.strip()


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
