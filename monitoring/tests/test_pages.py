"""The admin monitoring page: who may see it, the no-JavaScript log viewer, counters, charts
and configuration, and the tail its script reads."""

from __future__ import annotations

import html
import re
import time as clock
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import LoginAttempt, User
from accounts.tests.factories import UserFactory
from characters.tests.factories import CharacterFactory
from moderation.models import ModerationAction
from moderation.stats import daily_series
from moderation.tests.factories import AdminFactory
from monitoring.pages import (
    FILTER_TIME_LIMIT,
    FILTER_TOO_SLOW_MESSAGE,
    MAX_PATTERN_LENGTH,
    FilterTooSlow,
    compile_filter,
    log_lines_filter,
    uptime_text,
)
from stories.models import GenerationTask, Story
from stories.tests.factories import GenerationTaskFactory, StoryFactory
from storygen.testing.fake_openai import FakeOpenAI

pytestmark = pytest.mark.django_db

Status = GenerationTask.Status
CANARY = "CANARY-monitoring-page-7f3a"
SENTINEL_KEY = "sk-SENTINEL-" + "k3y" * 12 + "-END9"
LOG_LINES = [
    "2026-03-01 10:00:00 INFO stories.tasks 11 [-] story 1 queued",
    "2026-03-01 10:00:01 WARNING storygen.ai 11 [-] slow reply from the provider",
    "2026-03-01 10:00:02 ERROR stories.tasks 11 [-] page 3 failed: timeout",
    "2026-03-01 10:00:03 INFO stories.tasks 11 [-] story 1 ready",
    "2026-03-01 10:00:04 INFO accounts 11 [-] login ok user_id=7",
]


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin(db: None) -> User:
    return AdminFactory()


@pytest.fixture
def admin_browser(client: Client, admin: User) -> Client:
    client.force_login(admin)
    return client


@pytest.fixture
def logs_dir(settings: Any, tmp_path: Path) -> Path:
    directory = tmp_path / "logs"
    directory.mkdir()
    settings.LOGS_DIR = directory
    (directory / "app.log").write_text("\n".join(LOG_LINES) + "\n")
    return directory


@pytest.fixture
def canary(logs_dir: Path, tmp_path: Path) -> Path:
    outside = tmp_path / "canary.log"
    outside.write_text(f"{CANARY}\n" * 5)
    (logs_dir / "evil.log").symlink_to(outside)
    return outside


def page_url(**params: Any) -> str:
    from urllib.parse import urlencode

    query = urlencode(params)
    return reverse("monitoring:page") + (f"?{query}" if query else "")


def shown_lines(response: Any) -> list[str]:
    """The log lines the page shows, as a person reads them."""
    found = re.findall(r'<span class="log-line[^"]*">(.*?)</span>', response.content.decode())
    return [html.unescape(line) for line in found]


def field_errors(response: Any) -> str:
    """The form's error messages, as text."""
    return " ".join(
        html.unescape(re.sub(r"<[^>]+>", " ", item)).strip()
        for item in re.findall(
            r"<ul class=\"errorlist[^\"]*\"[^>]*>(.*?)</ul>", response.content.decode(), re.S
        )
    )


# --- who may see it --------------------------------------------------------------------------

ROUTES = [
    pytest.param(lambda: reverse("monitoring:page"), id="page"),
    pytest.param(lambda: reverse("monitoring:log-tail") + "?file=app.log", id="tail"),
]


@pytest.mark.usefixtures("logs_dir")
@pytest.mark.parametrize("url", ROUTES)
def test_anonymous_visitors_are_sent_to_sign_in(client: Client, url: Any) -> None:
    response = client.get(url())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")
    assert b"stories.tasks" not in response.content


@pytest.mark.usefixtures("logs_dir")
@pytest.mark.parametrize("url", ROUTES)
def test_users_who_are_not_admins_get_not_found(client: Client, url: Any) -> None:
    client.force_login(UserFactory())

    response = client.get(url())

    assert response.status_code == 404
    assert b"stories.tasks" not in response.content


