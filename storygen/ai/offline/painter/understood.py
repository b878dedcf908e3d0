"""Which things a person asked for by name the painter left out of their picture.

A redraw's description is the person's own words. The painter draws the places, props,
weather, light, colours and poses it knows, and the page's characters; any other thing the
words name is simply not in the picture, and ``things_left_out`` says which, so the page can
tell them instead of leaving them to wonder. Reads the painter's word lists; changes nothing.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from storygen.ai.offline.painter.canvas import time_of_day
from storygen.ai.offline.painter.colour import COLOURS
from storygen.ai.offline.painter.creature_words import creature_word, identity_of
from storygen.ai.offline.painter.look_tables import (
    BODY,
    CLOTHES,
    COATS,
    HAIR_WORDS,
    ITEM_WORDS,
    PARTS,
    TRIM_WORDS,
)
from storygen.ai.offline.painter.places import DEFAULT_THEME, place_for, theme_for, water_for
from storygen.ai.offline.painter.poses import action_for
from storygen.ai.offline.painter.props import props_named
from storygen.ai.offline.painter.seasons import season_for
from storygen.ai.offline.painter.weather import weather_for
from storygen.ai.offline.painter.words import singulars, split_words
from storygen.ai.types import CharacterBrief, Scene

# The words that start the name of a thing: "a", "the", "two", "her"...
_STARTS = frozenset(
    split_words(
        """
        a an the some two three four five six seven eight nine ten many lots several his her
        their its my our your this that these those every each
        """
    )
)
# The words that end it: "a unicorn on the Moon" names a unicorn, then the Moon.
_ENDS = frozenset(
    split_words(
        """
        on in at by to of for from with without into onto over under near beside behind above
        below between through across around along past up down off inside outside and or but so
        while as who which that is are was were be been being has have had does do did can could
        will would should may might must than then there here
        """
    )
)
# Words about the picture itself or its light, which every picture has.
_FRAMING = frozenset(
    split_words(
        """
        picture scene page view background foreground moment time day night morning evening
        afternoon dawn dusk sunrise sunset midday noon sky ground air side middle front back top
        bottom left right corner edge distance lot lots bit kind way style colour colours color
        colors light
        """
    )
)
# Two settings and the places they give, to tell whether some words name a place themselves.
_SETTINGS = (("under the sea", "underwater"), ("in outer space", "space"))
# The people words a drawn cast answers to when it has anyone in it.
_GROUP = frozenset(split_words("everyone everybody friends family together group"))


@dataclass(frozen=True)
class LeftOut:
    """Things a description names that the picture does not show.

    ``unknown`` are things the painter has no picture for; ``uncast`` are creatures and
    people it could draw but not on this page, where only the page's characters appear.
    """

    unknown: tuple[str, ...] = ()
    uncast: tuple[str, ...] = ()


def things_left_out(scene: Scene, text: str) -> LeftOut:
    """The things ``text`` names that a picture of ``scene`` leaves out, as written there
    (first-named first, each once)."""
    cast = _cast_words(scene.characters)
    with_people = any(identity_of(character)[0] is None for character in scene.characters)
    unknown: list[str] = []
    uncast: list[str] = []
    for head, before in _named_things(text):
        word = head.lower()
        if word in cast or _painter_knows(word) or (before and _painter_knows(f"{before} {word}")):
            continue
        if _being(word):
            # "the girl" is the page's girl when it has one; a creature must be in the cast.
            if not (with_people and creature_word(word) is None):
                uncast.append(head)
        else:
            unknown.append(head)
    return LeftOut(tuple(dict.fromkeys(unknown)), tuple(dict.fromkeys(uncast)))


def _named_things(text: str) -> list[tuple[str, str]]:
    """The last word of each thing ``text`` names after "a", "the", "two"..., with the word
    before it ("lily pad": "pad", "lily"); "and a kite" or "and kites" name one more."""
    tokens = re.findall(r"[A-Za-z]+(?:['-][A-Za-z]+)*|[.,;:!?]", text)
    found: list[tuple[str, str]] = []
    run: list[str] = []
    open_ = False
    for index, token in enumerate(tokens):
        word = token.lower()
        if open_ and word in _STARTS and not run:  # "and a kite", "all the stars"
            continue
        if open_ and not (word in _STARTS or word in _ENDS or _not_a_thing(token)):
            run.append(token)
            continue
        if open_ and run:
            found.append(_thing(run, verb_next=word in _STARTS))
        # "a kite and balloons": one more thing; "a kite and add a moon" is a new wish.
        after_thing = bool(found) and index > 0 and tokens[index - 1] == found[-1][0]
        plural_next = index + 1 < len(tokens) and tokens[index + 1].lower().endswith("s")
        open_ = word in _STARTS or (word in {"and", "or"} and after_thing and plural_next)
        run = []
    if open_ and run:
        found.append(_thing(run, verb_next=False))
    return found


def _thing(run: list[str], *, verb_next: bool) -> tuple[str, str]:
    """The thing a run of words names, and the word before it. A run straight before "a" or
    "the" ends in a verb ("the girl builds a snowman"), as does one ending in a pose word
    ("a teacher waves")."""
    if len(run) > 1 and (verb_next or action_for(f"they {run[-1].lower()}") != "standing"):
        run = run[:-1]
    return run[-1], run[-2].lower() if len(run) > 1 else ""


def _not_a_thing(token: str) -> bool:
    # Punctuation, and doings: "a unicorn flying" (but "a swing" and "a king" are things).
    word = token.lower()
    return not token[0].isalpha() or (word.endswith("ing") and not _names_scenery(word))


def _names_scenery(words: str) -> bool:
    """Whether ``words`` name a place, water or a prop the painter draws."""
    # A place is named when the words win over any setting (two settings, as one could be it).
    named_place = any(place_for(words, setting) != place for setting, place in _SETTINGS)
    return (
        named_place
        or theme_for(words) != DEFAULT_THEME
        or water_for(words) is not None
        or bool(props_named(words, ""))
    )


def _cast_words(characters: tuple[CharacterBrief, ...]) -> frozenset[str]:
    """The words that name the page's characters: their names, what they are, and words for
    all of them ("everyone", "friends")."""
    words: set[str] = set()
    for character in characters:
        words.update(part.lower() for part in character.name.split())
        kind, being = identity_of(character)
        if kind is not None:
            words.update({being, f"{being}s", kind})
    if characters:
        words.update(_GROUP)
    return frozenset(words)


def _painter_knows(words: str) -> bool:
    """Whether the painter draws something for ``words``: a place, water, prop, weather,
    light, colour, pose, a part of a look, or the picture itself."""
    forms = singulars(words)
    if any(form in _FRAMING or form in COLOURS for form in forms):
        return True
    looks = CLOTHES | HAIR_WORDS | BODY | PARTS | TRIM_WORDS | COATS | set(ITEM_WORDS)
    if any(form in looks for form in forms):
        return True
    # Light the words name is the same whatever the dice say; unnamed light is left to them.
    light = len({time_of_day(words, random.Random(seed), "") for seed in range(6)}) == 1
    return (
        _names_scenery(words)
        or bool(weather_for(words))
        or bool(season_for(words))
        or light
        or action_for(f"they {words}") != "standing"
    )


def _being(word: str) -> bool:
    """Whether ``word`` names a creature or a person, which the painter draws only as a cast
    member. A person word is told by its ending the check of what a character is ("a ... and
    a cat" is a cat unless the first word is someone)."""
    if creature_word(word) is not None:
        return True
    return identity_of(CharacterBrief(name="", description=f"a {word} and a cat")) == (None, "")
