"""Scores a written story against the brief it was written from.

The offline writer is measured with these checks (see ``bench/offline_story.py``); each is a
pure function ``check(story, brief) -> list[str]`` returning what is wrong, an empty list when
the story passes. ``story`` is a :class:`StoryDraft`, or its JSON (a string or the decoded
mapping, pages keyed ``number`` or ``page_number``); ``brief`` is one row of ``briefs.jsonl``,
whose ``events`` are the outline's events as a human reader sees them, so that no check leans
on the parser it is judging. Only the story's text is read (pages 1 onwards, never the cover):
it is what a parent reads aloud.

The grammar and plot checks are word rules, not a parser: they look for the mistakes the
offline writer is known to make and accept some misses in exchange for no false alarms on
ordinary picture-book prose.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from storygen.ai.types import CharacterBrief, StoryBrief, StoryDraft

BRIEFS = Path(__file__).with_name("briefs.jsonl")

Story = StoryDraft | Mapping[str, Any] | str
Brief = Mapping[str, Any]
Check = Callable[[Story, Brief], list[str]]

#: The wizard shows these genre labels; the story stores the value behind each.
GENRE_VALUES = {"Funny": "Comedy", "Space": "Sci-Fi", "Magic and make-believe": "Fantasy"}


def load_briefs(path: Path = BRIEFS) -> list[dict[str, Any]]:
    """The briefs of ``briefs.jsonl``, in file order."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def story_brief(row: Brief) -> StoryBrief:
    """The :class:`StoryBrief` a story with this row's choices is written from."""
    return StoryBrief(
        title=row["title"],
        genre=GENRE_VALUES.get(row["genre"]) or row["genre"],
        outline=row["outline"],
        num_pages=row["num_pages"],
        characters=tuple(
            CharacterBrief(name=c["name"], description=c["description"]) for c in row["characters"]
        ),
        tone=row.get("tone", ""),
        setting=row.get("setting", ""),
        text_density=row["text_density"],
        word_to_picture_ratio=row["word_to_picture_ratio"],
    )


def story_pages(story: Story) -> list[tuple[int, str]]:
    """``(number, text)`` of every page after the cover, in order."""
    if isinstance(story, StoryDraft):
        pages = [(page.number, page.text) for page in story.pages]
    else:
        data = json.loads(story) if isinstance(story, str) else story
        pages = [
            (int(page.get("number", page.get("page_number", 0))), str(page.get("text") or ""))
            for page in data["pages"]
        ]
    return sorted((number, text) for number, text in pages if number >= 1)


# --------------------------------------------------------------------------------------
# Words and their forms


def words(text: str) -> list[str]:
    """Lower-case word tokens; possessive 's and hyphens dropped ("Mia's" -> "mia")."""
    text = re.sub(r"['’]s\b", "", text.lower().replace("’", "'"))
    return re.findall(r"[a-z0-9]+", text)


_IRREGULAR_VERBS = {
    "be": "am is are was were been being",
    "bite": "bit bitten",
    "blow": "blew blown",
    "bring": "brought",
    "build": "built",
    "buy": "bought",
    "catch": "caught",
    "come": "came",
    "cut": "cut",
    "dig": "dug",
    "do": "does did done",
    "draw": "drew drawn",
    "drink": "drank drunk",
    "eat": "ate eaten",
    "fall": "fell fallen",
    "feed": "fed",
    "feel": "felt",
    "find": "found",
    "fly": "flew flown",
    "get": "got gotten",
    "give": "gave given",
    "go": "goes went gone",
    "grow": "grew grown",
    "have": "has had",
    "hear": "heard",
    "hide": "hid hidden",
    "hit": "hit",
    "hold": "held",
    "keep": "kept",
    "know": "knew known",
    "lay": "laid",
    "leave": "left",
    "light": "lit",
    "lose": "lost",
    "make": "made",
    "meet": "met",
    "put": "put",
    "ride": "rode ridden",
    "ring": "rang rung",
    "run": "ran",
    "say": "said",
    "see": "saw seen",
    "shine": "shone",
    "sing": "sang sung",
    "sit": "sat",
    "sleep": "slept",
    "spin": "spun",
    "stand": "stood",
    "stick": "stuck",
    "swim": "swam swum",
    "take": "took taken",
    "teach": "taught",
    "tell": "told",
    "think": "thought",
    "throw": "threw thrown",
    "wake": "woke woken",
    "wear": "wore worn",
    "win": "won",
}
_VOWELS = "aeiou"