@pytest.mark.usefixtures("logs_dir")
@pytest.mark.parametrize("url", ROUTES)
@pytest.mark.parametrize(
    ("state", "status"),
    [({"is_deleted": True}, 404), ({"is_active": False}, 302)],
    ids=["soft-deleted", "inactive"],
)
def test_admin_role_accounts_that_are_inactive_or_deleted_are_refused(
    client: Client, url: Any, state: dict[str, bool], status: int
) -> None:
    # A soft-deleted account the session still knows is not an administrator; an inactive
    # one is signed out, and sent to sign in again.
    client.force_login(AdminFactory(**state))

    response = client.get(url())

    assert response.status_code == status
    assert b"stories.tasks" not in response.content
    assert not ModerationAction.objects.exists()


@pytest.mark.usefixtures("logs_dir")
def test_admins_see_the_page_with_one_heading_and_labelled_controls(
    admin_browser: Client,
) -> None:
    response = admin_browser.get(page_url())

    assert response.status_code == 200
    text = response.content.decode()
    assert text.count("<h1") == 1
    assert "<h1>Monitoring</h1>" in text
    for control in ("log-file", "log-lines", "log-filter", "log-regex", "log-invert"):
        assert f'<label for="{control}">' in text
        assert f'id="{control}"' in text


@pytest.mark.usefixtures("logs_dir")
def test_page_links_to_metrics_the_django_admin_and_the_api_docs(
    admin_browser: Client,
) -> None:
    text = admin_browser.get(page_url()).content.decode()

    for url, name in (
        (reverse("metrics"), "Metrics"),
        (reverse("admin:index"), "Django admin"),
        (reverse("api-docs"), "API docs"),
    ):
        assert f'href="{url}">{name}</a>' in text


# --- the log viewer without JavaScript --------------------------------------------------------


def test_page_shows_the_tail_of_the_newest_log_by_default(
    admin_browser: Client, logs_dir: Path
) -> None:
    import os

    (logs_dir / "old.log").write_text("an old line\n")
    os.utime(logs_dir / "old.log", (1000, 1000))

    response = admin_browser.get(page_url())

    assert shown_lines(response) == LOG_LINES
    text = response.content.decode()
    assert '<option value="app.log" selected>app.log</option>' in text
    assert '<option value="old.log">old.log</option>' in text
    assert 'value="1000"' in text
    assert "5 lines of app.log." in text


def test_lines_choose_how_much_of_the_tail_is_shown(admin_browser: Client, logs_dir: Path) -> None:
    (logs_dir / "big.log").write_text("".join(f"line {n}\n" for n in range(1, 6001)))

    response = admin_browser.get(page_url(file="big.log", lines=10))

    assert shown_lines(response) == [f"line {n}" for n in range(5991, 6001)]
    assert len(shown_lines(admin_browser.get(page_url(file="big.log", lines=5000)))) == 5000


@pytest.mark.usefixtures("logs_dir")
@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ("9", "greater than or equal to 10"),
        ("5001", "less than or equal to 5000"),
        ("lots", "Enter a whole number."),
    ],
)
def test_lines_outside_the_bounds_are_explained(
    admin_browser: Client, lines: str, message: str
) -> None:
    response = admin_browser.get(page_url(file="app.log", lines=lines))

    assert response.status_code == 200
    assert message in field_errors(response)
    assert shown_lines(response) == []


@pytest.mark.usefixtures("logs_dir")
def test_plain_filter_keeps_matching_lines_whatever_their_case(admin_browser: Client) -> None:
    response = admin_browser.get(page_url(file="app.log", filter="STORY 1"))

    assert shown_lines(response) == [LOG_LINES[0], LOG_LINES[3]]
    assert "2 of 5 lines of app.log." in response.content.decode()


@pytest.mark.usefixtures("logs_dir")
def test_plain_filter_takes_regex_characters_literally(admin_browser: Client) -> None:
    response = admin_browser.get(page_url(file="app.log", filter="[-]"))
    assert shown_lines(response) == LOG_LINES
    assert shown_lines(admin_browser.get(page_url(file="app.log", filter="page.3"))) == []


@pytest.mark.usefixtures("logs_dir")
def test_regex_filter_keeps_lines_the_expression_finds(admin_browser: Client) -> None:
    response = admin_browser.get(
        page_url(file="app.log", filter=r"(warning|error) \w+\.", regex="on")
    )

    assert shown_lines(response) == [LOG_LINES[1], LOG_LINES[2]]


