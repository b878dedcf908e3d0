"""App configuration for stories."""

from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The per-user limit on stories being made at once counts this app's runs.
        from accounts.selectors import usage_running_runs_register
        from stories import services
        from stories.selectors import dynamic_list_active_choices, generation_task_unfinished
        from stories.services import safety
        from stories.services.media import SIGNED_PAGE_PICTURES
        from storygen.option_lists import option_lists_register
        from storygen.signed_media import signed_pictures_register
        from storygen.upkeep import upkeep_register

        usage_running_runs_register(generation_task_unfinished)
        # Every app reads the option lists this app keeps through the core.
        option_lists_register(dynamic_list_active_choices)
        # What the worker's reconciler does for the work this app hands out.
        upkeep_register(
            "story runs",
            release=services.generation_claims_release,
            resend=services.generation_resend_waiting,
            reconcile=services.generation_reconcile,
        )
        upkeep_register(
            "page redraws",
            release=services.page_redraw_jobs_release,
            resend=services.page_redraw_jobs_resend,
            reconcile=services.page_redraw_jobs_reconcile,
        )
        upkeep_register("held stories", reconcile=safety.held_stories_recheck)
        # Page pictures shown with a plain <img> by clients that cannot send a token.
        signed_pictures_register(SIGNED_PAGE_PICTURES)
