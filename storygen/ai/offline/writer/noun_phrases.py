"""Finding things, names and teams in an outline's words: the noun phrases a plot is about.

Not which plot they make: that is decided in ``plot``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storygen.ai.offline.writer.characters import animal_of, pronoun
from storygen.ai.offline.writer.plot_words import (
    BOUNDARY,
    DETERMINERS_NP,
    LOST_PREDICATES,
    NOT_THINGS,
    NP_STOPS,
    PLACE_PREPOSITIONS,
    TITLE_MODIFIERS,
    Token,
)
from storygen.ai.offline.writer.tense import RELATIVES, verb_forms
from storygen.ai.offline.writer.user_text import title_case
from storygen.ai.offline.writer.words import join_names

if TYPE_CHECKING:
    from storygen.ai.offline.writer.characters import Person


def word_tokens(text: str) -> list[Token]:
    text = text.replace("\u2019", "'")
    return [
        Token(m.group(0), m.group(0).lower())
        for m in re.finditer(r"[A-Za-z0-9][A-Za-z0-9'-]*|[^\sA-Za-z0-9]", text)
    ]


def np_after(
    tokens: Sequence[Token], start: int, *, need_det: bool, allow_of: bool = False
) -> tuple[str, list[str]] | None:
    """The noun phrase starting at ``start``: its determiner (or "") and its words."""
    index, det = start, ""
    if index + 1 < len(tokens) and tokens[index].low in {"all", "both"}:
        index += 1  # "stole all the carrots"
    if index < len(tokens) and (
        tokens[index].low in DETERMINERS_NP
        or (tokens[index].low.endswith("'s") and tokens[index].word)
    ):
        det = tokens[index].text
        index += 1
        if index < len(tokens) and tokens[index].low.endswith("'s") and det.lower() == "the":
            det = f"the {tokens[index].text}"  # "the queen's crown"
            index += 1
    elif need_det:
        return None
    words: list[str] = []
    limit = 6 if allow_of else 4
    while index < len(tokens) and len(words) < limit:
        token = tokens[index]
        if not token.word or token.low in DETERMINERS_NP or token.low.endswith("'s"):
            break
        if token.low == "of" and allow_of and words and index + 1 < len(tokens):
            words.append("of")
            if tokens[index + 1].low in {"the", "a", "an"}:
                words.append(tokens[index + 1].low)
                index += 1
            index += 1
            continue
        if token.low in NP_STOPS or (words and token.text[:1].isupper()):
            break
        words.append(token.text)
        index += 1
    while words and words[-1].lower() in NP_STOPS | {"a", "an", "the"}:
        words.pop()
    if not words or words[-1].lower() in NOT_THINGS:
        return None
    return det, words


def np_before(tokens: Sequence[Token], end: int) -> tuple[str, list[str]] | None:
    """The noun phrase that ends just before ``end``: its determiner (or "") and words."""
    index = end - 1
    while index >= 0 and tokens[index].low.endswith("ly") and tokens[index].low not in {"only"}:
        index -= 1  # "the hamster suddenly vanished"
    words: list[str] = []
    det = ""
    while index >= 0 and len(words) < 4:
        token = tokens[index]
        if not token.word:
            break
        if token.low in DETERMINERS_NP or token.low.endswith("'s"):
            det = token.text
            if token.low.endswith("'s") and index and tokens[index - 1].low in {"the", "a"}:
                index -= 1
                det = f"{tokens[index].text.lower()} {det}"  # "the queen's crown"
            break
        if token.low in NP_STOPS or token.low in BOUNDARY:
            break
        words.insert(0, token.text)
        index -= 1
    if not words or words[-1].lower() in NOT_THINGS:
        return None
    # "The old windmill on the hill has stopped": the windmill stopped, not the hill.
    if det and index >= 2 and tokens[index - 1].low in PLACE_PREPOSITIONS:
        outer = np_before(tokens, index - 1)
        if outer and outer[0]:
            return outer
    return det, words


def own_words(people: Sequence[Person]) -> set[str]:
    """Words that name a cast member or what they are ("Pip", "dog" for a dog called Pip)."""
    words: set[str] = set()
    for person in people:
        words.update(w.lower() for w in re.findall(r"[A-Za-z'-]+", person.name))
        animal = animal_of(person.brief)
        if animal:
            words.update({animal, animal + "s"})
    return words


@dataclass(frozen=True)
class Found:
    kind: str
    rank: tuple[int, int, int]  # segment, class, position: the smallest tells the story
    fields: dict[str, str]


def thing_fields(det: str, words: Sequence[str], people: Sequence[Person]) -> dict[str, str]:
    """The quest-object fields for a noun phrase, or {} when it names a cast member.

    A word saying the thing is lost ("the lost moon") is the plot's, not the thing's name.
    """
    said = ""
    if len(words) > 1 and words[0].lower() in {*LOST_PREDICATES, "hidden", "runaway"}:
        said, words = words[0].lower(), words[1:]
    # "Tom's kite" is a thing even when Tom is in the cast; "Pip" or "the dog" is not.
    own = own_words(people)
    if any(w.lower() in own for w in words):
        return {}
    head = words[-1]
    if head.lower() in NP_STOPS or not head[:1].isalpha():
        return {}
    bare = " ".join(words)
    thing = f"{det} {bare}" if det.endswith("'s") else f"the {bare}"
    return {"thing": thing, "head": head.lower(), "bare": bare, "said": said}


def thing_title(words: Sequence[str], adjective: str) -> str:
    kept = [w for w in words[:-1] if w.lower() in TITLE_MODIFIERS]
    if not adjective:
        return title_case(" ".join(words))
    return title_case(" ".join([adjective, *kept, words[-1]]))


def first_name(tokens: Sequence[Token], people: Sequence[Person]) -> str:
    """The cast member a segment names first."""
    names = {p.name.split()[0].lower(): p.name for p in people}
    for token in tokens:
        if token.low.removesuffix("'s") in names:
            return names[token.low.removesuffix("'s")]
    return ""


def subject_before(tokens: Sequence[Token], end: int, people: Sequence[Person]) -> str:
    """The cast member named last before ``end`` in the segment (or by a pronoun)."""
    names = {p.name.split()[0].lower(): p.name for p in people}
    for index in range(end - 1, -1, -1):
        low = tokens[index].low.removesuffix("'s")
        if low in names:
            return names[low]
        if low in {"he", "she"}:
            for person in people:
                if pronoun(person)[0] == low:
                    return person.name
    return ""


def team_before(tokens: Sequence[Token], end: int, people: Sequence[Person]) -> str:
    """ "Sam and Nia" when the clause before ``end`` names more than one cast member."""
    names = {p.name.split()[0].lower(): p.name for p in people}
    found: list[str] = []
    for token in tokens[:end]:
        if not token.word and token.text in ".;:!?":
            found = []
        name = names.get(token.low.removesuffix("'s"))
        if name and name not in found:
            found.append(name)
    return join_names(found) if len(found) > 1 else ""


def phrase_until_boundary(
    tokens: Sequence[Token], start: int, limit: int, *, clause: bool = False
) -> list[str]:
    """The words from ``start`` to the next boundary; with ``clause``, also before the next
    verb or relative word, so "scared of fire learns that..." is only "scared of fire"."""
    words: list[str] = []
    index = start
    while index < len(tokens) and len(words) < limit:
        token = tokens[index]
        if not token.word or token.low in BOUNDARY:
            break
        if clause and words and (token.low in verb_forms() or token.low in RELATIVES):
            break
        words.append(token.text)
        index += 1
    while words and words[-1].lower() in NP_STOPS | DETERMINERS_NP:
        words.pop()
    return words
