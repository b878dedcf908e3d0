"""Schemathesis over every API operation, in-process: the run the tests and bench/fuzz.py share."""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import hypothesis.configuration
import schemathesis
from schemathesis import BaseSchema
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import Failure
from schemathesis.core.parameters import ParameterLocation
from schemathesis.engine import events, from_schema
from schemathesis.engine.recorder import ScenarioRecorder
from schemathesis.generation.case import Case
from schemathesis.hooks import HookContext
from schemathesis.transport.wsgi import WSGITransport

SCHEMA_PATH = "/api/schema/"
#: What the HTTPS proxy adds, so production settings answer as they would in production.
HTTPS = {"X-Forwarded-Proto": "https"}
#: Operations that revoke the fuzzer's own token: every request after one would be a 401,
#: leaving the operations after it untested. They take no input to fuzz.
TOKEN_REVOKING_PATHS = ("/api/v1/users/me/sign-out-everywhere",)

ACCEPTED, REJECTED = "positive_data_acceptance", "negative_data_rejection"


@dataclass(frozen=True)
class Reason:
    """Why a schema cannot rule a finding out, and the test a finding must pass to be one.

    For a refused request the schema allows (ACCEPTED): the answer's ``code`` is one of
    ``codes`` (when given) and every message for the field matches ``message`` (when
    given). For an accepted request the schema refuses (REJECTED): ``value`` holds for
    the value sent where the schema was broken.
    """

    why: str
    codes: frozenset[str] = frozenset()
    message: re.Pattern[str] | None = None
    value: Callable[[Any], bool] | None = None

    def explains_refusal(self, code: str, messages: list[str]) -> bool:
        if self.value is not None:
            return False
        if self.codes and code not in self.codes:
            return False
        return self.message is None or all(self.message.search(m) for m in messages)

    def explains_acceptance(self, value: Any) -> bool:
        return self.value is not None and self.value(value)


# What DRF and the reference product (Pydantic, lax mode) both read as a boolean or a number.
_BOOLEAN_WORDS = {"0", "1", "true", "false", "t", "f", "yes", "no", "y", "n", "on", "off"}


