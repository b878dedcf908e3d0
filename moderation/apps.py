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

        # The safety check reads the phrases administrators add, and counts its refusals.
        from moderation.services import safety_phrases_read, safety_refusal_record
        from storygen.refusals import refusal_recorder_register
        from storygen.safety_phrases import safety_phrases_register

        safety_phrases_register(safety_phrases_read)
        refusal_recorder_register(safety_refusal_record)
