"""Reading the outline as a sequence of events: who does what, where, with what.

Each event is one clause of the outline ("Bolt presses the big green button"), kept with
the words it was written in (for the picture) and told in the story's past tense (for the
page). Not how an event is worded on a page: that is ``telling``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storygen.ai.offline.writer.characters import pronoun
from storygen.ai.offline.writer.outline import outline_segments
from storygen.ai.offline.writer.tense import SUBJECTS_P, SUBJECTS_S, told_in_past
from storygen.ai.offline.writer.words import lower_first, upper_first, wordset

if TYPE_CHECKING:
    from storygen.ai.offline.writer.characters import Person


@dataclass(frozen=True)
class Event:
    """One thing that happens in the outline, in its order."""

    written: str  # as the outline says it, present tense: "Bolt presses the button."
    told: str  # in the story's past tense, its subject named: "Bolt pressed the button."
    names: tuple[str, ...]  # the characters it names, subject first
    nouns: tuple[str, ...]  # the things it names, for texture and the picture
    sentence: int  # which outline sentence it comes from


_DETERMINERS = wordset("the a an his her their its my our this that these those some")
_JOINS = re.compile(r"(?:,\s*|;\s*|\s+)(and then|and|but|so|then|while)\s+|;\s+|,\s+(?=then\b)")
_NOT_NOUNS = wordset("""
    the a an his her their its my our this that these those some all both every each and or
    but so then with into onto from to in on at by of for up down out off over under away
    back home very too not no he she they it we you him them us me who which what there here
    one two three little big tiny small huge old new shiny long round tall towards toward
    across about inside behind because when where instead together alone just like full free
    overnight standing growing flying everyone everything nobody size week day before after
    until while mother father mum dad mummy daddy granny grandma grandpa nana aunt uncle
    sister brother friend friends teacher family others other rest way idea night morning
    evening afternoon lunch supper breakfast dinner bedtime midnight noon daughter son keeper
    first last next own
    """)


def read_events(outline: str, people: Sequence[Person]) -> list[Event]:
    """The outline's events in order: every clause with a subject and a verb of its own."""
    events: list[Event] = []
    for index, sentence in enumerate(outline_segments(outline)):
        for clause in _clauses(sentence.rstrip(".!?"), people):
            written = upper_first(clause.strip(" ,;:")) + "."
            told = past_with_names(written, people)
            events.append(
                Event(
                    written=written,
                    told=told,
                    names=_named(told, people),
                    nouns=_nouns(written, people),
                    sentence=index,
                )
            )
    return _with_things(_with_names(events, people))


def _with_things(events: list[Event]) -> list[Event]:
    """Events that name no thing ("Everyone laughed") share the things of the one before,
    and one that climbs "out" says out of what: "The egg cracks and Rex climbs out"."""
    out: list[Event] = []
    for event in events:
        before = out[-1] if out else None
        if before is not None and before.sentence == event.sentence and before.nouns:
            whence = f" out of the {before.nouns[0]}"
            if re.search(r"\s+out[.!?]$", event.told) and whence not in event.told:
                event = dataclasses.replace(
                    event,
                    told=re.sub(r"\s+out([.!?])$", rf"{whence}\1", event.told),
                    written=re.sub(r"\s+out([.!?])$", rf"{whence}\1", event.written),
                    nouns=(*event.nouns, before.nouns[0]),
                )
        if not event.nouns and out:
            event = dataclasses.replace(event, nouns=out[-1].nouns)
        out.append(event)
    return out


def _starts_clause(tail: str, people: Sequence[Person]) -> bool:
    """Whether ``tail`` begins with a subject of its own: a name, a pronoun, "the wolf"."""
    words = tail.split()
    if not words:
        return False
    first = words[0].lower().strip(",")
    if first in SUBJECTS_S | SUBJECTS_P or first in _DETERMINERS or words[0][:1].isupper():
        return told_in_past(_masked(tail, people)[0])[1] > 0
    return False


def _clauses(sentence: str, people: Sequence[Person]) -> list[str]:
    """A sentence as the clauses it joins, each with its own subject and verb."""
    parts: list[str] = []
    rest = sentence
    while True:
        for match in _JOINS.finditer(rest):
            head, tail = rest[: match.start()], rest[match.end() :]
            joiner = (match.group(1) or "").lower()
            if len(head.split()) < 3 or not told_in_past(_masked(head, people)[0])[1]:
                continue
            if joiner in {"then", "and then"} and told_in_past(f"they {tail}")[1]:
                # "They wait for the storm and then row back": the subject is shared.
                parts.append(head)
                rest = "then " + tail
                break
            if not _starts_clause(tail, people):
                continue
            parts.append(head)
            rest = tail
            break
        else:
            parts.append(rest)
            return [p for p in parts if p.strip()]


def _named(text: str, people: Sequence[Person]) -> tuple[str, ...]:
    found = [(text.find(p.name), p.name) for p in people if re.search(rf"\b{p.name}\b", text)]
    return tuple(name for _, name in sorted(found))


