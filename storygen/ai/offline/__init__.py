"""The offline AI provider: stories, pictures and moderation with no network at all."""

from __future__ import annotations

from collections.abc import Sequence

from storygen.ai.base import AIProvider
from storygen.ai.errors import AIProviderRejected
from storygen.ai.offline.moderation import moderate
from storygen.ai.offline.painter import paint, paint_portrait, scene_from_prompt
from storygen.ai.offline.painter.photo_colours import photo_colours
from storygen.ai.offline.painter.understood import things_left_out
from storygen.ai.offline.writer import rewrite_page, write_story
from storygen.ai.offline.writer.wish_notes import wish_notes
from storygen.ai.sizes import parse_size
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

PHOTO_COLOURS_NOTE = (
    "Drawn without a model: the offline storyteller cannot look at a photo, so it took the "
    "photo's colours for hair and clothes and drew the rest from the description."
)
PHOTO_UNREADABLE_NOTE = (
    "Drawn from the description alone: the photo could not be read, so none of it was used."
)
# A portrait is never wider than its sheet, nor larger than the character page shows it.
PORTRAIT_MAX_SIDE = 512


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
        wishes only vary the wording, and the notes say which those were. A page number
        outside the story is rejected.
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
        return PageText(text=text, usage=Usage(), notes=wish_notes(request.user_instructions))

    def draw(
        self,
        prompt: str,
        *,
        size: str,
        references: Sequence[bytes] = (),
        scene: Scene | None = None,
    ) -> Picture:
        """Paint a PNG of ``scene`` (or of a scene read from ``prompt``) at ``size``.

        Characters are drawn from their descriptions, which already keeps them the same on
        every page, so a page's ``references`` are not read. A sheet's reference is a photo:
        its colours fill the hair, clothes and skin the description leaves unsaid, and a
        note says so. A sheet comes with a head-and-shoulders portrait. When the person
        described a page's picture themselves (``scene.wish``), the notes name the things
        they asked for that it leaves out. A malformed ``size`` is rejected.
        """
        if scene is None:
            if not isinstance(prompt, str):
                raise AIProviderRejected("the prompt must be text")
            scene = scene_from_prompt(prompt)
        if scene.kind != "sheet":
            data = paint(scene, size)
            return Picture(data=data, mime="image/png", usage=Usage(), notes=_drawing_notes(scene))
        photo = photo_colours(references[0]) if references else None
        notes: tuple[str, ...] = ()
        if references:
            notes = (PHOTO_COLOURS_NOTE if photo is not None else PHOTO_UNREADABLE_NOTE,)
        data = paint(scene, size, photo=photo)
        side = min(PORTRAIT_MAX_SIDE, parse_size(size)[0])
        return Picture(
            data=data,
            mime="image/png",
            usage=Usage(),
            notes=notes,
            portrait=paint_portrait(scene, side, photo=photo),
        )

    def moderate(self, text: str) -> Verdict:
        """Classify ``text`` with the offline word lists (see the moderation module)."""
        return moderate(text)


def _drawing_notes(scene: Scene) -> tuple[str, ...]:
    """What of the person's own words (``scene.wish``) the picture leaves out, plainly."""
    if not scene.wish:
        return ()
    left_out = things_left_out(scene, scene.wish)
    sayings = []
    if left_out.unknown:
        them = "it is" if len(left_out.unknown) == 1 else "they are"
        sayings.append(
            f"the painter has no picture for {_quoted(left_out.unknown)}, so {them} not in it"
        )
    if left_out.uncast:
        are = "is" if len(left_out.uncast) == 1 else "are"
        sayings.append(
            f"only the page's characters are drawn, so {_quoted(left_out.uncast)} {are} not in it"
        )
    return (f"Drawn offline: {'; '.join(sayings)}.",) if sayings else ()


def _quoted(words: tuple[str, ...]) -> str:
    quoted = [f"\u201c{word}\u201d" for word in words]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
