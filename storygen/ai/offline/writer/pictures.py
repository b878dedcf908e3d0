"""What each page's picture shows: one present-tense sentence of its events, where and
when, who is in it, and the style; and the cover's.

Not where a page happens (``scenes``) nor its words (``telling``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storygen.ai.offline.writer.characters import cast_kinds, pronoun
from storygen.ai.offline.writer.scene_words import PLACE_NOUNS, ROOMS
from storygen.ai.offline.writer.scenes import Scene, in_setting, own_part, places_in, time_spans
from storygen.ai.offline.writer.user_text import without_asides
from storygen.ai.offline.writer.words import join_names, lower_first, upper_first

if TYPE_CHECKING:
    from storygen.ai.offline.writer.characters import Person
    from storygen.ai.offline.writer.events import Event
    from storygen.ai.types import StoryBrief

#: Pictures are described in this style when the brief names none.
_STYLE_NAMES = {"default": "classic storybook"}
_CONNECTORS = re.compile(
    r"^(?:then|and then|and|so|but|at last|in the end|finally|suddenly)\b,?\s*", re.IGNORECASE
)
_PRONOUNS = {"she", "he", "they"}
_ASLEEP = re.compile(r"\b(?:asleep|sleeps|sleep through|sleeps through)\b", re.IGNORECASE)
_CAPITAL_PRONOUNS = {
    "She", "He", "They", "It", "We", "His", "Her", "Their", "Its", "Nobody", "Everyone",
    "Everybody", "Somebody", "Someone", "Everything", "There",
}  # fmt: skip
#: Words a clause may start with that are not its verb: "the egg cracks", "she sits".
_NOT_VERBS = {"the", "a", "an", "she", "he", "they", "it", "we", "his", "her", "their", "its"}


def style(image_style: str) -> str:
    name = " ".join(image_style.split()) or "Default"
    return _STYLE_NAMES.get(name.lower(), name.lower()) + " style"


def who(people: Sequence[Person], cast: Sequence[str]) -> str:
    """The cast as the painter reads it: "Leo (a boy with curly red hair) and Bolt (...)"."""
    shown = []
    for person in people:
        if person.name in cast:
            look = "; ".join(x for x in (person.description, *person.look) if x)
            shown.append(f"{person.name} ({look})" if look else person.name)
    return join_names(shown)


def page_picture(
    brief: StoryBrief,
    people: Sequence[Person],
    cast: Sequence[str],
    action: str,
    scene: Scene,
) -> str:
    """The picture's description: what happens, where and when, who, and the style."""
    where = scene.phrase()
    if scene.place and re.search(rf"\b{re.escape(scene.place.split()[-1])}\b", action, re.I):
        where = scene.time  # "zooms to the Moon" already says where
    shown = who(people, cast)
    return (
        f"Picture-book illustration in {style(brief.image_style)}: "
        f"{upper_first(action)}{', ' + where if where else ''}."
        + (f" In the picture: {shown}." if shown else "")
        + f" Warm, friendly and child-safe; keep the {brief.text_position} area calm and"
        " uncluttered for the text."
    )


def action(
    events: Sequence[Event], people: Sequence[Person], scene: Scene, named: Sequence[str]
) -> str:
    """The page's events as one present-tense sentence, names for pronouns: "Mia hugs her
    toy rabbit and falls asleep" (``named``: who the story has named so far, in order)."""
    parts: list[str] = []
    last_subject = ""
    named = list(named)
    for event in events:
        text, subject = _present(event, people, scene, named)
        named += event.names
        if not text:
            continue
        if subject and subject == last_subject and text.startswith(subject + " "):
            text = text[len(subject) + 1 :]  # "Leo digs and Leo finds": the subject once
        if parts and text.split(" ", 1)[0] in _CAPITAL_PRONOUNS:
            text = text[:1].lower() + text[1:]  # "... and it makes her sneeze"
        parts.append(text if not parts else lower_first(text))
        last_subject = subject
    if not parts:
        return ""
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return upper_first(joined)


