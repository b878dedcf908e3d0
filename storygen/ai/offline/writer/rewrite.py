"""Writing one page of a story again, worded unlike its current text.

Not how pages are written: the story is planned and composed as ``compose`` does it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storygen.ai.offline.writer.compose import compose
from storygen.ai.offline.writer.planning import norm
from storygen.ai.types import StoryBrief


@dataclass(frozen=True)
class Rewrite:
    """One page to write again: its number, the text to differ from, who is in the scene."""

    number: int
    avoid: str
    cast: tuple[str, ...]
    variant: int


def rewrite_page(
    brief: StoryBrief,
    *,
    number: int,
    text: str,
    characters_in_scene: Sequence[str],
    variant: int = 0,
) -> str:
    """Page ``number`` of the story for ``brief``, written again and worded unlike ``text``.

    The story is planned as :func:`write_story` plans it for this brief (plot, beats, who
    is introduced where, the lines earlier pages use), so the page keeps its place in the
    plot; for that page, a generator seeded by ``variant`` chooses the lines, the lines of
    ``text`` count as already used, and the cast is the one in the picture. The density
    range of the brief holds as for any page. Deterministic for the same arguments.
    """
    pages = max(1, brief.num_pages)
    if not 1 <= number <= pages:
        raise ValueError(f"page {number} is not a content page of this story")
    cast = tuple(dict.fromkeys(name for name in characters_in_scene if name.strip()))
    written = text
    for attempt in range(4):
        payload = compose(brief, Rewrite(number, text, cast, variant + attempt))
        written = payload["pages"][-1]["text"]
        if norm(written) != norm(text):
            break
    return str(written)
