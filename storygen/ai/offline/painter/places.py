"""Which backdrop theme and which water a free-text place or description names.

Word matching only: ``theme_for`` picks the backdrop, ``water_for`` the pond, lake, river,
waterfall or puddle. Drawing them is the backdrops' and ``water``'s job.
"""

from __future__ import annotations

import re

# The theme named earliest in the text wins ("a house in the woods" is a home); on a tie the
# more specific theme listed first does ("underwater" before "sea").
_THEMES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
    for name, pattern in (
        ("underwater", r"underwater|under the sea|undersea|coral|reefs?|mermaids?|submarines?"),
        (
            "space",
            r"space|stars?|starry|planets?|rockets?|moon ?base|galax(?:y|ies)|"
            r"astronauts?|spaceships?|starships?|comets?|orbit",
        ),
        ("school", r"schools?|classrooms?|class|teachers?|library|playground"),
        ("home", r"home|house|bedrooms?|kitchen|attic|nursery|living room|cottage"),
        (
            "castle",
            r"castles?|kingdoms?|palaces?|princess(?:es)?|princes?|kings?|queens?|"
            r"knights?|towers?",
        ),
        ("snow", r"snow(?:y)?|mountains?|winter|icy|frozen|arctic|glaciers?|peaks?"),
        ("desert", r"deserts?|dunes?|sand dunes|oasis|cactus|cacti|pyramids?|sahara"),
        (
            "sea",
            r"seas?|beach(?:es)?|oceans?|lighthouses?|shores?|harbou?rs?|coast|"
            r"islands?|bay|pirates?|ships?|boats?|seaside",
        ),
        ("city", r"city|cities|town|towns|streets?|village|market|downtown|bakery|shops?"),
        ("forest", r"forests?|woods?|woodland|jungle|trees?|grove|rainforest"),
        ("garden", r"gardens?|farms?|barn|orchard|meadows?|fields?|park|allotment"),
    )
)


#: The backdrop used when nothing in the text names a place.
DEFAULT_THEME = "meadow"


def theme_for(text: str) -> str:
    """The backdrop theme a free-text place or description names (``"meadow"`` if none)."""
    best: tuple[int, int, str] | None = None
    for rank, (name, pattern) in enumerate(_THEMES):
        found = pattern.search(text)
        if found and (best is None or (found.start(), rank) < best[:2]):
            best = (found.start(), rank, name)
    return best[2] if best else DEFAULT_THEME


# The water named earliest in the text wins; on a tie, the kind listed first.
_WATERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
    for name, pattern in (
        ("waterfall", r"waterfalls?|cascades?"),
        ("lake", r"lakes?|lakeside|lakeshore"),
        ("river", r"rivers?|riverbanks?|riverside|streams?|brooks?|creeks?|moats?"),
        ("pond", r"ponds?|oasis|lily ?pads?"),
        ("puddle", r"puddles?"),
    )
)


ICE_WORDS = re.compile(r"\b(?:frozen|icy|ice|ice-skating|skating)\b", re.IGNORECASE)


def water_for(text: str) -> str | None:
    """The water a free-text place or description names (pond, lake, river...), if any."""
    best: tuple[int, int, str] | None = None
    for rank, (name, pattern) in enumerate(_WATERS):
        found = pattern.search(text)
        if found and (best is None or (found.start(), rank) < best[:2]):
            best = (found.start(), rank, name)
    return best[2] if best else None