@pytest.mark.usefixtures("logs_dir")
@pytest.mark.parametrize("regex", [None, "on"])
def test_invert_shows_only_the_lines_that_do_not_match(
    admin_browser: Client, regex: str | None
) -> None:
    params = {"file": "app.log", "filter": "stories.tasks", "invert": "on"}
    if regex:
        params["regex"] = regex

    response = admin_browser.get(page_url(**params))

    assert shown_lines(response) == [LOG_LINES[1], LOG_LINES[4]]


@pytest.mark.usefixtures("logs_dir")
def test_an_invalid_regex_is_a_message_not_an_error(admin_browser: Client) -> None:
    response = admin_browser.get(page_url(file="app.log", filter="([unclosed", regex="on"))

    assert response.status_code == 200
    assert "This is not a valid regular expression" in field_errors(response)
    assert 'aria-invalid="true"' in response.content.decode()


def test_the_same_text_without_regex_mode_is_a_plain_filter(
    admin_browser: Client, logs_dir: Path
) -> None:
    (logs_dir / "app.log").write_text("a ([unclosed b\nother\n")

    response = admin_browser.get(page_url(file="app.log", filter="([unclosed"))

    assert field_errors(response) == ""
    assert shown_lines(response) == ["a ([unclosed b"]


@pytest.mark.parametrize("pattern", [r"(a|aa)*x", r"(a|a)*x", r"^(\w|\w\w)*$"])
def test_a_regex_that_takes_exponential_time_is_stopped_with_a_message(
    admin_browser: Client, logs_dir: Path, pattern: str
) -> None:
    (logs_dir / "app.log").write_text(("a" * 40 + "!x\n") * 50)
    started = clock.monotonic()

    response = admin_browser.get(page_url(file="app.log", filter=pattern, regex="on"))

    assert clock.monotonic() - started < FILTER_TIME_LIMIT + 2
    assert response.status_code == 200
    assert FILTER_TOO_SLOW_MESSAGE in field_errors(response)
    assert shown_lines(response) == []


@pytest.mark.usefixtures("logs_dir")
@pytest.mark.parametrize("pattern", [r"((ab)*c)+", r"(?:x|y+){2,}", r"(\w+\s?)+ready"])
def test_a_regex_with_nested_repeats_that_runs_quickly_is_used(
    admin_browser: Client, pattern: str
) -> None:
    response = admin_browser.get(page_url(file="app.log", filter=pattern, regex="on"))

    assert field_errors(response) == ""
    assert response.status_code == 200


@pytest.mark.usefixtures("logs_dir")
def test_a_filter_longer_than_the_limit_is_refused(admin_browser: Client) -> None:
    pattern = "x" * (MAX_PATTERN_LENGTH + 1)

    response = admin_browser.get(page_url(file="app.log", filter=pattern, regex="on"))

    assert f"at most {MAX_PATTERN_LENGTH} characters" in field_errors(response)
    assert shown_lines(response) == []


@pytest.mark.usefixtures("logs_dir")
def test_an_unknown_file_is_a_message(admin_browser: Client) -> None:
    response = admin_browser.get(page_url(file="missing.log"))

    assert response.status_code == 200
    assert "Log file not found." in field_errors(response)
    assert shown_lines(response) == []


@pytest.mark.usefixtures("canary")
@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../canary.log", "Invalid log file path."),
        ("..", "Invalid log file path."),
        ("/etc/passwd", "Invalid log file path."),
        ("..\\canary.log", "Invalid log file path."),
        ("app.log\x00", "Null characters are not allowed."),
        ("a" * 300 + ".log", "Invalid log file path."),
        ("evil.log", "Log file not found."),
        ("canary.log", "Log file not found."),
    ],
)
def test_names_outside_the_log_folder_are_refused(
    admin_browser: Client, name: str, message: str
) -> None:
    for url in (page_url(file=name), reverse("monitoring:log-tail") + "?" + _query(file=name)):
        response = admin_browser.get(url)
        assert CANARY not in response.content.decode()
        assert b"root:" not in response.content
    page = admin_browser.get(page_url(file=name))
    assert message in field_errors(page)
    assert "evil.log" not in re.findall(r"<option[^>]*>(.*?)</option>", page.content.decode())


