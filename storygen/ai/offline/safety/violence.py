"""Violence: the words of killing and harm no fairy tale needs, the fairy-tale peril that
only adds up, and the rules against teaching how to hurt someone."""

from __future__ import annotations

from storygen.ai.offline.safety.patterns import IntentRule, any_of, gap, whole_words
from storygen.ai.offline.safety.vocabulary import HOW

#: Words that block wherever they appear.
WORDS: tuple[str, ...] = (
    # Killing on a massive scale, which no fairy tale's danger needs.
    "kill everyone",
    "kill everybody",
    "killed everyone",
    "killed everybody",
    "killing everyone",
    "kill them all",
    "killed them all",
    "murder",
    "murders",
    "murdered",
    "murderer",
    "murdering",
    "bloody",
    "bloodshed",
    "blood everywhere",
    "covered in blood",
    "soaked in blood",
    "pool of blood",
    "pools of blood",
    "blood sprayed",
    "blood sprays",
    "blood spurted",
    "blood spurts",
    "blood gushed",
    "blood gushes",
    "blood poured",
    "blood pours",
    "gore",
    "gory",
    "stab",
    "stabs",
    "stabbed",
    "stabbing",
    "behead",
    "beheaded",
    "beheading",
    "beheads",
    "decapitate",
    "decapitated",
    "decapitates",
    "massacre",
    "massacres",
    "massacred",
    "slaughter",
    "slaughtered",
    "slaughters",
    "slaughtering",
    "torture",
    "tortured",
    "torturing",
    "tortures",
    "torturer",
    "strangle",
    "strangled",
    "strangles",
    "strangling",
    "mutilate",
    "mutilated",
    "mutilates",
    "dismember",
    "dismembered",
    "dismembers",
    "shot dead",
    "shoot him",
    "shoot her",
    "shoot them",
    "slit throat",
    "slit his throat",
    "slit her throat",
    "bludgeon",
    "bludgeoned",
    "disembowel",
    "disemboweled",
    "execute them",
    "burn them alive",
    "burned alive",
    "terrorist",
    "terrorists",
    "terrorism",
    "gun down",
    "gunned down",
    "gunman",
    "gunmen",
    "school shooting",
    "mass shooting",
    "entrails",
    "intestine",
    "intestines",
    "disembowelled",
)

#: Harmless phrases that contain a listed word; removed before matching.
HARMLESS: tuple[str, ...] = (
    "killer whale",
    "killer whales",
    "blood orange",
    "blood oranges",
    "blood moon",
    "blood cells",
    "blood cell",
)

#: The danger fairy tales are made of: the wolf who wants to kill the pigs, the giant who
#: smells the blood of an Englishman. Each group weighs a little (PERIL_WEIGHT), below the
#: violence limit on its own; killing *and* blood together reach it.
PERIL_GROUPS: dict[str, tuple[str, ...]] = {
    "kill": ("kill", "kills", "killed", "killing", "killer", "killers"),
    "blood": ("blood",),
}

#: Ways to hurt someone, and who gets hurt.
HARM_VERBS = any_of(
    r"hurt(?:s|ing)?",
    r"harm(?:s|ing)?",
    r"injure",
    r"punch(?:es|ing)?",
    r"chok(?:e|es|ing)",
    r"strangl(?:e|es|ing)",
    r"smother(?:s|ing)?",
    r"poison(?:s|ing)?",
    r"trip(?:s|ping)?",
    r"hit(?:s|ting)?",
    r"kick(?:s|ing)?",
    r"push(?:es|ing)?",
    r"drown(?:s|ing)?",
    r"beat(?:s|ing)? up",
    r"stab(?:s|bing)?",
    r"k[i1]ll(?:s|ing)?",
    r"burn(?:s|ing)?",
    r"knock(?:s|ing)?",
)
VICTIMS = any_of(
    r"someone",
    r"somebody",
    r"people",
    r"a person",
    r"each other",
    r"(?:his|her|their|my|your|the|a|our|someone's) (?:[\w']+ ){0,2}(?:teachers?|sisters?"
    r"|brothers?|bab(?:y|ies)|classmates?|mum|mom|mother|dad|father|stepdad|stepmum|neighbou?rs?"
    r"|friends?|kids?|child|boy|girl|dogs?|cats?|pupp(?:y|ies)|kittens?|hamsters?|pets?"
    r"|grandma|grandad|grandpa)",
    r"teachers?",
    r"classmates?",
    r"cats",
    r"dogs",
)

#: Instructions to hurt someone.
RULES: tuple[IntentRule, ...] = (
    IntentRule("violence", whole_words(HARM_VERBS + gap(3) + VICTIMS), needs=HOW),
    IntentRule(
        "violence",
        whole_words(
            r"how to (?:hurt|harm|kill|poison|stab|choke|strangle|smother|punch|beat up|injure"
            r"|drown|break)"
        ),
    ),
    IntentRule(
        "violence",
        whole_words(
            r"(?:bleach|poison|rat poison|pills|glass) (?:in|into) (?:[\w']+ ){0,2}(?:coffee|tea"
            r"|drink|juice|food|shoes|dinner)"
        ),
    ),
    IntentRule(
        "violence",
        whole_words(r"break (?:his|her|their|someone's) (?:arms?|legs?|neck|nose|bones?)"),
        needs=HOW,
    ),
    IntentRule(
        "violence",
        whole_words(r"set (?:[\w']+ ){0,3}(?:house|home|school|car|bed) on fire"),
        needs=HOW,
    ),
)
