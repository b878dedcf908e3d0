"""The judge of the offline writer's stories, tried on hand-written stories good and bad.

Every check must pass a story a careful author would write from the brief and fail one with
the fault it looks for; the briefs themselves must agree with their own events.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from storygen.ai.offline.tests.judge import (
    CHECKS,
    GENRE_VALUES,
    agreement,
    events_told_in_order,
    filler_share,
    judge,
    load_briefs,
    no_pasted_description,
    no_repeated_sentence,
    nothing_invented,
    noun_forms,
    outline_told_not_pasted,
    sentences,
    story_brief,
    verb_forms,
    word_bounds,
    words_per_page,
)
from storygen.ai.types import DraftPage, StoryDraft

BRIEF: dict[str, Any] = {
    "title": "Ava and the Egg",
    "genre": "Adventure",
    "outline": (
        "Ava digs in the sandpit and finds a big speckled egg. The egg cracks and a baby "
        "dinosaur called Rex climbs out. Rex eats all the sandwiches in the picnic basket."
    ),
    "num_pages": 3,
    "characters": [
        {"name": "Ava", "description": "a girl with a yellow hard hat and a magnifying glass"},
        {"name": "Rex", "description": "a small green dinosaur with orange spots"},
    ],
    "tone": "",
    "setting": "",
    "text_density": "Concise (~30-50 words)",
    "word_to_picture_ratio": "One image per page",
    "events": [
        {"who": "Ava", "does": "dig", "what": ["sandpit"]},
        {"who": "Ava", "does": "find", "what": ["egg"]},
        {"who": "Rex", "does": "climb", "what": ["egg", "shell"]},
        {"who": "Rex", "does": "eat", "what": ["sandwich"]},
    ],
}

GOOD_PAGES = (
    "Ava dug and dug in the sandpit with her little red spade. Her spade went clunk on "
    "something hard. Ava brushed away the sand and found a big speckled egg, as round as a "
    "melon and warm as toast.",
    "The egg wobbled. Then it went crack, crack, crack! A baby dinosaur climbed out of the "
    "shell and blinked at Ava. He had orange spots and a long, swishy tail. Ava named him Rex "
    "and gave him a hug.",
    "Rex sniffed the picnic basket. Chomp! He ate every sandwich, one after another, and "
    "even licked the plate. Ava laughed so hard she fell over. Rex burped, curled up in her "
    "lap and smiled a sleepy dinosaur smile.",
)


def draft(*texts: str, title: str = "Ava and the Egg") -> StoryDraft:
    pages = [DraftPage(number=0, text=title, image_description="cover")]
    pages += [DraftPage(number=n, text=t, image_description=None) for n, t in enumerate(texts, 1)]
    return StoryDraft(title=title, pages=tuple(pages))


def with_page(number: int, text: str) -> StoryDraft:
    texts = list(GOOD_PAGES)
    texts[number - 1] = text
    return draft(*texts)


def test_a_careful_story_passes_every_check():
    assert judge(draft(*GOOD_PAGES), BRIEF) == {name: [] for name in CHECKS}


def test_the_story_may_be_given_as_its_json():
    as_json = {
        "title": "Ava and the Egg",
        "pages": [{"page_number": n, "text": t} for n, t in enumerate(GOOD_PAGES, 1)],
    }
    assert judge(as_json, BRIEF) == judge(json.dumps(as_json), BRIEF) == {n: [] for n in CHECKS}


# -- events_told_in_order ------------------------------------------------------------------


def test_an_event_left_out_is_reported():
    story = with_page(3, GOOD_PAGES[2].replace("ate every sandwich", "ate every crumb"))
    assert events_told_in_order(story, BRIEF) == ["event 4 (Rex eat sandwich) is told on no page"]


def test_events_told_out_of_order_are_reported():
    story = draft(GOOD_PAGES[2], GOOD_PAGES[1], GOOD_PAGES[0])
    assert events_told_in_order(story, BRIEF) == [
        "event 3 (Rex climb egg/shell) is first told on page 2, before event 2 (page 3)",
        "event 4 (Rex eat sandwich) is first told on page 1, before event 3 (page 2)",
    ]


def test_a_verb_must_share_its_page_with_a_key_word():
    # "dug" on page 1, "sandpit" only on page 2: the event is not told.
    story = with_page(1, GOOD_PAGES[0].replace("in the sandpit", "in the sand"))
    assert "event 1 (Ava dig sandpit) is told on no page" in events_told_in_order(story, BRIEF)


def test_verbs_and_nouns_match_in_any_form():
    assert {"dig", "digs", "dug", "digging"} <= verb_forms("dig")
    assert {"stops", "stopped", "stopping"} <= verb_forms("stop")
    assert {"opened", "opening"} <= verb_forms("open")
    assert {"carries", "carried", "hid", "hidden"} <= verb_forms("carry") | verb_forms("hide")
    assert {"leaf", "leaves"} <= noun_forms("leaf")
    assert {"sandwich", "sandwiches"} <= noun_forms("sandwiches")
    assert {"tooth", "teeth"} <= noun_forms("tooth")
    assert {"hen house", "hen houses"} <= noun_forms("hen house")


# -- no_repeated_sentence ------------------------------------------------------------------


def test_a_sentence_told_twice_is_reported_whatever_its_case_and_punctuation():
    story = with_page(3, GOOD_PAGES[2] + " Ava laughed so hard, she fell over!")
    assert no_repeated_sentence(story, BRIEF) == [
        "'ava laughed so hard she fell over' is told 2 times (pages 3, 3)"
    ]


def test_short_refrains_and_sentences_about_different_people_are_not_repeats():
    story = with_page(
        3, GOOD_PAGES[2] + " Crack! Crack! Rex smiled a big smile. Ava smiled a big smile."
    )
    assert no_repeated_sentence(story, BRIEF) == []


def test_a_dialogue_tag_stays_with_its_speech():
    assert sentences('"Oh no!" said Ava. "Oh yes!" said Rex.') == [
        '"Oh no!" said Ava.',
        '"Oh yes!" said Rex.',
    ]


# -- outline_told_not_pasted ---------------------------------------------------------------


def test_an_outline_pasted_in_even_in_the_past_tense_is_reported():
    pasted = "Then the egg cracked and a baby dinosaur called Rex climbed out. Hooray!"
    assert outline_told_not_pasted(with_page(2, pasted), BRIEF) == ["page 2 pastes the outline"]


def test_an_outline_told_in_the_storys_own_words_passes():
    assert outline_told_not_pasted(draft(*GOOD_PAGES), BRIEF) == []


# -- no_pasted_description -----------------------------------------------------------------


def test_a_description_pasted_into_the_text_is_reported():
    pasted = "Ava was a girl with a yellow hard hat and a magnifying glass. " + GOOD_PAGES[0]
    assert no_pasted_description(with_page(1, pasted), BRIEF) == ["page 1 pastes Ava's description"]


def test_eight_words_of_a_description_may_be_borrowed():
    borrowed = "She wore a yellow hard hat and a magnifying glass today. " + GOOD_PAGES[0]
    assert no_pasted_description(with_page(1, borrowed), BRIEF) == []


# -- agreement -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "caught"),
    [
        ("The chalk footprints was leading to the gate.", "The chalk footprints was"),
        ("Then they was very hungry.", "they was"),
        ("Ava and Rex was tired.", "Ava and Rex was"),
        ("Her boots is muddy.", "Her boots is"),
        ("The children has a plan.", "The children has"),
        ("She were so happy.", "She were"),
        ("Rex were so happy.", "Rex were"),
        ("A dinosaur were in the sandpit.", "A dinosaur were"),
        ("She have a spade.", "She have"),
        ("Ava saw a egg.", "a egg"),
        ("Ava ate an sandwich.", "an sandwich"),
        ("Rex ran to the the sandpit.", "the the"),
        ("Rex ran home. then he slept.", "home. then"),
        ("rex ran home.", "hug. rex"),
    ],
)
def test_grammar_slips_are_caught(sentence: str, caught: str):
    failures = agreement(with_page(2, GOOD_PAGES[1] + " " + sentence), BRIEF)
    assert failures == [f"page 2: {caught!r}"]


@pytest.mark.parametrize(
    "sentence",
    [
        "If Rex were a bird, he would fly.",
        "You were brave, Ava.",
        "Ava and Rex were tired.",
        "The footprints were leading to the gate.",
        "A few eggs were in the nest.",
        "All she wants is a hug.",
        "The thing Rex loves is cake.",
        "The bus was late, and the walrus was early, on Mars was a rover.",
        "Did she have a spade? Let it have a nap.",
        "An hour later, an owl and a unicorn saw a one-eyed crab and an egg.",
        "Knock knock! Who is there? Had had enough.",
        '"Look!" said Ava. "Wait..." whispered Rex. The T. rex roared. Mrs. Hill waved.',
        "The triceratops is asleep.",
    ],
)
def test_good_grammar_is_let_through(sentence: str):
    assert agreement(with_page(2, GOOD_PAGES[1] + " " + sentence), BRIEF) == []


# -- nothing_invented ----------------------------------------------------------------------


def test_a_page_starting_in_lower_case_is_reported():
    assert agreement(with_page(3, "and then " + GOOD_PAGES[2]), BRIEF) == ["page 3: 'and'"]


def test_a_lost_thing_plot_the_outline_never_asked_for_is_reported():
    story = draft(
        "Oh no, the egg was gone! Ava searched high and low. " + GOOD_PAGES[0],
        GOOD_PAGES[1],
        GOOD_PAGES[2] + " Ava found the picnic basket at last!",
    )
    assert nothing_invented(story, BRIEF) == [
        "page 1: 'was gone' (the outline loses nothing)",
        "page 1: 'searched' (the outline loses nothing)",
        "page 1: 'high and low' (the outline loses nothing)",
        "page 3: 'found the picnic basket at last' (the outline loses nothing)",
    ]


def test_losing_is_fine_when_the_outline_loses_something():
    brief = {**BRIEF, "outline": "Rex loses his tooth. Ava looks for it and finds it."}
    story = with_page(2, "Oh no, the tooth was gone! Ava searched high and low.")
    assert nothing_invented(story, brief) == []


def test_a_time_of_day_the_brief_does_not_imply_is_reported():
    story = draft(
        "One sunny morning, " + GOOD_PAGES[0], GOOD_PAGES[1], "At sunset, " + GOOD_PAGES[2]
    )
    assert nothing_invented(story, BRIEF) == [
        "page 1: 'morning' (the brief implies no morning)",
        "page 3: 'sunset' (the brief implies no evening)",
    ]


@pytest.mark.parametrize(
    ("change", "text"),
    [
        ({"genre": "Bedtime"}, "That night, Rex yawned."),
        ({"outline": BRIEF["outline"] + " They have toast for breakfast."}, "That morning..."),
        ({"outline": BRIEF["outline"] + " Rex falls asleep under the moon."}, "Goodnight, Rex."),
        ({"setting": "a sandpit at sunset"}, "The evening was warm."),
        ({"outline": "Ava goes to school."}, "In the afternoon, Ava went home."),
    ],
)
def test_a_time_of_day_the_brief_implies_is_let_through(change: dict[str, str], text: str):
    assert nothing_invented(draft(text), {**BRIEF, **change}) == []


# -- words_per_page ------------------------------------------------------------------------


def test_pages_outside_the_density_are_reported_with_ten_percent_of_slack():
    assert word_bounds("Concise (~30-50 words)") == (27, 55)
    assert word_bounds("Standard (~60-90 words)") == (54, 99)
    assert word_bounds("Detailed (~100-150 words)") == (90, 165)
    story = draft("Rex ate. " * 13, GOOD_PAGES[1], "word " * 56)
    assert words_per_page(story, BRIEF) == [
        "page 1: 26 words (wants 27-55)",
        "page 3: 56 words (wants 27-55)",
    ]


def test_pages_within_the_slack_pass():
    assert words_per_page(draft("word " * 27, "word " * 55), BRIEF) == []


# -- filler_share --------------------------------------------------------------------------


def test_a_page_padded_with_gestures_is_reported():
    padded = (
        "Rex ate every sandwich. Ava tapped one foot, and felt lucky. Ava hummed a little "
        "tune. Ava counted to three. Rex blinked, then blinked again."
    )
    assert filler_share(with_page(3, padded), BRIEF) == ["page 3: 4 of 5 sentences are gestures"]


def test_a_gesture_told_on_three_pages_is_reported_even_when_each_page_is_full():
    pages = [f"{text} Ava took a deep breath." for text in GOOD_PAGES]
    assert filler_share(draft(*pages), BRIEF) == [
        "'took a deep breath' pads the story 3 times (pages 1, 2, 3)"
    ]


def test_gestures_with_the_outlines_things_or_a_place_are_not_padding():
    page = (
        "Rex ate every sandwich. Ava smiled at the egg. Rex looked around the sandpit. "
        "Ava nodded in the spring sunshine."
    )
    assert filler_share(with_page(3, page), BRIEF) == []


# -- the briefs ----------------------------------------------------------------------------

BRIEFS = load_briefs()
GENRES = {
    "Bedtime",
    "Adventure",
    "Animals",
    "Friendship",
    "Fairy tale",
    "Nature",
    "Everyday life",
    "Funny",
    "Space",
    "Magic and make-believe",
}
DENSITIES = {"Concise (~30-50 words)", "Standard (~60-90 words)", "Detailed (~100-150 words)"}
RATIOS = {"One image per page", "One image per two pages", "One image per paragraph"}


def test_the_briefs_are_varied_picture_book_briefs():
    assert len(BRIEFS) >= 40
    assert {brief["genre"] for brief in BRIEFS} == GENRES
    assert {brief["text_density"] for brief in BRIEFS} == DENSITIES
    assert {brief["word_to_picture_ratio"] for brief in BRIEFS} == RATIOS
    assert any(not brief["title"] for brief in BRIEFS)
    for brief in BRIEFS:
        assert 2 <= brief["num_pages"] <= 12
        assert 1 <= len(brief["characters"]) <= 3
        assert 2 <= len(sentences(brief["outline"])) <= 6
        assert brief["events"]
        story_brief(brief)  # every row makes a valid brief


@pytest.mark.parametrize("brief", BRIEFS, ids=lambda brief: brief["outline"][:30])
def test_the_outline_itself_tells_its_events_in_order(brief: dict[str, Any]):
    # One sentence a page: the events as the author listed them are the outline's own.
    pages = [{"number": n, "text": t} for n, t in enumerate(sentences(brief["outline"]), 1)]
    story = {"title": brief["title"], "pages": pages}
    assert events_told_in_order(story, brief) == []
    assert nothing_invented(story, brief) == []


def test_stored_genre_values_are_used_for_the_labels_the_wizard_shows():
    funny = next(brief for brief in BRIEFS if brief["genre"] == "Funny")
    assert story_brief(funny).genre == GENRE_VALUES["Funny"] == "Comedy"
