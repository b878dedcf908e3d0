"""The HTTP plumbing of FakeOpenAI: a threading server that can reset connections, and a
handler that reads a request, waits out its latency, and answers, hangs or resets."""

from __future__ import annotations

import contextlib
import logging
import math
import select
import socket
import time
import uuid
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from storygen.testing.fake_openai.routing import route_kind
from storygen.testing.fake_openai.traffic import Call
from storygen.testing.fake_openai.wire import BadRequest, Exchange, Reply, error_reply

if TYPE_CHECKING:
    from storygen.testing.fake_openai.server import FakeOpenAI

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024 * 1024
# Idle keep-alive connections are dropped after this long so long benchmarks don't pile up
# handler threads; the SDK transparently reconnects.
IDLE_TIMEOUT = 120.0
# How often a waiting handler checks whether its client has hung up.
POLL_INTERVAL = 0.05


class Server(ThreadingHTTPServer):
    daemon_threads = True
    # Hung requests must not make server_close() wait for their threads.
    block_on_close = False
    # Benchmarks open 50+ connections at once; the default backlog of 5 drops SYNs and
    # turns a burst into one-second connect retries.
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], fake: FakeOpenAI) -> None:
        self.fake = fake
        super().__init__(address, Handler)

    def shutdown_request(self, request: Any) -> None:
        if self.fake._take_reset(request):
            # No FIN first: closing with SO_LINGER 0 sends a bare RST, like a crashed proxy.
            self.close_request(request)
            return
        super().shutdown_request(request)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeOpenAI/1.0"
    sys_version = ""
    timeout = IDLE_TIMEOUT
    # Headers and body go out in separate writes; without this Nagle + delayed ACK can add
    # ~40 ms to every response.
    disable_nagle_algorithm = True
    server: Server

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
                    raise BadRequest("Request body too large.")
                chunks.append(self.rfile.read(size))
                self.rfile.readline(65537)
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            raise BadRequest("Request body too large.")
        return self.rfile.read(length) if length > 0 else b""

    def _dispatch(self) -> None:
        fake = self.server.fake
        request_id = f"req_{uuid.uuid4().hex}"
        path = self.path.split("?", 1)[0]
        try:
            body = self._read_body()
        except (BadRequest, ValueError) as exc:
            self.close_connection = True
            message = exc.message if isinstance(exc, BadRequest) else "Malformed request body."
            self._send(error_reply(400, message, "invalid_request_error"), request_id)
            return
        if not path.startswith("/v1/"):
            self._send(fake._internal(self.command, path, body), request_id)
            return
        exchange = Exchange(kind=route_kind(self.command, path), path=path)
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
                reply = error_reply(500, "The fake server failed on this request.", "server_error")
            exchange.latency = reply.delay
            self._deliver(reply, request_id, finish)
        finally:
            finish(0)

    def _deliver(self, reply: Reply, request_id: str, finish: Callable[[int], None]) -> None:
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

    def _send(self, reply: Reply, request_id: str) -> bool:
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