def _query(**params: str) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


@pytest.mark.usefixtures("logs_dir")
def test_error_and_warning_lines_are_highlighted(admin_browser: Client) -> None:
    text = admin_browser.get(page_url(file="app.log")).content.decode()

    assert f'<span class="log-line log-line--warning">{html.escape(LOG_LINES[1])}</span>' in text
    assert f'<span class="log-line log-line--error">{html.escape(LOG_LINES[2])}</span>' in text
    assert f'<span class="log-line">{html.escape(LOG_LINES[0])}</span>' in text


def test_log_lines_are_escaped(admin_browser: Client, logs_dir: Path) -> None:
    (logs_dir / "app.log").write_text('<script>alert("x")</script>\n')

    text = admin_browser.get(page_url(file="app.log")).content.decode()

    assert '<script>alert("x")</script>' not in text
    assert "&lt;script&gt;" in text


def test_a_missing_log_folder_is_explained(
    admin_browser: Client, settings: Any, tmp_path: Path
) -> None:
    settings.LOGS_DIR = tmp_path / "nowhere"

    response = admin_browser.get(page_url())

    assert response.status_code == 200
    assert "There is no log folder yet" in response.content.decode()
    assert str(tmp_path) not in response.content.decode()


# --- the tail the script reads ----------------------------------------------------------------


@pytest.mark.usefixtures("logs_dir")
def test_tail_endpoint_returns_the_raw_tail_as_text(admin_browser: Client) -> None:
    response = admin_browser.get(reverse("monitoring:log-tail"), {"file": "app.log", "lines": 10})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]
    assert response.content.decode().splitlines() == LOG_LINES


@pytest.mark.usefixtures("logs_dir")
@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"file": "app.log", "lines": "5001"}, 400, "less than or equal to 5000"),
        ({"file": "app.log", "lines": "3"}, 400, "greater than or equal to 10"),
        ({"lines": "10"}, 400, "Choose a log file."),
        ({"file": "missing.log"}, 404, "Log file not found."),
        ({"file": "../canary.log"}, 400, "Invalid log file path."),
    ],
)
def test_tail_endpoint_answers_problems_in_plain_words(
    admin_browser: Client, params: dict[str, str], status: int, message: str
) -> None:
    response = admin_browser.get(reverse("monitoring:log-tail"), params)

    assert response.status_code == status
    assert message in response.content.decode()


@pytest.mark.usefixtures("logs_dir")
def test_opening_the_page_and_following_the_tail_writes_one_audit_row(
    admin_browser: Client, admin: User
) -> None:
    admin_browser.get(page_url(file="app.log"))
    for _ in range(3):  # the page's script fetches the tail, then "Follow" polls it
        admin_browser.get(reverse("monitoring:log-tail"), {"file": "app.log"})

    [row] = ModerationAction.objects.all()
    assert (row.action, row.actor, row.target_type, row.target_label) == (
        ModerationAction.Action.LOG_VIEWED,
        admin,
        ModerationAction.TargetType.LOG,
        "app.log",
    )


@pytest.mark.usefixtures("logs_dir")
def test_the_tail_endpoint_alone_is_audited(admin_browser: Client, admin: User) -> None:
    admin_browser.get(reverse("monitoring:log-tail"), {"file": "app.log"})

    assert list(ModerationAction.objects.values_list("action", "actor", "target_label")) == [
        ("log_viewed", admin.pk, "app.log")
    ]


# --- counters and charts ----------------------------------------------------------------------


def _created(obj: Story | GenerationTask, *, days_ago: int, hours: int = 12) -> None:
    day = timezone.localdate() - timedelta(days=days_ago)
    moment = timezone.make_aware(datetime.combine(day, time.min)) + timedelta(hours=hours)
    type(obj).objects.filter(pk=obj.pk).update(created_at=moment)


def _rows(response: Any, slug: str) -> list[tuple[str, str]]:
    text = response.content.decode()
    figure = text.split(f'chart--{slug}"', 1)[1].split("</figure>", 1)[0]
    return re.findall(r'<th scope="row">(.*?)</th><td>(.*?)</td>', figure)


