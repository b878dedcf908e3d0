"""What several rules of intent share: children, grown-ups, a safety lesson, instruction and
attraction."""

from __future__ import annotations

from storygen.ai.offline.safety.patterns import any_of, whole_words

#: Who a child is, or where children are.
CHILDREN = any_of(
    r"kids?",
    r"child(?:ren)?",
    r"boys?",
    r"girls?",
    r"toddlers?",
    r"bab(?:y|ies)",
    r"little",
    r"cubs?",
    r"pupp(?:y|ies)",
    r"\d+\s?years?\s?olds?",
    r"age \d+",
    r"grand(?:son|daughter)s?",
    r"sleepovers?",
    r"schools?",
    r"recess",
    r"playground",
    r"treehouse",
    r"daddy'?s?",
    r"mummy'?s?",
    r"teens?",
    r"sons?",
    r"daughters?",
    r"classmates?",
)
#: Grown-ups a child may meet.
ADULTS = any_of(
    r"(?:nice |kind |friendly |old |strange )?m[ae]n",
    r"grown[\s-]?ups?",
    r"adults?",
    r"coach",
    r"teacher",
    r"strangers?",
    r"neighbou?r",
    r"uncle",
    r"babysitter",
    r"mr \w+",
    r"(?:gaming|online) friend",
    r"friend online",
    r"\d+ years? old m[ae]n",
    r"lady",
)
#: A safety lesson: the child says no, tells a grown-up, learns why.
LESSON = whole_words(
    any_of(
        r"says? no",
        r"said no",
        r"refus(?:es|ed|e)",
        r"(?<!if he )(?<!if she )(?:tells|told|runs to|ran to|shows|showed|asks|asked|gives it"
        r"(?: straight)? to) (?:a|her|his|their|the|a trusted) (?:\w+ )?(?:mum|mom|dad|parents?"
        r"|mummy|daddy|teacher|grown[\s-]?up|adult|lifeguard)",
        r"block(?:s|ed)? (?:him|her|them)",
        r"never",
        r"nobody should",
        r"learns? (?:not|that|why)",
        r"not (?:toys|sweets|candy|for (?:drinking|eating|kids|children))",
        r"(?:is|are|can be) (?:very )?(?:dangerous|poison|harmful|hot|bad for)",
        r"bad for",
        r"harmful",
        r"only for grown[\s-]?ups",
        r"safe",
        r"safety",
        r"life jackets?",
        r"locked",
        r"(?:does not|doesn'?t|don'?t) touch",
        r"asks? for help",
        r"can hurt",
        r"too long",
        r"put (?:it )?out",
        r"poorly",
    )
)
#: Instruction or attraction: a how-to, a plan, a lesson in harm, harm as fun or unnoticed.
TAUGHT_WORDS: tuple[str, ...] = (
    r"how",
    r"best way",
    r"ways? to",
    r"plans?",
    r"planning",
    r"steps?",
    r"teach(?:es|ing)?",
    r"learns?",
    r"learning",
    r"show(?:s|ing)?",
    r"explains?",
    r"practi[sc]e\w*",
    r"pranks?",
    r"funn?y",
    r"fun",
    r"hilarious",
    r"cool",
    r"awesome",
    r"without (?:anyone|anybody|being|getting) (?:\w+ )?(?:noticing|caught|knowing)",
    r"not get caught",
    r"like an accident",
    r"so (?:it|he|she|they) (?:really hurts|can'?t|stops|cries)",
)
#: What turns harm into instruction or attraction, a character's mere wish or attempt
#: included.
HOW = whole_words(any_of(*TAUGHT_WORDS, r"wants? to", r"tries", r"try"))


#: What makes a danger look like fun.
ATTRACTION = whole_words(
    any_of(
        r"fun",
        r"funny",
        r"cool(?:est)?",
        r"awesome",
        r"exciting",
        r"dares?",
        r"dared",
        r"challenges?",
        r"games?",
        r"try",
        r"tries",
        r"let'?s",
        r"yum(?:my)?",
        r"tasty",
        r"taste",
        r"sweets",
        r"candy",
        r"like juice",
        r"cheers?",
        r"wins?",
        r"who can",
        r"longest",
        r"encourag\w*",
        r"tingles",
        r"magic potion",
        r"wants? a turn",
        r"secret",
        r"party",
        r"hilarious",
        r"prizes?",
        r"winner",
        r"(?:by|all by) (?:him|her)self",
    )
)
