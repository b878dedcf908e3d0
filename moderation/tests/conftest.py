"""Fixtures for the admin API tests: an administrator and their API client."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from moderation.tests.factories import AdminFactory


@pytest.fixture
def admin(db: None) -> User:
    return AdminFactory()


@pytest.fixture
def admin_client(admin: User, client_for: Callable[[User], APIClient]) -> APIClient:
    return client_for(admin)
