"""Where and when each page happens: its place and its time, read from the outline's events.

A page's place is the one its events name ("in his garden", "to the Moon"), else the place
the story was last in, else the brief's setting, else the genre's own (a bedtime story is
in the child's bedroom). A journey ("zooms to the Moon") moves the story there from that
event on. Times work the same way ("at night", "in
spring"); a bedtime story is at night unless the outline says otherwise.

Not the words of a page (``telling``) nor its picture (``pictures``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storygen.ai.offline.writer.characters import pronoun
from storygen.ai.offline.writer.scene_words import (
    AT_NOUNS,
    AT_PLACES,
    GENRE_PLACES,
    GENRE_TIMES,
    MOVING_VERBS,
    ON_NOUNS,
    PLACE_NOUNS,
    ROOMS,
    TIME_PHRASES,
)
from storygen.ai.offline.writer.times import story_times
from storygen.ai.offline.writer.user_text import setting_phrase

if TYPE_CHECKING:
    from storygen.ai.offline.writer.characters import Person
    from storygen.ai.offline.writer.events import Event
    from storygen.ai.types import StoryBrief


@dataclass(frozen=True)
class Scene:
    """Where and when a page happens, as a picture's description says it."""

    place: str  # "in Leo's garden", "on the Moon"; "" when nothing says
    time: str  # "at night", "in spring", "by day"; "" when nothing says

    def phrase(self) -> str:
        """ "in Mia's bedroom at night", "in the garden, by day", or just one of them."""
        if self.place and self.time:
            joiner = " " if self.time.startswith("at ") else ", "
            return f"{self.place}{joiner}{self.time}"
        return self.place or self.time


@dataclass(frozen=True)
class Found:
    """A place phrase of an event: how a picture says it and where the outline wrote it."""

    place: str
    noun: str
    start: int
    end: int
    moving: bool = False  # "to the Moon": a journey there, not a place something happens in


_PLACE = re.compile(
    r"\b(?P<prep>in|on|at|inside|into|onto|to|across|through|around|out of|under|by|"
    r"visits|visit|visited|visiting)\s+"
    r"(?P<owner>(?:the|a|an|his|her|their|its|my|our)\s+|[A-Z][\w]*['\u2019]s\s+)?"
    r"(?P<mods>(?:[\w'\u2019-]+\s+){0,2}?)"
    rf"(?P<noun>{'|'.join(sorted(PLACE_NOUNS | set(ROOMS), key=len, reverse=True))})"
    r"\b(?!['\u2019-]|\s+(?:time|trip|trips|bus|bag|day|uniform)\b)",
    re.IGNORECASE,
)
_HOME = re.compile(r"\b(?P<verb>[a-z]+)\s+(?:back\s+)?home\b(?!\s+time\b)", re.IGNORECASE)
_WATERS = {"river", "stream", "lake", "pond", "sea", "ocean"}
_POSSESSIVES = {"his": "he", "her": "she", "their": "they", "its": "it"}


def in_setting(setting: str) -> str:
    """The brief's setting with the preposition a sentence needs: "on the Moon"."""
    if not setting:
        return ""
    if setting.split()[0].lower() in {"in", "on", "at", "under", "inside", "above", "beside"}:
        return setting
    head = setting.split()[-1].lower()
    onto = {"moon", "beach", "farm", "island", "hill", "hillside", "mountain", "ship", "street"}
    if head in onto or setting.lower() == "mars" or "farm" in setting.lower():
        return f"on {setting}"
    return f"in {setting}"


def places_in(text: str, owner: dict[str, str]) -> list[Found]:
    """The places ``text`` names, in order; ``owner`` names whom "his" or "her" means."""
    found: list[Found] = []
    for match in _PLACE.finditer(text):
        prep, noun = match.group("prep").lower(), match.group("noun").lower()
        before = re.findall(r"[a-z]+", text[: match.start()].lower())[-5:]
        mods = (match.group("mods") or "").lower().split()
        if prep == "under" and noun not in {"sea", "pillow"}:
            continue
        if prep == "at" and noun not in AT_PLACES:
            continue  # "looks at the city": only a look
        if {"a", "an", "the", "to"}.intersection(mods):
            continue  # "to build a nest": a purpose, not a place
        if prep in {"to", "into", "onto"} and not MOVING_VERBS.intersection(before):
            continue  # "brings water to the village": no one goes there yet
        said = _said(match, prep, noun, owner)
        moving = prep in {"to", "into", "onto"}
        found.append(Found(said, noun, match.start(), match.end(), moving))
    for match in _HOME.finditer(text):
        if match.group("verb").lower() in MOVING_VERBS | {"at", "flying", "going", "heading"}:
            found.append(Found("at home", "home", match.start(), match.end(), True))
    return sorted(found, key=lambda f: f.start)


