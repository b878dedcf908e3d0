"""Retelling present-tense words in the past, so the narration never switches tense.

Only verbs and their agreement; what a sentence means is read in ``plot``.
"""

from __future__ import annotations

import functools
import re

from storygen.ai.offline.writer.agreement import is_plural, third_person
from storygen.ai.offline.writer.words import upper_first, wordset

# The story's tense. Pages are told in the past ("Mira found a shell"), while outlines and
# character notes are usually written in the present ("Mira finds a shell"); their words are
# retold in the past before they go on a page, so the narration never switches tense.

_IRREGULAR_PAST = {
    "awake": "awoke", "become": "became", "begin": "began", "bend": "bent", "bite": "bit",
    "bleed": "bled", "blow": "blew", "break": "broke", "bring": "brought", "build": "built",
    "buy": "bought", "catch": "caught", "choose": "chose", "cling": "clung", "come": "came",
    "creep": "crept", "cut": "cut", "dig": "dug", "draw": "drew", "drink": "drank",
    "drive": "drove", "eat": "ate", "fall": "fell", "feed": "fed", "feel": "felt",
    "fight": "fought", "find": "found", "flee": "fled", "fling": "flung", "fly": "flew",
    "forget": "forgot", "forgive": "forgave", "freeze": "froze", "get": "got", "give": "gave",
    "go": "went", "grow": "grew", "hang": "hung", "hear": "heard", "hide": "hid", "hit": "hit",
    "hold": "held", "hurt": "hurt", "keep": "kept", "kneel": "knelt", "know": "knew",
    "lay": "laid", "lead": "led", "leap": "leapt", "leave": "left", "lend": "lent", "let": "let",
    "light": "lit", "lose": "lost", "make": "made", "mean": "meant", "meet": "met",
    "overcome": "overcame", "pay": "paid", "put": "put", "read": "read", "rebuild": "rebuilt",
    "ride": "rode", "ring": "rang", "rise": "rose", "run": "ran", "say": "said", "see": "saw",
    "seek": "sought", "sell": "sold", "send": "sent", "set": "set", "shake": "shook",
    "shine": "shone", "shoot": "shot", "shut": "shut", "sing": "sang", "sink": "sank",
    "sit": "sat", "sleep": "slept", "slide": "slid", "speak": "spoke", "spend": "spent",
    "spin": "spun", "spread": "spread", "spring": "sprang", "stand": "stood", "steal": "stole",
    "stick": "stuck", "sting": "stung", "strike": "struck", "sweep": "swept", "swim": "swam",
    "swing": "swung", "take": "took", "teach": "taught", "tear": "tore", "tell": "told",
    "think": "thought", "throw": "threw", "understand": "understood", "undo": "undid",
    "wake": "woke", "wear": "wore", "weave": "wove", "weep": "wept", "win": "won",
    "write": "wrote",
}  # fmt: skip

# Regular verbs a picture-book outline is likely to use; unknown words are left as written.
_REGULAR_VERBS = wordset("""
    add admire agree allow answer appear arrive ask bake balance bang bark beg believe belong
    blink borrow bounce bow brush bump bury call calm carry celebrate change chase chat cheer
    check chirp chop clap clean clear climb close collect comfort cook copy count crash crawl
    create cross crunch cry dance dare decide decorate defend deliver discover disappear dream
    dress drift drop dry dust earn enjoy enter escape explain explore fetch fill finish fix
    flap flash float flutter fold follow fry gasp gather giggle glide glow grab greet grin
    growl grumble guard guess guide hatch head help hop hope howl hug hum hunt hurry imagine
    invent invite join jog joke juggle jump kick kiss knit knock land laugh learn lift like
    listen live load look love manage march marry melt mend miss mix move need nod notice obey
    offer open order pack paddle paint pass pat peek peep pick plan plant play point pop pour
    practise practice pray prepare pretend promise protect pull purr push race rain reach
    realise realize receive remember repair reply rescue rest return roar rock roll row rub rush
    sail save scare scream search seem share shiver shout show sigh skate skip slip smell smile
    sneak sneeze sniff snore snuggle solve spill splash spot squeak stamp stare start stay step
    stir stop stretch stumble surprise swap talk tap test thank tickle tidy tiptoe touch
    track trade train travel trick trip trot trust try tug tumble turn twinkle twirl unlock
    use vanish visit wag wait walk wander want warm warn wash watch wave welcome whisper
    whistle wiggle wink wish wobble wonder work worry yawn yell zip zoom
    argue climb cover crack knead name press pull rattle record row share shout sketch
    spray sprout start walk swap puff pinch squash
    """)
# One-syllable verbs that double their last letter: "trip" -> "tripped".
_DOUBLING = wordset("""
    beg bob chat chop clap dip drop grab grin hop hug hum jog knit nod pat peg pop rob rub
    skip slip spot step stir stop tap tip trip trot tug wag zip plan swap
    """)
