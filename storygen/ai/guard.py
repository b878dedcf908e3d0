"""A guard model (Llama Guard 3 style) asked over chat completions whether text is safe.

The server's chat template turns the conversation into the guard's own prompt: a brief is
asked about as the user's message, written story text as the assistant's answer to it. The
model answers ``safe``, or ``unsafe`` and a line of hazard codes (``S1,S10``) of the
MLCommons taxonomy, mapped here to the categories the safety gate knows. Any other answer
counts as "moderation unavailable", so the gate fails closed.
"""

from __future__ import annotations

import re

import openai

from storygen.ai.errors import AIProviderUnavailable
from storygen.ai.openai import classify_error
from storygen.ai.types import Verdict

#: Each hazard code and the gate's categories it stands for (storygen.safety thresholds).
HAZARD_CATEGORIES: dict[str, tuple[str, ...]] = {
    "S1": ("violence",),  # violent crimes
    "S2": ("illicit",),  # non-violent crimes
    "S3": ("sexual",),  # sex-related crimes
    "S4": ("sexual", "sexual/minors"),  # child sexual exploitation
    "S5": ("harassment",),  # defamation
    "S6": ("illicit",),  # specialized advice
    "S7": ("harassment",),  # privacy
    "S8": ("illicit",),  # intellectual property
    "S9": ("violence",),  # indiscriminate weapons
    "S10": ("hate",),  # hate
    "S11": ("self-harm",),  # suicide and self-harm
    "S12": ("sexual",),  # sexual content
    "S13": ("illicit",),  # elections
    "S14": ("illicit",),  # code interpreter abuse
}

#: What the guard is told the written text answers, so it judges it as a model's reply.
WRITTEN_FOR = "Write a picture book story for children."

_CODE = re.compile(r"^S\d{1,2}$")


def parse_guard_answer(answer: str) -> Verdict:
    """The verdict in a guard model's answer; AIProviderUnavailable when it is neither
    ``safe`` nor ``unsafe`` (with well-formed codes, if any)."""
    lines = [line.strip() for line in answer.strip().splitlines() if line.strip()]
    first = lines[0].lower() if lines else ""
    if first == "safe" and len(lines) == 1:
        return Verdict(flagged=False)
    if first != "unsafe":
        raise AIProviderUnavailable("The guard model's answer could not be read.")
    codes = [code.strip().upper() for line in lines[1:] for code in line.split(",")]
    codes = [code for code in codes if code]
    if not all(_CODE.match(code) for code in codes):
        raise AIProviderUnavailable("The guard model's answer could not be read.")
    # A code outside the taxonomy still blocks, as "flagged" (see blocking_categories).
    categories = sorted({c for code in codes for c in HAZARD_CATEGORIES.get(code, ())})
    return Verdict(
        flagged=True, categories=tuple(categories), scores=dict.fromkeys(categories, 1.0)
    )


class GuardModerator:
    """Asks the guard model about one text per call; it cannot look at pictures."""

    def __init__(self, client: openai.OpenAI, *, model: str) -> None:
        self._client = client
        self.model = model

    def moderate(self, text: str, *, written: bool = False) -> Verdict:
        messages: list[dict[str, str]] = (
            [
                {"role": "user", "content": WRITTEN_FOR},
                {"role": "assistant", "content": text},
            ]
            if written
            else [{"role": "user", "content": text}]
        )
        try:
            reply = self._client.chat.completions.create(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                temperature=0,
                max_tokens=20,
            )
        except openai.OpenAIError as exc:
            raise classify_error(exc) from exc
        if not reply.choices:
            raise AIProviderUnavailable("The guard model returned no answer.")
        return parse_guard_answer(reply.choices[0].message.content or "")

    def moderate_image(self, data: bytes, *, mime: str, text: str = "") -> Verdict | None:
        return None
