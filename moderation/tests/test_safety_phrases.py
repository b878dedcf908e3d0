"""Safety phrases administrators add in the admin: read by the safety check within seconds,
every change audited."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from moderation import services
from moderation.models import ModerationAction, SafetyPhrase
from storygen.exceptions import InvalidInput
from storygen.safety import screen_brief
from storygen.safety_phrases import SafetyPhrases, safety_phrases

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_phrases() -> None:
    services.safety_phrases_forget()


@pytest.fixture
def admin_site(admin: User, client: Client) -> Client:
    client.force_login(admin)
    return client


def test_a_blocked_phrase_added_in_the_admin_is_read_by_the_check_and_audited(
    admin: User, admin_site: Client, django_capture_on_commit_callbacks: object
) -> None:
    assert safety_phrases() == SafetyPhrases()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = admin_site.post(
            reverse("admin:moderation_safetyphrase_add"),
            {"phrase": "  midnight   raid ", "kind": "blocked", "note": "seen in briefs"},
        )
    assert response.status_code == 302

    assert safety_phrases() == SafetyPhrases(blocked=("midnight raid",), allowed=())
    row = ModerationAction.objects.get()
    assert (row.action, row.target_type, row.actor, row.target_label) == (
        "phrase_added",
        "phrase",
        admin,
        "Blocked: midnight raid",
    )


def test_an_allowed_phrase_is_read_apart_from_the_blocked_ones(admin: User) -> None:
    services.safety_phrase_create(actor=admin, phrase="Killer Whale Cove", kind="allowed")
    services.safety_phrase_create(actor=admin, phrase="poison apple pie", kind="blocked")
    services.safety_phrases_forget()

    assert safety_phrases() == SafetyPhrases(
        blocked=("poison apple pie",), allowed=("Killer Whale Cove",)
    )


def test_changing_and_deleting_a_phrase_in_the_admin_applies_at_once_and_is_audited(
    admin: User, admin_site: Client, django_capture_on_commit_callbacks: object
) -> None:
    row = services.safety_phrase_create(actor=admin, phrase="dark forest", kind="blocked")
    services.safety_phrases_forget()
    assert safety_phrases().blocked == ("dark forest",)

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        admin_site.post(
            reverse("admin:moderation_safetyphrase_change", args=[row.pk]),
            {"phrase": "dark forest", "kind": "allowed", "note": "a fairy-tale wood"},
        )
    assert safety_phrases() == SafetyPhrases(blocked=(), allowed=("dark forest",))
    changed = ModerationAction.objects.get(action="phrase_changed")
    assert changed.changes == {"kind": ["blocked", "allowed"], "note": ["", "a fairy-tale wood"]}

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        admin_site.post(
            reverse("admin:moderation_safetyphrase_delete", args=[row.pk]), {"post": "yes"}
        )
    assert safety_phrases() == SafetyPhrases()
    assert not SafetyPhrase.objects.exists()
    assert ModerationAction.objects.filter(action="phrase_deleted", target_id=row.pk).exists()


def test_the_same_phrase_twice_is_refused_in_the_admin_form(
    admin: User, admin_site: Client
) -> None:
    services.safety_phrase_create(actor=admin, phrase="dark forest", kind="blocked")
    response = admin_site.post(
        reverse("admin:moderation_safetyphrase_add"),
        {"phrase": "dark   forest", "kind": "blocked", "note": ""},
    )
    assert response.status_code == 200
    assert SafetyPhrase.objects.count() == 1
    with pytest.raises(InvalidInput):
        services.safety_phrase_create(actor=admin, phrase=" dark forest ", kind="blocked")


def test_a_brief_with_a_blocked_phrase_added_in_the_admin_is_refused(
    admin: User, admin_site: Client, django_capture_on_commit_callbacks: object
) -> None:
    outline = "Mira and Pip plan a midnight raid on the bakery."
    assert screen_brief(title="Pip", outline=outline).clear
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        admin_site.post(
            reverse("admin:moderation_safetyphrase_add"),
            {"phrase": "midnight raid", "kind": "blocked", "note": ""},
        )

    screening = screen_brief(title="Pip", outline=outline)
    assert screening.categories == ["blocked_phrase"]
    [finding] = screening.findings
    assert finding.item == "the outline"
    assert finding.words == {"blocked_phrase": ("midnight raid",)}


def test_an_allowed_phrase_added_in_the_admin_lets_a_brief_through(
    admin: User, admin_site: Client, django_capture_on_commit_callbacks: object
) -> None:
    outline = "Mira climbs Murder Mountain to count the stars."
    assert not screen_brief(title="Pip", outline=outline).clear
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        admin_site.post(
            reverse("admin:moderation_safetyphrase_add"),
            {"phrase": "Murder Mountain", "kind": "allowed", "note": "a place name"},
        )

    assert screen_brief(title="Pip", outline=outline).clear
