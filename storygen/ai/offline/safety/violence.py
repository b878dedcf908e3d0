"""Violence: the words of killing and harm no fairy tale needs, the fairy-tale peril that
only adds up, and the rules against teaching how to hurt a person (harm to animals and
poison slipped into food are in storygen.ai.offline.safety.cruelty)."""

from __future__ import annotations

import re

from storygen.ai.offline.safety.patterns import IntentRule, any_of, gap, whole_words
from storygen.ai.offline.safety.violence_vocabulary import (
    ANIMALS,
    DELIBERATE,
    HARM_VERBS,
    KIN,
    MEANT,
    REGRETTED,
    VICTIMS,
)
from storygen.ai.offline.safety.vocabulary import HOW, LESSON

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

#: Instructions to hurt someone.
RULES: tuple[IntentRule, ...] = (
    IntentRule(
        "violence",
        whole_words(HARM_VERBS + gap(3) + VICTIMS),
        needs=DELIBERATE,
        unless=REGRETTED,
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
        needs=MEANT,
        unless=REGRETTED,
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
        unless=re.compile(f"{REGRETTED.pattern}|{LESSON.pattern}"),
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
    # A trap laid so that someone falls and is hurt.
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
                + KIN
                + "|"
                + ANIMALS
                + r"|him|her|them|someone|somebody|people)",
                r"(?:lock|locks|locked|locking|shut|shuts|shutting|trap|traps|trapped|trapping|seal"
                r"\w*) (?:[\w']+ ){0,3}(?:"
                + KIN
                + "|"
                + ANIMALS
                + r"|him|her|them) (?:[\w']+ ){0,2}(?:in|inside|into) (?:the |a |an )?(?:[\w']+ )?"
                r"(?:freezer|fridge|oven|tumble dryer|dryer|washing machine|hot car|car boot|boot"
                r"|trunk|suitcase|chest|coffin|plastic bag|sack|microwave)",
                r"cut\w* (?:[\w']+ ){0,2}brakes?(?: cables?| lines?)?",
                r"(?:tamper\w*|mess\w*) with (?:[\w']+ ){0,2}brakes",
            )
        ),
        unless=re.compile(f"{REGRETTED.pattern}|{LESSON.pattern}"),
    ),
    # A bike sabotaged; someone made to fall.
    IntentRule(
        "violence",
        whole_words(
            any_of(
                r"(?:jam\w*|stick\w*|shov\w*|put\w*|pok\w*) (?:a |the )?(?:stick|pole|branch|rod)"
                r" (?:in|into|through|between) (?:the |her |his |their )?(?:front |back )?(?:wheel"
                r"|spokes)",
            )
        ),
        needs=MEANT,
        unless=re.compile(f"{REGRETTED.pattern}|{LESSON.pattern}"),
    ),
    IntentRule(
        "violence",
        whole_words(
            r"(?:make|makes|making|made) "
            + VICTIMS
            + r" (?:fall|trip|crash|choke|bleed|faint|pass out|break)\w*"
        ),
        needs=DELIBERATE,
        unless=re.compile(f"{REGRETTED.pattern}|{LESSON.pattern}"),
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
        needs=MEANT,
        unless=re.compile(f"{REGRETTED.pattern}|{LESSON.pattern}"),
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
    # An attack on someone who cannot see it coming.
    IntentRule(
        "violence",
        whole_words(
            any_of(
                r"(?:hit|hits|hitting|bash\w*|whack\w*|smash\w*|club\w*|beat\w*|stab\w*"
                r"|attack\w*|strangl\w*|smother\w*|hurt\w*|cut\w*|kill\w*) (?:[\w']+ ){0,5}while"
                r" (?:he|she|they|his \w+|her \w+)(?: is| are|'s|'re| was| were)? (?:sleeps?"
                r"|sleeping|asleep|napping|naps|in bed|not looking|isn'?t looking|aren'?t looking)",
                # "wip" is how a hurried brief spells "whip".
                r"(?:hit|hits|hitting|bash\w*|whack\w*|smash\w*|club\w*|beat\w*|whip\w*|wip"
                r"|wips|wipped|thrash\w*|flog\w*|smack\w*|slap\w*|spank\w*|thump\w*|wallop\w*"
                r"|lash\w*) (?:him|her|them|it|his \w+|her \w+|[\w]+'s \w+|"
                + VICTIMS
                + r"|(?:the|a|his|her|their|[\w]+'s) (?:[\w']+ )?"
                + ANIMALS
                + r") (?:over the head |in the (?:head|face) )?with (?:a |the |his |her |their"
                r" |dad's |mum's |mom's )?(?:[\w']+ )?(?:bats?|hammers?|bricks?|rocks?|stones?"
                r"|pans?|frying pans?|pipes?|golf clubs?|crowbars?|chairs?|bottles?|sticks?|planks?"
                r"|hot iron|belts?|whips?|canes?|rulers?|slippers?|shoes?|wooden spoons?|hoses?"
                r"|cords?|chains?|rods?|switch(?:es)?|branch(?:es)?)",
            )
        ),
        needs=MEANT,
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
        needs=MEANT,
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
            + KIN
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
        needs=MEANT,
        unless=LESSON,
    ),
    # Breath stopped until the struggling ends: a face held under water, a hand over a mouth.
    IntentRule(
        "violence",
        whole_words(
            any_of(
                r"(?:(?:press|hold|put|push|keep|pin|force|dunk|stuff|sit|lie|lay|squash|squeez"
                r"|cover)\w*|held|kept|sat) (?:[\w']+ ){0,5}"
                + any_of(
                    r"(?:over|on|onto|across|against) (?:his|her|its|their|the \w+'s|[\w]+'s)"
                    r" (?:[\w']+ )?(?:face|mouth|nose|head|neck|throat)",
                    r"(?:under|in|into|beneath) (?:the |a )?(?:[\w']+ ){0,2}(?:water|tap|bath|pool"
                    r"|sink|toilet|bucket|river|pond|lake|sea|tub|basin|puddle)",
                    r"under",
                ),
                r"(?:sits?|sat|sitting|kneel\w*|knelt|lies|lay|lying|stands?|stood|standing) on"
                r" (?:it|him|her|them|the \w+|his \w+|her \w+)"
                r"(?! (?:toys?|teddy|doll|cushion|pillow))",
            )
            + r" (?:[\w']+ ){0,4}(?:until|till|til) (?:it|he|she|they|(?:the|his|her|their)"
            r" (?:[\w']+ )?(?:" + KIN + "|" + ANIMALS + r"))(?:'s|'re| is| are"
            r"| goes| go| went| falls?| fell| turns?| turned| lies| lay)? ?(?:quiet|silent|still"
            r"|limp|floppy|blue|dead|motionless|stops?(?= ?(?:[.,!?;:]|$|and |forever|for good))"
            r"|stopped(?= ?(?:[.,!?;:]|$|and |forever|for good))|(?:stops?|stopped) (?:moving"
            r"|breathing|struggling|wriggling|squirming|kicking|twitching|fighting|squeaking"
            r"|barking|meowing|making (?:a )?(?:sound|noise))|can'?t breathe)"
        ),
        unless=re.compile(f"{REGRETTED.pattern}|{LESSON.pattern}"),
    ),
    # A beating that goes on: kicking someone who is down.
    IntentRule(
        "violence",
        whole_words(
            r"(?:keep|keeps|kept|keeping|carr(?:y|ies|ied|ying) on|continu(?:e|es|ed|ing)|go|goes"
            r"|went) (?:on )?(?:kicking|punching|hitting|beating|stamping on|stomping on|slapping"
            r"|smacking|whacking|bashing|thumping|stabbing|choking|pummel+ing|jumping on)"
            r" (?:him|her|them|" + VICTIMS + ")"
        ),
        needs=DELIBERATE,
        unless=REGRETTED,
    ),
    # A harm told as a command, in a rhyme, a chant or a game: "kick the dog, whack the baby".
    IntentRule(
        "violence",
        re.compile(
            r"(?:^|[,;:!?\"(\u2014\u2013]|(?<![\w'])'|\s-)\s*(?:kick|hit|whack|punch|slap|smack|bash"
            r"|beat up|stab|burn|drown|poke|pinch|stamp on|stomp on|squash|strangle|choke|bite"
            r"|shove|thump|wallop|trip|drop|hurt|smother|throttle|whip|spank|thrash) (?:the|your|a"
            r"|that|my|his|her) (?:little |baby |new |old |fat |silly |stupid )?(?:"
            + KIN
            # Dropping the baby off at nursery is an errand.
            + r")(?![\w'])(?! off)"
        ),
        unless=re.compile(f"{REGRETTED.pattern}|{LESSON.pattern}"),
    ),
    # Children armed to strike someone where it hurts: "aim for the knees".
    IntentRule(
        "violence",
        whole_words(
            r"(?:aim|aims|aimed|aiming|go|goes|going|went|swing|swings|swung|swinging|strike\w*"
            r"|struck|hit|hits|hitting|smash\w*|whack\w*|take a swing|bash\w*) (?:straight )?(?:for"
            r"|at) (?:the |his |her |their |[\w]+'s )?(?:[\w']+ ){0,2}(?:knees?|kneecaps?|heads?"
            r"|faces?|legs?|skulls?|teeth|eyes?|throats?|necks?|ribs|backs?|stomachs?|shins?|noses?|jaws?)"
        ),
        needs=whole_words(
            r"(?:baseball |cricket |hockey |metal |iron |wooden )?(?:bats?|clubs?|sticks?|pipes?"
            r"|hammers?|crowbars?|bricks?|rocks?|stones?|chains?|knives|knife|golf clubs?|planks?"
            r"|poles?|batons?|knuckle ?dusters?|brass knuckles)"
        ),
        # A piñata, a snowman or a target is fair game.
        unless=re.compile(
            LESSON.pattern
            + "|"
            + whole_words(
                r"(?:pi[nñ]atas?|snowm[ae]n|targets?|dumm(?:y|ies)|scarecrows?|balls?|coconuts?)(?:'s)?"
            ).pattern
        ),
    ),
)
