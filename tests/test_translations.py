"""Every catalogue is complete, current and compiled.

Complete: no message in any catalogue (nl, en) is untranslated or fuzzy; Django
ignores fuzzy entries, so a fuzzy one is as good as missing. Current: every message
the code and templates use is in the catalogues (found by running makemessages on a
copy of the sources into a scratch folder, so the real files are never rewritten).
Compiled: each .mo says what its .po says.
"""

import ast
import gettext
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# The folders whose files makemessages reads: the apps and the site templates.
SOURCE_FOLDERS = [
    "kennisbank",
    "cases",
    "search",
    "questions",
    "api",
    "notifications",
    "insights",
    "templates",
]


@dataclass
class Message:
    msgid: str
    msgstrs: list[str] = field(default_factory=list)
    fuzzy: bool = False
    context: str | None = None


def parse_po(path: Path) -> list[Message]:
    """The entries of a .po file (the header excluded), multi-line strings joined."""
    messages: list[Message] = []
    current: Message | None = None
    keyword = None
    flags: set[str] = set()
    context = None

    def finish() -> None:
        if current is not None and current.msgid:
            messages.append(current)

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#,"):
            flags = {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#~"):
            continue  # obsolete entries are not used
        elif line.startswith("msgctxt "):
            finish()
            current = None
            context = ast.literal_eval(line[len("msgctxt ") :])
            keyword = "msgctxt"
        elif line.startswith("msgid "):
            if keyword != "msgctxt":
                finish()
                context = None
            current = Message(
                ast.literal_eval(line[len("msgid ") :]), fuzzy="fuzzy" in flags, context=context
            )
            flags = set()
            keyword = "msgid"
        elif line.startswith("msgid_plural "):
            keyword = "msgid_plural"
        elif line.startswith("msgstr"):
            current.msgstrs.append(ast.literal_eval(line.split(" ", 1)[1]))
            keyword = "msgstr"
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if keyword == "msgid":
                current.msgid += text
            elif keyword == "msgstr":
                current.msgstrs[-1] += text
            elif keyword == "msgctxt":
                context += text
        elif not line:
            keyword = keyword if keyword == "msgctxt" else None
    finish()
    return messages


def catalogue(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_no_message_is_untranslated_or_fuzzy(code):
    messages = parse_po(catalogue(code))
    assert messages
    untranslated = [m.msgid for m in messages if not all(m.msgstrs)]
    fuzzy = [m.msgid for m in messages if m.fuzzy]
    assert untranslated == [], f"{code}: untranslated messages"
    assert fuzzy == [], f"{code}: fuzzy messages (Django does not use them)"


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_catalogue_header_is_not_fuzzy_and_names_its_language(code):
    header = catalogue(code).read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert "#, fuzzy" not in header
    assert f'"Language: {code}\\n"' in header


def test_parser_sees_fuzzy_untranslated_and_multiline_messages(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: nl\\n"\n\n'
        '#, fuzzy\nmsgid "Fuzzy"\nmsgstr "Wazig"\n\n'
        'msgid ""\n"Two "\n"lines"\nmsgstr ""\n\n'
        'msgctxt "menu"\nmsgid "Open"\nmsgstr "Openen"\n',
        encoding="utf-8",
    )
    messages = parse_po(po)
    assert [(m.msgid, m.msgstrs, m.fuzzy, m.context) for m in messages] == [
        ("Fuzzy", ["Wazig"], True, None),
        ("Two lines", [""], False, None),
        ("Open", ["Openen"], False, "menu"),
    ]


@pytest.fixture(scope="module")
def used_messages(tmp_path_factory) -> set[str]:
    """The msgids makemessages finds in a copy of the sources."""
    root = tmp_path_factory.mktemp("sources")
    for folder in SOURCE_FOLDERS:
        shutil.copytree(
            Path(settings.BASE_DIR) / folder,
            root / folder,
            ignore=shutil.ignore_patterns("locale", "__pycache__", "*.pyc", "data"),
        )
    scratch = root / "scratch-locale"
    (scratch / "nl").mkdir(parents=True)
    with pytest.MonkeyPatch.context() as patch, override_settings(LOCALE_PATHS=[scratch]):
        patch.chdir(root)
        call_command("makemessages", locale=["nl"], verbosity=0)
    return {m.msgid for m in parse_po(scratch / "nl" / "LC_MESSAGES" / "django.po")}


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_message_in_the_code_is_in_the_catalogue(code, used_messages):
    assert used_messages, "makemessages found no messages at all"
    known = {m.msgid for m in parse_po(catalogue(code))}
    assert sorted(used_messages - known) == [], (
        f"messages used in the code but missing from locale/{code}: add them at the end "
        "of the .po file and run compilemessages"
    )


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_compiled_catalogue_matches_the_source(code):
    with (LOCALE / code / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in parse_po(catalogue(code)):
        if message.context is None and len(message.msgstrs) == 1:
            assert compiled.gettext(message.msgid) == message.msgstrs[0], message.msgid


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
