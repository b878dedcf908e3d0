"""/metrics: who may read it, what it counts, and that its series do not grow with traffic."""

from __future__ import annotations

import random
import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from prometheus_client import REGISTRY

import storygen.ai
from accounts.models import User
from accounts.tests.factories import UserFactory
from monitoring.metrics import metrics_response
from stories import services
from stories.models import GenerationTask, Page, StepStatus, Story
from stories.tests.providers import ScriptedProvider, fail_times
from storygen.ai.errors import AIContentBlocked, AIProviderUnavailable
from storygen.ai.metered import MeteredProvider
from storygen.heartbeats import worker_heartbeat_record

pytestmark = pytest.mark.django_db

TOKEN = "metrics-token-" + "k" * 32


@pytest.fixture
def admin(db: None) -> User:
    return UserFactory(role=User.Role.ADMIN)


@pytest.fixture
def admin_client(admin: User) -> Client:
    client = Client()
    client.force_login(admin)
    return client


@pytest.fixture
def scripted() -> Iterator[ScriptedProvider]:
    """The offline provider (with scripted failures), metered as production meters it."""
    provider = ScriptedProvider()
    previous = storygen.ai._provider
    storygen.ai._provider = MeteredProvider(provider)
    yield provider
    storygen.ai._provider = previous


@pytest.fixture
def run_story(user: User, django_capture_on_commit_callbacks: Any) -> Callable[..., GenerationTask]:
    """Start a three-page story and run every step it queues, as a worker would."""

    def run(**changes: Any) -> GenerationTask:
        request = {
            "title": "The Lantern Keeper",
            "genre": "Children's",
            "story_outline": "Mira guides a lost whale calf back to sea.",
            "main_characters": [{"name": "Mira", "description": "a brave girl of nine"}],
            "num_pages": 3,
            "image_style": "Watercolor",
            "word_to_picture_ratio": "One image per page",
            "text_density": "Concise (~30-50 words)",
            **changes,
        }
        with django_capture_on_commit_callbacks(execute=True):
            task = services.story_generation_start(owner=user, **request)
        task.refresh_from_db()
        return task

    return run


def _value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def _series(text: str) -> set[str]:
    return {
        line.rsplit(" ", 1)[0] for line in text.splitlines() if line and not line.startswith("#")
    }


# --- who may read it ------------------------------------------------------------------------


def test_anonymous_visitors_get_a_plain_not_found(client: Client) -> None:
    response = client.get(reverse("metrics"))
    assert response.status_code == 404
    assert b"storygen_" not in response.content


def test_signed_in_users_who_are_not_admins_get_not_found(client: Client, user: User) -> None:
    client.force_login(user)
    assert client.get(reverse("metrics")).status_code == 404


@pytest.mark.parametrize(
    "state",
    [{"is_deleted": True}, {"is_active": False}, {"is_deleted": True, "is_active": False}],
    ids=["soft-deleted", "inactive", "both"],
)
def test_an_admin_role_account_that_is_inactive_or_deleted_gets_not_found(
    client: Client, state: dict[str, bool]
) -> None:
    client.force_login(UserFactory(role=User.Role.ADMIN, is_staff=True, **state))
    response = client.get(reverse("metrics"))
    assert response.status_code == 404
    assert b"storygen_" not in response.content


