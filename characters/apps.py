"""App configuration for characters."""

from django.apps import AppConfig


class CharactersConfig(AppConfig):
    name = "characters"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # What the worker's reconciler does for character sheets being drawn.
        from characters import services
        from characters.pictures import SIGNED_SHEETS
        from storygen.signed_media import signed_pictures_register
        from storygen.upkeep import upkeep_register

        upkeep_register(
            "character sheets",
            release=services.character_image_jobs_release,
            resend=services.character_image_jobs_resend,
            reconcile=services.character_image_jobs_reconcile,
        )
        # Sheets shown with a plain <img> by clients that cannot send a token.
        signed_pictures_register(SIGNED_SHEETS)
