"""A book longer than its outline is filled with the story's own event, place and season.

Brief 42 asks for twelve detailed pages from three sentences about a caterpillar: the pages
between the events dwell on them (the eating, the long sleep) and on the garden as the
seasons turn, not on gestures told again and again.
"""

from __future__ import annotations

import functools
import re

from storygen.ai.offline.tests.judge import load_briefs, sentences, story_brief
from storygen.ai.offline.writer import write_story
from storygen.ai.offline.writer.filling import in_season, place_key
from storygen.ai.offline.writer.scenes import Scene

BRIEFS = load_briefs()
CATERPILLAR = 42
GESTURES = re.compile(
    r"\b(?:tapped one foot|counted to three|hummed a little tune|blinked|bounced|clapped|"
    r"laughed|grinned|nodded|smiled|took a deep breath|stood up a little taller)\b"
)


@functools.cache
def _pages(index: int) -> list[str]:
    return [page.text for page in write_story(story_brief(BRIEFS[index])).pages[1:]]


def _page_with(text: str) -> int:
    return next(n for n, page in enumerate(_pages(CATERPILLAR), 1) if text in page)


def test_the_pages_after_an_event_go_on_telling_it():
    pages = _pages(CATERPILLAR)
    eating = range(1, _page_with("spun a cocoon"))
    for number in eating[1:]:
        assert re.search(r"\b(?:ate|munch\w*|bite|chewed|summer)\b", pages[number - 1]), number
    asleep = range(_page_with("spun a cocoon") + 1, _page_with("woke up"))
    assert any("slept" in pages[n - 1] for n in asleep)


def test_a_new_season_is_told_coming_and_arriving():
    pages = _pages(CATERPILLAR)
    winter = pages[_page_with("spun a cocoon") - 1]
    assert winter.startswith("The days grew shorter")
    spring = _page_with("woke up")
    assert "snow grew thin" in pages[spring - 2]
    assert pages[spring - 1].startswith("At last the snow melted")


def test_winter_pages_have_no_summer_scenery_and_the_sleeper_makes_no_gestures():
    pages = _pages(CATERPILLAR)
    for number in range(_page_with("spun a cocoon") + 1, _page_with("woke up")):
        page = pages[number - 1]
        assert not re.search(r"\b(?:bees|sunflowers|butterflies|strawberries)\b", page), number
        gestures = [line for line in sentences(page) if GESTURES.search(line) and "Cora" in line]
        assert not gestures, (number, gestures)
        assert '"' not in page, (number, page)  # nobody talks in their sleep


def test_no_gesture_pads_the_story_more_than_once_and_no_page_more_than_twice():
    pages = _pages(CATERPILLAR)
    told = [m.group(0) for page in pages for m in GESTURES.finditer(page)]
    assert not [g for g in set(told) if g != "smiled" and told.count(g) > 1], told
    for number, page in enumerate(pages, 1):
        lines = [line for line in sentences(page) if GESTURES.search(line) and "Cora" in line]
        assert len(lines) <= 2, (number, lines)


def test_a_bedtime_story_winds_down_without_lively_gestures():
    for index, row in enumerate(BRIEFS):
        if row["genre"] == "Bedtime":
            text = " ".join(_pages(index))
            assert not re.search(r"\b(?:bounced|clapped|laughed out loud)\b", text), index


def test_scenery_keeps_to_the_season_and_the_place():
    garden = ("Bees hummed from one bright flower to the next.", "Frost sparkled on every twig.")
    assert in_season(garden, Scene("in the garden", "in winter")) == [garden[1]]
    assert place_key(Scene("in Leo's garden", "")) == "garden"
    assert place_key(Scene("on the Moon", "at night")) == "moon"
    assert place_key(Scene("under the sea", "")) == "underwater"
