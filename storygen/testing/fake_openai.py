"""A local OpenAI-compatible server with scripted latency and faults, for tests and benchmarks."""

from __future__ import annotations

import argparse
import base64
import contextlib
import email.parser
import email.policy
import hashlib
import io
import json
import logging
import math
import random
import select
import signal
import socket
import struct
import sys
import threading
import time
import uuid
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote

from PIL import Image, ImageChops, ImageDraw

logger = logging.getLogger(__name__)

__all__ = [
    "MALFORMED_VARIANTS",
    "MODERATION_CATEGORIES",
    "Call",
    "FakeOpenAI",
    "Fault",
    "main",
]

PictureMode = Literal["textured", "small"]
FaultMode = Literal["error", "hang", "reset", "malformed"]

KINDS = ("text", "image", "edit", "moderation", "speech", "models")
FAULT_KINDS = (*KINDS, "*")
PICTURE_MODES: tuple[str, ...] = ("textured", "small")
MALFORMED_VARIANTS = (
    "not_json",
    "wrong_count",
    "empty_text",
    "refusal",
    "truncated",
    "unknown_character",
    "blank_pages",
)
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
DEFAULT_MODELS: tuple[dict[str, Any], ...] = (
    {"id": "gpt-4.1-mini", "created": 1744316542, "owned_by": "system", "shutdown_date": None},
    {"id": "gpt-4o-mini", "created": 1721172741, "owned_by": "system", "shutdown_date": None},
    {"id": "gpt-image-1", "created": 1745517030, "owned_by": "system", "shutdown_date": None},
    {"id": "gpt-image-1-mini", "created": 1758845821, "owned_by": "system", "shutdown_date": None},
    {
        "id": "omni-moderation-latest",
        "created": 1731689265,
        "owned_by": "system",
        "shutdown_date": None,
    },
    {"id": "gpt-4o-mini-tts", "created": 1742403959, "owned_by": "system", "shutdown_date": None},
)

DEFAULT_SIZE = (1024, 1024)
SMALL_SIDE = 128
MAX_BODY_BYTES = 64 * 1024 * 1024
# Idle keep-alive connections are dropped after this long so long benchmarks don't pile up
# handler threads; the SDK transparently reconnects.
IDLE_TIMEOUT = 120.0
# How often a waiting handler checks whether its client has hung up.
POLL_INTERVAL = 0.05

_BLOCKED_MESSAGE = "Your request was rejected as a result of our safety system."
_REFUSAL_TEXT = "I'm sorry, but I can't help with that request."
_ADJECTIVES = ("Brave", "Sleepy", "Curious", "Little", "Golden", "Whispering", "Wandering")
_NOUNS = ("Lantern", "Forest", "Dragon", "Moon", "Garden", "Kite", "Lighthouse", "Snail")
_PLACES = ("in the meadow", "by a quiet harbour", "in the old library", "on the hilltop")
_ACTIONS = ("found a map", "shared a picnic", "followed a firefly", "built a raft")
_PYTHON_CATEGORY_NAMES = {
    name.replace("/", "_").replace("-", "_"): name for name in MODERATION_CATEGORIES
}


