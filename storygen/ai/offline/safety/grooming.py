"""Grooming: a grown-up with secrecy, private contact, photos, meeting alone or a car."""

from __future__ import annotations

from storygen.ai.offline.safety.patterns import IntentRule, any_of, whole_words
from storygen.ai.offline.safety.vocabulary import ADULTS, LESSON

#: An adult and secrecy, private contact, photos, gifts, meeting alone, a car, unless told
#: as a lesson.
RULES: tuple[IntentRule, ...] = (
    IntentRule(
        "grooming",
        whole_words(
            any_of(
                r"(?:our|their|a|special|little|big) (?:special |little )?secrets?",
                r"(?:don'?t|do not|not to|mustn'?t|must not|won'?t|shouldn'?t) tell",
                r"without (?:\w+ ){0,2}(?:knowing|telling|seeing)",
                r"(?:doesn'?t|don'?t|do not|does not) need to know",
                r"delete (?:the |their |all )?(?:messages|chats?|texts)",
                r"(?:stay|stays|keep|keeps) (?:quiet|silent)",
                r"in secret",
                r"just between (?:us|them|the two)",
                r"(?:get|be) in trouble",
                r"so (?:mum|mom|mummy|dad|her parents|his parents) (?:doesn'?t|won'?t)",
                r"keeps? (?:it|this|their|our) (?:a )?secret",
                r"secrets? with (?:grown[\s-]?ups|adults)",
                r"(?:chat|talk) (?:privately|in private)",
                r"private(?:ly)? chat",
                r"another app",
                r"send (?:\w+ ){0,3}(?:photos?|pictures?|photographs?|selfies?|pics?)",
                r"(?:photos?|pictures?|photographs?) of (?:herself|himself|yourself)",
                r"for a (?:photo|picture)",
                r"for (?:photos?|photographs?|pictures?)",
                r"(?:meet|meets|meeting|visit|come|comes|go|goes) (?:[\w']+ ){0,4}alone",
                r"alone (?:in|at|with)",
                r"just the two of them",
                r"(?:get|gets|got|getting|climb|climbs) (?:in|into) (?:his|the|a|her) "
                r"(?:car|van|truck)",
                r"in his van",
                r"(?:she|he) gets in",
                r"pick (?:her|him) up",
                r"win(?:s)? (?:[\w']+ ){0,3}trust",
                r"(?:her|his|their) address",
                r"meet up",
            )
        ),
        needs=whole_words(ADULTS),
        unless=LESSON,
    ),
)
