"""A character's look (kind, colours, clothes, features, height) decided from its text alone.

Deciding it from the description alone keeps a character the same on every page. The figure
modules draw a look; composition tints it for the time of day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storygen.ai.offline.painter.colour import COLOURS, RGB, hsv, mix, shaded
from storygen.ai.offline.painter.creature_words import creature_word, identity_of
from storygen.ai.offline.painter.look_tables import (
    ACCENTS,
    BODY,
    BOTTOMS,
    CLOTHES,
    COAT_TOPS,
    COATS,
    CRITTER_FURS,
    FACIAL_HAIR,
    FUR,
    HAIR_COLOURS,
    HAIR_WORDS,
    HEIGHTS,
    ITEM_WORDS,
    MATERIALS,
    NATURAL_HAIR,
    ONE_PIECES,
    OVER_TOPS,
    PARTS,
    SHOES,
    SKIN_WORDS,
    SKINS,
    SPINES,
    TOPS,
    TRIM,
    TRIM_LEGS,
    TRIM_WORDS,
    WORD_FEATURES,
    WORD_FUR,
    WORD_TRIM,
)
from storygen.ai.offline.painter.photo_colours import PhotoColours
from storygen.ai.offline.painter.words import lower_words, stable_digest
from storygen.ai.types import CharacterBrief


@dataclass(frozen=True)
class Look:
    """How one character is drawn, derived only from their brief, so it never changes."""

    skin: RGB
    hair: RGB
    hair_style: str
    eyes: RGB
    top: RGB
    bottom: RGB
    shoes: RGB
    accent: RGB
    animal: str | None
    fur: RGB
    features: frozenset[str]
    dress: bool
    height: float
    trim: RGB  # a creature's second colour (shell, mane, stripes, spines' face); else the fur
    # Each accessory's own colour ("a golden crown and a blue cape"); unnamed ones use accent.
    items: tuple[tuple[str, RGB], ...] = ()
    # How the clothes are cut: plain (top and trousers), dress, skirt, dungarees or coat.
    outfit: str = "plain"
    under: RGB | None = None  # the top worn under dungarees or an open coat
    shape: str = ""  # "round" for a round robot's body
    beard: RGB | None = None  # a beard or moustache of its own colour ("a white beard")

    @property
    def facial_hair(self) -> RGB:
        """The colour of a beard or moustache: its own if the text named one, else the hair's."""
        return self.hair if self.beard is None else self.beard

    def item(self, name: str, default: RGB | None = None) -> RGB:
        """The colour of accessory ``name``: its own if the text named one, else ``default``."""
        fallback = self.accent if default is None else default
        return next((colour for item, colour in self.items if item == name), fallback)


def description_words(text: str) -> list[str]:
    """Lower-case words with "bow tie" read as one item, so its colour is not a hair bow's,
    and "space suit" as one garment."""
    words = lower_words(text)
    merged: list[str] = []
    for word in words:
        if word == "tie" and merged and merged[-1] == "bow":
            merged[-1] = "bowtie"
        elif word in {"bow-tie", "bowtie"}:
            merged.append("bowtie")
        elif word == "suit" and merged and merged[-1] == "space":
            merged[-1] = "spacesuit"
        elif word in {"space-suit", "jump-suit"}:
            merged.append(word.replace("-", ""))
        else:
            merged.append(word)
    return merged


