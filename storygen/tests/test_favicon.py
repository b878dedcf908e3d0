"""/favicon.ico: the site icon where browsers look for it without being told."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from PIL import Image

pytestmark = pytest.mark.django_db


def test_the_site_icon_is_served_where_browsers_look_for_it(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "max-age=86400" in response["Cache-Control"]
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32)} <= icon.info["sizes"]


def test_the_site_icon_is_the_book_the_pages_show(client: Client) -> None:
    response = client.get("/favicon.ico")
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
    icon = icon.convert("RGB")
    # The orange tile of static/img/favicon.svg around a cream open book.
    assert icon.getpixel((icon.width // 2, 3)) == pytest.approx((0xE9, 0x77, 0x4F), abs=12)
    book = icon.getpixel((icon.width // 3, icon.height // 2))
    assert book == pytest.approx((0xFF, 0xF8, 0xEE), abs=16)


def test_the_site_icon_answers_reads_only(client: Client) -> None:
    assert client.head("/favicon.ico").status_code == 200
    assert client.post("/favicon.ico").status_code == 405
