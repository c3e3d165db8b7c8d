import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipalities():
    call_command("import_municipalities", verbosity=0)


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("beheer", "beheer@example.org", "x")
    client.force_login(user)
    return client


def listing(admin_client, **params) -> str:
    response = admin_client.get(reverse("municipalities:index"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_lists_municipalities_with_size_class(admin_client, municipalities):
    html = listing(admin_client)
    assert "Aa en Hunze" in html
    assert "342" in html  # the result count


def test_search_by_name_and_code(admin_client, municipalities):
    assert "Amersfoort" in listing(admin_client, q="Amersfoort")
    html = listing(admin_client, q="GM0344")
    assert "Utrecht" in html and "Amersfoort" not in html


def test_filter_by_province(admin_client, municipalities):
    html = listing(admin_client, province="Zeeland")
    assert "Middelburg" in html and "Amersfoort" not in html


def test_filter_by_size_class(admin_client, municipalities):
    html = listing(admin_client, size_class="<5k")
    assert "Schiermonnikoog" in html and "Rotterdam" not in html


def test_anonymous_users_are_sent_to_login(client, municipalities):
    response = client.get(reverse("municipalities:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
