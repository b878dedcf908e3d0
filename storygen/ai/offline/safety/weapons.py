"""Weapons: the rules against making, arming or carrying one, and the real weapons that turn
a story's danger into violence (bombs, fireworks and fire are in
storygen.ai.offline.safety.explosives)."""

from __future__ import annotations

import re

from storygen.ai.offline.safety.patterns import IntentRule, any_of, gap, whole_words
from storygen.ai.offline.safety.vocabulary import ATTRACTION, HOW, LESSON

#: Weapons of the real world. Harmless alone (the huntsman's gun, a bread knife), violence
#: next to killing or shooting.
WEAPONS: tuple[str, ...] = (
    "gun",
    "guns",
    "handgun",
    "handguns",
    "rifle",
    "rifles",
    "pistol",
    "pistols",
    "shotgun",
    "shotguns",
    "revolver",
    "revolvers",
    "machine gun",
    "machine guns",
    "assault rifle",
    "assault rifles",
    "ak 47",
    "ar 15",
    "grenade",
    "grenades",
    "bullet",
    "bullets",
    "knife",
    "knives",
)

#: Shooting: harm only where a weapon is named too (beanstalks and stars shoot as well).
SHOOTING: tuple[str, ...] = (
    "shoot",
    "shoots",
    "shooting",
    "shot",
    "shooter",
    "shooters",
    "open fire",
    "opens fire",
    "opened fire",
)

