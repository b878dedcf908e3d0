"""The words that ask an image model for a character: its look, and its reference sheet."""

from __future__ import annotations

from storygen.ai.types import CharacterBrief
from storygen.prompting import truncate_prompt


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


def sheet_prompt(character: CharacterBrief, *, image_style: str) -> str:
    """The prompt for a character reference sheet."""
    look = visual_summary(character)
    return truncate_prompt(
        f"A {image_style} character reference sheet for {character.name}"
        + (f": {look}." if look else ".")
        + " Show the same character three times side by side: front view, side view and back "
        "view, full body, centred, head and feet fully visible, on a plain light background. "
        "No written words, labels or watermark."
    )


def sheet_from_photo_prompt(character: CharacterBrief, *, image_style: str) -> str:
    """The prompt for a reference sheet drawn from the person or pet in a reference photo."""
    look = visual_summary(character)
    return truncate_prompt(
        f"A {image_style} character reference sheet of {character.name}, based on the person "
        "or animal in the reference photo: keep their face, hair, colouring and build"
        + (f"; {look}." if look else ".")
        + " Show the same character three times side by side: front view, side view and back "
        "view, full body, centred, head and feet fully visible, on a plain light background. "
        "No written words, labels or watermark."
    )
