"""The text endpoints: ``chat/completions`` and ``responses``, each wrapping the written
story (or its malformed variant) in that endpoint's reply and usage shape."""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from typing import Any

from storygen.testing.fake_openai.stories import write_story
from storygen.testing.fake_openai.wire import Exchange, Reply, json_bytes, tokens


def text_reply(
    exchange: Exchange, path: str, payload: dict[str, Any], variant: str | None
) -> Reply:
    """Answer a text request at ``path``; ``variant`` names a malformed reply, or is None."""
    if path.endswith("/chat/completions"):
        return _chat(exchange, payload, variant)
    return _responses(exchange, payload, variant)


def _chat(exchange: Exchange, payload: dict[str, Any], variant: str | None) -> Reply:
    schema = _chat_schema(payload.get("response_format"))
    result = write_story(schema, exchange.key, variant)
    completion_tokens = tokens(result.content or result.refusal or "")
    prompt_tokens = tokens(exchange.prompt)
    finish = "length" if result.truncated else "stop"
    body = {
        "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": exchange.model or "gpt-4.1-mini",
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": result.content,
                    "refusal": result.refusal,
                    "annotations": [],
                },
                "logprobs": None,
                "finish_reason": finish,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
        "service_tier": "default",
        "system_fingerprint": "fp_fake",
    }
    return Reply(200, json_bytes(body))


def _responses(exchange: Exchange, payload: dict[str, Any], variant: str | None) -> Reply:
    text_config = payload.get("text") if isinstance(payload.get("text"), Mapping) else None
    schema = _responses_schema(text_config)
    result = write_story(schema, exchange.key, variant)
    if result.refusal is not None:
        part: dict[str, Any] = {"type": "refusal", "refusal": result.refusal}
    else:
        part = {
            "type": "output_text",
            "text": result.content or "",
            "annotations": [],
            "logprobs": [],
        }
    input_tokens = tokens(exchange.prompt)
    output_tokens = tokens(result.content or result.refusal or "")
    now = int(time.time())
    body = {
        "id": f"resp_{uuid.uuid4().hex}",
        "object": "response",
        "created_at": now,
        "completed_at": None if result.truncated else now,
        "status": "incomplete" if result.truncated else "completed",
        "incomplete_details": {"reason": "max_output_tokens"} if result.truncated else None,
        "error": None,
        "model": exchange.model or "gpt-4.1-mini",
        "instructions": payload.get("instructions"),
        "output": [
            {
                "id": f"msg_{uuid.uuid4().hex}",
                "type": "message",
                "role": "assistant",
                "status": "incomplete" if result.truncated else "completed",
                "content": [part],
            }
        ],
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
        "temperature": 1.0,
        "top_p": 1.0,
        "text": dict(text_config) if text_config else {"format": {"type": "text"}},
        "usage": {
            "input_tokens": input_tokens,
            "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
            "output_tokens": output_tokens,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": input_tokens + output_tokens,
        },
    }
    return Reply(200, json_bytes(body))


def _chat_schema(response_format: Any) -> dict[str, Any] | None:
    if isinstance(response_format, Mapping) and response_format.get("type") == "json_schema":
        spec = response_format.get("json_schema")
        if isinstance(spec, Mapping) and isinstance(spec.get("schema"), Mapping):
            return dict(spec["schema"])
    return None


def _responses_schema(text_config: Mapping[str, Any] | None) -> dict[str, Any] | None:
    fmt = text_config.get("format") if text_config else None
    if isinstance(fmt, Mapping) and fmt.get("type") == "json_schema":
        schema = fmt.get("schema")
        if isinstance(schema, Mapping):
            return dict(schema)
    return None
