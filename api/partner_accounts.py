"""The partner account: the user a partner token acts through in the question flow.

The question flow (questions.lifecycle, questions.access) judges a *user*: who asked,
who acts for which municipality in which role. A partner system is not a person, but
rather than teach every rule a second kind of actor (and so write the rules twice),
each token gets a user of its own, its partner account:

* one per token, never shared: what a token did stays its own in the questions,
  answers and audit rows, and revoking a token ends its account's part with it
  (PartnerTokenAuthentication refuses the token, so nothing reaches the account);
* a member of the token's municipality and its **knowledge broker**: a token with the
  question scopes is the municipality's system for questions, which receives its
  invitations and answers them. Scopes still decide what it may do through the API
  (``questions:read`` to read, ``questions:write`` to act; api.access.requires_scope);
* never a person: no usable password, no e-mail address, no groups, so it cannot log
  in, edit pages or moderate, and never receives mail;
* made lazily on the token's first question request, not in the admin form, so
  tokens made before accounts existed (and in scripts) work the same. Race-safe: the
  token row is locked while the account is made, and the username is derived from
  the token's unique key, so two first requests at once make one account.

A question the token asks has the account as its asker, so only the token accepts
its answers (the asker's right, questions.access.can_accept), as a person's colleague
cannot accept theirs.

The account is no person, so it does not take the editors' place:
``questions.access.receivers`` judges whether a municipality has a broker on people,
and a municipality whose only broker is its partner system still reaches its editors.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from rest_framework.request import Request

from api.models import PartnerToken
from municipalities.membership import Role, set_membership

USERNAME_PREFIX = "partner-"


def partner_account(token: PartnerToken) -> AbstractBaseUser:
    """The token's account, made (and bound to its municipality) on first use."""
    if token.account_id is not None:
        return token.account
    try:
        with transaction.atomic():
            locked = PartnerToken.objects.select_for_update().get(pk=token.pk)
            if locked.account_id is None:
                locked.account = _new_account(locked)
                locked.save(update_fields=["account"])
    except IntegrityError:
        # Another request made it between our read and our insert (the username is unique).
        locked = PartnerToken.objects.get(pk=token.pk)
    token.account = locked.account
    return token.account


def _new_account(token: PartnerToken) -> AbstractBaseUser:
    user = get_user_model()(
        username=f"{USERNAME_PREFIX}{token.key_id}", first_name=token.name[:150]
    )
    user.set_unusable_password()
    user.save()
    set_membership(user, token.municipality, {Role.KNOWLEDGE_BROKER})
    return user


def acting_user(request: Request):
    """Whom the question flow judges: the person, or the token's partner account."""
    if isinstance(request.auth, PartnerToken):
        return partner_account(request.auth)
    return request.user
