"""Schemathesis over every API operation, in-process: the run the tests and bench/fuzz.py share."""

from __future__ import annotations

import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import hypothesis.configuration
import schemathesis
from schemathesis import BaseSchema
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events, from_schema
from schemathesis.engine.recorder import ScenarioRecorder
from schemathesis.transport.wsgi import WSGITransport

SCHEMA_PATH = "/api/schema/"
#: What the HTTPS proxy adds, so production settings answer as they would in production.
HTTPS = {"X-Forwarded-Proto": "https"}

#: Checks whose findings are reported but not counted as failures of the API, and why.
ADVISORY_CHECKS = {
    # A request the schema allows can still break a rule no schema states: a genre or image
    # style from the active option lists, a free username, a photo that decodes.
    "positive_data_acceptance": "business rules the schema cannot state",
    # DRF's lenient coercions: 0 and 1 for booleans and "5" for integers (the reference
    # product takes those too), a number for text, an empty query value as an absent one.
    "negative_data_rejection": "DRF's lenient type coercions",
}

#: Operations that start AI work (a run, a redraw, a rewrite) or render a PDF: fewer
#: examples, so the offline provider's work does not take the run's time.
EXPENSIVE_OPERATIONS = (
    ("POST", "/api/v1/stories/"),
    ("POST", "/api/v1/stories/{story_id}/resume"),
    ("GET", "/api/v1/stories/{story_id}/pdf"),
    ("POST", "/api/v1/stories/{story_id}/pages/{page_id}/regenerate-image"),
    ("POST", "/api/v1/stories/{story_id}/pages/{page_id}/rewrite-text"),
    ("POST", "/api/v1/characters/"),
    ("POST", "/api/v1/characters/{character_id}/regenerate-image"),
    ("POST", "/api/v1/characters/{character_id}/generate-from-photo"),
)


@dataclass(frozen=True)
class Finding:
    """One failed check: what was sent and what came back (bodies cut short)."""

    check: str
    operation: str
    title: str
    request: str
    status: int | None
    response: str

    def __str__(self) -> str:
        return (
            f"[{self.check}] {self.operation}: {self.title}\n"
            f"  sent {self.request}\n  got {self.status} {self.response}"
        )


@dataclass
class FuzzReport:
    """What a run covered and found."""

    operations: int = 0
    operations_tested: set[str] = field(default_factory=set)
    cases: int = 0
    server_errors: int = 0
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failures(self) -> list[Finding]:
        """Findings of the checks that must find nothing (every check but ADVISORY_CHECKS)."""
        return [finding for finding in self.findings if finding.check not in ADVISORY_CHECKS]

    def by_check(self) -> dict[str, int]:
        return dict(sorted(Counter(finding.check for finding in self.findings).items()))

    def summary(self) -> dict[str, Any]:
        return {
            "operations": self.operations,
            "operations_tested": len(self.operations_tested),
            "cases": self.cases,
            "server_errors": self.server_errors,
            "failures": len(self.failures),
            "failures_by_check": self.by_check(),
            "advisory_checks": sorted(ADVISORY_CHECKS),
            "errors": len(self.errors),
            "seconds": round(self.seconds, 1),
        }


