"""Rules of intent for the offline moderation: what a children's service refuses, told apart
from the danger a story overcomes.

A single word rarely decides. Each rule is a phrase of harm (``pattern``) that counts only
when the rest of the text says what makes it harm (``needs``: a child next to a bottle of
vodka, a grown-up next to a secret kept from parents) and not when it is told as a safety
lesson (``unless``: a child who says no, tells a parent, learns why). The line is
instruction and attraction: a wolf may want to eat the pigs; a story may not show a child
how to hurt someone, or make matches, pills or a dare look like fun. Framing ("for a school
project", "just pretend", "in a dream") changes nothing, so no rule looks at it.

The patterns read text already folded by storygen.ai.offline.moderation (lower case,
accents, look-alike letters, leetspeak, spaced-out letters and misspellings undone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Up to ``n`` words between two parts of a rule, without crossing a sentence or a clause.
_GAP = r"[^\w.!?;,:\n]+"


def _gap(n: int) -> str:
    return rf"(?:{_GAP}[\w']+){{0,{n}}}{_GAP}"


def _any(*alternatives: str) -> str:
    return "(?:" + "|".join(alternatives) + ")"


def _re(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w']){body}(?![\w'])")


@dataclass(frozen=True)
class IntentRule:
    """A phrase of harm in ``category``; it counts only when ``needs`` is found in the same
    text too (if given) and ``unless`` is not."""

    category: str
    pattern: re.Pattern[str]
    needs: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None


SELF = r"(?:him|her|my|them|your|one|it)\s?sel(?:f|ves)"
CHILDREN = _any(
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
ADULTS = _any(
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
LESSON = _re(
    _any(
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

HARM_VERBS = _any(
    r"hurt(?:s|ing)?",
    r"harm(?:s|ing)?",
    r"injure",
    r"punch(?:es|ing)?",
    r"chok(?:e|es|ing)",
    r"strangl(?:e|es|ing)",
    r"smother(?:s|ing)?",
    r"poison(?:s|ing)?",
    r"trip(?:s|ping)?",
    r"hit(?:s|ting)?",
    r"kick(?:s|ing)?",
    r"push(?:es|ing)?",
    r"drown(?:s|ing)?",
    r"beat(?:s|ing)? up",
    r"stab(?:s|bing)?",
    r"k[i1]ll(?:s|ing)?",
    r"burn(?:s|ing)?",
    r"knock(?:s|ing)?",
)
VICTIMS = _any(
    r"someone",
    r"somebody",
    r"people",
    r"a person",
    r"each other",
    r"(?:his|her|their|my|your|the|a|our|someone's) (?:[\w']+ ){0,2}(?:teachers?|sisters?"
    r"|brothers?|bab(?:y|ies)|classmates?|mum|mom|mother|dad|father|stepdad|stepmum|neighbou?rs?"
    r"|friends?|kids?|child|boy|girl|dogs?|cats?|pupp(?:y|ies)|kittens?|hamsters?|pets?"
    r"|grandma|grandad|grandpa)",
    r"teachers?",
    r"classmates?",
    r"cats",
    r"dogs",
)
#: What turns harm into instruction or attraction.
HOW = _re(
    _any(
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
        r"funny",
        r"fun",
        r"hilarious",
        r"cool",
        r"awesome",
        r"without (?:anyone|anybody|being|getting) (?:\w+ )?(?:noticing|caught|knowing)",
        r"not get caught",
        r"like an accident",
        r"so (?:it|he|she|they) (?:really hurts|can'?t|stops|cries)",
        r"wants? to",
        r"tries",
        r"try",
    )
)
ATTRACTION = _re(
    _any(
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
HAZARDS = _any(
    r"bleach",
    r"ammonia",
    r"cleaning products?",
    r"laundry pods?",
    r"detergent",
    r"pods",
    r"medicine",
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
SUBSTANCES = _any(
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
    r"smok(?:e|es|ed|ing) (?:a |the |her |his )?(?:\w+ )?(?:cigarettes?|joints?|pipe)",
    r"drink(?:s|ing)? (?:\w+ ){0,2}until (?:they|he|she)(?:'re|'s| are| is)? (?:giggly|dizzy|sick)",
)
ENJOYMENT_WORDS = _any(
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
    r"grown up",
)
ENJOYMENT = _re(ENJOYMENT_WORDS)
GROUPS = _any(
    r"muslims?",
    r"jews",
    r"jewish (?:people|kids|families)",
    r"black people",
    r"blacks",
    r"white people",
    r"asians?",
    r"africans?",
    r"arabs?",
    r"mexicans?",
    r"chinese",
    r"indians?",
    r"indian people",
    r"immigrants?",
    r"refugees?",
    r"foreigners?",
    r"migrants?",
    r"roma(?: family)?",
    r"gypsies",
    r"christians?",
    r"hindus?",
    r"sikhs?",
    r"gays?",
    r"gay (?:people|prince|men|kids)",
    r"lesbians?",
    r"trans(?:gender)? (?:people|kids)",
    r"trans people",
    r"disabled(?: \w+)?",
    r"people in wheelchairs",
    r"autistic (?:kids|people|children)",
    r"deaf people",
    r"blind people",
    r"people with down syndrome",
    r"girl in the hijab",
    r"girls",
    r"women",
    r"races",
    r"(?:the )?\w+ bears from",
)
HOSTILITY = _any(
    r"dangerous",
    r"greedy",
    r"(?:can'?t|cannot|not) be trusted",
    r"less (?:smart|clever|than|intelligent)",
    r"stupid",
    r"dumb",
    r"useless",
    r"worthless",
    r"ruin(?:ing)?",
    r"(?:sent|send|go) back",
    r"disgusting",
    r"dirty",
    r"criminals?",
    r"evil",
    r"punished",
    r"broken",
    r"shouldn'?t",
    r"not (?:be )?allowed",
    r"animals",
    r"terrorists?",
    r"control everything",
    r"sick",
    r"vermin",
    r"lazy",
    r"better than",
    r"superior",
    r"inferior",
    r"thieves",
    r"freaks?",
    r"not worth",
    r"smell",
    r"stink",
    r"idiots",
    r"thrown out",
    r"kept (?:out|away)",
    r"bad",
    r"dirty race",
    r"liars",
)
INSULTS = _any(
    r"ugly",
    r"fat",
    r"stupid",
    r"worthless",
    r"losers?",
    r"liar",
    r"pig",
    r"smelly",
    r"smells",
    r"stinks",
    r"dumb(?:est)?",
    r"weird",
    r"wets the bed",
    r"slut",
    r"hates? (?:him|her)",
    r"go away",
    r"no friends",
    r"left out",
    r"make(?:s)? fun",
    r"makes? (?:\w+ ){0,2}cry",
    r"until (?:he|she) cries",
    r"mean messages",
    r"laugh at",
    r"laughs at (?:her|him)",
    r"everyone (?:should |can )?laugh",
    r"nobody should play",
    r"push(?:es)? (?:[\w']+ ){0,4}around",
    r"steal (?:his|her) lunch",
    r"teas(?:e|es|ed|ing)",
    r"ignores",
    r"go kill",
    r"bully",
)
PEOPLE_NAMED = _re(
    _any(
        r"classmates?",
        r"in (?:my |our |the )?class",
        r"class \w+",
        r"(?:from|in) year \w+",
        r"from \d\w*",
        r"at [\w']+ (?:\w+ )?school",
        r"neighbou?r",
        r"teacher",
        r"(?:mr|mrs|ms|miss) \w+",
        r"next door",
        r"real (?:girl|boy|kid)",
        r"my (?:son|daughter)'?s?",
        r"ex[\s-]husband'?s?",
        r"new (?:girl|kid|boy)",
        r"weird kid",
        r"shy boy",
        r"fat kid",
        r"boy with glasses",
        r"the whole class",
        r"everyone (?:in|at)",
        r"group chat",
    )
)
#: A person named, found before folding: a first and a family name ("Emily Carter"), or a
#: first name inside a sentence that says what the person is ("says Daniel is").
FULL_NAME = re.compile(
    r"(?<![\w'])[A-Z][a-z0-9]+ [A-Z][a-z0-9]+(?![\w'])"
    r"|(?<=[a-z,] )[A-Z][a-z]+(?= (?:is|was|has)\b)"
)

RULES: tuple[IntentRule, ...] = (
    # --- making weapons or explosives
    IntentRule(
        "weapons",
        _re(
            _any(
                r"make",
                r"makes",
                r"making",
                r"made",
                r"build",
                r"builds",
                r"building",
                r"built",
                r"mix",
                r"mixes",
                r"mixing",
                r"print",
                r"prints",
                r"assemble",
                r"construct",
                r"turn (?:[\w']+ ){0,4}into",
                r"sharpen",
                r"recipe for",
                r"load",
                r"loads",
                r"loading",
                r"buy",
            )
            + _gap(5)
            + _any(
                r"bombs?",
                r"pipe bombs?",
                r"fire ?bombs?",
                r"incendiar(?:y|ies)",
                r"silencers?",
                r"explosives?",
                r"gun ?powder",
                r"molotov(?: cocktails?)?",
                r"napalm",
                r"zip guns?",
                r"guns?",
                r"pistols?",
                r"rifles?",
                r"flamethrowers?",
                r"crossbows?",
                r"shanks?",
                r"grenades?",
                r"poison gas",
                r"nail bombs?",
                r"bullets",
                r"knife",
                r"knives",
                r"weapons?",
                r"detonators?",
            )
        ),
    ),
    IntentRule("weapons", _re(r"(?:take|takes|taking) the safety off|how to make gun ?powder")),
    # --- instructions to hurt someone
    IntentRule("violence", _re(HARM_VERBS + _gap(3) + VICTIMS), needs=HOW),
    IntentRule(
        "violence",
        _re(
            r"how to (?:hurt|harm|kill|poison|stab|choke|strangle|smother|punch|beat up|injure"
            r"|drown|break)"
        ),
    ),
    IntentRule(
        "violence",
        _re(
            r"(?:bleach|poison|rat poison|pills|glass) (?:in|into) (?:[\w']+ ){0,2}(?:coffee|tea"
            r"|drink|juice|food|shoes|dinner)"
        ),
    ),
    IntentRule(
        "violence",
        _re(r"break (?:his|her|their|someone's) (?:arms?|legs?|neck|nose|bones?)"),
        needs=HOW,
    ),
    IntentRule(
        "violence",
        _re(r"set (?:[\w']+ ){0,3}(?:house|home|school|car|bed) on fire"),
        needs=HOW,
    ),
    # --- self-harm and suicide, euphemisms included
    IntentRule(
        "self-harm",
        _re(
            _any(
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
                r"(?: of)? (?:the |her |his |[\w']+ )?(?:pills|tablets|medicine)",
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
        needs=_re(
            _any(
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
        _re(_any(r"sleep forever", r"(?:never|not) wake up", r"go to sleep and never wake")),
        # A sleep that ends in waking (a bear's winter) is not death.
        unless=_re(r"(?<!never )(?<!not )(?:wakes|woke|waking) up|hibernat\w*"),
    ),
    # --- dangerous challenges and household hazards offered as fun
    IntentRule("dangerous-activity", _re(HAZARDS), needs=ATTRACTION, unless=LESSON),
    IntentRule(
        "dangerous-activity",
        _re(
            _any(
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
    # --- alcohol, tobacco, vapes and drugs given to or enjoyed by children
    IntentRule(
        "substances",
        _re(SUBSTANCES),
        needs=_re(_any(CHILDREN, ENJOYMENT_WORDS)),
        unless=LESSON,
    ),
    IntentRule("substances", _re(r"roll(?:s|ing)? a joint|make their own alcohol|get drunk")),
    # --- hate: hostility towards a group
    IntentRule("hate", _re(GROUPS + _gap(8) + HOSTILITY)),
    IntentRule(
        "hate",
        _re(
            _any(
                r"hate",
                r"make fun of",
                r"laugh at",
                r"chas(?:e|es|ing)",
                r"kick out",
                r"throw out",
                r"keep out",
                r"send back",
                r"stay away from",
                r"keep away from",
            )
            + _gap(4)
            + GROUPS
        ),
    ),
    IntentRule(
        "hate",
        _re(
            r"(?:dirty|inferior|superior|pure) races?|races are better"
            r"|go back (?:to )?where (?:he|she|they|you) came from"
        ),
    ),
    # --- harassment: insults aimed at a real person
    IntentRule("harassment", _re(INSULTS), needs=PEOPLE_NAMED),
    # --- grooming: an adult and secrecy, private contact, photos, gifts, meeting alone, a car
    IntentRule(
        "grooming",
        _re(
            _any(
                r"(?:our|their|a|special|little|big) (?:special |little )?secrets?",
                r"(?:don'?t|do not|not to|mustn'?t|must not|won'?t|shouldn'?t) tell",
                r"without (?:\w+ ){0,2}(?:knowing|telling|seeing)",
                r"(?:doesn'?t|don'?t|do not|does not) need to know",
                r"delete (?:the |their |all )?(?:messages|chats?|texts)",
                r"(?:stay|stays|keep|keeps) (?:quiet|silent)",
                r"in secret",
                r"just between (?:us|them|the two)",
                r"(?:get|be) in trouble",
                r"so (?:mum|mom|mummy|dad|her parents|his parents) (?:doesn'?t|won'?t)",
                r"keeps? (?:it|this|their|our) (?:a )?secret",
                r"secrets? with (?:grown[\s-]?ups|adults)",
                r"(?:chat|talk) (?:privately|in private)",
                r"private(?:ly)? chat",
                r"another app",
                r"send (?:\w+ ){0,3}(?:photos?|pictures?|photographs?|selfies?|pics?)",
                r"(?:photos?|pictures?|photographs?) of (?:herself|himself|yourself)",
                r"for a (?:photo|picture)",
                r"for (?:photos?|photographs?|pictures?)",
                r"(?:meet|meets|meeting|visit|come|comes|go|goes) (?:[\w']+ ){0,4}alone",
                r"alone (?:in|at|with)",
                r"just the two of them",
                r"(?:get|gets|got|getting|climb|climbs) (?:in|into) (?:his|the|a|her) "
                r"(?:car|van|truck)",
                r"in his van",
                r"(?:she|he) gets in",
                r"pick (?:her|him) up",
                r"win(?:s)? (?:[\w']+ ){0,3}trust",
                r"(?:her|his|their) address",
                r"meet up",
            )
        ),
        needs=_re(ADULTS),
        unless=LESSON,
    ),
    # --- sexual content of any kind
    IntentRule(
        "sexual",
        _re(
            _any(
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
    IntentRule(
        "sexual",
        _re(r"naked|touch(?:es|ed|ing)? (?:her|him|them|each other)"),
        needs=_re(
            r"together|touch\w*|games?|kids|children|bath|beds?|grown[\s-]?ups?|adults?|m[ae]n"
            r"|sailor|clothes|lap|kiss\w*"
        ),
    ),
    IntentRule(
        "sexual",
        _re(r"kiss(?:es|ed|ing)?|flirt(?:s|ing)?|love story|romantic|romance"),
        needs=_re(
            r"(?:grown|adult|older) m[ae]n|teacher|coach|uncle|babysitter|\d+ years? old girl"
        ),
        unless=LESSON,
    ),
    # --- graphic gore
    IntentRule(
        "violence/graphic",
        _re(
            _any(
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

#: The words of the rules that misspellings are corrected towards (five letters or more).
FUZZY_VOCABULARY: tuple[str, ...] = (
    "explosive",
    "explosives",
    "gunpowder",
    "molotov",
    "napalm",
    "strangle",
    "poison",
    "suicide",
    "himself",
    "herself",
    "challenge",
    "matches",
    "bleach",
    "ammonia",
    "cigarette",
    "cigarettes",
    "vodka",
    "whisky",
    "champagne",
    "immigrants",
    "muslims",
    "refugees",
    "foreigners",
    "stupid",
    "worthless",
    "secret",
    "photographs",
    "naked",
    "intestines",
    "murder",
    "slaughter",
    "torture",
    "medicine",
    "lighter",
)
#: Words of four letters that a doubled letter can hide ("bommb", "gutts").
DOUBLED_VOCABULARY: tuple[str, ...] = ("bomb", "guts", "kill", "stab", "vape", "drunk")
#: Real words one letter away from the vocabulary: never corrected.
FUZZY_KEEP: frozenset[str] = frozenset(
    {
        "matched",
        "watches",
        "patches",
        "batches",
        "catches",
        "latches",
        "machines",
        "baked",
        "caked",
        "raked",
        "faked",
        "waked",
        "poisons",
        "stupids",
        "secrets",
        "lighten",
        "lighted",
        "lights",
        "sighter",
        "fighter",
        "tighter",
        "righter",
        "higher",
        "pillow",
        "spills",
        "hills",
        "mills",
        "kills",
        "bills",
        "fills",
        "gills",
        "wills",
        "tills",
        "drills",
        "grills",
        "skills",
        "stills",
        "thrills",
        "chills",
        "quills",
        "along",
        "atone",
        "stone",
        "aloe",
        "alpine",
        "alike",
        "blench",
        "beach",
        "breach",
        "bleachy",
        "murmur",
        "vodkas",
        "vocal",
        # "slaughter" is a letter away.
        "laughter",
        "laughters",
        # "strangle" is a swap away from these.
        "strange",
        "stranger",
        "strangers",
        "strangely",
    }
)
