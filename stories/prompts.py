"""The words Storygen sends to a language or image model, built from a typed brief."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from characters.prompts import visual_summary
from storygen.ai.types import CharacterBrief, StoryBrief
from storygen.prompting import MAX_IMAGE_PROMPT, truncate_prompt

#: Room a page picture's description always keeps, however long the cast's descriptions.
MIN_IMAGE_DESCRIPTION = 600

DENSITY_WORDS = {
    "Concise": (30, 50),
    "Standard": (60, 90),
    "Detailed": (100, 150),
}

_LEGACY_POSITIONS = {
    "top": "top-center",
    "bottom": "bottom-center",
    "left": "middle-left",
    "right": "middle-right",
    "center": "middle-center",
    "centre": "middle-center",
}
VERTICAL = ("top", "middle", "bottom")
HORIZONTAL = ("left", "center", "right")
TEXT_POSITIONS = tuple(f"{v}-{h}" for v in VERTICAL for h in HORIZONTAL)


def normalize_text_position(value: str | None) -> str | None:
    """Map a 9-grid value or a legacy one (``top``, ``left``…) to the 9-grid; None if unknown."""
    if value is None:
        return None
    key = value.strip().lower().replace("centre", "center").replace(" ", "-")
    key = _LEGACY_POSITIONS.get(key, key)
    return key if key in TEXT_POSITIONS else None


def density_words(text_density: str) -> tuple[int, int]:
    """Words per page for a text density value; unknown values get the concise range."""
    for prefix, words in DENSITY_WORDS.items():
        if text_density.startswith(prefix):
            return words
    return DENSITY_WORDS["Concise"]


def text_position_guidance(position: str) -> str:
    """How to keep the text area calm in a picture, for a 9-grid position."""
    normalized = normalize_text_position(position) or "bottom-center"
    vertical, horizontal = normalized.split("-")
    if normalized == "middle-center":
        return (
            "Keep the centre of the picture calm and uncluttered: the story text is printed "
            "over it."
        )
    area = vertical if horizontal == "center" else f"{vertical} {horizontal}"
    return (
        f"Keep the {area} area of the picture calm, simple and free of important detail: "
        "the story text is printed over it."
    )


def describe_character(character: CharacterBrief) -> str:
    """One line with everything known about a character's look and nature."""
    parts: list[str] = []
    if character.age is not None:
        parts.append(f"age {character.age}")
    if character.gender:
        parts.append(character.gender)
    for label, value in (
        ("looks", character.physical_appearance),
        ("description", character.description),
        ("wears", character.clothing_style),
        ("traits", character.key_traits),
        ("personality", character.personality),
        ("background", character.background),
    ):
        if value:
            parts.append(f"{label}: {value}")
    return "; ".join(parts) if parts else "no details given; invent a look and keep it"


def story_instructions() -> str:
    return (
        "You write picture books for children and families. You answer with one JSON object "
        "that follows the given schema exactly, and nothing else. Every constraint in the "
        "request matters, especially the number of pages and the number of words per page. "
        "The story must be kind, safe and suitable for children."
    )


def story_prompt(brief: StoryBrief) -> str:
    """The request for the story text. Every field of the brief reaches the model."""
    low, high = density_words(brief.text_density)
    lines: list[str] = [
        f"Write a {brief.genre} picture-book story with exactly {brief.num_pages} content "
        f"page{'s' if brief.num_pages != 1 else ''}, plus a cover.",
        "",
        "TITLE",
    ]
    if brief.title.strip():
        lines.append(f'Use exactly this title: "{brief.title.strip()}".')
    else:
        lines.append("No title was given: invent a short, memorable one.")
    lines += ["", "OUTLINE (follow it from beginning to end)", brief.outline.strip(), ""]
    if brief.tone:
        lines.append(f"Tone: {brief.tone}.")
    if brief.setting:
        lines.append(f"Setting: {brief.setting}.")
    if brief.writing_style:
        lines.append(f"Writing style: {brief.writing_style}.")
    lines += [
        "",
        "TEXT PER PAGE",
        f"Every content page has between {low} and {high} words of story text. Count them.",
        "",
        "CHARACTERS",
    ]
    if brief.characters:
        lines.append(
            "Use these characters by name. Keep each one's look exactly as described on every "
            "page; it is what the illustrator will draw."
        )
        for character in brief.characters:
            lines.append(f"- {character.name}: {describe_character(character)}.")
    else:
        lines.append("No characters were given: invent a small cast that fits the outline.")
    lines += ["", "PICTURES"]
    if brief.word_to_picture_ratio == "One image per two pages":
        lines.append(
            "Only even-numbered content pages are illustrated: odd-numbered pages have "
            "image_description null."
        )
    else:
        lines.append("Every content page is illustrated.")
    lines += [
        "The cover (page 0) is always illustrated: its text is the title and its "
        "image_description is an inviting cover scene with the main characters.",
        "An image_description says what the picture shows: the place, who is there and what "
        "they do, the light and the mood, with two or three of each present character's "
        "visual features so they stay recognisable. Never ask for written words in a picture.",
        f"Every picture is in this style: {brief.image_style}.",
        text_position_guidance(brief.text_position),
        "",
        "OUTPUT",
        "One JSON object: title, and pages (the cover first as page_number 0, then 1, 2, 3…). "
        "Each page has page_number, text, image_description (string, or null where a page is "
        "not illustrated) and characters_in_scene (the exact names of the characters in that "
        "picture, [] for none).",
    ]
    return "\n".join(lines)


