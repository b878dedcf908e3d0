"""Words per page: the density ranges a brief may ask for and how words are counted.

Only the arithmetic of length lives here; fitting lines onto a page is in ``planning``.
"""

from __future__ import annotations

#: Words per content page for each text density, inclusive.
DENSITY_RANGES: dict[str, tuple[int, int]] = {
    "concise": (30, 50),
    "standard": (60, 90),
    "detailed": (100, 150),
}

# Comfortably below drafts.MAX_PAGE_TEXT, so long user words can never make a page invalid.
MAX_PAGE_CHARS = 2200


def word_range(text_density: str) -> tuple[int, int]:
    """The inclusive words-per-page range for a density label; unknown labels are concise."""
    label = text_density.strip().lower()
    for key, bounds in DENSITY_RANGES.items():
        if label.startswith(key):
            return bounds
    return DENSITY_RANGES["concise"]


def count_words(text: str) -> int:
    """Words as the density rule counts them: whitespace-separated tokens."""
    return len(text.split())
