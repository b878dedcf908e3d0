"""The core's own state: the picture slots every worker shares, and the workers' heartbeats."""

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


class WorkerHeartbeat(models.Model):
    """The last time a run of a Celery worker process said it was alive.

    One row per worker process run (a restarted worker is a new row). Workers on every
    machine write here, so the database (shared by all of them) is what /readyz reads to
    know that some worker is running, and what the reconciler reads to find workers that
    stopped: ``stopped_at`` is set once their claims have been handed to others.
    """

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    host = models.CharField(max_length=255, blank=True, default="")
    pid = models.IntegerField(default=0)
    pid_namespace = models.CharField(max_length=100, blank=True, default="")
    started_at = models.DateTimeField(null=True, blank=True)
    last_seen = models.DateTimeField(db_index=True)
    stopped_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        # Made as part of the monitoring app; the table keeps its name.
        db_table = "monitoring_workerheartbeat"
        ordering = ["-last_seen"]

    def __str__(self) -> str:
        return f"{self.hostname} at {self.last_seen:%Y-%m-%d %H:%M:%S}"
