"""Gore: the rules against graphic harm (category violence/graphic), whatever the story."""

from __future__ import annotations

from storygen.ai.offline.safety.patterns import IntentRule, any_of, gap, whole_words

#: What is inside a body.
_INSIDES = any_of(
    r"insides",
    r"innards",
    r"organs?",
    r"entrails",
    r"intestines?",
    r"guts",
    r"bowels",
    r"brains?",
    r"hearts?",
    r"lungs?",
    r"livers?",
    r"kidneys?",
    r"stomachs?",
    r"bones?",
    r"eyeballs?",
)
#: Parts of a body that can be cut from it.
_LIMBS = any_of(
    r"arms?",
    r"legs?",
    r"heads?",
    r"faces?",
    r"fingers?",
    r"hands?",
    r"ears?",
    r"toes?",
    r"feet",
    r"foot",
    r"noses?",
    r"tongues?",
    r"lips?",
    r"limbs?",
    r"paws?",
    r"eyes?",
    r"cheeks?",
    r"chins?",
    r"scalps?",
    r"jaws?",
    r"skulls?",
    r"spines?",
)
_BLOOD = r"bloo?d"
#: The hero who cuts off the dragon's head is a fairy tale; nobody else's limbs come off.
_NOT_A_MONSTERS_HEAD = (
    r"(?!(?:the |a |an |its |his |her |their )?(?:[\w-]+ )?(?:dragon|monster|hydra|serpent|beast"
    r"|troll|ogre|giant|wolf|witch|sea monster|dragons|monsters)'?s?'? heads?(?![\w']))"
)
#: Toys and food whose arms, legs and heads come off without harm to anyone.
_TOYS_AND_FOOD = (
    r"(?:gingerbread(?: m[ae]n)?|teddy|teddies|teddy bears?|dolls?|lego(?: m[ae]n)?|robots?"
    r"|snowm[ae]n|scarecrows?|puppets?|action figures?|toy \w+|roast(?:ed)? \w+|chocolate \w+"
    r"|jelly \w+|chickens?|turkeys?|cakes?)"
)
_NOT_A_TOY = rf"(?!(?:the |a |an |its |his |her |their )?(?:[\w-]+ )?{_TOYS_AND_FOOD}'?s?'? )"
_NOT_FROM_A_TOY = (
    rf"(?! (?:of |from )?(?:the |a |an |its |his |her |their )?{_TOYS_AND_FOOD}(?![\w']))"
)
_OWNED_BY_A_TOY = (
    "".join(
        rf"(?<!{owner}'s )(?<!{owner}s' )"
        for owner in (
            "teddy",
            "doll",
            "robot",
            "snowman",
            "scarecrow",
            "puppet",
            "chicken",
            "turkey",
        )
    )
    + r"(?<!gingerbread man's )(?<!toy's )"
)
#: Asking for the harm to be shown close up.
_IN_DETAIL = any_of(
    r"(?:in|with) (?:\w+ )?(?:vivid|close|gory|graphic|gruesome|grisly|full|great|loving|lurid"
    r"|every|all the|lots of|realistic|bloody) (?:[\w-]+ )?"
    r"(?:details?|close[\s-]?ups?|descriptions?)",
    r"close[\s-]?ups? (?:descriptions?|details?|shots?|of)",
    r"(?:described|describes?|describing|shown|shows?|showing|draw|drawn|illustrat\w*) (?:[\w']+"
    r" ){0,5}(?:in detail|up close|close up|in close[\s-]?up|vividly|graphically|every"
    r"|lovingly|lingeringly|with relish|slowly)",
    r"(?:as )?(?:graphic|gory|gruesome|bloody) as (?:possible|you can)",
    r"(?:focus|dwell|linger)(?:s|ing)? on the (?:gore|blood|wounds?|injur(?:y|ies))",
    r"(?:we see|show(?:ing)?|describe|describing) every (?:bit|organ|wound|cut|bone|detail)",
    r"super graphic",
    r"lots of (?:gory |graphic |bloody )?details?",
    r"(?:all )?in (?:gory |graphic |bloody )?close[\s-]?ups?",
    r"describ\w* (?:[\w']+ ){0,4}(?:the )?(?:blood|gore|guts|wounds|injuries|stitches|insides"
    r"|organs)(?! (?:tests?|cells?|types?|banks?|donation|pressure|vessels?))",
    r"(?:hear|hears|feel|feels|see|sees) every (?:crunch|bite|scream|snap|cut|drop|slice|crack)",
    r"go all out",
)
#: What spills from a body.
_SPILLED = any_of(
    r"guts", r"insides", r"innards", r"entrails", r"intestines?", r"bowels", r"pieces"
)
#: Food and things that are cut open and emptied harmlessly.
_NOT_A_BODY = whole_words(
    any_of(
        r"avocados?",
        r"(?:water)?melons?",
        r"pumpkins?",
        r"oranges?",
        r"apples?",
        r"bananas?",
        r"fruits?",
        r"bread",
        r"loaf",
        r"cakes?",
        r"pies?",
        r"pizzas?",
        r"coconuts?",
        r"envelopes?",
        r"presents?",
        r"parcels?",
        r"packages?",
        r"letters?",
        r"eggs?",
        r"pillows?",
        r"peach(?:es)?",
        r"mangoe?s?",
        r"lemons?",
        r"tomato(?:es)?",
        r"peppers?",
        r"potato(?:es)?",
        r"sandwich(?:es)?",
        r"pi[nñ]atas?",
        r"teddy",
        r"cushions?",
        r"seeds?",
        r"pods?",
        r"geodes?",
        r"boxe?s?",
        r"bags?",
        r"chocolate",
        r"biscuits?",
        r"cookies?",
        r"paper",
        r"cardboard",
        r"logs?",
        r"carrots?",
        r"vegetables?",
        r"cheese",
        r"ice",
        r"vases?",
        r"mirrors?",
        r"plates?",
        r"cups?",
        r"glass",
        r"toys?",
        r"puzzles?",
        r"jigsaws?",
        r"rocks?",
        r"stones?",
        r"clay",
        r"fish",
        r"branch(?:es)?",
        r"leaves",
        r"grass",
    )
)
#: Cutting into a body.
_CUT_OPEN = any_of(
    r"(?:cut|cuts|cutting|slic\w*|rip\w*|tear\w*|tore|torn|slit\w*|carv\w*|split\w*|hack\w*"
    r"|saw\w*) (?:[\w']+ ){0,3}(?:open|up|apart)",
    r"(?:chop|chops|chopped|chopping|hack\w*|cut|cuts|cutting) (?:[\w']+ ){0,3}(?:up|into"
    r" (?:pieces|bits|chunks))",
    r"sever\w*",
    r"mutilat\w*",
    r"dismember\w*",
    r"disembowel\w*",
    r"decapitat\w*",
    r"behead\w*",
    r"skin\w* (?:[\w']+ ){0,2}alive",
    r"wounds?",
    r"injur(?:y|ies)",
)
#: How a part of a body is taken from it.
_TAKEN = any_of(
    r"chopped",
    r"cut",
    r"torn",
    r"ripped",
    r"bitten",
    r"burned",
    r"burnt",
    r"gouged",
    r"pulled",
    r"plucked",
    r"sawn",
    r"sawed",
    r"hacked",
    r"sliced",
    r"gnawed",
    r"peeled",
    r"snipped",
    r"skinned",
    r"scraped",
    r"sheared",
    r"twisted",
    r"yanked",
)
#: The trunk of a body, which a brief may ask to see burst open.
_TORSO = any_of(
    r"bod(?:y|ies)",
    r"bell(?:y|ies)",
    r"tumm(?:y|ies)",
    r"stomachs?",
    r"chests?",
    r"skulls?",
    r"heads?",
    r"torsos?",
    r"rib ?cages?",
)
#: A body opened: split, burst, sliced.
_OPENED = any_of(
    r"split",
    r"burst",
    r"cracked",
    r"ripped",
    r"torn",
    r"sliced",
    r"cut",
    r"slit",
    r"smashed",
    r"blown",
    r"hacked",
    r"sawn",
    r"sawed",
    r"opened",
    r"bashed",
    r"bust(?:ed)?",
    r"broken",
)
#: Up to a dozen words, commas allowed: "their fingers, described in detail".
_ACROSS_COMMAS = r"(?:[^\w.!?;:\n]+[\w']+){0,12}[^\w.!?;:\n]+"
#: Harm a brief may ask to see close up.
_HARM_SHOWN = any_of(
    _BLOOD,
    _SPILLED,
    _CUT_OPEN,
    r"gore",
    r"gory",
    r"run over",
    r"killed",
    r"dead bod(?:y|ies)",
    r"corpses?",
    r"(?:floating|severed|cut[\s-]off|chopped[\s-]off|bloody|loose|torn|bitten[\s-]off) (?:[\w']+"
    r" ){0,2}" + _LIMBS,
    r"(?:cook|cooks|cooked|cooking|boil\w*|roast\w*|bak(?:e|es|ed|ing)|fry|fries|fried|stew\w*)"
    r" (?:the |a |his |her |their )?(?:[\w']+ )?(?:children|kids|boys?|girls?|bab(?:y|ies)|people"
    r"|man|woman|babysitter|teacher)",
    r"(?:red|bloody) (?:spray|mist|mush|pulp|paste)",
    r"(?:snap\w*|break\w*|broke|wring\w*|twist\w*) (?:[\w']+ ){0,3}necks?",
    r"(?:tear|tears|tore|torn|rip|rips|ripped|ripping|bit|bite|bites|bitten|chop\w*|hack\w*"
    r"|saw|sawn|sawed|sawing) (?:[\w']+ ){0,3}" + _LIMBS,
)
#: Bodies torn, eaten, skinned or spilled.
RULES: tuple[IntentRule, ...] = (
    IntentRule(
        "violence/graphic",
        whole_words(
            any_of(
                # Guts spilled; not "the guts to" (courage), not a fish gutted for dinner.
                r"(?<!takes )(?<!took )guts(?! to )(?! (?:the |a |an |his |her |their )?(?:\w+ )?"
                r"(?:fish|trout|salmon|mackerel|cod|herring|chicken|turkey|deer)e?s?(?![\w']))",
                r"insides (?:hanging|spill\w*|out)",
                r"brains? (?:splatter\w*|spill\w*)",
                r"splatter\w*",
                r"eats? (?:the )?(?:[\w']+ ){0,2}brains?",
                r"eyeballs?",
                r"(?:pulls?|pulled|rips?|ripped|tears?|tore|gouges?) (?:out )?(?:[\w']+ ){0,3}"
                r"(?:eyes|hearts?|eyeballs|guts)",
                r"(?:eats?|ate|eating|boils?|boiled|skins?|skinned|burns?|burned|burnt|dissect\w*"
                r"|cut (?:up|open)|sliced(?: up| open)?|chopped(?: up)?|opened up|carved(?: up)?"
                r"|cooked|fried|roasted) (?:[\w']+ ){0,2}alive",
                r"skinned",
                r"hang\w* (?:up )?(?:the |a |his |her |their )?(?:[\w']+ )?(?:children|kids|boys?"
                r"|girls?|people|bod(?:y|ies)|man|woman|bab(?:y|ies)|villagers|teachers?)"
                r" (?:up )?on (?:meat )?hooks",
                r"(?:being |are |is )?(?:digested|dissolv\w*|melting|melted) (?:[\w']+ ){0,2}"
                r"(?:inside|in) (?:his|her|its|their|the \w+'s) (?:stomach|belly|tummy|gut)",
                _LIMBS
                + r" (?:is |are |was |were |gets? |got )?(?:sliced|cut|slashed|torn|ripped|shredded"
                r"|hacked) (?:[\w']+ )?(?:to|into) (?:ribbons|shreds|pieces|bits)",
                r"(?:eyes|eyeballs) (?:pop|pops|popped|popping|bulge|bulging|burst\w*) out",
                r"(?:ribs|bones|skull|spine|neck) (?:crack|cracks|cracked|cracking|snap|snaps"
                r"|snapped|snapping|crunch\w*|shatter\w*|splinter\w*)",
                r"(?:boiled|roasted|cooked|fried|baked|pickled|severed|stewed) (?:heads|fingers"
                r"|hands|ears|faces|brains|toes)",
                # Eaten, skinned or nailed up while still alive.
                r"(?:skin\w*|nail\w*|cut\w*|chop\w*|burn\w*|eat\w*|ate|cook\w*|boil\w*|bur(?:y"
                r"|ies|ied)|slic\w*|carv\w*|saw\w*)"
                + gap(8)
                + r"while (?:it|he|she|they)(?: is| are| was| were|'s|'re)? still (?:alive"
                r"|twitching|breathing|moving|awake|conscious|screaming|kicking)",
                # A person's hands, feet or eyes eaten.
                r"(?:eat|eats|ate|eaten|eating|chew\w*|munch\w*|gnaw\w*|devour\w*|gobbl\w*|crunch"
                r"\w*) (?:up )?(?:the )?(?:children's|kids'|boy's|girl's|man's|woman's|baby's"
                r"|babies'|people's|teacher's|mum's|dad's|sister's|brother's|prince's|princess's|king's"
                r"|queen's|knight's|villagers'|hunter's|his|her|their) (?:[\w']+ )?(?:hands|feet"
                r"|fingers|toes|arms|legs|eyes|ears|faces?|brains?|hearts?|flesh|bones|livers?"
                r"|kidneys?)",
                # Limbs or eyes taken, said the other way round.
                _OWNED_BY_A_TOY
                + _LIMBS
                + r" (?:are|is|were|was|get|gets|got|getting|being|been) (?:[\w']+ )?"
                + _TAKEN
                + r" (?:off|out)",
                r"(?:having|has|had|have|get|gets|got|getting) (?:his|her|their|its|the \w+'s"
                r"|[\w]+'s) (?:[\w']+ )?(?:"
                + _LIMBS
                + r"|skin|scalp|flesh) "
                + _TAKEN
                + r" (?:off|out)",
                # Sunburnt skin peels a little; skin peeled off a body is torture.
                r"skin (?:melts|melted|melting|bubbl\w*|peel\w* (?:off|away|back|from))",
                r"(?:in|into|to) bloody (?:pieces|bits|chunks|shreds)",
                # Teeth and nails pulled out: torture.
                r"(?:pull|rip|yank|tear|tore|wrench|prise|prize)\w* (?:out )?(?:[\w']+ ){0,3}"
                r"(?:teeth|nails|fingernails|toenails)(?: [\w']+){0,2}(?: out)? (?:one (?:at a"
                r" time|by one)|with (?:pliers|a hammer|tongs))",
                r"(?:tear|tears|tore|torn|rip|rips|ripped|ripping|wrench\w*|pull\w*|yank\w*) "
                r"(?:[\w']+ ){0,3}" + _LIMBS + r" (?:from|out of) (?:the|its|his|her|their) "
                r"(?:sockets?|body|bodies|shoulders?)",
                r"body parts",
                r"mangled",
                r"torn (?:apart|open)",
                r"tears? (?:[\w']+ ){0,2}apart",
                r"crush(?:es|ed)? (?:[\w']+ ){0,2}skull",
                r"head (?:rolling|rolls)",
                r"heads? (?:hangs?|hanging|dangl\w*) (?:off|by|from a)",
                r"crunch\w* (?:their |his |her )?bones",
                r"bones crunch",
                r"blood and (?:flesh|guts)",
                r"flesh",
                r"sea turns? red",
                r"bites? (?:[\w']+ ){0,2}in half",
                r"peel(?:s|ed|ing)? (?:[\w']+ ){0,2}skin",
                r"skin off",
                r"heads? on (?:the |a )?(?:wall|spikes?|sticks?|poles?)",
                # Limbs cut, torn or bitten off, in any tense.
                r"(?:chop|chops|chopped|chopping|cut|cuts|cutting|hack\w*|saw|saws|sawed|sawing"
                r"|slic\w*|rip|rips|ripped|ripping|tear|tears|tearing|tore|torn|bit|bite|bites"
                r"|biting|bitten|pull|pulls|pulled|pulling|twist\w*|snap\w*|gnaw\w*|chew\w*|peel\w*"
                r"|strip\w*|pluck\w*|wrench\w*|yank\w*|gouge\w*)"
                r" (?:off )?"
                + _NOT_A_MONSTERS_HEAD
                + _NOT_A_TOY
                + r"(?:[\w']+ ){0,3}"
                + _LIMBS
                + r" (?:off|out|one by one|clean off)"
                + _NOT_FROM_A_TOY,
                r"(?:chop|chops|chopped|chopping|cut|cuts|cutting|hack\w*|saw|saws|sawed|sawing"
                r"|slic\w*|rip|rips|ripped|ripping|tear|tears|tearing|tore|torn|bite|bites|biting"
                r"|bitten|bit|gnaw\w*|chew\w*|peel\w*|strip\w*|pluck\w*|wrench\w*|yank\w*"
                r"|gouge\w*) (?:off|out) "
                + _NOT_A_MONSTERS_HEAD
                + _NOT_A_TOY
                + r"(?:[\w']+ ){0,3}"
                + _LIMBS,
                r"(?:severed|chopped[\s-]off|cut[\s-]off|torn[\s-]off|ripped[\s-]off|bitten[\s-]off)"
                r" (?:[\w']+ ){0,2}" + _LIMBS,
                r"(?:mutilat|dismember|disembowel|decapitat)\w*",
                # Blood let loose: spraying, gushing, pouring everywhere.
                _BLOOD + r" (?:[\w']+ ){0,2}(?:spray\w*|spurt\w*|gush\w*|squirt\w*|pump\w*"
                r"|fountain\w*|pour\w*|pool\w*|splash\w*|sprays?|drip\w*|stream\w*|spill\w*)"
                r" (?:[\w']+ ){0,3}(?:everywhere|all over|every direction|out|down|across|onto"
                r"|from (?:his|her|their|its|the))",
                _BLOOD + r" (?:spray\w*|spurt\w*|gush\w*|squirt\w*|fountain\w*)",
                r"(?:bones?|skull) (?:[\w']+ ){0,1}(?:stick\w*|poke\w*|jut\w*) (?:out|through)",
                r"(?:carv\w*|cut\w*|chop\w*|slic\w*|saw\w*|dissect\w*|skin\w*|butcher\w*)"
                r" (?:up |open )?(?:a |the |an )?(?:living|live|still alive|awake|screaming)"
                r" (?:man|woman|person|boy|girl|child|kid|baby|people|animals?|dogs?|cats?"
                r"|pupp(?:y|ies)|kittens?|frogs?|toads?|hamsters?|mice|mouse|rats?|rabbits?|bunn(?:y"
                r"|ies)|birds?|fish|pets?|guinea pigs?|lizards?|creatures?)",
                r"dissect\w* (?:[\w']+ ){0,2}(?:classmates?|friends?|brothers?|sisters?|teachers?"
                r"|mum|mom|dad|boy|girl|child|kid|people|person|man|woman|baby|babysitter)",
            )
        ),
    ),
    # A body cut open and emptied; a melon or a pumpkin may be.
    IntentRule(
        "violence/graphic",
        whole_words(
            any_of(
                r"slices? (?:[\w']+ ){0,2}open",
                r"(?:sew|sews|sewed|sewn|sewing|stitch\w*) (?:[\w']+ ){0,3}(?:heads?|arms?|legs?"
                r"|hands?|faces?) (?:onto|on to|to|on) (?:[\w']+ ){0,3}bod(?:y|ies)",
                r"(?:falls?|fell|thrown|throws?|threw|push\w*|shov\w*|fed|feeds?|put|puts)"
                r" (?:[\w']+ ){0,3}(?:into|in|through) (?:a|the) (?:wood ?chipper|meat grinder"
                r"|mincer|mincing machine|blender|combine harvester|lawn ?mower)",
                r"(?:cut|cuts|cutting|chop\w*|slic\w*|hack\w*|tear|tears|tearing|tore|torn|rip"
                r"|rips|ripped|ripping|blow|blows|blew|blown|saw|sawn|sawed|sawing|smash\w*|bit|bite"
                r"|bites|bitten|chew\w*|shred\w*) (?:[\w']+ ){0,3}(?:in|into|to) (?:tiny |little"
                r" |small )?(?:pieces|bits|shreds|chunks)",
                r"rips? open",
                _INSIDES + r" (?:[\w']+ ){0,2}(?:being )?(?:pulled|ripped|torn|cut|scooped|sucked"
                r"|yanked|dragged|gouged|spill\w*|smear\w*|splatter\w*|strewn|scattered"
                r"|dangl\w*|dripp\w*|hanging|sticking|poking|spread|ooz\w*|pour\w*|burst\w*)"
                r" (?:out|across|over|everywhere|all over|on|onto|from)",
                r"(?:pull|pulls|pulled|pulling|rip|rips|ripped|ripping|tear|tears|tore|scoop\w*"
                r"|yank\w*|drag\w*|cut|cuts|cutting|gouge\w*) (?:out )?(?:[\w']+ ){0,3}"
                r"(?:insides|innards|organs|entrails|intestines|bowels|lungs|livers?|kidneys?)",
            )
        ),
        unless=_NOT_A_BODY,
    ),
    # Limbs strewn after a blast or an attack.
    IntentRule(
        "violence/graphic",
        whole_words(
            r"(?:arms|legs|heads|hands|fingers|limbs|body parts|bodies|pieces) (?:and (?:[\w']+ )?"
            r"(?:arms|legs|heads|hands|fingers|limbs|feet) )?(?:are |were |lie |lay |lying |flying"
            r" )?(?:everywhere|scattered|strewn|all over)"
        ),
        needs=whole_words(
            any_of(
                r"bombs?",
                r"explo\w*",
                r"blasts?",
                r"blown",
                r"blew",
                r"shot",
                r"shooting",
                r"attack\w*",
                r"massacre\w*",
                r"crash\w*",
                r"chainsaws?",
                r"zombies?",
                r"monsters?",
                r"grenades?",
            )
        ),
    ),
    # Harm to a body, asked for close up.
    IntentRule(
        "violence/graphic",
        whole_words(
            any_of(
                _IN_DETAIL + _ACROSS_COMMAS + _HARM_SHOWN,
                _HARM_SHOWN + _ACROSS_COMMAS + _IN_DETAIL,
                r"(?:show|describ|draw|illustrat|depict|zoom)\w* (?:[\w']+ ){0,5}"
                + _HARM_SHOWN
                + r" (?:[\w']+ ){0,5}(?:up close|close up|in (?:close[\s-]?up|detail)|vividly"
                r"|graphically)",
            )
        ),
        unless=_NOT_A_BODY,
    ),
    # A body split or cut open; insides spread on the road; blood spurting everywhere.
    IntentRule(
        "violence/graphic",
        whole_words(
            any_of(
                _TORSO + r",? (?:[\w']+ )?(?:is |are |was |were |gets? |got |getting |being |been"
                r" |left |lay |lie |lying )?(?:wide )?" + _OPENED + r" (?:wide )?(?:open|up)",
                r"(?:cut|cuts|cutting|slic\w*|split\w*|rip|rips|ripp\w*|tear|tears|tearing|tore"
                r"|saw|saws|sawing|sawed|slit\w*|hack\w*|crack\w*|smash\w*|bash\w*|burst\w*)"
                r" (?:[\w']+ ){0,3}" + _TORSO + r" (?:wide )?open",
                r"(?:brains?|guts|insides|innards|entrails|intestines) (?:[\w']+ ){0,2}(?:on|across"
                r"|over|all over|against|splattered|smeared|spread|strewn|sprayed) (?:the |a )?"
                r"(?:[\w']+ )?(?:windshield|windscreen|road|roads|walls?|floors?|ground|pavement"
                r"|street|ceiling|dashboard|seats?|grass|carpet|table|desk|playground|classroom"
                r"|tracks?|snow|sand|beach)",
                r"(?:spurt|spray|gush|squirt|pump|spew|splash|spatter|splatter|fountain)\w*"
                r" (?:[\w']+ ){0,2}" + _BLOOD + r" (?:[\w']+ ){0,2}(?:everywhere|all over|across"
                r"|in every direction)",
            )
        ),
        unless=whole_words(
            any_of(
                r"surg\w*",
                r"operations?",
                r"hospital",
                r"dolls?",
                r"robots?",
                r"snowm[ae]n",
                r"scarecrows?",
                r"piggy banks?",
                r"stuffing",
                r"teddies",
                r"soft toys?",
                r"plush\w*",
                # A nosebleed in a first-aid lesson; a chicken stuffed for lunch.
                r"nose ?bleeds?",
                r"first aid",
                r"chickens?",
                r"turkeys?",
                r"fish",
                r"roast\w*",
                r"recipes?",
                r"ovens?",
                r"lunch",
                r"dinner",
                r"stuff(?:s|ed)?",
                r"pi[nñ]atas?",
                r"eggs?",
                r"humpty",
                r"pumpkins?",
                r"(?:water)?melons?",
                r"coconuts?",
                r"pillows?",
                r"cushions?",
                r"fruits?",
                r"geodes?",
                r"seeds?",
                r"pods?",
                r"teddy",
                r"toys?",
            )
        ),
    ),
)
