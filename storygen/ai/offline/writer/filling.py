"""What a page still short of its words is filled with, most to the point first.

The event told in more detail, then time passing, then the page's place and its time or
season; the gestures and feelings of ``Teller.quiet`` come only after all of these. Every
line is tied to the page: its event's own words, its place, its season. The tables are in
``beats`` and ``scenery``.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storygen.ai.offline.writer.agreement import is_plural
from storygen.ai.offline.writer.beats import BEATS, PASSING, PASSING_ANY, SEASON_GOING_ON
from storygen.ai.offline.writer.characters import cast_kinds, pronoun
from storygen.ai.offline.writer.counting import MAX_PAGE_CHARS, count_words
from storygen.ai.offline.writer.reacting import ASLEEP, NEGATED, verb_object
from storygen.ai.offline.writer.reactions import NOT_GROWING, REACTIONS_GROWING
from storygen.ai.offline.writer.scene_words import MOVING_VERBS, SEASONS
from storygen.ai.offline.writer.scenery import PLACE_KEYS, PLACE_SENSES, TIME_SENSES
from storygen.ai.offline.writer.scenes import own_part
from storygen.ai.offline.writer.words import upper_first

if TYPE_CHECKING:
    from storygen.ai.offline.writer.characters import Person
    from storygen.ai.offline.writer.events import Event
    from storygen.ai.offline.writer.scenes import Scene
    from storygen.ai.offline.writer.telling import Teller

#: How a scene's time reads as a bank of ``TIME_SENSES``.
_TIME_KEYS = (
    ("night", "night"),
    ("evening", "evening"),
    ("dusk", "evening"),
    ("morning", "morning"),
    ("dawn", "morning"),
    ("day", "day"),
    ("afternoon", "day"),
    ("lunchtime", "day"),
    *((season, season) for season in SEASONS),
)
_NOT_THINGS = frozenset(SEASONS) | {"day", "days", "week", "night", "year", "time", "one"}


def season_of(scene: Scene) -> str:
    return next((s for s in SEASONS if s in scene.time), "")


def time_key(scene: Scene) -> str:
    return next((key for word, key in _TIME_KEYS if word in scene.time), "")


def place_key(scene: Scene) -> str:
    """The bank of the page's place: its last word naming one ("on the Moon" -> moon)."""
    if "under the sea" in scene.place:
        return "underwater"
    found = [PLACE_KEYS[w] for w in re.findall(r"[a-z]+", scene.place.lower()) if w in PLACE_KEYS]
    return found[-1] if found else ""


#: Scenery a season or the dark rules out: no bees in the snow, no sunshine at night.
_OUT_OF_TIME = {
    "winter": re.compile(
        r"\b(?:green|flowers?|bees?|butterfl\w+|sunflowers?|warm\w*|dew\w*|bloom\w*|leaves|"
        r"ladybird|grasshoppers|swallows|sweet peas|blossom|daffodils|grass)\b",
        re.IGNORECASE,
    ),
    "autumn": re.compile(r"\b(?:bloom\w*|blossom|sunflowers|daffodils|snow|icicles?)\b", re.I),
    "spring": re.compile(r"\b(?:snow|icicles?|frost|gold|conkers|sunflowers)\b", re.I),
    "summer": re.compile(r"\b(?:snow|icicles?|frost|bare|conkers)\b", re.IGNORECASE),
    "night": re.compile(r"\b(?:sun\w*|blazed|bright pictures|pale)\b", re.IGNORECASE),
    "evening": re.compile(r"\b(?:sun|sunshine|sunlight|blazed)\b", re.IGNORECASE),
}


def in_season(lines: Sequence[str], scene: Scene) -> list[str]:
    """The scenery ``lines`` that fit the page's season and time of day."""
    rules = [_OUT_OF_TIME[k] for k in (season_of(scene), time_key(scene)) if k in _OUT_OF_TIME]
    return [line for line in lines if not any(rule.search(line) for rule in rules)]


