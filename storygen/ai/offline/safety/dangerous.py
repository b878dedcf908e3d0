"""Dangerous activities: household hazards and challenges offered to children as fun."""

from __future__ import annotations

import re

from storygen.ai.offline.safety.patterns import IntentRule, any_of, whole_words
from storygen.ai.offline.safety.vocabulary import ATTRACTION, CHILDREN, LESSON

#: A safety lesson as a hazard story tells it, on top of the shared one: the child hands the
#: danger to a grown-up, is told it is not a sweet, or asks first.
SAFETY_LESSON = re.compile(
    LESSON.pattern
    + "|"
    + whole_words(
        any_of(
            r"(?:hand|give|gave|bring|brought|take|took|pass)\w* (?:them|it|the \w+|those|these)"
            r"(?: straight| right| straight away| quickly)? (?:over |back )?to (?:her|his|their"
            r"|a|the|an) (?:[\w']+ )?(?:mum|mom|dad|mummy|mommy|daddy|parents?|grown[\s-]?ups?"
            r"|adults?|teacher|nan|gran|grandma|grandpa)",
            r"(?:doesn'?t|does not|don'?t|do not|didn'?t|did not|won'?t|never) (?:put|eat|taste"
            r"|swallow|touch|drink|lick) (?:them|it|any)",
            r"(?:isn'?t|is not|aren'?t|are not|not) (?:a |for )?(?:candy|sweets?|toys?|food|juice"
            r"|drinking|eating|playing with)",
            r"poisonous",
            r"(?:always |first )?ask(?:s|ed|ing)? (?:a|an|the|their|his|her) (?:[\w']+ )?"
            r"(?:grown[\s-]?ups?|adults?|parents?)",
            r"tells? (?:a|an|the) (?:[\w']+ )?(?:adult|grown[\s-]?up|parent)",
            r"instead of (?:eating|drinking|touching|playing|tasting)",
            # A grown-up's own medicine, taken as the doctor said.
            r"(?:take|takes|took|taking) (?:his|her|their) (?:pills|tablets|medicine)",
            r"no thanks",
            r"stays? away from",
            r"keeps? (?:back|away) from",
        )
    ).pattern
)
#: A grown-up in charge, as a hazard story tells it ("with the park ranger").
SUPERVISED = re.compile(
    SAFETY_LESSON.pattern
    + "|"
    + whole_words(
        r"with (?:their|his|her|the|our|my) (?:[\w']+ )?(?:parents|mum|mom|dad|grandma|grandpa"
        r"|grandad|granny|nana|teacher|ranger|park ranger|coach|guide|lifeguard|instructor"
        r"|neighbours|class)"
    ).pattern
)
#: "Let's" as the shared attraction words spell it, and as a hazard story means it: "lets
#: play", a suggestion, not "Mum lets the children stay up", a permission.
LETS = "let'?s"
SUGGESTION = (
    r"let's|lets(?= (?:go|play|try|see|do|make|have|all|jump|climb|race|sneak|get|be|pretend"
    r"|eat|drink|taste|light|set|find|hide|swim|dive|ride|run)(?!\w))"
)
if LETS not in ATTRACTION.pattern:
    raise RuntimeError("the shared attraction words no longer spell let's as LETS says")
#: What makes a danger sound like a thrill, on top of the shared attraction words.
THRILL = re.compile(
    ATTRACTION.pattern.replace(LETS, SUGGESTION)
    + "|"
    + whole_words(
        any_of(
            r"epic",
            r"to see (?:how|what|if|who)",
            r"(?:what|for) a laugh",
            r"best (?:thing|day|game|fun) ever",
            r"thrill\w*",
            r"buzz",
            r"rush",
            r"take turns",
            r"takes? turns",
            r"tast(?:e|es|ed|y|ing)",
            r"tea party",
            r"potions?",
            r"heroes",
            r"champions?",
        )
    ).pattern
)
#: Brothers, sisters and friends out on their own, on top of the shared words for children.
YOUNG = whole_words(
    any_of(CHILDREN, r"siblings?", r"brothers?", r"sisters?", r"twins", r"cousins?", r"friends")
    + r"(?:'s|s')?"
)

