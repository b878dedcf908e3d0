"""The picture style samples the wizard shows: one per style, drawn by the offline painter."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

from stories import selectors
from stories.services.style_samples import SAMPLE_SIDE, style_sample_name, style_sample_url

pytestmark = pytest.mark.django_db


def test_every_offered_picture_style_has_a_committed_sample() -> None:
    styles = [
        item.item_value for item in selectors.dynamic_list_active_items(list_name="image_styles")
    ]

    assert styles
    missing = [style for style in styles if style_sample_url(style) is None]
    assert missing == []
    assert style_sample_url("Pixel Art") == "/static/img/styles/pixel-art.png"


def test_a_style_added_since_has_no_sample_rather_than_a_broken_one() -> None:
    assert style_sample_url("Crayon Scribbles") is None


def test_the_command_draws_each_style_the_same_way_every_time(tmp_path: Path) -> None:
    out = StringIO()

    call_command("draw_style_samples", "Cartoon", "Noir", folder=tmp_path / "a", stdout=out)
    call_command("draw_style_samples", "Cartoon", folder=tmp_path / "b", stdout=StringIO())

    cartoon = tmp_path / "a" / Path(style_sample_name("Cartoon")).name
    noir = tmp_path / "a" / Path(style_sample_name("Noir")).name
    assert out.getvalue().split() == [str(cartoon), str(noir)]
    with Image.open(cartoon) as picture:
        assert (picture.format, picture.size) == ("PNG", (SAMPLE_SIDE, SAMPLE_SIDE))
    assert cartoon.read_bytes() != noir.read_bytes()
    assert (tmp_path / "b" / cartoon.name).read_bytes() == cartoon.read_bytes()
