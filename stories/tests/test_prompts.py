"""Prompt building: every field of the brief reaches the model, in the right form."""

from __future__ import annotations

import pytest

from stories import prompts
from storygen.ai.types import CharacterBrief, StoryBrief

MIRA = CharacterBrief(
    name="Mira",
    description="a brave girl",
    age=9,
    gender="Female",
    physical_appearance="curly red hair",
    clothing_style="yellow raincoat",
    personality="curious",
    key_traits="brass lantern",
    background="keeper's daughter",
)


def _brief(**changes: object) -> StoryBrief:
    values: dict = {
        "title": "",
        "genre": "Fantasy",
        "outline": "Mira guides a whale calf home.",
        "num_pages": 5,
        "characters": (MIRA,),
        "tone": "gentle",
        "setting": "a lighthouse",
        "writing_style": "rhyming",
        "image_style": "Watercolor",
        "text_density": "Standard (~60-90 words)",
        "text_position": "top-left",
    }
    values.update(changes)
    return StoryBrief(**values)


def test_story_prompt_carries_every_field_of_the_brief() -> None:
    text = prompts.story_prompt(_brief())
    for expected in (
        "Fantasy",
        "exactly 5 content pages",
        "Mira guides a whale calf home.",
        "Tone: gentle",
        "Setting: a lighthouse",
        "Writing style: rhyming",
        "between 60 and 90 words",
        "Watercolor",
        "top left",
        "invent a short, memorable one",
    ):
        assert expected in text, expected
    # Every detail of a character reaches the text model (description, personality and
    # background included).
    for detail in ("a brave girl", "curly red hair", "curious", "keeper's daughter", "age 9"):
        assert detail in text
    assert "\\n" not in text
    assert "None" not in prompts.story_prompt(_brief(tone="", setting="", writing_style=""))


def test_a_given_title_must_be_used() -> None:
    assert 'Use exactly this title: "Moon Boat"' in prompts.story_prompt(_brief(title="Moon Boat"))


def test_two_pages_per_picture_is_explained() -> None:
    text = prompts.story_prompt(_brief(word_to_picture_ratio="One image per two pages"))
    assert "odd-numbered pages have image_description null" in text


def test_schema_fixes_the_page_count_and_the_names() -> None:
    schema = prompts.story_schema(_brief(num_pages=7))
    pages = schema["properties"]["pages"]
    assert pages["minItems"] == pages["maxItems"] == 8
    names = pages["items"]["properties"]["characters_in_scene"]["items"]
    assert names["enum"] == ["Mira"]
    assert (
        "enum"
        not in prompts.story_schema(_brief(characters=()))["properties"]["pages"]["items"][
            "properties"
        ]["characters_in_scene"]["items"]
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("top", "top-center"),
        ("bottom", "bottom-center"),
        ("left", "middle-left"),
        ("right", "middle-right"),
        ("center", "middle-center"),
        ("Top-Left", "top-left"),
        ("middle-centre", "middle-center"),
        ("bottom-right", "bottom-right"),
        ("upstairs", None),
        (None, None),
    ],
)
def test_text_positions_normalise_to_the_nine_grid(value: str | None, expected: str | None) -> None:
    assert prompts.normalize_text_position(value) == expected


def test_text_position_guidance_names_the_area() -> None:
    assert "top left area" in prompts.text_position_guidance("top-left")
    assert "bottom area" in prompts.text_position_guidance("bottom-center")
    assert "centre of the picture" in prompts.text_position_guidance("middle-center")


@pytest.mark.parametrize(
    ("density", "words"),
    [
        ("Concise (~30-50 words)", (30, 50)),
        ("Standard (~60-90 words)", (60, 90)),
        ("Detailed (~100-150 words)", (100, 150)),
        ("Anything", (30, 50)),
    ],
)
def test_density_words(density: str, words: tuple[int, int]) -> None:
    assert prompts.density_words(density) == words


def test_page_prompt_keeps_the_cast_look_and_the_text_area_calm() -> None:
    text = prompts.page_image_prompt(
        description="Mira on the rocks at dawn",
        image_style="Watercolor",
        text_position="bottom-right",
        characters=(MIRA,),
        with_references=True,
    )
    assert text.startswith("A Watercolor picture-book illustration. Mira on the rocks at dawn.")
    assert "curly red hair" in text
    assert "reference sheets" in text
    assert "bottom right area" in text


def test_long_prompts_are_cut_at_a_word() -> None:
    text = prompts.page_image_prompt(
        description="word " * 2000,
        image_style="Default",
        text_position="bottom-center",
        characters=(),
        with_references=False,
    )
    assert len(text) <= prompts.MAX_IMAGE_PROMPT
    assert text.endswith("...")


def test_sheet_prompt_asks_for_three_views() -> None:
    text = prompts.sheet_prompt(MIRA, image_style="Cartoon")
    assert "front view, side view and back view" in text
    assert "curly red hair" in text
