"""Telling events in the story's own words: looks, fresh sentence shapes, texture and talk.

Not which event goes on which page (``compose``) nor how the outline is read (``events``).
"""

from __future__ import annotations

import collections
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storygen.ai.offline.writer.agreement import is_plural
from storygen.ai.offline.writer.characters import cast_kinds, pronoun
from storygen.ai.offline.writer.events import becomes
from storygen.ai.offline.writer.phrasing import GARMENTS
from storygen.ai.offline.writer.reacting import ASLEEP, reaction
from storygen.ai.offline.writer.scene_words import PLACE_NOUNS, SEASONS
from storygen.ai.offline.writer.tense import told_in_past
from storygen.ai.offline.writer.texture_lines import (
    AFTER,
    GESTURES,
    LINKS,
    MANNERS,
    NOUN_LINES,
    NOUN_TALK,
    PAUSES,
    PLACE_LINES,
    QUIET,
    REPLIES,
    TALK,
    TOGETHER,
)
from storygen.ai.offline.writer.words import lower_first, upper_first

if TYPE_CHECKING:
    from storygen.ai.offline.writer.characters import Person
    from storygen.ai.offline.writer.events import Event

#: Gestures too lively for a bedtime story winding down.
_LIVELY = re.compile(r"\b(?:laughed|clapped|bounced|brave|taller|skip|wave)\b")

#: More words than this in a row from the outline or a description read as pasted.
MAX_BORROWED = 8

_GROUPS = {
    "bedtime": ("bedtime", "lullaby", "sleep"),
    "funny": ("comedy", "funny", "humor", "humour"),
    "bold": (
        "adventure", "action", "scifi", "sci-fi", "space", "fantasy", "magic", "mystery",
        "thriller", "horror", "pirate", "superhero",
    ),
}  # fmt: skip
_TRAILING = re.compile(
    r"\s+((?:in|on|at|across|through|into|onto|under|over|behind|beside|near|inside|"
    r"around|along|down|up|past|by|with|for)\s+(?:the|a|an|his|her|their|its|my|our)(?:\s+[\w'-]+){1,3})"
    r"([.!?])$"
)


def genre_group(genre: str) -> str:
    """The kind of opening, ending and talk a genre takes: bedtime, funny, bold or calm."""
    low = genre.lower()
    for group, words in _GROUPS.items():
        if any(word in low for word in words):
            return group
    return "calm"


def stems(text: str) -> list[str]:
    """Lower-case words without the endings tense and number add, as pasting is judged."""
    text = re.sub(r"['\u2019]s\b", "", text.lower().replace("\u2019", "'"))
    out = []
    for word in re.findall(r"[a-z0-9]+", text):
        for ending in ("ing", "ed", "es", "s"):
            if len(word) > len(ending) + 2 and word.endswith(ending):
                word = word[: -len(ending)]
                break
        out.append(word)
    return out


def runs(text: str) -> set[str]:
    """Every run of ``MAX_BORROWED + 1`` words of ``text``: none may reach a page."""
    words = stems(text)
    span = MAX_BORROWED + 1
    return {" ".join(words[i : i + span]) for i in range(len(words) - span + 1)}


def borrows(sentence: str, forbidden: set[str]) -> bool:
    return bool(runs(sentence) & forbidden)


def look_clause(person: Person) -> str:
    """A short clause of who someone is and how they look: "a seven-year-old girl in a
    yellow raincoat", "in her red backpack", "with a bushy tail".

    One thing worn (or, failing that, one feature) from the character's notes, never the
    whole description; "" when they name nothing.
    """
    items: list[str] = []
    for part in (person.brief.clothing_style, person.brief.physical_appearance):
        items += _items(part)
    match = re.search(r"\b(?:with|wearing|in)\s+(.+)", person.description, re.IGNORECASE)
    if match:
        items += _items(match.group(1))
    worn = [i for i in items if GARMENTS.search(i)]
    if not items:
        return person.who if "-year-old" in person.who else ""
    item = (worn or items)[0]
    owner = pronoun(person)[2]
    if person.who:
        clothed = worn and not person.who.startswith("a little")  # a robot's bow tie: "with"
        look = f"in {_a(item)}" if clothed else f"with {_a(item)}"
        return f"{person.who} {look}"
    owner = owner if owner in {"her", "his"} else ""
    if worn:
        return f"in {owner} {item}" if owner else f"wearing {_a(item)}"
    return f"with {owner} {item}" if owner else f"with {_a(item)}"


