"""Removing what could identify a person from a search query before it is logged.

People paste what is in front of them: a citizen service number (BSN), an e-mail
address, a phone number, an address, a bank account, a date of birth. None of it
tells the Kennisredactie anything about a knowledge gap, and none of it may be
stored, so each is replaced by a placeholder naming what was there ("[bsn]"), which
keeps the rest of the query readable and groups alike queries in the report.

Rules, in the order they run (earlier ones take their digits out of later ones):

* e-mail addresses;
* IBANs (two letters, two digits, four letters, ten digits; spaces allowed);
* Dutch phone numbers: ``+31`` / ``0031`` (with an optional ``(0)``) or a leading
  ``0``, then nine digits with spaces, dots, hyphens, slashes or parentheses between;
* dates with a year (``12-03-1985``, ``1/3/85`` is left: too ambiguous);
* postcodes with an optional house number: ``3511AB`` and ``3511 AB`` always,
  ``3511 ab`` only when a house number follows (``2015 en`` is a year and a word);
  and a street name ending in -straat, -weg, -laan ... followed by a house number;
* BSN-like numbers: any run of 8 or 9 digits, and 9 digits in groups
  (``123 456 782``, ``123.45.67.82``) when they pass the BSN eleven-test;
* any other run of 10 or more digits.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
IBAN = re.compile(r"\b[a-zA-Z]{2}\d{2}\s?[a-zA-Z]{4}(?:\s?\d){10}\b")
_SEP = r"[\s./()-]*"
PHONE = re.compile(rf"(?<![\w+])(?:(?:\+|00)31{_SEP}(?:\(0\){_SEP})?|\(?0)(?:{_SEP}\d){{9}}(?!\d)")
DATE = re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}\b")
_HOUSE_NUMBER = r"(?:[\s,]*\d{1,5}(?:\s?[a-zA-Z]\b|-\d{1,4})?)"
POSTCODE = re.compile(
    rf"\b[1-9]\d{{3}}(?:[a-zA-Z]{{2}}\b{_HOUSE_NUMBER}?|\s[A-Z]{{2}}\b{_HOUSE_NUMBER}?"
    rf"|\s[a-z]{{2}}\b{_HOUSE_NUMBER})"
)
STREET_SUFFIXES = (
    "straat|straatweg|weg|laan|plein|singel|gracht|kade|dijk|steeg|hof|dreef|pad|baan|"
    "markt|erf|wal|veld|dam|park"
)
STREET_NUMBER = re.compile(
    rf"\b\w*(?:{STREET_SUFFIXES})\s+(?!(?:19|20)\d\d\b)\d{{1,4}}(?:\s?[a-zA-Z]\b|-\d{{1,4}})?\b",
    re.IGNORECASE,
)
DIGIT_RUN = re.compile(r"(?<!\d)\d{8,}(?!\d)")
GROUPED_NINE = re.compile(r"(?<![\d.-])\d(?:[\s.-]?\d){8}(?![\d.-]?\d)")

PLACEHOLDERS = {
    "email": "[e-mail]",
    "iban": "[iban]",
    "phone": "[telefoonnummer]",
    "date": "[datum]",
    "address": "[adres]",
    "bsn": "[bsn]",
    "number": "[nummer]",
}


def passes_eleven_test(digits: str) -> bool:
    """The BSN eleven-test ("elfproef"): 9·d1 + 8·d2 + … + 2·d8 - d9 is a multiple of 11."""
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def _digit_run(match: re.Match) -> str:
    return PLACEHOLDERS["bsn"] if len(match.group()) <= 9 else PLACEHOLDERS["number"]


def _grouped(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match.group())
    return PLACEHOLDERS["bsn"] if passes_eleven_test(digits) else match.group()


def scrub(text: str) -> str:
    """``text`` without personal data, each piece replaced by its placeholder."""
    text = EMAIL.sub(PLACEHOLDERS["email"], text)
    text = IBAN.sub(PLACEHOLDERS["iban"], text)
    text = PHONE.sub(PLACEHOLDERS["phone"], text)
    text = DATE.sub(PLACEHOLDERS["date"], text)
    text = POSTCODE.sub(PLACEHOLDERS["address"], text)
    text = STREET_NUMBER.sub(PLACEHOLDERS["address"], text)
    text = DIGIT_RUN.sub(_digit_run, text)
    text = GROUPED_NINE.sub(_grouped, text)
    return text
