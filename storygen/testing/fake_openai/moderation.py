"""The ``moderations`` endpoint: category scores for text and pictures, the flags a test
scripts with ``flag_moderation``, and the checks on image inputs the real API makes."""

from __future__ import annotations

import base64
import hashlib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storygen.testing.fake_openai.wire import BadRequest, Exchange, Reply, json_bytes, text_of

MODERATION_CATEGORIES = (
    "harassment",
    "harassment/threatening",
    "hate",
    "hate/threatening",
    "illicit",
    "illicit/violent",
    "self-harm",
    "self-harm/instructions",
    "self-harm/intent",
    "sexual",
    "sexual/minors",
    "violence",
    "violence/graphic",
)
# Only these categories are scored on images by the real moderation model.
_IMAGE_CATEGORIES = frozenset(
    {
        "self-harm",
        "self-harm/instructions",
        "self-harm/intent",
        "sexual",
        "violence",
        "violence/graphic",
    }
)
_PYTHON_CATEGORY_NAMES = {
    name.replace("/", "_").replace("-", "_"): name for name in MODERATION_CATEGORIES
}


@dataclass(frozen=True)
class ModerationFlag:
    """Inputs containing ``match`` are flagged in ``categories`` with ``score``."""

    match: str
    categories: tuple[str, ...]
    score: float
    pictures_only: bool = False


def moderation_flag(
    match: str, categories: Sequence[str], *, score: float, pictures_only: bool
) -> ModerationFlag:
    """A flag from API or SDK-attribute category names, refused if the model could not raise it."""
    if not match:
        raise ValueError("match must be a non-empty string")
    if isinstance(categories, str):
        categories = (categories,)
    names = []
    for category in categories:
        name = _PYTHON_CATEGORY_NAMES.get(category, category)
        if name not in MODERATION_CATEGORIES:
            raise ValueError(f"unknown moderation category {category!r}")
        if pictures_only and name not in _IMAGE_CATEGORIES:
            raise ValueError(f"{category!r} is not scored on images")
        names.append(name)
    return ModerationFlag(match, tuple(names), float(score), pictures_only=pictures_only)


def moderation_images(raw: Any) -> int:
    """How many pictures a moderation input carries; each must be an image data URL (or
    an http(s) URL, which the fake takes on trust)."""
    if not isinstance(raw, list):
        return 0
    count = 0
    for part in raw:
        if not (isinstance(part, Mapping) and part.get("type") == "image_url"):
            continue
        url = (
            part.get("image_url", {}).get("url")
            if isinstance(part.get("image_url"), Mapping)
            else None
        )
        if not isinstance(url, str):
            raise BadRequest("'image_url.url' is required.", param="input")
        if url.startswith("data:"):
            header, _, data = url.partition(",")
            if not header.startswith("data:image/") or not header.endswith(";base64"):
                raise BadRequest("Invalid image data URL.", param="input")
            try:
                base64.b64decode(data, validate=True)
            except ValueError:
                raise BadRequest("Invalid base64 image data.", param="input") from None
        elif not url.startswith(("http://", "https://")):
            raise BadRequest("Invalid image URL.", param="input")
        count += 1
    return count


def moderation_reply(
    exchange: Exchange, payload: dict[str, Any], flags: Sequence[ModerationFlag]
) -> Reply:
    """One result per text of a list of strings, or one for a mixed text-and-image input."""
    raw = payload["input"]
    items: list[tuple[str, bool]]
    if isinstance(raw, list) and raw and all(isinstance(i, str) for i in raw):
        items = [(text, False) for text in raw]
    elif isinstance(raw, list):
        has_image = any(isinstance(i, Mapping) and i.get("type") == "image_url" for i in raw)
        items = [("\n".join(text_of(raw)), has_image)]
    else:
        items = [(str(raw), False)]
    results = [_moderation_result(text, has_image, flags) for text, has_image in items]
    body = {
        "id": f"modr-{uuid.uuid4().hex[:24]}",
        "model": exchange.model or "omni-moderation-latest",
        "results": results,
    }
    return Reply(200, json_bytes(body))


def _moderation_result(
    text: str, has_image: bool, flags: Sequence[ModerationFlag]
) -> dict[str, Any]:
    seed = hashlib.sha256(text.encode()).digest()
    scores = {
        name: round(1e-6 + seed[index] / 255 * 1e-3, 8)
        for index, name in enumerate(MODERATION_CATEGORIES)
    }
    flagged_categories: set[str] = set()
    for flag in flags:
        if flag.match in text and (has_image or not flag.pictures_only):
            for category in flag.categories:
                flagged_categories.add(category)
                scores[category] = max(scores[category], flag.score)
    applied = {
        name: ["text", "image"] if has_image and name in _IMAGE_CATEGORIES else ["text"]
        for name in MODERATION_CATEGORIES
    }
    return {
        "flagged": bool(flagged_categories),
        "categories": {name: name in flagged_categories for name in MODERATION_CATEGORIES},
        "category_scores": scores,
        "category_applied_input_types": applied,
    }
