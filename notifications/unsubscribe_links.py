"""Signed unsubscribe links: they work without logging in, and only for their user.

The token carries the user's id and the kind (empty: every kind), signed with the
SECRET_KEY (django.core.signing, own salt), so nobody can make one for another user
or another kind. It does not expire: an old mail's link must still work.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.urls import reverse

from notifications.preferences import EVERY_KIND

SALT = "notifications.unsubscribe"


def token_for(user: AbstractBaseUser, kind: str = EVERY_KIND) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=SALT)


def path_for(user: AbstractBaseUser, kind: str = EVERY_KIND) -> str:
    return reverse("notifications:unsubscribe", args=[token_for(user, kind)])


def read(token: str) -> tuple[AbstractBaseUser, str]:
    """(user, kind) of a token; signing.BadSignature when it is forged, mangled or stale."""
    try:
        data = signing.loads(token, salt=SALT)
        user = get_user_model().objects.get(pk=data["u"])
        kind = str(data["k"])
    except (KeyError, TypeError, get_user_model().DoesNotExist) as error:
        raise signing.BadSignature(str(error)) from error
    return user, kind
