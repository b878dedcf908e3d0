"""The story's title and the quest object an outline names when no plot is found.

Not the cover picture: that is composed in ``compose``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storygen.ai.offline.writer.agreement import IRREGULAR_PLURALS, third_person
from storygen.ai.offline.writer.counting import count_words
from storygen.ai.offline.writer.outline import THING_MODIFIERS, THING_WORDS
from storygen.ai.offline.writer.story import definite
from storygen.ai.offline.writer.user_text import title_case
from storygen.ai.offline.writer.words import upper_first

if TYPE_CHECKING:
    from storygen.ai.offline.writer.characters import Person
    from storygen.ai.offline.writer.story import Story


def story_title(story: Story) -> str:
    brief, plot = story.brief, story.plot
    if brief.title.strip():
        return brief.title.strip()  # exactly what parse_story_draft keeps
    hero = plot.subject or (story.people[0].name if story.people else "")
    rng = story.rng
    title = ""
    if plot.kind in {"lost", "broken"}:
        patterns = [p for p in story.kit.thing_titles if hero or "{Hero}" not in p]
        pattern = rng.choice(patterns or ["The {Thing}"])
        noun = plot.head
        if plot.plural and noun not in IRREGULAR_PLURALS:
            noun = noun[:-3] + "y" if noun.endswith("ies") else noun.removesuffix("s")
        title = pattern.format(Hero=hero, Thing=plot.title_thing, Noun=title_case(noun))
    elif plot.kind == "journey":
        place = title_case(plot.place)
        owner = f"{hero}'s" if hero and not hero.endswith("s") else f"{hero}'" if hero else "The"
        title = f"{owner} {plot.trip} to {plot.place}" if place != "Home" else f"{owner} Way Home"
        title = title_case(title)
    elif plot.kind == "goal" and hero:
        verb, _, rest = plot.goal.partition(" ")
        words = rest.split()[:6]
        who = plot.team or hero
        title = title_case(" ".join([who, verb if plot.team else third_person(verb), *words]))
    elif plot.kind == "fear" and hero:
        title = title_case(f"{hero} is not {plot.fear}")
    if not title:
        place_name = story.place.title
        if story.setting and count_words(story.setting) <= 6:
            place_name = title_case(definite(story.setting))
            if place_name[:4].lower() == "the ":
                place_name = "the " + place_name[4:]
        thing = title_case(plot.head if plot.kind == "stock" else plot.thing.removeprefix("the "))
        pattern = rng.choice(story.kit.title_patterns) if story.people else "The {Thing} of {Place}"
        title = pattern.format(Hero=hero, Thing=thing, Place=place_name)
    return upper_first(" ".join(title.split()))[:200]


def thing_from_outline(outline: str, people: Sequence[Person]) -> str | None:
    """An object the outline names, for a genre plot to be about when none other is found.

    Words that describe a character ("her toy robot" when the robot is in the cast) are
    skipped: a friend is not a thing to be found.
    """
    lowered = outline.lower()
    cast_words = set(
        re.findall(r"[a-z]+", " ".join(f"{p.name} {p.description}" for p in people).lower())
    )
    best: tuple[tuple[int, int], str] | None = None
    for word in THING_WORDS:
        if word in cast_words:
            continue
        pattern = (
            r"\b(?:a|an|the|his|her|their|my|its|our)\s+"
            rf"(?:([a-z'-]+)\s+)?(?:([a-z'-]+)\s+)?{word}\b"
        )
        match = re.search(pattern, lowered)
        if not match:
            continue
        modifiers = [m for m in match.groups() if m]
        # Keep describing words ("broken star map"); a verb or a name would end the phrase.
        kept: list[str] = []
        for modifier in reversed(modifiers):
            if modifier not in THING_MODIFIERS:
                break
            kept.insert(0, modifier)
        phrase = " ".join([*kept, word])
        # The earliest object wins; at one place, the longer name ("star map", not "star").
        rank = (match.start(), -len(phrase))
        if best is None or rank < best[0]:
            best = (rank, phrase)
    return best[1] if best else None
