"""The privacy guard: BSNs refused, other personal data warned about, the rest left alone."""

import pytest
from django.utils import translation

from questions.privacy import bsn_is_valid, iban_is_valid, phone_is_valid, scan, scan_html


def kinds(text: str) -> list[tuple[str, str]]:
    return [(finding.kind, finding.excerpt) for finding in scan(text)]


# BSN ------------------------------------------------------------------------------


@pytest.mark.parametrize("bsn", ["123456782", "111222333", "999999990", "010000100"])
def test_valid_bsns_pass_the_eleven_test(bsn):
    assert bsn_is_valid(bsn)


@pytest.mark.parametrize(
    "number",
    ["123456789", "123456781", "000000000", "12345678", "1234567820", "12345678a", ""],
)
def test_invalid_bsns_do_not(number):
    assert not bsn_is_valid(number)


@pytest.mark.parametrize(
    "written",
    ["123456782", "123.456.782", "123 456 782", "123-456-782", "1234.56.782", "123.45.67.82"],
)
def test_a_bsn_in_any_usual_writing_is_blocking_and_pointed_at(written):
    text = f"Het gaat om inwoner {written}, die al lang wacht."
    [finding] = scan(text)
    assert finding.kind == "bsn"
    assert finding.blocking
    assert finding.excerpt == written
    assert text[finding.start : finding.end] == written
    assert written in finding.context
    assert written in finding.message
    assert "BSN" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "Zaaknummer 123456789 is nog open.",  # fails the eleven-test
        "Het budget was 123.456.782,50 euro.",  # an amount, not a number on its own
        "Klantnummer 1234567820 van de leverancier.",  # ten digits
        "Dossier 12345678 (acht cijfers).",
        "Tussen 2016 en 2018 deden 342 gemeenten mee.",
    ],
)
def test_numbers_that_are_no_bsn_are_not_refused(text):
    assert not [finding for finding in scan(text) if finding.blocking]


def test_digits_in_separate_paragraphs_are_no_bsn():
    assert scan_html("<p>Team 123</p><p>456782 euro</p>") == []


def test_scan_html_finds_a_bsn_in_a_paragraph():
    [finding] = scan_html("<p>Het BSN is <em>123456782</em>.</p>")
    assert (finding.kind, finding.excerpt, finding.blocking) == ("bsn", "123456782", True)


# Warnings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "06-12345678",
        "06 1234 5678",
        "0612345678",
        "+31 6 12345678",
        "+31612345678",
        "0031 6 12345678",
        "+31 (0)20 1234567",
        "010-1234567",
        "020 123 4567",
        "(030) 123 45 67",
        "0591-123456",
        "0800-1234",
        "0800 0123456",
        "0900-1234567",
        "+32 2 123 45 67",
    ],
)
def test_phone_numbers_are_warned_about(phone):
    assert kinds(f"Bel {phone} voor meer.") == [("phone", phone)]


@pytest.mark.parametrize(
    "text",
    ["op 01-02-2024 begonnen", "in 2016-2018", "0,5 fte", "versie 0.9.1", "0612345 kort"],
)
def test_things_that_look_a_bit_like_phone_numbers_are_not(text):
    assert not [f for f in scan(text) if f.kind == "phone"]


def test_phone_validation_counts_digits():
    assert phone_is_valid("06-12345678")
    assert not phone_is_valid("06-1234567")
    assert not phone_is_valid("06-123456789")
    assert not phone_is_valid("00-12345678")


@pytest.mark.parametrize(
    "iban",
    [
        "NL91ABNA0417164300",
        "NL91 ABNA 0417 1643 00",
        "NL02ABNA0123456789",
        "BE68539007547034",
        "DE89 3704 0044 0532 0130 00",
        "GB29NWBK60161331926819",
    ],
)
def test_valid_ibans_pass_mod_97_and_are_warned_about(iban):
    assert iban_is_valid(iban)
    assert kinds(f"Maak het over op {iban} graag.") == [("iban", iban)]


@pytest.mark.parametrize(
    "iban",
    [
        "NL91ABNA0417164301",
        "NL91ABNA041716430",
        "NL91ABNA04171643000",
        "XX00",
        "NL00ABNA0417164300",
    ],
)
def test_invalid_ibans_are_not(iban):
    assert not iban_is_valid(iban)
    assert not [f for f in scan(f"Rekening {iban}.") if f.kind == "iban"]


def test_an_iban_followed_by_capitals_ends_at_its_length():
    assert kinds("NL91ABNA0417164300 DAT KLOPT") == [("iban", "NL91ABNA0417164300")]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Zij woont op 3511 AB 12 sinds kort.", "3511 AB 12"),
        ("Adres: 3511AB 12a.", "3511AB 12a"),
        ("Adres: 3511ab 12.", "3511ab 12"),
        ("Stationsstraat 12, 3511 AB Utrecht", "Stationsstraat 12, 3511 AB"),
    ],
)
def test_a_postcode_with_a_house_number_is_warned_about(text, excerpt):
    assert kinds(text) == [("postcode_house_number", excerpt)]


@pytest.mark.parametrize("text", ["In 2015 en 12 gemeenten.", "Het kantoor ligt in 3511 AB."])
def test_a_year_or_a_postcode_alone_is_not_an_address(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Mevrouw, geboren op 12-03-1985, vroeg hulp.", "12-03-1985"),
        ("geb. 12 maart 1985", "12 maart 1985"),
        ("Geboortedatum: 1/3/1950", "1/3/1950"),
    ],
)
def test_a_date_after_a_birth_word_is_a_date_of_birth(text, excerpt):
    assert kinds(text) == [("birth_date", excerpt)]


def test_other_dates_are_left_alone():
    assert (
        kinds("Sinds 01-01-2025 geldt de nieuwe regeling, en op 12 maart 2024 begon de pilot.")
        == []
    )


def test_email_addresses_are_warned_about():
    assert kinds("Mail j.jansen@amersfoort.nl of mij.") == [("email", "j.jansen@amersfoort.nl")]


def test_findings_come_in_reading_order_and_only_the_bsn_blocks():
    text = "Bel 06-12345678, mail a@b.nl, BSN 123456782, rekening NL91ABNA0417164300."
    findings = scan(text)
    assert [f.kind for f in findings] == ["phone", "email", "bsn", "iban"]
    assert [f.blocking for f in findings] == [False, False, True, False]
    assert [f.start for f in findings] == sorted(f.start for f in findings)


def test_a_question_without_personal_data_has_no_findings():
    assert scan("Hoe organiseren jullie de vroegsignalering van schulden met corporaties?") == []
    assert scan("") == []


def test_messages_are_dutch():
    with translation.override("nl"):
        [finding] = scan("BSN 123456782")
    assert "burgerservicenummer" in finding.message
