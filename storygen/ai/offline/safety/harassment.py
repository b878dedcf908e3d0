"""Harassment: the taunts that always block, and insults aimed at a real person."""

from __future__ import annotations

import re

from storygen.ai.offline.safety.patterns import IntentRule, any_of, quotable_words, whole_words

#: Words that block wherever they appear.
WORDS: tuple[str, ...] = (
    "kill yourself",
    "kys",
    "go die",
    "you should die",
    "hope you die",
    "you are worthless",
    "you're worthless",
    "nobody loves you",
    "nobody likes you",
    "everyone hates you",
    "idiot",
    "idiots",
    "moron",
    "morons",
    "dumbass",
    "shut up and die",
    "you are ugly",
    "you're ugly",
    "you are stupid",
    "you're stupid",
    "i will hurt you",
    "i'll hurt you",
    "bully him",
    "bully her",
)

#: Insults, mockery and leaving someone out, in their tenses and usual misspellings.
INSULTS = any_of(
    r"ugly",
    r"fat",
    r"stupid",
    r"worthless",
    r"losers?",
    r"liar",
    r"pig",
    r"smelly",
    r"smells",
    r"stinks",
    r"dumb(?:est)?",
    r"weird",
    r"wets the bed",
    r"slut",
    r"hates? (?:him|her)",
    r"go away",
    r"no friends",
    r"left out",
    r"mak(?:e|es|ing) fun",
    r"made fun",
    r"makes? (?:\w+ ){0,2}cry",
    r"until (?:he|she) cries",
    r"mean (?:messages|notes|names|comments|songs?|rhymes?|jokes)",
    # Laughing at a person, not at a joke: "laughs at Sofia", "laughed at her".
    r"laugh(?:s|ed|ing)? at (?!(?:the|a|an|this|that|it|its|all|my|our|their|his own|her own"
    r"|jokes?|funny|silly)\b)[\w']+",
    r"everyone (?:should |can |will )?laugh",
    r"so (?:the (?:\w+ )?(?:kids|class|children|others)|everyone|everybody) (?:can |will )?laughs?",
    r"nobody should play",
    r"push(?:es)? (?:[\w']+ ){0,4}around",
    r"steal(?:s|ing)? (?:his|her|[\w]+'s) (?:lunch|lunchbox|snack|hat|bag|shoes)",
    r"stole (?:his|her|[\w]+'s) (?:lunch|lunchbox|snack|hat|bag|shoes)",
    r"teas(?:e|es|ed|ing)",
    r"ignor(?:e|es|ed|ing)",
    r"go kill",
    r"bull?(?:y|ies|ied|ying)",
    r"mock(?:s|ed|ing|ery)?(?! turtle)",
    r"humil(?:i)?at(?:e|es|ed|ing|ion)",
    r"exclud(?:e|es|ed|ing)",
    r"leav(?:e|es|ing) (?:[\w'.]+ ){1,3}out",
    r"(?:shut|shuts|shutting|freez(?:e|es|ing)|froze) (?:him|her|them|[\w]+) out",
    r"pick(?:s|ed|ing)? on",
    r"call(?:s|ed|ing)? (?:him|her|them) (?:names|a \w+)",
    r"(?:copy|copies|copying|copied|mimic(?:s|ked|king)?|imitat(?:e|es|ed|ing)) "
    r"(?:the way|how) (?:he|she|they)",
    r"spread(?:s|ing)? (?:rumou?rs|lies|stories)",
    r"nobody (?:may|can|should|is allowed to|will|must) (?:talk to|sit with|play with|be friends"
    r" with|speak to)",
    r"(?:no one|nobody|everyone) (?:[\w']+ ){0,7}(?:is|as if|were|was) (?:\w+ )?invisible",
    # Saying nobody wants a person: "Nobody Likes Oscar".
    r"(?:nobody|no one|no-one) (?:likes|loves|wants|plays with|sits with) "
    r"(?!it\b|that\b|this\b)[\w']+",
    # Shame shown or spread: wetting, nappies, a secret everyone is meant to learn.
    r"wet(?:s|ting)? (?:himself|herself|themselves|(?:his|her|their) (?:pants|trousers))",
    r"(?:still )?(?:wears?|wearing|in) (?:night )?(?:diapers|nappies|pull[\s-]?ups)",
    r"so (?:that )?(?:everyone|everybody|the whole (?:class|school)|the (?:class|school)|all "
    r"(?:the|his|her) (?:friends|classmates)) (?:\w+ )?(?:finds? out|knows? (?:about|that|what))",
    r"read (?:it|this|the (?:book|story)) (?:out loud|aloud) (?:at|in|to)",
    # Treating a person as an animal or making them grovel.
    r"(?:make|makes|making|made|force[sd]?|forcing) (?:him|her|them|[\w']+) (?:to )?(?:bark|oink"
    r"|moo|crawl|beg|grovel|kneel|lick|eat (?:off|from) the floor|eat (?:dirt|mud|grass))",
    r"pretend(?:s|ed|ing)? (?:that )?(?!(?:he|she|they|i|we|you) )(?:[\w']+ ){1,2}(?:is|was|are) ("
    r"?:a |an |the )?(?:dog|pig|cow"
    r"|monkey|rat|donkey|worm|slave|baby|animal)",
    r"treat(?:s|ed|ing)? (?:him|her|them|[\w']+) like (?:a |an )?(?:dog|pig|animal|rubbish|dirt"
    r"|baby|slave)",
    # Wanting a person ashamed or gone.
    r"(?:make|makes|making|made) (?:[\w']+ ){1,6}(?:feel )?(?:so |really |very )?(?:ashamed"
    r"|embarrassed|humiliated|worthless|unwanted)",
    r"(?:stops?|stopped|quits?) (?:coming to|going to) (?:school|class|the club|practice)",
    r"(?:never|won'?t|doesn'?t) (?:want to )?come back to (?:school|class)",
    # Gross habits and "worst kid" votes pinned on a person.
    r"(?:eat|eats|eating|ate|pick|picks|picking|picked) (?:his |her |their )?(?:own )?(?:boogers"
    r"|bogeys|bogies|snot|nose|scabs|earwax)",
    r"(?:gross|smell|ugl|dumb|weird|fatt|stupid|lazi|nerd|creep|loser)i?est (?:kid|boy|girl|child"
    r"|person|one|pupil|student)",
    r"vot(?:e|es|ed|ing) (?:him|her|them|[\w']+) (?:the )?(?:worst|biggest loser|loser|freak"
    r"|ugliest|grossest|smelliest|weirdest|dumbest)",
    r"(?:make|makes|made|get|gets|got|making|getting) (?:[\w']+ ){0,3}(?:hate|dislike|avoid"
    r"|laugh at|turn on|gang up on) (?!it\b|that\b|this\b)[\w']+",
    # A nickname that mocks what a child looks like: "call her 'Stain Face'".
    r"call(?:s|ed|ing)? (?:him|her|them) ['\"]?[\w-]+ ?(?:face|head|brain|pants|breath|nose|ears"
    r"|legs|teeth|eyes)\b",
)
#: A real person an insult can aim at.
PEOPLE_NAMED = whole_words(
    any_of(
        r"classmates?",
        r"in (?:my |our |the )?class",
        r"class \w+",
        r"the (?:whole )?class",
        r"(?:her|his|their|our|my) class",
        r"(?:from|in) (?:year|room|grade) \w+",
        r"from \d\w*",
        r"\d\w* grade",
        r"at [\w']+ (?:\w+ )?school",
        r"at (?:school|recess|break|lunch(?:time)?)",
        r"from recess",
        r"neighbou?r",
        r"teacher'?s?",
        r"(?:mr|mrs|ms|miss)\.? \w+",
        r"next door",
        r"real (?:girl|boy|kid|name|person)",
        r"my (?:son|daughter)'?s?",
        r"my (?:students?|pupils?|colleagues?|co-?workers?|boss|ex)",
        r"ex[\s-]husband'?s?",
        r"new (?:girl|kid|boy)",
        r"weird kid",
        r"shy boy",
        r"fat kid",
        r"boy with glasses",
        r"everyone (?:in|at)",
        r"group chat",
        r"(?:school )?assembly",
        r"pass(?:ed)? (?:it )?around",
        # Copies handed out or posted where the child and those who know them will see.
        r"(?:hand|hands|handed|give|gives|pass|passes|send|sends|post|posts|share|shares|print"
        r"|prints)(?:ing)? (?:it |this |them |copies )?(?:out |around )?(?:at|to|in|on) (?:his|her"
        r"|their|the) (?:school|class|group chat|parents'? (?:group|chat)|whatsapp"
        r"|facebook|street)",
        r"my (?:co-?worker|colleague|friend|neighbou?r|sister|brother|cousin|boss)'s (?:son"
        r"|daughter"
        r"|kid|child|boy|girl)",
    )
)
#: Bullying shown as something to enjoy: an act against someone and the way it is told.
_BULLYING = any_of(
    r"mock(?:s|ed|ing)?(?! turtle)",
    r"humil(?:i)?at(?:e|es|ed|ing)",
    r"bull?(?:ies|ied|ying)",
    r"call(?:s|ed|ing)? (?:him|her|them) (?:names|a \w+)",
    r"steal(?:s|ing)? (?:his|her|[\w]+'s) (?:lunch|lunchbox|snack)",
    r"stole (?:his|her|[\w]+'s) (?:lunch|lunchbox|snack)",
    r"(?:tells?|told|teach(?:es)?|convinc(?:e|es)|get(?:s)?) (?:everyone|everybody|the (?:whole )?"
    r"class|the (?:other )?kids|all (?:the|her|his) friends) (?:not )?to (?:ignore|exclude|leave"
    r"|avoid|mock|laugh at)",
)
_ENJOYED = whole_words(
    any_of(
        r"hilarious",
        r"(?:portrayed|shown|presented|told|written|framed) as (?:\w+ )?(?:funny|hilarious|a joke"
        r"|fun|good|right|cool|great|a win|deserved)",
        r"deserves? it",
        r"serves? (?:him|her|them) right",
        r"(?:it'?s|it is) (?:so )?(?:funny|hilarious|great|cool)",
        r"make it funny",
        r"until (?:she|he) (?:stops|gives up|leaves|cries)",
        r"toughen(?:ing)? (?:him|her|them)? ?up",
        r"(?:see|sees|show|shows|know) how (?:funny|hilarious|silly|stupid|dumb)",
    )
)
#: A story against bullying: the child is helped, tells, or the bullies learn.
_LESSON = whole_words(
    any_of(
        r"(?<!n't )(?<!not )(?<!never )(?:tells|told|runs to|ran to|shows|showed|asks|asked)"
        r" (?:a|her|his|their|the|a trusted) (?:\w+ )?(?:mum|mom|dad|parents?|mummy|daddy"
        r"|teacher|grown[\s-]?up|adult|friends?)",
        r"report(?:s|ed|ing)? (?:it|them|him|her|the \w+)",
        r"(?:stands?|stood|sticks?|stuck) up for",
        r"(?:says?|said) sorry",
        r"apologi[sz](?:e|es|ed)",
        r"(?:learn|learns|learned|learnt|realise|realises|realize|realizes|see|sees) "
        r"(?:that |how )?"
        r"(?:\w+ ){0,6}(?:wrong|unkind|hurtful|hurts|mean)",
        r"(?:makes?|made) (?:a )?(?:new |best )?friends?",
        r"befriends?",
        # "A project on kindness" is a frame, not a story that shows it.
        r"(?<!on )(?<!about )(?<!of )kindness",
        r"be kind",
        r"comforts?",
        r"(?<!nobody )(?<!no one )(?<!never )helps? (?:him|her|them)",
        r"counsel?lors?",
        # "feels"/"felt", not "feel": "make Ruby feel left out" is the harm itself.
        r"(?:feels|felt) (?:so |very |a bit )?(?:lonely|sad|hurt|alone"
        r"|left out)",
        r"(?:speaks?|spoke|speaking) up",
        r"(?<!not )(?<!never )(?:invites?|invited|includes?|included|welcomes?|welcomed) "
        r"(?:her|him|them)",
        r"everyone can (?:play|join)",
        r"(?:is|was) laughed at, but",
        r"but (?:she|he|they) (?:\w+ ){0,3}(?:proud|brave|wins?|sings?|shines?)",
    )
)
#: Capitalised words that begin a title or a storybook character, not a person's name
#: ("The Club", "Little Red", "Big Bad Wolf", "Snow White").
_NOT_A_FIRST_NAME = (
    r"(?:The|A|An|And|Of|In|On|At|To|For|With|From|By|My|Our|Your|His|Her|Their|This|That"
    r"|When|Why|How|What|Where|Who|Once|Upon|Story|Chapter|Book|Part|Title|Team|Mr|Mrs|Ms|Miss"
    r"|Dr|Sir|Lady|Lord|King|Queen|Prince|Princess|Captain|Baby|Mother|Father|Mama|Papa"
    r"|Grandma|Grandpa|Granny|Uncle|Aunt|Auntie|Saint|Santa|Old|Young|Big|Little|Bad|Ugly"
    r"|Wicked|Evil|Good|Dear|Happy|Sad|Quiet|Snow|Red|Sleeping|Tiny|Giant|Mister|Professor)"
)
_NOT_A_FAMILY_NAME = (
    r"(?:The|A|An|And|Of|In|On|At|To|For|With|Is|Was|Has|Bears?|Fox|Wolf|Cat|Dog|Duck|Duckling"
    r"|Rabbit|Bunny|Mouse|Pigs?|Reindeer|Hen|Owl|Frog|Dragon|Giant|Troll|Witch|Wizard|Fairy"
    r"|Elf|Goose|Hood|White|Riding|Prince|Princess|King|Queen|Day|Night|Adventures?|Story"
    r"|Tale|Party|Surprise|Picks|Club|Friends?|School|House|Garden|Forest|Castle|Time"
    # The verbs a title puts after its hero ("Cinderella Goes To The Ball").
    r"|Goes|Went|Gets|Got|Meets|Met|Finds|Found|Saves|Saved|Learns|Makes|Made|Visits|Loses|Lost"
    r"|Wins|Won|Says|Said|Sees|Saw|Plays|Helps|Builds|Flies|Dances|Sings|Shares|Tries|Takes"
    r"|Comes|Came|Leaves|Runs|Ran|Wants|Needs|Loves|Looks|Can|Cannot|Will|Does|Did|Had"
    r"|Ball|Home|Away|Again|Back|Out|Up|Down|Too|Everywhere)"
)
#: A title's small words, capitalised: a pair of capitalised words just before or after one
#: is a title's words, not a person's name ("Anna Bakes For The Fair").
_TITLE_WORD = r"(?:The|A|An|And|Of|To|In|On|At|For|With|From|By|Into|Under|Over|Who|What)"
_NOT_IN_A_TITLE_BEFORE = "".join(rf"(?<!\b{word} )" for word in _TITLE_WORD[3:-1].split("|"))
#: A person named, found before folding: a first and a family name or initial ("Emily
#: Carter", "Emily Carter's", "Mia R."), or a first name inside a sentence that says what the
#: person is ("says Daniel is").
FULL_NAME = re.compile(
    rf"{_NOT_IN_A_TITLE_BEFORE}(?<![\w'])(?!{_NOT_A_FIRST_NAME}\b)[A-Z][a-z0-9]+ "
    rf"(?!{_NOT_A_FAMILY_NAME}\b)(?:[A-Z][a-z0-9]+(?:'s)?|[A-Z]\.)(?![\w'])(?! {_TITLE_WORD}\b)"
    r"|(?<=[a-z,] )[A-Z][a-z]+(?= (?:is|was|has)\b)"
)

#: Insults aimed at a real person (a named one counts as well: see FULL_NAME).
RULES: tuple[IntentRule, ...] = (
    IntentRule("harassment", quotable_words(INSULTS), needs=PEOPLE_NAMED, unless=_LESSON),
    IntentRule("harassment", quotable_words(_BULLYING), needs=_ENJOYED, unless=_LESSON),
    # A book made as a tool against a child: "a book the kids can use to tease Hannah".
    IntentRule(
        "harassment",
        whole_words(
            r"(?:can|could|will|to) (?:use|read|sing|show) (?:it |this |them )?"
            r"(?:out loud |aloud )?to (?:tease|mock|bully|embarrass|shame|humiliate|laugh at"
            r"|make fun of|pick on)"
        ),
        unless=_LESSON,
    ),
)
