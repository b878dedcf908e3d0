"""FakeOpenAI itself: its lifecycle, the decision taken for each /v1 request (key, route,
fault, endpoint, latency), and the unauthenticated control endpoints outside /v1."""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import struct
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from storygen.testing.fake_openai.faults import Fault, fault_reply
from storygen.testing.fake_openai.images import blocked_reply, image_reply
from storygen.testing.fake_openai.model_list import DEFAULT_MODELS, models_reply
from storygen.testing.fake_openai.moderation import moderation_reply
from storygen.testing.fake_openai.pictures import PictureMode
from storygen.testing.fake_openai.routing import (
    describe,
    parse_payload,
    unauthorised_reply,
    unrouted_reply,
)
from storygen.testing.fake_openai.script import Script
from storygen.testing.fake_openai.speech import speech_reply
from storygen.testing.fake_openai.text import text_reply
from storygen.testing.fake_openai.traffic import CallLog
from storygen.testing.fake_openai.transport import POLL_INTERVAL, Server
from storygen.testing.fake_openai.wire import (
    BadRequest,
    Exchange,
    Reply,
    bad_request_reply,
    error_reply,
    json_bytes,
    request_key,
)

logger = logging.getLogger(__name__)


class FakeOpenAI(Script, CallLog):
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
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self._resets: set[socket.socket] = set()
        self._init_script(reject_unknown_models)
        self._init_call_log(max_calls, log_path)
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
        server = Server((self.host, self._requested_port), self)
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

    # ---- what spans the script and the call log -----------------------------------------

    def reset(self) -> None:
        """Clear faults, image blocks, moderation flags, the call log and the statistics."""
        self._clear_script()
        self.reset_stats()

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

    def _process(
        self,
        method: str,
        path: str,
        headers: Mapping[str, str],
        body: bytes,
        exchange: Exchange,
    ) -> Reply:
        """Decide the answer to one /v1 request (``headers`` keys are lower-case)."""
        denied = unauthorised_reply(headers, self.api_key)
        if denied is not None:
            exchange.fault = "auth"
            return denied
        if exchange.kind == "other":
            return unrouted_reply(method, path)
        try:
            payload = parse_payload(exchange.kind, headers, body)
            describe(exchange, path, payload)
            self._check_model(exchange)
        except BadRequest as exc:
            return bad_request_reply(exc)
        exchange.key = request_key(exchange.kind, exchange.prompt)

        fault = self._pick_fault(exchange.kind, exchange.prompt)
        if fault is not None:
            exchange.fault = fault.label
            if fault.mode == "hang":
                return Reply(0, action="hang")
            if fault.mode == "reset":
                return Reply(0, action="reset", delay=fault.delay)
            if fault.mode == "error":
                return fault_reply(fault)

        try:
            reply = self._answer(exchange, path, payload, fault)
        except BadRequest as exc:
            return bad_request_reply(exc)
        if reply.status == 200 and reply.delay == 0:
            reply.delay = self._latency_for(exchange.kind, exchange.key)
        return reply

    def _check_model(self, exchange: Exchange) -> None:
        """With ``reject_unknown_models``, a model missing from the list is refused."""
        if (
            exchange.kind in ("text", "image", "edit", "speech")
            and exchange.model
            and self.settings["reject_unknown_models"]
            and exchange.model not in {m["id"] for m in self._models_snapshot()}
        ):
            raise BadRequest(
                f"The model `{exchange.model}` does not exist or you do not have access to it.",
                param="model",
                code="model_not_found",
            )

    def _answer(
        self, exchange: Exchange, path: str, payload: dict[str, Any], fault: Fault | None
    ) -> Reply:
        kind = exchange.kind
        if kind == "text":
            variant = fault.variant if fault is not None and fault.mode == "malformed" else None
            return text_reply(exchange, path, payload, variant)
        if kind in ("image", "edit"):
            if self._image_blocked(exchange.prompt):
                exchange.fault = "blocked"
                return blocked_reply()
            return image_reply(exchange, payload, self._picture_mode())
        if kind == "moderation":
            return moderation_reply(exchange, payload, self._flags_snapshot())
        if kind == "speech":
            return speech_reply(exchange, payload)
        return models_reply(exchange, path, self._models_snapshot())

    def _internal(self, method: str, path: str, body: bytes) -> Reply:
        """The unauthenticated endpoints outside /v1 (stats, control, health)."""
        if path == "/_health" and method == "GET":
            return Reply(200, json_bytes({"ok": True}))
        if path == "/_stats" and method == "GET":
            return Reply(200, json_bytes(self.stats()))
        if path == "/_control" and method == "POST":
            try:
                commands = json.loads(body or b"{}")
                if not isinstance(commands, dict):
                    raise TypeError("the body must be a JSON object")
                self.control(commands)
            except (TypeError, ValueError) as exc:
                return error_reply(400, str(exc), "invalid_request_error")
            return Reply(200, json_bytes({"ok": True, "settings": self.settings}))
        return error_reply(404, f"Invalid URL ({method} {path})", "invalid_request_error")


def _kwargs(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise TypeError("expected a JSON object of keyword arguments")
    return dict(value)


def _many(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
