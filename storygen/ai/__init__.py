"""The AI provider chosen by settings: ``get_provider()`` is the only way services reach it."""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from storygen.ai.base import AIProvider
from storygen.ai.errors import (
    AIContentBlocked,
    AIProviderAuthFailed,
    AIProviderError,
    AIProviderRejected,
    AIProviderUnavailable,
    AIQuotaExhausted,
)

__all__ = [
    "AIContentBlocked",
    "AIProvider",
    "AIProviderAuthFailed",
    "AIProviderError",
    "AIProviderRejected",
    "AIProviderUnavailable",
    "AIQuotaExhausted",
    "active_provider_name",
    "get_provider",
]

_lock = threading.Lock()
_provider: AIProvider | None = None


def active_provider_name() -> str:
    """ "openai" or "offline", resolving ``AI_PROVIDER=auto`` by whether a key is set."""
    choice = settings.AI_PROVIDER
    if choice == "auto":
        return "openai" if settings.OPENAI_API_KEY else "offline"
    return str(choice)


def get_provider() -> AIProvider:
    """The configured provider, built once per process (thread-safe), its calls metered."""
    global _provider
    if _provider is None:
        with _lock:
            if _provider is None:
                from storygen.ai.metered import MeteredProvider

                inner: AIProvider
                if active_provider_name() == "openai":
                    from storygen.ai.openai import OpenAIProvider

                    inner = OpenAIProvider.from_settings()
                else:
                    from storygen.ai.offline import OfflineProvider

                    inner = OfflineProvider()
                _provider = MeteredProvider(inner)
    return _provider


@receiver(setting_changed)
def _reset_provider(*, setting: str, **_: Any) -> None:
    global _provider
    if setting == "AI_PROVIDER" or setting.startswith("OPENAI_"):
        _provider = None
