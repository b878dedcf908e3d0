"""Logging: request ids on every line, daily files, no forged lines and no secrets."""

from __future__ import annotations

import logging
import logging.config
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path, reverse
from django.utils.log import DEFAULT_LOGGING

from storygen import urls as root_urls
from storygen.logging import DailyFileHandler, SafeFormatter, logging_config

pytestmark = pytest.mark.django_db

LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} [A-Z]+ \S+ \d+ \[[A-Za-z0-9-]+\] ")
FORGED = "2026-01-01 00:00:00,000 INFO accounts 1 [-] admin logged in"
SENTINEL_KEY = "sk-SENTINEL" + "a1b2c3d4e5" * 4
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoxfQ.c2lnbmF0dXJlLXNlbnRpbmVs"


def _crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(f"crashed holding {SENTINEL_KEY}")


urlpatterns = [path("crash/", _crash), *root_urls.urlpatterns]
handler404 = root_urls.handler404
handler500 = root_urls.handler500


@pytest.fixture
def logs(tmp_path: Path) -> Iterator[Path]:
    """The project's logging, writing its files into a fresh folder for the test."""
    logging.config.dictConfig(logging_config(level="INFO", logs_dir=tmp_path))
    yield tmp_path
    for handler in logging.getLogger().handlers + logging.getLogger("storygen.api").handlers:
        handler.close()
    logging.config.dictConfig(django_settings.LOGGING)


def _lines(folder: Path, name: str) -> list[str]:
    for handler in logging.getLogger().handlers + logging.getLogger("storygen.api").handlers:
        handler.flush()
    return (folder / name).read_text().splitlines()


def _records(folder: Path, name: str) -> list[str]:
    """Lines that start a record (tracebacks are indented under theirs)."""
    return [line for line in _lines(folder, name) if not line.startswith("    ")]


# --- request ids ----------------------------------------------------------------------------


def test_every_response_carries_a_fresh_request_id(client: Client) -> None:
    first = client.get(reverse("healthz"))["X-Request-ID"]
    second = client.get(reverse("healthz"))["X-Request-ID"]
    assert uuid.UUID(first).version == 4
    assert first != second


def test_a_well_formed_request_id_from_the_caller_is_kept(client: Client) -> None:
    response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="lb-7f3a-0001")
    assert response["X-Request-ID"] == "lb-7f3a-0001"


@pytest.mark.parametrize(
    "offered", ["x" * 65, "abc def", "abc\r\nSet-Cookie: a=b", "id_with_underscore", "ü-ünïcode"]
)
def test_a_malformed_request_id_is_replaced(client: Client, offered: str) -> None:
    response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID=offered)
    assert uuid.UUID(response["X-Request-ID"]).version == 4


def test_the_request_id_is_on_the_requests_log_lines(client: Client, logs: Path) -> None:
    response = client.get("/api/v1/no-such-endpoint", HTTP_X_REQUEST_ID="trace-42")
    assert response["X-Request-ID"] == "trace-42"
    api = [line for line in _lines(logs, "api.log") if "no-such-endpoint" in line]
    app = [line for line in _lines(logs, "app.log") if "no-such-endpoint" in line]
    assert len(api) == 1
    assert "[trace-42] GET /api/v1/no-such-endpoint 404" in api[0]
    assert app
    assert all("[trace-42]" in line for line in app)


def test_lines_outside_a_request_say_so(logs: Path) -> None:
    logging.getLogger("stories").info("reconciler pass")
    assert _records(logs, "app.log")[-1].endswith("[-] reconciler pass")


# --- files ----------------------------------------------------------------------------------


def test_app_api_and_error_logs_each_get_their_share(client: Client, logs: Path) -> None:
    logging.getLogger("stories").info("run started")
    logging.getLogger("stories").error("run broke")
    client.get("/api/v1/no-such-endpoint")
    app, api, error = (_records(logs, name) for name in ("app.log", "api.log", "error.log"))
    assert any(line.endswith("run started") for line in app)
    assert any(line.endswith("run broke") for line in app)
    assert [line for line in error if "run" in line] == [error[-1]]
    assert error[-1].endswith("run broke")
    assert all(" ERROR " in line or " CRITICAL " in line for line in error)
    assert any("GET /api/v1/no-such-endpoint 404" in line for line in api)
    assert not any("GET /api/v1/no-such-endpoint 404" in line for line in app)


