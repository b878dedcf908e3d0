"""Operations state kept in the database: the workers' heartbeats."""

from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """The last time a Celery worker said it was alive; one row per worker host name.

    Workers on every machine write here, so the database (shared by all of them) is what
    /readyz reads to know that some worker is running.
    """

    hostname = models.CharField(max_length=255, unique=True)
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-last_seen"]

    def __str__(self) -> str:
        return f"{self.hostname} at {self.last_seen:%Y-%m-%d %H:%M:%S}"
