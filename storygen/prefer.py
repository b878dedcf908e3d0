"""Whether an API client waits for the work it asked for or follows it on its own: the
``Prefer`` header (RFC 7240) or ``?async=``, and the answers that follow from the choice.

By default a request waits for its work, up to STORYGEN_API_WAIT_SECONDS, and answers with
the result, as the product Storygen replaces did. ``Prefer: respond-async`` (or
``?async=true``) answers 202 at once with the job to poll; ``wait=N`` waits at most N
seconds before that 202 (RFC 7240 §4.3), with or without respond-async.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_vary_headers
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from storygen.api import ErrorSerializer
from storygen.exceptions import ApplicationError, InvalidInput
from storygen.waiting import J, job_wait

RESPOND_ASYNC = "respond-async"
#: Query parameter that asks for the asynchronous answer where a header is hard to send.
ASYNC_PARAMETER = "async"
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
# Digits of the longest wait read as it is: a longer number means "as long as you allow"
# (it is capped by STORYGEN_API_WAIT_SECONDS anyway), and is never converted whole.
_WAIT_DIGITS = 9

#: The API documentation's parameters of every operation that honours these preferences.
PREFER_PARAMETERS = [
    OpenApiParameter(
        "Prefer",
        str,
        location=OpenApiParameter.HEADER,
        required=False,
        description=(
            "RFC 7240 preferences. `respond-async`: answer 202 at once with the job to poll "
            "(the answer then carries `Preference-Applied: respond-async`). `wait=N`: wait "
            "at most N seconds for the result (at most STORYGEN_API_WAIT_SECONDS) before "
            "answering 202. Without either, the request waits up to "
            "STORYGEN_API_WAIT_SECONDS for the result."
        ),
    ),
    OpenApiParameter(
        ASYNC_PARAMETER,
        bool,
        required=False,
        description="true: the same as `Prefer: respond-async` (false: wait for the result).",
    ),
]


#: The answers of a job that failed while the request waited for it (JobFailed), with the
#: job's own ``error_code`` as ``code`` and its ``error_message`` as ``detail``.
JOB_FAILURE_RESPONSES = {
    401: OpenApiResponse(
        ErrorSerializer,
        description="Not signed in; or (code auth) the AI provider refused the server's key.",
    ),
    402: OpenApiResponse(
        ErrorSerializer, description="The AI account has no credit left (code quota)."
    ),
    422: OpenApiResponse(
        ErrorSerializer, description="The provider's safety system refused it (code blocked)."
    ),
    502: OpenApiResponse(
        ErrorSerializer, description="The AI provider refused the request (code rejected)."
    ),
    503: OpenApiResponse(
        ErrorSerializer,
        description="The AI provider is unavailable or not configured (code unavailable).",
    ),
}


def _split(value: str, separator: str) -> list[str]:
    """``value`` split at ``separator`` outside quoted strings (RFC 9110 §5.6.4)."""
    parts: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for char in value:
        if escaped:
            escaped = False
        elif quoted and char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def _unquote(word: str) -> str:
    if len(word) >= 2 and word[0] == word[-1] == '"':
        return re.sub(r"\\(.)", r"\1", word[1:-1])
    return word


def prefer_parse(value: str) -> dict[str, str]:
    """The preferences of a ``Prefer`` header value: lower-cased name → value ("" if none).

    Preferences are separated by commas (several Prefer headers arrive joined by commas),
    names are case-insensitive, values may be quoted, and what follows a ``;`` (a
    preference's parameters) is ignored. Of a preference named twice the first counts
    (RFC 7240 §2); elements that are not preferences are skipped, as a server ignores
    preferences it does not understand.
    """
    preferences: dict[str, str] = {}
    for element in _split(value, ","):
        head = _split(element, ";")[0].strip()
        name, _, word = head.partition("=")
        name = name.strip().lower()
        if _TOKEN.fullmatch(name):
            preferences.setdefault(name, _unquote(word.strip()))
    return preferences


@dataclass(frozen=True)
class ClientPreferences:
    """What the client asked for: the answer at once (respond_async), and how long it is
    willing to wait for the result (``wait``, seconds; None when it did not say)."""

    respond_async: bool = False
    wait: int | None = None

    def wait_seconds(self) -> float:
        """How long to wait for the work before answering 202: the client's ``wait`` up to
        STORYGEN_API_WAIT_SECONDS, nothing for respond-async alone, else the bound."""
        bound = max(0.0, float(settings.STORYGEN_API_WAIT_SECONDS))
        if self.wait is not None:
            return min(bound, float(self.wait))
        return 0.0 if self.respond_async else bound


def client_preferences(request: HttpRequest | Request) -> ClientPreferences:
    """The preferences of ``request``: its Prefer header, then ``?async=``, which wins
    when it is not empty.

    Raises InvalidInput (400) for an ``async`` value that is not a yes or a no.
    """
    preferences = prefer_parse(request.headers.get("Prefer", ""))
    respond_async = RESPOND_ASYNC in preferences
    wait_value = preferences.get("wait", "")
    wait = None
    if wait_value.isascii() and wait_value.isdigit():
        wait = int(wait_value) if len(wait_value) <= _WAIT_DIGITS else 10**_WAIT_DIGITS
    # An empty value counts as not given, as an empty setting does.
    answer = request.GET.get(ASYNC_PARAMETER, "").strip().lower()
    if answer:
        if answer not in _TRUE | _FALSE:
            raise InvalidInput(errors={ASYNC_PARAMETER: ["Must be true or false."]})
        respond_async = answer in _TRUE
    return ClientPreferences(respond_async=respond_async, wait=wait)


R = TypeVar("R", bound=HttpResponseBase)


def varies_with_preferences(response: R) -> R:
    """Mark ``response`` as chosen by the client's preferences, for caches in between."""
    patch_vary_headers(response, ["Prefer"])
    return response


def accepted_response(data: Any, preferences: ClientPreferences) -> Response:
    """202 with ``data`` (the work to follow), saying so when the client asked for it."""
    response = Response(data, status=status.HTTP_202_ACCEPTED)
    if preferences.respond_async:
        response["Preference-Applied"] = RESPOND_ASYNC
    varies_with_preferences(response)
    return response


class JobFailed(ApplicationError):
    """The job a request waited for failed: its own code and message, at the status the
    API gives that failure (503 unavailable, 401 key refused, 402 no credit, 422 blocked,
    502 anything else the provider refused)."""

    default_message = "The work could not be done."

    def __init__(self, *, code: str, status_code: int, message: str) -> None:
        super().__init__(message or None)
        self.code = code or "failed"
        self.status_code = status_code


def job_response(
    job: J,
    *,
    preferences: ClientPreferences,
    accepted: Callable[[J], Any],
    finished: Callable[[], Response],
    failure_status: Mapping[str, int],
) -> Response:
    """The answer to a request that started (or joined) ``job``.

    Waits for the job as ``preferences`` allow (see ClientPreferences.wait_seconds). Done:
    ``finished()``, the object the job changed. Failed: raises JobFailed with the status
    ``failure_status`` gives its error code (502 for a code it does not name). Still
    running, or not waited for: 202 with ``accepted(job)``.
    """
    seconds = preferences.wait_seconds()
    if seconds > 0:
        job = job_wait(job, seconds=seconds)
        if job.status == "done":
            return varies_with_preferences(finished())
        if job.status == "failed":
            raise JobFailed(
                code=job.error_code,
                status_code=failure_status.get(job.error_code, status.HTTP_502_BAD_GATEWAY),
                message=job.error_message,
            )
    return accepted_response(accepted(job), preferences)