def test_without_log_files_only_the_console_is_configured() -> None:
    config = logging_config(level="INFO", logs_dir=None)
    assert set(config["handlers"]) == {"console"}
    assert config["loggers"]["django.db.backends"] == {"level": "WARNING"}


def test_the_logs_rotate_at_midnight_utc_and_other_processes_follow(tmp_path: Path) -> None:
    target = tmp_path / "app.log"
    web, worker = DailyFileHandler(str(target)), DailyFileHandler(str(target))
    assert web.when == "MIDNIGHT"
    assert web.utc
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "before midnight", None, None)
    web.emit(record)
    web.flush()

    web.doRollover()  # the web process passes midnight first
    rotated = [p for p in tmp_path.iterdir() if re.fullmatch(r"app\.log\.\d{4}-\d\d-\d\d", p.name)]
    assert len(rotated) == 1
    worker.emit(logging.LogRecord("x", logging.INFO, __file__, 1, "after", None, None))
    worker.doRollover()  # the worker passes it too: the day's file must survive
    worker.emit(logging.LogRecord("x", logging.INFO, __file__, 1, "later", None, None))
    worker.flush()
    web.close()
    worker.close()

    assert rotated[0].read_text() == "before midnight\n"
    assert target.read_text() == "after\nlater\n"


# --- forged lines and secrets ---------------------------------------------------------------


def test_line_breaks_in_values_cannot_forge_a_log_line(logs: Path) -> None:
    title = f"x\n{FORGED}\r\n{FORGED}\u2028{FORGED}"
    logging.getLogger("stories").info("story titled %s saved", title)
    lines = _lines(logs, "app.log")
    assert len(lines) == 1
    assert LINE.match(lines[0])
    assert lines[0].endswith(r"saved")
    assert r"\n2026-01-01" in lines[0]


def test_a_path_with_an_encoded_line_break_cannot_forge_a_line(client: Client, logs: Path) -> None:
    client.get("/nowhere%0A2026-01-01%2000:00:00,000%20INFO%20accounts%201%20[-]%20admin")
    lines = _lines(logs, "app.log")
    assert lines
    assert all(LINE.match(line) for line in lines)
    assert not any(" admin" in line and "Not Found" not in line for line in lines)


def test_terminal_escape_sequences_are_shown_not_obeyed(logs: Path) -> None:
    logging.getLogger("stories").warning("name %s", "\x1b[2K\x1b[1Gfake\x1b]0;title\x07\x00")
    line = _lines(logs, "app.log")[-1]
    assert "\x1b" not in line
    assert "\x00" not in line
    assert "\\x1b[2K" in line


@pytest.mark.parametrize(
    ("message", "secret"),
    [
        ("OpenAI key %s", SENTINEL_KEY),
        ("header Authorization: Bearer %s", "opaque-token.value_123"),
        ("token %s", JWT),
        ("login form password=%s&next=/", "MARKER-pass-123"),
        ('json {"password": "%s"}', "MARKER-pass-456"),
    ],
)
def test_secrets_never_reach_the_log_files(logs: Path, message: str, secret: str) -> None:
    logging.getLogger("stories").error(message, secret)
    for name in ("app.log", "error.log"):
        text = (logs / name).read_text()
        assert secret not in text
        assert "******" in text


def test_an_unexpected_error_in_a_view_is_logged_once_with_its_request_id(
    client: Client, settings: Any, logs: Path
) -> None:
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/crash/")
    assert response.status_code == 500
    rid = response["X-Request-ID"]
    errors = [line for line in _records(logs, "error.log") if " ERROR " in line]
    assert len(errors) == 1
    assert f"[{rid}]" in errors[0]
    error_log = (logs / "error.log").read_text()
    assert "RuntimeError" in error_log  # the traceback is there, for the operator
    assert SENTINEL_KEY not in error_log
    assert SENTINEL_KEY not in response.content.decode()


