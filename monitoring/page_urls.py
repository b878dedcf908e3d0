"""The admin monitoring page and the log tail its script reads (administrators only)."""

from __future__ import annotations

from django.urls import path

from monitoring import pages

app_name = "monitoring"

urlpatterns = [
    path("", pages.monitoring_page, name="page"),
    path("logs/tail/", pages.log_tail_text, name="log-tail"),
]