# Auxiliaries and modals: (past, whom they agree with: "s" he/she/it, "p" they, "a" anyone).
AUX_PAST: dict[str, tuple[str, str]] = {
    "is": ("was", "s"),
    "are": ("were", "p"),
    "am": ("was", "p"),
    "has": ("had", "s"),
    "have": ("had", "p"),
    "does": ("did", "s"),
    "do": ("did", "p"),
    "isn't": ("wasn't", "s"),
    "aren't": ("weren't", "p"),
    "hasn't": ("hadn't", "s"),
    "haven't": ("hadn't", "p"),
    "doesn't": ("didn't", "s"),
    "don't": ("didn't", "p"),
    "can": ("could", "a"),
    "can't": ("couldn't", "a"),
    "cannot": ("could not", "a"),
    "will": ("would", "a"),
    "won't": ("wouldn't", "a"),
    "may": ("might", "a"),
}
# "it's" and friends: the pronoun, then "was" (or "had" before a participle).
_CONTRACTED = wordset("it's he's she's that's there's here's what's who's")
_CONTRACTED_PLURAL = {"they're": "they were", "we're": "we were", "you're": "you were"}
_PARTICIPLES = wordset("""
    gone been got done seen lost found broken taken made left come become grown flown fallen
    forgotten given hidden stolen thrown written eaten shown known
    """)
SUBJECTS_S = wordset("""
    he she it everyone everybody someone somebody nobody anyone anybody everything something
    nothing one
    """)
SUBJECTS_P = wordset("they we i you")
RELATIVES = wordset("who which that")
SUBORDINATORS = wordset("""
    that which who when while because so until till before after if as though although where
    whenever once since whether how why what
    """)
COORDINATORS = wordset("and or but then")
_NOT_BEFORE_VERBS = wordset("""
    a an the this these those my your his its our their her every each some any no another
    to of in on at by for with from into onto over under about across through around behind
    beside between near off up down past towards toward without inside outside along against
    among upon like than during will would can could should must may might shall did does do
    not him them us me very too more most less
    new old big little small tiny huge giant first last next best other own same whole great
    long short tall young happy sad good bad brave lost golden silver magic magical secret
    shiny special favourite favorite wooden red blue green yellow purple pink orange brown
    black white grey gray hidden precious glowing sparkly broken baby
    """)
_ADVERBS = wordset("""
    also always never often sometimes still just soon finally even really nearly almost only
    usually first together already again
    """)


def _past_of(base: str) -> str:
    if base in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[base]
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and base[-2:-1] not in tuple("aeiou"):
        return base[:-1] + "ied"
    if base in _DOUBLING or base == "travel":
        return base + base[-1] + "ed"
    return base + "ed"


@functools.cache
def verb_forms() -> dict[str, tuple[str, str]]:
    """Every present form the story retells, with its past and whom it agrees with."""
    forms: dict[str, tuple[str, str]] = {}
    for base in (*_IRREGULAR_PAST, *sorted(_REGULAR_VERBS)):
        past = _past_of(base)
        if past != base:
            forms[base] = (past, "p")
        # "lets" -> "let": a verb whose past is its base still loses its -s.
        forms[third_person(base)] = (past, "s")
    forms.update(AUX_PAST)
    return forms


@functools.cache
def past_forms() -> frozenset[str]:
    """Words that are already a verb in the past: "found", "was", "could"."""
    pasts = {past for past, _ in verb_forms().values()}
    return frozenset(pasts | {"was", "were", "had", "did", "could", "would", "might"})


_LY_NOUNS = wordset("family belly jelly holly lily bully ally rally folly")


def is_adverb(low: str) -> bool:
    if low in _ADVERBS:
        return True
    return low.endswith("ly") and len(low) > 4 and low not in verb_forms() and low not in _LY_NOUNS


def _subject_kind(word: str, low: str) -> str:
    """What a word just before a verb says about its subject.

    "s" for one (he, Mira, the lamp), "p" for several (they, the boats), "a" when either
    fits (who, a comma closing "Mira, the keeper's daughter,"), "" when no subject can end
    there ("the", "to", "very").
    """
    if low in SUBJECTS_S:
        return "s"
    if low in SUBJECTS_P:
        return "p"
    if low in RELATIVES or low == ",":
        return "a"
    if low in {"there", "here"}:
        return "there"
    if not word[:1].isalnum() or low in _NOT_BEFORE_VERBS or low in SUBORDINATORS:
        return ""
    if low in COORDINATORS:
        return ""
    if word[:1].isdigit() or word[:1].isupper():
        return "s"  # a name, or "number 3"
    if low in verb_forms() or low in past_forms():
        return ""
    return "p" if is_plural(low) else "s"