def _items(text: str) -> list[str]:
    """The things a list of looks names: "a yellow raincoat and green boots" -> two."""
    text = re.sub(r"\([^)]*\)?|[()]", " ", text)
    parts = [i.strip() for i in re.split(r",|;|\band\b|\bwith\b", text) if i.strip()]
    parts = [re.sub(r"^(?:a|an|the|some|two|one)\s+", "", i, flags=re.IGNORECASE) for i in parts]
    return [i for i in parts if 0 < len(i.split()) <= 5 and not re.search(r"\bwho\b", i)]


def _a(phrase: str) -> str:
    head = phrase.split()[-1]
    if is_plural(head.lower()) or (GARMENTS.search(head) and head.endswith("s")):
        return phrase
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


_LEADING = re.compile(
    r"^((?:At|In|On|When|Before|After|During|By|Under|Inside)\b[^,]{2,40}),\s+(.+?)([.!?])$"
)
_APPOSITION = re.compile(
    r"\b([A-Z][a-z]+) the [a-z]+\b(?= (?:[a-z]+ed|is|was|had|wanted|[a-z]+s)\b)"
)
_PURPOSE = re.compile(r"(?<=[a-z]) to (?=(?:decorate|play|bring|make|keep|see|watch|help|build)\b)")


def reshaped(sentence: str, forbidden: set[str], pronoun_word: str = "they") -> str:
    """The sentence in another shape when it borrows too many words from the outline.

    A place at the end moves to the front ("In his garden, Leo built a rocket"); a long
    "and" splits into two sentences; failing both, the sentence is cut at the borrowed run.
    """
    if not borrows(sentence, forbidden):
        return sentence
    # "Olive the octopus wanted" -> "Olive wanted": the look says what Olive is.
    sentence = _APPOSITION.sub(r"\1", sentence, count=1)
    if not borrows(sentence, forbidden):
        return sentence
    # "To play at school" -> "so he could play at school": the purpose in other words.
    purpose = _PURPOSE.sub(f" so {pronoun_word} could ", sentence, count=1)
    if not borrows(purpose, forbidden):
        return purpose
    leading = _LEADING.match(sentence)
    if leading:
        moved = f"{upper_first(leading.group(2))} {_lower_lead(leading.group(1))}{leading.group(3)}"
        if not borrows(moved, forbidden):
            return moved
    trailing = _TRAILING.search(sentence)
    fronted_already = "," in " ".join(sentence.split()[:6])
    # "the jaguar behind a waterfall and the frog under a leaf": a list, not one place.
    listed = trailing is not None and " and " in " ".join(sentence[: trailing.start()].split()[-4:])
    if (
        trailing
        and not fronted_already
        and not listed
        and len(sentence[: trailing.start()].split()) >= 3
    ):
        fronted = (
            f"{upper_first(trailing.group(1))}, {_lower_lead(sentence[: trailing.start()])}"
            f"{trailing.group(2)}"
        )
        if not borrows(fronted, forbidden):
            return fronted
        sentence = fronted
    head, joiner, tail = sentence.partition(" and ")
    # Only where a verb follows: "the cranes, the trains and the bakery" is one list.
    acts = joiner and told_in_past(f"they {tail}")[1] > 0
    if acts and len(head.split()) >= 3 and len(tail.split()) >= 2:
        own = tail.split()[0][:1].isupper() or tail.split()[0] in {"the", "a", "she", "he", "they"}
        subject = "" if own else pronoun_word
        second = f"After that, {subject} {tail}".replace("  ", " ")
        split = f"{head}. {upper_first(second.strip())}"
        if not borrows(split, forbidden):
            return split
    return _loosened(sentence, forbidden)


#: Small words with a stand-in that keeps the meaning: one swapped breaks a borrowed run.
_SWAPS = (
    (" that ", " which "), (" a little ", " a small "), (" little ", " small "),
    (" tiny ", " very small "), (" big ", " large "), (" out of ", " from "),
    (" about ", " all about "), (" into ", " right into "), (" very ", " really "),
    (" with a ", " carrying a "), (" for her ", " just for her "), (" for his ", " just for his "),
    (" for the ", " ready for the "), (" called ", " named "), (" because ", " since "),
    (" when ", " as soon as "), (" how to ", " the way to "), (" each ", " every "),
    (" and ", " and then "), (" towards ", " straight towards "), (" up ", " right up "),
    (" across the ", " right across the "), (" with her ", " along with her "),
    (" with his ", " along with his "), (" full of ", " filled with "),
)  # fmt: skip


