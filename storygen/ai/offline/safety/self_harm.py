"""Self-harm and suicide: the words that always block, and the rules for their euphemisms."""

from __future__ import annotations

from storygen.ai.offline.safety.patterns import IntentRule, any_of, whole_words

#: Words that block wherever they appear.
WORDS: tuple[str, ...] = (
    "suicide",
    "suicides",
    "suicidal",
    "kill myself",
    "killing myself",
    "self harm",
    "self harming",
    "cut myself",
    "cutting myself",
    "cut himself",
    "cuts himself",
    "cutting himself",
    "cut herself",
    "cuts herself",
    "cutting herself",
    "cut themselves",
    "hurt myself",
    "end my life",
    "want to die",
    "hang myself",
    "overdose",
    "starve myself",
    "slit my wrists",
    "cut her wrists",
    "cut his wrists",
    "cut their wrists",
    "kill herself",
    "kill himself",
    "kill themselves",
    "killed herself",
    "killed himself",
    "self injury",
    "take my own life",
    "take their own life",
)

#: Oneself, as a rule of harm reads it ("himself", "her self", "themselves").
SELF = r"(?:him|her|my|them|your|one|it)\s?sel(?:f|ves)"

#: Self-harm and suicide, euphemisms included.
RULES: tuple[IntentRule, ...] = (
    IntentRule(
        "self-harm",
        whole_words(
            any_of(
                r"(?:k[i1]l+|hang|hurt|hurts|hurting|cut|cuts|cutting|burn|burns|burning|harm"
                r"|harms|hit|hits|stab|starve|poison|drown|hates?) (?:\w+ )?" + SELF,
                r"(?:be|being) here any\s?more",
                r"disappear forever",
                r"go away forever",
                r"end (?:it all|(?:my|his|her|their|your) (?:own )?li(?:fe|ves))",
                r"to end it",
                r"(?:everyone|everybody|they|the world) would be (?:happier|better)",
                r"nobody would (?:miss|care)",
                r"(?:take|takes|took|taking|swallow|swallows|swallowed|eat|eats) (?:all|every)"
                r"(?: of)? (?:the |her |his |[\w']+ )?(?:pills|tablets|medicines?)",
                r"swallows? (?:them|the pills) one by one",
                r"(?:jump|jumps|jumped|jumping) (?:off|from) (?:the |a )?(?:\w+ )?(?:roof|bridge"
                r"|cliff|window|building|tower)",
                r"to jump",
                r"lets go",
                r"walks? (?:off|into) (?:the )?(?:cliff|river|sea)",
                r"stones in (?:his|her) pockets",
                r"(?:stop|stops|stopped|stopping) eating",
                r"thinner and thinner",
                r"scratch(?:es|ed)? (?:her|his|my) (?:arms|skin|legs) until",
                r"(?:hits?|bangs?) (?:his|her|my) head against",
                r"razor",
                r"goodbye letters",
            )
        ),
        needs=whole_words(
            any_of(
                r"sad",
                r"upset",
                r"lonely",
                r"goodbye",
                r"feel(?:s|ing)? (?:better|peaceful)",
                r"bad feelings",
                r"anymore",
                r"forever",
                r"end it",
                r"nobody",
                r"everyone would",
                r"brave choice",
                r"proud",
                r"pills",
                r"bleed",
                r"wants? to",
                r"decides?",
                r"plans?",
                r"every time",
                r"how",
                r"finds a way",
                r"because",
                SELF,
                r"razor",
            )
        ),
    ),
    IntentRule(
        "self-harm",
        whole_words(
            any_of(r"sleep forever", r"(?:never|not) wake up", r"go to sleep and never wake")
        ),
        # A sleep that ends in waking (a bear's winter) is not death.
        unless=whole_words(r"(?<!never )(?<!not )(?:wakes|woke|waking) up|hibernat\w*"),
    ),
)
