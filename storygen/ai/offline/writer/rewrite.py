"""Writing one page of a story again, worded unlike its current text, as the reader wishes.

Not how pages are written: the story is planned and composed as ``compose`` does it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storygen.ai.offline.writer.compose import Wish, compose
from storygen.ai.types import StoryBrief

_SHORTER = re.compile(r"\b(?:short|shorter|shorten|less|fewer|brief|briefer|simpler|trim)\b", re.I)
_LONGER = re.compile(r"\b(?:long|longer|lengthen|more|expand|detail|detailed|richer)\b", re.I)
_SUBJECT = re.compile(
    r"\b(?:about|mention|mentions|include|includes|with|featuring|add)\s+"
    r"((?:the|a|an|some|his|her|their)\s+)?([\w'-]+(?:\s+[\w'-]+)?)",
    re.IGNORECASE,
)
_NOT_SUBJECTS = {"it", "this", "that", "them", "more", "less", "words", "detail", "details"}


def read_wish(wish: str) -> tuple[str, str]:
    """The length ("shorter", "longer" or "") and subject ("the Moon") a wish asks for."""
    length = "shorter" if _SHORTER.search(wish) else "longer" if _LONGER.search(wish) else ""
    subject = ""
    match = _SUBJECT.search(wish)
    if match and match.group(2).split()[0].lower() not in _NOT_SUBJECTS:
        words = match.group(2).split()
        # "about the Moon and stars": stop the subject at a joining word.
        words = (
            words[:1] if len(words) > 1 and words[1].lower() in {"and", "or", "please"} else words
        )
        subject = f"{(match.group(1) or '').strip()} {' '.join(words)}".strip().rstrip(".,!")
    return length, subject


def wish_followed(wish: str) -> tuple[str, ...]:
    """The parts of ``wish`` that :func:`rewrite_page` follows, as the reader wrote them:
    its length word ("shorter") and its subject ("about the Moon")."""
    length, subject = read_wish(wish)
    parts = []
    if length:
        # "shorter" as written; "more" or "trim" as what was done with it.
        match = (_SHORTER if length == "shorter" else _LONGER).search(wish)
        word = match.group(0) if match else ""
        parts.append(word if word.lower().startswith(length[:4]) else length)
    if subject:
        match = _SUBJECT.search(wish)
        parts.append(f"{match.group(0).split()[0]} {subject}" if match else subject)
    return tuple(parts)


def rewrite_page(
    brief: StoryBrief,
    *,
    number: int,
    text: str,
    characters_in_scene: Sequence[str],
    variant: int = 0,
    wish: str = "",
) -> str:
    """Page ``number`` of the story for ``brief``, written again and worded unlike ``text``.

    The story is planned as :func:`write_story` plans it for this brief (the same events on
    the same pages, the lines earlier pages use), so the page keeps its place in the plot;
    for that page, a generator seeded by ``variant`` chooses the extra lines, the
    sentences of ``text`` count as already used, and the cast is the one in the picture.
    ``wish`` is the reader's request: "shorter" aims at the low end of the density range,
    "longer" at its top, and "about the Moon" brings the Moon into the page. The density
    range always holds. Deterministic for the same arguments.
    """
    pages = max(1, brief.num_pages)
    if not 1 <= number <= pages:
        raise ValueError(f"page {number} is not a content page of this story")
    cast = tuple(dict.fromkeys(name for name in characters_in_scene if name.strip()))
    length, subject = read_wish(wish)
    written = text
    for attempt in range(4):
        payload = compose(
            brief, Wish(number, text, cast, variant + attempt, length=length, subject=subject)
        )
        written = payload["pages"][-1]["text"]
        if written.split() != text.split():
            break
    return str(written)
