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
        ({"title": "T", "pages": [_page(1)]}, "expected pages 1 to 2, got 1"),
        ({"title": "T", "pages": [_page(0), _page(1)]}, "expected pages 1 to 2, got 1"),
        ({"title": "T", "pages": [_page(n) for n in range(1, 5)]}, "expected pages 1 to 2"),
        # One page too many that is not the title: a story page is never dropped for it.
        (
            {"title": "T", "pages": [_page(1, "First."), _page(2, "Two."), _page(3, "Three.")]},
            "expected pages 1 to 2, got 3",
        ),
        ({"title": "T", "pages": [_page(1, ""), _page(2)]}, "no text"),
        ({"title": "T", "pages": [_page(1, "x" * 3000), _page(2)]}, "too long"),
        (
            {"title": "T", "pages": [_page(1, "I'm sorry, I cannot write that."), _page(2)]},
            "refused",
        ),
    ],
)
def test_unusable_replies_say_why(reply: object, reason: str) -> None:
    with pytest.raises(DraftInvalid, match=reason):
        parse_story_draft(reply, BRIEF)  # type: ignore[arg-type]


def _texts(draft: object) -> list[tuple[int, str]]:
    return [(page.number, page.text) for page in draft.pages]  # type: ignore[attr-defined]


def test_a_cover_numbered_one_and_pages_up_to_n_plus_one_are_taken_in_order() -> None:
    reply = {
        "title": "Moon Boat",
        "pages": [_page(1, "Moon Boat"), _page(2, "First."), _page(3, "Second.")],
    }
    draft = parse_story_draft(reply, BRIEF)
    assert _texts(draft) == [(0, "Moon Boat"), (1, "First."), (2, "Second.")]
    assert draft.pages[0].image_description == "Scene 1"  # the cover's own picture


def test_pages_with_repeated_or_odd_numbers_are_taken_in_order_when_the_count_is_right() -> None:
    for numbers in ([1, 1], [1, 3], ["one", 2], [5, 6]):
        reply = {"title": "T", "pages": [_page(numbers[0], "First."), _page(numbers[1], "Two.")]}
        assert _texts(parse_story_draft(reply, BRIEF))[1:] == [(1, "First."), (2, "Two.")]


def test_a_cover_marked_anywhere_is_the_cover_and_the_rest_follow_in_order() -> None:
    reply = {"title": "T", "pages": [_page(5, "First."), _page("Title", "T"), _page(7, "Two.")]}
    assert _texts(parse_story_draft(reply, BRIEF)) == [(0, "T"), (1, "First."), (2, "Two.")]


def test_pages_in_the_wrong_order_but_rightly_numbered_keep_their_numbers() -> None:
    reply = {"title": "T", "pages": [_page(2, "Two."), _page(0, "T"), _page(1, "First.")]}
    assert _texts(parse_story_draft(reply, BRIEF)) == [(0, "T"), (1, "First."), (2, "Two.")]


def test_one_page_too_many_that_carries_only_the_title_is_the_cover() -> None:
    reply = {
        "title": "Moon Boat",
        "pages": [_page(1, "Moon boat!"), _page(2, "A."), _page(3, "B.")],
    }
    assert _texts(parse_story_draft(reply, BRIEF)) == [(0, "Moon Boat"), (1, "A."), (2, "B.")]