# --------------------------------------------------------------------------------------------
# Public records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One request the fake answered (or deliberately did not answer).

    ``references`` counts the images sent with an edit, or with a moderation input.
    ``latency`` is the simulated delay the server chose (seconds, jitter included); ``fault``
    names what was injected ("error:429", "hang", "reset", "malformed:not_json", "blocked",
    "auth"), or is None.
    """

    kind: str
    path: str
    model: str | None
    status: int
    started: float
    ended: float
    key: str
    prompt: str
    size: str | None
    references: int
    started_at: float = 0.0
    ended_at: float = 0.0
    request_id: str = ""
    fault: str | None = None
    latency: float = 0.0

    @property
    def duration(self) -> float:
        """Seconds between the request being read and the answer being sent."""
        return self.ended - self.started


@dataclass
class Fault:
    """A scripted failure; ``hits`` counts the requests it has hit so far."""

    kind: str
    status: int
    mode: FaultMode
    times: int | None
    until: float | None
    retry_after: float | None
    retry_after_ms: float | None
    code: str | None
    error_type: str
    message: str
    match: str | None
    variant: str
    should_retry: bool | None
    delay: float
    hits: int = 0

    def applies_to(self, kind: str, prompt: str, now: float) -> bool:
        if self.times is not None and self.hits >= self.times:
            return False
        if self.until is not None and now >= self.until:
            return False
        if self.mode == "malformed" and kind != "text":
            return False
        if self.kind not in ("*", kind) and not (self.kind == "image" and kind == "edit"):
            return False
        return self.match is None or self.match in prompt

    def spent(self, now: float) -> bool:
        if self.times is not None and self.hits >= self.times:
            return True
        return self.until is not None and now >= self.until

    @property
    def label(self) -> str:
        if self.mode == "error":
            return f"error:{self.status}"
        if self.mode == "malformed":
            return f"malformed:{self.variant}"
        return self.mode


@dataclass(frozen=True)
class _ModerationFlag:
    match: str
    categories: tuple[str, ...]
    score: float
    pictures_only: bool = False


@dataclass
class _Reply:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    action: Literal["respond", "hang", "reset"] = "respond"
    delay: float = 0.0


@dataclass
class _Exchange:
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


class _BadRequest(Exception):
    def __init__(self, message: str, *, param: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.param = param
        self.code = code


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _json_bytes(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def _error_body(
    message: str, error_type: str, *, param: str | None = None, code: str | None = None
) -> bytes:
    return _json_bytes(
        {"error": {"message": message, "type": error_type, "param": param, "code": code}}
    )


def _error_reply(
    status: int,
    message: str,
    error_type: str,
    *,
    param: str | None = None,
    code: str | None = None,
    headers: dict[str, str] | None = None,
) -> _Reply:
    body = _error_body(message, error_type, param=param, code=code)
    return _Reply(status, body, headers=headers or {})


def _request_key(kind: str, prompt: str) -> str:
    return hashlib.sha256(f"{kind}\n{prompt}".encode()).hexdigest()[:16]


def _header_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _tokens(text: str) -> int:
    # Roughly four characters per token, like the models' own tokenisers on English prose.
    return max(1, len(text) // 4)


def _text_of(content: Any) -> Iterator[str]:
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
                    yield from _text_of(part["content"])


def _parse_size(raw: Any) -> tuple[int, int]:
    if raw in (None, "", "auto"):
        return DEFAULT_SIZE
    if not isinstance(raw, str) or "x" not in raw:
        raise _BadRequest(f"Invalid size {raw!r}.", param="size", code="invalid_value")
    width, _, height = raw.partition("x")
    try:
        w, h = int(width), int(height)
    except ValueError:
        raise _BadRequest(f"Invalid size {raw!r}.", param="size", code="invalid_value") from None
    if not (16 <= w <= 4096 and 16 <= h <= 4096):
        raise _BadRequest(f"Invalid size {raw!r}.", param="size", code="invalid_value")
    return w, h


# --------------------------------------------------------------------------------------------
# Pictures
# --------------------------------------------------------------------------------------------

_picture_cache: dict[tuple[int, int, str], bytes] = {}
_picture_lock = threading.Lock()
_FORMATS = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}
# Uniform noise of this many levels per channel makes a 1024x1024 PNG weigh about 1.5 MB,
# the size of a real generated illustration, so transfer and storage costs are realistic.
_NOISE_LEVELS = 8


def _textured_image(width: int, height: int) -> Image.Image:
    rng = random.Random(f"{width}x{height}")
    gradient = Image.linear_gradient("L").resize((width, height))
    red = gradient.point(lambda v: 90 + v * 0.5)
    green = gradient.point(lambda v: 150 + v * 0.3)
    blue = gradient.point(lambda v: 230 - v * 0.4)
    img = Image.merge("RGB", (red, green, blue))
    draw = ImageDraw.Draw(img)
    draw.ellipse(
        (width * 0.7, height * 0.08, width * 0.88, height * 0.08 + width * 0.18),
        fill=(250, 220, 120),
    )
    draw.ellipse((-width * 0.3, height * 0.6, width * 0.7, height * 1.4), fill=(90, 160, 80))
    draw.ellipse((width * 0.3, height * 0.65, width * 1.3, height * 1.5), fill=(70, 140, 70))
    noise = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    noise = noise.point(lambda v: v % _NOISE_LEVELS)
    return ImageChops.add(img, noise, 1.0, -(_NOISE_LEVELS // 2))


def _encode(img: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "png":
        img.save(buffer, "PNG")
    else:
        img.save(buffer, _FORMATS[fmt], quality=90)
    return buffer.getvalue()


def _textured_picture(width: int, height: int, fmt: str) -> bytes:
    cache_key = (width, height, fmt)
    with _picture_lock:
        cached = _picture_cache.get(cache_key)
        if cached is None:
            started = time.monotonic()
            cached = _encode(_textured_image(width, height), fmt)
            _picture_cache[cache_key] = cached
            logger.debug(
                "generated %dx%d %s texture (%d bytes) in %.2fs",
                width,
                height,
                fmt,
                len(cached),
                time.monotonic() - started,
            )
        return cached


def _small_picture(width: int, height: int, fmt: str, key: str) -> bytes:
    scale = min(1.0, SMALL_SIDE / max(width, height))
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    digest = bytes.fromhex(key.ljust(12, "0")[:12])
    img = Image.new("RGB", size, (digest[0], digest[1], digest[2]))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, size[0] // 2, size[1] // 2), fill=(digest[3], digest[4], digest[5]))
    return _encode(img, fmt)


def _png_with_text(png: bytes, keyword: str, text: str) -> bytes:
    """Insert a tEXt chunk after IHDR, so cached pixels still give each call distinct bytes."""
    ihdr_end = 8 + 4 + 4 + 13 + 4
    data = keyword.encode("latin-1") + b"\x00" + text.encode("latin-1")
    chunk = b"tEXt" + data
    packed = struct.pack(">I", len(data)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return png[:ihdr_end] + packed + png[ihdr_end:]


# --------------------------------------------------------------------------------------------
# Stories
# --------------------------------------------------------------------------------------------


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
class _TextResult:
    content: str | None
    refusal: str | None = None
    truncated: bool = False


def _write_story(schema: Mapping[str, Any] | None, key: str, variant: str | None) -> _TextResult:
    writer = _StoryWriter(schema, key)
    if variant is None:
        return _TextResult(_json_text(writer.story()))
    if variant == "not_json":
        return _TextResult(f"Once upon a time there was {writer.title}, told without any JSON.")
    if variant == "empty_text":
        return _TextResult("")
    if variant == "refusal":
        return _TextResult(None, refusal=_REFUSAL_TEXT)
    if variant == "wrong_count":
        count = writer.count - 1 if writer.count > 1 else writer.count + 1
        return _TextResult(_json_text(writer.story(count=count)))
    if variant == "truncated":
        full = _json_text(writer.story())
        return _TextResult(full[: max(1, len(full) // 2)], truncated=True)
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
    return _TextResult(_json_text(story))


def _json_text(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False)


# --------------------------------------------------------------------------------------------
# HTTP plumbing
# --------------------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Hung requests must not make server_close() wait for their threads.
    block_on_close = False
    # Benchmarks open 50+ connections at once; the default backlog of 5 drops SYNs and
    # turns a burst into one-second connect retries.
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], fake: FakeOpenAI) -> None:
        self.fake = fake
        super().__init__(address, _Handler)

    def shutdown_request(self, request: Any) -> None:
        if self.fake._take_reset(request):
            # No FIN first: closing with SO_LINGER 0 sends a bare RST, like a crashed proxy.
            self.close_request(request)
            return
        super().shutdown_request(request)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeOpenAI/1.0"
    sys_version = ""
    timeout = IDLE_TIMEOUT
    # Headers and body go out in separate writes; without this Nagle + delayed ACK can add
    # ~40 ms to every response.
    disable_nagle_algorithm = True
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.server.fake._track(self.connection)

    def finish(self) -> None:
        try:
            with contextlib.suppress(OSError):
                super().finish()
        finally:
            self.server.fake._untrack(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_PATCH(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            total = 0
            while True:
                line = self.rfile.readline(65537)
                size = int(line.split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    # Trailers, if any, end with an empty line.
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass
                    break
                total += size
                if total > MAX_BODY_BYTES:
                    raise _BadRequest("Request body too large.")
                chunks.append(self.rfile.read(size))
                self.rfile.readline(65537)
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            raise _BadRequest("Request body too large.")
        return self.rfile.read(length) if length > 0 else b""

    def _dispatch(self) -> None:
        fake = self.server.fake
        request_id = f"req_{uuid.uuid4().hex}"
        path = self.path.split("?", 1)[0]
        try:
            body = self._read_body()
        except (_BadRequest, ValueError) as exc:
            self.close_connection = True
            message = exc.message if isinstance(exc, _BadRequest) else "Malformed request body."
            self._send(_error_reply(400, message, "invalid_request_error"), request_id)
            return
        if not path.startswith("/v1/"):
            self._send(fake._internal(self.command, path, body), request_id)
            return
        exchange = _Exchange(kind=_route_kind(self.command, path), path=path)
        started, started_at = time.monotonic(), time.time()
        fake._enter(exchange.kind)
        finished = False

        def finish(status: int) -> None:
            # Runs before the answer goes out, so a client that has its response already
            # finds the call in the log and the in-flight count lowered.
            nonlocal finished
            if finished:
                return
            finished = True
            fake._leave(exchange.kind)
            fake._record(
                Call(
                    kind=exchange.kind,
                    path=path,
                    model=exchange.model,
                    status=status,
                    started=started,
                    ended=time.monotonic(),
                    key=exchange.key,
                    prompt=exchange.prompt,
                    size=exchange.size,
                    references=exchange.references,
                    started_at=started_at,
                    ended_at=time.time(),
                    request_id=request_id,
                    fault=exchange.fault,
                    latency=exchange.latency,
                )
            )

        try:
            try:
                headers = {name.lower(): value for name, value in self.headers.items()}
                reply = fake._process(self.command, path, headers, body, exchange)
            except Exception:
                logger.exception("fake OpenAI failed on %s %s", self.command, path)
                reply = _error_reply(500, "The fake server failed on this request.", "server_error")
            exchange.latency = reply.delay
            self._deliver(reply, request_id, finish)
        finally:
            finish(0)

    def _deliver(self, reply: _Reply, request_id: str, finish: Callable[[int], None]) -> None:
        """Wait, then answer, hang or reset as the reply says; ``finish`` gets the status."""
        fake = self.server.fake
        if reply.action == "hang":
            self._pause(math.inf)
            self.close_connection = True
            return
        if reply.delay > 0 and not self._pause(reply.delay):
            self.close_connection = True
            return
        if reply.action == "reset":
            fake._mark_reset(self.connection)
            self.close_connection = True
            return
        if fake._stopping.is_set():
            self.close_connection = True
            return
        finish(reply.status)
        self._send(reply, request_id)

    def _pause(self, seconds: float) -> bool:
        """Sleep; False if the server is stopping or the client hung up in the meantime."""
        stop = self.server.fake._stopping
        deadline = time.monotonic() + seconds
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return True
            if stop.is_set():
                return False
            if self._client_gone(min(remaining, POLL_INTERVAL)):
                return False

    def _client_gone(self, wait: float) -> bool:
        try:
            readable, _, _ = select.select([self.connection], [], [], wait)
            if not readable:
                return False
            if self.connection.recv(1, socket.MSG_PEEK):
                # A pipelined request, not a hang-up: keep waiting without spinning.
                self.server.fake._stopping.wait(wait)
                return False
            return True
        except (OSError, ValueError):
            return True

    def _send(self, reply: _Reply, request_id: str) -> bool:
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.send_header("x-request-id", request_id)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(reply.body)
            self.wfile.flush()
        except OSError:
            self.close_connection = True
            return False
        return True


def _route_kind(method: str, path: str) -> str:
    routes = {
        "/v1/chat/completions": "text",
        "/v1/responses": "text",
        "/v1/images/generations": "image",
        "/v1/images/edits": "edit",
        "/v1/moderations": "moderation",
        "/v1/audio/speech": "speech",
        "/v1/models": "models",
    }
    kind = routes.get(path.rstrip("/"))
    if kind is None and path.startswith("/v1/models/"):
        kind = "models"
    if kind is None:
        return "other"
    expected = "GET" if kind == "models" else "POST"
    return kind if method == expected else "other"


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------


class FakeOpenAI:
    """An OpenAI-compatible server on 127.0.0.1 with scripted latency, faults and a call log.

    Drive it with the real ``openai`` SDK::

        with FakeOpenAI(picture="small") as fake:
            client = openai.OpenAI(api_key="sk-test", base_url=fake.base_url, max_retries=0)
            fake.add_fault("text", status=429, times=1, retry_after=2)
            ...

    Endpoints (under ``/v1``): ``chat/completions``, ``responses``, ``images/generations``,
    ``images/edits``, ``moderations``, ``audio/speech``, ``models`` and ``models/{id}``. Outside
    ``/v1``: ``GET /_stats``, ``POST /_control`` and ``GET /_health`` (these need no API key).

    Request kinds, used by latencies, faults and the call log: ``"text"`` (chat completions and
    responses), ``"image"`` (generations), ``"edit"`` (image edits), ``"moderation"``,
    ``"speech"``, ``"models"``; requests to unknown paths are logged as ``"other"``.

    Story replies carry the marker ``Scene {n}:`` in page ``n``'s ``image_description``; match on
    ``"Scene 3:"`` (with the colon) so that page 3 is not confused with page 30.

    Clocks: ``Call.started``/``Call.ended`` come from :func:`time.monotonic`;
    ``Call.started_at``/``Call.ended_at`` are the same instants from :func:`time.time`.
    ``Call.status`` is 0 when no HTTP response was sent (hang, reset, client gone, server stop).
    A call is logged (and leaves ``in_flight``) just before its response is written, so once the
    client has its answer the call is already in ``calls``.

    ``reset()`` clears faults, image blocks, moderation flags, the call log and the statistics;
    latencies, the picture mode and the models list stay as configured.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        api_key: str | None = None,
        *,
        text_latency: float = 0.0,
        image_latency: float = 0.0,
        edit_latency: float = 0.0,
        moderation_latency: float = 0.0,
        speech_latency: float = 0.0,
        jitter: float = 0.0,
        picture: PictureMode = "textured",
        models: Iterable[str | Mapping[str, Any]] | None = None,
        reject_unknown_models: bool = False,
        log_path: str | Path | None = None,
        max_calls: int = 100_000,
    ) -> None:
        self.host = host
        self._requested_port = port
        self.api_key = api_key
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._latency: dict[str, float] = dict.fromkeys(KINDS, 0.0)
        self._jitter = 0.0
        self._picture: PictureMode = "textured"
        self._reject_unknown_models = reject_unknown_models
        self._models: list[dict[str, Any]] = []
        self._faults: list[Fault] = []
        self._blocks: list[str] = []
        self._flags: list[_ModerationFlag] = []
        self._calls: deque[Call] = deque(maxlen=max_calls)
        self._counts: Counter[tuple[str, int]] = Counter()
        self._in_flight = 0
        self._in_flight_by_kind: Counter[str] = Counter()
        self._max_in_flight = 0
        self._max_by_kind: Counter[str] = Counter()
        self._connections: set[socket.socket] = set()
        self._resets: set[socket.socket] = set()
        self._log_path = Path(log_path) if log_path else None
        self._log_lock = threading.Lock()
        self.configure(
            text_latency=text_latency,
            image_latency=image_latency,
            edit_latency=edit_latency,
            moderation_latency=moderation_latency,
            speech_latency=speech_latency,
            jitter=jitter,
            picture=picture,
        )
        self.set_models(DEFAULT_MODELS if models is None else models)

    # ---- lifecycle ---------------------------------------------------------------------

    def start(self) -> FakeOpenAI:
        """Bind and serve from a daemon thread; returns self."""
        if self._server is not None:
            raise RuntimeError("FakeOpenAI is already running")
        self._stopping.clear()
        server = _Server((self.host, self._requested_port), self)
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": POLL_INTERVAL},
            name=f"fake-openai-{self.port}",
            daemon=True,
        )
        self._thread.start()
        logger.info("fake OpenAI listening on %s", self.base_url)
        return self

    def stop(self) -> None:
        """Stop serving; hung and sleeping requests end at once. Safe to call twice."""
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()
        server.shutdown()
        server.server_close()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            # Wakes handler threads blocked reading an idle keep-alive connection.
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None

    def __enter__(self) -> FakeOpenAI:
        return self if self._server is not None else self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeOpenAI is not running")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    @property
    def url(self) -> str:
        """The server root (for ``/_stats`` and ``/_control``)."""
        return f"http://{self.host}:{self.port}"

    # ---- knobs -------------------------------------------------------------------------

    def configure(
        self,
        *,
        text_latency: float | None = None,
        image_latency: float | None = None,
        edit_latency: float | None = None,
        moderation_latency: float | None = None,
        speech_latency: float | None = None,
        jitter: float | None = None,
        picture: PictureMode | None = None,
        reject_unknown_models: bool | None = None,
    ) -> None:
        """Change latencies (seconds), jitter (fraction), picture mode; ``None`` keeps a value."""
        latencies = {
            "text": text_latency,
            "image": image_latency,
            "edit": edit_latency,
            "moderation": moderation_latency,
            "speech": speech_latency,
        }
        for kind, value in latencies.items():
            if value is not None and (not math.isfinite(value) or value < 0):
                raise ValueError(f"{kind} latency must be a non-negative number")
        if jitter is not None and (not math.isfinite(jitter) or jitter < 0):
            raise ValueError("jitter must be a non-negative number")
        if picture is not None and picture not in PICTURE_MODES:
            raise ValueError(f"picture must be one of {PICTURE_MODES}")
        with self._lock:
            for kind, value in latencies.items():
                if value is not None:
                    self._latency[kind] = float(value)
            if jitter is not None:
                self._jitter = float(jitter)
            if picture is not None:
                self._picture = picture
            if reject_unknown_models is not None:
                self._reject_unknown_models = reject_unknown_models

    @property
    def settings(self) -> dict[str, Any]:
        """The current knobs, as ``configure`` takes them."""
        with self._lock:
            return {
                **{f"{kind}_latency": value for kind, value in self._latency.items()},
                "jitter": self._jitter,
                "picture": self._picture,
                "reject_unknown_models": self._reject_unknown_models,
            }

    def add_fault(
        self,
        kind: str = "*",
        status: int = 500,
        *,
        mode: FaultMode = "error",
        times: int | None = None,
        duration: float | None = None,
        retry_after: float | None = None,
        retry_after_ms: float | None = None,
        code: str | None = None,
        error_type: str | None = None,
        message: str | None = None,
        match: str | None = None,
        variant: str = "not_json",
        should_retry: bool | None = None,
        delay: float = 0.0,
    ) -> Fault:
        """Script a failure for requests of ``kind`` whose prompt contains ``match``.

        ``mode``: ``"error"`` answers ``status`` with an OpenAI error body; ``"hang"`` never
        answers (until the client hangs up or the server stops); ``"reset"`` drops the
        connection without a response; ``"malformed"`` (text only) answers 200 with a reply
        of the given ``variant`` (see :data:`MALFORMED_VARIANTS`). The fault hits the next
        ``times`` matching requests, or every one for ``duration`` seconds, or (neither
        given) every one until :meth:`reset`. ``delay`` postpones an error answer.
        """
        if kind not in FAULT_KINDS:
            raise ValueError(f"kind must be one of {FAULT_KINDS}")
        if mode not in ("error", "hang", "reset", "malformed"):
            raise ValueError("mode must be 'error', 'hang', 'reset' or 'malformed'")
        if mode == "malformed":
            if kind not in ("text", "*"):
                raise ValueError("malformed replies exist only for the text kind")
            if variant not in MALFORMED_VARIANTS:
                raise ValueError(f"variant must be one of {MALFORMED_VARIANTS}")
        if mode == "error" and not 400 <= status <= 599:
            raise ValueError("an error fault needs a 4xx or 5xx status")
        if times is not None and times < 1:
            raise ValueError("times must be at least 1")
        if duration is not None and duration <= 0:
            raise ValueError("duration must be positive")
        default_type, default_code, default_message = _error_defaults(status, code, retry_after)
        fault = Fault(
            kind=kind,
            status=200 if mode == "malformed" else status,
            mode=mode,
            times=times,
            until=time.monotonic() + duration if duration is not None else None,
            retry_after=retry_after,
            retry_after_ms=retry_after_ms,
            code=code if code is not None else default_code,
            error_type=error_type or default_type,
            message=message or default_message,
            match=match,
            variant=variant,
            should_retry=should_retry,
            delay=max(0.0, float(delay)),
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    def remove_fault(self, fault: Fault) -> None:
        with self._lock, contextlib.suppress(ValueError):
            self._faults.remove(fault)

    @property
    def faults(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)

    def block_images(self, match: str) -> None:
        """Image generations and edits whose prompt contains ``match`` get moderation_blocked."""
        if not match:
            raise ValueError("match must be a non-empty string")
        with self._lock:
            self._blocks.append(match)

    def flag_moderation(
        self,
        match: str,
        categories: Sequence[str] = ("violence",),
        *,
        score: float = 0.97,
        pictures_only: bool = False,
    ) -> None:
        """Moderation inputs containing ``match`` come back flagged in ``categories``.

        With ``pictures_only`` only inputs that carry an image are flagged (a picture that
        shows what its text does not), in categories the real model scores on images.
        """
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
        with self._lock:
            self._flags.append(
                _ModerationFlag(match, tuple(names), float(score), pictures_only=pictures_only)
            )

    def set_models(self, models: Iterable[str | Mapping[str, Any]]) -> None:
        """Replace the models list: ids, or dicts with id/created/owned_by/shutdown_date."""
        result: list[dict[str, Any]] = []
        for model in models:
            entry = {"id": model} if isinstance(model, str) else dict(model)
            if not isinstance(entry.get("id"), str) or not entry["id"]:
                raise ValueError("every model needs a non-empty string id")
            result.append(
                {
                    "id": entry["id"],
                    "object": "model",
                    "created": int(entry.get("created", 1700000000)),
                    "owned_by": str(entry.get("owned_by", "system")),
                    "shutdown_date": entry.get("shutdown_date"),
                }
            )
        with self._lock:
            self._models = result

    def reset(self) -> None:
        """Clear faults, image blocks, moderation flags, the call log and the statistics."""
        with self._lock:
            self._faults.clear()
            self._blocks.clear()
            self._flags.clear()
        self.reset_stats()

    def reset_stats(self) -> None:
        """Clear the call log, counts and in-flight peaks (requests in flight still count)."""
        with self._lock:
            self._calls.clear()
            self._counts.clear()
            self._max_in_flight = self._in_flight
            self._max_by_kind = Counter(self._in_flight_by_kind)

    # ---- observability -----------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    def calls_of(self, kind: str) -> list[Call]:
        with self._lock:
            return [call for call in self._calls if call.kind == kind]

    @property
    def in_flight(self) -> int:
        with self._lock:
            return self._in_flight

    @property
    def max_in_flight(self) -> int:
        with self._lock:
            return self._max_in_flight

    def max_in_flight_of(self, kind: str) -> int:
        """Peak concurrency of exactly this kind ("image" here means generations only)."""
        with self._lock:
            return self._max_by_kind[kind]

    def stats(self) -> dict[str, Any]:
        """What ``GET /_stats`` returns."""
        with self._lock:
            counts: dict[str, dict[str, int]] = {}
            for (kind, status), number in sorted(self._counts.items()):
                counts.setdefault(kind, {})[str(status)] = number
            return {
                "counts": counts,
                "total": sum(self._counts.values()),
                "rate_limited": sum(n for (_, s), n in self._counts.items() if s == 429),
                "errors": sum(n for (_, s), n in self._counts.items() if s >= 400 or s == 0),
                "in_flight": self._in_flight,
                "max_in_flight": self._max_in_flight,
                "max_in_flight_by_kind": dict(self._max_by_kind),
                "active_faults": len(self._faults),
                "blocked_images": list(self._blocks),
            }

    # ---- internals used by the handler ---------------------------------------------------

    def _track(self, conn: socket.socket) -> None:
        with self._lock:
            self._connections.add(conn)

    def _untrack(self, conn: socket.socket) -> None:
        with self._lock:
            self._connections.discard(conn)

    def _mark_reset(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError):
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        with self._lock:
            self._resets.add(conn)

    def _take_reset(self, conn: Any) -> bool:
        with self._lock:
            if conn in self._resets:
                self._resets.discard(conn)
                return True
            return False

    def _enter(self, kind: str) -> None:
        with self._lock:
            self._in_flight += 1
            self._in_flight_by_kind[kind] += 1
            self._max_in_flight = max(self._max_in_flight, self._in_flight)
            self._max_by_kind[kind] = max(self._max_by_kind[kind], self._in_flight_by_kind[kind])

    def _leave(self, kind: str) -> None:
        with self._lock:
            self._in_flight -= 1
            self._in_flight_by_kind[kind] -= 1

    def _record(self, call: Call) -> None:
        with self._lock:
            self._calls.append(call)
            self._counts[(call.kind, call.status)] += 1
        if self._log_path is not None:
            entry = asdict(call)
            # The file is for timing analysis; prompts stay in memory only.
            entry["prompt_chars"] = len(entry.pop("prompt"))
            line = json.dumps(entry, ensure_ascii=False) + "\n"
            with self._log_lock, self._log_path.open("a", encoding="utf-8") as handle:
                handle.write(line)

    def _latency_for(self, kind: str, key: str) -> float:
        with self._lock:
            base = self._latency.get(kind, 0.0)
            jitter = self._jitter
        if base <= 0 or jitter <= 0:
            return base
        rng = random.Random(int(key or "0", 16))
        # Centred so the mean latency stays at the configured value.
        factor = math.exp(rng.gauss(-(jitter**2) / 2, jitter))
        return base * min(5.0, max(0.2, factor))

    def _pick_fault(self, kind: str, prompt: str) -> Fault | None:
        now = time.monotonic()
        with self._lock:
            chosen = None
            for fault in self._faults:
                if fault.applies_to(kind, prompt, now):
                    fault.hits += 1
                    chosen = fault
                    break
            self._faults = [f for f in self._faults if not f.spent(now)]
            return chosen

    def _authorised(self, headers: Mapping[str, str]) -> _Reply | None:
        auth = headers.get("authorization") or ""
        scheme, _, token = auth.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            return _error_reply(
                401,
                "You didn't provide an API key. You need to provide your API key in an "
                "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                "invalid_request_error",
            )
        if self.api_key is not None and token != self.api_key:
            return _error_reply(
                401,
                "Incorrect API key provided",
                "invalid_request_error",
                code="invalid_api_key",
            )
        return None

    def _process(
        self,
        method: str,
        path: str,
        headers: Mapping[str, str],
        body: bytes,
        exchange: _Exchange,
    ) -> _Reply:
        """Decide the answer to one /v1 request (``headers`` keys are lower-case)."""
        denied = self._authorised(headers)
        if denied is not None:
            exchange.fault = "auth"
            return denied
        if exchange.kind == "other":
            known = _route_kind("POST", path) != "other" or _route_kind("GET", path) != "other"
            if known:
                return _error_reply(
                    405, f"Method {method} not allowed on {path}.", "invalid_request_error"
                )
            return _error_reply(
                404,
                f"Invalid URL ({method} {path})",
                "invalid_request_error",
                code="unknown_url",
            )
        try:
            payload = self._parse_payload(exchange, headers, body)
            self._describe(exchange, path, payload)
        except _BadRequest as exc:
            return _error_reply(
                400, exc.message, "invalid_request_error", param=exc.param, code=exc.code
            )
        exchange.key = _request_key(exchange.kind, exchange.prompt)

        fault = self._pick_fault(exchange.kind, exchange.prompt)
        if fault is not None:
            exchange.fault = fault.label
            if fault.mode == "hang":
                return _Reply(0, action="hang")
            if fault.mode == "reset":
                return _Reply(0, action="reset", delay=fault.delay)
            if fault.mode == "error":
                return _fault_reply(fault)

        try:
            reply = self._answer(exchange, path, payload, fault)
        except _BadRequest as exc:
            return _error_reply(
                400, exc.message, "invalid_request_error", param=exc.param, code=exc.code
            )
        if reply.status == 200 and reply.delay == 0:
            reply.delay = self._latency_for(exchange.kind, exchange.key)
        return reply

    def _parse_payload(
        self, exchange: _Exchange, headers: Mapping[str, str], body: bytes
    ) -> dict[str, Any]:
        if exchange.kind == "models":
            return {}
        content_type = headers.get("content-type") or ""
        if content_type.lower().startswith("multipart/form-data"):
            return _parse_multipart(content_type, body)
        try:
            payload = json.loads(body or b"{}")
        except ValueError:
            raise _BadRequest("We could not parse the JSON body of your request.") from None
        if not isinstance(payload, dict):
            raise _BadRequest("The request body must be a JSON object.")
        return payload

    def _describe(self, exchange: _Exchange, path: str, payload: dict[str, Any]) -> None:
        """Fill in model, prompt, size and references, validating what the kind requires."""
        model = payload.get("model")
        exchange.model = str(model) if isinstance(model, (str, int)) else None
        kind = exchange.kind
        if kind == "text":
            if payload.get("stream"):
                raise _BadRequest("Streaming is not supported by this server.", param="stream")
            if path.endswith("/chat/completions"):
                messages = payload.get("messages")
                if not isinstance(messages, list) or not messages:
                    raise _BadRequest("'messages' is required.", param="messages")
                parts = [
                    t
                    for m in messages
                    if isinstance(m, Mapping)
                    for t in _text_of(m.get("content"))
                ]
            else:
                if "input" not in payload:
                    raise _BadRequest("'input' is required.", param="input")
                instructions = payload.get("instructions")
                parts = [instructions] if isinstance(instructions, str) else []
                parts.extend(_text_of(payload["input"]))
            exchange.prompt = "\n".join(parts)
        elif kind in ("image", "edit"):
            prompt = payload.get("prompt")
            if not isinstance(prompt, str) or not prompt:
                raise _BadRequest("'prompt' is required.", param="prompt")
            exchange.prompt = prompt
            width, height = _parse_size(payload.get("size"))
            exchange.size = f"{width}x{height}"
            if kind == "edit":
                exchange.references = len(payload.get("_images", []))
                if exchange.references == 0:
                    raise _BadRequest("'image' is required.", param="image")
        elif kind == "moderation":
            if "input" not in payload:
                raise _BadRequest("'input' is required.", param="input")
            exchange.prompt = "\n".join(_text_of(payload["input"]))
            exchange.references = _moderation_images(payload["input"])
            exchange.model = exchange.model or "omni-moderation-latest"
        elif kind == "speech":
            text = payload.get("input")
            if not isinstance(text, str):
                raise _BadRequest("'input' is required.", param="input")
            exchange.prompt = text
        elif kind == "models" and path.rstrip("/") != "/v1/models":
            exchange.model = unquote(path[len("/v1/models/") :])
        if (
            kind in ("text", "image", "edit", "speech")
            and exchange.model
            and self.settings["reject_unknown_models"]
            and exchange.model not in {m["id"] for m in self._models_snapshot()}
        ):
            raise _BadRequest(
                f"The model `{exchange.model}` does not exist or you do not have access to it.",
                param="model",
                code="model_not_found",
            )

    def _models_snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(m) for m in self._models]

    def _answer(
        self, exchange: _Exchange, path: str, payload: dict[str, Any], fault: Fault | None
    ) -> _Reply:
        kind = exchange.kind
        if kind == "text":
            variant = fault.variant if fault is not None and fault.mode == "malformed" else None
            if path.endswith("/chat/completions"):
                return self._chat(exchange, payload, variant)
            return self._responses(exchange, payload, variant)
        if kind in ("image", "edit"):
            with self._lock:
                blocked = any(block in exchange.prompt for block in self._blocks)
            if blocked:
                exchange.fault = "blocked"
                return _error_reply(
                    400,
                    _BLOCKED_MESSAGE,
                    "image_generation_user_error",
                    code="moderation_blocked",
                )
            return self._image(exchange, payload)
        if kind == "moderation":
            return self._moderation(exchange, payload)
        if kind == "speech":
            return _speech(exchange, payload)
        return self._models_reply(exchange, path)

    def _chat(self, exchange: _Exchange, payload: dict[str, Any], variant: str | None) -> _Reply:
        schema = _chat_schema(payload.get("response_format"))
        result = _write_story(schema, exchange.key, variant)
        completion_tokens = _tokens(result.content or result.refusal or "")
        prompt_tokens = _tokens(exchange.prompt)
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
        return _Reply(200, _json_bytes(body))

    def _responses(
        self, exchange: _Exchange, payload: dict[str, Any], variant: str | None
    ) -> _Reply:
        text_config = payload.get("text") if isinstance(payload.get("text"), Mapping) else None
        schema = _responses_schema(text_config)
        result = _write_story(schema, exchange.key, variant)
        if result.refusal is not None:
            part: dict[str, Any] = {"type": "refusal", "refusal": result.refusal}
        else:
            part = {
                "type": "output_text",
                "text": result.content or "",
                "annotations": [],
                "logprobs": [],
            }
        input_tokens = _tokens(exchange.prompt)
        output_tokens = _tokens(result.content or result.refusal or "")
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
        return _Reply(200, _json_bytes(body))

    def _image(self, exchange: _Exchange, payload: dict[str, Any]) -> _Reply:
        width, height = _parse_size(payload.get("size"))
        fmt = str(payload.get("output_format") or "png").lower()
        if fmt not in _FORMATS:
            fmt = "png"
        try:
            count = max(1, min(10, int(payload.get("n") or 1)))
        except (TypeError, ValueError):
            raise _BadRequest("'n' must be an integer.", param="n") from None
        with self._lock:
            mode = self._picture
        quality = str(payload.get("quality") or "auto")
        pictures: list[str] = []
        for index in range(count):
            if mode == "small":
                data = _small_picture(width, height, fmt, exchange.key)
            else:
                data = _textured_picture(width, height, fmt)
            if fmt == "png":
                data = _png_with_text(data, "fake-openai", f"{exchange.key}-{index}")
            pictures.append(base64.b64encode(data).decode("ascii"))
        per_megapixel = {"low": 272, "high": 4160}.get(quality, 1056)
        output_tokens = max(1, round(per_megapixel * width * height / 1024**2)) * count
        text_tokens = _tokens(exchange.prompt)
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
        head = _json_bytes(meta)[:-1]
        body = head + b',"data":[' + data_json.encode("ascii") + b"]}"
        return _Reply(200, body)

    def _moderation(self, exchange: _Exchange, payload: dict[str, Any]) -> _Reply:
        raw = payload["input"]
        with self._lock:
            flags = list(self._flags)
        items: list[tuple[str, bool]]
        if isinstance(raw, list) and raw and all(isinstance(i, str) for i in raw):
            items = [(text, False) for text in raw]
        elif isinstance(raw, list):
            has_image = any(isinstance(i, Mapping) and i.get("type") == "image_url" for i in raw)
            items = [("\n".join(_text_of(raw)), has_image)]
        else:
            items = [(str(raw), False)]
        results = [_moderation_result(text, has_image, flags) for text, has_image in items]
        body = {
            "id": f"modr-{uuid.uuid4().hex[:24]}",
            "model": exchange.model or "omni-moderation-latest",
            "results": results,
        }
        return _Reply(200, _json_bytes(body))

    def _models_reply(self, exchange: _Exchange, path: str) -> _Reply:
        models = self._models_snapshot()
        if path.rstrip("/") == "/v1/models":
            return _Reply(200, _json_bytes({"object": "list", "data": models}))
        model_id = exchange.model
        for model in models:
            if model["id"] == model_id:
                return _Reply(200, _json_bytes(model))
        return _error_reply(
            404,
            f"The model '{model_id}' does not exist",
            "invalid_request_error",
            param="model",
            code="model_not_found",
        )

    def _internal(self, method: str, path: str, body: bytes) -> _Reply:
        """The unauthenticated endpoints outside /v1 (stats, control, health)."""
        if path == "/_health" and method == "GET":
            return _Reply(200, _json_bytes({"ok": True}))
        if path == "/_stats" and method == "GET":
            return _Reply(200, _json_bytes(self.stats()))
        if path == "/_control" and method == "POST":
            try:
                commands = json.loads(body or b"{}")
                if not isinstance(commands, dict):
                    raise TypeError("the body must be a JSON object")
                self.control(commands)
            except (TypeError, ValueError) as exc:
                return _error_reply(400, str(exc), "invalid_request_error")
            return _Reply(200, _json_bytes({"ok": True, "settings": self.settings}))
        return _error_reply(404, f"Invalid URL ({method} {path})", "invalid_request_error")

    def control(self, commands: Mapping[str, Any]) -> None:
        """Apply a ``POST /_control`` body.

        Keys, applied in this order: ``reset`` (true), ``reset_stats`` (true), ``set_models``
        (list), ``configure`` (kwargs), ``add_fault`` (kwargs or a list of them),
        ``block_images`` (a string or a list), ``flag_moderation`` (kwargs or a list).
        """
        known = {
            "reset",
            "reset_stats",
            "set_models",
            "configure",
            "add_fault",
            "block_images",
            "flag_moderation",
        }
        unknown = set(commands) - known
        if unknown:
            raise ValueError(f"unknown control commands: {sorted(unknown)}")
        if commands.get("reset"):
            self.reset()
        if commands.get("reset_stats"):
            self.reset_stats()
        if "set_models" in commands:
            self.set_models(commands["set_models"])
        if "configure" in commands:
            self.configure(**_kwargs(commands["configure"]))
        for kwargs in _many(commands.get("add_fault")):
            self.add_fault(**_kwargs(kwargs))
        for match in _many(commands.get("block_images")):
            self.block_images(str(match))
        for kwargs in _many(commands.get("flag_moderation")):
            if "categories" in kwargs and isinstance(kwargs["categories"], list):
                kwargs = {**kwargs, "categories": tuple(kwargs["categories"])}
            self.flag_moderation(**_kwargs(kwargs))


