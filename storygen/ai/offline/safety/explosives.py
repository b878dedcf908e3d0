"""Explosives and fire: the rules against a homemade bomb, fireworks turned on someone, a
grenade thrown, and fuel poured on people or their things (category weapons)."""

from __future__ import annotations

from storygen.ai.offline.safety.patterns import IntentRule, any_of, gap, whole_words
from storygen.ai.offline.safety.vocabulary import LESSON
from storygen.ai.offline.safety.weapons import MAKE

#: Fireworks, which a brief may turn into a bomb.
_FIREWORKS = any_of(
    r"fireworks?", r"fire ?crackers?", r"bangers?", r"rockets?", r"cherry bombs?", r"m ?80s?"
)
#: What a homemade blast is made of.
_HOMEMADE_BLAST = whole_words(
    any_of(
        _FIREWORKS,
        r"(?:firework|black|flash|gun) ?powder",
        r"petrol",
        r"gasoline",
        r"lighter fluid",
        r"aerosols?",
        r"gas (?:cans?|canisters?|bottles?)",
        r"home ?made",
        r"pipes?",
        r"fuses?",
        r"explosives?",
        r"bombs?",
    )
)
#: What a homemade bomb is filled with.
_FILLERS = any_of(
    r"(?:firework|black|flash|gun) ?powder",
    r"match ?(?:heads|tips)",
    r"sparkler (?:dust|powder)",
    r"petrol",
    r"gasoline",
    r"lighter fluid",
    r"fertili[sz]er",
    r"nails",
    r"ball bearings",
    r"chemicals",
    r"explosives?",
)
#: Something made to go off.
_BOOM = any_of(
    r"explod(?:e|es|ing)",
    r"will explode",
    r"blows? up",
    r"blow (?:it|them|things|stuff) up",
    r"goes? (?:boom|bang|off)",
    r"detonat(?:e|es|ing)",
)
#: What burns hot enough to be a weapon.
_FIRE_WEAPONS = any_of(
    r"napalm",
    r"thermite",
    r"greek fire",
    r"sticky fire",
    r"fire jelly",
    r"molotov(?: cocktails?)?",
    r"petrol bombs?",
    r"fire ?bombs?",
    r"incendiar(?:y|ies)(?: devices?| bombs?)?",
    r"flame ?throwers?",
)
#: Fuel that a brief may pour on someone.
_FUEL = any_of(
    r"petrol",
    r"gasoline",
    r"gas",
    r"lighter fluid",
    r"paraffin",
    r"kerosene",
    r"diesel",
    r"fuel",
    r"white spirit",
    r"turpentine",
    r"methylated spirits?",
    r"rubbing alcohol",
)
#: What turns fuel into a sticky fire.
_THICKENERS = any_of(
    r"soap(?: flakes| powder)?",
    r"polystyrene",
    r"styrofoam",
    r"sugar",
    r"jelly",
    r"gel",
    r"sticky",
)
#: Bombs, fireworks and fire made or turned on people.
RULES: tuple[IntentRule, ...] = (
    # Fireworks bundled into a bomb, or set off at people, animals or things.
    IntentRule(
        "weapons",
        whole_words(
            any_of(
                r"(?:tap|tie|bundl|glu|stuff|pack|strap|wrap)(?:e|es|ed|ing|s)? (?:[\w']+ ){0,3}"
                + _FIREWORKS
                + r" together",
                r"(?:put|puts|putting|stuff\w*|drop\w*|throw\w*|threw|shov\w*|light\w*|lit|tie"
                r"|ties|tied|tying|tape\w*|aim\w*|fire|fires|fired|firing|shoot\w*|point\w*) "
                r"(?:[\w']+ ){0,3}"
                + _FIREWORKS
                + r" (?:in|into|inside|at|to|on|onto|under) (?:[\w']+ ){0,3}(?:mail ?box|post ?box"
                r"|letter ?box|toilets?|bins?|cans?|bottles?|pipes?|faces?|people|someone|somebody"
                r"|each other|dogs?|cats?|pets?|birds?|animals?|tails?|cars?|houses?|windows?"
                r"|teachers?|classmates?|brothers?|sisters?|kids|children|neighbou?rs?|pockets?)",
                r"blow(?:s|ing)? up (?:the |a |his |her |their |our |[\w]+'s )?(?:[\w']+ )?"
                r"(?:mail ?box|post ?box|letter ?box|toilets?|school|gym|classroom|shed|garage"
                r"|house|car|bus|shop|church|mosque|synagogue|temple|building|bridge|train|station)",
            )
        ),
        needs=_HOMEMADE_BLAST,
    ),
    # Something put together to go off: homemade explosives, whatever they are called.
    IntentRule(
        "weapons",
        whole_words(
            any_of(
                r"(?:something|a thing|things|a device|stuff|one|it|that) (?:that|which)"
                r" (?:can |will |would )?" + _BOOM,
                r"so (?:that )?(?:it|they) (?:can |will |would )?" + _BOOM,
                r"(?:pack|fill|stuff|cram|load)(?:s|ed|ing)? (?:a |an |the |some |old |empty )?"
                r"(?:[\w']+ )?(?:pipes?|cans?|tins?|bottles?|tubes?|jars?|boxe?s?) with (?:[\w']+"
                r" ){0,3}" + _FILLERS,
                r"caps? (?:both|the) ends",
                r"(?:drain cleaner|toilet cleaner|dry ice|chlorine|pool chemicals?)"
                + gap(6)
                + r"(?:foil|bottles?)",
                r"(?:firework|black|flash|gun) ?powder" + gap(6) + r"(?:nails|ball bearings|screws"
                r"|shrapnel|broken glass|pipes?|cans?|bottles?|tubes?|jars?|boxe?s?)",
                r"(?:pack|fill|stuff|cram|tape)(?:s|ed|ing)? (?:[\w']+ ){0,4}(?:with )?"
                r"(?:firework|black|flash|gun) ?powder",
                r"(?:homemade|home[\s-]made|improvised|real|working|live) (?:explosives?"
                r"|explosive devices?|bombs?|grenades?)",
            )
        ),
        needs=whole_words(any_of(MAKE, r"how", r"set (?:it|them) off", r"pack\w*", r"fill\w*")),
        unless=whole_words(
            any_of(
                r"volcano",
                r"baking soda",
                r"vinegar",
                r"bath ?bombs?",
                r"confetti",
                r"popcorn",
                r"balloons?",
                r"glitter",
                r"sprinkles",
                r"mentos",
                r"pi[nñ]atas?",
                r"fireworks? (?:show|display)",
                r"cakes?",
            )
        ),
    ),
    # A grenade or a bomb thrown at people or places.
    IntentRule(
        "weapons",
        whole_words(
            any_of(
                r"pull\w* (?:out )?the pin",
                r"(?:throw|throws|threw|thrown|throwing|lob\w*|toss\w*|roll\w*|drop\w*|plant\w*"
                r"|hid(?:e|es)?|leav(?:e|es)|left) (?:it|them|the \w+|a \w+) (?:at|into|onto|in"
                r"|under|inside|near) (?:[\w']+ ){0,3}(?:bus|school|people|houses?|cars?|class"
                r"|classroom|teachers?|crowd|shops?|church|mosque|synagogue|temple|playground|park"
                r"|party|train|station|kids|children|neighbou?rs?|windows?|gym|office)",
            )
        ),
        needs=whole_words(
            any_of(
                r"grenades?",
                r"bombs?",
                r"molotov(?: cocktails?)?",
                r"explosives?",
                r"dynamite",
                r"tnt",
                r"petrol bombs?",
            )
        ),
        unless=LESSON,
    ),
    # Ammunition or aerosols thrown into a fire to go bang.
    IntentRule(
        "weapons",
        whole_words(
            r"(?:throw|throws|threw|thrown|throwing|put|puts|putting|drop\w*|toss\w*|chuck\w*)"
            r" (?:[\w']+ ){0,2}(?:bullets|ammo|ammunition|shells|cartridges|aerosols?|spray cans?"
            r"|gas canisters?|batteries|them|it) (?:[\w']+ )?(?:in|into|on|onto) (?:the |a )?"
            r"(?:bon ?fire|fireplace|camp ?fire|fire|barbecue|bbq|stove|microwave)"
        ),
        needs=whole_words(
            r"(?:bullets|ammo|ammunition|shells|cartridges|aerosols?|spray cans?|gas canisters?)"
        ),
        unless=LESSON,
    ),
    # Fire made into a weapon: napalm cooked up, fuel thickened, poured on people or their things.
    IntentRule(
        "weapons",
        whole_words(
            any_of(
                r"(?:cook|brew|concoct|stir|boil|whip|knock|mix|rustl)\w* (?:up )?(?:[\w']+ ){0,4}"
                + _FIRE_WEAPONS,
                r"(?:mix|stir|add|dissolv|melt|thicken|blend|combin|shak)\w*"
                + gap(4)
                + any_of(_FUEL + gap(4) + _THICKENERS, _THICKENERS + gap(4) + _FUEL),
                r"(?:pour|splash|spray|squirt|soak|douse|sprinkl|tip|throw|threw|chuck|fling|flung"
                r"|spread|smear)\w* (?:[\w']+ ){0,3}(?:"
                + _FUEL
                + r"|"
                + _FIRE_WEAPONS
                + r"|it|them) (?:on|over|onto|all over|around|at|under|through) (?:[\w']+ ){0,3}"
                r"(?:tents?|sheds?|houses?|homes?|cars?|school|classroom|doors?|garages?|barns?"
                r"|bins?|people|someone|somebody|(?:him|her|them)(?= ?(?:[.,!?;:]|$|and ))|dogs?"
                r"|cats?|teachers?|neighbou?rs?"
                r"|camp|den|tree ?house|fences?|shops?|church|mosque|synagogue|temple|bus|beds?"
                r"|letter ?box|mail ?box|kids|children|classmates?|brothers?|sisters?|animals?)",
            )
        ),
        needs=whole_words(
            any_of(
                _FUEL,
                _FIRE_WEAPONS,
                r"match(?:es)?",
                r"lighters?",
                r"alight",
                r"on fire",
                r"ablaze",
                r"burn\w*",
                r"fire",
            )
        ),
        unless=LESSON,
    ),
)
