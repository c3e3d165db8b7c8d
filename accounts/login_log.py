"""Failed logins in the log: who tried which account from where, never with what.

django-axes logs its own lines too; this one is the platform's, in one format for
every login page, so monitoring needs one pattern. Django's ``user_login_failed``
already hands over credentials with the password replaced by stars, and only the
username is read from them.
"""

import logging

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from accounts.client_address import client_address

logger = logging.getLogger("kennisbank.security")


@receiver(user_login_failed)
def log_failed_login(sender, credentials: dict, request: HttpRequest | None = None, **kwargs):
    username = credentials.get("username", "")
    address = client_address(request) if request is not None else ""
    path = request.path if request is not None else ""
    logger.warning("failed login for username=%r from address=%s at %s", username, address, path)