def _nouns(text: str, people: Sequence[Person]) -> tuple[str, ...]:
    """The head nouns after a determiner: "the big green button" -> "button"."""
    names = {word.lower() for p in people for word in p.name.split()}
    found: list[str] = []
    tokens = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
    for index, token in enumerate(tokens):
        if token.lower() not in _DETERMINERS:
            continue
        phrase: list[str] = []
        for word in tokens[index + 1 : index + 5]:
            low = word.lower()
            if low in _NOT_NOUNS - {"little", "big", "tiny", "small", "huge", "old", "new"}:
                break
            if phrase and (told_in_past(f"it {low}")[1] or told_in_past(f"they {low}")[1]):
                break
            phrase.append(word)
        while phrase and phrase[-1].lower() in _NOT_NOUNS:
            phrase.pop()
        following = tokens[index + 1 + len(phrase)] if index + 1 + len(phrase) < len(tokens) else ""
        if len(phrase) == 1 and following.lower() in _DETERMINERS:
            continue  # "lets her ring the bell": "ring" is what she does
        if phrase and phrase[-1].lower() not in names:
            head = re.sub(r"'s$", "", phrase[-1])
            if head.lower() not in found and len(head) > 2 and head.lower() not in _NOT_NOUNS:
                found.append(head.lower() if not head[:1].isupper() else head)
    return tuple(found)


def _with_names(events: list[Event], people: Sequence[Person]) -> list[Event]:
    """Events whose subject is "she", "he", "they" or "his robot Bolt", told with names.

    A pronoun at the head of an event stands for the last character of that pronoun the
    story named; "they" for everyone named so far. The page then reads on its own.
    """
    out: list[Event] = []
    named: list[str] = []
    for event in events:
        then = re.match(r"^(?:Then|And then)\s+", event.told)
        told = event.told[then.end() :] if then else re.sub(r"^And\s+", "", event.told)
        told = _drop_owner(told, people)
        lead = told.split(" ", 1)[0].lower()
        who = ""
        if lead in {"she", "he"}:
            who = next(
                (n for n in reversed(named) if _pronoun_of(n, people) == lead),
                "",
            )
            before = out[-1].names[0] if out and out[-1].names else ""
            if not who and before and _pronoun_of(before, people) == "they":
                who = before  # "Daisy the cow wants an egg. She sits": Daisy, whoever she is
        elif lead == "they" and len(named) >= 2:
            who = " and ".join(named[:2]) if len(named) == 2 else ", ".join(named[:-1])
            if len(named) > 2:
                who += f" and {named[-1]}"
        if who:
            told = who + told[len(lead) :]
        if then and lead not in {"she", "he", "they", "it", "we"} and told[:1].islower():
            # "and then row back": the clause shares the subject of the one before.
            subject = " and ".join(out[-1].names) if out and out[-1].names else "they"
            # Told again now it has a subject: "row back" becomes "rowed back".
            told = past_with_names(f"{subject} {told}", people)
        if then:
            lead = told.split(" ", 1)[0]
            told = "Then " + (told if lead in named_words(people) else lower_first(told))
        names = _named(told, people)
        for name in names:
            if name in named:
                named.remove(name)
            named.append(name)
        out.append(
            Event(
                written=event.written,
                told=upper_first(told),
                names=names,
                nouns=event.nouns,
                sentence=event.sentence,
            )
        )
    return out


def _pronoun_of(name: str, people: Sequence[Person]) -> str:
    person = next((p for p in people if p.name == name), None)
    return pronoun(person)[0] if person else ""


def _drop_owner(told: str, people: Sequence[Person]) -> str:
    """ "His robot Bolt pressed" -> "Bolt pressed": the name alone leads the sentence."""
    for person in people:
        match = re.match(rf"^(?:His|Her|Their|Its)\s+(?:[a-z]+\s+){{1,2}}{person.name}\b", told)
        if match:
            return person.name + told[match.end() :]
    return told


def named_words(people: Sequence[Person]) -> set[str]:
    """The words of the characters' names, as written."""
    return {word for person in people for word in person.name.split()}


def _masked(text: str, people: Sequence[Person]) -> tuple[str, dict[str, str]]:
    """``text`` with each name as a plain stand-in the tense rules read as a name.

    Names can look like other words ("Shelly" like an adverb, "Red" like a colour).
    """
    stand_ins: dict[str, str] = {}
    for index, person in enumerate(sorted(people, key=lambda p: -len(p.name))):
        stand_in = f"Zq{chr(ord('a') + index % 26)}{index // 26 or ''}"
        if re.search(rf"\b{re.escape(person.name)}\b", text):
            text = re.sub(rf"\b{re.escape(person.name)}\b", stand_in, text)
            stand_ins[stand_in] = person.name
    return text, stand_ins


def past_with_names(text: str, people: Sequence[Person]) -> str:
    """``text`` told in the past tense, names read as names whatever they look like."""
    masked, stand_ins = _masked(text, people)
    told = told_in_past(masked)[0]
    for stand_in, name in stand_ins.items():
        told = re.sub(rf"\b{stand_in}\b", name, told)
    return told


def becomes(event: Event, noun: str) -> bool:
    """Whether ``noun`` is what someone turns into ("wakes up as a butterfly"): them, not
    a thing to look at."""
    return bool(re.search(rf"\b(?:as|into) an? {re.escape(noun)}\b", event.written))
