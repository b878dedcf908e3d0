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

#: Doing harm to a body, in every tense ("cuts", "starved", "stabbing").
HARMING = any_of(
    r"k[i1]l+(?:s|ed|ing)?",
    r"hang(?:s|ed|ing)?",
    r"hurt(?:s|ing)?",
    r"cut(?:s|ting)?",
    r"burn(?:s|t|ed|ing)?",
    r"harm(?:s|ed|ing)?",
    r"hit(?:s|ting)?",
    r"stab(?:s|bed|bing)?",
    r"starv(?:e|es|ed|ing)",
    r"poison(?:s|ed|ing)?",
    r"drown(?:s|ed|ing)?",
    r"hat(?:e|es|ed|ing)",
    r"punish(?:es|ed|ing)?",
    r"strangl(?:e|es|ed|ing)",
    r"suffocat(?:e|es|ed|ing)",
)
#: Marking or wounding one's own skin, and the words that give it away as a habit or comfort.
SELF_INJURY = any_of(
    r"(?:scratch|scrap|carv|prick|pok|jab|pinch|bit|mark|burn|cut|slic)\w* (?:[\w']+ )?"
    + SELF
    + r" (?:with|until|till|to feel)",
    r"(?:scratch|scrap|carv|cut|slic|burn|mark)\w* (?:[\w']+ ){0,3}(?:into|across|in) (?:her|his|my"
    r"|your|their) (?:own )?(?:wrists?|arms?|thighs?|skin|legs?|tummy|stomach)",
    r"(?:her|his|my|your|their) wrists? with (?:a|the) (?:blade|razor|knife|scissors|glass)",
    r"(?:bit|bite|scratch|pinch|hit|punch|burn|cut|scrap|carv|slap|squeez)\w* (?:her|his|my|your"
    r"|their) own (?:[\w']+ )?(?:wrists?|arms?|thighs?|skin|legs?|hands?|fingers?|lips?|face|head)",
    r"(?:bit|bite|scratch|pinch|hit|punch|burn|scrap|slap)\w* (?:her|his|my|your|their)"
    r" (?:[\w']+ )?(?:wrists?|arms?|thighs?|skin|legs?|hands?|face|head) until (?:it|they|he|she)"
    r" (?:bleeds?|bruises?|bleed|bruise|hurts?|swells?)",
    # A hot water bottle on a poorly tummy is comfort.
    r"(?:hot|sharp|burning|lit|heated) (?!water |chocolate |drink|tea|milk|soup)\w+(?: \w+)?"
    r" (?:on|onto|against|into|to|across) (?:her|his|my|your|their) (?:own )?(?:wrists?|arms?"
    r"|thighs?|skin|legs?|tummy|stomach|hands?)",
)
SELF_INJURY_CONTEXT = any_of(
    r"blades?",
    r"bruis\w*",
    r"stop crying",
    r"helps? (?:him|her|them) (?:feel|stop|calm|cope)",
    r"razors?",
    r"compass(?: point)?",
    r"pins?",
    r"needles?",
    r"knife",
    r"scissors",
    r"broken glass",
    r"pencil sharpener",
    r"lighter",
    r"to feel (?:calm|better|something|in control|okay|ok|nothing)",
    r"feels? (?:calm|better|relief|in control)",
    r"secret",
    r"(?:every|each) (?:night|day|time)",
    r"proud",
    r"long sleeves",
    r"hides?",
    r"bleeds?",
    r"teach(?:es)?",
    r"ways? to",
    r"sad",
    r"upset",
)
#: Starving, purging or shrinking oneself.
DISORDERED_EATING = any_of(
    r"(?:starv(?:e|es|ed|ing)) (?:[\w']+ )?" + SELF,
    r"(?:skip(?:s|ped|ping)?|misses|missing) (?:every|all|each|her|his|their|my)(?: \w+)? meals?",
    r"(?:refuses|refused|refusing) to eat",
    r"(?:makes?|made|making) " + SELF + r" (?:throw up|be sick|vomit|puke)",
    r"(?:throw(?:s|ing)? up|vomit(?:s|ing)?|purg(?:e|es|ing)) (?:after|every) (?:[\w']+ )?(?:meals?"
    r"|dinner|lunch|breakfast|time)",
    r"eat(?:s|ing)? nothing (?:for|all|but (?:ice|water|air|lettuce|celery|gum))",
    r"ate nothing (?:for|all|but (?:ice|water|air|lettuce|celery|gum))",
    r"only (?:eats?|ate|drinks?|drank) (?:ice|water|air)",
    r"(?:stop|stops|stopped|stopping) eating",
    r"thinner and thinner",
    r"thinnest",
    r"counts? (?:every |all (?:her|his|the) )?calories?",
    r"hides? (?:her|his|their|my) (?:food|dinner|lunch|meals?)",
    r"diet pills",
    r"laxatives",
)
BODY_IMAGE = any_of(
    r"thin\w*",
    r"skinny",
    r"popular",
    r"pretty",
    r"perfect",
    r"weigh\w*",
    r"fat",
    r"light(?:er|est)",
    r"float",
    r"feather",
    r"proud",
    r"keep going",
    r"doing great",
    r"for (?:days|weeks|a week|a month)",
    r"hides?",
    r"secret",
    r"happy",
    r"bones",
    r"the way to",
    r"brave",
    r"faints?",
    r"disappears?",
    r"sad",
)
#: Ending one's life under a train or a lorry, or by the ways to die.
FATAL_STEP = any_of(
    r"(?:step|steps|stepped|stepping|lie|lies|lay|lying|walk|walks|walked|walking|jump|jumps"
    r"|jumped|jumping|throws? " + SELF + r") (?:down |out )?(?:in front of|under) (?:a|an|the)"
    r" (?:[\w']+ )?(?:train|trains|lorry|truck|bus|traffic|cars?)",
    r"(?:step|lie|lay|walk|stand|sit|wait)\w* (?:down |out )?(?:on|onto|on to|along|across)"
    r" (?:the )?(?:train |railway )?(?:tracks|railway line|rails)",
    r"(?:ways?|how|methods?) to (?:die|end it|end (?:her|his|my|their|your) (?:own )?li(?:fe|ves))",
    r"(?:would|will|could) (?:all )?be (?:better|happier) off without (?:me|him|her|them)",
)
#: Dying as a euphemism says it: vanishing for good.
VANISHING = any_of(
    r"(?:disappear|vanish|go away|be gone|stop existing|not exist|not be around)(?:s|es|ed)?"
    r" (?:for good|forever|for ever|for always)",
    r"nobody (?:has|would have|will have) to worry",
    r"stop(?:s|ped|ping)? existing",
    r"not (?:to )?exist any\s?more",
    r"(?:not|stop) (?:be|being) alive",
)
#: Why a child would want to vanish: loneliness, being a burden, or a way shown.
DESPAIR = any_of(
    r"sad",
    r"lonely",
    r"nobody",
    r"no one",
    r"burden",
    r"how",
    r"ways?",
    r"wants? to",
    r"wish(?:es)?",
    r"decides?",
    r"plans?",
    r"better off",
    r"miss(?:es)?",
    r"worry",
    r"upset",
    r"hopeless",
    r"unwanted",
)

