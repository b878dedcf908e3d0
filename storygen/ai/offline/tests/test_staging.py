"""The cast use what the page names: sleepers lie in a bed, the wakeful sit up in it, a sitter
sits on it, what someone holds is in their hand, and fliers leave the ground.

Checked on the scene graph (``plan_picture``) and, where it matters, on the pixels.
"""

from __future__ import annotations

import io
import math

import pytest
from PIL import Image

from storygen.ai.offline.painter import paint, plan_picture
from storygen.ai.offline.painter.props import PROP_KINDS
from storygen.ai.offline.painter.scene_graph import Box, PictureGraph
from storygen.ai.types import CharacterBrief, Scene

MIA = CharacterBrief(name="Mia", description="a girl with long black braids", age=7)
PIP = CharacterBrief(name="Pip", description="a small brown dog")
GRANDPA = CharacterBrief(name="Grandpa Joe", description="a bald grandfather with a red scarf")
SIZE = "384x384"

RGB = tuple[int, int, int]


def _scene(description: str, **changes: object) -> Scene:
    fields: dict[str, object] = {
        "kind": "page",
        "description": description,
        "characters": (MIA, PIP),
        "text_position": "top-center",
        "page_number": 2,
        "seed_key": "staging",
    }
    fields.update(changes)
    return Scene(**fields)  # type: ignore[arg-type]


def _picture(scene: Scene) -> tuple[PictureGraph, Image.Image]:
    image = Image.open(io.BytesIO(paint(scene, SIZE))).convert("RGB")
    return plan_picture(scene, SIZE), image


def _share(image: Image.Image, box: Box, colour: RGB, tolerance: float = 24) -> float:
    """The share of pixels inside ``box`` within ``tolerance`` of ``colour``."""
    x0, y0, x1, y1 = (round(v) for v in box)
    crop = image.crop((max(0, x0), max(0, y0), min(image.width, x1), min(image.height, y1)))
    counts = crop.getcolors(crop.width * crop.height) or []
    near = sum(n for n, pixel in counts if math.dist(pixel[:3], colour) <= tolerance)
    return near / max(1, crop.width * crop.height)


def _centre_x(box: Box) -> float:
    return (box[0] + box[2]) / 2


def _character(graph: PictureGraph, name: str) -> tuple[Box, str]:
    drawn = next(c for c in graph.characters if c.name == name)
    return drawn.box, drawn.action


def test_a_sleeper_lies_in_the_bed_and_the_wakeful_sit_up_in_it() -> None:
    graph, image = _picture(_scene("Mia falls asleep in her bedroom"))
    bed = graph.prop("bed")
    assert bed is not None
    box, action = _character(graph, "Mia")
    assert action == "sleeping"
    assert bed.box[0] < _centre_x(box) < bed.box[2]
    assert box[2] - box[0] > (box[3] - box[1]) * 1.5  # lying down
    assert box[3] < bed.box[3]  # on the mattress, not the floor
    # Mia's black braids show on the pillow end of the bed.
    assert _share(image, bed.box, (40, 32, 30), 40) > 0.01

    graph = plan_picture(_scene("Mia cannot sleep"), SIZE)
    bed = graph.prop("bed")
    box, action = _character(graph, "Mia")
    assert action == "awake"
    assert bed is not None
    assert bed.box[0] < _centre_x(box) < bed.box[2]
    assert box[3] - box[1] > box[2] - box[0]  # sitting up
    assert box[3] < bed.box[3]


def test_a_sitter_sits_on_the_bed_the_page_names() -> None:
    graph = plan_picture(_scene("Grandpa Joe sits on her bed", characters=(MIA, GRANDPA)), SIZE)
    bed = graph.prop("bed")
    assert bed is not None
    box, action = _character(graph, "Grandpa Joe")
    assert action == "sitting"
    assert bed.box[0] < _centre_x(box) < bed.box[2]
    assert box[3] < bed.box[3] - (bed.box[3] - bed.box[1]) * 0.2  # raised onto it
    assert _character(graph, "Mia")[1] == "standing"


@pytest.mark.parametrize(
    ("description", "prop"),
    [
        ("Mia hugs her toy rabbit", "toy"),
        ("Mia holds up a lantern", "lantern"),
        ("Mia carries her kite to the park", "kite"),
        ("Mia walks to the shop with her basket", "basket"),
    ],
)
def test_a_held_prop_is_in_the_holders_hand_at_hand_scale(description: str, prop: str) -> None:
    scene = _scene(f"{description} in the morning")
    graph, image = _picture(scene)
    held = graph.prop(prop)
    assert held is not None
    assert held.held_by == "Mia"
    box, action = _character(graph, "Mia")
    assert action != "flying"
    # In reach of her hand: beside her, no taller than a third of her.
    assert held.box[3] - held.box[1] < (box[3] - box[1]) / 3
    assert box[0] - 20 < _centre_x(held.box) < box[2] + 20
    assert box[1] < (held.box[1] + held.box[3]) / 2 < box[3]
    kinds = {kind.name: kind for kind in PROP_KINDS}
    assert _share(image, held.box, kinds[prop].signature) > 0.04


def test_flying_a_kite_keeps_the_flier_down_and_the_kite_up() -> None:
    graph = plan_picture(_scene("Mia flies her kite in the park in the morning"), SIZE)
    box, action = _character(graph, "Mia")
    assert action == "holding"
    assert box[3] > graph.ground
    kite = graph.prop("kite")
    assert kite is not None
    assert kite.held_by == ""
    assert kite.box[3] <= graph.horizon


def test_a_flier_leaves_the_ground() -> None:
    graph = plan_picture(_scene("Mia flies over the meadow"), SIZE)
    box, action = _character(graph, "Mia")
    assert action == "flying"
    assert box[3] < graph.ground - 10
    assert box[1] >= 0
    pip, _ = _character(graph, "Pip")
    assert pip[3] > graph.ground


def test_riding_in_a_rocket_is_not_wearing_it() -> None:
    graph = plan_picture(_scene("Mia flies home in her cardboard rocket"), SIZE)
    assert "rocket" in graph.prop_names


def test_a_pronoun_no_description_claims_is_the_creature_it_stands_for() -> None:
    hoot = CharacterBrief(name="Hoot", description="a fluffy baby owl with round spectacles")
    mama = CharacterBrief(name="Mama Owl", description="a big brown owl with speckled wings")
    scene = _scene("He glides over the meadow under the moon", characters=(hoot, mama))
    graph = plan_picture(scene, SIZE)
    assert graph.place == "meadow"
    assert _character(graph, "Hoot")[1] == "flying"
    assert _character(graph, "Mama Owl")[1] == "standing"