# --------------------------------------------------------------------------------------------
# Endpoint helpers that need no server state
# --------------------------------------------------------------------------------------------


def _error_defaults(
    status: int, code: str | None, retry_after: float | None
) -> tuple[str, str | None, str]:
    if status == 429 and code == "insufficient_quota":
        return (
            "insufficient_quota",
            code,
            "You exceeded your current quota, please check your plan and billing details.",
        )
    if status == 429:
        wait = f" Please try again in {_header_number(retry_after)}s." if retry_after else ""
        return "requests", "rate_limit_exceeded", f"Rate limit reached for requests.{wait}"
    if status == 401:
        return "invalid_request_error", "invalid_api_key", "Incorrect API key provided"
    if status == 404:
        return "invalid_request_error", "model_not_found", "The model does not exist."
    if status == 503:
        return "server_error", None, "The server is overloaded or not ready yet."
    if status >= 500:
        return (
            "server_error",
            None,
            "The server had an error while processing your request. Sorry about that!",
        )
    return "invalid_request_error", None, "Invalid request."


def _fault_reply(fault: Fault) -> _Reply:
    headers: dict[str, str] = {}
    if fault.retry_after is not None:
        headers["Retry-After"] = _header_number(fault.retry_after)
    if fault.retry_after_ms is not None:
        headers["retry-after-ms"] = _header_number(fault.retry_after_ms)
    if fault.should_retry is not None:
        headers["x-should-retry"] = "true" if fault.should_retry else "false"
    reply = _error_reply(
        fault.status, fault.message, fault.error_type, code=fault.code, headers=headers
    )
    reply.delay = fault.delay
    return reply


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


