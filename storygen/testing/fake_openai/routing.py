"""Reading a /v1 request: which endpoint it is for, whether its key is accepted, its JSON or
multipart body, and the model, prompt, size and pictures it names."""

from __future__ import annotations

import email.parser
import email.policy
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

from storygen.testing.fake_openai.images import parse_size
from storygen.testing.fake_openai.moderation import moderation_images
from storygen.testing.fake_openai.wire import BadRequest, Exchange, Reply, error_reply, text_of

_ROUTES = {
    "/v1/chat/completions": "text",
    "/v1/responses": "text",
    "/v1/images/generations": "image",
    "/v1/images/edits": "edit",
    "/v1/moderations": "moderation",
    "/v1/audio/speech": "speech",
    "/v1/models": "models",
}


def route_kind(method: str, path: str) -> str:
    """The request kind a method and path make, or ``"other"`` for anything unknown."""
    kind = _ROUTES.get(path.rstrip("/"))
    if kind is None and path.startswith("/v1/models/"):
        kind = "models"
    if kind is None:
        return "other"
    expected = "GET" if kind == "models" else "POST"
    return kind if method == expected else "other"


def unrouted_reply(method: str, path: str) -> Reply:
    """405 for a known path asked with the wrong method, 404 for an unknown path."""
    known = route_kind("POST", path) != "other" or route_kind("GET", path) != "other"
    if known:
        return error_reply(405, f"Method {method} not allowed on {path}.", "invalid_request_error")
    return error_reply(
        404,
        f"Invalid URL ({method} {path})",
        "invalid_request_error",
        code="unknown_url",
    )


def unauthorised_reply(headers: Mapping[str, str], api_key: str | None) -> Reply | None:
    """The 401 the real API sends without a bearer key (or with the wrong one), else None."""
    auth = headers.get("authorization") or ""
    scheme, _, token = auth.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return error_reply(
            401,
            "You didn't provide an API key. You need to provide your API key in an "
            "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
            "invalid_request_error",
        )
    if api_key is not None and token != api_key:
        return error_reply(
            401,
            "Incorrect API key provided",
            "invalid_request_error",
            code="invalid_api_key",
        )
    return None


def parse_payload(kind: str, headers: Mapping[str, str], body: bytes) -> dict[str, Any]:
    """The request's fields, from a JSON object or a multipart form."""
    if kind == "models":
        return {}
    content_type = headers.get("content-type") or ""
    if content_type.lower().startswith("multipart/form-data"):
        return _parse_multipart(content_type, body)
    try:
        payload = json.loads(body or b"{}")
    except ValueError:
        raise BadRequest("We could not parse the JSON body of your request.") from None
    if not isinstance(payload, dict):
        raise BadRequest("The request body must be a JSON object.")
    return payload


def _parse_multipart(content_type: str, body: bytes) -> dict[str, Any]:
    """Form fields as strings; files named image / image[] / image[N] collected in ``_images``."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():
        raise BadRequest("Could not parse the multipart form body.")
    fields: dict[str, Any] = {}
    images: list[bytes] = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        raw = part.get_payload(decode=True)
        data = raw if isinstance(raw, bytes) else b""
        base = name.split("[", 1)[0]
        if base == "image":
            images.append(data)
        elif part.get_filename() is None:
            fields[name] = data.decode("utf-8", errors="replace")
        else:
            fields[f"_file_{name}"] = data
    fields["_images"] = images
    return fields


def describe(exchange: Exchange, path: str, payload: dict[str, Any]) -> None:
    """Fill in model, prompt, size and references, validating what the kind requires."""
    model = payload.get("model")
    exchange.model = str(model) if isinstance(model, (str, int)) else None
    kind = exchange.kind
    if kind == "text":
        if payload.get("stream"):
            raise BadRequest("Streaming is not supported by this server.", param="stream")
        if path.endswith("/chat/completions"):
            messages = payload.get("messages")
            if not isinstance(messages, list) or not messages:
                raise BadRequest("'messages' is required.", param="messages")
            parts = [
                t for m in messages if isinstance(m, Mapping) for t in text_of(m.get("content"))
            ]
        else:
            if "input" not in payload:
                raise BadRequest("'input' is required.", param="input")
            instructions = payload.get("instructions")
            parts = [instructions] if isinstance(instructions, str) else []
            parts.extend(text_of(payload["input"]))
        exchange.prompt = "\n".join(parts)
    elif kind in ("image", "edit"):
        prompt = payload.get("prompt")
        if not isinstance(prompt, str) or not prompt:
            raise BadRequest("'prompt' is required.", param="prompt")
        exchange.prompt = prompt
        width, height = parse_size(payload.get("size"))
        exchange.size = f"{width}x{height}"
        if kind == "edit":
            exchange.references = len(payload.get("_images", []))
            if exchange.references == 0:
                raise BadRequest("'image' is required.", param="image")
    elif kind == "moderation":
        if "input" not in payload:
            raise BadRequest("'input' is required.", param="input")
        exchange.prompt = "\n".join(text_of(payload["input"]))
        exchange.references = moderation_images(payload["input"])
        exchange.model = exchange.model or "omni-moderation-latest"
    elif kind == "speech":
        text = payload.get("input")
        if not isinstance(text, str):
            raise BadRequest("'input' is required.", param="input")
        exchange.prompt = text
    elif kind == "models" and path.rstrip("/") != "/v1/models":
        exchange.model = unquote(path[len("/v1/models/") :])
