"""Tests of the log file allow-list, tails and downloads (monitoring.logs)."""

from __future__ import annotations

import io
import logging
import os
import random
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from moderation.models import ModerationAction
from moderation.tests.factories import AdminFactory
from monitoring import logs


@pytest.fixture
def admin(db: None) -> User:
    return AdminFactory()


@pytest.fixture
def logs_dir(settings: Any, tmp_path: Path) -> Path:
    directory = tmp_path / "logs"
    directory.mkdir()
    settings.LOGS_DIR = directory
    return directory


def _write(path: Path, content: str | bytes, mtime: float | None = None) -> Path:
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def _naive_tail(data: bytes, lines: int) -> bytes:
    ending = b"\n" if data.endswith(b"\n") else b""
    body = data[:-1] if ending else data
    if not body and not ending:
        return b""
    return b"\n".join(body.split(b"\n")[-lines:]) + ending


# --- the allow-list ---------------------------------------------------------------------


def test_list_offers_logs_and_rotated_logs_newest_first(logs_dir: Path) -> None:
    _write(logs_dir / "storygen.log", "a", mtime=3000)
    _write(logs_dir / "storygen.log.1", "b", mtime=2000)
    _write(logs_dir / "api.2026-11-25.log", "c", mtime=1000)
    _write(logs_dir / "error.log", "d", mtime=4000)

    assert logs.log_file_list() == [
        "error.log",
        "storygen.log",
        "storygen.log.1",
        "api.2026-11-25.log",
    ]


def test_list_leaves_out_other_files_directories_and_symlinks(
    logs_dir: Path, tmp_path: Path
) -> None:
    _write(logs_dir / "app.log", "a")
    _write(logs_dir / "notes.txt", "not a log")
    (logs_dir / "archive.log").mkdir()
    outside = _write(tmp_path / "outside.log", "secret")
    (logs_dir / "link.log").symlink_to(outside)
    (logs_dir / "inner-link.log").symlink_to(logs_dir / "app.log")

    assert logs.log_file_list() == ["app.log"]


def test_a_missing_directory_has_no_log_files(settings: Any, tmp_path: Path) -> None:
    settings.LOGS_DIR = tmp_path / "missing"
    assert logs.log_file_list() == []


def test_log_files_count_counts_current_logs_only(logs_dir: Path) -> None:
    _write(logs_dir / "app.log", "a")
    _write(logs_dir / "api.log", "a")
    _write(logs_dir / "app.log.1", "a")

    assert logs.log_files_count() == 2


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("app.log", True),
        ("app.log.3", True),
        ("api.2026-11-25.log", True),
        ("app.txt", False),
        ("log", False),
        ("applog", False),
    ],
)
def test_is_log_file_name(name: str, expected: bool) -> None:
    assert logs.is_log_file_name(name) is expected


# --- name checks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["", ".", "..", "../app.log", "a/b.log", "..\\app.log", "app\x00.log", "app\n.log", "x" * 256],
)
def test_names_that_are_not_file_names_are_invalid(logs_dir: Path, name: str, admin: User) -> None:
    _write(logs_dir / "app.log", "a")
    with pytest.raises(logs.InvalidLogFileName, match=r"^Invalid log file path\.$"):
        logs.log_file_tail(name=name, lines=10, actor=admin)


def test_a_file_name_the_list_does_not_offer_is_not_found(logs_dir: Path, admin: User) -> None:
    _write(logs_dir / "notes.txt", "not offered")
    with pytest.raises(logs.LogFileNotFound, match=r"^Log file not found\.$"):
        logs.log_file_tail(name="notes.txt", lines=10, actor=admin)


def test_a_symlink_to_a_file_outside_is_not_found(
    logs_dir: Path, tmp_path: Path, admin: User
) -> None:
    outside = _write(tmp_path / "outside.log", "CANARY")
    (logs_dir / "link.log").symlink_to(outside)

    with pytest.raises(logs.LogFileNotFound):
        logs.log_file_tail(name="link.log", lines=10, actor=admin)
    with pytest.raises(logs.LogFileNotFound):
        logs.log_file_download(name="link.log", actor=admin)


def test_a_symlink_is_refused_even_if_the_listing_offered_it(
    logs_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, admin: User
) -> None:
    # The containment check does not rely on the listing leaving symlinks out.
    outside = _write(tmp_path / "outside.log", "CANARY")
    (logs_dir / "link.log").symlink_to(outside)
    monkeypatch.setattr(logs, "_list", lambda directory: ["link.log"])

    with pytest.raises(logs.LogFileNotFound):
        logs.log_file_tail(name="link.log", lines=10, actor=admin)
    with pytest.raises(logs.LogFileNotFound):
        logs.log_file_download(name="link.log", actor=admin)


