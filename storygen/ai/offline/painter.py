"""Paints the offline provider's storybook pictures with Pillow, deterministically."""

from __future__ import annotations

import colorsys
import dataclasses
import hashlib
import io
import itertools
import math
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw, ImageEnhance, ImageFilter, ImageOps

from storygen.ai.sizes import parse_size
from storygen.ai.types import CharacterBrief, Scene, SceneKind
from storygen.text_area import text_area

# The theme named earliest in the text wins ("a house in the woods" is a home); on a tie the
# more specific theme listed first does ("underwater" before "sea").
_THEMES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
    for name, pattern in (
        ("underwater", r"underwater|under the sea|undersea|coral|reefs?|mermaids?|submarines?"),
        (
            "space",
            r"space|stars?|starry|planets?|rockets?|moon ?base|galax(?:y|ies)|"
            r"astronauts?|spaceships?|starships?|comets?|orbit",
        ),
        ("school", r"schools?|classrooms?|class|teachers?|library|playground"),
        ("home", r"home|house|bedrooms?|kitchen|attic|nursery|living room|cottage"),
        (
            "castle",
            r"castles?|kingdoms?|palaces?|princess(?:es)?|princes?|kings?|queens?|"
            r"knights?|towers?",
        ),
        ("snow", r"snow(?:y)?|mountains?|winter|icy|frozen|arctic|glaciers?|peaks?"),
        ("desert", r"deserts?|dunes?|sand dunes|oasis|cactus|cacti|pyramids?|sahara"),
        (
            "sea",
            r"seas?|beach(?:es)?|oceans?|lighthouses?|shores?|harbou?rs?|coast|"
            r"islands?|bay|pirates?|ships?|boats?|seaside",
        ),
        ("city", r"city|cities|town|towns|streets?|village|market|downtown|bakery|shops?"),
        ("forest", r"forests?|woods?|woodland|jungle|trees?|grove|rainforest"),
        ("garden", r"gardens?|farms?|barn|orchard|meadows?|fields?|park|allotment"),
    )
)

#: The backdrop used when nothing in the text names a place.
DEFAULT_THEME = "meadow"


def theme_for(text: str) -> str:
    """The backdrop theme a free-text place or description names (``"meadow"`` if none)."""
    best: tuple[int, int, str] | None = None
    for rank, (name, pattern) in enumerate(_THEMES):
        found = pattern.search(text)
        if found and (best is None or (found.start(), rank) < best[:2]):
            best = (found.start(), rank, name)
    return best[2] if best else DEFAULT_THEME


# --------------------------------------------------------------------------------------
# Colours.

RGB = tuple[int, int, int]


def _pixel(image: Image.Image, x: int, y: int) -> RGB:
    value = image.getpixel((x, y))
    if isinstance(value, tuple):
        return (int(value[0] or 0), int(value[1] or 0), int(value[2] or 0))
    grey = int(value or 0)
    return (grey, grey, grey)


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _shade(colour: RGB, factor: float) -> RGB:
    """Darker below 1, lighter (towards white) above 1."""
    if factor <= 1:
        return _mix((0, 0, 0), colour, factor)
    return _mix(colour, (255, 255, 255), min(1.0, factor - 1))


def _hsv(h: float, s: float, v: float) -> RGB:
    r, g, b = colorsys.hsv_to_rgb(h % 1.0, max(0.0, min(1.0, s)), max(0.0, min(1.0, v)))
    return (round(r * 255), round(g * 255), round(b * 255))


_COLOURS: dict[str, RGB] = {
    "red": (214, 56, 52),
    "crimson": (190, 30, 60),
    "scarlet": (226, 48, 38),
    "maroon": (128, 32, 48),
    "orange": (243, 140, 40),
    "ginger": (206, 96, 40),
    "auburn": (150, 62, 36),
    "copper": (184, 98, 48),
    "yellow": (247, 204, 54),
    "gold": (226, 176, 48),
    "golden": (230, 184, 64),
    "blond": (238, 206, 124),
    "blonde": (238, 206, 124),
    "green": (64, 160, 86),
    "lime": (150, 206, 60),
    "mint": (160, 224, 190),
    "olive": (120, 128, 56),
    "emerald": (32, 150, 100),
    "teal": (30, 140, 140),
    "turquoise": (56, 196, 196),
    "cyan": (60, 200, 230),
    "blue": (52, 110, 210),
    "navy": (34, 50, 110),
    "purple": (136, 72, 186),
    "violet": (150, 90, 210),
    "lilac": (196, 160, 220),
    "lavender": (180, 160, 230),
    "pink": (240, 128, 170),
    "magenta": (210, 50, 150),
    "brown": (120, 76, 44),
    "chestnut": (140, 70, 40),
    "tan": (200, 160, 110),
    "beige": (222, 200, 160),
    "cream": (246, 236, 210),
    "black": (40, 36, 44),
    "white": (246, 246, 244),
    "grey": (140, 140, 148),
    "gray": (140, 140, 148),
    "silver": (196, 200, 212),
}

# Hair in a picture book: "red hair" is a warm copper, not a fire engine.
_HAIR_COLOURS: dict[str, RGB] = {
    "red": (200, 78, 40),
    "golden": (236, 192, 90),
    "gold": (236, 192, 90),
    "yellow": (244, 212, 100),
    "brown": (104, 64, 36),
    "black": (34, 28, 28),
    "white": (236, 234, 230),
    "grey": (176, 176, 182),
    "gray": (176, 176, 182),
    "silver": (200, 204, 214),
}

_NATURAL_HAIR: tuple[RGB, ...] = (
    (34, 28, 28),
    (74, 46, 30),
    (112, 70, 40),
    (150, 62, 36),
    (200, 96, 44),
    (232, 196, 118),
)

_SKINS: tuple[RGB, ...] = (
    (255, 226, 200),
    (248, 208, 172),
    (236, 188, 148),
    (210, 156, 112),
    (176, 118, 80),
    (134, 86, 56),
    (100, 64, 44),
)

_SKIN_WORDS: tuple[tuple[str, int], ...] = (
    (r"\b(?:pale|fair|porcelain)\b", 0),
    (r"\blight(?:-|\s)skin", 1),
    (r"\b(?:tan|tanned|olive|golden)(?:-|\s)skin", 3),
    (r"\b(?:brown|bronze)(?:-|\s)skin", 4),
    (r"\b(?:dark|deep|black)(?:-|\s)skin", 6),
)


def _words(text: str) -> list[str]:
    return text.split()


# Every word that names a creature, mapped to the kind of figure drawn for it. Relatives share
# a figure ("goose" is drawn as a duck, "reindeer" as a deer).
_ANIMAL_WORDS: dict[str, str] = {
    word: kind
    for kind, words in (
        ("cat", "cat kitten kitty tomcat panther leopard cheetah jaguar lynx puma"),
        (
            "dog",
            "dog puppy pup doggy doggie hound poodle terrier spaniel beagle collie dachshund "
            "labrador",
        ),
        ("fox", "fox vixen"),
        ("rabbit", "rabbit bunny hare"),
        ("bear", "bear teddy"),
        ("owl", "owl owlet"),
        ("dragon", "dragon"),
        ("robot", "robot android"),
        ("mouse", "mouse rat hamster gerbil vole shrew"),
        (
            "bird",
            "bird parrot robin sparrow wren finch bluebird blackbird crow raven magpie pigeon "
            "dove seagull gull hen chicken chick rooster cockerel canary budgie parakeet "
            "eagle hawk falcon woodpecker kingfisher hummingbird toucan flamingo phoenix",
        ),
        ("hedgehog", "hedgehog hedgie"),
        ("turtle", "turtle tortoise terrapin"),
        ("frog", "frog froggy toad tadpole"),
        ("pig", "pig piglet piggy hog boar"),
        ("elephant", "elephant mammoth"),
        ("lion", "lion lioness"),
        ("tiger", "tiger tigress"),
        ("penguin", "penguin puffin"),
        ("duck", "duck duckling drake goose gosling swan"),
        ("sheep", "sheep lamb ewe ram"),
        ("horse", "horse pony foal colt filly mare stallion donkey mule zebra pegasus"),
        ("unicorn", "unicorn"),
        ("squirrel", "squirrel chipmunk"),
        ("badger", "badger"),
        ("otter", "otter weasel ferret stoat mink"),
        ("hippo", "hippo hippopotamus"),
        ("giraffe", "giraffe"),
        (
            "dinosaur",
            "dinosaur dino t-rex trex tyrannosaurus stegosaurus triceratops brontosaurus "
            "diplodocus brachiosaurus velociraptor raptor",
        ),
        ("monkey", "monkey ape chimp chimpanzee gorilla orangutan baboon"),
        ("wolf", "wolf coyote jackal"),
        ("deer", "deer fawn doe stag reindeer elk moose caribou gazelle antelope"),
        ("snail", "snail slug"),
        ("bee", "bee bumblebee honeybee wasp"),
        ("ladybug", "ladybug ladybird"),
    )
    for word in words.split()
}

# Creatures with no figure of their own: drawn as a friendly generic critter, never a person.
_CRITTER_WORDS = frozenset(
    _words(
        """
        platypus koala kangaroo wallaby wombat panda raccoon racoon skunk porcupine beaver
        armadillo sloth lemur meerkat mongoose possum opossum quokka aardvark anteater tapir
        capybara llama alpaca camel goat cow calf bull ox yak bison buffalo rhino rhinoceros
        hyena walrus seal narwhal whale dolphin shark octopus squid crab lobster jellyfish
        starfish seahorse fish goldfish lizard gecko chameleon iguana snake crocodile alligator
        newt salamander axolotl bat ostrich emu peacock pelican stork heron turkey dodo butterfly
        caterpillar ant beetle spider worm grasshopper dragonfly firefly moth centipede
        griffin gryphon yeti alien creature critter beast monster
        """
    )
)

# Two-word names that mean something other than their last word ("guinea pig", "ladybird").
_COMPOUNDS: dict[tuple[str, str], str] = {
    ("guinea", "pig"): "critter",
    ("sea", "horse"): "critter",
    ("sea", "lion"): "critter",
    ("koala", "bear"): "critter",
    ("polar", "bear"): "bear",
    ("lady", "bird"): "ladybug",
    ("lady", "bug"): "ladybug",
    ("bumble", "bee"): "bee",
    ("honey", "bee"): "bee",
}

# Words for people: the first being a description names decides ("a girl who loves horses" is
# a girl, "a hedgehog with tiny glasses" is a hedgehog).
_HUMAN_WORDS = frozenset(
    _words(
        """
        girl boy child kid baby toddler teenager teen man woman lady gentleman person human
        people men women children prince princess king queen knight wizard witch sorceress
        sorcerer pirate astronaut grandma grandpa grandmother grandfather granny grandad nana
        gran mum mom mother mama dad father papa sister brother aunt auntie uncle son daughter
        twin teacher doctor nurse farmer baker sailor captain explorer scientist inventor
        detective chef student pupil schoolgirl schoolboy lad lass hero heroine superhero ninja
        cowboy cowgirl firefighter pilot ballerina dancer musician singer fairy elf mermaid
        year-old
        """
    )
)

# Body words that only a creature has; they make a critter of a text that names no being.
_CREATURE_HINTS = frozenset(
    _words(
        """
        fur furry paws whiskers snout muzzle beak hooves tail tails tentacles antennae fins
        feathers feathered scales scaly claws webbed
        """
    )
)

# Words just before a creature's name that make it something owned or loved, not the character
# ("a boy with his dog", "loves horses").
_OWNING_WORDS = frozenset(
    _words(
        """
        with holding holds carrying carries hugging hugs loves love likes adores riding rides
        owns feeds feeding chasing chases wears wearing wear her his their my pet toy stuffed plush
        """
    )
)
# Words just after it that make it a thing ("a bear costume", "bunny slippers").
_THING_WORDS = frozenset(
    _words(
        """
        costume onesie mask ears print pattern slippers toy plushie sticker badge balloon kite
        book books drawing picture puppet lover shaped clip hairclip necklace brooch pin charm
        """
    )
)
# Animal words that are also common given names ("Robin", "Bee").
_NAME_WORDS = frozenset({"robin", "wren", "drake", "bee", "fawn"})
# Words that end a "person word + creature" phrase: "a boy and his dog", "a girl's cat".
_PHRASE_BREAKS = frozenset(
    _words("and or with who that which of s has had loves likes her his their a an the")
)

_FUR: dict[str, RGB] = {
    "cat": (150, 150, 160),
    "dog": (176, 124, 74),
    "fox": (236, 120, 44),
    "rabbit": (236, 232, 226),
    "bear": (140, 94, 58),
    "owl": (150, 110, 74),
    "dragon": (88, 170, 96),
    "robot": (176, 188, 200),
    "mouse": (170, 166, 170),
    "bird": (70, 150, 220),
    "hedgehog": (138, 100, 72),
    "turtle": (130, 192, 100),
    "frog": (104, 186, 78),
    "pig": (248, 182, 188),
    "elephant": (164, 170, 190),
    "lion": (234, 178, 80),
    "tiger": (244, 148, 52),
    "penguin": (52, 58, 80),
    "duck": (250, 250, 244),
    "sheep": (248, 246, 238),
    "horse": (176, 116, 72),
    "unicorn": (250, 248, 252),
    "squirrel": (204, 112, 54),
    "badger": (136, 136, 146),
    "otter": (134, 92, 62),
    "hippo": (166, 150, 190),
    "giraffe": (246, 200, 100),
    "dinosaur": (118, 192, 112),
    "monkey": (150, 98, 60),
    "wolf": (130, 138, 156),
    "deer": (196, 136, 82),
    "snail": (226, 208, 154),
    "bee": (252, 206, 52),
    "ladybug": (224, 50, 46),
}

# The second colour of a creature: spines' face, shell, mane, stripes, spots, bill or belly.
_TRIM: dict[str, RGB] = {
    "hedgehog": (242, 216, 178),
    "turtle": (112, 140, 64),
    "frog": (216, 236, 150),
    "pig": (236, 138, 156),
    "elephant": (240, 180, 192),
    "lion": (186, 98, 40),
    "tiger": (44, 34, 38),
    "penguin": (250, 250, 248),
    "duck": (248, 156, 42),
    "sheep": (88, 80, 88),
    "horse": (86, 56, 40),
    "unicorn": (244, 150, 210),
    "squirrel": (250, 228, 198),
    "badger": (38, 36, 42),
    "otter": (238, 216, 190),
    "hippo": (236, 182, 200),
    "giraffe": (186, 112, 50),
    "dinosaur": (246, 160, 64),
    "monkey": (242, 210, 170),
    "wolf": (234, 236, 240),
    "deer": (250, 242, 228),
    "snail": (214, 124, 86),
    "bee": (52, 42, 46),
    "ladybug": (38, 34, 42),
}

# Relatives drawn with a kind's figure but in their own colours.
_WORD_FUR: dict[str, RGB] = {
    "polar-bear": (246, 246, 244),
    "panther": (48, 44, 56),
    "leopard": (236, 190, 96),
    "cheetah": (236, 190, 96),
    "jaguar": (236, 190, 96),
    "rat": (140, 130, 128),
    "hamster": (230, 170, 100),
    "gerbil": (220, 170, 110),
    "robin": (150, 100, 70),
    "sparrow": (160, 120, 84),
    "wren": (160, 120, 84),
    "crow": (50, 48, 60),
    "raven": (50, 48, 60),
    "blackbird": (50, 48, 60),
    "magpie": (50, 48, 60),
    "pigeon": (150, 156, 176),
    "dove": (246, 246, 248),
    "seagull": (246, 246, 248),
    "gull": (246, 246, 248),
    "hen": (190, 110, 60),
    "chicken": (246, 240, 228),
    "rooster": (190, 90, 50),
    "cockerel": (190, 90, 50),
    "chick": (252, 220, 90),
    "canary": (252, 220, 80),
    "eagle": (120, 84, 58),
    "hawk": (140, 100, 66),
    "falcon": (140, 100, 66),
    "flamingo": (248, 150, 170),
    "phoenix": (240, 110, 50),
    "tortoise": (176, 166, 110),
    "terrapin": (120, 160, 90),
    "toad": (156, 142, 84),
    "mammoth": (134, 92, 64),
    "duckling": (252, 216, 78),
    "gosling": (236, 220, 120),
    "drake": (96, 150, 100),
    "donkey": (150, 146, 150),
    "mule": (150, 120, 100),
    "zebra": (248, 248, 246),
    "pegasus": (250, 248, 252),
    "chipmunk": (190, 120, 70),
    "ferret": (226, 212, 190),
    "stoat": (200, 140, 90),
    "gorilla": (70, 68, 76),
    "coyote": (196, 160, 120),
    "jackal": (196, 150, 100),
    "reindeer": (150, 104, 70),
    "moose": (120, 84, 60),
    "elk": (160, 110, 70),
    "slug": (214, 190, 130),
    "wasp": (250, 214, 40),
}
# Their second colours, where the kind's default would look wrong.
_WORD_TRIM: dict[str, RGB] = {
    "tortoise": (150, 104, 58),
    "terrapin": (96, 110, 60),
    "toad": (226, 214, 164),
    "lamb": (250, 226, 212),
    "zebra": (36, 34, 40),
    "donkey": (80, 76, 80),
    "robin": (236, 96, 60),
}
# Figure details a word adds: antlers, spots, a lioness's missing mane, a foal's small size.
_WORD_FEATURES: dict[str, tuple[str, ...]] = {
    "deer": ("antlers",),
    "stag": ("antlers",),
    "reindeer": ("antlers",),
    "elk": ("antlers",),
    "moose": ("antlers",),
    "caribou": ("antlers",),
    "fawn": ("spots", "young"),
    "leopard": ("spots",),
    "cheetah": ("spots",),
    "jaguar": ("spots",),
    "zebra": ("stripes",),
    "pegasus": ("wings",),
    "lioness": ("maneless",),
    "toad": ("warts",),
    "mammoth": ("tusks",),
    "slug": ("shell-less",),
    "kitten": ("young",),
    "puppy": ("young",),
    "pup": ("young",),
    "piglet": ("young",),
    "lamb": ("young",),
    "duckling": ("young",),
    "gosling": ("young",),
    "chick": ("young",),
    "foal": ("young",),
    "pony": ("young",),
    "owlet": ("young",),
    "tadpole": ("young",),
}


def _singulars(word: str) -> list[str]:
    """``word`` and every singular it could be the plural of ("foxes": "foxe" and "fox")."""
    forms = [word]
    irregular = {"mice": "mouse", "geese": "goose", "wolves": "wolf", "calves": "calf"}
    if word in irregular:
        forms.append(irregular[word])
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        forms.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        forms.append(word[:-1])
    return forms


def _creature_word(word: str, *, critters: bool = True) -> tuple[str, str] | None:
    """The (kind, singular word) a single word names, if it names a creature."""
    for form in _singulars(word):
        if form in _ANIMAL_WORDS:
            return _ANIMAL_WORDS[form], form
        if critters and form in _CRITTER_WORDS:
            return "critter", form
    return None


def _is_human_word(word: str) -> bool:
    return word.endswith("year-old") or any(form in _HUMAN_WORDS for form in _singulars(word))


def _modifies_creature(ahead: Sequence[str]) -> bool:
    """Whether a person word is only describing the creature named right after it.

    "a baby elephant", "a queen bee" and "a pirate cat" are creatures; "a boy and his dog"
    and "a girl's cat" are not, as the words in between break the phrase.
    """
    for word in ahead:
        if _creature_word(word) is not None:
            return True
        if word in _PHRASE_BREAKS or _is_human_word(word):
            return False
    return False


def _identity(character: CharacterBrief) -> tuple[str | None, str]:
    """What ``character`` is: a creature's (kind, word), or (None, "") for a person.

    The description, appearance and key traits are read in that order, clause by clause; the
    first word naming a person or a creature decides, unless the creature is only owned or
    worn ("with his dog", "bunny slippers"). A text naming no being but giving it creature
    parts ("soft fur and a long tail") is a critter. The name counts last, and only for the
    main animal words that are not also common given names.
    """
    hinted = False
    fields = (character.description, character.physical_appearance, character.key_traits)
    for text, is_name in (*((field, False) for field in fields), (character.name, True)):
        for clause in re.split(r"[.;:!?()\n]", text.lower()):
            tokens = re.findall(r"[a-z]+(?:-[a-z]+)*", clause)
            for index, token in enumerate(tokens):
                after = tokens[index + 1] if index + 1 < len(tokens) else ""
                compound = _COMPOUNDS.get((token, after))
                if compound is not None and not is_name:
                    return compound, f"{token}-{after}"
                if _is_human_word(token) and not _modifies_creature(tokens[index + 1 : index + 3]):
                    return None, ""
                found = _creature_word(token, critters=not is_name)
                before = set(tokens[max(0, index - 3) : index])
                thing = after in _THING_WORDS or after in _CLOTHES or bool(before & _CLOTHES)
                owned = thing or bool(before & _OWNING_WORDS)
                if found is not None and not owned and not (is_name and found[1] in _NAME_WORDS):
                    return found
                # "with" does not own a body part: "a wumpus with a long tail" has the tail.
                if not is_name and token in _CREATURE_HINTS and not thing:
                    hinted = hinted or not (before & (_OWNING_WORDS - {"with"}))
    return ("critter", "") if hinted else (None, "")


_TOPS = {
    "shirt",
    "t-shirt",
    "tshirt",
    "top",
    "blouse",
    "dress",
    "gown",
    "hoodie",
    "jumper",
    "sweater",
    "cardigan",
    "jacket",
    "coat",
    "raincoat",
    "tunic",
    "robe",
    "robes",
    "vest",
    "uniform",
    "overalls",
    "dungarees",
    "armor",
    "armour",
    "suit",
    "pyjamas",
    "pajamas",
    "apron",
    "spacesuit",
    "kimono",
    "poncho",
    "sweatshirt",
    "jersey",
    "outfit",
    "clothes",
}
_BOTTOMS = {"trousers", "jeans", "pants", "skirt", "shorts", "leggings", "tights"}
_SHOES = {"boots", "boot", "shoes", "shoe", "sneakers", "trainers", "sandals", "wellies"}
_ACCENTS = {
    "cape",
    "cloak",
    "scarf",
    "hat",
    "cap",
    "beanie",
    "bow",
    "ribbon",
    "crown",
    "tiara",
    "headband",
    "backpack",
    "bag",
    "wings",
    "helmet",
    "bandana",
    "collar",
    "tie",
    "bowtie",
}
_BODY = {"hair", "eyes", "skin", "fur", "feathers", "scales", "coat"}
_CLOTHES = frozenset(_TOPS | _BOTTOMS | _SHOES | _ACCENTS)
_COATS = {"fur", "feathers", "scales", "wool", "fleece"}
# Words whose colour is a creature's second colour ("a red shell", "a golden mane").
_TRIM_WORDS = {"shell", "mane", "stripes", "spots", "patches", "plates", "spikes", "bill"}
# A hedgehog's spines are its coat; on anything else they are its second colour.
_SPINES = {"spines", "prickles", "quills"}
# Body parts whose colour belongs to them alone: "a white tail" does not make a white fox.
_PARTS = {"belly", "tummy", "nose", "ears", "tail", "paws", "feet", "cheeks", "beak", "horn"}


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


def _digest(*parts: str) -> bytes:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z]+(?:-[a-z]+)*", text.lower())


def _assign_colours(tokens: Sequence[str]) -> tuple[dict[str, RGB], list[str]]:
    """Colour words bound to the item they describe ("yellow raincoat"), and the leftovers."""
    bound: dict[str, RGB] = {}
    loose: list[str] = []
    for index, token in enumerate(tokens):
        word = token
        if token.endswith("-haired") and token[:-7] in _COLOURS:
            bound.setdefault("hair", _HAIR_COLOURS.get(token[:-7], _COLOURS[token[:-7]]))
            continue
        if word not in _COLOURS:
            continue
        target = None
        for ahead in tokens[index + 1 : index + 4]:
            if ahead in _COLOURS and target is None:
                continue  # "red and white scarf": both words describe the scarf
            if ahead in _TOPS or ahead in _BOTTOMS or ahead in _SHOES or ahead in _ACCENTS:
                target = ahead
                break
            if ahead in _BODY or ahead in _TRIM_WORDS or ahead in _COATS or ahead in _SPINES:
                target = ahead
                break
            if ahead in _PARTS:
                target = ahead
                break
            if _creature_word(ahead) is not None:
                target = "fur"
                break
        if target is None:
            loose.append(word)
        elif target == "hair":
            bound.setdefault("hair", _HAIR_COLOURS.get(word, _COLOURS[word]))
        elif target in _COATS:
            bound.setdefault("fur", _COLOURS[word])
        elif target in _TRIM_WORDS:
            bound.setdefault("trim", _COLOURS[word])
        elif target in _SPINES:
            bound.setdefault("spines", _COLOURS[word])
        elif target == "eyes":
            bound.setdefault("eyes", _COLOURS[word])
        elif target == "skin":
            # A person's skin comes from _SKIN_WORDS; a creature's ("green skin") is its coat.
            bound.setdefault("skin", _COLOURS[word])
        else:
            bound.setdefault(target, _COLOURS[word])
    return bound, loose


