"""The demo (`make demo`): the development settings, run the way production runs.

DEBUG is off so visitors meet the site's own Dutch 404 and 500 pages rather than
Django's technical ones. WhiteNoise serves the static files straight from the
finders (no collectstatic step), and Django serves the uploaded media itself, which
production leaves to the proxy in front. Logs show warnings and failures only: the
worker's line per task would bury the account summary.
"""

from .dev import *  # noqa: F403

DEBUG = False
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # nothing is collected; WhiteNoise would warn about the missing folder
SERVE_MEDIA = True

LOGGING = {
    **LOGGING,  # noqa: F405
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        **LOGGING["loggers"],  # noqa: F405
        # db_worker sets these two to INFO itself; the handler below still drops INFO.
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "level": "WARNING"}},
}
