"""App configuration for moderation."""

from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every app records administrative and safety actions through the core.
        from moderation.services import moderation_action_record
        from storygen.audit import audit_recorder_register

        audit_recorder_register(moderation_action_record)
