"""What administrators see of the running system: host stats and a secret-free config summary."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import platform
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from accounts.checks import proxy_count_warning
from monitoring.logs import log_files_count, logs_dir
from storygen.ai import AIProviderError, active_provider_name, get_provider

logger = logging.getLogger(__name__)

GIB = 1024**3
#: How long the answer of the provider's models endpoint is reused.
MODEL_CHECK_CACHE_SECONDS = 300
#: A failed check is retried sooner than a successful one is repeated.
MODEL_CHECK_FAILURE_CACHE_SECONDS = 30
#: The models check waits at most this long for the provider.
MODEL_CHECK_TIMEOUT_SECONDS = 5.0
_IMPORTED_AT = time.time()


@dataclass(frozen=True)
class SystemStats:
    server_time_utc: datetime
    uptime_seconds: float
    platform: str
    python_version: str
    load_average: list[float] | None
    disk_total_gb: float | None
    disk_used_gb: float | None
    disk_percent: float | None
    log_files_count: int


@dataclass(frozen=True)
class ConfigDiagnostics:
    ai_provider: str
    ai_provider_setting: str
    openai_key_present: bool
    openai_key_masked: str
    openai_base_url_host: str | None
    text_model: str
    image_model: str
    use_openai_responses_api: bool
    openai_text_enable_fallback: bool
    debug: bool
    data_dir_exists: bool
    logs_dir_exists: bool
    private_dir_exists: bool
    broker: str
    database_vendor: str
    worker: dict[str, Any] | None
    model_warnings: list[str]
    num_proxies: int
    proxy_warnings: list[str]


def system_stats() -> SystemStats:
    """Clock, uptime of this process, platform, load and the disk holding the logs."""
    directory = logs_dir()
    total = used = percent = None
    try:
        usage = shutil.disk_usage(directory if directory.is_dir() else Path("/"))
    except OSError:
        pass
    else:
        total = round(usage.total / GIB, 2)
        used = round(usage.used / GIB, 2)
        percent = round(usage.used / usage.total * 100, 2) if usage.total else 0.0
    try:
        load: list[float] | None = [round(value, 2) for value in os.getloadavg()]
    except (AttributeError, OSError):  # not available on this platform
        load = None
    return SystemStats(
        server_time_utc=datetime.now(tz=UTC),
        uptime_seconds=round(max(time.time() - process_started_at(), 0.0), 1),
        platform=platform.platform(),
        python_version=platform.python_version(),
        load_average=load,
        disk_total_gb=total,
        disk_used_gb=used,
        disk_percent=percent,
        log_files_count=log_files_count(),
    )


@functools.cache
def process_started_at() -> float:
    """When this process started (Unix time); when this module was imported, off Linux."""
    try:
        stat_fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started_ticks = int(stat_fields[19])  # field 22 of proc(5), counted after the name
        boot_time = next(
            int(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
        return boot_time + started_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return _IMPORTED_AT


def mask_key(key: str) -> str:
    """Enough of a key to tell two apart, never enough to use: ``sk-…wxyz``."""
    if not key:
        return ""
    if len(key) < 16:  # the visible ends would give away most of a short key
        return "…"
    return f"{key[:3]}…{key[-4:]}"


def _host(url: str | None) -> str | None:
    """The host name of ``url`` alone: no scheme, credentials, port or path."""
    if not url:
        return None
    try:
        return urlsplit(url).hostname or None
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None


def _broker_kind(url: str) -> str:
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    kinds = {
        "redis": "redis",
        "rediss": "redis",
        "redis+socket": "redis",
        "amqp": "amqp",
        "amqps": "amqp",
        "memory": "memory",
    }
    return kinds.get(scheme, "other")


def config_diagnostics() -> ConfigDiagnostics:
    """The configuration as far as it can be shown: no keys, URLs with credentials or paths.

    With OpenAI in use, asks its models endpoint (cached, see model_warnings) whether a
    configured model is scheduled to shut down; a failed check is a warning, not an error.
    Recent sign-in addresses tell whether the proxy count looks wrong (proxy_warnings).
    """
    key = settings.OPENAI_API_KEY or ""
    base_url = settings.OPENAI_BASE_URL
    return ConfigDiagnostics(
        ai_provider=active_provider_name(),
        ai_provider_setting=str(settings.AI_PROVIDER),
        openai_key_present=bool(key),
        openai_key_masked=mask_key(key),
        openai_base_url_host=_host(base_url),
        text_model=settings.OPENAI_TEXT_MODEL,
        image_model=settings.OPENAI_IMAGE_MODEL,
        use_openai_responses_api=bool(settings.OPENAI_USE_RESPONSES_API),
        openai_text_enable_fallback=bool(settings.OPENAI_TEXT_ENABLE_FALLBACK),
        debug=bool(settings.DEBUG),
        data_dir_exists=Path(settings.DATA_DIR).is_dir(),
        logs_dir_exists=logs_dir().is_dir(),
        private_dir_exists=Path(settings.STORYGEN_PRIVATE_DIR).is_dir(),
        broker=_broker_kind(settings.CELERY_BROKER_URL),
        database_vendor=connection.vendor,
        worker=_latest_heartbeat(),
        model_warnings=model_warnings(),
        num_proxies=settings.STORYGEN_NUM_PROXIES,
        proxy_warnings=proxy_warnings(),
    )


def proxy_warnings() -> list[str]:
    """The sign-in throttle's warning that DJANGO_NUM_PROXIES looks wrong, if it applies (the
    same as ``check --deploy`` gives)."""
    warning = proxy_count_warning()
    return [warning] if warning else []


def _latest_heartbeat() -> dict[str, Any] | None:
    """The worker seen most recently: its host name and when (None before any worker ran)."""
    from storygen.models import WorkerHeartbeat

    latest = WorkerHeartbeat.objects.order_by("-last_seen").values("hostname", "last_seen").first()
    return dict(latest) if latest else None


def model_warnings() -> list[str]:
    """Configured OpenAI models the provider reports as shutting down, or not offering.

    Empty unless OpenAI is the active provider. The answer is cached for
    MODEL_CHECK_CACHE_SECONDS; when the provider cannot be asked, the only warning says so
    (cached for MODEL_CHECK_FAILURE_CACHE_SECONDS) and nothing is raised.
    """
    if active_provider_name() != "openai":
        return []
    models = {
        "OPENAI_TEXT_MODEL": settings.OPENAI_TEXT_MODEL,
        "OPENAI_IMAGE_MODEL": settings.OPENAI_IMAGE_MODEL,
    }
    fingerprint = json.dumps([settings.OPENAI_BASE_URL, models], sort_keys=True)
    cache_key = "monitoring:model-warnings:" + hashlib.sha256(fingerprint.encode()).hexdigest()
    cached = cache.get(cache_key)
    if cached is not None:
        return list(cached)
    warnings, complete = _ask_for_models(models)
    timeout = MODEL_CHECK_CACHE_SECONDS if complete else MODEL_CHECK_FAILURE_CACHE_SECONDS
    cache.set(cache_key, warnings, timeout)
    return warnings


def _ask_for_models(models: dict[str, str]) -> tuple[list[str], bool]:
    """Warnings for ``models`` (setting → model id) and whether the provider answered."""
    if not settings.OPENAI_API_KEY:
        return ["OpenAI is selected but OPENAI_API_KEY is not set."], True
    try:
        dates = get_provider().model_shutdown_dates(
            list(models.values()), timeout=MODEL_CHECK_TIMEOUT_SECONDS
        )
    except AIProviderError as exc:  # a failure to ask must not break the diagnostics page
        logger.warning("models check with the provider failed: %s", type(exc).__name__)
        return [f"Could not check the models with the provider ({type(exc).__name__})."], False
    warnings: list[str] = []
    for setting, model_id in models.items():
        if model_id not in dates:
            warnings.append(f"{setting}: the provider does not offer {model_id}.")
        elif dates[model_id]:
            warnings.append(
                f"{setting}: {model_id} is scheduled to shut down on {dates[model_id]}."
            )
    return warnings, True