def character_look(character: CharacterBrief) -> Look:
    """Colours and features for ``character``, read from its text, else from its name's hash.

    Colour words are bound to the garment or body part that follows them ("curly red hair",
    "a yellow raincoat"); leftover colours from the clothing fill the outfit. Anything the
    text does not say comes from a hash of the name, so it is stable but varies by character.
    """
    name = " ".join(character.name.split()).lower()
    digest = _digest(name)
    clothing = character.clothing_style.lower()
    appearance = " ".join(
        (character.physical_appearance, character.description, character.key_traits)
    ).lower()
    everything = f"{name} {appearance} {clothing}"
    tokens = _tokens(everything)
    token_set = set(tokens)

    animal, creature = _identity(character)
    bound, _ = _assign_colours(_tokens(f"{character.physical_appearance} {clothing}"))
    described, _ = _assign_colours(_tokens(character.description))
    for key, value in described.items():
        bound.setdefault(key, value)
    _, loose_clothes = _assign_colours(_tokens(clothing))
    loose_clothes = [c for c in loose_clothes if c not in {"blond", "blonde"}]

    hue = digest[0] / 255
    fallback_top = _hsv(hue, 0.55, 0.86)
    fallback_bottom = _hsv(hue + 0.45 + digest[1] / 2550, 0.45, 0.55)

    top = next((bound[k] for k in bound if k in _TOPS), None)
    bottom = next((bound[k] for k in bound if k in _BOTTOMS), None)
    shoes = next((bound[k] for k in bound if k in _SHOES), None)
    accent = next((bound[k] for k in bound if k in _ACCENTS), None)
    if bottom is None and token_set & {"jeans", "denim"}:
        bottom = (70, 100, 160)
    leftovers = [_COLOURS[c] for c in loose_clothes]
    if top is None and leftovers:
        top = leftovers.pop(0)
    if bottom is None and leftovers:
        bottom = leftovers.pop(0)
    if accent is None and leftovers:
        accent = leftovers.pop(0)

    skin = _SKINS[digest[2] % 5]  # hash picks from the lighter-to-medium middle range
    for pattern, index in _SKIN_WORDS:
        if re.search(pattern, appearance):
            skin = _SKINS[index]
            break
    hair = bound.get("hair")
    if hair is None:
        if token_set & {"blond", "blonde"}:
            hair = _COLOURS["blond"]
        elif "ginger" in token_set or "redhead" in token_set:
            hair = _HAIR_COLOURS["red"]
        else:
            hair = _NATURAL_HAIR[digest[3] % len(_NATURAL_HAIR)]

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
        "scarf": r"\bscarf|scarves\b",
        "boots": r"\b(?:boots|wellies)\b",
        "beard": r"\bbeard(?:ed)?\b",
        "moustache": r"\b(?:moustache|mustache)\b",
        "bow": r"\b(?:bow|ribbon|hair-bow)\b",
        "wings": r"\b(?:wings|winged|fairy)\b",
        "backpack": r"\b(?:backpack|rucksack|satchel)\b",
        "freckles": r"\bfreckle[sd]?\b",
    }
    for feature, pattern in checks.items():
        if re.search(pattern, everything):
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
        body_colours = _assign_colours(_tokens(appearance))[1]
        if body_colours:
            named_fur = _COLOURS[body_colours[0]]
    fur = named_fur or (_creature_fur(animal, creature or name) if animal else skin)
    trim = (
        bound.get("trim")
        or spines
        or _creature_trim(animal, creature, fur, named=named_fur is not None)
    )
    if animal:
        features.update(_WORD_FEATURES.get(creature, ()))
        if "rainbow" in token_set:
            features.add("rainbow")
        if animal == "critter":
            # The ears vary by creature, not by character: every platypus looks alike.
            ears = ("round", "pointy", "floppy")[_digest(creature or name)[1] % 3]
            features.add(f"ears-{ears}")

    age = character.age
    if animal:
        height = _HEIGHTS.get(animal, 0.74) * (0.88 if "young" in features else 1.0)
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

    if animal and top is None and not (token_set & (_TOPS | _BOTTOMS)):
        top = fur  # an animal with no clothes mentioned is drawn in its own fur
        bottom = trim if animal in _TRIM_LEGS else fur
    if animal in {"duck", "penguin"} and shoes is None:
        shoes = (248, 156, 48)  # webbed orange feet
    eyes_default = (60, 44, 34) if digest[5] % 3 else (50, 90, 130)
    return Look(
        skin=skin,
        hair=hair,
        hair_style=hair_style,
        eyes=bound.get("eyes", eyes_default),
        top=top or fallback_top,
        bottom=bottom or fallback_bottom,
        shoes=shoes or _shade(bottom or fallback_bottom, 0.55),
        accent=accent or _hsv(hue + 0.5, 0.6, 0.85),
        animal=animal,
        fur=fur,
        features=frozenset(features),
        dress=bool(token_set & {"dress", "skirt", "gown"}),
        height=height,
        trim=trim,
    )


# Friendly coats for a critter whose text names no colour.
_CRITTER_FURS: tuple[RGB, ...] = (
    (160, 118, 88),
    (150, 150, 162),
    (212, 164, 112),
    (232, 146, 84),
    (176, 150, 204),
    (120, 168, 196),
)

# Sizes relative to a grown-up person: big beasts stand taller, small ones lower.
_HEIGHTS: dict[str, float] = {
    "dragon": 0.92,
    "bear": 0.92,
    "robot": 0.92,
    "elephant": 0.96,
    "lion": 0.9,
    "tiger": 0.9,
    "horse": 0.92,
    "unicorn": 0.92,
    "hippo": 0.92,
    "giraffe": 1.0,
    "dinosaur": 0.94,
    "wolf": 0.86,
    "deer": 0.86,
    "hedgehog": 0.66,
    "frog": 0.64,
    "duck": 0.68,
    "squirrel": 0.66,
    "snail": 0.6,
    "bee": 0.62,
    "ladybug": 0.62,
    "turtle": 0.7,
    "penguin": 0.7,
}

# Creatures whose legs (and, for some, arms) take their second colour: a sheep's dark legs.
_TRIM_LEGS = {"sheep", "badger", "bee", "ladybug", "duck"}
_TRIM_ARMS = {"sheep", "badger", "bee", "ladybug"}


def _creature_fur(animal: str, word: str) -> RGB:
    if word in _WORD_FUR:
        return _WORD_FUR[word]
    if animal in _FUR:
        return _FUR[animal]
    return _CRITTER_FURS[_digest(word)[0] % len(_CRITTER_FURS)]


def _creature_trim(animal: str | None, word: str, fur: RGB, *, named: bool) -> RGB:
    """The second colour the text did not name: fixed for most kinds, from the coat for some."""
    if animal is None:
        return fur
    if word in _WORD_TRIM:
        return _WORD_TRIM[word]
    if named and animal in {"lion", "horse", "giraffe"}:
        return _shade(fur, 0.7)  # a white lion's mane is a shade of white, not brown
    if animal == "sheep" and sum(fur) < 330:
        return (240, 224, 206)  # a black sheep's face is light
    return _TRIM.get(animal, _mix(fur, (255, 250, 240), 0.6))


# --------------------------------------------------------------------------------------
# Drawing primitives that honour the style's outline.


@dataclass
class _Pen:
    draw: ImageDraw.ImageDraw
    width: int  # outline width in pixels, 0 for none
    ink: RGB | None  # fixed outline colour; None means a darker shade of each fill

    def edge(self, fill: RGB) -> RGB:
        return self.ink if self.ink is not None else _shade(fill, 0.5)

    def ellipse(self, box: Sequence[float], fill: RGB, *, line: bool = True) -> None:
        x0, y0, x1, y1 = box
        box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        if self.width and line:
            self.draw.ellipse(box, fill=fill, outline=self.edge(fill), width=self.width)
        else:
            self.draw.ellipse(box, fill=fill)

    def polygon(
        self, points: Sequence[tuple[float, float]], fill: RGB, *, line: bool = True
    ) -> None:
        if self.width and line:
            self.draw.polygon(points, fill=fill, outline=self.edge(fill), width=self.width)
        else:
            self.draw.polygon(points, fill=fill)

    def rounded(self, box: Sequence[float], radius: float, fill: RGB, *, line: bool = True) -> None:
        x0, y0, x1, y1 = box
        box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        radius = max(0.0, min(radius, (box[2] - box[0]) / 2, (box[3] - box[1]) / 2))
        if self.width and line:
            self.draw.rounded_rectangle(
                box, radius=radius, fill=fill, outline=self.edge(fill), width=self.width
            )
        else:
            self.draw.rounded_rectangle(box, radius=radius, fill=fill)

    def limb(
        self,
        start: tuple[float, float],
        end: tuple[float, float],
        thickness: float,
        fill: RGB,
    ) -> None:
        """A thick stroke with round ends, outlined like every other shape."""
        layers = [(self.edge(fill), thickness + 2 * self.width)] if self.width else []
        layers.append((fill, thickness))
        for colour, size in layers:
            r = size / 2
            self.draw.line([start, end], fill=colour, width=max(1, round(size)))
            for x, y in (start, end):
                self.draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)


# --------------------------------------------------------------------------------------
# Figures.


@dataclass(frozen=True)
class _Pose:
    left_arm: float  # degrees from hanging straight down; 90 is horizontal, 160 raised
    right_arm: float
    view: str = "front"  # front, side, back
    facing: int = 1  # side view: 1 looks right, -1 looks left
    stride: float = 0.0  # side view leg spread


def _ellipse_points(
    centre: tuple[float, float], rx: float, ry: float, angle: float, steps: int = 28
) -> list[tuple[float, float]]:
    """A rotated ellipse as a polygon (Pillow only draws upright ones)."""
    turn = math.radians(angle)
    cos_t, sin_t = math.cos(turn), math.sin(turn)
    points = []
    for index in range(steps):
        t = 2 * math.pi * index / steps
        px, py = rx * math.cos(t), ry * math.sin(t)
        points.append((centre[0] + px * cos_t - py * sin_t, centre[1] + px * sin_t + py * cos_t))
    return points


def _point(
    origin: tuple[float, float], angle: float, length: float, side: int
) -> tuple[float, float]:
    radians = math.radians(angle)
    return (origin[0] + side * math.sin(radians) * length, origin[1] + math.cos(radians) * length)


def _draw_tail(pen: _Pen, look: Look, hip: tuple[float, float], h: float, side: int) -> None:
    x, y = hip
    fur = look.fur
    if look.animal == "fox":
        centre = (x + side * h * 0.2, y - h * 0.1)
        pen.polygon(_ellipse_points(centre, h * 0.21, h * 0.085, -side * 35), fur)
        tip = (x + side * h * 0.36, y - h * 0.21)
        pen.polygon(_ellipse_points(tip, h * 0.07, h * 0.055, -side * 35), (250, 246, 240))
    elif look.animal in {"cat", "mouse"}:
        thickness = h * (0.035 if look.animal == "cat" else 0.015)
        mid = (x + side * h * 0.16, y + h * 0.02)
        tip = (x + side * h * 0.22, y - h * 0.16)
        colour = fur if look.animal == "cat" else (236, 170, 180)
        pen.limb((x, y), mid, thickness, colour)
        pen.limb(mid, tip, thickness, colour)
    elif look.animal == "dog":
        pen.limb((x, y), (x + side * h * 0.14, y - h * 0.1), h * 0.04, fur)
    elif look.animal == "rabbit":
        r = h * 0.05
        pen.ellipse((x + side * h * 0.1 - r, y - r, x + side * h * 0.1 + r, y + r), (252, 252, 252))
    elif look.animal in _TAILS:
        _TAILS[look.animal](pen, look, x, y, h, side)
    elif look.animal == "dragon":
        points = [(x, y - h * 0.06), (x + side * h * 0.34, y + h * 0.22), (x, y + h * 0.06)]
        pen.polygon(points, fur)
        tip = (x + side * h * 0.34, y + h * 0.22)
        pen.polygon(
            [
                tip,
                (tip[0] - side * h * 0.02, tip[1] - h * 0.07),
                (tip[0] + side * h * 0.07, tip[1]),
            ],
            _shade(fur, 0.75),
        )


def _draw_wings(pen: _Pen, look: Look, cx: float, top: float, h: float) -> None:
    if look.animal == "dragon":
        colour = _shade(look.fur, 0.8)
        for side in (-1, 1):
            pen.polygon(
                [
                    (cx + side * h * 0.05, top + h * 0.05),
                    (cx + side * h * 0.36, top - h * 0.12),
                    (cx + side * h * 0.32, top + h * 0.04),
                    (cx + side * h * 0.28, top + h * 0.14),
                    (cx + side * h * 0.06, top + h * 0.2),
                ],
                colour,
            )
    elif look.animal == "bee":
        for side in (-1, 1):
            for lift, size in ((0.0, 1.0), (0.12, 0.7)):
                centre = (cx + side * h * 0.16, top + h * (lift - 0.02))
                points = _ellipse_points(centre, h * 0.13 * size, h * 0.07 * size, side * -30)
                pen.polygon(points, (228, 242, 252))
    elif look.animal in {"owl", "bird"} or "wings" in look.features:
        colour = _shade(look.fur, 0.85) if look.animal else (226, 236, 252)
        for side in (-1, 1):
            pen.ellipse(
                (cx + side * h * 0.04, top - h * 0.04, cx + side * h * 0.30, top + h * 0.22),
                colour,
            )


def _draw_cape(
    pen: _Pen, look: Look, cx: float, shoulder: float, hip: float, h: float, view: str
) -> None:
    spread = h * (0.25 if view != "side" else 0.18)
    bottom = hip + h * 0.22
    pen.polygon(
        [
            (cx - h * 0.12, shoulder),
            (cx + h * 0.12, shoulder),
            (cx + spread, bottom),
            (cx - spread, bottom),
        ],
        look.accent,
    )


def _hair_back(pen: _Pen, look: Look, cx: float, head_y: float, r: float, pose: _Pose) -> None:
    """Hair that falls behind the shoulders, drawn before the body."""
    style = look.hair_style
    if look.animal or style == "bald":
        return
    back = -pose.facing if pose.view == "side" else 0
    if style == "long" or (style in {"braids", "curly"} and pose.view == "back"):
        x = cx + back * r * 0.3
        pen.rounded(
            (x - r * 1.05, head_y - r * 0.2, x + r * 1.05, head_y + r * 2.3), r * 0.6, look.hair
        )
    elif style == "ponytail":
        x = cx + (back or 1) * r * 0.95
        if pose.view == "back":
            x = cx
        pen.ellipse((x - r * 0.38, head_y - r * 0.2, x + r * 0.38, head_y + r * 1.6), look.hair)
    elif style == "braids" and pose.view != "side":
        for side in (-1, 1):
            for step in range(4):
                y = head_y + r * (0.4 + step * 0.42)
                x = cx + side * r * 0.98
                pen.ellipse((x - r * 0.26, y - r * 0.24, x + r * 0.26, y + r * 0.24), look.hair)


def _hair_front(pen: _Pen, look: Look, cx: float, head_y: float, r: float, pose: _Pose) -> None:
    """The hair cap and its style, drawn before the face so the face sits inside it."""
    style = look.hair_style
    hair = look.hair
    shift = -pose.facing * r * 0.12 if pose.view == "side" else 0
    if style == "curly":
        for index in range(11):
            angle = math.pi + index * math.pi / 10
            x = cx + shift + math.cos(angle) * r * 1.02
            y = head_y + math.sin(angle) * r * 1.0 + r * 0.05
            pen.ellipse((x - r * 0.36, y - r * 0.36, x + r * 0.36, y + r * 0.36), hair)
    elif style == "pigtails" and pose.view != "side":
        for side in (-1, 1):
            x = cx + side * r * 1.15
            pen.ellipse((x - r * 0.38, head_y - r * 0.2, x + r * 0.38, head_y + r * 0.75), hair)
    elif style == "bun":
        pen.ellipse((cx - r * 0.42, head_y - r * 1.45, cx + r * 0.42, head_y - r * 0.65), hair)
    elif style == "spiky":
        points = []
        for index in range(9):
            angle = math.pi + index * math.pi / 8
            reach = 1.3 if index % 2 else 0.95
            points.append((cx + math.cos(angle) * r * reach, head_y + math.sin(angle) * r * reach))
        pen.polygon(points, hair)
    bottom = head_y + (r * 0.55 if style in {"bob", "long"} else r * 0.3)
    pen.ellipse((cx + shift - r * 1.08, head_y - r * 1.1, cx + shift + r * 1.08, bottom), hair)


def _eyes(
    pen: _Pen, look: Look, points: Sequence[tuple[float, float]], r: float, big: bool
) -> None:
    size = r * (0.2 if big else 0.12)
    for x, y in points:
        if big:
            pen.draw.ellipse(
                (x - size, y - size * 1.25, x + size, y + size * 1.25), fill=(36, 30, 40)
            )
            iris = size * 0.72
            pen.draw.ellipse((x - iris, y - iris * 1.05, x + iris, y + iris * 1.25), fill=look.eyes)
        else:
            pen.draw.ellipse(
                (x - size, y - size * 1.2, x + size, y + size * 1.2), fill=(40, 32, 36)
            )
        glint = size * 0.38
        gx, gy = x + size * 0.3, y - size * 0.45
        pen.draw.ellipse((gx - glint, gy - glint, gx + glint, gy + glint), fill=(255, 255, 255))


def _face(
    pen: _Pen,
    look: Look,
    cx: float,
    head_y: float,
    r: float,
    pose: _Pose,
    detail: int,
    *,
    spread: float = 0.38,
    mouth_drop: float = 0.3,
    skin: RGB | None = None,
    mouth: bool = True,
) -> None:
    """Eyes, cheeks, mouth and glasses; creatures move them to suit their heads."""
    big_eyes = detail >= 3
    if skin is None:
        skin = look.fur if look.animal else look.skin
    mouth_colour = (120, 50, 50) if not look.animal else (70, 40, 40)
    if pose.view == "side":
        f = pose.facing
        eye = (cx + f * r * 0.42, head_y - r * 0.02)
        _eyes(pen, look, [eye], r, big_eyes)
        if detail >= 1 and mouth:
            mx = cx + f * r * 0.62
            pen.draw.arc(
                (
                    mx - r * 0.2,
                    head_y + r * (mouth_drop - 0.02),
                    mx + r * 0.2,
                    head_y + r * (mouth_drop + 0.22),
                ),
                20,
                160,
                fill=mouth_colour,
                width=max(1, round(r * 0.07)),
            )
            cheek = _mix(skin, (244, 120, 130), 0.4)
            pen.draw.ellipse(
                (
                    cx + f * r * 0.1 - r * 0.14,
                    head_y + r * 0.22,
                    cx + f * r * 0.1 + r * 0.14,
                    head_y + r * 0.42,
                ),
                fill=cheek,
            )
        if "glasses" in look.features:
            gr = r * 0.26
            pen.draw.ellipse(
                (eye[0] - gr, eye[1] - gr, eye[0] + gr, eye[1] + gr),
                outline=(50, 44, 60),
                width=max(1, round(r * 0.07)),
            )
            pen.draw.line(
                [(eye[0] - f * gr, eye[1]), (cx - f * r * 0.5, eye[1] - r * 0.05)],
                fill=(50, 44, 60),
                width=max(1, round(r * 0.06)),
            )
        return
    eyes = [(cx - r * spread, head_y + r * 0.08), (cx + r * spread, head_y + r * 0.08)]
    _eyes(pen, look, eyes, r, big_eyes)
    if detail >= 1:
        cheek = _mix(skin, (244, 120, 130), 0.4)
        for side in (-1, 1):
            x = cx + side * r * 0.6
            pen.draw.ellipse(
                (x - r * 0.15, head_y + r * 0.32, x + r * 0.15, head_y + r * 0.52), fill=cheek
            )
        if "freckles" in look.features:
            for side in (-1, 1):
                for dx, dy in ((0.45, 0.3), (0.58, 0.38), (0.5, 0.45)):
                    x, y = cx + side * r * dx, head_y + r * dy
                    s = r * 0.035
                    pen.draw.ellipse((x - s, y - s, x + s, y + s), fill=_shade(skin, 0.7))
    if "beard" in look.features:
        pen.ellipse((cx - r * 0.78, head_y + r * 0.1, cx + r * 0.78, head_y + r * 1.22), look.hair)
    if "moustache" in look.features or "beard" in look.features:
        for side in (-1, 1):
            pen.draw.ellipse(
                (
                    cx + side * r * 0.02 - r * 0.24 * (side < 0),
                    head_y + r * 0.3,
                    cx + side * r * 0.02 + r * 0.24 * (side > 0),
                    head_y + r * 0.44,
                ),
                fill=_shade(look.hair, 0.8),
            )
    if mouth and look.animal not in {"owl", "bird", "robot"}:
        pen.draw.arc(
            (
                cx - r * 0.24,
                head_y + r * mouth_drop,
                cx + r * 0.24,
                head_y + r * (mouth_drop + 0.3),
            ),
            15,
            165,
            fill=mouth_colour,
            width=max(1, round(r * 0.07)),
        )
    if "glasses" in look.features:
        gr = r * 0.25
        width = max(1, round(r * 0.07))
        for x, y in eyes:
            pen.draw.ellipse((x - gr, y - gr, x + gr, y + gr), outline=(50, 44, 60), width=width)
        pen.draw.line(
            [(eyes[0][0] + gr, eyes[0][1]), (eyes[1][0] - gr, eyes[1][1])],
            fill=(50, 44, 60),
            width=width,
        )


def _animal_head(
    pen: _Pen, look: Look, cx: float, head_y: float, r: float, pose: _Pose, detail: int
) -> None:
    painter = _HEADS.get(look.animal or "")
    if painter is not None:
        painter(_Head(pen, look, cx, head_y, r, pose, detail))
        return
    fur = look.fur
    animal = look.animal
    light = _mix(fur, (255, 250, 240), 0.6)
    f = pose.facing if pose.view == "side" else 0
    back = pose.view == "back"
    # Ears behind the head.
    if animal in {"cat", "fox"}:
        for side in (-1, 1) if not f else (-f * 0.3,):
            base = cx + side * r * 0.6
            pen.polygon(
                [
                    (base - r * 0.4, head_y - r * 0.6),
                    (base + r * 0.4, head_y - r * 0.6),
                    (base + side * r * 0.2, head_y - r * 1.55),
                ],
                fur,
            )
            if not back:
                pen.polygon(
                    [
                        (base - r * 0.2, head_y - r * 0.75),
                        (base + r * 0.2, head_y - r * 0.75),
                        (base + side * r * 0.15, head_y - r * 1.3),
                    ],
                    (250, 240, 236) if animal == "fox" else (240, 170, 180),
                    line=False,
                )
    elif animal == "rabbit":
        for side in (-1, 1) if not f else (-f * 0.3,):
            base = cx + side * r * 0.4
            pen.ellipse((base - r * 0.25, head_y - r * 2.2, base + r * 0.25, head_y - r * 0.4), fur)
            if not back:
                pen.ellipse(
                    (base - r * 0.12, head_y - r * 2.0, base + r * 0.12, head_y - r * 0.6),
                    (244, 176, 190),
                    line=False,
                )
    elif animal in {"bear", "mouse"}:
        size = r * (0.36 if animal == "bear" else 0.6)
        for side in (-1, 1) if not f else (-f * 0.3,):
            x, y = cx + side * r * 0.78, head_y - r * 0.72
            pen.ellipse((x - size, y - size, x + size, y + size), fur)
            if not back:
                inner = size * 0.55
                pen.ellipse(
                    (x - inner, y - inner, x + inner, y + inner),
                    (240, 180, 190) if animal == "mouse" else light,
                    line=False,
                )
    elif animal == "dragon":
        for side in (-1, 1):
            base = cx + side * r * 0.5
            pen.polygon(
                [
                    (base - r * 0.18, head_y - r * 0.8),
                    (base + r * 0.18, head_y - r * 0.8),
                    (base + side * r * 0.35, head_y - r * 1.5),
                ],
                (250, 232, 180),
            )
    elif animal == "owl":
        for side in (-1, 1):
            base = cx + side * r * 0.7
            pen.polygon(
                [
                    (base - r * 0.25, head_y - r * 0.7),
                    (base + r * 0.25, head_y - r * 0.7),
                    (base + side * r * 0.3, head_y - r * 1.35),
                ],
                fur,
            )
    elif animal == "robot":
        pen.draw.line(
            [(cx, head_y - r), (cx, head_y - r * 1.6)],
            fill=(90, 96, 110),
            width=max(1, round(r * 0.1)),
        )
        pen.ellipse(
            (cx - r * 0.18, head_y - r * 1.8, cx + r * 0.18, head_y - r * 1.44), (236, 70, 70)
        )
    # The head itself.
    if animal == "robot":
        pen.rounded((cx - r * 1.05, head_y - r, cx + r * 1.05, head_y + r * 0.95), r * 0.3, fur)
    elif animal == "dragon":
        pen.ellipse((cx - r * 1.05, head_y - r * 0.95, cx + r * 1.05, head_y + r), fur)
    else:
        pen.ellipse((cx - r, head_y - r, cx + r, head_y + r), fur)
    if back:
        return
    if animal == "dog":
        for side in (-1, 1) if not f else (-f,):
            x = cx + side * r * 0.95
            pen.ellipse(
                (x - r * 0.32, head_y - r * 0.7, x + r * 0.32, head_y + r * 0.55), _shade(fur, 0.7)
            )
    snout_x = cx + f * r * 0.55
    if animal in {"dog", "fox", "bear", "cat", "mouse", "rabbit", "dragon"}:
        width = r * (0.5 if animal in {"cat", "mouse", "rabbit"} else 0.62)
        snout_y = head_y + r * 0.45
        pen.ellipse(
            (snout_x - width, snout_y - r * 0.32, snout_x + width, snout_y + r * 0.32),
            light if animal != "dragon" else _mix(fur, (250, 240, 190), 0.5),
            line=animal != "cat",
        )
        nose = r * (0.14 if animal in {"cat", "mouse", "rabbit"} else 0.2)
        nx, ny = snout_x + f * width * 0.6, snout_y - r * 0.14
        nose_colour = (240, 140, 160) if animal in {"cat", "mouse", "rabbit"} else (44, 34, 36)
        pen.draw.ellipse(
            (nx - nose, ny - nose * 0.75, nx + nose, ny + nose * 0.75), fill=nose_colour
        )
        if animal in {"cat", "mouse", "rabbit"} and detail >= 1 and not f:
            for side in (-1, 1):
                for dy in (-0.05, 0.08):
                    pen.draw.line(
                        [
                            (cx + side * r * 0.35, snout_y + r * dy),
                            (cx + side * r * 1.15, snout_y + r * (dy * 2.2)),
                        ],
                        fill=(70, 60, 64),
                        width=max(1, round(r * 0.03)),
                    )
    if animal == "robot":
        glow = (90, 230, 250)
        for x in (cx - r * 0.42, cx + r * 0.42) if not f else (cx + f * r * 0.5,):
            pen.draw.ellipse(
                (x - r * 0.22, head_y - r * 0.22, x + r * 0.22, head_y + r * 0.18), fill=glow
            )
        for index in range(3):
            x = cx + f * r * 0.3 + (index - 1) * r * 0.22
            pen.draw.line(
                [(x, head_y + r * 0.45), (x, head_y + r * 0.7)],
                fill=(70, 76, 90),
                width=max(1, round(r * 0.06)),
            )
        return
    if animal in {"owl", "bird"}:
        ring = (250, 200, 80)
        eyes = (
            [(cx - r * 0.42, head_y), (cx + r * 0.42, head_y)]
            if not f
            else [(cx + f * r * 0.4, head_y)]
        )
        for x, y in eyes:
            pen.ellipse(
                (x - r * 0.36, y - r * 0.36, x + r * 0.36, y + r * 0.36),
                ring if animal == "owl" else (255, 255, 255),
            )
        _eyes(pen, look, eyes, r, True)
        bx = cx + f * r * 0.9
        pen.polygon(
            [
                (bx - r * 0.16, head_y + r * 0.25),
                (bx + r * 0.16, head_y + r * 0.25),
                (bx + f * r * 0.3, head_y + r * 0.6),
            ],
            (246, 170, 50),
        )
        return
    _face(pen, look, cx, head_y - r * 0.05, r, pose, detail)