def fuzz_api(
    app: Any,
    *,
    bearer: str,
    seed: int,
    max_examples: int,
    expensive_examples: int,
    stateful: bool = False,
    path_prefix: str | None = None,
    max_time: int | None = None,
    on_case: Callable[[int], None] | None = None,
) -> FuzzReport:
    """Run every schemathesis phase and check against the WSGI ``app``, as ``bearer``, on
    every operation (or those whose path starts with ``path_prefix``).

    Requests say they came through the HTTPS proxy, so production settings answer them
    as they would in production. Nothing is written to the working directory.
    """
    config = SchemathesisConfig.from_dict(
        {
            "seed": seed,
            **({"max-time": max_time} if max_time is not None else {}),
            "cache": {"enabled": False},
            "workers": 1,
            "headers": HTTPS,
            "auth": {"openapi": {"jwtAuth": {"bearer": bearer}}},
            "generation": {"max-examples": max_examples, "database": "none"},
            "checks": {"enabled": True},
            "phases": {"stateful": {"enabled": stateful}},
            "operations": [
                {
                    "include-method": method,
                    "include-path": path,
                    "generation": {"max-examples": expensive_examples},
                }
                for method, path in EXPENSIVE_OPERATIONS
            ],
        }
    )
    report = FuzzReport()
    started = time.monotonic()
    with _scratch_hypothesis_home(), _werkzeug_probes_fixed():
        schema: BaseSchema = schemathesis.openapi.from_wsgi(
            SCHEMA_PATH, app, config=config, headers=HTTPS
        )
        if path_prefix is not None:
            # Not include(): with per-operation settings in the config, schemathesis 4.32.5
            # ORs an include with "everything"; an exclude still narrows.
            schema = schema.exclude(path_regex=f"^(?!{re.escape(path_prefix)})")
        report.operations = sum(1 for _ in schema.get_all_operations())
        for event in from_schema(schema).execute():
            if isinstance(event, events.ScenarioFinished):
                _record(report, event.recorder)
                if on_case is not None:
                    on_case(report.cases)
            elif isinstance(event, events.NonFatalError | events.FatalError):
                error = getattr(event, "value", None) or getattr(event, "exception", None)
                report.errors.append(f"{getattr(event, 'label', 'run')}: {error!r}")
    report.seconds = time.monotonic() - started
    return report


def _record(report: FuzzReport, recorder: ScenarioRecorder) -> None:
    if recorder.label != "Stateful tests":
        report.operations_tested.add(recorder.label)
    report.cases += len(recorder.cases)
    report.server_errors += sum(
        1
        for interaction in recorder.interactions.values()
        if interaction.response is not None and interaction.response.status_code >= 500
    )
    for case_id, checks in recorder.checks.items():
        for check in checks:
            if check.failure_info is None:
                continue
            interaction = recorder.interactions.get(case_id)
            request = response = None
            if interaction is not None:
                request, response = interaction.request, interaction.response
            report.findings.append(
                Finding(
                    check=check.name,
                    operation=recorder.label,
                    title=check.failure_info.failure.title,
                    request=(
                        f"{request.method} {request.uri} {_excerpt(request.body)}"
                        if request is not None
                        else "?"
                    ),
                    status=response.status_code if response is not None else None,
                    response=_excerpt(response.content) if response is not None else "",
                )
            )


def _excerpt(body: bytes | str | None, limit: int = 300) -> str:
    if not body:
        return ""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    return text if len(text) <= limit else f"{text[:limit]}…"


@contextmanager
def _scratch_hypothesis_home() -> Iterator[None]:
    """Hypothesis keeps caches in ``.hypothesis/`` of the working directory otherwise."""
    with tempfile.TemporaryDirectory(prefix="storygen-fuzz-") as home:
        hypothesis.configuration.set_hypothesis_home_dir(home)
        try:
            yield
        finally:
            hypothesis.configuration.set_hypothesis_home_dir(None)


@contextmanager
def _werkzeug_probes_fixed() -> Iterator[None]:
    """Drop network-only options from in-process requests that come without a session.

    Schemathesis 4.32.5 sends the ignored_auth check's probe (the request again, without
    credentials) with its network options, which Werkzeug's client refuses.
    """
    send = WSGITransport.send

    def send_in_process(
        self: WSGITransport, case: Any, *, session: Any = None, **kwargs: Any
    ) -> Any:
        if session is None:
            for name in ("max_redirects", "verify", "cert", "proxies"):
                kwargs.pop(name, None)
        return send(self, case, session=session, **kwargs)

    with mock.patch.object(WSGITransport, "send", send_in_process):
        yield
