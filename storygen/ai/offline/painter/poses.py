"""What a character is doing on a page, read from the page's words, and the pose that shows it.

Composition asks ``action_for`` for each character and passes ``pose_for``'s pose to the
figure; a page that names no action keeps the figure standing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storygen.ai.offline.painter.figure_parts import Pose

# Whose thing: "flies his kite", "holds her lantern".
_OWNER = r"a|an|the|his|her|their|its|my|our"

#: Verbs that put a thing in someone's hands.
HOLDING_VERBS = (
    r"hold(?:s|ing)?|held|carr(?:y|ies|ied|ying)|clutch\w*|hug(?:s|ged|ging)?|"
    r"cuddl(?:e|es|ed|ing)|grab(?:s|bed|bing)?|lift(?:s|ed|ing)?|"
    r"rais(?:e|es|ing) (?:a|the|his|her|their)"
)

# Verbs by the pose that shows them, in reading order; where one phrase holds two ("cannot
# sleep"), the longer one, listed first, wins.
_ACTION_WORDS: tuple[tuple[str, str], ...] = (
    (
        "awake",
        r"(?:cannot|can't|could not|couldn't|can not) (?:get to )?sleep|"
        r"(?:lies|lying|lay|is|was|sits|sitting|sat|stays?|stayed) (?:wide )?awake|"
        r"wide awake|awake in bed|wakes? up in bed",
    ),
    ("sleeping", r"sleep(?:s|ing)?|slept|asleep|nap(?:s|ping)?|doz(?:e|es|ing)|snooz\w*"),
    ("sleeping", r"(?:lies|lying|lay|lays) (?:down|in|on|asleep)|tucked (?:in|up)"),
    ("sitting", r"sit(?:s|ting)?|sat|seated|perch(?:es|ed|ing)?"),
    # Flying a kite keeps the flier on the ground, kite in hand.
    ("holding", rf"fl(?:y|ies|ying|ew) (?:{_OWNER}) (?:[\w-]+ )?kites?"),
    (
        "flying",
        r"fl(?:y|ies|ying|ew)|soar(?:s|ed|ing)?|float(?:s|ed|ing)?|glid(?:e|es|ing)|"
        r"tak(?:e|es|ing) off|took off|flutter(?:s|ed|ing)?|swoop(?:s|ed|ing)?",
    ),
    ("jumping", r"jump(?:s|ed|ing)?|leap(?:s|t|ed|ing)?|hop(?:s|ped|ping)?|bounc\w+"),
    ("running", r"r(?:un|uns|unning|an)|rac(?:e|es|ing)|dash(?:es|ed|ing)?|chas(?:e|es|ing)"),
    ("pointing", r"point(?:s|ed|ing)?"),
    ("waving", r"wav(?:e|es|ed|ing)|greet(?:s|ed|ing)?"),
    ("holding", HOLDING_VERBS),
    (
        "walking",
        r"walk(?:s|ed|ing)?|stroll\w*|wander\w*|march\w*|tiptoe\w*|"
        r"head(?:s|ed|ing)? (?:to|for|off)",
    ),
)

#: Actions the whole body shows: they outrank what the arms or legs do ("hugs her rabbit and
#: falls asleep" is asleep).
_BODY_ACTIONS = ("awake", "sleeping", "sitting", "flying")

ACTIONS = (
    "standing",
    "walking",
    "running",
    "pointing",
    "holding",
    "waving",
    "sitting",
    "sleeping",
    "awake",
    "flying",
    "jumping",
)

_PATTERNS = tuple((action, re.compile(rf"\b(?:{pattern})\b")) for action, pattern in _ACTION_WORDS)
_CLAUSE_BREAKS = re.compile(r"[.!?;]|\bwhile\b|\bas\b|\bbut\b")
_EVERYONE = re.compile(r"\b(?:they|together|everyone|all|both|friends)\b")


def _actions_in(text: str) -> list[tuple[int, str]]:
    """Every action word in ``text`` with where it starts, in reading order."""
    found = [
        (match.start(), -len(match.group(0)), match.end(), action)
        for action, pattern in _PATTERNS
        for match in pattern.finditer(text)
    ]
    actions: list[tuple[int, str]] = []
    covered = -1
    for start, _, end, action in sorted(found):
        if start >= covered:
            actions.append((start, action))
            covered = end
    return actions


def _main_action(actions: Sequence[str]) -> str:
    body = [action for action in actions if action in _BODY_ACTIONS]
    return body[0] if body else actions[0]


def own_words(
    description: str, name: str, others: Sequence[str] = (), pronoun: str = ""
) -> list[str]:
    """The parts of ``description`` about ``name``: from each mention to the end of its
    clause or the next mention of someone else. A character the text does not name is found
    by ``pronoun`` ("she"), when given."""
    text = description.lower()
    words = [_first_word(name)] if name.strip() else []
    if pronoun:
        words.append(pronoun)
    others_at = [_first_word(other) for other in others if other.strip()]
    for word in words:
        parts = []
        for clause in _CLAUSE_BREAKS.split(text):
            for at in re.finditer(_mention(word), clause):
                parts.append(_until_someone_else(clause[at.end() :], others_at))
        if any(_actions_in(part) for part in parts):
            return parts
    return []


def _until_someone_else(rest: str, others: Sequence[str]) -> str:
    """``rest`` up to where someone else's own words begin; "Leo and Bolt bounce" is both
    of theirs, so a name joined on by "and" does not end it."""
    mentions = sorted(
        (found.start(), found.end())
        for other in others
        for found in re.finditer(rf"\b{re.escape(other)}\b", rest)
    )
    joined = 0
    for start, end in mentions:
        if not _JOINED.fullmatch(rest[joined:start]):
            return rest[:start]
        joined = end
    return rest


def _mention(word: str) -> str:
    """A pattern for ``word`` as someone doing something: "Mia's window" is not Mia."""
    return rf"\b{re.escape(word)}\b(?!['\u2019]s\b)"


# Someone who comes along: "Kofi runs with Tilly" is Tilly running too.
_WITH = re.compile(r"\b(?:with|and|beside|behind|after)\s+$")

_JOINED = re.compile(r"[\s,]*(?:and|&)?[\s,]*")


def _first_word(name: str) -> str:
    return name.split()[0].lower()


def action_for(
    description: str, name: str = "", others: Sequence[str] = (), pronoun: str = ""
) -> str:
    """The action ``name`` takes in ``description``, else standing.

    From the words after the character's name (up to the next character's), the whole-body
    action first, else the first ("Sam jumps and Nana waves"); failing that, the action just
    before the name ("Kofi runs with Tilly"); then the words after ``pronoun`` when the text
    does not name them ("She hugs her rabbit and falls asleep"). A page that does not name the
    character gives them its first action only when it speaks of everyone ("they run",
    "together"): "the dragon flies" does not lift the girl.
    """
    text = description.lower()
    if name.strip():
        first = _first_word(name)
        for clause in _CLAUSE_BREAKS.split(text):
            at = re.search(_mention(first), clause)
            if at is None:
                continue
            parts = own_words(clause, name, others)
            after = [action for part in parts for _, action in _actions_in(part)]
            if after:
                return _main_action(after)
            before = [action for start, action in _actions_in(clause) if start < at.start()]
            if before and _WITH.search(clause[: at.start()]):
                return before[-1]
    if pronoun:
        parts = own_words(text, "", others, pronoun)
        said = [action for part in parts for _, action in _actions_in(part)]
        if said:
            return _main_action(said)
    if not _EVERYONE.search(text):
        return "standing"
    actions = _actions_in(text)
    return actions[0][1] if actions else "standing"


_SHE = re.compile(
    r"\b(?:girl|woman|lady|grandmother|grandma|granny|nana|gran|mother|mum|mom|mummy|mama|"
    r"queen|princess|aunt|auntie|sister|daughter|mrs|ms|miss|witch|fairy|she|her|hen|cow|"
    r"ewe|mare)\b",
    re.IGNORECASE,
)
_HE = re.compile(
    r"\b(?:boy|man|gentleman|grandfather|grandpa|grandad|granddad|father|dad|daddy|papa|"
    r"king|prince|uncle|brother|son|mr|sir|wizard|he|his|him|fisherman|baker|barber|"
    r"captain|farmer|professor|bull|rooster)\b",
    re.IGNORECASE,
)


def pronoun_for(name: str, description: str) -> str:
    """ "she", "he" or "" (not known) for a character, from its name and description."""
    text = f"{name} {description}"
    she, he = _SHE.search(text), _HE.search(text)
    if she and (he is None or she.start() < he.start()):
        return "she"
    return "he" if he else ""


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
    if action in {"sitting", "awake"}:
        # Awake in bed is sitting up in it.
        return Pose(30, 30, "front", facing, 0.0, "sitting")
    if action in {"flying", "jumping"}:
        return Pose(150, 150, "front", facing, 0.0, action)
    if action == "sleeping":
        return Pose(10, 10, "front", facing, 0.0, action)
    return Pose(20, 20, "front", facing, stride)
