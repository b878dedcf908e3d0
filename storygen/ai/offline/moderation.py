"""The offline provider's moderation: a real but simple word-list classifier, no network.

It reports the categories sexual, sexual/minors, violence, violence/graphic, self-harm,
hate, harassment, illicit, weapons, dangerous-activity, substances and grooming with a score
each, and the words that raised it. This module scores; what it knows lives in
storygen.ai.offline.safety: per category of harm, words that always block and rules of
intent that tell instruction and attraction from a story's danger, and the evasion layer
that reads a text the ways it may hide a word (accents, look-alike letters, leetspeak,
spaced-out or stretched letters, misspellings, base64), each reading classified on its
own. An administrator's phrases (storygen.safety_phrases, read on every call) come on top:
an allowed phrase is taken out first, a blocked one flags ``blocked_phrase``. Matching is
whole-word and case-insensitive ("skill" never matches "kill", "Essex" never matches "sex").

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

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from storygen.ai.offline.safety.catalogue import RULES, TERMS
from storygen.ai.offline.safety.evasion import fold, readings, unaccented
from storygen.ai.offline.safety.harassment import FULL_NAME
from storygen.ai.offline.safety.languages import FOREIGN_TERMS
from storygen.ai.offline.safety.sexual import CHILD_TERMS, MINORS_TERMS
from storygen.ai.offline.safety.violence import HARMLESS, PERIL_GROUPS
from storygen.ai.offline.safety.weapons import SHOOTING, WEAPONS
from storygen.ai.types import Verdict
from storygen.safety_phrases import safety_phrases

#: What one group of fairy-tale danger words weighs (see PERIL_GROUPS).
PERIL_WEIGHT = 0.3
#: What a real weapon, and shooting next to one, weigh.
WEAPON_WEIGHT = 0.25
#: The score at which this classifier flags a category itself, as a trained model would.
FLAG_AT = 0.5


def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    # Spaces in a phrase match any run of spaces or hyphens ("self harm", "self-harm").
    parts = sorted((r"[\s\-]+".join(map(re.escape, fold(p).split())) for p in phrases), key=len)
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
    "weapons",
    "violence/graphic",
    "dangerous-activity",
    "substances",
    "grooming",
)
#: The category of a phrase an administrator blocked.
BLOCKED_PHRASE = "blocked_phrase"


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
    *(_Group(c, "harm", 1.0, _pattern(_terms(c))) for c in CATEGORIES if _terms(c)),
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


def _readings(text: str) -> list[str]:
    """The readings of ``text`` the evasion layer gives, harmless phrases taken out."""
    return [_HARMLESS_PATTERN.sub(" ", reading) for reading in readings(text)]


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


@lru_cache(maxsize=64)
def _phrases_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    # Compiled once per list of phrases; the list itself is read on every call.
    phrases = tuple(p for p in phrases if p.strip())
    return _pattern(phrases) if phrases else None


def _find_intent(variants: list[str], original: str, findings: _Findings) -> None:
    """Apply the rules of intent (storygen.ai.offline.safety) to every reading."""
    named = bool(FULL_NAME.search(unaccented(original)))
    for variant in variants:
        for index, rule in enumerate(RULES):
            matches = list(rule.pattern.finditer(variant))
            if not matches:
                continue
            # An insult needs a person it aims at: a named one counts as well.
            aimed = rule.category == "harassment" and named
            if rule.needs is not None and not aimed and not rule.needs.search(variant):
                continue
            if rule.unless is not None and rule.unless.search(variant):
                continue
            findings.add(rule.category, f"intent{index}", matches)


def moderate(text: str) -> Verdict:
    """Score ``text`` in every category and name the words behind each score.

    A category's score is the sum of the weights of its groups found (1.0 for a word that
    always blocks, or a rule of intent that holds), at most 1.0; the verdict flags the
    categories scoring FLAG_AT or more. Phrases an administrator allowed are taken out
    first; one they blocked flags ``blocked_phrase``.
    """
    phrases = safety_phrases()
    allowed = _phrases_pattern(tuple(phrases.allowed))
    blocked = _phrases_pattern(tuple(phrases.blocked))
    variants = _readings(text)
    if allowed is not None:
        variants = [allowed.sub(" ", variant) for variant in variants]
    findings = _Findings(words={})
    for variant in variants:
        _find(variant, findings)
        if blocked is not None:
            findings.add(BLOCKED_PHRASE, "harm", blocked.finditer(variant))
    _find_intent(variants, text, findings)
    scores: dict[str, float] = {}
    terms: dict[str, tuple[str, ...]] = {}
    for category in CATEGORIES:
        counted = _counted(category, findings)
        intent = [g for g in findings.groups(category) if g.startswith("intent")]
        weight = sum(group.weight for group in counted) + (1.0 if intent else 0.0)
        scores[category] = min(1.0, round(weight, 2))
        terms[category] = findings.of(category, [*(group.name for group in counted), *intent])
    sexual_words = terms["sexual"]
    minors_words = findings.of("sexual/minors", ["harm"])
    if minors_words or (sexual_words and findings.mentions_children):
        scores["sexual"] = scores["sexual/minors"] = 1.0
        terms["sexual/minors"] = tuple(dict.fromkeys(minors_words + sexual_words))
        terms["sexual"] = sexual_words or minors_words
    blocked_words = findings.of(BLOCKED_PHRASE, ["harm"])
    if blocked_words:
        scores[BLOCKED_PHRASE] = 1.0
        terms[BLOCKED_PHRASE] = blocked_words
    flagged = tuple(c for c in (*CATEGORIES, BLOCKED_PHRASE) if scores.get(c, 0.0) >= FLAG_AT)
    return Verdict(
        flagged=bool(flagged),
        categories=flagged,
        scores=scores,
        terms={c: words for c, words in terms.items() if words},
    )