#: Self-harm and suicide, euphemisms included.
RULES: tuple[IntentRule, ...] = (
    IntentRule(
        "self-harm",
        whole_words(
            any_of(
                HARMING + r" (?:[\w']+ )?" + SELF,
                # A spelled-out phrase is read as one word ("k-i-l-l h-i-m-s-e-l-f").
                r"(?:kill|hang|hurt|cut|harm|starve|stab|burn)(?:s|ed|ing)?" + SELF,
                FATAL_STEP,
                r"(?:be|being) here any\s?more",
                r"disappear forever",
                r"go away forever",
                r"end (?:it all|(?:my|his|her|their|your) (?:own )?li(?:fe|ves))",
                r"to end it",
                # Better off without oneself, not better if everyone shared.
                r"(?:everyone|everybody|they|the world|(?:her|his|my|their) family) would be"
                r" (?:so |much |a lot )?(?:happier|better|nicer|easier|calmer)(?: off)?"
                r" (?:without (?:me|him|her|them)|if (?:i|he|she|they|you) (?:was|were|wasn'?t"
                r"|weren'?t) (?:gone|here|there|around|alive|dead)|if (?:i|he|she|they)"
                r" (?:disappeared|died|vanished|left forever))",
                r"nobody would (?:miss|care)",
                r"(?:take|takes|took|taking|swallow|swallows|swallowed|eat|eats) (?:all|every)"
                r"(?: of)? (?:the |her |his |[\w']+ )?(?:pills|tablets|medicines?)",
                r"swallows? (?:them|the pills) one by one",
                r"(?:jump|jumps|jumped|jumping) (?:off|from) (?:the |a )?(?:[\w']+ )?(?:roof|bridge"
                r"|cliff|window|building|tower)",
                r"to jump",
                r"to fall (?:off|from)",
                r"(?:fall|falls|fell|throw \w+ ?sel(?:f|ves)) off the top",
                r"(?:never|not) (?:have )?been born(?! a | an | in | into | with )",
                r"(?:sav|collect|hoard|stockpil|hid)\w* (?:up )?(?:[\w']+ ){0,3}(?:pills|tablets"
                r"|medicines?|sleeping tablets)",
                r"(?:takes?|took|taking|swallows?|swallowed) them all",
                r"lets go",
                r"walks? (?:off|into) (?:the )?(?:cliff|river|sea)",
                r"stones in (?:his|her) pockets",
                r"(?:stop|stops|stopped|stopping) eating",
                r"thinner and thinner",
                r"scratch(?:es|ed)? (?:her|his|my) (?:arms|skin|legs) until",
                r"(?:hits?|bangs?) (?:his|her|my) head against",
                r"razors?",
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
                r"any\s?more",
                r"forever",
                r"for good",
                r"(?:be|feel) free",
                r"peaceful",
                r"the answer",
                r"burden",
                r"tired of (?:everything|it all|living|life|being alive)",
                r"wish(?:es|ed)?",
                r"ways?",
                r"best",
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
                r"razors?",
            )
        ),
        # Falling over and hurting oneself is an accident, not harm chosen.
        unless=whole_words(
            r"(?:fell|falls|fall|tripped|trips|slipped|slips|crashed)(?: [\w']+){0,5} and"
            r" (?:[\w']+ )?(?:hurt|hurts|cut|cuts|bumped|bruised) " + SELF
        ),
    ),
    IntentRule("self-harm", whole_words(VANISHING), needs=whole_words(DESPAIR)),
    IntentRule("self-harm", whole_words(SELF_INJURY), needs=whole_words(SELF_INJURY_CONTEXT)),
    IntentRule(
        "self-harm",
        whole_words(DISORDERED_EATING),
        needs=whole_words(BODY_IMAGE),
        # A bear that stops eating for the winter is asleep, not starving.
        unless=whole_words(r"hibernat\w*"),
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
