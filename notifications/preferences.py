"""What a user's preferences say about one notification, and changing them.

The rule: the preference for the kind, else the preference for every kind, else
immediately. ``required`` notifications (what a role must receive, such as an
invitation for a knowledge broker) ignore "off" and are mailed immediately; a
digest stays a digest.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from notifications.models import MailFrequency, Preference

EVERY_KIND = ""


def frequency_for(user: AbstractBaseUser, kind: str, *, required: bool = False) -> MailFrequency:
    chosen = dict(
        Preference.objects.filter(user=user, kind__in=[kind, EVERY_KIND]).values_list(
            "kind", "frequency"
        )
    )
    frequency = MailFrequency(
        chosen.get(kind) or chosen.get(EVERY_KIND) or MailFrequency.IMMEDIATELY
    )
    if required and frequency == MailFrequency.OFF:
        return MailFrequency.IMMEDIATELY
    return frequency


def preferences_of(user: AbstractBaseUser) -> dict[str, MailFrequency]:
    """{kind: frequency} of the user's rows; EVERY_KIND is always there."""
    chosen = {EVERY_KIND: MailFrequency.IMMEDIATELY}
    for kind, frequency in Preference.objects.filter(user=user).values_list("kind", "frequency"):
        chosen[kind] = MailFrequency(frequency)
    return chosen


@transaction.atomic
def set_frequency(user: AbstractBaseUser, frequency: MailFrequency, kind: str = EVERY_KIND) -> None:
    """Set the frequency for one kind, or for every kind.

    For every kind, "off" also drops the rows per kind: someone who unsubscribes from
    everything expects no more mail, not mail for the kinds they once chose.
    """
    if kind == EVERY_KIND and frequency == MailFrequency.OFF:
        Preference.objects.filter(user=user).exclude(kind=EVERY_KIND).delete()
    Preference.objects.update_or_create(user=user, kind=kind, defaults={"frequency": frequency})


@transaction.atomic
def set_preferences(user: AbstractBaseUser, chosen: dict[str, MailFrequency | None]) -> None:
    """Store the preferences page: {kind: frequency}, None for "as for every kind"."""
    for kind, frequency in chosen.items():
        if frequency is None and kind != EVERY_KIND:
            Preference.objects.filter(user=user, kind=kind).delete()
        else:
            Preference.objects.update_or_create(
                user=user, kind=kind, defaults={"frequency": frequency or MailFrequency.IMMEDIATELY}
            )