def _doubles_last(verb: str) -> bool:
    """Whether a verb doubles its last letter before -ed/-ing (stop, plan, dig; not open)."""
    vowel_groups = re.findall(r"[aeiou]+", verb)
    return (
        len(vowel_groups) == 1
        and len(verb) >= 3
        and verb[-1] not in _VOWELS + "wxy"
        and verb[-2] in _VOWELS
        and verb[-3] not in _VOWELS
    )


def verb_forms(lemma: str) -> frozenset[str]:
    """Every inflection of a verb: base, -s, past, participle and -ing."""
    verb = lemma.lower()
    forms = {verb, *_IRREGULAR_VERBS.get(verb, "").split()}
    if re.search(r"(s|x|z|ch|sh|o)$", verb):
        forms.add(verb + "es")
    elif re.search(r"[^aeiou]y$", verb):
        forms.add(verb[:-1] + "ies")
    else:
        forms.add(verb + "s")
    if verb.endswith("ie"):
        forms.add(verb[:-2] + "ying")
    elif verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        forms.add(verb[:-1] + "ing")
    elif _doubles_last(verb):
        forms.add(verb + verb[-1] + "ing")
    else:
        forms.add(verb + "ing")
    if verb not in _IRREGULAR_VERBS or verb in ("light", "wake", "shine"):
        if verb.endswith("e"):
            forms.add(verb + "d")
        elif re.search(r"[^aeiou]y$", verb):
            forms.add(verb[:-1] + "ied")
        elif _doubles_last(verb):
            forms.add(verb + verb[-1] + "ed")
        else:
            forms.add(verb + "ed")
    return frozenset(forms)


_IRREGULAR_NOUNS = {
    "child": "children",
    "foot": "feet",
    "goose": "geese",
    "man": "men",
    "mouse": "mice",
    "person": "people",
    "tooth": "teeth",
    "woman": "women",
}


def noun_forms(noun: str) -> frozenset[str]:
    """A noun (or phrase: its last word is inflected) in the singular and the plural."""
    *head, last = noun.lower().split()
    forms = {last, _IRREGULAR_NOUNS.get(last, "")}
    forms |= {single for single, plural in _IRREGULAR_NOUNS.items() if plural == last}
    if re.search(r"(s|x|z|ch|sh|o)$", last):
        forms.add(last + "es")
    if re.search(r"[^aeiou]y$", last):
        forms.add(last[:-1] + "ies")
    if last.endswith(("f", "fe")):
        forms.add(re.sub(r"fe?$", "ves", last))
    forms.add(last + "s")
    if last.endswith("ies"):
        forms.add(last[:-3] + "y")
    if last.endswith("ves"):
        forms |= {last[:-3] + "f", last[:-3] + "fe"}
    if last.endswith("es"):
        forms.add(last[:-2])
    if last.endswith("s"):
        forms.add(last[:-1])
    prefix = " ".join(head)
    return frozenset(f"{prefix} {form}".strip() for form in forms if form)


def _has_phrase(tokens: Sequence[str], phrases: Iterable[str]) -> bool:
    joined = f" {' '.join(tokens)} "
    return any(f" {' '.join(words(phrase))} " in joined for phrase in phrases)


# --------------------------------------------------------------------------------------
# The plot


def events_told_in_order(story: Story, brief: Brief) -> list[str]:
    """Every event of the outline is told, and in the outline's order.

    An event is told on a page holding its verb (any inflection: "dig", "digs", "dug",
    "digging") and at least one of its key words (singular or plural, "leaf"/"leaves").
    The first page telling each event never comes before the first page of the event
    before it; an event told nowhere is reported once and left out of the order.
    """
    pages = [(number, words(text)) for number, text in story_pages(story)]
    failures = []
    previous: tuple[int, str] | None = None
    for index, event in enumerate(brief["events"], start=1):
        label = f"event {index} ({event['who']} {event['does']} {'/'.join(event['what'])})"
        verbs = verb_forms(event["does"])
        nouns = {form for noun in event["what"] for form in noun_forms(noun)}
        told = [
            number
            for number, tokens in pages
            if verbs.intersection(tokens) and _has_phrase(tokens, nouns)
        ]
        if not told:
            failures.append(f"{label} is told on no page")
            continue
        if previous is not None and told[0] < previous[0]:
            failures.append(
                f"{label} is first told on page {told[0]}, before {previous[1]} "
                f"(page {previous[0]})"
            )
        previous = (told[0], label.split(" (")[0])
    return failures


