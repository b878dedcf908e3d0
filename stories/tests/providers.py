"""A provider for pipeline tests: the offline provider with scripted failures."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from storygen.ai.base import AIProvider
from storygen.ai.errors import AIProviderError
from storygen.ai.offline import OfflineProvider
from storygen.ai.types import (
    PageRewriteRequest,
    PageText,
    Picture,
    Scene,
    StoryDraft,
    StoryRequest,
    Verdict,
)

Rule = Callable[[str, Scene | None], AIProviderError | None]


@dataclass
class ScriptedProvider(AIProvider):
    """Answers like the offline provider, except where a rule returns an error to raise.

    ``calls`` counts calls by kind ("text", "rewrite", "cover", "page", "sheet",
    "moderation", "picture-moderation") for assertions; ``rewrites`` keeps the page rewrite
    requests, ``prompts`` the picture prompts. Pictures are moderated (unlike the offline
    provider): one whose page text contains a string in ``picture_flags`` is flagged. Text
    containing a string in ``text_flags`` is flagged by the text moderation, as a remote
    moderation may flag what the offline rules let through.
    """

    rules: list[Rule] = field(default_factory=list)
    calls: Counter[str] = field(default_factory=Counter)
    references_seen: dict[int, int] = field(default_factory=dict)
    rewrites: list[PageRewriteRequest] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)
    picture_flags: list[str] = field(default_factory=list)
    text_flags: list[str] = field(default_factory=list)
    name: str = "offline"

    def __post_init__(self) -> None:
        self._inner = OfflineProvider()
        self._lock = threading.Lock()

    def _check(self, kind: str, scene: Scene | None) -> None:
        with self._lock:
            self.calls[kind] += 1
        for rule in self.rules:
            error = rule(kind, scene)
            if error is not None:
                raise error

    def write_story(self, request: StoryRequest) -> StoryDraft:
        self._check("text", None)
        return self._inner.write_story(request)

    def rewrite_page(self, request: PageRewriteRequest) -> PageText:
        self._check("rewrite", None)
        self.rewrites.append(request)
        return self._inner.rewrite_page(request)

    def draw(
        self,
        prompt: str,
        *,
        size: str,
        references: Sequence[bytes] = (),
        scene: Scene | None = None,
    ) -> Picture:
        kind = scene.kind if scene else "page"
        self._check(kind, scene)
        self.prompts.append(prompt)
        if scene is not None and scene.kind != "sheet":
            self.references_seen[scene.page_number] = len(references)
        return self._inner.draw(prompt, size="64x64", references=references, scene=scene)

    def moderate(self, text: str) -> Verdict:
        self._check("moderation", None)
        if any(flag in text for flag in self.text_flags):
            return Verdict(flagged=True, categories=("violence",), scores={"violence": 0.9})
        return self._inner.moderate(text)

    def moderate_image(self, data: bytes, *, mime: str, text: str = "") -> Verdict | None:
        self._check("picture-moderation", None)
        if any(flag in text for flag in self.picture_flags):
            return Verdict(flagged=True, categories=("violence",), scores={"violence": 0.9})
        return Verdict(flagged=False)


def fail_times(
    kind: str, error: Callable[[], AIProviderError], times: int, page: int | None = None
) -> Rule:
    """A rule failing the first ``times`` matching calls."""
    left = [times]

    def rule(call_kind: str, scene: Scene | None) -> AIProviderError | None:
        if call_kind != kind or (page is not None and (scene is None or scene.page_number != page)):
            return None
        if left[0] > 0:
            left[0] -= 1
            return error()
        return None

    return rule
