"""A page or cover composed: its backdrop, light, cast, poses and shadows.

Character sheets are composed in ``sheet``; the finishing style effects are in
``treatments``.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable

from PIL import Image

from storygen.ai.offline.painter.backdrops_built import city_backdrop, interior_backdrop
from storygen.ai.offline.painter.backdrops_land import (
    castle_backdrop,
    desert_backdrop,
    forest_backdrop,
    garden_backdrop,
    meadow_backdrop,
    snow_backdrop,
)
from storygen.ai.offline.painter.backdrops_sea_and_space import (
    sea_backdrop,
    space_backdrop,
    underwater_backdrop,
)
from storygen.ai.offline.painter.canvas import Canvas, time_of_day
from storygen.ai.offline.painter.colour import RGB, mix, pixel_at, shaded
from storygen.ai.offline.painter.figure import draw_figure
from storygen.ai.offline.painter.figure_parts import Pose
from storygen.ai.offline.painter.layout import plan_stage, text_region
from storygen.ai.offline.painter.looks import Look, character_look
from storygen.ai.offline.painter.pen import Pen
from storygen.ai.offline.painter.places import DEFAULT_THEME, theme_for
from storygen.ai.offline.painter.sheet import sideways_reach
from storygen.ai.offline.painter.styles import Style
from storygen.ai.offline.painter.water import draw_water, plan_water
from storygen.ai.offline.painter.words import stable_digest
from storygen.ai.types import Scene

_BACKDROPS: dict[str, Callable[[Canvas, float, float], None]] = {
    "meadow": meadow_backdrop,
    "forest": forest_backdrop,
    "sea": sea_backdrop,
    "city": city_backdrop,
    "space": space_backdrop,
    "castle": castle_backdrop,
    "desert": desert_backdrop,
    "snow": snow_backdrop,
    "garden": garden_backdrop,
    "underwater": underwater_backdrop,
    "school": lambda canvas, horizon, feet: interior_backdrop(canvas, horizon, feet, True),
    "home": lambda canvas, horizon, feet: interior_backdrop(canvas, horizon, feet, False),
}


_PAGE_POSES: tuple[tuple[float, float], ...] = (
    (20, 20),
    (20, 150),
    (150, 20),
    (25, 95),
    (95, 25),
    (35, 35),
    (20, 120),
    (60, 15),
)


_COVER_POSES: tuple[tuple[float, float], ...] = ((150, 150), (20, 160), (160, 25), (140, 155))


_FIGURE_LIGHT: dict[str, tuple[RGB, float]] = {
    "sunset": ((250, 150, 110), 0.1),
    "night": ((40, 50, 110), 0.25),
    "space": ((60, 50, 120), 0.12),
    "dawn": ((250, 200, 180), 0.06),
}


def picture_seed(scene: Scene, width: int, height: int) -> int:
    # The style is left out on purpose: the same page in two styles keeps its composition.
    names = "|".join(c.name for c in scene.characters)
    digest = stable_digest(
        scene.seed_key,
        scene.kind,
        str(scene.page_number),
        scene.description,
        scene.setting,
        scene.text_position,
        names,
        f"{width}x{height}",
    )
    return int.from_bytes(digest[:8], "big")


def _lit_look(look: Look, time: str) -> Look:
    if time not in _FIGURE_LIGHT:
        return look
    target, amount = _FIGURE_LIGHT[time]
    return dataclasses.replace(
        look,
        skin=mix(look.skin, target, amount),
        hair=mix(look.hair, target, amount),
        top=mix(look.top, target, amount),
        bottom=mix(look.bottom, target, amount),
        shoes=mix(look.shoes, target, amount),
        accent=mix(look.accent, target, amount),
        fur=mix(look.fur, target, amount),
        trim=mix(look.trim, target, amount),
    )


def _theme_of(scene: Scene) -> str:
    theme = theme_for(scene.setting) if scene.setting.strip() else DEFAULT_THEME
    if theme == DEFAULT_THEME:
        theme = theme_for(scene.description)
    return theme


def _shadow(canvas: Canvas, x: float, feet: float, width: float) -> None:
    px = min(canvas.width - 1, max(0, round(x)))
    py = min(canvas.height - 1, max(0, round(feet + width * 0.05)))
    colour = shaded(pixel_at(canvas.image, px, py), 0.78)
    canvas.draw.ellipse(
        (x - width, feet - width * 0.16, x + width, feet + width * 0.14), fill=colour
    )


def paint_scene(
    scene: Scene, image: Image.Image, pen: Pen, style: Style, rng: random.Random
) -> None:
    width, height = image.size
    region = text_region(scene.text_position, width, height)
    theme = _theme_of(scene)
    time = time_of_day(scene.description, rng, theme)
    canvas = Canvas(image, pen, rng, style, time, region, [region], width, height)
    looks = [character_look(c) for c in scene.characters]
    count = len(looks)
    stage = plan_stage(region, width, height, count, scene.kind)
    order = list(range(count))
    if scene.kind != "cover":
        rng.shuffle(order)
    elif count > 2:
        # The lead stands in the middle of the cover.
        order.remove(0)
        order.insert(count // 2, 0)
    x0, _, x1, _ = stage.area
    spacing = (x1 - x0) / max(count, 1)
    places: list[tuple[float, float, Look, Pose]] = []
    for slot, index in enumerate(order):
        look = _lit_look(looks[index], time)
        jitter = rng.uniform(-0.1, 0.1) * spacing if scene.kind != "cover" else 0.0
        size = stage.figure_height * look.height
        # Keep arms and tails inside the picture.
        reach = size * max(0.42, sideways_reach(look))
        x = min(max(x0 + spacing * (slot + 0.5) + jitter, x0 + reach), x1 - reach)
        if scene.kind == "cover":
            size *= 1.06 if index == 0 else 0.98
            arms = rng.choice(_COVER_POSES)
            pose = Pose(arms[0], arms[1])
        else:
            arms = rng.choice(_PAGE_POSES)
            side = count > 1 and rng.random() < 0.3
            facing = 1 if x < (x0 + x1) / 2 else -1
            pose = Pose(arms[0], arms[1], "side" if side else "front", facing, rng.uniform(0, 0.04))
        places.append((x, size, look, pose))
        canvas.cast.append(
            (x - size * 0.34, stage.feet - size * 1.15, x + size * 0.34, stage.feet + size * 0.03)
        )
    if scene.kind == "cover":
        canvas.rays = ((x0 + x1) / 2, stage.feet - stage.figure_height * 0.6)
    water = plan_water(canvas, scene, theme, stage)
    _BACKDROPS[theme](canvas, stage.horizon, stage.feet)
    if water is not None:
        draw_water(canvas, water)
    detail = style.detail
    for x, size, look, pose in places:
        if style.name != "minimalist":
            _shadow(canvas, x, stage.feet, size * 0.22)
        draw_figure(pen, look, x, stage.feet, size, pose, detail)
