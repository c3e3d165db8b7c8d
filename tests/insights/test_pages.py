"""The dashboard pages: who sees what (a matrix of roles), the date range and the CSV."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from insights.admin_views import URL_NAME as ADMIN_URL_NAME
from tests.insights.exchange_fixtures import NOVEMBER

pytestmark = pytest.mark.django_db

PERIOD = {"van": NOVEMBER.start.isoformat(), "tot": NOVEMBER.end.isoformat()}
PER_MUNICIPALITY = "Uitnodigingen per gemeente"
OWN_MUNICIPALITY = "Uitnodigingen aan uw gemeente"


def site_url() -> str:
    with translation.override("nl"):
        return reverse("insights:page")


def admin_url() -> str:
    return reverse(ADMIN_URL_NAME)


def client_for(people, role: str) -> Client:
    client = Client(headers={"accept-language": "nl"})
    if people[role] is not None:
        client.force_login(people[role])
    return client


def test_the_addresses_are_dutch_and_english():
    assert site_url() == "/inzicht/"
    with translation.override("en"):
        assert reverse("insights:page") == "/en/insights/"


@pytest.mark.parametrize(
    ("role", "status", "every_municipality", "own_row"),
    [
        ("anonymous", 302, None, None),
        ("no membership", 403, None, None),
        ("member (Amersfoort)", 200, False, "Amersfoort"),
        ("broker (Utrecht)", 200, False, "Utrecht"),
        ("moderator", 200, True, None),
    ],
)
def test_site_page_permission_matrix(
    dashboard_people, exchange, dashboard_today, role, status, every_municipality, own_row
):
    response = client_for(dashboard_people, role).get(site_url(), PERIOD)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("wagtailcore_login"))
        return
    if status == 403:
        assert "Vragen zijn voor leden" in response.content.decode()
        return
    page = response.content.decode()
    municipalities = response.context["dashboard"].table("gemeenten")
    assert "Antwoordpercentage" in page and "60,0 %" in page
    if every_municipality:
        assert PER_MUNICIPALITY in page
        assert [row[0] for row in municipalities.rows] == ["Zwolle", "Utrecht", "Amersfoort"]
    else:
        assert PER_MUNICIPALITY not in page
        assert OWN_MUNICIPALITY in page
        assert [row[0] for row in municipalities.rows] == [own_row]
        # Another municipality's figures appear nowhere on the page.
        others = {"Zwolle", "Utrecht", "Amersfoort"} - {own_row}
        assert not any(f'<th scope="row">{name}</th>' in page for name in others)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("no membership", 302),  # no admin access: Wagtail's login
        ("member (Amersfoort)", 302),
        ("broker (Utrecht)", 302),
        ("moderator", 200),
    ],
)
def test_admin_page_permission_matrix(dashboard_people, exchange, dashboard_today, role, status):
    response = client_for(dashboard_people, role).get(admin_url(), PERIOD)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    else:
        assert PER_MUNICIPALITY in response.content.decode()


def test_an_editor_with_admin_access_is_refused_and_has_no_menu_item(editor_a, exchange):
    client = Client(headers={"accept-language": "nl"})
    client.force_login(editor_a)
    refused = client.get(admin_url())
    # Wagtail turns the view's PermissionDenied into a redirect to the admin home.
    assert refused.status_code == 302
    assert refused["Location"] == reverse("wagtailadmin_home")
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert admin_url() not in home


def test_the_moderator_has_the_menu_item(dashboard_people):
    home = (
        client_for(dashboard_people, "moderator").get(reverse("wagtailadmin_home")).content.decode()
    )
    assert admin_url() in home


def test_default_period_is_the_last_90_days(dashboard_people, dashboard_today):
    response = client_for(dashboard_people, "member (Amersfoort)").get(site_url())
    period = response.context["dashboard"].period
    assert (period.end - period.start).days + 1 == 90
    assert period.end == dashboard_today


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"van": "31-02-2026"}, "Vul de begindatum in als datum"),
        ({"tot": "gisteren"}, "Vul de einddatum in als datum"),
        ({"van": "2026-11-30", "tot": "2026-11-01"}, "De einddatum ligt vóór de begindatum."),
        ({"van": "2020-01-01", "tot": "2026-11-01"}, "Kies een periode van hoogstens 731 dagen."),
    ],
)
def test_bad_dates_give_a_dutch_message_and_the_default_period(
    dashboard_people, dashboard_today, query, message
):
    response = client_for(dashboard_people, "member (Amersfoort)").get(site_url(), query)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["dashboard"].period.end == dashboard_today
    csv_response = client_for(dashboard_people, "member (Amersfoort)").get(
        site_url(), {**query, "format": "csv", "tabel": "kerncijfers"}
    )
    assert csv_response.status_code == 400
    assert message in csv_response.content.decode()


def rows_of(response) -> list[list[str]]:
    """The rows as Dutch Excel reads them: a byte-order mark first, ``;`` between cells."""
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def test_csv_export_of_a_table(dashboard_people, exchange, dashboard_today):
    response = client_for(dashboard_people, "moderator").get(
        admin_url(), {**PERIOD, "format": "csv", "tabel": "gemeenten"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="kennisbank-gemeenten-2026-11-01-2026-11-30.csv"'
    )
    assert rows_of(response) == [
        ["Gemeente", "Uitnodigingen", "Beantwoord", "Afgewezen", "Verlopen", "Over de termijn"],
        ["Zwolle", "4", "1", "1", "1", "0"],
        ["Utrecht", "3", "2", "0", "0", "1"],
        ["Amersfoort", "0", "0", "0", "0", "0"],
    ]


def test_csv_cells_that_a_spreadsheet_would_run_are_prefixed(
    dashboard_people, exchange, dashboard_today
):
    response = client_for(dashboard_people, "member (Amersfoort)").get(
        site_url(), {**PERIOD, "format": "csv", "tabel": "zoekvragen"}
    )
    assert rows_of(response)[1:] == [["mantelzorg platteland", "3"], ["'=HYPERLINK(1)", "1"]]


def test_a_member_cannot_download_every_municipality(dashboard_people, exchange, dashboard_today):
    response = client_for(dashboard_people, "member (Zwolle)").get(
        site_url(), {**PERIOD, "format": "csv", "tabel": "gemeenten"}
    )
    assert rows_of(response)[1:] == [["Zwolle", "4", "1", "1", "1", "0"]]


def test_an_unknown_table_is_a_400(dashboard_people, exchange):
    response = client_for(dashboard_people, "moderator").get(
        site_url(), {"format": "csv", "tabel": "x"}
    )
    assert response.status_code == 400


def test_the_page_draws_charts_with_titles_and_tables_without_scripts(
    dashboard_people, exchange, dashboard_today
):
    page = (
        client_for(dashboard_people, "member (Amersfoort)").get(site_url(), PERIOD).content.decode()
    )
    assert page.count('<svg class="kb-insights__chart"') == 2
    assert '<title id="kb-chart-eerste-antwoord-title">Tijd tot het eerste antwoord</title>' in page
    assert "<title>dezelfde dag: 1</title>" in page
    assert page.count("<details") == 3
    assert 'href="?van=2026-11-01&amp;tot=2026-11-30&amp;format=csv&amp;tabel=themas"' in page


def test_the_english_page_speaks_english(dashboard_people, exchange, dashboard_today):
    client = client_for(dashboard_people, "member (Amersfoort)")
    with translation.override("en"):
        url = reverse("insights:page")
    page = client.get(url, PERIOD).content.decode()
    assert "Insights into the exchange" in page
    assert "Answer rate" in page and "60.0 %" in page
