"""The OpenAI adapter, driven through the real SDK against the fake OpenAI server."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator

import pytest
from PIL import Image

from stories import prompts
from storygen.ai.errors import (
    AIContentBlocked,
    AIProviderAuthFailed,
    AIProviderRejected,
    AIProviderUnavailable,
    AIQuotaExhausted,
)
from storygen.ai.openai import OpenAIProvider
from storygen.ai.types import CharacterBrief, PageRewriteRequest, StoryBrief, StoryRequest
from storygen.testing.fake_openai import FakeOpenAI

BRIEF = StoryBrief(
    title="",
    genre="Fantasy",
    outline="Two friends find a moon boat.",
    num_pages=4,
    characters=(CharacterBrief(name="Mira"), CharacterBrief(name="Pip")),
)
REQUEST = StoryRequest(
    brief=BRIEF,
    instructions=prompts.story_instructions(),
    prompt=prompts.story_prompt(BRIEF),
    schema=prompts.story_schema(BRIEF),
)

PAGES = ("The Moon Boat", "Mira found a boat.", "Pip steered it to the moon.", "They slept.", "")
REWRITE = PageRewriteRequest(
    brief=BRIEF,
    page_number=2,
    text=PAGES[2],
    characters_in_scene=("Pip",),
    pages=PAGES,
    user_instructions="funnier",
    instructions=prompts.page_rewrite_instructions(),
    prompt=prompts.page_rewrite_prompt(
        brief=BRIEF,
        page_number=2,
        pages=PAGES,
        characters_in_scene=("Pip",),
        user_instructions="funnier",
    ),
    schema=prompts.page_rewrite_schema(),
)


@pytest.fixture(scope="module")
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(api_key="sk-test", picture="small") as fake:
        yield fake


@pytest.fixture
def fake(server: FakeOpenAI) -> Iterator[FakeOpenAI]:
    server.reset()
    server.configure(text_latency=0, image_latency=0, edit_latency=0, moderation_latency=0)
    yield server
    server.reset()


def _provider(fake: FakeOpenAI, **options: object) -> OpenAIProvider:
    values: dict = {
        "api_key": "sk-test",
        "base_url": fake.base_url,
        "text_model": "gpt-test",
        "image_model": "image-test",
        "moderation_model": "omni-moderation-latest",
        "text_timeout": 5.0,
        "image_timeout": 5.0,
        "connect_timeout": 1.0,
    }
    values.update(options)
    return OpenAIProvider(**values)


@pytest.mark.parametrize("responses_api", [False, True])
def test_write_story_returns_a_validated_draft(fake: FakeOpenAI, responses_api: bool) -> None:
    draft = _provider(fake, use_responses_api=responses_api).write_story(REQUEST)
    assert draft.title
    assert [page.number for page in draft.pages] == [0, 1, 2, 3, 4]
    assert all(set(page.characters_in_scene) <= {"Mira", "Pip"} for page in draft.pages)
    assert draft.usage.output_tokens > 0
    (call,) = fake.calls_of("text")
    assert call.model == "gpt-test"
    assert call.path.endswith("/responses" if responses_api else "/chat/completions")


@pytest.mark.parametrize("variant", ["not_json", "wrong_count", "empty_text", "blank_pages"])
def test_a_malformed_story_gets_one_repair_attempt(fake: FakeOpenAI, variant: str) -> None:
    fake.add_fault("text", mode="malformed", variant=variant, times=1)
    draft = _provider(fake).write_story(REQUEST)
    assert len(draft.pages) == 5
    assert len(fake.calls_of("text")) == 2


@pytest.mark.parametrize("responses_api", [False, True])
def test_a_model_refusal_is_content_blocked_without_a_repair(
    fake: FakeOpenAI, responses_api: bool
) -> None:
    fake.add_fault("text", mode="malformed", variant="refusal", times=1)
    with pytest.raises(AIContentBlocked):
        _provider(fake, use_responses_api=responses_api).write_story(REQUEST)
    assert len(fake.calls_of("text")) == 1


def test_a_cut_short_story_is_rejected(fake: FakeOpenAI) -> None:
    fake.add_fault("text", mode="malformed", variant="truncated", times=1)
    with pytest.raises(AIProviderRejected, match="OPENAI_MAX_OUTPUT_TOKENS"):
        _provider(fake).write_story(REQUEST)


def test_a_story_that_stays_malformed_is_rejected_after_two_calls(fake: FakeOpenAI) -> None:
    fake.add_fault("text", mode="malformed", variant="wrong_count", times=5)
    with pytest.raises(AIProviderRejected, match="cannot use"):
        _provider(fake).write_story(REQUEST)
    assert len(fake.calls_of("text")) == 2


def test_text_fallback_tries_the_other_api_once(fake: FakeOpenAI) -> None:
    fake.add_fault("text", status=404, times=1, code="model_not_found")
    draft = _provider(fake, text_fallback=True).write_story(REQUEST)
    assert draft.pages
    paths = [call.path for call in fake.calls_of("text")]
    assert paths[0].endswith("/chat/completions")
    assert paths[1].endswith("/responses")


def test_rate_limit_is_transient_with_the_retry_after_hint(fake: FakeOpenAI) -> None:
    fake.add_fault("text", status=429, times=1, retry_after=7)
    with pytest.raises(AIProviderUnavailable) as error:
        _provider(fake).write_story(REQUEST)
    assert error.value.retry_after == pytest.approx(7)
    assert len(fake.calls_of("text")) == 1  # the SDK's own retries are off


def test_retry_after_ms_is_preferred(fake: FakeOpenAI) -> None:
    fake.add_fault("image", status=429, times=1, retry_after=7, retry_after_ms=1500)
    with pytest.raises(AIProviderUnavailable) as error:
        _provider(fake).draw("a cat", size="256x256")
    assert error.value.retry_after == pytest.approx(1.5)


def test_quota_exhaustion_is_not_a_rate_limit(fake: FakeOpenAI) -> None:
    fake.add_fault(
        "image", status=429, times=1, code="insufficient_quota", error_type="insufficient_quota"
    )
    with pytest.raises(AIQuotaExhausted):
        _provider(fake).draw("a cat", size="256x256")


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_transient(fake: FakeOpenAI, status: int) -> None:
    fake.add_fault("image", status=status, times=1)
    with pytest.raises(AIProviderUnavailable):
        _provider(fake).draw("a cat", size="256x256")


def test_a_hanging_provider_times_out_as_transient(fake: FakeOpenAI) -> None:
    fake.add_fault("image", mode="hang", times=1)
    started = time.monotonic()
    with pytest.raises(AIProviderUnavailable, match="in time"):
        _provider(fake, image_timeout=0.5).draw("a cat", size="256x256")
    assert time.monotonic() - started < 3


def test_a_dropped_connection_is_transient(fake: FakeOpenAI) -> None:
    fake.add_fault("image", mode="reset", times=1)
    with pytest.raises(AIProviderUnavailable):
        _provider(fake).draw("a cat", size="256x256")


def test_a_safety_refusal_is_content_blocked(fake: FakeOpenAI) -> None:
    fake.block_images("Scene 3")
    with pytest.raises(AIContentBlocked):
        _provider(fake).draw("Scene 3: a storm", size="256x256")


def test_bad_credentials_are_rejected_not_retried(fake: FakeOpenAI) -> None:
    with pytest.raises(AIProviderRejected, match="OPENAI_API_KEY"):
        _provider(fake, api_key="sk-wrong").draw("a cat", size="256x256")


def test_a_bad_request_is_rejected(fake: FakeOpenAI) -> None:
    fake.add_fault("image", status=400, times=1, code="invalid_size", message="Invalid size")
    with pytest.raises(AIProviderRejected, match="invalid_size"):
        _provider(fake).draw("a cat", size="256x256")


def test_draw_without_references_generates_a_jpeg_by_default(fake: FakeOpenAI) -> None:
    picture = _provider(fake).draw("a cat", size="256x384")
    assert picture.mime == "image/jpeg"
    assert Image.open(io.BytesIO(picture.data)).format == "JPEG"
    (call,) = fake.calls_of("image")
    assert call.kind == "image"
    assert call.prompt == "a cat"


def test_draw_with_references_edits_with_every_reference(fake: FakeOpenAI) -> None:
    sheet = _provider(fake).draw("a sheet", size="256x256").data
    fake.reset_stats()
    picture = _provider(fake, image_format="png").draw(
        "page", size="256x256", references=[sheet, sheet]
    )
    assert picture.mime == "image/png"
    (call,) = fake.calls_of("edit")
    assert call.references == 2


def test_moderate_reports_flagged_categories(fake: FakeOpenAI) -> None:
    fake.flag_moderation("dangerous", categories=("violence",))
    verdict = _provider(fake).moderate("something dangerous")
    assert verdict.flagged
    assert "violence" in verdict.categories
    assert verdict.scores["violence"] > 0.5
    assert not _provider(fake).moderate("a picnic").flagged


def test_moderate_image_checks_the_picture_with_its_text(fake: FakeOpenAI) -> None:
    fake.flag_moderation("by the river", categories=("violence",), pictures_only=True)
    picture = _provider(fake).draw("a river", size="256x256")

    verdict = _provider(fake).moderate_image(
        picture.data, mime=picture.mime, text="They played by the river."
    )
    calm = _provider(fake).moderate_image(picture.data, mime=picture.mime, text="A picnic.")

    assert verdict is not None
    assert verdict.flagged
    assert verdict.categories == ("violence",)
    assert calm is not None
    assert not calm.flagged
    checks = fake.calls_of("moderation")
    assert [(c.prompt, c.references) for c in checks] == [
        ("They played by the river.", 1),
        ("A picnic.", 1),
    ]
    assert not _provider(fake).moderate("They played by the river.").flagged


def test_image_moderation_can_be_turned_off(fake: FakeOpenAI) -> None:
    provider = _provider(fake, moderate_images=False)
    assert provider.moderate_image(b"\x89PNG", mime="image/png", text="a page") is None
    assert fake.calls_of("moderation") == []


def test_missing_key_is_refused_up_front() -> None:
    with pytest.raises(AIProviderRejected, match="OPENAI_API_KEY"):
        OpenAIProvider(api_key="", text_model="t", image_model="i", moderation_model="m")


# --- rewriting one page -------------------------------------------------------------------


@pytest.mark.parametrize("responses_api", [False, True])
def test_rewrite_page_returns_the_new_text(fake: FakeOpenAI, responses_api: bool) -> None:
    result = _provider(fake, use_responses_api=responses_api).rewrite_page(REWRITE)
    assert result.text.startswith("Once more, our friends ")
    assert result.usage.output_tokens > 0
    (call,) = fake.calls_of("text")
    assert call.path.endswith("/responses" if responses_api else "/chat/completions")
    assert "Rewrite page 2" in call.prompt
    assert "funnier" in call.prompt
    assert "Pip steered it to the moon." in call.prompt


@pytest.mark.parametrize("variant", ["not_json", "empty_text", "blank_pages"])
def test_a_malformed_page_reply_gets_one_repair_attempt(fake: FakeOpenAI, variant: str) -> None:
    fake.add_fault("text", mode="malformed", variant=variant, times=1)
    result = _provider(fake).rewrite_page(REWRITE)
    assert result.text
    calls = fake.calls_of("text")
    assert len(calls) == 2
    assert "That reply cannot be used" in calls[1].prompt


def test_a_page_reply_that_stays_malformed_is_rejected(fake: FakeOpenAI) -> None:
    fake.add_fault("text", mode="malformed", variant="not_json", times=5)
    with pytest.raises(AIProviderRejected, match="a page we cannot use"):
        _provider(fake).rewrite_page(REWRITE)
    assert len(fake.calls_of("text")) == 2


def test_a_refused_rewrite_is_content_blocked(fake: FakeOpenAI) -> None:
    fake.add_fault("text", mode="malformed", variant="refusal", times=1)
    with pytest.raises(AIContentBlocked):
        _provider(fake).rewrite_page(REWRITE)


def test_a_cut_short_rewrite_is_rejected(fake: FakeOpenAI) -> None:
    fake.add_fault("text", mode="malformed", variant="truncated", times=1)
    with pytest.raises(AIProviderRejected, match="OPENAI_MAX_OUTPUT_TOKENS"):
        _provider(fake).rewrite_page(REWRITE)


def test_rewrite_errors_are_mapped_like_story_errors(fake: FakeOpenAI) -> None:
    fake.add_fault("text", status=429, times=1, retry_after=3)
    with pytest.raises(AIProviderUnavailable) as busy:
        _provider(fake).rewrite_page(REWRITE)
    assert busy.value.retry_after == pytest.approx(3)
    fake.add_fault(
        "text", status=429, times=1, code="insufficient_quota", error_type="insufficient_quota"
    )
    with pytest.raises(AIQuotaExhausted):
        _provider(fake).rewrite_page(REWRITE)
    with pytest.raises(AIProviderAuthFailed):
        _provider(fake, api_key="sk-wrong").rewrite_page(REWRITE)


def test_a_rejected_rewrite_tries_the_other_api_when_fallback_is_on(fake: FakeOpenAI) -> None:
    fake.add_fault("text", status=404, times=1, code="model_not_found")
    assert _provider(fake, text_fallback=True).rewrite_page(REWRITE).text
    paths = [call.path for call in fake.calls_of("text")]
    assert paths[0].endswith("/chat/completions")
    assert paths[1].endswith("/responses")


# Page shapes: Square, A4 portrait, Letter portrait and Letter landscape, as the pipeline
# asks for them with a long side of 1024.
PAGE_SIZES = ("1024x1024", "724x1024", "791x1024", "1024x791")


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        # Any size: the page's shape, sides a multiple of 16.
        ("gpt-image-2", ("1024x1024", "720x1024", "784x1024", "1024x784")),
        # Fixed sizes: the one nearest in shape.
        ("gpt-image-1", ("1024x1024", "1024x1536", "1024x1536", "1536x1024")),
        ("gpt-image-1.5", ("1024x1024", "1024x1536", "1024x1536", "1536x1024")),
        ("dall-e-3", ("1024x1024", "1024x1792", "1024x1024", "1024x1024")),
    ],
)
def test_pictures_are_asked_for_at_the_page_shape_the_model_allows(
    fake: FakeOpenAI, model: str, expected: tuple[str, ...]
) -> None:
    provider = _provider(fake, image_model=model)
    for size in PAGE_SIZES:
        provider.draw("a cat", size=size)
    sheet = provider.draw("a sheet", size="256x256").data
    provider.draw("page", size=PAGE_SIZES[1], references=[sheet])
    assert tuple(call.size for call in fake.calls_of("image")[:4]) == expected
    assert fake.calls_of("edit")[0].size == expected[1]


def test_a_small_long_side_is_raised_to_what_gpt_image_2_draws(fake: FakeOpenAI) -> None:
    _provider(fake, image_model="gpt-image-2").draw("a cat", size="136x192")
    (call,) = fake.calls_of("image")
    width, height = (int(side) for side in call.size.split("x"))
    assert width % 16 == 0
    assert height % 16 == 0
    assert width * height >= 655_360
    assert width / height == pytest.approx(136 / 192, abs=0.02)


def test_an_unknown_model_is_asked_for_the_size_as_it_is(fake: FakeOpenAI) -> None:
    _provider(fake).draw("a cat", size="724x1024")
    assert fake.calls_of("image")[0].size == "724x1024"
