"""What a genre kit holds, and how its tagged, templated lines are written.

The kits themselves are data in ``kits_gentle`` and ``kits_bold``; choosing one for a genre
is in ``genres``.
"""

from __future__ import annotations

from dataclasses import dataclass

# Genre kits: the vocabulary and plot beats of each genre.
#
# Lines may start with tags in brackets that say when they fit the story; a line without
# tags fits any story. Each tag lists alternatives separated by "|", and every tag must
# match (see _tagged in the story module). So "[search noclue]" is for a hunt for a thing
# where the outline gave no clue of its own, and "[lost|broken told]" for a lost or broken
# thing whose trouble the outline has already told.
#
# Placeholders: {All} the page's cast, {Hero} its lead, {Sub} the one the plot is about,
# {thing}/{Thing} the quest object with its article, {was} its verb, {it} its pronoun,
# {gone} what happened to it, {place} a journey's end, {goal} a wish, {fear} a worry,
# {the_clue} the outline's own clue, {setting}, {tone}, {spot} a place inside the setting.


@dataclass(frozen=True)
class Kit:
    tone: str
    setting: str
    things: tuple[str, ...]
    title_patterns: tuple[str, ...]
    # Titles for a thing the outline names; {Thing} is then "Vanished Hamster" and the like.
    thing_titles: tuple[str, ...]
    openings: tuple[str, ...]
    # The genre's own plot when the outline gives none: (problem, turn, resolution) triples
    # that belong together, as each turn explains its own problem.
    stock: tuple[tuple[str, str, str], ...]
    problems: tuple[str, ...]
    methods: tuple[str, ...]
    setbacks: tuple[str, ...]
    clues: tuple[str, ...]
    turns: tuple[str, ...]
    resolutions: tuple[str, ...]
    endings: tuple[str, ...]
    moods: tuple[str, ...]
    lines: dict[str, tuple[str, ...]]