def _loosened(sentence: str, forbidden: set[str]) -> str:
    """The sentence with a small word swapped where that breaks the borrowed run."""
    for old, new in _SWAPS:
        if old in sentence:
            candidate = sentence.replace(old, new, 1)
            if not borrows(candidate, forbidden):
                return candidate
    return sentence


def _lower_lead(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first in {
        "The", "A", "An", "His", "Her", "Their", "Its", "They", "It", "He", "She", "On", "In",
        "At", "Across", "Through", "Into", "Under", "Over", "Behind", "Near", "Inside", "When",
        "Before", "After", "Everyone", "Nobody", "Everything", "That", "There", "Two", "Three",
        "Four", "Five", "Six", "Some", "All", "Every", "Little",
    }:  # fmt: skip
        return text[:1].lower() + text[1:]
    return text


@dataclass
class Teller:
    """What the story has said so far, so no sentence is told twice and looks come once."""

    people: Sequence[Person]
    group: str
    place: str  # the page's place with its preposition ("in Leo's garden"), or ""
    forbidden: set[str]
    rng: random.Random
    setting: str = ""  # the brief's setting, as a phrase: "a lighthouse by the sea"
    untold: re.Pattern[str] | None = None  # times of day the brief leaves out
    said: set[str] = field(default_factory=set)
    pauses: int = 0  # pauses on the page being written: two are enough
    resting: bool = False  # someone on the page being written is asleep
    looks: int = 0  # looks back at the story's things on the page being written
    nouns: list[str] = field(default_factory=list)  # every thing the story names
    only: list[str] | None = None  # the page's cast, when a rewrite keeps to its picture
    colour: tuple[str, ...] = ()  # the genre's own lines
    seen: collections.Counter[str] = field(default_factory=collections.Counter)
    met: set[str] = field(default_factory=set)  # who the events have brought in so far
    setting_page: int = 1  # the page that names the setting
    looks_shown: set[str] = field(default_factory=set)  # looks a kept page has given
    introduced: set[str] = field(default_factory=set)
    used: collections.Counter[str] = field(default_factory=collections.Counter)

    def key(self, sentence: str) -> str:
        """A sentence as repeats are judged: names count as the same word, so "Leo waved"
        and "Ada waved" are one sentence told twice."""
        for person in sorted(self.people, key=lambda p: -len(p.name)):
            sentence = re.sub(rf"\b{re.escape(person.name)}\b", "x", sentence)
        return " ".join(re.findall(r"[a-z0-9']+", sentence.lower().replace("everyone", "x")))

    def fresh(self, sentence: str) -> bool:
        if self.untold is not None and self.untold.search(sentence):
            return False
        return self.key(sentence) not in self.said and not borrows(sentence, self.forbidden)

    def keep(self, sentence: str, *, introduce: bool = True) -> str:
        self.said.add(self.key(sentence))
        for person in self.people:
            self.seen[person.name] += person.name in sentence
        return self.introduce(sentence) if introduce else sentence

    def event(self, event: Event, link: str = "") -> str:
        """The event told in the past tense, with a look for whoever appears first."""
        told = self.introduce(event.told, before=True)
        # A look told in a sentence of its own comes first, and the link stays with the
        # event: "Pearl had a green tail. Then Pearl swam", not "Then Pearl had a green tail".
        look = told[: -len(event.told)] if told != event.told and told.endswith(event.told) else ""
        told = reshaped(told[len(look) :], self.forbidden, self.pronoun_of(event))
        opens_with_aside = "," in " ".join(told.split()[:6])
        if link and not opens_with_aside and not told.startswith(("Then ", "After that")):
            first = told.split(" ", 1)[0]
            lead = told if first in _name_words(self.people) else lower_first(_lower_lead(told))
            told = f"{link} {lead}"
        if not self.fresh(told):
            told = reshaped(told, self.forbidden, self.pronoun_of(event))
        return self.keep(look + upper_first(told))

    def names_setting(self, line: str) -> bool:
        """Whether ``line`` names the page's place or the brief's setting."""
        setting = self.setting.split(" ", 1)[-1]
        return bool(self.place and self.place in line) or bool(setting and setting in line)

    def pronoun_of(self, event: Event) -> str:
        """The pronoun for the event's subject: "she" for Kai's sister, "they" for a pair."""
        lead = next((p for p in self.people if event.told.startswith(p.name)), None)
        if lead is None or (len(event.names) > 1 and event.told.startswith(f"{lead.name} and")):
            return "they"
        return pronoun(lead)[0]

    def introduce(self, text: str, *, before: bool = False) -> str:
        """Adds a look the first time each character is named in ``text``: a clause after
        the name, or where none fits, a sentence of its own (``before`` the text, for an
        event whose telling should still end the line)."""
        for person in self.people:
            if person.name in self.introduced or not re.search(rf"\b{person.name}\b", text):
                continue
            self.introduced.add(person.name)
            clause = look_clause(person)
            if not clause:
                continue
            match = re.search(rf"\b{re.escape(person.name)}\b(?!['\u2019])", text)
            after = text[match.end() :] if match else ""
            if match and not after.startswith(
                (",", " and ", " the ", " or ", ".", "!", "?", '"', "'", "\u2019")
            ):
                text = f"{text[: match.end()]}, {clause},{text[match.end() :]}"
            else:
                # Named where no clause fits ("said Mira."): a sentence of their own.
                verb = "had" if clause.startswith("with ") else "was"
                own = f"{person.name} {verb} {clause.removeprefix('with ')}."
                text = f"{own} {text}" if before else f"{text} {own}"
        return text

    def reintroduce(self, text: str, high: int) -> str:
        """The page with the look of anyone whose introduction was cut from it for length:
        a look counts as given only once the reader has seen it."""
        for person in self.people:
            clause = look_clause(person)
            given = clause and (clause in text or clause.removeprefix("with ") in text)
            if person.name not in self.introduced or not clause or given:
                continue
            if not re.search(rf"\b{re.escape(person.name)}\b", text) or self.shown(person):
                continue
            self.introduced.discard(person.name)
            longer = self.introduce(text)
            if len(longer.split()) <= high:
                text = longer
        for person in self.people:
            clause = look_clause(person)
            if clause and (clause in text or clause.removeprefix("with ") in text):
                self.looks_shown.add(person.name)
        return text

    def shown(self, person: Person) -> bool:
        return person.name in self.looks_shown

    def pick(
        self, options: Sequence[str], values: dict[str, str], *, introduce: bool = True
    ) -> str:
        """A fresh filled-in line from ``options``, or "" when none fits; a character named
        for the first time is introduced unless ``introduce`` is false (a title-like line)."""
        pool = list(options)
        self.rng.shuffle(pool)
        pool.sort(key=lambda template: self.used[template])
        for template in pool:
            try:
                line = upper_first(template.format_map(values))
            except KeyError:
                continue
            if any(not values.get(k) for k in re.findall(r"{(\w+)}", template)):
                continue
            if self.fresh(line):
                self.used[template] += 1
                return self.keep(line, introduce=introduce)
        return ""

    def texture(
        self, events: Sequence[Event], cast: Sequence[str], *, lingering: bool = False
    ) -> list[str]:
        """Candidate lines for a page, most to the point first: things, talk, then pauses.

        A ``lingering`` page tells no event of its own: it dwells on the one before.
        """
        # Only those the story has already met may join in: nobody talks before they appear.
        allowed = [n for n in self.names if (self.only is None or n in self.only) and n in self.met]
        name = cast[0] if cast else (allowed or self.names)[0]
        other = next((n for n in cast[1:]), "")
        if not other:
            # Someone the story has named least joins in, so every character is seen.
            others = [n for n in allowed if n != name and n != "everyone"]
            other = min(others, key=lambda n: (self.seen[n], others.index(n)), default="")
        # Things, not places nor the cast: nobody reaches out towards the forest, and Hazel
        # the squirrel is not a thing to look at.
        kinds = cast_kinds(self.people)
        nouns = [
            n
            for e in events
            for n in e.nouns
            if n[:1].islower() and n not in PLACE_NOUNS | kinds | set(SEASONS) and not becomes(e, n)
        ]
        sleeping = any(ASLEEP.search(e.written) for e in events)
        if sleeping:
            nouns = []  # nobody looks at anything once they are asleep
        values = {
            "name": name,
            "other": other,
            "place": self.place,
            "names": name,
        }
        lines: list[str] = []
        reacted = False
        if not lingering:
            for index, event in enumerate(events):
                for _ in range(2 if index == 0 else 1):
                    line = self.react(event, cast, allowed)
                    reacted = reacted or bool(line)
                    lines.append(line)
        for index, noun in enumerate(nouns[: 1 if reacted else 2]):
            who = other if index and other else name
            noun_values = {
                **values,
                "name": who,
                "other": name if who == other else other,
                "noun": noun,
                "be": "were" if is_plural(noun) else "was",
            }
            if lingering:
                lines.append(self.pick(AFTER, noun_values))
            lines.append(self.pick(NOUN_LINES, noun_values))
            if not index and self.people and not reacted:
                lines.append(self.pick(NOUN_TALK, noun_values))
                if other:
                    lines.append(self.pick(REPLIES, {"name": other}))
        if self.people and not reacted and not sleeping:
            lines.append(self.pick(TALK[self.group], {**values, "name": other or name}))
        if other and name:
            lines.append(self.pick(TOGETHER, values))
        if self.place:
            lines.append(self.pick(PLACE_LINES, values))
        if self.colour:
            lines.append(self.pick(self.colour, {}))
        return [line for line in lines if line]

    def react(self, event: Event, cast: Sequence[str], allowed: Sequence[str]) -> str:
        """What someone says or does right after ``event``, in the event's own words: "Hold
        on tight!" when a rocket zooms; "" when no reaction fits or all are told."""
        present = [n for n in dict.fromkeys([*event.names, *cast]) if n in allowed]
        name = present[0] if present else (allowed[0] if allowed else "")
        other = next((n for n in [*present[1:], *allowed] if n != name), "")
        lines, values = reaction(event, self.people)
        values = {**values, "name": name, "other": other}
        # In the table's order: the line most to the point first.
        return next((line for t in lines if (line := self.pick((t,), values))), "")

    def quiet(self, moods: Sequence[str], cast: Sequence[str], *, short: bool = False) -> str:
        """One more line for a page still short once its beats and scenery are told: the
        setting's mood, a quiet line, a gesture (two a page at most, each once a story,
        none from someone asleep), then a look back at a thing the story named (three a
        page, unless it is ``short`` of its density still)."""
        names = [n for n in (list(cast) or self.names) if self.only is None or n in self.only]
        names = [n for n in names if n in self.met or n == "everyone"] or names
        line = self.pick(moods, {}) or self.pick(QUIET, {})
        if line or self.resting:
            return line  # nobody gestures, nor looks at things, in their sleep
        if self.pauses < 2:
            # A bedtime story winds down: no hops nor cheers.
            calm = [t for t in PAUSES if not (self.group == "bedtime" and _LIVELY.search(t))]
            line = self.pick(
                [t for t in calm if not self.used[t]],
                {"name": self.rng.choice(names or self.names)},
            )
            self.pauses += bool(line)
        if line or (self.looks >= 3 and not short):
            return line  # three looks back at the story's things are enough on a page
        for noun in self.nouns:
            values = {"noun": noun, "be": "were" if is_plural(noun) else "was"}
            for each in self.names:
                other = next((n for n in self.names if n != each), "")
                for pool in (NOUN_LINES, AFTER, NOUN_TALK) if self.people else (NOUN_LINES,):
                    line = line or self.pick(pool, {**values, "name": each, "other": other})
        self.looks += bool(line)
        if not line and short:
            # Everything else is told and the page is still short of its density.
            moments = [f"{{name}} {g}, {m}." for g in GESTURES for m in MANNERS]
            line = self.pick(moments, {"name": self.rng.choice(names or self.names)})
        return line

    @property
    def names(self) -> list[str]:
        """Who the extra lines may be about: the cast, or everyone when there is none."""
        names = [p.name for p in self.people]
        if self.only is not None:
            names = [n for n in names if n in self.only]
        return names or ["everyone"]

    def link(self) -> str:
        return self.rng.choice(LINKS)


def _name_words(people: Sequence[Person]) -> set[str]:
    return {person.name.split()[0] for person in people}
