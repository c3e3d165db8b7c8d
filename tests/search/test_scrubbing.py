"""Personal data never reaches the search log: each kind, and what must be left alone."""

import pytest

from search.scrubbing import passes_eleven_test, scrub


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # BSN-like: any run of 8 or 9 digits, grouped ones when they pass the eleven-test.
        ("bijstand bsn 123456782", "bijstand bsn [bsn]"),
        ("bsn 12345678 wmo", "bsn [bsn] wmo"),
        ("123 456 782 aanvraag", "[bsn] aanvraag"),
        ("123.45.67.82", "[bsn]"),
        ("klant 1234567890123", "klant [nummer]"),
        # E-mail addresses.
        ("mail jan.de-vries+wmo@gemeente.example.nl", "mail [e-mail]"),
        ("J.Jansen@Example.COM schuldhulp", "[e-mail] schuldhulp"),
        # Dutch phone numbers.
        ("0612345678 bellen", "[telefoonnummer] bellen"),
        ("06-12345678", "[telefoonnummer]"),
        ("tel: 06 12 34 56 78", "tel: [telefoonnummer]"),
        ("+31 6 1234 5678", "[telefoonnummer]"),
        ("+31(0)6-12345678", "[telefoonnummer]"),
        ("0031 20 123 4567", "[telefoonnummer]"),
        ("(030) 123 45 67 wijkteam", "[telefoonnummer] wijkteam"),
        ("030-1234567", "[telefoonnummer]"),
        ("0348/123456", "[telefoonnummer]"),
        # Postcodes with and without a house number, street and house number.
        ("3511AB 12", "[adres]"),
        ("3511 AB", "[adres]"),
        ("3511 ab 12a", "[adres]"),
        ("woon 1234 AB 5-2 in", "woon [adres] in"),
        ("Stationsstraat 12 utrecht", "[adres] utrecht"),
        ("oude gracht 3a", "oude [adres]"),
        # IBANs and dates with a year.
        ("NL91 ABNA 0417 1643 00", "[iban]"),
        ("nl91abna0417164300 terugbetalen", "[iban] terugbetalen"),
        ("geboren 12-03-1985", "geboren [datum]"),
        ("1/3/2024 besluit", "[datum] besluit"),
    ],
)
def test_personal_data_is_replaced_by_a_placeholder(text, expected):
    assert scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "wmo 2015 en jeugdwet",
        "jaarverslag 2021 2022",
        "0,5 fte consulent",
        "kennispark 2025",
        "0800-1234",
        "123 456 789",  # nine grouped digits that fail the eleven-test: not a BSN
        "top 100 gemeenten",
        "3 decentralisaties",
        "mantelzorgers platteland",
        "artikel 2.3 wmo",
        "leeftijd 18-23",
    ],
)
def test_ordinary_queries_are_left_alone(text):
    assert scrub(text) == text


def test_several_kinds_in_one_query():
    assert scrub("bel 06-12345678 of mail a@b.nl over bsn 123456782, 3511 AB 1") == (
        "bel [telefoonnummer] of mail [e-mail] over bsn [bsn], [adres]"
    )


@pytest.mark.parametrize(
    ("digits", "passes"),
    [("123456782", True), ("111222333", True), ("123456789", False), ("12345678", False)],
)
def test_eleven_test(digits, passes):
    assert passes_eleven_test(digits) is passes
