"""The words that ask for a character's reference sheet."""

from __future__ import annotations

from characters import prompts
from storygen.ai.types import CharacterBrief
from storygen.prompting import MAX_IMAGE_PROMPT

MIRA = CharacterBrief(
    name="Mira", description="a girl with curly red hair", clothing_style="a yellow raincoat"
)


def test_sheet_prompt_asks_for_three_views() -> None:
    text = prompts.sheet_prompt(MIRA, image_style="Cartoon")
    assert "front view, side view and back view" in text
    assert "curly red hair" in text
    assert "wearing a yellow raincoat" in text


def test_a_sheet_from_a_photo_keeps_the_face_and_asks_for_three_views() -> None:
    text = prompts.sheet_from_photo_prompt(MIRA, image_style="Watercolor")
    assert "based on the person or animal in the reference photo" in text
    assert "front view, side view and back view" in text


def test_a_very_long_description_is_cut_at_a_word_boundary() -> None:
    long = CharacterBrief(name="Mira", description="freckled " * 1000)
    text = prompts.sheet_prompt(long, image_style="Cartoon")
    assert len(text) <= MAX_IMAGE_PROMPT
    assert text.endswith("...")