def asleep(events: Sequence[Event]) -> bool:
    """Whether the page leaves someone asleep: they make no gestures then."""
    return any(ASLEEP.search(e.written) and not NEGATED.search(e.written) for e in events)


def beats(
    event: Event, people: Sequence[Person], who: str
) -> list[tuple[tuple[str, ...], tuple[str, ...], dict[str, str], bool]]:
    """The beats and dwelling lines of each verb family ``event`` uses, in its order, the
    words to fill them (its subject, else ``who``, whom "she" stands for, and the thing its
    verb acts on) and whether the family goes somewhere."""
    if NEGATED.search(event.written):
        return []
    kinds = cast_kinds(people)
    name = event.names[0] if event.names else who
    lead = next((p for p in people if p.name == name), None)
    told: list[tuple[tuple[str, ...], tuple[str, ...], dict[str, str], bool]] = []
    for token in re.findall(r"\b[a-z]+", own_part(event.written)):
        family = next((family for family in BEATS if token in family[0]), None)
        if family is None or any(family[1] == seen for seen, *_ in told):
            continue
        noun = verb_object(event, token)[0]
        if noun in NOT_GROWING and token in REACTIONS_GROWING:
            continue  # a flag is planted, and nothing grows
        values = {
            "name": lead.name if lead else "",
            "noun": "" if noun in kinds or noun in _NOT_THINGS else noun,
            "their": pronoun(lead)[2] if lead else "",
            "be": "were" if is_plural(noun) else "was",
            "them": "them" if is_plural(noun) else "it",
        }
        told.append((family[1], family[2], values, bool(family[0] & MOVING_VERBS)))
    return told


def passing(before: Scene | None, scene: Scene) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The signs of the next season and its arrival, when ``scene``'s season is not the one
    ``before``; nothing otherwise."""
    if before is None:
        return (), ()
    old, new = season_of(before), season_of(scene)
    if not old or not new or old == new:
        return (), ()
    return PASSING.get((old, new), PASSING_ANY)


@dataclass
class PageFill:
    """The lines a page can be filled with, by source, most to the point first."""

    teller: Teller
    sources: list[tuple[Sequence[str], dict[str, str], bool]]  # lines, values, in order
    share: int = 1  # pages, this one first, that draw on the same sources
    taken: collections.Counter[int] = field(default_factory=collections.Counter)
    caps: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A page takes its fair share of each source first, so that the pages dwelling
        # on the same event after it still find something to tell.
        for index, (lines, values, _) in enumerate(self.sources):
            left = sum(self._fresh(line, values) for line in lines)
            self.caps[index] = -(-left // max(1, self.share))

    def _fresh(self, template: str, values: dict[str, str]) -> bool:
        if any(not values.get(k) for k in re.findall(r"{(\w+)}", template)):
            return False
        return self.teller.fresh(upper_first(template.format_map(values)))

    def line(self) -> str:
        """The next fresh line, or "" once every source is told."""
        for times in (1, 2, 0):
            for index, (lines, values, ordered) in enumerate(self.sources):
                if times and self.taken[index] >= times * self.caps[index]:
                    continue
                options = [(line,) for line in lines] if ordered else [tuple(lines)]
                for option in options:
                    line = self.teller.pick(option, values)
                    if line:
                        self.taken[index] += 1
                        return line
        return ""


def page_fill(
    teller: Teller,
    people: Sequence[Person],
    events: Sequence[Event],
    scene: Scene,
    *,
    moods: Sequence[str],
    who: str,
    lingering: bool,
    share: int,
    after: Scene | None,
) -> PageFill:
    """What the page may be filled with: ``events`` told beat by beat (or, on a page
    ``lingering`` on them, time going by while they go on), then its place's lines and the
    setting's ``moods``, then its time's. The page before a new season (the scene
    ``after`` it) tells its signs; the arrival comes before the next page's events."""
    sources: list[tuple[Sequence[str], dict[str, str], bool]] = []
    told = [each for event in events for each in beats(event, people, who)]
    if told:
        # A page dwelling on its events tells where the last of them left off: after
        # "spun a cocoon and slept", the sleeping; after a journey, not the journey.
        own, dwelling, values, going = told[-1]
        if lingering and not going:
            sources += [(dwelling, values, True), (own, values, True)]
        elif not lingering:
            sources += [(lines, more, True) for lines, _, more, _ in told]
            sources.append((dwelling, values, True))
    # The last page before a new season shows it coming.
    sources.append((passing(scene, after)[0] if after else (), {}, True))
    season = season_of(scene)
    if lingering and season:
        sources.append((SEASON_GOING_ON[season], {}, True))
    place = place_key(scene)
    if place:
        sources.append((in_season(PLACE_SENSES[place], scene), {}, False))
    if moods:
        sources.append((moods, {}, False))
    time = time_key(scene)
    if time:
        sources.append((TIME_SENSES[time], {}, False))
    if season == "winter" and place != "snow":
        sources.append((PLACE_SENSES["snow"], {}, False))
    return PageFill(teller, sources, share)


