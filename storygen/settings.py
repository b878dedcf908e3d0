"""Project settings: the only module that reads the environment."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import environ
from corsheaders.defaults import default_headers as cors_default_headers
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from storygen import broker as storygen_broker
from storygen import logging as storygen_logging
from storygen.envfile import env_file_path

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# `.env` in the project folder (`make run` writes one on its first start) fills in what the
# environment leaves unset: a variable set in the environment wins.
ENV_FILE = env_file_path()
environ.Env.read_env(ENV_FILE, overwrite=False)


def setting(name: str, *aliases: str, default: Any = None, cast: Any = str) -> Any:
    """Read ``name``, else the first alias that is set, else ``default``.

    Aliases are the configuration names of the product Storygen replaces, so an operator's
    existing ``.env`` keeps working. An empty value counts as unset.
    """
    for key in (name, *aliases):
        if env.ENVIRON.get(key, "").strip():
            if cast is bool:
                return env.bool(key)
            if cast is int:
                return env.int(key)
            if cast is float:
                return env.float(key)
            if cast is list:
                return env.list(key)
            return env.str(key)
    return default


def directory(value: str | Path) -> Path:
    path = Path(value)
    return path if path.is_absolute() else BASE_DIR / path


# --- Core -----------------------------------------------------------------------------------

DEBUG = setting("DJANGO_DEBUG", default=False, cast=bool)
# `make run`: this computer over plain http, nothing in front. Production in every other way
# (the app's own error pages, no tracebacks), except what plain http on one computer needs: no
# HTTPS redirect or HSTS, cookies without Secure, static files served from their source
# folders (no collectstatic step, which takes minutes on a small machine), a demo account,
# and a terminal without a line for every task or request.
STORYGEN_LOCAL_RUN = setting("STORYGEN_LOCAL_RUN", default=False, cast=bool)
VAR_DIR = directory(setting("STORYGEN_VAR_DIR", default="var"))

_INSECURE_KEYS = {"", "your-default-secret-key", "change-me"}
SECRET_KEY = setting("DJANGO_SECRET_KEY", "SECRET_KEY", default="")
if SECRET_KEY in _INSECURE_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured(
            f"Set DJANGO_SECRET_KEY (a long random string) in {ENV_FILE} or the environment, "
            "or run with DJANGO_DEBUG=true. Make one with: "
            'python3 -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    # Developer profile only: a random key kept per checkout, so sessions survive restarts.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    _key_file = VAR_DIR / "dev-secret-key"
    if not _key_file.exists():
        _key_file.write_text(secrets.token_urlsafe(50))
    SECRET_KEY = _key_file.read_text().strip()

ALLOWED_HOSTS = setting(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"], cast=list
)
CSRF_TRUSTED_ORIGINS = setting("DJANGO_CSRF_TRUSTED_ORIGINS", default=[], cast=list)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_prometheus",
    "storygen",
    "accounts",
    "stories",
    "characters",
    "moderation",
    "monitoring",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # Before everything else that logs, so every line of the request carries its id.
    "storygen.logging.RequestIdMiddleware",
    "storygen.logging.ApiRequestLogMiddleware",
    # The security headers go on first, outermost, so that every response carries them,
    # including redirects and errors made by the middleware below (see "Security").
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.middleware.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "storygen.urls"
WSGI_APPLICATION = "storygen.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "storygen.context_processors.site",
            ],
        },
    },
]

# --- Database ------------------------------------------------------------------------------
# DATABASE_URL unset: the embedded default, SQLite in var/ tuned for a web process and a
# worker writing at the same time (WAL, a busy timeout, and IMMEDIATE transactions so a
# writer waits for the lock up front instead of failing half-way through).

SQLITE_PATH = VAR_DIR / "storygen.sqlite3"
DATABASE_URL = setting("DATABASE_URL", default="")
if DATABASE_URL:
    DATABASES = {"default": env.db_url_config(DATABASE_URL)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(SQLITE_PATH)}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;"
        ),
    }
else:
    DATABASES["default"].setdefault(
        "CONN_MAX_AGE", setting("DJANGO_CONN_MAX_AGE", default=60, cast=int)
    )
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# --- Auth ----------------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Sign-in throttling, the same for every door that takes a password or a two-factor code
# (API token, log-in page, Django admin, two-factor page), counting failures inside the
# window: MAX_FAILURES for one account from one address, or MAX_FAILURES_PER_ADDRESS from
# one address whatever the account, refuse that address until the oldest failure leaves
# the window. Failures for an account from anywhere (in the last 24 hours) only slow it
# down: from the 3rd on, each makes its next attempt wait twice as long (2 s, 4 s, …) up to
# MAX_DELAY_SECONDS, so the owner waits at most MAX_DELAY_SECONDS after the latest failure,
# and not at all from an address the account signed in from within 30 days. Every attempt
# checked is recorded; refused ones are only logged. Two-factor codes: 5 wrong per account
# in the window.
# Behind a proxy, set DJANGO_NUM_PROXIES or every visitor counts as the proxy's address.
STORYGEN_LOGIN_MAX_FAILURES = setting("STORYGEN_LOGIN_MAX_FAILURES", default=10, cast=int)
STORYGEN_LOGIN_MAX_FAILURES_PER_ADDRESS = setting(
    "STORYGEN_LOGIN_MAX_FAILURES_PER_ADDRESS", default=30, cast=int
)
STORYGEN_LOGIN_MAX_DELAY_SECONDS = setting(
    "STORYGEN_LOGIN_MAX_DELAY_SECONDS", default=300, cast=int
)
STORYGEN_LOGIN_WINDOW_SECONDS = setting("STORYGEN_LOGIN_WINDOW_SECONDS", default=900, cast=int)
# Administrators pass a second sign-in step (a code from an authenticator app) before the
# Django admin, the monitoring page, the admin API or /metrics; the app shows this name.
STORYGEN_ADMIN_TWO_FACTOR = setting("STORYGEN_ADMIN_TWO_FACTOR", default=True, cast=bool)
STORYGEN_TWO_FACTOR_ISSUER = setting("STORYGEN_TWO_FACTOR_ISSUER", default="Storygen")
# How many reverse proxies sit in front of the app. 0 trusts only REMOTE_ADDR, so a client
# cannot reset its counter by sending its own X-Forwarded-For; `check --deploy` and the
# monitoring page warn when sign-ins for many accounts all come from one private address.
# Count only proxies that set X-Forwarded-For: otherwise a client's own header is believed.
STORYGEN_NUM_PROXIES = setting("DJANGO_NUM_PROXIES", default=0, cast=int)

# --- REST API ------------------------------------------------------------------------------

API_PREFIX = "/" + setting("STORYGEN_API_PREFIX", "API_PREFIX", default="/api/v1").strip("/")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # SimpleJWT's bearer tokens, refusing revoked ones on every request.
        "accounts.authentication.AccountTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON bodies, as the reference product takes them; the views that take forms (sign-in,
    # photo uploads) say so. It refuses nesting deeper than storygen.parsers.MAX_JSON_DEPTH.
    "DEFAULT_PARSER_CLASSES": ["storygen.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Documents the error answers (401, 413, 429…) every operation can give.
    "DEFAULT_SCHEMA_CLASS": "storygen.api.AutoSchema",
    "EXCEPTION_HANDLER": "storygen.exceptions.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

_jwt_key = setting("DJANGO_JWT_SIGNING_KEY", default="")
SIMPLE_JWT = {
    # The reference product's lifetime: its browser client never refreshes. A short one buys
    # nothing here, since a revoked token is refused at its next request (accounts.tokens).
    "ACCESS_TOKEN_LIFETIME": timedelta(
        minutes=setting("DJANGO_JWT_ACCESS_MINUTES", default=60, cast=int)
    ),
    "REFRESH_TOKEN_LIFETIME": timedelta(
        days=setting("DJANGO_JWT_REFRESH_DAYS", default=7, cast=int)
    ),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "ALGORITHM": "HS256",
    # A key of its own, so a leaked token key never exposes sessions or password resets.
    # Derived from SECRET_KEY when not configured, which is still a separate key.
    "SIGNING_KEY": _jwt_key or hashlib.sha256(b"storygen-jwt:" + SECRET_KEY.encode()).hexdigest(),
    # Off: accounts.tokens revokes tokens on a new password and on signing out everywhere,
    # with one claim checked on every request.
    "CHECK_REVOKE_TOKEN": False,
    "AUTH_HEADER_TYPES": ("Bearer",),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Storygen API",
    "DESCRIPTION": "Write and illustrate picture-book stories with AI.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["storygen.routing.schema_without_slash_twins"],
    "ENUM_NAME_OVERRIDES": {
        "StoryStatusEnum": "stories.models.Story.Status",
        "StepStatusEnum": "stories.models.StepStatus",
        "GenerationTaskStatusEnum": "stories.models.GenerationTask.Status",
    },
    # Swagger UI is served from our own static files: no CDN, works air-gapped.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

CORS_ALLOWED_ORIGINS = setting("DJANGO_CORS_ORIGINS", "CORS_ORIGINS", default=[], cast=list)
CORS_ALLOW_CREDENTIALS = True
# Editor writes are conditional (If-Match with the story's ETag): a client on another origin
# must be able to send the one and read the other. Likewise Prefer (respond-async) and what
# answers it, and a download's file name (the reference client names a saved PDF after it).
CORS_ALLOW_HEADERS = (*cors_default_headers, "if-match", "prefer")
CORS_EXPOSE_HEADERS = ["ETag", "Content-Disposition", "Preference-Applied"]

# --- Files ---------------------------------------------------------------------------------

DATA_DIR = directory(setting("STORYGEN_DATA_DIR", "DATA_DIR", default="media"))
# Story and character pictures. Private: served only through views that check ownership, or
# to whoever holds a signed address the API gave their owner (/static_content/...).
MEDIA_ROOT = DATA_DIR
MEDIA_URL = "/media/"
# How long a signed picture address holds: clients that show pictures with a plain <img>
# (no token) get one with each answer, so a few hours covers a page left open.
STORYGEN_SIGNED_MEDIA_MAX_AGE_SECONDS = setting(
    "STORYGEN_SIGNED_MEDIA_MAX_AGE_SECONDS", default=14_400, cast=int
)
if STORYGEN_SIGNED_MEDIA_MAX_AGE_SECONDS < 60:
    raise ImproperlyConfigured("STORYGEN_SIGNED_MEDIA_MAX_AGE_SECONDS must be 60 or more.")
LOGS_DIR = directory(setting("STORYGEN_LOGS_DIR", "LOGS_DIR", default=str(VAR_DIR / "logs")))
# Uploaded reference photos: outside MEDIA_ROOT and never served by any view.
STORYGEN_PRIVATE_DIR = directory(
    setting("STORYGEN_PRIVATE_DIR", "PRIVATE_DATA_DIR", default=str(VAR_DIR / "private"))
)
STORYGEN_MAX_UPLOAD_BYTES = setting(
    "STORYGEN_MAX_UPLOAD_BYTES", "MAX_UPLOAD_BYTES", default=10_485_760, cast=int
)
STORYGEN_MAX_UPLOAD_PIXELS = setting("STORYGEN_MAX_UPLOAD_PIXELS", default=40_000_000, cast=int)

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
_STATIC_FROM_SOURCE = DEBUG or STORYGEN_LOCAL_RUN
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if _STATIC_FROM_SOURCE
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# WhiteNoise serves static files from the folders they are kept in (an edited file shows at
# the next request) instead of the collected, compressed copies production serves.
WHITENOISE_USE_FINDERS = _STATIC_FROM_SOURCE
WHITENOISE_AUTOREFRESH = _STATIC_FROM_SOURCE
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Uploads larger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 5

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- AI providers --------------------------------------------------------------------------

# auto: OpenAI when OPENAI_API_KEY is set, else the offline provider (no network at all).
AI_PROVIDER = setting("AI_PROVIDER", default="auto")
if AI_PROVIDER not in {"auto", "openai", "offline"}:
    raise ImproperlyConfigured("AI_PROVIDER must be one of auto, openai, offline.")
# How many pictures may be drawn at once across every worker on every machine.
AI_MAX_CONCURRENT_IMAGES = setting("AI_MAX_CONCURRENT_IMAGES", default=8, cast=int)
# How long a step waits for a free picture slot before it steps aside and tries later.
AI_SLOT_WAIT_SECONDS = setting("AI_SLOT_WAIT_SECONDS", default=30.0, cast=float)
# Attempts per pipeline step (text, one reference sheet, one page) before it is failed. With
# the backoff below, eight attempts ride out at least 75 s of provider errors or rate
# limits; a worker killed while it held the step uses one too (so a step that kills its
# worker every time ends failed instead of looping).
AI_MAX_ATTEMPTS = setting("AI_MAX_ATTEMPTS", "RETRY_MAX_ATTEMPTS", default=8, cast=int)
# Exponential backoff base and ceiling between attempts, in seconds (full jitter applies).
AI_RETRY_BACKOFF_BASE = setting(
    "AI_RETRY_BACKOFF_BASE", "RETRY_BACKOFF_BASE", default=1.5, cast=float
)
AI_RETRY_MAX_DELAY = setting("AI_RETRY_MAX_DELAY", default=60.0, cast=float)
# Picture sizes asked of the provider. Pages (and the cover): the long side in pixels, the
# shape is the page's ("1024"; a "WxH" value counts its longer side). Character sheets: WxH.
AI_PAGE_IMAGE_SIZE = setting("AI_PAGE_IMAGE_SIZE", default="1024")
AI_SHEET_IMAGE_SIZE = setting("AI_SHEET_IMAGE_SIZE", default="1024x1536")

OPENAI_API_KEY = setting("OPENAI_API_KEY", default="")
OPENAI_BASE_URL = setting("OPENAI_BASE_URL", default="") or None
# Defaults are models OpenAI has not scheduled for shutdown (see .env.example).
OPENAI_TEXT_MODEL = setting("OPENAI_TEXT_MODEL", "TEXT_MODEL", default="gpt-5.6-terra")
OPENAI_IMAGE_MODEL = setting("OPENAI_IMAGE_MODEL", "IMAGE_MODEL", default="gpt-image-2")
OPENAI_MODERATION_MODEL = setting("OPENAI_MODERATION_MODEL", default="omni-moderation-latest")
# Pictures go to the moderation model too; turn off only for a server whose moderation model
# takes text alone (every picture would otherwise wait for review).
OPENAI_MODERATE_IMAGES = setting("OPENAI_MODERATE_IMAGES", default=True, cast=bool)
OPENAI_USE_RESPONSES_API = setting(
    "OPENAI_USE_RESPONSES_API", "USE_OPENAI_RESPONSES_API", default=False, cast=bool
)
OPENAI_TEXT_ENABLE_FALLBACK = setting("OPENAI_TEXT_ENABLE_FALLBACK", default=False, cast=bool)
OPENAI_IMAGE_QUALITY = setting("OPENAI_IMAGE_QUALITY", default="medium")
# Pictures come back as JPEG (faster to make, to send and to print than PNG); "png" or
# "webp" also work, and an empty value sends no format (servers without the option).
OPENAI_IMAGE_FORMAT = setting("OPENAI_IMAGE_FORMAT", default="jpeg")
OPENAI_IMAGE_COMPRESSION = setting("OPENAI_IMAGE_COMPRESSION", default=90, cast=int)
OPENAI_TEXT_TIMEOUT = setting("OPENAI_TEXT_TIMEOUT", default=120.0, cast=float)
OPENAI_IMAGE_TIMEOUT = setting("OPENAI_IMAGE_TIMEOUT", default=180.0, cast=float)
OPENAI_CONNECT_TIMEOUT = setting("OPENAI_CONNECT_TIMEOUT", default=5.0, cast=float)
OPENAI_MAX_OUTPUT_TOKENS = setting("OPENAI_MAX_OUTPUT_TOKENS", default=16000, cast=int)

# --- Celery --------------------------------------------------------------------------------
# CELERY_BROKER_URL unset: the private redis-server that `make run` starts on a unix socket
# in var/broker/ (with an append-only file, so queued work survives its restarts). The
# database is the source of truth; the broker is only a doorbell.

CELERY_BROKER_URL = setting("CELERY_BROKER_URL", default="") or storygen_broker.embedded_broker_url(
    VAR_DIR
)
# Longer than the longest step plus the longest retry countdown, or a slow step would be
# delivered twice (the step leases below make a second delivery harmless, not free).
CELERY_VISIBILITY_TIMEOUT = setting("CELERY_VISIBILITY_TIMEOUT", default=3600, cast=int)
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, Any] = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
CELERY_WORKER_CONCURRENCY = setting("CELERY_WORKER_CONCURRENCY", default=16, cast=int)

# Step leases: a step claimed by a worker belongs to it this long; after that the
# reconciler may hand it to another worker. Longer than any single provider call. A claim
# carries its worker's identity, so a worker that stops is found much sooner through its
# heartbeat (STORYGEN_WORKER_GONE_AFTER); the lease is the backstop for claims made outside
# a worker.
STORYGEN_STEP_LEASE_SECONDS = setting("STORYGEN_STEP_LEASE_SECONDS", default=600, cast=int)
# How long a queued step may wait for a worker before the reconciler sends it again. The
# usual ways to lose a message (a worker killed holding it, a broker restart) make the
# workers send waiting work again at once; this is the backstop for any other. A step still
# waiting in a long queue is sent again too, which is harmless (the second delivery finds it
# claimed), so it stays well above a busy queue's wait.
STORYGEN_QUEUE_LEASE_SECONDS = setting("STORYGEN_QUEUE_LEASE_SECONDS", default=300, cast=int)
# How often each worker looks for stalled work (seconds; 0 turns the loop off).
STORYGEN_RECONCILE_INTERVAL = setting("STORYGEN_RECONCILE_INTERVAL", default=10, cast=int)
MAX_STORY_PAGES = 20
# On the asynchronous path of a PDF download (the site's Download PDF button, and API clients
# that send Prefer: respond-async), stories with up to this many pages still render in the
# request; longer ones in a worker while the page or client polls. The API's default answer
# is always the PDF itself, and a cached PDF is always served at once.
STORYGEN_PDF_SYNC_MAX_PAGES = setting("STORYGEN_PDF_SYNC_MAX_PAGES", default=8, cast=int)
# How long an API request waits for the drawing it asked for (a page redrawn, a character
# sheet) before answering 202 with the job to poll, or for a PDF another request or a worker
# is rendering before rendering it itself. The web server must let a request live longer
# than this (the image's gunicorn: threaded workers, --timeout 120), and so must a proxy in
# front (docs/deploy.md).
STORYGEN_API_WAIT_SECONDS = setting("STORYGEN_API_WAIT_SECONDS", default=90.0, cast=float)

# Safety checks (storygen.safety): per-category score limits, a JSON object of category →
# limit from 0 to 1, merged over the built-in limits (stricter than the provider's own
# "flagged"). Stories held while moderation is down are checked again after BASE seconds,
# doubling up to MAX.
try:
    STORYGEN_MODERATION_THRESHOLDS: dict[str, float] = {
        str(category): float(limit)
        for category, limit in json.loads(
            setting("STORYGEN_MODERATION_THRESHOLDS", default="{}")
        ).items()
    }
except (ValueError, TypeError, AttributeError) as exc:
    raise ImproperlyConfigured(
        "STORYGEN_MODERATION_THRESHOLDS must be a JSON object such as "
        '{"violence": 0.3}: category → limit from 0 to 1.'
    ) from exc
# Prices for the admin's cost estimate: US dollars per million input / output tokens (text
# and pictures alike, a blended estimate). Unset: no estimate is shown.
STORYGEN_AI_PRICE_INPUT_PER_MILLION = setting(
    "STORYGEN_AI_PRICE_INPUT_PER_MILLION", default=None, cast=float
)
STORYGEN_AI_PRICE_OUTPUT_PER_MILLION = setting(
    "STORYGEN_AI_PRICE_OUTPUT_PER_MILLION", default=None, cast=float
)
# Per-user limits on AI work: the defaults, which an administrator overrides per account in
# the Django admin. Daily limits count the last 24 hours; 0 allows none.
STORYGEN_QUOTA_CONCURRENT_RUNS = setting("STORYGEN_QUOTA_CONCURRENT_RUNS", default=3, cast=int)
STORYGEN_QUOTA_STORIES_PER_DAY = setting("STORYGEN_QUOTA_STORIES_PER_DAY", default=20, cast=int)
STORYGEN_QUOTA_PICTURES_PER_DAY = setting("STORYGEN_QUOTA_PICTURES_PER_DAY", default=300, cast=int)
STORYGEN_QUOTA_REWRITES_PER_DAY = setting("STORYGEN_QUOTA_REWRITES_PER_DAY", default=100, cast=int)
# A ceiling on the estimated AI spend of the last 24 hours (US dollars, at the prices above)
# for everyone together; once reached, new AI work is refused. Unset: no ceiling.
STORYGEN_AI_DAILY_BUDGET = setting("STORYGEN_AI_DAILY_BUDGET", default=None, cast=float)
for _name in (
    "STORYGEN_QUOTA_CONCURRENT_RUNS",
    "STORYGEN_QUOTA_STORIES_PER_DAY",
    "STORYGEN_QUOTA_PICTURES_PER_DAY",
    "STORYGEN_QUOTA_REWRITES_PER_DAY",
):
    if globals()[_name] < 0:
        raise ImproperlyConfigured(f"{_name} must be 0 or more.")
if STORYGEN_AI_DAILY_BUDGET is not None and (
    STORYGEN_AI_PRICE_INPUT_PER_MILLION is None or STORYGEN_AI_PRICE_OUTPUT_PER_MILLION is None
):
    raise ImproperlyConfigured(
        "STORYGEN_AI_DAILY_BUDGET needs STORYGEN_AI_PRICE_INPUT_PER_MILLION and "
        "STORYGEN_AI_PRICE_OUTPUT_PER_MILLION to estimate what is spent."
    )
# Who answers the safety checks, after the rules classifier (which runs first in every mode):
# "openai" (a moderations endpoint), "guard" (a Llama Guard model over chat completions) or
# "rules" (nothing else). Unset: the story provider's own moderation (OpenAI's with a key,
# the rules without). URL, key and model default to the story provider's OPENAI_* ones.
STORYGEN_MODERATION_PROVIDER = setting("STORYGEN_MODERATION_PROVIDER", default="")
if STORYGEN_MODERATION_PROVIDER not in {"", "openai", "guard", "rules"}:
    raise ImproperlyConfigured("STORYGEN_MODERATION_PROVIDER must be openai, guard or rules.")
STORYGEN_MODERATION_BASE_URL = setting("STORYGEN_MODERATION_BASE_URL", default="") or None
STORYGEN_MODERATION_API_KEY = setting("STORYGEN_MODERATION_API_KEY", default="")
STORYGEN_MODERATION_MODEL = setting("STORYGEN_MODERATION_MODEL", default="")
if STORYGEN_MODERATION_PROVIDER == "guard" and not STORYGEN_MODERATION_MODEL:
    raise ImproperlyConfigured(
        "STORYGEN_MODERATION_PROVIDER=guard needs STORYGEN_MODERATION_MODEL (the guard model)."
    )
if STORYGEN_MODERATION_PROVIDER == "openai" and not (STORYGEN_MODERATION_API_KEY or OPENAI_API_KEY):
    raise ImproperlyConfigured(
        "STORYGEN_MODERATION_PROVIDER=openai needs STORYGEN_MODERATION_API_KEY or OPENAI_API_KEY."
    )
STORYGEN_MODERATION_RECHECK_BASE = setting(
    "STORYGEN_MODERATION_RECHECK_BASE", default=30.0, cast=float
)
STORYGEN_MODERATION_RECHECK_MAX = setting(
    "STORYGEN_MODERATION_RECHECK_MAX", default=900.0, cast=float
)
MAX_STORY_CHARACTERS = 10

# --- Security ------------------------------------------------------------------------------
# Production is the default: with DEBUG off the app answers over HTTPS only (behind a
# TLS-terminating proxy), with HSTS, secure cookies and the headers below on every response.

# The header (and value) by which the proxy in front says the client came over HTTPS:
# "X-Forwarded-Proto" (value https), "X-Forwarded-Ssl=on", or "off" when nothing is in front.
# Only trust it when the proxy always sets or overwrites that header.
_proxy_ssl = setting(
    "DJANGO_SECURE_PROXY_SSL_HEADER",
    default="off" if STORYGEN_LOCAL_RUN else "X-Forwarded-Proto",
).strip()
if _proxy_ssl.lower() in {"off", "none", "false"}:
    SECURE_PROXY_SSL_HEADER = None
else:
    _proxy_name, _, _proxy_value = _proxy_ssl.partition("=")
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _proxy_name.strip().upper().replace("-", "_"),
        _proxy_value.strip() or "https",
    )
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A session ends 14 days after signing in, however often it is saved since
# (accounts.middleware.SessionLifetimeMiddleware); opening pages does not extend it
# (SESSION_SAVE_EVERY_REQUEST stays off), and there is no shorter idle timeout. Signing out
# ends it at once; changing the password ends every other session of the account.
SESSION_COOKIE_AGE = 14 * 24 * 3600
if not DEBUG:
    # `make run` answers plain http on this computer: a Secure cookie would never come back
    # (no signing in), and a redirect to https would lead nowhere.
    _https = not STORYGEN_LOCAL_RUN
    SESSION_COOKIE_SECURE = setting("DJANGO_SECURE_COOKIES", default=_https, cast=bool)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = setting("DJANGO_SECURE_SSL_REDIRECT", default=_https, cast=bool)
    SECURE_HSTS_SECONDS = setting(
        "DJANGO_SECURE_HSTS_SECONDS", default=31536000 if _https else 0, cast=int
    )
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = setting("DJANGO_SECURE_HSTS_PRELOAD", default=False, cast=bool)
    # The health probes come from the load balancer over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# Checks that `manage.py check --deploy` may not raise, each with its reason.
SILENCED_SYSTEM_CHECKS = [
    # security.W021 asks for the HSTS preload flag. Preloading is a promise to browser
    # vendors that every subdomain serves HTTPS for good, and it takes months to undo, so
    # the operator opts in with DJANGO_SECURE_HSTS_PRELOAD=true once the domain is ready.
    "security.W021",
]


def _inline_style_hashes(*templates: str) -> list[str]:
    """CSP hashes of the <style> blocks in these templates.

    The 500 page carries its styles inline because it must render when static files are
    what failed; allowing exactly its bytes keeps every other inline style blocked.
    """
    hashes = []
    for name in templates:
        text = (BASE_DIR / "templates" / name).read_text(encoding="utf-8")
        for block in re.findall(r"<style>(.*?)</style>", text, flags=re.DOTALL):
            digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
            hashes.append(f"'sha256-{digest}'")
    return hashes


# Content-Security-Policy (django-csp) on every response. Scripts and style sheets come from
# this site only, never inline; style="" attributes are allowed because the book pages set
# their per-page CSS custom properties there. Pictures also come as blob: URLs (the photo
# preview before an upload) and data: URLs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, *_inline_style_hashes("500.html")],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# --- Logging -------------------------------------------------------------------------------
# Ids and outcomes only: never prompts, outlines, character text, tokens or keys.

LOG_LEVEL = setting("DJANGO_LOG_LEVEL", default="INFO")
LOG_TO_FILE = setting("STORYGEN_LOG_TO_FILE", default=True, cast=bool)
# Days of rotated app.log and api.log files kept, and of error.log files.
STORYGEN_LOG_BACKUP_DAYS = setting("STORYGEN_LOG_BACKUP_DAYS", default=14, cast=int)
STORYGEN_ERROR_LOG_BACKUP_DAYS = setting("STORYGEN_ERROR_LOG_BACKUP_DAYS", default=30, cast=int)
if LOG_TO_FILE:
    LOGS_DIR.mkdir(parents=True, exist_ok=True)
# Console, plus app.log, api.log and error.log in LOGS_DIR, rotated at midnight UTC; every
# line carries the request id, and no line can be forged or carry a secret.
LOGGING: dict[str, Any] = storygen_logging.logging_config(
    level=LOG_LEVEL,
    logs_dir=LOGS_DIR if LOG_TO_FILE else None,
    backup_days=STORYGEN_LOG_BACKUP_DAYS,
    error_backup_days=STORYGEN_ERROR_LOG_BACKUP_DAYS,
    # `make run`'s terminal shows what needs attention, not a line for every task.
    quiet_console=STORYGEN_LOCAL_RUN,
)

# Demo account created by `make run` (printed once); never created in production.
STORYGEN_DEMO_USERNAME = setting("STORYGEN_DEMO_USERNAME", default="demo")

# --- Operations ----------------------------------------------------------------------------

# /metrics is never public. It answers an administrator's session, a bearer token (unset:
# no token works), or a client whose REMOTE_ADDR is listed; everyone else gets a 404.
STORYGEN_METRICS_TOKEN = setting("STORYGEN_METRICS_TOKEN", default="")
STORYGEN_METRICS_ALLOWED_IPS = setting("STORYGEN_METRICS_ALLOWED_IPS", default=[], cast=list)
# Each worker records that it is alive this often (seconds) in the database; /readyz wants a
# record younger than STORYGEN_READY_WORKER_MAX_AGE from at least one worker.
STORYGEN_WORKER_HEARTBEAT_SECONDS = setting(
    "STORYGEN_WORKER_HEARTBEAT_SECONDS", default=10, cast=int
)
# A worker silent this long (seconds) has stopped: the other workers hand its claimed work
# to whoever is free, instead of waiting out the step leases. A few missed heartbeats, so a
# slow database does not count as a death; a worker seen to exit on the same machine is
# handled at once.
STORYGEN_WORKER_GONE_AFTER = setting("STORYGEN_WORKER_GONE_AFTER", default=40, cast=int)
STORYGEN_READY_WORKER_MAX_AGE = setting("STORYGEN_READY_WORKER_MAX_AGE", default=120, cast=int)
# How long /readyz waits for the broker before calling it down (seconds).
STORYGEN_READY_BROKER_TIMEOUT = setting("STORYGEN_READY_BROKER_TIMEOUT", default=2.0, cast=float)
# A worker's own metrics (AI calls, retries: counted where they happen) on this port of
# STORYGEN_WORKER_METRICS_ADDR, for Prometheus on an internal network. 0: not served.
STORYGEN_WORKER_METRICS_PORT = setting("STORYGEN_WORKER_METRICS_PORT", default=0, cast=int)
STORYGEN_WORKER_METRICS_ADDR = setting("STORYGEN_WORKER_METRICS_ADDR", default="127.0.0.1")