def test_an_admin_session_reads_the_metrics(admin_client: Client) -> None:
    response = admin_client.get(reverse("metrics"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "storygen_generation_tasks_total" in response.content.decode()


def test_the_configured_bearer_token_reads_the_metrics(client: Client, settings: Any) -> None:
    settings.STORYGEN_METRICS_TOKEN = TOKEN
    response = client.get(reverse("metrics"), HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "header", [f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", "Bearer ", f"Basic {TOKEN}", TOKEN]
)
def test_a_wrong_token_gets_not_found(client: Client, settings: Any, header: str) -> None:
    settings.STORYGEN_METRICS_TOKEN = TOKEN
    assert client.get(reverse("metrics"), HTTP_AUTHORIZATION=header).status_code == 404


def test_no_bearer_token_works_while_none_is_configured(client: Client, settings: Any) -> None:
    settings.STORYGEN_METRICS_TOKEN = ""
    assert client.get(reverse("metrics"), HTTP_AUTHORIZATION="Bearer ").status_code == 404
    assert client.get(reverse("metrics"), HTTP_AUTHORIZATION="Bearer x").status_code == 404


def test_an_allowlisted_address_reads_the_metrics(client: Client, settings: Any) -> None:
    settings.STORYGEN_METRICS_ALLOWED_IPS = ["10.0.0.7", "192.168.50.0/24"]
    assert client.get(reverse("metrics"), REMOTE_ADDR="10.0.0.7").status_code == 200
    assert client.get(reverse("metrics"), REMOTE_ADDR="192.168.50.21").status_code == 200
    assert client.get(reverse("metrics"), REMOTE_ADDR="10.0.0.8").status_code == 404


def test_a_forwarded_for_header_cannot_claim_an_allowlisted_address(
    client: Client, settings: Any
) -> None:
    settings.STORYGEN_METRICS_ALLOWED_IPS = ["10.0.0.7"]
    response = client.get(
        reverse("metrics"), REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="10.0.0.7"
    )
    assert response.status_code == 404


def test_other_code_can_render_the_metrics() -> None:
    response = metrics_response()
    assert response.status_code == 200
    assert b"storygen_queue_depth" in response.content


# --- what it counts -------------------------------------------------------------------------


def test_a_finished_story_is_counted_with_its_ai_calls(
    admin_client: Client, scripted: ScriptedProvider, run_story: Callable[..., GenerationTask]
) -> None:
    completed = _value("storygen_generation_tasks_total", outcome="completed")
    runs = _value("storygen_generation_task_duration_seconds_count")
    texts = _value("storygen_ai_calls_total", provider="offline", kind="story", outcome="ok")
    images = _value("storygen_ai_calls_total", provider="offline", kind="image", outcome="ok")

    task = run_story()

    assert task.status == GenerationTask.Status.COMPLETED
    drawn = Page.objects.filter(story=task.story, status=StepStatus.DONE).exclude(image="")
    text = admin_client.get(reverse("metrics")).content.decode()
    for family in (
        "storygen_generation_tasks_total",
        "storygen_generation_task_duration_seconds_bucket",
        "storygen_ai_calls_total",
        "storygen_ai_call_duration_seconds_bucket",
        "storygen_page_retries_total",
        "storygen_page_failures_total",
        "storygen_moderation_holds_total",
        'storygen_queue_depth{queue="images"}',
        'storygen_queue_oldest_age_seconds{queue="text"}',
        'storygen_generation_runs{status="completed"}',
        "storygen_workers_alive",
        "django_http_requests_total_by_view_transport_method_total",
    ):
        assert family in text, family
    assert _value("storygen_generation_tasks_total", outcome="completed") == completed + 1
    assert _value("storygen_generation_task_duration_seconds_count") == runs + 1
    assert (
        _value("storygen_ai_calls_total", provider="offline", kind="story", outcome="ok")
        == texts + 1
    )
    # One call per page picture and one per character sheet.
    assert (
        _value("storygen_ai_calls_total", provider="offline", kind="image", outcome="ok")
        == images + drawn.count() + 1
    )
    assert _value("storygen_ai_call_duration_seconds_count", provider="offline", kind="image") > 0


def test_page_retries_and_provider_errors_are_counted_by_class(
    scripted: ScriptedProvider, run_story: Callable[..., GenerationTask]
) -> None:
    retries = _value("storygen_page_retries_total")
    unavailable = _value(
        "storygen_ai_calls_total", provider="offline", kind="image", outcome="unavailable"
    )
    scripted.rules.append(fail_times("page", lambda: AIProviderUnavailable("429"), 2, page=2))

    task = run_story()

    assert task.story.status == Story.Status.READY
    assert _value("storygen_page_retries_total") == retries + 2
    assert (
        _value("storygen_ai_calls_total", provider="offline", kind="image", outcome="unavailable")
        == unavailable + 2
    )


def test_pages_left_blocked_count_as_failures_and_moderation_holds(
    scripted: ScriptedProvider, run_story: Callable[..., GenerationTask]
) -> None:
    partial = _value("storygen_generation_tasks_total", outcome="partial")
    failures = _value("storygen_page_failures_total")
    holds = _value("storygen_moderation_holds_total", stage="page")
    blocked = _value("storygen_ai_calls_total", provider="offline", kind="image", outcome="blocked")
    scripted.rules.append(fail_times("page", lambda: AIContentBlocked("no"), 2, page=1))

    task = run_story()

    assert task.story.status == Story.Status.PARTIAL
    assert _value("storygen_generation_tasks_total", outcome="partial") == partial + 1
    assert _value("storygen_page_failures_total") == failures + 1
    assert _value("storygen_moderation_holds_total", stage="page") == holds + 1
    assert (
        _value("storygen_ai_calls_total", provider="offline", kind="image", outcome="blocked")
        == blocked + 2
    )


def test_queue_depth_and_live_workers_come_from_the_database(
    admin_client: Client, user: User, django_capture_on_commit_callbacks: Any
) -> None:
    worker_heartbeat_record(hostname="celery@metrics-test")
    # Queued but never picked up: no callback runs, as when no worker is listening.
    services.story_generation_start(
        owner=user,
        title="Waiting",
        genre="Children's",
        story_outline="A story nobody has started yet.",
        main_characters=[],
        num_pages=2,
    )
    text = admin_client.get(reverse("metrics")).content.decode()
    assert 'storygen_queue_depth{queue="text"} 1.0' in text
    assert 'storygen_generation_runs{status="pending"} 1.0' in text
    assert "storygen_workers_alive 1.0" in text


# --- cardinality ----------------------------------------------------------------------------


def _random_requests(client: Client, rng: random.Random, seen: list[str]) -> None:
    ids = [str(rng.randint(10**6, 10**9)), str(rng.randint(10**6, 10**9)), uuid.uuid4().hex]
    seen.extend(ids)
    client.get(f"/stories/{ids[0]}/")
    client.get(f"/api/v1/stories/{ids[1]}")
    client.get(f"/api/v1/generation-status/{uuid.uuid4()}")
    client.get(f"/{ids[2]}/x?q={uuid.uuid4().hex}")


def test_random_ids_and_paths_do_not_create_new_series(
    admin_client: Client, client: Client, user: User
) -> None:
    client.force_login(user)
    rng = random.Random(7)
    ids: list[str] = []
    _random_requests(client, rng, ids)  # the first 404 of each view creates its series
    admin_client.get(reverse("metrics"))
    before = _series(admin_client.get(reverse("metrics")).content.decode())

    for _ in range(50):
        _random_requests(client, rng, ids)
    text = admin_client.get(reverse("metrics")).content.decode()

    new = _series(text) - before
    assert len(new) < 0.05 * len(before), sorted(new)
    # No label ever holds an id or a path that was requested.
    labels = " ".join(series.partition("{")[2] for series in _series(text))
    assert not [value for value in ids if value in labels]
    # Nor any path (template names such as "admin/stories/story/change_list.html" are fine:
    # there are as many as there are templates).
    assert not [value for value in re.findall(r'="([^"]*)"', labels) if value.startswith("/")]


def test_a_worker_serves_its_own_counts_on_the_configured_port(settings: Any) -> None:
    import socket
    import urllib.request

    from monitoring.metrics import start_worker_metrics_server

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.STORYGEN_WORKER_METRICS_PORT = port
    settings.STORYGEN_WORKER_METRICS_ADDR = "127.0.0.1"
    assert start_worker_metrics_server()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        body = response.read().decode()
    assert "# TYPE storygen_ai_calls_total counter" in body
    assert 'storygen_generation_tasks_total{outcome="completed"}' in body


def test_no_worker_metrics_port_is_opened_unless_configured(settings: Any) -> None:
    from monitoring.metrics import start_worker_metrics_server

    settings.STORYGEN_WORKER_METRICS_PORT = 0
    assert start_worker_metrics_server() is False
