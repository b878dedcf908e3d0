"""A scene read from a free-text prompt, for calls that pass no structured scene.

It finds the kind, style, text position and the people and creatures the prompt names.
"""

from __future__ import annotations

import hashlib
import re

from storygen.ai.offline.painter.creature_words import creature_word
from storygen.ai.offline.painter.layout import TEXT_POSITIONS
from storygen.ai.offline.painter.styles import IMAGE_STYLES
from storygen.ai.offline.painter.words import singulars, split_words
from storygen.ai.types import CharacterBrief, Scene, SceneKind

# The people a prompt's picture shows; creatures come from the animal word tables.
_PROMPT_PEOPLE = frozenset(
    split_words(
        """
        girl boy child kid woman man lady hero heroine princess prince knight wizard witch
        pirate astronaut grandma grandpa
        """
    )
)


def _figure_noun(word: str) -> str | None:
    """The singular noun ``word`` is if it names a person or creature to draw, else None."""
    word = word.lower()
    person = next((form for form in singulars(word) if form in _PROMPT_PEOPLE), None)
    if person is not None:
        return person
    found = creature_word(word)
    return found[1] if found is not None else None


def scene_from_prompt(prompt: str) -> Scene:
    """A plausible scene read from a free-text prompt, for calls that pass no ``scene``."""
    text = " ".join(prompt.split())
    lower = text.lower()
    kind: SceneKind
    if re.search(r"reference sheet|character sheet|turnaround|model sheet", lower):
        kind = "sheet"
    elif re.search(r"\bcover\b", lower):
        kind = "cover"
    else:
        kind = "page"
    style = next(
        (
            s
            for s in sorted(IMAGE_STYLES, key=len, reverse=True)
            if s != "Default" and s.lower() in lower
        ),
        "Default",
    )
    if "watercolour" in lower:
        style = "Watercolor"
    position = next((p for p in TEXT_POSITIONS if p in lower), "bottom-center")
    characters: list[CharacterBrief] = []
    seen: set[str] = set()
    words = text.split()
    for match in re.finditer(r"[A-Za-z]+(?:-[A-Za-z]+)*", text):
        noun = _figure_noun(match.group())
        if noun is None or noun in seen or len(characters) >= 3:
            continue
        seen.add(noun)
        # The words around the noun ("a girl in a red cape") describe that figure; the noun
        # leads, so "a fox and a girl" still gives the girl her own figure.
        before = len(text[: match.start()].split())
        nearby = " ".join(words[max(0, before - 4) : before + 6])
        characters.append(CharacterBrief(name=noun.title(), description=f"{noun}: {nearby}"))
    if kind == "sheet" and not characters:
        characters.append(CharacterBrief(name="Friend", description=text[:300]))
    return Scene(
        kind=kind,
        description=text,
        characters=tuple(characters),
        setting="",
        image_style=style,
        text_position=position,
        page_number=0,
        seed_key=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
    )