def _accessories(pen: _Pen, look: Look, cx: float, head_y: float, r: float, pose: _Pose) -> None:
    top = head_y - r * 0.62
    accent = look.accent
    if "crown" in look.features:
        gold = (246, 196, 60)
        points = [(cx - r * 0.7, top + r * 0.15)]
        for index in range(5):
            x = cx - r * 0.7 + index * r * 0.35
            points += [(x, top - r * 0.45 if index % 2 == 0 else top - r * 0.15)]
        points += [(cx + r * 0.7, top - r * 0.45), (cx + r * 0.7, top + r * 0.15)]
        pen.polygon(points, gold)
    elif "pointy_hat" in look.features:
        tip_x = cx + (pose.facing if pose.view == "side" else 1) * r * 0.35
        pen.polygon(
            [
                (cx - r * 0.85, top + r * 0.25),
                (cx + r * 0.85, top + r * 0.25),
                (tip_x, top - r * 1.9),
            ],
            accent,
        )
        pen.ellipse((cx - r * 1.35, top + r * 0.05, cx + r * 1.35, top + r * 0.45), accent)
        star = r * 0.14
        sx, sy = cx + r * 0.05, top - r * 0.55
        pen.draw.ellipse((sx - star, sy - star, sx + star, sy + star), fill=(255, 226, 90))
    elif "helmet" in look.features:
        pen.draw.ellipse(
            (cx - r * 1.35, head_y - r * 1.35, cx + r * 1.35, head_y + r * 1.3),
            outline=(220, 230, 240),
            width=max(2, round(r * 0.14)),
        )
    elif "hat" in look.features:
        pen.ellipse((cx - r * 1.45, top + r * 0.05, cx + r * 1.45, top + r * 0.42), accent)
        pen.rounded((cx - r * 0.85, top - r * 0.75, cx + r * 0.85, top + r * 0.3), r * 0.3, accent)
        pen.draw.rectangle(
            (cx - r * 0.85, top, cx + r * 0.85, top + r * 0.18), fill=_shade(accent, 0.7)
        )
    elif "cap" in look.features:
        f = pose.facing if pose.view == "side" else 1
        pen.draw.chord(
            (cx - r * 1.05, top - r * 0.2, cx + r * 1.05, top + r * 1.2),
            180,
            360,
            fill=accent,
            outline=pen.edge(accent) if pen.width else None,
            width=pen.width,
        )
        if pose.view != "back":
            pen.ellipse(
                (cx + f * r * 0.2, top + r * 0.32, cx + f * r * 1.45, top + r * 0.6),
                _shade(accent, 0.8),
            )
    if "bow" in look.features and pose.view != "side":
        bx, by = cx + r * 0.75, head_y - r * 0.75
        pen.polygon(
            [(bx, by), (bx - r * 0.45, by - r * 0.3), (bx - r * 0.45, by + r * 0.3)], accent
        )
        pen.polygon(
            [(bx, by), (bx + r * 0.45, by - r * 0.3), (bx + r * 0.45, by + r * 0.3)], accent
        )


# --------------------------------------------------------------------------------------
# Creature parts: heads, shells, spines, plates and markings for the storybook animals.

Point = tuple[float, float]

_RAINBOW: tuple[RGB, ...] = (
    (240, 96, 110),
    (250, 170, 70),
    (250, 220, 90),
    (110, 200, 120),
    (100, 160, 236),
    (170, 120, 220),
)


def _tube(pen: _Pen, points: Sequence[Point], widths: Sequence[float], fill: RGB) -> None:
    """A bent stroke (trunk, tail, stalk) outlined once around the whole, not at each joint.

    The bends are rounded off by cutting corners twice, so a tail curves instead of kinking.
    """
    path = [(x, y, w) for (x, y), w in zip(points, widths, strict=True)]
    for _ in range(2 if len(path) > 2 else 0):
        cut = [path[0]]
        for (x0, y0, w0), (x1, y1, w1) in itertools.pairwise(path):
            for t in (0.25, 0.75):
                cut.append((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, w0 + (w1 - w0) * t))
        cut.append(path[-1])
        path = cut
    layers = [(pen.edge(fill), 2.0 * pen.width)] if pen.width else []
    layers.append((fill, 0.0))
    for colour, extra in layers:
        # One polygon along both sides of the stroke, so its edge is smooth, and round caps.
        left: list[Point] = []
        right: list[Point] = []
        for index, (x, y, w) in enumerate(path):
            ax, ay, _ = path[max(0, index - 1)]
            bx, by, _ = path[min(len(path) - 1, index + 1)]
            length = math.hypot(bx - ax, by - ay) or 1.0
            nx, ny = -(by - ay) / length, (bx - ax) / length
            half = (w + extra) / 2
            left.append((x + nx * half, y + ny * half))
            right.append((x - nx * half, y - ny * half))
        pen.draw.polygon(left + right[::-1], fill=colour)
        for x, y, w in (path[0], path[-1]):
            rr = (w + extra) / 2
            pen.draw.ellipse((x - rr, y - rr, x + rr, y + rr), fill=colour)


def _glasses(pen: _Pen, eyes: Sequence[Point], size: float, r: float) -> None:
    """Round glasses over one or two eyes (one seen from the side)."""
    frame = (50, 44, 60)
    width = max(1, round(r * 0.07))
    for x, y in eyes:
        pen.draw.ellipse((x - size, y - size, x + size, y + size), outline=frame, width=width)
    if len(eyes) == 2:
        (x0, y0), (x1, y1) = eyes
        pen.draw.line([(x0 + size, y0), (x1 - size, y1)], fill=frame, width=width)


def _dark(colour: RGB) -> bool:
    return sum(colour) < 330


@dataclass(frozen=True)
class _Head:
    """One creature head being drawn, with helpers that measure in head radii from its centre."""

    pen: _Pen
    look: Look
    cx: float
    y: float
    r: float
    pose: _Pose
    detail: int

    @property
    def f(self) -> int:
        """1 or -1 when seen from the side (the way it looks), 0 from the front or back."""
        return self.pose.facing if self.pose.view == "side" else 0

    @property
    def back(self) -> bool:
        return self.pose.view == "back"

    @property
    def sides(self) -> tuple[float, ...]:
        """Where paired parts (ears, horns) show: both sides, or just behind from the side."""
        return (-1.0, 1.0) if not self.f else (-self.f * 0.3,)

    def at(self, dx: float, dy: float) -> Point:
        return (self.cx + dx * self.r, self.y + dy * self.r)

    def oval(
        self, dx: float, dy: float, rx: float, ry: float, fill: RGB, *, line: bool = True
    ) -> None:
        x, y, r = self.cx + dx * self.r, self.y + dy * self.r, self.r
        self.pen.ellipse((x - rx * r, y - ry * r, x + rx * r, y + ry * r), fill, line=line)

    def tilted(
        self,
        dx: float,
        dy: float,
        rx: float,
        ry: float,
        angle: float,
        fill: RGB,
        *,
        line: bool = True,
    ) -> None:
        points = _ellipse_points(self.at(dx, dy), rx * self.r, ry * self.r, angle, 20)
        self.pen.polygon(points, fill, line=line)

    def poly(self, points: Sequence[Point], fill: RGB, *, line: bool = True) -> None:
        self.pen.polygon([self.at(dx, dy) for dx, dy in points], fill, line=line)

    def dot(self, dx: float, dy: float, rx: float, ry: float, fill: RGB) -> None:
        x, y, r = self.cx + dx * self.r, self.y + dy * self.r, self.r
        self.pen.draw.ellipse((x - rx * r, y - ry * r, x + rx * r, y + ry * r), fill=fill)

    def smile(self, dx: float, dy: float, half: float, depth: float, colour: RGB) -> None:
        x0, x1 = self.cx + (dx - half) * self.r, self.cx + (dx + half) * self.r
        y0, y1 = self.y + dy * self.r, self.y + (dy + depth) * self.r
        width = max(1, round(self.r * 0.07))
        self.pen.draw.arc((x0, y0, x1, y1), 20, 160, fill=colour, width=width)

    def face(
        self,
        dy: float = -0.05,
        *,
        spread: float = 0.38,
        mouth: float = 0.3,
        skin: RGB | None = None,
        dx: float = 0.0,
    ) -> None:
        """Eyes, cheeks and mouth; on a dark face the eyes get whites and the smile is light."""
        if self.back:
            return
        skin = skin or self.look.fur
        x = self.cx + (dx + self.f * 0.1) * self.r
        y = self.y + dy * self.r
        dark = _dark(skin)
        if dark:
            eyes = [(-spread, 0.08), (spread, 0.08)] if not self.f else [(self.f * 0.42, -0.02)]
            for ex, ey in eyes:
                self.dot(dx + self.f * 0.1 + ex, dy + ey, 0.2, 0.22, (250, 250, 246))
        _face(
            self.pen,
            self.look,
            x,
            y,
            self.r,
            self.pose,
            self.detail,
            spread=spread,
            mouth_drop=mouth,
            skin=skin,
            mouth=not dark,
        )
        if dark:
            self.smile(dx + self.f * 0.45, dy + mouth, 0.22, 0.28, (250, 236, 236))

    def nose(self, dx: float, dy: float, size: float, colour: RGB = (52, 38, 40)) -> None:
        self.dot(dx, dy, size, size * 0.75, colour)
        if self.detail:
            self.dot(dx - size * 0.3, dy - size * 0.3, size * 0.3, size * 0.2, (250, 246, 246))


def _light(colour: RGB) -> RGB:
    return _mix(colour, (255, 250, 240), 0.6)


def _pointed_ears(hd: _Head, tip: float, inner: RGB, *, spread: float = 0.6) -> None:
    for side in hd.sides if not hd.f else (-hd.f * 0.5,):
        base = side * spread
        hd.poly([(base - 0.38, -0.6), (base + 0.38, -0.6), (base + side * 0.2, -tip)], hd.look.fur)
        if not hd.back:
            hd.poly(
                [(base - 0.18, -0.74), (base + 0.18, -0.74), (base + side * 0.15, -tip + 0.28)],
                inner,
                line=False,
            )


def _round_ears(hd: _Head, dx: float, dy: float, size: float, inner: RGB) -> None:
    for side in hd.sides:
        hd.oval(side * dx, dy, size, size, hd.look.fur)
        if not hd.back:
            hd.oval(side * dx, dy, size * 0.55, size * 0.55, inner, line=False)


def _muzzle_lobes(hd: _Head, dy: float, colour: RGB, *, size: float = 1.0) -> None:
    """Two puffy cheeks under the nose (cats, lions, otters); one seen from the side."""
    if hd.back:
        return
    if hd.f:
        hd.oval(hd.f * 0.58, dy, 0.3 * size, 0.22 * size, colour, line=False)
        return
    for side in (-1, 1):
        hd.oval(side * 0.2 * size, dy, 0.25 * size, 0.2 * size, colour, line=False)


def _whiskers(hd: _Head, dy: float) -> None:
    if hd.back or hd.f or hd.detail < 1:
        return
    for side in (-1, 1):
        for lift in (-0.06, 0.06):
            hd.pen.draw.line(
                [hd.at(side * 0.38, dy + lift), hd.at(side * 1.05, dy + lift * 2.4)],
                fill=(70, 60, 64),
                width=max(1, round(hd.r * 0.03)),
            )


def _head_stripes(hd: _Head, colour: RGB) -> None:
    """Tiger and zebra stripes: wedges down the forehead and in from the cheeks."""
    if hd.back:
        return
    shift = hd.f * 0.25
    for dx, wide, long in ((0.0, 0.1, 0.38), (-0.36, 0.08, 0.3), (0.36, 0.08, 0.3)):
        x = dx + shift
        hd.poly(
            [
                (x - wide, -0.95 + abs(dx) * 0.15),
                (x + wide, -0.95 + abs(dx) * 0.15),
                (x, -0.95 + abs(dx) * 0.15 + long),
            ],
            colour,
            line=False,
        )
    for side in (-1, 1) if not hd.f else (-hd.f,):
        for dy in (-0.05, 0.22):
            hd.poly(
                [(side * 0.99, dy - 0.06), (side * 0.96, dy + 0.08), (side * 0.66, dy + 0.02)],
                colour,
                line=False,
            )


def _head_hedgehog(hd: _Head) -> None:
    spines, face = hd.look.fur, hd.look.trim
    mirror = hd.f or 1
    start, end = (150.0, 390.0) if not hd.f else (105.0, 305.0)
    for scale, colour in ((1.0, spines), (0.8, _shade(spines, 1.22))):
        crown: list[Point] = [(0.0, 0.35)]
        for index in range(21):
            angle = math.radians(start + (end - start) * index / 20)
            reach = (1.65 if index % 2 else 1.02) * scale
            crown.append((mirror * math.cos(angle) * reach, math.sin(angle) * reach))
        hd.poly(crown, colour, line=scale == 1.0)
    if not hd.back:
        for side in hd.sides:
            hd.oval(side * 0.66, -0.74, 0.2, 0.2, face)
    hd.oval(0, 0, 1.0, 1.0, face if not hd.back else spines)
    if hd.back:
        return
    # A spiky fringe of spines over the forehead: along the top of the head, then back
    # across it in a zigzag whose points dip towards the face.
    a0, a1 = (200.0, 340.0) if not hd.f else (150.0, 292.0)
    cap: list[Point] = []
    for index in range(9):
        angle = math.radians(a0 + (a1 - a0) * index / 8)
        cap.append((mirror * math.cos(angle) * 1.02, math.sin(angle) * 1.02))
    (x0, y0), (x1, y1) = cap[0], cap[-1]
    for index in range(7, 0, -1):
        t = index / 8
        px, py = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
        dip = 0.2 if index % 2 else 0.0
        cap.append((px * (1 - dip * 0.5), py * (1 - dip * 0.6) + dip * 0.2))
    hd.poly(cap, spines)
    # A pointed snout with the nose at its tip.
    if hd.f:
        hd.tilted(hd.f * 0.82, 0.32, 0.4, 0.22, hd.f * 12, face)
        hd.nose(hd.f * 1.18, 0.26, 0.13)
        hd.face(-0.1, spread=0.36, mouth=0.6, skin=face)
    else:
        hd.oval(0, 0.4, 0.25, 0.3, _shade(face, 1.08))
        hd.nose(0, 0.62, 0.13)
        hd.face(-0.12, spread=0.4, mouth=0.86, skin=face)


def _head_turtle(hd: _Head) -> None:
    hd.oval(hd.f * 0.08, 0, 1.0, 0.95, hd.look.fur)
    if hd.back:
        return
    for side in (-1, 1) if not hd.f else (hd.f * 0.9,):
        hd.dot(side * 0.12, 0.26, 0.04, 0.03, _shade(hd.look.fur, 0.5))
    hd.face(-0.08, spread=0.4, mouth=0.36)


def _head_frog(hd: _Head) -> None:
    fur = hd.look.fur
    bumps = [(-0.48, -0.6), (0.48, -0.6)] if not hd.f else [(hd.f * 0.3, -0.62)]
    if hd.back:
        bumps = [(-0.48, -0.6), (0.48, -0.6)]
    for dx, dy in bumps:
        hd.oval(dx, dy, 0.36, 0.34, fur)
    hd.oval(hd.f * 0.1, 0.1, 1.12, 0.82, fur)
    for dx, dy in bumps:
        hd.oval(dx, dy, 0.31, 0.29, fur, line=False)  # hides the head's edge across the bumps
    if hd.back:
        return
    if "warts" in hd.look.features:
        for dx, dy in ((-0.62, -0.05), (0.66, 0.0), (0.3, -0.3), (-0.28, -0.28)):
            hd.dot(dx, dy, 0.07, 0.06, _shade(fur, 0.8))
    eyes = [hd.at(dx, dy) for dx, dy in bumps]
    for dx, dy in bumps:
        hd.dot(dx, dy, 0.24, 0.23, (252, 252, 246))
    _eyes(hd.pen, hd.look, eyes, hd.r * 0.95, hd.detail >= 3)
    cheek = _mix(fur, (244, 120, 130), 0.45)
    if hd.f:
        hd.dot(hd.f * 0.35, 0.32, 0.15, 0.1, cheek)
        hd.smile(hd.f * 0.62, 0.0, 0.42, 0.5, (70, 40, 40))
    else:
        for side in (-1, 1):
            hd.dot(side * 0.66, 0.3, 0.15, 0.1, cheek)
            hd.dot(side * 0.12, 0.02, 0.04, 0.03, _shade(fur, 0.5))
        hd.smile(0, -0.05, 0.62, 0.6, (70, 40, 40))
    if "glasses" in hd.look.features:
        _glasses(hd.pen, eyes, hd.r * 0.3, hd.r)


def _head_pig(hd: _Head) -> None:
    fur, snout = hd.look.fur, hd.look.trim
    for side in hd.sides:
        hd.poly([(side * 0.3, -0.72), (side * 0.92, -0.45), (side * 1.0, -1.25)], fur)
        if not hd.back:
            hd.poly(
                [(side * 0.48, -0.7), (side * 0.86, -0.55), (side * 0.92, -1.05)],
                _mix(fur, snout, 0.6),
                line=False,
            )
    hd.oval(0, 0, 1.0, 1.0, fur)
    if hd.back:
        return
    nostril = _shade(snout, 0.55)
    if hd.f:
        hd.oval(hd.f * 0.95, 0.26, 0.2, 0.26, snout)
        hd.dot(hd.f * 1.0, 0.26, 0.05, 0.09, nostril)
    else:
        hd.oval(0, 0.3, 0.38, 0.27, snout)
        for side in (-1, 1):
            hd.dot(side * 0.13, 0.3, 0.06, 0.1, nostril)
    hd.face(-0.22, spread=0.44, mouth=0.82)


def _head_elephant(hd: _Head) -> None:
    fur, inner = hd.look.fur, hd.look.trim
    if not hd.f:
        for side in (-1.0, 1.0):
            hd.oval(side * 0.98, 0.05, 0.66, 0.8, fur)
            if not hd.back:
                hd.oval(side * 1.08, 0.08, 0.42, 0.55, inner, line=False)
    hd.oval(0, 0, 1.0, 1.0, fur)
    if hd.back:
        return
    if hd.f:
        # In profile the big ear lies over the back of the head.
        hd.oval(-hd.f * 0.3, 0.08, 0.52, 0.72, fur)
        hd.oval(-hd.f * 0.34, 0.1, 0.32, 0.5, inner, line=False)
    hd.face(-0.22, spread=0.42, mouth=0.62)
    if "tusks" in hd.look.features:
        ivory = (250, 244, 226)
        for side in (-1, 1) if not hd.f else (hd.f,):
            base = side * 0.3 if not hd.f else hd.f * 0.6
            _tube(
                hd.pen,
                [hd.at(base, 0.5), hd.at(base + side * 0.12, 0.85), hd.at(base + side * 0.32, 1.0)],
                [hd.r * 0.2, hd.r * 0.16, hd.r * 0.1],
                ivory,
            )
    if hd.f:
        path = [(hd.f * 0.7, 0.15), (hd.f * 1.05, 0.45), (hd.f * 1.15, 0.8), (hd.f * 1.0, 1.0)]
    else:
        path = [(0.0, 0.12), (0.0, 0.5), (0.04, 0.82), (0.22, 1.02), (0.42, 0.96)]
    widths = [0.38, 0.34, 0.3, 0.26, 0.22][: len(path)]
    _tube(hd.pen, [hd.at(dx, dy) for dx, dy in path], [w * hd.r for w in widths], fur)


def _head_lion(hd: _Head) -> None:
    fur, mane = hd.look.fur, hd.look.trim
    if "maneless" not in hd.look.features:
        shift = -hd.f * 0.2
        rainbow = "rainbow" in hd.look.features
        for index in range(12):
            angle = index * math.pi / 6
            colour = _RAINBOW[index % len(_RAINBOW)] if rainbow else mane
            hd.oval(shift + math.cos(angle) * 1.0, 0.05 + math.sin(angle) * 1.0, 0.44, 0.44, colour)
        if not rainbow:
            hd.oval(shift, 0.05, 1.12, 1.12, mane, line=False)
    _round_ears(hd, 0.68, -0.7, 0.25, _light(fur))
    hd.oval(0, 0, 0.92, 0.92, fur)
    if hd.back:
        return
    _muzzle_lobes(hd, 0.44, _light(fur))
    hd.nose(hd.f * 0.62, 0.28, 0.14, (110, 64, 54))
    hd.face(-0.14, spread=0.36, mouth=0.66)


def _head_tiger(hd: _Head) -> None:
    fur, stripes = hd.look.fur, hd.look.trim
    _round_ears(hd, 0.72, -0.68, 0.27, (250, 248, 242))
    hd.oval(0, 0, 1.02, 0.96, fur)
    _head_stripes(hd, stripes)
    if hd.back:
        return
    _muzzle_lobes(hd, 0.44, (252, 250, 246), size=1.1)
    hd.nose(hd.f * 0.62, 0.28, 0.14, (236, 130, 140))
    _whiskers(hd, 0.46)
    hd.face(-0.14, spread=0.38, mouth=0.66)


def _beak_eyes(hd: _Head, eyes: Sequence[Point]) -> None:
    points = [hd.at(dx, dy) for dx, dy in eyes]
    _eyes(hd.pen, hd.look, points, hd.r, hd.detail >= 3)
    cheek = (244, 150, 160)
    for side in (-1, 1) if not hd.f else (hd.f * 0.6,):
        hd.dot(side * 0.56, 0.32, 0.13, 0.09, cheek)
    if "glasses" in hd.look.features:
        _glasses(hd.pen, points, hd.r * 0.27, hd.r)


def _head_penguin(hd: _Head) -> None:
    fur, white = hd.look.fur, hd.look.trim
    hd.oval(0, 0, 1.0, 1.0, fur)
    if hd.back:
        return
    if hd.f:
        hd.oval(hd.f * 0.36, 0.0, 0.48, 0.46, white, line=False)
        hd.oval(hd.f * 0.32, 0.36, 0.52, 0.4, white, line=False)
        _beak_eyes(hd, [(hd.f * 0.45, 0.0)])
        hd.poly([(hd.f * 0.82, 0.2), (hd.f * 1.32, 0.33), (hd.f * 0.82, 0.46)], (248, 156, 48))
        return
    for side in (-1, 1):
        hd.oval(side * 0.3, -0.02, 0.42, 0.44, white, line=False)
    hd.oval(0, 0.36, 0.56, 0.42, white, line=False)
    _beak_eyes(hd, [(-0.3, 0.0), (0.3, 0.0)])
    hd.poly([(-0.17, 0.3), (0.0, 0.18), (0.17, 0.3), (0.0, 0.52)], (248, 156, 48))


def _head_duck(hd: _Head) -> None:
    fur, bill = hd.look.fur, hd.look.trim
    for dx, dy, angle in ((-0.12, -1.0, -20.0), (0.06, -1.08, 0.0), (0.22, -1.0, 25.0)):
        hd.tilted(dx - hd.f * 0.1, dy, 0.09, 0.2, angle, fur)
    hd.oval(0, 0, 1.0, 1.0, fur)
    if hd.back:
        return
    if hd.f:
        _beak_eyes(hd, [(hd.f * 0.4, -0.1)])
        hd.oval(hd.f * 0.95, 0.44, 0.36, 0.12, _shade(bill, 0.85))
        hd.oval(hd.f * 1.0, 0.3, 0.46, 0.17, bill)
        return
    _beak_eyes(hd, [(-0.36, -0.1), (0.36, -0.1)])
    hd.oval(0, 0.56, 0.36, 0.15, _shade(bill, 0.85))
    hd.oval(0, 0.38, 0.54, 0.2, bill)
    for side in (-1, 1):
        hd.dot(side * 0.13, 0.32, 0.04, 0.025, _shade(bill, 0.6))


def _head_sheep(hd: _Head) -> None:
    wool, face = hd.look.fur, hd.look.trim
    shift = -hd.f * 0.2
    for index in range(11):
        angle = math.radians(150 + index * 24)
        hd.oval(shift + math.cos(angle) * 0.9, math.sin(angle) * 0.88, 0.36, 0.36, wool)
    hd.oval(shift, 0, 0.92, 0.9, wool, line=False)
    if hd.back:
        return
    for side in (-1, 1) if not hd.f else (-hd.f * 0.4,):
        hd.tilted(side * 0.98, 0.02, 0.36, 0.15, side * 20, face)
    hd.oval(hd.f * 0.2, 0.14, 0.68, 0.86, face)
    for dx, dy in ((-0.3, -0.64), (0.0, -0.74), (0.3, -0.64)):
        hd.oval(dx + hd.f * 0.1, dy, 0.27, 0.25, wool)
    hd.face(0.0, spread=0.3, mouth=0.5, skin=face)


def _head_horse(hd: _Head) -> None:
    look = hd.look
    fur, mane = look.fur, look.trim
    rainbow = "rainbow" in look.features
    locks = _RAINBOW if rainbow else (mane, _shade(mane, 0.9))
    # The mane falls behind the head on the far side.
    away = -hd.f or 1
    for index in reversed(range(len(locks))):
        dx, dy = away * (0.55 + index * 0.09), -0.1 + index * 0.06
        hd.tilted(dx, dy, 0.3, 0.95, away * 12, locks[index])
    for side in hd.sides:
        hd.tilted(side * 0.46, -0.92, 0.15, 0.36, side * 18, fur)
        if not hd.back:
            hd.tilted(side * 0.46, -0.88, 0.07, 0.22, side * 18, _light(fur), line=False)
    hd.oval(hd.f * 0.1, 0.02, 0.86, 1.0, fur)
    if look.animal == "unicorn":
        tip = hd.f * 0.25
        hd.poly([(-0.14, -0.74), (0.14, -0.74), (tip, -1.85)], (250, 214, 110))
        for t in (0.25, 0.5, 0.75):
            x, y, half = tip * t, -0.74 - 1.11 * t, 0.14 * (1 - t)
            hd.pen.draw.line(
                [hd.at(x - half, y + 0.07), hd.at(x + half, y - 0.07)],
                fill=(214, 160, 60),
                width=max(1, round(hd.r * 0.05)),
            )
    for index, (dx, angle) in enumerate(((-0.14, -25.0), (0.1, 10.0), (0.3, 35.0))):
        colour = locks[index % len(locks)]
        hd.tilted(dx + hd.f * 0.2, -0.78, 0.14, 0.3, angle, colour)
    if "stripes" in look.features:
        _head_stripes(hd, mane)
    if hd.back:
        return
    muzzle = _mix(fur, (244, 196, 200), 0.4) if sum(fur) > 690 else _light(fur)
    nostril = _shade(muzzle, 0.5)
    if hd.f:
        hd.oval(hd.f * 0.6, 0.58, 0.52, 0.4, muzzle)
        hd.dot(hd.f * 0.9, 0.5, 0.06, 0.09, nostril)
    else:
        hd.oval(0, 0.62, 0.62, 0.42, muzzle)
        for side in (-1, 1):
            hd.dot(side * 0.24, 0.58, 0.07, 0.1, nostril)
    hd.face(-0.26, spread=0.42, mouth=1.02)


def _head_squirrel(hd: _Head) -> None:
    fur, cream = hd.look.fur, hd.look.trim
    for side in hd.sides:
        hd.poly([(side * 0.28, -0.72), (side * 0.82, -0.52), (side * 0.72, -1.42)], fur)
        hd.poly(
            [(side * 0.64, -1.3), (side * 0.62, -1.68), (side * 0.86, -1.55)], _shade(fur, 0.75)
        )
    hd.oval(0, 0, 1.0, 0.98, fur)
    if hd.back:
        return
    if not hd.f:
        for side in (-1, 1):
            hd.oval(side * 0.46, 0.36, 0.34, 0.27, cream, line=False)
    sx = hd.f * 0.6
    hd.oval(sx, 0.4, 0.26, 0.2, cream, line=False)
    hd.face(-0.14, spread=0.38, mouth=0.56)
    for side in (-1, 1):
        x = sx + side * 0.05
        hd.pen.draw.rounded_rectangle(
            (
                hd.cx + (x - 0.05) * hd.r,
                hd.y + 0.76 * hd.r,
                hd.cx + (x + 0.05) * hd.r,
                hd.y + 0.92 * hd.r,
            ),
            radius=hd.r * 0.02,
            fill=(255, 255, 252),
        )
    hd.nose(sx, 0.3, 0.1, (150, 80, 70))