def _said(match: re.Match[str], prep: str, noun: str, owner: dict[str, str]) -> str:
    """A place phrase as a picture says it: "on her bed" -> "in Mia's bedroom"."""
    whose = (match.group("owner") or "").strip()
    mods = match.group("mods") or ""
    written = match.group("noun")
    if whose.lower() in _POSSESSIVES and "'" not in mods:
        name = owner.get(_POSSESSIVES[whose.lower()], "")
        whose = f"{name}'s" if name else "the"
    if noun in ROOMS:
        return f"in {whose if whose.endswith('s') else 'the'} {ROOMS[noun]}"
    if noun == "moon":
        return "on the Moon"
    if noun == "mars":
        return "on Mars"
    if noun == "home" and not whose:
        return "at home"
    if noun == "sea" and prep == "under":
        return "under the sea"
    if prep in {"by", "across"} and noun in _WATERS:
        said = "by"
    else:
        said = "on" if noun in ON_NOUNS else "at" if noun in AT_NOUNS else "in"
    if not whose and noun not in {"school", "home", "space"}:
        whose = "the"
    return " ".join(part for part in (said, whose, mods.strip(), written.lower()) if part)


def time_in(text: str, *, lasting: bool = False) -> str:
    """The time of day or season ``text`` names, as a picture says it: "at night";
    ``lasting``: only one the story stays in afterwards."""
    for pattern, said, lasts in TIME_PHRASES:
        match = re.search(pattern, text, re.IGNORECASE)
        if match and (lasts or not lasting):
            return said.format(*(g.lower() for g in match.groups()))
    return ""


def time_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names a time of day or a season."""
    return [
        (m.start(), m.end())
        for pattern, _, _ in TIME_PHRASES
        for m in re.finditer(pattern, text, re.IGNORECASE)
    ]


def owners(event: Event, people: Sequence[Person], recent: Sequence[str]) -> dict[str, str]:
    """Whom "his", "her" and "their" stand for in ``event``: its own names first, then
    whoever the story named last."""
    by_name = {p.name: p for p in people}
    out: dict[str, str] = {}
    for name in [*event.names, *reversed(recent)]:
        person = by_name.get(name)
        if person is not None:
            out.setdefault(pronoun(person)[0], name)
    if len(event.names) == 1:
        out.setdefault("they", event.names[0])
    return out


def own_part(written: str) -> str:
    """The part of an event that happens on its page: "wave ... before flying home" waves."""
    return re.split(r"\bbefore\s+\w+ing\b", written, maxsplit=1)[0]


def page_scenes(
    brief: StoryBrief,
    events: Sequence[Event],
    plan: Sequence[Sequence[int]],
    people: Sequence[Person],
) -> list[Scene]:
    """Each page's place and time, in order."""
    genre = brief.genre.strip().lower()
    lead = people[0].name if people else ""
    recent: list[str] = []
    where: list[tuple[str, str]] = []  # (the event's own place, where it leaves the story)
    for event in events:
        owner = owners(event, people, recent)
        own = places_in(own_part(event.written), owner)
        every = places_in(event.written, owner)
        where.append((own[0].place if own else "", every[-1].place if every else ""))
        recent.extend(event.names)
    place = in_setting(setting_phrase(brief.setting))
    if not place and genre in GENRE_PLACES and lead:
        place = GENRE_PLACES[genre].format(lead=lead)
    time = GENRE_TIMES.get(genre, "")
    daylight = not story_times(brief) & {"night", "evening"}
    scenes: list[Scene] = []
    for indices in plan:
        page_place = page_time = ""
        for index in indices:
            here, left = where[index]
            told = time_in(own_part(events[index].written))
            page_place = page_place or here or place
            page_time = page_time or told or time
            place = left or here or place
            time = time_in(events[index].written, lasting=True) or time
        scenes.append(
            Scene(page_place or place, page_time or time or ("by day" if daylight else ""))
        )
    return scenes
