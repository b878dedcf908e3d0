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
            r"tucked (?:in|up)|pyjamas|pajamas|(?<!flower )(?<!river )(?<!hay )beds?|"
            r"pillows?|(?<!picnic )blankets?|duvet|bedtime|"
            r"(?:cannot|can't|could not|couldn't) (?:get to )?sleep|"
            r"(?:falls?|fell|falling|drifts? off|drifted off) (?:fast )?asleep",
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
        ("mountains", r"mountains?|peaks?|cliffs?|valleys?|summit|caves?|caverns?"),
        ("desert", r"deserts?|dunes?|oasis|cactus|cacti|pyramids?|sahara|camels?"),
        ("jungle", r"jungles?|rain ?forests?|tropical|vines|lianas"),
        (
            "farm",
            r"farms?|farmyard|barns?|tractors?|haystacks?|hay|pigsty|hen ?house|"
            r"chicken coop|paddock|cornfields?|wheat",
        ),
        ("garden", r"gardens?|orchards?|allotment|vegetable patch|flower ?beds?|greenhouse"),
        (
            "shop",
            r"bakery|bakeries|bakers?'?s?|shops?|caf[eé]s?|tea ?rooms?|grocer(?:y|'?s)|"
            r"ice[- ]cream parlou?rs?|sweet ?shops?",
        ),
        (
            "living room",
            r"cottages?|living rooms?|sitting rooms?|lounge|fireplaces?|fireside|hearth|"
            r"(?:by|near|beside|around|round) the fire|sofa|armchairs?",
        ),
        ("museum", r"museums?|galler(?:y|ies)|exhibits?|exhibitions?|dinosaur skeletons?"),
        (
            # A city park is grass and trees, not a street.
            "city",
            r"city(?! parks?)|cities|town(?! parks?)|towns|streets?|village|market|downtown|"
            r"ice[- ]cream vans?|pavements?",
        ),
        ("forest", r"forests?|woods|woodland|grove|thicket|among the trees"),
        ("meadow", r"meadows?|fields?|hills?|grass(?:y|land)?|parks?|picnic|countryside"),
        # A page that is only "inside" shows the room at home where most stories stay.
        ("bedroom", r"inside|indoors|attic|upstairs|downstairs"),
    )
)

#: The rooms: painted only when a page's words put it indoors.
INDOOR_PLACES = frozenset({"bedroom", "kitchen", "classroom", "shop", "living room", "museum"})

#: Every place the painter can show.
PLACES = tuple(dict.fromkeys(name for name, _ in _PLACES))


# Where something is, as opposed to what it is near or heading for: "builds a rocket in his
# garden" happens in the garden. A place word after one of these (and up to three words such as
# "the big old") is named as the page's place.
_LOCATION = (
    r"in|on|at|under|inside|outside|across|into|onto|through|around|among|near|beside|"
    r"behind|beneath|below|along|within|over"
)
_AFTER_LOCATION = re.compile(rf"\b({_LOCATION})\s+(?:[\w'\u2019-]+\s+){{0,3}}$", re.IGNORECASE)
_STARTS_WITH_LOCATION = re.compile(rf"^({_LOCATION})\s", re.IGNORECASE)
# "On the beach" says where more plainly than "into the tallest tower" or "over the meadow".
_PLAINLY = frozenset({"in", "on", "at", "inside", "within"})
# Words that are no place after a preposition: "in her rocket" is a ride, "through the winter"
# a time.
_NOT_WHERE = re.compile(r"rockets?|winter", re.IGNORECASE)

# What someone imagines, dreams of or is told about is not where they are: "Mia imagines the
# seeds growing into tall sunflowers, in her bedroom" stays in her bedroom. The rest of the
# clause, up to its next comma, is set aside.
_IMAGINED = re.compile(
    r"\b(?:imagin(?:e|es|ed|ing)|dream(?:s|ed|t|ing)? (?:of|about|that)|"
    r"(?:a|the|another) (?:story|stories|tale|tales|song) (?:about|of)|"
    r"think(?:s|ing)? (?:of|about)|thought (?:of|about)|wish(?:es|ed|ing)? (?:for|that))\b"
    r"[^.;!?,]*",
    re.IGNORECASE,
)


def without_imagined(text: str) -> str:
    """``text`` without what its people only imagine, dream of or hear a story about."""
    return _IMAGINED.sub(" ", text)


def _how_located(text: str, found: re.Match[str]) -> int:
    """0 for a place named plainly where ("in the garden"), 1 with another preposition of
    location ("over the meadow"), 2 for one merely mentioned."""
    if _NOT_WHERE.fullmatch(found.group(0)):
        return 2
    before = _AFTER_LOCATION.search(text[max(0, found.start() - 60) : found.start()])
    preposition = before or _STARTS_WITH_LOCATION.match(found.group(0))
    if preposition is None:
        return 2
    return 0 if preposition.group(1).lower() in _PLAINLY else 1


def _place_named(text: str) -> str | None:
    """The place ``text`` names: the earliest named plainly with a preposition of location
    ("in the garden", "on the Moon"), then with another ("across the meadow"), then the
    earliest merely mentioned; on a tie, the one listed first."""
    best: tuple[int, int, int, str] | None = None
    for rank, (name, pattern) in enumerate(_PLACES):
        for found in pattern.finditer(text):
            key = (_how_located(text, found), found.start(), rank, name)
            if best is None or key[:3] < best[:3]:
                best = key
    if best is None:
        return None
    # A rocket next to the Moon stands on the Moon, not among the stars.
    if best[3] == "space" and _PLACES[0][1].search(text):
        return "moon"
    return best[3]


# Places with fields of their own: "the top field" of a story set on a hillside farm is the
# farm's field, not any meadow.
_WITH_FIELDS = frozenset({"farm", "garden", "castle", "mountains", "snow"})


def place_for(description: str, setting: str = "") -> str:
    """The place a page's picture shows: what its description names, else the story's
    setting, else a meadow."""
    named = _place_named(without_imagined(description))
    in_setting = _place_named(setting)
    if named == "meadow" and in_setting in _WITH_FIELDS:
        return in_setting
    return named or in_setting or DEFAULT_THEME
