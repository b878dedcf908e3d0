"""Fixtures shared by every test package: users, API clients, factories."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from accounts.services import user_tokens
from accounts.tests.factories import UserFactory


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
