"""Scripted failures: the ``Fault`` record ``add_fault`` returns, and the OpenAI error reply
(status, body and retry headers) a fault answers with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from storygen.testing.fake_openai.wire import KINDS, Reply, error_reply, header_number

FaultMode = Literal["error", "hang", "reset", "malformed"]
FAULT_KINDS = (*KINDS, "*")


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


def error_defaults(
    status: int, code: str | None, retry_after: float | None
) -> tuple[str, str | None, str]:
    """The error type, code and message the real API sends with ``status``."""
    if status == 429 and code == "insufficient_quota":
        return (
            "insufficient_quota",
            code,
            "You exceeded your current quota, please check your plan and billing details.",
        )
    if status == 429:
        wait = f" Please try again in {header_number(retry_after)}s." if retry_after else ""
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


def fault_reply(fault: Fault) -> Reply:
    """The error an ``"error"`` fault answers with, Retry-After and x-should-retry included."""
    headers: dict[str, str] = {}
    if fault.retry_after is not None:
        headers["Retry-After"] = header_number(fault.retry_after)
    if fault.retry_after_ms is not None:
        headers["retry-after-ms"] = header_number(fault.retry_after_ms)
    if fault.should_retry is not None:
        headers["x-should-retry"] = "true" if fault.should_retry else "false"
    reply = error_reply(
        fault.status, fault.message, fault.error_type, code=fault.code, headers=headers
    )
    reply.delay = fault.delay
    return reply
