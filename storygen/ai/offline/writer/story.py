"""The story being written: its plot, its cast, the lines already used, and template filling.

Not the order of pages: that is composed in ``compose``.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import random
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storygen.ai.offline.writer.planning import norm, split_sentences
from storygen.ai.offline.writer.words import join_names, upper_first
from storygen.ai.types import StoryBrief

if TYPE_CHECKING:
    from storygen.ai.offline.writer.characters import Person
    from storygen.ai.offline.writer.kit import Kit
    from storygen.ai.offline.writer.places import Place
    from storygen.ai.offline.writer.plot_words import Plot


# The story being written: its plot, its cast, and the lines already used.


@dataclass
class Story:
    brief: StoryBrief
    kit: Kit
    place: Place
    rng: random.Random
    people: list[Person]
    setting: str  # as the user wrote it: "a primary school"
    tone: str
    plot: Plot
    stock: tuple[str, str, str]
    given: bool  # the outline brings its own ending
    flags: frozenset[str]
    segments: list[str]
    theme: str
    seen: set[str] = dataclasses.field(default_factory=set)
    templates: set[str] = dataclasses.field(default_factory=set)
    introductions: int = 0
    cache: dict[str, str] = dataclasses.field(default_factory=dict)
    uses: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)

    def names(self, cast: Sequence[Person]) -> str:
        return join_names([p.name for p in cast]) if cast else self.place.folk

    def key(self, sentence: str) -> str:
        """A sentence as repeats are judged: names count as the same word."""
        known = self.cache.get(sentence)
        if known is None:
            text = sentence
            for person in sorted(self.people, key=lambda p: -len(p.name)):
                text = text.replace(person.name, "someone")
            known = self.cache[sentence] = norm(text)
        return known

    def keys(self, text: str) -> set[str]:
        """The keys of a text's sentences, and of what is said inside its quotation marks."""
        keys = set()
        for sentence in split_sentences(text):
            keys.add(self.key(sentence))
            quoted = re.match(r'^"([^"]+)"', sentence)
            keys.add(self.key(quoted.group(1).rstrip(",")) if quoted else "")
        keys.discard("")
        return keys

    def fresh(self, text: str, page: set[str] | None = None) -> bool:
        keys = self.keys(text)
        return not any(k in self.seen or (page is not None and k in page) for k in keys)

    def remember(self, text: str) -> None:
        self.seen.update(self.keys(text))

    def fill(
        self,
        template: str,
        values: dict[str, str],
        flags: frozenset[str] = frozenset(),
        *,
        capital: bool = True,
    ) -> str:
        """``template`` filled in, or "" when its tags or placeholders do not fit."""
        body = _tagged(template, self.flags | flags | _page_flags(values))
        if body is None:
            return ""
        body = body.replace("In {setting}", "{In_setting}").replace("in {setting}", "{in_setting}")
        body = body.replace("a {tone}", "{a_tone}").replace("A {tone}", "{A_tone}")
        fields = _fields(body)
        if fields is None or any(not values.get(f) for f in fields):
            return ""
        text = body.format_map(values)
        return upper_first(text) if capital else text

    def choose(
        self,
        pools: Sequence[Sequence[str]],
        values: dict[str, str],
        flags: frozenset[str] = frozenset(),
        page: set[str] | None = None,
        *,
        capital: bool = True,
    ) -> str:
        """A fresh line from the pools (the first pool with one wins), or "".

        Lines not yet used in the story come first, then the least used; a used one comes
        back only when the page's place or cast makes it say something new.
        """
        for pool in pools:
            options = list(pool)
            self.rng.shuffle(options)
            options.sort(key=lambda t: self.uses[t])
            for template in options:
                line = self.fill(template, values, flags, capital=capital)
                if line and self.fresh(line, page):
                    self.templates.add(template)
                    self.uses[template] += 1
                    return line
        return ""


@functools.lru_cache(maxsize=4096)
def _fields(template: str) -> tuple[str, ...] | None:
    """The placeholders a template needs, or None when it is not a valid template."""
    try:
        return tuple(f for _, f, _, _ in string.Formatter().parse(template) if f)
    except ValueError:
        return None


def _page_flags(values: dict[str, str]) -> frozenset[str]:
    return frozenset(values.get("_flags", "").split())


def _tagged(template: str, flags: frozenset[str]) -> str | None:
    """The text of a tagged line when its tags match ``flags``, else None."""
    if not template.startswith("["):
        return template
    end = template.index("]")
    for tag in template[1:end].split():
        if not flags.intersection(tag.split("|")):
            return None
    return template[end + 1 :].lstrip()


def in_setting_phrase(setting: str) -> str:
    """The preposition a setting takes: "in a primary school", "on the village green"."""
    words = re.split(r"\s+(?:by|with|near|of|in|on|at|under|beside|behind)\s+", setting)[0]
    head = words.split()[-1].lower() if words.split() else ""
    onto = {
        "green", "beach", "island", "hill", "hilltop", "mountain", "mountainside", "farm",
        "ship", "boat", "moon", "planet", "shore", "coast", "field", "common", "street",
        "road", "ice", "rooftop", "roof", "train", "bus", "plane", "spaceship", "raft",
        "cliff", "riverbank", "pier", "jetty", "lawn", "prairie", "plain", "plains",
    }  # fmt: skip
    planets = {"mars", "venus", "jupiter", "saturn", "mercury", "neptune", "uranus", "pluto"}
    if head in onto or setting.lower() in planets or setting.lower() == "the moon":
        return f"on {setting}"
    return f"in {setting}"


def definite(setting: str) -> str:
    """The setting once the story has named it: "a primary school" -> "the primary school"."""
    first, _, rest = setting.partition(" ")
    if first.lower() in {"a", "an"} and rest:
        return "the " + rest
    return setting
