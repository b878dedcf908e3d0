"""Moderation configured apart from the story provider: the guard model's answers, the
rules floor in front of every mode, and each mode reaching the server it is set to."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings

from storygen.ai.errors import AIProviderUnavailable
from storygen.ai.guard import HAZARD_CATEGORIES, WRITTEN_FOR, parse_guard_answer
from storygen.ai.moderation_seam import moderator
from storygen.safety import DEFAULT_THRESHOLDS, blocking_categories, screen_draft, screen_texts
from storygen.testing.fake_guard import FakeGuard
from storygen.testing.fake_openai import FakeOpenAI
from storygen.testing.settings import settings_in_subprocess

SLAUGHTER = "The wolf wants to slaughter the three little pigs, with blood everywhere."


@pytest.fixture
def guard() -> Iterator[FakeGuard]:
    with (
        FakeGuard() as server,
        override_settings(
            STORYGEN_MODERATION_PROVIDER="guard",
            STORYGEN_MODERATION_BASE_URL=server.base_url,
            STORYGEN_MODERATION_MODEL="llama-guard3",
        ),
    ):
        yield server


# --- reading a guard's answer ---------------------------------------------------------------


def test_safe_is_a_verdict_that_blocks_nothing() -> None:
    verdict = parse_guard_answer("safe\n")
    assert not verdict.flagged
    assert blocking_categories(verdict) == ()


def test_unsafe_with_codes_blocks_in_the_gates_categories() -> None:
    verdict = parse_guard_answer("unsafe\nS1,S10")
    assert verdict.flagged
    assert blocking_categories(verdict) == ("hate", "violence")


def test_child_sexual_exploitation_blocks_as_sexual_content_involving_minors() -> None:
    assert blocking_categories(parse_guard_answer("unsafe\nS4")) == ("sexual", "sexual/minors")


def test_unsafe_without_a_known_code_still_blocks() -> None:
    assert blocking_categories(parse_guard_answer("unsafe")) == ("flagged",)
    assert blocking_categories(parse_guard_answer("unsafe\nS99")) == ("flagged",)


@pytest.mark.parametrize("answer", ["", "I cannot help with that.", "safe\nS1", "unsafe\nkill"])
def test_an_answer_that_is_neither_counts_as_moderation_unavailable(answer: str) -> None:
    with pytest.raises(AIProviderUnavailable):
        parse_guard_answer(answer)


def test_every_hazard_code_maps_to_categories_the_gate_has_limits_for() -> None:
    assert sorted(HAZARD_CATEGORIES, key=lambda code: int(code[1:])) == [
        f"S{n}" for n in range(1, 15)
    ]
    for categories in HAZARD_CATEGORIES.values():
        assert categories
        assert set(categories) <= set(DEFAULT_THRESHOLDS)


# --- the guard mode through the real SDK -------------------------------------------------------


def test_the_guard_refuses_what_it_answers_unsafe_about(guard: FakeGuard) -> None:
    guard.flag("steal the llama", "S2")
    screening = screen_texts([("the outline", "Pip wants to steal the llama from the zoo.")])
    assert screening.categories == ["illicit"]
    assert guard.calls == [
        [{"role": "user", "content": "Pip wants to steal the llama from the zoo."}]
    ]


def test_the_guard_allows_what_it_answers_safe_about(guard: FakeGuard) -> None:
    assert screen_texts([("the outline", "Mira finds a lost whale calf.")]).clear
    assert len(guard.calls) == 1


def test_written_text_is_asked_about_as_the_assistants_answer(guard: FakeGuard) -> None:
    page = type("Page", (), {"number": 1, "text": "Mira waves.", "image_description": ""})
    assert screen_draft(title="Waves", pages=[page]).clear
    assert guard.calls[0] == [
        {"role": "user", "content": WRITTEN_FOR},
        {"role": "assistant", "content": "Waves\n\nMira waves."},
    ]


@pytest.mark.parametrize("failure", ["status", "garbage", "stopped"])
def test_a_guard_that_fails_or_talks_nonsense_leaves_the_check_unavailable(
    guard: FakeGuard, failure: str
) -> None:
    if failure == "status":
        guard.fail_status = 500
    elif failure == "garbage":
        guard.answer = "Sure! Here is a story about a whale."
    else:
        guard.stop()
    screening = screen_texts([("the outline", "Mira finds a lost whale calf.")])
    assert screening.unavailable
    assert not screening.flagged


def test_the_guard_cannot_look_at_pictures(guard: FakeGuard) -> None:
    assert moderator().moderate_image(b"\x89PNG", mime="image/png", text="a page") is None
    assert guard.calls == []


# --- the rules floor in every mode --------------------------------------------------------------


def test_what_the_rules_refuse_makes_no_call_to_the_guard(guard: FakeGuard) -> None:
    screening = screen_texts([("the outline", SLAUGHTER)])
    assert screening.categories == ["violence"]
    assert screening.findings[0].words["violence"] == ("slaughter", "blood everywhere")
    assert guard.calls == []


def test_what_the_rules_refuse_makes_no_call_to_the_moderations_endpoint() -> None:
    with (
        FakeOpenAI(api_key="sk-test") as fake,
        override_settings(
            STORYGEN_MODERATION_PROVIDER="openai",
            STORYGEN_MODERATION_BASE_URL=fake.base_url,
            STORYGEN_MODERATION_API_KEY="sk-test",
        ),
    ):
        assert screen_texts([("the outline", SLAUGHTER)]).categories == ["violence"]
        assert fake.calls_of("moderation") == []


def test_rules_mode_asks_no_server_and_checks_no_pictures() -> None:
    with override_settings(STORYGEN_MODERATION_PROVIDER="rules"):
        assert screen_texts([("the outline", SLAUGHTER)]).categories == ["violence"]
        assert screen_texts([("the outline", "Mira finds a lost whale calf.")]).clear
        assert moderator().moderate_image(b"\x89PNG", mime="image/png", text="") is None


# --- the openai mode on a moderation server of its own ---------------------------------------


def test_openai_mode_sends_moderation_to_its_own_server_not_the_story_servers() -> None:
    with (
        FakeOpenAI(api_key="sk-story") as story_server,
        FakeOpenAI(api_key="sk-moderation") as moderation_server,
        override_settings(
            AI_PROVIDER="openai",
            OPENAI_API_KEY="sk-story",
            OPENAI_BASE_URL=story_server.base_url,
            STORYGEN_MODERATION_PROVIDER="openai",
            STORYGEN_MODERATION_BASE_URL=moderation_server.base_url,
            STORYGEN_MODERATION_API_KEY="sk-moderation",
            STORYGEN_MODERATION_MODEL="house-moderation",
        ),
    ):
        moderation_server.flag_moderation("the storm swallows", ("violence",))
        assert screen_texts([("the outline", "Mira sails home.")]).clear
        refused = screen_texts([("the outline", "And the storm swallows the town.")])
        assert refused.categories == ["violence"]
        calls = moderation_server.calls_of("moderation")
        assert [call.model for call in calls] == ["house-moderation", "house-moderation"]
        assert story_server.calls_of("moderation") == []


@pytest.mark.parametrize("mode", ["", "openai"])
def test_openai_moderation_defaults_to_the_story_providers_server_key_and_model(
    mode: str,
) -> None:
    with (
        FakeOpenAI(api_key="sk-story") as story_server,
        override_settings(
            AI_PROVIDER="openai",
            OPENAI_API_KEY="sk-story",
            OPENAI_BASE_URL=story_server.base_url,
            STORYGEN_MODERATION_PROVIDER=mode,
        ),
    ):
        assert screen_texts([("the outline", "Mira sails home.")]).clear
        calls = story_server.calls_of("moderation")
        assert [call.model for call in calls] == ["omni-moderation-latest"]


def test_openai_mode_checks_drawn_pictures_on_its_own_server() -> None:
    with (
        FakeOpenAI(api_key="sk-moderation", picture="small") as moderation_server,
        override_settings(
            STORYGEN_MODERATION_PROVIDER="openai",
            STORYGEN_MODERATION_BASE_URL=moderation_server.base_url,
            STORYGEN_MODERATION_API_KEY="sk-moderation",
        ),
    ):
        moderation_server.flag_moderation("the storm", ("violence",))
        verdict = moderator().moderate_image(b"\x89PNG", mime="image/png", text="the storm")
        assert verdict is not None
        assert blocking_categories(verdict) == ("violence",)
        assert [call.references for call in moderation_server.calls_of("moderation")] == [1]


# --- settings --------------------------------------------------------------------------------

ENV = {"DJANGO_DEBUG": "true"}


def test_an_unknown_moderation_provider_refuses_to_start() -> None:
    with pytest.raises(RuntimeError, match="STORYGEN_MODERATION_PROVIDER must be"):
        settings_in_subprocess({**ENV, "STORYGEN_MODERATION_PROVIDER": "ollama"}, "DEBUG")


def test_the_guard_mode_needs_its_model_and_the_openai_mode_a_key() -> None:
    with pytest.raises(RuntimeError, match="needs STORYGEN_MODERATION_MODEL"):
        settings_in_subprocess({**ENV, "STORYGEN_MODERATION_PROVIDER": "guard"}, "DEBUG")
    with pytest.raises(RuntimeError, match="needs STORYGEN_MODERATION_API_KEY"):
        settings_in_subprocess({**ENV, "STORYGEN_MODERATION_PROVIDER": "openai"}, "DEBUG")
    got = settings_in_subprocess(
        {**ENV, "STORYGEN_MODERATION_PROVIDER": "guard", "STORYGEN_MODERATION_MODEL": "lg3"},
        "STORYGEN_MODERATION_MODEL",
    )
    assert got == {"STORYGEN_MODERATION_MODEL": "lg3"}
