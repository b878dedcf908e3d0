"""The cast: each character as the story uses them, their kind, age and pronouns.

Not how they are introduced (``introductions``), nor who appears on which page (``scenes``).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from storygen.ai.offline.painter import character_look
from storygen.ai.offline.writer.phrasing import ANIMALS, NUMBER_WORDS, SPEECH_TAGS
from storygen.ai.offline.writer.user_text import clean
from storygen.ai.offline.writer.words import article, wordset
from storygen.ai.types import CharacterBrief


@dataclass(frozen=True)
class Person:
    brief: CharacterBrief
    name: str
    who: str  # "a seven-year-old girl", or "" when nothing is known
    look: tuple[str, ...]  # appearance and clothing fragments, as the user wrote them
    description: str
    traits: str
    personality: str
    background: str
    tag: str  # speech tag template with {name}
    said: str = ""  # "she" or "he" when only the outline tells

    @property
    def look_short(self) -> str:
        parts = [clean(part, 6) for part in self.look] or (
            [clean(self.description, 6)] if self.description else []
        )
        return ", ".join(p for p in parts if p)


def animal_of(character: CharacterBrief) -> str | None:
    text = " ".join((character.name, character.description, character.physical_appearance)).lower()
    for animal in ANIMALS:
        if re.search(rf"\b{animal}s?\b", text):
            return animal
    return None


def _who(character: CharacterBrief) -> str:
    animal = animal_of(character)
    gender = character.gender.strip().lower()
    adult = character.age is not None and character.age >= 18
    if animal:
        noun = animal
    elif gender in {"female", "f", "girl", "woman", "she", "she/her", "lady"}:
        noun = "woman" if adult or gender in {"woman", "lady"} else "girl"
    elif gender in {"male", "m", "boy", "man", "he", "he/him"}:
        noun = "man" if adult or gender == "man" else "boy"
    elif gender:
        noun = "grown-up" if adult else "kid"
    else:
        # No gender given: the description may still say "a girl with curly red hair".
        words = character.description.split()
        kind = kind_at(words)
        noun = words[kind].lower().strip(",.;:!?") if kind >= 0 else ""
        animal = noun if noun and noun not in _KIND_NOUNS else ""
    age_word = age_in_words(character)
    if age_word and noun:
        return f"{article(age_word)} {age_word}-year-old {noun}"
    if noun:
        return f"a little {noun}" if animal else f"{article(noun)} {noun}"
    return ""


def _tag_for(character: CharacterBrief) -> str:
    words = set(re.findall(r"[a-z]+", f"{character.personality} {character.key_traits}".lower()))
    for keys, tag in SPEECH_TAGS:
        if words.intersection(keys):
            return tag
    return "said {name}"


def person_from(character: CharacterBrief) -> Person:
    look = tuple(
        p
        for p in (clean(character.physical_appearance, 14), clean(character.clothing_style, 14))
        if p
    )
    return Person(
        brief=character,
        name=" ".join(character.name.split()),
        who=_who(character),
        look=look,
        description=clean(character.description, 20),
        traits=clean(character.key_traits, 10),
        personality=clean(character.personality, 10),
        background=clean(character.background, 16),
        tag=_tag_for(character),
    )


# Words that say what someone is: "a girl with curly hair", "the town baker" has none.
_KIND_NOUNS = wordset("""
    girl boy woman man lady kid child baby toddler teenager grandma grandpa granny grandad
    grandmother grandfather mother father mum mom dad sister brother aunt uncle princess prince
    queen king knight wizard witch pirate fairy elf giant friend
    """)
# Where the noun a description starts with ends: "a girl | with curly red hair".
_KIND_STOPS = wordset("with who that which from of in on at and but whose called named")


def age_in_words(character: CharacterBrief) -> str:
    age = character.age
    if age is None or not 0 < age < 200:
        return ""
    return NUMBER_WORDS[age] if age <= 20 else str(age)


def kind_at(words: Sequence[str]) -> int:
    """Where the noun saying what someone is stands in ``words``, or -1."""
    for index, word in enumerate(words):
        low = word.lower().strip(",.;:!?")
        if low in _KIND_STOPS:
            break
        if low in _KIND_NOUNS or low in ANIMALS or (index and is_alive(low)):
            return index
    return -1


def is_alive(head: str) -> bool:
    if head.lower() in {"teddy", "teddies", "robot", "robots", "toy", "toys"}:
        return False
    return character_look(CharacterBrief(name="x", description=f"a {head}")).animal is not None


def pronoun(person: Person) -> tuple[str, str, str]:
    """Subject, object and possessive pronouns; "they" unless the brief says otherwise."""
    if person.said == "she":
        return ("she", "her", "her")
    if person.said == "he":
        return ("he", "him", "his")
    gender = person.brief.gender.strip().lower()
    text = f" {person.name} {person.who} {person.description} ".lower()
    if gender in {"female", "f", "girl", "woman", "she", "she/her", "lady"} or re.search(
        r"\b(?:girl|woman|lady|mother|mum|mom|grandma|granny|queen|princess|sister|aunt|mrs|ms|miss)\b",
        text,
    ):
        return ("she", "her", "her")
    if gender in {"male", "m", "boy", "man", "he", "he/him"} or re.search(
        r"\b(?:boy|man|father|dad|grandpa|grandad|king|prince|brother|uncle|mr|sir)\b", text
    ):
        return ("he", "him", "his")
    return ("they", "them", "their")


def pronouns_from(segments: Sequence[str], people: list[Person]) -> list[Person]:
    """People whose brief leaves "he" or "she" open, told as the outline tells them.

    A sentence naming one character, followed by one that begins "She", is about a girl:
    "Zara is learning to ride. She keeps wobbling."
    """
    out: list[Person] = []
    for person in people:
        said = ""
        if pronoun(person)[0] == "they" and not person.brief.gender.strip():
            for segment, following in itertools.pairwise(segments):
                words = set(re.findall(r"[a-z']+", segment.lower()))
                named = [p for p in people if p.name.split()[0].lower() in words]
                lead = following.split(" ", 1)[0].lower()
                if named == [person] and lead in {"she", "he"}:
                    said = lead
                    break
        out.append(dataclasses.replace(person, said=said) if said else person)
    return out


def cast_kinds(people: Sequence[Person]) -> set[str]:
    """What the characters are ("squirrel", "snowman"): not things for them to look at."""
    kinds: set[str] = set()
    for person in people:
        kind = re.split(r"\b(?:with|in|wearing|who|that|and)\b", person.description.lower())[0]
        kinds |= set(re.findall(r"[a-z]+", f"{person.who} {kind}".lower()))
    return kinds - {"a", "an", "the", "little", "big", "small"}
