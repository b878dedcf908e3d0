"""Harassment: the taunts that always block, and insults aimed at a real person."""

from __future__ import annotations

import re

from storygen.ai.offline.safety.patterns import IntentRule, any_of, whole_words

#: Words that block wherever they appear.
WORDS: tuple[str, ...] = (
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
    "you are ugly",
    "you're ugly",
    "you are stupid",
    "you're stupid",
    "i will hurt you",
    "i'll hurt you",
    "bully him",
    "bully her",
)

#: Insults, mockery and leaving someone out.
INSULTS = any_of(
    r"ugly",
    r"fat",
    r"stupid",
    r"worthless",
    r"losers?",
    r"liar",
    r"pig",
    r"smelly",
    r"smells",
    r"stinks",
    r"dumb(?:est)?",
    r"weird",
    r"wets the bed",
    r"slut",
    r"hates? (?:him|her)",
    r"go away",
    r"no friends",
    r"left out",
    r"make(?:s)? fun",
    r"makes? (?:\w+ ){0,2}cry",
    r"until (?:he|she) cries",
    r"mean messages",
    r"laugh at",
    r"laughs at (?:her|him)",
    r"everyone (?:should |can )?laugh",
    r"nobody should play",
    r"push(?:es)? (?:[\w']+ ){0,4}around",
    r"steal (?:his|her) lunch",
    r"teas(?:e|es|ed|ing)",
    r"ignores",
    r"go kill",
    r"bully",
)
#: A real person an insult can aim at.
PEOPLE_NAMED = whole_words(
    any_of(
        r"classmates?",
        r"in (?:my |our |the )?class",
        r"class \w+",
        r"(?:from|in) year \w+",
        r"from \d\w*",
        r"at [\w']+ (?:\w+ )?school",
        r"neighbou?r",
        r"teacher",
        r"(?:mr|mrs|ms|miss) \w+",
        r"next door",
        r"real (?:girl|boy|kid)",
        r"my (?:son|daughter)'?s?",
        r"ex[\s-]husband'?s?",
        r"new (?:girl|kid|boy)",
        r"weird kid",
        r"shy boy",
        r"fat kid",
        r"boy with glasses",
        r"the whole class",
        r"everyone (?:in|at)",
        r"group chat",
    )
)
#: A person named, found before folding: a first and a family name ("Emily Carter"), or a
#: first name inside a sentence that says what the person is ("says Daniel is").
FULL_NAME = re.compile(
    r"(?<![\w'])[A-Z][a-z0-9]+ [A-Z][a-z0-9]+(?![\w'])"
    r"|(?<=[a-z,] )[A-Z][a-z]+(?= (?:is|was|has)\b)"
)

#: Insults aimed at a real person (a named one counts as well: see FULL_NAME).
RULES: tuple[IntentRule, ...] = (
    IntentRule("harassment", whole_words(INSULTS), needs=PEOPLE_NAMED),
)
