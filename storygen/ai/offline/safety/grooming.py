"""Grooming: a grown-up with secrecy, private contact, photos, meeting alone or a car."""

from __future__ import annotations

from storygen.ai.offline.safety.patterns import IntentRule, any_of, quotable_words
from storygen.ai.offline.safety.vocabulary import ADULTS

#: Grown-ups a child may meet, with those whose care lets them be alone with a child.
_ADULTS = any_of(
    ADULTS,
    r"counsel?lors?",
    r"instructors?",
    r"tutors?",
    r"priests?",
    r"pastors?",
    r"(?:scout|youth|camp|group|club|choir|cub) leaders?",
    r"step[\s-]?(?:dad|father)",
    r"lodgers?",
    r"drivers?",
    r"guys?",
    r"stranger",
)

#: Who a child must keep something from.
_PARENTS = any_of(
    r"(?:mum|mom|mummy|mommy|dad|daddy|parents?|family|grown[\s-]?ups|anyone|anybody|nobody"
    r"|no one|teachers?)",
    r"(?:her|his|their|your) (?:mum|mom|mummy|mommy|dad|daddy|parents?|family|teachers?)",
    r"(?:mum|mom) (?:and|or) (?:dad|daddy)",
)
#: Telling, in every tense, and the words for it.
_TELL = any_of(
    r"tell(?:s|ing)?",
    r"told",
    r"mention(?:s|ed|ing)?",
    r"say(?:s|ing)? (?:a word|anything)",
    r"talk(?:s|ing)? about",
    r"share(?:s|d)?",
)
#: A safety lesson about secrets and grown-ups: the child says no, tells, or learns which
#: secrets to tell. Narrower than vocabulary.LESSON, whose bare "never" is just what a groomer
#: says ("Mum must never know").
_UNDENIED = r"(?<!n't )(?<!not )(?<!never )(?<!if he )(?<!if she )(?<!if they )(?<!if you )"
_LESSON = quotable_words(
    any_of(
        r"(?:says?|said) no(?! (?:need|problem|one|harm|big deal|worries)\b)",
        r"refus(?:es|ed|e)",
        _UNDENIED
        + r"(?:tells|told|runs to|ran to|shows|showed|asks|asked|checks? with|checked with) "
        r"(?:a|her|his|their|the|your|a trusted) (?:\w+ )?(?:mum|mom|dad|parents?|mummy|daddy"
        r"|teacher|grown[\s-]?up|adult)",
        _UNDENIED + r"(?:tell|tells|told) (?:them|(?:mum|mom|dad) (?:and|or) (?:dad|mum|mom))",
        r"(?:should|must|can|could) (?:always |still )?(?:be told|tell)",
        r"(?:always|can always) tell",
        r"nobody should",
        r"(?:good|safe|happy) secrets?",
        r"(?:bad|unsafe|scary|worrying) secrets?",
        r"(?:surprise|secret) (?:party|present|gift|recipe)",
        r"secrets? (?:like|such as) a surprise",
        r"block(?:s|ed)? (?:him|her|them)",
        r"(?:is|are|was|isn'?t|not) (?:ok|okay|safe|right|allowed)",
        r"body safety",
        r"online safety",
        r"stranger danger",
        r"safety",
        r"(?:feels?|felt) (?:funny|worried|scared|uncomfortable|wrong)",
        # "A grown-up who asks for secrets is not being a safe grown-up. Tell someone you trust."
        r"(?:is|are|isn'?t|aren'?t) (?:not )?(?:being )?(?:a |an )?(?:safe|good|kind|trusted) "
        r"(?:grown[\s-]?up|adult|person|friend)",
        r"(?:someone|somebody|a grown[\s-]?up|an adult|a person) (?:you|they|he|she) trusts?",
        r"(?:a )?trusted (?:grown[\s-]?up|adult)",
        r"warning signs?",
    )
)