def _assign_colours(tokens: Sequence[str]) -> tuple[dict[str, RGB], list[str]]:
    """Colour words bound to the item they describe ("yellow raincoat"), and the leftovers."""
    bound: dict[str, RGB] = {}
    loose: list[str] = []
    for index, token in enumerate(tokens):
        word = token
        if token.endswith("-haired") and token[:-7] in COLOURS:
            bound.setdefault("hair", HAIR_COLOURS.get(token[:-7], COLOURS[token[:-7]]))
            continue
        if word in MATERIALS:
            ahead = tokens[index + 1 : index + 2]
            if ahead and ahead[0] in CLOTHES:
                bound.setdefault(ahead[0], MATERIALS[word])
            continue
        if word not in COLOURS:
            continue
        target = None
        for ahead in tokens[index + 1 : index + 4]:
            if (ahead in COLOURS or ahead in MATERIALS) and target is None:
                continue  # "red and white scarf": both words describe the scarf
            if ahead in TOPS or ahead in BOTTOMS or ahead in SHOES or ahead in ACCENTS:
                target = ahead
                break
            if ahead in BODY or ahead in TRIM_WORDS or ahead in COATS or ahead in SPINES:
                target = ahead
                break
            if ahead in PARTS:
                target = ahead
                break
            if ahead in FACIAL_HAIR:
                target = "beard"
                break
            if ahead in HAIR_WORDS:
                target = "hair"
                break
            if creature_word(ahead) is not None:
                target = "fur"
                break
        if target is None:
            loose.append(word)
        elif target in {"hair", "beard"}:
            bound.setdefault(target, HAIR_COLOURS.get(word, COLOURS[word]))
        elif target in COATS:
            bound.setdefault("fur", COLOURS[word])
        elif target in TRIM_WORDS:
            bound.setdefault("trim", COLOURS[word])
        elif target in SPINES:
            bound.setdefault("spines", COLOURS[word])
        elif target == "eyes":
            bound.setdefault("eyes", COLOURS[word])
        elif target == "skin":
            # A person's skin comes from _SKIN_WORDS; a creature's ("green skin") is its coat.
            bound.setdefault("skin", COLOURS[word])
        else:
            bound.setdefault(target, COLOURS[word])
    return bound, loose


