"""The admin monitoring page: log viewer, counters and 14-day charts, configuration."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, Concatenate, ParamSpec

import regex
from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.models import User
from accounts.permissions import administrator_passed
from moderation.stats import DayStats, admin_stats, daily_series
from monitoring.diagnostics import config_diagnostics, system_stats
from monitoring.logs import (
    TAIL_DEFAULT_LINES,
    TAIL_MAX_LINES,
    TAIL_MIN_LINES,
    log_file_list,
    log_file_tail,
    logs_dir,
)
from storygen.exceptions import ApplicationError

#: Longest filter the log viewer accepts.
MAX_PATTERN_LENGTH = 200
#: Seconds a regular expression filter may take over a whole tail. Some patterns take
#: exponential time (``(a|aa)*x``) and no check of the pattern alone catches them all, so
#: the matching itself is stopped (the ``regex`` package can be, Python's ``re`` cannot).
FILTER_TIME_LIMIT = 1.0
FILTER_TOO_SLOW_MESSAGE = (
    "This regular expression took too long on these lines, so it was stopped. "
    "Simplify it, for example by not repeating a group whose parts can match the same text."
)
CHART_DAYS = 14

_ERROR_LINE = re.compile(r"\b(?:ERROR|CRITICAL|FATAL)\b")
_WARNING_LINE = re.compile(r"\bWARN(?:ING)?\b")

P = ParamSpec("P")


class AdminRequest(HttpRequest):
    """A request that passed ``admin_page``: its user is a signed-in administrator."""

    user: User


def admin_page(
    view: Callable[Concatenate[AdminRequest, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """Sign-in required; anyone but an administrator gets the ordinary 404."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if not administrator_passed(request):
            raise Http404
        return view(request, *args, **kwargs)  # type: ignore[arg-type]

    return login_required(guarded)


# --- The log filter ----------------------------------------------------------------------------


class FilterTooSlow(Exception):
    """A regular expression filter ran out of FILTER_TIME_LIMIT before the last line."""


def compile_filter(pattern: str) -> Any:
    """``pattern`` as a case-insensitive regular expression (``regex.Pattern``).

    Raises regex.error when it is not a regular expression or is too long.
    """
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise regex.error(f"longer than {MAX_PATTERN_LENGTH} characters")
    return regex.compile(pattern, regex.IGNORECASE)


def log_lines_filter(
    lines: Sequence[str], *, query: str, regex: bool = False, invert: bool = False
) -> list[str]:
    """The lines matching ``query`` (case-insensitive text, or a regular expression), or
    with ``invert`` those not matching. An empty query keeps every line.

    Raises what compile_filter raises for a bad regular expression, and FilterTooSlow when
    matching every line takes longer than FILTER_TIME_LIMIT (it stops there).
    """
    if not query:
        return list(lines)
    if regex:
        search = compile_filter(query).search
        deadline = time.monotonic() + FILTER_TIME_LIMIT
        kept = []
        for line in lines:
            # Each line gets what is left of one budget, so many lines cannot add up.
            left = deadline - time.monotonic()
            if left <= 0:
                raise FilterTooSlow
            try:
                found = search(line, timeout=left)
            except TimeoutError as exc:
                raise FilterTooSlow from exc
            if (found is None) == invert:
                kept.append(line)
        return kept
    needle = query.lower()
    return [line for line in lines if (needle in line.lower()) != invert]


def line_level(line: str) -> str:
    """ "error", "warning" or "" for a log line, from the level word Storygen's format puts
    in it."""
    if _ERROR_LINE.search(line):
        return "error"
    if _WARNING_LINE.search(line):
        return "warning"
    return ""


