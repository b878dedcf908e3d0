"""Settings for the test suite: the real settings, with fast and isolated choices."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Not the checkout's .env (`make run` writes one): the tests, and every process they start,
# see the same settings on every machine, and never a real key from it.
os.environ["STORYGEN_ENV_FILE"] = os.devnull
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("STORYGEN_LOG_TO_FILE", "false")
os.environ.setdefault("AI_PROVIDER", "offline")

from storygen.settings import *  # noqa: F403
from storygen.settings import DATABASES, STORAGES

# Media of a test run lives in its own folder, never in the checkout.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="storygen-test-media-"))
DATA_DIR = MEDIA_ROOT
STORYGEN_PRIVATE_DIR = Path(tempfile.mkdtemp(prefix="storygen-test-private-"))

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Celery runs tasks inline in unit and API tests; the integration tests start real workers
# with the normal settings instead. Errors are not propagated because Celery's eager mode can
# only retry a task (as the pipeline does on transient errors) when they are not; an error
# still shows in the log and in the state the tests assert.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = False
AI_RETRY_BACKOFF_BASE = 0.01
AI_RETRY_MAX_DELAY = 0.05
STORYGEN_RECONCILE_INTERVAL = 0

# SQLite tests use a file (not memory), so worker processes can share the test database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"storygen-test-{os.getpid()}.sqlite3")
    }

# Administrators are signed in directly by most tests; the tests of two-factor sign-in turn
# it on (the production default) themselves.
STORYGEN_ADMIN_TWO_FACTOR = False

# Tests talk plain HTTP to the test client; HTTPS behaviour is tested by sending the proxy's
# X-Forwarded-Proto header explicitly.
SECURE_SSL_REDIRECT = False
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="storygen-test-static-"))
# Small pictures keep the offline painter fast in tests.
AI_PAGE_IMAGE_SIZE = "192x192"
AI_SHEET_IMAGE_SIZE = "192x288"
