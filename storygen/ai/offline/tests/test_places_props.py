"""The offline painter draws the page's place, props, weather and light, and says so.

Each picture's scene graph (``plan_picture``) names what was drawn and where; these tests
check the graph against the page's words and the pixels against the graph.
"""

from __future__ import annotations

import io
import math

import pytest
from PIL import Image, ImageStat

from storygen.ai.offline.painter import PLACES, paint, place_for, plan_picture
from storygen.ai.offline.painter.backdrops_built import KITCHEN_CUPBOARD
from storygen.ai.offline.painter.backdrops_rural import BARN_RED, PLAYGROUND
from storygen.ai.offline.painter.backdrops_sea_and_space import JETTY
from storygen.ai.offline.painter.backdrops_wild import MOON_CRATER, MOON_GROUND
from storygen.ai.offline.painter.colour import pixel_at
from storygen.ai.offline.painter.props import PROP_KINDS
from storygen.ai.offline.painter.scene_graph import Box, PictureGraph
from storygen.ai.types import CharacterBrief, Scene

MIA = CharacterBrief(name="Mia", description="a girl with long black braids", age=7)
PIP = CharacterBrief(name="Pip", description="a small brown dog")
SIZE = "384x384"

RGB = tuple[int, int, int]


def _scene(description: str, setting: str = "", **changes: object) -> Scene:
    fields: dict[str, object] = {
        "kind": "page",
        "description": description,
        "characters": (MIA, PIP),
        "setting": setting,
        "text_position": "top-center",
        "page_number": 2,
        "seed_key": "places",
    }
    fields.update(changes)
    return Scene(**fields)  # type: ignore[arg-type]


def _picture(scene: Scene) -> tuple[PictureGraph, Image.Image]:
    image = Image.open(io.BytesIO(paint(scene, SIZE))).convert("RGB")
    return plan_picture(scene, SIZE), image


def _near(a: RGB, b: RGB, tolerance: float = 24) -> bool:
    return math.dist(a, b) <= tolerance


def _rgb(pixel: object) -> RGB:
    assert isinstance(pixel, tuple)
    return (int(pixel[0]), int(pixel[1]), int(pixel[2]))


def _share(image: Image.Image, box: Box, colour: RGB, tolerance: float = 24) -> float:
    """The share of pixels inside ``box`` within ``tolerance`` of ``colour``."""
    x0, y0, x1, y1 = (round(v) for v in box)
    crop = image.crop((max(0, x0), max(0, y0), min(image.width, x1), min(image.height, y1)))
    counts = crop.getcolors(crop.width * crop.height) or []
    near = sum(n for n, pixel in counts if _near(_rgb(pixel), colour, tolerance))
    return near / max(1, crop.width * crop.height)


def _open_ground(graph: PictureGraph, image: Image.Image, top: float = 0.0) -> list[RGB]:
    """Ground pixels below the horizon (and ``top``), away from the text, the cast and the
    props."""
    taken = [*(p.box for p in graph.props), *(c.box for c in graph.characters)]
    if graph.text_area is not None:
        taken.append(graph.text_area)
    pixels = []
    for y in range(round(max(graph.horizon + 8, top)), image.height, 4):
        for x in range(0, image.width, 4):
            if not any(b[0] - 4 <= x <= b[2] + 4 and b[1] - 4 <= y <= b[3] + 4 for b in taken):
                pixels.append(pixel_at(image, x, y))
    return pixels


