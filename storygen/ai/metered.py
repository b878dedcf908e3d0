"""A provider with every call counted and timed in the ``storygen_ai_*`` metric families."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from monitoring.metrics import observe_ai_call
from storygen.ai.base import AIProvider
from storygen.ai.types import (
    PageRewriteRequest,
    PageText,
    Picture,
    Scene,
    StoryDraft,
    StoryRequest,
    Verdict,
)


class MeteredProvider(AIProvider):
    """Any provider, with each call counted and timed in the ``storygen_ai_*`` families.

    Behaves exactly like the provider it wraps: same name, same results, same errors.
    """

    def __init__(self, inner: AIProvider) -> None:
        self.inner = inner
        self.name = inner.name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.inner, attribute)

    def write_story(self, request: StoryRequest) -> StoryDraft:
        with observe_ai_call(self.name, "story"):
            return self.inner.write_story(request)

    def rewrite_page(self, request: PageRewriteRequest) -> PageText:
        with observe_ai_call(self.name, "page_text"):
            return self.inner.rewrite_page(request)

    def draw(
        self,
        prompt: str,
        *,
        size: str,
        references: Sequence[bytes] = (),
        scene: Scene | None = None,
    ) -> Picture:
        with observe_ai_call(self.name, "image"):
            return self.inner.draw(prompt, size=size, references=references, scene=scene)

    def moderate(self, text: str) -> Verdict:
        with observe_ai_call(self.name, "moderation"):
            return self.inner.moderate(text)

    def moderate_image(self, data: bytes, *, mime: str, text: str = "") -> Verdict | None:
        with observe_ai_call(self.name, "moderation"):
            return self.inner.moderate_image(data, mime=mime, text=text)

    def model_shutdown_dates(
        self, models: Sequence[str], *, timeout: float | None = None
    ) -> dict[str, str | None]:
        with observe_ai_call(self.name, "models"):
            return self.inner.model_shutdown_dates(models, timeout=timeout)
