"""Hate: the words of hatred that always block, and the rules against hostility towards a
group of people."""

from __future__ import annotations

from storygen.ai.offline.safety.patterns import IntentRule, any_of, gap, quotable_words, whole_words

#: Words that block wherever they appear.
WORDS: tuple[str, ...] = (
    "nazi",
    "nazis",
    "neo nazi",
    "white power",
    "white supremacy",
    "white supremacist",
    "master race",
    "ethnic cleansing",
    "genocide",
    "subhuman",
    "subhumans",
    "inferior race",
    "heil hitler",
    "kkk",
    "racial purity",
    "racial slur",
    "racial slurs",
    "inferior races",
    "hate crime",
)

#: What a group is called by, before a word for its people ("Jewish shopkeeper").
_WHO = any_of(
    r"black",
    r"white",
    r"brown",
    r"jewish",
    r"muslim",
    r"arab",
    r"asian",
    r"african",
    r"mexican",
    r"chinese",
    r"indian",
    r"pakistani",
    r"polish",
    r"roma(?:ni)?",
    r"gypsy",
    r"traveller",
    r"latino",
    r"hispanic",
    r"immigrant",
    r"refugee",
    r"migrant",
    r"foreign",
    r"christian",
    r"catholic",
    r"hindu",
    r"sikh",
    r"buddhist",
    r"gay",
    r"lesbian",
    r"trans(?:gender)?",
    r"disabled",
    r"autistic",
    r"deaf",
    r"blind",
    r"native",
    r"indigenous",
    r"(?:dark|darker|light|brown|black|yellow)[\s-]skinned",
)
#: Words for people a group word comes before.
_PERSONS = any_of(
    r"people",
    r"persons?",
    r"families",
    r"family",
    r"folks?",
    r"m[ae]n",
    r"wom[ae]n",
    r"boys?",
    r"girls?",
    r"kids?",
    r"child(?:ren)?",
    r"students?",
    r"pupils?",
    r"classmates?",
    r"neighbou?rs?",
    r"shopkeepers?",
    r"workers?",
    r"doctors?",
    r"teachers?",
    r"bankers?",
    r"owners?",
    r"couples?",
    r"parents?",
    r"dads?",
    r"mums?",
    r"moms?",
    r"anyone",
    r"characters?",
    r"villagers?",
    r"townspeople",
    r"traders?",
    r"merchants?",
    r"refugees?",
    r"babies",
    r"friends?",
    r"villains?",
)

#: The homes and places of a group, named by who lives or prays there ("Traveller caravans").
#: Colours are left out: "the white houses" are only houses.
_PLACES = (
    any_of(*_WHO.removeprefix("(?:").removesuffix(")").split("|")[3:])
    + r"(?: \w+)? (?:homes?|houses?|caravans?|camps?|shops?|stalls?|mosques?|synagogues?"
    r"|temples?|churches|gurdwaras?)"
)