@pytest.mark.parametrize(
    ("description", "setting", "place"),
    [
        ("Mia and Pip float in outer space past the planets", "", "space"),
        ("Mia stands next to a cardboard rocket on the Moon", "a sleepy seaside town", "moon"),
        ("Mia waves at the school gates", "", "school"),
        ("Mia sits at her desk in the classroom", "a busy school", "classroom"),
        ("The knight bows in front of the castle", "", "castle"),
        ("Little boats bob on the sea", "", "sea"),
        ("Mia swims under the sea among the coral", "", "underwater"),
        ("Mia builds a sandcastle on the beach", "", "beach"),
        ("Mia and Pip play in the snow", "", "snow"),
        ("The camels cross the desert", "", "desert"),
        ("Monkeys swing through the jungle", "", "jungle"),
        ("Mia feeds the hens by the barn", "", "farm"),
        ("Mia waters the flower beds in the garden", "", "garden"),
        ("Mia crosses a busy street in the city", "", "city"),
        ("Hazel buries acorns in a city park", "", "meadow"),
        ("Mia hides among the trees of the forest", "", "forest"),
        ("Mia runs across the meadow", "", "meadow"),
        ("Mia climbs the mountains", "", "mountains"),
        ("Mia is tucked up in bed", "", "bedroom"),
        ("Mia bakes bread in the kitchen", "", "kitchen"),
        # The page comes first; the story's setting fills in when the page names no place.
        ("Mia finds a shell", "a sunny seaside", "beach"),
        ("Pip digs a hole", "", "meadow"),
    ],
)
def test_the_place_comes_from_the_page_then_the_setting(
    description: str, setting: str, place: str
) -> None:
    assert place_for(description, setting) == place
    assert plan_picture(_scene(description, setting), SIZE).place == place


def test_walking_home_through_a_snowy_forest_stays_outdoors() -> None:
    graph = plan_picture(_scene("Mia walked home through the trees", "a snowy forest"), SIZE)
    assert graph.place == "snow"
    assert not graph.indoor
    assert place_for("Mia ran home", "") == "meadow"


def test_a_room_needs_the_page_to_be_indoors() -> None:
    assert plan_picture(_scene("Mia reads inside by the fire"), SIZE).indoor
    assert plan_picture(_scene("Mia lies in bed"), SIZE).place == "bedroom"
    assert plan_picture(_scene("Mia looks at the stars"), SIZE).place == "meadow"


def test_every_place_has_its_own_backdrop() -> None:
    assert set(PLACES) >= {
        "space",
        "moon",
        "school",
        "classroom",
        "castle",
        "sea",
        "underwater",
        "beach",
        "snow",
        "desert",
        "jungle",
        "farm",
        "city",
        "forest",
        "meadow",
        "mountains",
        "bedroom",
        "kitchen",
        "shop",
        "living room",
        "museum",
    }
    painted = {plan_picture(_scene(f"Mia is {words}"), "96x96").place for words in _PLACE_WORDS}
    assert painted == set(PLACES)
    for words in _PLACE_WORDS:
        image = Image.open(io.BytesIO(paint(_scene(f"Mia is {words}"), "96x96")))
        assert len(image.getcolors(1 << 16) or range(1 << 16)) > 20


_PLACE_WORDS = (
    "in outer space",
    "on the Moon",
    "at the school gates",
    "in the classroom",
    "at the castle",
    "at sea",
    "under the sea",
    "on the beach",
    "in the snow",
    "in the desert",
    "in the jungle",
    "on the farm",
    "in the garden",
    "in the city",
    "in the forest",
    "in the meadow",
    "in the mountains",
    "in bed",
    "in the kitchen",
    "in the bakery",
    "in the cottage",
    "in the museum",
)


def test_the_prop_vocabulary_covers_the_picture_book_staples() -> None:
    names = {kind.name for kind in PROP_KINDS}
    assert len(names) == len(PROP_KINDS) >= 60
    staples = [
        "rocket",
        "lantern",
        "boat",
        "kite",
        "cake",
        "book",
        "balloon",
        "tent",
        "umbrella",
        "ball",
        "basket",
        "bucket",
        "spade",
        "telescope",
        "map",
        "key",
        "crown",
        "wand",
        "drum",
        "bicycle",
        "car",
        "train",
        "bus",
        "snowman",
        "sandcastle",
        "teapot",
        "cup",
        "apple",
        "carrot",
        "fish",
        "shell",
        "star",
        "moon",
        "lamp",
        "clock",
        "bed",
        "chair",
        "table",
        "door",
        "window",
        "fence",
        "bridge",
        "well",
        "sign",
        "flag",
        "present",
        "candle",
        "pumpkin",
        "leaf",
        "feather",
        "egg",
        "nest",
        "hat",
        "backpack",
        "jar",
        "bottle",
        "box",
    ]
    assert not set(staples) - names
    assert {"treasure chest", "tree house", "flower pot"} <= names