def told_in_past(text: str) -> tuple[str, int]:
    """``text`` retold in the past tense, and how many finite verbs it has.

    A word is taken for a verb only where a verb can stand: after its subject ("Mira
    finds", "the boats come", "who loves"), or sharing the subject of the verb before it
    ("climbs the stairs and solves"). Nouns that look like verbs ("the sack race", "for
    help", "new sails") stay as they are, and so does anything in quotation marks.
    """
    forms = verb_forms()
    pasts = past_forms()
    tokens = list(re.finditer(r"[A-Za-z0-9]+(?:['\u2019-][A-Za-z0-9]+)*|[^\sA-Za-z0-9]", text))
    changes: list[tuple[int, int, str]] = []
    finite = 0
    verb = False  # the current clause has its verb
    agree = ""  # what the clause's verb agreed with
    shared = False  # the next verb may share the last one's subject ("and solves")
    listing = False  # the subject is a list: "Ada and her brother"
    relative = False  # the clause is "who is scared of fire", before the main verb
    quoted = False
    opening = True  # at the start of a sentence
    prev = ("", "")  # the last word that is not an adverb, as written and lowercased
    before_prev = ""  # the word before it, lowercased
    for index, match in enumerate(tokens):
        word = match.group(0)
        low = word.lower().replace("\u2019", "'")
        if word in {'"', "\u201c", "\u201d"}:
            quoted = word == "\u201c" or (word == '"' and not quoted)
            continue
        if quoted:
            continue
        if word in {".", "!", "?"}:
            verb = shared = listing = relative = False
            opening, prev = True, ("", "")
            continue
        if low in {",", "and", "or", "but", "then"}:
            if low == "then" and not verb:
                continue  # "Then Mira finds": an adverb
            if verb:
                verb, shared, relative = False, True, False
            else:
                listing = True
            prev = (word, low)
            opening = False
            continue
        if (
            not word[:1].isalnum()
            or low in SUBORDINATORS - {"that"}
            or (low == "that" and prev[1] not in _NOT_BEFORE_VERBS)
        ):
            # A new clause: "that the lamp has gone dark", "who loves the sea".
            relative = low in RELATIVES and _subject_kind(*prev) in {"s", "p"}
            verb = shared = listing = False
            prev = (word, low) if low in RELATIVES or word[:1].isalnum() else ("", "")
            opening = False
            continue
        if is_adverb(low):
            continue
        capital_name = word[:1].isupper() and not opening
        if low in _CONTRACTED:
            head = word[:-2]
            following = tokens[index + 1].group(0).lower() if index + 1 < len(tokens) else ""
            aux = "had" if following in _PARTICIPLES or following.endswith("ed") else "was"
            changes.append((match.start(), match.end(), f"{head} {aux}"))
            verb, agree, finite = True, "s", finite + 1
        elif low in _CONTRACTED_PLURAL:
            told = _CONTRACTED_PLURAL[low]
            changes.append((match.start(), match.end(), word[:1] + told[1:]))
            verb, agree, finite = True, "p", finite + 1
        elif low in forms and not capital_name:
            past, kind = forms[low]
            subject = _subject_kind(*prev) if prev[1] else ""
            if prev[1] in {"them", "us"} and before_prev == "of":
                subject = "p"  # "the three of them drink"
            following = tokens[index + 1].group(0).lower() if index + 1 < len(tokens) else ""
            if kind == "s" and forms.get(following, ("", ""))[1] == "p":
                subject = ""  # "autumn leaves fall": a plural noun, then its verb
            after_and = prev[1] in COORDINATORS or prev[1] == ","
            allowed = False
            if shared and after_and and not verb:
                allowed = kind == "a" or agree in {"a", kind}
            elif subject and (not verb or (relative and subject in {"s", "p"})):
                if low in AUX_PAST and subject == "there":
                    allowed = True
                elif subject != "there":
                    allowed = kind == "a" or subject in {"a", kind} or (listing and kind == "p")
            if allowed:
                out = past if word[:1].islower() else upper_first(past)
                changes.append((match.start(), match.end(), out))
                relative = relative and not verb
                verb, shared, finite = True, False, finite + 1
                agree = kind if kind != "a" else (subject if subject in {"s", "p"} else agree)
        elif low in _NAMING and following_is_name(tokens, index):
            pass  # "a dinosaur called Rex climbs out": naming, not the clause's verb
        elif (
            not verb
            and (low in pasts or (low.endswith("ed") and len(low) > 4))
            and _subject_kind(*prev)
        ):
            # Already told in the past: "The key was under her bucket".
            verb, agree, finite = True, "a", finite + 1
        before_prev = prev[1]
        prev = (word, low)
        opening = False
    out = text
    for start, end, new in reversed(changes):
        out = out[:start] + new + out[end:]
    return out, finite


#: Words that name someone ("a dog called Rex") rather than tell what they did.
_NAMING = wordset("called named")


def following_is_name(tokens: list[re.Match[str]], index: int) -> bool:
    following = tokens[index + 1].group(0) if index + 1 < len(tokens) else ""
    return following[:1].isupper()


def past_tense(text: str) -> str:
    """User text as the story tells it: in the past tense."""
    return told_in_past(text)[0]
