"""A provider with every call counted and timed in the ``storygen_ai_*`` metric families.

The families live here, with the one place that counts them; the monitoring app serves them
with the rest at /metrics. Labels take values from the short fixed sets below only.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from prometheus_client import Counter, Histogram, disable_created_metrics

from storygen.ai.base import AIProvider
from storygen.ai.errors import AIProviderError, failure_code
from storygen.ai.types import (
    PageRewriteRequest,
    PageText,
    Picture,
    Scene,
    StoryDraft,
    StoryRequest,
    Verdict,
)

# No *_created twin per series (as for every Storygen family): nothing reads them.
disable_created_metrics()

PROVIDERS = ("openai", "offline")
AI_KINDS = ("story", "page_text", "image", "moderation", "models")
AI_OUTCOMES = ("ok", "unavailable", "auth", "quota", "blocked", "rejected", "error")

ai_calls = Counter(
    "storygen_ai_calls",
    "Calls to the AI provider, by provider, kind of call and outcome (ok or why it failed).",
    ["provider", "kind", "outcome"],
)
ai_call_duration = Histogram(
    "storygen_ai_call_duration_seconds",
    "Time an AI provider call took, successful or not.",
    ["provider", "kind"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 180, 300, float("inf")),
)


def _bounded(value: str, allowed: Sequence[str], other: str = "other") -> str:
    return value if value in allowed else other


@contextmanager
def observe_ai_call(provider: str, kind: str) -> Iterator[None]:
    """Count and time one provider call; a provider error is counted by its class."""
    labels = (_bounded(provider, PROVIDERS), _bounded(kind, AI_KINDS))
    outcome = "ok"
    started = time.perf_counter()
    try:
        yield
    except AIProviderError as exc:
        outcome = failure_code(exc)
        raise
    except Exception:
        outcome = "error"
        raise
    finally:
        ai_call_duration.labels(*labels).observe(time.perf_counter() - started)
        ai_calls.labels(*labels, _bounded(outcome, AI_OUTCOMES, "error")).inc()


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
