"""App configuration for accounts."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connects the sign-in receiver that records when each session signed in, and
        # registers the deploy check of the proxy count.
        from accounts import checks, middleware  # noqa: F401
