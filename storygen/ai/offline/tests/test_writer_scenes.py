"""Each page of an offline story happens in its own place and time, and its picture and its
talk say so: the garden page is in the garden, a bedtime story is at night in the bedroom,
no two pictures are described alike, and no stock line names somewhere else.
"""

from __future__ import annotations

import functools
import re

import pytest

from storygen.ai.offline.tests.judge import load_briefs, stock_places_fit, story_brief
from storygen.ai.offline.writer import write_story
from storygen.ai.types import CharacterBrief, StoryBrief, StoryDraft

BRIEFS = load_briefs()


@functools.cache
def _story(index: int) -> StoryDraft:
    return write_story(story_brief(BRIEFS[index]))


def _pictures(story: StoryDraft) -> list[str]:
    return [page.image_description for page in story.pages[1:] if page.image_description]


def _brief(outline: str, *, genre: str = "Adventure", setting: str = "", pages: int = 4):
    return StoryBrief(
        title="",
        genre=genre,
        outline=outline,
        num_pages=pages,
        characters=(CharacterBrief(name="Tom", description="a boy with a green cap"),),
        setting=setting,
        text_density="Concise (~30-50 words)",
        word_to_picture_ratio="One image per page",
    )


def test_a_place_carries_over_until_a_journey_moves_the_story() -> None:
    story = write_story(
        _brief(
            "Tom plants seeds in his garden. Tom waters the seeds with a can. "
            "Tom sails to the island. Tom finds a shiny shell."
        )
    )
    pictures = _pictures(story)
    assert "in Tom's garden" in pictures[0]
    assert "in Tom's garden" in pictures[1]  # carried over: the page names no place
    assert "sails to the island" in pictures[2]  # the journey says where without help
    assert "on the island" in pictures[3]
    assert not any("garden" in picture for picture in pictures[2:])


def test_the_setting_holds_until_the_outline_names_another_place() -> None:
    story = write_story(
        _brief(
            "Tom feeds the hens. Tom counts the eggs. Tom walks to the village. Tom sells eggs.",
            setting="a farm",
        )
    )
    pictures = _pictures(story)
    assert "on a farm" in pictures[0]
    assert "on a farm" in pictures[1]
    assert "in the village" in pictures[3]


def test_the_moon_story_starts_in_the_garden_and_only_then_goes_to_the_moon() -> None:
    story = _story(1)  # Leo builds a rocket in his garden; it zooms to the Moon
    pictures = _pictures(story)
    assert "in Leo's garden" in pictures[0]
    assert "Moon" not in pictures[0]
    assert "Moon" not in story.pages[1].text  # no stock line puts the garden on the Moon
    assert "Moon" in pictures[2]
    assert "Moon" in pictures[-1]


def test_a_bedtime_story_is_at_night_in_the_childs_bedroom() -> None:
    pictures = _pictures(_story(0))  # Mia cannot sleep; Grandpa sits on her bed
    assert all("in Mia's bedroom at night" in picture for picture in pictures), pictures


@pytest.mark.parametrize("index", range(len(BRIEFS)))
def test_every_picture_is_described_once_in_one_clean_sentence(index: int) -> None:
    pictures = _pictures(_story(index))
    assert len(set(pictures)) == len(pictures), pictures
    for picture in pictures:
        action = picture.split(": ", 1)[1].split(". In the picture:")[0]
        assert not re.search(r"\bThen\b", action), action
        # Only names keep their capitals inside the sentence: no "... Then She cannot".
        assert not re.search(r"[a-z,] (?:She|He|They|It|The|A|His|Her)\b", action), action


def test_talk_reacts_to_what_the_event_did() -> None:
    moon = " ".join(page.text for page in _story(1).pages[1:])
    assert '"Hold on tight!"' in _story(1).pages[3].text  # the rocket zooms to the Moon
    assert "Nearly done!" in moon or "really work?" in moon  # Leo builds the rocket


@pytest.mark.parametrize("index", range(len(BRIEFS)))
def test_no_stock_line_claims_what_the_outline_never_said(index: int) -> None:
    text = " ".join(page.text for page in _story(index).pages[1:])
    for invented in ("All systems were go", "signal beeped", "I will never forget"):
        assert invented not in text
    assert not stock_places_fit(_story(index), BRIEFS[index])


def test_the_judge_catches_a_stock_line_set_somewhere_else() -> None:
    story = {
        "pages": [
            {"number": 1, "text": "Leo built a rocket in his garden. It felt good to be on Mars."},
            {
                "number": 2,
                "text": "Leo built a rocket in his garden. It felt good to be in the garden.",
            },
        ]
    }
    assert stock_places_fit(story, BRIEFS[1]) == [
        "page 1: 'It felt good to be on Mars.' on a page set garden"
    ]


def test_a_naming_word_and_a_few_of_them_keep_the_past_tense() -> None:
    assert "called Rex, a little dinosaur with orange spots, climbed out of the egg" in (
        _story(9).pages[3].text
    )
    assert "the three of them drank tea" in _story(5).pages[6].text
