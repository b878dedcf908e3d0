"""The image endpoints: ``images/generations`` and ``images/edits``, their size parameter,
the moderation_blocked refusal, and the usage a real gpt-image model would bill."""

from __future__ import annotations

import base64
import time
from typing import Any

from storygen.testing.fake_openai.pictures import (
    FORMATS,
    PictureMode,
    png_with_text,
    small_picture,
    textured_picture,
)
from storygen.testing.fake_openai.wire import (
    BadRequest,
    Exchange,
    Reply,
    error_reply,
    json_bytes,
    tokens,
)

DEFAULT_SIZE = (1024, 1024)
_BLOCKED_MESSAGE = "Your request was rejected as a result of our safety system."


def parse_size(raw: Any) -> tuple[int, int]:
    if raw in (None, "", "auto"):
        return DEFAULT_SIZE
    if not isinstance(raw, str) or "x" not in raw:
        raise BadRequest(f"Invalid size {raw!r}.", param="size", code="invalid_value")
    width, _, height = raw.partition("x")
    try:
        w, h = int(width), int(height)
    except ValueError:
        raise BadRequest(f"Invalid size {raw!r}.", param="size", code="invalid_value") from None
    if not (16 <= w <= 4096 and 16 <= h <= 4096):
        raise BadRequest(f"Invalid size {raw!r}.", param="size", code="invalid_value")
    return w, h


def blocked_reply() -> Reply:
    """What the real API answers when its safety system refuses an image prompt."""
    return error_reply(
        400,
        _BLOCKED_MESSAGE,
        "image_generation_user_error",
        code="moderation_blocked",
    )


def image_reply(exchange: Exchange, payload: dict[str, Any], mode: PictureMode) -> Reply:
    """A generation or edit answered with ``n`` pictures painted in ``mode``."""
    width, height = parse_size(payload.get("size"))
    fmt = str(payload.get("output_format") or "png").lower()
    if fmt not in FORMATS:
        fmt = "png"
    try:
        count = max(1, min(10, int(payload.get("n") or 1)))
    except (TypeError, ValueError):
        raise BadRequest("'n' must be an integer.", param="n") from None
    quality = str(payload.get("quality") or "auto")
    pictures: list[str] = []
    for index in range(count):
        if mode == "small":
            data = small_picture(width, height, fmt, exchange.key)
        else:
            data = textured_picture(width, height, fmt)
        if fmt == "png":
            data = png_with_text(data, "fake-openai", f"{exchange.key}-{index}")
        pictures.append(base64.b64encode(data).decode("ascii"))
    per_megapixel = {"low": 272, "high": 4160}.get(quality, 1056)
    output_tokens = max(1, round(per_megapixel * width * height / 1024**2)) * count
    text_tokens = tokens(exchange.prompt)
    image_tokens = 323 * exchange.references
    input_tokens = text_tokens + image_tokens
    meta = {
        "created": int(time.time()),
        "output_format": fmt,
        "quality": quality if quality in ("low", "medium", "high") else "medium",
        "size": f"{width}x{height}",
        "background": "opaque",
        "usage": {
            "input_tokens": input_tokens,
            "input_tokens_details": {"text_tokens": text_tokens, "image_tokens": image_tokens},
            "output_tokens": output_tokens,
            "output_tokens_details": {"text_tokens": 0, "image_tokens": output_tokens},
            "total_tokens": input_tokens + output_tokens,
        },
    }
    # Base64 needs no JSON escaping, so splice the pictures in rather than letting
    # json.dumps scan megabytes of text on every call.
    data_json = ",".join(f'{{"b64_json":"{b64}"}}' for b64 in pictures)
    head = json_bytes(meta)[:-1]
    body = head + b',"data":[' + data_json.encode("ascii") + b"]}"
    return Reply(200, body)