def _parse_multipart(content_type: str, body: bytes) -> dict[str, Any]:
    """Form fields as strings; files named image / image[] / image[N] collected in ``_images``."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():
        raise _BadRequest("Could not parse the multipart form body.")
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


def _moderation_images(raw: Any) -> int:
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
            raise _BadRequest("'image_url.url' is required.", param="input")
        if url.startswith("data:"):
            header, _, data = url.partition(",")
            if not header.startswith("data:image/") or not header.endswith(";base64"):
                raise _BadRequest("Invalid image data URL.", param="input")
            try:
                base64.b64decode(data, validate=True)
            except ValueError:
                raise _BadRequest("Invalid base64 image data.", param="input") from None
        elif not url.startswith(("http://", "https://")):
            raise _BadRequest("Invalid image URL.", param="input")
        count += 1
    return count


def _moderation_result(
    text: str, has_image: bool, flags: Sequence[_ModerationFlag]
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


_AUDIO_TYPES = {
    "mp3": "audio/mpeg",
    "opus": "audio/ogg",
    "aac": "audio/aac",
    "flac": "audio/flac",
    "wav": "audio/wav",
    "pcm": "audio/pcm",
}
# One silent MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz): enough for players to accept it.
_MP3_FRAME = b"\xff\xfb\x90\x00" + bytes(413)


def _speech(exchange: _Exchange, payload: dict[str, Any]) -> _Reply:
    fmt = str(payload.get("response_format") or "mp3")
    frames = max(4, min(2000, len(exchange.prompt) // 2))
    audio = b"ID3\x04\x00\x00\x00\x00\x00\x00" + _MP3_FRAME * frames
    return _Reply(200, audio, content_type=_AUDIO_TYPES.get(fmt, "audio/mpeg"))


def _kwargs(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise TypeError("expected a JSON object of keyword arguments")
    return dict(value)


def _many(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until Ctrl-C (or SIGTERM)."""
    parser = argparse.ArgumentParser(description="Run a fake OpenAI-compatible API server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--api-key", default=None, help="require this bearer key")
    parser.add_argument("--text-latency", type=float, default=0.0)
    parser.add_argument("--image-latency", type=float, default=0.0)
    parser.add_argument("--edit-latency", type=float, default=0.0)
    parser.add_argument("--moderation-latency", type=float, default=0.0)
    parser.add_argument("--speech-latency", type=float, default=0.0)
    parser.add_argument("--jitter", type=float, default=0.0)
    parser.add_argument("--picture", choices=PICTURE_MODES, default="textured")
    parser.add_argument("--log-path", default=None, help="append one JSON line per request")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    fake = FakeOpenAI(
        host=args.host,
        port=args.port,
        api_key=args.api_key,
        text_latency=args.text_latency,
        image_latency=args.image_latency,
        edit_latency=args.edit_latency,
        moderation_latency=args.moderation_latency,
        speech_latency=args.speech_latency,
        jitter=args.jitter,
        picture=args.picture,
        log_path=args.log_path,
    )
    done = threading.Event()

    def _on_signal(signum: int, frame: Any) -> None:
        done.set()

    signal.signal(signal.SIGTERM, _on_signal)
    fake.start()
    print(fake.base_url, flush=True)
    try:
        while not done.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        fake.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
