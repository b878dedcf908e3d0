"""The effective layout of a page: story defaults, page overrides, and values kept valid."""

from __future__ import annotations

import pytest

from stories.layout import FONT_FAMILIES, FONT_SIZE_RANGE, page_layout
from stories.models import Story
from stories.tests.factories import PageFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_a_page_without_overrides_uses_the_story_settings() -> None:
    story = StoryFactory(
        page_format="landscape",
        layout_mode="vertical-split",
        font_family="modern",
        font_size=30,
        font_color="#112233",
        text_position="top-left",
        text_box_opacity=0.4,
    )
    layout = page_layout(story, PageFactory(story=story))
    assert layout.page_format == "landscape"
    assert layout.aspect_ratio == "11 / 8.5"
    assert layout.layout_mode == "vertical-split"
    assert layout.font_family == "modern"
    assert layout.font_stack == FONT_FAMILIES["modern"][1]
    assert layout.font_size == 30
    assert layout.font_color == "#112233"
    assert (layout.vertical, layout.horizontal) == ("top", "left")
    assert layout.text_box_opacity == pytest.approx(0.4)


def test_page_overrides_win_and_null_means_the_story_default() -> None:
    story = StoryFactory(font_size=28, font_color="#ffffff", text_position="bottom-center")
    page = PageFactory(
        story=story,
        font_size=40,
        font_color="#000000",
        font_family="dyslexia-friendly",
        text_box_opacity=0.0,
        text_position=None,
    )
    layout = page_layout(story, page)
    assert layout.font_size == 40
    assert layout.font_color == "#000000"
    assert layout.font_family == "dyslexia-friendly"
    assert layout.font_key == "dyslexia-friendly"
    # 0.0 is an override like any other, not "unset".
    assert layout.text_box_opacity == 0.0
    assert layout.text_position == "bottom-center"


def test_the_cover_before_it_is_written_uses_the_story_settings() -> None:
    story = StoryFactory(font_family="classic")
    assert page_layout(story, None).font_family == "classic"
    assert page_layout(story).font_family == "classic"


@pytest.mark.parametrize(
    ("page_format", "ratio"),
    [
        ("letter", "8.5 / 11"),
        ("a4", "210 / 297"),
        ("portrait", "8.5 / 11"),
        ("landscape", "11 / 8.5"),
        ("a4-landscape", "297 / 210"),
        ("square-storybook", "1 / 1"),
        ("tabloid", "8.5 / 11"),
    ],
)
def test_each_page_format_has_its_shape(page_format: str, ratio: str) -> None:
    story = StoryFactory(page_format=page_format)
    assert page_layout(story).aspect_ratio == ratio


def test_large_print_maps_to_a_class_name_without_spaces() -> None:
    story = StoryFactory(font_family="large print")
    layout = page_layout(story)
    assert layout.font_family == "large print"
    assert layout.font_key == "large-print"


def test_bad_stored_values_fall_back_instead_of_reaching_the_page() -> None:
    # Built, not saved: PostgreSQL would refuse some of these values outright, SQLite keeps
    # them; the layout must cope with whatever a row holds.
    story = StoryFactory.build(
        font_family="Comic Sans",
        font_color="red; background: url(x)",
        text_position="somewhere",
        layout_mode="collage",
        font_size=500,
        text_box_opacity=3.0,
    )
    layout = page_layout(story)
    assert layout.font_family == "storybook"
    assert layout.font_color == "#ffffff"
    assert layout.text_position == "bottom-center"
    assert layout.layout_mode == Story.LayoutMode.OVERLAY
    assert layout.font_size == FONT_SIZE_RANGE[1]
    assert layout.text_box_opacity == 1.0
    assert "url(" not in layout.css_variables


def test_short_hex_colours_and_legacy_positions_are_normalised() -> None:
    story = StoryFactory(font_color="#FA0", text_position="left")
    layout = page_layout(story)
    assert layout.font_color == "#ffaa00"
    assert layout.text_position == "middle-left"


def test_the_text_box_contrasts_with_the_text_colour() -> None:
    light_text = page_layout(StoryFactory(font_color="#ffffff", text_box_opacity=0.6))
    dark_text = page_layout(StoryFactory(font_color="#1a1a1a", text_box_opacity=0.25))
    assert light_text.panel_color == "#221d26"
    assert light_text.box_background == "rgb(34 29 38 / 0.60)"
    assert dark_text.panel_color == "#fdf8f0"
    assert dark_text.box_background == "rgb(253 248 240 / 0.25)"


def test_css_variables_carry_every_setting_the_page_needs() -> None:
    story = StoryFactory(page_format="a4", font_size=24, font_color="#334455")
    css = page_layout(story).css_variables
    assert "--page-aspect: 210 / 297;" in css
    assert "--page-ratio: 0.7071;" in css
    assert "--page-font-size: 24;" in css
    assert "--page-font-color: #334455;" in css
    assert "--page-font-family: " in css
    assert "--page-box-background: rgb(" in css


def test_large_print_is_never_smaller_than_its_minimum() -> None:
    from stories.layout import LARGE_PRINT_MIN_FONT_SIZE

    story = StoryFactory(font_family="large print", font_size=18)
    assert page_layout(story).font_size == LARGE_PRINT_MIN_FONT_SIZE
    page = PageFactory(story=story, font_size=12)
    assert page_layout(story, page).font_size == LARGE_PRINT_MIN_FONT_SIZE
    page.font_size = 60
    assert page_layout(story, page).font_size == 60
    # Other families keep the general minimum.
    story.font_family = "modern"
    assert page_layout(story, page).font_size == 60
    page.font_size = 12
    assert page_layout(story, page).font_size == 12