#: Groups of people hatred aims at.
GROUPS = any_of(
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
    r"g[iy]ps(?:y|ies)",
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
    r"(?:boys|men) in (?:dresses|skirts)",
    _PLACES,
    r"(?:the )?\w+ bears from",
    _WHO + r"(?: \w+)? " + _PERSONS,
    _PERSONS + r" (?:in|with|who use) (?:a )?wheelchairs?",
    _PERSONS + r" with (?:two (?:dads|mums|moms|mothers|fathers)|down'?s? syndrome|autism"
    r"|(?:a )?disabilit(?:y|ies)|learning difficulties|special needs|a stammer|a stutter)",
    r"dis+a?b[ae]?le?d(?: \w+)?",
    r"roma(?:ni)?",
)
#: What hatred says of them.
HOSTILITY = any_of(
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
    r"burdens?",
    r"defective",
    r"born (?:criminals|thieves|liars|bad|evil|stupid|lazy|dirty|inferior)",
    r"cheat(?:s|ed|ing)? (?:every|all|all the|the|our)? ?(?:one|body|everyone|everybody|people"
    r"|customers?|buyers?|us)",
    # Saying a whole people is one way: "that's what his people do".
    r"(?:that'?s|that is|it'?s|it is) what (?:his|her|their|those|these) (?:people|kind|sort|lot)"
    r" (?:do|are like)",
    r"(?:like|as) all (?:his|her|their|of their) (?:people|kind|sort|lot)",
    r"(?:they'?re|they are) all (?:the same|like that)",
    r"laughed (?:out of|off|at)",
    r"(?:booed|jeered|spat on|pelted)",
    r"until (?:they|he|she|the \w+) (?:leave|leaves|move away|moves away|go away|goes away|go"
    r" back|goes back|give up|gives up)",
    r"(?:keep|keeps|kept|keeping) (?:them|those people|these people|\w+ like them) out",
    r"wall to keep",
    r"civili[sz](?:e|es|ed|ing) (?:them|those people|these people)",
    r"are (?:all )?cheat(?:s|ers)",
    r"(?:should|must|need to) (?:be )?(?:kept (?:out|away|off)|stay away|go away|never be)",
    r"kept off",
    r"never be (?:picked|chosen|allowed|invited|trusted)",
    r"not (?:normal|human|welcome)",
    r"abnormal",
    r"unnatural",
    r"ruins?",
    r"ruined",
    # Dehumanising: a group drawn or named as animals, vermin or disease.
    r"(?:drawn|shown|painted|portrayed) as (?:\w+ )?(?:apes?|monkeys?|rats?|pigs?|dogs?|animals"
    r"|insects|cockroaches|snakes|vermin|monsters|villains)",
    r"(?:are|were|like|as) (?:dirty |filthy |just )?(?:apes|monkeys|rats|cockroaches|insects"
    r"|parasites|vermin|pigs|dogs|beasts|savages)",
    r"(?:carry|carries|spread|spreads|bring|brings|full of) (?:\w+ )?(?:diseases?|germs"
    r"|illness(?:es)?|lice|fleas|plague)",
    r"(?:never|not|shouldn'?t|don'?t) (?:\w+ )?(?:sit|play|stand|eat|talk) (?:next to|near|with)"
    r" (?:them|those)",
    r"st(?:eal(?:s|ing)?|ole|olen) (?:all )?(?:the |our )?(?:babies|children|kids|jobs|houses"
    r"|homes|money|everything|from)",
    r"they steal",
    r"secretly (?:control|controlling|controls|run|running|runs|rule|ruling|own|owning)",
    r"(?:control|controlling|run|running) (?:the|all the|our) (?:village|town|banks?|money|world"
    r"|country|government|media)",
    r"(?:greedy|evil|sneaky|dirty|lazy|stupid) (?:villains|thieves|cheats|liars|rats)",
    r"(?:naturally|born|genetically) (?:\w+ )?(?:smarter|better|cleverer|superior|inferior"
    r"|dumber|stupider|lazier|worse)",
    r"(?:smarter|cleverer|dumber|stupider|lazier|worse|more (?:intelligent|civili[sz]ed)) than "
    r"(?:others|the others|other \w+|us|everyone|the rest)",
    r"(?:not|never) (?:get to |allowed to |can )?be (?:the )?heroe?s?",
)

