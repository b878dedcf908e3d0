"""Tests of the admin monitoring API: log files, system stats and config diagnostics."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.http import HttpResponseBase
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import LoginAttempt, User
from accounts.tests.factories import UserFactory
from moderation.models import ModerationAction
from storygen.testing.fake_openai import FakeOpenAI

pytestmark = pytest.mark.django_db

SENTINEL_KEY = "sk-SENTINEL-" + "k3y" * 12 + "-END9"
CANARY = f"CANARY-{uuid.uuid4().hex}"


@pytest.fixture
def admin(db: None) -> User:
    return UserFactory(role=User.Role.ADMIN, is_staff=True)


@pytest.fixture
def admin_client(admin: User, client_for: Callable[[User], APIClient]) -> APIClient:
    return client_for(admin)


@pytest.fixture
def logs_dir(settings: Any, tmp_path: Path) -> Path:
    directory = tmp_path / "logs"
    directory.mkdir()
    settings.LOGS_DIR = directory
    (directory / "storygen.log").write_text("".join(f"line {n}\n" for n in range(1, 2001)))
    return directory


@pytest.fixture
def canary(logs_dir: Path, tmp_path: Path) -> Path:
    """Files outside LOGS_DIR (a sibling, and a folder sharing its name as a prefix)."""
    outside = tmp_path / "canary.log"
    outside.write_text(f"{CANARY}\n" * 20)
    prefixed = tmp_path / "logs-secret"
    prefixed.mkdir()
    (prefixed / "canary.log").write_text(f"{CANARY}\n" * 20)
    return outside


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def _body(response: HttpResponseBase) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content  # type: ignore[attr-defined]


def _logs_url() -> str:
    return reverse("admin-monitoring-logs")


def _tail_url(name: str) -> str:
    return reverse("admin-monitoring-log", kwargs={"log_file": name})


def _download_url(name: str) -> str:
    return reverse("admin-monitoring-log-download", kwargs={"log_file": name})


# --- who may call ---------------------------------------------------------------------------

ROUTES = [
    pytest.param(_logs_url, id="logs"),
    pytest.param(lambda: _tail_url("storygen.log"), id="tail"),
    pytest.param(lambda: _download_url("storygen.log"), id="download"),
    pytest.param(lambda: reverse("admin-monitoring-stats"), id="stats"),
    pytest.param(lambda: reverse("admin-monitoring-config"), id="config"),
    pytest.param(lambda: reverse("admin-monitoring-metrics"), id="metrics"),
]


@pytest.mark.usefixtures("logs_dir")
@pytest.mark.parametrize("url", ROUTES)
def test_anonymous_clients_must_sign_in(api_client: APIClient, url: Callable[[], str]) -> None:
    response = api_client.get(url())
    assert response.status_code == 401
    assert b"line 1" not in _body(response)


@pytest.mark.usefixtures("logs_dir")
@pytest.mark.parametrize("url", ROUTES)
def test_users_who_are_not_admins_are_refused(
    auth_client: APIClient, url: Callable[[], str]
) -> None:
    response = auth_client.get(url())
    assert response.status_code == 403
    assert b"line 1" not in _body(response)


@pytest.mark.usefixtures("logs_dir")
@pytest.mark.parametrize("url", ROUTES)
def test_admins_may_use_every_route(admin_client: APIClient, url: Callable[[], str]) -> None:
    assert admin_client.get(url()).status_code == 200


def test_admins_read_the_metrics_through_the_api(admin_client: APIClient) -> None:
    response = admin_client.get(reverse("admin-monitoring-metrics"))
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "# TYPE storygen_generation_tasks_total counter" in body
    assert "storygen_queue_depth" in body


@pytest.mark.usefixtures("logs_dir")
def test_a_deactivated_admin_is_refused(
    admin: User, client_for: Callable[[User], APIClient]
) -> None:
    client = client_for(admin)
    admin.is_active = False
    admin.save()
    assert client.get(_logs_url()).status_code in {401, 403}


# --- listing --------------------------------------------------------------------------------


def test_list_returns_log_names_newest_first(admin_client: APIClient, logs_dir: Path) -> None:
    import os

    (logs_dir / "storygen.log.1").write_text("older\n")
    (logs_dir / "notes.txt").write_text("not a log\n")
    os.utime(logs_dir / "storygen.log.1", (1000, 1000))

    response = admin_client.get(_logs_url())

    assert response.status_code == 200
    assert response.json() == ["storygen.log", "storygen.log.1"]


def test_list_answers_the_same_without_the_trailing_slash(
    admin_client: APIClient, logs_dir: Path
) -> None:
    response = admin_client.get(_logs_url().rstrip("/"))
    assert response.status_code == 200
    assert response.json() == ["storygen.log"]


def test_a_missing_log_directory_lists_no_files(
    admin_client: APIClient, settings: Any, tmp_path: Path
) -> None:
    settings.LOGS_DIR = tmp_path / "nowhere"
    response = admin_client.get(_logs_url())
    # Nothing logged to files yet (STORYGEN_LOG_TO_FILE off): no files, not an error.
    assert response.status_code == 200
    assert response.json() == []


# --- tail -----------------------------------------------------------------------------------


def test_tail_defaults_to_the_last_thousand_lines(admin_client: APIClient, logs_dir: Path) -> None:
    response = admin_client.get(_tail_url("storygen.log"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [f"line {n}" for n in range(1001, 2001)]


def test_tail_returns_as_many_lines_as_asked(admin_client: APIClient, logs_dir: Path) -> None:
    response = admin_client.get(_tail_url("storygen.log"), {"lines": 25})
    assert response.content.decode().splitlines() == [f"line {n}" for n in range(1976, 2001)]


def test_tail_of_a_file_larger_than_a_read_block(admin_client: APIClient, logs_dir: Path) -> None:
    from monitoring.logs import TAIL_BLOCK_SIZE

    lines = [f"{n:05d} " + "z" * 120 for n in range(6000)]
    (logs_dir / "big.log").write_text("\n".join(lines) + "\n")
    assert (logs_dir / "big.log").stat().st_size > 10 * TAIL_BLOCK_SIZE

    response = admin_client.get(_tail_url("big.log"), {"lines": 5000})

    assert response.content.decode().splitlines() == lines[-5000:]


def test_tail_works_with_the_trailing_slash(admin_client: APIClient, logs_dir: Path) -> None:
    response = admin_client.get(_tail_url("storygen.log") + "/", {"lines": 10})
    assert response.status_code == 200
    assert response.content.decode().splitlines()[-1] == "line 2000"


@pytest.mark.parametrize(("lines", "expected"), [("10", 10), ("5000", 2000)])
def test_lines_at_the_bounds_are_accepted(
    admin_client: APIClient, logs_dir: Path, lines: str, expected: int
) -> None:
    response = admin_client.get(_tail_url("storygen.log"), {"lines": lines})
    assert response.status_code == 200
    assert len(response.content.decode().splitlines()) == expected


@pytest.mark.parametrize("lines", ["9", "5001", "0", "-10", "abc", "10.5", "1e3", "0x10"])
def test_lines_outside_the_bounds_are_refused_with_a_field_message(
    admin_client: APIClient, logs_dir: Path, lines: str
) -> None:
    response = admin_client.get(_tail_url("storygen.log"), {"lines": lines})

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["detail"].startswith("lines: ")
    assert "lines" in body["errors"]


# --- download -------------------------------------------------------------------------------


def test_download_sends_the_whole_file_as_an_attachment(
    admin_client: APIClient, logs_dir: Path
) -> None:
    response = admin_client.get(_download_url("storygen.log"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="storygen.log"'
    content = (logs_dir / "storygen.log").read_bytes()
    assert int(response["Content-Length"]) == len(content)
    assert _body(response) == content
    assert "no-store" in response["Cache-Control"]


def test_download_name_is_sanitized(admin_client: APIClient, logs_dir: Path) -> None:
    name = 'odd "name"; x=1.log'
    (logs_dir / name).write_text("odd\n")

    response = admin_client.get(_download_url(name))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="odd__name___x_1.log"'
    assert _body(response) == b"odd\n"


def test_download_is_logged_with_the_admin_id(
    admin_client: APIClient, admin: User, logs_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="monitoring.logs"):
        _body(admin_client.get(_download_url("storygen.log")))

    messages = [r.getMessage() for r in caplog.records if r.name == "monitoring.logs"]
    assert messages == [
        f"log file downloaded: admin_id={admin.pk} file='storygen.log' bytes="
        f"{(logs_dir / 'storygen.log').stat().st_size}"
    ]


@pytest.mark.parametrize(
    ("url", "action"),
    [(_tail_url, "log_viewed"), (_download_url, "log_downloaded")],
    ids=["tail", "download"],
)
def test_reading_a_log_writes_one_audit_row_with_the_actor_and_file_name(
    admin_client: APIClient,
    admin: User,
    logs_dir: Path,
    url: Callable[[str], str],
    action: str,
) -> None:
    response = admin_client.get(url("storygen.log"))
    _body(response)

    assert response.status_code == 200
    [row] = ModerationAction.objects.all()
    assert (row.action, row.actor, row.actor_username) == (action, admin, admin.username)
    assert (row.target_type, row.target_label) == ("log", "storygen.log")


# --- traversal ------------------------------------------------------------------------------

TRAVERSAL_PAYLOADS = [
    "../canary.log",
    "..%2fcanary.log",
    "..%2Fcanary.log",
    "%2e%2e/canary.log",
    "%2e%2e%2fcanary.log",
    "%2E%2E%2Fcanary.log",
    "..%252fcanary.log",
    "%252e%252e%252fcanary.log",
    "..\\canary.log",
    "..%5ccanary.log",
    "..%5c..%5ccanary.log",
    "../../../../../../etc/passwd",
    "/etc/passwd",
    "%2fetc%2fpasswd",
    "/proc/self/environ",
    "..%2f..%2f..%2f..%2fproc%2fself%2fenviron",
    "storygen.log%00",
    "storygen.log%00.txt",
    "..%00/canary.log",
    "%c0%ae%c0%ae/canary.log",
    "%c0%ae%c0%ae%c0%afcanary.log",
    "%e0%80%ae%e0%80%ae/canary.log",
    "\u2024\u2024/canary.log",
    "%e2%80%a4%e2%80%a4%2fcanary.log",
    "%ef%bc%8e%ef%bc%8e%ef%bc%8fcanary.log",
    "storygen.log/../../canary.log",
    "storygen.log%2f..%2f..%2fcanary.log",
    "....//....//canary.log",
    "..././canary.log",
    "..;/canary.log",
    "../logs-secret/canary.log",
    "..%2flogs-secret%2fcanary.log",
    "canary.log",
    "~/canary.log",
    "file:%2f%2f%2fetc%2fpasswd",
    ".",
    "..",
    "%2e%2e",
    "storygen .log",
    "storygen.log%20",
    "storygen.log%0a",
    "storygen.log%0d%0aX-Injected:%201",
    "a" * 300 + ".log",
    "%2e" * 200,
]


def _all_bodies_free_of(responses: list[HttpResponseBase], secret: str) -> None:
    for response in responses:
        assert secret.encode() not in _body(response)


@pytest.mark.usefixtures("canary")
@pytest.mark.parametrize("payload", TRAVERSAL_PAYLOADS)
@pytest.mark.parametrize("endpoint", ["tail", "download"])
def test_traversal_payloads_are_refused(
    admin_client: APIClient, payload: str, endpoint: str
) -> None:
    url = _logs_url() + payload + ("/download" if endpoint == "download" else "")

    response = admin_client.get(url)

    assert response.status_code in {400, 404}, url
    body = _body(response)
    assert CANARY.encode() not in body
    assert b"root:" not in body
    if response.status_code == 400 and response.json()["code"] == "invalid_log_file":
        assert response.json()["detail"] == "Invalid log file path."
    if response.status_code == 404:
        assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("endpoint", ["tail", "download"])
def test_absolute_path_of_a_file_outside_is_refused(
    admin_client: APIClient, canary: Path, endpoint: str
) -> None:
    for name in (str(canary), quote(str(canary), safe="")):
        url = _logs_url() + name + ("/download" if endpoint == "download" else "")
        response = admin_client.get(url)
        assert response.status_code == 400
        assert response.json()["detail"] == "Invalid log file path."
        assert CANARY.encode() not in _body(response)


@pytest.mark.parametrize("endpoint", ["tail", "download"])
def test_an_encoded_slash_reaches_the_name_check(admin_client: APIClient, endpoint: str) -> None:
    url = _logs_url() + "..%2fcanary.log" + ("/download" if endpoint == "download" else "")
    response = admin_client.get(url)
    assert response.status_code == 400
    assert response.json() == {"detail": "Invalid log file path.", "code": "invalid_log_file"}


@pytest.mark.parametrize("url", [_tail_url, _download_url])
def test_a_symlink_inside_the_log_folder_to_a_file_outside_is_not_found(
    admin_client: APIClient, logs_dir: Path, canary: Path, url: Callable[[str], str]
) -> None:
    (logs_dir / "evil.log").symlink_to(canary)

    response = admin_client.get(url("evil.log"))

    assert response.status_code == 404
    assert response.json()["detail"] == "Log file not found."
    assert CANARY.encode() not in _body(response)
    assert "evil.log" not in admin_client.get(_logs_url()).json()


@pytest.mark.parametrize("url", [_tail_url, _download_url])
def test_a_file_that_is_not_a_log_is_not_found(
    admin_client: APIClient, logs_dir: Path, url: Callable[[str], str]
) -> None:
    (logs_dir / "settings.txt").write_text("not for the viewer\n")
    response = admin_client.get(url("settings.txt"))
    assert response.status_code == 404
    assert b"not for the viewer" not in _body(response)


def test_the_canary_never_appears_in_any_response(
    admin_client: APIClient, logs_dir: Path, canary: Path
) -> None:
    (logs_dir / "evil.log").symlink_to(canary)
    urls = [_logs_url(), reverse("admin-monitoring-stats"), reverse("admin-monitoring-config")]
    urls += [_logs_url() + payload for payload in TRAVERSAL_PAYLOADS]
    urls += [_logs_url() + payload + "/download" for payload in TRAVERSAL_PAYLOADS]
    urls += [_tail_url("evil.log"), _download_url("evil.log")]
    responses = [admin_client.get(url, {"lines": 5000}) for url in urls]
    _all_bodies_free_of(responses, CANARY)
    assert {r.status_code for r in responses[3:]} <= {400, 404}


# --- stats ----------------------------------------------------------------------------------


def test_stats_describe_the_server_without_paths(
    admin_client: APIClient, logs_dir: Path, settings: Any
) -> None:
    (logs_dir / "storygen.log.1").write_text("rotated\n")

    response = admin_client.get(reverse("admin-monitoring-stats"))

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "server_time_utc",
        "uptime_seconds",
        "platform",
        "python_version",
        "load_average",
        "disk_total_gb",
        "disk_used_gb",
        "disk_percent",
        "log_files_count",
    }
    assert body["server_time_utc"].endswith("Z")
    assert body["uptime_seconds"] > 0
    assert body["log_files_count"] == 1
    assert body["load_average"] is None or len(body["load_average"]) == 3
    assert 0 < body["disk_used_gb"] <= body["disk_total_gb"]
    assert 0 <= body["disk_percent"] <= 100
    text = response.content.decode()
    for directory in (logs_dir, settings.DATA_DIR, settings.STORYGEN_PRIVATE_DIR):
        assert str(directory) not in text


# --- config ---------------------------------------------------------------------------------


def _assert_no_secret_or_path(text: str, settings: Any) -> None:
    assert SENTINEL_KEY not in text
    assert "SENTINEL" not in text
    for directory in (settings.LOGS_DIR, settings.DATA_DIR, settings.STORYGEN_PRIVATE_DIR):
        assert str(directory) not in text


def test_config_shows_the_configuration_without_secrets_or_paths(
    admin_client: APIClient, logs_dir: Path, settings: Any
) -> None:
    settings.OPENAI_API_KEY = SENTINEL_KEY
    settings.AI_PROVIDER = "offline"
    settings.OPENAI_BASE_URL = "https://user:pa55word@llm.example.com:8443/v1"
    settings.CELERY_BROKER_URL = "redis://:hunter2@cache.example.com:6379/0"

    response = admin_client.get(reverse("admin-monitoring-config"))

    assert response.status_code == 200
    body = response.json()
    assert body == {
        "ai_provider": "offline",
        "ai_provider_setting": "offline",
        "openai_key_present": True,
        "openai_key_masked": "sk-…END9",
        "openai_base_url_host": "llm.example.com",
        "text_model": settings.OPENAI_TEXT_MODEL,
        "image_model": settings.OPENAI_IMAGE_MODEL,
        "use_openai_responses_api": settings.OPENAI_USE_RESPONSES_API,
        "openai_text_enable_fallback": settings.OPENAI_TEXT_ENABLE_FALLBACK,
        "debug": False,
        "data_dir_exists": True,
        "logs_dir_exists": True,
        "private_dir_exists": True,
        "broker": "redis",
        "database_vendor": body["database_vendor"],
        "worker": None,
        "model_warnings": [],
        "num_proxies": 0,
        "proxy_warnings": [],
    }
    assert body["database_vendor"] in {"sqlite", "postgresql"}
    text = response.content.decode()
    _assert_no_secret_or_path(text, settings)
    assert "pa55word" not in text
    assert "hunter2" not in text


def test_config_without_a_key_and_with_missing_folders(
    admin_client: APIClient, settings: Any, tmp_path: Path
) -> None:
    settings.OPENAI_API_KEY = ""
    settings.AI_PROVIDER = "auto"
    settings.OPENAI_BASE_URL = None
    settings.LOGS_DIR = tmp_path / "no-logs"
    settings.CELERY_BROKER_URL = "redis+socket:///srv/storygen/var/broker/redis.sock"

    body = admin_client.get(reverse("admin-monitoring-config")).json()

    assert body["ai_provider"] == "offline"
    assert body["openai_key_present"] is False
    assert body["openai_key_masked"] == ""
    assert body["openai_base_url_host"] is None
    assert body["logs_dir_exists"] is False
    assert body["broker"] == "redis"
    assert "/srv/storygen" not in json.dumps(body)


def _sign_ins_from_one_private_address(count: int = 20) -> None:
    for n in range(count):
        LoginAttempt.objects.create(
            username=f"person{n % 4}", ip_address="172.18.0.5", succeeded=n % 3 != 0
        )


def test_config_warns_when_every_sign_in_comes_from_one_private_address(
    admin_client: APIClient,
) -> None:
    _sign_ins_from_one_private_address()

    body = admin_client.get(reverse("admin-monitoring-config")).json()

    assert body["num_proxies"] == 0
    [warning] = body["proxy_warnings"]
    assert "came from 172.18.0.5, a private address, and DJANGO_NUM_PROXIES is 0" in warning
    assert "Set DJANGO_NUM_PROXIES" in warning


def test_config_has_no_proxy_warning_once_the_proxy_is_counted(
    admin_client: APIClient, settings: Any
) -> None:
    settings.STORYGEN_NUM_PROXIES = 1
    _sign_ins_from_one_private_address()

    body = admin_client.get(reverse("admin-monitoring-config")).json()

    assert body["num_proxies"] == 1
    assert body["proxy_warnings"] == []


# --- model warnings through the OpenAI-compatible fake ---------------------------------------


@pytest.fixture(scope="module")
def openai_server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(api_key=SENTINEL_KEY, picture="small") as fake:
        yield fake


@pytest.fixture
def fake(openai_server: FakeOpenAI, settings: Any, logs_dir: Path) -> Iterator[FakeOpenAI]:
    openai_server.reset()
    settings.AI_PROVIDER = "openai"
    settings.OPENAI_API_KEY = SENTINEL_KEY
    settings.OPENAI_BASE_URL = openai_server.base_url
    settings.OPENAI_TEXT_MODEL = "gpt-4o-mini"
    settings.OPENAI_IMAGE_MODEL = "gpt-image-1"
    openai_server.set_models(
        [
            {"id": "gpt-4o-mini", "shutdown_date": "2026-03-31"},
            {"id": "gpt-image-1", "shutdown_date": None},
        ]
    )
    yield openai_server
    openai_server.reset()


def test_config_warns_about_a_model_scheduled_to_shut_down(
    admin_client: APIClient, fake: FakeOpenAI, settings: Any
) -> None:
    response = admin_client.get(reverse("admin-monitoring-config"))

    assert response.status_code == 200
    body = response.json()
    assert body["ai_provider"] == "openai"
    assert body["openai_base_url_host"] == "127.0.0.1"
    assert body["model_warnings"] == [
        "OPENAI_TEXT_MODEL: gpt-4o-mini is scheduled to shut down on 2026-03-31."
    ]
    assert sorted(call.model or "" for call in fake.calls_of("models")) == [
        "gpt-4o-mini",
        "gpt-image-1",
    ]
    _assert_no_secret_or_path(response.content.decode(), settings)


def test_the_models_check_is_cached(admin_client: APIClient, fake: FakeOpenAI) -> None:
    first = admin_client.get(reverse("admin-monitoring-config")).json()["model_warnings"]
    fake.set_models([{"id": "gpt-4o-mini"}, {"id": "gpt-image-1"}])
    second = admin_client.get(reverse("admin-monitoring-config")).json()["model_warnings"]

    assert second == first
    assert len(fake.calls_of("models")) == 2


def test_a_model_the_provider_does_not_offer_is_a_warning(
    admin_client: APIClient, fake: FakeOpenAI, settings: Any
) -> None:
    settings.OPENAI_IMAGE_MODEL = "gpt-image-9000"

    body = admin_client.get(reverse("admin-monitoring-config")).json()

    assert body["model_warnings"] == [
        "OPENAI_TEXT_MODEL: gpt-4o-mini is scheduled to shut down on 2026-03-31.",
        "OPENAI_IMAGE_MODEL: the provider does not offer gpt-image-9000.",
    ]


@pytest.mark.parametrize("mode", ["error", "reset"])
def test_a_failed_models_check_is_a_warning_not_an_error(
    admin_client: APIClient, fake: FakeOpenAI, settings: Any, mode: str
) -> None:
    fake.add_fault("models", status=500, mode=mode)  # type: ignore[arg-type]

    response = admin_client.get(reverse("admin-monitoring-config"))

    assert response.status_code == 200
    [warning] = response.json()["model_warnings"]
    assert warning.startswith("Could not check the models with the provider (")
    _assert_no_secret_or_path(response.content.decode(), settings)


def test_a_failed_models_check_is_retried_after_a_short_while(
    admin_client: APIClient, fake: FakeOpenAI
) -> None:
    from monitoring import diagnostics

    fake.add_fault("models", status=503, times=1)
    first = admin_client.get(reverse("admin-monitoring-config")).json()["model_warnings"]
    assert first[0].startswith("Could not check")
    assert diagnostics.MODEL_CHECK_FAILURE_CACHE_SECONDS < diagnostics.MODEL_CHECK_CACHE_SECONDS

    cache.clear()  # as if the short failure period had passed
    second = admin_client.get(reverse("admin-monitoring-config")).json()["model_warnings"]
    assert second == ["OPENAI_TEXT_MODEL: gpt-4o-mini is scheduled to shut down on 2026-03-31."]


def test_no_models_check_with_the_offline_provider(
    admin_client: APIClient, fake: FakeOpenAI, settings: Any
) -> None:
    settings.AI_PROVIDER = "offline"

    body = admin_client.get(reverse("admin-monitoring-config")).json()

    assert body["model_warnings"] == []
    assert fake.calls_of("models") == []


@pytest.mark.parametrize(
    ("key", "masked"),
    [("", ""), ("sk-short", "…"), ("sk-proj-abcdefghijklmnop1234", "sk-…1234")],
)
def test_the_key_is_masked_so_short_keys_show_nothing(
    admin_client: APIClient, settings: Any, key: str, masked: str
) -> None:
    settings.OPENAI_API_KEY = key
    settings.AI_PROVIDER = "offline"
    body = admin_client.get(reverse("admin-monitoring-config")).json()
    assert body["openai_key_masked"] == masked
    assert body["openai_key_present"] is bool(key)


@pytest.mark.parametrize(
    ("base_url", "host"),
    [
        ("https://api.openai.com/v1", "api.openai.com"),
        ("http://user:secret@10.0.0.5:8080/v1?token=abc", "10.0.0.5"),
        ("http://[::1]:8000/v1", "::1"),
        ("http://[broken/v1", None),
    ],
)
def test_only_the_host_of_the_base_url_is_shown(
    admin_client: APIClient, settings: Any, base_url: str, host: str | None
) -> None:
    settings.OPENAI_BASE_URL = base_url
    settings.AI_PROVIDER = "offline"
    response = admin_client.get(reverse("admin-monitoring-config"))
    assert response.json()["openai_base_url_host"] == host
    assert "secret" not in response.content.decode()
    assert "token" not in response.content.decode()
