"""Characters drawn as their descriptions say: hair, skin, clothes, accessories, bodies, poses.

Two kinds of check: the look read from the words (each colour bound to the item it names),
and the drawn sheet, where each described colour must show in the part of the figure it
belongs to (hair near the top of the figure, clothes in the torso, a scarf at the neck).
"""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops, ImageDraw

from storygen.ai.offline import OfflineProvider
from storygen.ai.offline.painter import character_look, paint
from storygen.ai.offline.painter.colour import COLOURS, RGB
from storygen.ai.offline.painter.figure import draw_figure
from storygen.ai.offline.painter.figure_parts import Pose
from storygen.ai.offline.painter.look_tables import HAIR_COLOURS, MATERIALS, SKINS
from storygen.ai.offline.painter.pen import Pen
from storygen.ai.offline.painter.poses import action_for, pose_for, pronoun_for
from storygen.ai.offline.painter.sheet import sheet_figures
from storygen.ai.types import CharacterBrief, Scene

MIRA = CharacterBrief(name="Mira", description="a girl with long black braids and a red backpack")
BOLT = CharacterBrief(name="Bolt", description="a round silver robot with a red bow tie")
HOOT = CharacterBrief(name="Hoot", description="an owl with round spectacles")
NED = CharacterBrief(name="Grandpa Ned", description="a bald grandfather wearing a red scarf")
OAK = CharacterBrief(
    name="Ms Oak", description="a woman with a grey ponytail, a purple jumper and a black skirt"
)
LEO = CharacterBrief(name="Leo", description="a little prince with a golden crown and a blue cape")
TILLY = CharacterBrief(name="Tilly", description="a girl in green dungarees and a white t-shirt")
KOFI = CharacterBrief(
    name="Kofi", description="a boy with dark skin and curly brown hair, in a yellow raincoat"
)
ROSIE = CharacterBrief(name="Rosie", description="a girl with red curls in an orange dress")
BRUNO = CharacterBrief(name="Bruno", description="a huge brown bear with a tiny straw hat")
ZOE = CharacterBrief(name="Zoe", description="an astronaut girl in a white space suit")

SIZE = (768, 384)


def _close(a: tuple[int, ...], b: RGB, tolerance: float = 40) -> bool:
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5 <= tolerance


def test_colour_words_bind_to_the_hair_and_the_item_they_name() -> None:
    mira = character_look(MIRA)
    assert mira.hair == HAIR_COLOURS["black"]
    assert mira.hair_style == "braids"
    assert "backpack" in mira.features
    assert mira.item("backpack") == COLOURS["red"]

    rosie = character_look(ROSIE)
    assert rosie.hair == HAIR_COLOURS["red"]
    assert rosie.hair_style == "curly"
    assert rosie.outfit == "dress"
    assert rosie.top == COLOURS["orange"]

    oak = character_look(OAK)
    assert oak.hair == HAIR_COLOURS["grey"]
    assert oak.hair_style == "ponytail"
    assert oak.outfit == "skirt"
    assert (oak.top, oak.bottom) == (COLOURS["purple"], COLOURS["black"])

    leo = character_look(LEO)
    assert {"crown", "cape"} <= leo.features
    assert leo.item("crown") == COLOURS["golden"]
    assert leo.item("cape") == COLOURS["blue"]


def test_robots_and_animals_keep_their_own_bodies_and_wear_their_accessories() -> None:
    bolt = character_look(BOLT)
    assert bolt.animal == "robot"
    assert bolt.shape == "round"
    assert bolt.fur == COLOURS["silver"]
    assert "bowtie" in bolt.features
    assert "bow" not in bolt.features
    assert bolt.item("bowtie") == COLOURS["red"]

    hoot = character_look(HOOT)
    assert hoot.animal == "owl"
    assert "glasses" in hoot.features


@pytest.mark.parametrize(
    "extra",
    ["", "Redraw: wearing a red scarf, smiling kindly", "with a warm red scarf and kind eyes"],
)
def test_a_bald_grandfather_stays_bald_whatever_is_added(extra: str) -> None:
    ned = CharacterBrief(name=NED.name, description=f"{NED.description}. {extra}".strip())
    look = character_look(ned)
    assert look.hair_style == "bald"
    assert look.item("scarf") == COLOURS["red"]


