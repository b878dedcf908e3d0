"""The audit log as the rest of the code writes to it: who did what to what, and why.

The app that keeps the log (moderation) registers how a row is recorded when it starts,
so any app can record an action without depending on it. Record inside the transaction of
the change, so the change and its row are committed together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

#: Records one row: keyword arguments as :func:`audit_record` takes them.
Recorder = Callable[..., object]

_recorder: Recorder | None = None


def audit_recorder_register(recorder: Recorder) -> None:
    """Say how to record an audit row (the log's owner calls this when it starts)."""
    global _recorder
    _recorder = recorder


def audit_record(
    *,
    actor: AbstractBaseUser | None,
    action: str,
    target_type: str,
    target_id: int,
    target_label: str = "",
    reason: str = "",
    changes: dict[str, list[Any]] | None = None,
) -> None:
    """Append one row to the audit log (``actor`` None: the system or the command line)."""
    if _recorder is None:
        raise RuntimeError("no app has registered the audit log")
    _recorder(
        actor=actor,
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_label=target_label,
        reason=reason,
        changes=changes,
    )
