"""The log files administrators may read: the allow-list of LOGS_DIR, tails and downloads,
and the audit rows that say who read which file."""

from __future__ import annotations

import logging
import os
import re
import stat
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.utils import timezone
from rest_framework import status

from accounts.models import User
from moderation.models import ModerationAction
from moderation.services import LABEL_MAX_LENGTH, moderation_action_record
from storygen.exceptions import ApplicationError, NotFound

logger = logging.getLogger(__name__)

#: Bounds and default of how many lines a tail returns.
TAIL_MIN_LINES = 10
TAIL_MAX_LINES = 5000
TAIL_DEFAULT_LINES = 1000
#: Tails are read backwards from the end of the file in blocks of this size.
TAIL_BLOCK_SIZE = 64 * 1024
#: A tail never reads more than this from the end, however long its lines are.
TAIL_MAX_BYTES = 8 * 1024 * 1024
#: Longer names are not file names this directory could hold.
MAX_NAME_LENGTH = 255
#: One audit row covers an administrator's reads of one file for this long: the page's
#: "Follow" asks for the tail every few seconds, and a row per poll would bury the log.
LOG_VIEW_AUDIT_WINDOW = timedelta(minutes=10)

# "app.log", rotated "app.log.1" / "app.log.2026-11-25", and dated "app.2026-11-25.log".
_ROTATED_DATE = re.compile(r"\.\d{4}-\d{2}-\d{2}\.log$")
_UNSAFE_FILENAME_CHARS = re.compile(r"[^A-Za-z0-9._-]")


class InvalidLogFileName(ApplicationError):
    code = "invalid_log_file"
    status_code = status.HTTP_400_BAD_REQUEST
    default_message = "Invalid log file path."


class LogFileNotFound(NotFound):
    default_message = "Log file not found."


class LogFilesUnavailable(ApplicationError):
    code = "logs_unavailable"
    status_code = status.HTTP_500_INTERNAL_SERVER_ERROR
    default_message = "Could not retrieve log files."


class LogFileUnreadable(ApplicationError):
    code = "log_unreadable"
    status_code = status.HTTP_500_INTERNAL_SERVER_ERROR
    default_message = "Could not read log file."


def logs_dir() -> Path:
    return Path(settings.LOGS_DIR)


def is_log_file_name(name: str) -> bool:
    """Names the log viewer offers: ``*.log`` and rotated logs (``*.log.*``)."""
    return name.endswith(".log") or ".log." in name or bool(_ROTATED_DATE.search(name))


def log_file_list() -> list[str]:
    """Names of the log files in LOGS_DIR, newest first (by modification time).

    Only regular files directly in the directory count: subdirectories and symbolic links
    are never offered, so nothing reachable through them can be read. A directory that does
    not exist (nothing logged to files yet) has none. Raises LogFilesUnavailable when it
    cannot be listed.
    """
    directory = logs_dir()
    if not directory.is_dir():
        return []
    try:
        return _list(directory)
    except OSError as exc:
        logger.warning("log directory could not be listed: %s", type(exc).__name__)
        raise LogFilesUnavailable() from exc


def log_files_count() -> int:
    """How many ``*.log`` files (not rotated ones) LOGS_DIR holds; 0 when unreadable."""
    try:
        return sum(1 for name in _list(logs_dir()) if name.endswith(".log"))
    except OSError:
        return 0


def _list(directory: Path) -> list[str]:
    found: list[tuple[float, str]] = []
    with os.scandir(directory) as entries:
        for entry in entries:
            if not is_log_file_name(entry.name) or not entry.is_file(follow_symlinks=False):
                continue
            try:
                found.append((entry.stat(follow_symlinks=False).st_mtime, entry.name))
            except OSError:  # rotated away while listing
                continue
    found.sort(key=lambda item: (-item[0], item[1]))
    return [name for _, name in found]


def _check_name(name: str) -> None:
    """Refuse anything that is not a plain file name before looking at the disk."""
    if (
        not name
        or len(name) > MAX_NAME_LENGTH
        or name in {".", ".."}
        or "/" in name
        or "\\" in name
        or any(ord(char) < 32 or ord(char) == 127 for char in name)
    ):
        raise InvalidLogFileName()


