"""Prompt building: every field of the brief reaches the model, in the right form."""

from __future__ import annotations

import pytest

from stories import prompts
from storygen.ai.types import CharacterBrief, StoryBrief
from storygen.prompting import MAX_IMAGE_PROMPT

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


@pytest.mark.parametrize("position", ["top-left", "middle-center", "bottom-right"])
def test_long_prompts_are_cut_in_the_description_and_keep_the_text_area_calm(
    position: str,
) -> None:
    text = prompts.page_image_prompt(
        description="word " * 2000,
        image_style="Default",
        text_position=position,
        characters=(),
        with_references=False,
    )
    assert len(text) <= MAX_IMAGE_PROMPT
    assert "word word..." in text
    assert text.endswith(
        f"{prompts.text_position_guidance(position)} "
        "No written words, letters or captions in the picture."
    )


def test_a_huge_cast_is_shortened_but_the_description_and_guidance_stay() -> None:
    crowd = tuple(
        CharacterBrief(name=f"Kid {n}", physical_appearance="tall " * 300) for n in range(6)
    )
    text = prompts.page_image_prompt(
        description="Everyone dances on the pier at sunset",
        image_style="Default",
        text_position="top-right",
        characters=crowd,
        with_references=True,
    )
    assert len(text) <= MAX_IMAGE_PROMPT
    assert "Everyone dances on the pier at sunset." in text
    assert "top right area" in text


def test_the_rewrite_prompt_shows_the_story_and_marks_the_page() -> None:
    pip = CharacterBrief(name="Pip", description="a grey seagull")
    brief = _brief(title="Sea Friends", characters=(MIRA, pip))
    pages = ("Sea Friends", "Mira woke early.", "Pip found a shell.", "They went home.")
    text = prompts.page_rewrite_prompt(
        brief=brief,
        page_number=2,
        pages=pages,
        characters_in_scene=("Mira",),
        user_instructions="  More about the shell.  ",
    )
    assert 'Rewrite page 2 of the Fantasy picture book "Sea Friends".' in text
    assert "[Page 2 <- THE PAGE TO REWRITE]\nPip found a shell." in text
    assert "[Page 1]\nMira woke early." in text
    assert "[Cover (the title)]\nSea Friends" in text
    assert "Between 60 and 90 words" in text
    assert "- Mira: age 9" in text
    assert "- Pip" not in text  # only who is in the picture is described
    assert "Tone: gentle." in text
    assert "Writing style: rhyming." in text
    assert text.rstrip().endswith("One JSON object: text (the new text of this page).")
    assert "More about the shell." in text


def test_the_rewrite_prompt_without_cast_or_wishes() -> None:
    text = prompts.page_rewrite_prompt(
        brief=_brief(), page_number=1, pages=("T", "Once."), characters_in_scene=()
    )
    assert "Nobody from the cast is in this page's picture" in text
    assert "AUTHOR'S WISHES" not in text


def test_the_rewrite_schema_asks_for_the_text_only() -> None:
    assert prompts.page_rewrite_schema() == {
        "type": "object",
        "additionalProperties": False,
        "required": ["text"],
        "properties": {"text": {"type": "string"}},
    }