@pytest.mark.parametrize(
    ("description", "props"),
    [
        ("Mia stands next to a cardboard rocket on the Moon", {"rocket"}),
        ("Mia holds up a lantern and reads the map by the boat", {"lantern", "map", "boat"}),
        ("Mia builds a sandcastle with a bucket and a spade", {"sandcastle", "bucket", "spade"}),
        ("Pip finds a treasure chest and a golden key", {"treasure chest", "key"}),
        ("Mia flies a kite while Pip chases a red balloon", {"kite", "balloon"}),
        ("On the farm Mia carries a basket of eggs to the barn", {"basket", "egg"}),
        ("Mia rides a bicycle past the bus", {"bicycle", "bus"}),
        ("In the kitchen Mia bakes a cake and pours a cup of tea", {"cake", "cup"}),
        ("Mia and Pip build a snowman", {"snowman"}),
    ],
)
def test_the_graph_names_the_props_the_page_names(description: str, props: set[str]) -> None:
    graph = plan_picture(_scene(f"{description} in the morning"), SIZE)
    assert set(graph.prop_names) == props


def test_a_worn_hat_is_the_characters_not_a_prop() -> None:
    graph = plan_picture(_scene("Mia, wearing a red hat, finds a drum"), SIZE)
    assert graph.prop_names == ("drum",)


@pytest.mark.parametrize(
    "description",
    [
        "Mia stands next to a cardboard rocket on the Moon in the morning",
        "In the morning Mia builds a sandcastle with a bucket and a spade under an umbrella",
        "In the morning Mia finds a treasure chest, a crown and a key at the castle",
        "In the morning Mia flies a kite and Pip chases a balloon across the meadow",
        "In the morning Mia rides a bicycle past the bus and a car in the city",
        "In the morning in the kitchen Mia bakes a cake with an apple and a jar",
        "In the morning on the farm Mia carries a basket past a pumpkin and a carrot",
        "In the morning Mia reads a book by the tent with a lantern and a drum",
    ],
)
def test_each_prop_shows_its_signature_colour_inside_its_box(description: str) -> None:
    scene = _scene(description)
    graph, image = _picture(scene)
    assert graph.props
    kinds = {kind.name: kind for kind in PROP_KINDS}
    # Off Earth the whole scene, props too, is lit a little violet.
    tolerance = 24 if graph.light in {"morning", "midday"} else 56
    for prop in graph.props:
        share = _share(image, prop.box, kinds[prop.name].signature, tolerance)
        assert share >= 0.04, (prop.name, share)


def test_props_keep_clear_of_the_text_and_the_cast() -> None:
    for position in ("top-center", "middle-left", "bottom-center"):
        scene = _scene(
            "Mia packs a book, a lantern, a map and a ball for the trip", text_position=position
        )
        graph = plan_picture(scene, SIZE)
        assert graph.text_area is not None
        boxes = [graph.text_area, *(c.box for c in graph.characters)]
        for prop in graph.props:
            for other in boxes:
                apart = (
                    prop.box[2] <= other[0]
                    or other[2] <= prop.box[0]
                    or prop.box[3] <= other[1]
                    or other[3] <= prop.box[1]
                )
                assert apart, (position, prop, other)


def test_sky_props_float_above_the_ground_and_ground_props_stand_on_it() -> None:
    graph = plan_picture(_scene("Mia flies a kite beside a tent in the morning"), SIZE)
    kite, tent = graph.prop("kite"), graph.prop("tent")
    assert kite is not None
    assert tent is not None
    assert kite.box[3] <= graph.horizon < tent.box[3]


def test_the_graph_reports_each_character_box() -> None:
    graph = plan_picture(_scene("Mia and Pip run across the meadow"), SIZE)
    assert sorted(c.name for c in graph.characters) == ["Mia", "Pip"]
    for character in graph.characters:
        x0, y0, x1, y1 = character.box
        assert 0 <= x0 < x1 <= 384
        assert y0 < y1


