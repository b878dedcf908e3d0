"""The story the fake writes: a deterministic book that satisfies whatever JSON schema the
caller asked for, and the malformed variants a fault can swap in for it."""

from __future__ import annotations

import json
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MALFORMED_VARIANTS = (
    "not_json",
    "wrong_count",
    "empty_text",
    "refusal",
    "truncated",
    "unknown_character",
    "blank_pages",
)
_REFUSAL_TEXT = "I'm sorry, but I can't help with that request."
_ADJECTIVES = ("Brave", "Sleepy", "Curious", "Little", "Golden", "Whispering", "Wandering")
_NOUNS = ("Lantern", "Forest", "Dragon", "Moon", "Garden", "Kite", "Lighthouse", "Snail")
_PLACES = ("in the meadow", "by a quiet harbour", "in the old library", "on the hilltop")
_ACTIONS = ("found a map", "shared a picnic", "followed a firefly", "built a raft")


def _resolve(schema: Any, root: Mapping[str, Any]) -> dict[str, Any]:
    """Follow local ``$ref``s (pydantic puts nested models under ``$defs``)."""
    node: Any = schema
    for _ in range(32):
        if not isinstance(node, Mapping) or "$ref" not in node:
            break
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#"):
            break
        target: Any = root
        for part in ref.lstrip("#").strip("/").split("/"):
            if not part:
                continue
            part = part.replace("~1", "/").replace("~0", "~")
            target = target.get(part, {}) if isinstance(target, Mapping) else {}
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        node = {**target, **siblings} if isinstance(target, Mapping) else siblings
    return dict(node) if isinstance(node, Mapping) else {}


def _non_null(schema: Mapping[str, Any], root: Mapping[str, Any]) -> dict[str, Any]:
    """Pick the non-null branch of a nullable schema, so optional fields still get a value."""
    node = _resolve(schema, root)
    for combinator in ("anyOf", "oneOf"):
        branches = node.get(combinator)
        if isinstance(branches, list) and branches:
            resolved = [_resolve(branch, root) for branch in branches]
            chosen = next((b for b in resolved if b.get("type") != "null"), resolved[0])
            rest = {k: v for k, v in node.items() if k != combinator}
            node = {**rest, **chosen}
    types = node.get("type")
    if isinstance(types, list):
        node = {**node, "type": next((t for t in types if t != "null"), "null")}
    return node


def _array_bounds(schema: Mapping[str, Any], default: int) -> int:
    low, high = schema.get("minItems"), schema.get("maxItems")
    if isinstance(low, int):
        return low
    if isinstance(high, int):
        return high
    return default


def _generic(schema: Any, root: Mapping[str, Any], name: str, depth: int = 0) -> Any:
    """A valid value for any schema, for properties the story generator has no meaning for."""
    node = _non_null(schema, root)
    if "const" in node:
        return node["const"]
    enum = node.get("enum")
    if isinstance(enum, list) and enum:
        return enum[0]
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        if depth > 8:
            return {}
        props = node.get("properties") or {}
        return {key: _generic(value, root, key, depth + 1) for key, value in props.items()}
    if kind == "array":
        count = _array_bounds(node, 1)
        return [_generic(node.get("items", {}), root, name, depth + 1) for _ in range(count)]
    if kind == "integer":
        minimum = node.get("minimum")
        return minimum if isinstance(minimum, int) else 1
    if kind == "number":
        minimum = node.get("minimum")
        return minimum if isinstance(minimum, (int, float)) else 0.5
    if kind == "boolean":
        return False
    if kind == "null":
        return None
    text = f"{name.replace('_', ' ')} value"
    min_length = node.get("minLength")
    if isinstance(min_length, int) and len(text) < min_length:
        text = text.ljust(min_length, ".")
    return text


