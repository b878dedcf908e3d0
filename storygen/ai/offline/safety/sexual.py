"""Sexual content: the words that always block, those about the abuse of children, and the
rules for what is said without them."""

from __future__ import annotations

from storygen.ai.offline.safety.patterns import IntentRule, any_of, quotable_words, whole_words
from storygen.ai.offline.safety.vocabulary import LESSON

#: Words that block wherever they appear.
WORDS: tuple[str, ...] = (
    "sex",
    "sexual",
    "sexually",
    "sexy",
    "porn",
    "porno",
    "pornography",
    "pornographic",
    "nude",
    "nudes",
    "nudity",
    "erotic",
    "erotica",
    "orgasm",
    "genitals",
    "genitalia",
    "penis",
    "vagina",
    "intercourse",
    "rape",
    "raped",
    "rapist",
    "molest",
    "molested",
    "molester",
    "fetish",
    "stripper",
    "strip club",
    "nsfw",
    "horny",
    "incest",
    "naked body",
    "naked bodies",
    "strip naked",
    "seduce",
    "seduced",
    "seduction",
    "grope",
    "groped",
    "groping",
    "fondle",
    "fondled",
    "fondling",
    "masturbate",
    "masturbation",
    "explicit scene",
    "explicit scenes",
    "lewd",
    "xxx",
    "private parts",
)

#: Terms that are about the sexual abuse of children whatever else the text says.
MINORS_TERMS: tuple[str, ...] = (
    "child porn",
    "child pornography",
    "child abuse material",
    "csam",
    "pedophile",
    "pedophiles",
    "pedophilia",
    "paedophile",
    "paedophiles",
    "paedophilia",
    "pedo",
    "lolicon",
    "shotacon",
    "child grooming",
    "groom a child",
    "grooming children",
    "underage sex",
    "sex with a child",
    "sex with children",
    "sex with a minor",
    "touch the child",
    "touched the child",
    "touch a child",
    "touching children",
)

#: Words about children: any sexual term next to one of these is ``sexual/minors``.
CHILD_TERMS: tuple[str, ...] = (
    "child",
    "children",
    "childs",
    "kid",
    "kids",
    "minor",
    "minors",
    "underage",
    "boy",
    "boys",
    "girl",
    "girls",
    "toddler",
    "toddlers",
    "baby",
    "babies",
    "teen",
    "teens",
    "teenager",
    "teenagers",
    "preteen",
    "preteens",
    "schoolgirl",
    "schoolboy",
    "pupil",
    "pupils",
    "little one",
    "year old",
    "years old",
)

#: Sexual content of any kind.
RULES: tuple[IntentRule, ...] = (
    IntentRule(
        "sexual",
        whole_words(
            any_of(
                r"mak(?:e|es|ing) love",
                r"made love",
                r"spends? the night with",
                r"(?:take|takes|took|taking) (?:off )?(?:all )?(?:of )?(?:their|her|his|your) "
                r"(?:clothes|pyjamas|underwear)(?: off)?",
                r"without (?:any )?clothes",
                r"naked game",
                r"doctor game",
                r"undress(?:es|ed|ing)?",
                r"topless",
                r"underwear",
                r"in bed together",
                r"private (?:area|bits)",
                r"seks",
                r"kiss(?:es|ed)? (?:her|him|them) all over",
                r"grown[\s-]?up things",
                r"touch(?:es|ed|ing)? (?:her|him|them|each other|the (?:boy|girl|child))(?:'s)?"
                r" (?:[\w']+ ){0,2}(?:under|body|bodies|all over|private)",
            )
        ),
    ),
    # What is said instead of the words: slang, euphemisms and misspellings.
    IntentRule(
        "sexual",
        quotable_words(
            any_of(
                r"se+x+(?:y|ual(?:ly)?)?",
                r"s[e3]ggs",
                r"secks",
                r"erot(?:i|ii)?(?:c|k)(?:a|s)?",
                r"eortic",
                r"x[\s-]?rated",
                r"18\+? (?:story|tale|version|book|scene)",
                r"strip[\s-]?teases?",
                r"lap[\s-]?danc(?:e|es|er|ing)",
                r"seductive(?:ly)?",
                r"steamy (?:scenes?|romance|version|night|kiss(?:es|ing)?|details|bits)",
                r"spicy (?:version|scenes?|romance|details|bits|parts|chapter|moments?)",
                r"raunchy",
                r"smutt?y",
                r"smut",
                r"kinky",
                r"lustful",
                r"arousal",
                r"foreplay",
                r"lingerie",
                r"one[\s-]night stand",
                r"hook(?:s|ed|ing)? up with (?:him|her|each other|a|the)",
                r"(?:make|makes|making|made) out with",
                r"moan(?:s|ed|ing)? with pleasure",
                r"boobs",
            )
        ),
    ),
    # Euphemisms that are innocent about a puppy or a jumper, and not about grown-ups.
    IntentRule(
        "sexual",
        quotable_words(
            any_of(
                r"naughty (?:things|stuff|games?|time|scenes?)",
                r"hook(?:s|ed|ing)? up(?! (?:the|a|his|her|their|to|with)\b)",
                r"get(?:s|ting)? it on",
                r"got it on",
                r"get(?:s|ting)? (?:really |very |all )?(?:physical|intimate|frisky|hot and heavy)"
                r"(?! (?:education|exercise|activity|therapy|games?))",
                r"bedroom (?:scenes?|stuff|things|antics)",
                r"sultry",
                r"(?:slow|sexy) dance",
                r"(?:started|starts|start) making out",
            )
        ),
        needs=whole_words(
            any_of(
                r"adults?",
                r"grown[\s-]?ups?",
                r"couples?",
                r"lovers?",
                r"husband",
                r"wife",
                r"(?:boy|girl)friend",
                r"bed(?:room|chamber)",
                r"wom[ae]n",
                r"m[ae]n",
                r"prince(?:ss)?",
                r"king",
                r"queen",
                r"wizard",
                r"witch",
                r"mermaid",
                r"superheroe?s?",
                r"handsome",
                r"beautiful",
                r"romantic",
                r"spicy",
                r"all night",
            )
        ),
    ),
    IntentRule(
        "sexual",
        whole_words(r"naked|touch(?:es|ed|ing)? (?:her|him|them|each other)"),
        needs=whole_words(
            r"together|touch\w*|games?|kids|children|bath|beds?|grown[\s-]?ups?|adults?|m[ae]n"
            r"|sailor|clothes|lap|kiss\w*"
        ),
    ),
    IntentRule(
        "sexual",
        whole_words(r"kiss(?:es|ed|ing)?|flirt(?:s|ing)?|love story|romantic|romance"),
        needs=whole_words(
            r"(?:grown|adult|older) m[ae]n|teacher|coach|uncle|babysitter|\d+ years? old girl"
        ),
        unless=LESSON,
    ),
)
