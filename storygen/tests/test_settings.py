"""Settings: documented variables, the reference product's aliases, safe defaults."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storygen.broker import embedded_broker_url
from storygen.testing.settings import settings_in_subprocess

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = (ROOT / "storygen" / "settings.py").read_text()


def _variables() -> set[str]:
    names: set[str] = set()
    for call in re.findall(r"setting\(\s*((?:\"[A-Z_]+\",\s*)+)", SETTINGS):
        names.update(re.findall(r"\"([A-Z_]+)\"", call))
    return names


def test_every_variable_is_documented_in_env_example_and_readme() -> None:
    variables = _variables()
    assert len(variables) > 40
    example = (ROOT / ".env.example").read_text()
    readme = (ROOT / "README.md").read_text()
    assert not {v for v in variables if f"{v}" not in example}
    assert not {v for v in variables if f"`{v}`" not in readme}


@pytest.mark.parametrize(
    ("legacy", "value", "setting"),
    [
        ("SECRET_KEY", "k" * 60, "SECRET_KEY"),
        ("TEXT_MODEL", "my-text-model", "OPENAI_TEXT_MODEL"),
        ("IMAGE_MODEL", "my-image-model", "OPENAI_IMAGE_MODEL"),
        ("USE_OPENAI_RESPONSES_API", "true", "OPENAI_USE_RESPONSES_API"),
        ("RETRY_MAX_ATTEMPTS", "7", "AI_MAX_ATTEMPTS"),
        ("RETRY_BACKOFF_BASE", "2.5", "AI_RETRY_BACKOFF_BASE"),
        ("CORS_ORIGINS", "https://a.example,https://b.example", "CORS_ALLOWED_ORIGINS"),
        ("DATA_DIR", "/srv/storygen-media", "MEDIA_ROOT"),
        ("LOGS_DIR", "/srv/storygen-logs", "LOGS_DIR"),
        ("API_PREFIX", "/api/v2", "API_PREFIX"),
    ],
)
def test_the_reference_products_variable_names_still_work(
    legacy: str, value: str, setting: str
) -> None:
    env = {"DJANGO_SECRET_KEY": "s" * 60, legacy: value}
    if legacy == "SECRET_KEY":
        env.pop("DJANGO_SECRET_KEY")
    got = settings_in_subprocess(env, setting)[setting]
    expected = {
        "true": "True",
        "https://a.example,https://b.example": "['https://a.example', 'https://b.example']",
    }.get(value, value)
    assert got == expected


def test_production_refuses_to_start_without_a_secret_key() -> None:
    with pytest.raises(RuntimeError, match="DJANGO_SECRET_KEY"):
        settings_in_subprocess({}, "DEBUG")
    with pytest.raises(RuntimeError, match="DJANGO_SECRET_KEY"):
        settings_in_subprocess({"SECRET_KEY": "your-default-secret-key"}, "DEBUG")


def test_production_defaults_are_safe() -> None:
    got = settings_in_subprocess(
        {"DJANGO_SECRET_KEY": "s" * 60},
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "AI_PROVIDER",
        "OPENAI_TEXT_MODEL",
        "OPENAI_IMAGE_MODEL",
    )
    assert got == {
        "DEBUG": "False",
        "SESSION_COOKIE_SECURE": "True",
        "CSRF_COOKIE_SECURE": "True",
        "SECURE_SSL_REDIRECT": "True",
        "SECURE_HSTS_SECONDS": "31536000",
        "AI_PROVIDER": "auto",
        "OPENAI_TEXT_MODEL": "gpt-5.6-terra",
        "OPENAI_IMAGE_MODEL": "gpt-image-2",
    }


def test_embedded_defaults_are_sqlite_with_wal_and_a_private_redis_socket(tmp_path: Path) -> None:
    got = settings_in_subprocess(
        {"DJANGO_SECRET_KEY": "s" * 60, "STORYGEN_VAR_DIR": str(tmp_path), "DATABASE_URL": ""},
        "DATABASES",
        "CELERY_BROKER_URL",
    )
    assert "sqlite3" in got["DATABASES"]
    assert "journal_mode=WAL" in got["DATABASES"]
    assert "IMMEDIATE" in got["DATABASES"]
    assert got["CELERY_BROKER_URL"] == embedded_broker_url(tmp_path)
    assert got["CELERY_BROKER_URL"].startswith("redis+socket:///")


def test_database_and_broker_urls_switch_to_postgres_and_redis() -> None:
    got = settings_in_subprocess(
        {
            "DJANGO_SECRET_KEY": "s" * 60,
            "DATABASE_URL": "postgres://u:p@db.example:5432/story",
            "CELERY_BROKER_URL": "redis://cache.example:6379/0",
        },
        "DATABASES",
        "CELERY_BROKER_URL",
        "CELERY_BROKER_TRANSPORT_OPTIONS",
    )
    assert "postgresql" in got["DATABASES"]
    assert got["CELERY_BROKER_URL"] == "redis://cache.example:6379/0"
    assert "visibility_timeout" in got["CELERY_BROKER_TRANSPORT_OPTIONS"]


def test_the_env_file_fills_in_what_the_environment_leaves_unset(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "DJANGO_SECRET_KEY=from-the-file-" + "f" * 40 + "\n"
        "OPENAI_TEXT_MODEL=model-from-the-file\n"
        "DJANGO_LOG_LEVEL=WARNING\n"
    )
    got = settings_in_subprocess(
        {"STORYGEN_ENV_FILE": str(env_file), "OPENAI_TEXT_MODEL": "model-from-the-environment"},
        "SECRET_KEY",
        "OPENAI_TEXT_MODEL",
        "LOG_LEVEL",
    )
    assert got == {
        "SECRET_KEY": "from-the-file-" + "f" * 40,
        "OPENAI_TEXT_MODEL": "model-from-the-environment",
        "LOG_LEVEL": "WARNING",
    }


def test_make_run_keeps_debug_off_and_works_over_plain_http_on_this_computer() -> None:
    got = settings_in_subprocess(
        {"DJANGO_SECRET_KEY": "s" * 60, "STORYGEN_LOCAL_RUN": "true"},
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_PROXY_SSL_HEADER",
        "WHITENOISE_USE_FINDERS",
        "STORAGES",
    )
    assert got.pop("STORAGES").count("django.contrib.staticfiles.storage.StaticFilesStorage") == 1
    assert got == {
        "DEBUG": "False",
        "SESSION_COOKIE_SECURE": "False",
        "CSRF_COOKIE_SECURE": "False",
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_PROXY_SSL_HEADER": "None",
        "WHITENOISE_USE_FINDERS": "True",
    }


def test_debug_pages_are_one_variable_away_from_make_run() -> None:
    got = settings_in_subprocess(
        {"DJANGO_SECRET_KEY": "s" * 60, "STORYGEN_LOCAL_RUN": "true", "DJANGO_DEBUG": "true"},
        "DEBUG",
    )
    assert got == {"DEBUG": "True"}
