"""The Dutch catalogue is complete and its compiled .mo matches the .po."""

import gettext
import re
from pathlib import Path

from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES"
ENTRY = re.compile(r'^msgid "(.+)"\nmsgstr "(.*)"$', re.MULTILINE)


def po_entries() -> dict[str, str]:
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in text, "fuzzy entries are not used by Django"
    return dict(ENTRY.findall(text))


def test_every_message_has_a_dutch_translation():
    entries = po_entries()
    assert entries
    assert [msgid for msgid, msgstr in entries.items() if not msgstr] == []


def test_compiled_catalogue_matches_the_source():
    with (CATALOGUE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, msgstr in po_entries().items():
        assert compiled.gettext(msgid.replace('\\"', '"')) == msgstr.replace('\\"', '"'), msgid


def test_dutch_is_the_default_and_english_is_available(client, django_user_model, db):
    assert settings.LANGUAGE_CODE == "nl"
    user = django_user_model.objects.create_superuser("beheer", "b@example.org", "x")
    client.force_login(user)
    with translation.override("nl"):
        assert "Gemeenten" in client.get(reverse("municipalities:index")).content.decode()
    with override_settings(LANGUAGE_CODE="en"), translation.override("en"):
        client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "en"})
        html = client.get(reverse("municipalities:index"), HTTP_ACCEPT_LANGUAGE="en").content
        assert "Municipalities" in html.decode()
