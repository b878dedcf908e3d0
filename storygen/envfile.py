"""The `.env` file: where the settings find it, and the one `make run` writes on its first start.

``python -m storygen.envfile`` writes it when it does not exist yet (never over an existing
one), so that every ``manage.py`` command run from the project folder afterwards finds the
same secret key and settings as `make run`, with nothing to export first.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def env_file_path() -> Path:
    """``STORYGEN_ENV_FILE`` when set (relative to the project folder), else ``.env`` there.

    The test suite points it at an empty file, so a developer's own ``.env`` (with a real
    OpenAI key, say) never changes what the tests see or reaches their processes.
    """
    path = Path(os.environ.get("STORYGEN_ENV_FILE", "").strip() or ".env")
    return path if path.is_absolute() else ROOT / path


def first_start_settings(secret_key: str) -> str:
    """The text of the `.env` for running on this computer."""
    return f"""\
# Storygen's settings for this folder, written by the first `make run`. `make run` never
# changes this file again: edit it as you like (.env.example lists every variable and what it
# means). A variable set in the environment wins over this file.
#
# For a server, start from .env.example instead (docs/deploy.md).

# Signs sessions and tokens: keep it secret; a new one signs everybody out.
DJANGO_SECRET_KEY={secret_key}
# true: Django's debug pages and tracebacks instead of the app's own error pages. For one
# run only: DJANGO_DEBUG=true make run
DJANGO_DEBUG=false

# Empty: the embedded defaults, which need no server of your own (SQLite in
# var/storygen.sqlite3, and a private redis-server on a unix socket in var/broker/).
DATABASE_URL=
CELERY_BROKER_URL=

# Empty: the offline storyteller and painter (no network). Set a key for real stories.
OPENAI_API_KEY=
"""


def write_first_start_env(path: Path) -> bool:
    """Write the local ``.env`` at ``path`` with a new secret key, readable by this user
    only. Returns False, changing nothing, when the file already exists."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        os.fchmod(file.fileno(), 0o600)  # whatever the umask
        file.write(first_start_settings(secrets.token_urlsafe(50)))
    return True


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main() -> int:
    path = env_file_path()
    if write_first_start_env(path):
        print(
            f"Storygen: wrote {_shown(path)} (a new secret key and the local settings); "
            "`make run` and manage.py read it from now on.",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
