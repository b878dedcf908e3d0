"""Refusals of a person's own words before anything is made of them: the error a parent gets
(which field, which categories, which words, what to change), and the count kept per refusal.

The app that keeps the counts (moderation) registers how a refusal is recorded when it
starts, so every app can refuse without depending on it. A record holds the categories, the
entry point and the user, never the words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from rest_framework import status

from storygen.exceptions import ApplicationError
from storygen.safety import Finding, Screening, refusal_message, refusal_suggestion

logger = logging.getLogger(__name__)

#: Records one refusal: keyword arguments ``categories``, ``entry_point``, ``user_id``.
RefusalRecorder = Callable[..., object]

_recorder: RefusalRecorder | None = None


def refusal_recorder_register(recorder: RefusalRecorder | None) -> None:
    """Say how a refusal is counted (the statistics' owner calls this when it starts)."""
    global _recorder
    _recorder = recorder


def refusal_record(*, categories: list[str], entry_point: str, user_id: int | None) -> None:
    """Count one refusal for the statistics (nothing when no app counts them)."""
    if _recorder is not None:
        _recorder(categories=categories, entry_point=entry_point, user_id=user_id)


class UnsafeBrief(ApplicationError):
    """A person's words did not pass the safety check, so nothing was made or queued.

    ``fields`` maps a finding's item ("the outline") to the field the person typed it in
    ("story_outline"); a finding with no field of its own (the brief as a whole) goes under
    ``default_field``. ``errors`` carries the message per field, for forms; ``safety`` the
    details for programs. The words quoted are the person's own: for them, never for logs.
    """

    code = "unsafe_brief"
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_message = (
        "This cannot be made into a children's picture book. "
        "Try telling it more gently, as you would to a young child."
    )

    def __init__(
        self,
        screening: Screening,
        *,
        fields: Mapping[str, str],
        default_field: str,
        message: str | None = None,
    ) -> None:
        errors: dict[str, list[str]] = {}
        findings: list[dict[str, Any]] = []
        for finding in screening.findings:
            field = fields.get(finding.item, default_field)
            errors.setdefault(field, []).append(refusal_message(Screening(findings=(finding,))))
            findings.append(_finding_json(field, finding))
        super().__init__(message or refusal_message(screening), errors=errors)
        self.categories = screening.categories
        self.safety = {
            "categories": self.categories,
            "findings": findings,
            "suggestion": refusal_suggestion(screening),
        }

    def body_extra(self) -> dict[str, Any]:
        return {"safety": self.safety}


def _finding_json(field: str, finding: Finding) -> dict[str, Any]:
    words = dict.fromkeys(word for group in finding.words.values() for word in group)
    return {"field": field, "categories": list(finding.categories), "words": list(words)}


def unsafe_refuse(
    screening: Screening,
    *,
    error: type[UnsafeBrief],
    entry_point: str,
    user_id: int | None,
    fields: Mapping[str, str],
    default_field: str,
) -> None:
    """Raise ``error`` for a screening that blocks, counting the refusal first; nothing for
    one that passes or could not be checked (the caller decides about that)."""
    if not screening.flagged:
        return
    # Categories only: the words are the person's own text.
    logger.info("%s refused for user %s: %s", entry_point, user_id, ",".join(screening.categories))
    refusal_record(categories=screening.categories, entry_point=entry_point, user_id=user_id)
    raise error(screening, fields=fields, default_field=default_field)
