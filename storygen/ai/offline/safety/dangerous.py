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
            r"hand(?:s|ed|ing)? (?:them|it|the \w+)(?: straight)? (?:over )?to (?:her|his|their"
            r"|a|the|an) (?:[\w']+ )?(?:mum|mom|dad|parents?|grown[\s-]?ups?|adults?|teacher"
            r"|nan|gran)",
            r"(?:isn'?t|is not|aren'?t|are not|not) (?:a |for )?(?:candy|sweets?|toys?|food|juice"
            r"|drinking|eating|playing with)",
            r"poisonous",
            r"(?:always |first )?ask(?:s|ed|ing)? (?:a|an|the|their|his|her) (?:[\w']+ )?"
            r"(?:grown[\s-]?ups?|adults?|parents?)",
            r"tells? (?:a|an|the) (?:[\w']+ )?(?:adult|grown[\s-]?up|parent)",
            r"instead of (?:eating|drinking|touching|playing|tasting)",
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
#: What makes a danger sound like a thrill, on top of the shared attraction words.
THRILL = re.compile(
    ATTRACTION.pattern
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
        )
    ).pattern
)
#: Brothers, sisters and friends out on their own, on top of the shared words for children.
YOUNG = whole_words(
    any_of(CHILDREN, r"siblings?", r"brothers?", r"sisters?", r"twins", r"cousins?", r"friends")
    + r"(?:'s|s')?"
)

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
    r"window",
    # A bridge is crossed on a train ride; it is jumped or climbed from on a dare.
    r"(?:jump|jumps|jumped|jumping|leap\w*|dive|dives|diving|climb\w*|hang\w*|balanc\w*)"
    r" (?:[\w']+ ){0,4}bridges?",
    r"railway (?:lines?|tracks)",
    r"train tracks",
    r"hold(?:s|ing)? (?:their|your|his|her|my) breath",
    r"breath[\s-]?holding",
    r"scarf",
    r"belt",
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
    r" (?:[\w']+ ){0,3}(?:in|into|on|across|through|between) (?:the )?(?:[\w']+ )?(?:busy roads?"
    r"|traffic|motorway|moving cars)",
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
        unless=SUPERVISED,
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
                r"|faints?|black(?:s)? out|can'?t (?:feel|breathe|see)|cannot (?:feel|breathe|see)"
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
)
