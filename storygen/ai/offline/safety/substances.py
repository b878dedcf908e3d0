"""Substances: alcohol, tobacco, vapes and drugs given to or enjoyed by children."""

from __future__ import annotations

from storygen.ai.offline.safety.dangerous import SAFETY_LESSON
from storygen.ai.offline.safety.patterns import IntentRule, any_of, whole_words
from storygen.ai.offline.safety.vocabulary import CHILDREN

#: Children as a substance story names them, possessives included ("the baby's bottle").
YOUNG = (
    any_of(
        CHILDREN,
        r"twins",
        r"siblings?",
        r"brothers?",
        r"sisters?",
        r"cousins?",
        r"grandkids",
        r"grandchildren",
        r"nephews?",
        r"nieces?",
        r"pupils",
        r"year (?:\w+s|\d+s?)",
        r"little ones",
        r"youngsters",
    )
    + r"(?:'s|s')?"
)

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
    r"smok(?:e|es|ed|ing) (?:a |the |her |his )?(?:[\w']+ )?(?:cigarettes?|joints?|pipe)",
    r"liquor",
    r"spirits cabinet",
    r"drinks cabinet",
    # A fruit-juice cocktail is a children's drink.
    r"(?<!juice )(?<!fruit )(?<!mock)cocktails?",
    r"gin",
    r"tequila",
    r"brandy",
    r"lager",
    r"alcopops?",
    r"moonshine",
    r"prosecco",
    r"hard (?:cider|seltzer)",
    r"drinking games?",
    r"(?:shots of (?:vodka|tequila|whiske?y|rum|gin|alcohol|booze)|(?:vodka|tequila|whiske?y)"
    r" shots)",
    r"thc",
    r"edibles",
    r"(?:pot|weed|hash) (?:brownies|cookies|gummies|sweets)",
    r"space cakes?",
    r"stoned",
    # A kite that gets high is in the sky; a child that gets high on something is not.
    r"(?:get|gets|getting|got) (?:really |so )?high (?:together|off|from|on (?:pills|drugs|weed"
    r"|glue|gas|it|them|something|that))",
    r"snort(?:s|ed|ing)? (?:[\w']+ ){0,2}(?:powder|lines?|coke|pills|crushed|white|sugar|stuff)",
    r"pop(?:s|ped|ping)? pills",
    r"(?:smoke|smokes|smoking|smoked) (?:[\w']+ ){0,2}(?:pot|hash|bong|pipe)",
    r"nicotine",
    r"e[\s-]?cigs?",
    r"drink(?:s|ing)? (?:[\w']+ ){0,2}until (?:they|he|she)(?:'re|'s| are| is)?"
    r" (?:giggly|dizzy|sick)",
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
    r"grown[\s-]?up",
    r"cheer\w*",
    r"giggl\w*",
    r"positive",
    r"brave",
)

#: A substance next to a child or enjoyment, unless told as a lesson.
RULES: tuple[IntentRule, ...] = (
    IntentRule(
        "substances",
        whole_words(SUBSTANCES),
        needs=whole_words(any_of(YOUNG, ENJOYMENT_WORDS)),
        unless=SAFETY_LESSON,
    ),
    IntentRule(
        "substances", whole_words(r"roll(?:s|ing)? a joint|make their own alcohol|get drunk")
    ),
    IntentRule(
        "substances",
        whole_words(
            any_of(
                # Drink or drugs taken from where the grown-ups keep them.
                r"(?:raid|raids|raided|raiding|open|opens|opened|sneak\w*|steal\w*|stole|nick\w*)"
                r" (?:[\w']+ ){0,3}(?:liquor|drinks|spirits|wine|beer) (?:cabinet|cupboard|fridge"
                r"|cellar|rack)",
                r"(?:drink|drinks|drank|drinking|gulp\w*|down\w*|chug\w*|finish\w*|share\w*)"
                r" (?:a |the |an |her |his |their )?(?:whole|entire|full) (?:[\w']+ )?bottles? of"
                r" (?:[\w']+ )?(?:vodka|wine|beer|whiske?y|rum|gin|cider|champagne|alcohol|booze)",
            )
        ),
        needs=whole_words(YOUNG),
        unless=SAFETY_LESSON,
    ),
)
