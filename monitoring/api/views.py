"""Monitoring API for administrators: log files (list, tail, download), stats, diagnostics,
metrics."""

from __future__ import annotations

from django.http import FileResponse, HttpResponse
from django.utils.cache import add_never_cache_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from accounts.permissions import IsAdministrator
from monitoring import diagnostics, logs
from monitoring.api.serializers import (
    ConfigDiagnosticsOutputSerializer,
    LogTailQuerySerializer,
    SystemStatsOutputSerializer,
)
from monitoring.metrics import metrics_response
from storygen.api import ErrorSerializer

TAG = "admin"
LOG_FILE = OpenApiParameter(
    "log_file",
    str,
    location=OpenApiParameter.PATH,
    description="A name from the log file list (not a path).",
)
INVALID_NAME = OpenApiResponse(ErrorSerializer, description="Not a file name.")
NOT_FOUND = OpenApiResponse(
    ErrorSerializer, description="Not a log file the list offers (or not inside the log folder)."
)


class AdminRequest(Request):
    """A request that passed IsAdministrator: its user is an active admin account."""

    user: User


class LogFileListApi(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(
        tags=[TAG],
        summary="List the log files, newest first",
        operation_id="v1_admin_monitoring_logs_list",
        responses={
            200: OpenApiResponse(
                {"type": "array", "items": {"type": "string"}},
                description="File names in the log folder.",
            ),
            500: ErrorSerializer,
        },
    )
    def get(self, request: Request) -> Response:
        return Response(logs.log_file_list())


class LogFileTailApi(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(
        tags=[TAG],
        summary="The last lines of a log file, as plain text",
        operation_id="v1_admin_monitoring_logs_tail",
        parameters=[LOG_FILE, LogTailQuerySerializer],
        responses={
            (200, "text/plain"): OpenApiResponse(OpenApiTypes.STR, description="The lines."),
            400: OpenApiResponse(
                ErrorSerializer, description="Not a file name, or lines out of range."
            ),
            404: NOT_FOUND,
            500: ErrorSerializer,
        },
    )
    def get(self, request: AdminRequest, log_file: str) -> HttpResponse:
        query = LogTailQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        text = logs.log_file_tail(
            name=log_file, lines=query.validated_data["lines"], actor=request.user
        )
        response = HttpResponse(text, content_type="text/plain; charset=utf-8")
        add_never_cache_headers(response)
        return response


class LogFileDownloadApi(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(
        tags=[TAG],
        summary="Download a whole log file",
        parameters=[LOG_FILE],
        responses={
            (200, "text/plain"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file, as an attachment."
            ),
            400: INVALID_NAME,
            404: NOT_FOUND,
        },
    )
    def get(self, request: AdminRequest, log_file: str) -> FileResponse:
        download = logs.log_file_download(name=log_file, actor=request.user)
        response = FileResponse(
            download.file,
            as_attachment=True,
            filename=download.filename,
            content_type="text/plain; charset=utf-8",
        )
        response["Content-Length"] = str(download.size)
        add_never_cache_headers(response)
        return response


class SystemStatsApi(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(
        tags=[TAG],
        summary="Server clock, uptime, platform, load and disk",
        responses={200: SystemStatsOutputSerializer},
    )
    def get(self, request: Request) -> Response:
        return Response(SystemStatsOutputSerializer(diagnostics.system_stats()).data)


class ConfigDiagnosticsApi(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(
        tags=[TAG],
        summary="The configuration in use, without secrets or paths",
        responses={200: ConfigDiagnosticsOutputSerializer},
    )
    def get(self, request: Request) -> Response:
        return Response(ConfigDiagnosticsOutputSerializer(diagnostics.config_diagnostics()).data)


class MetricsApi(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(
        tags=[TAG],
        summary="Every metric, in Prometheus' text format (as /metrics serves it)",
        responses={
            (200, "text/plain"): OpenApiResponse(OpenApiTypes.STR, description="The metrics.")
        },
    )
    def get(self, request: Request) -> HttpResponse:
        response = metrics_response()
        add_never_cache_headers(response)
        return response
