"""App configuration for stories."""

from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The per-user limit on stories being made at once counts this app's runs.
        from accounts.selectors import usage_running_runs_register
        from stories.selectors import generation_task_unfinished

        usage_running_runs_register(generation_task_unfinished)