def character_look(character: CharacterBrief, photo: PhotoColours | None = None) -> Look:
    """Colours and features for ``character``, read from its text, else from its name's hash.

    Colour words are bound to the garment or body part that follows them ("curly red hair",
    "a yellow raincoat"); leftover colours from the clothing fill the outfit. The colours of
    a reference ``photo`` fill the hair, clothes and skin the text leaves unsaid (a creature's
    coat takes the clothes' colour). Anything else the text does not say comes from a hash
    of the name, so it is stable but varies by character.
    """
    photo = photo or PhotoColours()
    name = " ".join(character.name.split()).lower()
    digest = stable_digest(name)
    clothing = character.clothing_style.lower()
    appearance = " ".join(
        (character.physical_appearance, character.description, character.key_traits)
    ).lower()
    everything = f"{name} {appearance} {clothing}"
    tokens = description_words(everything)
    token_set = set(tokens)

    animal, creature = identity_of(character)
    bound, _ = _assign_colours(description_words(f"{character.physical_appearance} {clothing}"))
    described, _ = _assign_colours(description_words(character.description))
    for key, value in described.items():
        bound.setdefault(key, value)
    _, loose_clothes = _assign_colours(description_words(clothing))
    loose_clothes = [c for c in loose_clothes if c not in {"blond", "blonde"}]

    hue = digest[0] / 255
    if hue < 0.16 or hue > 0.96:
        hue = (
            hue + 0.5
        ) % 1.0  # tan and peach tops read as bare skin: a person always looks dressed
    fallback_top = hsv(hue, 0.55, 0.86)
    fallback_bottom = hsv(hue + 0.45 + digest[1] / 2550, 0.45, 0.55)

    outfit = "plain"
    if token_set & {"dungarees", "overalls"}:
        outfit = "dungarees"
    elif token_set & {"dress", "gown"}:
        outfit = "dress"
    elif "skirt" in token_set:
        outfit = "skirt"
    elif token_set & {"raincoat", "coat", "jacket", "cardigan"} and not animal:
        outfit = "coat"
    over = OVER_TOPS if outfit == "dungarees" else COAT_TOPS if outfit == "coat" else set()
    outer = next((bound[k] for k in bound if k in over), None)
    under = next((bound[k] for k in bound if k in TOPS and k not in over), None)
    top = outer or under
    bottom = next((bound[k] for k in bound if k in BOTTOMS), None)
    shoes = next((bound[k] for k in bound if k in SHOES), None)
    accent = next((bound[k] for k in bound if k in ACCENTS), None)
    items: dict[str, RGB] = {}
    for word, colour in bound.items():
        if word in ITEM_WORDS:
            items.setdefault(ITEM_WORDS[word], colour)
    if bottom is None:
        # Dungarees, a space suit or a onesie is one garment: the legs match the body.
        bottom = next((bound[k] for k in bound if k in ONE_PIECES), None)
    if bottom is None and token_set & {"jeans", "denim"}:
        bottom = (70, 100, 160)
    leftovers = [COLOURS[c] for c in loose_clothes]
    if top is None and leftovers:
        top = leftovers.pop(0)
    if bottom is None and leftovers:
        bottom = leftovers.pop(0)
    if accent is None and leftovers:
        accent = leftovers.pop(0)

    skin = SKINS[digest[2] % 5]  # hash picks from the lighter-to-medium middle range
    if photo.skin is not None:
        skin = _nearest(SKINS, photo.skin)  # a tone of the palette, not the photo's light
    for pattern, index in SKIN_WORDS:
        if re.search(pattern, appearance):
            skin = SKINS[index]
            break
    hair = bound.get("hair")
    if hair is None:
        if token_set & {"blond", "blonde"}:
            hair = COLOURS["blond"]
        elif "ginger" in token_set or "redhead" in token_set:
            hair = HAIR_COLOURS["red"]
        elif photo.hair is not None:
            hair = photo.hair
        else:
            hair = NATURAL_HAIR[digest[3] % len(NATURAL_HAIR)]

    hair_style = ("short", "long", "ponytail", "curly", "bob")[digest[4] % 5]
    for words, style in (
        ({"bald"}, "bald"),
        ({"curly", "curls", "afro", "frizzy"}, "curly"),
        ({"pigtails", "bunches"}, "pigtails"),
        ({"braid", "braids", "plaits", "plait"}, "braids"),
        ({"ponytail"}, "ponytail"),
        ({"bun"}, "bun"),
        ({"spiky", "spikey"}, "spiky"),
        ({"long", "wavy", "flowing"}, "long"),
        ({"short", "cropped", "buzz"}, "short"),
    ):
        if token_set & words and (style != "long" or "hair" in token_set):
            hair_style = style
            break

    features = set()
    checks = {
        "glasses": r"\b(?:glasses|spectacles|specs|goggles)\b",
        "pointy_hat": r"\b(?:wizard|witch|pointy|pointed)\s+hat\b|\bwizard\b",
        "crown": r"\b(?:crown|tiara)\b",
        "cap": r"\b(?:cap|beanie)\b",
        "hat": r"\b(?:hat|bonnet|sunhat)\b",
        "helmet": r"\b(?:helmet|spacesuit|astronaut)\b",
        "cape": r"\b(?:cape|cloak|superhero)\b",
        "scarf": r"\b(?:scarf|scarves|bandanas?)\b",
        "boots": r"\b(?:boots|wellies)\b",
        "beard": r"\bbeard(?:ed)?\b",
        "moustache": r"\b(?:moustache|mustache)\b",
        "bow": r"\b(?:bow|ribbon|hair-bow)\b",
        "bowtie": r"\bbowtie\b|\btie\b",
        "wings": r"\b(?:wings|winged|fairy)\b",
        "backpack": r"\b(?:backpack|rucksack|satchel)\b",
        "freckles": r"\bfreckle[sd]?\b",
    }
    joined = " ".join(tokens)
    for feature, pattern in checks.items():
        if re.search(pattern, joined):
            features.add(feature)
    if "pointy_hat" in features:
        features.discard("hat")
    if "helmet" in features:
        features -= {"hat", "cap"}

    # A creature's colour: its coat or skin as the text names it, else the loose colour
    # words of its description ("a small grey platypus"), else its kind's own colours.
    spines = bound.get("spines")
    named_fur = bound.get("fur") or (bound.get("skin") if animal else None)
    if animal == "hedgehog":
        named_fur, spines = spines or named_fur, None
    if animal and named_fur is None and animal not in {"fox", "robot", "dragon"}:
        body_colours = _assign_colours(lower_words(appearance))[1]
        if body_colours:
            named_fur = COLOURS[body_colours[0]]
    if animal and named_fur is None:
        named_fur = photo.clothes
    fur = named_fur or (_creature_fur(animal, creature or name) if animal else skin)
    trim = (
        bound.get("trim")
        or spines
        or _creature_trim(animal, creature, fur, named=named_fur is not None)
    )
    if animal:
        features.update(WORD_FEATURES.get(creature, ()))
        if "rainbow" in token_set:
            features.add("rainbow")
        if animal == "critter":
            # The ears vary by creature, not by character: every platypus looks alike.
            ears = ("round", "pointy", "floppy")[stable_digest(creature or name)[1] % 3]
            features.add(f"ears-{ears}")

    age = character.age
    if animal:
        height = HEIGHTS.get(animal, 0.74) * (0.88 if "young" in features else 1.0)
    elif age is None:
        height = 0.86
    elif age <= 5:
        height = 0.7
    elif age <= 12:
        height = 0.74 + (age - 5) * 0.015
    elif age <= 17:
        height = 0.92
    else:
        height = 1.0

    if animal and top is None and not (token_set & (TOPS | BOTTOMS)):
        top = fur  # an animal with no clothes mentioned is drawn in its own fur
        bottom = trim if animal in TRIM_LEGS else fur
    if animal in {"duck", "penguin"} and shoes is None:
        shoes = (248, 156, 48)  # webbed orange feet
    eyes_default = (60, 44, 34) if digest[5] % 3 else (50, 90, 130)
    final_top = top or photo.clothes or fallback_top
    if bottom is None and token_set & ONE_PIECES and not token_set & BOTTOMS:
        bottom = final_top
    if outfit in {"dungarees", "coat"} and under is None:
        # A light shirt under the dungarees or coat, so the sleeves or collar show it.
        under = mix(hsv(hue + 0.3, 0.35, 0.95), (255, 255, 255), 0.3)
    if under == final_top:
        under = None
    return Look(
        skin=skin,
        hair=hair,
        hair_style=hair_style,
        eyes=bound.get("eyes", eyes_default),
        top=final_top,
        bottom=bottom or fallback_bottom,
        shoes=shoes or shaded(bottom or fallback_bottom, 0.55),
        accent=accent or hsv(hue + 0.5, 0.6, 0.85),
        animal=animal,
        fur=fur,
        features=frozenset(features),
        dress=outfit in {"dress", "skirt"},
        height=height,
        trim=trim,
        items=tuple(sorted(items.items())),
        outfit=outfit,
        under=under if outfit in {"dungarees", "coat"} else None,
        shape="round" if animal == "robot" and token_set & {"round", "roly-poly"} else "",
        beard=bound.get("beard"),
    )


def _nearest(palette: Sequence[RGB], colour: RGB) -> RGB:
    return min(
        palette, key=lambda tone: sum((a - b) ** 2 for a, b in zip(tone, colour, strict=True))
    )


def _creature_fur(animal: str, word: str) -> RGB:
    if word in WORD_FUR:
        return WORD_FUR[word]
    if animal in FUR:
        return FUR[animal]
    return CRITTER_FURS[stable_digest(word)[0] % len(CRITTER_FURS)]


def _creature_trim(animal: str | None, word: str, fur: RGB, *, named: bool) -> RGB:
    """The second colour the text did not name: fixed for most kinds, from the coat for some."""
    if animal is None:
        return fur
    if word in WORD_TRIM:
        return WORD_TRIM[word]
    if named and animal in {"lion", "horse", "giraffe"}:
        return shaded(fur, 0.7)  # a white lion's mane is a shade of white, not brown
    if animal == "sheep" and sum(fur) < 330:
        return (240, 224, 206)  # a black sheep's face is light
    return TRIM.get(animal, mix(fur, (255, 250, 240), 0.6))
