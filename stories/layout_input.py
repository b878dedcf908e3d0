"""The rules for layout values a person sends: one set for the API, the editor and the wizard.

Each ``clean_*`` function returns the value in its stored form or raises LayoutValueError
with a message fit for the person who sent it. Which font families exist is an option
list (checked by the services), not a rule here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from stories.models import Story
from stories.prompts import TEXT_POSITIONS, normalize_text_position

HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
#: A colour as the API documents it (ECMA-262, for the schema): ``#rgb`` or ``#rrggbb``.
HEX_COLOR_PATTERN = "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
#: Page format spellings clients send → the stored value.
PAGE_FORMAT_ALIASES = {
    "letter": "letter",
    "us-letter": "letter",
    "us_letter": "letter",
    "a4": "a4",
    "a4-portrait": "a4",
    "a4-landscape": "a4-landscape",
    "a4_landscape": "a4-landscape",
    "a4 landscape": "a4-landscape",
    "portrait": "portrait",
    "landscape": "landscape",
    "letter-portrait": "letter",
    "letter-landscape": "landscape",
    "square-storybook": "square-storybook",
    "square_storybook": "square-storybook",
    "square storybook": "square-storybook",
}
#: Every spelling of a text position the API documents: the 9-grid (also with "centre"),
#: then the legacy single words it maps onto the grid.
TEXT_POSITION_SPELLINGS = tuple(
    dict.fromkeys(
        spelling
        for spelling in (
            *TEXT_POSITIONS,
            *(position.replace("center", "centre") for position in TEXT_POSITIONS),
            "top",
            "bottom",
            "left",
            "right",
            "center",
            "centre",
        )
        if normalize_text_position(spelling)
    )
)
#: Every spelling of a page format the API documents, the stored ones first.
PAGE_FORMAT_SPELLINGS = tuple(dict.fromkeys([*PAGE_FORMAT_ALIASES.values(), *PAGE_FORMAT_ALIASES]))
#: Font sizes a person may choose, in points (the reference editor's range).
FONT_SIZE_RANGE = (16, 56)
FONT_FAMILY_MAX_LENGTH = 50

COLOR_MESSAGE = "Use a hex colour such as #ffffff."
POSITION_MESSAGE = f"Use one of {', '.join(TEXT_POSITIONS)}."
PAGE_FORMAT_MESSAGE = f"Use one of {', '.join(Story.PageFormat.values)}."
LAYOUT_MODE_MESSAGE = f"Use one of {', '.join(Story.LayoutMode.values)}."
FONT_SIZE_MESSAGE = f"Use a font size from {FONT_SIZE_RANGE[0]} to {FONT_SIZE_RANGE[1]}."
OPACITY_MESSAGE = "Use an opacity from 0 to 1."


class LayoutValueError(ValueError):
    """A layout value that is not allowed; the message says what is."""


def clean_font_color(value: Any) -> str:
    """``#rgb`` or ``#rrggbb`` → ``#rrggbb`` in lower case."""
    if not isinstance(value, str) or not HEX_COLOR.match(value.strip()):
        raise LayoutValueError(COLOR_MESSAGE)
    value = value.strip()
    if len(value) == 4:
        value = "#" + "".join(ch * 2 for ch in value[1:])
    return value.lower()


def clean_text_position(value: Any) -> str:
    """A 9-grid position, legacy values (``top``, ``left``…) mapped onto it."""
    position = normalize_text_position(value) if isinstance(value, str) else None
    if position is None:
        raise LayoutValueError(POSITION_MESSAGE)
    return position


def clean_page_format(value: Any) -> str:
    page_format = PAGE_FORMAT_ALIASES.get(value.strip().lower()) if isinstance(value, str) else None
    if page_format is None:
        raise LayoutValueError(PAGE_FORMAT_MESSAGE)
    return page_format


def clean_layout_mode(value: Any) -> str:
    if not isinstance(value, str) or value.strip() not in Story.LayoutMode.values:
        raise LayoutValueError(LAYOUT_MODE_MESSAGE)
    return value.strip()


def clean_font_family(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise LayoutValueError("Choose a font.")
    if len(value.strip()) > FONT_FAMILY_MAX_LENGTH:
        raise LayoutValueError(f"Use at most {FONT_FAMILY_MAX_LENGTH} characters.")
    return value.strip()


def clean_font_size(value: Any) -> int:
    if isinstance(value, bool):
        raise LayoutValueError(FONT_SIZE_MESSAGE)
    try:
        size = int(str(value).strip()) if isinstance(value, str) else int(value)
    except (TypeError, ValueError):
        raise LayoutValueError(FONT_SIZE_MESSAGE) from None
    if isinstance(value, float) and value != size:
        raise LayoutValueError(FONT_SIZE_MESSAGE)
    if not FONT_SIZE_RANGE[0] <= size <= FONT_SIZE_RANGE[1]:
        raise LayoutValueError(FONT_SIZE_MESSAGE)
    return size


def clean_text_box_opacity(value: Any) -> float:
    if isinstance(value, bool):
        raise LayoutValueError(OPACITY_MESSAGE)
    try:
        opacity = float(value.strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise LayoutValueError(OPACITY_MESSAGE) from None
    if math.isnan(opacity) or not 0.0 <= opacity <= 1.0:
        raise LayoutValueError(OPACITY_MESSAGE)
    return opacity


#: Layout field → its rule. The document defaults use all of them; a page overrides the
#: ones in PAGE_OVERRIDE_FIELDS.
CLEANERS: dict[str, Callable[[Any], Any]] = {
    "page_format": clean_page_format,
    "layout_mode": clean_layout_mode,
    "font_family": clean_font_family,
    "font_size": clean_font_size,
    "font_color": clean_font_color,
    "text_position": clean_text_position,
    "text_box_opacity": clean_text_box_opacity,
}
PAGE_OVERRIDE_FIELDS = (
    "text_position",
    "font_family",
    "font_size",
    "font_color",
    "text_box_opacity",
)


def clean_layout_value(field: str, value: Any) -> Any:
    """``value`` for layout field ``field`` in its stored form. Raises LayoutValueError."""
    try:
        cleaner = CLEANERS[field]
    except KeyError:
        raise LayoutValueError("Not a layout setting.") from None
    return cleaner(value)
