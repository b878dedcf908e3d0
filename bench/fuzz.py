"""Benchmark F: schemathesis over every API operation, longer than the run in the test suite.

Production settings on a fresh SQLite database, the offline provider, tasks run inline. An
ordinary user with a story, a character and a picture version fuzzes every operation (all
phases, every check, the stateful phase on); then an administrator past two-factor sign-in
fuzzes the admin API. Prints one JSON line (also written to var/bench/): operations, cases,
failures by check, findings explained by storygen.testing.api_fuzz.ALLOWED (by reason), 5xx
count, per run. Exit code 1 when a run answered 5xx or failed a check with any finding the
allow-list does not explain.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STORY: dict[str, Any] = {
    "title": "The leaf boat",
    "genre": "Fantasy",
    "story_outline": "A fox and a hedgehog sail a leaf boat across the pond to find the moon.",
    "main_characters": [{"name": "Rusty", "description": "a small orange fox"}],
    "num_pages": 2,
}


def _configure(work: Path) -> Any:
    """The WSGI application, on a fresh database."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "storygen.settings",
            "DJANGO_SECRET_KEY": "bench-" + "k" * 50,
            "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL")
            or f"sqlite:///{work / 'bench.sqlite3'}",
            "STORYGEN_VAR_DIR": str(work / "var"),
            "STORYGEN_DATA_DIR": str(work / "media"),
            "STORYGEN_LOG_TO_FILE": "false",
            "DJANGO_LOG_LEVEL": "WARNING",
            "AI_PROVIDER": "offline",
            "AI_PAGE_IMAGE_SIZE": "192x192",
            "AI_SHEET_IMAGE_SIZE": "192x288",
            # Longer than the run, so the fuzzer's token never expires in the middle.
            "DJANGO_JWT_ACCESS_MINUTES": "600",
        }
    )
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    call_command("migrate", verbosity=0)
    # The PDF names its stylesheets and fonts through the static files' manifest, as in
    # production.
    call_command("collectstatic", interactive=False, verbosity=0)
    # Thousands of refused requests: only errors are worth a line.
    for name in ("storygen.api", "django.request", "accounts.services"):
        logging.getLogger(name).setLevel(logging.ERROR)

    from storygen.celery import app

    # The fuzzer's stories and redraws run inline: this benchmark is about the API.
    app.conf.task_always_eager = True
    return application


def _bearer(*, admin: bool) -> str:
    from accounts.models import User
    from accounts.services import user_tokens

    name = f"fuzz-{'admin' if admin else 'user'}-{time.time_ns()}"
    user = User.objects.create_user(username=name, password=None, email=f"{name}@example.com")
    if admin:
        user.role = User.Role.ADMIN
        user.save(update_fields=["role"])
    else:
        _seed(user)
    return user_tokens(user=user, two_factor_passed=admin)["access"]


def _seed(owner: Any) -> None:
    """Something of the user's for the fuzzer to find: a story with pages, a character."""
    from characters import services as characters
    from stories import services as stories
    from stories.models import Page

    task = stories.story_generation_start(owner=owner, **STORY)
    page = Page.objects.filter(story_id=task.story_id, number=1).first()
    if page is not None:
        stories.page_redraw_request(page=page, description="the boat at sunrise")
    characters.character_upsert(
        owner=owner, name="Pip", fields={"description": "a grey seagull"}, generate_image=False
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--examples", type=int, default=200, help="per operation")
    parser.add_argument(
        "--expensive-examples", type=int, default=25, help="per operation that starts AI work"
    )
    parser.add_argument("--max-time", type=int, default=None, help="seconds per run")
    parser.add_argument("--no-admin", action="store_true", help="only the ordinary user's run")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="storygen-bench-fuzz-"))
    runs: dict[str, dict[str, Any]] = {}
    findings: list[str] = []
    try:
        app = _configure(work)
        from storygen.testing.api_fuzz import fuzz_api

        plan = [("user", _bearer(admin=False), None)]
        if not args.no_admin:
            plan.append(("admin", _bearer(admin=True), "/api/v1/admin/"))
        for name, bearer, paths in plan:
            report = fuzz_api(
                app,
                bearer=bearer,
                seed=args.seed,
                max_examples=args.examples,
                expensive_examples=args.expensive_examples,
                stateful=True,
                path_prefix=paths,
                max_time=args.max_time,
            )
            runs[name] = report.summary()
            findings += [str(finding) for finding in report.failures]
            findings += report.errors
    finally:
        shutil.rmtree(work, ignore_errors=True)

    for finding in findings:
        print(finding, file=sys.stderr)
    target_met = all(
        run["server_errors"] == 0 and run["failures"] == 0 and run["errors"] == 0
        for run in runs.values()
    )
    result = {
        "benchmark": "fuzz",
        "seed": args.seed,
        "examples": args.examples,
        "expensive_examples": args.expensive_examples,
        "runs": runs,
        "target_met": target_met,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
    }
    line = json.dumps(result)
    print(line)
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"fuzz-{time.strftime('%Y%m%dT%H%M%S')}.json").write_text(line + "\n")
    return 0 if target_met else 1


if __name__ == "__main__":
    sys.exit(main())
