"""The words misspellings are corrected towards (storygen.ai.offline.safety.evasion).

Changing them changes which real English words must be left alone: run
``python -m storygen.ai.offline.safety.real_words`` afterwards.
"""

from __future__ import annotations

#: The words of the rules that misspellings are corrected towards (five letters or more).
FUZZY_VOCABULARY: tuple[str, ...] = (
    "explosive",
    "explosives",
    "gunpowder",
    "molotov",
    "napalm",
    "strangle",
    "poison",
    "suicide",
    "himself",
    "herself",
    "challenge",
    "matches",
    "bleach",
    "ammonia",
    "cigarette",
    "cigarettes",
    "vodka",
    "whisky",
    "champagne",
    "immigrants",
    "muslims",
    "refugees",
    "foreigners",
    "stupid",
    "worthless",
    "secret",
    "photographs",
    "naked",
    "intestines",
    "murder",
    "slaughter",
    "torture",
    "medicine",
    "lighter",
    "marijuana",
    "cannabis",
    "cocaine",
    "fentanyl",
    "overdose",
    "ketamine",
    "rifle",
    "pistol",
    "handgun",
    "shotgun",
    "revolver",
    "mutilate",
    "dismember",
    "decapitate",
    "disembowel",
    "severed",
    "smother",
    "suffocate",
    "throttle",
    "drunk",
    "mushrooms",
    "sleeping",
)
#: Words of four letters that a doubled letter can hide ("bommb", "gutts").
DOUBLED_VOCABULARY: tuple[str, ...] = ("bomb", "guts", "kill", "stab", "vape", "drunk")
