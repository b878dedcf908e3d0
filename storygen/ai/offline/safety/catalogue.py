"""Every category's words and rules of intent, gathered for storygen.ai.offline.moderation."""

from __future__ import annotations

from storygen.ai.offline.safety import (
    cruelty,
    dangerous,
    explosives,
    gore,
    grooming,
    harassment,
    hate,
    illicit,
    self_harm,
    sexual,
    substances,
    violence,
    weapons,
)
from storygen.ai.offline.safety.patterns import IntentRule

#: Words that block wherever they appear, by category: a children's book has no use for them.
TERMS: dict[str, tuple[str, ...]] = {
    "violence": violence.WORDS,
    "sexual": sexual.WORDS,
    "self-harm": self_harm.WORDS,
    "hate": hate.WORDS,
    "harassment": harassment.WORDS,
    "illicit": illicit.WORDS,
}

#: The rules of intent of every category.
RULES: tuple[IntentRule, ...] = (
    *weapons.RULES,
    *explosives.RULES,
    *violence.RULES,
    *cruelty.RULES,
    *self_harm.RULES,
    *dangerous.RULES,
    *substances.RULES,
    *hate.RULES,
    *harassment.RULES,
    *grooming.RULES,
    *sexual.RULES,
    *gore.RULES,
)
