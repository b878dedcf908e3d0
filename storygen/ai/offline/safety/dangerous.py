"""Dangerous activities: household hazards and challenges offered to children as fun."""

from __future__ import annotations

from storygen.ai.offline.safety.patterns import IntentRule, any_of, whole_words
from storygen.ai.offline.safety.vocabulary import ATTRACTION, LESSON

#: What a child can get hurt with at home or outside.
HAZARDS = any_of(
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
    r"(?:set|sets|setting|light|lights|lit|make) (?:\w+ ){0,2}fires?",
    r"roof",
    r"window",
    r"bridge",
    r"railway",
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
    r"swim (?:\w+ ){0,4}alone",
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
)

#: Dangerous challenges and household hazards offered as fun, unless told as a lesson.
RULES: tuple[IntentRule, ...] = (
    IntentRule("dangerous-activity", whole_words(HAZARDS), needs=ATTRACTION, unless=LESSON),
    IntentRule(
        "dangerous-activity",
        whole_words(
            any_of(
                r"(?:choking|blackout|fainting|pass out) (?:game|challenge)",
                r"mix(?:es|ing)? (?:the )?bleach (?:and|with) (?:ammonia|vinegar)",
                r"mix(?:es|ing)? (?:the )?(?:ammonia|vinegar) (?:and|with) bleach",
                r"until (?:you|they|he|she|someone) (?:almost )?(?:pass(?:es)? out|faints?)",
                r"sniff(?:s|ing)? glue",
                r"plastic bag over (?:your|his|her|their) head",
                r"(?:scarf|belt|rope) (?:a)?round (?:his|her|your|their) neck",
                r"railway tracks until",
                r"(?:lick|licks) the batter(?:y|ies)",
            )
        ),
        unless=LESSON,
    ),
)
