"""Reading the settings a fresh process builds from a given environment, for settings tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def settings_in_subprocess(env: dict[str, str], *names: str) -> dict[str, str]:
    """The settings ``names`` (as strings) of ``storygen.settings`` loaded in a new Python
    process with ``env`` over the current environment, minus its own ``DJANGO_*``,
    ``AI_*`` and ``OPENAI_*`` variables. Raises RuntimeError with the process's stderr when
    the settings refuse to load."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: str(getattr(settings, n)) for n in {list(names)!r}}}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AI_", "OPENAI_"))}
    result = subprocess.run(  # noqa: S603 - our interpreter, fixed code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "storygen.settings",
            "STORYGEN_LOG_TO_FILE": "false",
            "STORYGEN_ENV_FILE": os.devnull,  # never the checkout's .env
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(result.stderr)
    values: dict[str, str] = json.loads(result.stdout.strip().splitlines()[-1])
    return values
