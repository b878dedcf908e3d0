"""A page or cover composed: its place, light, weather, cast, props and shadows.

Everything is planned first (``plan_scene``: pure sums, no drawing) and then painted from
the plan, so the scene graph built from a plan is what the picture shows. Character sheets
are composed in ``sheet``; the finishing style effects are in ``treatments``.
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

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
from storygen.ai.offline.painter.backdrops_rooms import (
    living_room_backdrop,
    museum_backdrop,
    shop_backdrop,
)
from storygen.ai.offline.painter.backdrops_rural import farm_backdrop, school_backdrop
from storygen.ai.offline.painter.backdrops_sea_and_space import (
    sea_backdrop,
    space_backdrop,
    underwater_backdrop,
    water_band,
)
from storygen.ai.offline.painter.backdrops_wild import (
    jungle_backdrop,
    moon_backdrop,
    mountains_backdrop,
)
from storygen.ai.offline.painter.canvas import Canvas, time_of_day
from storygen.ai.offline.painter.colour import RGB, mix, pixel_at, shaded
from storygen.ai.offline.painter.figure import draw_figure
from storygen.ai.offline.painter.figure_parts import Pose
from storygen.ai.offline.painter.layout import Box, Stage, plan_stage, text_region
from storygen.ai.offline.painter.looks import Look, character_look
from storygen.ai.offline.painter.pen import Pen
from storygen.ai.offline.painter.places import INDOOR_PLACES, place_for
from storygen.ai.offline.painter.poses import pose_for
from storygen.ai.offline.painter.props import Ground, PlacedProp, draw_prop, plan_props, props_named
from storygen.ai.offline.painter.scene_graph import Drawn, PictureGraph
from storygen.ai.offline.painter.seasons import draw_fallen_leaves, season_for
from storygen.ai.offline.painter.sheet import sideways_reach
from storygen.ai.offline.painter.staging import (
    BED,
    BED_LENGTH,
    BED_SLOT,
    LIFT,
    bed_box,
    blanket_over,
    cast_on_page,
    figure_box,
    in_bed,
    in_hand,
)
from storygen.ai.offline.painter.styles import Style
from storygen.ai.offline.painter.water import draw_water, plan_water
from storygen.ai.offline.painter.weather import draw_falling_weather, draw_fog, weather_for
from storygen.ai.offline.painter.words import stable_digest, without_looks
from storygen.ai.types import Scene

_BACKDROPS: dict[str, Callable[[Canvas, float, float], None]] = {
    "meadow": meadow_backdrop,
    "forest": forest_backdrop,
    "jungle": jungle_backdrop,
    "mountains": mountains_backdrop,
    "beach": sea_backdrop,
    "sea": lambda canvas, horizon, feet: sea_backdrop(canvas, horizon, feet, beach=False),
    "city": city_backdrop,
    "space": space_backdrop,
    "moon": moon_backdrop,
    "castle": castle_backdrop,
    "desert": desert_backdrop,
    "snow": snow_backdrop,
    "farm": farm_backdrop,
    "garden": garden_backdrop,
    "underwater": underwater_backdrop,
    "school": school_backdrop,
    "classroom": lambda canvas, horizon, feet: interior_backdrop(
        canvas, horizon, feet, "classroom"
    ),
    "bedroom": lambda canvas, horizon, feet: interior_backdrop(canvas, horizon, feet, "bedroom"),
    "kitchen": lambda canvas, horizon, feet: interior_backdrop(canvas, horizon, feet, "kitchen"),
    "shop": shop_backdrop,
    "living room": living_room_backdrop,
    "museum": museum_backdrop,
}

_WOODED = re.compile(r"\b(?:forests?|woods|woodland|trees|pines?)\b", re.IGNORECASE)

# The water planner knows the older, broader themes.
_WATER_THEME = {
    "beach": "sea",
    "classroom": "school",
    "bedroom": "home",
    "kitchen": "home",
    "shop": "home",
    "living room": "home",
    "museum": "home",
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


@dataclass(frozen=True)
class Figure:
    """One character as planned: where it stands, how tall, its look and pose."""

    index: int
    x: float
    size: float
    look: Look
    pose: Pose
    box: Box
    feet: float  # where its feet are (a sleeper's back); fliers are lifted from here
    action: str = "standing"


@dataclass(frozen=True)
class ScenePlan:
    place: str
    time: str
    weather: tuple[str, ...]
    region: tuple[int, int, int, int]
    stage: Stage
    figures: tuple[Figure, ...]
    props: tuple[PlacedProp, ...]
    blankets: tuple[Box, ...] = ()  # drawn over whoever is in bed
    season: str = ""  # only outdoors on land: rooms, space and the sea bed have none

    def graph(self, scene: Scene, scale: float = 1.0) -> PictureGraph:
        """The scene graph of this plan, its boxes divided by ``scale``."""

        def shrink(box: Box) -> Box:
            return (box[0] / scale, box[1] / scale, box[2] / scale, box[3] / scale)

        return PictureGraph(
            kind=scene.kind,
            place=self.place,
            indoor=self.place in INDOOR_PLACES,
            light=self.time,
            weather=self.weather,
            horizon=self.stage.horizon / scale,
            text_area=shrink(self.region),
            props=tuple(
                Drawn(
                    prop.name,
                    shrink(prop.box),
                    held_by="" if prop.holder is None else scene.characters[prop.holder].name,
                )
                for prop in self.props
            ),
            characters=tuple(
                Drawn(scene.characters[figure.index].name, shrink(figure.box), figure.action)
                for figure in self.figures
            ),
            ground=self.stage.feet / scale,
            season=self.season,
        )


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
        beard=None if look.beard is None else mix(look.beard, target, amount),
    )


def _shadow(canvas: Canvas, x: float, feet: float, width: float) -> None:
    px = min(canvas.width - 1, max(0, round(x)))
    py = min(canvas.height - 1, max(0, round(feet + width * 0.05)))
    colour = shaded(pixel_at(canvas.image, px, py), 0.78)
    canvas.draw.ellipse(
        (x - width, feet - width * 0.16, x + width, feet + width * 0.14), fill=colour
    )


#: How a description says what kind of picture it is ("Picture-book illustration in classic
#: storybook style: …"): words about the picture, not in it ("storybook" is no book).
_FRAMING = re.compile(r"^\s*picture-book (?:illustration|cover)\b[^:]*:\s*", re.IGNORECASE)


def shown_in(description: str) -> str:
    """What a picture description says is in the picture, without its framing."""
    return _FRAMING.sub("", description, count=1)


def plan_scene(scene: Scene, width: int, height: int, rng: random.Random) -> ScenePlan:
    """Where everything in a page or cover goes; nothing is drawn."""
    region = text_region(scene.text_position, width, height)
    # What happens on the page, without who the cast are ("Mia, in star-covered pyjamas").
    words = without_looks(shown_in(scene.description), [c.description for c in scene.characters])
    place = place_for(words, scene.setting)
    sky_theme = "space" if place in {"space", "moon"} else place
    time = time_of_day(words, rng, sky_theme)
    weather = () if place in {"space", "moon", "underwater"} else weather_for(words)
    if place in INDOOR_PLACES:
        weather = tuple(name for name in weather if name == "sunny")
    seasonless = place in INDOOR_PLACES or place in {"space", "moon", "underwater"}
    season = "" if seasonless else season_for(words)
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
    kinds = props_named(words, place)
    cast = cast_on_page(scene, words, place, kinds)
    # The bed and what the cast hold are placed with them, not left to find room.
    kinds = [
        kind
        for kind in kinds
        if kind not in cast.held.values() and (kind != BED or cast.in_bed is None)
    ]
    weights = [BED_SLOT if index == cast.in_bed else 1.0 for index in order]
    x0, _, x1, _ = stage.area
    figure_height = stage.figure_height
    if count and scene.kind == "page" and any(kind.where != "sky" for kind in kinds):
        # The cast steps aside and leaves one side of the stage to what the page names.
        share = 0.6 if count == 1 else 0.68 if count == 2 else 0.76
        if rng.random() < 0.5:
            x1 = x0 + (x1 - x0) * share
        else:
            x0 = x1 - (x1 - x0) * share
        figure_height = min(figure_height, (x1 - x0) / (count * 0.62 + 0.15))
    if cast.in_bed is not None:
        figure_height = min(figure_height, (x1 - x0) / (sum(weights) * 0.62 + 0.15))
    unit_width = (x1 - x0) / max(sum(weights), 1.0)
    figures: list[Figure] = []
    beds: list[PlacedProp] = []
    blankets: list[Box] = []
    left = x0
    for slot, index in enumerate(order):
        spacing = unit_width * weights[slot]
        centre = left + spacing / 2
        left += spacing
        look = _lit_look(looks[index], time)
        jitter = rng.uniform(-0.1, 0.1) * unit_width if scene.kind != "cover" else 0.0
        size = figure_height * look.height
        action = cast.actions[index]
        if action in LIFT:
            # A flier rises, head still inside the picture.
            size = min(size, (stage.feet - height * 0.02) / (1.15 + LIFT[action]))
        # Keep arms, tails and beds inside the picture; a bed fits a grown-up, whoever
        # sleeps in it.
        bed_size = max(size, figure_height) if index == cast.in_bed else 0.0
        reach = max(size * max(0.42, sideways_reach(look)), bed_size * BED_LENGTH / 2)
        x = min(max(centre + jitter, x0 + reach), x1 - reach)
        feet = stage.feet
        if scene.kind == "cover":
            size *= 1.06 if index == 0 else 0.98
            arms = rng.choice(_COVER_POSES)
            pose = Pose(arms[0], arms[1])
        else:
            arms = rng.choice(_PAGE_POSES)
            side = count > 1 and rng.random() < 0.3
            facing = 1 if x < (x0 + x1) / 2 else -1
            pose = Pose(arms[0], arms[1], "side" if side else "front", facing, rng.uniform(0, 0.04))
            # What the page says this character does shows in how they stand.
            if action != "standing":
                pose = pose_for(action, facing, pose.stride)
        if index == cast.in_bed:
            bed = bed_box(x, stage.feet, bed_size, BED.aspect)
            beds.append(PlacedProp(BED, bed))
            x, feet = in_bed(bed, size, action)
            blanket = blanket_over(bed, size, action, x, feet)
            if blanket is not None:
                blankets.append(blanket)
        box = figure_box(x, feet, size, action)
        figures.append(Figure(index, x, size, look, pose, box, feet, action))
    unit = min(width, height)
    # Props keep clear of the figures' outstretched arms as well as their bodies.
    avoid: list[Box] = [region, *(bed.box for bed in beds)]
    for figure in figures:
        reach = figure.size * max(0.42, sideways_reach(figure.look))
        avoid.append((figure.x - reach, figure.box[1], figure.x + reach, figure.box[3]))
    water = None
    if place in {"sea", "beach"}:
        water = water_band(place == "beach", stage.horizon, stage.feet, unit)
    ground = Ground(
        width,
        height,
        stage.horizon,
        stage.feet,
        stage.figure_height,
        place in INDOOR_PLACES,
        water,
        avoid,
    )
    props = [*beds, *plan_props(kinds, ground, random.Random(rng.random()))]
    props += [
        in_hand(
            figure.x,
            figure.feet,
            figure.size,
            figure.look,
            figure.pose,
            figure.action,
            cast.held[figure.index],
            region,
            figure.index,
        )
        for figure in figures
        if figure.index in cast.held
    ]
    return ScenePlan(
        place,
        time,
        weather,
        region,
        stage,
        tuple(figures),
        tuple(props),
        tuple(blankets),
        season,
    )


def paint_scene(
    scene: Scene, image: Image.Image, pen: Pen, style: Style, rng: random.Random
) -> ScenePlan:
    width, height = image.size
    plan = plan_scene(scene, width, height, rng)
    stage = plan.stage
    canvas = Canvas(image, pen, rng, style, plan.time, plan.region, [plan.region], width, height)
    canvas.weather = plan.weather
    canvas.season = plan.season
    canvas.props = frozenset(prop.name for prop in plan.props)
    canvas.sky_lights = "moon" not in canvas.props
    canvas.wooded = bool(_WOODED.search(f"{scene.description} {scene.setting}"))
    canvas.cast.extend(figure.box for figure in plan.figures)
    canvas.blocked.extend(prop.box for prop in plan.props)
    if scene.kind == "cover":
        x0, _, x1, _ = stage.area
        canvas.rays = ((x0 + x1) / 2, stage.feet - stage.figure_height * 0.6)
    water = plan_water(canvas, scene, _WATER_THEME.get(plan.place, plan.place), stage)
    _BACKDROPS[plan.place](canvas, stage.horizon, stage.feet)
    if water is not None:
        draw_water(canvas, water)
    draw_fallen_leaves(canvas, stage.horizon)
    draw_fog(canvas, stage.horizon)
    standing = [prop for prop in plan.props if prop.holder is None]
    for prop in sorted(standing, key=lambda p: p.box[3]):
        draw_prop(canvas, prop)
    for figure in plan.figures:
        # In or on a bed, the bed stands on the floor and casts the shadow.
        if style.name != "minimalist" and figure.feet == stage.feet:
            _shadow(canvas, figure.x, stage.feet, figure.size * 0.22)
        draw_figure(pen, figure.look, figure.x, figure.feet, figure.size, figure.pose, style.detail)
    for blanket in plan.blankets:
        pen.rounded(blanket, (blanket[3] - blanket[1]) * 0.25, canvas.lit(BED.signature))
    for prop in plan.props:
        if prop.holder is not None:
            draw_prop(canvas, prop)
    draw_falling_weather(canvas)
    return plan
