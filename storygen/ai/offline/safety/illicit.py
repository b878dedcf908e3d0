"""Illicit: the drugs and crimes a children's book has no use for, blocked on a single word."""

from __future__ import annotations

#: Words that block wherever they appear.
WORDS: tuple[str, ...] = (
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
    "steal a car",
    "hotwire",
    "explosives",
    "detonator",
    "molotov",
    "make a weapon",
    "make poison",
    "poison someone",
    "synthesize drugs",
    "smoke weed",
    "lsd",
    "ecstasy pills",
)
