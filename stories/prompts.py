"""The words Storygen sends to a language or image model, built from a typed brief."""

from __future__ import annotations

from typing import Any

from storygen.ai.types import CharacterBrief, StoryBrief

#: Image prompts longer than this are cut at a word boundary (the image APIs' own limit is
#: far higher for some models, but long prompts only dilute what matters).
MAX_IMAGE_PROMPT = 4000

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


def visual_summary(character: CharacterBrief) -> str:
    """The parts of a character that show in a picture, for image prompts."""
    parts = [
        value
        for value in (
            character.physical_appearance,
            character.description,
            f"wearing {character.clothing_style}" if character.clothing_style else "",
            character.key_traits,
        )
        if value
    ]
    if character.age is not None:
        parts.append(f"{character.age} years old")
    if character.gender:
        parts.append(character.gender)
    return ", ".join(parts)


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


def _truncate(prompt: str, limit: int = MAX_IMAGE_PROMPT) -> str:
    if len(prompt) <= limit:
        return prompt
    cut = prompt[: limit - 3]
    space = cut.rfind(" ", limit - 40)
    return (cut[:space] if space > 0 else cut) + "..."


def page_image_prompt(
    *,
    description: str,
    image_style: str,
    text_position: str,
    characters: tuple[CharacterBrief, ...],
    with_references: bool,
) -> str:
    """The prompt for one page picture (the cover too)."""
    parts = [f"A {image_style} picture-book illustration. {description.strip().rstrip('.')}."]
    if characters:
        cast = "; ".join(f"{c.name}: {visual_summary(c) or 'as in the story'}" for c in characters)
        parts.append(f"Characters in this picture: {cast}.")
        if with_references:
            parts.append(
                "The attached images are these characters' reference sheets: draw them exactly "
                "as they look there (face, hair, colours, clothes)."
            )
    parts.append(text_position_guidance(text_position))
    parts.append("No written words, letters or captions in the picture.")
    return _truncate(" ".join(parts))


def sheet_prompt(character: CharacterBrief, *, image_style: str) -> str:
    """The prompt for a character reference sheet."""
    look = visual_summary(character)
    return _truncate(
        f"A {image_style} character reference sheet for {character.name}"
        + (f": {look}." if look else ".")
        + " Show the same character three times side by side: front view, side view and back "
        "view, full body, centred, head and feet fully visible, on a plain light background. "
        "No written words, labels or watermark."
    )


def sheet_from_photo_prompt(character: CharacterBrief, *, image_style: str) -> str:
    """The prompt for a reference sheet drawn from the person or pet in a reference photo."""
    look = visual_summary(character)
    return _truncate(
        f"A {image_style} character reference sheet of {character.name}, based on the person "
        "or animal in the reference photo: keep their face, hair, colouring and build"
        + (f"; {look}." if look else ".")
        + " Show the same character three times side by side: front view, side view and back "
        "view, full body, centred, head and feet fully visible, on a plain light background. "
        "No written words, labels or watermark."
    )


def softened_prompt(prompt: str) -> str:
    """A gentler rewording of a prompt the safety system refused, tried once."""
    return _truncate(
        "A gentle, cheerful and completely child-friendly picture-book illustration, with "
        "nothing frightening, violent or unsafe in it. " + prompt
    )
