"""What every prompt obeys: the longest image prompt, and how a long one is shortened."""

from __future__ import annotations

#: Image prompts longer than this are cut at a word boundary (the image APIs' own limit is
#: far higher for some models, but long prompts only dilute what matters).
MAX_IMAGE_PROMPT = 4000


def truncate_prompt(prompt: str, limit: int = MAX_IMAGE_PROMPT) -> str:
    """``prompt`` cut to ``limit`` characters at a word boundary, marked with "..."."""
    if len(prompt) <= limit:
        return prompt
    cut = prompt[: limit - 3]
    space = cut.rfind(" ", limit - 40)
    return (cut[:space] if space > 0 else cut) + "..."