# --------------------------------------------------------------------------------------
# Repetition and pasting

#: Shorter sentences ("Splash!", "Oh no!") may come back as a refrain.
MIN_REPEATED_WORDS = 3


def sentences(text: str) -> list[str]:
    """The sentences of a text, split after ., ! or ? (and a closing quote) before a capital."""
    # A dialogue tag stays with its speech: '"Oh no!" said Mia.' is one sentence.
    parts = re.split(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z0-9])", text.strip())
    return [part for part in parts if part.strip()]


def _normalised(sentence: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", sentence.lower().replace("’", "'")))


def no_repeated_sentence(story: Story, brief: Brief) -> list[str]:
    """No sentence of three words or more is told twice in the story.

    Sentences are compared ignoring case, punctuation and spacing; names are kept, so
    "Mia smiled." and "Leo smiled." differ. Each repeat is reported with its pages.
    """
    del brief
    seen: dict[str, list[int]] = {}
    for number, text in story_pages(story):
        for sentence in sentences(text):
            key = _normalised(sentence)
            if len(key.split()) >= MIN_REPEATED_WORDS:
                seen.setdefault(key, []).append(number)
    return [
        f"{key!r} is told {len(where)} times (pages {', '.join(map(str, where))})"
        for key, where in seen.items()
        if len(where) > 1
    ]


#: A character's description may lend the story up to this many words in a row.
MAX_PASTED_WORDS = 8


def no_pasted_description(story: Story, brief: Brief) -> list[str]:
    """No page copies more than eight consecutive words of a character's description.

    Words are compared lower-case without punctuation ("a girl with long black braids and
    a red backpack" is ten words: nine of them in a row on a page fail).
    """
    failures = []
    pages = [(number, words(text)) for number, text in story_pages(story)]
    span = MAX_PASTED_WORDS + 1
    for character in brief["characters"]:
        described = words(character["description"])
        runs = {" ".join(described[i : i + span]) for i in range(len(described) - span + 1)}
        for number, tokens in pages:
            joined = f" {' '.join(tokens)} "
            if any(f" {run} " in joined for run in runs):
                failures.append(f"page {number} pastes {character['name']}'s description")
    return failures


def _stem(word: str) -> str:
    """A word without the endings tense and number add ("learns", "learned" -> "learn"), so
    an outline turned into the past tense still counts as pasted."""
    for ending in ("ing", "ed", "es", "s"):
        if len(word) > len(ending) + 2 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def outline_told_not_pasted(story: Story, brief: Brief) -> list[str]:
    """No page copies more than eight consecutive words of the outline, even with its verbs
    put in another tense: the outline is told as a story, not pasted in as sentences."""
    failures = []
    span = MAX_PASTED_WORDS + 1
    outlined = [_stem(word) for word in words(brief["outline"])]
    runs = {" ".join(outlined[i : i + span]) for i in range(len(outlined) - span + 1)}
    for number, text in story_pages(story):
        joined = f" {' '.join(_stem(word) for word in words(text))} "
        if any(f" {run} " in joined for run in runs):
            failures.append(f"page {number} pastes the outline")
    return failures


# --------------------------------------------------------------------------------------
# Grammar


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PLURAL_DETERMINERS = (
    r"the|these|those|some|many|all|both|several|his|her|their|our|my|your|its|two|three|"
    r"four|five|six|seven|eight|nine|ten|twenty|hundreds of|lots of"
)
_SINGULAR_VERBS = r"was|is|has|does|wasn't|isn't|hasn't|doesn't|says|goes|looks|wants|makes"
_IRREGULAR_PLURALS = frozenset(_IRREGULAR_NOUNS.values())
_NOT_PLURAL = _word_set(
    "news lens bus gas atlas canvas christmas series species physics maths mathematics "
    "measles chaos triceratops this his its yes always perhaps across plus whereas"
)
_CLAUSE_SUBJECTS = _word_set("he she it i they we you who that which what there")
_WERE_AFTER_ARTICLE_OK = _word_set(
    "few lot couple number pair dozen group bunch family crowd team herd flock"
)
_AUXILIARIES = _word_set(
    "do does did will would can could should may might must to let shall why how make made "
    "makes help helped helps watch watched saw see hear heard"
)
_REDUPLICATED = _word_set(
    "knock choo bye night ha he hee ho yum buzz tweet quack moo baa oink woof beep tap drip "
    "zoom hop flap pop boom hush la tick ding chug puff clap no yes very bang toot splash "
    "had that"
)
_ABBREVIATIONS = _word_set("mr mrs ms dr st etc vs prof")
_CONSONANT_SOUND_U = tuple(
    _word_set(
        "unicorn uniform unique univers unit union unison unicycle use usual usef user utensil "
        "utopia ukulele uranium eu ewe one once"
    )
)
_VOWEL_SOUND_H = ("hour", "honest", "honour", "honor", "heir")


def _plural_noun(word: str) -> bool:
    low = word.lower()
    if word[:1].isupper():  # a name: Mars, Agnes, Mr Jones
        return False
    if low in _IRREGULAR_PLURALS:
        return True
    return (
        low.endswith("s")
        and not low.endswith(("ss", "us", "is", "'s"))
        and low not in _NOT_PLURAL
        and len(low) > 3
    )


def _vowel_sound(word: str) -> bool:
    low = word.lower()
    if low.startswith(_VOWEL_SOUND_H):
        return True
    if low.startswith(tuple(_CONSONANT_SOUND_U)):
        return False
    return low[:1] in _VOWELS


def _agreement_in(text: str) -> list[str]:
    found = []
    flags = re.IGNORECASE
    for match in re.finditer(rf"\b(they|we|you)\s+({_SINGULAR_VERBS})\b", text, flags):
        found.append(match.group(0))
    noun_phrase = (
        rf"\b(?:{_PLURAL_DETERMINERS})\s+((?:[\w-]+\s+){{0,2}}?)([\w-]+)\s+({_SINGULAR_VERBS})\b"
    )
    for match in re.finditer(noun_phrase, text, flags):
        between = match.group(1).split()
        # "All she wants is", "the thing Leo likes is": the verb in -s has a subject of its own.
        if any(word.lower() in _CLAUSE_SUBJECTS or word[:1].isupper() for word in between):
            continue
        if _plural_noun(match.group(2)):
            found.append(match.group(0))
    for match in re.finditer(r"\b[A-Z][a-z]+ and [A-Z][a-z]+ (?:was|is|has)\b", text):
        found.append(match.group(0))
    for sentence in sentences(text):
        if re.search(r"\b(if|wish|wished|wishes|though)\b", sentence, flags):
            continue
        for match in re.finditer(r"\b(he|she|it|I)\s+were\b", sentence, flags):
            found.append(match.group(0))
        for match in re.finditer(
            r"\b(?:a|an|each|every|this)\s+([\w-]+)\s+were\b", sentence, flags
        ):
            word = match.group(1).lower()
            if word not in _WERE_AFTER_ARTICLE_OK and not word.endswith("s"):
                found.append(match.group(0))
        for match in re.finditer(
            r"(\S+)?\s*\b(he|she|it)\s+(are|have|do|don't|aren't|weren't)\b", sentence, flags
        ):
            before = (match.group(1) or "").lower().strip(',;:"“”')
            if before not in _AUXILIARIES:
                found.append(match.group(0).strip())
    return found


def _articles_in(text: str) -> list[str]:
    found = []
    for match in re.finditer(r"\b(a|an)\s+([A-Za-z][\w'-]*)", text, re.IGNORECASE):
        article, word = match.group(1).lower(), match.group(2)
        if word.isupper() and len(word) > 1:  # an acronym: read letter by letter
            continue
        if (article == "a") == _vowel_sound(word):
            found.append(match.group(0))
    return found


def _doubled_in(text: str) -> list[str]:
    return [
        match.group(0)
        for match in re.finditer(r"\b([A-Za-z']+)\s+\1\b", text, re.IGNORECASE)
        if match.group(1).lower() not in _REDUPLICATED
    ]


def _lower_starts_in(text: str) -> list[str]:
    found = []
    stripped = text.lstrip(" \"“‘'(")
    if stripped[:1].islower():
        found.append(stripped.split(" ", 1)[0])
    for match in re.finditer(r"(\S*)([.!?])(\s+)([a-z]\S*)", text):
        before, mark = match.group(1), match.group(2)
        if mark == "." and (
            before.endswith(".")  # an ellipsis
            or re.fullmatch(r"[A-Z]", before)  # an initial: "T. rex"
            or before.lower().strip('"“(') in _ABBREVIATIONS
        ):
            continue
        found.append(match.group(0))
    return found


def agreement(story: Story, brief: Brief) -> list[str]:
    """Small grammar rules the writer is known to break, each reported with its words.

    - Subject and verb agree: a plural subject never takes "was"/"is"/"has" or a verb in
      -s ("the chalk footprints was", "they was", "Mia and Leo was"); he, she, it, I, a
      name after no "and", or "a/each/every/this" + noun never take "were" unless the
      sentence wishes or supposes ("if", "wish", "though"); he/she/it never take
      "are"/"have"/"do" unless an auxiliary comes first ("did she have").
    - "a" before a consonant sound, "an" before a vowel sound ("an hour", "a unicorn").
    - No word doubled ("the the"), apart from picture-book sounds ("knock knock").
    - A capital letter starts every page and follows every full stop, "!" and "?", apart
      from dialogue tags after a closing quote, ellipses, initials and abbreviations.
    """
    names = {c["name"] for c in brief["characters"]}
    failures = []
    for number, text in story_pages(story):
        found = _agreement_in(text)
        for sentence in sentences(text):
            if re.search(r"\b(if|wish|wished|though)\b", sentence, re.IGNORECASE):
                continue
            for name in names:
                for match in re.finditer(rf"(\S+\s+)?\b{re.escape(name)}\s+were\b", sentence):
                    before = (match.group(1) or "").strip().lower()
                    if before not in ("and", "or", "nor", "&") and not before.endswith(","):
                        found.append(f"{name} were")
        found += _articles_in(text) + _doubled_in(text) + _lower_starts_in(text)
        failures += [f"page {number}: {phrase!r}" for phrase in found]
    return failures


# --------------------------------------------------------------------------------------
# Inventions

_LOST_WORDS = re.compile(
    r"\b(lost|lose|loses|losing|missing|misplaced|searched|searching|searches|search for|"
    r"looked everywhere|high and low|where did it go|where could it be|"
    r"found (?:the|her|his|their|its) (?:\w+ ){0,3}?at last|"
    r"(?:was|were|is|are) gone\b(?!\s+(?:to|down|up|out|home|into|off|for|by|away|through)))",
    re.IGNORECASE,
)
_LOSING_CUES = re.compile(
    r"\b(lost|lose|loses|losing|missing|gone|vanish\w*|disappear\w*|misplace\w*|search\w*|"
    r"looks? for|looked for|hunts? for|can't find|cannot find|can not find|hide-and-seek|"
    r"hide and seek)\b",
    re.IGNORECASE,
)

#: Words naming a time of day in a story, by the time they name.
TIME_WORDS = {
    "morning": ("morning", "mornings", "dawn", "sunrise", "daybreak"),
    "midday": ("noon", "midday", "lunchtime"),
    "afternoon": ("afternoon", "afternoons"),
    "evening": ("evening", "evenings", "dusk", "sunset", "sundown", "twilight"),
    "night": ("night", "nights", "nighttime", "tonight", "midnight", "bedtime", "goodnight"),
}
#: What in a brief implies each time of day (besides naming it).
TIME_CUES = {
    "morning": ("breakfast", "first day", "school", "all day"),
    "midday": ("lunch", "picnic", "all day"),
    "afternoon": ("home time", "after school", "school", "picnic", "all day"),
    "evening": ("supper", "dinner", "bath time", "bedtime", "all day"),
    "night": (
        "overnight",
        "sleep",
        "sleeps",
        "asleep",
        "dream",
        "dreams",
        "moon",
        "star",
        "stars",
        "northern lights",
        "firefly",
        "fireflies",
    ),
}
#: Genres (as labelled or as stored) that imply times of day.
GENRE_TIMES = {"bedtime": ("evening", "night")}


def implied_times(brief: Brief) -> set[str]:
    """The times of day the brief's outline, title, setting, tone and genre name or imply."""
    text = " ".join(
        words(" ".join(str(brief.get(k, "")) for k in ("outline", "title", "setting", "tone")))
    )
    padded = f" {text} "
    times = set(GENRE_TIMES.get(brief["genre"].lower(), ()))
    for time, named in TIME_WORDS.items():
        if any(f" {cue} " in padded for cue in (*named, *TIME_CUES[time])):
            times.add(time)
    return times


def nothing_invented(story: Story, brief: Brief) -> list[str]:
    """The story adds no lost-thing plot and no time of day the brief did not ask for.

    - Words of losing and searching ("lost", "missing", "was gone", "searched", "high and
      low", "found the hat at last") only when the outline or title is about losing or seeking
      something ("loses", "missing", "looks for", "hide-and-seek"...).
    - Times of day ("morning", "midday", "afternoon", "sunset", "night"...) only when the
      brief names or implies them: see ``TIME_CUES`` ("breakfast" implies morning, "moon"
      and "asleep" night, "school" morning and afternoon); the Bedtime genre implies
      evening and night.
    """
    brief_text = f"{brief['outline']} {brief.get('title', '')}"
    losing_allowed = bool(_LOSING_CUES.search(brief_text))
    allowed = implied_times(brief)
    failures = []
    for number, text in story_pages(story):
        if not losing_allowed:
            failures += [
                f"page {number}: {m.group(0)!r} (the outline loses nothing)"
                for m in _LOST_WORDS.finditer(text)
            ]
        tokens = set(words(text))
        for time, named in TIME_WORDS.items():
            for word in sorted(tokens.intersection(named)):
                if time not in allowed:
                    failures.append(f"page {number}: {word!r} (the brief implies no {time})")
    return failures


# --------------------------------------------------------------------------------------
# Length

#: Words per page for each density, as the offline writer's DENSITY_RANGES sets them.
DENSITY_RANGES: dict[str, tuple[int, int]] = {
    "concise": (30, 50),
    "standard": (60, 90),
    "detailed": (100, 150),
}
#: How far a page may stray outside its range, as a share of each bound.
DENSITY_SLACK = 0.1


def word_bounds(text_density: str) -> tuple[int, int]:
    """The words a page may hold, slack included; an unknown density counts as concise."""
    label = text_density.strip().lower()
    low, high = next(
        (bounds for key, bounds in DENSITY_RANGES.items() if label.startswith(key)),
        DENSITY_RANGES["concise"],
    )
    return round(low * (1 - DENSITY_SLACK)), round(high * (1 + DENSITY_SLACK))


def words_per_page(story: Story, brief: Brief) -> list[str]:
    """Every page's word count lies in its density's range, give or take 10 %.

    Words are whitespace-separated tokens, as the writer counts them: concise pages hold
    27-55 words, standard 54-99, detailed 90-165.
    """
    low, high = word_bounds(brief["text_density"])
    failures = []
    for number, text in story_pages(story):
        count = len(text.split())
        if not low <= count <= high:
            failures.append(f"page {number}: {count} words (wants {low}-{high})")
    return failures


# --------------------------------------------------------------------------------------
# Places

#: The writer's stock lines about where a page is: "It felt good to be on the Moon."
_STOCK_PLACE = re.compile(
    r"^(?:It felt good to be|There was so much to see|Everything|All around, things were busy)"
    r"\b.*?\b(?:in|on|at|under|by)\s+(?P<phrase>(?:the\s+|a\s+|an\s+|[A-Z]\w*'s\s+)?"
    r"(?:[\w-]+\s+){0,2}(?P<place>[\w-]+))(?: seemed to be watching)?\.$"
)
#: Words naming a place a page can be in.
PLACE_WORDS = _word_set(
    "garden moon mars school classroom park forest woods jungle beach sea ocean harbour island "
    "museum library bedroom kitchen house home cottage castle farm field barn cave desert city "
    "town village street river attic bakery meadow hill pond sandpit playground zoo shop market "
    "igloo lake stream lighthouse"
)
_PAGE_PLACE = re.compile(
    r"\b(?:in|on|at|into|to|across|through|inside)\s+(?:the|a|an|his|her|their|[A-Z]\w*'s)\s+"
    rf"(?:[\w-]+\s+){{0,2}}?({'|'.join(sorted(PLACE_WORDS))})\b(?!\s+(?:trip|bus|bag|day|time)\b)",
    re.IGNORECASE,
)


def stock_places_fit(story: Story, brief: Brief) -> list[str]:
    """A stock line about where the page is ("It felt good to be on the Moon") names the
    page's own place: never the Moon on a page whose story is told in the garden.

    The page's place is read from its other sentences ("built a rocket in his garden"); a
    page naming no place of its own is not judged.
    """
    del brief
    failures = []
    for number, text in story_pages(story):
        lines = sentences(text)
        for index, line in enumerate(lines):
            stock = _STOCK_PLACE.match(line)
            if stock is None or stock.group("place").lower() not in PLACE_WORDS:
                continue
            rest = " ".join(lines[:index] + lines[index + 1 :])
            named = {m.group(1).lower() for m in _PAGE_PLACE.finditer(rest)}
            if named and not named.intersection(words(stock.group("phrase"))):
                failures.append(f"page {number}: {line!r} on a page set {'/'.join(sorted(named))}")
    return failures


# --------------------------------------------------------------------------------------
# Filler

#: The most of a page's sentences that may be pure gestures or feelings.
MAX_FILLER_SHARE = 0.34
#: How often one gesture may pad a story.
MAX_GESTURE_REPEATS = 2
#: Stock gestures and feelings a page is padded with, whoever writes it: "Cora tapped one
#: foot", "Leo stood up a little taller", "Bolt blinked, then blinked again".
_GESTURE = re.compile(
    r"\b(?:smiled|nodded|grinned|laughed|giggled|sighed|blinked|waved|hummed|whistled|"
    r"stretched|waited|listened|peeked|leaned in|tapped one foot|counted to three|"
    r"took a (?:deep breath|step closer)|stood (?:very still|up a little taller)|"
    r"held (?:very still|on tight)|clapped|bounced|gave a little (?:wave|hop)|"
    r"looked (?:up|around|all around)|wiggled|let out a|rubbed both eyes|sat down|"
    r"could not stop smiling|could hardly believe it|heart gave|eyes grew wide|"
    r"felt (?:brave|warm|lucky|ready|a little taller)|thought about)\b",
    re.IGNORECASE,
)
_FILLER_STOPS = _word_set(
    "the a an and but so then with into onto from to in on at by of for up down out off "
    "over under his her their its they she he it all one two some very little big what who "
    "was were is are has had have does did when that this there here after before"
)
_SEASONS = _word_set("spring summer autumn winter")


def _gesture(sentence: str, names: set[str], told: set[str]) -> str:
    """The stock gesture ``sentence`` is made of, when that is all it is: someone named, a
    gesture, no word of the outline's things, no place nor time. "" otherwise."""
    match = _GESTURE.search(sentence)
    tokens = set(words(sentence))
    if match is None or re.search(r"[\"“”]", sentence) or not tokens & names:
        return ""
    times = {w for named in TIME_WORDS.values() for w in named} | _SEASONS
    if {_stem(t) for t in tokens - names} & told or tokens & (PLACE_WORDS | times):
        return ""
    return match.group(0).lower()


def filler_share(story: Story, brief: Brief) -> list[str]:
    """Pages are not padded with stock gestures: on every page at most a third of the
    sentences are pure gesture or feeling lines (someone named, a gesture from a small
    list, no word of the outline, no place or time), and no gesture pads a story more
    than twice."""
    names = {w for c in brief["characters"] for w in words(c["name"])}
    told = {_stem(w) for w in words(brief["outline"])} - _FILLER_STOPS - names
    failures = []
    used: dict[str, list[int]] = {}
    for number, text in story_pages(story):
        lines = sentences(text)
        pure = [g for g in (_gesture(line, names, told) for line in lines) if g]
        for gesture in pure:
            used.setdefault(gesture, []).append(number)
        if lines and len(pure) / len(lines) > MAX_FILLER_SHARE:
            failures.append(f"page {number}: {len(pure)} of {len(lines)} sentences are gestures")
    failures += [
        f"{gesture!r} pads the story {len(where)} times (pages {', '.join(map(str, where))})"
        for gesture, where in used.items()
        if len(where) > MAX_GESTURE_REPEATS
    ]
    return failures


#: Every check, by name, in the order the bench reports them.
CHECKS: dict[str, Check] = {
    "events_told_in_order": events_told_in_order,
    "no_repeated_sentence": no_repeated_sentence,
    "no_pasted_description": no_pasted_description,
    "outline_told_not_pasted": outline_told_not_pasted,
    "agreement": agreement,
    "nothing_invented": nothing_invented,
    "words_per_page": words_per_page,
    "stock_places_fit": stock_places_fit,
    "filler_share": filler_share,
}


def judge(story: Story, brief: Brief) -> dict[str, list[str]]:
    """Every check's failures for one story, by check name."""
    return {name: check(story, brief) for name, check in CHECKS.items()}
