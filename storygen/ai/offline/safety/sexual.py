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
    "orgy",
    "orgies",
    "prostitute",
    "prostitutes",
    "prostitution",
    "brothel",
    "call girl",
    "virginity",
    "dirty pictures",
    "dirty videos",
    "dirty magazines",
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
                r"org(?:y|ie|ies|ees?)",
                # Undressing as a game, also as the spaced-out letters read joined up.
                r"(?:a ?)?(?:naked ?)?strip[\s-]?(?:games?|poker|shows?|dares?)",
                r"(?:an|their|the|secret|steamy|office) (?:love )?affairs?(?! of)",
                r"(?:ha(?:ve|s|ving|d)|start(?:s|ed|ing)?) an affair",
                r"cheat(?:s|ed|ing)? on (?:his|her|their) (?:wife|husband|partner)",
                r"prostitut\w+",
                r"(?:has|had|have|having|keeps?|kept|takes?|took) (?:a |his |her )?(?:secret )?"
                r"(?:mistress|lover)",
                r"spend(?:s|ing)? (?:the |all )?nights? (?:in|with) (?:her|his) (?:chamber"
                r"|bed|bedroom|room)",
                r"(?:dirty|adult|x[\s-]?rated) (?:pictures|photos|videos|movies|films|magazines"
                r"|websites)",
                r"(?:works?|working|worked|job) as (?:an? )?(?:call girl|hooker)",
                r"escort (?:service|agency|girl)s?",
            )
        ),
    ),
    # Euphemisms that are innocent about a puppy or a jumper, and not about grown-ups.
    IntentRule(
        "sexual",
        quotable_words(
            any_of(
                r"naughty (?:things|stuff|games?|time|scenes?|parts|bits|details|night)",
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
                r"teachers?",
                r"principal",
                r"boss",
                r"neighbou?rs?",
                r"mistress",
            )
        ),
    ),
    # A grown-up who is not the child's parent getting into a child's bed.
    IntentRule(
        "sexual",
        whole_words(
            r"(?:climb|climbs|climbed|climbing|crawl|crawls|crawled|get|gets|got|getting|slip|slips"
            r"|slipped|sneak|sneaks|sneaked|snuck|lie|lies|lay) (?:in|into|under) (?:the "
            r")?(?:covers"
            r" with|bed with|(?:the |her |his )?(?:girl|boy|child|kid|children|kids|boys|girls)"
            r"(?:'s|')? (?:beds?|covers|sleeping bags?))"
        ),
        needs=whole_words(
            r"(?:step[\s-]?(?:dad|father|brother)|uncle|coach|babysitter|neighbou?r|stranger"
            r"|lodger|tutor|teacher|counsel?lor|m[ae]n|grown[\s-]?ups?|adults?|guest)"
        ),
    ),
    # Selling sex: an escort and her clients.
    IntentRule(
        "sexual",
        whole_words(r"escorts?|(?:his|her|their) johns"),
        needs=whole_words(
            r"clients?|customers?|by the hour|johns|(?:pay|pays|paid) (?:her|him)|for money"
        ),
    ),
    IntentRule(
        "sexual",
        whole_words(r"naked"),
        needs=whole_words(
            r"together|touch\w*|games?|kids|children|bath|beds?|grown[\s-]?ups?|adults?|m[ae]n"
            r"|sailor|clothes|lap|kiss\w*"
        ),
    ),
    # Touching a person, not when it is forbidden ("nobody should touch them", "he doesn't
    # touch them") or a hand laid on something ("touching her bones with their trunks").
    IntentRule(
        "sexual",
        whole_words(
            r"(?<!n't )(?<!not )(?<!never )(?<!should )(?<!may )(?<!can )(?<!to )"
            r"touch(?:es|ed|ing)? (?:him|them|each other|(?:the |a |his |her )?(?:little |young "
            r"|small )?(?:boy|girl|child|kid|children|kids)(?!'s? (?:hand|arm|shoulder|head|hair"
            r"|face|cheek|toy)\b)|her(?! (?:[\w']+ )?(?:hand|hands|arm|arms"
            r"|shoulder|shoulders|head|hair|face|cheek|nose|forehead|paw|paws|bones?|trunk|tail|fur"
            r"|feathers|wings?|mane|horn|shell|hat|crown|book|toy|things|belongings)\b))"
        ),
        needs=whole_words(
            r"together|games?|kids|children|bath|beds?|grown[\s-]?ups?|adults?|m[ae]n"
            r"|sailor|clothes|lap|kiss\w*|naked|secret|night|under|body|bodies|private|dress"
        ),
        unless=whole_words(
            r"body safety|trusted (?:grown[\s-]?up|adult)|(?:never|not) (?:your|their|his|her)"
            r" fault|(?:says?|said) no(?! (?:need|problem|one|harm|big deal|worries)\b)"
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
