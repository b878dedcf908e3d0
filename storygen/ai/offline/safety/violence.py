"""Violence: the words of killing and harm no fairy tale needs, the fairy-tale peril that
only adds up, and the rules against teaching how to hurt someone."""

from __future__ import annotations

import re

from storygen.ai.offline.safety.patterns import IntentRule, any_of, gap, whole_words
from storygen.ai.offline.safety.vocabulary import ATTRACTION, HOW, LESSON

#: Words that block wherever they appear.
WORDS: tuple[str, ...] = (
    # Killing on a massive scale, which no fairy tale's danger needs.
    "kill everyone",
    "kill everybody",
    "killed everyone",
    "killed everybody",
    "killing everyone",
    "kill them all",
    "killed them all",
    "murder",
    "murders",
    "murdered",
    "murderer",
    "murdering",
    "bloody",
    "bloodshed",
    "blood everywhere",
    "covered in blood",
    "soaked in blood",
    "pool of blood",
    "pools of blood",
    "blood sprayed",
    "blood sprays",
    "blood spurted",
    "blood spurts",
    "blood gushed",
    "blood gushes",
    "blood poured",
    "blood pours",
    "gore",
    "gory",
    "stab",
    "stabs",
    "stabbed",
    "stabbing",
    "behead",
    "beheaded",
    "beheading",
    "beheads",
    "decapitate",
    "decapitated",
    "decapitates",
    "massacre",
    "massacres",
    "massacred",
    "slaughter",
    "slaughtered",
    "slaughters",
    "slaughtering",
    "torture",
    "tortured",
    "torturing",
    "tortures",
    "torturer",
    "strangle",
    "strangled",
    "strangles",
    "strangling",
    "mutilate",
    "mutilated",
    "mutilates",
    "dismember",
    "dismembered",
    "dismembers",
    "shot dead",
    "shoot him",
    "shoot her",
    "shoot them",
    "slit throat",
    "slit his throat",
    "slit her throat",
    "bludgeon",
    "bludgeoned",
    "disembowel",
    "disemboweled",
    "execute them",
    "burn them alive",
    "burned alive",
    "terrorist",
    "terrorists",
    "terrorism",
    "gun down",
    "gunned down",
    "gunman",
    "gunmen",
    "school shooting",
    "mass shooting",
    "entrails",
    "intestine",
    "intestines",
    "disembowelled",
)

#: Harmless phrases that contain a listed word; removed before matching.
HARMLESS: tuple[str, ...] = (
    "killer whale",
    "killer whales",
    "blood orange",
    "blood oranges",
    "blood moon",
    "blood cells",
    "blood cell",
    # Toys and tools called guns.
    "water gun",
    "water guns",
    "water pistol",
    "water pistols",
    "toy gun",
    "toy guns",
    "nerf gun",
    "nerf guns",
    "cap gun",
    "glue gun",
    "staple gun",
    "bubble gun",
    "laser gun",
    "laser guns",
    "ray gun",
    "squirt gun",
    "starting gun",
    "starting pistol",
)

#: The danger fairy tales are made of: the wolf who wants to kill the pigs, the giant who
#: smells the blood of an Englishman. Each group weighs a little (PERIL_WEIGHT), below the
#: violence limit on its own; killing *and* blood together reach it.
PERIL_GROUPS: dict[str, tuple[str, ...]] = {
    "kill": ("kill", "kills", "killed", "killing", "killer", "killers"),
    "blood": ("blood",),
}

