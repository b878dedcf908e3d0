"""The offline AI provider: stories, pictures and moderation with no network at all."""

from __future__ import annotations

from collections.abc import Sequence

from storygen.ai.base import AIProvider
from storygen.ai.errors import AIProviderRejected
from storygen.ai.offline.moderation import moderate
from storygen.ai.offline.painter import paint, scene_from_prompt
from storygen.ai.offline.writer import rewrite_page, write_story
from storygen.ai.types import (
    PageRewriteRequest,
    PageText,
    Picture,
    Scene,
    StoryDraft,
    StoryRequest,
    Usage,
    Verdict,
)

__all__ = ["OfflineProvider"]


class OfflineProvider(AIProvider):
    """Writes, paints and moderates locally and deterministically.

    Meant for demos, development and air-gapped installs, not as a test double: the stories
    follow the brief (outline, characters, genre, density, picture ratio) and the pictures
    follow the scene. Nothing is ever sent anywhere, and every call reports zero usage.
    """

    name = "offline"

    def write_story(self, request: StoryRequest) -> StoryDraft:
        """Write the story from ``request.brief`` alone; the prompt strings are not read."""
        return write_story(request.brief)

    def rewrite_page(self, request: PageRewriteRequest) -> PageText:
        """Write the page again from the brief, worded unlike its current text.

        The page keeps its place in the plot, the cast in its picture and the density of
        the brief; ``request.variant`` picks the wording. Of the reader's instructions, a
        length ("shorter", "longer") and a subject ("about the Moon") are followed; other
        wishes only vary the wording. A page number outside the story is rejected.
        """
        try:
            text = rewrite_page(
                request.brief,
                number=request.page_number,
                text=request.text,
                characters_in_scene=request.characters_in_scene,
                variant=request.variant,
                wish=request.user_instructions,
            )
        except ValueError as exc:
            raise AIProviderRejected(str(exc)) from exc
        return PageText(text=text, usage=Usage())

    def draw(
        self,
        prompt: str,
        *,
        size: str,
        references: Sequence[bytes] = (),
        scene: Scene | None = None,
    ) -> Picture:
        """Paint a PNG of ``scene`` (or of a scene read from ``prompt``) at ``size``.

        ``references`` are ignored: characters are drawn from their descriptions, which
        already keeps them the same on every page. A malformed ``size`` is rejected.
        """
        del references
        if scene is None:
            if not isinstance(prompt, str):
                raise AIProviderRejected("the prompt must be text")
            scene = scene_from_prompt(prompt)
        return Picture(data=paint(scene, size), mime="image/png", usage=Usage())

    def moderate(self, text: str) -> Verdict:
        """Classify ``text`` with the offline word lists (see the moderation module)."""
        return moderate(text)