def _head_badger(hd: _Head) -> None:
    stripe = hd.look.trim
    white = (246, 246, 242)
    _round_ears(hd, 0.74, -0.62, 0.2, white)
    hd.oval(hd.f * 0.08, 0.04, 0.96, 0.96, white)
    if hd.f:
        # From the back of the head over the eye towards the nose.
        band = [(-0.55, -0.84), (-0.05, -1.0), (0.78, 0.08), (0.58, 0.4)]
        hd.poly([(hd.f * dx, dy) for dx, dy in band], stripe, line=False)
    else:
        for side in (-1, 1):
            hd.poly(
                [(side * 0.14, -0.94), (side * 0.5, -0.8), (side * 0.46, 0.34), (side * 0.22, 0.4)],
                stripe,
                line=False,
            )
    if hd.back:
        return
    sx = hd.f * 0.6
    hd.oval(sx, 0.5, 0.3, 0.24, white)
    hd.nose(sx + hd.f * 0.1, 0.44, 0.14, (30, 28, 32))
    hd.face(-0.06, spread=0.33, mouth=0.66, skin=stripe)


def _head_otter(hd: _Head) -> None:
    fur, cream = hd.look.fur, hd.look.trim
    _round_ears(hd, 0.8, -0.46, 0.17, _shade(fur, 0.8))
    hd.oval(0, 0, 1.06, 0.94, fur)
    if hd.back:
        return
    _muzzle_lobes(hd, 0.4, cream, size=1.15)
    hd.nose(hd.f * 0.62, 0.24, 0.17, (50, 34, 30))
    _whiskers(hd, 0.42)
    hd.face(-0.16, spread=0.42, mouth=0.76)


def _head_hippo(hd: _Head) -> None:
    fur, pink = hd.look.fur, hd.look.trim
    _round_ears(hd, 0.55, -0.86, 0.17, pink)
    hd.oval(0, -0.12, 0.92, 0.86, fur)
    if hd.back:
        return
    muzzle = _mix(fur, pink, 0.35)
    nostril = _shade(fur, 0.5)
    if hd.f:
        hd.oval(hd.f * 0.5, 0.5, 0.82, 0.56, muzzle)
        hd.dot(hd.f * 0.95, 0.3, 0.07, 0.05, nostril)
        hd.face(-0.5, spread=0.36, mouth=1.15)
        return
    hd.oval(0, 0.52, 1.04, 0.6, muzzle)
    for side in (-1, 1):
        hd.dot(side * 0.3, 0.32, 0.08, 0.06, nostril)
    hd.face(-0.5, spread=0.34, mouth=1.05)
    for side in (-1, 1):
        hd.pen.draw.rectangle(
            (
                hd.cx + side * 0.28 * hd.r - hd.r * 0.06,
                hd.y + 0.68 * hd.r,
                hd.cx + side * 0.28 * hd.r + hd.r * 0.06,
                hd.y + 0.8 * hd.r,
            ),
            fill=(255, 255, 250),
        )


def _head_giraffe(hd: _Head) -> None:
    fur, patch = hd.look.fur, hd.look.trim
    for side in hd.sides:
        _tube(hd.pen, [hd.at(side * 0.3, -0.6), hd.at(side * 0.36, -1.3)], [hd.r * 0.16] * 2, fur)
        hd.oval(side * 0.36, -1.34, 0.14, 0.14, patch)
        hd.tilted(side * 0.9, -0.44, 0.36, 0.14, -side * 25, fur)
        if not hd.back:
            hd.tilted(side * 0.9, -0.44, 0.2, 0.06, -side * 25, _light(fur), line=False)
    hd.oval(hd.f * 0.1, 0, 0.84, 0.96, fur)
    for dx, dy in ((-0.42, -0.5), (0.5, -0.36), (-0.05, -0.78)):
        hd.dot(dx, dy, 0.14, 0.1, patch)
    if hd.back:
        return
    muzzle = _light(fur)
    sx = hd.f * 0.55
    hd.oval(sx, 0.56, 0.56, 0.4, muzzle)
    for side in (-1, 1) if not hd.f else (hd.f,):
        hd.dot(sx + side * 0.2, 0.5, 0.05, 0.07, _shade(muzzle, 0.5))
    hd.face(-0.2, spread=0.38, mouth=0.92)


def _head_dinosaur(hd: _Head) -> None:
    fur, plates = hd.look.fur, hd.look.trim
    for dx, dy, size in ((0.0, -0.95, 0.42), (-0.55, -0.72, 0.3), (0.55, -0.72, 0.3)):
        x = dx - hd.f * 0.35 if hd.f else dx
        hd.poly([(x - size * 0.6, dy + 0.25), (x + size * 0.6, dy + 0.25), (x, dy - size)], plates)
    hd.oval(hd.f * 0.1, 0, 1.04, 0.94, fur)
    if hd.back:
        return
    if hd.f:
        hd.oval(hd.f * 0.62, 0.32, 0.72, 0.48, fur)
        hd.dot(hd.f * 1.12, 0.18, 0.05, 0.04, _shade(fur, 0.5))
        hd.face(-0.3, spread=0.42, mouth=0.72)
        return
    hd.oval(0, 0.4, 0.76, 0.46, fur)
    for side in (-1, 1):
        hd.dot(side * 0.16, 0.22, 0.05, 0.04, _shade(fur, 0.5))
    hd.face(-0.32, spread=0.42, mouth=0.9)
    hd.smile(0, 0.42, 0.42, 0.34, (70, 40, 40))


def _head_monkey(hd: _Head) -> None:
    fur, face = hd.look.fur, hd.look.trim
    for side in (-1, 1) if not hd.f else (-hd.f * 0.2,):
        hd.oval(side * 1.0, 0.02, 0.32, 0.32, fur)
        if not hd.back:
            hd.oval(side * 1.0, 0.02, 0.18, 0.18, face, line=False)
    hd.poly([(-0.2, -0.9), (0.08, -1.26), (0.22, -0.9)], fur)
    hd.oval(0, 0, 1.0, 1.0, fur)
    if hd.back:
        return
    shift = hd.f * 0.3
    for side in (-1, 1):
        hd.oval(shift + side * 0.28, -0.08, 0.36, 0.38, face, line=False)
    hd.oval(shift, 0.38, 0.58, 0.44, face, line=False)
    for side in (-1, 1) if not hd.f else (hd.f,):
        hd.dot(shift + side * 0.08, 0.28, 0.04, 0.03, _shade(face, 0.45))
    hd.face(-0.12, spread=0.28, mouth=0.56, skin=face, dx=shift - hd.f * 0.1)


def _head_wolf(hd: _Head) -> None:
    fur, light = hd.look.fur, hd.look.trim
    _pointed_ears(hd, 1.7, light)
    for side in (-1, 1) if not hd.f else (-hd.f,):
        hd.poly(
            [
                (side * 0.82, -0.12),
                (side * 1.2, 0.3),
                (side * 0.88, 0.28),
                (side * 1.08, 0.56),
                (side * 0.5, 0.55),
            ],
            _mix(fur, light, 0.6),
        )
    hd.oval(0, 0, 1.0, 0.98, fur)
    if hd.back:
        return
    if hd.f:
        hd.tilted(hd.f * 0.78, 0.38, 0.52, 0.27, hd.f * 8, light)
        hd.nose(hd.f * 1.22, 0.3, 0.15)
    else:
        hd.oval(0, 0.46, 0.42, 0.32, light)
        hd.nose(0, 0.3, 0.16)
    hd.face(-0.16, spread=0.38, mouth=0.62)


def _head_deer(hd: _Head) -> None:
    fur, light = hd.look.fur, hd.look.trim
    if "antlers" in hd.look.features:
        antler = (150, 104, 66)
        for side in (-1.0, 1.0) if not hd.f else (-hd.f * 0.2, hd.f * 0.5):
            base = side * 0.32 if abs(side) >= 1 else side
            sign = 1 if side > 0 else -1
            trunk = [
                hd.at(base, -0.7),
                hd.at(base + sign * 0.14, -1.25),
                hd.at(base + sign * 0.4, -1.7),
            ]
            _tube(hd.pen, trunk, [hd.r * 0.13, hd.r * 0.11, hd.r * 0.09], antler)
            for start, end in (((0.1, -1.1), (-0.16, -1.5)), ((0.28, -1.5), (0.66, -1.56))):
                _tube(
                    hd.pen,
                    [hd.at(base + sign * start[0], start[1]), hd.at(base + sign * end[0], end[1])],
                    [hd.r * 0.1, hd.r * 0.08],
                    antler,
                )
    for side in (-1, 1) if not hd.f else (-hd.f * 0.5,):
        hd.tilted(side * 0.98, -0.42, 0.44, 0.18, -side * 25, fur)
        if not hd.back:
            hd.tilted(
                side * 1.0,
                -0.42,
                0.28,
                0.09,
                -side * 25,
                _mix(light, (244, 170, 180), 0.4),
                line=False,
            )
    hd.oval(hd.f * 0.08, 0, 0.92, 0.98, fur)
    if hd.back:
        return
    sx = hd.f * 0.62
    hd.oval(sx, 0.5, 0.36, 0.28, light)
    hd.nose(sx, 0.4, 0.13)
    hd.face(-0.16, spread=0.38, mouth=0.74)


def _antennae(hd: _Head, colour: RGB) -> None:
    for side in (-1, 1) if not hd.f else (-hd.f * 0.4, hd.f * 0.5):
        points = [hd.at(side * 0.22, -0.82), hd.at(side * 0.38, -1.3), hd.at(side * 0.6, -1.52)]
        _tube(hd.pen, points, [hd.r * 0.08] * 3, colour)
        hd.oval(side * 0.6, -1.52, 0.13, 0.13, colour)


def _head_bee(hd: _Head) -> None:
    _antennae(hd, hd.look.trim)
    hd.oval(0, 0, 1.0, 1.0, hd.look.fur)
    hd.face(-0.04, spread=0.38, mouth=0.32)


def _head_ladybug(hd: _Head) -> None:
    _antennae(hd, hd.look.trim)
    hd.oval(0, 0, 1.0, 1.0, hd.look.trim)
    hd.face(-0.04, spread=0.38, mouth=0.32, skin=hd.look.trim)


def _head_critter(hd: _Head) -> None:
    fur = hd.look.fur
    features = hd.look.features
    light = _light(fur)
    if "ears-pointy" in features:
        _pointed_ears(hd, 1.45, _mix(fur, (244, 170, 180), 0.5))
    elif "ears-round" in features:
        _round_ears(hd, 0.74, -0.72, 0.3, light)
    hd.oval(0, 0, 1.0, 1.0, fur)
    if "ears-floppy" in features:
        for side in (-1, 1) if not hd.f else (-hd.f,):
            hd.tilted(side * 0.9, 0.0, 0.26, 0.56, -side * 12, _shade(fur, 0.8))
    if hd.back:
        return
    sx = hd.f * 0.55
    hd.oval(sx, 0.44, 0.44, 0.3, light)
    hd.nose(sx + hd.f * 0.2, 0.32, 0.15, (60, 44, 48))
    hd.face(-0.06, spread=0.38, mouth=0.34)


_HEADS: dict[str, Callable[[_Head], None]] = {
    "hedgehog": _head_hedgehog,
    "turtle": _head_turtle,
    "frog": _head_frog,
    "pig": _head_pig,
    "elephant": _head_elephant,
    "lion": _head_lion,
    "tiger": _head_tiger,
    "penguin": _head_penguin,
    "duck": _head_duck,
    "sheep": _head_sheep,
    "horse": _head_horse,
    "unicorn": _head_horse,
    "squirrel": _head_squirrel,
    "badger": _head_badger,
    "otter": _head_otter,
    "hippo": _head_hippo,
    "giraffe": _head_giraffe,
    "dinosaur": _head_dinosaur,
    "monkey": _head_monkey,
    "wolf": _head_wolf,
    "deer": _head_deer,
    "bee": _head_bee,
    "ladybug": _head_ladybug,
    "critter": _head_critter,
}


def _draw_back(
    pen: _Pen, look: Look, cx: float, neck: float, hip: float, h: float, sw: float, pose: _Pose
) -> None:
    """What a creature carries on its back: a shell, spines or plates.

    Called before the body, so the edges show around it; from the back, after it.
    """
    animal = look.animal
    side_view = pose.view == "side"
    f = pose.facing if side_view else 0
    mid = (neck + hip) / 2 + h * 0.01
    if animal == "turtle":
        shell = look.trim
        rx = sw * (1.42 if pose.view == "front" else 1.25)
        x = cx - f * sw * 0.55
        ry = (hip - neck) * 0.66
        rim = _mix(shell, (236, 216, 150), 0.45)
        pen.ellipse((x - rx * 1.06, mid - ry * 1.06, x + rx * 1.06, mid + ry * 1.06), rim)
        pen.ellipse((x - rx, mid - ry, x + rx, mid + ry), shell)
        plate = _shade(shell, 1.18)
        pen.polygon(_ellipse_points((x, mid), rx * 0.42, ry * 0.38, 0, 6), plate)
        for index in range(6):
            angle = math.radians(30 + index * 60)
            px, py = x + math.cos(angle) * rx * 0.7, mid + math.sin(angle) * ry * 0.68
            pen.polygon(_ellipse_points((px, py), rx * 0.2, ry * 0.18, 0, 6), plate)
    elif animal == "hedgehog":
        x = cx - f * sw * 0.5
        rx, ry = sw * (1.8 if not side_view else 1.55), (hip - neck) * 0.9
        for scale, colour in ((1.0, look.fur), (0.84, _shade(look.fur, 1.22))):
            points: list[Point] = []
            for index in range(30):
                angle = 2 * math.pi * index / 30
                reach = (1.0 if index % 2 else 0.74) * scale
                points.append(
                    (
                        x + math.cos(angle) * rx * reach,
                        mid - h * 0.02 + math.sin(angle) * ry * reach,
                    )
                )
            pen.polygon(points, colour, line=scale == 1.0)
    elif animal == "ladybug" and side_view:
        # The spotted wing case, domed over the back.
        x, rx, ry = cx - f * sw * 0.5, sw * 1.2, (hip - neck) * 0.62
        pen.ellipse((x - rx, mid - ry, x + rx, mid + ry), look.fur)
        for dx, dy in ((-0.5, -0.4), (-0.1, 0.1), (-0.6, 0.35), (0.2, -0.45)):
            px, py, s = x + f * dx * rx, mid + dy * ry, h * 0.022
            pen.draw.ellipse((px - s, py - s, px + s, py + s), fill=look.trim)
    elif animal == "dinosaur":
        plates = look.trim
        size = h * 0.07
        if pose.view == "back":
            for index in range(4):
                y = neck + (hip - neck) * (0.1 + index * 0.26)
                pen.polygon(
                    [
                        (cx, y - size * 0.7),
                        (cx + size * 0.6, y),
                        (cx, y + size * 0.7),
                        (cx - size * 0.6, y),
                    ],
                    plates,
                )
        elif side_view:
            for index in range(4):
                y = neck + (hip - neck) * (0.05 + index * 0.27)
                x = cx - f * sw * 0.95
                pen.polygon(
                    [
                        (x + f * size * 0.3, y - size * 0.6),
                        (x - f * size * 1.2, y + size * 0.1),
                        (x + f * size * 0.3, y + size * 0.8),
                    ],
                    plates,
                )
        else:
            for side in (-1, 1):
                for index, lift in enumerate((0.0, 0.3)):
                    x = cx + side * sw * (0.62 + index * 0.3)
                    y = neck + (hip - neck) * lift
                    pen.polygon(
                        [
                            (x - size * 0.7, y + size * 0.6),
                            (x + size * 0.7, y + size * 0.6),
                            (x + side * size * 0.9, y - size * 1.2),
                        ],
                        plates,
                    )


def _body_marks(
    pen: _Pen, look: Look, cx: float, neck: float, hip: float, h: float, sw: float, pose: _Pose
) -> None:
    """Markings drawn over a creature's fur body: stripes, patches, spots, a shell's underside."""
    if look.top != look.fur:
        return  # dressed: the clothes cover the markings
    animal = look.animal
    features = look.features
    side_view = pose.view == "side"
    back_view = pose.view == "back"
    f = pose.facing if side_view else 0
    inset = pen.width
    height = hip - neck
    if animal == "tiger" or "stripes" in features:
        colour = look.trim if animal in {"tiger", "horse"} else (40, 34, 38)
        for index in range(3):
            y = neck + height * (0.2 + index * 0.27)
            for side in (-1, 1):
                edge = cx + side * (sw - inset)
                pen.polygon(
                    [(edge, y - h * 0.02), (edge, y + h * 0.02), (edge - side * sw * 0.5, y)],
                    colour,
                    line=False,
                )
    if animal == "bee":
        for index in range(2):
            y = neck + height * (0.32 + index * 0.32)
            pen.draw.rectangle(
                (cx - sw + inset, y, cx + sw - inset, y + height * 0.15), fill=look.trim
            )
    if animal == "giraffe":
        for dx, dy, size in (
            (-0.5, 0.18, 0.09),
            (0.35, 0.3, 0.1),
            (-0.2, 0.6, 0.08),
            (0.5, 0.72, 0.07),
            (0.05, 0.05, 0.06),
        ):
            x, y = cx + dx * sw + f * sw * 0.1, neck + dy * height
            s = h * size * 0.5
            pen.draw.rounded_rectangle(
                (x - s, y - s * 0.8, x + s, y + s * 0.8), radius=s * 0.4, fill=look.trim
            )
    if animal == "ladybug":
        dark = look.trim
        if not side_view:
            pen.draw.line([(cx, neck + inset), (cx, hip)], fill=dark, width=max(1, round(h * 0.01)))
        for dx, dy, size in (
            (-0.55, 0.25, 0.05),
            (0.55, 0.25, 0.05),
            (-0.45, 0.65, 0.045),
            (0.45, 0.65, 0.045),
            (-0.2, 0.45, 0.035),
            (0.2, 0.45, 0.035),
        ):
            x, y = cx + dx * sw, neck + dy * height
            s = h * size * 0.5
            pen.draw.ellipse((x - s, y - s, x + s, y + s), fill=dark)
    if "spots" in features and not back_view:
        colour = look.trim if animal == "deer" else _shade(look.fur, 0.45)
        for dx, dy in ((-0.72, 0.22), (0.7, 0.16), (-0.74, 0.58), (0.72, 0.52), (-0.45, 0.1)):
            x, y = cx + dx * sw, neck + dy * height
            s = h * 0.02
            pen.draw.ellipse((x - s, y - s, x + s, y + s), fill=colour)
    if animal == "turtle" and not back_view:
        under = _mix(look.trim, (246, 226, 150), 0.7)
        x0, x1 = cx - sw * 0.62 + f * sw * 0.3, cx + sw * 0.62 + f * sw * 0.3
        pen.rounded((x0, neck + h * 0.03, x1, hip - h * 0.01), sw * 0.4, under, line=False)
        for index in range(1, 4):
            y = neck + h * 0.03 + (hip - neck - h * 0.04) * index / 4
            pen.draw.line(
                [(x0 + sw * 0.1, y), (x1 - sw * 0.1, y)],
                fill=_shade(under, 0.8),
                width=max(1, round(h * 0.006)),
            )


def _belly(look: Look) -> tuple[RGB, float] | None:
    """A creature's belly patch colour and its width (of the body's), if it has one."""
    animal = look.animal
    if animal in {"owl", "bird", "bear", "fox", "cat", "dog", "rabbit", "mouse"}:
        return _mix(look.fur, (255, 250, 240), 0.55), 0.6
    if animal in {"hedgehog", "frog", "squirrel", "otter", "monkey", "wolf", "deer", "critter"}:
        return look.trim, 0.6
    if animal == "penguin":
        return look.trim, 0.82
    if animal in {"pig", "lion", "horse", "unicorn", "giraffe", "elephant", "hippo"}:
        return _mix(look.fur, (255, 250, 240), 0.45), 0.6
    if animal == "tiger":
        return (252, 248, 240), 0.55
    if animal == "dinosaur":
        return _mix(look.fur, (252, 236, 170), 0.65), 0.62
    return None


def _wool_body(pen: _Pen, look: Look, cx: float, top: float, bottom: float, sw: float) -> None:
    """A sheep's fleece: a ring of puffs around an oval body."""
    mid, rx, ry = (top + bottom) / 2, sw * 0.95, (bottom - top) * 0.5
    puff = sw * 0.42
    for index in range(14):
        angle = 2 * math.pi * index / 14
        x, y = cx + math.cos(angle) * rx, mid + math.sin(angle) * ry
        pen.ellipse((x - puff, y - puff, x + puff, y + puff), look.fur)
    pen.ellipse((cx - rx, mid - ry, cx + rx, mid + ry), look.fur, line=False)


def _tail_pig(pen: _Pen, look: Look, x: float, y: float, h: float, side: int) -> None:
    # A corkscrew: a spiral that winds in from the hip.
    centre = (x + side * h * 0.08, y - h * 0.03)
    points: list[Point] = [(x, y)]
    for step in range(14):
        angle = math.pi + step * 0.75
        reach = h * (0.05 - step * 0.0025)
        points.append(
            (centre[0] + side * math.cos(angle) * reach, centre[1] - math.sin(angle) * reach)
        )
    _tube(pen, points, [h * 0.018] * len(points), look.fur)


def _tail_tufted(pen: _Pen, look: Look, x: float, y: float, h: float, side: int) -> None:
    """A thin tail ending in a tuft: lions swish it up, elephants and giraffes let it hang."""
    if look.animal == "lion":
        path = [(0.0, 0.0), (0.14, 0.05), (0.22, -0.03), (0.25, -0.12)]
        tuft, width, colour = 0.045, 0.024, look.trim
    else:
        path = [(0.0, 0.0), (0.07, 0.06), (0.1, 0.13)]
        tuft, width = 0.025, 0.016
        colour = look.trim if look.animal == "giraffe" else _shade(look.fur, 0.6)
    points = [(x + side * dx * h, y + dy * h) for dx, dy in path]
    _tube(pen, points, [h * width] * len(points), look.fur)
    tx, ty = points[-1]
    pen.ellipse((tx - h * tuft, ty - h * tuft * 1.2, tx + h * tuft, ty + h * tuft * 1.2), colour)


def _tail_tiger(pen: _Pen, look: Look, x: float, y: float, h: float, side: int) -> None:
    path = [(0.0, 0.0), (0.15, 0.04), (0.24, -0.04), (0.26, -0.15)]
    points = [(x + side * dx * h, y + dy * h) for dx, dy in path]
    _tube(pen, points, [h * 0.036] * len(points), look.fur)
    stripe = look.trim if look.animal == "tiger" else _shade(look.fur, 0.5)
    for (ax, ay), (bx, by) in itertools.pairwise(points):
        mx, my = (ax + bx) / 2, (ay + by) / 2
        length = math.hypot(bx - ax, by - ay) or 1.0
        nx, ny = -(by - ay) / length * h * 0.02, (bx - ax) / length * h * 0.02
        pen.draw.line(
            [(mx - nx, my - ny), (mx + nx, my + ny)], fill=stripe, width=max(1, round(h * 0.012))
        )
    tx, ty = points[-1]
    pen.draw.ellipse((tx - h * 0.018, ty - h * 0.018, tx + h * 0.018, ty + h * 0.018), fill=stripe)


def _tail_hair(pen: _Pen, look: Look, x: float, y: float, h: float, side: int) -> None:
    """A horse's or unicorn's long hanging tail, striped like the mane when it is a rainbow."""
    if "stripes" in look.features:
        _tail_tufted(pen, look, x, y, h, side)  # a zebra's tail is thin with a tuft
        return
    colours = _RAINBOW[:4] if "rainbow" in look.features else (look.trim,)
    for index, colour in enumerate(colours):
        centre = (x + side * h * (0.1 + index * 0.012), y + h * (0.1 + index * 0.015))
        size = 1 - index * 0.16
        points = _ellipse_points(centre, h * 0.055 * size, h * 0.15 * size, side * -25)
        pen.polygon(points, colour)


def _tail_bushy(pen: _Pen, look: Look, x: float, y: float, h: float, side: int) -> None:
    fur = look.fur
    if look.animal == "squirrel":
        # Up behind the back and curling over at the top.
        main = _ellipse_points((x + side * h * 0.18, y - h * 0.22), h * 0.11, h * 0.26, side * 16)
        pen.polygon(main, fur)
        curl = _ellipse_points(
            (x + side * h * 0.27, y - h * 0.47), h * 0.125, h * 0.085, side * -15
        )
        pen.polygon(curl, fur)
        tip = _ellipse_points((x + side * h * 0.32, y - h * 0.48), h * 0.055, h * 0.04, side * -15)
        pen.polygon(tip, _shade(fur, 1.3), line=False)
        return
    # A wolf's tail hangs down and out, with a pale tip.
    pen.polygon(
        _ellipse_points((x + side * h * 0.16, y + h * 0.07), h * 0.17, h * 0.07, side * 32), fur
    )
    pen.polygon(
        _ellipse_points((x + side * h * 0.27, y + h * 0.14), h * 0.06, h * 0.045, side * 32),
        look.trim,
        line=False,
    )


def _tail_curly(pen: _Pen, look: Look, x: float, y: float, h: float, side: int) -> None:
    path = [(0.0, 0.0), (0.12, 0.05), (0.22, -0.01), (0.25, -0.12), (0.2, -0.19), (0.14, -0.16)]
    points = [(x + side * dx * h, y + dy * h) for dx, dy in path]
    _tube(pen, points, [h * 0.024] * len(points), look.fur)


def _tail_thick(pen: _Pen, look: Look, x: float, y: float, h: float, side: int) -> None:
    """An otter's or dinosaur's heavy tail, resting on the ground behind."""
    if look.animal == "dinosaur":
        path, widths = [(0.0, -0.02), (0.2, 0.12), (0.38, 0.2)], [0.16, 0.1, 0.04]
        for dx, dy in ((0.12, 0.03), (0.24, 0.1)):
            px, py = x + side * dx * h, y + dy * h
            pen.polygon(
                [(px - h * 0.03, py), (px + h * 0.03, py), (px + side * h * 0.01, py - h * 0.07)],
                look.trim,
            )
    else:
        path, widths = [(0.0, 0.0), (0.14, 0.09), (0.28, 0.16)], [0.07, 0.05, 0.022]
    points = [(x + side * dx * h, y + dy * h) for dx, dy in path]
    _tube(pen, points, [w * h for w in widths], look.fur)