@pytest.mark.usefixtures("logs_dir")
def test_counters_show_the_last_24_hours(admin_browser: Client, admin: User) -> None:
    story = StoryFactory(owner=admin)
    StoryFactory(owner=admin, status=Story.Status.DRAFT)
    CharacterFactory(owner=admin)
    GenerationTaskFactory(story=story, status=Status.COMPLETED, duration_ms=12_000, attempts=1)
    GenerationTaskFactory(story=story, status=Status.COMPLETED, duration_ms=18_000, attempts=2)
    GenerationTaskFactory(story=story, status=Status.FAILED)
    GenerationTaskFactory(story=story, status=Status.IN_PROGRESS)

    text = admin_browser.get(page_url()).content.decode()

    cards = dict(
        re.findall(
            r'<span class="stat-card__label">(.*?)</span>\s*'
            r'<span class="stat-card__value">(.*?)</span>',
            text,
        )
    )
    assert cards == {
        "Users": "1",
        "Stories": "2",
        "Characters": "1",
        "Runs (24 h)": "4",
        "Success rate (24 h)": "66.7%",
        "Average run time (24 h)": "15.00 s",
        "Average attempts (24 h)": "1.50",
        "In progress": "1",
        "Refusals (24 h)": "0",
    }
    assert 'class="stat-card stat-card--fair"' in text


@pytest.mark.usefixtures("logs_dir")
def test_empty_averages_show_a_dash(admin_browser: Client) -> None:
    text = admin_browser.get(page_url()).content.decode()
    assert re.search(r"Success rate \(24 h\)</span>\s*<span class=\"stat-card__value\">—", text)
    assert re.search(r"Average attempts \(24 h\)</span>\s*<span class=\"stat-card__value\">—", text)


@pytest.mark.usefixtures("logs_dir")
def test_three_charts_cover_fourteen_days_with_their_data(
    admin_browser: Client, admin: User
) -> None:
    for _ in range(3):
        _created(StoryFactory(owner=admin), days_ago=2)
    _created(StoryFactory(owner=admin), days_ago=20)  # outside the window
    story = StoryFactory(owner=admin)
    _created(
        GenerationTaskFactory(story=story, status=Status.COMPLETED, duration_ms=30_000), days_ago=2
    )
    _created(GenerationTaskFactory(story=story, status=Status.FAILED), days_ago=2)

    response = admin_browser.get(page_url())
    text = response.content.decode()

    assert text.count('role="img"') == 3
    for title in ("Stories per day", "Success rate per day", "Average run time per day"):
        assert re.search(rf'<title id="chart-\w+-title">{title}</title>', text)
    stories = _rows(response, "stories")
    assert len(stories) == 14
    day = timezone.localdate() - timedelta(days=2)
    label = f"{day.day} {day:%b}"
    assert (label, "3") in stories
    assert stories[-1][1] == "1"  # today: the story the runs belong to
    assert sum(int(value) for _, value in stories) == 4
    assert (label, "50.0%") in _rows(response, "success")
    assert (label, "30.00 s") in _rows(response, "duration")
    assert _rows(response, "success")[0][1] == "—"
    bars = text.split('chart--stories"', 1)[1].split("</figure>", 1)[0]
    assert bars.count("<rect ") == 14
    assert "4 in all, at most 3 in one day" in bars


@pytest.mark.usefixtures("logs_dir")
def test_page_queries_do_not_grow_with_the_data(admin_browser: Client, admin: User) -> None:
    url = page_url()
    admin_browser.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as empty:
        assert admin_browser.get(url).status_code == 200

    for days_ago in range(14):
        story = StoryFactory(owner=admin)
        _created(story, days_ago=days_ago)
        for status in (Status.COMPLETED, Status.FAILED, Status.PENDING):
            _created(
                GenerationTaskFactory(story=story, status=status, duration_ms=5000),
                days_ago=days_ago,
            )
        CharacterFactory(owner=admin)
    UserFactory.create_batch(5)

    with CaptureQueriesContext(connection) as full:
        assert admin_browser.get(url).status_code == 200

    assert len(full) == len(empty)
    # Session and user, six counters, two daily series, the latest worker heartbeat, the
    # recent sign-in addresses (the proxy check), and whether this admin's view of the log
    # is already in the audit log.
    assert len(full) == 13, [query["sql"] for query in full.captured_queries]