#: Hostility towards a group.
RULES: tuple[IntentRule, ...] = (
    IntentRule("hate", quotable_words(GROUPS + gap(8) + HOSTILITY)),
    # Hostility first, the group as its reason: "dangerous simply because they are Arab".
    IntentRule(
        "hate",
        quotable_words(
            HOSTILITY
            + gap(3)
            + r"because (?:they|he|she|you)(?: are|'re| is|'s) (?:\w+ ){0,2}"
            + any_of(_WHO, GROUPS)
        ),
    ),
    # A group named, then what "they" are in the next sentence: "The immigrant kids. They're
    # dirty and they steal."
    IntentRule(
        "hate",
        quotable_words(
            GROUPS
            + r"[^.!?\n]{0,60}[.!?:;]+\s+(?:[\w']+ ){0,2}"
            + r"(?:they|they'?re|those people|these people)"
            + gap(6)
            + HOSTILITY
        ),
    ),
    # Driving a group out, hunting it or rounding it up, in every tense.
    IntentRule(
        "hate",
        whole_words(
            any_of(
                r"(?:kick|kicks|kicked|kicking|throw|throws|threw|thrown|throwing|drive|drives"
                r"|drove|driven|driving|chase|chases|chased|chasing|force|forces|forced|forcing) "
                r"(?:[\w']+ ){0,3}(?:out|away)(?! (?:to|for|with|and)\b)",
                r"(?:run|runs|ran|running) (?:[\w']+ ){0,3}out of (?:town"
                r"|the (?:village|town|country|school))",
                r"(?:hunt|hunts|hunted|hunting|round|rounds|rounded|rounding) (?:[\w']+ ){0,5}"
                r"(?:down|up)",
                r"(?:ban|bans|banned|banning|banish|banishes|banished|banishing|expel|expels"
                r"|expelled|deport|deports|deported|deporting|get rid of|gets rid of|got rid of"
                r"|getting rid of|beat up|beats up|spit on|spits on)",
            )
            + gap(4)
            + GROUPS
        ),
    ),
    IntentRule(
        "hate",
        whole_words(
            any_of(
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
            + gap(4)
            + GROUPS
        ),
    ),
    # The group between the verb and its end: "drive the gay couple out of the village".
    IntentRule(
        "hate",
        whole_words(
            r"(?:kick|kicks|kicked|kicking|throw|throws|threw|thrown|throwing|drive|drives|drove"
            r"|driven|driving|chase|chases|chased|chasing|force|forces|forced|forcing|run|runs|ran"
            r"|running|send|sends|sent|sending|hunt|hunts|hunted|hunting|round|rounds|rounded"
            r"|rounding) (?:all |every )?(?:of )?(?:the |those |these )?"
            + GROUPS
            + r" (?:out|away|off|back|down|up)(?! (?:to (?:play|see|help|meet|visit|say|join|watch)"
            r"|for (?:a|the|their)|with)\b)"
        ),
    ),
    # Attacking a group or its homes, unless the story shows it wrong and puts it right.
    IntentRule(
        "hate",
        whole_words(
            any_of(
                r"(?:throw|throws|threw|throwing|hurl\w*|chuck\w*) (?:stones|rocks|eggs|mud|bricks"
                r"|rubbish|snowballs) at",
                r"(?:smash|smashes|smashed|smashing|wreck|wrecks|wrecked|vandali[sz]\w*|spray[\s-]?"
                r"paint\w*|graffiti on|burn|burns|burned|burnt|set fire to|sets fire to)"
                r"(?: down)?(?: the windows of)?",
                r"spit(?:s|ting)? (?:on|at)",
                r"spat (?:on|at)",
                r"beat(?:s|ing)? up",
            )
            + gap(3)
            + GROUPS
        ),
        unless=whole_words(
            r"(?:was|is|it'?s|that'?s) (?:\w+ )?(?:wrong|unfair|cruel|not okay|not ok)"
            r"|(?:help|helps|helped|helping) (?:them|the family|the \w+ family) (?:\w+ )?(?:fix"
            r"|clean|rebuild|repair|mend|paint)|(?:comes?|came) together|(?:stands?|stood) (?:up )?"
            r"(?:with|for)|(?:says?|said) sorry|apologi\w+"
        ),
    ),
    # Driving "them" out to keep a place pure, the group named elsewhere in the brief.
    IntentRule(
        "hate",
        whole_words(
            r"(?:(?:stays?|stay(?:ed|ing)|keeps?|kept|keeping|remains?|makes?|made|become?s?) "
            r"(?:\w+ ){0,3}pure|(?:pure|clean) (?:blood|village|town|country|race|nation)"
            r"|(?:drive|drives|drove|kick|kicks|kicked|chase|chases|chased|throw|throws|threw|run"
            r"|runs|ran|hunt|hunts|hunted) (?:them|all of them|the family|the families|every family"
            r"|those families) (?:all )?(?:out|away|down))"
        ),
        needs=whole_words(GROUPS),
    ),
    IntentRule(
        "hate",
        whole_words(
            r"(?:dirty|inferior|superior|pure) races?|races are better"
            r"|go back (?:to )?where (?:he|she|they|you) came from"
        ),
    ),
)