def test_the_formatter_masks_and_escapes_without_the_filters() -> None:
    formatter = SafeFormatter("%(message)s")
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "k=%s\n%s", (SENTINEL_KEY, JWT), None
    )
    assert formatter.format(record) == r"k=sk-******\neyJ******"


def _console_of_make_run(level: str, logs_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """What `make run`'s console (quiet) shows of a task, some requests and a crash."""
    # As Django sets logging up: its defaults first, then the project's on top.
    logging.config.dictConfig(DEFAULT_LOGGING)
    logging.config.dictConfig(logging_config(level=level, logs_dir=logs_dir, quiet_console=True))
    try:
        logging.getLogger("celery.worker.strategy").info("Task stories.tasks.page_draw received")
        logging.getLogger("celery.app.trace").info("Task stories.tasks.page_draw succeeded in 1s")
        logging.getLogger("django.server").info('"GET /healthz HTTP/1.1" 200 15')
        logging.getLogger("django.server").warning('"GET /nowhere HTTP/1.1" 404 1952')
        logging.getLogger("storygen.api").info("GET /api/v1/stories/ 200 12ms")
        logging.getLogger("stories.services.pipeline").info("story 1 ready")
        logging.getLogger("celery.app.trace").error("Task stories.tasks.page_draw raised")
        logging.getLogger("celery.worker").critical("Unrecoverable error: the worker stops")
        for handler in logging.getLogger().handlers:
            handler.flush()
        return capsys.readouterr().err
    finally:
        for handler in logging.getLogger().handlers + logging.getLogger("storygen.api").handlers:
            handler.close()
        logging.config.dictConfig(DEFAULT_LOGGING)
        logging.config.dictConfig(django_settings.LOGGING)


def test_make_runs_console_keeps_task_and_request_lines_back_but_never_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    console = _console_of_make_run("INFO", tmp_path, capsys)
    assert "received" not in console
    assert "succeeded" not in console
    assert "GET /healthz" not in console
    assert "GET /nowhere" not in console  # django.request says it (with the request id)
    assert "GET /api/v1/stories/" not in console
    assert "story 1 ready" in console
    assert re.search(r" ERROR celery\.app\.trace .*raised", console)
    assert re.search(r" CRITICAL celery\.worker .*Unrecoverable error", console)
    # The files keep every line.
    app_log = (tmp_path / "app.log").read_text()
    assert "succeeded in 1s" in app_log
    assert '"GET /healthz HTTP/1.1" 200' in app_log
    assert "GET /api/v1/stories/ 200" in (tmp_path / "api.log").read_text()


def test_make_runs_console_shows_every_line_at_debug(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    console = _console_of_make_run("DEBUG", tmp_path, capsys)
    for line in ("received", "succeeded in 1s", "GET /healthz", "GET /api/v1/stories/"):
        assert line in console


def test_the_console_of_a_server_is_not_made_quiet() -> None:
    config = logging_config(level="INFO", logs_dir=None)
    assert "quiet_chatter" not in config["handlers"]["console"]["filters"]
    assert "django.server" not in config["loggers"]


def test_make_runs_console_says_each_line_once_with_debug_pages_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], settings: Any
) -> None:
    settings.DEBUG = True  # Django's own console handler writes only then
    # As Django sets logging up: its defaults first, then the project's on top.
    logging.config.dictConfig(DEFAULT_LOGGING)
    logging.config.dictConfig(logging_config(level="INFO", logs_dir=None, quiet_console=True))
    try:
        logging.getLogger("django.request").warning("Not Found: /nowhere")
        logging.getLogger("django.server").info('"GET /healthz HTTP/1.1" 200 15')
    finally:
        logging.config.dictConfig(DEFAULT_LOGGING)
        logging.config.dictConfig(django_settings.LOGGING)
    console = capsys.readouterr().err
    assert console.count("Not Found: /nowhere") == 1
    assert LINE.match(console)
    assert "GET /healthz" not in console