#: A child getting into a small space, not an adult putting something away in it.
CLIMBING_IN = (
    any_of(
        r"(?:hid(?:es|ing)?|hide|climb\w*|crawl\w*|squeez\w*|curl\w*(?: up)?|sneak\w*) (?:inside"
        r"|into|in)",
        r"(?:hiding (?:spot|place)|place to hide|hideout|den)(?: [\w']+){0,4} (?:inside|in|into)",
    )
    + r" (?:the |a |an )?(?:[\w']+ )?"
)
#: Appliances that do not open from inside.
APPLIANCE = any_of(
    r"fridge",
    r"freezer",
    r"washing machine",
    r"tumble dryer",
    r"dryer",
    r"dishwasher",
)
#: Boxes that close over a child who hides in them.
ENCLOSURE = any_of(
    r"car boot",
    r"boot of (?:the|a) car",
    r"trunk of (?:the|a) car",
    r"(?:old |big |wooden |toy )?chest",
    r"suitcase",
    r"cool ?box",
)

#: A spray can that burns, and what lights it.
AEROSOL = any_of(
    r"hair ?spray",
    r"deodorant",
    r"aerosols?",
    r"spray cans?",
    r"can of (?:[\w']+ )?spray",
    r"body spray",
    r"air freshener",
)
FLAME = any_of(r"match(?:es)?", r"lighters?", r"flames?", r"lit", r"fire", r"candles?")

#: Toes or fingers that go numb after ballet or snow are no harm.
NUMB_EXTREMITY = r"(?! (?:her|his|their|my|your) (?:toes|fingers|feet|nose|ears|hands|legs|knees))"

