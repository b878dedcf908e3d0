"""Story reply validation: what is repaired, what is refused."""

from __future__ import annotations

import json

import pytest

from storygen.ai.drafts import DraftInvalid, needs_picture, parse_story_draft
from storygen.ai.types import CharacterBrief, StoryBrief

BRIEF = StoryBrief(
    title="",
    genre="Fantasy",
    outline="x",
    num_pages=2,
    characters=(CharacterBrief(name="Mira"), CharacterBrief(name="Pip")),
)


def _page(number: object, text: str = "Once upon a time.", **extra: object) -> dict:
    return {
        "page_number": number,
        "text": text,
        "image_description": f"Scene {number}",
        "characters_in_scene": ["Mira"],
        **extra,
    }


def test_a_valid_reply_becomes_a_draft() -> None:
    draft = parse_story_draft(
        {"title": "Moon Boat", "pages": [_page(0, "Moon Boat"), _page(1), _page(2)]}, BRIEF
    )
    assert draft.title == "Moon Boat"
    assert [p.number for p in draft.pages] == [0, 1, 2]
    assert draft.pages[1].characters_in_scene == ("Mira",)


def test_the_reference_products_capitalised_shape_is_accepted() -> None:
    reply = {
        "Title": "Moon Boat",
        "Pages": [
            {"Page_number": "Title", "Text": "Moon Boat", "Image_description": "cover"},
            {
                "Page_number": "1",
                "Text": "One.",
                "Image_description": "a",
                "Characters_in_scene": ["mira"],
            },
            {"Page_number": 2, "Text": "Two.", "Image_description": None},
        ],
    }
    draft = parse_story_draft(json.dumps(reply), BRIEF)
    assert [p.number for p in draft.pages] == [0, 1, 2]
    assert draft.pages[1].characters_in_scene == ("Mira",)  # names matched regardless of case
    assert draft.pages[2].image_description == "Two."  # an illustrated page without a prompt


def test_a_missing_cover_is_made_and_the_users_title_wins() -> None:
    brief = StoryBrief(**{**BRIEF.__dict__, "title": "Given Title"})
    draft = parse_story_draft({"title": "Other", "pages": [_page(1), _page(2)]}, brief)
    assert draft.title == "Given Title"
    assert draft.pages[0].number == 0
    assert draft.pages[0].text == "Given Title"
    assert draft.pages[0].image_description


def test_unknown_names_are_dropped() -> None:
    draft = parse_story_draft(
        {"title": "T", "pages": [_page(1, characters_in_scene=["Mira", "Zorg"]), _page(2)]}, BRIEF
    )
    assert draft.pages[1].characters_in_scene == ("Mira",)


def test_two_pages_per_picture_forces_odd_pages_text_only() -> None:
    brief = StoryBrief(**{**BRIEF.__dict__, "word_to_picture_ratio": "One image per two pages"})
    draft = parse_story_draft({"title": "T", "pages": [_page(0), _page(1), _page(2)]}, brief)
    assert [p.image_description is not None for p in draft.pages] == [True, False, True]
    assert [needs_picture(brief, n) for n in range(5)] == [True, False, True, False, True]


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("not json at all", "not JSON"),
        ("I'm sorry, but I can't help with that.", "refused"),
        ("[1, 2]", "not a JSON object"),
        ({"title": "T"}, "no pages"),
        ({"pages": [_page(1), _page(2)]}, "no title"),
        ({"title": "T", "pages": [_page(1)]}, "expected pages 1 to 2"),
        ({"title": "T", "pages": [_page(1), _page(3)]}, "expected pages 1 to 2"),
        ({"title": "T", "pages": [_page(1), _page(1)]}, "appears twice"),
        ({"title": "T", "pages": [_page(1, ""), _page(2)]}, "no text"),
        ({"title": "T", "pages": [_page(1, "x" * 3000), _page(2)]}, "too long"),
        (
            {"title": "T", "pages": [_page(1, "I'm sorry, I cannot write that."), _page(2)]},
            "refused",
        ),
        ({"title": "T", "pages": [_page("one"), _page(2)]}, "not a number"),
    ],
)
def test_unusable_replies_say_why(reply: object, reason: str) -> None:
    with pytest.raises(DraftInvalid, match=reason):
        parse_story_draft(reply, BRIEF)  # type: ignore[arg-type]
