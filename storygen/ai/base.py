"""The provider interface that the story services program against."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from storygen.ai.types import (
    PageRewriteRequest,
    PageText,
    Picture,
    Scene,
    StoryDraft,
    StoryRequest,
    Verdict,
)


class AIProvider(ABC):
    """Writes stories, rewrites single pages, draws pictures and moderates text and pictures.

    Implementations raise only the classes in :mod:`storygen.ai.errors`, never an SDK's own
    exceptions, and never retry by themselves: the caller owns retries.
    """

    #: Short identifier stored on every story the provider worked on ("openai", "offline").
    name: str

    @abstractmethod
    def write_story(self, request: StoryRequest) -> StoryDraft:
        """Write the story described by ``request``; the result is validated."""

    @abstractmethod
    def rewrite_page(self, request: PageRewriteRequest) -> PageText:
        """Write one page again so it differs from ``request.text`` but still fits the story.

        The result is validated (non-empty, not a refusal, of sensible length).
        """

    @abstractmethod
    def draw(
        self,
        prompt: str,
        *,
        size: str,
        references: Sequence[bytes] = (),
        scene: Scene | None = None,
    ) -> Picture:
        """Draw one picture. With ``references`` the picture is an edit of those images.

        ``size`` is ``WIDTHxHEIGHT``, the shape of the page the picture is for; a provider
        whose model cannot draw it exactly draws the allowed size nearest in shape.
        """

    @abstractmethod
    def moderate(self, text: str) -> Verdict:
        """Classify ``text`` for safety."""

    def moderate_image(self, data: bytes, *, mime: str, text: str = "") -> Verdict | None:
        """Classify a picture for safety, together with ``text`` (what is printed beside it).

        None when the provider cannot look at pictures (the offline one): the text that
        described the picture was checked on its own.
        """
        return None

    def model_shutdown_dates(
        self, models: Sequence[str], *, timeout: float | None = None
    ) -> dict[str, str | None]:
        """The announced shutdown date of each of ``models`` (None: none announced); models
        the provider does not offer are left out. A provider without retiring models (the
        offline one) offers every model for good."""
        return dict.fromkeys(models)
