"""The core's own state: the picture slots every worker shares."""

from __future__ import annotations

from django.db import models


class ImageSlot(models.Model):
    """One of the AI_MAX_CONCURRENT_IMAGES slots shared by every worker.

    A worker holds a slot while it waits for the provider to draw; if it stops holding it,
    the slot is freed once its heartbeat stops (``claimed_by``), or at the latest by the lease.
    """

    number = models.PositiveSmallIntegerField(primary_key=True)
    holder = models.CharField(max_length=64, blank=True, default="")
    lease_until = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        # Made as part of the stories app; the table keeps its name.
        db_table = "stories_imageslot"
        ordering = ["number"]

    def __str__(self) -> str:
        return f"slot {self.number}"