def test_a_directory_is_refused_even_if_the_listing_offered_it(
    logs_dir: Path, monkeypatch: pytest.MonkeyPatch, admin: User
) -> None:
    (logs_dir / "folder.log").mkdir()
    monkeypatch.setattr(logs, "_list", lambda directory: ["folder.log"])

    with pytest.raises(logs.LogFileNotFound):
        logs.log_file_tail(name="folder.log", lines=10, actor=admin)


def test_logs_dir_reached_through_a_symlink_still_works(
    settings: Any, tmp_path: Path, admin: User
) -> None:
    real = tmp_path / "real-logs"
    real.mkdir()
    _write(real / "app.log", "one\ntwo\n")
    (tmp_path / "logs").symlink_to(real)
    settings.LOGS_DIR = tmp_path / "logs"

    assert logs.log_file_tail(name="app.log", lines=10, actor=admin) == "one\ntwo\n"


# --- tails ------------------------------------------------------------------------------


def test_tail_returns_the_last_lines(logs_dir: Path, admin: User) -> None:
    _write(logs_dir / "app.log", "".join(f"line {n}\n" for n in range(1, 51)))

    tail = logs.log_file_tail(name="app.log", lines=10, actor=admin)

    assert tail.splitlines() == [f"line {n}" for n in range(41, 51)]
    assert tail.endswith("\n")


def test_tail_of_a_short_file_is_the_whole_file(logs_dir: Path, admin: User) -> None:
    _write(logs_dir / "app.log", "only\ntwo lines")
    assert logs.log_file_tail(name="app.log", lines=10, actor=admin) == "only\ntwo lines"


def test_tail_of_an_empty_file_is_empty(logs_dir: Path, admin: User) -> None:
    _write(logs_dir / "app.log", "")
    assert logs.log_file_tail(name="app.log", lines=10, actor=admin) == ""


def test_tail_replaces_undecodable_bytes(logs_dir: Path, admin: User) -> None:
    _write(logs_dir / "app.log", b"ok\n\xff\xfe broken\n")
    assert logs.log_file_tail(name="app.log", lines=10, actor=admin) == "ok\n\ufffd\ufffd broken\n"


def test_tail_of_a_file_larger_than_a_block_reads_only_the_end(logs_dir: Path, admin: User) -> None:
    lines = [f"{n:06d} " + "x" * 90 for n in range(5000)]
    path = _write(logs_dir / "big.log", "\n".join(lines) + "\n")
    assert path.stat().st_size > 4 * logs.TAIL_BLOCK_SIZE

    tail = logs.log_file_tail(name="big.log", lines=100, actor=admin)

    assert tail.splitlines() == lines[-100:]


