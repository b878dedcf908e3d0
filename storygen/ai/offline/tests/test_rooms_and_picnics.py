"""Shops, living rooms and museums are drawn indoors; a picnic is laid on a blanket.

The rooms away from home's bedroom and kitchen each show the landmark a reader knows them by,
and what a page lays out (a picnic blanket, a sack of flour) is drawn where the graph says.
"""

from __future__ import annotations

import io
import math

import pytest
from PIL import Image

from storygen.ai.offline.painter import paint, place_for, plan_picture
from storygen.ai.offline.painter.backdrops_rooms import BONE, FIREPLACE_BRICK, SHOP_COUNTER
from storygen.ai.offline.painter.props import PROP_KINDS
from storygen.ai.offline.painter.scene_graph import Box
from storygen.ai.types import CharacterBrief, Scene

MIA = CharacterBrief(name="Mia", description="a girl with long black braids", age=7)
PIP = CharacterBrief(name="Pip", description="a small brown dog")
SIZE = "384x384"

RGB = tuple[int, int, int]


def _scene(description: str, setting: str = "", position: str = "top-center") -> Scene:
    return Scene(
        kind="page",
        description=description,
        characters=(MIA, PIP),
        setting=setting,
        text_position=position,
        page_number=2,
        seed_key="rooms",
    )


def _image(scene: Scene) -> Image.Image:
    return Image.open(io.BytesIO(paint(scene, SIZE))).convert("RGB")


def _share(image: Image.Image, box: Box, colour: RGB, tolerance: float) -> float:
    """The share of pixels inside ``box`` within ``tolerance`` of ``colour``."""
    x0, y0, x1, y1 = (round(v) for v in box)
    crop = image.crop((max(0, x0), max(0, y0), min(image.width, x1), min(image.height, y1)))
    counts = crop.getcolors(crop.width * crop.height) or []
    near = sum(n for n, pixel in counts if math.dist(pixel[:3], colour) <= tolerance)
    return near / max(1, crop.width * crop.height)


@pytest.mark.parametrize(
    ("description", "setting", "place"),
    [
        ("Mia buys a loaf in the bakery", "", "shop"),
        ("Mia and Pip share a cake at the café", "", "shop"),
        ("At Granny's cottage they drink tea by the fire", "", "living room"),
        ("Mia looks at the dinosaur bones in the museum", "", "museum"),
        # The story's setting puts a page that names no place in the bakery.
        ("Mr Bun kneads the dough", "a little bakery", "shop"),
        # Walking past the shops is still the town street.
        ("Mia walks past the shops in the town", "", "city"),
        # Walking towards the cottage through the woods is still the woods.
        ("Red walks through the forest towards Granny's cottage", "", "forest"),
    ],
)
def test_shops_homes_and_museums_are_rooms(description: str, setting: str, place: str) -> None:
    assert place_for(description, setting) == place
    graph = plan_picture(_scene(description, setting), SIZE)
    assert graph.place == place
    assert graph.indoor == (place != "forest" and place != "city")


@pytest.mark.parametrize(
    ("description", "colour"),
    [
        ("In the bakery Mia buys a loaf in the morning", SHOP_COUNTER),
        ("In the cottage Mia warms her hands by the fire", FIREPLACE_BRICK),
        ("In the museum Mia looks at the exhibits", BONE),
    ],
)
@pytest.mark.parametrize("position", ["bottom-center", "top-center", "middle-left"])
def test_each_room_shows_its_landmark_outside_the_text(
    description: str, colour: RGB, position: str
) -> None:
    scene = _scene(description, position=position)
    image = _image(scene)
    assert _share(image, (0, 0, image.width, image.height), colour, 16) > 0.004
    area = plan_picture(scene, SIZE).text_area
    assert area is not None
    assert _share(image, area, colour, 16) < 0.001


@pytest.mark.parametrize(
    ("description", "props"),
    [
        ("Mia and Pip have a picnic by the river", {"picnic blanket"}),
        ("Mia spreads the picnic blanket and opens the basket", {"picnic blanket", "basket"}),
        ("Pip eats the sandwiches in the picnic basket", {"basket"}),
        ("Pip jumps into the flour bag in the bakery", {"sack"}),
    ],
)
def test_a_picnic_shows_its_blanket_and_a_baker_his_sack(description: str, props: set[str]) -> None:
    graph = plan_picture(_scene(f"{description} in the morning"), SIZE)
    assert set(graph.prop_names) == props


def test_a_picnic_blanket_is_spread_outdoors_and_shows_its_colour() -> None:
    scene = _scene("Mia lays out the picnic blanket beside a sack of flour in the afternoon")
    graph = plan_picture(scene, SIZE)
    assert not graph.indoor
    assert graph.prop("bed") is None
    image = _image(scene)
    signatures = {kind.name: kind.signature for kind in PROP_KINDS}
    for name in ("picnic blanket", "sack"):
        drawn = graph.prop(name)
        assert drawn is not None, name
        assert _share(image, drawn.box, signatures[name], 40) > 0.2, name
