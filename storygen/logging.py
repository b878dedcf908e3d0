"""Log plumbing: request ids, forge-proof and secret-free log lines, daily log files."""

from __future__ import annotations

import fcntl
import logging
import os
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from logging.handlers import TimedRotatingFileHandler
from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse

#: The id of the request (or task) being handled by this thread or coroutine; "-" outside one.
request_id: ContextVar[str] = ContextVar("request_id", default="-")

REQUEST_ID_HEADER = "X-Request-ID"
_WELL_FORMED_ID = re.compile(r"[A-Za-z0-9-]{1,64}")

# --- request ids ----------------------------------------------------------------------------


def clean_request_id(value: str | None) -> str | None:
    """``value`` when it is a usable id (1 to 64 of ``[A-Za-z0-9-]``), else None."""
    if value and _WELL_FORMED_ID.fullmatch(value):
        return value
    return None


def new_request_id() -> str:
    return str(uuid.uuid4())


class RequestIdMiddleware:
    """Give every request an id: the caller's well-formed ``X-Request-ID``, or a new uuid4.

    The id is on every log line written while the request is handled, and goes back to the
    caller in the ``X-Request-ID`` response header so a report can be matched to the logs.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        from django.core.signals import request_finished

        self.get_response = get_response
        # Django logs a failed response ("Not Found: …", "Internal Server Error: …") after
        # the middleware has returned, so the id is kept until the response is finished.
        request_finished.connect(_forget_request_id, dispatch_uid="storygen_request_id")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = clean_request_id(request.headers.get(REQUEST_ID_HEADER)) or new_request_id()
        request.request_id = rid  # type: ignore[attr-defined]
        request_id.set(rid)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = rid
        return response


def _forget_request_id(**_: Any) -> None:
    request_id.set("-")


api_logger = logging.getLogger("storygen.api")


class ApiRequestLogMiddleware:
    """One ``storygen.api`` line per API request: method, path, status and time taken.

    The query string is never logged (it may carry a token); the path is escaped by the
    formatter like any other value.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from storygen.routing import is_api_path

        if not is_api_path(request.path):
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        api_logger.info(
            "%s %s %s %.0fms",
            request.method,
            request.path,
            response.status_code,
            (time.perf_counter() - started) * 1000,
        )
        return response


