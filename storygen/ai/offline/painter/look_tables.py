"""Data for character looks: colours, coats, features, sizes, clothes and body-part words.

Tables only; ``looks`` reads a character's text against them.
"""

from __future__ import annotations

from storygen.ai.offline.painter.colour import RGB

# Hair in a picture book: "red hair" is a warm copper, not a fire engine.
HAIR_COLOURS: dict[str, RGB] = {
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


NATURAL_HAIR: tuple[RGB, ...] = (
    (34, 28, 28),
    (74, 46, 30),
    (112, 70, 40),
    (150, 62, 36),
    (200, 96, 44),
    (232, 196, 118),
)


SKINS: tuple[RGB, ...] = (
    (255, 226, 200),
    (248, 208, 172),
    (236, 188, 148),
    (210, 156, 112),
    (176, 118, 80),
    (134, 86, 56),
    (100, 64, 44),
)


SKIN_WORDS: tuple[tuple[str, int], ...] = (
    (r"\b(?:pale|fair|porcelain)\b", 0),
    (r"\blight(?:-|\s)skin", 1),
    (r"\b(?:tan|tanned|olive|golden)(?:-|\s)skin", 3),
    (r"\b(?:brown|bronze)(?:-|\s)skin", 4),
    (r"\b(?:dark|deep|black)(?:-|\s)skin", 6),
)


FUR: dict[str, RGB] = {
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
TRIM: dict[str, RGB] = {
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
WORD_FUR: dict[str, RGB] = {
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
WORD_TRIM: dict[str, RGB] = {
    "tortoise": (150, 104, 58),
    "terrapin": (96, 110, 60),
    "toad": (226, 214, 164),
    "lamb": (250, 226, 212),
    "zebra": (36, 34, 40),
    "donkey": (80, 76, 80),
    "robin": (236, 96, 60),
}


# Figure details a word adds: antlers, spots, a lioness's missing mane, a foal's small size.
WORD_FEATURES: dict[str, tuple[str, ...]] = {
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


TOPS = {
    "shawl",
    "waistcoat",
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
    "onesie",
    "jumpsuit",
    "boilersuit",
    "wetsuit",
    "kimono",
    "poncho",
    "sweatshirt",
    "jersey",
    "outfit",
    "clothes",
}


# Garments that clothe the legs as well as the body: "a silver space suit" has silver legs.
ONE_PIECES = {
    "spacesuit",
    "suit",
    "onesie",
    "jumpsuit",
    "boilersuit",
    "wetsuit",
    "overalls",
    "dungarees",
    "pyjamas",
    "pajamas",
    "armour",
    "armor",
}


# What a garment is made of says its colour: "a straw hat" is straw yellow, whatever the
# character's other colours. Only bound to the garment it names, never a loose colour.
MATERIALS: dict[str, RGB] = {
    "straw": (228, 196, 108),
    "wooden": (168, 116, 70),
    "wood": (168, 116, 70),
    "denim": (70, 100, 160),
    "tartan": (186, 52, 56),
    "leather": (132, 84, 50),
    "tweed": (134, 112, 82),
    "khaki": (176, 164, 112),
    "woolly": (236, 230, 218),
}


BOTTOMS = {"trousers", "jeans", "pants", "skirt", "shorts", "leggings", "tights"}


SHOES = {"boots", "boot", "shoes", "shoe", "sneakers", "trainers", "sandals", "wellies"}


ACCENTS = {
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
    "rucksack",
    "satchel",
    "bonnet",
    "sunhat",
}


# Which drawn item each accessory word names: "a red bow tie" colours the bow tie alone.
ITEM_WORDS: dict[str, str] = {
    "cape": "cape",
    "cloak": "cape",
    "scarf": "scarf",
    "hat": "hat",
    "bonnet": "hat",
    "sunhat": "hat",
    "cap": "cap",
    "beanie": "cap",
    "bow": "bow",
    "ribbon": "bow",
    "bowtie": "bowtie",
    "tie": "bowtie",
    "crown": "crown",
    "tiara": "crown",
    "backpack": "backpack",
    "bag": "backpack",
    "rucksack": "backpack",
    "satchel": "backpack",
    "helmet": "helmet",
    "bandana": "scarf",  # tied at the neck, drawn as a scarf
}


# A beard or moustache takes a colour of its own ("a white beard" on a bald head).
FACIAL_HAIR = {"beard", "moustache", "mustache"}


# Words for hair by its style: "long black braids" is black hair, braided.
HAIR_WORDS = {
    "hair",
    "braids",
    "braid",
    "plaits",
    "plait",
    "pigtails",
    "bunches",
    "ponytail",
    "ponytails",
    "curls",
    "locks",
    "bun",
    "afro",
    "ringlets",
    "dreadlocks",
    "fringe",
}


# Garments worn over another top: the top's colour shows at the sleeves or the collar.
OVER_TOPS = {"dungarees", "overalls", "apron", "vest"}
COAT_TOPS = {"raincoat", "coat", "jacket", "cardigan"}


BODY = {"hair", "eyes", "skin", "fur", "feathers", "scales", "coat"}


CLOTHES = frozenset(TOPS | BOTTOMS | SHOES | ACCENTS)


COATS = {"fur", "feathers", "scales", "wool", "fleece"}


# Words whose colour is a creature's second colour ("a red shell", "a golden mane").
TRIM_WORDS = {"shell", "mane", "stripes", "spots", "patches", "plates", "spikes", "bill"}


# A hedgehog's spines are its coat; on anything else they are its second colour.
SPINES = {"spines", "prickles", "quills"}


# Body parts whose colour belongs to them alone: "a white tail" does not make a white fox.
PARTS = {"belly", "tummy", "nose", "ears", "tail", "paws", "feet", "cheeks", "beak", "horn"}


# Friendly coats for a critter whose text names no colour.
CRITTER_FURS: tuple[RGB, ...] = (
    (160, 118, 88),
    (150, 150, 162),
    (212, 164, 112),
    (232, 146, 84),
    (176, 150, 204),
    (120, 168, 196),
)


# Sizes relative to a grown-up person: big beasts stand taller, small ones lower.
HEIGHTS: dict[str, float] = {
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
TRIM_LEGS = {"sheep", "badger", "bee", "ladybug", "duck"}


TRIM_ARMS = {"sheep", "badger", "bee", "ladybug"}
