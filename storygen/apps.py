"""App configuration for the core: its models (the picture slots) and migrations."""

from django.apps import AppConfig


class StorygenConfig(AppConfig):
    name = "storygen"
    default_auto_field = "django.db.models.BigAutoField"
