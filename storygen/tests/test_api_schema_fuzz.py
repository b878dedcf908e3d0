"""Schemathesis over every API operation: no 5xx, and every answer as the schema documents."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.wsgi import get_wsgi_application
from django.urls import reverse
from rest_framework import serializers
from rest_framework.test import APIClient

from accounts.services import user_tokens
from accounts.tests.factories import UserFactory
from characters.tests.factories import CharacterFactory
from moderation.tests.factories import AdminFactory
from stories.api.admin_serializers import DynamicListCreateInputSerializer
from stories.api.serializers import EditorSettingsInputSerializer
from stories.tests.browser.option_lists import seed_option_lists
from stories.tests.factories import PageFactory, StoryFactory
from storygen.api import TextField
from storygen.testing.api_fuzz import ACCEPTED, ALLOWED, REJECTED, FuzzReport, fuzz_api

# The fuzzer's requests run in schemathesis's own thread, on their own database connection:
# they must see committed rows.
pytestmark = pytest.mark.django_db(transaction=True)

SEED = 20261207


@pytest.fixture(autouse=True)
def option_lists(transactional_db: None) -> None:
    # A test before this one may have emptied the tables the migrations filled.
    seed_option_lists(apps, None)


def _assert_clean(report: FuzzReport) -> None:
    assert not report.errors, "\n".join(report.errors)
    assert report.server_errors == 0, "\n".join(
        str(finding) for finding in report.findings if finding.check == "not_a_server_error"
    )
    assert not report.failures, "\n\n".join(str(finding) for finding in report.failures)
    assert len(report.operations_tested) == report.operations


def test_an_ordinary_user_gets_no_5xx_and_only_documented_answers() -> None:
    user = UserFactory()
    story = StoryFactory(owner=user)
    PageFactory(story=story)
    CharacterFactory(owner=user)
    report = fuzz_api(
        get_wsgi_application(),
        bearer=user_tokens(user=user)["access"],
        seed=SEED,
        max_examples=15,
        expensive_examples=3,
    )
    assert report.operations >= 60
    assert report.cases > 2000
    _assert_clean(report)


def test_an_administrator_gets_no_5xx_and_only_documented_answers() -> None:
    UserFactory()
    admin = AdminFactory()
    report = fuzz_api(
        get_wsgi_application(),
        bearer=user_tokens(user=admin, two_factor_passed=True)["access"],
        seed=SEED,
        max_examples=10,
        expensive_examples=3,
        path_prefix="/api/v1/admin/",
    )
    assert report.operations >= 25
    _assert_clean(report)


@pytest.mark.parametrize(
    ("serializer", "name", "field", "operation", "check"),
    [
        # The colour documented as any string again, while the editor takes only hex.
        (
            EditorSettingsInputSerializer,
            "font_color",
            TextField(max_length=7, required=False),
            "PUT /api/v1/stories/{story_id}/editor",
            ACCEPTED,
        ),
        # A label that takes a number as its digits again, while the schema says text.
        (
            DynamicListCreateInputSerializer,
            "list_label",
            serializers.CharField(max_length=200, required=False, allow_blank=True),
            "POST /api/v1/admin/dynamic-lists/",
            REJECTED,
        ),
    ],
)
def test_a_finding_the_allow_list_does_not_explain_fails_the_run(
    monkeypatch: pytest.MonkeyPatch,
    serializer: type[serializers.Serializer],
    name: str,
    field: serializers.Field,
    operation: str,
    check: str,
) -> None:
    monkeypatch.setitem(serializer._declared_fields, name, field)
    StoryFactory(owner=UserFactory())
    report = fuzz_api(
        get_wsgi_application(),
        bearer=user_tokens(user=AdminFactory(), two_factor_passed=True)["access"],
        seed=SEED,
        max_examples=15,
        expensive_examples=3,
        path_prefix=operation.split(" ")[1],
    )
    assert report.failures
    assert {(finding.check, finding.operation) for finding in report.failures} == {
        (check, operation)
    }
    assert all(name in str(finding) for finding in report.failures)


def test_every_allowed_finding_names_an_operation_of_the_schema(api_client: APIClient) -> None:
    paths = api_client.get(reverse("api-schema"), {"format": "json"}).json()["paths"]
    operations = {
        f"{method.upper()} {path}" for path, methods in paths.items() for method in methods
    }
    assert {entry.operation for entry in ALLOWED} <= operations