# --- configuration ------------------------------------------------------------------------------


@pytest.mark.usefixtures("logs_dir")
def test_configuration_shows_provider_models_and_a_masked_key(
    admin_browser: Client, settings: Any
) -> None:
    settings.AI_PROVIDER = "offline"
    settings.OPENAI_API_KEY = SENTINEL_KEY
    settings.OPENAI_TEXT_MODEL = "gpt-text-test"
    settings.CELERY_BROKER_URL = "redis://:hunter2@cache.example.com:6379/0"

    text = admin_browser.get(page_url()).content.decode()
    section = text.split('id="configuration"', 1)[1]

    assert "<dt>Provider</dt>\n          <dd>offline</dd>" in section
    assert "<code>gpt-text-test</code>" in section
    assert "<code>sk-…END9</code>" in section
    assert SENTINEL_KEY not in text
    assert "hunter2" not in text
    assert "<dt>Broker</dt>\n          <dd>redis</dd>" in section
    assert "<dt>Worker heartbeat</dt>\n          <dd>unknown</dd>" in section
    assert str(settings.LOGS_DIR) not in text


@pytest.mark.usefixtures("logs_dir")
def test_configuration_says_when_folders_are_missing(
    admin_browser: Client, settings: Any, tmp_path: Path
) -> None:
    settings.STORYGEN_PRIVATE_DIR = tmp_path / "no-private"

    section = admin_browser.get(page_url()).content.decode().split('id="configuration"', 1)[1]

    assert re.search(
        r"<dt>Private folder</dt>\s*<dd><span class=\"badge badge--failed\">missing", section
    )
    assert re.search(
        r"<dt>Logs folder</dt>\s*<dd><span class=\"badge badge--ready\">present", section
    )


@pytest.mark.usefixtures("logs_dir")
def test_a_wrong_proxy_count_is_highlighted(admin_browser: Client) -> None:
    for n in range(20):
        LoginAttempt.objects.create(
            username=f"person{n % 4}", ip_address="10.0.0.2", succeeded=True
        )

    section = admin_browser.get(page_url()).content.decode().split('id="configuration"', 1)[1]

    warnings = re.search(
        r'<ul class="messages" aria-label="Proxy warnings">(.*?)</ul>', section, re.S
    )
    assert warnings
    assert "came from 10.0.0.2, a private address" in html.unescape(warnings.group(1))
    assert re.search(
        r"<dt>Reverse proxies</dt>\s*<dd>0 <span class=\"badge badge--partial\">looks wrong",
        section,
    )


@pytest.mark.usefixtures("logs_dir")
def test_a_right_proxy_count_shows_no_warning(admin_browser: Client, settings: Any) -> None:
    settings.STORYGEN_NUM_PROXIES = 1
    for n in range(20):
        LoginAttempt.objects.create(
            username=f"person{n % 4}", ip_address="10.0.0.2", succeeded=True
        )

    section = admin_browser.get(page_url()).content.decode().split('id="configuration"', 1)[1]

    assert "Proxy warnings" not in section
    assert re.search(r"<dt>Reverse proxies</dt>\s*<dd>1</dd>", section)


@pytest.fixture(scope="module")
def openai_server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(api_key=SENTINEL_KEY, picture="small") as fake:
        yield fake


@pytest.mark.usefixtures("logs_dir")
def test_a_model_shutting_down_is_highlighted(
    admin_browser: Client, settings: Any, openai_server: FakeOpenAI
) -> None:
    openai_server.reset()
    settings.AI_PROVIDER = "openai"
    settings.OPENAI_API_KEY = SENTINEL_KEY
    settings.OPENAI_BASE_URL = openai_server.base_url
    settings.OPENAI_TEXT_MODEL = "gpt-4o-mini"
    settings.OPENAI_IMAGE_MODEL = "gpt-image-1"
    openai_server.set_models(
        [{"id": "gpt-4o-mini", "shutdown_date": "2026-03-31"}, {"id": "gpt-image-1"}]
    )

    text = admin_browser.get(page_url()).content.decode()

    assert (
        '<li class="message message--warning">OPENAI_TEXT_MODEL: gpt-4o-mini is scheduled to '
        "shut down on 2026-03-31.</li>"
    ) in text
    assert "1 warning</span>" in text
    assert SENTINEL_KEY not in text