def story_schema(brief: StoryBrief) -> dict[str, Any]:
    """JSON schema for the reply; the page count and the allowed names are part of it.

    Only keywords that OpenAI's strict structured outputs accept are used; lengths are
    checked by :func:`storygen.ai.drafts.parse_story_draft` instead.
    """
    names: dict[str, Any] = {"type": "string"}
    if brief.characters:
        names["enum"] = [c.name for c in brief.characters]
    count = brief.num_pages + 1
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["title", "pages"],
        "properties": {
            "title": {"type": "string"},
            "pages": {
                "type": "array",
                "minItems": count,
                "maxItems": count,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [
                        "page_number",
                        "text",
                        "image_description",
                        "characters_in_scene",
                    ],
                    "properties": {
                        "page_number": {"type": "integer"},
                        "text": {"type": "string"},
                        "image_description": {"type": ["string", "null"]},
                        "characters_in_scene": {"type": "array", "items": names},
                    },
                },
            },
        },
    }


def page_image_prompt(
    *,
    description: str,
    image_style: str,
    text_position: str,
    characters: tuple[CharacterBrief, ...],
    with_references: bool,
) -> str:
    """The prompt for one page picture (the cover too).

    A long prompt is shortened in its description (then in its cast), never at its end:
    the request to keep the text area calm and free of lettering always reaches the model.
    """
    opening = f"A {image_style} picture-book illustration."
    scene = f"{description.strip().rstrip('.')}."
    middle: list[str] = []
    if characters:
        cast = "; ".join(f"{c.name}: {visual_summary(c) or 'as in the story'}" for c in characters)
        middle.append(f"Characters in this picture: {cast}.")
        if with_references:
            middle.append(
                "The attached images are these characters' reference sheets: draw them exactly "
                "as they look there (face, hair, colours, clothes)."
            )
    closing = " ".join(
        [
            text_position_guidance(text_position),
            "No written words, letters or captions in the picture.",
        ]
    )
    cast_text = " ".join(middle)
    room = MAX_IMAGE_PROMPT - len(opening) - len(cast_text) - len(closing) - 3
    if room < MIN_IMAGE_DESCRIPTION:
        cast_room = MAX_IMAGE_PROMPT - len(opening) - MIN_IMAGE_DESCRIPTION - len(closing) - 3
        cast_text = truncate_prompt(cast_text, cast_room)
        room = MIN_IMAGE_DESCRIPTION
    parts = [opening, truncate_prompt(scene, room), cast_text, closing]
    return " ".join(part for part in parts if part)


def softened_prompt(prompt: str) -> str:
    """A gentler rewording of a prompt the safety system refused, tried once."""
    return truncate_prompt(
        "A gentle, cheerful and completely child-friendly picture-book illustration, with "
        "nothing frightening, violent or unsafe in it. " + prompt
    )


# --- rewriting one page ---------------------------------------------------------------------


def page_rewrite_instructions() -> str:
    return (
        "You edit picture books for children and families. You rewrite one page of a finished "
        "story so that it reads afresh and still fits the pages around it. You answer with one "
        "JSON object that follows the given schema exactly, and nothing else. The text must be "
        "kind, safe and suitable for children."
    )


def page_rewrite_prompt(
    *,
    brief: StoryBrief,
    page_number: int,
    pages: Sequence[str],
    characters_in_scene: Sequence[str],
    user_instructions: str = "",
) -> str:
    """The request to write page ``page_number`` again; ``pages`` are every page's text."""
    low, high = density_words(brief.text_density)
    lines = [
        f'Rewrite page {page_number} of the {brief.genre} picture book "{brief.title}".',
        "",
        "THE STORY AS IT STANDS (the cover first, then every page)",
    ]
    for number, text in enumerate(pages):
        label = "Cover (the title)" if number == 0 else f"Page {number}"
        if number == page_number:
            label += " <- THE PAGE TO REWRITE"
        lines += [f"[{label}]", text.strip(), ""]
    if brief.tone:
        lines.append(f"Tone: {brief.tone}.")
    if brief.setting:
        lines.append(f"Setting: {brief.setting}.")
    if brief.writing_style:
        lines.append(f"Writing style: {brief.writing_style}.")
    lines += ["", "CHARACTERS IN THIS PAGE'S PICTURE"]
    known = {c.name: c for c in brief.characters}
    in_scene = [known[name] for name in characters_in_scene if name in known]
    if in_scene:
        lines.append(
            "Name each of them in the text, and keep them as described. Do not bring in "
            "characters who are not in the picture."
        )
        for character in in_scene:
            lines.append(f"- {character.name}: {describe_character(character)}.")
    else:
        lines.append("Nobody from the cast is in this page's picture: keep it that way.")
    lines += [
        "",
        "WHAT TO WRITE",
        f"Between {low} and {high} words of story text. Count them.",
        "Keep what happens on this page, so the pages before and after still follow from it, "
        "but tell it in new sentences rather than the old ones lightly changed.",
        "Plain story text only: no page number, no heading, no quotation of these instructions.",
    ]
    wishes = user_instructions.strip()
    if wishes:
        lines += [
            "",
            "THE AUTHOR'S WISHES FOR THIS PAGE (follow them as long as the page stays safe for "
            "children and fits the story)",
            wishes,
        ]
    lines += ["", "OUTPUT", "One JSON object: text (the new text of this page)."]
    return "\n".join(lines)


def page_rewrite_schema() -> dict[str, Any]:
    """JSON schema for the reply to a page rewrite: the new text only."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["text"],
        "properties": {"text": {"type": "string"}},
    }
