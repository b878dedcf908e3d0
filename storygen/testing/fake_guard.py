"""A stand-in guard model (Llama Guard 3 style) on 127.0.0.1, for tests with the real SDK.

It answers ``POST /v1/chat/completions`` like a guard model served by Ollama or vLLM:
``unsafe`` and the hazard codes of the first scripted marker found in the last message,
``safe`` otherwise. ``answer`` replaces every answer (to test one that cannot be read),
``fail_status`` makes every call fail with that HTTP status. ``port`` 0 picks a free one;
the guard keeps the port it got, so ``start()`` after ``stop()`` brings it back at the same
address, as a restarted guard server would come back.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class FakeGuard:
    markers: dict[str, str] = field(default_factory=dict)
    answer: str | None = None
    fail_status: int | None = None
    calls: list[list[dict[str, Any]]] = field(default_factory=list)
    port: int = 0

    def __post_init__(self) -> None:
        self._server: ThreadingHTTPServer | None = None

    def flag(self, marker: str, codes: str) -> None:
        """Texts containing ``marker`` are answered ``unsafe`` with ``codes`` ("S1,S10")."""
        self.markers[marker] = codes

    def reply_to(self, messages: list[dict[str, Any]]) -> str:
        if self.answer is not None:
            return self.answer
        last = str(messages[-1].get("content", "")) if messages else ""
        for marker, codes in self.markers.items():
            if marker in last:
                return f"unsafe\n{codes}"
        return "safe"

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the fake guard is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def start(self) -> FakeGuard:
        guard = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self._send(404, {"error": {"message": "not found", "type": "not_found"}})
                    return
                guard.calls.append(body.get("messages", []))
                if guard.fail_status is not None:
                    self._send(guard.fail_status, {"error": {"message": "down", "type": "x"}})
                    return
                content = guard.reply_to(body.get("messages", []))
                self._send(
                    200,
                    {
                        "id": "chatcmpl-guard",
                        "object": "chat.completion",
                        "created": 0,
                        "model": body.get("model", ""),
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": content},
                                "finish_reason": "stop",
                            }
                        ],
                    },
                )

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = int(self._server.server_address[1])
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeGuard:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()
