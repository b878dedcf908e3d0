"""The offline painter shows the season a page names, and a nap outdoors stays by day.

Winter lays snow over an outdoor place and leaves no flowers; autumn turns the trees orange;
rooms keep no season. Sleep is night-time in bed or indoors, not in a sunny garden.
"""

from __future__ import annotations

import io
import math

import pytest
from PIL import Image

from storygen.ai.offline.painter import paint, plan_picture
from storygen.ai.offline.painter.scene_graph import Box, PictureGraph
from storygen.ai.offline.painter.seasons import season_for
from storygen.ai.types import CharacterBrief, Scene

MIA = CharacterBrief(name="Mia", description="a girl with long black braids", age=7)
SIZE = "384x384"

RGB = tuple[int, int, int]

# The garden's petals and sunflower heads, as drawn by day.
FLOWER_COLOURS: tuple[RGB, ...] = ((240, 90, 110), (170, 120, 230), (250, 200, 40))
AUTUMN_ORANGE: tuple[RGB, ...] = ((232, 134, 40), (240, 182, 48), (206, 92, 38))


def _picture(description: str) -> tuple[PictureGraph, Image.Image]:
    scene = Scene(
        kind="page",
        description=description,
        characters=(MIA,),
        text_position="top-center",
        page_number=3,
        seed_key="seasons",
    )
    image = Image.open(io.BytesIO(paint(scene, SIZE))).convert("RGB")
    return plan_picture(scene, SIZE), image


def _inside(x: int, y: int, boxes: list[Box]) -> bool:
    return any(box[0] <= x <= box[2] and box[1] <= y <= box[3] for box in boxes)


def _pixels(image: Image.Image, top: float, bottom: float, skip: list[Box]) -> list[RGB]:
    """The pixels between rows ``top`` and ``bottom``, outside the boxes in ``skip``."""
    found = []
    for y in range(max(0, int(top)), min(image.height, int(bottom))):
        for x in range(0, image.width, 2):
            if not _inside(x, y, skip):
                pixel = image.getpixel((x, y))
                assert isinstance(pixel, tuple)
                found.append((int(pixel[0]), int(pixel[1]), int(pixel[2])))
    return found


def _snowy(pixel: RGB) -> bool:
    return min(pixel) > 205 and max(pixel) - min(pixel) < 30


def _ground(graph: PictureGraph, image: Image.Image) -> list[RGB]:
    cast = [character.box for character in graph.characters]
    return _pixels(image, graph.horizon + 4, image.height, cast)


def _count_near(pixels: list[RGB], colours: tuple[RGB, ...], tolerance: float = 30) -> int:
    return sum(1 for pixel in pixels if any(math.dist(pixel, c) <= tolerance for c in colours))


def test_a_winter_garden_lies_under_snow_without_flowers() -> None:
    graph, image = _picture("Mia walks, in a garden, in winter.")
    assert (graph.place, graph.season) == ("garden", "winter")
    ground = _ground(graph, image)
    assert sum(map(_snowy, ground)) / len(ground) > 0.6
    assert _count_near(ground, FLOWER_COLOURS) < 10


def test_a_summer_garden_keeps_its_grass_and_flowers() -> None:
    # The same page in summer: what winter covers is there to cover.
    graph, image = _picture("Mia walks, in a garden, in summer.")
    assert graph.season == "summer"
    ground = _ground(graph, image)
    assert sum(map(_snowy, ground)) / len(ground) < 0.1
    assert _count_near(ground, FLOWER_COLOURS) > 30


def test_an_autumn_wood_has_orange_and_gold_trees() -> None:
    autumn, autumn_image = _picture("Mia walks in the forest, in autumn.")
    summer, summer_image = _picture("Mia walks in the forest, in summer.")
    assert autumn.season == "autumn"

    def canopy(graph: PictureGraph, image: Image.Image) -> int:
        region = [graph.text_area] if graph.text_area else []
        cast = [character.box for character in graph.characters]
        return _count_near(_pixels(image, 0, graph.horizon, [*region, *cast]), AUTUMN_ORANGE)

    assert canopy(autumn, autumn_image) > 400
    assert canopy(summer, summer_image) < 40


def test_sleeping_in_a_winter_garden_is_by_day() -> None:
    graph, _ = _picture("Mia sleeps peacefully, in a garden, in winter.")
    assert graph.characters[0].action == "sleeping"
    assert graph.place == "garden"
    assert graph.light != "night"


@pytest.mark.parametrize(
    "description",
    [
        "Mia sleeps in her bed at bedtime.",
        "Mia falls asleep in her cosy bedroom.",
        "Mia sleeps in the garden under the stars.",
    ],
)
def test_sleeping_in_bed_or_under_the_stars_is_at_night(description: str) -> None:
    graph, _ = _picture(description)
    assert graph.light == "night", description


def test_rooms_keep_no_season() -> None:
    graph, _ = _picture("Mia bakes a pie in the kitchen, in winter.")
    assert (graph.place, graph.season) == ("kitchen", "")


@pytest.mark.parametrize(
    ("text", "season"),
    [
        ("in a garden, in winter.", "winter"),
        ("on a snowy hill", "winter"),
        ("in the park, in the fall", "autumn"),
        ("the leaves fall from the trees", ""),
        ("in spring the tulips open", "spring"),
        ("one summer's day", "summer"),
        ("in the garden", ""),
        ("gathers acorns for the winter, in a city park, in autumn", "autumn"),
        ("sleeps through the winter", "winter"),
    ],
)
def test_the_season_is_read_from_the_words(text: str, season: str) -> None:
    assert season_for(text) == season