def fit_page(
    teller: Teller,
    lines: list[tuple[bool, str]],
    filler: PageFill,
    moods: Sequence[str],
    target: int,
    bounds: tuple[int, int],
    cast: Sequence[str],
    roomy: bool = False,
) -> str:
    """The page's text within its density: extra lines dropped from the end, quiet ones
    added before the last line when short (``roomy``: up to the target however many it
    takes). Event sentences always stay."""
    low, high = bounds
    kept = list(lines)
    while count_words(" ".join(s for _, s in kept)) > target:
        optional = [i for i, (must, _) in enumerate(kept) if not must]
        if not optional:
            break
        drop = optional[-1]
        del kept[drop]
    _fill(teller, kept, filler, moods, cast, (low, target, high), roomy)
    text = " ".join(s for _, s in kept) or "And so the story went on."
    while count_words(text) > high:
        optional = [i for i, (must, _) in enumerate(kept) if not must]
        if not optional:
            break
        del kept[optional[-1]]
        text = " ".join(s for _, s in kept)
    # An outline far longer than the book: the page keeps the events that fit.
    if count_words(text) > high and len(kept) > 1:
        while count_words(text) > high and len(kept) > 1:
            # The first line and the last stay, and so does the line naming the setting.
            middle = [i for i in range(1, len(kept) - 1) if not teller.names_setting(kept[i][1])]
            del kept[middle[-1] if middle else -1]
            text = " ".join(s for _, s in kept)
        _fill(teller, kept, filler, moods, cast, (low, low, high), roomy=False)
        text = " ".join(s for _, s in kept)
    if count_words(text) > high:
        # One outline sentence longer than a page: its opening words, as a sentence.
        text = " ".join(text.split()[: max(low, high - 10)]).rstrip(",;:") + "."
    if len(text) > MAX_PAGE_CHARS:
        # Very long words: whole sentences up to the page's size in characters.
        cut = text[:MAX_PAGE_CHARS]
        end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
        text = cut[: end + 1] if end > 0 else cut.rsplit(" ", 1)[0] + "."
    return text


def _fill(
    teller: Teller,
    kept: list[tuple[bool, str]],
    filler: PageFill,
    moods: Sequence[str],
    cast: Sequence[str],
    aims: tuple[int, int, int],
    roomy: bool,
) -> None:
    """Lines added before the page's last line until it reaches its aim: a few round a
    page off; more only while it is still short of ``low`` (or ``roomy``). The page's own
    beats and scenery come first, the quiet gestures of ``Teller.quiet`` only after."""
    low, target, high = aims
    for added in range(40):
        words = count_words(" ".join(s for _, s in kept))
        if words >= low and (words >= target - 8 or (added >= 4 and not roomy)):
            break
        line = filler.line() or teller.quiet(moods, cast, short=words < low)
        if not line or words + count_words(line) > high:
            break
        at = len(kept) - 1 if kept and kept[-1][0] and len(kept) > 1 else len(kept)
        kept.insert(at, (False, line))
