"""Gore: the rules against graphic harm (category violence/graphic), whatever the story."""

from __future__ import annotations

from storygen.ai.offline.safety.patterns import IntentRule, any_of, whole_words

#: Bodies torn, eaten, skinned or spilled.
RULES: tuple[IntentRule, ...] = (
    IntentRule(
        "violence/graphic",
        whole_words(
            any_of(
                r"guts",
                r"insides (?:hanging|spill\w*|out)",
                r"brains? (?:splatter\w*|spill\w*)",
                r"splatter\w*",
                r"eats? (?:the )?(?:[\w']+ ){0,2}brains?",
                r"eyeballs?",
                r"(?:pulls?|pulled|rips?|ripped|tears?|tore|gouges?) (?:out )?(?:[\w']+ ){0,3}"
                r"(?:eyes|hearts?|eyeballs|guts)",
                r"(?:rips?|ripped|tears?|tore|chops?|chopped|cuts?|bites?|bit) (?:off )?"
                r"(?:[\w']+ ){0,3}(?:arms?|legs?|heads?|face|fingers?|hands?|ears?) (?:off|one by"
                r" one)",
                r"(?:chops?|chopped|cuts?|cut|bites?|biting|bit) off (?:[\w']+ ){0,3}(?:arms?|legs?"
                r"|heads?|face|fingers?|hands?)",
                r"(?:eats?|ate|eating|boils?|boiled|skins?|skinned|burns?|burned|burnt) (?:[\w']+"
                r" ){0,2}alive",
                r"skinned",
                r"skin (?:melts|bubbl\w*|peel\w*)",
                r"(?:into|to) (?:bloody )?(?:pieces|bits)",
                r"body parts",
                r"mangled",
                r"torn (?:apart|open)",
                r"tears? (?:[\w']+ ){0,2}apart",
                r"crush(?:es|ed)? (?:[\w']+ ){0,2}skull",
                r"head (?:rolling|rolls)",
                r"crunch\w* (?:their |his |her )?bones",
                r"bones crunch",
                r"blood and (?:flesh|guts)",
                r"flesh",
                r"sea turns? red",
                r"bites? (?:[\w']+ ){0,2}in half",
                r"slices? (?:[\w']+ ){0,2}open",
                r"rips? open",
                r"peel(?:s|ed|ing)? (?:[\w']+ ){0,2}skin",
                r"skin off",
                r"heads? on (?:the |a )?(?:wall|spikes?|sticks?|poles?)",
            )
        ),
    ),
)