def test_clothes_are_cut_as_described_and_a_person_is_never_bare() -> None:
    tilly = character_look(TILLY)
    assert tilly.outfit == "dungarees"
    assert tilly.top == COLOURS["green"]
    assert tilly.bottom == COLOURS["green"]
    assert tilly.under == COLOURS["white"]

    kofi = character_look(KOFI)
    assert kofi.outfit == "coat"
    assert kofi.top == COLOURS["yellow"]
    assert kofi.skin == SKINS[6]
    assert kofi.hair == HAIR_COLOURS["brown"]
    assert kofi.hair_style == "curly"

    # With no top described, the top is a clear clothing colour, never one close to skin.
    for name in ("Ada", "Bea", "Cal", "Dev", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kai"):
        look = character_look(CharacterBrief(name=name, description="a child"))
        assert not any(_close(look.top, skin, 55) for skin in SKINS), name


@pytest.mark.parametrize(
    ("description", "item", "colour"),
    [
        ("a bear with a tiny straw hat", "hat", MATERIALS["straw"]),
        ("a boy with a wooden crown", "crown", MATERIALS["wooden"]),
        ("a girl with a tartan scarf", "scarf", MATERIALS["tartan"]),
        ("a prince with a golden crown", "crown", COLOURS["golden"]),
        ("a knight with a silver helmet", "helmet", COLOURS["silver"]),
        # The colour named wins over the material: a red straw hat is red.
        ("a girl with a red straw hat", "hat", COLOURS["red"]),
    ],
)
def test_what_a_thing_is_made_of_gives_its_colour(description: str, item: str, colour: RGB) -> None:
    look = character_look(CharacterBrief(name="Sam", description=description))
    assert look.item(item) == colour


@pytest.mark.parametrize(
    ("description", "colour"),
    [
        ("an astronaut in a silver space suit", COLOURS["silver"]),
        ("an astronaut in a white spacesuit", COLOURS["white"]),
        ("a toddler in a green onesie", COLOURS["green"]),
        ("a pilot in an orange jumpsuit", COLOURS["orange"]),
        ("a farmer in blue overalls", COLOURS["blue"]),
        ("a knight in golden armour", COLOURS["golden"]),
        ("a mechanic in denim overalls", MATERIALS["denim"]),
    ],
)
def test_a_one_piece_garment_colours_the_legs_too(description: str, colour: RGB) -> None:
    look = character_look(CharacterBrief(name="Sam", description=description))
    assert (look.top, look.bottom) == (colour, colour)
    # Unnamed colours match too: a space suit is one garment from collar to boots.
    plain = character_look(CharacterBrief(name="Sam", description="a boy in a space suit"))
    assert plain.bottom == plain.top
    # Separate trousers keep their own colour.
    apart = character_look(
        CharacterBrief(name="Sam", description="a man in a grey suit and red trousers")
    )
    assert (apart.top, apart.bottom) == (COLOURS["grey"], COLOURS["red"])


def _sheet(character: CharacterBrief) -> Image.Image:
    scene = Scene(kind="sheet", description=character.description, characters=(character,))
    return Image.open(io.BytesIO(paint(scene, f"{SIZE[0]}x{SIZE[1]}"))).convert("RGB")


def _share(image: Image.Image, box: tuple[float, float, float, float], colour: RGB) -> float:
    """The share of pixels in ``box`` close to ``colour``."""
    left, top, right, bottom = (round(v) for v in box)
    crop = image.crop((left, top, right, bottom))
    pixels = [crop.getpixel((x, y)) for y in range(crop.height) for x in range(crop.width)]
    return sum(_close(p, colour) for p in pixels if isinstance(p, tuple)) / max(1, len(pixels))


def _band(character: CharacterBrief, view: int, top: float, bottom: float) -> tuple:
    """A horizontal band of the figure's box, ``top`` and ``bottom`` as shares of its height."""
    x, feet, size = sheet_figures(character_look(character), *SIZE)[view]
    head = feet - size
    return (x - size * 0.3, head + size * top, x + size * 0.3, head + size * bottom)


@pytest.mark.parametrize(
    ("character", "view", "band", "colour"),
    [
        # Hair near the top of the figure, clothes in the torso, accessories where they go.
        (MIRA, 0, (0.0, 0.25), HAIR_COLOURS["black"]),
        (MIRA, 2, (0.3, 0.65), COLOURS["red"]),  # the backpack, seen from behind
        (ROSIE, 0, (0.0, 0.25), HAIR_COLOURS["red"]),
        (ROSIE, 0, (0.35, 0.8), COLOURS["orange"]),
        (OAK, 0, (0.0, 0.25), HAIR_COLOURS["grey"]),
        (OAK, 0, (0.35, 0.55), COLOURS["purple"]),
        (OAK, 0, (0.6, 0.85), COLOURS["black"]),
        (NED, 0, (0.28, 0.45), COLOURS["red"]),  # the scarf at the neck
        (BOLT, 0, (0.28, 0.42), COLOURS["red"]),  # the bow tie at the neck
        (LEO, 0, (0.0, 0.15), COLOURS["golden"]),  # the crown on the head
        (LEO, 2, (0.4, 0.85), COLOURS["blue"]),  # the cape behind
        (TILLY, 0, (0.4, 0.8), COLOURS["green"]),
        (KOFI, 0, (0.35, 0.6), COLOURS["yellow"]),
        (BRUNO, 0, (0.0, 0.2), MATERIALS["straw"]),  # the straw hat on the bear's head
        (ZOE, 0, (0.65, 0.9), COLOURS["white"]),  # the space suit's legs
    ],
)
def test_described_colours_show_where_they_belong(
    character: CharacterBrief, view: int, band: tuple[float, float], colour: RGB
) -> None:
    image = _sheet(character)
    assert _share(image, _band(character, view, *band), colour) > 0.05


def test_colours_do_not_leak_to_the_wrong_part() -> None:
    # Red backpack, black braids: no red hair on top of the head.
    assert _share(_sheet(MIRA), _band(MIRA, 0, 0.0, 0.15), COLOURS["red"]) < 0.01
    # The bow tie is at the robot's neck, not on its head.
    assert _share(_sheet(BOLT), _band(BOLT, 0, 0.05, 0.25), COLOURS["red"]) < 0.01
    # Bald: the top of the head is skin, not hair.
    ned = character_look(NED)
    assert _share(_sheet(NED), _band(NED, 0, 0.0, 0.2), ned.skin) > 0.05


def test_a_beard_takes_the_colour_the_text_gives_it() -> None:
    joe = CharacterBrief(name="Joe", description="a bald grandfather with a white beard")
    look = character_look(joe)
    assert look.hair_style == "bald"
    assert look.facial_hair == HAIR_COLOURS["white"]
    # The beard covers the chin in the front view: white there, where a beard of no named
    # colour is the hair's.
    x, feet, size = sheet_figures(look, *SIZE)[0]
    chin = (x - size * 0.04, feet - size * 0.8, x + size * 0.04, feet - size * 0.72)
    assert _share(_sheet(joe), chin, HAIR_COLOURS["white"]) > 0.4
    plain = CharacterBrief(name="Joe", description="a bald grandfather with a beard")
    assert _share(_sheet(plain), chin, character_look(plain).hair) > 0.4
    assert _share(_sheet(plain), chin, HAIR_COLOURS["white"]) < 0.05
    # A beard with no colour of its own is the hair's.
    grey = character_look(CharacterBrief(name="Al", description="a man with grey hair and a beard"))
    assert grey.facial_hair == grey.hair == HAIR_COLOURS["grey"]


@pytest.mark.parametrize(
    ("description", "name", "action"),
    [
        ("Mira walks to school with Bolt", "Mira", "walking"),
        ("Mira walks to school with Bolt", "Bolt", "walking"),
        ("Sam jumps over the puddle and Nana waves", "Nana", "waving"),
        ("Sam jumps over the puddle and Nana waves", "Sam", "jumping"),
        ("Rosie sleeps in her bed while Rusty reads", "Rusty", "standing"),
        ("Rosie sleeps in her bed while Rusty reads", "Rosie", "sleeping"),
        ("Hoot sits on a branch and points at the moon", "Hoot", "sitting"),
        ("Leo holds a lantern", "Leo", "holding"),
        ("The dragon flies over the castle", "Mira", "standing"),
        ("They run across the beach together", "Kofi", "running"),
        ("Mira and Pip look at the sea", "Mira", "standing"),
    ],
)
def test_the_page_says_what_each_character_is_doing(
    description: str, name: str, action: str
) -> None:
    assert action_for(description, name) == action


def test_a_pose_shows_its_action_and_the_default_stands() -> None:
    assert pose_for("standing").action == "standing"
    assert pose_for("walking").view == "side"
    assert pose_for("waving").right_arm > 140
    assert pose_for("pointing").right_arm == pytest.approx(92)


def test_a_sleeper_lies_along_the_ground_and_a_flier_leaves_it() -> None:
    look = character_look(ROSIE)

    def drawn_box(action: str) -> tuple[int, int, int, int]:
        image = Image.new("RGB", (400, 400), (255, 255, 255))
        pen = Pen(ImageDraw.Draw(image), 2, None)
        draw_figure(pen, look, 200, 350, 200, pose_for(action), 1)
        box = ImageChops.difference(image, Image.new("RGB", image.size, (255, 255, 255)))
        found = box.getbbox()
        assert found is not None
        return found

    left, top, right, bottom = drawn_box("standing")
    assert bottom - top > right - left
    left, top, right, bottom = drawn_box("sleeping")
    assert right - left > (bottom - top) * 1.5
    assert bottom <= 352
    assert drawn_box("flying")[3] < 330  # the feet are off the ground


@pytest.mark.parametrize(
    "action", ["walks", "runs", "points", "holds a kite", "waves", "sits", "sleeps", "flies"]
)
def test_every_pose_draws_on_the_smallest_pictures_with_a_crowd(action: str) -> None:
    crowd = (
        CharacterBrief(name="Mira", description="a brave girl who loves the sea", age=7),
        CharacterBrief(name="Pip", description="a small brown dog"),
        CharacterBrief(name="Hoot", description="an owl with round spectacles"),
        CharacterBrief(name="Bolt", description="a round silver robot with a red bow tie"),
    )
    for seed in range(12):
        scene = Scene(
            kind="page",
            description=f"Mira {action} across the beach to the boat with a bucket and spade",
            characters=crowd,
            text_position="top-left",
            page_number=seed,
            seed_key=f"story-{seed}",
        )
        picture = OfflineProvider().draw("x", size="64x64", scene=scene)
        assert Image.open(io.BytesIO(picture.data)).size == (64, 64)


@pytest.mark.parametrize(
    ("description", "name", "action"),
    [
        # The whole body says more than the arms: she hugs, then sleeps.
        ("She hugs her toy rabbit and falls asleep", "Mia", "sleeping"),
        ("The wind rattles the window and Mia cannot sleep", "Mia", "awake"),
        ("Mia lies awake in bed", "Mia", "awake"),
        ("Grandpa Joe sits on her bed, in Mia's bedroom", "Grandpa Joe", "sitting"),
        # "Mia's bedroom" is where, not who: Mia is not the one sitting.
        ("Grandpa Joe sits on her bed, in Mia's bedroom", "Mia", "standing"),
        ("Leo and Bolt bounce across the craters", "Leo", "jumping"),
        ("Sam waves and Nana jumps", "Sam", "waving"),
        ("Jun flies his dragon kite in the park", "Jun", "holding"),
        ("The baby birds take off from the nest", "Hoot", "standing"),
        ("Hoot takes off from the branch", "Hoot", "flying"),
        ("Hoot soars over the trees", "Hoot", "flying"),
    ],
)
def test_who_does_what_follows_names_pronouns_and_the_whole_body(
    description: str, name: str, action: str
) -> None:
    others = [
        other for other in ("Mia", "Grandpa Joe", "Leo", "Bolt", "Sam", "Nana") if other != name
    ]
    assert action_for(description, name, others, "she" if name == "Mia" else "") == action


def test_a_pronoun_belongs_to_the_character_it_fits() -> None:
    assert pronoun_for("Mia", "a small girl with long black braids") == "she"
    assert pronoun_for("Grandpa Joe", "a bald grandfather with a red scarf") == "he"
    assert pronoun_for("Bolt", "a round silver robot") == ""
    # She falls asleep; he, who is not "she", keeps standing.
    text = "She yawns and falls asleep. In the picture: Mia and Grandpa Joe."
    assert action_for(text, "Mia", ["Grandpa Joe"], "she") == "sleeping"
    assert action_for(text, "Grandpa Joe", ["Mia"], "he") == "standing"


def test_awake_in_bed_is_drawn_sitting_up() -> None:
    assert pose_for("awake").action == "sitting"


def test_braids_show_behind_the_head_in_side_view() -> None:
    def hair_behind_head(description: str) -> int:
        look = character_look(CharacterBrief(name="Mira", description=description))
        image = Image.new("RGB", (400, 400), (255, 255, 255))
        pen = Pen(ImageDraw.Draw(image), 2, None)
        draw_figure(pen, look, 200, 380, 300, Pose(20, 20, "side", 1), 1)
        # Facing right, behind the head is to the left of it, down to the shoulders.
        behind = image.crop((130, 130, 185, 230))
        return sum(n for n, pixel in behind.getcolors(1 << 16) or [] if _close(pixel, look.hair))

    assert hair_behind_head("a girl with long black braids") > 4 * max(
        1, hair_behind_head("a girl with short black hair")
    )
