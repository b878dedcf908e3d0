"""Reading the outline: its segments, clauses, retellings, and spreading them over pages.

Not what the plot is about: that is read in ``plot``.
"""

from __future__ import annotations

import re

from storygen.ai.offline.writer.counting import count_words
from storygen.ai.offline.writer.plot_words import DETERMINERS_NP
from storygen.ai.offline.writer.tense import SUBJECTS_P, SUBJECTS_S, past_tense, told_in_past
from storygen.ai.offline.writer.user_text import LOOSE_ENDS, without_asides
from storygen.ai.offline.writer.words import upper_first, wordset


def outline_segments(outline: str) -> list[str]:
    """The outline split into sentences, ready to retell in order.

    A very long sentence is split only where a whole clause follows ("..., and everyone
    cheers"), so every segment is a sentence of its own; it is never cut mid-phrase.
    """
    segments: list[str] = []
    for line in re.split(r"\n+", outline):
        line = re.sub(r"^\s*(?:[-*\u2022]+|\d+[.)]|[a-z][.)])\s+", "", line.strip())
        for sentence in re.split(r"(?<=[.!?])\s+", without_asides(line)):
            sentence = " ".join(w[:40] for w in sentence.split())
            if not sentence:
                continue
            pieces = _clauses(sentence) if count_words(sentence) > 28 else [sentence]
            for piece in pieces:
                piece = piece.strip(" ,;:-")
                if re.search(r"\w", piece):
                    segments.append(piece)
    return [upper_first(s) if s[-1] in ".!?" else upper_first(s) + "." for s in segments]


# Where a long sentence may be split into two: a clause with its own subject follows.
_CLAUSE_JOINS = re.compile(r"(?:,|;)\s+(?:(and|but|so|then)\s+)?(?=\S)|\s+(but|so)\s+(?=\S)")


def _clauses(sentence: str) -> list[str]:
    """A long sentence as the whole clauses it joins: "..., and everyone cheers" splits off.

    Each part must have a subject and a verb of its own; otherwise the sentence stays whole.
    """
    parts: list[str] = []
    rest = sentence
    while True:
        for match in _CLAUSE_JOINS.finditer(rest):
            head, tail = rest[: match.start()], rest[match.end() :]
            joiner = (match.group(1) or match.group(2) or "").lower()
            first = tail.split(" ", 1)[0]
            starts = first.lower() in SUBJECTS_S | SUBJECTS_P | DETERMINERS_NP or (
                first[:1].isupper()
            )
            if count_words(head) < 4 or count_words(tail) < 2 or not starts:
                continue
            if (
                told_in_past(head)[1]
                and told_in_past(tail)[1]
                and head.split()[-1].lower() not in LOOSE_ENDS
            ):
                parts.append(head)
                rest = f"{upper_first(joiner)} {tail}" if joiner in {"but", "so", "then"} else tail
                break
        else:
            parts.append(rest)
            return parts


# Commas around a short aside inside a sentence: "and, with her lantern, guides".
_INSERT = re.compile(
    r",\s+(?:with|in|on|at|by|after|for|from|under|over|through|across|during|without|"
    r"inside|near|holding|carrying|as always|of course|at last|slowly|quickly|together)"
    r"\b[^,.;!?]{0,40},\s+"
)
# "Mira, the lighthouse keeper's daughter, finds ...": a name, then who they are.
_APPOSITION = re.compile(
    r"^((?:[A-Z][\w'\u2019-]*\s?){1,3}),\s+(?:the|a|an|his|her|their|our|my)\b[^,.;!?]*,\s+"
)
_CUTS = wordset("and but before after because when while until where who which")


def retellings(segment: str) -> list[str]:
    """An outline sentence told in the story's past tense: whole, then shorter.

    Shorter tellings drop an aside ("the lighthouse keeper's daughter"), or stop at the end
    of a whole clause ("Mira found a lost whale calf in the bay."); none is ever cut off
    mid-phrase. Longest first.
    """
    plain = _INSERT.sub(" ", _APPOSITION.sub(r"\1 ", segment))
    plain = plain if told_in_past(plain)[1] else segment
    found = [segment, plain]
    for text in (segment, plain):
        words = list(re.finditer(r"\S+", text))
        for index in range(4, len(words)):
            low = words[index].group(0).lower().strip('"')
            if low not in _CUTS and not words[index - 1].group(0).endswith((",", ";")):
                continue
            head = text[: words[index].start()].rstrip(" ,;:")
            last = head.split()[-1].lower().strip("\"'")
            if last in LOOSE_ENDS or head.count('"') % 2 or not told_in_past(head)[1]:
                continue
            if "," in head and not told_in_past("It " + head.rsplit(",", 1)[1])[1]:
                continue  # it would end inside an aside: "and, with her lantern"
            found.append(head + ".")
    unique = list(dict.fromkeys(past_tense(upper_first(t)) for t in found))
    return sorted(unique, key=lambda t: -count_words(t))


def spread(items: int, pages: int) -> list[int]:
    """The page (1-based) each of ``items`` ordered items belongs on, first to last page."""
    if items == 0:
        return []
    if items <= pages:
        if items == 1:
            return [1]
        return [1 + round(i * (pages - 1) / (items - 1)) for i in range(items)]
    return [1 + (i * pages) // items for i in range(items)]


THING_WORDS = (
    "egg",
    "map",
    "key",
    "treasure",
    "star",
    "crown",
    "lantern",
    "kite",
    "balloon",
    "book",
    "ring",
    "necklace",
    "locket",
    "compass",
    "bell",
    "crystal",
    "gem",
    "jewel",
    "shell",
    "feather",
    "seed",
    "flower",
    "cake",
    "hat",
    "letter",
    "note",
    "painting",
    "trophy",
    "wand",
    "sword",
    "shield",
    "scroll",
    "music box",
    "teddy",
    "toy",
    "ball",
    "cookie",
    "pearl",
    "acorn",
    "rocket",
    "clock",
    "medal",
    "quilt",
    "recipe",
    "blanket",
    "bracelet",
    "umbrella",
    "boot",
    "sock",
    "song",
)


THING_MODIFIERS = {
    "stolen",
    "hidden",
    "precious",
    "cracked",
    "shimmering",
    "lost",
    "old",
    "magic",
    "magical",
    "golden",
    "silver",
    "secret",
    "shiny",
    "glowing",
    "tiny",
    "little",
    "giant",
    "big",
    "special",
    "missing",
    "baby",
    "dragon",
    "crystal",
    "enchanted",
    "ancient",
    "red",
    "blue",
    "green",
    "yellow",
    "purple",
    "pink",
    "orange",
    "white",
    "black",
    "rainbow",
    "wooden",
    "broken",
    "treasure",
    "birthday",
    "favourite",
    "favorite",
    "mysterious",
    "sparkly",
    "star",
    "moon",
    "sun",
    "music",
    "paper",
}
