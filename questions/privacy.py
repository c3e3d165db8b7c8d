"""The privacy guard: personal data in a question or answer, found before it is shared.

Public servants paste what is on their screen, and a question travels to other
municipalities. So a question or answer is read for personal data before it is
stored:

* a **BSN** (citizen service number) is refused: nine digits, also written in
  groups (``123.456.782``, ``123 456 782``, ``1234.56.782``), that pass the eleven-test.
  Eight-digit numbers (a BSN without its leading zero) are not refused: one in
  eleven of all order and case numbers would pass, and blocking is only
  bearable when it is nearly always right;
* **e-mail addresses**, **phone numbers** (Dutch mobile and landline numbers with
  ``0``, ``+31`` or ``0031``, the ``0800``/``090x`` service numbers, and other
  international numbers with ``+``), **IBANs** (any country, checked with mod-97),
  a **postcode with a house number** (``3511 AB 12``, ``Stationsstraat 12, 3511 AB``)
  and a **date of birth** get a warning the author must confirm: they are often
  someone's own work address or a public service number, which may be shared.

A date of birth is a full date (``12-03-1985``, ``12 maart 1985``) within a few
words after "geboren", "geb.", "geboortedatum" or "geboortedag". Every other full
date is left alone on purpose: questions are full of dates ("sinds 1 januari 2025
geldt ..."), and a warning on each would teach authors to tick the box unread.

The checks run on plain text (``scan_html`` strips the markup first); positions are
character offsets in that text, so the form can point at the finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from search.highlights import plain_text
from search.scrubbing import EMAIL, passes_eleven_test

CONTEXT = 30  # characters shown either side of a finding

# Nine digits, alone or in groups of 3-3-3, 4-2-3 or 3-2-2-2 with dots, spaces or hyphens;
# not part of a longer number (a phone number, an amount, an account number).
_BSN = re.compile(
    r"(?<![\d.,-])(?<![\d][ ])"
    r"(?:\d{9}|\d{3}([. -])\d{3}\1\d{3}|\d{4}([. -])\d{2}\2\d{3}|\d{3}([. -])\d{2}\3\d{2}\3\d{2})"
    r"(?![.,-]?\d)(?! \d)"
)
_SEP = r"[ .\-/]?"
# Candidates only: phone_is_valid counts the digits, which a pattern cannot do well.
_PHONE = re.compile(
    rf"(?<![\w+])(?:(?:\+|00)[1-9]\d?{_SEP}(?:\(0\){_SEP})?|\(?0)(?:\d\)?{_SEP}){{3,13}}\d(?!\d)"
)
SERVICE_PREFIXES = ("0800", "0900", "0906", "0909")  # free and paid service numbers
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")
# Lengths per country of the IBANs a Dutch municipality meets most; others 15 to 34.
IBAN_LENGTHS = {
    "NL": 18, "BE": 16, "DE": 22, "LU": 20, "FR": 27, "GB": 22, "ES": 24, "IT": 27,
    "AT": 20, "CH": 21, "IE": 22, "PL": 28, "PT": 25, "DK": 18, "SE": 24, "NO": 15,
}  # fmt: skip
_HOUSE_NUMBER = r"\d{1,5}(?:[ -]?[a-zA-Z]\b|-\d{1,4})?"
_POSTCODE = r"[1-9]\d{3}(?: ?[A-Z]{2}|[a-z]{2})\b"
_ADDRESS = re.compile(
    rf"\b(?:{_POSTCODE},?[ ]+{_HOUSE_NUMBER}\b"  # 3511 AB 12
    rf"|[A-Za-z][\w'-]*[ ]+{_HOUSE_NUMBER},?[ ]+{_POSTCODE})"  # Stationsstraat 12, 3511 AB
)
MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    "december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE = (
    rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)?\d{{2}}|\d{{1,2}} (?:{MONTHS})\.? (?:19|20)\d{{2}})"
)
_BIRTH_DATE = re.compile(
    rf"\b(?:(?:geboren|geboortedatum|geboortedag|geboorte)\b|geb\.)[^\n]{{0,25}}?\b({_DATE})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    """One piece of personal data in a text: what, where, and what the author should do."""

    kind: str  # "bsn" | "email" | "phone" | "iban" | "postcode_house_number" | "birth_date"
    start: int
    end: int
    excerpt: str  # the text found
    context: str  # the excerpt with a few words either side, to recognise it by
    message: str  # Dutch (the active language): what it is and what to do
    blocking: bool  # True: refused; False: a warning the author must confirm


def iban_is_valid(candidate: str) -> bool:
    """ISO 13616 mod-97: the IBAN with its first four characters moved to the end."""
    compact = candidate.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    expected = IBAN_LENGTHS.get(compact[:2])
    if expected is not None and len(compact) != expected:
        return False
    digits = "".join(str(int(char, 36)) for char in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


def phone_is_valid(candidate: str) -> bool:
    """A Dutch number of ten digits (0 + area or 6 + subscriber), a service number, or +…."""
    digits = re.sub(r"\D", "", candidate.replace("(0)", ""))
    international = re.match(r"\+|00[1-9]", candidate) is not None
    if international:
        digits = digits.removeprefix("00")
        if not digits.startswith("31"):
            return 8 <= len(digits) <= 15
        digits = "0" + digits[2:]
    if digits.startswith(SERVICE_PREFIXES):
        return len(digits) in (8, 11)
    return len(digits) == 10 and digits[1] != "0"


def bsn_is_valid(digits: str) -> bool:
    """Nine digits passing the eleven-test; 000000000 passes it but is no number."""
    return (
        len(digits) == 9 and digits.isdigit() and digits != "0" * 9 and passes_eleven_test(digits)
    )


def _messages() -> dict[str, str]:
    return {
        "bsn": _(
            "This looks like a citizen service number (BSN): “%(excerpt)s”. "
            "Remove it: a question or answer may never contain a BSN."
        ),
        "email": _(
            "This looks like an e-mail address: “%(excerpt)s”. Share it only if it is "
            "a work address that may be shared."
        ),
        "phone": _(
            "This looks like a phone number: “%(excerpt)s”. Share it only if it is a "
            "work number that may be shared."
        ),
        "iban": _(
            "This looks like a bank account number (IBAN): “%(excerpt)s”. Remove it "
            "unless it is an organisation's account."
        ),
        "postcode_house_number": _(
            "This looks like an address: “%(excerpt)s”. Remove it unless it is an "
            "office or another public address."
        ),
        "birth_date": _(
            "This looks like a date of birth: “%(excerpt)s”. Remove it, or describe "
            "the age instead."
        ),
    }


def _iban_spans(text: str):
    """IBANs at their country's length: the pattern may run on into the next words."""
    for match in _IBAN.finditer(text):
        candidate = match.group()
        length = IBAN_LENGTHS.get(candidate[:2])
        if length is not None:
            # the shortest prefix holding ``length`` characters other than spaces
            counted = [i for i, char in enumerate(candidate, start=1) if char != " "]
            candidate = candidate[: counted[min(length, len(counted)) - 1]]
        end = match.start() + len(candidate)
        if iban_is_valid(candidate) and not text[end : end + 1].isalnum():
            yield match.start(), end


