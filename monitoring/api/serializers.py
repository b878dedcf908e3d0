"""Shapes of the monitoring API: the tail query, system stats and config diagnostics."""

from __future__ import annotations

from rest_framework import serializers

from monitoring.logs import TAIL_DEFAULT_LINES, TAIL_MAX_LINES, TAIL_MIN_LINES


class LogTailQuerySerializer(serializers.Serializer):
    lines = serializers.IntegerField(
        min_value=TAIL_MIN_LINES,
        max_value=TAIL_MAX_LINES,
        default=TAIL_DEFAULT_LINES,
        help_text=f"How many lines from the end ({TAIL_MIN_LINES} to {TAIL_MAX_LINES}).",
    )


class SystemStatsOutputSerializer(serializers.Serializer):
    server_time_utc = serializers.DateTimeField()
    uptime_seconds = serializers.FloatField(help_text="Since this server process started.")
    platform = serializers.CharField()
    python_version = serializers.CharField()
    load_average = serializers.ListField(
        child=serializers.FloatField(),
        allow_null=True,
        help_text="1, 5 and 15 minute load averages; null where the platform has none.",
    )
    disk_total_gb = serializers.FloatField(allow_null=True, help_text="Of the logs' disk.")
    disk_used_gb = serializers.FloatField(allow_null=True)
    disk_percent = serializers.FloatField(allow_null=True)
    log_files_count = serializers.IntegerField(help_text="Current *.log files (not rotated).")


class ConfigDiagnosticsOutputSerializer(serializers.Serializer):
    ai_provider = serializers.CharField(help_text="The provider in use: openai or offline.")
    ai_provider_setting = serializers.CharField(help_text="AI_PROVIDER: auto, openai or offline.")
    openai_key_present = serializers.BooleanField()
    openai_key_masked = serializers.CharField(
        help_text="First three and last four characters of the key, or empty."
    )
    openai_base_url_host = serializers.CharField(
        allow_null=True, help_text="Host of OPENAI_BASE_URL when one is set."
    )
    text_model = serializers.CharField()
    image_model = serializers.CharField()
    use_openai_responses_api = serializers.BooleanField()
    openai_text_enable_fallback = serializers.BooleanField()
    debug = serializers.BooleanField()
    data_dir_exists = serializers.BooleanField()
    logs_dir_exists = serializers.BooleanField()
    private_dir_exists = serializers.BooleanField()
    broker = serializers.CharField(help_text="redis, amqp, memory or other.")
    database_vendor = serializers.CharField()
    worker = serializers.DictField(
        allow_null=True,
        help_text=(
            "The worker heard from most recently: its hostname and last_seen; "
            "null before any worker has sent a heartbeat."
        ),
    )
    model_warnings = serializers.ListField(
        child=serializers.CharField(),
        help_text="Configured OpenAI models that are shutting down or not offered, "
        "or why they could not be checked.",
    )
    num_proxies = serializers.IntegerField(
        help_text="DJANGO_NUM_PROXIES: reverse proxies trusted to add X-Forwarded-For."
    )
    proxy_warnings = serializers.ListField(
        child=serializers.CharField(),
        help_text="Why the proxy count looks wrong (recent sign-ins for several usernames "
        "all from one private address), as `check --deploy` warns; empty when it looks right.",
    )
