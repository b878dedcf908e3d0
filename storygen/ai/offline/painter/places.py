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


# The places a picture can show. Rooms are only chosen when the words put the page indoors:
# "walked home through the snow" is still the snowy wood, not a bedroom.
_PLACES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
    for name, pattern in (
        (
            "moon",
            r"on the moon|the moon'?s surface|lunar|moon ?base|to the moon|moon landing|"
            r"moon rocks?|craters?",
        ),
        ("underwater", r"underwater|under the sea|undersea|coral|reefs?|sea ?bed|submarines?"),
        (
            "space",
            r"outer space|in space|into space|space ?ships?|planets?|galax(?:y|ies)|"
            r"astronauts?|starships?|comets?|orbit(?:ing)?|asteroids?|rockets?",
        ),
        (
            "classroom",
            r"classrooms?|in class|desks?|blackboard|chalkboard|teachers?|lessons?|library",
        ),
        (
            "bedroom",
            r"bedrooms?|in bed|into bed|to bed|nursery|under the (?:covers|blankets?|duvet)|"
            r"tucked (?:in|up)|pyjamas|pajamas",
        ),
        ("kitchen", r"kitchens?|ovens?|stoves?|cupboards?"),
        ("school", r"schools?|playground|school ?yard|school gates?"),
        (
            "castle",
            r"castles?|kingdoms?|palaces?|princess(?:es)?|princes?|kings?|queens?|knights?|"
            r"towers?|dragons?",
        ),
        (
            "beach",
            r"beach(?:es)?|seaside|sandy|shore|sandcastles?|sea ?shells?|rock ?pools?|coast",
        ),
        (
            "sea",
            r"seas?|oceans?|boats?|ships?|sail(?:ed|ing)?|harbou?rs?|lighthouses?|islands?|"
            r"pirates?|bay",
        ),
        (
            "snow",
            r"snow(?:y|ing|flakes?|man|men)?|winter|icy|frozen|arctic|glaciers?|igloos?|"
            r"sledg(?:e|es|ing)|sleds?|north pole",
        ),
        ("mountains", r"mountains?|peaks?|cliffs?|valleys?|summit"),
        ("desert", r"deserts?|dunes?|oasis|cactus|cacti|pyramids?|sahara|camels?"),
        ("jungle", r"jungles?|rain ?forests?|tropical|vines|lianas"),
        (
            "farm",
            r"farms?|farmyard|barns?|tractors?|haystacks?|hay|pigsty|hen ?house|"
            r"chicken coop|paddock|cornfields?|wheat",
        ),
        ("garden", r"gardens?|orchards?|allotment|vegetable patch|flower ?beds?|greenhouse"),
        (
            "city",
            r"city|cities|town|towns|streets?|village|market|downtown|bakery|shops?|"
            r"ice[- ]cream (?:shop|parlou?r|van)|caf[eé]s?|pavements?",
        ),
        ("forest", r"forests?|woods|woodland|grove|thicket|among the trees"),
        ("meadow", r"meadows?|fields?|hills?|grass(?:y|land)?|park|picnic|countryside"),
        # A page that is only "inside" shows the room at home where most stories stay.
        ("bedroom", r"inside|indoors|living room|attic|upstairs|downstairs|sofa|fireplace"),
    )
)

#: The rooms: painted only when a page's words put it indoors.
INDOOR_PLACES = frozenset({"bedroom", "kitchen", "classroom"})

#: Every place the painter can show.
PLACES = tuple(dict.fromkeys(name for name, _ in _PLACES))


def _place_named(text: str) -> str | None:
    best: tuple[int, int, str] | None = None
    for rank, (name, pattern) in enumerate(_PLACES):
        found = pattern.search(text)
        if found and (best is None or (found.start(), rank) < best[:2]):
            best = (found.start(), rank, name)
    if best is None:
        return None
    # A rocket next to the Moon stands on the Moon, not among the stars.
    if best[2] == "space" and _PLACES[0][1].search(text):
        return "moon"
    return best[2]


def place_for(description: str, setting: str = "") -> str:
    """The place a page's picture shows: what its description names, else the story's
    setting, else a meadow."""
    return _place_named(description) or _place_named(setting) or DEFAULT_THEME