# --- the pieces ----------------------------------------------------------------------------------


def test_filter_function_matches_like_the_page_script() -> None:
    lines = ["Alpha ERROR", "beta", "GAMMA error"]
    assert log_lines_filter(lines, query="") == lines
    assert log_lines_filter(lines, query="", invert=True) == lines
    assert log_lines_filter(lines, query="error") == ["Alpha ERROR", "GAMMA error"]
    assert log_lines_filter(lines, query="error", invert=True) == ["beta"]
    assert log_lines_filter(lines, query="^[ab]", regex=True) == ["Alpha ERROR", "beta"]


@pytest.mark.parametrize(
    "pattern", [r"\d{4}-\d{2}", r"ERROR|WARNING", r"(foo|bar)+baz", r"a{2,5}b"]
)
def test_ordinary_regexes_are_accepted(pattern: str) -> None:
    compiled = compile_filter(pattern)
    assert compiled.pattern == pattern
    assert compiled.flags & re.IGNORECASE


def test_a_catastrophic_filter_stops_within_its_time_limit() -> None:
    lines = ["a" * 40 + "!x"] * 5000
    started = clock.monotonic()

    with pytest.raises(FilterTooSlow):
        log_lines_filter(lines, query=r"(a|aa)*x", regex=True)

    assert clock.monotonic() - started < FILTER_TIME_LIMIT + 1


def test_a_pattern_the_engine_rules_out_at_once_is_no_match_not_a_timeout() -> None:
    # No "x" in the line: the engine knows (a|aa)*x cannot match without trying.
    started = clock.monotonic()
    assert log_lines_filter(["a" * 40] * 5000, query=r"(a|aa)*x", regex=True) == []
    assert clock.monotonic() - started < FILTER_TIME_LIMIT


def test_uptime_reads_as_days_hours_minutes_seconds() -> None:
    assert uptime_text(93784.9) == "1d 2h 3m 4s"
    assert uptime_text(0) == "0d 0h 0m 0s"


def test_daily_series_groups_by_day_and_fills_missing_days(
    django_assert_num_queries: Any,
) -> None:
    owner = UserFactory()
    for days_ago in (0, 0, 3):
        _created(StoryFactory(owner=owner), days_ago=days_ago)
    _created(StoryFactory(owner=owner), days_ago=14)  # one day too old
    story = StoryFactory(owner=owner)
    _created(story, days_ago=30)
    for status, duration in (
        (Status.COMPLETED, 10_000),
        (Status.COMPLETED, 20_000),
        (Status.FAILED, None),
    ):
        _created(
            GenerationTaskFactory(story=story, status=status, duration_ms=duration), days_ago=1
        )
    untimed = GenerationTaskFactory(story=story, status=Status.COMPLETED)
    moment = timezone.now() - timedelta(days=5)
    GenerationTask.objects.filter(pk=untimed.pk).update(
        created_at=moment, completed_at=moment + timedelta(seconds=90)
    )

    with django_assert_num_queries(2):
        series = daily_series(14)

    today = timezone.localdate()
    assert [day.day for day in series] == [today - timedelta(days=n) for n in range(13, -1, -1)]
    by_age = {(today - day.day).days: day for day in series}
    assert by_age[0].stories == 2
    assert by_age[3].stories == 1
    assert sum(day.stories for day in series) == 3
    assert by_age[1].tasks_completed == 2
    assert by_age[1].tasks_failed == 1
    assert by_age[1].success_rate == pytest.approx(0.6667, abs=1e-4)
    assert by_age[1].avg_duration_seconds == 15.0
    assert by_age[5].avg_duration_seconds == pytest.approx(90.0, abs=0.05)
    assert by_age[5].success_rate == 1.0
    assert by_age[2].success_rate is None
    assert by_age[2].avg_duration_seconds is None
    assert by_age[2].stories == 0
