"""Deployment: production settings pass Django's deploy checks; image and compose stack agree."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from storygen.celery import app as celery_app
from storygen.celery import worker_command

ROOT = Path(__file__).resolve().parents[2]
COMPOSE: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES: dict[str, Any] = COMPOSE["services"]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
DEPLOY_GUIDE = (ROOT / "docs" / "deploy.md").read_text()
ENV_EXAMPLE = (ROOT / ".env.example").read_text()


def _production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """A production-like environment: no debug, a real secret, PostgreSQL and Redis URLs."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "AI_", "OPENAI_", "STORYGEN_", "CELERY_"))
        and name != "DATABASE_URL"
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "storygen.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "stories.example.org",
        "DATABASE_URL": "postgres://storygen:not-used@db.invalid:5432/storygen",
        "CELERY_BROKER_URL": "redis://redis.invalid:6379/0",
        "STORYGEN_VAR_DIR": str(tmp_path / "var"),
        "STORYGEN_LOGS_DIR": str(tmp_path / "logs"),
        "STORYGEN_ENV_FILE": os.devnull,  # never the checkout's .env
        **overrides,
    }


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our interpreter and manage.py, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _setting(env: dict[str, str], name: str) -> str:
    result = _manage(
        env, "shell", "-c", f"from django.conf import settings; print(settings.{name})"
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


# --- settings ------------------------------------------------------------------------------


def test_production_settings_pass_the_deploy_checks_with_warnings_as_failures(
    tmp_path: Path,
) -> None:
    result = _manage(_production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_checks_fail_when_production_loosens_its_cookies(tmp_path: Path) -> None:
    env = _production_env(tmp_path, DJANGO_SECURE_COOKIES="false")
    result = _manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W012" in result.stderr  # SESSION_COOKIE_SECURE
    assert "security.W016" in result.stderr  # CSRF_COOKIE_SECURE


def test_the_deploy_checks_warn_when_every_sign_in_comes_from_one_private_address(
    tmp_path: Path,
) -> None:
    # Behind a proxy with DJANGO_NUM_PROXIES=0, the app sees every sign-in come from it.
    env = _production_env(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert _manage(env, "migrate", "-v", "0").returncode == 0
    seed = (
        "from accounts.models import LoginAttempt; LoginAttempt.objects.bulk_create("
        "LoginAttempt(username=f'person{n % 4}', ip_address='10.0.0.2', succeeded=True) "
        "for n in range(30))"
    )
    assert _manage(env, "shell", "-c", seed).returncode == 0

    result = _manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "storygen.W001" in result.stderr
    assert "came from 10.0.0.2, a private address" in result.stderr
    assert "Set DJANGO_NUM_PROXIES" in result.stderr

    counted = _manage(
        {**env, "DJANGO_NUM_PROXIES": "1"}, "check", "--deploy", "--fail-level", "WARNING"
    )
    assert counted.returncode == 0, counted.stdout + counted.stderr


def test_every_silenced_check_is_listed_with_its_reason() -> None:
    source = (ROOT / "storygen" / "settings.py").read_text()
    block = re.search(r"^SILENCED_SYSTEM_CHECKS = \[\n(.*?)^\]", source, re.M | re.S)
    assert block, "SILENCED_SYSTEM_CHECKS is a literal list in settings.py"
    lines = block.group(1).splitlines()
    silenced = [(i, line.strip().strip('",')) for i, line in enumerate(lines) if '"' in line]
    assert silenced
    for index, check_id in silenced:
        assert re.fullmatch(r"[a-z_]+\.[EW]\d{3}", check_id)
        assert index > 0
        assert lines[index - 1].strip().startswith("#"), f"{check_id} needs a reason above it"


@pytest.mark.parametrize(
    ("configured", "expected"),
    [
        (None, "('HTTP_X_FORWARDED_PROTO', 'https')"),
        ("X-Forwarded-Ssl=on", "('HTTP_X_FORWARDED_SSL', 'on')"),
        ("off", "None"),
    ],
)
def test_the_proxy_https_header_is_configurable(
    tmp_path: Path, configured: str | None, expected: str
) -> None:
    overrides = {"DJANGO_SECURE_PROXY_SSL_HEADER": configured} if configured else {}
    env = _production_env(tmp_path, **overrides)
    assert _setting(env, "SECURE_PROXY_SSL_HEADER") == expected


# --- image ---------------------------------------------------------------------------------


def test_the_image_is_python_311_slim_and_runs_gunicorn_as_a_non_root_user() -> None:
    assert re.search(r"^FROM python:3\.11-slim", DOCKERFILE, re.M)
    assert "pip install -r requirements.txt" in DOCKERFILE
    assert "collectstatic --noinput" in DOCKERFILE
    users = re.findall(r"^USER (\S+)", DOCKERFILE, re.M)
    assert users
    assert users[-1] not in {"root", "0"}
    assert re.search(r'^CMD \["gunicorn", "storygen\.wsgi"', DOCKERFILE, re.M)
    healthcheck = re.search(r"^HEALTHCHECK .*?\n(?=\S|\n)", DOCKERFILE, re.M | re.S)
    assert healthcheck
    assert '"healthz"]' in healthcheck.group(0)


def test_the_web_server_lets_a_request_wait_for_its_work_without_starving_the_others() -> None:
    from django.conf import settings

    command = json.loads(re.findall(r"^CMD (\[.*\])$", DOCKERFILE, re.MULTILINE)[-1])

    def option(name: str) -> str:
        return str(command[command.index(name) + 1])

    # Threaded workers serve other requests while one waits for a drawing or a PDF...
    assert option("--worker-class") == "gthread"
    assert int(option("--threads")) >= 4
    # ...and no worker is killed while a request waits the longest it may.
    assert int(option("--timeout")) > settings.STORYGEN_API_WAIT_SECONDS + 10
    assert "proxy_read_timeout 150s;" in DEPLOY_GUIDE


def test_the_image_installs_the_libraries_weasyprint_needs() -> None:
    makefile = (ROOT / "Makefile").read_text()
    runtime = re.search(r"^RUNTIME_APT := (.+)$", makefile, re.M)
    assert runtime
    for package in runtime.group(1).split():
        assert re.search(rf"\s{re.escape(package)}(\s|\\)", DOCKERFILE), package


def test_the_image_carries_every_package_the_project_runs_and_nothing_local() -> None:
    copied = set(re.findall(r"^COPY (\S+) \./", DOCKERFILE, re.M))
    local_apps = {
        path.parent.name for path in ROOT.glob("*/apps.py") if path.parent.name != ".venv"
    }
    assert local_apps | {"storygen", "templates", "static", "manage.py"} <= copied
    assert not copied & {".", ".env", ".venv", "var", "media"}


# --- compose stack --------------------------------------------------------------------------


def test_the_stack_runs_web_workers_postgres_and_redis_without_beat() -> None:
    assert {"web", "worker", "db", "redis", "migrate"} == set(SERVICES)
    # No beat service because nothing is scheduled; a periodic task would need one.
    assert not celery_app.conf.beat_schedule


def test_web_and_workers_wait_for_healthy_services_and_a_finished_migration() -> None:
    for name in ("web", "worker"):
        service = SERVICES[name]
        assert service["env_file"] == ".env"
        assert service["depends_on"] == {
            "db": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
            "migrate": {"condition": "service_completed_successfully"},
        }
    assert SERVICES["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]


def test_web_runs_gunicorn_and_is_healthy_only_when_ready() -> None:
    web = SERVICES["web"]
    assert "command" not in web  # the image's gunicorn command
    assert web["healthcheck"]["test"][-1] == "readyz"


def test_the_worker_runs_the_same_command_as_the_project_starts() -> None:
    expected = worker_command()
    assert SERVICES["worker"]["command"] == ["celery", *expected[expected.index("-A") :]]


def test_postgres_and_redis_keep_their_data_and_report_their_health() -> None:
    db, redis = SERVICES["db"], SERVICES["redis"]
    assert any(volume.endswith(":/var/lib/postgresql/data") for volume in db["volumes"])
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert "--appendonly" in redis["command"]
    assert redis["command"][redis["command"].index("--appendonly") + 1] == "yes"
    assert any(volume.endswith(":/data") for volume in redis["volumes"])
    assert "ping" in redis["healthcheck"]["test"]


def test_pictures_photos_and_logs_live_on_volumes_where_the_settings_look() -> None:
    for name in ("web", "worker"):
        service = SERVICES[name]
        mounts = {volume.split(":")[1] for volume in service["volumes"]}
        environment = service["environment"]
        for variable in ("STORYGEN_DATA_DIR", "STORYGEN_PRIVATE_DIR", "STORYGEN_LOGS_DIR"):
            assert environment[variable] in mounts
    named = {volume.split(":")[0] for volume in SERVICES["web"]["volumes"]}
    assert named <= set(COMPOSE["volumes"])


def test_every_variable_compose_reads_is_documented() -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    for variable in set(re.findall(r"\$\{([A-Z_]+)", text)):
        assert re.search(rf"^{variable}=", ENV_EXAMPLE, re.M), variable


def test_the_deploy_guide_only_names_services_the_stack_has() -> None:
    named = re.findall(
        r"docker compose (?:run --rm|run|exec|logs(?: -f)?|restart|stop) ([a-z]+)", DEPLOY_GUIDE
    )
    assert named
    assert set(named) <= set(SERVICES)
    assert "docker compose up -d" in DEPLOY_GUIDE
