"""Layout value rules shared by the API, the editor and the wizard."""

from __future__ import annotations

from typing import Any

import pytest

from stories.layout_input import LayoutValueError, clean_layout_value


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("font_color", "#ABC", "#aabbcc"),
        ("font_color", " #12ab3F ", "#12ab3f"),
        ("text_position", "Top-Left", "top-left"),
        ("text_position", "bottom", "bottom-center"),
        ("text_position", "centre", "middle-center"),
        ("page_format", "US_Letter", "letter"),
        ("page_format", "square storybook", "square-storybook"),
        ("layout_mode", "vertical-split", "vertical-split"),
        ("font_family", " classic ", "classic"),
        ("font_size", 16, 16),
        ("font_size", "56", 56),
        ("font_size", 20.0, 20),
        ("text_box_opacity", 0, 0.0),
        ("text_box_opacity", "0.35", 0.35),
        ("text_box_opacity", 1, 1.0),
    ],
)
def test_good_values_come_back_in_their_stored_form(field: str, value: Any, expected: Any) -> None:
    assert clean_layout_value(field, value) == expected


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("font_color", "white", "hex colour"),
        ("font_color", "#12345", "hex colour"),
        ("font_color", 123, "hex colour"),
        ("text_position", "upstairs", "top-left"),
        ("text_position", None, "top-left"),
        ("page_format", "tabloid", "square-storybook"),
        ("layout_mode", "collage", "full-page-overlay"),
        ("font_family", "", "Choose a font"),
        ("font_family", "x" * 51, "at most 50"),
        ("font_size", 15, "from 16 to 56"),
        ("font_size", 57, "from 16 to 56"),
        ("font_size", 20.5, "from 16 to 56"),
        ("font_size", True, "from 16 to 56"),
        ("font_size", "big", "from 16 to 56"),
        ("text_box_opacity", -0.01, "from 0 to 1"),
        ("text_box_opacity", 1.01, "from 0 to 1"),
        ("text_box_opacity", "nan", "from 0 to 1"),
        ("text_box_opacity", False, "from 0 to 1"),
        ("margin", 3, "Not a layout setting"),
    ],
)
def test_bad_values_say_what_is_allowed(field: str, value: Any, message: str) -> None:
    with pytest.raises(LayoutValueError, match=message):
        clean_layout_value(field, value)
