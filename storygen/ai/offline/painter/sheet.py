"""Character reference sheets: each character from the front, the side and the back.

They stand on plain paper, spaced by how far each reaches sideways.
"""

from __future__ import annotations

from PIL import Image

from storygen.ai.offline.painter.colour import mix
from storygen.ai.offline.painter.figure import draw_figure
from storygen.ai.offline.painter.figure_parts import Pose
from storygen.ai.offline.painter.looks import Look, character_look
from storygen.ai.offline.painter.pen import Pen
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


def sheet_figures(look: Look, width: int, height: int) -> list[tuple[float, float, float]]:
    """Where the front, side and back views stand: (middle x, feet y, height) for each."""
    size = min(height * 0.7, width / 3 * 0.46 / sideways_reach(look))
    feet = height * 0.5 + size * 0.5 + height * 0.02
    return [(width * (column + 0.5) / 3, feet, size) for column in range(3)]


def paint_sheet(scene: Scene, image: Image.Image, pen: Pen) -> None:
    """Three views of one character (front, side, back) on a plain light background."""
    width, height = image.size
    character = (
        scene.characters[0]
        if scene.characters
        else CharacterBrief(name=scene.seed_key or "Friend", description=scene.description)
    )
    look = character_look(character)
    # Three views side by side, each inside its third with a margin: the size follows how
    # far the character reaches sideways from its middle (tails and wings reach furthest).
    floor = mix(STYLES["default"].wash, (200, 196, 190), 0.35)
    poses = (Pose(20, 20), Pose(20, 20, "side", 1), Pose(20, 20, "back"))
    for (x, feet, size), pose in zip(sheet_figures(look, width, height), poses, strict=True):
        pen.draw.ellipse(
            (x - size * 0.24, feet - size * 0.035, x + size * 0.24, feet + size * 0.03), fill=floor
        )
        draw_figure(pen, look, x, feet, size, pose, 1)