class _CountingReader(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


def test_read_tail_reads_blocks_from_the_end_not_the_whole_file() -> None:
    data = b"".join(b"%08d\n" % n for n in range(200_000))  # 1.8 MB
    reader = _CountingReader(data)

    tail = logs.read_tail(reader, size=len(data), lines=10, block_size=4096)

    assert tail == b"".join(b"%08d\n" % n for n in range(199_990, 200_000))
    assert reader.bytes_read == 4096


@pytest.mark.parametrize("block_size", [1, 2, 3, 7, 64, 4096])
def test_read_tail_matches_a_naive_tail_for_any_block_size(block_size: int) -> None:
    rng = random.Random(block_size)
    for _ in range(60):
        pieces = [
            rng.choice([b"", b"a", b"bb", b"\xc3\xa9t\xc3\xa9", b"long line " * 5])
            for _ in range(rng.randint(0, 40))
        ]
        data = b"\n".join(pieces) + rng.choice([b"", b"\n", b"\n\n"])
        lines = rng.randint(1, 45)

        tail = logs.read_tail(io.BytesIO(data), size=len(data), lines=lines, block_size=block_size)

        assert tail == _naive_tail(data, lines), (data, lines)


def test_read_tail_stops_at_the_byte_cap_and_drops_the_cut_line() -> None:
    data = b"".join(b"%04d" % n + b"y" * 95 + b"\n" for n in range(100))  # 100 bytes a line

    tail = logs.read_tail(io.BytesIO(data), size=len(data), lines=50, max_bytes=550)

    assert tail.split(b"\n")[:-1] == [b"%04d" % n + b"y" * 95 for n in range(95, 100)]


def test_read_tail_ignores_bytes_written_after_the_size_was_taken() -> None:
    data = b"one\ntwo\nthree\n"
    handle = io.BytesIO(data + b"four\n")
    assert logs.read_tail(handle, size=len(data), lines=2) == b"two\nthree\n"


# --- downloads --------------------------------------------------------------------------


def test_download_streams_the_file_as_it_was_when_opened(logs_dir: Path, admin: User) -> None:
    path = _write(logs_dir / "app.log", "first\n")
    download = logs.log_file_download(name="app.log", actor=admin)
    with path.open("ab") as appending:
        appending.write(b"written later\n")

    assert download.size == 6
    assert download.file.read() == b"first\n"
    assert download.file.read() == b""
    download.file.close()


def test_download_is_logged_with_the_admin_id_and_file_name(
    logs_dir: Path, caplog: pytest.LogCaptureFixture, admin: User
) -> None:
    _write(logs_dir / "app.log", "secret-ish content\n")
    with caplog.at_level(logging.INFO, logger="monitoring.logs"):
        logs.log_file_download(name="app.log", actor=admin).file.close()

    [record] = [r for r in caplog.records if r.name == "monitoring.logs"]
    assert record.levelno == logging.INFO
    assert f"admin_id={admin.pk}" in record.getMessage()
    assert "app.log" in record.getMessage()
    assert "secret-ish" not in record.getMessage()


def _audit_rows() -> list[tuple[str, str, str, int, str]]:
    return list(
        ModerationAction.objects.order_by("id").values_list(
            "action", "actor_username", "target_type", "target_id", "target_label"
        )
    )


def test_every_download_writes_an_audit_row_with_the_actor_and_file_name(
    logs_dir: Path, admin: User
) -> None:
    _write(logs_dir / "app.log", "line\n")

    logs.log_file_download(name="app.log", actor=admin).file.close()
    logs.log_file_download(name="app.log", actor=admin).file.close()

    row = ("log_downloaded", admin.username, "log", 0, "app.log")
    assert _audit_rows() == [row, row]
    assert ModerationAction.objects.filter(actor=admin).count() == 2


def test_a_tail_writes_one_audit_row_per_file_while_the_admin_keeps_reading(
    logs_dir: Path, admin: User
) -> None:
    _write(logs_dir / "app.log", "line\n")
    _write(logs_dir / "api.log", "line\n")

    for _ in range(3):  # the page's "Follow" re-reads the tail every few seconds
        logs.log_file_tail(name="app.log", lines=10, actor=admin)
    logs.log_file_tail(name="api.log", lines=10, actor=admin)
    other = AdminFactory()
    logs.log_file_tail(name="app.log", lines=10, actor=other)

    assert _audit_rows() == [
        ("log_viewed", admin.username, "log", 0, "app.log"),
        ("log_viewed", admin.username, "log", 0, "api.log"),
        ("log_viewed", other.username, "log", 0, "app.log"),
    ]


def test_a_tail_after_the_audit_window_writes_a_new_row(logs_dir: Path, admin: User) -> None:
    _write(logs_dir / "app.log", "line\n")
    logs.log_file_tail(name="app.log", lines=10, actor=admin)
    ModerationAction.objects.update(
        created_at=timezone.now() - logs.LOG_VIEW_AUDIT_WINDOW - timedelta(seconds=1)
    )

    logs.log_file_tail(name="app.log", lines=10, actor=admin)

    assert [row[0] for row in _audit_rows()] == ["log_viewed", "log_viewed"]


def test_refused_reads_write_no_audit_row(logs_dir: Path, admin: User) -> None:
    _write(logs_dir / "notes.txt", "not offered")
    with pytest.raises(logs.LogFileNotFound):
        logs.log_file_tail(name="notes.txt", lines=10, actor=admin)
    with pytest.raises(logs.InvalidLogFileName):
        logs.log_file_download(name="../app.log", actor=admin)

    assert _audit_rows() == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("app.log", "app.log"),
        ("api.2026-11-25.log", "api.2026-11-25.log"),
        ('we ird"name.log', "we_ird_name.log"),
        ("journal é.log", "journal__.log"),
        (".hidden.log", "hidden.log"),
        ("...", "log.txt"),
    ],
)
def test_download_names_are_sanitized(name: str, expected: str) -> None:
    assert logs.safe_download_name(name) == expected
