"""The shapes every endpoint of the fake shares: a request's description, a reply, the
OpenAI error body, and small readers for prompts, sizes and token counts."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

# Request kinds, as latencies, faults and the call log name them.
KINDS = ("text", "image", "edit", "moderation", "speech", "models")


@dataclass
class Reply:
    """An answer to send, or the hang or reset to stage instead, after ``delay`` seconds."""

    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    action: Literal["respond", "hang", "reset"] = "respond"
    delay: float = 0.0


@dataclass
class Exchange:
    """What one /v1 request turned out to be, filled in while it is processed."""

    kind: str
    path: str
    model: str | None = None
    prompt: str = ""
    size: str | None = None
    references: int = 0
    key: str = ""
    fault: str | None = None
    latency: float = 0.0


class BadRequest(Exception):
    """A request the real API would answer with 400 invalid_request_error."""

    def __init__(self, message: str, *, param: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.param = param
        self.code = code


def json_bytes(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def error_reply(
    status: int,
    message: str,
    error_type: str,
    *,
    param: str | None = None,
    code: str | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    body = json_bytes(
        {"error": {"message": message, "type": error_type, "param": param, "code": code}}
    )
    return Reply(status, body, headers=headers or {})


def bad_request_reply(exc: BadRequest) -> Reply:
    return error_reply(400, exc.message, "invalid_request_error", param=exc.param, code=exc.code)


def request_key(kind: str, prompt: str) -> str:
    return hashlib.sha256(f"{kind}\n{prompt}".encode()).hexdigest()[:16]


def header_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def tokens(text: str) -> int:
    # Roughly four characters per token, like the models' own tokenisers on English prose.
    return max(1, len(text) // 4)


def text_of(content: Any) -> Iterator[str]:
    """Yield every text fragment in a message content (a string or a list of parts)."""
    if isinstance(content, str):
        yield content
    elif isinstance(content, list):
        for part in content:
            if isinstance(part, str):
                yield part
            elif isinstance(part, Mapping):
                text = part.get("text")
                if isinstance(text, str):
                    yield text
                elif "content" in part:
                    yield from text_of(part["content"])
