"""Who gets mail, and when: immediately, in the daily digest, or not at all."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from notifications.digest import next_digest_time
from notifications.dispatch import notify
from notifications.models import MailFrequency, MailMessage, Notification
from notifications.preferences import frequency_for, set_frequency
from notifications.tasks import send_digests
from tests.mail_fixtures import body_of, subject_of

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def tell(user, subject="Nieuwe uitnodiging", kind="invitation.created", **fields):
    return notify(user, kind=kind, subject=subject, text=f"{subject}: lees meer.", **fields)


def test_without_a_preference_mail_goes_at_once(anna):
    assert frequency_for(anna, "invitation.created") == MailFrequency.IMMEDIATELY
    assert tell(anna).mail is not None


def test_off_sends_no_mail_but_required_ones_still_go(anna):
    set_frequency(anna, MailFrequency.OFF)
    plain = tell(anna, "Uw vraag is doorgestuurd", kind="question.rerouted")
    required = tell(anna, "Uitnodiging voor uw gemeente", required=True)
    assert (plain.mailing, plain.mail) == (MailFrequency.OFF, None)
    assert required.mailing == MailFrequency.IMMEDIATELY
    assert MailMessage.objects.get().subject == "Kennisbank: Uitnodiging voor uw gemeente"
    # Both are in the site all the same.
    assert Notification.objects.filter(user=anna).count() == 2


def test_a_preference_for_a_kind_overrides_the_general_one(anna):
    set_frequency(anna, MailFrequency.OFF)
    set_frequency(anna, MailFrequency.IMMEDIATELY, "answer.created")
    assert frequency_for(anna, "answer.created") == MailFrequency.IMMEDIATELY
    assert frequency_for(anna, "question.rerouted") == MailFrequency.OFF
    # Unsubscribing from everything also drops the exceptions.
    set_frequency(anna, MailFrequency.OFF)
    set_frequency(anna, MailFrequency.IMMEDIATELY, "answer.created")
    set_frequency(anna, MailFrequency.OFF)
    assert frequency_for(anna, "answer.created") == MailFrequency.OFF


def test_required_with_a_digest_preference_stays_in_the_digest(anna):
    set_frequency(anna, MailFrequency.DAILY_DIGEST)
    notification = tell(anna, required=True)
    assert (notification.mailing, notification.mail) == (MailFrequency.DAILY_DIGEST, None)


def test_the_digest_bundles_the_waiting_notifications_once(
    anna, django_user_model, smtp_server, django_capture_on_commit_callbacks
):
    bert = django_user_model.objects.create_user("bert", "bert@pekela.example.nl", "x")
    set_frequency(anna, MailFrequency.DAILY_DIGEST)
    set_frequency(bert, MailFrequency.DAILY_DIGEST)
    for subject in ("Pekela is uitgenodigd", "Pekela heeft geantwoord", "Uw vraag is opgelost"):
        tell(anna, subject)
    tell(bert, "Een vraag voor Pekela")
    assert MailMessage.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests.call() == 2
    assert send_digests.call() == 0  # nothing waits any more

    by_address = {m["X-Envelope-To"]: m for m in smtp_server.messages}
    assert sorted(by_address) == ["anna@utrecht.example.nl", "bert@pekela.example.nl"]
    anna_mail = by_address["anna@utrecht.example.nl"]
    assert subject_of(anna_mail) == "Kennisbank: 3 nieuwe meldingen"
    text = body_of(anna_mail)
    for subject in ("Pekela is uitgenodigd", "Pekela heeft geantwoord", "Uw vraag is opgelost"):
        assert f"* {subject}" in text
    assert "Een vraag voor Pekela" not in text
    assert subject_of(by_address["bert@pekela.example.nl"]) == "Kennisbank: 1 nieuwe melding"
    mail = MailMessage.objects.get(to="anna@utrecht.example.nl")
    assert set(mail.notifications.values_list("subject", flat=True)) == {
        "Pekela is uitgenodigd",
        "Pekela heeft geantwoord",
        "Uw vraag is opgelost",
    }

    # A later notification waits for the next digest.
    later = tell(anna, "Heeft het geholpen?")
    assert later.mail is None
    assert send_digests.call(anna.pk) == 1
    later.refresh_from_db()
    assert later.mail is not None


def test_the_digest_hour_is_the_next_one_ahead():
    morning = datetime.datetime(2026, 3, 2, 7, 30, tzinfo=AMSTERDAM)
    evening = datetime.datetime(2026, 3, 2, 19, 0, tzinfo=AMSTERDAM)
    assert next_digest_time(morning) == datetime.datetime(2026, 3, 2, 8, 0, tzinfo=AMSTERDAM)
    assert next_digest_time(evening) == datetime.datetime(2026, 3, 3, 8, 0, tzinfo=AMSTERDAM)


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_first_waiting_notification_schedules_the_digest_in_the_worker(
    anna, django_capture_on_commit_callbacks
):
    set_frequency(anna, MailFrequency.DAILY_DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        tell(anna, "Eerste")
        tell(anna, "Tweede")
    [scheduled] = DBTaskResult.objects.filter(task_path="notifications.tasks.send_digests")
    assert scheduled.args_kwargs["args"] == [anna.pk]
    assert scheduled.run_after == next_digest_time()
