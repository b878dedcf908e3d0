"""Character reference sheets: each character from the front, the side and the back.

They stand on plain paper, as large as the picture allows: on a tall picture the front view
stands above the side and back views, on a wide or square one the three stand in a row.
"""

from __future__ import annotations

from PIL import Image

from storygen.ai.offline.painter.colour import mix
from storygen.ai.offline.painter.figure import draw_figure
from storygen.ai.offline.painter.figure_parts import Pose
from storygen.ai.offline.painter.looks import Look, character_look
from storygen.ai.offline.painter.pen import Pen
from storygen.ai.offline.painter.photo_colours import PhotoColours
from storygen.ai.offline.painter.styles import STYLES
from storygen.ai.types import CharacterBrief, Scene

# How far each creature reaches sideways from its middle, per unit of height: tails, wings
# and big ears reach further than arms.
_REACH: dict[str, float] = {
    "fox": 0.56,
    "dragon": 0.56,
    "cat": 0.56,
    "wolf": 0.56,
    "dinosaur": 0.56,
    "squirrel": 0.5,
    "monkey": 0.5,
    "tiger": 0.5,
    "otter": 0.5,
    "lion": 0.48,
    "horse": 0.44,
    "unicorn": 0.44,
    "elephant": 0.44,
    "snail": 0.44,
    "owl": 0.4,
    "bird": 0.4,
    "bee": 0.42,
    "hedgehog": 0.4,
    "pig": 0.4,
    "giraffe": 0.4,
    "critter": 0.38,
}


def sideways_reach(look: Look) -> float:
    """How far a standing figure reaches sideways from its middle, per unit of height."""
    reach = _REACH.get(look.animal or "", 0.34)
    if "wings" in look.features:
        reach = max(reach, 0.4)
    return reach


# A figure's share of its cell's height: room above for hats and ears, below for its shadow.
_FILL = 0.86
# A figure's share of its cell's width, so neighbours' tails and hands never touch.
_SPREAD = 0.92


def sheet_figures(look: Look, width: int, height: int) -> list[tuple[float, float, float]]:
    """Where the front, side and back views stand: (middle x, feet y, height) for each.

    All three are drawn at one size, so they compare; each is as tall as its cell lets it.
    """
    per_height = 2 * sideways_reach(look)  # a figure's width per unit of its height
    if height >= width * 1.25:
        # Two rows: the front view alone above, the side and back views below it.
        row = height / 2
        size = min(row * _FILL, width / 2 * _SPREAD / per_height)
        cells = [(width / 2, 0.0), (width / 4, row), (width * 3 / 4, row)]
    else:
        row = float(height)
        size = min(row * _FILL, width / 3 * _SPREAD / per_height)
        cells = [(width * (column + 0.5) / 3, 0.0) for column in range(3)]
    # Feet a little below the middle of the row: hats and ears stick up, the feet do not.
    return [(x, top + row / 2 + size * 0.5 + row * 0.01, size) for x, top in cells]


def sheet_character(scene: Scene) -> CharacterBrief:
    """The character a sheet shows: the scene's first, else one named by its seed."""
    if scene.characters:
        return scene.characters[0]
    return CharacterBrief(name=scene.seed_key or "Friend", description=scene.description)


def paint_sheet(
    scene: Scene, image: Image.Image, pen: Pen, photo: PhotoColours | None = None
) -> None:
    """Three views of one character (front, side, back) on a plain light background."""
    width, height = image.size
    look = character_look(sheet_character(scene), photo)
    floor = mix(STYLES["default"].wash, (200, 196, 190), 0.35)
    poses = (Pose(20, 20), Pose(20, 20, "side", 1), Pose(20, 20, "back"))
    for (x, feet, size), pose in zip(sheet_figures(look, width, height), poses, strict=True):
        pen.draw.ellipse(
            (x - size * 0.24, feet - size * 0.035, x + size * 0.24, feet + size * 0.03), fill=floor
        )
        draw_figure(pen, look, x, feet, size, pose, 1)