# --- filters and the formatter --------------------------------------------------------------


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id`` (the current request's id, or "-") to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        return True


_SECRETS = [
    # Authorization header values: "Bearer <token>", "Basic <credentials>".
    (re.compile(r"\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+", re.IGNORECASE), r"\1 ******"),
    # JSON Web Tokens: three base64url parts, the first starting with '{"' encoded.
    (re.compile(r"\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*)?"), "eyJ******"),
    # API keys in the style OpenAI and others use: sk-..., sk-proj-..., rk-...
    (re.compile(r"\b(sk|rk)-[A-Za-z0-9_-]{6,}"), r"\1-******"),
    # password=..., "password": "...", passwd: ..., secret=..., api_key=..., token=...
    (
        re.compile(
            r"""(?ix)
            (["']?(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|refresh[_-]?token
                   |token|sessionid|csrftoken)["']?
             \s*[:=]\s*)
            ("[^"]*"|'[^']*'|[^\s,;&"'}]+)
            """
        ),
        r"\1******",
    ),
]


def mask_secrets(text: str) -> str:
    """``text`` with keys, bearer tokens, JWTs and password values replaced by ``******``."""
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class SecretMaskingFilter(logging.Filter):
    """Masks secrets in the message (arguments included) and in any traceback, in place.

    Runs on every handler, so whatever consumes the record (a file, the console, a test's
    capture) sees the masked text; masking twice changes nothing.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to the handler's error path
            return True
        masked = mask_secrets(message)
        if masked != message or record.args:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_secrets(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_secrets(record.stack_info)
        return True


# CSI sequences (colours, cursor moves), OSC sequences (terminal titles, hyperlinks) and any
# other escape or control character that could rewrite what an operator sees.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def escape_control(text: str) -> str:
    """One line, printable: CR, LF and tabs as ``\\r \\n \\t``, escape sequences as ``\\x1b``."""
    text = _ANSI.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)
    text = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


class SafeFormatter(logging.Formatter):
    """A formatter whose lines cannot be forged: the message (arguments included) is escaped
    to a single line, and traceback lines are indented so none can pass for a new record.

    Secrets are masked in both, whether or not the masking filter ran. Times are UTC.
    """

    converter = staticmethod(time.gmtime)

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        record.message = escape_control(mask_secrets(record.getMessage()))
        if self.usesTime():
            record.asctime = self.formatTime(record, self.datefmt)
        text = self.formatMessage(record)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            text += "\n" + _indent(mask_secrets(record.exc_text))
        if record.stack_info:
            text += "\n" + _indent(mask_secrets(self.formatStack(record.stack_info)))
        return text


def _indent(block: str) -> str:
    return "\n".join("    " + _ANSI.sub("", line) for line in block.splitlines())


# Loggers that write a line for every task or request, and the level from which their lines
# still matter: Celery's received and succeeded lines (and the worker's connected and ready
# lines at each start), the request lines of Django's development server, whose 4xx lines say
# again what django.request has said, and the API's request lines (api.log keeps them).
CHATTER_LOGGERS = {
    "celery.app.trace": logging.WARNING,
    "celery.worker.strategy": logging.WARNING,
    "celery.worker.consumer": logging.WARNING,
    "celery.apps.worker": logging.WARNING,
    "django.server": logging.ERROR,
    "storygen.api": logging.WARNING,
}


class QuietChatterFilter(logging.Filter):
    """Keeps the routine lines of ``CHATTER_LOGGERS`` off a handler unless ``level`` is
    DEBUG, so that a warning or an error is not lost among them."""

    def __init__(self, level: str | int = "INFO") -> None:
        super().__init__()
        if isinstance(level, str):
            level = logging.getLevelNamesMapping().get(level.upper(), logging.INFO)
        self.show_chatter = level <= logging.DEBUG

    def filter(self, record: logging.LogRecord) -> bool:
        if self.show_chatter:
            return True
        for name, matters_from in CHATTER_LOGGERS.items():
            if record.name == name or record.name.startswith(name + "."):
                return record.levelno >= matters_from
        return True


# --- files ----------------------------------------------------------------------------------


class DailyFileHandler(TimedRotatingFileHandler):
    """Rotates at midnight UTC into ``<name>.YYYY-MM-DD``, safely with several processes.

    The web server and the workers write the same files. The first process to pass
    midnight renames the file (under a lock); the others see the rename and reopen the new
    file instead of renaming it again over the day's log.
    """

    def __init__(self, filename: str, backupCount: int = 14) -> None:
        Path(filename).parent.mkdir(parents=True, exist_ok=True)
        super().__init__(
            filename, when="midnight", utc=True, backupCount=backupCount, encoding="utf-8"
        )
        self._inode = self._current_inode()

    def _current_inode(self) -> int | None:
        try:
            return os.stat(self.baseFilename).st_ino
        except FileNotFoundError:
            return None

    def emit(self, record: logging.LogRecord) -> None:
        # Another process rotated the file: write to the new one, as WatchedFileHandler does.
        if self.stream is not None and self._current_inode() != self._inode:
            self.stream.close()
            self.stream = self._open()
            self._inode = self._current_inode()
        super().emit(record)

    def doRollover(self) -> None:
        if self.stream:
            self.stream.close()
            self.stream = None
        rollover_at = self.rolloverAt
        day = time.gmtime(rollover_at - self.interval)
        target = self.rotation_filename(f"{self.baseFilename}.{time.strftime(self.suffix, day)}")
        # Not "<name>.log.<x>": the admin log list shows such names as rotated logs.
        with open(f"{self.baseFilename}-rotation.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if not os.path.exists(target) and os.path.exists(self.baseFilename):
                    self.rotate(self.baseFilename, target)
                if self.backupCount > 0:
                    for old in self.getFilesToDelete():
                        os.remove(old)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        self.stream = self._open()
        self._inode = self._current_inode()
        now = int(time.time())
        next_at = self.computeRollover(now)
        while next_at <= now:
            next_at += self.interval
        self.rolloverAt = next_at


# --- configuration --------------------------------------------------------------------------

LINE_FORMAT = "%(asctime)s %(levelname)s %(name)s %(process)d [%(request_id)s] %(message)s"
_FILTERS = ["request_id", "mask_secrets"]


def logging_config(
    *,
    level: str,
    logs_dir: Path | None,
    backup_days: int = 14,
    error_backup_days: int = 30,
    quiet_console: bool = False,
) -> dict[str, Any]:
    """The ``LOGGING`` dictConfig: the console, and with ``logs_dir`` three daily files.

    ``app.log`` gets everything at ``level``, ``api.log`` one line per API request, and
    ``error.log`` errors only. Every line carries the request id; none can be forged or
    carry a secret. ``quiet_console`` keeps the per-task and per-request lines off the
    console unless ``level`` is DEBUG (the files still get them).
    """
    handlers: dict[str, dict[str, Any]] = {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "filters": [*_FILTERS, "quiet_chatter"] if quiet_console else _FILTERS,
        },
    }
    root = ["console"]
    api = ["console"]
    if logs_dir is not None:
        for name, filename, handler_level, backups in (
            ("app_file", "app.log", "NOTSET", backup_days),
            ("api_file", "api.log", "NOTSET", backup_days),
            ("error_file", "error.log", "ERROR", error_backup_days),
        ):
            handlers[name] = {
                "class": "storygen.logging.DailyFileHandler",
                "filename": str(logs_dir / filename),
                "backupCount": backups,
                "level": handler_level,
                "formatter": "line",
                "filters": _FILTERS,
            }
        root += ["app_file", "error_file"]
        api += ["api_file", "error_file"]
    loggers: dict[str, dict[str, Any]] = {
        # API request lines go to api.log only, not into app.log a second time.
        "storygen.api": {"handlers": api, "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "httpx": {"level": "WARNING"},
        "httpx2": {"level": "WARNING"},
        "openai": {"level": "WARNING"},
        # WeasyPrint reports every step of every PDF at INFO.
        "weasyprint.progress": {"level": "WARNING"},
    }
    if quiet_console:
        # Django's own console handlers (the development server's, and with DEBUG on one for
        # every "django" line) would write past the filter, and say each line twice: their
        # lines go through ours instead.
        loggers["django"] = {"handlers": [], "level": "INFO", "propagate": True}
        loggers["django.server"] = {"handlers": [], "level": "INFO", "propagate": True}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "storygen.logging.RequestIdFilter"},
            "mask_secrets": {"()": "storygen.logging.SecretMaskingFilter"},
            "quiet_chatter": {"()": "storygen.logging.QuietChatterFilter", "level": level},
        },
        "formatters": {"line": {"class": "storygen.logging.SafeFormatter", "format": LINE_FORMAT}},
        "handlers": handlers,
        "root": {"handlers": root, "level": level},
        "loggers": loggers,
    }
