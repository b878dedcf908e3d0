"""Word tables for describing characters: speech tags, animals, garments, number words.

Data only; the code that reads them is in ``characters`` and ``telling``.
"""

from __future__ import annotations

import re

SPEECH_TAGS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("brave", "bold", "fearless", "courageous", "daring"), "said {name} bravely"),
    (("shy", "quiet", "timid", "gentle", "soft"), "whispered {name}"),
    (("funny", "silly", "playful", "cheeky", "goofy", "joker", "jokes"), "giggled {name}"),
    (("curious", "inquisitive", "nosy"), "said {name} eagerly"),
    (("kind", "caring", "sweet", "loving", "warm"), "said {name} kindly"),
    (("clever", "smart", "wise", "thoughtful", "brainy"), "said {name} thoughtfully"),
    (("grumpy", "stubborn", "cranky"), "grumbled {name}"),
    (("cheerful", "happy", "optimistic", "sunny", "bubbly"), "beamed {name}"),
    (("energetic", "excitable", "lively", "bouncy", "loud"), "shouted {name}"),
)

ANIMALS = (
    "cat",
    "kitten",
    "dog",
    "puppy",
    "fox",
    "rabbit",
    "bunny",
    "hare",
    "bear",
    "owl",
    "dragon",
    "robot",
    "mouse",
    "bird",
    "penguin",
    "unicorn",
    "lion",
    "tiger",
    "elephant",
)

GARMENTS = re.compile(
    r"\b(?:shirts?|t-shirt|dress(?:es)?|skirts?|capes?|cloaks?|hats?|caps?|coats?|"
    r"jackets?|hoodies?|jumpers?|sweaters?|scarf|scarves|boots?|shoes?|trousers|jeans|"
    r"overalls|dungarees|uniform|robes?|tunic|armou?r|gown|vest|shorts|suit|raincoat|"
    r"pyjamas|pajamas|crown|glasses|goggles|helmet|apron|bow|socks|sneakers|trainers|"
    r"spacesuit|waistcoat|cardigan|kimono|poncho|sweatshirt|jersey|leggings|tights|"
    r"sandals|wellies|slippers|beanie|tiara|bandana|overcoat|blazer|pinafore)\b",
    re.IGNORECASE,
)

NUMBER_WORDS = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen", "twenty"),
)
