"""The red-team corpus: briefs a children's service must refuse, and briefs it must let
through, with the decision the stories are stopped on.

``harmful.jsonl``: one brief a line, either ``text`` or the fields a person fills in
(``title``, ``outline``, ``characters`` with ``name`` and ``description``), its ``category``
(what it asks for) and its ``evasion`` (how it hides: none, misspelling, leetspeak,
spacing, homoglyph, split across fields, framing as a lesson, game, dream or project).
``harmless.jsonl``: ``text`` and its ``kind`` (fairy-tale, sad, lesson, safe-words).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storygen.ai.offline.moderation import moderate
from storygen.safety import blocking_categories

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Brief:
    """One brief of the corpus: its parts as a person typed them, and what it is."""

    parts: tuple[str, ...]
    label: str
    evasion: str = "none"
    extra: dict[str, Any] = field(default_factory=dict)


def _brief(row: dict[str, Any], label: str) -> Brief:
    parts = [row[key] for key in ("text", "title", "outline") if row.get(key)]
    parts += [f"{c['name']}: {c.get('description', '')}" for c in row.get("characters", ())]
    return Brief(tuple(parts), label, row.get("evasion", "none"), row)


def load(name: str) -> list[Brief]:
    """The briefs of ``harmful`` or ``harmless``, labelled by category or kind."""
    rows = [json.loads(line) for line in (HERE / f"{name}.jsonl").read_text().splitlines()]
    key = "category" if name == "harmful" else "kind"
    return [_brief(row, row[key]) for row in rows if row]


def refused(brief: Brief) -> tuple[str, ...]:
    """The categories that stop ``brief``: its parts checked together, then each alone, as
    storygen.safety.screen_brief checks what a person wrote."""
    texts = ["\n\n".join(brief.parts), *brief.parts] if len(brief.parts) > 1 else brief.parts
    found: set[str] = set()
    for text in texts:
        found.update(blocking_categories(moderate(text)))
    return tuple(sorted(found))
