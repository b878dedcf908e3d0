"""Turns a model's story or page reply into validated text, or says exactly why it can't."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from storygen.ai.types import DraftPage, PageText, StoryBrief, StoryDraft, Usage

#: Longest page text accepted, in characters. "Detailed" asks for ~150 words (~1 000
#: characters); anything far beyond that is a model that ignored the brief.
MAX_PAGE_TEXT = 2500
MAX_TITLE = 200
MAX_IMAGE_DESCRIPTION = 3000

TWO_PAGES_PER_IMAGE = "One image per two pages"

_REFUSAL = re.compile(r"^\s*(i'?m sorry|i am sorry|i can(no|')t|as an ai)\b", re.IGNORECASE)


class DraftInvalid(ValueError):
    """The reply is not a usable story; the message says why (safe to log)."""


def _first(mapping: Mapping[str, Any], *keys: str) -> Any:
    for key in keys:
        if key in mapping:
            return mapping[key]
    return None


def _page_number(raw: Any) -> int | None:
    """The page number a model gave, 0 for the cover; None when it gave none that reads as one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str):
        value = raw.strip()
        if value.lower() in {"title", "cover"}:
            return 0
        if value.isdigit():
            return int(value)
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _looks_like_a_cover(text: str, title: str) -> bool:
    """A page that only carries the title (or nothing) is the cover, whatever its number."""
    words = _words(text)
    return not words or words == _words(title)


def _numbered(
    declared: list[int | None], texts: list[str], num_pages: int, title: str
) -> list[int]:
    """Each reply page's number in the story (0: the cover).

    The model's own numbers when they are exactly the pages asked for, with or without the
    cover. Models sometimes number off by one (the cover as page 1 and the pages up to N+1)
    or repeat a number; when the count is right the pages are taken in the order given, so
    only a wrong count is an error. One page too many is taken as the cover only when it is
    marked as the cover or reads like one (the title alone): never is a page of the story
    dropped for the title.
    """
    content = list(range(1, num_pages + 1))
    numbers = [n for n in declared if n is not None]
    if len(numbers) == len(declared) and sorted(numbers) in (content, [0, *content]):
        return numbers
    if len(declared) == num_pages + 1:
        if declared.count(0) == 1:
            cover: int | None = declared.index(0)
        else:
            cover = 0 if _looks_like_a_cover(texts[0], title) else None
        if cover is not None:
            rest = iter(content)
            return [0 if index == cover else next(rest) for index in range(len(declared))]
    if len(declared) == num_pages and 0 not in declared:
        return content
    given = len(declared) - (0 in declared)
    raise DraftInvalid(f"expected pages 1 to {num_pages}, got {given} numbered pages")


def needs_picture(brief: StoryBrief, number: int) -> bool:
    """Whether page ``number`` of a story with this brief is illustrated (the cover always is)."""
    if number == 0:
        return True
    if brief.word_to_picture_ratio == TWO_PAGES_PER_IMAGE:
        return number % 2 == 0
    return True