class LogViewForm(forms.Form):
    """The log viewer's GET form: which file, how many lines, and an optional filter."""

    # Any text: the log module refuses what is not an allow-listed file name.
    file = forms.CharField(label="Log file", required=False, widget=forms.Select)
    lines = forms.IntegerField(
        label="Lines to show",
        required=False,
        min_value=TAIL_MIN_LINES,
        max_value=TAIL_MAX_LINES,
        help_text=f"From {TAIL_MIN_LINES} to {TAIL_MAX_LINES}.",
    )
    filter = forms.CharField(
        label="Filter",
        required=False,
        strip=False,
        max_length=MAX_PATTERN_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    regex = forms.BooleanField(label="Regular expression", required=False)
    invert = forms.BooleanField(label="Hide matching lines", required=False)

    def __init__(self, data: QueryDict, *, names: Sequence[str]) -> None:
        super().__init__(data, auto_id="log-%s", label_suffix="")
        self.fields["file"].widget.choices = [(name, name) for name in names]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        query = cleaned.get("filter") or ""
        if query and cleaned.get("regex"):
            try:
                compile_filter(query)
            except regex.error as exc:
                self.add_error("filter", f"This is not a valid regular expression: {exc}.")
        if cleaned.get("lines") is None and "lines" not in self.errors:
            cleaned["lines"] = TAIL_DEFAULT_LINES
        return cleaned


@dataclass(frozen=True)
class LogLine:
    text: str
    level: str


@dataclass(frozen=True)
class LogTail:
    file: str
    total: int
    lines: list[LogLine]


def log_view(data: QueryDict, *, actor: User) -> tuple[LogViewForm, LogTail | None, str]:
    """The viewer's form bound to ``data`` (newest file and TAIL_DEFAULT_LINES by default),
    the filtered tail it asks for, and a problem with the log folder ("" when none).

    The tail is read as ``actor``, which the audit log records. A filter that takes too
    long is a form error and no lines are shown."""
    try:
        names = log_file_list()
        problem = ""
    except ApplicationError as exc:
        names, problem = [], exc.message
    if not logs_dir().is_dir():
        problem = (
            "There is no log folder yet: logs are written to files only when "
            "STORYGEN_LOG_TO_FILE is on."
        )
    query = data.copy()
    if names and not query.get("file"):
        query["file"] = names[0]
    if not query.get("lines"):
        query["lines"] = str(TAIL_DEFAULT_LINES)
    form = LogViewForm(query, names=names)
    if problem or not form.is_valid() or not form.cleaned_data["file"]:
        return form, None, problem
    name = form.cleaned_data["file"]
    try:
        text = log_file_tail(name=name, lines=form.cleaned_data["lines"], actor=actor)
    except ApplicationError as exc:
        form.add_error("file", exc.message)
        return form, None, problem
    lines = text.splitlines()
    try:
        shown = log_lines_filter(
            lines,
            query=form.cleaned_data["filter"],
            regex=form.cleaned_data["regex"],
            invert=form.cleaned_data["invert"],
        )
    except FilterTooSlow:
        form.add_error("filter", FILTER_TOO_SLOW_MESSAGE)
        return form, None, problem
    return form, LogTail(name, len(lines), [LogLine(t, line_level(t)) for t in shown]), problem


# --- Charts ------------------------------------------------------------------------------------

CHART_WIDTH = 360
CHART_HEIGHT = 200
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 8, 12, 30


@dataclass(frozen=True)
class Mark:
    """A bar (x, y, width, height) or a point (x, y) of a chart, with its tooltip."""

    x: float
    y: float
    width: float = 0
    height: float = 0
    tooltip: str = ""


@dataclass(frozen=True)
class AxisLabel:
    position: float
    text: str


@dataclass(frozen=True)
class Chart:
    """A chart drawn as inline SVG: its marks in viewBox units, its axes and its data."""

    slug: str
    title: str
    description: str
    kind: str  # "bars" or "line"
    y_ticks: list[AxisLabel]
    x_labels: list[AxisLabel]
    bars: list[Mark] = field(default_factory=list)
    points: list[Mark] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)
    rows: list[tuple[str, str]] = field(default_factory=list)
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    left: int = _LEFT
    tick_x: int = _LEFT - 6
    right: int = CHART_WIDTH - _RIGHT
    top: int = _TOP
    bottom: int = CHART_HEIGHT - _BOTTOM
    label_y: int = CHART_HEIGHT - _BOTTOM + 16


def _nice_top(value: float) -> tuple[float, float]:
    """An axis maximum at or above ``value`` and a step giving two to five ticks."""
    if value <= 0:
        return 1.0, 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for multiple in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10):
        step = multiple * magnitude
        if value / step <= 4:
            return math.ceil(value / step - 1e-9) * step, step
    return value, value  # not reached: ten times the magnitude exceeds value


def _day_label(stat: DayStats) -> str:
    return f"{stat.day.day} {stat.day:%b}"


