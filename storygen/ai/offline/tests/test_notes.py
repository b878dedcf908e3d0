"""The offline provider says plainly what it could not do of a person's wishes: the parts of
a rewrite wish it does not follow, and the things a redraw's description names that the
painter leaves out."""

from __future__ import annotations

import pytest

from storygen.ai.offline import OfflineProvider
from storygen.ai.offline.painter.understood import things_left_out
from storygen.ai.types import CharacterBrief, PageRewriteRequest, Scene, StoryBrief

MIA = CharacterBrief(name="Mia", description="a girl with long black braids", age=7)
PIP = CharacterBrief(name="Pip", description="a small brown dog")
BRIEF = StoryBrief(
    title="The Night Garden",
    genre="Adventure",
    outline="Mia and her dog Pip find a lost star in the garden and bring it home.",
    num_pages=3,
    characters=(MIA, PIP),
)


def _rewrite_notes(wish: str) -> tuple[str, ...]:
    request = PageRewriteRequest(
        brief=BRIEF,
        page_number=2,
        text="Mia and Pip walked through the garden.",
        characters_in_scene=("Mia", "Pip"),
        pages=(),
        user_instructions=wish,
        instructions="ignored",
        prompt="ignored",
        schema={},
    )
    return OfflineProvider().rewrite_page(request).notes


def _drawing_notes(wish: str) -> tuple[str, ...]:
    scene = Scene(kind="page", description=wish, characters=(MIA, PIP), wish=wish)
    return OfflineProvider().draw("ignored", size="96x96", scene=scene).notes


# --- rewrites -----------------------------------------------------------------------------


def test_a_wish_to_rhyme_is_answered_with_what_was_followed_and_what_was_not() -> None:
    assert _rewrite_notes("Make it shorter and about the Moon, and make it rhyme") == (
        "Written offline: followed \u201cshorter\u201d and \u201cabout the Moon\u201d; "
        "the offline writer cannot make a page rhyme.",
    )


@pytest.mark.parametrize(
    ("wish", "saying"),
    [
        ("in French, please", "writes in English only"),
        ("funnier", "cannot make a page funnier"),
        ("scarier", "cannot change a page's mood"),
    ],
)
def test_wishes_the_writer_cannot_follow_are_named(wish: str, saying: str) -> None:
    (note,) = _rewrite_notes(wish)
    assert note == f"Written offline: the offline writer {saying}."


def test_unknown_wish_words_are_named_in_one_sentence() -> None:
    (note,) = _rewrite_notes("longer and more whimsical and sparkly")
    assert "followed \u201clonger\u201d" in note
    assert "\u201cwhimsical\u201d or \u201csparkly\u201d" in note
    assert note.count(".") == 1


@pytest.mark.parametrize("wish", ["", "shorter", "Longer, about a lighthouse", "please shorten it"])
def test_wishes_it_followed_in_full_need_no_note(wish: str) -> None:
    assert _rewrite_notes(wish) == ()


# --- redraws ------------------------------------------------------------------------------


def test_a_unicorn_on_the_moon_is_named_and_the_moon_is_not() -> None:
    (note,) = _drawing_notes("a unicorn on the Moon")
    assert note.startswith("Drawn offline:")
    assert "\u201cunicorn\u201d" in note
    assert "Moon" not in note


def test_things_the_painter_has_no_picture_for_are_named_together() -> None:
    (note,) = _drawing_notes("Mia finds a volcano and a toaster near the lake")
    assert "the painter has no picture for \u201cvolcano\u201d or \u201ctoaster\u201d" in note
    assert "they are not in it" in note
    assert "lake" not in note
    assert "Mia" not in note


def test_what_the_painter_draws_is_not_named() -> None:
    wish = "Mia and the dog fly a red kite over the castle in the rain at night"
    assert _drawing_notes(wish) == ()


def test_only_the_person_s_own_words_are_answered_for() -> None:
    scene = Scene(kind="page", description="a volcano", characters=(MIA,))
    assert OfflineProvider().draw("ignored", size="96x96", scene=scene).notes == ()


def test_a_creature_that_is_not_in_the_cast_is_said_to_be_missing() -> None:
    left = things_left_out(Scene(kind="page", description="", characters=(MIA, PIP)), "a fox")
    assert left.uncast == ("fox",)
    assert things_left_out(Scene(kind="page", description="", characters=(PIP,)), "the dog") == (
        things_left_out(Scene(kind="page", description=""), "")
    )
