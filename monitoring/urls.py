"""Operations endpoints at the site root: health and readiness probes, metrics."""

from __future__ import annotations

from django.urls import path

from monitoring.views import healthz, metrics, readyz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
]
