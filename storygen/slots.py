"""The global limit on pictures drawn at once, shared by every worker through the database."""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from storygen.jobs import claim_mark, claims_of
from storygen.models import ImageSlot

_POLL_SECONDS = 0.1


class PictureSlotsBusy(Exception):
    """Every picture slot stayed taken: try the work later without spending an attempt."""


def _ensure_slots(count: int) -> None:
    existing = set(ImageSlot.objects.filter(number__lte=count).values_list("number", flat=True))
    missing = [ImageSlot(number=n) for n in range(1, count + 1) if n not in existing]
    if missing:
        ImageSlot.objects.bulk_create(missing, ignore_conflicts=True)


@contextmanager
def image_slot() -> Iterator[int]:
    """Hold one of the ``AI_MAX_CONCURRENT_IMAGES`` slots while drawing.

    A slot is taken with a conditional UPDATE, so workers on any number of machines agree
    through the database alone; a holder that dies frees it once its heartbeat stops (or,
    outside a worker, when the lease runs out). Waits up to
    ``AI_SLOT_WAIT_SECONDS``, then raises PictureSlotsBusy so the step is tried again later.
    """
    count = max(1, settings.AI_MAX_CONCURRENT_IMAGES)
    lease = timedelta(seconds=settings.STORYGEN_STEP_LEASE_SECONDS)
    token = uuid.uuid4().hex
    _ensure_slots(count)
    deadline = time.monotonic() + settings.AI_SLOT_WAIT_SECONDS
    taken: int | None = None
    while taken is None:
        now = timezone.now()
        free = Q(holder="") | Q(lease_until__lt=now)
        candidates = list(
            ImageSlot.objects.filter(free, number__lte=count).values_list("number", flat=True)
        )
        random.shuffle(candidates)  # spread contending workers over different rows
        for number in candidates:
            won = ImageSlot.objects.filter(free, number=number).update(
                holder=token, lease_until=now + lease, claimed_by=claim_mark()
            )
            if won:
                taken = number
                break
        if taken is None:
            if time.monotonic() > deadline:
                raise PictureSlotsBusy()
            time.sleep(_POLL_SECONDS * (0.5 + random.random()))
    try:
        yield taken
    finally:
        ImageSlot.objects.filter(number=taken, holder=token).update(
            holder="", lease_until=None, claimed_by=""
        )


def image_slots_release(*, worker_ids: Collection[str]) -> int:
    """Free the picture slots held by these stopped worker runs. Returns how many."""
    return ImageSlot.objects.filter(claims_of(worker_ids)).update(
        holder="", lease_until=None, claimed_by=""
    )
