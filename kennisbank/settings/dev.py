"""Local development and the demo: SQLite, console mail, debug pages."""

from .base import *  # noqa: F403

DEBUG = True
# Development only: production.py refuses to start without SECRET_KEY.
SECRET_KEY = "django-insecure-kennisbank-development-only"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# A webhook receiver on this machine may use plain http (api.webhook_models).
WEBHOOK_ALLOW_LOOPBACK_HTTP = True