def _open(name: str) -> tuple[BinaryIO, int]:
    """Open an allow-listed log file for reading; returns the file and its size now.

    The name must be one the listing offers (compared as a string, never joined into a
    path first); then the path it names must still resolve inside LOGS_DIR and be a
    regular file, opened without following a symbolic link (a link swapped in after the
    check fails to open).
    """
    _check_name(name)
    directory = logs_dir()
    try:
        allowed = _list(directory)
    except OSError:
        allowed = []
    if name not in allowed:
        raise LogFileNotFound()
    root = directory.resolve()
    candidate = directory / name
    if not candidate.resolve().is_relative_to(root) or candidate.is_symlink():
        raise LogFileNotFound()
    try:
        fd = os.open(candidate, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError as exc:
        raise LogFileNotFound() from exc
    except OSError as exc:  # ELOOP: became a symbolic link; EACCES; ...
        raise LogFileNotFound() from exc
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise LogFileNotFound()
    return os.fdopen(fd, "rb"), info.st_size


def log_file_access_record(*, actor: User, name: str, downloaded: bool) -> ModerationAction | None:
    """Write the audit row for ``actor`` reading the log file ``name`` (already opened).

    Every download gets its own row (LOG_DOWNLOADED). Views (LOG_VIEWED) are recorded once
    per administrator and file per LOG_VIEW_AUDIT_WINDOW: the page shows a tail and its
    script fetches it again, and "Follow" re-reads it every few seconds, so a row per read
    would flood the audit log. A viewer who keeps watching gets a new row each window.
    Returns the row written, or None when a recent one already covers this view.
    """
    label = name[:LABEL_MAX_LENGTH]
    action = (
        ModerationAction.Action.LOG_DOWNLOADED if downloaded else ModerationAction.Action.LOG_VIEWED
    )
    if not downloaded:
        recent = ModerationAction.objects.filter(
            actor=actor,
            action=action,
            target_type=ModerationAction.TargetType.LOG,
            target_label=label,
            created_at__gte=timezone.now() - LOG_VIEW_AUDIT_WINDOW,
        )
        if recent.exists():
            return None
    return moderation_action_record(
        actor=actor,
        action=action,
        target_type=ModerationAction.TargetType.LOG,
        target_id=0,  # a file has no id; its name is the label
        target_label=label,
    )


def log_file_tail(*, name: str, lines: int, actor: User) -> str:
    """The last ``lines`` lines of an allow-listed log file (undecodable bytes replaced),
    read by ``actor``, which the audit log records (see log_file_access_record).

    Reads backwards from the end in TAIL_BLOCK_SIZE blocks and at most TAIL_MAX_BYTES, so a
    huge file costs no more than its tail. Raises InvalidLogFileName (not a file name),
    LogFileNotFound (not offered, outside LOGS_DIR, not a regular file) or LogFileUnreadable;
    only a successful read is recorded.
    """
    handle, size = _open(name)
    try:
        with handle:
            data = read_tail(handle, size=size, lines=lines)
    except OSError as exc:
        logger.warning("log file could not be read: %s", type(exc).__name__)
        raise LogFileUnreadable(f"Could not read log file: {name}") from exc
    log_file_access_record(actor=actor, name=name, downloaded=False)
    return data.decode("utf-8", errors="replace")


def read_tail(
    handle: BinaryIO,
    *,
    size: int,
    lines: int,
    block_size: int = TAIL_BLOCK_SIZE,
    max_bytes: int = TAIL_MAX_BYTES,
) -> bytes:
    """The last ``lines`` lines among the first ``size`` bytes of ``handle``.

    A final newline ends the last line rather than starting an empty one. When
    ``max_bytes`` runs out first, the partial line at the start of what was read is dropped.
    """
    position = size
    chunks: list[bytes] = []
    newlines = 0
    read = 0
    # One newline more than lines asked for marks where the first wanted line starts.
    while position > 0 and newlines <= lines and read < max_bytes:
        step = min(block_size, position, max_bytes - read)
        position -= step
        handle.seek(position)
        chunk = handle.read(step)
        chunks.append(chunk)
        newlines += chunk.count(b"\n")
        read += len(chunk)
    data = b"".join(reversed(chunks))
    ending = b""
    if data.endswith(b"\n"):
        data, ending = data[:-1], b"\n"
    kept = data.split(b"\n")
    if position > 0 and len(kept) > 1 and len(kept) <= lines:
        kept = kept[1:]  # cut off by max_bytes: the first line is incomplete
    return b"\n".join(kept[-lines:]) + ending if kept != [b""] else ending


class _BoundedFile:
    """A log opened for download, read only up to the size it had when it was opened.

    Logs keep growing; sending what was there at the start keeps the body equal to the
    Content-Length announced.
    """

    def __init__(self, handle: BinaryIO, size: int) -> None:
        self._handle = handle
        self._left = size

    def read(self, size: int = -1) -> bytes:
        if self._left <= 0:
            return b""
        wanted = self._left if size < 0 else min(size, self._left)
        data = self._handle.read(wanted)
        self._left -= len(data)
        return data

    def close(self) -> None:
        self._handle.close()


@dataclass(frozen=True)
class LogDownload:
    file: _BoundedFile
    size: int
    filename: str


def safe_download_name(name: str) -> str:
    """A file name for Content-Disposition: letters, digits, dot, dash and underscore."""
    cleaned = _UNSAFE_FILENAME_CHARS.sub("_", name).lstrip(".")
    return cleaned or "log.txt"


def log_file_download(*, name: str, actor: User) -> LogDownload:
    """Open an allow-listed log file to stream whole, and record who downloaded which file
    in the audit log (one row per download).

    Same refusals as log_file_tail. The caller streams ``file`` and closes it (a
    FileResponse does both).
    """
    handle, size = _open(name)
    try:
        log_file_access_record(actor=actor, name=name, downloaded=True)
    except BaseException:
        handle.close()  # nothing is sent that the audit log does not show
        raise
    logger.info("log file downloaded: admin_id=%s file=%r bytes=%s", actor.pk, name, size)
    return LogDownload(
        file=_BoundedFile(handle, size), size=size, filename=safe_download_name(name)
    )