def _tail_small(pen: _Pen, look: Look, x: float, y: float, h: float, side: int) -> None:
    """A stubby tail: a fluffy puff, a deer's white flag, a bird's feathers, a turtle's point."""
    animal = look.animal
    if animal in {"duck", "penguin", "turtle"}:
        size = 0.07 if animal == "turtle" else 0.12
        pen.polygon(
            [(x, y - h * 0.04), (x + side * h * size, y - h * size * 0.6), (x, y + h * 0.03)],
            look.fur,
        )
        return
    if animal in {"badger", "hippo"}:
        _tube(pen, [(x, y), (x + side * h * 0.07, y + h * 0.03)], [h * 0.035] * 2, look.fur)
        return
    colour = look.trim if animal == "deer" else look.fur
    rx, ry = (0.035, 0.05) if animal == "deer" else (0.05, 0.05)
    px = x + side * h * 0.08
    pen.ellipse((px - h * rx, y - h * ry * 1.3, px + h * rx, y + h * ry * 0.7), colour)


_TAILS: dict[str, Callable[[_Pen, Look, float, float, float, int], None]] = {
    "pig": _tail_pig,
    "lion": _tail_tufted,
    "elephant": _tail_tufted,
    "giraffe": _tail_tufted,
    "tiger": _tail_tiger,
    "horse": _tail_hair,
    "unicorn": _tail_hair,
    "squirrel": _tail_bushy,
    "wolf": _tail_bushy,
    "monkey": _tail_curly,
    "otter": _tail_thick,
    "dinosaur": _tail_thick,
    "duck": _tail_small,
    "penguin": _tail_small,
    "turtle": _tail_small,
    "badger": _tail_small,
    "hippo": _tail_small,
    "deer": _tail_small,
    "sheep": _tail_small,
    "critter": _tail_small,
}


def _draw_snail(
    pen: _Pen, look: Look, cx: float, feet: float, h: float, pose: _Pose, detail: int
) -> None:
    """A snail in profile whatever the pose: a long foot, a spiral shell and a head on stalks."""
    f = pose.facing if pose.view == "side" else (1 if pose.view == "front" else -1)
    body, shell = look.fur, look.trim
    length = h * 0.62
    r = h * 0.15
    hx, hy = cx + f * length * 0.32, feet - h * 0.6
    # The foot, tapering to a point behind.
    pen.polygon(
        [
            (cx - f * length * 0.55, feet - h * 0.01),
            (cx - f * length * 0.1, feet - h * 0.13),
            (hx + f * r * 0.6, feet - h * 0.13),
            (hx + f * r * 0.9, feet - h * 0.05),
            (hx + f * r * 0.6, feet),
            (cx - f * length * 0.3, feet),
        ],
        body,
    )
    pen.rounded((hx - r * 0.65, hy, hx + r * 0.65, feet - h * 0.02), r * 0.6, body)
    if "shell-less" not in look.features:
        sx, sy, sr = cx - f * length * 0.12, feet - h * 0.34, h * 0.25
        pen.ellipse((sx - sr, sy - sr, sx + sr, sy + sr), shell)
        spiral: list[Point] = []
        for step in range(40):
            angle = step * 0.32
            reach = sr * (0.82 - step * 0.019)
            spiral.append((sx + f * math.cos(angle) * reach, sy - math.sin(angle) * reach))
        pen.draw.line(spiral, fill=_shade(shell, 0.62), width=max(1, round(h * 0.012)))
        pen.draw.ellipse(
            (sx - sr * 0.55, sy - sr * 0.78, sx - sr * 0.25, sy - sr * 0.5),
            fill=_shade(shell, 1.25),
        )
    head_pose = _Pose(20, 20, "side" if pose.view == "side" else "front", f)
    hd = _Head(pen, look, hx, hy, r, head_pose, detail)
    for side in (-0.35, 0.35):
        _tube(pen, [hd.at(side * 0.8, -0.7), hd.at(side * 1.1, -1.55)], [r * 0.14] * 2, body)
        hd.oval(side * 1.1, -1.6, 0.18, 0.18, _shade(body, 0.9))
    hd.oval(0, 0, 1.0, 1.0, body)
    if pose.view != "back":
        hd.face(-0.05, spread=0.36, mouth=0.36)
    _accessories(pen, look, hx, hy, r, head_pose)


def _draw_figure(
    pen: _Pen, look: Look, cx: float, feet: float, height: float, pose: _Pose, detail: int
) -> None:
    """One storybook figure standing with its feet at ``feet``, ``height`` pixels tall."""
    if look.animal == "snail":
        _draw_snail(pen, look, cx, feet, height, pose, detail)
        return
    h = height
    r = h * (0.17 if look.height < 0.9 else 0.15)
    head_y = feet - h + r
    neck = head_y + r * 0.92
    hip = feet - h * 0.33
    if look.animal == "giraffe":
        # A small head high up on a long neck; the shoulders sit low, the legs are long.
        r = h * 0.12
        head_y = feet - h + r * 1.5
        neck = feet - h * 0.56
        hip = feet - h * 0.37
    side_view = pose.view == "side"
    back_view = pose.view == "back"
    sw = h * (0.105 if side_view else 0.15)
    fur_body = look.animal is not None
    skin = look.fur if fur_body else look.skin
    limb_w = h * 0.075
    f = pose.facing if side_view else 1

    # Behind the body.
    if "wings" in look.features or look.animal in {"dragon", "owl", "bird", "bee"}:
        _draw_wings(pen, look, cx, neck, h)
    if "cape" in look.features and not back_view:
        _draw_cape(pen, look, cx, neck + h * 0.02, hip, h, pose.view)
    if not back_view:
        # Front view: the tail sweeps out on the left, where the arm hangs down.
        _draw_tail(pen, look, (cx - f * sw * 0.6, hip - h * 0.02), h, -f)
        _draw_back(pen, look, cx, neck, hip, h, sw, pose)
    _hair_back(pen, look, cx, head_y, r, pose)

    # Legs and shoes.
    leg_top = hip - h * 0.03
    shoe_y = feet - h * 0.035
    leg_colour = (
        look.bottom
        if not look.dress
        else _mix(look.skin if not fur_body else look.fur, look.bottom, 0.25)
    )
    boots = "boots" in look.features
    if side_view:
        stride = h * (0.06 + pose.stride)
        legs = [(cx - stride, shoe_y), (cx + stride, shoe_y)]
        for x, y in legs:
            pen.limb((cx, leg_top), (x, y - h * 0.02), limb_w * 1.05, leg_colour)
        for x, y in legs:
            shoe = (
                x - h * 0.05 + f * h * 0.02,
                y - h * (0.06 if boots else 0.02),
                x + h * 0.06 + f * h * 0.03,
                y + h * 0.035,
            )
            pen.rounded(shoe, h * 0.02, look.shoes)
    else:
        for side in (-1, 1):
            x = cx + side * h * 0.055
            pen.rounded(
                (x - limb_w * 0.55, leg_top, x + limb_w * 0.55, shoe_y), limb_w * 0.4, leg_colour
            )
        for side in (-1, 1):
            x = cx + side * h * 0.06
            if boots:
                pen.rounded(
                    (x - h * 0.05, shoe_y - h * 0.08, x + h * 0.05, feet + h * 0.01),
                    h * 0.02,
                    look.shoes,
                )
            else:
                pen.ellipse(
                    (x - h * 0.06, shoe_y - h * 0.03, x + h * 0.06, feet + h * 0.015), look.shoes
                )

    # Body.
    if look.animal == "robot":
        pen.rounded((cx - sw * 1.05, neck, cx + sw * 1.05, hip + h * 0.03), h * 0.03, look.top)
        if not back_view and not side_view:
            for index, colour in enumerate(((236, 80, 80), (250, 210, 70), (80, 200, 120))):
                x = cx - sw * 0.45 + index * sw * 0.45
                y = neck + (hip - neck) * 0.45
                s = h * 0.022
                pen.draw.ellipse((x - s, y - s, x + s, y + s), fill=colour)
    elif look.dress:
        waist = neck + (hip - neck) * 0.55
        pen.rounded((cx - sw * 0.95, neck, cx + sw * 0.95, waist + h * 0.02), sw * 0.45, look.top)
        hem = feet - h * 0.15
        pen.polygon(
            [
                (cx - sw * 0.9, waist),
                (cx + sw * 0.9, waist),
                (cx + sw * 1.55, hem),
                (cx - sw * 1.55, hem),
            ],
            look.top,
        )
    elif look.animal == "sheep" and look.top == look.fur:
        _wool_body(pen, look, cx, neck, hip + h * 0.02, sw)
    else:
        pen.rounded((cx - sw, neck, cx + sw, hip + h * 0.02), sw * 0.45, look.top)
        if look.top != look.bottom and not fur_body:
            pen.rounded((cx - sw, hip - h * 0.035, cx + sw, hip + h * 0.03), h * 0.01, look.bottom)
    belly = _belly(look) if fur_body and look.top == look.fur and not back_view else None
    if belly is not None:
        colour, width = belly
        pen.ellipse(
            (
                cx - sw * width + f * sw * 0.2,
                neck + h * 0.05,
                cx + sw * width + f * sw * 0.2,
                hip,
            ),
            colour,
            line=False,
        )
    if fur_body:
        _body_marks(pen, look, cx, neck, hip, h, sw, pose)
    if "backpack" in look.features and not back_view:
        strap = _shade(look.accent, 0.8)
        for side in (-1, 1):
            pen.draw.line(
                [(cx + side * sw * 0.55, neck), (cx + side * sw * 0.6, hip - h * 0.06)],
                fill=strap,
                width=max(1, round(h * 0.018)),
            )
    if back_view:
        if "backpack" in look.features:
            pen.rounded(
                (cx - sw * 0.7, neck + h * 0.04, cx + sw * 0.7, hip - h * 0.02),
                h * 0.03,
                look.accent,
            )
        if "cape" in look.features:
            _draw_cape(pen, look, cx, neck + h * 0.01, hip, h, pose.view)
        _draw_back(pen, look, cx, neck, hip, h, sw, pose)
        _draw_tail(pen, look, (cx, hip - h * 0.02), h, 1)
    if "scarf" in look.features:
        pen.rounded(
            (cx - sw * 0.85, neck - h * 0.01, cx + sw * 0.85, neck + h * 0.045),
            h * 0.02,
            look.accent,
        )
        tail_x = cx + (sw * 0.35 if not side_view else -f * sw * 0.2)
        pen.rounded(
            (tail_x - h * 0.025, neck + h * 0.02, tail_x + h * 0.025, neck + h * 0.14),
            h * 0.01,
            look.accent,
        )

    # Arms.
    shoulder_y = neck + h * 0.04
    arm_len = h * 0.27
    sleeve = look.top
    hand = skin if look.animal != "robot" else _shade(look.fur, 0.85)
    undressed = fur_body and look.top == look.fur
    if undressed and look.animal in _TRIM_ARMS:
        sleeve = hand = look.bottom
    flippers = undressed and look.animal in {"penguin", "duck"}
    hand_r = h * 0.035
    arms = [(-1, pose.left_arm), (1, pose.right_arm)] if not side_view else [(f, pose.right_arm)]
    for side, angle in arms:
        origin = (cx + side * sw * 0.85, shoulder_y) if not side_view else (cx, shoulder_y)
        if side_view:
            end = _point(origin, min(angle, 60.0), arm_len, side)
        else:
            end = _point(origin, angle, arm_len, side)
        if flippers:
            # Flippers and wings: one tapering shape along the arm, no hand.
            centre = ((origin[0] + end[0]) / 2, (origin[1] + end[1]) / 2)
            turn = math.degrees(math.atan2(end[1] - origin[1], end[0] - origin[0]))
            pen.polygon(_ellipse_points(centre, arm_len * 0.58, limb_w * 0.72, turn), sleeve)
            continue
        pen.limb(origin, end, limb_w, sleeve)
        pen.ellipse((end[0] - hand_r, end[1] - hand_r, end[0] + hand_r, end[1] + hand_r), hand)

    # Neck and head.
    if look.animal == "giraffe":
        crown = (cx + (pose.facing * r * 0.2 if side_view else 0), head_y + r * 0.5)
        _tube(pen, [(cx, neck + h * 0.03), crown], [r * 0.72, r * 0.62], skin)
        for t, dx in ((0.3, -0.12), (0.62, 0.14)):
            px, py = cx + (crown[0] - cx) * t + dx * r, neck + (crown[1] - neck) * t
            pen.draw.rounded_rectangle(
                (px - r * 0.14, py - r * 0.12, px + r * 0.14, py + r * 0.12),
                radius=r * 0.05,
                fill=look.trim,
            )
    pen.draw.rectangle(
        (cx - r * 0.3, neck - r * 0.3, cx + r * 0.3, neck + h * 0.02), fill=_shade(skin, 0.92)
    )
    if look.animal:
        _animal_head(pen, look, cx, head_y, r, pose, detail)
    else:
        if look.hair_style != "bald":
            _hair_front(pen, look, cx, head_y, r, pose)
        if back_view:
            if look.hair_style == "bald":
                pen.ellipse((cx - r, head_y - r, cx + r, head_y + r), look.skin)
            else:
                pen.ellipse(
                    (cx - r * 1.05, head_y - r * 1.08, cx + r * 1.05, head_y + r * 0.98), look.hair
                )
        else:
            shift = pose.facing * r * 0.12 if side_view else 0
            top = head_y - (r * 0.62 if look.hair_style != "bald" else r)
            pen.ellipse((cx + shift - r * 0.92, top, cx + shift + r * 0.92, head_y + r), look.skin)
            if side_view:
                nx = cx + shift + pose.facing * r * 0.9
                pen.ellipse(
                    (nx - r * 0.16, head_y - r * 0.02, nx + r * 0.16, head_y + r * 0.26),
                    look.skin,
                    line=False,
                )
            if (
                look.hair_style in {"short", "bob", "long", "ponytail", "braids", "pigtails", "bun"}
                and not side_view
            ):
                # A fringe keeps the forehead from looking bald.
                pen.draw.chord(
                    (cx - r * 0.92, top - r * 0.05, cx + r * 0.92, top + r * 0.7),
                    180,
                    360,
                    fill=look.hair,
                )
            _face(pen, look, cx + shift, head_y, r, pose, detail)
    _accessories(pen, look, cx, head_y, r, pose)


# --------------------------------------------------------------------------------------
# Layout: the calm text area and where the cast stands.

#: The nine places the story text can sit, as the brief names them.
TEXT_POSITIONS = (
    "top-left",
    "top-center",
    "top-right",
    "middle-left",
    "middle-center",
    "middle-right",
    "bottom-left",
    "bottom-center",
    "bottom-right",
)

Box = tuple[float, float, float, float]


def text_region(position: str, width: int, height: int) -> tuple[int, int, int, int]:
    """The pixel box kept calm for the page text at ``position`` (unknown: bottom-center)."""
    left, top, right, bottom = text_area(position)
    return (round(left * width), round(top * height), round(right * width), round(bottom * height))


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass(frozen=True)
class _Stage:
    """Where the cast stands: a free rectangle, figure height and the ground line."""

    area: Box
    figure_height: float
    feet: float
    horizon: float


def _stage(region: Box | None, width: int, height: int, count: int, kind: str) -> _Stage:
    cap = height * (0.66 if kind == "cover" else 0.58)
    per_figure = 0.62  # a figure with an arm out is about this wide for its height
    candidates: list[Box] = [(0, 0, width, height)]
    if region is not None:
        x0, y0, x1, y1 = region
        candidates = [
            (0, y1, width, height),
            (0, 0, width, y0),
            (0, 0, x0, height),
            (x1, 0, width, height),
        ]

    def figure_size(area: Box) -> float:
        area_w, area_h = area[2] - area[0], area[3] - area[1]
        if area_w <= 0 or area_h <= 0:
            return 0.0
        return min(cap, area_h * 0.8, area_w / (max(count, 1) * per_figure + 0.15))

    # A full-width band reads better than a narrow column beside the text: a small bonus.
    area = max(candidates, key=lambda a: figure_size(a) * (1.08 if a[2] - a[0] == width else 1))
    size = figure_size(area)
    area_h = area[3] - area[1]
    feet = area[3] - min(height * 0.05, area_h * 0.08)
    horizon = max(height * 0.22, feet - size * 0.55 - height * 0.04)
    if feet - horizon < height * 0.08:
        horizon = feet - height * 0.08
    return _Stage(area, size, feet, horizon)


# --------------------------------------------------------------------------------------
# Styles.


@dataclass(frozen=True)
class _Style:
    name: str
    outline: float  # outline width as a fraction of the short side; 0 for none
    ink: RGB | None  # outline colour; None for a darker shade of each fill
    detail: int  # 0 minimal shapes, 1 normal, 3 big anime eyes
    props: float  # how many small props to scatter, relative to normal
    sky_bands: int  # 0: smooth gradient; n: that many flat bands
    wash: RGB  # the paper colour of the style


_STYLES: dict[str, _Style] = {
    "default": _Style("default", 0.0022, None, 1, 1.0, 0, (255, 251, 242)),
    "cartoon": _Style("cartoon", 0.006, (28, 24, 32), 1, 1.0, 4, (255, 255, 250)),
    "watercolor": _Style("watercolor", 0.0, None, 1, 0.8, 0, (252, 248, 238)),
    "photorealistic": _Style("photorealistic", 0.0, None, 1, 1.0, 0, (250, 248, 244)),
    "pixel art": _Style("pixel art", 0.0, None, 1, 0.7, 6, (250, 246, 236)),
    "fantasy art": _Style("fantasy art", 0.0018, None, 1, 1.0, 0, (252, 246, 236)),
    "sci-fi concept art": _Style(
        "sci-fi concept art", 0.0025, (80, 220, 255), 1, 0.8, 0, (236, 246, 252)
    ),
    "anime": _Style("anime", 0.0025, (60, 44, 64), 3, 1.0, 0, (255, 252, 246)),
    "vintage comic book art": _Style(
        "vintage comic book art", 0.007, (20, 18, 24), 1, 1.0, 5, (252, 244, 220)
    ),
    "minimalist": _Style("minimalist", 0.0, None, 0, 0.0, 1, (252, 250, 246)),
    "noir": _Style("noir", 0.004, (10, 10, 12), 1, 0.8, 0, (236, 236, 236)),
}

#: The image styles the painter knows; anything else is painted as "Default".
IMAGE_STYLES = (
    "Default",
    "Cartoon",
    "Watercolor",
    "Photorealistic",
    "Pixel Art",
    "Fantasy Art",
    "Sci-Fi Concept Art",
    "Anime",
    "Vintage Comic Book Art",
    "Minimalist",
    "Noir",
)


def _style_for(name: str) -> _Style:
    key = " ".join(name.lower().replace("watercolour", "watercolor").split())
    return _STYLES.get(key, _STYLES["default"])


# --------------------------------------------------------------------------------------
# Sky and time of day.

_SKIES: dict[str, tuple[RGB, RGB]] = {
    "dawn": ((236, 160, 170), (255, 224, 184)),
    "morning": ((112, 184, 240), (214, 238, 250)),
    "midday": ((70, 150, 232), (184, 224, 250)),
    "afternoon": ((98, 160, 226), (255, 220, 160)),
    "sunset": ((84, 74, 156), (255, 156, 102)),
    "night": ((14, 22, 62), (56, 64, 124)),
    "space": ((10, 8, 34), (58, 30, 96)),
}

_TIME_WORDS: tuple[tuple[str, str], ...] = (
    (r"\b(?:dawn|sunrise|daybreak)\b", "dawn"),
    (r"\b(?:night|midnight|moonlight|moonlit|starlight|lantern light|bedtime)\b", "night"),
    (r"\b(?:sunset|dusk|twilight|evening)\b", "sunset"),
    (r"\b(?:afternoon|golden hour)\b", "afternoon"),
    (r"\b(?:noon|midday)\b", "midday"),
    (r"\bmorning\b", "morning"),
)

_LIGHT: dict[str, tuple[RGB, float]] = {
    "dawn": ((250, 190, 170), 0.12),
    "morning": ((255, 255, 255), 0.0),
    "midday": ((255, 255, 255), 0.0),
    "afternoon": ((255, 214, 140), 0.1),
    "sunset": ((250, 130, 100), 0.2),
    "night": ((26, 34, 86), 0.5),
    "space": ((40, 30, 90), 0.25),
}


def _time_of_day(description: str, rng: random.Random, theme: str) -> str:
    if theme == "space":
        return "space"
    for pattern, name in _TIME_WORDS:
        if re.search(pattern, description, re.IGNORECASE):
            return name
    return rng.choice(("morning", "midday", "afternoon", "afternoon", "sunset", "dawn", "night"))


@dataclass
class _Canvas:
    image: Image.Image
    pen: _Pen
    rng: random.Random
    style: _Style
    time: str
    region: Box | None
    blocked: list[Box]
    width: int
    height: int
    rays: tuple[float, float] | None = None  # the cover's light burst, drawn with the sky
    cast: list[Box] = dataclasses.field(default_factory=list)  # where the figures stand
    indoor: bool = False

    @property
    def draw(self) -> ImageDraw.ImageDraw:
        return self.pen.draw

    @property
    def unit(self) -> float:
        return min(self.width, self.height)

    def lit(self, colour: RGB) -> RGB:
        """Scenery colour under this time of day's light."""
        target, amount = _LIGHT[self.time]
        if self.indoor and self.time in {"night", "sunset"}:
            target, amount = (255, 196, 130), 0.14  # lamplight, not moonlight
        colour = _mix(colour, target, amount)
        if self.style.name == "minimalist":
            colour = _mix(colour, (250, 246, 238), 0.25)
        return colour

    def free(self, box: Box, *, behind_cast: bool = False) -> bool:
        """Whether ``box`` keeps clear of the text area and of everything placed so far.

        With ``behind_cast`` the cast may stand in front of it (trees, buildings).
        """
        others = self.blocked if behind_cast else [*self.blocked, *self.cast]
        return not any(_overlaps(box, other) for other in others)

    def headroom(self, x0: float, x1: float, base: float) -> float:
        """How tall scenery standing on ``base`` between ``x0`` and ``x1`` may be and keep
        below the text area, with a little sky between (infinite: nothing above it).

        The text keeps its plain sky or ground because nothing is drawn there, not because
        something is painted over it.
        """
        region = self.region
        if region is None or x1 <= region[0] or x0 >= region[2] or region[1] >= base:
            return math.inf
        return max(0.0, base - region[3] - self.unit * 0.03)

    def ceiling(self, x: float, base: float) -> float:
        """The highest point (smallest y) a hill line at ``x`` rising from ``base`` may
        reach: below the text area, sloping away from it at 45 degrees on either side."""
        region = self.region
        if region is None or region[1] >= base:
            return -math.inf
        aside = max(0.0, region[0] - x, x - region[2])
        return region[3] + self.unit * 0.03 - aside

    def in_text_area(self, x: float, y: float) -> bool:
        region = self.region
        return region is not None and region[0] <= x <= region[2] and region[1] <= y <= region[3]

    def spot(
        self, y_range: tuple[float, float], size: float, tries: int = 12
    ) -> tuple[float, float] | None:
        """A free ground position at least ``size`` across, or None if the page is full."""
        for _ in range(tries):
            x = self.rng.uniform(size, self.width - size)
            y = self.rng.uniform(*y_range)
            box = (x - size / 2, y - size, x + size / 2, y)
            if self.free(box):
                self.blocked.append(box)
                return x, y
        return None


def _sky(canvas: _Canvas, horizon: float) -> None:
    top, bottom = _SKIES[canvas.time]
    if canvas.style.name == "fantasy art" and canvas.time not in {"night", "space"}:
        top = _mix(top, (150, 100, 200), 0.35)
    bands = canvas.style.sky_bands
    if bands == 1:
        canvas.draw.rectangle((0, 0, canvas.width, canvas.height), fill=_mix(top, bottom, 0.55))
    else:
        gradient = Image.linear_gradient("L").resize((1, 256))
        column = ImageOps.colorize(gradient, top, bottom)
        if bands:
            column = column.resize((1, bands), Image.Resampling.BOX).resize(
                (1, 256), Image.Resampling.NEAREST
            )
        span = max(2, round(horizon * 1.08))
        sky = column.resize((canvas.width, span), Image.Resampling.BILINEAR)
        canvas.image.paste(sky, (0, 0))
        if span < canvas.height:
            canvas.draw.rectangle((0, span, canvas.width, canvas.height), fill=bottom)
    if canvas.rays is not None and canvas.style.detail:
        _rays(canvas, canvas.rays)


def _sky_objects(canvas: _Canvas, horizon: float) -> None:
    rng, u = canvas.rng, canvas.unit
    style = canvas.style
    if canvas.time in {"night", "space"}:
        count = 0 if style.detail == 0 else (160 if canvas.time == "space" else 70)
        for _ in range(count):
            x, y = rng.uniform(0, canvas.width), rng.uniform(0, horizon * 0.95)
            size = u * rng.choice((0.0025, 0.0035, 0.005))
            # The sky behind the text is a darker, emptier patch of night: a few stars only.
            if canvas.in_text_area(x, y) and rng.random() < 0.85:
                continue
            canvas.draw.ellipse(
                (x - size, y - size, x + size, y + size),
                fill=(255, 250, 220) if rng.random() < 0.8 else (200, 220, 255),
            )
    # Sun or moon, somewhere away from the text; on a crowded sky there is none.
    radius = u * (0.07 if canvas.time != "sunset" else 0.09)
    place = None
    for _ in range(30):
        x = rng.uniform(0.08, 0.92) * canvas.width
        y = (
            rng.uniform(0.12, 0.7) * horizon
            if canvas.time not in {"sunset", "dawn"}
            else horizon * rng.uniform(0.5, 0.85)
        )
        if canvas.free((x - radius * 1.6, y - radius * 1.6, x + radius * 1.6, y + radius * 1.6)):
            place = (x, y)
            break
    if place is not None:
        _sun_or_moon(canvas, place, radius)
    _clouds_and_birds(canvas, horizon)


def _sun_or_moon(canvas: _Canvas, place: tuple[float, float], radius: float) -> None:
    x, y = place
    style = canvas.style
    if canvas.time in {"night", "space"}:
        canvas.draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(250, 244, 214))
        shadow = _SKIES[canvas.time][0]
        offset = radius * 0.45
        canvas.draw.ellipse(
            (
                x - radius + offset,
                y - radius - offset * 0.3,
                x + radius + offset,
                y + radius - offset * 0.3,
            ),
            fill=shadow,
        )
    else:
        glow = {"sunset": (255, 190, 120), "dawn": (255, 214, 170)}.get(
            canvas.time, (255, 246, 196)
        )
        core = {"sunset": (255, 132, 64), "dawn": (255, 180, 120)}.get(canvas.time, (255, 220, 80))
        if style.detail:
            sky_here = _SKIES[canvas.time][1]
            for step, grow in enumerate((1.9, 1.55, 1.25)):
                halo = _mix(sky_here, glow, 0.3 + step * 0.2)
                rr = radius * grow
                canvas.draw.ellipse((x - rr, y - rr, x + rr, y + rr), fill=halo)
        canvas.draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=core)
    canvas.blocked.append((x - radius, y - radius, x + radius, y + radius))


