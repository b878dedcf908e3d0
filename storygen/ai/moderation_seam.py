"""The moderation the safety gate asks, configured apart from the story provider.

``STORYGEN_MODERATION_PROVIDER`` picks who answers: ``openai`` (a moderations endpoint),
``guard`` (a Llama Guard model over chat completions, storygen.ai.guard) or ``rules`` (the
offline rules classifier alone); unset, the story provider's own moderation answers. In
every mode the rules classifier runs first as a floor: what it blocks is refused without a
call, and the words it found are kept beside the other moderation's verdict.
"""

from __future__ import annotations

import threading
from typing import Any

import openai
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from storygen.ai import get_provider
from storygen.ai.metered import observe_ai_call
from storygen.ai.offline import moderation as rules
from storygen.ai.types import Verdict


class _ProviderBackend:
    """The story provider's own moderation (metered with the provider's calls)."""

    def moderate(self, text: str) -> Verdict:
        return get_provider().moderate(text)

    def moderate_image(self, data: bytes, *, mime: str, text: str = "") -> Verdict | None:
        return get_provider().moderate_image(data, mime=mime, text=text)


class _RulesBackend:
    """Nothing beyond the floor; pictures cannot be looked at."""

    def moderate(self, text: str) -> Verdict:
        return Verdict(flagged=False)

    def moderate_image(self, data: bytes, *, mime: str, text: str = "") -> Verdict | None:
        return None


def _merged(floor: Verdict, other: Verdict) -> Verdict:
    scores = dict(other.scores)
    for category, score in floor.scores.items():
        scores[category] = max(score, scores.get(category, 0.0))
    return Verdict(
        flagged=floor.flagged or other.flagged,
        categories=tuple(sorted({*floor.categories, *other.categories})),
        scores=scores,
        terms={**other.terms, **floor.terms},
    )


class Moderator:
    """The rules floor, then the configured moderation."""

    def __init__(self, backend: Any, *, mode: str) -> None:
        self._backend = backend
        self.mode = mode

    def moderate(self, text: str, *, written: bool = False) -> Verdict:
        """``written``: the text is story text the AI wrote, not a person's brief (a guard
        model judges it as the assistant's answer)."""
        # Imported here: the gate's limits live with the gate, which imports this module.
        from storygen.safety import blocking_categories

        floor = rules.moderate(text)
        if blocking_categories(floor):
            return floor
        if self.mode == "guard":
            with observe_ai_call("guard", "moderation"):
                verdict = self._backend.moderate(text, written=written)
        elif self.mode == "openai":
            with observe_ai_call("openai", "moderation"):
                verdict = self._backend.moderate(text)
        else:
            verdict = self._backend.moderate(text)
        return _merged(floor, verdict)

    def moderate_image(self, data: bytes, *, mime: str, text: str = "") -> Verdict | None:
        if self.mode == "openai":
            with observe_ai_call("openai", "moderation"):
                return self._backend.moderate_image(data, mime=mime, text=text)
        return self._backend.moderate_image(data, mime=mime, text=text)


def _client(api_key: str) -> openai.OpenAI:
    return openai.OpenAI(
        api_key=api_key,
        base_url=settings.STORYGEN_MODERATION_BASE_URL or settings.OPENAI_BASE_URL,
        max_retries=0,
        timeout=openai.Timeout(
            settings.OPENAI_TEXT_TIMEOUT, connect=settings.OPENAI_CONNECT_TIMEOUT
        ),
    )


def _build() -> Moderator:
    mode = settings.STORYGEN_MODERATION_PROVIDER
    if mode == "openai":
        from storygen.ai.openai import OpenAIModerator

        key = settings.STORYGEN_MODERATION_API_KEY or settings.OPENAI_API_KEY
        backend: Any = OpenAIModerator(
            _client(key),
            model=settings.STORYGEN_MODERATION_MODEL or settings.OPENAI_MODERATION_MODEL,
            moderate_images=settings.OPENAI_MODERATE_IMAGES,
        )
    elif mode == "guard":
        from storygen.ai.guard import GuardModerator

        # Self-hosted servers mostly take no key, but the SDK wants one.
        key = settings.STORYGEN_MODERATION_API_KEY or settings.OPENAI_API_KEY or "none"
        backend = GuardModerator(_client(key), model=settings.STORYGEN_MODERATION_MODEL)
    elif mode == "rules":
        backend = _RulesBackend()
    else:
        mode, backend = "provider", _ProviderBackend()
    return Moderator(backend, mode=mode)


_lock = threading.Lock()
_moderator: Moderator | None = None


def moderator() -> Moderator:
    """The configured moderation, built once per process (thread-safe)."""
    global _moderator
    if _moderator is None:
        with _lock:
            if _moderator is None:
                _moderator = _build()
    return _moderator


@receiver(setting_changed)
def _reset_moderator(*, setting: str, **_: Any) -> None:
    global _moderator
    if setting.startswith(("STORYGEN_MODERATION_", "OPENAI_")) or setting == "AI_PROVIDER":
        _moderator = None
