"""How the cast use what a page names: sleepers lie in a bed, the wakeful sit up in it, a
sitter sits on its edge, fliers leave the ground, and what someone holds is in their hand.

``composition`` plans with these (boxes in canvas pixels) and draws.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storygen.ai.offline.painter.figure_parts import Pose
from storygen.ai.offline.painter.layout import Box, overlaps
from storygen.ai.offline.painter.looks import Look
from storygen.ai.offline.painter.pen import point_along
from storygen.ai.offline.painter.poses import HOLDING_VERBS, action_for, own_words, pronoun_for
from storygen.ai.offline.painter.prop_shapes import PropKind
from storygen.ai.offline.painter.props import PROP_KINDS, PlacedProp
from storygen.ai.types import CharacterBrief, Scene

#: A held thing's height as a share of its holder's: a toy, a lantern or a book fills a hand.
HAND_SCALE = 0.24

#: How far fliers and jumpers rise above the ground, as a share of their height (the figure
#: drawing lifts them by the same amounts).
LIFT = {"flying": 0.2, "jumping": 0.14}

#: A bed's width as a share of its sleeper's height: room to lie down with a pillow.
BED_LENGTH = 1.35

# A thing named right after one of these (and at most two words such as "her toy") is in
# the hands of whoever does it. A flown kite stays up in the sky, its string in hand.
_HELD_BEFORE = re.compile(
    rf"\b(?:{HOLDING_VERBS}|with (?:his|her|their|its))\s+"
    r"(?:[\w'\u2019-]+\s+){0,2}$"
)


BED = next(kind for kind in PROP_KINDS if kind.name == "bed")

#: What the cast does in a bed when the picture has one.
_IN_BED = frozenset({"sleeping", "awake"})

#: How much of the stage's width the one in bed takes, counted in standing figures.
BED_SLOT = 2.2


@dataclass(frozen=True)
class Cast:
    """What each member of the cast does on a page: their action, their own words, what
    they hold, and who (if anyone) is in or on the bed."""

    actions: list[str]
    held: dict[int, PropKind]
    in_bed: int | None


def cast_on_page(scene: Scene, words: str, place: str, kinds: Sequence[PropKind]) -> Cast:
    """What each of the cast does in ``words`` (a page's, without the cast's looks), what
    they hold of ``kinds``, and who is in or on the bed."""
    members = scene.characters
    names = [member.name for member in members]
    actions: list[str] = []
    held: dict[int, PropKind] = {}
    pronouns = _pronouns(members, words)
    for index, member in enumerate(members):
        if scene.kind != "page":
            actions.append("standing")
            continue
        others = names[:index] + names[index + 1 :]
        pronoun = pronouns[index]
        actions.append(action_for(words, member.name, others, pronoun))
        for kind in held_in(own_words(words, member.name, others, pronoun), kinds):
            if kind.scale <= 0.6 and index not in held and kind not in held.values():
                held[index] = kind
    sleepers = [index for index, action in enumerate(actions) if action in _IN_BED]
    sitters = [index for index, action in enumerate(actions) if action == "sitting"]
    bed_named = BED in kinds
    in_bed = None
    if sleepers and (place == "bedroom" or bed_named):
        in_bed = sleepers[0]
    elif sitters and bed_named:
        in_bed = sitters[0]
    return Cast(actions, held, in_bed)


def _pronouns(members: Sequence[CharacterBrief], words: str) -> list[str]:
    """The pronoun that stands for each of the cast in ``words``: "she" is the first of the
    cast it could be; a pronoun nobody's description claims ("He glides over the meadow",
    of an owl) goes to the first whose description says neither."""
    pronouns: list[str] = []
    for member in members:
        pronoun = pronoun_for(member.name, member.description)
        pronouns.append("" if pronoun in pronouns else pronoun)
    for index, pronoun in enumerate(pronouns):
        if pronoun:
            continue
        unclaimed = [
            word
            for word in ("he", "she", "it")
            if word not in pronouns and re.search(rf"\b{word}\b", words, re.IGNORECASE)
        ]
        if unclaimed:
            pronouns[index] = unclaimed[0]
    return pronouns


def held_in(parts: Sequence[str], kinds: Sequence[PropKind]) -> list[PropKind]:
    """The props a character holds: named after a holding verb in the character's own words
    ("hugs her toy rabbit", "with her lantern", "carries his kite")."""
    held = []
    for kind in kinds:
        pattern = re.compile(rf"\b(?:{kind.words})\b", re.IGNORECASE)
        for part in parts:
            if any(_HELD_BEFORE.search(part[: m.start()]) for m in pattern.finditer(part)):
                held.append(kind)
                break
    return held


def figure_box(x: float, feet: float, size: float, action: str) -> Box:
    """The box a figure of ``size`` drawn at ``x`` with its feet (or back) at ``feet`` fills."""
    if action == "sleeping":
        return (x - size * 0.5, feet - size * 0.36, x + size * 0.5, feet)
    lifted = feet - size * LIFT.get(action, 0.0)
    return (x - size * 0.34, lifted - size * 1.15, x + size * 0.34, lifted + size * 0.03)


def bed_box(x: float, floor: float, size: float, aspect: float) -> Box:
    """A bed for a figure of ``size`` standing at ``x``, on the floor line."""
    width = size * BED_LENGTH
    return (x - width / 2, floor - width / aspect, x + width / 2, floor)


def mattress_top(bed: Box) -> float:
    """The top of the mattress in a bed's box (the ``bed`` prop's shapes put it at 0.3)."""
    return bed[1] + (bed[3] - bed[1]) * 0.3


def in_bed(bed: Box, size: float, action: str) -> tuple[float, float]:
    """Where a figure goes in or on ``bed``: its centre and its feet (a sleeper's back).

    A sleeper lies along the mattress, head on the pillow; the wakeful sit up at the pillow
    end; a sitter sits on the foot of the bed, shins hanging in front.
    """
    x0, _, x1, _ = bed
    width = x1 - x0
    seat = mattress_top(bed) + (bed[3] - bed[1]) * 0.1
    if action == "sleeping":
        return x0 + width * 0.06 + size * 0.5, seat + (bed[3] - bed[1]) * 0.05
    # Sitting, the hips are 0.17 of the figure's height above its feet (see ``figure``).
    feet = seat + size * 0.17
    return (x0 + width * (0.3 if action == "awake" else 0.7), feet)


def blanket_over(bed: Box, size: float, action: str, x: float, feet: float) -> Box | None:
    """The blanket drawn over a sleeper's legs or a wakeful sitter's lap, if any."""
    x0, y0, x1, y1 = bed
    bottom = y0 + (y1 - y0) * 0.62
    if action == "sleeping":
        return (x - size * 0.5 + size * 0.66, feet - size * 0.26, x1 - (x1 - x0) * 0.02, bottom)
    if action == "awake":
        hip = feet - size * 0.17
        return (x0 + (x1 - x0) * 0.12, hip - size * 0.02, x1 - (x1 - x0) * 0.02, bottom)
    return None


def hand_point(
    x: float, feet: float, size: float, pose: Pose, action: str, small: bool, side: int
) -> tuple[float, float]:
    """Where a figure's hand is, by the same sums ``figure`` draws its arms with (``side``
    -1 is the left hand, 1 the right; a side view shows only the hand in front)."""
    if action == "sleeping":
        # Lying with the head to the left, the hands rest on the chest.
        return (x - size * 0.1, feet - size * 0.12)
    feet -= size * LIFT.get(action, 0.0)
    r = size * (0.17 if small else 0.15)
    drop = size * 0.16 if pose.action == "sitting" else 0.0
    head_y = feet - size + r + drop
    shoulder_y = head_y + r * 0.92 + size * 0.04
    if pose.view == "side":
        return point_along((x, shoulder_y), min(pose.right_arm, 60.0), size * 0.27, pose.facing)
    angle = pose.right_arm if side > 0 else pose.left_arm
    origin = (x + side * size * 0.15 * 0.85, shoulder_y)
    return point_along(origin, angle, size * 0.27, side)


def held_box(hand: tuple[float, float], size: float, kind: PropKind, side: int) -> Box:
    """A held prop at hand scale, gripped near its top and hanging out from the hand."""
    height = size * HAND_SCALE
    width = min(height * kind.aspect, size * 0.4)
    height = width / kind.aspect
    hx, hy = hand
    left = hx - width * 0.2 if side > 0 else hx - width * 0.8
    top = hy - height * 0.3
    return (left, top, left + width, top + height)


def in_hand(
    x: float,
    feet: float,
    size: float,
    look: Look,
    pose: Pose,
    action: str,
    kind: PropKind,
    region: Box,
    holder: int,
) -> PlacedProp:
    """``kind`` in a figure's hand: the right hand unless the left keeps it clearer of the
    text and the edges."""
    small = look.height < 0.9
    sides = (pose.facing,) if pose.view == "side" else (1, -1)
    boxes = [
        held_box(hand_point(x, feet, size, pose, action, small, side), size, kind, side)
        for side in sides
    ]
    box = min(boxes, key=lambda b: (overlaps(b, region), b[0] < 0 or b[1] < 0))
    return PlacedProp(kind, box, holder)