#: A real firearm; a water, toy or glue gun is not one.
_NOT_A_TOY = "".join(
    rf"(?<!{word} )(?<!{word}-)"
    for word in (
        "water",
        "toy",
        "nerf",
        "cap",
        "pop",
        "glue",
        "staple",
        "bubble",
        "paint",
        "paintball",
        "laser",
        "ray",
        "squirt",
        "foam",
        "dart",
        "pretend",
        "wooden",
        "play",
        "tickle",
        "confetti",
        "snowball",
        "chocolate",
        "candy",
        "spray",
        "nail",
        "heat",
        "starting",
        "flare",
        "potato",
        "plastic",
        "cardboard",
        "lego",
        "sticker",
        "tape",
        "soap",
        "slime",
    )
)
FIREARMS = _NOT_A_TOY + any_of(
    r"guns?",
    r"hand ?guns?",
    r"pistols?",
    r"rifles?",
    r"shot ?guns?",
    r"revolvers?",
    r"firearms?",
    r"semi[\s-]?automatics?(?: (?:guns?|pistols?|rifles?|handguns?|weapons?))?",
    r"automatic (?:guns?|pistols?|rifles?|weapons?)",
    r"machine ?guns?",
    r"assault (?:rifles?|weapons?)",
    r"uzis?",
    r"glocks?",
    r"ak ?47s?",
    r"ar ?15s?",
    r"zip ?guns?",
)
#: A child, named the ways a brief names one (not "little", which fairy tales use for anyone).
CHILD = whole_words(
    any_of(
        r"kids?",
        r"kiddos?",
        r"twins?",
        r"child(?:ren)?",
        r"boys?",
        r"girls?",
        r"toddlers?",
        r"sons?",
        r"daughters?",
        r"grand(?:son|daughter|kid|child)s?",
        r"teens?",
        r"pupils?",
        r"students?",
        r"classmates?",
        r"nephews?",
        r"nieces?",
        r"little (?:brother|sister|ones?)",
        r"(?:his|her|their|[\w]+'s) (?:dad|daddy|mum|mummy|mom|mommy|father|mother|parents"
        r"|stepdad|stepmum|stepmom|grandpa|grandad|grandma|granny)",
        r"(?:who is|who's|aged?) (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
        r"|twelve|thirteen)",
        r"\d+[\s-]?(?:years?|yrs?)?[\s-]?olds?",
        r"\d+ ?yo",
        r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen)[\s-]?"
        r"(?:years?|yrs?)[\s-]?olds?",
        r"age[ds]? \d+",
        r"\d+(?:st|nd|rd|th) birthday",
        r"school\w*",
        r"playground",
    )
)
#: A child, or a grown-up showing how.
CHILD_OR_HOW = re.compile(f"{CHILD.pattern}|{HOW.pattern}")
#: Where children gather.
_WHERE_CHILDREN_ARE = any_of(
    r"school",
    r"nursery",
    r"kindergarten",
    r"pre-?school",
    r"class",
    r"classroom",
    r"playground",
    r"park",
    r"recess",
    r"sleepover",
    r"party",
    r"daycare",
    r"camp",
)
#: Blades a child may carry: harmless in a kitchen, a weapon in a school bag.
_BLADES = any_of(
    r"knife",
    r"knives",
    r"blades?",
    r"machetes?",
    r"switch ?blades?",
    r"flick ?knife",
    r"box cutters?",
    r"razors?",
    r"daggers?",
    r"shivs?",
    r"shanks?",
)
#: Blades made for fighting, never a child's.
_STREET_BLADES = any_of(
    r"switch ?blades?",
    r"flick ?kni(?:fe|ves)",
    r"butterfly kni(?:fe|ves)",
    r"machetes?",
    r"daggers?",
    r"shivs?",
    r"shanks?",
    r"knuckle ?dusters?",
    r"brass knuckles",
    r"box cutters?",
    r"stun guns?",
    r"tasers?",
    r"pepper spray",
)
#: A real gun treated as a toy.
_PLAYED_WITH = whole_words(
    any_of(
        r"cops and robbers",
        r"cowboys and indians",
        r"play(?:s|ed|ing)? (?:[\w']+ ){0,3}with (?:it|them)",
        r"for real",
    )
)
#: Making something: every tense, and the crafts a weapon is made with.
MAKE = any_of(
    r"mak(?:e|es|ing)",
    r"made",
    r"build(?:s|ing)?",
    r"built",
    r"mix(?:es|ed|ing)?",
    r"(?:3d )?print(?:s|ed|ing)?",
    r"assembl(?:e|es|ed|ing)",
    r"construct(?:s|ed|ing)?",
    r"craft(?:s|ed|ing)?",
    r"whittl(?:e|es|ed|ing)",
    r"forg(?:e|es|ed|ing)",
    r"carv(?:e|es|ed|ing)",
    r"fashion(?:s|ed|ing)?",
    r"rig(?:s|ged|ging)? up",
    r"put(?:s|ting)? together",
    r"cobbl(?:e|es|ed|ing) together",
    r"creat(?:e|es|ed|ing)",
    r"invent(?:s|ed|ing)?",
    r"design(?:s|ed|ing)?",
    r"grind(?:s|ing)?",
    r"ground",
    r"turn(?:s|ed|ing)? (?:[\w',]+ ){0,8}into",
    r"sharpen(?:s|ed|ing)?",
    r"fil(?:e|es|ed|ing)(?: down)? (?:[\w']+ ){0,3}into",
    r"recipe for",
    r"buy(?:s|ing)?",
    r"bought",
)
#: Weapons nobody makes but to hurt someone with.
_WEAPONS_MADE = any_of(
    r"bombs?",
    r"pipe ?bombs?",
    r"fire ?bombs?",
    r"nail ?bombs?",
    r"incendiar(?:y|ies)",
    r"silencers?",
    r"explosives?",
    r"explosive devices?",
    r"gun ?powder",
    r"molotov(?: cocktails?)?",
    r"napalm",
    FIREARMS,
    r"flame ?throwers?",
    r"crossbows?",
    r"shanks?",
    r"shivs?",
    r"switch ?blades?",
    r"stabbing (?:blades?|knife|knives|weapons?)",
    r"knuckle ?dusters?",
    r"brass knuckles",
    r"stun guns?",
    r"tasers?",
    r"garrott?es?",
    r"grenades?",
    r"poison gas",
    r"(?:tear|chlorine|toxic|nerve|mustard) gas",
    r"pepper spray",
    r"bullets",
    r"ammunition",
    r"ammo",
    r"knife",
    r"knives",
    r"weapons?",
    r"detonators?",
)
#: Giving, selling or gifting something to someone.
_GIVE = any_of(
    r"giv(?:e|es|ing)",
    r"gave",
    r"given",
    r"hand(?:s|ed|ing)?",
    r"buy(?:s|ing)?",
    r"bought",
    r"purchas(?:e|es|ed|ing)",
    r"sell(?:s|ing)?",
    r"sold",
    r"gift(?:s|ed|ing)?",
    r"unwrap(?:s|ped|ping)?",
    r"receiv(?:e|es|ed|ing)",
    r"gets?",
    r"got",
    r"orders?",
    r"ordered",
    r"lets?" + gap(5) + r"(?:have|keep|hold|use|borrow|take|play with)",
    r"plays? with",
    r"playing with",
    r"played with",
)
#: Loading a firearm or getting it ready to fire.
_ARM = any_of(
    r"(?:load|loads|loaded|loading|reload\w*|cock(?:s|ed|ing)?) (?:[\w']+ ){0,3}" + FIREARMS,
    r"(?:put|puts|putting|insert\w*|slid(?:e|es|ing)?|load\w*|push(?:es|ed|ing)?) (?:the |some |a"
    r" |new |more )?(?:bullets|rounds|shells|cartridges|ammo|ammunition|magazine|clip)"
    r" (?:in|into|inside)",
    r"chamber(?:s|ed|ing)? a round",
    r"pull(?:s|ed|ing)? the trigger",
)
#: Making, arming, buying or carrying a real weapon.
RULES: tuple[IntentRule, ...] = (
    IntentRule("weapons", whole_words(MAKE + gap(5) + _WEAPONS_MADE)),
    IntentRule("weapons", whole_words(_ARM), needs=CHILD_OR_HOW, unless=LESSON),
    IntentRule(
        "weapons",
        whole_words(
            r"(?:(?:take|takes|taking|took|flick\w*|switch\w*) (?:the|its) safety off"
            r"|how to make gun ?powder)"
        ),
    ),
    # A real gun put in a child's hands, or taken where children are.
    IntentRule(
        "weapons",
        whole_words(
            any_of(
                _GIVE + gap(5) + any_of(FIREARMS, _STREET_BLADES),
                r"(?:keeps?|kept|keeping|hides?|hid|hiding|stash\w*) (?:[\w']+ ){0,3}"
                + FIREARMS
                + r" (?:under|in|inside|behind) (?:her|his|their|the|a) (?:[\w']+ )?(?:pillow|bed"
                r"|mattress|bag|backpack|school ?bag|desk|locker|toy box|wardrobe|drawer)",
                r"(?:loaded|real|working|live|actual|(?:very )?own|semi[\s-]?automatic)"
                r" (?:[\w']+ ){0,2}" + FIREARMS,
                FIREARMS + gap(6) + r"(?:to|into|at|in) (?:the |her |his |their )?"
                r"(?:school|class|classroom|playground|park|recess|sleepover|party)",
            )
        ),
        needs=CHILD,
        unless=LESSON,
    ),
    IntentRule(
        "weapons",
        whole_words(
            any_of(
                r"(?:takes?|took|taking|brings?|brought|bringing|carr(?:y|ies|ied|ying)|sneaks?"
                r"|sneaked|snuck|hides?|hid|shows?) (?:it|them|(?:the|a|an|his|her|their|[\w]+'s)"
                r" (?:[\w']+ ){0,2}(?:"
                + FIREARMS
                + "|"
                + _BLADES
                + r")) (?:[\w']+ ){0,2}(?:to|into) (?:the |her |his |their )?"
                + _WHERE_CHILDREN_ARE,
                r"us(?:e|es|ed|ing) (?:it|them|the \w+) on (?:anyone|anybody|someone|somebody"
                r"|people|kids|children|classmates?|teachers?|(?:the |his |her |their |a )"
                r"(?:[\w']+ )?(?:boys?|girls?|kids?|bull(?:y|ies)|brothers?|sisters?|teachers?|mum"
                r"|dad|friends?))",
                r"(?:carry|carries|carried|carrying) (?:a|his|her|their) (?:[\w']+ )?"
                + _BLADES
                + r" (?:everywhere|to school|at all times|in (?:his|her|their) (?:pocket|bag|sock"
                r"|shoe|backpack|school ?bag))",
                r"(?:wave|waves|waved|waving|point|points|pointed|pointing|aim|aims|aimed|aiming"
                r"|brandish\w*|pull\w* out) (?:it|them) at (?:the |his |her |their |some )?"
                r"(?:[\w']+ ){0,2}(?:kids|children|classmates?|teachers?|people|someone|somebody"
                r"|pupils?|boys?|girls?|bab(?:y|ies)|brothers?|sisters?|friends?)",
            )
        ),
        needs=whole_words(any_of(FIREARMS, _BLADES)),
        unless=LESSON,
    ),
    # A game of chance with a loaded gun; a gun safe broken into; a barrel sawn off.
    IntentRule(
        "weapons",
        whole_words(
            any_of(
                r"russian roulette",
                r"(?:raid|raids|raided|break\w* into|broke into|open\w*|unlock\w*|crack\w*)"
                r" (?:[\w']+ ){0,2}(?:gun|weapons?|rifle) (?:safe|cabinet|cupboard|locker)",
                r"saw\w* off (?:[\w']+ ){0,4}(?:barrel|shotgun|rifle)",
                r"sawn[\s-]?off (?:shotguns?|rifles?)",
                r"quick[\s-]?draw\w* (?:[\w']+ ){0,2}" + FIREARMS,
            )
        ),
    ),
    # Threatening children with a weapon.
    IntentRule(
        "weapons",
        whole_words(
            any_of(
                r"(?:threaten|threatens|threatened|threatening|scare|scares|scared|scaring|frighten"
                r"\w*|rob|robs|robbed|robbing|wave\w*|point\w*) (?:[\w']+ ){0,4}(?:with (?:a |the"
                r" |his |her |their )?(?:[\w']+ )?)?(?:" + FIREARMS + "|" + _BLADES + r")",
                r"(?:"
                + FIREARMS
                + "|"
                + _BLADES
                + r")"
                + gap(8)
                + r"to (?:threaten|scare|frighten|rob|stab|hurt|cut|attack|kill) (?:the |his |her"
                r" |their |some |[\w]+'s )?(?:[\w']+ )?(?:kids|children|classmates?|teachers?"
                r"|people|someone|somebody|pupils?|boys?|girls?|bull(?:y|ies)|brothers?|sisters?)",
            )
        ),
        unless=LESSON,
    ),
    # A real gun taken and fired, or shown off, as fun.
    IntentRule(
        "weapons",
        whole_words(
            any_of(
                r"(?:steal|steals|stole|stolen|stealing|sneak\w*|snuck|take|takes|took|taking|grab"
                r"\w*|find|finds|found|borrow\w*|nick\w*|swipe\w*) (?:[\w']+ ){0,3}" + FIREARMS,
                FIREARMS + gap(6) + r"(?:fir(?:e|es|ed|ing)|shoot\w*|shot|aim\w*|point\w*"
                r"|show\w* (?:it )?off|pass\w* (?:it )?(?:around|round))",
                r"(?:tak(?:e|es|ing)|took) turns? (?:[\w']+ ){0,2}(?:firing|shooting|holding"
                r"|aiming)",
            )
        ),
        needs=re.compile(f"{ATTRACTION.pattern}|{CHILD.pattern}|{_PLAYED_WITH.pattern}"),
        unless=LESSON,
    ),
    # A slingshot, catapult or air gun turned on people, animals or cars.
    IntentRule(
        "weapons",
        whole_words(
            any_of(
                r"sling ?shots?",
                r"catapults?",
                r"bb guns?",
                r"air ?(?:guns?|rifles?|pistols?)",
                r"pellet guns?",
                r"blow ?guns?",
                r"crossbows?",
            )
            + gap(8)
            + r"(?:at|to (?:hit|hurt|shoot|break|smash)) (?:the |a |some |his |her |their |passing"
            r" )?(?:[\w']+ ){0,2}(?:people|cars|windows|birds|cats|dogs|kids|children|classmates"
            r"|neighbou?rs|teachers|houses|passers[\s-]?by|pigeons|squirrels|ducks|faces?|heads?)"
        ),
        unless=LESSON,
    ),
    # A weapon meant to wound: "sharp enough to pierce skin", "strong enough to kill".
    IntentRule(
        "weapons",
        whole_words(
            r"(?:sharp|strong|powerful|deadly|pointy|dangerous|heavy|hard) enough to (?:really )?"
            r"(?:pierce|cut|stab|hurt|kill|wound|injure|maim|go through|break) (?:[\w']+ ){0,2}"
            r"(?:skin|flesh|someone|somebody|people|a person|kids|children|him|her|them|a man"
            r"|a woman|a child|a kid|bones?|skulls?|throats?|necks?)"
        ),
    ),
)
