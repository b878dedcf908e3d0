"""Cleaning what the user typed: short one-line phrases, settings, tones, titles, the seed.

Not reading the outline's plot (``outline``, ``plot``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re

from storygen.ai.offline.writer.tense import AUX_PAST, COORDINATORS, SUBORDINATORS
from storygen.ai.offline.writer.words import lower_first, wordset
from storygen.ai.types import StoryBrief


def clean(text: str, max_words: int) -> str:
    """One-line user text, without bracketed asides or trailing punctuation, capped to
    ``max_words``; text that runs longer ends on a whole phrase, never on "the" or "and"."""
    words = without_asides(text).split()
    longer = len(words) > max_words
    # A single enormous token would blow the page's character budget; nobody writes one.
    words = [w[:40] for w in words[:max_words]]
    if longer:
        commas = [i for i, w in enumerate(words) if w.endswith((",", ";")) and i >= max_words // 2]
        if commas:
            words = words[: commas[-1] + 1]
        while len(words) > 1 and words[-1].lower().strip(",;:") in LOOSE_ENDS:
            words.pop()
    return " ".join(words).strip(" .,;:!?-")


# Words a shortened clause may not end on: "the", "with", "and", "was".
LOOSE_ENDS = (
    COORDINATORS
    | SUBORDINATORS
    | frozenset(AUX_PAST)
    | wordset("""
        the a an his her their my our its your this that these those on in at by near with
        under behind beside inside from to of for into onto over about across through around
        towards toward like than very
        not too every each some any no another will would can could should must may might
        is are am be been being was were had did
        """)
)


def without_asides(text: str) -> str:
    """Text without its bracketed asides: "Mira (age 9) finds" -> "Mira finds"."""
    text = re.sub(r"\s*[(\[][^()\[\]]*[)\]]", "", text)
    return re.sub(r"[()\[\]]", "", text)


def seed(brief: StoryBrief) -> int:
    # asdict + sorted JSON gives a stable serialisation; Python's hash() is salted per process.
    payload = json.dumps(dataclasses.asdict(brief), sort_keys=True, ensure_ascii=False)
    return int.from_bytes(hashlib.sha256(payload.encode("utf-8")).digest()[:8], "big")


def setting_phrase(setting: str) -> str:
    phrase = clean(setting, 12)
    # "in {setting}" must not become "in in the woods".
    phrase = re.sub(r"^(?:in|at|on|inside|within|into)\s+", "", phrase, flags=re.IGNORECASE)
    return lower_first(phrase)


def title_case(text: str) -> str:
    small = {"a", "an", "the", "of", "by", "in", "on", "at", "and", "to", "for", "with", "from"}
    words = text.split()
    out = []
    for index, word in enumerate(words):
        if index and word.lower() in small:
            out.append(word.lower())
        elif word[:1].islower():
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
    return " ".join(out)
