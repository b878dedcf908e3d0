"""The one way our pages show a private picture without a signed-in request: its signed
address (storygen.signed_media), e.g. ``<img src="{% signed_picture_url sheet 'thumbnail' %}">``."""

from __future__ import annotations

from typing import Any

from django import template

from storygen.signed_media import signed_picture_url as _signed_picture_url

register = template.Library()


@register.simple_tag
def signed_picture_url(picture: Any, variant: str) -> str:
    """The signed URL of one variant of ``picture``; "" when there is no such picture."""
    return _signed_picture_url(picture, variant) or ""
