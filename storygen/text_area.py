"""Where a page's text sits for each place of the 9-grid, as fractions of the page.

One table for everyone who needs it: the offline painter keeps this area calm in its
pictures, and the reader (and later the print layout) puts the text box over exactly it.
"""

from __future__ import annotations

#: Row → (top, bottom) and column → (left, right), as fractions of the page's height/width.
ROWS = {"top": (0.03, 0.30), "middle": (0.36, 0.64), "bottom": (0.70, 0.97)}
COLUMNS = {"left": (0.03, 0.55), "center": (0.15, 0.85), "right": (0.45, 0.97)}


def text_area(position: str) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of the text area at ``position``; unknown: bottom-center."""
    row, _, column = position.strip().lower().replace("centre", "center").partition("-")
    top, bottom = ROWS.get(row, ROWS["bottom"])
    left, right = COLUMNS.get(column, COLUMNS["center"]) if row in ROWS else COLUMNS["center"]
    return left, top, right, bottom
