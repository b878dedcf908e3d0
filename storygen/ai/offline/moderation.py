"""Classifies text for safety offline with a small word list: a real but simple moderator.

It is deliberately conservative about children's-story vocabulary: fairy-tale conflict
("dragon", "knight", "sword", "battle of wits", "slay", "monster") is not flagged, while
clearly unsafe words and phrases are. Matching is whole-word and case-insensitive, so
"skill" never matches "kill" and "heroine" never matches "heroin". It cannot understand
context, sarcasm or misspellings; it is a floor, not a replacement for a trained model.
"""

from __future__ import annotations

import re

from storygen.ai.types import Verdict

#: The categories reported, in this order, with 1.0 for a hit and 0.0 otherwise.
CATEGORIES = ("violence", "sexual", "self-harm", "hate", "harassment", "illicit")

# Spaces in a phrase match any run of spaces or hyphens ("self harm", "self-harm").
_TERMS: dict[str, tuple[str, ...]] = {
    "violence": (
        "kill",
        "kills",
        "killed",
        "killing",
        "killer",
        "murder",
        "murders",
        "murdered",
        "murderer",
        "murdering",
        "blood",
        "bloody",
        "bloodshed",
        "gore",
        "gory",
        "stab",
        "stabs",
        "stabbed",
        "stabbing",
        "behead",
        "beheaded",
        "beheading",
        "decapitate",
        "decapitated",
        "massacre",
        "slaughter",
        "slaughtered",
        "torture",
        "tortured",
        "torturing",
        "strangle",
        "strangled",
        "mutilate",
        "mutilated",
        "dismember",
        "dismembered",
        "shot dead",
        "gun down",
        "gunned down",
        "school shooting",
        "mass shooting",
    ),
    "sexual": (
        "sex",
        "sexual",
        "sexually",
        "sexy",
        "porn",
        "porno",
        "pornography",
        "pornographic",
        "nude",
        "nudes",
        "nudity",
        "erotic",
        "erotica",
        "orgasm",
        "genitals",
        "genitalia",
        "penis",
        "vagina",
        "intercourse",
        "rape",
        "raped",
        "rapist",
        "molest",
        "molested",
        "molester",
        "fetish",
        "stripper",
        "strip club",
        "nsfw",
        "horny",
        "incest",
    ),
    "self-harm": (
        "suicide",
        "suicidal",
        "kill myself",
        "killing myself",
        "self harm",
        "self harming",
        "cut myself",
        "cutting myself",
        "hurt myself",
        "end my life",
        "want to die",
        "hang myself",
        "overdose",
        "starve myself",
    ),
    "hate": (
        "nazi",
        "nazis",
        "neo nazi",
        "white power",
        "white supremacy",
        "white supremacist",
        "master race",
        "ethnic cleansing",
        "genocide",
        "subhuman",
        "subhumans",
        "inferior race",
        "heil hitler",
        "kkk",
        "racial purity",
    ),
    "harassment": (
        "kill yourself",
        "kys",
        "go die",
        "you should die",
        "hope you die",
        "you are worthless",
        "you're worthless",
        "nobody loves you",
        "nobody likes you",
        "everyone hates you",
        "idiot",
        "idiots",
        "moron",
        "morons",
        "dumbass",
        "shut up and die",
    ),
    "illicit": (
        "cocaine",
        "heroin",
        "meth",
        "methamphetamine",
        "fentanyl",
        "crack cocaine",
        "marijuana",
        "cannabis",
        "drug dealer",
        "drug dealing",
        "sell drugs",
        "buy drugs",
        "make a bomb",
        "build a bomb",
        "pipe bomb",
        "counterfeit money",
        "money laundering",
        "launder money",
        "shoplifting",
        "shoplift",
    ),
}

# Harmless phrases that contain a listed word; removed before matching.
_HARMLESS = (
    "killer whale",
    "killer whales",
    "blood orange",
    "blood oranges",
    "blood moon",
    "blood cells",
    "blood cell",
)


def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    parts = sorted((r"[\s\-]+".join(map(re.escape, p.split())) for p in phrases), key=len)
    return re.compile(rf"(?<!\w)(?:{'|'.join(reversed(parts))})(?![\w])", re.IGNORECASE)


_PATTERNS = {category: _pattern(terms) for category, terms in _TERMS.items()}
_HARMLESS_PATTERN = _pattern(_HARMLESS)


def moderate(text: str) -> Verdict:
    """Flag ``text`` if any category's word list matches; scores are 1.0 or 0.0."""
    normalised = text.replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")
    normalised = _HARMLESS_PATTERN.sub(" ", normalised)
    hits = tuple(c for c in CATEGORIES if _PATTERNS[c].search(normalised))
    scores = {c: 1.0 if c in hits else 0.0 for c in CATEGORIES}
    return Verdict(flagged=bool(hits), categories=hits, scores=scores)
