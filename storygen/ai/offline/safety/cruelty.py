"""Cruelty: the rules against hurting animals, and against slipping something harmful into
what a person eats or drinks (category violence)."""

from __future__ import annotations

import re

from storygen.ai.offline.safety.patterns import IntentRule, any_of, gap, whole_words
from storygen.ai.offline.safety.violence_vocabulary import (
    ANIMALS,
    MEANT,
    MEANT_TO_SICKEN,
    REGRETTED,
)
from storygen.ai.offline.safety.vocabulary import LESSON

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
#: Taking a creature apart.
_MAIM = any_of(
    r"pull(?:s|ed|ing)?",
    r"pluck(?:s|ed|ing)?",
    r"rip(?:s|ped|ping)?",
    r"tear(?:s|ing)?",
    r"tore",
    r"cut(?:s|ting)?",
    r"snip(?:s|ped|ping)?",
    r"chop(?:s|ped|ping)?",
    r"break(?:s|ing)?",
    r"broke",
    r"snap(?:s|ped|ping)?",
    r"twist(?:s|ed|ing)?",
    r"saw(?:s|ed|ing)?",
    r"burn(?:s|ed|t|ing)?",
    r"hack(?:s|ed|ing)?",
    r"yank(?:s|ed|ing)?",
)
#: What is pulled off a creature.
_ANIMAL_PARTS = any_of(
    r"wings?",
    r"legs?",
    r"tails?",
    r"whiskers",
    r"fins?",
    r"feathers",
    r"antennae",
    r"ears?",
    r"paws?",
    r"claws",
    r"beaks?",
    r"feet",
    r"heads?",
)
#: Small creatures a child may be asked to take apart.
_SMALL_CREATURES = any_of(
    r"spiders?",
    r"butterfl(?:y|ies)",
    r"flies",
    r"fly",
    r"insects?",
    r"bugs?",
    r"beetles?",
    r"ants?",
    r"worms?",
    r"bees?",
    r"moths?",
    r"ladybirds?",
    r"ladybugs?",
    r"grasshoppers?",
    r"crabs?",
    r"snails?",
    r"caterpillars?",
    r"lizards?",
    r"newts?",
    r"dragonfl(?:y|ies)",
    r"fox(?:es)?",
    r"rats?",
    r"owls?",
    r"pigeons?",
    r"ducks?",
    r"hens?",
    r"chickens?",
    r"horses?",
    r"donkeys?",
    r"goats?",
    r"sheep",
    r"pigs?",
    r"cows?",
    r"calf",
    r"calves",
    r"deer",
    r"badgers?",
    r"monkeys?",
)
#: Harm to animals, and what must never go into someone's food, drink or eyes.
RULES: tuple[IntentRule, ...] = (
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
        needs=MEANT_TO_SICKEN,
        unless=whole_words(r"(?:vet|to help (?:him|her|them|it) (?:get better|swallow))"),
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
        needs=MEANT,
        unless=LESSON,
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
        unless=re.compile(f"{REGRETTED.pattern}|{LESSON.pattern}"),
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
                r"|stamp\w*|stomp\w*|throw\w*|threw|pelt\w*|ston(?:e|es|ed|ing))"
                r" (?:[\w']+ ){0,8}until (?:it|he|she|they|the \w+)"
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
    # A stinging spray in the eyes.
    IntentRule(
        "violence",
        whole_words(
            any_of(
                r"(?:spray|sprays|sprayed|spraying|squirt\w*|splash\w*|throw\w*|threw|rub\w*"
                r"|flick\w*|blow\w*|pour\w*) (?:[\w']+ ){0,4}(?:in|into) (?:the |his |her |their"
                r" )?(?:eyes|face) with (?:[\w']+ ){0,2}" + _NOXIOUS,
                _NOXIOUS + r" (?:in|into) (?:his|her|their|[\w]+'s|the) (?:[\w']+ ){0,2}eyes",
            )
        ),
        unless=LESSON,
    ),
    # An animal tied up or thrown into water.
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
            )
        ),
        needs=MEANT,
        unless=re.compile(f"{REGRETTED.pattern}|{LESSON.pattern}"),
    ),
    # An animal's wings, legs or tail pulled off: cruelty, whatever the experiment.
    IntentRule(
        "violence",
        whole_words(
            any_of(
                _MAIM
                + r" (?:off )?(?:the |a |an |its |his |her |their |[\w]+'s )?(?:[\w']+ ){0,2}"
                + _ANIMAL_PARTS
                + r"(?: and (?:its |the |their )?(?:[\w']+ )?"
                + _ANIMAL_PARTS
                + r")? (?:off|out)",
                _MAIM
                + r" off (?:the |a |an |its |his |her |their |[\w]+'s )?(?:[\w']+ ){0,2}"
                + _ANIMAL_PARTS,
                _ANIMAL_PARTS + r" (?:get|gets|got|getting|are|is|were|was|being|been) (?:[\w']+ )?"
                r"(?:pulled|plucked|ripped|torn|cut|snipped|chopped|broken|snapped|twisted|sawn"
                r"|burn(?:ed|t)|hacked|yanked|bitten) (?:off|out)",
            )
        ),
        needs=whole_words(any_of(ANIMALS, _SMALL_CREATURES) + r"(?:'s)?"),
        unless=re.compile(
            f"{REGRETTED.pattern}|{LESSON.pattern}|"
            + whole_words(
                # Lizards regrow tails, chickens are roasted, and three blind mice lose theirs.
                r"(?:grows? (?:back|a new)|vets?|moult\w*|molt\w*|shed\w*|roast\w*|dinner|lunch"
                r"|blind mice|farmer's wife)"
            ).pattern
        ),
    ),
    # A pet's neck broken.
    IntentRule(
        "violence",
        whole_words(
            r"(?:snap|break|broke|wring|wrung|twist|crack)\w* (?:the |a |an |its |his |her |their"
            r" |[\w]+'s )?(?:[\w']+ )?" + ANIMALS + r"(?:'s|s')? necks?"
        ),
        unless=re.compile(f"{REGRETTED.pattern}|{LESSON.pattern}"),
    ),
)