#: Ways to hurt someone, and who gets hurt.
HARM_VERBS = any_of(
    r"hurt(?:s|ing)?",
    r"harm(?:s|ed|ing)?",
    r"injur(?:e|es|ed|ing)",
    r"punch(?:es|ed|ing)?",
    r"chok(?:e|es|ed|ing)",
    r"strangl(?:e|es|ed|ing)",
    r"smother(?:s|ed|ing)?",
    r"suffocat(?:e|es|ed|ing)",
    r"throttl(?:e|es|ed|ing)",
    # "poison for dogs" names a danger; only the verb hurts someone.
    r"poison(?:s|ed|ing)?(?! (?:for|to) )",
    r"trip(?:s|ped|ping)?",
    r"hit(?:s|ting)?",
    r"kick(?:s|ed|ing)?",
    r"push(?:es|ed|ing)?",
    r"shov(?:e|es|ed|ing)",
    r"slap(?:s|ped|ping)?",
    r"smack(?:s|ed|ing)?",
    r"whack(?:s|ed|ing)?",
    r"bash(?:es|ed|ing)?",
    r"jab(?:s|bed|bing)?",
    r"drown(?:s|ed|ing)?",
    r"beat(?:s|ing)? up",
    r"beat(?:s|ing)?",
    r"stab(?:s|bed|bing)?",
    r"bit(?:e|es|ing|ten)",
    r"scratch(?:es|ed|ing)?",
    r"pinch(?:es|ed|ing)?",
    r"k[i1]ll(?:s|ed|ing)?",
    r"burn(?:s|ed|ing)?",
    r"scald(?:s|ed|ing)?",
    r"electrocut(?:e|es|ed|ing)",
    r"knock(?:s|ed|ing)? out",
    r"knock(?:s|ing)?",
    r"tie(?:s|d)? up",
    r"tying up",
    r"attack(?:s|ed|ing)?",
    r"stamp(?:s|ed|ing)? on",
    r"stomp(?:s|ed|ing)? on",
    r"tread(?:s|ing)? on",
    r"trod on",
    r"squash(?:es|ed|ing)?",
    r"crush(?:es|ed|ing)?",
    r"ambush(?:es|ed|ing)?",
    r"gang(?:s|ed|ing)? up on",
    r"jump(?:s|ed|ing)? on",
    r"pok(?:e|es|ed|ing)",
    r"prod(?:s|ded|ding)?",
)
#: Who gets hurt: people and pets a child knows.
_KIN = (
    r"teachers?|sisters?|brothers?|bab(?:y|ies)|classmates?|mum|mom|mummy|mommy|mother|dad|daddy"
    r"|father|stepdad|stepmum|stepmom|stepfather|stepmother|neighbou?rs?|friends?|kids?|child"
    r"|children|boy|girl|dogs?|cats?|pupp(?:y|ies)|kittens?|hamsters?|rabbits?|bunn(?:y|ies)"
    r"|guinea pigs?|pets?|grandma|grandad|grandpa|granny|grandmother|grandfather|nan|nana"
    r"|aunt|auntie|uncle|cousin|babysitter|nanny|bully|coach|grown[\s-]?ups?|adults?|parents?"
    r"|twins?|pupils?|students?"
)
VICTIMS = any_of(
    r"someone",
    r"somebody",
    r"people",
    r"a person",
    r"each other",
    r"(?:his|her|their|my|your|the|a|an|our|someone's|[\w]+'s) (?:[\w']+ ){0,2}(?:" + _KIN + ")",
    r"teachers?",
    r"classmates?",
    r"grown[\s-]?ups?",
    r"adults?",
    r"cats",
    r"dogs",
    r"(?:his|her|their|my|your|the|a|an|our|that|this|some|[\w]+'s) (?:[\w']+ ){0,2}(?:m[ae]n"
    r"|wom[ae]n|lady|ladies|person|people|strangers?|homeless|beggars?|tramps?|pensioners?"
    r"|birds?|chicks?|ducklings?|ducks?|frogs?|mice|mouse|lambs?|squirrels?|hedgehogs?"
    r"|tortoises?|goldfish|animals?)",
)
#: Pets and small animals a child may be asked to hurt.
ANIMALS = (
    r"(?:dogs?|cats?|pupp(?:y|ies)|kittens?|hamsters?|gerbils?|rabbits?|bunn(?:y|ies)|guinea pigs?"
    r"|birds?|chicks?|ducklings?|goldfish|fish|pets?|mice|mouse|lambs?|ponies|pony|tortoises?"
    r"|frogs?|squirrels?|hedgehogs?)"
)
#: What a person swallows.
FOOD = any_of(
    r"food",
    r"drinks?",
    r"cereal",
    r"coffee",
    r"tea",
    r"soup",
    r"stew",
    r"lunch(?: ?box)?",
    r"packed lunch",
    r"juice",
    r"milk",
    r"dinner",
    r"supper",
    r"breakfast",
    r"water(?: bottle)?",
    r"bottle",
    r"sandwich(?:es)?",
    r"cake",
    r"meals?",
    r"plate",
    r"cup",
    r"mug",
    r"glass",
    r"porridge",
    r"smoothie",
    r"pudding",
    r"snack",
    r"medicine",
    r"bowl",
    r"yog(?:h)?urts?",
    r"pasta",
    r"spaghetti",
    r"pizza",
    r"burgers?",
    r"chips",
    r"crisps",
    r"biscuits?",
    r"cookies?",
    r"sweets",
    r"candy",
    r"ice ?cream",
    r"jelly",
    r"gravy",
    r"sauce",
    r"salad",
    r"lemonade",
    r"cola",
    r"soda",
    r"hot chocolate",
    r"cocoa",
    r"flask",
    r"thermos",
    r"beaker",
)
#: What must never be put into someone's food.
_NOXIOUS = any_of(
    r"(?:rat |weed |bug )?poison",
    r"bleach",
    r"sleeping pills",
    r"laxatives?",
    r"(?:crushed |broken |ground )?glass",
    r"cleaning (?:spray|liquid|products?|fluid)",
    r"detergent",
    r"antifreeze",
    r"weed ?killer",
    r"drain cleaner",
    r"dish(?:washer)? (?:soap|tablets?)",
    r"washing[\s-]up liquid",
    r"bug spray",
    r"insect spray",
    r"rat bait",
    r"slug pellets",
    r"nail polish remover",
    r"oven cleaner",
    r"pepper spray",
    r"chill?i powder",
    r"acid",
    r"super ?glue",
)
#: What slipping something into food is meant to do.
_MEANT_TO_SICKEN = whole_words(
    any_of(
        r"(?:make|makes|making|made) (?:[\w']+ ){0,1}(?:really |very |so |super )?"
        r"(?:sick|ill|poorly|throw up|vomit|pass out|sleep forever|die)",
        r"(?:so|until|till) (?:that )?(?:he|she|they|it) (?:won'?t|will not|never|can'?t|cannot)"
        r" (?:ever )?wake up",
        r"(?:so|until|till) (?:that )?(?:he|she|they|it) (?:dies|die|get sick|gets sick|is sick)",
        r"so (?:that )?(?:he|she|they|it)(?:'ll| will| would|'d) (?:finally )?(?:be gone|die"
        r"|disappear|never come back|go away (?:for ever|forever|for good))",
        r"secretly",
        r"without (?:him|her|them|anyone|anybody) (?:knowing|noticing|seeing)",
        r"poison\w*",
        r"see (?:what happens|how sick)",
        r"gets? (?:his|her|their) (?:house|money|room|things)",
    )
)
#: Harm done on purpose: to watch what it does, for fun, to get even.
_ON_PURPOSE = whole_words(
    any_of(
        r"on purpose",
        r"deliberately",
        r"to see (?:what happens|if (?:it|he|she|they)|how)",
        r"to (?:see|watch|hear) (?:it|him|her|them|the \w+) (?:run|scream|cry|jump|squeal|squirm"
        r"|burn|suffer|bleed|yelp|howl|panic|flail|twitch|die|fall|drown|struggle|choke|shake)",
        r"(?:played |as )?for laughs",
        r"(?:friends|everyone|everybody|the class|the others|the crowd|the gang) (?:all )?(?:cheer"
        r"|cheers|cheered|cheering|laugh|laughs|laughed|laughing|film|films|filmed|filming|clap\w*)",
        r"(?:too )?(?:scared|afraid|frightened) to tell",
        r"(?:whenever|while|when) (?:their|his|her|the) (?:parents|mum|mom|dad|mummy|daddy|grown"
        r"[\s-]?ups) (?:are|is|go|goes|went|were|was) (?:out|away|not (?:home|looking)|asleep)",
        r"told as (?:an? )?(?:fun |funny |happy |exciting |heroic |cool )?(?:adventure|joke|game"
        r"|comedy|triumph|prank)",
        r"to make (?:him|her|them|it) (?:stop|shut up|be quiet)",
        r"so (?:that )?(?:he|she|they) (?:can |could |will |would |gets? to )?(?:have|has|get|gets"
        r"|take|takes|keep|keeps|inherit|inherits|steal|steals) (?:his|her|their|the \w+'s|[\w]+'s)"
        r" (?:room|house|money|toys?|things|stuff|place|phone|bike|inheritance|job|share|bed)",
        r"until (?:he|she|they|it) (?:bleeds?|bled|is bleeding|faints?|fainted|passes out"
        r"|passed out|is black and blue|screams?|screamed|is screaming|howls?|howled)",
        r"(?:doesn'?t|don'?t|never|won'?t|can'?t) (?:ever )?(?:find out|finds out|notice|tell"
        r"|knows?|sees?)",
        r"as a (?:joke|prank)",
        r"(?:a |the )?(?:great|big|funny|best) joke",
        r"for fun",
        r"for a laugh",
        r"(?:thinks?|think|thought) (?:it'?s|that'?s|it is|it was) (?:so |really |super )?(?:funny"
        r"|hilarious|cool|great|awesome|a (?:great )?(?:laugh|joke))",
        r"(?:takes?|took|taking) turns",
        r"while (?:he|she|they) (?:lies|lay|is lying|are lying|is down|are down|can'?t (?:move"
        r"|fight back|get up))",
        r"(?:because|whenever|when|since) (?:he|she|they|[\w]+) (?:annoys?|annoyed|bothers?"
        r"|bothered|teases?|teased|won'?t share|took|broke|tells? on|told on|gets? more|cries"
        r"|cried|is annoying)",
        r"(?:gets?|got|take\w*|for|in|as) revenge",
        r"(?:nobody|no one|no-one) (?:ever )?(?:finds? out|knows?|notices?|sees?|suspects?)",
        r"to get (?:even|back at)",
        r"to teach (?:him|her|them|[\w]+) a lesson",
        r"as (?:a )?(?:revenge|payback|punishment)",
        r"(?:and|so) (?:it|that it) works",
        # Harm held up as a triumph.
        r"(?:make|makes|making|is|as|he'?s|she'?s|they'?re) (?:[\w]+ )?the heroe?s?",
        r"happy ending",
        r"celebrat\w*",
        r"gets? away with it",
        r"got away with it",
        r"proud of (?:it|him|her|them|himself|herself|themselves)",
        r"rewarded",
    )
)
#: Instruction or attraction, without the villain's mere wish ("the giant wants to crush him").
_TAUGHT = whole_words(
    any_of(
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
    )
)
_DELIBERATE = re.compile(f"{_TAUGHT.pattern}|{_ON_PURPOSE.pattern}")
#: What tells that harm is meant, or made to look like fun.
_MEANT = re.compile(
    f"{HOW.pattern}|{ATTRACTION.pattern}|{_MEANT_TO_SICKEN.pattern}|{_ON_PURPOSE.pattern}"
)
#: Harm regretted: the story's child says sorry or learns why it hurt.
_REGRETTED = whole_words(
    any_of(
        r"says? sorry",
        r"said sorry",
        r"apologi[sz]\w*",
        r"feels? (?:bad|sorry|terrible)",
        r"felt (?:bad|sorry|terrible)",
        r"makes? amends",
        r"learns? not to",
        r"learns? (?:that|why) (?:[\w']+ ){0,4}(?:hurts|is wrong|is not (?:okay|ok|kind|nice)"
        r"|isn'?t (?:okay|ok|kind|nice))",
        r"(?:is|are) (?:never|not) (?:okay|ok|right|kind|allowed)",
        r"time[\s-]?out",
        # An accident grieved, not an attack.
        r"by accident",
        r"accidentally",
        r"(?<!like )an accident",
        r"(?:a|the) (?:car|truck|lorry|van|bus|train|tractor|bike) (?:hit|hits|knocked|knocks|ran"
        r" over|runs over)",
        r"passed away",
        r"grie(?:f|ve|ving|ves)",
        r"saying goodbye",
    )
)
#: Instructions to hurt someone.
RULES: tuple[IntentRule, ...] = (
    IntentRule(
        "violence",
        whole_words(HARM_VERBS + gap(3) + VICTIMS),
        needs=_DELIBERATE,
        unless=_REGRETTED,
    ),
    # Someone pushed down the stairs, off a roof; a head held under water.
    IntentRule(
        "violence",
        whole_words(
            any_of(
                r"(?:push|pushes|pushed|pushing|shov\w*|kick\w*|throw\w*|threw|trip\w*|knock\w*)"
                r" "
                + VICTIMS
                + r" (?:down|off|out of|over|from) (?:the |a |an )?(?:[\w']+ )?(?:stairs|staircase"
                r"|steps|balcony|cliff|bridge|roof|window|ladder|tower|climbing frame)",
            )
        ),
        needs=_MEANT,
        unless=_REGRETTED,
    ),
    IntentRule(
        "violence",
        whole_words(
            any_of(
                r"(?:push|pushes|pushed|pushing|hold|holds|held|holding|shov\w*|forc\w*|dunk\w*"
                r"|keep|keeps|kept|keeping|press\w*) (?:[\w']+ ){0,4}(?:head|face) (?:under|into|in"
                r"|below) (?:the |a )?(?:[\w']+ )?(?:water|bath|pool|sink|toilet|bucket|river|pond"
                r"|lake|sea|tub)",
            )
        ),
        unless=re.compile(f"{_REGRETTED.pattern}|{LESSON.pattern}"),
    ),
    IntentRule(
        "violence",
        whole_words(
            r"how to (?:hurt|harm|kill|poison|stab|choke|strangle|smother|punch|beat up|injure"
            r"|drown|break|suffocate|throttle|electrocute)"
        ),
    ),
    # Where or how to strike someone: a lesson in hurting, whoever is hit.
    IntentRule(
        "violence",
        whole_words(
            any_of(
                r"(?:where|how hard|the (?:best|right|exact) (?:way|spot|place)s?) to (?:punch|hit"
                r"|kick|stab|jab|strike|slap|bite|choke|hurt|elbow|headbutt)",
                r"so (?:that )?it hurts (?:the )?(?:most|more|really badly)",
                r"so (?:that )?(?:he|she|they|it) (?:can'?t|cannot|can not|won'?t|will not|never)"
                r" (?:ever )?(?:get up|walk|breathe|move|see|stand)",
                r"(?:hurt|harm|hit|punch|kick|stab)(?:s|ing)? (?:[\w']+ ){0,3}(?:without"
                r" (?:anyone|anybody|the teachers?|grown[\s-]?ups?) (?:seeing|noticing|knowing)"
                r"|so (?:nobody|no one) (?:sees|notices|knows))",
            )
        ),
    ),
    # Harm disguised: an attack that is to look like an accident.
    IntentRule(
        "violence",
        whole_words(r"(?:make|makes|making|made) it (?:look|seem) like (?:an|it was an) accident"),
    ),
    # Something slipped into someone's food or drink.
    IntentRule(
        "violence",
        whole_words(
            any_of(
                _NOXIOUS
                + gap(3)
                + r"(?:in|into|inside|to) (?:[\w']+ ){0,3}"
                + any_of(FOOD, r"shoes?", r"boots?", r"slippers?", r"socks?", r"bed", r"pillow"),
                r"poison(?:s|ed|ing)? (?:his|her|their|my|your|someone's|[\w]+'s) (?:[\w']+ ){0,3}"
                + FOOD,
            )
        ),
    ),
    IntentRule(
        "violence",
        whole_words(
            r"(?:put|puts|putting|slip|slips|slipped|slipping|sneak|sneaks|sneaked|snuck|mix|mixes"
            r"|mixed|mixing|stir|stirs|stirred|stirring|crush|crushes|crushed|crushing|pour|pours"
            r"|poured|pouring|drop|drops|dropped|sprinkle|sprinkles|sprinkled|add|adds|added|hide"
            r"|hides|hid|spike|spikes|spiked|lace|laces|laced|tip|tips|tipped) (?:[\w']+ ){0,6}"
            r"(?:in|into|inside) (?:[\w']+ ){0,3}" + FOOD
        ),
        needs=_MEANT_TO_SICKEN,
        unless=whole_words(r"vet|to help (?:him|her|them|it) (?:get better|swallow)"),
    ),
    # An animal thrown off a height or into water, fire or a machine.
    IntentRule(
        "violence",
        whole_words(
            r"(?:throw|throws|threw|thrown|throwing|toss\w*|fling|flings|flung|flinging|drop|drops"
            r"|dropped|dropping|push|pushes|pushed|pushing|shov\w*|kick|kicks|kicked|kicking|dangl"
            r"\w*|lock|locks|locked|locking|shut|shuts|shutting|put|puts|putting) (?:the |a |his"
            r" |her |their |our |my |[\w]+'s )?(?:[\w']+ ){0,2}"
            + ANIMALS
            + r" (?:off|out of|over|down|into|in|from) (?:the |a |an |his |her |their )?(?:[\w']+"
            r" )?(?:bridge|window|balcony|roof|cliff|stairs|river|pond|lake|well|canal|pool|fire"
            r"|bonfire|oven|bin|washing machine|tumble dryer|dryer|freezer|microwave|toilet|sea"
            r"|road|traffic|tower|tree ?house|hot car|car|boot|trunk|shed|suitcase|sack|bag)"
        ),
        needs=_MEANT,
        unless=LESSON,
    ),
    # A trap laid so that someone falls and is hurt; a stinging spray in the eyes.
    IntentRule(
        "violence",
        whole_words(
            any_of(
                r"so (?:that )?(?:the \w+|he|she|they|someone|somebody|[\w]+) (?:[\w']+ ){0,4}"
                r"(?:falls?|fell|trips?|tripped|crash(?:es)?) and (?:breaks?|hurts?|cracks?|smash"
                r"\w*|bang\w*) (?:his|her|their) (?:necks?|legs?|arms?|heads?|skulls?|backs?"
                r"|bones?|teeth|nose)",
                r"(?:string|strings|strung|tie|ties|tied|stretch\w*) (?:a |some )?(?:wire|rope"
                r"|string|fishing (?:line|wire)|trip ?wire) (?:across|over) (?:the |a )?(?:path"
                r"|stairs|steps|road|doorway|street|pavement|sidewalk|track|bike path)",
                r"(?:spray|sprays|sprayed|spraying|squirt\w*|splash\w*|throw\w*|threw|rub\w*"
                r"|flick\w*|blow\w*|pour\w*) (?:[\w']+ ){0,4}(?:in|into) (?:the |his |her |their"
                r" )?(?:eyes|face) with (?:[\w']+ ){0,2}" + _NOXIOUS,
                _NOXIOUS + r" (?:in|into) (?:his|her|their|[\w]+'s|the) (?:[\w']+ ){0,2}eyes",
            )
        ),
        unless=LESSON,
    ),
    # Scalding, shutting someone where they cannot breathe, cutting a car's brakes.
    IntentRule(
        "violence",
        whole_words(
            any_of(
                r"(?:pour\w*|tip\w*|throw\w*|threw|splash\w*|tip\w*|empt\w*) (?:[\w']+ ){0,2}"
                r"(?:boiling|scalding|hot) (?:water|oil|tea|coffee|soup|fat) (?:on|over|onto|at|in"
                r"|into) (?:[\w']+ ){0,3}(?:"
                + _KIN
                + "|"
                + ANIMALS
                + r"|him|her|them|someone|somebody|people)",
                r"(?:lock|locks|locked|locking|shut|shuts|shutting|trap|traps|trapped|trapping|seal"
                r"\w*) (?:[\w']+ ){0,3}(?:"
                + _KIN
                + "|"
                + ANIMALS
                + r"|him|her|them) (?:[\w']+ ){0,2}(?:in|inside|into) (?:the |a |an )?(?:[\w']+ )?"
                r"(?:freezer|fridge|oven|tumble dryer|dryer|washing machine|hot car|car boot|boot"
                r"|trunk|suitcase|chest|coffin|plastic bag|sack|microwave)",
                r"cut\w* (?:[\w']+ ){0,2}brakes?(?: cables?| lines?)?",
                r"(?:tamper\w*|mess\w*) with (?:[\w']+ ){0,2}brakes",
            )
        ),
        unless=re.compile(f"{_REGRETTED.pattern}|{LESSON.pattern}"),
    ),
    # An animal tied up or thrown into water; someone made to fall; a bike sabotaged.
    IntentRule(
        "violence",
        whole_words(
            any_of(
                r"(?:tie|ties|tied|tying|tape\w*|bind\w*|bound) (?:a |the |his |her |their |[\w]+'s"
                r" )?"
                + ANIMALS
                + r"'s (?:legs|paws|wings|beak|mouth|tail|feet) (?:together|shut|up)",
                ANIMALS
                + gap(10)
                + r"(?:throw|throws|threw|thrown|throwing|toss\w*|drop\w*|push\w*|dunk\w*) it"
                r" (?:in|into|off|over|down) (?:the |a )?(?:[\w']+ )?(?:pond|river|lake|sea|pool"
                r"|canal|well|bath|bucket|toilet|bridge|cliff|window|balcony|roof|fire|bonfire)",
                r"(?:jam\w*|stick\w*|shov\w*|put\w*|pok\w*) (?:a |the )?(?:stick|pole|branch|rod)"
                r" (?:in|into|through|between) (?:the |her |his |their )?(?:front |back )?(?:wheel"
                r"|spokes)",
            )
        ),
        needs=_MEANT,
        unless=re.compile(f"{_REGRETTED.pattern}|{LESSON.pattern}"),
    ),
    IntentRule(
        "violence",
        whole_words(
            r"(?:make|makes|making|made) "
            + VICTIMS
            + r" (?:fall|trip|crash|choke|bleed|faint|pass out|break)\w*"
        ),
        needs=_DELIBERATE,
        unless=re.compile(f"{_REGRETTED.pattern}|{LESSON.pattern}"),
    ),
    # A head smashed; a child tied up or left out overnight; a pet fed to another.
    IntentRule(
        "violence",
        whole_words(
            any_of(
                r"(?:his|her|their|[\w]+'s) head (?:[\w']+ )?(?:smashed|banged|slammed|bashed"
                r"|stamped on|kicked|cracked) (?:against|into|on|off|in)",
                r"(?:tie|ties|tied|tying) (?:up )?(?:"
                + VICTIMS
                + r"|him|her|them) (?:up )?to (?:a|the) (?:[\w']+ )?(?:tree|post|chair|railway"
                r"|tracks?|fence|lamppost|bed|radiator|pole)",
                r"(?:leave|leaves|left|leaving|abandon\w*) (?:"
                + VICTIMS
                + r"|him|her|them) (?:[\w']+ ){0,2}(?:in the (?:woods|forest|snow|cold|dark)"
                r"|overnight|outside all night|on the (?:railway|tracks|road))",
            )
        ),
        needs=_MEANT,
        unless=re.compile(f"{_REGRETTED.pattern}|{LESSON.pattern}"),
    ),
    IntentRule(
        "violence",
        whole_words(
            r"(?:feed|feeds|fed|feeding|give|gives|gave|giving|throw\w*|threw) (?:her|his|their"
            r"|my|our|the family'?s?|the class) (?:pet |baby )?"
            + ANIMALS
            + r" to (?:the |a |their |his |her )?(?:cat|dog|snake|crocodile|alligator|shark"
            r"|lion|tiger|fox|hawk|pike|piranhas?)"
        ),
        unless=re.compile(f"{_REGRETTED.pattern}|{LESSON.pattern}"),
    ),
    # Something sharp stuck into a person.
    IntentRule(
        "violence",
        whole_words(
            r"(?:stick|sticks|stuck|sticking|jab\w*|stab\w*|plung\w*|driv(?:e|es|ing)|drove|ram"
            r"|rams|rammed|ramming) (?:it|them|this|that|the \w+) (?:in|into) " + VICTIMS
        ),
        unless=LESSON,
    ),
    # Food or drink laced with something that poisons.
    IntentRule(
        "violence",
        whole_words(
            r"(?:lace|laces|laced|lacing|spike|spikes|spiked|spiking|dose|doses|dosed|dosing|mix"
            r"|mixes|mixed|mixing|taint\w*|contaminat\w*) (?:[\w']+ ){0,3}"
            + FOOD
            + r" with (?:[\w']+ ){0,2}"
            + _NOXIOUS
        ),
        unless=LESSON,
    ),
    # Feeding a pet what poisons it.
    IntentRule(
        "violence",
        whole_words(
            r"(?:feed|feeds|feeding|fed|give|gives|giving|gave) (?:the |a |his |her |their |our |my"
            r" )?(?:[\w']+ ){0,2}" + ANIMALS + r" (?:[\w']+ ){0,3}(?:chocolate|grapes|raisins"
            r"|onions|xylitol|poison|bleach|antifreeze|rat poison|alcohol|beer|wine|pills|medicine)"
        ),
        unless=LESSON,
    ),
    # An animal hurt until it stops moving, or to hear it cry.
    IntentRule(
        "violence",
        whole_words(
            any_of(
                r"(?:hold|holds|held|holding|push|pushes|pushed|pushing|keep|keeps|kept|keeping"
                r"|dunk|dunks|dunked|dunking|press|presses|pressed|pressing|sit|sits|sat|sitting"
                r"|squeez\w*|choke|chokes|choked|choking|shake|shakes|shook|shaking|pin|pins"
                r"|pinned|smash\w*|bang\w*|slam\w*|beat\w*|hit|hits|hitting|kick\w*|punch\w*"
                r"|stamp\w*|stomp\w*) (?:[\w']+ ){0,8}until (?:it|he|she|they|the \w+)"
                r" (?:stops?|stopped|stopping|goes|went|turns?|turned|can'?t|cannot)"
                r" (?:moving|wriggling|breathing|struggling|squirming|twitching|kicking|limp|blue"
                r"|floppy|breathe|move)",
                r"(?:kick|kicks|kicked|kicking|hit|hits|hitting|poke|pokes|poked|poking|pinch\w*"
                r"|squeez\w*|step\w* on|stamp\w* on|pull\w*|throw\w*|threw|twist\w*|hurt\w*"
                r"|burn\w*|beat\w*|smack\w*|slap\w*) (?:[\w']+ ){0,4}to (?:hear|see|watch|make)"
                r" (?:it|him|her|them|the \w+) (?:yelp|squeal|scream|shriek|whimper|howl|bleed"
                r"|suffer|squirm|limp|cry out)",
                r"(?:tie|ties|tied|tying) up (?:the |a |his |her |their |our )?(?:[\w']+ ){0,2}"
                + ANIMALS
                + r" (?:and|then) (?:[\w']+ ){0,2}(?:kick|hit|beat|hurt|poke|throw|burn)\w*",
            )
        ),
        unless=LESSON,
    ),
    # An attack on someone who cannot see it coming.
    IntentRule(
        "violence",
        whole_words(
            any_of(
                r"(?:hit|hits|hitting|bash\w*|whack\w*|smash\w*|club\w*|beat\w*|stab\w*"
                r"|attack\w*|strangl\w*|smother\w*|hurt\w*|cut\w*|kill\w*) (?:[\w']+ ){0,5}while"
                r" (?:he|she|they|his \w+|her \w+)(?: is| are|'s|'re| was| were)? (?:sleeps?"
                r"|sleeping|asleep|napping|naps|in bed|not looking|isn'?t looking|aren'?t looking)",
                r"(?:hit|hits|hitting|bash\w*|whack\w*|smash\w*|club\w*|beat\w*) (?:him|her|them"
                r"|his \w+|her \w+|[\w]+'s \w+) (?:over the head |in the (?:head|face) )?with"
                r" (?:a |the |his |her |their |dad's |mum's |mom's )?(?:[\w']+ )?(?:bats?|hammers?"
                r"|bricks?|rocks?|stones?|pans?|frying pans?|pipes?|golf clubs?|crowbars?|chairs?"
                r"|bottles?|sticks?|planks?|hot iron|belts?)",
            )
        ),
        needs=_MEANT,
    ),
    IntentRule(
        "violence",
        whole_words(
            r"(?:hit|hits|hitting|bash\w*|whack\w*|smash\w*|club\w*|beat\w*|stab\w*|attack\w*"
            r"|strangl\w*|smother\w*|hurt\w*|kill\w*|punch\w*|kick\w*) "
            + VICTIMS
            + r" (?:[\w']+ ){0,5}while (?:he|she|they)(?: is| are|'s|'re)? (?:sleeps?|sleeping"
            r"|asleep|napping|naps|in bed)"
        ),
        unless=LESSON,
    ),
    # Something sharp driven into someone's eye, neck or throat.
    IntentRule(
        "violence",
        whole_words(
            r"(?:jab|jabs|jabbed|jabbing|stab\w*|ram\w*|drive|drives|drove|stick|sticks|stuck"
            r"|plunge\w*|shove\w*|poke\w*|push\w*) (?:[\w']+ ){0,4}(?:in|into) (?:his|her"
            r"|their|someone's|somebody's|[\w]+'s|the \w+'s) (?:eyes?|throat|neck|ears?|face"
            r"|stomach|belly|back|chest|leg|arm|hand)"
        ),
        needs=_MEANT,
    ),
    IntentRule(
        "violence",
        whole_words(r"break (?:his|her|their|someone's) (?:arms?|legs?|neck|nose|bones?)"),
        needs=HOW,
    ),
    IntentRule(
        "violence",
        whole_words(r"set (?:[\w']+ ){0,3}(?:house|home|school|car|bed) on fire"),
        needs=HOW,
    ),
    # A living creature set on fire.
    IntentRule(
        "violence",
        whole_words(
            r"(?:set|sets|setting|light|lights|lit|lighting) (?:the |a |his |her |their |our"
            r" |my |[\w]+'s )?(?:[\w']+ ){0,2}(?:"
            + ANIMALS
            + r"|tails?|fur|whiskers|hair|"
            + _KIN
            + r")(?:'s? (?:tails?|fur|whiskers|hair|clothes|coat))? (?:on fire|alight|ablaze)"
        ),
        unless=LESSON,
    ),
    # Breath stopped: a bag, a pillow or a hand over someone's face.
    IntentRule(
        "violence",
        whole_words(
            r"(?:put|puts|putting|press\w*|hold|holds|held|holding|pull\w*|tie\w*|tape\w*|wrap\w*"
            r"|stuff\w*) (?:a |the |her |his |their )?(?:plastic bag|bag|pillow|cushion|blanket"
            r"|towel|tape|hand|sock) (?:over|on|around|across|in|into) (?:his|her|their|[\w]+'s"
            r"|the \w+'s) (?:[\w']+ ){0,2}(?:head|face|mouth|nose|neck)"
        ),
        needs=_MEANT,
        unless=LESSON,
    ),
)
