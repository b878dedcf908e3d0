"""The evasion layer: the usual ways of hiding a word, undone before anything is matched.

A text is read several ways, each classified on its own: folded (lower case, accents and
full-width letters, zero-width characters and any letter Unicode lists as a look-alike of a
Latin one undone), with leetspeak inside words read as letters ("k1ll", "s3x", "p@rn"), with
letters spelled out with spaces or dots joined ("k i l l", "s.e.x"), with stretched letters
shrunk ("kiiill"), with misspellings one letter away from a word the rules know corrected
("sucide", "explosve", "bommb") unless it is a real English word ("laughter" is not
"slaughter", "named" is not "naked": see REAL_WORDS), and any base64-encoded passage
decoded.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from confusable_homoglyphs import confusables
from rapidfuzz.distance import OSA

from storygen.ai.offline.safety.misspellings import DOUBLED_VOCABULARY, FUZZY_VOCABULARY

#: Digits and symbols read as letters inside a word ("k1ll", "p@rn", "$ex").
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s"}
)
#: Letters of other scripts that look like Latin ones.
_HOMOGLYPHS = str.maketrans(
    {
        "\u0430": "a",
        "\u0435": "e",
        "\u043e": "o",
        "\u0440": "p",
        "\u0441": "c",
        "\u0445": "x",
        "\u0443": "y",
        "\u0456": "i",
        "\u0455": "s",
    }
)


def _confusable_letters() -> dict[int, str]:
    """Every character Unicode lists as a look-alike of a Latin letter or digit, read as it."""
    table: dict[int, str] = {}
    for plain, lookalikes in confusables.confusables_data.items():
        if len(plain) == 1 and plain.isascii() and plain.isalnum():
            for lookalike in lookalikes:
                char = lookalike["c"]
                if len(char) == 1 and not char.isascii():
                    table.setdefault(ord(char), plain.lower())
    return table


_CONFUSABLES = _confusable_letters()
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
_LEET_WORD = re.compile(r"[a-z0-9@$]*[a-z][a-z0-9@$]*")
# Three or more single characters split by spaces, dots, dashes, stars or underscores.
_SPELLED_OUT = re.compile(r"(?<![\w])(?:\w[\s.\-_*]{1,3}){2,}\w(?![\w])")
_SEPARATORS = re.compile(r"[\s.\-_*]+")
# Single characters split by dots, dashes, stars or underscores (not spaces): one word each,
# so that "b.u.i.l.d a g.u.n" reads "build a gun", not "buildagun".
_SPELLED_WITHIN = re.compile(r"(?<![\w.\-_*])(?:\w[.\-_*]{1,3}){2,}\w(?![\w])")
_STRETCHED = re.compile(r"(\w)\1{2,}")
_BASE64 = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}|[A-Za-z0-9_-]{16,}={0,2}")


def unaccented(text: str) -> str:
    """``text`` without accents, compatibility forms, invisible characters or look-alike
    letters, its case kept."""
    text = _INVISIBLE.sub("", text).translate(_HOMOGLYPHS)
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return text.translate(_CONFUSABLES)


def fold(text: str) -> str:
    """Lower case without accents, compatibility forms, invisible characters or homoglyphs."""
    return (
        unaccented(text)
        .casefold()
        .replace("\u2019", "'")
        .replace("\u2010", "-")
        .replace("\u2011", "-")
    )


def _decoded_base64(text: str) -> list[str]:
    """Readable text hidden in base64 runs of ``text`` (standard or URL-safe alphabet)."""
    found = []
    for match in _BASE64.finditer(text):
        chunk = match.group(0)
        chunk += "=" * (-len(chunk) % 4)
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                decoded = decode(chunk).decode("utf-8")
            except (binascii.Error, ValueError):
                continue
            if (
                decoded
                and sum(c.isprintable() or c.isspace() for c in decoded) / len(decoded) > 0.9
            ):
                found.append(decoded)
                break
    return found


_WORD = re.compile(r"[a-z]{5,}")
_FUZZY_WORDS = frozenset(FUZZY_VOCABULARY)
_DOUBLED = re.compile(r"(\w)\1")
#: Where REAL_WORDS is kept (written by storygen.ai.offline.safety.real_words).
REAL_WORDS_PATH = Path(__file__).with_name("real_words.txt")


def _real_words() -> frozenset[str]:
    lines = REAL_WORDS_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


#: English words a slip away from the vocabulary, left as written: derived at development time
#: from a dictionary too big to load in every process.
REAL_WORDS = _real_words()


def _nearest(word: str) -> str:
    """The vocabulary's word ``word`` is one slip away from (a letter added, dropped, changed
    or swapped, or a letter of a short word doubled), or ``word`` itself."""
    for known in FUZZY_VOCABULARY:
        if abs(len(known) - len(word)) <= 1 and OSA.distance(word, known, score_cutoff=1) <= 1:
            return known
    for known in DOUBLED_VOCABULARY:
        if len(word) == len(known) + 1 and _DOUBLED.sub(r"\1", word) == known:
            return known
    return word


@lru_cache(maxsize=4096)
def corrected(word: str) -> str:
    """The rules' word ``word`` misspells by one slip, or ``word`` itself when it is a word of
    the rules or of English."""
    if word in _FUZZY_WORDS or word in REAL_WORDS:
        return word
    return _nearest(word)


def words_within_reach(words: Iterable[str]) -> list[str]:
    """Those of ``words`` the correction would change if they were not known to be real, in
    alphabetical order."""
    return sorted(
        word
        for word in set(words)
        if _WORD.fullmatch(word) and word not in _FUZZY_WORDS and _nearest(word) != word
    )


def _misspellings_corrected(text: str) -> str:
    return _WORD.sub(lambda m: corrected(m.group(0)), text)


def _joined_after_article(run: str) -> str:
    """A spelled-out run read as "a" or "I" and a word ("a b o m b" is "a bomb")."""
    letters = _SEPARATORS.sub("", run)
    if letters[0] in "ai" and len(letters) >= 4:
        return f"{letters[0]} {letters[1:]}"
    return letters


def readings(text: str) -> list[str]:
    """The folded text and its de-obfuscated readings, each once: each is classified
    separately."""
    folded = fold(text)
    leet = _LEET_WORD.sub(lambda m: m.group(0).translate(_LEET), folded)
    spelled = _SPELLED_OUT.sub(lambda m: _SEPARATORS.sub("", m.group(0)), leet)
    variants = [
        folded,
        leet,
        spelled,
        _STRETCHED.sub(r"\1", spelled),
        _STRETCHED.sub(r"\1\1", spelled),
        _misspellings_corrected(spelled),
        _SPELLED_OUT.sub(lambda m: _joined_after_article(m.group(0)), leet),
        _SPELLED_WITHIN.sub(lambda m: _SEPARATORS.sub("", m.group(0)), leet),
    ]
    variants.extend(fold(hidden) for hidden in _decoded_base64(text))
    return list(dict.fromkeys(variants))