def _clouds_and_birds(canvas: _Canvas, horizon: float) -> None:
    rng, u = canvas.rng, canvas.unit
    style = canvas.style
    if canvas.time not in {"night", "space"} and style.detail:
        for _ in range(rng.randint(2, 4)):
            _cloud(
                canvas,
                rng.uniform(0, canvas.width),
                rng.uniform(0.12, 0.7) * horizon,
                u * rng.uniform(0.06, 0.1),
            )
        if rng.random() < 0.6:
            for _ in range(rng.randint(2, 4)):
                bx, by = rng.uniform(0.1, 0.9) * canvas.width, rng.uniform(0.15, 0.6) * horizon
                if canvas.free((bx - u * 0.02, by - u * 0.01, bx + u * 0.02, by + u * 0.01)):
                    s = u * 0.014
                    canvas.draw.line(
                        [(bx - s, by - s * 0.6), (bx, by), (bx + s, by - s * 0.6)],
                        fill=(60, 60, 80),
                        width=max(1, round(u * 0.003)),
                    )


def _cloud(canvas: _Canvas, x: float, y: float, size: float) -> None:
    box = (x - size * 1.6, y - size, x + size * 1.6, y + size * 0.5)
    if not canvas.free(box):
        return
    white = canvas.lit((255, 255, 255))
    shade = _mix(white, _SKIES[canvas.time][0], 0.25)
    pen = canvas.pen
    for dx, dy, r in ((-1.0, 0.1, 0.55), (1.0, 0.1, 0.55), (-0.4, -0.25, 0.7), (0.45, -0.15, 0.65)):
        pen.ellipse(
            (
                x + dx * size - r * size,
                y + dy * size - r * size + size * 0.08,
                x + dx * size + r * size,
                y + dy * size + r * size + size * 0.08,
            ),
            shade,
            line=False,
        )
    for dx, dy, r in ((-1.0, 0.1, 0.5), (1.0, 0.1, 0.5), (-0.4, -0.25, 0.65), (0.45, -0.15, 0.6)):
        pen.ellipse(
            (
                x + dx * size - r * size,
                y + dy * size - r * size,
                x + dx * size + r * size,
                y + dy * size + r * size,
            ),
            white,
            line=False,
        )


# --------------------------------------------------------------------------------------
# Scenery pieces.


def _ridge(
    canvas: _Canvas,
    base: float,
    amplitude: float,
    colour: RGB,
    *,
    waves: float = 1.5,
    bottom: float | None = None,
    jagged: bool = False,
) -> None:
    """A hill line (smooth or mountainous) filled down to ``bottom``."""
    rng = canvas.rng
    phase1, phase2 = rng.uniform(0, 6.3), rng.uniform(0, 6.3)
    steps = 48
    points: list[tuple[float, float]] = []
    for index in range(steps + 1):
        t = index / steps
        x = t * canvas.width
        if jagged:
            wobble = abs(math.sin(t * math.pi * waves * 2 + phase1)) * 1.0 + 0.25 * math.sin(
                t * 40 + phase2
            )
            y = base - amplitude * wobble
        else:
            y = base - amplitude * (
                0.6 * math.sin(t * math.pi * waves + phase1)
                + 0.4 * math.sin(t * math.pi * waves * 2.3 + phase2)
            )
        points.append((x, max(y, canvas.ceiling(x, base))))
    end = canvas.height + 20 if bottom is None else bottom
    # Outlined styles would trace the frame edge; the fill runs past it instead.
    points = [(-20, points[0][1]), *points, (canvas.width + 20, points[-1][1])]
    points += [(canvas.width + 20, end), (-20, end)]
    canvas.pen.polygon(points, canvas.lit(colour), line=canvas.style.outline > 0.004)


def _tree(canvas: _Canvas, x: float, ground: float, size: float, kind: str = "round") -> None:
    pen = canvas.pen
    trunk = canvas.lit((122, 82, 52))
    leaf = canvas.lit(
        canvas.rng.choice(((76, 154, 78), (92, 170, 84), (60, 132, 80), (110, 176, 90)))
    )
    if kind == "pine":
        pen.rounded(
            (x - size * 0.06, ground - size * 0.3, x + size * 0.06, ground), size * 0.02, trunk
        )
        for level in range(3):
            top = ground - size * (1.05 - level * 0.22)
            half = size * (0.22 + level * 0.1)
            pen.polygon(
                [(x, top), (x + half, top + size * 0.42), (x - half, top + size * 0.42)], leaf
            )
        return
    pen.rounded(
        (x - size * 0.07, ground - size * 0.55, x + size * 0.07, ground), size * 0.03, trunk
    )
    for dx, dy, r in ((-0.22, -0.62, 0.25), (0.22, -0.62, 0.25), (0.0, -0.85, 0.3)):
        pen.ellipse(
            (
                x + dx * size - r * size,
                ground + dy * size - r * size,
                x + dx * size + r * size,
                ground + dy * size + r * size,
            ),
            leaf,
        )
    if canvas.style.detail:
        light = _shade(leaf, 1.18)
        pen.ellipse(
            (x - size * 0.12, ground - size * 1.02, x + size * 0.05, ground - size * 0.9),
            light,
            line=False,
        )


def _flower(canvas: _Canvas, x: float, y: float, size: float) -> None:
    petal = canvas.lit(
        canvas.rng.choice(
            ((240, 90, 110), (250, 210, 70), (170, 120, 230), (255, 255, 255), (250, 150, 60))
        )
    )
    canvas.draw.line(
        [(x, y), (x, y - size)], fill=canvas.lit((70, 140, 70)), width=max(1, round(size * 0.12))
    )
    r = size * 0.22
    for angle in range(0, 360, 72):
        px = x + math.cos(math.radians(angle)) * r
        py = y - size + math.sin(math.radians(angle)) * r
        canvas.draw.ellipse((px - r * 0.8, py - r * 0.8, px + r * 0.8, py + r * 0.8), fill=petal)
    canvas.draw.ellipse(
        (x - r * 0.6, y - size - r * 0.6, x + r * 0.6, y - size + r * 0.6),
        fill=canvas.lit((250, 200, 60)),
    )


def _bush(canvas: _Canvas, x: float, y: float, size: float, colour: RGB) -> None:
    pen = canvas.pen
    fill = canvas.lit(colour)
    for dx, r in ((-0.35, 0.32), (0.35, 0.32), (0.0, 0.42)):
        pen.ellipse(
            (
                x + dx * size - r * size,
                y - r * size * 1.6,
                x + dx * size + r * size,
                y + size * 0.05,
            ),
            fill,
        )


def _rock(canvas: _Canvas, x: float, y: float, size: float, colour: RGB = (150, 150, 160)) -> None:
    canvas.pen.ellipse(
        (x - size * 0.5, y - size * 0.45, x + size * 0.5, y + size * 0.05), canvas.lit(colour)
    )


def _scatter(
    canvas: _Canvas,
    count: int,
    y_range: tuple[float, float],
    painters: Sequence[Callable[[float, float, float], None]],
    size: float,
) -> None:
    """Small props on free ground, bigger towards the viewer."""
    total = round(count * canvas.style.props)
    span = max(1.0, y_range[1] - y_range[0])
    for _ in range(total):
        where = canvas.spot(y_range, size)
        if where is None:
            continue
        x, y = where
        depth = 0.6 + 0.6 * (y - y_range[0]) / span
        canvas.rng.choice(painters)(x, y, size * depth)


def _reserve(
    canvas: _Canvas, size: float, box_at: Callable[[float, float], Box]
) -> tuple[float, float] | None:
    """An (x, size) for a big landmark, claimed so later sky and props keep off it.

    The text area is never used. A smaller landmark clear of the cast is preferred to a
    big one half hidden behind it; a crowded picture gets none at all.
    """
    rng = canvas.rng
    for behind_cast in (False, True):
        for scale in (1.0, 0.75, 0.55):
            for _ in range(10):
                x = rng.uniform(0.1, 0.9) * canvas.width
                box = box_at(x, size * scale)
                # Slide it fully inside the frame.
                x += max(0.0, -box[0]) - max(0.0, box[2] - canvas.width)
                box = box_at(x, size * scale)
                if canvas.free(box, behind_cast=behind_cast):
                    canvas.blocked.append(box)
                    return x, size * scale
    return None


def _meadow(canvas: _Canvas, horizon: float, feet: float) -> None:
    u = canvas.unit
    tree = _reserve(
        canvas,
        min(u * 0.3, horizon * 0.8),
        lambda x, s: (x - s * 0.5, horizon - s, x + s * 0.5, horizon + u * 0.05),
    )
    _sky(canvas, horizon)
    _sky_objects(canvas, horizon)
    _ridge(canvas, horizon, u * 0.06, (150, 196, 140), waves=1.2)
    _ridge(canvas, horizon + u * 0.05, u * 0.04, (112, 182, 96), waves=2.0)
    if canvas.style.detail and tree is not None:
        _tree(canvas, tree[0], horizon + u * 0.06, tree[1])
    _ridge(canvas, horizon + u * 0.1, u * 0.025, (96, 168, 84), waves=1.0)
    r = canvas.rng
    _scatter(
        canvas,
        14,
        (horizon + u * 0.12, canvas.height),
        [
            lambda x, y, s: _flower(canvas, x, y, s),
            lambda x, y, s: _flower(canvas, x, y, s),
            lambda x, y, s: _bush(canvas, x, y, s * 1.6, (70, 150, 70)),
            lambda x, y, s: _rock(canvas, x, y, s * r.uniform(0.8, 1.3)),
        ],
        u * 0.05,
    )


def _forest(canvas: _Canvas, horizon: float, feet: float) -> None:
    _sky(canvas, horizon)
    _sky_objects(canvas, horizon * 0.75)
    u = canvas.unit
    rng = canvas.rng
    far = canvas.lit((74, 128, 96))
    for index in range(int(canvas.width / (u * 0.05)) + 2):
        x = index * u * 0.05 + rng.uniform(-u * 0.02, u * 0.02)
        size = min(u * rng.uniform(0.12, 0.2), horizon - canvas.ceiling(x, horizon))
        if size < u * 0.03:
            continue
        canvas.pen.polygon(
            [(x, horizon - size), (x + size * 0.32, horizon + 2), (x - size * 0.32, horizon + 2)],
            far,
            line=False,
        )
    canvas.draw.rectangle(
        (0, horizon, canvas.width, canvas.height), fill=canvas.lit((104, 168, 88))
    )
    trees = []
    for _ in range(16 if canvas.style.detail else 4):
        size = min(u * rng.uniform(0.26, 0.44), horizon * 0.95)
        ground = horizon + rng.uniform(0.0, 0.07) * u
        trees.append((ground, rng.uniform(0, 1) * canvas.width, size, rng.random()))
    for ground, x, size, pick in sorted(trees):
        # Trees stand behind the cast, but never in the text area.
        if canvas.free(
            (x - size * 0.45, ground - size * 1.1, x + size * 0.45, ground), behind_cast=True
        ):
            _tree(canvas, x, ground, size, "round" if pick < 0.35 else "pine")
    _ridge(canvas, horizon + u * 0.09, u * 0.02, (92, 160, 78), waves=1.0)

    def mushroom(x: float, y: float, s: float) -> None:
        canvas.pen.rounded(
            (x - s * 0.12, y - s * 0.45, x + s * 0.12, y), s * 0.05, canvas.lit((246, 236, 220))
        )
        canvas.pen.draw.chord(
            (x - s * 0.4, y - s * 0.8, x + s * 0.4, y - s * 0.2),
            180,
            360,
            fill=canvas.lit((220, 60, 50)),
        )
        canvas.draw.ellipse(
            (x - s * 0.08, y - s * 0.66, x + s * 0.04, y - s * 0.56), fill=(255, 255, 255)
        )

    _scatter(
        canvas,
        12,
        (horizon + u * 0.12, canvas.height),
        [
            mushroom,
            lambda x, y, s: _bush(canvas, x, y, s * 1.5, (56, 130, 70)),
            lambda x, y, s: _flower(canvas, x, y, s),
        ],
        u * 0.05,
    )


def _sea(canvas: _Canvas, horizon: float, feet: float) -> None:
    sea_line = horizon - canvas.unit * 0.04
    u = canvas.unit
    rng = canvas.rng
    shore = sea_line + (feet - sea_line) * 0.38
    lighthouse = _reserve(
        canvas,
        min(u * 0.42, (shore - u * 0.03) / 1.12),
        lambda x, s: (x - s * 0.3, shore - s * 1.1, x + s * 0.3, shore),
    )
    _sky(canvas, sea_line)
    _sky_objects(canvas, sea_line)
    sea_top, sea_near = canvas.lit((60, 138, 196)), canvas.lit((84, 170, 210))
    band = Image.linear_gradient("L").resize((1, 64))
    water = ImageOps.colorize(band, sea_top, sea_near).resize(
        (canvas.width, max(1, round(shore - sea_line) + 2))
    )
    canvas.image.paste(water, (0, round(sea_line)))
    for _ in range(18 if canvas.style.detail else 4):
        x = rng.uniform(0, canvas.width)
        y = rng.uniform(sea_line + u * 0.02, shore - u * 0.01)
        w = u * rng.uniform(0.03, 0.06)
        if canvas.free((x - w, y - w, x + w, y)):
            canvas.draw.arc(
                (x - w, y - w * 0.4, x + w, y + w * 0.4),
                200,
                340,
                fill=canvas.lit((226, 244, 250)),
                width=max(1, round(u * 0.004)),
            )
    if lighthouse is not None:
        # The lighthouse on its rock.
        x, size = lighthouse
        base = shore - u * 0.01
        canvas.pen.ellipse(
            (x - size * 0.28, base - size * 0.12, x + size * 0.28, base + size * 0.06),
            canvas.lit((120, 112, 110)),
        )
        top_w, bottom_w = size * 0.07, size * 0.11
        tower_top = base - size * 0.85
        canvas.pen.polygon(
            [
                (x - bottom_w, base - size * 0.06),
                (x + bottom_w, base - size * 0.06),
                (x + top_w, tower_top),
                (x - top_w, tower_top),
            ],
            canvas.lit((246, 244, 240)),
        )
        for stripe in range(2):
            y0 = base - size * (0.2 + stripe * 0.3)
            y1 = y0 - size * 0.14
            t0 = (base - y0) / (base - tower_top)
            t1 = (base - y1) / (base - tower_top)
            w0 = bottom_w + (top_w - bottom_w) * t0
            w1 = bottom_w + (top_w - bottom_w) * t1
            canvas.pen.polygon(
                [(x - w0, y0), (x + w0, y0), (x + w1, y1), (x - w1, y1)], canvas.lit((214, 64, 56))
            )
        lamp_colour = (255, 236, 140) if canvas.time in {"night", "sunset"} else (250, 250, 220)
        canvas.pen.rounded(
            (x - top_w * 0.9, tower_top - size * 0.12, x + top_w * 0.9, tower_top),
            size * 0.01,
            lamp_colour,
        )
        canvas.pen.polygon(
            [
                (x - top_w * 1.3, tower_top - size * 0.12),
                (x + top_w * 1.3, tower_top - size * 0.12),
                (x, tower_top - size * 0.22),
            ],
            canvas.lit((200, 60, 56)),
        )
        if canvas.time == "night" and canvas.style.detail:
            beam = _mix(_SKIES[canvas.time][0], (255, 240, 170), 0.3)
            side = 1 if x < canvas.width / 2 else -1
            canvas.draw.polygon(
                [
                    (x, tower_top - size * 0.06),
                    (x + side * canvas.width * 0.5, tower_top - size * 0.3),
                    (x + side * canvas.width * 0.5, tower_top + size * 0.1),
                ],
                fill=beam,
            )
    # A little boat.
    if canvas.style.detail:
        bw = u * 0.06
        for _ in range(6):
            bx = rng.uniform(0.1, 0.9) * canvas.width
            by = sea_line + (shore - sea_line) * rng.uniform(0.25, 0.6)
            if canvas.free((bx - bw, by - bw * 1.6, bx + bw, by)):
                canvas.pen.polygon(
                    [
                        (bx - bw, by - bw * 0.3),
                        (bx + bw, by - bw * 0.3),
                        (bx + bw * 0.7, by),
                        (bx - bw * 0.7, by),
                    ],
                    canvas.lit((150, 90, 60)),
                )
                canvas.pen.polygon(
                    [(bx, by - bw * 0.35), (bx, by - bw * 1.6), (bx + bw * 0.8, by - bw * 0.4)],
                    canvas.lit((250, 248, 240)),
                )
                canvas.blocked.append((bx - bw, by - bw * 1.6, bx + bw, by))
                break
    sand = canvas.lit((240, 218, 164))
    _ridge(canvas, shore, u * 0.012, sand, waves=1.5)
    canvas.draw.line(
        [(0, shore - u * 0.005), (canvas.width, shore - u * 0.005)],
        fill=canvas.lit((236, 248, 250)),
        width=max(1, round(u * 0.006)),
    )

    def shell(x: float, y: float, s: float) -> None:
        canvas.pen.draw.pieslice(
            (x - s * 0.35, y - s * 0.5, x + s * 0.35, y + s * 0.1),
            180,
            360,
            fill=canvas.lit((250, 200, 190)),
        )

    def starfish(x: float, y: float, s: float) -> None:
        pts = []
        for index in range(10):
            angle = -math.pi / 2 + index * math.pi / 5
            reach = s * (0.4 if index % 2 == 0 else 0.16)
            pts.append((x + math.cos(angle) * reach, y - s * 0.3 + math.sin(angle) * reach))
        canvas.pen.polygon(pts, canvas.lit((246, 140, 80)))

    _scatter(
        canvas,
        10,
        (shore + u * 0.05, canvas.height),
        [shell, starfish, lambda x, y, s: _rock(canvas, x, y, s, (170, 160, 150))],
        u * 0.05,
    )


def _city(canvas: _Canvas, horizon: float, feet: float) -> None:
    street = horizon + canvas.unit * 0.02
    _sky(canvas, street)
    _sky_objects(canvas, street * 0.6)
    u = canvas.unit
    rng = canvas.rng
    palette = (
        (226, 120, 96),
        (244, 206, 150),
        (150, 184, 216),
        (238, 170, 170),
        (180, 210, 170),
        (210, 190, 230),
    )
    night = canvas.time in {"night", "sunset"}
    x = -rng.uniform(0, u * 0.1)
    while x < canvas.width:
        w = u * rng.uniform(0.14, 0.22)
        h = u * rng.uniform(0.16, 0.36)
        colour = canvas.lit(rng.choice(palette))
        roof = rng.random() < 0.45
        # Under the text the houses are lower, so the words keep a strip of plain sky.
        room = canvas.headroom(x - u * 0.01, x + w + u * 0.01, street)
        if h + (u * 0.07 if roof else 0.0) > room:
            roof = False
            h = room
        if h < u * 0.06:
            x += w + u * rng.uniform(0.0, 0.02)
            continue
        top = street - h
        canvas.pen.rounded((x, top, x + w, street), u * 0.004, colour)
        if roof:
            canvas.pen.polygon(
                [(x - u * 0.01, top), (x + w + u * 0.01, top), (x + w / 2, top - u * 0.07)],
                canvas.lit((150, 80, 70)),
            )
        if canvas.style.detail:
            win = canvas.lit((255, 226, 120)) if night else canvas.lit((214, 236, 250))
            dark = canvas.lit((120, 130, 160))
            cols = max(1, int(w / (u * 0.055)))
            rows = max(1, int(h / (u * 0.07)))
            for row in range(rows):
                for col in range(cols):
                    wx = x + (col + 0.5) * w / cols
                    wy = top + (row + 0.5) * (h - u * 0.05) / rows + u * 0.01
                    lit = win if (not night or rng.random() < 0.7) else dark
                    canvas.draw.rectangle(
                        (wx - u * 0.012, wy - u * 0.016, wx + u * 0.012, wy + u * 0.016), fill=lit
                    )
        x += w + u * rng.uniform(0.0, 0.02)
    canvas.draw.rectangle(
        (0, street, canvas.width, canvas.height), fill=canvas.lit((196, 192, 186))
    )
    road_top = street + (feet - street) * 0.35
    if feet - street > u * 0.15:
        canvas.draw.rectangle(
            (0, street, canvas.width, street + u * 0.012), fill=canvas.lit((170, 166, 160))
        )
    for index in range(int(canvas.width / (u * 0.08)) + 1):
        px = index * u * 0.08
        canvas.draw.line(
            [(px, road_top), (px - u * 0.03, canvas.height)],
            fill=canvas.lit((182, 178, 172)),
            width=max(1, round(u * 0.002)),
        )

    def lamp(x: float, y: float, s: float) -> None:
        post = canvas.lit((60, 66, 80))
        canvas.pen.rounded((x - s * 0.04, y - s * 1.6, x + s * 0.04, y), s * 0.02, post)
        glow = (255, 228, 140) if night else canvas.lit((250, 246, 220))
        canvas.pen.ellipse((x - s * 0.15, y - s * 1.85, x + s * 0.15, y - s * 1.55), glow)

    def planter(x: float, y: float, s: float) -> None:
        canvas.pen.rounded(
            (x - s * 0.3, y - s * 0.35, x + s * 0.3, y), s * 0.05, canvas.lit((200, 110, 70))
        )
        _bush(canvas, x, y - s * 0.35, s * 0.7, (80, 160, 80))

    _scatter(canvas, 6, (street + u * 0.03, canvas.height), [lamp, planter], u * 0.08)


def _planet(canvas: _Canvas, place: tuple[float, float], radius: float, colour: RGB) -> None:
    """A ringed planet."""
    px, py = place
    canvas.pen.ellipse((px - radius, py - radius, px + radius, py + radius), colour)
    canvas.draw.chord(
        (px - radius, py - radius, px + radius, py + radius), 200, 340, fill=_shade(colour, 1.2)
    )
    canvas.draw.ellipse(
        (px - radius * 1.8, py - radius * 0.35, px + radius * 1.8, py + radius * 0.35),
        outline=(246, 226, 170),
        width=max(2, round(canvas.unit * 0.008)),
    )
    canvas.blocked.append((px - radius * 1.8, py - radius, px + radius * 1.8, py + radius))


def _space(canvas: _Canvas, horizon: float, feet: float) -> None:
    u = canvas.unit
    rng = canvas.rng
    rocket = _reserve(
        canvas,
        min(u * 0.34, horizon * 0.85),
        lambda x, s: (x - s * 0.22, horizon - s, x + s * 0.22, horizon + u * 0.04),
    )
    _sky(canvas, horizon)
    _sky_objects(canvas, horizon)
    # A ringed planet.
    radius = u * rng.uniform(0.08, 0.12)
    planet: tuple[float, float] | None = None
    for _ in range(15):
        px, py = rng.uniform(0.12, 0.88) * canvas.width, rng.uniform(0.15, 0.7) * horizon
        if canvas.free((px - radius * 1.8, py - radius, px + radius * 1.8, py + radius)):
            planet = (px, py)
            break
    colour = rng.choice(((236, 150, 90), (150, 120, 230), (110, 200, 190)))
    if planet is not None:
        _planet(canvas, planet, radius, colour)
    ground = canvas.lit((150, 140, 170))
    _ridge(canvas, horizon, u * 0.03, ground, waves=2.0)
    if rocket is not None:
        x, size = rocket
        base = horizon + u * 0.03
        body = (240, 240, 246)
        canvas.pen.polygon(
            [
                (x - size * 0.2, base),
                (x - size * 0.08, base - size * 0.35),
                (x - size * 0.08, base - size * 0.1),
            ],
            (214, 70, 70),
        )
        canvas.pen.polygon(
            [
                (x + size * 0.2, base),
                (x + size * 0.08, base - size * 0.35),
                (x + size * 0.08, base - size * 0.1),
            ],
            (214, 70, 70),
        )
        canvas.pen.ellipse((x - size * 0.12, base - size * 1.0, x + size * 0.12, base), body)
        canvas.pen.ellipse(
            (x - size * 0.06, base - size * 0.7, x + size * 0.06, base - size * 0.58),
            (110, 200, 240),
        )

    def crater(x: float, y: float, s: float) -> None:
        canvas.pen.ellipse(
            (x - s * 0.6, y - s * 0.25, x + s * 0.6, y + s * 0.05), _shade(ground, 0.82)
        )

    def crystal(x: float, y: float, s: float) -> None:
        glow = rng.choice(((120, 240, 230), (240, 140, 240), (140, 180, 255)))
        canvas.pen.polygon([(x - s * 0.2, y), (x, y - s * 0.8), (x + s * 0.2, y)], glow)
        canvas.pen.polygon(
            [(x + s * 0.1, y), (x + s * 0.3, y - s * 0.5), (x + s * 0.4, y)], _shade(glow, 0.85)
        )

    _scatter(canvas, 10, (horizon + u * 0.06, canvas.height), [crater, crater, crystal], u * 0.07)


def _castle(canvas: _Canvas, horizon: float, feet: float) -> None:
    u = canvas.unit
    castle = _reserve(
        canvas,
        min(u * 0.4, horizon * 0.72),
        lambda x, s: (x - s * 0.5, horizon - s * 1.3, x + s * 0.5, horizon),
    )
    _sky(canvas, horizon)
    _sky_objects(canvas, horizon * 0.7)
    _ridge(canvas, horizon, u * 0.05, (150, 196, 140), waves=1.0)
    if castle is not None:
        x, size = castle
        base = horizon + u * 0.01
        stone = canvas.lit((214, 206, 196))
        roof = canvas.lit((90, 100, 190))
        pen = canvas.pen
        pen.rounded((x - size * 0.3, base - size * 0.45, x + size * 0.3, base), 0, stone)
        for index in range(6):
            bx = x - size * 0.3 + index * size * 0.11
            pen.draw.rectangle(
                (bx, base - size * 0.5, bx + size * 0.055, base - size * 0.45), fill=stone
            )
        for side in (-1, 1):
            tx = x + side * size * 0.36
            pen.rounded((tx - size * 0.08, base - size * 0.7, tx + size * 0.08, base), 0, stone)
            pen.polygon(
                [
                    (tx - size * 0.11, base - size * 0.7),
                    (tx + size * 0.11, base - size * 0.7),
                    (tx, base - size * 0.95),
                ],
                roof,
            )
        pen.rounded(
            (x - size * 0.1, base - size * 0.85, x + size * 0.1, base - size * 0.4), 0, stone
        )
        pen.polygon(
            [
                (x - size * 0.13, base - size * 0.85),
                (x + size * 0.13, base - size * 0.85),
                (x, base - size * 1.15),
            ],
            roof,
        )
        pen.draw.line(
            [(x, base - size * 1.15), (x, base - size * 1.28)],
            fill=(80, 70, 70),
            width=max(1, round(u * 0.003)),
        )
        pen.polygon(
            [(x, base - size * 1.28), (x + size * 0.1, base - size * 1.24), (x, base - size * 1.2)],
            (230, 70, 70),
            line=False,
        )
        pen.draw.chord(
            (x - size * 0.08, base - size * 0.24, x + size * 0.08, base + size * 0.05),
            180,
            360,
            fill=canvas.lit((110, 80, 60)),
        )
        if canvas.style.detail:
            window = (
                (255, 220, 120) if canvas.time in {"night", "sunset"} else canvas.lit((90, 90, 120))
            )
            for wx in (x - size * 0.18, x + size * 0.18, x):
                wy = base - size * (0.3 if wx != x else 0.65)
                pen.draw.rounded_rectangle(
                    (wx - size * 0.025, wy - size * 0.05, wx + size * 0.025, wy + size * 0.03),
                    radius=size * 0.02,
                    fill=window,
                )
    _ridge(canvas, horizon + u * 0.06, u * 0.03, (110, 178, 96), waves=1.4)
    _scatter(
        canvas,
        10,
        (horizon + u * 0.1, canvas.height),
        [
            lambda x, y, s: _flower(canvas, x, y, s),
            lambda x, y, s: _bush(canvas, x, y, s * 1.5, (70, 150, 70)),
            lambda x, y, s: _rock(canvas, x, y, s),
        ],
        u * 0.05,
    )


