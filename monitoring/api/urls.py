"""Admin monitoring API routes (administrators only), under the API prefix's admin/monitoring/."""

from __future__ import annotations

from django.urls import URLPattern, register_converter

from monitoring.api import views
from storygen.routing import api_path


class LogFileNameConverter:
    """Any text not ending in a slash, decoded "/" and "\\n" included.

    Deliberately wider than a file name: a request such as ``logs/..%2f..%2fetc`` then
    reaches the view, which answers "Invalid log file path." instead of the resolver
    guessing. The missing trailing slash lets ``logs/app.log/`` match the slash twin.
    """

    regex = r"[\s\S]*[^/]"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LogFileNameConverter, "log_file_name")

# The download route comes first: "logs/app.log/download" downloads app.log.
urlpatterns: list[URLPattern] = [
    *api_path("logs/", views.LogFileListApi.as_view(), "admin-monitoring-logs"),
    *api_path(
        "logs/<log_file_name:log_file>/download",
        views.LogFileDownloadApi.as_view(),
        "admin-monitoring-log-download",
    ),
    *api_path(
        "logs/<log_file_name:log_file>", views.LogFileTailApi.as_view(), "admin-monitoring-log"
    ),
    *api_path("stats", views.SystemStatsApi.as_view(), "admin-monitoring-stats"),
    *api_path("config", views.ConfigDiagnosticsApi.as_view(), "admin-monitoring-config"),
    *api_path("metrics", views.MetricsApi.as_view(), "admin-monitoring-metrics"),
]
