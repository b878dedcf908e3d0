"""The offline writer tells each brief's outline as events in order, in its own words.

Judged over the whole briefs corpus with the checks of ``judge``: what a parent reading the
story aloud would notice (an event missing or out of order, a description pasted in, a
sentence told twice, a lost toy or a morning nobody asked for, pages of the wrong length).
"""

from __future__ import annotations

import functools
import re
from typing import Any

import pytest

from storygen.ai.offline.tests.judge import (
    judge,
    load_briefs,
    story_brief,
)
from storygen.ai.offline.writer import count_words, rewrite_page, write_story
from storygen.ai.types import StoryDraft

BRIEFS = load_briefs()
#: Checks every brief of the corpus passes.
ALWAYS = (
    "no_repeated_sentence",
    "no_pasted_description",
    "agreement",
    "nothing_invented",
    "words_per_page",
    "stock_places_fit",
    "events_told_in_order",
    "outline_told_not_pasted",
    "filler_share",
)


@functools.cache
def _story(index: int) -> StoryDraft:
    return write_story(story_brief(BRIEFS[index]))


def _row(index: int) -> dict[str, Any]:
    return BRIEFS[index]


@pytest.mark.parametrize("index", range(len(BRIEFS)))
def test_every_brief_passes_the_readers_checks(index: int) -> None:
    verdict = judge(_story(index), _row(index))
    failures = {name: verdict[name] for name in ALWAYS if verdict[name]}
    assert not failures, (index, failures)


def test_a_bedtime_story_winds_down_in_the_evening_and_invents_no_lost_thing() -> None:
    index = next(i for i, row in enumerate(BRIEFS) if row["genre"] == "Bedtime")
    pages = [page.text for page in _story(index).pages[1:]]
    assert re.search(r"\b(?:evening|bedtime)\b", pages[0])
    assert "Goodnight" in pages[-1]
    assert not re.search(r"\b(?:lost|missing|searched|morning)\b", " ".join(pages))


def test_each_picture_shows_its_own_pages_event() -> None:
    row = BRIEFS[1]  # Leo and Bolt: the garden, the button, the Moon, the flag
    story = _story(1)
    descriptions = [page.image_description or "" for page in story.pages[1:]]
    assert "rocket" in descriptions[0]
    assert "garden" in descriptions[0]
    assert any("button" in d for d in descriptions)
    assert "flag" in descriptions[-1]
    for page in story.pages[1:]:
        for name in page.characters_in_scene:
            assert name in page.text, (page.number, name)
    assert {c["name"] for c in row["characters"]} <= set(story.pages[0].characters_in_scene)


def test_a_character_is_introduced_once_in_a_short_clause() -> None:
    story = _story(1)
    text = " ".join(page.text for page in story.pages[1:])
    assert text.count("yellow space suit") == 1
    assert "Leo, a boy in a yellow space suit," in text


def test_the_same_brief_gives_the_same_story() -> None:
    brief = story_brief(BRIEFS[3])
    assert write_story(brief) == write_story(brief)


def _rewrite(wish: str, number: int = 3) -> tuple[str, str]:
    brief = story_brief(BRIEFS[1])
    page = write_story(brief).pages[number]
    new = rewrite_page(
        brief,
        number=number,
        text=page.text,
        characters_in_scene=page.characters_in_scene,
        wish=wish,
    )
    return page.text, new


def test_a_rewrite_asked_to_be_shorter_and_about_a_subject_is_both() -> None:
    old, new = _rewrite("shorter, and about the Moon")
    assert count_words(new) < count_words(old)
    assert "Moon" in new
    old, new = _rewrite("shorter and about the dinosaurs", number=1)
    assert count_words(new) < count_words(old)
    assert "dinosaurs" in new


def test_a_rewrite_asked_to_be_longer_is_longer_within_the_density() -> None:
    old, new = _rewrite("make it longer please")
    assert count_words(old) < count_words(new) <= 90
