"""App configuration for stories."""

from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The per-user limit on stories being made at once counts this app's runs.
        from accounts.selectors import usage_running_runs_register
        from stories.selectors import dynamic_list_active_choices, generation_task_unfinished
        from storygen.option_lists import option_lists_register

        usage_running_runs_register(generation_task_unfinished)
        # Every app reads the option lists this app keeps through the core.
        option_lists_register(dynamic_list_active_choices)
