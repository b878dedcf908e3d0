"""Substances: alcohol, tobacco, vapes and drugs given to or enjoyed by children."""

from __future__ import annotations

from storygen.ai.offline.safety.patterns import IntentRule, any_of, whole_words
from storygen.ai.offline.safety.vocabulary import CHILDREN, LESSON

#: Alcohol, tobacco, vapes and drugs.
SUBSTANCES = any_of(
    r"pills",
    r"vodka",
    r"beers?",
    r"wine",
    r"whiske?y",
    r"rum",
    r"champagne",
    r"alcohol",
    r"booze",
    r"cider",
    r"cigarettes?",
    r"cigars?",
    r"tobacco",
    r"vap(?:e|es|ed|ing)",
    r"joints?",
    r"weed",
    r"magic mushrooms",
    r"drunk",
    r"smok(?:e|es|ed|ing) (?:a |the |her |his )?(?:\w+ )?(?:cigarettes?|joints?|pipe)",
    r"drink(?:s|ing)? (?:\w+ ){0,2}until (?:they|he|she)(?:'re|'s| are| is)? (?:giggly|dizzy|sick)",
)
#: What makes a substance sound enjoyed.
ENJOYMENT_WORDS = any_of(
    r"fun",
    r"funny",
    r"cool(?:est)?",
    r"awesome",
    r"yummy",
    r"best",
    r"great",
    r"loves?",
    r"laugh\w*",
    r"giggly",
    r"special moment",
    r"danc\w+",
    r"happy",
    r"sleeps? better",
    r"grown up",
)

#: A substance next to a child or enjoyment, unless told as a lesson.
RULES: tuple[IntentRule, ...] = (
    IntentRule(
        "substances",
        whole_words(SUBSTANCES),
        needs=whole_words(any_of(CHILDREN, ENJOYMENT_WORDS)),
        unless=LESSON,
    ),
    IntentRule(
        "substances", whole_words(r"roll(?:s|ing)? a joint|make their own alcohol|get drunk")
    ),
)
