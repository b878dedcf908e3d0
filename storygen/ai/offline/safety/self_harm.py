"""Self-harm and suicide: the words that always block, and the rules for their euphemisms."""

from __future__ import annotations

from storygen.ai.offline.safety.patterns import IntentRule, any_of, quotable_words, whole_words

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
    # The euphemism made to slip past filters means nothing else.
    "unalive",
    "unalived",
    "unaliving",
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
    r"(?:hurt|cut|scratch|scrap|carv|prick|pok|jab|pinch|bit|burn|slic|press|stab)\w*"
    r" (?:your|her|his|my|their) (?:own )?(?:wrists?|arms?|thighs?|skin|legs?|tummy|stomach"
    r"|hands?|paws?|face)"
    r" with (?:something|anything|a|an|the|her|his|my|their|your) (?:[\w']+ )?"
    r"(?:sharp|hot|blades?|razors?|pins?|needles?|compass|knife|scissors|glass|lighter|match"
    r"|matches|candle)",
    # A hot water bottle on a poorly tummy is comfort.
    r"(?:hot|sharp|burning|lit|heated) (?!water |chocolate |drink|tea|milk|soup)\w+(?: \w+)?"
    r" (?:on|onto|against|into|to|across) (?:her|his|my|your|their) (?:own )?(?:wrists?|arms?"
    r"|thighs?|skin|legs?|tummy|stomach|hands?)",
)
#: Harm told as what takes the hurt away ("makes the bad feelings go away").
RELIEF = any_of(
    r"(?:makes?|made|making|lets?) (?:the |your |her |his |their |my |all the )?(?:[\w']+ )?"
    r"(?:feelings?|sadness|worry|worries|pain|hurt(?:ing)?) (?:go away|leave|disappear|stop|end)",
    r"(?:the |your |her |his |their |my )?(?:bad |sad |[\w']+ )?(?:feelings?|sadness|worry|worries"
    r"|pain|hurting) (?:goes|go|went|will go) away",
    r"(?:makes?|made|making|lets?) (?:the )?(?:sad|hurt|bad|hurty)(?: thoughts)? (?:go away|leave"
    r"|disappear|stop)",
    r"calms? (?:her|him|them|you|me) (?:down)?",
    r"helps? (?:when|whenever|if) (?:he|she|they|you|i|it) (?:feels?|is|are|gets?) (?:so |very )?"
    r"(?:sad|upset|lonely|angry|bad|down|scared|worried)",
    r"(?:a|her|his|their|my|your) (?:[\w']+ )?(?:friend|helper|comfort) that (?:always )?helps",
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
    RELIEF,
    r"whenever",
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
    r"(?:only |just )?(?:one|two|three|a single|half an?) (?:[\w']+ )?(?:apples?|grapes?|crackers?"
    r"|biscuits?|carrots?|bites?|meals?|raisins?|slices?|peas) (?:a|each|per) day (?:is|are|or)",
    r"(?:only|just) (?:one|two|three|a single|half an?) (?:[\w']+ )?(?:apples?|grapes?|crackers?"
    r"|biscuits?|carrots?|bites?|meals?|raisins?|slices?|peas) (?:a|each|per) day",
    r"so (?:light|thin|skinny|weak|tiny) (?:that )?(?:she|he|they) (?:can|could) (?:barely|hardly"
    r"|not|n'?t) (?:stand|walk|move|stay awake)",
    r"(?:makes?|made|making) " + SELF + r" sick after",
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
    r"light(?:er|est)?",
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
    r"skinn\w+",
    r"(?:the )?winner",
    r"wins?",
    r"photo day",
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

#: Marks of self-injury kept from being seen, or a way to hide them taught.
HIDDEN_MARKS = any_of(
    r"(?:hid\w*|conceal\w*|keeps?|kept)(?: up)? (?:the |her |his |their |my |your )?(?:[\w']+ )?"
    r"(?:marks|scars|cuts|burns|scratches|bruises)(?: (?:hidden|secret))?",
    r"(?:long sleeves|bracelets?|wristbands?) so (?:that )?(?:nobody|no one|no-one|mum|dad|the"
    r" teacher) (?:will |can |could |would |ever )?(?:sees?|notices?|knows?|finds? out)",
    r"(?:nobody|no one|no-one) (?:will |can |could |would |ever )?(?:sees?|notices?) (?:the |her"
    r" |his |their |my |your )?(?:marks|scars|cuts|burns|scratches)",
    r"how to hide (?:theirs|hers|his|yours|the marks|the cuts|the scars)",
)
HIDDEN_MARKS_CONTEXT = any_of(
    r"sleeves",
    r"bracelets?",
    r"wristbands?",
    r"secret",
    r"nobody",
    r"no one",
    r"teach\w*",
    r"how",
    r"(?:wrists?|arms?|thighs?)",
)
#: A way to die, as a euphemism or method names it.
METHOD = any_of(
    r"ropes?",
    r"noose",
    r"razors?",
    r"blades?",
    r"bridge",
    r"roof",
    r"cliff",
    r"tracks",
    r"ledge",
    r"tallest",
    r"top of",
    r"jump\w*",
    r"leap\w*",
    r"(?:want|wants|wanted) to go",
    r"lets? (?:it )?go",
    r"(?:all|every one of|the whole bottle of) (?:[\w']+ ){0,2}(?:pills|tablets)",
)
#: The pain a death is offered as the end of.
PAIN_ENDS = any_of(
    r"(?:the |all the |your |her |his |their |my )?(?:hurt(?:ing)?|pain|sadness|sad feelings"
    r"|bad feelings|suffering) (?:ends|will end|stops|will stop|is over|finally (?:ends|stops)"
    r"|goes away for good|stops for good)",
    r"(?:makes?|make|making|made) (?:it|the pain|the hurting|the sadness|everything) (?:all )?stop"
    r" (?:for good|forever|for ever)",
    r"(?:makes?|make|making|made) the (?:pain|hurting|sadness) (?:stop|end|go away)",
)
#: Flying or floating away for good from a height.
FLY_AWAY = any_of(
    # A balloon floats away forever; a child decides to.
    r"(?:to|will|would|could|can|and|just) (?:fly|float|drift) away (?:for good|forever|for ever"
    r"|for always|and never come back)",
)
HEIGHT = any_of(
    r"roof",
    r"top of",
    r"tallest",
    r"building",
    r"tower",
    r"cliff",
    r"bridge",
    r"window",
    r"ledge",
    r"floors? up",
    r"jump\w*",
    r"leap\w*",
)
#: Medicines taken or mixed so as not to wake.
NOT_WAKING = any_of(
    r"never (?:has|have|had|needs?|needed|gets?|got) to wake up",
    r"(?:won'?t|will not|doesn'?t|does not|didn'?t|did not|don'?t|do not|never) (?:ever )?wake up"
    r"(?: again| ever| forever)?(?! the| your| his| her| my| their| a | an | anyone| everyone"
    r"| mum| mom| dad| baby| grandma| grandpa)",
    r"(?:which|what|the right|how many) (?:[\w']+ )?(?:medicines?|pills|tablets|drugs) to"
    r" (?:mix|take|swallow|combine)",
)
MEDICINES = any_of(
    r"medicines?",
    r"medication",
    r"pills",
    r"tablets",
    r"sleeping \w+",
    r"mix(?:es|ed|ing)?",
    r"swallow\w*",
)
#: Self-injury made a habit, a friend or a helper.
HABIT = any_of(
    r"(?:cutting|scratching|burning|hurting (?:your|her|him|them|my)sel(?:f|ves)|self[\s-]?harm)"
    r" (?:is|was|becomes|became|feels like) (?:a|an|her|his|my|your|their) (?:[\w']+ ){0,2}"
    r"(?:friend|helper|secret|comfort|way)",
    r"(?:hurting (?:your|her|him|them|my)sel(?:f|ves)|cutting|scratching) (?:always )?(?:helps"
    r"|makes (?:him|her|them|you|me) (?:feel|calm))",
)
HABIT_CONTEXT = any_of(
    r"sad",
    r"lonely",
    r"secret",
    r"upset",
    r"whenever",
    r"feel\w*",
    r"calm",
    r"always",
)
#: Starving or purging made a contest or a rule.
STARVING_CONTEST = any_of(
    r"(?:starv\w+|purg(?:e|es|ed|ing)) and (?:starv\w+|purg(?:e|es|ed|ing))",
    r"(?:compete|competes|competing|contest|race|races|racing|challenge|dare)\w* (?:[\w']+ ){0,3}"
    r"(?:to )?(?:starve|purge|eat the least|eat nothing|not eat|skip (?:the most )?meals)",
    r"who can eat the least",
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
                r"(?: single(?: one)?| one)?(?: of)? (?:[\w']+ ){0,2}(?:pills|tablets|medicines?)",
                r"swallows? (?:them|the pills) one by one",
                r"(?:jump|jumps|jumped|jumping) (?:off|from) (?:the |a )?(?:[\w']+ )?(?:roof|bridge"
                r"|cliff|window|building|tower)",
                # Out to jump in puddles, over waves or for joy is play.
                r"to jump(?! (?:in|into|over|on|onto|across|up|around|about|for|high|rope"
                r"|puddles|waves|and|with)\b)",
                r"to fall (?:off|from)",
                r"(?:fall|falls|fell|throw \w+ ?sel(?:f|ves)) off the top",
                r"(?:never|not) (?:have )?been born(?! a | an | in | into | with )",
                # Pills hidden in a pet's dinner are how it takes its medicine.
                r"(?:sav|collect|hoard|stockpil|hid)\w* (?:up )?(?:[\w']+ ){0,3}(?:pills|tablets"
                r"|medicines?|sleeping tablets)(?! in (?:a |an |the |his |her |its |their )?"
                r"(?:[\w']+ )?(?:food|dinner|treats?|breakfast|cheese|sausage|peanut butter"
                r"|yogh?urt|bowl))",
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
    IntentRule(
        "self-harm",
        whole_words(SELF_INJURY),
        needs=whole_words(SELF_INJURY_CONTEXT),
        # A cut in art class or a burn on the cooker is an accident, not harm chosen.
        unless=whole_words(r"by accident|accidentally|by mistake|slip(?:s|ped)"),
    ),
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
    IntentRule("self-harm", whole_words(HIDDEN_MARKS), needs=whole_words(HIDDEN_MARKS_CONTEXT)),
    IntentRule("self-harm", quotable_words(PAIN_ENDS), needs=whole_words(METHOD)),
    IntentRule("self-harm", whole_words(FLY_AWAY), needs=whole_words(HEIGHT)),
    IntentRule("self-harm", whole_words(NOT_WAKING), needs=whole_words(MEDICINES)),
    IntentRule("self-harm", whole_words(HABIT), needs=whole_words(HABIT_CONTEXT)),
    IntentRule("self-harm", whole_words(STARVING_CONTEST)),
    IntentRule(
        "self-harm",
        whole_words(RELIEF),
        needs=whole_words(any_of(r"blades?", r"razors?", r"compass(?: point)?", r"broken glass")),
    ),
)