def test_the_moon_is_a_grey_cratered_ground_under_a_black_sky() -> None:
    graph, image = _picture(_scene("Mia and Pip stand on the Moon"))
    assert graph.place == "moon"
    assert graph.light == "space"
    ground = _open_ground(graph, image)
    greys = [p for p in ground if max(p) - min(p) < 24 and 120 < p[0] < 215]
    assert len(greys) > len(ground) * 0.8
    assert any(_near(p, MOON_CRATER, 12) for p in ground)
    assert any(_near(p, MOON_GROUND, 12) for p in ground)
    sky = pixel_at(image, 5, round(graph.horizon * 0.2))
    assert sum(sky) < 150


@pytest.mark.parametrize(
    ("description", "colour", "share"),
    [
        ("Mia crosses the desert in the morning", (236, 198, 130), 0.6),
        ("Mia plays in the snow in the morning", (236, 242, 250), 0.6),
        ("Mia skips across the playground at school in the morning", PLAYGROUND, 0.6),
    ],
)
def test_a_place_has_its_signature_ground(description: str, colour: RGB, share: float) -> None:
    graph, image = _picture(_scene(description))
    ground = _open_ground(graph, image)
    assert sum(_near(p, colour, 40) for p in ground) >= len(ground) * share


def test_at_sea_the_cast_stands_on_a_jetty_above_open_water() -> None:
    graph, image = _picture(_scene("Mia waits on the jetty by the sea in the morning"))
    feet = max(c.box[3] for c in graph.characters)
    jetty = _open_ground(graph, image, top=feet)
    assert sum(_near(p, JETTY, 40) for p in jetty) >= len(jetty) * 0.7
    water = _open_ground(graph, image)[: len(jetty)]
    assert sum(b > r + 60 for r, _, b in water) >= len(water) * 0.7


@pytest.mark.parametrize(
    ("description", "colour"),
    [
        ("Mia feeds the hens by the barn on the farm in the morning", BARN_RED),
        ("In the kitchen Mia sets the table in the morning", KITCHEN_CUPBOARD),
    ],
)
def test_a_place_shows_its_landmark(description: str, colour: RGB) -> None:
    _, image = _picture(_scene(description, text_position="bottom-center"))
    assert _share(image, (0, 0, image.width, image.height), colour, 16) > 0.005


def test_the_jungle_is_greener_and_darker_than_the_forest() -> None:
    def green_dark_share(description: str) -> float:
        _graph, image = _picture(_scene(description))
        pixels = [pixel_at(image, x, y) for x in range(0, 384, 3) for y in range(0, 384, 3)]
        return sum(g > r + 20 and g > b and r + g + b < 330 for r, g, b in pixels) / len(pixels)

    assert green_dark_share("Mia explores the jungle in the morning") > 1.3 * green_dark_share(
        "Mia explores the forest in the morning"
    )


@pytest.mark.parametrize(
    ("description", "weather", "light"),
    [
        ("Rain pours down as Mia runs", ("rain",), None),
        ("Snowflakes drift down on Mia", ("snow",), None),
        ("A windy day in the meadow", ("wind",), None),
        ("Fog rolls over the hills", ("fog",), None),
        ("A sunny day in the meadow", ("sunny",), "midday"),
        ("At sunset Mia waves goodbye", (), "sunset"),
        ("Mia counts the stars", (), "night"),
        ("Mia plays with Pip", (), None),
    ],
)
def test_weather_and_light_come_only_from_the_words(
    description: str, weather: tuple[str, ...], light: str | None
) -> None:
    graph = plan_picture(_scene(description), SIZE)
    assert graph.weather == weather
    if light is not None:
        assert graph.light == light
    else:
        assert graph.light in {"morning", "midday", "afternoon"}


def test_rain_greys_the_sky_and_falls_outside_the_text() -> None:
    dry_graph, dry = _picture(_scene("Mia plays in the meadow in the morning"))
    _, wet = _picture(_scene("Mia plays in the meadow in the morning rain"))
    spot = (4, round(dry_graph.horizon * 0.5))
    r, _, b = pixel_at(wet, *spot)
    dry_r, _, dry_b = pixel_at(dry, *spot)
    assert b - r < dry_b - dry_r
    assert dry_graph.text_area is not None
    area = dry_graph.text_area
    rain = (190, 210, 236)
    outside = _share(wet, (0, 0, wet.width, wet.height), rain, 3)
    assert _share(wet, area, rain, 3) < outside * 0.2


