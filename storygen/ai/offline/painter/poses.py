"""What a character is doing on a page, read from the page's words, and the pose that shows it.

Composition asks ``action_for`` for each character and passes ``pose_for``'s pose to the
figure; a page that names no action keeps the figure standing.
"""

from __future__ import annotations

import re

from storygen.ai.offline.painter.figure_parts import Pose

# Verbs by the pose that shows them. Checked in this order: "sits and points" shows sitting,
# because the whole body says more than an arm.
_ACTION_WORDS: tuple[tuple[str, str], ...] = (
    ("sleeping", r"sleep(?:s|ing)?|slept|asleep|nap(?:s|ping)?|doz(?:e|es|ing)|snooz\w*"),
    ("sleeping", r"(?:lies|lying|lay|lays) (?:down|in|on|asleep)|tucked (?:in|up)"),
    ("sitting", r"sit(?:s|ting)?|sat|seated|perch(?:es|ed|ing)?"),
    ("flying", r"fl(?:y|ies|ying|ew)|soar(?:s|ed|ing)?|float(?:s|ed|ing)?|glid(?:e|es|ing)"),
    ("jumping", r"jump(?:s|ed|ing)?|leap(?:s|t|ed|ing)?|hop(?:s|ped|ping)?|bounc\w+"),
    ("running", r"r(?:un|uns|unning|an)|rac(?:e|es|ing)|dash(?:es|ed|ing)?|chas(?:e|es|ing)"),
    ("pointing", r"point(?:s|ed|ing)?"),
    ("waving", r"wav(?:e|es|ed|ing)|greet(?:s|ed|ing)?"),
    (
        "holding",
        r"hold(?:s|ing)?|held|carr(?:y|ies|ied|ying)|clutch\w*|hug(?:s|ged|ging)?|"
        r"lift(?:s|ed|ing)?|rais(?:e|es|ing) (?:a|the|his|her|their)",
    ),
    (
        "walking",
        r"walk(?:s|ed|ing)?|stroll\w*|wander\w*|march\w*|tiptoe\w*|"
        r"head(?:s|ed|ing)? (?:to|for|off)",
    ),
)

ACTIONS = (
    "standing",
    "walking",
    "running",
    "pointing",
    "holding",
    "waving",
    "sitting",
    "sleeping",
    "flying",
    "jumping",
)


def _actions_in(text: str) -> list[tuple[int, str]]:
    """Every action word in ``text`` with where it starts, in reading order."""
    found = []
    for action, pattern in _ACTION_WORDS:
        found += [(match.start(), action) for match in re.finditer(rf"\b(?:{pattern})\b", text)]
    return sorted(found)


def action_for(description: str, name: str = "") -> str:
    """The action ``name`` takes in ``description``, else standing.

    In the clause that names the character, the first action after the name is theirs
    ("Sam jumps and Nana waves"); failing that, the one before it ("Kofi runs with Tilly").
    A page that does not name the character gives them its first action only when it speaks
    of everyone ("they run", "together"): "the dragon flies" does not lift the girl.
    """
    text = description.lower()
    first = name.split()[0].lower() if name.strip() else ""
    named = False
    if first:
        for clause in re.split(r"[.!?;]|\bwhile\b|\bas\b|\bbut\b", text):
            at = re.search(rf"\b{re.escape(first)}\b", clause)
            if at is None:
                continue
            named = True
            actions = _actions_in(clause)
            after = [action for start, action in actions if start > at.start()]
            before = [action for start, action in actions if start < at.start()]
            if after or before:
                return after[0] if after else before[-1]
    if named or not re.search(r"\b(?:they|together|everyone|all|both|friends)\b", text):
        return "standing"
    actions = _actions_in(text)
    return actions[0][1] if actions else "standing"


def pose_for(action: str, facing: int = 1, stride: float = 0.0) -> Pose:
    """The pose that shows ``action``: arms in degrees from hanging down, a view and a stride."""
    if action == "walking":
        return Pose(35, 35, "side", facing, 0.05 + stride, action)
    if action == "running":
        return Pose(75, 75, "side", facing, 0.11 + stride, action)
    if action == "pointing":
        return Pose(20, 92, "front", facing, 0.0, action)
    if action == "holding":
        return Pose(55, 55, "front", facing, 0.0, action)
    if action == "waving":
        return Pose(20, 155, "front", facing, 0.0, action)
    if action == "sitting":
        return Pose(30, 30, "front", facing, 0.0, action)
    if action in {"flying", "jumping"}:
        return Pose(150, 150, "front", facing, 0.0, action)
    if action == "sleeping":
        return Pose(10, 10, "front", facing, 0.0, action)
    return Pose(20, 20, "front", facing, stride)
