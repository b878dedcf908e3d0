"""The offline provider's moderation: a real but simple word-list classifier, no network.

It reports the categories sexual, sexual/minors, violence, self-harm, hate, harassment and
illicit with a score each, and the words that raised it. Matching is whole-word and
case-insensitive ("skill" never matches "kill", "Essex" never matches "sex"), and the text is
normalised first against the usual ways of hiding a word: accents and full-width letters,
zero-width characters, leetspeak inside words ("k1ll", "s3x", "p@rn"), letters spelled out
with spaces or dots ("k i l l", "s.e.x"), stretched letters ("kiiill") and base64-encoded
passages, which are decoded and classified too. A few unsafe words of Spanish, French,
German, Italian and Portuguese are listed as well; knowing too little of those languages to
tell peril from harm, it treats them all as harm.

Fairy-tale danger passes: a wolf that wants to kill the pigs scores violence 0.3, below the
limit a story is stopped at (storygen.safety), and "dragon", "sword", "slay", "monster",
"killer whale" and "blood orange" score nothing. Danger adds up, though: killing *and*
blood, or a real weapon next to killing or shooting, reach the limit; graphic or massive
harm (slaughter, torture, "blood everywhere", murder) scores 1.0 at once. Everything else a
children's book has no place for (sexual content, self-harm, hate, harassment, drugs and
crime) scores 1.0 on a single word. ``sexual/minors`` is raised by the explicit terms for
child abuse, and by any sexual term in a text that also talks about children. It cannot
understand context, sarcasm or new slang: it is a floor that fails closed on obvious cases,
not a replacement for a trained model.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from storygen.ai.offline.moderation_terms import (
    CHILD_TERMS,
    FOREIGN_TERMS,
    HARMLESS,
    MINORS_TERMS,
    PERIL_GROUPS,
    SHOOTING,
    TERMS,
    WEAPONS,
)
from storygen.ai.types import Verdict

#: What one group of fairy-tale danger words weighs (see PERIL_GROUPS).
PERIL_WEIGHT = 0.3
#: What a real weapon, and shooting next to one, weigh.
WEAPON_WEIGHT = 0.25
#: The score at which this classifier flags a category itself, as a trained model would.
FLAG_AT = 0.5

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
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
_LEET_WORD = re.compile(r"[a-z0-9@$]*[a-z][a-z0-9@$]*")
# Three or more single characters split by spaces, dots, dashes, stars or underscores.
_SPELLED_OUT = re.compile(r"(?<![\w])(?:\w[\s.\-_*]{1,3}){2,}\w(?![\w])")
_SEPARATORS = re.compile(r"[\s.\-_*]+")
_STRETCHED = re.compile(r"(\w)\1{2,}")
_BASE64 = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}|[A-Za-z0-9_-]{16,}={0,2}")


def _fold(text: str) -> str:
    """Lower case without accents, compatibility forms, invisible characters or homoglyphs."""
    text = _INVISIBLE.sub("", text).translate(_HOMOGLYPHS)
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return text.casefold().replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")


def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    # Spaces in a phrase match any run of spaces or hyphens ("self harm", "self-harm").
    parts = sorted((r"[\s\-]+".join(map(re.escape, _fold(p).split())) for p in phrases), key=len)
    return re.compile(rf"(?<!\w)(?:{'|'.join(reversed(parts))})(?!\w)")


def _terms(category: str) -> tuple[str, ...]:
    return TERMS.get(category, ()) + FOREIGN_TERMS.get(category, ())


#: The categories reported, in this order, each with its score (0.0 when nothing was found).
CATEGORIES = (
    "violence",
    "sexual",
    "sexual/minors",
    "self-harm",
    "hate",
    "harassment",
    "illicit",
)


@dataclass(frozen=True)
class _Group:
    """Words that count once together towards a category's score, with ``weight``; a group
    that ``needs`` another counts only when that one is found too."""

    category: str
    name: str
    weight: float
    pattern: re.Pattern[str]
    needs: str = ""


_GROUPS: tuple[_Group, ...] = (
    *(_Group(c, "harm", 1.0, _pattern(_terms(c))) for c in CATEGORIES if c != "sexual/minors"),
    *(
        _Group("violence", name, PERIL_WEIGHT, _pattern(words))
        for name, words in PERIL_GROUPS.items()
    ),
    _Group("violence", "weapon", WEAPON_WEIGHT, _pattern(WEAPONS)),
    _Group("violence", "shooting", WEAPON_WEIGHT, _pattern(SHOOTING), needs="weapon"),
)
_MINORS_PATTERN = _pattern(MINORS_TERMS)
_CHILD_PATTERN = _pattern(CHILD_TERMS)
_HARMLESS_PATTERN = _pattern(HARMLESS)
_GAPS = re.compile(r"[\s\-]+")


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


def _variants(text: str) -> list[str]:
    """The folded text and its de-obfuscated readings: each is classified separately."""
    folded = _fold(text)
    leet = _LEET_WORD.sub(lambda m: m.group(0).translate(_LEET), folded)
    spelled = _SPELLED_OUT.sub(lambda m: _SEPARATORS.sub("", m.group(0)), leet)
    variants = [
        folded,
        leet,
        spelled,
        _STRETCHED.sub(r"\1", spelled),
        _STRETCHED.sub(r"\1\1", spelled),
    ]
    variants.extend(_fold(hidden) for hidden in _decoded_base64(text))
    return [_HARMLESS_PATTERN.sub(" ", variant) for variant in dict.fromkeys(variants)]


@dataclass
class _Findings:
    """The words found in every reading of a text, by category and group, in the order
    they were met."""

    words: dict[tuple[str, str], dict[str, None]]
    mentions_children: bool = False

    def add(self, category: str, group: str, matches: Iterable[re.Match[str]]) -> None:
        for match in matches:
            word = _GAPS.sub(" ", match.group(0))
            self.words.setdefault((category, group), {})[word] = None

    def groups(self, category: str) -> list[str]:
        return [group for (found, group) in self.words if found == category]

    def of(self, category: str, groups: Iterable[str]) -> tuple[str, ...]:
        """The words of ``groups``, leaving out those a longer one already says ("blood" in
        "blood everywhere")."""
        words: dict[str, None] = {}
        for group in groups:
            words.update(self.words.get((category, group), {}))
        return tuple(
            word
            for word in words
            if not any(other != word and f" {word} " in f" {other} " for other in words)
        )


def _find(text: str, findings: _Findings) -> None:
    for group in _GROUPS:
        findings.add(group.category, group.name, group.pattern.finditer(text))
    findings.add("sexual/minors", "harm", _MINORS_PATTERN.finditer(text))
    findings.mentions_children |= bool(_CHILD_PATTERN.search(text))


def _counted(category: str, findings: _Findings) -> list[_Group]:
    found = set(findings.groups(category))
    return [
        group
        for group in _GROUPS
        if group.category == category
        and group.name in found
        and (not group.needs or group.needs in found)
    ]


def moderate(text: str) -> Verdict:
    """Score ``text`` in every category and name the words behind each score.

    A category's score is the sum of the weights of its groups found (1.0 for a word that
    always blocks), at most 1.0; the verdict flags the categories scoring FLAG_AT or more.
    """
    findings = _Findings(words={})
    for variant in _variants(text):
        _find(variant, findings)
    scores: dict[str, float] = {}
    terms: dict[str, tuple[str, ...]] = {}
    for category in CATEGORIES:
        counted = _counted(category, findings)
        scores[category] = min(1.0, round(sum(group.weight for group in counted), 2))
        terms[category] = findings.of(category, (group.name for group in counted))
    sexual_words = terms["sexual"]
    minors_words = findings.of("sexual/minors", ["harm"])
    if minors_words or (sexual_words and findings.mentions_children):
        scores["sexual"] = scores["sexual/minors"] = 1.0
        terms["sexual/minors"] = tuple(dict.fromkeys(minors_words + sexual_words))
        terms["sexual"] = sexual_words or minors_words
    flagged = tuple(c for c in CATEGORIES if scores[c] >= FLAG_AT)
    return Verdict(
        flagged=bool(flagged),
        categories=flagged,
        scores=scores,
        terms={c: words for c, words in terms.items() if words},
    )