def test_the_graph_describes_the_picture_painted() -> None:
    scene = _scene("Mia holds a lantern by the tent at night")
    assert plan_picture(scene, SIZE) == plan_picture(scene, SIZE)
    graph, image = _picture(scene)
    assert graph.light == "night"
    lantern = graph.prop("lantern")
    assert lantern is not None
    assert _share(image, lantern.box, (255, 206, 80), 60) > 0.02


@pytest.mark.parametrize("position", ["top-center", "middle-left", "bottom-center"])
def test_every_place_keeps_the_text_area_calm(position: str) -> None:
    # Scenery, props and rain keep off the text: inside it only the sky's (or the wall's)
    # gentle gradient shows.
    for words in _PLACE_WORDS:
        scene = _scene(
            f"Mia is {words} with a kite, a tent and a drum in the rain", text_position=position
        )
        image = Image.open(io.BytesIO(paint(scene, "256x256"))).convert("RGB")
        area = plan_picture(scene, "256x256").text_area
        assert area is not None
        spread = max(ImageStat.Stat(image.crop(area)).stddev)
        assert spread < 20, (words, position, spread)


def test_the_words_framing_a_description_are_not_read_as_what_is_in_the_picture() -> None:
    framed = (
        "Picture-book illustration in classic storybook style: Leo builds a rocket out of "
        "cardboard boxes. In the picture: Leo."
    )
    graph = plan_picture(Scene(kind="page", description=framed, seed_key="framing"), SIZE)
    assert [prop.name for prop in graph.props] == ["rocket", "box"]


@pytest.mark.parametrize(
    ("description", "place"),
    [
        # A place named with a preposition of location outranks one merely mentioned.
        ("Leo builds a rocket out of cardboard boxes in his garden", "garden"),
        ("Leo builds a rocket in his garden. The scene is on the Moon.", "garden"),
        ("The rocket zooms to the Moon", "moon"),
        ("Nova flies home in her cardboard rocket, in Nova's garden", "garden"),
        ("A crab moves into the tallest tower, on the beach", "beach"),
        ("He glides over the meadow under the moon", "meadow"),
        ("Cora spins a cocoon and sleeps through the winter in the garden", "garden"),
        # Beds and bedtime are the bedroom.
        ("Grandpa Joe sits on her bed and tells her a story", "bedroom"),
        ("The wind rattles the window and Mia cannot sleep", "bedroom"),
        ("Mia hugs her toy rabbit and falls asleep", "bedroom"),
        # What is imagined, dreamt or told is not where the page happens.
        ("Grandpa tells her a story about a friendly wind over the meadow", "meadow"),
        ("Mia imagines the seeds growing in a sunny meadow, in her bedroom", "bedroom"),
        ("Mia dreams of the seaside, tucked up in bed", "bedroom"),
    ],
)
def test_the_place_named_where_the_page_happens_wins(description: str, place: str) -> None:
    assert place_for(description) == place


def test_told_about_alone_names_no_place() -> None:
    assert place_for("Grandpa tells her a story about a castle by the sea") == "meadow"


def test_a_bedtime_page_is_indoors_at_night() -> None:
    for words in ("Mia falls asleep", "Mia cannot sleep", "Pip sleeps at the end of the bed"):
        graph = plan_picture(_scene(words), SIZE)
        assert graph.indoor, words
        assert graph.light == "night", words


def test_a_rocket_built_in_the_garden_stands_in_the_garden() -> None:
    graph = plan_picture(_scene("Mia builds a rocket in her garden"), SIZE)
    assert graph.place == "garden"
    assert "rocket" in graph.prop_names


def test_a_field_in_a_story_set_on_a_farm_is_the_farms() -> None:
    assert place_for("Pepper moves the sheep, in the top field", "a hillside farm") == "farm"
    assert place_for("Pepper moves the sheep, in the top field", "a big city") == "meadow"
