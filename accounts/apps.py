"""App configuration for accounts."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connects the sign-in receiver that records when each session signed in, registers
        # the deploy check of the proxy count and the OpenAPI scheme of the bearer tokens.
        from accounts import checks, middleware  # noqa: F401
        from accounts.api import schema  # noqa: F401
        from accounts.usage import usage_prune
        from storygen.upkeep import upkeep_register

        # The reconciler forgets old usage charges (at most once an hour per process).
        upkeep_register("usage ledger", reconcile=usage_prune)
