"""Substances: alcohol, tobacco, vapes and drugs given to or enjoyed by children."""

from __future__ import annotations

import re

from storygen.ai.offline.safety.dangerous import SAFETY_LESSON
from storygen.ai.offline.safety.patterns import IntentRule, any_of, quotable_words, whole_words
from storygen.ai.offline.safety.vocabulary import ADULTS, CHILDREN

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
        r"class(?:es)?",
        r"kindergarten",
        r"nursery",
        r"preschool\w*",
        r"tots?",
        r"infants?",
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
    # A chocolate cigar is handed out when a baby is born.
    r"(?<!chocolate )cigars?",
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
    r"sherry",
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
    # Fumes breathed in to feel something.
    r"(?:sniff|huff|inhal)\w* (?:[\w']+ ){0,2}(?:glue(?! (?:pot|stick|gun|lid))|paint thinner"
    r"|petrol|gasoline|lighter fluid|aerosols?|spray paint|solvents?|nail varnish remover|gas)",
    r"e[\s-]?cigs?",
    r"drink(?:s|ing)? (?:[\w']+ ){0,2}until (?:they|he|she)(?:'re|'s| are| is)?"
    r" (?:giggly|dizzy|sick)",
)
#: The drinks a grown-up may have in a picture book.
SUBSTANCES_DRINKS = any_of(
    r"wine",
    r"beers?",
    r"champagne",
    r"prosecco",
    r"cider",
    r"whiske?y",
    r"brandy",
    r"sherry",
    r"lager",
    r"cocktails?",
    r"gin",
    r"rum",
    r"mead",
    r"grog",
)
#: A grown-up's own drink, which a story may show: a glass of wine at dinner, beer at a
#: barbecue explained as a grown-up drink.
GROWN_UP_DRINK = whole_words(
    any_of(
        any_of(
            ADULTS,
            r"mum",
            r"mom",
            r"mummy",
            r"mommy",
            r"dad",
            r"daddy",
            r"father",
            r"mother",
            r"grand(?:pa|ma|ad|dad|father|mother)",
            r"granny",
            r"nana",
            r"aunt(?:ie|y)?",
            r"parents",
            r"guests",
            r"the bride",
            r"the groom",
            r"(?:the |a )?(?:king|queen|knights?|pirates?|captain|giants?|sailors?)",
        )
        + r"(?:'s|s')? (?:[\w']+ ){0,2}(?:has|have|had|drinks?|drank|sips?|sipped|enjoys?|enjoyed"
        r"|raises?|raised|orders?|ordered|opens?|opened|toasts?|toasted|clinks?|clinked|with|shares?"
        r"|shared|pours?|poured)(?: (?:a|an|his|her|their|some|the))? (?:[\w']+ )?(?:(?:glass"
        r"|glasses|pint|cup|flute|bottle|can|mug|goblet|tankard)(?:es|s)? of )?'?(?:[\w']+ )?"
        + SUBSTANCES_DRINKS
        + r"(?: glass(?:es)?| flutes?)?",
        r"grown[\s-]?ups?'? (?:drinks?|wine|beer)",
        # A pretend drink in a play.
        r"(?:really|actually|just|only) (?:grape |apple |fruit |orange |blackcurrant )?(?:juice"
        r"|water|lemonade|squash|cordial|ribena)",
        r"(?:drinks?|wine|beer|champagne|cigars?) (?:is|are) (?:only )?for grown[\s-]?ups",
        r"(?:kids|children|little ones|they) (?:have|drink|get|sip) (?:[\w']+ ){0,2}(?:lemonade"
        r"|juice|squash|milk|water|hot chocolate|cocoa|fizzy pop|smoothies?)(?: instead)?",
    )
)
#: A pet's or a poorly child's medicine, given as the vet or doctor said.
MEDICINE_CARE = whole_words(
    any_of(
        r"(?:takes?|took|taking|has|have|gets?) (?:his|her|its|their) (?:\w+ )?(?:medicine|pills"
        r"|tablets)",
        r"the (?:vet|doctor|nurse|pharmacist|chemist)",
        r"(?:gets?|get|getting) better",
        r"prescri\w+",
    )
)
#: A child taking a drink or a smoke, or handed one.
CONSUMING = any_of(
    r"drink\w*",
    r"drank",
    r"sip\w*",
    r"gulp\w*",
    r"swig\w*",
    r"chug\w*",
    r"smok\w*",
    r"vap(?:e|es|ed|ing)",
    r"puff\w*",
    r"tr(?:y|ies|ied|ying)",
    r"tast\w*",
    r"shar(?:e|es|ed|ing)",
    r"light(?:s|ed)? up",
    r"lit up",
    r"gets? (?:a |some )",
)
GIVING = any_of(
    r"(?:let|lets|letting|allow\w*|giv(?:e|es|ing)|gave|pour\w*|offer\w*|hand\w*|pass\w*"
    r"|bring\w*|brought|buy\w*|bought|serv\w*)",
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
        quotable_words(SUBSTANCES),
        needs=whole_words(any_of(YOUNG, ENJOYMENT_WORDS)),
        unless=re.compile(
            "|".join((SAFETY_LESSON.pattern, GROWN_UP_DRINK.pattern, MEDICINE_CARE.pattern))
        ),
    ),
    IntentRule(
        "substances",
        quotable_words(
            any_of(
                # The child drinks or smokes it, or is handed it: no grown-up's glass excuses
                # that.
                any_of(YOUNG, r"(?:he|she|they)")
                + r"(?: [\w']+){0,4} "
                + CONSUMING
                # The substance is named by the rule above; this one names who takes it.
                + r"(?=(?: [\w']+){0,4} "
                + SUBSTANCES
                + r"(?!\w))",
            )
        ),
        needs=whole_words(any_of(YOUNG, r"\d+")),
        unless=SAFETY_LESSON,
    ),
    IntentRule(
        "substances",
        whole_words(
            GIVING
            + r" (?:the |his |her |their |a |all the |each )?(?:[\w']+ )?"
            + YOUNG
            + r"(?: [\w']+){0,3} (?:a sip|a taste|a glass|a puff|a drag|a swig|a drink|some"
            r"|a can|a bottle|a shot|one)"
            # What is given is the drink itself, or "some" of what the sentence already named.
            + r"(?: (?:of )?(?:[\w']+ ){0,2}"
            + SUBSTANCES
            + r"| (?:of )?(?:it|his|hers|theirs|that|them)"
            r"|(?= (?:each|too|anyway|as well|again|every|at|with|on|in|before|after|when|while"
            r"|because|so|and|but|from|behind)(?!\w)|\s*[.,!?;:]|\s*$))"
        ),
        needs=quotable_words(SUBSTANCES),
        unless=SAFETY_LESSON,
    ),
    IntentRule(
        "substances",
        whole_words(
            # Mushrooms picked to see things, not for the soup.
            any_of(
                r"(?:special|funny|wild|strange|glowing|trippy|forest|spotty|woods?) mushrooms",
                r"mushrooms? (?:[\w']+ ){0,6}(?:to|and|so they|so he|so she) (?:trip|get high"
                r"|see (?:colou?rs|things|rainbows)|hallucinate|have visions|talk to the trees)",
                r"(?:get|gets|got|getting) (?:really |so |super )?(?:tipsy|sloshed|plastered"
                r"|hammered)",
                # A cake gets wasted; a child gets wasted on something.
                r"(?:get|gets|got|getting) (?:really |so |super )?(?:wasted|smashed|trashed)"
                r" (?:on|at (?:the |a )?(?:party|sleepover|disco))",
            )
        ),
        needs=whole_words(YOUNG),
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
