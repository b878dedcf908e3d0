"""App configuration for characters."""

from django.apps import AppConfig


class CharactersConfig(AppConfig):
    name = "characters"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # What the worker's reconciler does for character sheets being drawn.
        from characters import services
        from storygen.upkeep import upkeep_register

        upkeep_register(
            "character sheets",
            release=services.character_image_jobs_release,
            resend=services.character_image_jobs_resend,
            reconcile=services.character_image_jobs_reconcile,
        )