def _boolean_word(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value in (0, 1)
    return isinstance(value, str) and value.strip().lower() in _BOOLEAN_WORDS


OPTION_LIST = Reason(
    "a value from an option list administrators edit",
    codes=frozenset({"invalid"}),
    message=re.compile(r"is not one of the available "),
)
NAME_TAKEN = Reason(
    "a name, title or email address not taken yet",
    codes=frozenset({"username_taken", "email_taken", "title_taken", "list_exists", "item_exists"}),
)
PERIOD = Reason(
    "a period that does not end before it starts",
    codes=frozenset({"invalid"}),
    message=re.compile(r"^Must not be earlier than "),
)
PASSWORD_RULES = Reason(
    "a password Django's password validators accept",
    codes=frozenset({"invalid"}),
    message=re.compile(r"^Th(e|is) password is (too (similar|short|common)|entirely numeric)"),
)
PHOTO_ON_FILE = Reason(
    "a photo uploaded first, that decodes as a JPEG, PNG or WebP picture",
    codes=frozenset({"photo_missing", "photo_unsupported", "photo_invalid"}),
)
DESCRIBED = Reason(
    "a description, sent or the character's own, to draw a photo's character from",
    codes=frozenset({"invalid"}),
    message=re.compile(r"^Describe the character"),
)
CURRENT_VERSION = Reason(
    "an If-Match naming the version the story is at (its ETag, which only a read tells)",
    codes=frozenset({"stale"}),
)
KNOWN_ROLE = Reason(
    "a role the service knows (user or admin), refused in the reference product's words "
    "after the checks that come before it",
    codes=frozenset({"invalid"}),
    message=re.compile(r"^Invalid role\."),
)
LOG_FILE = Reason("the name of a log file on the allow-list", codes=frozenset({"invalid_log_file"}))
ONE_OVERRIDE = Reason(
    "an override sent both beside and in editor_state, with one value",
    codes=frozenset({"invalid"}),
    message=re.compile(r"^Sent twice with different values"),
)
BOOLEAN_WORD = Reason(
    "0 and 1 (and true, yes, on… as text) for a boolean, as DRF and the reference take them",
    value=_boolean_word,
)


@dataclass(frozen=True)
class Allowed:
    """A finding of ``check`` on ``operation`` about ``field`` that ``reason`` explains.

    ``field`` is a path with dots, ``*`` for any item of a list (``pages.*.font_family``),
    or "" for an answer that names no field.
    """

    check: str
    operation: str
    field: str
    reason: Reason


def _allowed(check: str, reason: Reason, fields: Mapping[str, tuple[str, ...]]) -> list[Allowed]:
    return [
        Allowed(check, operation, name, reason)
        for operation, names in fields.items()
        for name in names
    ]


_STORY_OPTIONS = (
    "genre",
    "writing_style",
    "image_style",
    "word_to_picture_ratio",
    "text_density",
    "font_family",
)
_CHARACTER = "/api/v1/characters/{character_id}"
_LISTS = "/api/v1/admin/dynamic-lists/"
_PAGE_OVERRIDES = ("text_position", "font_family", "font_size", "font_color", "text_box_opacity")
_PAGE = "/api/v1/stories/{story_id}/pages/{page_id}"
_LOGS = "/api/v1/admin/monitoring/logs/{log_file}"

#: Every finding the API may produce: rules no schema can state. Any other finding fails.
ALLOWED: tuple[Allowed, ...] = (
    *_allowed(
        ACCEPTED,
        OPTION_LIST,
        {
            "POST /api/v1/stories/": _STORY_OPTIONS,
            "POST /api/v1/stories/drafts/": _STORY_OPTIONS,
            "PUT /api/v1/stories/drafts/{draft_id}": _STORY_OPTIONS,
            "PUT /api/v1/stories/{story_id}/editor": (
                "editor_settings.font_family",
                "pages.*.font_family",
            ),
            "POST /api/v1/characters/": ("image_style",),
            f"PUT {_CHARACTER}": ("image_style",),
            f"PATCH {_CHARACTER}": ("image_style",),
            f"POST {_CHARACTER}/regenerate-image": ("image_style",),
            f"POST {_CHARACTER}/generate-from-photo": ("image_style",),
        },
    ),
    *_allowed(
        ACCEPTED,
        NAME_TAKEN,
        {
            "POST /api/v1/users/": ("",),
            "PUT /api/v1/admin/management/users/{user_id}": ("username", "email"),
            "POST /api/v1/stories/": ("",),
            "POST /api/v1/stories/drafts/": ("",),
            "PUT /api/v1/stories/drafts/{draft_id}": ("",),
            "PUT /api/v1/stories/{story_id}/title": ("",),
            "PUT /api/v1/stories/{story_id}/editor": ("",),
            f"POST {_PAGE}/restore-text": ("",),
            f"POST {_LISTS}": ("",),
            f"PUT {_LISTS}{{list_name}}": ("",),
            f"POST {_LISTS}{{list_name}}/items": ("",),
            f"PUT {_LISTS}items/{{item_id}}": ("",),
        },
    ),
    *_allowed(ACCEPTED, PASSWORD_RULES, {"POST /api/v1/users/": ("password",)}),
    *_allowed(ACCEPTED, DESCRIBED, {f"POST {_CHARACTER}/generate-from-photo": ("description",)}),
    *_allowed(
        ACCEPTED,
        CURRENT_VERSION,
        {
            "PUT /api/v1/stories/{story_id}/title": ("",),
            "PUT /api/v1/stories/{story_id}/editor": ("",),
            f"POST {_PAGE}/restore-text": ("",),
            f"POST {_PAGE}/restore-image": ("",),
            f"POST {_PAGE}/images/{{image_id}}/make-current": ("",),
        },
    ),
    *_allowed(ACCEPTED, KNOWN_ROLE, {"PUT /api/v1/admin/management/users/{user_id}": ("role",)}),
    *_allowed(ACCEPTED, PERIOD, {"GET /api/v1/admin/moderation/stories": ("created_to",)}),
    *_allowed(ACCEPTED, LOG_FILE, {f"GET {_LOGS}": ("",), f"GET {_LOGS}/download": ("",)}),
    *_allowed(
        ACCEPTED,
        PHOTO_ON_FILE,
        {f"POST {_CHARACTER}/photo": ("",), f"POST {_CHARACTER}/generate-from-photo": ("",)},
    ),
    *_allowed(
        ACCEPTED,
        ONE_OVERRIDE,
        {"PUT /api/v1/stories/{story_id}/editor": tuple(f"pages.*.{f}" for f in _PAGE_OVERRIDES)},
    ),
    *_allowed(
        REJECTED,
        BOOLEAN_WORD,
        {
            "POST /api/v1/characters/": ("generate_image",),
            f"POST {_LISTS}{{list_name}}/items": ("is_active",),
            f"PUT {_LISTS}items/{{item_id}}": ("is_active",),
            "PATCH /api/v1/admin/moderation/stories/{story_id}/hide": ("is_hidden",),
        },
    ),
)

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
    """What a run covered and found. ``findings`` are failures: every check must find
    nothing but what ALLOWED explains (counted in ``allowed`` instead)."""

    operations: int = 0
    operations_tested: set[str] = field(default_factory=set)
    cases: int = 0
    server_errors: int = 0
    findings: list[Finding] = field(default_factory=list)
    allowed: Counter[Allowed] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failures(self) -> list[Finding]:
        return self.findings

    def by_check(self) -> dict[str, int]:
        return dict(sorted(Counter(finding.check for finding in self.findings).items()))

    def allowed_by_reason(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for entry, count in self.allowed.items():
            counts[f"{entry.check}: {entry.reason.why}"] += count
        return dict(sorted(counts.items()))

    def summary(self) -> dict[str, Any]:
        return {
            "operations": self.operations,
            "operations_tested": len(self.operations_tested),
            "cases": self.cases,
            "server_errors": self.server_errors,
            "failures": len(self.failures),
            "failures_by_check": self.by_check(),
            "allowed_by_reason": self.allowed_by_reason(),
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

    A finding ALLOWED explains is counted apart and does not stop its operation's tests;
    any other is a failure. Requests say they came through the HTTPS proxy, so production
    settings answer them as they would in production. Nothing is written to the working
    directory.
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
        schema.hook("filter_failure")(_allow_list(report))
        if path_prefix is not None:
            # Not include(): with per-operation settings in the config, schemathesis 4.32.5
            # ORs an include with "everything"; an exclude still narrows.
            schema = schema.exclude(path_regex=f"^(?!{re.escape(path_prefix)})")
        schema = schema.exclude(
            path_regex="|".join(f"^{re.escape(path)}/?$" for path in TOKEN_REVOKING_PATHS)
        )
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


def _allow_list(report: FuzzReport) -> Callable[..., bool]:
    """A schemathesis ``filter_failure`` hook keeping only the failures ALLOWED does not
    explain, and counting those it explains in ``report``."""

    def keep(context: HookContext, failure: Failure, case: Case, response: Any) -> bool:
        entries = _explained(failure, case, response)
        for entry in entries:
            report.allowed[entry] += 1
        return not entries

    return keep


def _explained(failure: Failure, case: Case, response: Any) -> list[Allowed]:
    """The ALLOWED entries explaining ``failure`` (one per field it concerns), or none when
    a field it concerns has none."""
    checks = getattr(failure, "checks", ())
    operation = case.operation.label
    if ACCEPTED in checks:
        return _match(ACCEPTED, operation, _refusals(response))
    if REJECTED in checks:
        return _match(REJECTED, operation, _off_schema_values(case))
    return []


def _match(check: str, operation: str, concerns: list[tuple[str, Any]]) -> list[Allowed]:
    entries = []
    for name, what in concerns:
        entry = next(
            (
                entry
                for entry in ALLOWED
                if (entry.check, entry.operation, entry.field) == (check, operation, name)
                and (
                    entry.reason.explains_refusal(*what)
                    if check == ACCEPTED
                    else entry.reason.explains_acceptance(what)
                )
            ),
            None,
        )
        if entry is None:
            return []
        entries.append(entry)
    return entries


def _field(path: Any) -> str:
    return ".".join(
        "*" if isinstance(part, int) or str(part).isdigit() else str(part) for part in path
    )


def _refusals(response: Any) -> list[tuple[str, Any]]:
    """(field, (code, messages)) for each field a refusal names, or ("", …) when it names none."""
    try:
        body = json.loads(response.content or b"null")
    except ValueError:
        return []
    if not isinstance(body, dict):
        return []
    code = str(body.get("code", ""))
    errors = body.get("errors") or {}
    if not errors:
        return [("", (code, [str(body.get("detail", ""))]))]
    by_field: dict[str, list[str]] = {}
    for key, messages in errors.items():
        by_field.setdefault(_field(str(key).split(".")), []).extend(map(str, messages))
    return [(name, (code, messages)) for name, messages in by_field.items()]


def _off_schema_values(case: Case) -> list[tuple[str, Any]]:
    """(field, value) for each value of ``case`` sent where the schema does not allow it."""
    data = case.meta.phase.data if case.meta is not None else None
    if data is None:
        return []
    places: list[tuple[ParameterLocation | None, tuple[Any, ...]]] = [
        (mutation.parameter_location, tuple(mutation.path) or (mutation.parameter,))
        for mutation in data.mutations
    ]
    if not places and data.parameter_location not in (None, ParameterLocation.BODY):
        places.append((data.parameter_location, (data.parameter,)))
    elif not places and data.location:
        places.append((ParameterLocation.BODY, _instance_path(data.location)))
    containers: dict[ParameterLocation | None, Any] = {
        ParameterLocation.BODY: case.body,
        ParameterLocation.QUERY: case.query,
        ParameterLocation.PATH: case.path_parameters,
        ParameterLocation.HEADER: case.headers,
    }
    found: list[tuple[str, Any]] = []
    for location, path in places:
        if location != ParameterLocation.BODY:
            path = path[-1:]  # a parameter, by its name
        values = _values_at(containers.get(location), path) if path and None not in path else []
        if not values:
            return []  # nothing to judge: not explained
        found += [(_field(path), value) for value in values]
    return found


def _instance_path(pointer: str) -> tuple[str, ...]:
    """Where a schema pointer's values sit in a body:
    ``/properties/pages/items/properties/font_size/type`` → ``("pages", "*", "font_size")``."""
    path: list[str] = []
    steps = iter(pointer.strip("/").split("/"))
    for step in steps:
        if step == "properties":
            name = next(steps, None)
            if name is not None:
                path.append(name.replace("~1", "/").replace("~0", "~"))
        elif step == "items":
            path.append("*")
    return tuple(path)


def _values_at(container: Any, path: tuple[Any, ...]) -> list[Any]:
    """The values at ``path`` in ``container`` (``*`` or an index: items of a list)."""
    values = [container]
    for step in path:
        following = []
        for value in values:
            if isinstance(value, list) and (step == "*" or isinstance(step, int)):
                following += value if step == "*" else value[step : step + 1]
            elif isinstance(value, Mapping) and str(step) in value:
                following.append(value[str(step)])
        values = following
    return values


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
