"""Reading the outline into sentences, a very long one split where a whole clause follows.

Not the events inside each sentence: those are read in ``events``.
"""

from __future__ import annotations

import re

from storygen.ai.offline.writer.counting import count_words
from storygen.ai.offline.writer.tense import SUBJECTS_P, SUBJECTS_S, told_in_past
from storygen.ai.offline.writer.user_text import LOOSE_ENDS, without_asides
from storygen.ai.offline.writer.words import upper_first, wordset

DETERMINERS_NP = wordset("the a an his her their my our its your this that these those")


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
