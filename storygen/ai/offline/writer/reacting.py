"""Which reaction an event calls for: the family of its first verb and the words to fill
its lines with ("Look how shiny they are!" for collecting shiny rocks).

The table is ``reactions``; who speaks and which line is told is ``telling``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storygen.ai.offline.writer.agreement import is_plural
from storygen.ai.offline.writer.characters import cast_kinds
from storygen.ai.offline.writer.reactions import (
    DONE_BY_SOMEONE,
    LOOKS,
    NOT_GROWING,
    REACTIONS,
    REACTIONS_GROWING,
)
from storygen.ai.offline.writer.scenes import own_part
from storygen.ai.offline.writer.words import article

if TYPE_CHECKING:
    from storygen.ai.offline.writer.characters import Person
    from storygen.ai.offline.writer.events import Event

#: Words of someone asleep: nobody looks at things then.
ASLEEP = re.compile(r"\b(?:asleep|sleeps|slept|dreams)\b", re.IGNORECASE)
#: An event that does not happen ("cannot sleep") calls for no reaction.
NEGATED = re.compile(r"\b(?:not|cannot|can't|never|won't|doesn't|don't)\b", re.IGNORECASE)
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "my", "our", "some", "all"}
_STOPS = {
    "in", "on", "at", "to", "for", "with", "from", "into", "across", "and", "out", "under",
    "by", "of", "off", "up", "down", "over", "before", "after", "but", "so", "then", "when",
    "she", "he", "they", "it", "we", "you", "that", "which", "who", "where", "everywhere",
    "instead", "too", "again", "away", "together", "home", "back", "him", "them", "us", "me",
    "through", "past", "around", "along", "behind", "beside", "towards", "toward", "near",
}  # fmt: skip


def verb_object(event: Event, verb: str) -> tuple[str, str]:
    """The thing the event's verb acts on and a word for how it looks: "collect shiny grey
    rocks" -> ("rocks", "shiny"); nothing when the verb names no thing after it."""
    tokens = re.findall(r"[A-Za-z][A-Za-z'-]*", event.written)
    for index, token in enumerate(tokens):
        if token.lower() != verb:
            continue
        phrase: list[str] = []
        for word in tokens[index + 1 : index + 6]:
            if word.lower() in _STOPS or (phrase and word[:1].isupper()):
                break
            if phrase and word.lower() in _DETERMINERS:
                break  # "a cake the size of a house": the cake
            phrase.append(word)
        phrase = [w for w in phrase if w.lower() not in _DETERMINERS]
        if phrase and phrase[-1][:1].islower() and len(phrase[-1]) > 2:
            looks = next((w for w in phrase[:-1] if w.lower() in LOOKS), "")
            return phrase[-1], looks
        break
    return "", ""  # "trees sprout everywhere": nothing to name, so no line names it


def reaction(event: Event, people: Sequence[Person]) -> tuple[tuple[str, ...], dict[str, str]]:
    """The lines ``event`` calls for and the values of its thing, or ``((), {})``.

    The family of the event's first verb ("plants a flag and waves" plants); none for an
    event that does not happen ("she cannot sleep": no "Goodnight" yet).
    """
    if NEGATED.search(event.written):
        return (), {}
    # Capitals are names: "Sprout" sprouts nothing.
    for token in re.findall(r"\b[a-z]+", own_part(event.written)):
        lines = next((lines for verbs, lines in REACTIONS if token in verbs), ())
        noun, looks = verb_object(event, token)
        noun = "" if noun in cast_kinds(people) else noun  # Flurry is the snowman
        if not lines or (noun in NOT_GROWING and token in REACTIONS_GROWING):
            continue
        if token in DONE_BY_SOMEONE and not event.names:
            continue  # "a storm pushes the boat": nobody to say "Here goes!"
        plural = is_plural(noun)
        return lines, {
            "noun": noun,
            "a": article(noun) if noun else "",
            "adjective": looks,
            "it": "they" if plural else "it",
            "be": "are" if plural else "is",
        }
    return (), {}