def _count(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _two_places(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 120:
        return f"{value / 60:.1f} min"
    return f"{value:.2f} s"


def _chart(
    series: Sequence[DayStats],
    *,
    slug: str,
    title: str,
    kind: str,
    value: Callable[[DayStats], float | None],
    shown: Callable[[float | None], str],
    tick: Callable[[float], str],
    top: tuple[float, float] | None = None,
    unit: float = 1.0,
    summary: Callable[[list[float]], str],
) -> Chart:
    """``value`` per day drawn against an axis in ``unit``s (its ticks labelled by ``tick``),
    each value shown in words by ``shown``."""
    values = [value(day) for day in series]
    known = [v for v in values if v is not None]
    axis_top, step = top or _nice_top(max(known, default=0.0) / unit)
    axis_top, step = axis_top * unit, step * unit
    plot_width = CHART_WIDTH - _LEFT - _RIGHT
    plot_height = CHART_HEIGHT - _TOP - _BOTTOM
    slot = plot_width / max(len(series), 1)
    base = _TOP + plot_height

    def y_of(v: float) -> float:
        return round(base - v / axis_top * plot_height, 1)

    y_ticks = [
        AxisLabel(y_of(step * n), tick(round(step * n, 6)))
        for n in range(round(axis_top / step) + 1)
    ]
    # Every other day is labelled, ending with today.
    x_labels = [
        AxisLabel(round(_LEFT + slot * (i + 0.5), 1), _day_label(day))
        for i, day in enumerate(series)
        if (len(series) - 1 - i) % 2 == 0
    ]
    rows = [(_day_label(day), shown(v)) for day, v in zip(series, values, strict=True)]
    bars: list[Mark] = []
    points: list[Mark] = []
    segments: list[str] = []
    current: list[str] = []
    for i, (day, v) in enumerate(zip(series, values, strict=True)):
        centre = round(_LEFT + slot * (i + 0.5), 1)
        tooltip = f"{_day_label(day)}: {shown(v)}"
        if kind == "bars":
            height = 0.0 if v is None else round(v / axis_top * plot_height, 1)
            width = round(slot * 0.64, 1)
            bars.append(Mark(round(centre - width / 2, 1), base - height, width, height, tooltip))
        elif v is None:
            if current:
                segments.append(" ".join(current))
            current = []
        else:
            points.append(Mark(centre, y_of(v), tooltip=tooltip))
            current.append(f"{centre},{y_of(v)}")
    if current:
        segments.append(" ".join(current))
    return Chart(
        slug=slug,
        title=title,
        description=summary(known),
        kind=kind,
        y_ticks=y_ticks,
        x_labels=x_labels,
        bars=bars,
        points=points,
        segments=[s for s in segments if " " in s],  # a lone point is drawn as its dot
        rows=rows,
    )


def dashboard_charts(series: Sequence[DayStats]) -> list[Chart]:
    """Stories per day, success rate per day and average run time per day."""
    days = len(series)
    longest = max((d.avg_duration_seconds or 0.0 for d in series), default=0.0)
    minutes = longest >= 120  # the axis counts minutes once a run takes a couple of them
    first_last = f"{_day_label(series[0])} to {_day_label(series[-1])}" if series else ""
    return [
        _chart(
            series,
            slug="stories",
            title="Stories per day",
            kind="bars",
            value=lambda d: d.stories,
            shown=_count,
            tick=lambda v: f"{v:g}",
            summary=lambda known: (
                f"Stories created each day over the last {days} days ({first_last}): "
                f"{sum(known):g} in all, at most {max(known, default=0):g} in one day."
            ),
        ),
        _chart(
            series,
            slug="success",
            title="Success rate per day",
            kind="line",
            value=lambda d: d.success_rate,
            shown=_percent,
            tick=lambda v: f"{v * 100:g}%",
            top=(1.0, 0.25),
            summary=lambda known: (
                f"Share of finished generation runs that completed, per day ({first_last}). "
                + (
                    f"Lowest {min(known) * 100:.1f}%, highest {max(known) * 100:.1f}%; "
                    f"{days - len(known)} days without finished runs."
                    if known
                    else "No run finished in this period."
                )
            ),
        ),
        _chart(
            series,
            slug="duration",
            title="Average run time per day",
            kind="bars",
            value=lambda d: d.avg_duration_seconds,
            shown=_seconds,
            unit=60.0 if minutes else 1.0,
            tick=(lambda v: f"{v / 60:g} min") if minutes else (lambda v: f"{v:g} s"),
            summary=lambda known: (
                f"Average time a completed generation run took, per day ({first_last}). "
                + (
                    f"Shortest {_seconds(min(known))}, longest {_seconds(max(known))}."
                    if known
                    else "No run completed in this period."
                )
            ),
        ),
    ]


# --- The page ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatCard:
    label: str
    value: str
    detail: str = ""
    tone: str = ""  # "good", "fair", "poor" or ""


def stat_cards(stats: dict[str, Any]) -> list[StatCard]:
    rate = stats["success_rate_last_24h"]
    tone = "" if rate is None else "good" if rate >= 0.7 else "fair" if rate >= 0.4 else "poor"
    return [
        StatCard("Users", f"{stats['total_users']}", f"{stats['active_users']} active"),
        StatCard(
            "Stories",
            f"{stats['total_stories']}",
            f"{stats['generated_stories']} generated · {stats['draft_stories']} drafts",
        ),
        StatCard("Characters", f"{stats['total_characters']}"),
        StatCard(
            "Runs (24 h)",
            f"{stats['tasks_last_24h']}",
            f"{stats['tasks_completed_last_24h']} completed · "
            f"{stats['tasks_failed_last_24h']} failed",
        ),
        StatCard("Success rate (24 h)", _percent(rate), "completed ÷ finished", tone),
        StatCard(
            "Average run time (24 h)",
            _seconds(stats["avg_task_duration_seconds_last_24h"]),
            "completed runs",
        ),
        StatCard(
            "Average attempts (24 h)",
            _two_places(stats["avg_attempts_last_24h"]),
            "per completed run: 1.00 when every story was made in one go",
        ),
        StatCard("In progress", f"{stats['tasks_in_progress']}", "queued or running, any age"),
        StatCard(
            "Refusals (24 h)",
            f"{stats['refusals_last_24h']}",
            " · ".join(
                f"{category} {count}"
                for category, count in stats["refusals_by_category_last_24h"].items()
            )
            or "none",
        ),
    ]


def uptime_text(seconds: float) -> str:
    """``1d 2h 3m 4s``, as the admin panel this replaces showed it."""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    return f"{days}d {hours}h {minutes}m {secs}s"


def monitoring_context(data: QueryDict, *, actor: User) -> dict[str, Any]:
    """Everything the page shows, the log read as ``actor``; a fixed number of queries
    whatever the data."""
    form, tail, logs_problem = log_view(data, actor=actor)
    system = system_stats()
    return {
        "form": form,
        "tail": tail,
        "logs_problem": logs_problem,
        "cards": stat_cards(admin_stats()),
        "charts": dashboard_charts(daily_series(CHART_DAYS)),
        "chart_days": CHART_DAYS,
        "config": config_diagnostics(),
        "system": system,
        "uptime": uptime_text(system.uptime_seconds),
        "download_url": (
            reverse("admin-monitoring-log-download", kwargs={"log_file": tail.file}) if tail else ""
        ),
    }


@admin_page
@require_GET
@never_cache  # log lines and configuration: nothing a cache or the back button should keep
def monitoring_page(request: AdminRequest) -> HttpResponse:
    return render(
        request, "monitoring/page.html", monitoring_context(request.GET, actor=request.user)
    )


@admin_page
@require_GET
@never_cache
def log_tail_text(request: AdminRequest) -> HttpResponse:
    """The raw tail as text/plain, which the page's script filters and follows.

    Problems answer 400 or 404 with the message alone, as text.
    """
    form = LogViewForm(request.GET, names=[])
    if not form.is_valid() or not form.cleaned_data["file"]:
        problems = [str(m) for name in ("file", "lines") for m in form.errors.get(name, [])]
        return _text(" ".join(problems) or "Choose a log file.", status=400)
    try:
        text = log_file_tail(
            name=form.cleaned_data["file"], lines=form.cleaned_data["lines"], actor=request.user
        )
    except ApplicationError as exc:
        return _text(exc.message, status=exc.status_code)
    return _text(text)


def _text(body: str, *, status: int = 200) -> HttpResponse:
    return HttpResponse(body, status=status, content_type="text/plain; charset=utf-8")
