"""Introducing a character: the phrases and sentences built from their description,
clothes, looks, traits and background.

Not which page introduces whom: that is planned in ``scenes``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storygen.ai.offline.writer.characters import (
    BODY_WORDS,
    STATURE,
    age_in_words,
    kind_at,
    predicate,
    pronoun,
    verb_first,
)
from storygen.ai.offline.writer.counting import count_words
from storygen.ai.offline.writer.phrasing import DETERMINERS, GARMENTS, PLURAL_GARMENTS
from storygen.ai.offline.writer.tense import past_tense
from storygen.ai.offline.writer.user_text import clean
from storygen.ai.offline.writer.words import article, join_names, lower_first, upper_first, wordset

if TYPE_CHECKING:
    from storygen.ai.offline.writer.characters import Person
    from storygen.ai.offline.writer.story import Story


def _intro_noun_phrase(person: Person) -> tuple[str, bool]:
    """Who a character is, as a noun phrase, and whether it comes from their description.

    The age joins the description's own noun: "a girl with curly red hair" for a nine-year-old
    becomes "a nine-year-old girl with curly red hair", never "a nine-year-old friend".
    """
    desc, name = person.description, person.name
    words = desc.split()
    phrase = ""
    if words and not desc.lower().startswith(name.lower()) and not verb_first(desc):
        first = words[0].lower()
        if first in {"a", "an", "the"}:
            phrase = lower_first(desc)
        elif first.endswith(("'s", "\u2019s")) or first in {"his", "her", "their"}:
            phrase = desc  # "Mira's best friend"
        elif kind_at(words) >= 0:
            phrase = f"{article(desc)} {lower_first(desc)}"  # "tall girl" -> "a tall girl"
    if not phrase:
        return person.who, False
    age = age_in_words(person.brief)
    parts = phrase.split()
    kind = kind_at(parts)
    if age and kind > 0 and parts[0].lower() in {"a", "an"} and "year-old" not in phrase:
        middle = [*parts[1:kind], f"{age}-year-old", *parts[kind:]]
        phrase = " ".join([article(middle[0]), *middle])
    return past_tense(f"It was {phrase}")[7:], True


def _clothing_phrase(person: Person) -> tuple[str, bool]:
    """What a character wears ("a yellow raincoat"), and whether it names a garment."""
    clothing = clean(person.brief.clothing_style, 14)
    garment = GARMENTS.search(clothing)
    if not clothing or not garment:
        return lower_first(clothing), False
    clothing = lower_first(clothing)
    first = clothing.split(" ", 1)[0].lower()
    word = garment.group(0).lower()
    plural = word.endswith("s") or word in PLURAL_GARMENTS
    if not plural and first not in DETERMINERS and not first.isdigit():
        clothing = f"{article(clothing)} {clothing}"
    return clothing, True


def _clothes_predicate(person: Person, their: str) -> str:
    """ "always wore her yellow raincoat", or "liked to dress in a sporty style"."""
    clothing, garment = _clothing_phrase(person)
    if not clothing:
        return ""
    if verb_first(clothing):
        return predicate(clothing)  # "always wears a red cap"
    if not garment:
        style = clothing if clothing.lower().endswith("style") else f"{clothing} style"
        return f"liked to dress in {article(style)} {style}"
    first, _, rest = clothing.partition(" ")
    if their and first.lower() in {"a", "an"} and rest:
        clothing = f"{their} {rest}"
    return f"always wore {clothing}"


def _look_predicate(person: Person) -> str:
    """ "had curly red hair and freckles", "was tall, with a warm smile", or "" if unclear."""
    text = re.sub(r"^(?:has|had|with)\s+", "", clean(person.brief.physical_appearance, 14))
    words = text.split()
    if not words:
        return ""
    lows = [w.lower().strip(",.;:") for w in words]
    if verb_first(text):
        return predicate(text)  # "wears round glasses"
    if lows[0] in STATURE and (
        len(words) == 1 or words[0].endswith(",") or lows[1] in {"and", "but", "with"}
    ):
        return f"was {lower_first(text)}"
    if set(lows) & BODY_WORDS:
        return f"had {lower_first(text)}"
    return ""


def _traits_predicate(person: Person) -> str:
    """ "was brave and curious", "never gave up", or "" when the traits are not so simple."""
    text = person.traits
    if not text:
        return ""
    if verb_first(text):
        return predicate(text)
    items = [i for i in re.split(r"\s*[,;/]\s*|\s+and\s+", text.lower()) if i]
    if items and all(len(i.split()) == 1 for i in items):
        return f"was {join_names(items)}"
    return ""


def _description_predicate(person: Person) -> str:
    """A description that is not a noun phrase, as what the character did or was."""
    desc = person.description
    if not desc:
        return ""
    if verb_first(desc):
        return predicate(desc)  # "loves dinosaurs"
    return f"was {lower_first(desc)}"  # "brave and kind", "from far away"


def intro_options(story: Story, person: Person, named: bool) -> tuple[str, ...]:
    """How a character is introduced, from the fullest to the shortest, none said before.

    A character not yet named on the page is greeted ("Meet Mira, a nine-year-old girl.");
    one the page has already named is described instead ("Mira, a nine-year-old girl,
    always wore her yellow raincoat."), so nobody is met after they have appeared.
    """
    name = person.name
    they, _, their = pronoun(person)
    subject = upper_first(they) if they != "they" else name
    their = their if they != "they" else ""
    phrase, from_description = _intro_noun_phrase(person)
    age = age_in_words(person.brief)
    details: dict[str, str] = {}
    if person.description.lower().startswith(name.lower()):
        details["description"] = past_tense(upper_first(person.description) + ".")
    elif person.description and not from_description:
        details["description"] = f"{subject} {_description_predicate(person)}."
    young = person.brief.age is not None and person.brief.age < 18
    if age and "year-old" not in phrase and phrase and young:
        details["age"] = f"{subject} was {age} years old."
    look = _look_predicate(person)
    appearance = clean(person.brief.physical_appearance, 14)
    if look:
        details["look"] = f"{subject} {look}."
    elif appearance:
        details["look"] = f"Anyone could spot {name}: {lower_first(appearance)}."
    clothes = _clothes_predicate(person, their)
    if clothes:
        details["clothes"] = f"{subject} {clothes}."
    traits = _traits_predicate(person)
    if traits:
        details["traits"] = f"{subject} {traits}."
    elif person.traits:
        details["traits"] = f"What made {name} special: {lower_first(person.traits)}."

    def told(lead: str, *keys: str) -> str:
        return " ".join([lead, *(details[k] for k in keys if k in details)]) if lead else ""

    every = ("description", "age", "look", "clothes", "traits")
    options: list[str] = []
    greetings = ("Meet", "Say hello to", "This is", "Here comes", "Along came")
    greet = f"{greetings[story.introductions % len(greetings)]} {name}"
    if named:
        lead = f"{name} was {phrase}." if phrase else ""
        if not phrase and age:
            lead = f"{name} was {age} years old."
        options += [
            told(lead, *every),
            told(lead, "look", "clothes", "traits"),
            told(lead, "look", "clothes"),
            told(f"{name}, {phrase}, {clothes}." if phrase and clothes else "", "look"),
            f"{name}, {phrase}, {clothes}." if phrase and clothes else "",
            f"{name} {clothes}." if clothes else "",
            f"{name} {look}." if look else "",
            lead,
        ]
        if not lead:
            # Nothing to say of who they are: what they look like opens the introduction.
            first = next((k for k in every if k in details), "")
            if first:
                opener = details[first]
                if opener.startswith(f"{subject} "):
                    opener = name + opener[len(subject) :]
                options.append(told(opener, *(k for k in every if k != first)))
    else:
        if phrase:
            lead = f"{greet}, {phrase}."
        elif age:
            lead = f"{greet}, who was {age} years old."
        else:
            lead = f"{greet}."
        # "a nine-year-old girl", "a little hedgehog": a glimpse, where "a girl" is none.
        glance = person.who if count_words(person.who) > 2 and person.who != phrase else ""
        short = f"{greet}, {glance}." if glance else lead
        glimpse = "clothes" if "clothes" in details else "look"
        options += [
            told(lead, *every),
            told(lead, "look", "clothes", "traits"),
            told(lead, "look", "clothes"),
            told(lead, glimpse),
            told(short, glimpse),
            lead,
            short,
            f"{greet}.",
        ]
    story.introductions += 1
    unique = [o for o in dict.fromkeys(options) if o and story.fresh(o)]
    # Longest first, as fit expects; a named character may need no introduction at all.
    unique.sort(key=lambda o: -count_words(o))
    if unique or named:
        return tuple(unique)
    return (f"{greet}.",)


_PAST_LEADS = wordset(
    """
    grew came was had lived moved met spent used found lost made built went ran left knew
    loved once always became began learned learnt arrived travelled traveled worked
    """
)


def background_sentence(person: Person) -> str:
    """A character's background, told as the story's own past: "Mira grew up in..."."""
    text = person.background
    first = text.split(" ", 1)[0].lower()
    if first in _PAST_LEADS or first.endswith("ed") or verb_first(text):
        return f"{person.name} {predicate(lower_first(text))}."
    return f"{person.name} thought back to where it all began: {lower_first(text)}."


def personality_sentence(person: Person) -> str:
    text = person.personality
    if not text:
        return ""
    first = text.split(" ", 1)[0].lower()
    if first in {"always", "often", "never", "usually", "sometimes"}:
        return f"{person.name} {predicate(lower_first(text))}, and today was no different."
    if verb_first(text) or (first.endswith("s") and not first.endswith(("ous", "ss", "is", "us"))):
        # "loves jokes": a verb phrase, told in the story's past.
        return f"{person.name} {predicate(lower_first(text))}, and it showed."
    return f"{person.name} was {lower_first(text)}, and it showed."


# What a character does on a page, from the words of their personality and key traits.
_TRAIT_ACTIONS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("why", "question", "questions", "asks"), ("{name} asked why, and then why again.",)),
    (
        ("clever", "smart", "brainy", "wise", "thoughtful"),
        ("{name} thought hard and had a clever idea.", "{name} spotted something nobody else had."),
    ),
    (
        ("curious", "inquisitive", "nosy"),
        (
            "{name} wanted to know everything about it.",
            "{name} poked a curious nose into every corner.",
        ),
    ),
    (
        ("brave", "bold", "fearless", "courageous", "daring"),
        (
            "[tense|trouble] {name} stepped forward bravely.",
            "{name} went first, as brave as a lion.",
        ),
    ),
    (
        ("kind", "caring", "gentle", "sweet", "loving"),
        ("{name} made sure everyone was all right.", "{name} shared a kind word with everyone."),
    ),
    (
        ("funny", "silly", "playful", "cheeky", "goofy", "jokes", "joker"),
        (
            "{name} pulled a silly face, and everyone giggled.",
            "{name} told a joke to cheer everyone up.",
        ),
    ),
    (("shy", "quiet", "timid"), ("{name} stayed close and watched quietly.",)),
    (
        ("cheerful", "happy", "sunny", "bubbly", "optimistic"),
        ("{name} kept everyone smiling.",),
    ),
    (
        ("energetic", "lively", "bouncy", "excitable"),
        ("{name} bounced on the spot, ready to go.",),
    ),
    (("grumpy", "stubborn", "cranky"), ("{name} grumbled a little, but helped anyway.",)),
    (("patient", "calm"), ("{name} said, calmly, that there was no need to hurry.",)),
    (
        ("never", "determined", "persistent"),
        ("[tense|trouble] {name} would not stop trying, not for anything.",),
    ),
)


def trait_actions(person: Person) -> list[str]:
    words = set(re.findall(r"[a-z]+", f"{person.personality} {person.traits}".lower()))
    lines: list[str] = []
    for keys, options in _TRAIT_ACTIONS:
        if words.intersection(keys):
            lines.extend(line.format(name=person.name) for line in options)
    return lines