class _StoryWriter:
    """Writes a deterministic story that satisfies the story schema the caller sent."""

    def __init__(self, schema: Mapping[str, Any] | None, key: str) -> None:
        self.root: Mapping[str, Any] = schema or {}
        self.rng = random.Random(key)
        self.title = f"The {self.rng.choice(_ADJECTIVES)} {self.rng.choice(_NOUNS)}"
        top = _resolve(self.root, self.root)
        props = top.get("properties") if isinstance(top.get("properties"), Mapping) else None
        self.props: Mapping[str, Any] = props or {}
        pages_schema = _non_null(self.props.get("pages", {}), self.root)
        self.pages_schema = pages_schema
        self.page_schema = _non_null(pages_schema.get("items", {}), self.root)
        page_props = self.page_schema.get("properties")
        self.page_props: Mapping[str, Any] = page_props if isinstance(page_props, Mapping) else {}
        self.count = _array_bounds(pages_schema, 4) if schema else 4
        names_schema = _non_null(self.page_props.get("characters_in_scene", {}), self.root)
        self.names_schema = names_schema
        item = _non_null(names_schema.get("items", {}), self.root)
        enum = item.get("enum")
        self.names: list[str] = [str(n) for n in enum] if isinstance(enum, list) else []

    def story(self, *, count: int | None = None) -> dict[str, Any]:
        if self.root and not self.props:
            return _generic(self.root, self.root, "value")
        total = self.count if count is None else count
        result: dict[str, Any] = {}
        props = self.props or {"title": {}, "pages": {}}
        for name, prop in props.items():
            if name == "title":
                result[name] = self.title
            elif name == "pages":
                result[name] = [self.page(number) for number in range(total)]
            elif name == "text":
                # A reply with text but no pages: one page written again.
                result[name] = self.page_text()
            else:
                result[name] = _generic(prop, self.root, name)
        return result

    def page_text(self) -> str:
        action = self.rng.choice(_ACTIONS)
        place = self.rng.choice(_PLACES)
        return f"Once more, our friends {action} {place}, and the {self.title[4:]} smiled."

    def cast(self, number: int) -> list[str]:
        if not self.names:
            return []
        if number == 0:
            chosen = list(self.names)
        else:
            chosen = [self.names[(number - 1) % len(self.names)]]
            if number % 2 == 0 and len(self.names) > 1:
                other = self.names[number % len(self.names)]
                if other not in chosen:
                    chosen.append(other)
        high = self.names_schema.get("maxItems")
        if isinstance(high, int):
            chosen = chosen[:high]
        return chosen

    def page(self, number: int) -> dict[str, Any]:
        cast = self.cast(number)
        who = " and ".join(cast) if cast else "our friend"
        place = _PLACES[number % len(_PLACES)]
        action = _ACTIONS[number % len(_ACTIONS)]
        if number == 0:
            text = self.title
            description = f"Scene 0: cover illustration for {self.title}, {who} {place}."
        else:
            text = f"On page {number}, {who} {action} {place}."
            description = f"Scene {number}: {who} {action} {place}, warm storybook colours."
        props = self.page_props or {
            "page_number": {},
            "text": {},
            "image_description": {},
            "characters_in_scene": {},
        }
        page: dict[str, Any] = {}
        for name, prop in props.items():
            if name == "page_number":
                page[name] = number
            elif name == "text":
                page[name] = text
            elif name == "image_description":
                page[name] = description
            elif name == "characters_in_scene":
                page[name] = cast
            else:
                page[name] = _generic(prop, self.root, name)
        return page


@dataclass
class TextResult:
    """A written reply: its text, or a refusal; ``truncated`` when cut off mid-answer."""

    content: str | None
    refusal: str | None = None
    truncated: bool = False


def write_story(schema: Mapping[str, Any] | None, key: str, variant: str | None) -> TextResult:
    """The story for ``key``, or the malformed ``variant`` of it a fault asked for."""
    writer = _StoryWriter(schema, key)
    if variant is None:
        return TextResult(_json_text(writer.story()))
    if variant == "not_json":
        return TextResult(f"Once upon a time there was {writer.title}, told without any JSON.")
    if variant == "empty_text":
        return TextResult("")
    if variant == "refusal":
        return TextResult(None, refusal=_REFUSAL_TEXT)
    if variant == "wrong_count":
        count = writer.count - 1 if writer.count > 1 else writer.count + 1
        return TextResult(_json_text(writer.story(count=count)))
    if variant == "truncated":
        full = _json_text(writer.story())
        return TextResult(full[: max(1, len(full) // 2)], truncated=True)
    story = writer.story()
    pages = story.get("pages") if isinstance(story, dict) else None
    if isinstance(pages, list):
        for page in pages:
            if not isinstance(page, dict):
                continue
            if variant == "unknown_character" and "characters_in_scene" in page:
                page["characters_in_scene"] = [*page["characters_in_scene"], "Nobody Known"]
            elif variant == "blank_pages" and "text" in page:
                page["text"] = ""
    elif variant == "blank_pages" and isinstance(story, dict) and "text" in story:
        story["text"] = ""
    return TextResult(_json_text(story))


def _json_text(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False)