def _spans(text: str):
    """(kind, start, end) of every finding, before overlaps are resolved."""
    for match in _BSN.finditer(text):
        if bsn_is_valid(re.sub(r"\D", "", match.group())):
            yield "bsn", match.start(), match.end()
    for start, end in _iban_spans(text):
        yield "iban", start, end
    for match in EMAIL.finditer(text):
        yield "email", match.start(), match.end()
    for match in _PHONE.finditer(text):
        if phone_is_valid(match.group()):
            yield "phone", match.start(), match.end()
    for match in _ADDRESS.finditer(text):
        yield "postcode_house_number", match.start(), match.end()
    for match in _BIRTH_DATE.finditer(text):
        yield "birth_date", match.start(1), match.end(1)


# Which finding wins where two overlap: a BSN is never hidden behind a phone number.
PRIORITY = ("bsn", "iban", "email", "phone", "postcode_house_number", "birth_date")


def scan(text: str) -> list[Finding]:
    """The personal data in plain ``text``, in reading order; BSNs are blocking."""
    text = text or ""
    messages = _messages()
    taken: list[tuple[int, int]] = []
    findings = []
    for kind, start, end in sorted(_spans(text), key=lambda s: (PRIORITY.index(s[0]), s[1])):
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        taken.append((start, end))
        excerpt = text[start:end]
        before = ("…" if start > CONTEXT else "") + text[max(0, start - CONTEXT) : start]
        after = text[end : end + CONTEXT] + ("…" if end + CONTEXT < len(text) else "")
        findings.append(
            Finding(
                kind=kind,
                start=start,
                end=end,
                excerpt=excerpt,
                context=f"{before}{excerpt}{after}",
                message=messages[kind] % {"excerpt": excerpt},
                blocking=kind == "bsn",
            )
        )
    return sorted(findings, key=lambda finding: finding.start)


def scan_html(html: str) -> list[Finding]:
    """The findings in the text of ``html`` (positions are in that text)."""
    return scan(plain_text(html))


def blocking(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.blocking]


def warnings(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if not finding.blocking]