def lingering(events: Sequence[Event], people: Sequence[Person], cast: Sequence[str]) -> list[str]:
    """Pictures for a page that dwells on the event before, most to the point first: the
    cast with its thing, or asleep when the event put someone to sleep."""
    kinds = cast_kinds(people) | PLACE_NOUNS  # not Hazel the squirrel, nor the desert
    noun = next((n for e in events for n in e.nouns if n[:1].islower() and n not in kinds), "")
    name = cast[0] if cast else "everyone"
    other = cast[1] if len(cast) > 1 else ""
    if any(_ASLEEP.search(e.written) for e in events):
        return [
            f"{name} sleeps peacefully",
            f"{name} is fast asleep, snug and still",
            f"{name} sleeps on and dreams",
            f"{name} is still asleep",
        ]
    options = []
    if noun and other:
        options.append(f"{name} points at the {noun} while {other} looks on")
        options.append(f"{name} and {other} sit together by the {noun}")
    if noun:
        options += [
            f"{name} looks closely at the {noun}",
            f"{name} sits and thinks about the {noun}",
            f"{name} walks on, thinking about the {noun}",
        ]
    together = join_names(list(cast))
    options += [
        f"{together} sit together and talk" if other else f"{name} sits and thinks",
        f"{together} walk along side by side" if other else f"{name} walks along slowly",
        f"{name} smiles and looks around",
        f"{name} waves",
    ]
    return options


def _present(
    event: Event, people: Sequence[Person], scene: Scene, named: Sequence[str]
) -> tuple[str, str]:
    """One event in the outline's own tense, its subject named: ("Bolt presses ...", "Bolt")."""
    text = own_part(without_asides(event.written)).strip().rstrip(".!?, ")
    text = _CONNECTORS.sub("", text)
    # A place or time said at the start or the end is said again after the action.
    here = scene.place.split()[-1:] if scene.place else []
    spans = [
        (f.start, f.end)
        for f in places_in(text, {})
        if f.place.split()[-1:] == here and not f.moving and f.noun not in ROOMS
    ]
    spans += time_spans(text) if scene.time else []
    for start, end in sorted(spans, reverse=True):
        if end >= len(text) - 1:
            text = text[:start].rstrip(" ,")
        elif start == 0:
            text = text[end:].lstrip(" ,")
    text = _CONNECTORS.sub("", text)
    for person in people:
        text = re.sub(
            rf"^(?:His|Her|Their|Its)\s+(?:[a-z]+\s+){{1,2}}({re.escape(person.name)})\b",
            r"\1",
            text,
        )
    lead = text.split(" ", 1)[0]
    subject = _subject(event.told, people) or _meant(lead.lower(), people, named)
    if subject and lead[:1].islower() and lead not in _NOT_VERBS:
        text = f"{subject} {text}"  # "... and then row back": the subject is shared
    if lead.lower() in _PRONOUNS and subject:
        text = subject + text[len(lead) :]
    text = upper_first(text)
    return text, subject if text.startswith(subject) else ""


def _meant(word: str, people: Sequence[Person], named: Sequence[str]) -> str:
    """Whom a leading "they", "she" or "he" means: who the story named last."""
    order = list(dict.fromkeys(reversed(named)))
    if word == "they":
        return join_names(sorted(order[:2], key=named.index)) if len(order) >= 2 else ""
    if word in {"she", "he"}:
        by_name = {p.name: p for p in people}
        return next((n for n in order if n in by_name and pronoun(by_name[n])[0] == word), "")
    return ""


def _subject(told: str, people: Sequence[Person]) -> str:
    """The names an event's telling begins with: "Leo and Bolt" of "Leo and Bolt planted"."""
    names = "|".join(re.escape(p.name) for p in sorted(people, key=lambda p: -len(p.name)))
    if not names:
        return ""
    told = re.sub(r"^(?:Then|Next|Soon)\s+", "", told)
    match = re.match(rf"^(?:{names})(?:(?:,\s*|\s+and\s+)(?:{names}))*\b", told)
    return match.group(0) if match else ""


def cover_picture(
    brief: StoryBrief, title: str, people: Sequence[Person], setting: str, opening: Scene
) -> str:
    """The cover: everyone together in the brief's setting, or where the story opens when
    the brief names none (a bedtime story's bedroom at night, not a sunny meadow)."""
    shown = who(people, [p.name for p in people]) or "the story's friends"
    where = f", {in_setting(setting)}" if setting else ""
    if not setting and opening.place:
        where = f", {opening.phrase()}"
    return (
        f"Picture-book cover in {style(brief.image_style)} for "
        f'"{title}": {shown} together{where}. Bright, inviting and child-safe; '
        f"keep the {brief.text_position} area calm for the title."
    )