#: An adult and secrecy, private contact, photos, gifts, meeting alone, a car, unless told
#: as a lesson.
RULES: tuple[IntentRule, ...] = (
    IntentRule(
        "grooming",
        quotable_words(
            any_of(
                r"(?:our|their|a|special|little|big) (?:special |little )?secrets?",
                r"(?:don'?t|do not|not to|and not|mustn'?t|must not|won'?t|shouldn'?t|never"
                r"|never to|can'?t|cannot|no) "
                + _TELL
                + r"(?! (?:lies|a lie|fibs|the truth|tales|stories|jokes)\b)",
                r"no[\s-]telling",
                r"without (?:\w+ ){0,2}(?:knowing|telling|seeing)",
                r"(?:doesn'?t|don'?t|do not|does not) need to know",
                _PARENTS + r" (?:can|must|will|should|may)(?: never|n'?t| not) (?:\w+ )?"
                r"(?:know|find out|hear|see)",
                r"(?:never|not) (?:find out|know|to know)",
                r"delet(?:e|es|ed|ing) (?:the |their |all |your |her |his )?(?:messages|chats?"
                r"|texts|history|photos?|pictures?)",
                r"(?:stay|stays|keep|keeps|keeping|kept) (?:quiet|silent|shtum|mum about)",
                r"in secret",
                r"secret (?:meetings?|visits?|chats?|friend(?:ship)?|games?|place)",
                r"just between (?:us|them|the two|you and me)",
                r"(?:get|be) in trouble",
                r"so (?:mum|mom|mummy|dad|her parents|his parents|nobody|no one) "
                r"(?:doesn'?t|won'?t|never)",
                r"keep(?:s|ing)? (?:it|this|that|their|our|the) (?:a )?secret",
                r"kept (?:it|this|that|their|our|the) (?:a )?secret",
                r"keep(?:s|ing)? secrets? from",
                r"kept secrets? from",
                r"hid(?:e|es|ing)? (?:it|this|that|them|the gifts?|the messages) from",
                r"secrets? with (?:grown[\s-]?ups|adults)",
                r"(?:chat|talk|message|text)(?:s|ing)? (?:privately|in private|at night)",
                r"private(?:ly)? (?:chat|messages?)",
                r"(?:video[\s-]?call|facetime|call|phone|ring|dm|snap|webcam)(?:s|ed|ing)? "
                r"(?:\w+ ){0,2}(?:in private|privately|secretly|in secret|at night|late at night"
                r"|after (?:her |his |their )?bedtime|when (?:\w+ ){1,2}(?:is|are) asleep)",
                r"(?:after|past) (?:her |his |their )?bedtime (?:\w+ ){0,3}(?:chat|call"
                r"|talk|message|text)",
                r"another app",
                r"send (?:\w+ ){0,3}(?:photos?|pictures?|photographs?|selfies?|pics?)",
                r"(?:photos?|pictures?|photographs?) of (?:herself|himself|yourself)",
                r"for a (?:photo|picture)",
                r"for (?:photos?|photographs?|pictures?)",
                r"(?:meet|meets|meeting|visit|visits|visiting|come|comes|go|goes|invit(?:e|es|ed"
                r"|ing)|tak(?:e|es|ing)|took|bring(?:s|ing)?|brought|stay(?:s|ing)?) "
                r"(?:[\w']+ ){0,5}alone",
                r"alone (?:in|at|with|to)",
                r"(?:his|her|their) (?:house|home|flat|room|cabin|office|car) alone",
                r"just the two of them",
                r"(?:get|gets|got|getting|climb|climbs|climbed|climbing|hop|hops|hopped|jump|jumps"
                r"|jumped) (?:in|into) (?:his|the|a|her|their|an?|some) (?:[\w']+ ){0,2}"
                r"(?:car|van|truck|lorry)",
                r"(?:go|goes|went|going|leave|leaves|left|walk|walks|walked) (?:off |away )?with "
                r"(?:him|her|them|the (?:\w+ )?(?:man|men|woman|lady|stranger))"
                r"(?= (?:if|because|when|for)\b)",
                r"no need to (?:ask|tell|check)",
                r"(?:mum|mom|mummy|dad|daddy|parents?) (?:already )?(?:said|says) "
                r"(?:it'?s|it was|it is|that'?s) (?:fine|ok|okay|alright|allowed)",
                r"when (?:his|her|their) (?:mum|mom|dad|parents?|family) (?:is|are|was|were) "
                r"(?:\w+ )?(?:at work|out|away|asleep|not (?:at )?home|busy)",
                r"(?:come|comes|came|go|goes|went) (?:over )?to (?:his|her|their) (?:house|home"
                r"|flat|room"
                r"|cabin|tent|office|car|van|caravan) (?:at night|after dark|late|alone"
                r"|by (?:him|her)self|without)",
                r"(?:his|her|their) (?:special|secret|favourite|favorite) (?:helper"
                r"|friend|girl|boy)",
                r"(?:it'?s|its|it is) (?:fine|ok|okay|alright|safe|good) to (?:get in|go with|keep "
                r"(?:a )?secrets?|meet|visit|send)",
                r"in his van",
                r"(?:she|he) gets in",
                r"pick (?:her|him) up",
                r"win(?:s)? (?:[\w']+ ){0,3}trust",
                r"(?:her|his|their) address",
                r"meet up",
                r"gifts? (?:\w+ ){0,2}(?:means?|so) (?:she|he|they) (?:must|has to|have to|owes?)",
            )
        ),
        needs=quotable_words(_ADULTS + r"(?:'s)?"),
        unless=_LESSON,
    ),
)
