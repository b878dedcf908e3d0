"""What the rules of violence share: the ways to hurt, who gets hurt, and what tells that
harm is meant, made to look like fun, or regretted."""

from __future__ import annotations

import re

from storygen.ai.offline.safety.patterns import any_of, whole_words
from storygen.ai.offline.safety.vocabulary import ATTRACTION, HOW, TAUGHT_WORDS

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
    # "beet up" is how a hurried brief spells it; the vegetable is never beaten up.
    r"beet(?:s|ing)? up",
    r"whip(?:s|ped|ping)?",
    r"thrash(?:es|ed|ing)?",
    r"flog(?:s|ged|ging)?",
    r"spank(?:s|ed|ing)?",
    r"thump(?:s|ed|ing)?",
    r"wallop(?:s|ed|ing)?",
    r"clobber(?:s|ed|ing)?",
    r"pummel(?:s|led|ling|ed|ing)?",
    r"headbutt(?:s|ed|ing)?",
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
KIN = (
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
    # Not "kick the ball to each other".
    r"(?<!to )(?<!with )each other",
    # "there" is how a hurried brief spells "their".
    r"(?:his|her|their|there|my|your|the|a|an|our|someone's|[\w]+'s) (?:[\w']+ ){0,2}(?:"
    + KIN
    + ")",
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
#: What slipping something into food is meant to do.
MEANT_TO_SICKEN = whole_words(
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
ON_PURPOSE = whole_words(
    any_of(
        r"on purpose",
        r"deliberately",
        r"to see (?:what happens|if (?:it|he|she|they)|how)",
        # An animal's suffering timed or tested, as if it were an experiment.
        r"(?:see|find out|time|test|check|learn|know|measure) how long (?:it|he|she|they|the \w+"
        r"|an? \w+) (?:lives|survives|can (?:live|survive|last)|lasts|takes to die)",
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
        r"(?:until|till|so (?:that )?) (?:he|she|they|it) (?:yelps?|yelped|whimper\w*|squeal\w*"
        r"|shriek\w*|cries|cried|limps?|limped)(?! (?:with|in|of|for) (?:joy|delight|laughter"
        r"|happiness|glee|fun))",
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
        r"(?:when|while|after|once) (?:he|she|they)(?:'s|s|'re| is| are)? (?:down|on the (?:ground"
        r"|floor)|(?:lying|lies|lay) (?:on the )?(?:ground|floor))",
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
TAUGHT = whole_words(any_of(*TAUGHT_WORDS))
DELIBERATE = re.compile(f"{TAUGHT.pattern}|{ON_PURPOSE.pattern}")
#: What tells that harm is meant, or made to look like fun.
MEANT = re.compile(
    f"{HOW.pattern}|{ATTRACTION.pattern}|{MEANT_TO_SICKEN.pattern}|{ON_PURPOSE.pattern}"
)
#: Harm regretted: the story's child says sorry or learns why it hurt.
REGRETTED = whole_words(
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