#: What a child can get hurt with at home or outside.
HAZARDS = any_of(
    r"(?:set|sets|setting) (?:[\w']+ ){1,3}on fire",
    r"(?:no|without(?: a| their| his| her| any)?) (?:helmets?|brakes)",
    r"bleach",
    r"ammonia",
    r"cleaning products?",
    r"laundry pods?",
    r"detergent",
    r"pods",
    r"medicines?",
    r"pills",
    r"tablets",
    r"matches",
    r"lighters?",
    r"(?:set|sets|setting|light|lights|lit|make) (?:[\w']+ ){0,2}fires?",
    r"roof",
    # A window is a danger climbed through or leaned out of, not one smiled at.
    r"(?:climb\w*|lean\w*|hang\w*|jump\w*|crawl\w*|squeez\w*|balanc\w*|sit\w*|sat|stand\w*"
    r"|stood|out(?: of)?|through|from) (?:[\w']+ ){0,3}windows?(?:sills?|ledges?)?",
    # A bridge is crossed on a train ride; it is jumped or climbed from on a dare.
    r"(?:jump|jumps|jumped|jumping|leap\w*|dive|dives|diving|climb\w*|hang\w*|balanc\w*)"
    r" (?:[\w']+ ){0,4}bridges?",
    r"railway (?:lines?|tracks)",
    r"train tracks",
    r"hold(?:s|ing)? (?:their|your|his|her|my) breath",
    r"breath[\s-]?holding",
    # A scarf is a gift for a snowman; round a neck, a game that strangles.
    r"(?:scarf|scarves|belts?|ropes?|cords?|string|ties?|leads?) (?:[\w']+ ){0,2}(?:a)?round"
    r" (?:his|her|their|your|my|each other'?s?|the) (?:own )?necks?",
    r"plastic bag",
    r"plug",
    r"sockets?",
    r"electricity",
    r"pylons?",
    r"power lines?",
    r"fork",
    r"batter(?:y|ies)",
    r"deodorant",
    r"glue",
    r"(?:pour|splash|throw|spray|sniff|squirt|tip)\w* (?:[\w']+ ){0,2}(?:petrol|gasoline"
    r"|lighter fluid|paraffin)",
    r"(?:play|run|ran|dart|dash|lie|lay|lying|sit|stand|danc|ride|rode|skat|cycl)\w*"
    r" (?:[\w']+ ){0,3}(?:in|into|on|across|through|between|down|along) (?:the )?(?:(?:middle"
    r"|centre|center) of (?:the |a )?)?(?:[\w']+ )?(?:busy roads?|traffic|motorways?|highways?"
    r"|freeways?|main roads?|moving cars|dual carriageway)",
    r"(?:weav|dodg|swerv|zigzag)\w* (?:[\w']+ ){0,3}(?:between|through|around|closest to|past)"
    r" (?:the )?(?:[\w']+ )?(?:cars|trucks|lorries|buses|traffic|vans)",
    r"antifreeze",
    r"drain cleaner",
    r"weed ?killer",
    r"rat poison",
    r"paint thinner",
    r"white spirit",
    r"turpentine",
    r"lamp oil",
    r"windscreen wash",
    r"(?:oven|toilet) cleaner",
    r"dishwasher (?:tablets|pods)",
    r"(?:stay|stays|staying|stayed) under(?: the)?(?:water)? (?:the )?longest",
    r"who can stay under",
    r"(?:no|without(?: any| their| his| her)?) (?:floaties|armbands|water wings|life ?jackets?"
    r"|rubber rings?)",
    r"without ropes",
    r"no grown[\s-]?ups?",
    r"nobody watching",
    r"swim (?:[\w']+ ){0,4}alone",
    r"alone at night",
    r"without (?:a |any )?grown[\s-]?ups?",
    r"under the sink",
    r"hairpin",
    r"gas",
    r"cookers?",
    r"stoves?",
    r"hob",
    r"(?:cough )?syrup",
    r"cough medicine",
    r"knives",
    r"balcony railings?",
    r"railings? of (?:the|a) balcony",
    r"ledges?",
    r"\d+(?:st|nd|rd|th)[\s-]floor",
    r"substations?",
    r"electric fences?",
    r"thin ice",
    r"motorways?",
    r"(?:building|construction) sites?",
    r"abandoned (?:mines?|wells?|buildings?|factory)",
)