def _desert(canvas: _Canvas, horizon: float, feet: float) -> None:
    u = canvas.unit
    pyramid = _reserve(
        canvas, min(u * 0.2, horizon), lambda x, s: (x - s, horizon - s * 0.8, x + s, horizon)
    )
    _sky(canvas, horizon)
    _sky_objects(canvas, horizon)
    if canvas.style.detail and pyramid is not None:
        x, size = pyramid
        canvas.pen.polygon(
            [(x - size, horizon + 2), (x, horizon - size * 0.8), (x + size, horizon + 2)],
            canvas.lit((226, 186, 120)),
        )
        canvas.pen.polygon(
            [(x, horizon - size * 0.8), (x + size, horizon + 2), (x + size * 0.35, horizon + 2)],
            canvas.lit((196, 150, 96)),
            line=False,
        )
    _ridge(canvas, horizon, u * 0.03, (240, 206, 140), waves=1.3)
    _ridge(canvas, horizon + u * 0.06, u * 0.04, (232, 190, 120), waves=0.9)

    def cactus(x: float, y: float, s: float) -> None:
        green = canvas.lit((80, 150, 90))
        canvas.pen.rounded((x - s * 0.12, y - s * 1.1, x + s * 0.12, y), s * 0.12, green)
        canvas.pen.rounded((x - s * 0.42, y - s * 0.75, x - s * 0.22, y - s * 0.35), s * 0.1, green)
        canvas.pen.rounded(
            (x - s * 0.42, y - s * 0.45, x - s * 0.05, y - s * 0.32), s * 0.06, green
        )
        canvas.pen.rounded((x + s * 0.22, y - s * 0.9, x + s * 0.42, y - s * 0.5), s * 0.1, green)
        canvas.pen.rounded((x + s * 0.05, y - s * 0.6, x + s * 0.42, y - s * 0.47), s * 0.06, green)

    _scatter(
        canvas,
        7,
        (horizon + u * 0.08, canvas.height),
        [cactus, cactus, lambda x, y, s: _rock(canvas, x, y, s * 0.6, (190, 140, 100))],
        u * 0.1,
    )


def _snow(canvas: _Canvas, horizon: float, feet: float) -> None:
    _sky(canvas, horizon)
    _sky_objects(canvas, horizon * 0.6)
    u = canvas.unit
    rng = canvas.rng
    peaks = canvas.lit((140, 150, 184))
    cap = canvas.lit((250, 252, 255))
    for _ in range(3):
        size = u * rng.uniform(0.25, 0.4)
        x = rng.uniform(0, canvas.width)
        # A peak under the text is a lower one; its slopes keep out of the text area.
        size = min(size, horizon - canvas.ceiling(x, horizon))
        if size < u * 0.08:
            continue
        canvas.pen.polygon(
            [(x - size, horizon + 2), (x, horizon - size), (x + size, horizon + 2)], peaks
        )
        canvas.pen.polygon(
            [
                (x - size * 0.3, horizon - size * 0.7),
                (x, horizon - size),
                (x + size * 0.3, horizon - size * 0.7),
                (x + size * 0.1, horizon - size * 0.62),
                (x - size * 0.1, horizon - size * 0.7),
            ],
            cap,
        )
    _ridge(canvas, horizon, u * 0.03, (236, 242, 250), waves=1.2)
    for _ in range(6 if canvas.style.detail else 2):
        size = u * rng.uniform(0.18, 0.3)
        x = rng.uniform(0, canvas.width)
        ground = horizon + u * rng.uniform(0.0, 0.04)
        if canvas.free((x - size * 0.4, ground - size, x + size * 0.4, ground)):
            _tree(canvas, x, ground, size, "pine")
            canvas.pen.polygon(
                [
                    (x, ground - size * 1.05),
                    (x + size * 0.12, ground - size * 0.85),
                    (x - size * 0.12, ground - size * 0.85),
                ],
                cap,
                line=False,
            )
    _ridge(canvas, horizon + u * 0.08, u * 0.02, (244, 248, 255), waves=1.0)

    def snowman(x: float, y: float, s: float) -> None:
        white = canvas.lit((252, 252, 255))
        canvas.pen.ellipse((x - s * 0.35, y - s * 0.65, x + s * 0.35, y), white)
        canvas.pen.ellipse((x - s * 0.24, y - s * 1.05, x + s * 0.24, y - s * 0.58), white)
        canvas.draw.polygon(
            [(x, y - s * 0.84), (x + s * 0.22, y - s * 0.8), (x, y - s * 0.77)], fill=(244, 140, 50)
        )

    _scatter(
        canvas,
        4,
        (horizon + u * 0.1, canvas.height),
        [snowman, lambda x, y, s: _rock(canvas, x, y, s * 0.5, (200, 210, 226))],
        u * 0.11,
    )
    if canvas.style.detail:
        flake = canvas.lit((255, 255, 255))
        for _ in range(90):
            x, y = rng.uniform(0, canvas.width), rng.uniform(0, canvas.height)
            s = u * rng.uniform(0.002, 0.005)
            if canvas.free((x - s, y - s, x + s, y + s)):
                canvas.draw.ellipse((x - s, y - s, x + s, y + s), fill=flake)


def _clear_stretches(canvas: _Canvas, y: float) -> list[tuple[float, float]]:
    """The stretches of the row at ``y`` outside the text area, left to right."""
    region = canvas.region
    if region is None or not region[1] <= y <= region[3]:
        return [(0.0, float(canvas.width))]
    return [(a, b) for a, b in ((0.0, region[0]), (region[2], float(canvas.width))) if b > a]


def _garden(canvas: _Canvas, horizon: float, feet: float) -> None:
    u = canvas.unit
    barn = _reserve(
        canvas,
        min(u * 0.26, horizon * 0.9),
        lambda x, s: (x - s * 0.55, horizon - s, x + s * 0.55, horizon),
    )
    _sky(canvas, horizon)
    _sky_objects(canvas, horizon * 0.8)
    _ridge(canvas, horizon, u * 0.04, (140, 196, 120), waves=1.0)
    if barn is not None:
        x, size = barn
        base = horizon + u * 0.02
        red = canvas.lit((196, 60, 50))
        trim = canvas.lit((250, 246, 240))
        pen = canvas.pen
        pen.polygon(
            [
                (x - size * 0.5, base),
                (x - size * 0.5, base - size * 0.55),
                (x, base - size * 0.95),
                (x + size * 0.5, base - size * 0.55),
                (x + size * 0.5, base),
            ],
            red,
        )
        pen.rounded((x - size * 0.16, base - size * 0.4, x + size * 0.16, base), 0, trim)
        pen.draw.line(
            [(x - size * 0.16, base - size * 0.4), (x + size * 0.16, base)],
            fill=red,
            width=max(1, round(size * 0.03)),
        )
        pen.draw.line(
            [(x + size * 0.16, base - size * 0.4), (x - size * 0.16, base)],
            fill=red,
            width=max(1, round(size * 0.03)),
        )
    _ridge(canvas, horizon + u * 0.05, u * 0.02, (116, 184, 92), waves=1.6)
    # A fence along the field.
    fence_y = horizon + u * 0.1
    wood = canvas.lit((236, 222, 196))
    if canvas.style.detail:
        for index in range(int(canvas.width / (u * 0.06)) + 1):
            px = index * u * 0.06
            box = (px - u * 0.008, fence_y - u * 0.06, px + u * 0.008, fence_y)
            if canvas.free(box):
                canvas.draw.rectangle(box, fill=wood)
        for level in (0.045, 0.02):
            y = fence_y - u * level
            # The rails stop at the text area, as the posts do.
            for start, end in _clear_stretches(canvas, y):
                canvas.draw.line([(start, y), (end, y)], fill=wood, width=max(1, round(u * 0.006)))

    def sunflower(x: float, y: float, s: float) -> None:
        canvas.draw.line(
            [(x, y), (x, y - s * 1.3)],
            fill=canvas.lit((80, 150, 70)),
            width=max(1, round(s * 0.08)),
        )
        canvas.pen.ellipse(
            (x - s * 0.3, y - s * 1.6, x + s * 0.3, y - s * 1.0), canvas.lit((250, 200, 40))
        )
        canvas.pen.ellipse(
            (x - s * 0.13, y - s * 1.43, x + s * 0.13, y - s * 1.17), canvas.lit((120, 76, 40))
        )

    def pumpkin(x: float, y: float, s: float) -> None:
        canvas.pen.ellipse((x - s * 0.4, y - s * 0.5, x + s * 0.4, y), canvas.lit((240, 140, 40)))
        canvas.draw.rectangle(
            (x - s * 0.04, y - s * 0.6, x + s * 0.04, y - s * 0.45), fill=canvas.lit((90, 120, 50))
        )

    _scatter(
        canvas,
        12,
        (fence_y + u * 0.04, canvas.height),
        [sunflower, pumpkin, lambda x, y, s: _flower(canvas, x, y, s)],
        u * 0.06,
    )


def _shaft_crosses_text(canvas: _Canvas, x: float, w: float, bottom: float) -> bool:
    """Whether a light shaft from the surface at ``x`` down to ``bottom`` crosses the text."""
    region = canvas.region
    if region is None or region[1] >= bottom:
        return False
    u = canvas.unit

    def span(y: float) -> tuple[float, float]:
        t = y / bottom
        return x - w + t * u * 0.2, x + w + t * (2 * w + u * 0.2)

    (a0, a1), (b0, b1) = span(max(0.0, region[1])), span(min(bottom, region[3]))
    return min(a0, b0) < region[2] and max(a1, b1) > region[0]


def _underwater(canvas: _Canvas, horizon: float, feet: float) -> None:
    u = canvas.unit
    rng = canvas.rng
    deep = (18, 70, 120) if canvas.time != "night" else (10, 30, 70)
    light = (90, 186, 214) if canvas.time != "night" else (40, 90, 140)
    gradient = Image.linear_gradient("L").resize((1, 128))
    water = ImageOps.colorize(gradient, light, deep)
    if canvas.style.sky_bands:
        water = water.resize((1, max(1, canvas.style.sky_bands)), Image.Resampling.BOX).resize(
            (1, 128), Image.Resampling.NEAREST
        )
    canvas.image.paste(
        water.resize((canvas.width, canvas.height), Image.Resampling.BILINEAR), (0, 0)
    )
    if canvas.style.detail:
        ray = _mix(light, (220, 250, 255), 0.25)
        for _ in range(4):
            x = rng.uniform(0, canvas.width)
            w = u * rng.uniform(0.03, 0.07)
            if _shaft_crosses_text(canvas, x, w, horizon):
                continue
            canvas.draw.polygon(
                [
                    (x - w, 0),
                    (x + w, 0),
                    (x + w * 3 + u * 0.2, horizon),
                    (x + u * 0.2 - w, horizon),
                ],
                fill=_mix(ray, deep, 0.25),
            )
    sand = (226, 206, 160)
    _ridge(canvas, horizon + u * 0.04, u * 0.03, sand, waves=1.3)

    def seaweed(x: float, y: float, s: float) -> None:
        green = (60, 150, 90) if rng.random() < 0.6 else (96, 170, 80)
        for offset in (-0.12, 0.1):
            points = [
                (x + offset * s + math.sin(i * 0.9 + offset * 9) * s * 0.14, y - i * s * 0.34)
                for i in range(7)
            ]
            for a, b in itertools.pairwise(points):
                canvas.pen.limb(a, b, s * 0.16, green)

    def coral(x: float, y: float, s: float) -> None:
        pink = rng.choice(((246, 120, 140), (250, 160, 90), (200, 110, 220)))
        for dx, top in ((-0.35, 0.65), (-0.12, 0.95), (0.15, 1.05), (0.36, 0.7)):
            tip = (x + dx * s, y - top * s)
            elbow = (x + dx * s * 0.4, y - top * s * 0.45)
            canvas.pen.limb((x, y), elbow, s * 0.2, pink)
            canvas.pen.limb(elbow, tip, s * 0.16, pink)
            r = s * 0.1
            canvas.pen.ellipse((tip[0] - r, tip[1] - r, tip[0] + r, tip[1] + r), _shade(pink, 1.15))

    def fish(x: float, y: float, s: float) -> None:
        colour = rng.choice(((250, 180, 60), (250, 120, 80), (120, 200, 250)))
        y -= s * 1.8
        canvas.pen.polygon(
            [(x + s * 0.3, y), (x + s * 0.6, y - s * 0.2), (x + s * 0.6, y + s * 0.2)], colour
        )
        canvas.pen.ellipse((x - s * 0.4, y - s * 0.2, x + s * 0.35, y + s * 0.2), colour)
        canvas.draw.ellipse(
            (x - s * 0.25, y - s * 0.07, x - s * 0.15, y + s * 0.03), fill=(30, 30, 40)
        )

    # A row of plants along the sea bed behind the cast, then a few in front.
    for index in range(9 if canvas.style.detail else 3):
        x = (index + rng.uniform(0.2, 0.8)) * canvas.width / (9 if canvas.style.detail else 3)
        y = horizon + u * rng.uniform(0.03, 0.07)
        s = u * rng.uniform(0.1, 0.16)
        if canvas.free((x - s * 0.5, y - s * 2.2, x + s * 0.5, y), behind_cast=True):
            rng.choice((seaweed, coral))(x, y, s)
    _scatter(canvas, 8, (horizon + u * 0.1, canvas.height), [seaweed, coral, coral, fish], u * 0.11)
    if canvas.style.detail:
        for _ in range(30):
            x, y = rng.uniform(0, canvas.width), rng.uniform(0, horizon)
            s = u * rng.uniform(0.004, 0.012)
            if canvas.free((x - s, y - s, x + s, y + s)):
                canvas.draw.ellipse(
                    (x - s, y - s, x + s, y + s),
                    outline=(220, 246, 255),
                    width=max(1, round(u * 0.002)),
                )


def _interior(canvas: _Canvas, horizon: float, feet: float, school: bool) -> None:
    canvas.indoor = True
    u = canvas.unit
    rng = canvas.rng
    detail = canvas.style.detail
    night = canvas.time in {"night", "sunset"}
    wall_colour = (
        (246, 228, 188)
        if school
        else rng.choice(((236, 214, 226), (212, 228, 240), (238, 232, 200)))
    )
    wall = canvas.lit(wall_colour)
    floor_y = horizon + u * 0.04
    canvas.draw.rectangle((0, 0, canvas.width, floor_y), fill=wall)
    if not school and detail:
        stripe = _shade(wall, 0.95)
        for index in range(0, int(canvas.width / (u * 0.05)) + 1, 2):
            x = index * u * 0.05
            canvas.draw.rectangle((x, 0, x + u * 0.05, floor_y), fill=stripe)
    top = max(u * 0.04, floor_y - u * 0.46)
    if school:
        _blackboard(canvas, top)
    _window(canvas, top, night)
    if not school:
        _bookshelf(canvas, floor_y)
    floor = canvas.lit((196, 146, 96) if school else (186, 136, 92))
    canvas.draw.rectangle((0, floor_y, canvas.width, canvas.height), fill=floor)
    canvas.draw.line(
        [(0, floor_y), (canvas.width, floor_y)],
        fill=_shade(floor, 0.7),
        width=max(2, round(u * 0.008)),
    )
    if detail:
        for index in range(1, 8):
            y = floor_y + (canvas.height - floor_y) * (index / 8) ** 1.4
            canvas.draw.line(
                [(0, y), (canvas.width, y)], fill=_shade(floor, 0.9), width=max(1, round(u * 0.002))
            )
    if not school:
        _bed(canvas, floor_y)
    rug = canvas.lit(rng.choice(((220, 110, 110), (110, 150, 210), (230, 190, 90))))
    ry = (floor_y + feet) / 2 + u * 0.04
    canvas.pen.ellipse((canvas.width * 0.2, ry - u * 0.05, canvas.width * 0.8, ry + u * 0.08), rug)

    def toy(x: float, y: float, s: float) -> None:
        colour = canvas.lit(rng.choice(((230, 80, 80), (80, 140, 220), (250, 200, 60))))
        if rng.random() < 0.5:
            canvas.pen.ellipse((x - s * 0.3, y - s * 0.6, x + s * 0.3, y), colour)
        else:
            canvas.pen.rounded((x - s * 0.3, y - s * 0.5, x + s * 0.3, y), s * 0.05, colour)

    def books(x: float, y: float, s: float) -> None:
        for level in range(3):
            colour = canvas.lit(
                rng.choice(((200, 70, 70), (70, 110, 190), (230, 180, 60), (90, 160, 100)))
            )
            canvas.pen.rounded(
                (x - s * 0.35, y - s * 0.15 * (level + 1), x + s * 0.35, y - s * 0.15 * level),
                s * 0.02,
                colour,
            )

    _scatter(canvas, 5, (floor_y + u * 0.06, canvas.height), [toy, books], u * 0.07)


def _window(canvas: _Canvas, top: float, night: bool) -> None:
    """A window showing the time of day outside."""
    u = canvas.unit
    place = _reserve(canvas, u * 0.26, lambda x, s: (x - s * 0.6, top, x + s * 0.6, top + s * 0.85))
    if place is None:
        return
    x, ww = place
    wh = ww * 0.85
    sky_top, sky_bottom = _SKIES["night" if night else "midday"]
    canvas.draw.rectangle(
        (x - ww / 2, top, x + ww / 2, top + wh), fill=_mix(sky_top, sky_bottom, 0.5)
    )
    if night:
        canvas.draw.ellipse(
            (x + ww * 0.15, top + wh * 0.15, x + ww * 0.3, top + wh * 0.33), fill=(250, 244, 210)
        )
    frame = canvas.lit((250, 250, 246))
    thick = max(2, round(u * 0.01))
    canvas.draw.rectangle((x - ww / 2, top, x + ww / 2, top + wh), outline=frame, width=thick)
    canvas.draw.line([(x, top), (x, top + wh)], fill=frame, width=thick)
    canvas.draw.line(
        [(x - ww / 2, top + wh / 2), (x + ww / 2, top + wh / 2)], fill=frame, width=thick
    )


def _blackboard(canvas: _Canvas, top: float) -> None:
    u = canvas.unit
    place = _reserve(canvas, u * 0.42, lambda x, s: (x - s / 2, top, x + s / 2, top + s * 0.55))
    if place is None:
        return
    x, bw = place
    bh = bw * 0.5
    box = (x - bw / 2, top, x + bw / 2, top + bh)
    canvas.pen.rounded(box, u * 0.005, canvas.lit((46, 96, 70)))
    canvas.draw.rectangle(
        (box[0], box[3], box[2], box[3] + u * 0.012), fill=canvas.lit((170, 120, 80))
    )
    if canvas.style.detail:
        chalk = (236, 240, 236)
        for line in range(3):
            ly = box[1] + bh * (0.25 + line * 0.22)
            end = box[0] + bw * canvas.rng.uniform(0.4, 0.85)
            canvas.draw.line(
                [(box[0] + bw * 0.1, ly), (end, ly)], fill=chalk, width=max(1, round(u * 0.004))
            )


def _bookshelf(canvas: _Canvas, floor_y: float) -> None:
    u = canvas.unit
    rng = canvas.rng
    place = _reserve(
        canvas, u * 0.2, lambda x, s: (x - s / 2, floor_y - s * 1.5, x + s / 2, floor_y)
    )
    if place is None:
        return
    x, sw = place
    sh = sw * 1.5
    box = (x - sw / 2, floor_y - sh, x + sw / 2, floor_y)
    canvas.pen.rounded(box, u * 0.004, canvas.lit((170, 116, 76)))
    for shelf in range(3):
        sy = box[1] + sh * (0.3 + shelf * 0.32)
        canvas.draw.line(
            [(box[0], sy), (box[2], sy)],
            fill=canvas.lit((120, 80, 50)),
            width=max(1, round(u * 0.006)),
        )
        bx = box[0] + sw * 0.08
        while bx < box[2] - sw * 0.12 and canvas.style.detail:
            width = sw * rng.uniform(0.06, 0.1)
            colour = canvas.lit(
                rng.choice(((220, 80, 70), (80, 120, 200), (240, 200, 80), (90, 170, 110)))
            )
            canvas.draw.rectangle((bx, sy - sh * 0.2, bx + width, sy), fill=colour)
            bx += width + sw * 0.02


def _bed(canvas: _Canvas, floor_y: float) -> None:
    u = canvas.unit
    rng = canvas.rng
    place = _reserve(
        canvas,
        u * 0.42,
        lambda x, s: (x - s / 2, floor_y - s * 0.72, x + s / 2, floor_y + s * 0.17),
    )
    if place is None:
        return
    x, width = place
    height = width * 0.48
    left, top, right, bottom = (
        x - width / 2,
        floor_y - height,
        x + width / 2,
        floor_y + height * 0.35,
    )
    wood = canvas.lit((170, 110, 70))
    pen = canvas.pen
    pen.rounded((left, top - height * 0.5, left + u * 0.03, bottom), u * 0.01, wood)
    pen.rounded((left, top + height * 0.35, right, bottom - height * 0.15), u * 0.01, wood)
    pen.rounded(
        (left + u * 0.02, top + height * 0.1, right, top + height * 0.5),
        u * 0.02,
        canvas.lit((250, 248, 244)),
    )
    blanket = canvas.lit(rng.choice(((120, 160, 220), (236, 130, 150), (130, 200, 160))))
    pen.rounded(
        (left + width * 0.3, top + height * 0.05, right + u * 0.005, top + height * 0.62),
        u * 0.02,
        blanket,
    )
    pen.ellipse(
        (left + u * 0.04, top + height * 0.02, left + width * 0.28, top + height * 0.38),
        canvas.lit((255, 255, 255)),
    )


# --------------------------------------------------------------------------------------
# Water: ponds, lakes, rivers, waterfalls and puddles added to an outdoor backdrop.

# The water named earliest in the text wins; on a tie, the kind listed first.
_WATERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
    for name, pattern in (
        ("waterfall", r"waterfalls?|cascades?"),
        ("lake", r"lakes?|lakeside|lakeshore"),
        ("river", r"rivers?|riverbanks?|riverside|streams?|brooks?|creeks?|moats?"),
        ("pond", r"ponds?|oasis|lily ?pads?"),
        ("puddle", r"puddles?"),
    )
)
_ICE = re.compile(r"\b(?:frozen|icy|ice|ice-skating|skating)\b", re.IGNORECASE)


def water_for(text: str) -> str | None:
    """The water a free-text place or description names (pond, lake, river...), if any."""
    best: tuple[int, int, str] | None = None
    for rank, (name, pattern) in enumerate(_WATERS):
        found = pattern.search(text)
        if found and (best is None or (found.start(), rank) < best[:2]):
            best = (found.start(), rank, name)
    return best[2] if best else None


Ellipse = tuple[float, float, float, float]  # centre x, centre y, radius x, radius y


@dataclass(frozen=True)
class _Water:
    """Where the water goes, planned before the backdrop so scenery keeps off it."""

    kind: str
    pools: tuple[Ellipse, ...] = ()
    band: tuple[float, float] | None = None  # a river's middle line and half width
    fall: tuple[float, float] | None = None  # a waterfall's x and height
    frozen: bool = False


def _plan_water(canvas: _Canvas, scene: Scene, theme: str, stage: _Stage) -> _Water | None:
    """Claim room for the water the scene names; None if it names none or it cannot fit.

    The sea and the sea bed are water already; indoors only a puddle makes sense. Rooms
    are claimed like landmarks, so the text area is never used and the cast, where it can
    be, stands in front of the water rather than in it.
    """
    kind = water_for(scene.setting) or water_for(scene.description)
    if kind is None or theme in {"sea", "underwater"}:
        return None
    if theme in {"home", "school"} and kind != "puddle":
        return None
    frozen = theme == "snow" or bool(_ICE.search(f"{scene.setting} {scene.description}"))
    u, rng = canvas.unit, canvas.rng
    horizon, feet = stage.horizon, stage.feet
    if kind == "waterfall":
        fall = _reserve(
            canvas,
            min(u * 0.34, horizon * 0.85),
            lambda x, s: (x - s * 0.5, horizon - s, x + s * 0.5, horizon + s * 0.24),
        )
        if fall is not None:
            x, size = fall
            pool = (x, horizon + size * 0.1, size * 0.5, size * 0.11)
            return _Water(kind, pools=(pool,), fall=(x, size), frozen=frozen)
        kind = "pond"
    if kind == "river":
        half = u * rng.uniform(0.035, 0.05)
        low, high = horizon + u * 0.04 + half, max(horizon + u * 0.05 + half, feet - half * 1.5)
        for _ in range(12):
            y = rng.uniform(low, high)
            box = (0.0, y - half * 1.5, float(canvas.width), y + half * 1.5)
            if canvas.free(box, behind_cast=True):
                canvas.blocked.append(box)
                return _Water(kind, band=(y, half), frozen=frozen)
        kind = "pond"
    if kind == "lake":
        for scale in (1.0, 0.75, 0.55):
            for _ in range(10):
                rx = u * rng.uniform(0.34, 0.46) * scale
                ry = rx * 0.16
                x = rng.uniform(rx * 0.7, canvas.width - rx * 0.7)
                y = horizon + ry + u * 0.015
                box = (x - rx * 1.05, horizon - u * 0.01, x + rx * 1.05, y + ry * 1.2)
                if canvas.free(box, behind_cast=True):
                    canvas.blocked.append(box)
                    return _Water(kind, pools=((x, y, rx, ry),), frozen=frozen)
        kind = "pond"
    if kind == "pond":
        # A full-sized pond partly behind the cast reads better than a tiny one beside it.
        for scale, behind_cast in itertools.product((1.0, 0.75, 0.55), (False, True)):
            for _ in range(10):
                rx = u * rng.uniform(0.17, 0.24) * scale
                ry = rx * 0.3
                low = horizon + u * 0.03 + ry
                # Shared with the cast, it lies behind their feet, not under them.
                high = feet - u * 0.02 - ry * 1.2 if behind_cast else feet
                y = rng.uniform(low, max(low, min(high, canvas.height - ry * 1.3)))
                x = rng.uniform(rx, max(rx, canvas.width - rx))
                box = (x - rx * 1.08, y - ry - u * 0.07, x + rx * 1.08, y + ry * 1.2)
                if canvas.free(box, behind_cast=behind_cast):
                    canvas.blocked.append(box)
                    return _Water(kind, pools=((x, y, rx, ry),), frozen=frozen)
        return None
    # Puddles: a few, on the near ground, where the cast may well be splashing in them.
    puddles: list[Ellipse] = []
    low = max(horizon + u * 0.1, feet - u * 0.08)
    for _ in range(30):
        if len(puddles) == 3:
            break
        rx = u * rng.uniform(0.05, 0.085)
        ry = rx * 0.3
        y = rng.uniform(low, max(low, min(feet + u * 0.25, canvas.height - ry * 1.5)))
        x = rng.uniform(rx, max(rx, canvas.width - rx))
        box = (x - rx * 1.1, y - ry * 1.2, x + rx * 1.1, y + ry * 1.2)
        if canvas.free(box, behind_cast=True):
            canvas.blocked.append(box)
            puddles.append((x, y, rx, ry))
    return _Water(kind, pools=tuple(puddles), frozen=frozen) if puddles else None