def parse_story_draft(
    payload: str | Mapping[str, Any], brief: StoryBrief, *, usage: Usage | None = None
) -> StoryDraft:
    """Validate a story reply against ``brief``.

    Accepts this project's schema (``title``/``pages``/``page_number``…) and the capitalised
    keys of the product Storygen replaces (``Title``/``Pages``/``Page_number: "Title"``).
    Repairs what has one obvious repair (a missing cover, names in the wrong case, a picture
    description on a page that must stay text-only); raises :class:`DraftInvalid` otherwise.
    """
    if isinstance(payload, str):
        if _REFUSAL.match(payload):
            raise DraftInvalid("the model refused to write the story")
        try:
            data = json.loads(payload)
        except ValueError as exc:
            raise DraftInvalid("the reply is not JSON") from exc
    else:
        data = payload
    if not isinstance(data, Mapping):
        raise DraftInvalid("the reply is not a JSON object")

    raw_pages = _first(data, "pages", "Pages")
    if not isinstance(raw_pages, list) or not raw_pages:
        raise DraftInvalid("the reply has no pages")

    title = brief.title.strip()
    if not title:
        raw_title = _first(data, "title", "Title")
        if not isinstance(raw_title, str) or not raw_title.strip():
            raise DraftInvalid("the reply has no title")
        title = " ".join(raw_title.split())[:MAX_TITLE].strip()

    known = {c.name.casefold(): c.name for c in brief.characters}
    declared: list[int | None] = []
    replies: list[DraftPage] = []
    for index, raw in enumerate(raw_pages):
        if not isinstance(raw, Mapping):
            raise DraftInvalid(f"page {index} is not an object")
        declared.append(_page_number(_first(raw, "page_number", "Page_number", "number")))
        text = _first(raw, "text", "Text")
        text = text.strip() if isinstance(text, str) else ""
        if len(text) > MAX_PAGE_TEXT:
            raise DraftInvalid(f"page {index + 1} of the reply: text is too long")
        description = _first(raw, "image_description", "Image_description")
        if not isinstance(description, str) or not description.strip():
            description = None
        else:
            description = description.strip()[:MAX_IMAGE_DESCRIPTION]
        names = _first(raw, "characters_in_scene", "Characters_in_scene") or []
        if not isinstance(names, list):
            names = []
        in_scene: list[str] = []
        for name in names:
            canonical = known.get(str(name).strip().casefold())
            if canonical and canonical not in in_scene:
                in_scene.append(canonical)
        replies.append(DraftPage(-1, text, description, tuple(in_scene)))

    pages: dict[int, DraftPage] = {}
    numbers = _numbered(declared, [reply.text for reply in replies], brief.num_pages, title)
    for number, reply in zip(numbers, replies, strict=True):
        if number:
            if not reply.text:
                raise DraftInvalid(f"page {number} has no text")
            if _REFUSAL.match(reply.text):
                raise DraftInvalid("the model refused to write the story")
        pages[number] = DraftPage(
            number, reply.text, reply.image_description, reply.characters_in_scene
        )
    if 0 not in pages:
        pages[0] = DraftPage(0, title, None, tuple(c.name for c in brief.characters))

    final: list[DraftPage] = []
    for number in sorted(pages):
        page = pages[number]
        text = title if number == 0 else page.text
        description = page.image_description
        if not needs_picture(brief, number):
            description = None
        elif description is None:
            # A page that must be illustrated but came without a description is drawn
            # from its own text rather than failing the whole story.
            description = f"Cover illustration for the story {title}" if number == 0 else text
        final.append(DraftPage(number, text, description, page.characters_in_scene))
    return StoryDraft(title=title, pages=tuple(final), usage=usage or Usage())


def parse_page_text(payload: str | Mapping[str, Any], *, usage: Usage | None = None) -> PageText:
    """Validate a reply to a page rewrite: ``{"text": "..."}`` with usable story text.

    Raises :class:`DraftInvalid` for anything else (not JSON, no text, a refusal, too long).
    """
    if isinstance(payload, str):
        if _REFUSAL.match(payload):
            raise DraftInvalid("the model refused to write the page")
        try:
            data = json.loads(payload)
        except ValueError as exc:
            raise DraftInvalid("the reply is not JSON") from exc
    else:
        data = payload
    if not isinstance(data, Mapping):
        raise DraftInvalid("the reply is not a JSON object")
    text = _first(data, "text", "Text")
    if not isinstance(text, str) or not text.strip():
        raise DraftInvalid("the reply has no page text")
    text = text.strip()
    if _REFUSAL.match(text):
        raise DraftInvalid("the model refused to write the page")
    if len(text) > MAX_PAGE_TEXT:
        raise DraftInvalid("the page text is too long")
    return PageText(text=text, usage=usage or Usage())
