"""Hate: the words of hatred that always block, and the rules against hostility towards a
group of people."""

from __future__ import annotations

from storygen.ai.offline.safety.patterns import IntentRule, any_of, gap, whole_words

#: Words that block wherever they appear.
WORDS: tuple[str, ...] = (
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
    "racial slur",
    "racial slurs",
    "inferior races",
    "hate crime",
)

#: Groups of people hatred aims at.
GROUPS = any_of(
    r"muslims?",
    r"jews",
    r"jewish (?:people|kids|families)",
    r"black people",
    r"blacks",
    r"white people",
    r"asians?",
    r"africans?",
    r"arabs?",
    r"mexicans?",
    r"chinese",
    r"indians?",
    r"indian people",
    r"immigrants?",
    r"refugees?",
    r"foreigners?",
    r"migrants?",
    r"roma(?: family)?",
    r"gypsies",
    r"christians?",
    r"hindus?",
    r"sikhs?",
    r"gays?",
    r"gay (?:people|prince|men|kids)",
    r"lesbians?",
    r"trans(?:gender)? (?:people|kids)",
    r"trans people",
    r"disabled(?: \w+)?",
    r"people in wheelchairs",
    r"autistic (?:kids|people|children)",
    r"deaf people",
    r"blind people",
    r"people with down syndrome",
    r"girl in the hijab",
    r"girls",
    r"women",
    r"races",
    r"(?:the )?\w+ bears from",
)
#: What hatred says of them.
HOSTILITY = any_of(
    r"dangerous",
    r"greedy",
    r"(?:can'?t|cannot|not) be trusted",
    r"less (?:smart|clever|than|intelligent)",
    r"stupid",
    r"dumb",
    r"useless",
    r"worthless",
    r"ruin(?:ing)?",
    r"(?:sent|send|go) back",
    r"disgusting",
    r"dirty",
    r"criminals?",
    r"evil",
    r"punished",
    r"broken",
    r"shouldn'?t",
    r"not (?:be )?allowed",
    r"animals",
    r"terrorists?",
    r"control everything",
    r"sick",
    r"vermin",
    r"lazy",
    r"better than",
    r"superior",
    r"inferior",
    r"thieves",
    r"freaks?",
    r"not worth",
    r"smell",
    r"stink",
    r"idiots",
    r"thrown out",
    r"kept (?:out|away)",
    r"bad",
    r"dirty race",
    r"liars",
)

#: Hostility towards a group.
RULES: tuple[IntentRule, ...] = (
    IntentRule("hate", whole_words(GROUPS + gap(8) + HOSTILITY)),
    IntentRule(
        "hate",
        whole_words(
            any_of(
                r"hate",
                r"make fun of",
                r"laugh at",
                r"chas(?:e|es|ing)",
                r"kick out",
                r"throw out",
                r"keep out",
                r"send back",
                r"stay away from",
                r"keep away from",
            )
            + gap(4)
            + GROUPS
        ),
    ),
    IntentRule(
        "hate",
        whole_words(
            r"(?:dirty|inferior|superior|pure) races?|races are better"
            r"|go back (?:to )?where (?:he|she|they|you) came from"
        ),
    ),
)