# Deep water, its lighter shallows and the shine on top; then the same for ice.
WATER_COLOURS: tuple[RGB, RGB, RGB] = ((62, 140, 212), (112, 184, 234), (226, 244, 252))
ICE_COLOURS: tuple[RGB, RGB, RGB] = ((176, 212, 238), (214, 236, 250), (250, 252, 255))


def _water_colours(canvas: _Canvas, frozen: bool) -> tuple[RGB, RGB, RGB]:
    """Deep water, shallows and shine under this picture's light."""
    deep, shallow, shine = ICE_COLOURS if frozen else WATER_COLOURS
    return canvas.lit(deep), canvas.lit(shallow), canvas.lit(shine)


def _draw_pool(canvas: _Canvas, pool: Ellipse, water: _Water) -> None:
    x, y, rx, ry = pool
    pen, rng, u = canvas.pen, canvas.rng, canvas.unit
    deep, shallow, shine = _water_colours(canvas, water.frozen)
    ground = _pixel(canvas.image, min(canvas.width - 1, max(0, round(x))), round(y))
    bank = _mix(_shade(ground, 0.82), (150, 118, 84), 0.3) if not water.frozen else ground
    if water.kind != "puddle":
        pen.ellipse((x - rx * 1.07, y - ry * 1.14, x + rx * 1.07, y + ry * 1.2), bank, line=False)
    pen.ellipse((x - rx, y - ry, x + rx, y + ry), deep)
    # The sky's reflection on the far half.
    pen.ellipse((x - rx * 0.78, y - ry * 0.78, x + rx * 0.6, y - ry * 0.05), shallow, line=False)
    if not canvas.style.detail:
        return
    width = max(1, round(u * 0.004))
    for _ in range(3 if water.kind != "puddle" else 1):
        px, py = x + rx * rng.uniform(-0.55, 0.55), y + ry * rng.uniform(-0.2, 0.5)
        w = rx * rng.uniform(0.1, 0.18)
        if water.frozen:
            canvas.draw.line([(px - w, py), (px + w, py - ry * 0.1)], fill=shine, width=width)
        else:
            canvas.draw.arc(
                (px - w, py - ry * 0.12, px + w, py + ry * 0.12), 200, 340, fill=shine, width=width
            )
    if water.kind == "pond" and not water.frozen:
        leaf = canvas.lit((76, 160, 80))
        for index in range(3):
            px = x + rx * (-0.5 + index * 0.45) + rx * rng.uniform(-0.08, 0.08)
            py = y + ry * rng.uniform(0.05, 0.45)
            lr = rx * 0.11
            canvas.draw.pieslice(
                (px - lr, py - lr * 0.42, px + lr, py + lr * 0.42), 30, 330, fill=leaf
            )
            if index == 1:
                petal = canvas.lit((246, 150, 190))
                s = lr * 0.35
                canvas.draw.ellipse((px - s, py - s * 1.6, px + s, py), fill=petal)
        # Reeds at one end of the pond.
        side = rng.choice((-1, 1))
        stem, head = canvas.lit((70, 130, 60)), canvas.lit((130, 86, 52))
        for index in range(4):
            sx = x + side * rx * (0.78 + index * 0.07)
            base = y - ry * (0.2 - index * 0.12)
            tall = u * (0.05 + 0.012 * (index % 2))
            canvas.draw.line(
                [(sx, base), (sx + side * u * 0.006, base - tall)],
                fill=stem,
                width=max(1, round(u * 0.004)),
            )
            hx, hy = sx + side * u * 0.005, base - tall * 0.8
            pen.ellipse(
                (hx - u * 0.006, hy - u * 0.016, hx + u * 0.006, hy + u * 0.006), head, line=False
            )


def _draw_river(canvas: _Canvas, water: _Water, band: tuple[float, float]) -> None:
    y, half = band
    rng, u = canvas.rng, canvas.unit
    deep, shallow, shine = _water_colours(canvas, water.frozen)
    phase, waves = rng.uniform(0, 6.3), rng.uniform(1.5, 2.5)
    steps = 32

    def bank(offset: float, wobble: float) -> list[Point]:
        points = []
        for index in range(steps + 1):
            t = index / steps
            bend = math.sin(t * math.pi * waves + phase) * half * wobble
            points.append((-20 + t * (canvas.width + 40), y + offset + bend))
        return points

    ground = _pixel(canvas.image, canvas.width // 2, min(canvas.height - 1, round(y + half * 2)))
    edge = _mix(_shade(ground, 0.82), (150, 118, 84), 0.3) if not water.frozen else ground
    canvas.pen.polygon(bank(-half * 1.2, 0.3) + bank(half * 1.25, 0.35)[::-1], edge, line=False)
    canvas.pen.polygon(bank(-half, 0.3) + bank(half, 0.35)[::-1], deep)
    canvas.pen.polygon(bank(-half * 0.85, 0.3) + bank(-half * 0.2, 0.32)[::-1], shallow, line=False)
    if not canvas.style.detail:
        return
    width = max(1, round(u * 0.004))
    for _ in range(10):
        px = rng.uniform(0, canvas.width)
        py = y + half * rng.uniform(-0.3, 0.6)
        w = u * rng.uniform(0.02, 0.04)
        if canvas.region is None or not _overlaps((px - w, py - w, px + w, py + w), canvas.region):
            canvas.draw.line([(px - w, py), (px + w, py)], fill=shine, width=width)


def _draw_fall(canvas: _Canvas, water: _Water, fall: tuple[float, float]) -> None:
    """Water pouring off a rocky ledge on the horizon into a foaming pool."""
    x, size = fall
    pen, u = canvas.pen, canvas.unit
    horizon = water.pools[0][1] - size * 0.1
    _, shallow, shine = _water_colours(canvas, water.frozen)
    rock, dark = canvas.lit((150, 138, 132)), canvas.lit((120, 110, 108))
    top = horizon - size
    cliff = [
        (-0.5, 1.02),
        (-0.47, 0.4),
        (-0.4, 0.12),
        (-0.22, 0.0),
        (0.2, 0.02),
        (0.38, 0.14),
        (0.47, 0.46),
        (0.5, 1.02),
    ]
    pen.polygon([(x + dx * size, top + dy * size) for dx, dy in cliff], rock)
    # Shadowed faces either side of the fall, and grass along the top.
    for face in (
        [(-0.47, 0.45), (-0.3, 0.3), (-0.26, 1.0), (-0.5, 1.0)],
        [(0.3, 0.25), (0.45, 0.4), (0.48, 1.0), (0.32, 1.0)],
    ):
        pen.polygon([(x + dx * size, top + dy * size) for dx, dy in face], dark, line=False)
    grass = canvas.lit((96, 168, 84))
    for dx, dy, r in ((-0.3, 0.06, 0.13), (-0.08, 0.0, 0.14), (0.14, 0.02, 0.13), (0.32, 0.1, 0.1)):
        pen.ellipse(
            (
                x + (dx - r) * size,
                top + (dy - r * 0.5) * size,
                x + (dx + r) * size,
                top + (dy + r * 0.5) * size,
            ),
            grass,
        )
    fall_shape = [(-0.15, 0.03), (0.15, 0.03), (0.2, 1.06), (-0.2, 1.06)]
    pen.polygon([(x + dx * size, top + dy * size) for dx, dy in fall_shape], shallow)
    if canvas.style.detail:
        for dx in (-0.1, -0.02, 0.07, 0.13):
            canvas.draw.line(
                [(x + dx * size, top + size * 0.12), (x + dx * size * 1.25, horizon)],
                fill=shine,
                width=max(1, round(u * 0.004)),
            )
    _draw_pool(canvas, water.pools[0], water)
    foam = canvas.lit((248, 252, 255))
    for dx in (-0.16, -0.05, 0.06, 0.16):
        s = size * 0.05
        fx, fy = x + dx * size, horizon + size * 0.07
        pen.ellipse((fx - s, fy - s * 0.7, fx + s, fy + s * 0.7), foam, line=False)


def _draw_water(canvas: _Canvas, water: _Water) -> None:
    """Paint planned water over the finished backdrop, before the cast steps in front."""
    if water.fall is not None:
        _draw_fall(canvas, water, water.fall)
    elif water.band is not None:
        _draw_river(canvas, water, water.band)
    else:
        for pool in water.pools:
            _draw_pool(canvas, pool, water)


_BACKDROPS: dict[str, Callable[[_Canvas, float, float], None]] = {
    "meadow": _meadow,
    "forest": _forest,
    "sea": _sea,
    "city": _city,
    "space": _space,
    "castle": _castle,
    "desert": _desert,
    "snow": _snow,
    "garden": _garden,
    "underwater": _underwater,
    "school": lambda canvas, horizon, feet: _interior(canvas, horizon, feet, True),
    "home": lambda canvas, horizon, feet: _interior(canvas, horizon, feet, False),
}


# --------------------------------------------------------------------------------------
# Composition.

_PAGE_POSES: tuple[tuple[float, float], ...] = (
    (20, 20),
    (20, 150),
    (150, 20),
    (25, 95),
    (95, 25),
    (35, 35),
    (20, 120),
    (60, 15),
)
_COVER_POSES: tuple[tuple[float, float], ...] = ((150, 150), (20, 160), (160, 25), (140, 155))

_FIGURE_LIGHT: dict[str, tuple[RGB, float]] = {
    "sunset": ((250, 150, 110), 0.1),
    "night": ((40, 50, 110), 0.25),
    "space": ((60, 50, 120), 0.12),
    "dawn": ((250, 200, 180), 0.06),
}


def _seed(scene: Scene, width: int, height: int) -> int:
    # The style is left out on purpose: the same page in two styles keeps its composition.
    names = "|".join(c.name for c in scene.characters)
    digest = _digest(
        scene.seed_key,
        scene.kind,
        str(scene.page_number),
        scene.description,
        scene.setting,
        scene.text_position,
        names,
        f"{width}x{height}",
    )
    return int.from_bytes(digest[:8], "big")


def _lit_look(look: Look, time: str) -> Look:
    if time not in _FIGURE_LIGHT:
        return look
    target, amount = _FIGURE_LIGHT[time]
    return dataclasses.replace(
        look,
        skin=_mix(look.skin, target, amount),
        hair=_mix(look.hair, target, amount),
        top=_mix(look.top, target, amount),
        bottom=_mix(look.bottom, target, amount),
        shoes=_mix(look.shoes, target, amount),
        accent=_mix(look.accent, target, amount),
        fur=_mix(look.fur, target, amount),
        trim=_mix(look.trim, target, amount),
    )


def _rays(canvas: _Canvas, centre: tuple[float, float]) -> None:
    """The cover's burst of light behind the cast, fading out before it reaches the text."""
    sky = _SKIES[canvas.time][1]
    light = _mix(sky, (255, 250, 220), 0.35)
    cx, cy = centre
    reach = math.hypot(canvas.width, canvas.height)
    if canvas.region is not None:
        x0, y0, x1, y1 = canvas.region
        reach = math.hypot(max(x0 - cx, 0.0, cx - x1), max(y0 - cy, 0.0, cy - y1))
    if reach < canvas.unit * 0.2:
        return
    mask = Image.new("L", canvas.image.size, 0)
    draw = ImageDraw.Draw(mask)
    for index in range(0, 16, 2):
        a0 = math.radians(index * 22.5 + 5)
        a1 = math.radians(index * 22.5 + 16)
        draw.polygon(
            [
                (cx, cy),
                (cx + math.cos(a0) * reach, cy + math.sin(a0) * reach),
                (cx + math.cos(a1) * reach, cy + math.sin(a1) * reach),
            ],
            fill=255,
        )
    # Full strength at the centre, nothing left at ``reach``.
    side = max(2, round(reach * 2))
    fade = ImageOps.invert(Image.radial_gradient("L").resize((side, side)))
    falloff = Image.new("L", canvas.image.size, 0)
    falloff.paste(fade, (round(cx - side / 2), round(cy - side / 2)))
    mask = ImageChops.multiply(mask, falloff)
    canvas.image.paste(light, (0, 0, *canvas.image.size), mask)


def _theme_of(scene: Scene) -> str:
    theme = theme_for(scene.setting) if scene.setting.strip() else DEFAULT_THEME
    if theme == DEFAULT_THEME:
        theme = theme_for(scene.description)
    return theme


def _shadow(canvas: _Canvas, x: float, feet: float, width: float) -> None:
    px = min(canvas.width - 1, max(0, round(x)))
    py = min(canvas.height - 1, max(0, round(feet + width * 0.05)))
    colour = _shade(_pixel(canvas.image, px, py), 0.78)
    canvas.draw.ellipse(
        (x - width, feet - width * 0.16, x + width, feet + width * 0.14), fill=colour
    )


def _paint_scene(
    scene: Scene, image: Image.Image, pen: _Pen, style: _Style, rng: random.Random
) -> None:
    width, height = image.size
    region = text_region(scene.text_position, width, height)
    theme = _theme_of(scene)
    time = _time_of_day(scene.description, rng, theme)
    canvas = _Canvas(image, pen, rng, style, time, region, [region], width, height)
    looks = [character_look(c) for c in scene.characters]
    count = len(looks)
    stage = _stage(region, width, height, count, scene.kind)
    order = list(range(count))
    if scene.kind != "cover":
        rng.shuffle(order)
    elif count > 2:
        # The lead stands in the middle of the cover.
        order.remove(0)
        order.insert(count // 2, 0)
    x0, _, x1, _ = stage.area
    spacing = (x1 - x0) / max(count, 1)
    places: list[tuple[float, float, Look, _Pose]] = []
    for slot, index in enumerate(order):
        look = _lit_look(looks[index], time)
        jitter = rng.uniform(-0.1, 0.1) * spacing if scene.kind != "cover" else 0.0
        size = stage.figure_height * look.height
        # Keep arms and tails inside the picture.
        reach = size * max(0.42, _reach(look))
        x = min(max(x0 + spacing * (slot + 0.5) + jitter, x0 + reach), x1 - reach)
        if scene.kind == "cover":
            size *= 1.06 if index == 0 else 0.98
            arms = rng.choice(_COVER_POSES)
            pose = _Pose(arms[0], arms[1])
        else:
            arms = rng.choice(_PAGE_POSES)
            side = count > 1 and rng.random() < 0.3
            facing = 1 if x < (x0 + x1) / 2 else -1
            pose = _Pose(
                arms[0], arms[1], "side" if side else "front", facing, rng.uniform(0, 0.04)
            )
        places.append((x, size, look, pose))
        canvas.cast.append(
            (x - size * 0.34, stage.feet - size * 1.15, x + size * 0.34, stage.feet + size * 0.03)
        )
    if scene.kind == "cover":
        canvas.rays = ((x0 + x1) / 2, stage.feet - stage.figure_height * 0.6)
    water = _plan_water(canvas, scene, theme, stage)
    _BACKDROPS[theme](canvas, stage.horizon, stage.feet)
    if water is not None:
        _draw_water(canvas, water)
    detail = style.detail
    for x, size, look, pose in places:
        if style.name != "minimalist":
            _shadow(canvas, x, stage.feet, size * 0.22)
        _draw_figure(pen, look, x, stage.feet, size, pose, detail)


# How far each creature reaches sideways from its middle, per unit of height: tails, wings
# and big ears reach further than arms.
_REACH: dict[str, float] = {
    "fox": 0.56,
    "dragon": 0.56,
    "cat": 0.56,
    "wolf": 0.56,
    "dinosaur": 0.56,
    "squirrel": 0.5,
    "monkey": 0.5,
    "tiger": 0.5,
    "otter": 0.5,
    "lion": 0.48,
    "horse": 0.44,
    "unicorn": 0.44,
    "elephant": 0.44,
    "snail": 0.44,
    "owl": 0.4,
    "bird": 0.4,
    "bee": 0.42,
    "hedgehog": 0.4,
    "pig": 0.4,
    "giraffe": 0.4,
    "critter": 0.38,
}


def _reach(look: Look) -> float:
    """How far a standing figure reaches sideways from its middle, per unit of height."""
    reach = _REACH.get(look.animal or "", 0.34)
    if "wings" in look.features:
        reach = max(reach, 0.4)
    return reach


def _paint_sheet(scene: Scene, image: Image.Image, pen: _Pen) -> None:
    """Three views of one character (front, side, back) on a plain light background."""
    width, height = image.size
    character = (
        scene.characters[0]
        if scene.characters
        else CharacterBrief(name=scene.seed_key or "Friend", description=scene.description)
    )
    look = character_look(character)
    # Three views side by side, each inside its third with a margin: the size follows how
    # far the character reaches sideways from its middle (tails and wings reach furthest).
    size = min(height * 0.7, width / 3 * 0.46 / _reach(look))
    feet = height * 0.5 + size * 0.5 + height * 0.02
    floor = _mix(_STYLES["default"].wash, (200, 196, 190), 0.35)
    poses = (_Pose(20, 20), _Pose(20, 20, "side", 1), _Pose(20, 20, "back"))
    for column, pose in enumerate(poses):
        x = width * (column + 0.5) / 3
        pen.draw.ellipse(
            (x - size * 0.24, feet - size * 0.035, x + size * 0.24, feet + size * 0.03), fill=floor
        )
        _draw_figure(pen, look, x, feet, size, pose, 1)


# --------------------------------------------------------------------------------------
# Style treatments, applied at the output size.


def _noise(rng: random.Random, size: tuple[int, int], low: int, high: int) -> Image.Image:
    """Seeded grey noise (Pillow's own noise is not reproducible), mapped to [low, high]."""
    width, height = max(1, size[0]), max(1, size[1])
    raw = Image.frombytes("L", (width, height), rng.randbytes(width * height))
    return raw.point(lambda v: low + v * (high - low) // 255)


def _fast_blur(image: Image.Image, factor: int) -> Image.Image:
    width, height = image.size
    small = image.resize((max(1, width // factor), max(1, height // factor)), Image.Resampling.BOX)
    return small.resize((width, height), Image.Resampling.BILINEAR)


def _glow(image: Image.Image, strength: float, threshold: int = 150) -> Image.Image:
    bright = image.point(lambda v: min(255, max(0, v - threshold) * 3))
    halo = _fast_blur(bright, 24).point(lambda v: round(v * strength))
    return ImageChops.screen(image, halo)


def _vignette(image: Image.Image, amount: float) -> Image.Image:
    ring = Image.radial_gradient("L").resize(image.size, Image.Resampling.BILINEAR)
    shade = ring.point(lambda v: 255 - round(max(0, v - 110) * amount * 255 / 145))
    return ImageChops.multiply(image, Image.merge("RGB", (shade, shade, shade)))


def _sparkles(
    image: Image.Image, rng: random.Random, region: Box, count: int, colours: Sequence[RGB]
) -> None:
    draw = ImageDraw.Draw(image)
    width, height = image.size
    unit = min(width, height)
    for _ in range(count):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        s = unit * rng.uniform(0.006, 0.016)
        if _overlaps((x - s, y - s, x + s, y + s), region):
            continue
        colour = rng.choice(colours)
        draw.polygon(
            [
                (x, y - s),
                (x + s * 0.25, y - s * 0.25),
                (x + s, y),
                (x + s * 0.25, y + s * 0.25),
                (x, y + s),
                (x - s * 0.25, y + s * 0.25),
                (x - s, y),
                (x - s * 0.25, y - s * 0.25),
            ],
            fill=colour,
        )


def _halftone(image: Image.Image, unit: int) -> Image.Image:
    step = max(4, round(unit / 110))
    tile = Image.new("L", (step, step), 255)
    ImageDraw.Draw(tile).ellipse((step * 0.2, step * 0.2, step * 0.8, step * 0.8), fill=200)
    width, height = image.size
    row = Image.new("L", (width, step), 255)
    for x in range(0, width, step):
        row.paste(tile, (x, 0))
    dots = Image.new("L", (width, height), 255)
    for y in range(0, height, step):
        dots.paste(row, (0, y))
    return ImageChops.multiply(image, Image.merge("RGB", (dots, dots, dots)))


def _treat(
    image: Image.Image, style: _Style, rng: random.Random, region: Box | None
) -> Image.Image:
    name = style.name
    width, height = image.size
    unit = min(width, height)
    keep_clear = region if region is not None else (0, 0, 0, 0)
    if name == "cartoon":
        image = ImageEnhance.Color(image).enhance(1.3)
    elif name == "watercolor":
        soft = _fast_blur(image, max(2, unit // 160))
        # Pigment pools at the edges of shapes: darken where the blur differs from the drawing.
        edges = ImageChops.difference(image, soft).convert("L").point(lambda v: 255 - min(60, v))
        image = Image.blend(image, soft, 0.55)
        image = ImageChops.multiply(image, Image.merge("RGB", (edges, edges, edges)))
        pigment = _noise(rng, (width // 64 + 2, height // 64 + 2), 226, 255)
        pigment = pigment.resize((width, height), Image.Resampling.BILINEAR)
        # Paper grain at a quarter of the size: fine noise would look like sand and make
        # the PNG several times larger and slower to encode.
        grain = _noise(rng, (width // 4 + 1, height // 4 + 1), 240, 255)
        grain = grain.resize((width, height), Image.Resampling.BILINEAR)
        # Stepped texture values keep flat washes flat in runs, which PNG compresses well.
        texture = ImageChops.multiply(pigment, grain).point(lambda v: v - v % 6)
        image = ImageChops.multiply(image, Image.merge("RGB", (texture, texture, texture)))
        image = Image.blend(image, Image.new("RGB", image.size, (253, 249, 238)), 0.12)
        image = ImageEnhance.Brightness(image).enhance(1.06)
    elif name == "photorealistic":
        image = image.filter(ImageFilter.GaussianBlur(max(0.6, unit / 700)))
        image = ImageEnhance.Contrast(image).enhance(1.06)
        image = _vignette(image, 0.35)
    elif name == "fantasy art":
        image = _glow(image, 0.45, 185)
        image = ImageEnhance.Color(image).enhance(1.15)
        _sparkles(image, rng, keep_clear, 40, ((255, 246, 200), (255, 220, 140), (230, 200, 255)))
    elif name == "sci-fi concept art":
        grey = image.convert("L")
        graded = ImageOps.colorize(
            grey, black=(6, 14, 44), white=(210, 255, 250), mid=(150, 70, 190)
        )
        image = Image.blend(image, graded, 0.3)
        image = ImageEnhance.Contrast(image).enhance(1.1)
        image = _glow(image, 0.5, 180)
        column = Image.new("L", (1, height))
        column.putdata([222 if y % 4 == 3 else 255 for y in range(height)])
        scan = column.resize((width, height), Image.Resampling.NEAREST)
        image = ImageChops.multiply(image, Image.merge("RGB", (scan, scan, scan)))
    elif name == "anime":
        image = ImageEnhance.Color(image).enhance(1.2)
        image = _glow(image, 0.3, 170)
    elif name == "vintage comic book art":
        image = ImageOps.posterize(image, 3)
        image = _halftone(image, unit)
        image = ImageChops.multiply(image, Image.new("RGB", image.size, (252, 238, 206)))
        border = max(2, round(unit * 0.012))
        ImageDraw.Draw(image).rectangle(
            (0, 0, width - 1, height - 1), outline=(20, 18, 24), width=border
        )
    elif name == "noir":
        grey = ImageOps.autocontrast(image.convert("L"), cutoff=1)
        grey = grey.point(lambda v: max(0, min(255, round(128 + (v - 128) * 1.6))))
        image = _vignette(Image.merge("RGB", (grey, grey, grey)), 0.6)
    return image


# A fixed retro palette: every pixel-art picture shares it, so a story's pages match.
_PIXEL_PALETTE: tuple[RGB, ...] = (
    (20, 18, 30),
    (60, 56, 84),
    (120, 116, 140),
    (196, 194, 206),
    (250, 248, 240),
    (96, 52, 36),
    (150, 90, 56),
    (206, 140, 96),
    (250, 206, 170),
    (244, 226, 176),
    (176, 40, 48),
    (232, 80, 72),
    (246, 150, 60),
    (252, 212, 72),
    (140, 196, 64),
    (56, 140, 72),
    (26, 84, 70),
    (40, 70, 150),
    (64, 130, 220),
    (130, 196, 240),
    (100, 60, 150),
    (176, 110, 210),
    (240, 130, 170),
    (220, 236, 250),
)


def _pixelate(image: Image.Image) -> Image.Image:
    width, height = image.size
    block = max(4, round(min(width, height) / 96))
    small = image.resize((max(1, width // block), max(1, height // block)), Image.Resampling.BOX)
    palette = Image.new("P", (1, 1))
    flat = [channel for colour in _PIXEL_PALETTE for channel in colour]
    palette.putpalette(flat + flat[:3] * (256 - len(_PIXEL_PALETTE)))
    small = small.quantize(palette=palette, dither=Image.Dither.NONE)
    return small.convert("RGB").resize((width, height), Image.Resampling.NEAREST)


# --------------------------------------------------------------------------------------
# Public entry points.

# The people a prompt's picture shows; creatures come from the animal word tables.
_PROMPT_PEOPLE = frozenset(
    _words(
        """
        girl boy child kid woman man lady hero heroine princess prince knight wizard witch
        pirate astronaut grandma grandpa
        """
    )
)


def _figure_noun(word: str) -> str | None:
    """The singular noun ``word`` is if it names a person or creature to draw, else None."""
    word = word.lower()
    person = next((form for form in _singulars(word) if form in _PROMPT_PEOPLE), None)
    if person is not None:
        return person
    found = _creature_word(word)
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


def paint(scene: Scene, size: str) -> bytes:
    """A PNG of ``scene`` at ``size``; the same scene and size always give the same bytes."""
    width, height = parse_size(size)
    style = _style_for(scene.image_style)
    rng = random.Random(_seed(scene, width, height))
    # Shapes are drawn at twice the size and reduced: Pillow does not antialias shapes.
    factor = 2 if width * height <= 1_700_000 else 1
    image = Image.new("RGB", (width * factor, height * factor), (250, 247, 240))
    draw = ImageDraw.Draw(image)
    outline = round(style.outline * min(width, height) * factor) if style.outline else 0
    if outline == 0 and style.outline:
        outline = 1
    pen = _Pen(draw, outline, style.ink)
    if scene.kind == "sheet":
        _paint_sheet(scene, image, pen)
    else:
        _paint_scene(scene, image, pen, style, rng)
    if factor > 1:
        image = image.reduce(factor)
    region = None if scene.kind == "sheet" else text_region(scene.text_position, width, height)
    if style.name == "pixel art":
        image = _pixelate(image)
    else:
        image = _treat(image, style, random.Random(rng.random()), region)
    buffer = io.BytesIO()
    # Level 1: these are drawings with large flat areas, so extra effort buys little.
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()
