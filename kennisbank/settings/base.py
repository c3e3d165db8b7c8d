"""Settings shared by every environment.

Anything that differs between a laptop, the test suite and production lives in
dev.py, test.py or production.py; values that come from outside are read from the
environment here so that all three agree on their names.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False

INSTALLED_APPS = [
    "kennisbank",
    "municipalities",
    "notifications",
    "cases",
    "search",
    "questions",
    "api",
    "insights",
    "accounts",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "api.middleware.ApiVersionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "kennisbank.content_security.AdminScriptPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.idle_timeout.AdminIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a login that axes refused into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kennisbank.urls"
# A refused CSRF check under /api/ is a problem+json like every other API error.
CSRF_FAILURE_VIEW = "api.error_views.csrf_failure"
WSGI_APPLICATION = "kennisbank.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite is the embedded default so the demo runs with nothing else installed;
# production and CI set DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}

# The demo's web server and task worker write to one SQLite file. WAL lets readers
# go on beside a writer; IMMEDIATE transactions take the write lock up front and
# wait for it (timeout, in seconds) instead of failing when a read turns into a write.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Logins resist guessing (django-axes): AxesBackend refuses every
# authenticate() call, whichever login page made it (/admin/login/, /_util/login/,
# /django-admin/login/), once an account or an address
# has failed AXES_FAILURE_LIMIT times; the lock lifts after AXES_COOLOFF_TIME.
# Per account *and* per address: one address guessing many accounts, and many
# addresses guessing one account, are both stopped.
AUTHENTICATION_BACKENDS = [
    # First, because Wagtail's test utilities log in with the first backend: AxesBackend
    # is a ModelBackend that authenticates nobody itself, only refuses locked ones.
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A successful login does not wipe the count: otherwise a guesser with one account
# of their own could log into it every few tries and guess the others for ever.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# Addresses are personal data: axes keeps its own records of failed attempts only
# (they expire with the cool-off), not a log of every successful login.
AXES_DISABLE_ACCESS_LOG = True
# The client address: REMOTE_ADDR, or what our own proxies put in X-Forwarded-For
# (production sets TRUSTED_PROXY_HOPS).
AXES_CLIENT_IP_CALLABLE = "accounts.client_address.client_address"
TRUSTED_PROXY_HOPS = 0

# No shared-password privacy for pages or document collections: Wagtail's
# password form is not an account login, so django-axes cannot throttle guesses
# at it, and a shared password cannot be withdrawn from one person.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}

# Two-factor authentication (TOTP, django-otp): required for superusers and
# everyone who may publish (the Kennisredactie), offered to editors, and asked of
# anyone who has set it up (accounts.two_factor). Only the test settings turn the
# requirement off (the suite's many moderator tests log in without a phone; the
# two-step tests turn it back on); `check --deploy` fails when it is off.
TWO_FACTOR_REQUIRED = True
OTP_TOTP_ISSUER = "Kennisbank"

# Admin users are logged out after this much inactivity (accounts.idle_timeout).
ADMIN_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("ADMIN_IDLE_TIMEOUT_MINUTES", "30")))

# Password-reset mail is rendered in the request and sent by the task worker.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.password_reset.QueuedPasswordResetForm"  # noqa: S105

# Every response carries a Content-Security-Policy. Scripts only from this origin,
# never inline (Wagtail's admin, which still needs inline scripts, is the one
# exception: kennisbank.content_security). Styles: Wagtail's admin and its
# rich-text editor set style attributes, which CSP can only allow as
# 'unsafe-inline' for styles; an injected
# style cannot run code. Images also as data: (Wagtail's admin icons, the 2FA QR
# code) and blob: (image previews before upload).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
# No page of the platform needs these browser features; nothing embedded gets them.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# NL Design System CSS comes from the npm registry (`npm ci` in make install, pinned by
# package-lock.json): the Utrecht component library, themed with NL Design System's
# neutral example theme ("voorbeeld", EUPL-1.2) rather than one municipality's brand.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("utrecht/components", BASE_DIR / "node_modules/@utrecht/component-library-css/dist"),
    (
        "nl-design-system/theme",
        BASE_DIR / "node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist",
    ),
]
# Of the Noto fonts the theme names, only the Latin woff2 files of the weights and
# styles the pages use (kennisbank.font_finder; static/css/fonts.css declares them).
FONTSOURCE = BASE_DIR / "node_modules/@fontsource"
STATIC_FONT_FILES = [
    FONTSOURCE / f"noto-{family}/files/noto-{family}-latin-{variant}.woff2"
    for family, variant in [
        ("sans", "400-normal"),
        ("sans", "400-italic"),
        ("sans", "700-normal"),
        ("sans", "700-italic"),
        ("serif", "700-normal"),
    ]
]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "kennisbank.font_finder.SelectedFontsFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Kennisbank"
# No Gravatar: it would send a hash of every editor's address to a third party (and
# show broken images offline), and the Content-Security-Policy allows images from this
# site only; the admin shows initials instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor the dashboard's check for a newer Wagtail: a request from every superuser's
# browser to wagtail.org, which the policy blocks anyway. Upgrades follow the pins.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Wagtail's own form leaves the password field without a label, so the admin shows
# Django's untranslated field name ("Password").
WAGTAILADMIN_USER_LOGIN_FORM = "kennisbank.admin_login.LoginForm"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("nl", _("Dutch"))]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "pptx", "odp", "csv", "txt"]
# Every download goes through Wagtail's serve view and its before_serve_document hook
# (cases.document_serving), also with a storage that has public URLs of its own; only
# PDFs open in the browser, everything else is a download.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]

# Elasticsearch is optional on the embedded default: without a URL the platform
# runs and /health reports it as "not configured".
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "kennisbank")
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "5"))
# Replicas of each content index: 0 on a single node (else it stays yellow), 1+ on a cluster.
ELASTICSEARCH_REPLICAS = int(os.environ.get("ELASTICSEARCH_REPLICAS", "0"))

# Two search systems, on purpose. The public search page, the partner API and
# question routing use the search app (elasticsearch-dsl: Dutch analysis, synonyms,
# facets, an outbox that keeps the index in step). Wagtail's own search serves only the
# admin (page explorer, choosers, snippet listings): there editors look for a title
# they know, and its database backend needs no index of its own that could drift.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": True}
}

# Notifications (notifications/): the hour (local time) of the daily digest, and how
# long the worker waits for the mail server before it tries again later.
NOTIFICATION_DIGEST_HOUR = int(os.environ.get("NOTIFICATION_DIGEST_HOUR", "8"))
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))

# Webhooks for partner systems (api/webhook_*.py): seconds to wait for a receiver,
# attempts per delivery (backoff 1 min, 2 min, 4 min, ...), and failed attempts in a
# row after which a subscription is paused. Plain http only to loopback, in dev/tests.
WEBHOOK_TIMEOUT = float(os.environ.get("WEBHOOK_TIMEOUT", "5"))
WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", "10"))
WEBHOOK_PAUSE_AFTER = int(os.environ.get("WEBHOOK_PAUSE_AFTER", "15"))
WEBHOOK_ALLOW_LOOPBACK_HTTP = False

# /health shows error details only to staff and to callers sending this token.
HEALTH_TOKEN = os.environ.get("HEALTH_TOKEN", "")

# Slow or fallible work (Elasticsearch, mail, webhooks) never runs inside a web
# request: it is enqueued here and picked up by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The partner API (api/, /api/v1) after the Dutch API Design Rules: JSON only (no
# browsable API anywhere), problem+json errors under /api/, per-token and
# per-address rate limits.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # Authentication, permissions and throttles are set on the API's own views
    # (api.access.PartnerApi), not here: Wagtail's admin API uses DRF too, with the
    # admin's session.
    "DEFAULT_THROTTLE_RATES": {
        "partner": os.environ.get("API_RATE_PARTNER", "600/min"),
        "anonymous": os.environ.get("API_RATE_ANONYMOUS", "60/min"),
    },
    # Proxies in front that append to X-Forwarded-For: 1 behind the TLS proxy, so
    # anonymous limits count per client rather than for the proxy's address.
    "NUM_PROXIES": int(os.environ.get("API_TRUSTED_PROXIES", "0")) or None,
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kennisbank API",
    "DESCRIPTION": (
        "The partner API of Kennisbank: municipalities, casusbladen and lessen for "
        "the systems of Dutch municipalities. Anonymous callers read public data; a "
        "partner system sends its token as `Authorization: Bearer <token>`."
    ),
    "CONTACT": {
        "name": os.environ.get("API_CONTACT_NAME", "Kennisredactie Kennisbank"),
        "email": os.environ.get("API_CONTACT_EMAIL", "kennisredactie@kennisbank.example.nl"),
        "url": os.environ.get("API_CONTACT_URL", "https://kennisbank.example.nl/"),
    },
    "LICENSE": {"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
    "SERVERS": [{"url": "/api/v1", "description": "Kennisbank API v1"}],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    # Questions and invitations both have a `state`, with different choices.
    "ENUM_NAME_OVERRIDES": {
        "QuestionStateEnum": "questions.models.QuestionState",
        "InvitationStateEnum": "questions.models.InvitationState",
        "QuestionVisibilityEnum": "questions.models.QuestionVisibility",
    },
    "PREPROCESSING_HOOKS": ["api.schema.only_partner_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_shared_responses",
    ],
    # Its deploy check would build a schema of every URL, Wagtail's internal admin
    # API included; the partner API's own document is linted by its tests instead.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "elastic_transport": {"level": "WARNING"},
        # Failed logins (username and address, never the password) and lockouts are
        # WARNING; axes' per-request chatter is INFO and stays out of the log.
        "axes": {"level": "WARNING"},
    },
}
