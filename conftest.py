"""Fixtures shared by every test package: users, API clients, factories."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from accounts.services import user_tokens
from accounts.tests.factories import UserFactory
from storygen import heartbeats

# Read before a_worker_is_running replaces it in each test.
_worker_available = heartbeats.worker_available


@pytest.fixture
def user(db: None) -> User:
    return UserFactory()


@pytest.fixture
def other_user(db: None) -> User:
    return UserFactory()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def client_for() -> Callable[[User], APIClient]:
    """An API client authenticated with a real bearer token of ``user``."""

    def make(user: User) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {user_tokens(user=user)['access']}")
        return client

    return make


@pytest.fixture
def auth_client(user: User, client_for: Callable[[User], APIClient]) -> APIClient:
    return client_for(user)


@pytest.fixture(autouse=True)
def a_broker_that_refused_a_message_is_forgotten(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with the broker trusted (see storygen.dispatch)."""
    from storygen import dispatch

    monkeypatch.setattr(dispatch, "_broker_down_until", 0.0)


@pytest.fixture(autouse=True)
def safety_phrases_read_afresh(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test reads the administrators' safety phrases from its own database (none where
    it has no database): a phrase added in an earlier, rolled-back test is not kept."""
    from moderation.services import safety_phrases_forget
    from storygen import safety_phrases

    safety_phrases_forget()
    uses_database = request.node.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    )
    if not uses_database:
        monkeypatch.setattr(safety_phrases, "_reader", None)


@pytest.fixture(autouse=True)
def a_worker_is_running(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages and the API see a running worker, unless a test asks for ``worker_heartbeats``."""
    monkeypatch.setattr(heartbeats, "worker_available", lambda: True)


@pytest.fixture
def worker_heartbeats(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether a worker is running is read from the heartbeats, as in production."""
    monkeypatch.setattr(heartbeats, "worker_available", _worker_available)
