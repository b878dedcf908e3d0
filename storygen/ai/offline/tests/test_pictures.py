"""Every picture of every brief in the corpus shows what its page's description says.

Each brief of ``briefs.jsonl`` is written by the offline writer and each page drawn as the
pipeline draws it. The checks read the description with their own small word tables, not the
painter's, so they judge whatever the writer says: the place named with a preposition of
location, the staple props, the colours each character is described in, and whether someone
sleeps, sits or flies. The graph (``plan_picture``) must say so and the pixels (``paint``) must
show it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cache

import pytest
from PIL import Image, ImageChops

from storygen.ai.offline import OfflineProvider
from storygen.ai.offline.painter import paint, plan_picture
from storygen.ai.offline.painter.backdrops_rural import PLAYGROUND
from storygen.ai.offline.painter.backdrops_wild import MOON_GROUND
from storygen.ai.offline.painter.canvas import light_on
from storygen.ai.offline.painter.colour import COLOURS
from storygen.ai.offline.painter.look_tables import HAIR_COLOURS
from storygen.ai.offline.painter.props import PROP_KINDS
from storygen.ai.offline.painter.scene_graph import Box, PictureGraph
from storygen.ai.offline.painter.seasons import grass_in
from storygen.ai.offline.tests.contact_sheets import page_scene
from storygen.ai.offline.tests.judge import load_briefs, story_brief
from storygen.ai.types import Scene, StoryRequest

SIZE = "512x384"
BRIEFS = load_briefs()

RGB = tuple[int, int, int]

# Where something is: "in the garden", "on the Moon", "at the beach".
_LOCATED = r"\b(?:in|on|at|under|inside|across|into|onto|through)\s+(?:[\w'’-]+\s+){0,3}?"

# The places a page can name, and the words that name them.
_PLACE_WORDS: dict[str, str] = {
    "moon": r"(?<=on )the moon|(?<=to )the moon|the lunar surface",
    "space": r"(?:outer )?space",
    "underwater": r"(?:the )?sea ?bed|the ocean floor|coral reefs?|underwater",
    "classroom": r"classrooms?",
    "school": r"school(?:yard| playground)?",
    "castle": r"castles?|palaces?",
    "sea": r"sea|ocean|boats?|ships?",
    "beach": r"beach|seaside|shore",
    "snow": r"snow|arctic|north pole",
    "desert": r"deserts?|dunes?",
    "jungle": r"jungles?|rain ?forests?",
    "farm": r"farm(?:yard)?|barns?",
    "city": r"city|town|streets?",
    "forest": r"forests?|woods",
    "meadow": r"meadows?|fields?|park|hills?",
    "mountains": r"mountains?|caves?",
    "bedroom": r"bedrooms?|beds?",
    "kitchen": r"kitchens?",
    "shop": r"bakery|shops?|caf[eé]s?",
    "living room": r"cottages?|living rooms?",
    "museum": r"museums?",
    "garden": r"gardens?",
}
_PLACES = {
    place: re.compile(rf"{_LOCATED}(?:{words})\b", re.IGNORECASE)
    for place, words in _PLACE_WORDS.items()
}
# Places a picture may show for one another: the sea from a beach, a classroom at school, a
# field on the farm the story is set on.
_NEIGHBOURS = (
    {"sea", "beach"},
    {"school", "classroom"},
    {"space", "moon"},
    {"sea", "underwater"},
    *({"meadow", place} for place in ("farm", "garden", "castle", "mountains", "snow")),
)
_OUTDOORS = set(_PLACE_WORDS) - {
    "bedroom",
    "kitchen",
    "classroom",
    "shop",
    "living room",
    "museum",
}

# The colour each backdrop's ground shows by day, below the horizon (under night or sunset
# light, the same colour so lit).
_GROUND_COLOURS: dict[str, RGB] = {
    "moon": MOON_GROUND,
    "space": (102, 92, 135),
    "school": PLAYGROUND,
    "classroom": (186, 136, 92),
    "bedroom": (186, 136, 92),
    "kitchen": (186, 136, 92),
    "shop": (214, 178, 136),
    "living room": (186, 136, 92),
    "museum": (176, 170, 164),
    "castle": (110, 178, 96),
    "sea": (78, 162, 206),
    "underwater": (226, 206, 160),
    "beach": (240, 218, 164),
    "snow": (244, 248, 255),
    "desert": (232, 190, 120),
    "jungle": (70, 112, 50),
    "farm": (120, 184, 88),
    "garden": (116, 184, 92),
    "city": (196, 192, 186),
    "forest": (92, 160, 78),
    "meadow": (96, 168, 84),
    "mountains": (122, 176, 98),
}

# The staple props a page names and the words that name them.
_PROP_WORDS: dict[str, str] = {
    "rocket": r"rockets?",
    "lantern": r"lanterns?",
    "boat": r"boats?|rafts?",
    "kite": r"kites?",
    "cake": r"cakes?",
    "book": r"books?",
    "treasure chest": r"treasure chests?",
    "balloon": r"balloons?",
    "tent": r"tents?",
    "flag": r"flags?",
    "umbrella": r"umbrellas?",
    "ball": r"balls?",
    "basket": r"baskets?",
    "bucket": r"buckets?",
    "spade": r"spades?",
    "telescope": r"telescopes?",
    "map": r"maps?",
    "key": r"keys?",
    "wand": r"wands?",
    "drum": r"drums?",
    "bicycle": r"bicycles?|bikes?",
    "snowman": r"snowm[ae]n",
    "sandcastle": r"sandcastles?",
    "teapot": r"teapots?",
    "pumpkin": r"pumpkins?",
    "present": r"presents?",
    "candle": r"candles?",
    "bed": r"beds?",
    "toy": r"teddy(?: bears?)?|toy rabbits?|toy bears?",
    "apple": r"apples?",
    "picnic blanket": r"picnic(?! baskets?)",
    "sack": r"flour bags?|sacks?",
}
_PROPS = {
    name: re.compile(rf"(?<!\w)(?:{words})\b", re.IGNORECASE) for name, words in _PROP_WORDS.items()
}
_SIGNATURES = {kind.name: kind.signature for kind in PROP_KINDS}

# Colour words and what the painter paints them as; hair has its own shades.
_COLOUR_WORDS = (
    "red|orange|yellow|green|blue|purple|pink|white|black|brown|grey|gray|silver|gold|golden"
)
_CLOTHES = (
    r"scarf|raincoat|coat|dress|jumper|sweater|shirt|t-shirt|jacket|cape|gown|bandana|"
    r"waistcoat|shawl|dungarees|overalls|hoodie|skirt|suit|space suit|life jacket"
)
_HAIR = r"hair|braids|plaits|curls|ponytail|pigtails|bun"
_WORN = re.compile(
    rf"\b({_COLOUR_WORDS})\s+(?:[\w-]+\s+){{0,2}}?({_CLOTHES}|{_HAIR})\b", re.IGNORECASE
)

# What a character does, said right after their name.
_DOING: tuple[tuple[str, str], ...] = (
    ("awake", r"(?:cannot|can't|could not) sleep|lies awake"),
    ("sleeping", r"(?:falls|fell) asleep|sleeps|is asleep|is sleeping|naps"),
    ("sitting", r"sits|sat|is sitting"),
    ("flying", r"(?:flies|soars|glides)(?! (?:a|an|the|his|her|their) (?:[\w-]+ )?kites?)"),
)
_SLEEP_WORDS = re.compile(
    r"\b(?:asleep|sleeps?|sleeping|bedtime|goes to bed|tucked in|cannot sleep)\b", re.IGNORECASE
)
_DAY_WORDS = re.compile(r"\b(?:morning|afternoon|noon|midday|dawn|sunrise)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Picture:
    where: str  # "brief N page P", for failure messages
    scene: Scene
    words: str  # the description without the cast's looks
    graph: PictureGraph
    image: Image.Image


@cache
def _pictures(number: int) -> tuple[Picture, ...]:
    row = BRIEFS[number]
    brief = story_brief(row)
    story = OfflineProvider().write_story(
        StoryRequest(brief=brief, instructions="", prompt="", schema={})
    )
    pictures = []
    for page in story.pages:
        if not page.image_description:
            continue
        scene = page_scene(brief.characters, page, row, story.title)
        # What the picture shows, without the words framing it ("in storybook style").
        words = scene.description.split(": ", 1)[-1]
        for member in scene.characters:
            words = words.replace(f"({member.description})", "").replace(member.description, "")
        image = Image.open(io.BytesIO(paint(scene, SIZE))).convert("RGB")
        where = f"brief {number} page {page.number}"
        pictures.append(Picture(where, scene, words, plan_picture(scene, SIZE), image))
    return tuple(pictures)


def _count(image: Image.Image, box: Box, colours: list[RGB], tolerance: int) -> int:
    """How many pixels inside ``box`` are within ``tolerance`` of any of ``colours`` in every
    channel."""
    x0, y0, x1, y1 = (round(v) for v in box)
    crop = image.crop((max(0, x0), max(0, y0), min(image.width, x1), min(image.height, y1)))
    if crop.width == 0 or crop.height == 0:
        return 0
    near = Image.new("L", crop.size, 0)
    for colour in colours:
        red, green, blue = ImageChops.difference(crop, Image.new("RGB", crop.size, colour)).split()
        farthest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
        near = ImageChops.lighter(near, farthest.point(lambda v: 255 if v <= tolerance else 0))
    return near.histogram()[255]


def _named_places(words: str) -> set[str]:
    """The places ``words`` name with a preposition of location."""
    return {place for place, pattern in _PLACES.items() if pattern.search(words)}


@pytest.mark.parametrize("number", range(len(BRIEFS)))
def test_each_picture_shows_the_place_its_page_names(number: int) -> None:
    for picture in _pictures(number):
        named = _named_places(picture.words)
        if not named:
            continue
        allowed = set(named)
        for group in _NEIGHBOURS:
            if named & group:
                allowed |= group
        graph = picture.graph
        assert graph.place in allowed, (
            f"{picture.where}: the page names {sorted(named)} but the picture shows "
            f"{graph.place!r}: {picture.words!r}"
        )
        # Winter lays snow over green ground.
        colour = grass_in(_GROUND_COLOURS[graph.place], graph.season)
        ground: Box = (0, graph.horizon + 4, picture.image.width, picture.image.height)
        area = picture.image.width * (picture.image.height - graph.horizon)
        seen = _count(
            picture.image, ground, [colour, light_on(colour, graph.light, graph.indoor)], 40
        )
        assert seen > area * 0.05, (
            f"{picture.where}: the {graph.place} ground colour {colour} hardly shows "
            f"({seen} of {area:.0f} pixels)"
        )


@pytest.mark.parametrize("number", range(len(BRIEFS)))
def test_each_picture_shows_the_staple_props_its_page_names(number: int) -> None:
    for picture in _pictures(number):
        graph = picture.graph
        named = [
            (found.start(), name)
            for name, pattern in _PROPS.items()
            if (found := pattern.search(picture.words))
        ]
        for _, name in sorted(named):
            drawn = graph.prop(name)
            assert drawn is not None, (
                f"{picture.where}: the page names a {name} but the picture has "
                f"{list(graph.prop_names)}: {picture.words!r}"
            )
            signature = _SIGNATURES[name]
            colours = [signature, light_on(signature, graph.light, graph.indoor)]
            x0, y0, x1, y1 = drawn.box
            seen = _count(picture.image, drawn.box, colours, 32)
            assert seen >= max(4, (x1 - x0) * (y1 - y0) * 0.03), (
                f"{picture.where}: the {name}'s colour {signature} hardly shows in its box "
                f"({seen} pixels)"
            )


@pytest.mark.parametrize("number", range(len(BRIEFS)))
def test_each_character_wears_the_colours_it_is_described_in(number: int) -> None:
    for picture in _pictures(number):
        graph = picture.graph
        tolerance = 40 if graph.light in {"morning", "midday", "afternoon"} else 64
        for member in picture.scene.characters:
            drawn = next(c for c in graph.characters if c.name == member.name)
            for found in _WORN.finditer(member.description):
                word, item = found.group(1).lower(), found.group(2).lower()
                word = {"gray": "grey", "golden": "gold"}.get(word, word)
                hair = re.fullmatch(_HAIR, item) is not None
                colour = HAIR_COLOURS.get(word) if hair else None
                colour = colour or COLOURS.get(word)
                if colour is None:
                    continue
                seen = _count(picture.image, drawn.box, [colour], tolerance)
                assert seen >= 6, (
                    f"{picture.where}: {member.name} is described with {found.group(0)!r} "
                    f"but {colour} hardly shows in their box ({seen} pixels)"
                )


@pytest.mark.parametrize("number", range(len(BRIEFS)))
def test_sleepers_sitters_and_fliers_are_drawn_so_and_bedtime_is_indoors_at_night(
    number: int,
) -> None:
    for picture in _pictures(number):
        graph = picture.graph
        if graph.kind != "page":
            continue
        for member in picture.scene.characters:
            first = re.escape(member.name.split()[0])
            drawn = next(c for c in graph.characters if c.name == member.name)
            for action, verbs in _DOING:
                if re.search(rf"\b{first}\s+(?:{verbs})\b", picture.words, re.IGNORECASE):
                    assert drawn.action == action, (
                        f"{picture.where}: {member.name} should be {action}, "
                        f"drawn {drawn.action}: {picture.words!r}"
                    )
                    break
            if drawn.action == "flying":
                assert drawn.box[3] < graph.ground - 4, f"{picture.where}: {member.name} flies"
            bed = graph.prop("bed")
            if drawn.action in {"sleeping", "awake"} and bed is not None:
                middle = (drawn.box[0] + drawn.box[2]) / 2
                assert bed.box[0] < middle < bed.box[2], (
                    f"{picture.where}: {member.name} should be in the bed"
                )
        outdoors = _named_places(picture.words) & _OUTDOORS
        if _SLEEP_WORDS.search(picture.words) and not outdoors:
            assert graph.indoor, f"{picture.where}: bedtime is indoors: {picture.words!r}"
            if not _DAY_WORDS.search(picture.words):
                assert graph.light == "night", f"{picture.where}: bedtime is at night"


def test_the_corpus_is_drawn_whole() -> None:
    # Every brief gives a cover and pages; a brief that drew nothing would pass the rest.
    assert len(BRIEFS) == 44
    assert all(len(_pictures(number)) >= 3 for number in (0, 1, 43))