#: Dangerous challenges and household hazards offered as fun, unless told as a lesson.
RULES: tuple[IntentRule, ...] = (
    IntentRule("dangerous-activity", whole_words(HAZARDS), needs=THRILL, unless=SUPERVISED),
    IntentRule(
        "dangerous-activity",
        whole_words(
            any_of(
                # Children in deep or open water with nobody watching.
                r"swim(?:s|ming)? (?:[\w']+ ){0,4}(?:alone|at night|by themselves|on (?:their|his"
                r"|her) own)",
                r"(?:dive|dives|diving|dived|jump|jumps|jumping|jumped) (?:off|from) (?:the |a )?"
                r"(?:[\w']+ )?(?:cliffs?|rocks|pier|balcony)",
                r"quarr(?:y|ies)",
                # Small spaces a child can be shut in.
                r"(?:climb|crawl|hid|hide|shut|squeez)\w* (?:[\w']+ )?(?:inside"
                r"|into) (?:the |a |an )?(?:[\w']+ )?(?:washing machine|tumble dryer|fridge"
                r"|freezer|oven|dishwasher)",
                r"(?:skat|walk|play|run|ran|slid|slip|danc)\w* (?:[\w']+ ){0,2}(?:on|onto|across)"
                r" (?:the )?thin ice",
            )
        ),
        needs=YOUNG,
        # Gretel tricks the witch into the oven: the villain is the one shut in.
        unless=re.compile(
            SUPERVISED.pattern + "|" + whole_words(r"(?:the |a )?(?:witch|ogre|troll|wolf)").pattern
        ),
    ),
    IntentRule(
        "dangerous-activity",
        whole_words(
            any_of(
                # Fire as a plaything, or lit where a home burns.
                r"play(?:s|ed|ing)? with (?:[\w']+ ){0,2}(?:lighters?|matches|fire|flames?|petrol"
                r"|lit candles?)",
                r"(?:make|makes|made|making|light|lights|lit|lighting|start|starts|started|build"
                r"|builds|built) (?:[\w']+ ){0,3}(?:campfire|bonfire|fires?|flames?)"
                r" (?:[\w']+ ){0,2}(?:on|in|under) (?:the|a|their|his|her|my) (?:[\w']+ )?"
                r"(?:carpet|bed|closet|wardrobe|bedroom|tent|sofa|couch|curtains|cupboard|attic|den|fort|blankets?)",
                # Medicine or household liquids taken by the bottle.
                r"(?:drink|drinks|drank|drinking|gulp\w*|swallow\w*|eat|eats|ate|eating|down"
                r"|downs|downed|chug\w*|guzzl\w*|finish\w*)(?: down| up)? (?:a |the |an |her |his"
                r" |their )?(?:whole|entire|full|big) (?:[\w']+ )?(?:bottles?|packets?|box|pack|jar"
                r"|tub)s? of (?:[\w']+ )?(?:cough syrup|syrup|medicine|pills|tablets|vitamins"
                r"|painkillers|sleeping pills|mouthwash|bleach)",
                # Places that kill the children who play in them.
                r"(?:play|plays|played|playing|climb|climbs|climbed|climbing|sneak\w*|hid|hides?"
                r"|hiding) (?:[\w']+ ){0,3}(?:in|inside|into|on|onto|near|over|under|along)"
                r" (?:the |a |an )?(?:[\w']+ )?(?:substations?|railway lines?|railway tracks"
                r"|train tracks|building sites?|construction sites?|quarry|motorway|electric fence"
                r"|pylons?"
                r"|power lines?|balcony railings?|railings of|railway tunnels?|train tunnels?"
                r"|railway bridges?)",
                r"swim(?:s|ming)? (?:[\w']+ )?under (?:the )?ice",
                r"(?:break|breaks|broke|breaking|cut|cuts|smash\w*) a hole in the ice"
                r" (?:[\w']+ ){0,2}(?:jump|swim|dive)",
                r"(?:jump|jumps|jumped|jumping|dive|dives|dived|diving) (?:in|into) (?:the )?"
                r"(?:frozen|icy)",
                r"(?:frozen|icy) (?:river|lake|pond|canal|sea) alone",
            )
        ),
        unless=SAFETY_LESSON,
    ),
    IntentRule(
        "dangerous-activity",
        whole_words(
            any_of(
                r"(?:choking|blackout|fainting|pass out) (?:game|challenge)",
                r"mix(?:es|ing)? (?:the )?bleach (?:and|with) (?:ammonia|vinegar)",
                r"mix(?:es|ing)? (?:the )?(?:ammonia|vinegar) (?:and|with) bleach",
                r"until (?:you|they|he|she|someone) (?:almost |nearly )?(?:pass(?:es)? out"
                r"|faints?|black(?:s)? out|(?:can'?t|cannot) (?:feel"
                + NUMB_EXTREMITY
                + "|breathe|see)"
                r"|go(?:es)? dizzy|sees? stars|turns? blue)",
                r"play(?:s|ed|ing)? chicken",
                r"(?:make|makes|made|making|build\w*) (?:their|his|her|our|your) own (?:fireworks"
                r"|rockets|bangers|explosives)",
                r"sniff(?:s|ing)? glue",
                r"plastic bag over (?:your|his|her|their) head",
                r"(?:scarf|belt|rope) (?:a)?round (?:his|her|your|their) neck",
                r"railway tracks until",
                r"(?:lick|licks) the batter(?:y|ies)",
            )
        ),
        unless=SAFETY_LESSON,
    ),
    IntentRule(
        "dangerous-activity",
        whole_words(
            any_of(
                # Challenges passed between children online, named.
                r"(?:cinnamon|nutmeg|salt[\s-]?and[\s-]?ice|tide[\s-]?pods?|laundry[\s-]?pods?"
                r"|skull[\s-]?breaker|benadryl|fire|hot water|one chip|kiki|milk crate|choking"
                r"|blackout|fainting|pass[\s-]?out|car surfing|train surfing|roof[\s-]?topping)"
                r" (?:dare|challenges?)",
                r"(?:swallow|eat|eats|ate|down)\w* (?:a |the )?(?:whole |big |full )?"
                r"(?:spoon(?:ful)?|mouthful) of (?:dry )?(?:cinnamon|nutmeg|salt|chilli|pepper)",
                # A spray can and a flame, the homemade flamethrower.
                AEROSOL + r"(?: [\w']+){0,5} " + FLAME,
                FLAME + r"(?: [\w']+){0,5} " + AEROSOL,
                r"(?:homemade|home[\s-]made|mak\w*|made|build\w*|built) (?:a |an |their own"
                r" |his own |her own )?(?:[\w']+ )?flame ?throwers?",
                # Cleaners mixed to see what happens, which makes poison gas.
                r"mix\w* (?:[\w']+ ){0,3}(?:cleaners|cleaning (?:products|sprays|liquids)"
                r"|household chemicals|chemicals from under the sink|bathroom cleaners?)",
                # Electricity and water together.
                r"(?:in|into) the (?:bath|bathtub|tub|paddling pool|pool|water|sink|shower) with"
                r" (?:a|the|an|her|his|their|mum'?s|dad'?s) (?:[\w']+ )?(?:hair ?dryer|toaster"
                r"|radio|heater|straighteners|curling iron|extension (?:lead|cord)|charger|lamp)",
                r"(?:hair ?dryer|toaster|radio|heater|straighteners|curling iron|extension"
                r" (?:lead|cord)|charger|lamp)s? (?:[\w']+ ){0,4}(?:in|into) the (?:[\w']+ )?"
                r"(?:bath|bathtub|tub|paddling pool|pool|water|sink)",
                # A child shut in an appliance that does not open from inside.
                CLIMBING_IN + APPLIANCE,
                # Covering a face or head so no air gets in.
                r"(?:plastic|carrier|shopping|sandwich|bin|freezer|zip[\s-]?lock) bags?"
                r" (?:[\w']+ )?(?:over|on|around|round) (?:your|his|her|their|our|my"
                r"|each other'?s?) (?:own )?(?:heads|head|faces?)",
                r"(?:cling ?film|tape|sellotape|duct tape) (?:[\w']+ )?(?:over|on|around|round)"
                r" (?:your|his|her|their|our|my|each other'?s?) (?:own )?(?:heads?|faces?|mouths?"
                r"|noses?)",
            )
        ),
        unless=SAFETY_LESSON,
    ),
    IntentRule(
        "dangerous-activity",
        whole_words(
            any_of(
                # Ice that is giving way under children's feet.
                r"(?:even )?(?:when|though|if|while|as) (?:the )?ice (?:is |was |starts? |keeps? )?"
                r"(?:crack|break|melt|creak|splitt)\w*",
                r"(?:on|onto|across) (?:the )?(?:cracking|cracked|melting|breaking) ice",
            )
        ),
        needs=whole_words(
            r"(?:skat|walk|run|ran|play|slid|danc|jump|ride|rode|go|went|stand|stood)\w*"
            r" (?:[\w']+ ){0,3}(?:on|onto|across|over) (?:the )?(?:[\w']+ )?(?:pond|lake|river"
            r"|canal|ice)"
        ),
        unless=SAFETY_LESSON,
    ),
    IntentRule(
        "dangerous-activity",
        whole_words(CLIMBING_IN + ENCLOSURE),
        needs=whole_words(
            r"(?:shut|close|closes|closed|lock|locks|locked|latch\w*)(?! (?:the )?(?:door|eyes)"
            r" (?:behind|and (?:go|went|sleep)))"
        ),
        unless=SAFETY_LESSON,
    ),
)
