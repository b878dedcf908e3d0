"""A story the offline writer tells from a harmless brief is never held by its own safety rules.

Every text of every story of the corpus (each page and each picture description) goes
through the rules classifier that checks written stories in offline mode: a false alarm here
would hold a family's bedtime story for review.
"""

from __future__ import annotations

import pytest

from storygen.ai.offline import OfflineProvider
from storygen.ai.offline.moderation import moderate
from storygen.ai.offline.tests.judge import load_briefs, story_brief
from storygen.ai.types import StoryRequest
from storygen.safety_phrases import SafetyPhrases

BRIEFS = load_briefs()


@pytest.fixture(autouse=True)
def _no_admin_phrases(monkeypatch: pytest.MonkeyPatch) -> None:
    # The rules alone: no administrator's phrases (and no database) behind these checks.
    monkeypatch.setattr("storygen.safety_phrases._reader", SafetyPhrases)


def test_no_written_story_of_the_corpus_is_held_by_the_rules() -> None:
    provider = OfflineProvider()
    held = []
    for number, row in enumerate(BRIEFS):
        request = StoryRequest(brief=story_brief(row), instructions="", prompt="", schema={})
        for page in provider.write_story(request).pages:
            for text in (page.text, page.image_description or ""):
                verdict = moderate(text)
                if verdict.flagged:
                    held.append(f"brief {number}, page {page.number}: {verdict.terms} in {text!r}")
    assert not held, "\n".join(held)


@pytest.mark.parametrize(
    "text",
    [
        "Noah and Nana Bea went out to jump in puddles. Nobody could stop smiling.",
        'Jack smiled at the window. "Can we do it again?" asked Jack.',
    ],
)
def test_play_words_the_writer_uses_are_not_harm(text: str) -> None:
    assert not moderate(text).flagged
