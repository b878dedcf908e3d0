"""What the worker's reconciler does for each app, as the apps register it.

The reconciler (:mod:`storygen.celery`) belongs to the core and knows no app. Each app that
hands out work registers, when it starts, how to hand back the claims of a worker that
stopped, how to send its waiting work again, and what to check on every pass.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Protocol


class Release(Protocol):
    def __call__(self, *, worker_ids: Collection[str]) -> object: ...


@dataclass(frozen=True)
class Upkeep:
    """One kind of work an app keeps: each part is optional."""

    name: str
    #: Hands the claims of these stopped worker runs to whoever is free.
    release: Release | None = None
    #: Sends waiting work again once due (its messages may be gone).
    resend: Callable[[], object] | None = None
    #: Re-sends stalled work, or tidies up; runs on every pass.
    reconcile: Callable[[], object] | None = None


_registry: dict[str, Upkeep] = {}


def upkeep_register(
    name: str,
    *,
    release: Release | None = None,
    resend: Callable[[], object] | None = None,
    reconcile: Callable[[], object] | None = None,
) -> None:
    """Say what the reconciler does for one kind of work (an app calls this when it starts;
    registering a name again replaces it)."""
    _registry[name] = Upkeep(name=name, release=release, resend=resend, reconcile=reconcile)


def upkeep_all() -> list[Upkeep]:
    """Every registered kind of work, in the order the apps registered them."""
    return list(_registry.values())
