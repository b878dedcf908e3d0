"""A fresh copy of the project folder, as a newcomer has it before the first `make run`.

Tests that run `make run` or manage.py from "the project folder" use one, so that the `.env`
and `var/` they make never touch the checkout's own. The copy shares the checkout's `.venv`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What a fresh clone does not have: local state, caches, and the checkout's own settings.
_LEFT_OUT = {
    ".venv",
    ".env",
    "var",
    ".git",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".import_linter_cache",
    ".grimp_cache",
    "test-output",
}


def _left_out(folder: str, names: list[str]) -> set[str]:
    left_out = {name for name in names if name in _LEFT_OUT}
    if Path(folder) in {ROOT / "media", ROOT / "bench" / "results"}:
        left_out |= {name for name in names if name != ".gitkeep"}
    return left_out


def copy_project(destination: Path) -> Path:
    """Copy the project into ``destination`` (which must not exist) and return it. File
    times are kept, so make finds the shared ``.venv`` up to date and installs nothing."""
    shutil.copytree(ROOT, destination, ignore=_left_out, symlinks=True)
    (destination / ".venv").symlink_to(ROOT / ".venv")
    return destination


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without any Storygen or Django setting (as in a new
    terminal), nor the marks of running under pytest or make, plus ``extra``."""
    prefixes = ("DJANGO_", "AI_", "OPENAI_", "CELERY_", "STORYGEN_", "DATABASE_")
    env = {key: value for key, value in os.environ.items() if not key.startswith(prefixes)}
    for key in ("PYTEST_CURRENT_TEST", "MAKEFLAGS", "MAKELEVEL", "MFLAGS"):
        env.pop(key, None)
    return {**env, **extra}
