"""What surrounds the content: titles, languages, fonts, the admin login and the demo."""

import importlib.util
import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client, override_settings
from django.utils import translation

from kennisbank.font_finder import SelectedFontsFinder


def _load_box_script():
    """scripts/ holds commands, not a package of the site: load box.py by its path."""
    spec = importlib.util.spec_from_file_location(
        "box_script", Path(settings.BASE_DIR) / "scripts" / "box.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


boxed = _load_box_script().boxed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch_afterwards():
    yield
    translation.activate(settings.LANGUAGE_CODE)


def html_of(response, status: int = 200) -> str:
    assert response.status_code == status, response.status_code
    return unescape(response.content.decode())


def test_home_page_title_names_the_site_once(client):
    html = html_of(client.get("/"))
    assert re.search(r"<title>\s*Kennisbank\s*</title>", html), re.search(
        "<title>.*?</title>", html
    )


def test_other_pages_carry_the_site_name_after_their_own(client, utrecht, make_case):
    case = make_case(utrecht)
    assert f"<title>{case.title} | Kennisbank</title>" in html_of(client.get(case.url))


def test_english_interface_marks_the_dutch_content_as_dutch(client, full_case):
    html = html_of(client.get(f"/en{full_case.url}"))
    assert '<html lang="en"' in html
    assert '<p class="utrecht-pre-heading">Case study</p>' in html
    assert f'<h1 class="utrecht-heading-1" lang="nl">{full_case.title}</h1>' in html
    assert '<div class="utrecht-html kb-rich-text" lang="nl">' in html
    assert '<ul class="kb-terms" role="list" lang="nl">' in html
    home = html_of(client.get("/en/"))
    assert "Latest case studies" in home
    assert "Latest casusbladen" not in home


def test_admin_login_is_dutch_and_names_kennisbank(client):
    html = html_of(client.get("/admin/login/"))
    assert "Inloggen bij Kennisbank" in html
    assert "Wagtail</title>" not in html
    assert re.search(r'<label[^>]*for="id_password"[^>]*>\s*Wachtwoord', html)
    assert "Password" not in html


def test_admin_shows_no_gravatar(client, django_user_model):
    from wagtail.users.utils import get_gravatar_url

    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert get_gravatar_url("redactie@voorbeeld.nl") is None
    admin = django_user_model.objects.create_superuser("beheer", "beheer@voorbeeld.nl", "x")
    client.force_login(admin)
    assert "gravatar" not in html_of(client.get("/admin/")).lower()


def test_not_found_is_the_sites_own_dutch_page(client):
    html = html_of(client.get("/bestaat-niet/"), status=404)
    assert "<title>Pagina niet gevonden | Kennisbank</title>" in html
    assert 'class="kb-site-name' in html


# --- fonts --------------------------------------------------------------------------


def test_only_the_latin_woff2_fonts_are_static_files():
    found = [path for path, _storage in SelectedFontsFinder().list([])]
    assert sorted(found) == sorted(Path(p).name for p in settings.STATIC_FONT_FILES)
    assert all(
        re.fullmatch(r"noto-(sans|serif)-latin-\d00-(normal|italic)\.woff2", f) for f in found
    )
    total = sum(Path(p).stat().st_size for p in settings.STATIC_FONT_FILES)
    assert total < 200_000, total
    assert finders.find("fonts/noto-sans-latin-300-normal.woff2") is None
    assert SelectedFontsFinder().check() == []


def test_every_font_the_stylesheet_names_is_served():
    css = Path(finders.find("css/fonts.css")).read_text(encoding="utf-8")
    urls = re.findall(r'url\("\.\./(fonts/[^"]+)"\)', css)
    assert len(urls) == len(settings.STATIC_FONT_FILES)
    for url in urls:
        assert finders.find(url), url


# --- the demo -----------------------------------------------------------------------


def test_without_debug_whitenoise_serves_static_files_and_fonts_from_the_finders():
    with override_settings(DEBUG=False, WHITENOISE_USE_FINDERS=True):
        client = Client()  # a fresh handler, so WhiteNoise reads the settings above
        for path in (
            "/static/css/kennisbank.css",
            "/static/fonts/noto-serif-latin-700-normal.woff2",
        ):
            response = client.get(path)
            assert response.status_code == 200, path
            assert b"".join(response.streaming_content)
        assert client.get("/static/fonts/noto-sans-latin-300-normal.woff2").status_code == 404


def test_demo_settings_run_without_debug_or_chatty_worker_logs():
    from kennisbank.settings import demo

    assert demo.DEBUG is False
    assert demo.WHITENOISE_USE_FINDERS is True
    assert demo.SERVE_MEDIA is True
    assert demo.LOGGING["handlers"]["console"]["level"] == "WARNING"
    script = (Path(settings.BASE_DIR) / "scripts" / "demo.sh").read_text(encoding="utf-8")
    assert "--no-reload" in script and "runserver" not in script
    assert "kennisbank.settings.demo" in script


def test_demo_account_box_fits_every_line():
    box = boxed("Kennisbank demo", ["admin  geheim  superuser", "lid    ww     member (é)"])
    lines = box.splitlines()
    assert len({len(line) for line in lines}) == 1
    assert lines[0].startswith("┌") and lines[-1].startswith("└")
    assert "│ lid    ww     member (é) │" in box


def test_the_image_gets_every_font_file_and_no_other():
    dockerfile = (Path(settings.BASE_DIR) / "Dockerfile").read_text(encoding="utf-8")
    copied = set(re.findall(r"/assets/(node_modules/@fontsource/\S+\.woff2)", dockerfile))
    expected = {str(Path(p).relative_to(settings.BASE_DIR)) for p in settings.STATIC_FONT_FILES}
    assert copied == expected
