"""The bell, the list, the preferences page and unsubscribing from a mail."""

import re

import pytest
from django.urls import reverse

from notifications import kinds
from notifications.dispatch import notify
from notifications.models import MailFrequency, MailMessage, Notification
from notifications.preferences import frequency_for, preferences_of
from notifications.unsubscribe_links import path_for

pytestmark = pytest.mark.django_db


def tell(user, subject="Pekela heeft geantwoord", kind="answer.created", url="/gemeenten/"):
    return notify(user, kind=kind, subject=subject, text="Lees het antwoord.", url=url)


def bell(html: str) -> str:
    return re.search(r'<a [^>]*class="[^"]*kb-bell[^>]*>', html).group(0)


def test_the_bell_names_the_unread_count(client, anna):
    for number in range(3):
        tell(anna, f"Melding {number}")
    client.force_login(anna)
    html = client.get(reverse("notifications:list")).content.decode()
    assert 'aria-label="Meldingen, 3 ongelezen"' in bell(html)
    assert 'aria-current="page"' in bell(html)
    assert "U hebt 3 ongelezen meldingen." in html

    client.post(reverse("notifications:mark_all_read"))
    html = client.get(reverse("municipality_directory")).content.decode()
    assert 'aria-label="Meldingen, geen ongelezen"' in bell(html)


def test_anonymous_visitors_see_no_bell_and_are_sent_to_the_login(client, municipalities):
    assert "kb-bell" not in client.get(reverse("municipality_directory")).content.decode()
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailcore_login") + "?next=/meldingen/")


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, anna):
    notification = tell(anna)
    client.force_login(anna)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/gemeenten/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_link_elsewhere_is_not_followed(client, anna):
    notification = tell(anna, url="https://evil.example.com/")
    client.force_login(anna)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_nobody_opens_or_sees_another_users_notifications(client, anna, django_user_model):
    other = django_user_model.objects.create_user("bert", "bert@example.nl", "x")
    notification = tell(anna, "Alleen voor Anna")
    client.force_login(other)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    assert "Alleen voor Anna" not in client.get(reverse("notifications:list")).content.decode()
    client.post(reverse("notifications:mark_all_read"))
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_wants_a_post(client, anna):
    tell(anna)
    client.force_login(anna)
    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    assert Notification.objects.unread().count() == 1


def test_the_preferences_page_saves_a_general_choice_and_exceptions(client, anna, monkeypatch):
    monkeypatch.setattr(kinds, "_LABELS", {"answer.created": "Antwoorden op uw vragen"})
    client.force_login(anna)
    html = client.get(reverse("notifications:preferences")).content.decode()
    assert "Antwoorden op uw vragen" in html
    response = client.post(
        reverse("notifications:preferences"),
        {"general": "digest", "kind:answer.created": "immediately"},
        follow=True,
    )
    assert "Uw voorkeuren zijn opgeslagen." in response.content.decode()
    assert frequency_for(anna, "question.rerouted") == MailFrequency.DAILY_DIGEST
    assert frequency_for(anna, "answer.created") == MailFrequency.IMMEDIATELY

    client.post(reverse("notifications:preferences"), {"general": "off", "kind:answer.created": ""})
    assert preferences_of(anna) == {"": MailFrequency.OFF}

    response = client.post(reverse("notifications:preferences"), {"general": "vaak"})
    assert response.status_code == 200
    assert "Kies een van de mogelijkheden." in response.content.decode()
    assert preferences_of(anna) == {"": MailFrequency.OFF}


def test_the_mail_link_unsubscribes_without_login_but_only_after_a_post(client, anna):
    tell(anna)
    text = MailMessage.objects.get().text
    link = re.search(r"http://127\.0\.0\.1:8000(/meldingen/afmelden/\S+/)", text).group(1)
    assert link == path_for(anna, "answer.created")

    page = client.get(link)  # what a link scanner does
    assert page.status_code == 200
    assert "Afmelden" in page.content.decode()
    assert frequency_for(anna, "answer.created") == MailFrequency.IMMEDIATELY

    done = client.post(link)  # the button, or a mail program's one-click POST: no CSRF token
    assert done.status_code == 200
    assert "U ontvangt geen e-mail meer over" in done.content.decode()
    assert frequency_for(anna, "answer.created") == MailFrequency.OFF
    assert frequency_for(anna, "question.rerouted") == MailFrequency.IMMEDIATELY


def test_the_digest_link_unsubscribes_from_everything(client, anna):
    client.post(path_for(anna))
    assert frequency_for(anna, "answer.created") == MailFrequency.OFF


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: token.replace(token.split(":")[0], token.split(":")[0][::-1]),
        lambda token: "eyJ1Ijo5OTksImsiOiIifQ:1aaaaa:forged",
    ],
    ids=["signature", "payload", "forged"],
)
def test_a_tampered_link_is_refused(client, anna, mangle):
    token = path_for(anna).rstrip("/").rsplit("/", 1)[1]
    link = reverse("notifications:unsubscribe", args=[mangle(token)])
    for method in (client.get, client.post):
        response = method(link)
        assert response.status_code == 400
        assert "Deze afmeldlink is niet geldig." in response.content.decode()
    assert frequency_for(anna, "answer.created") == MailFrequency.IMMEDIATELY
