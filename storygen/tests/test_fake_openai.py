"""Tests for the fake OpenAI server, driven through the real openai SDK."""

from __future__ import annotations

import base64
import http.client
import io
import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, cast

import openai
import pytest
from PIL import Image
from pydantic import BaseModel, Field

from storygen.testing.fake_openai import MODERATION_CATEGORIES, FakeOpenAI

NAMES = ["Mia", "Leo", "Pip"]
REPO_ROOT = Path(__file__).resolve().parents[2]


def story_schema(content_pages: int, names: list[str] | None = None) -> dict[str, Any]:
    name_items: dict[str, Any] = {"type": "string"}
    if names:
        name_items["enum"] = names
    total = content_pages + 1
    return {
        "type": "object",
        "properties": {
            "title": {"type": "string"},
            "pages": {
                "type": "array",
                "minItems": total,
                "maxItems": total,
                "items": {
                    "type": "object",
                    "properties": {
                        "page_number": {"type": "integer"},
                        "text": {"type": "string"},
                        "image_description": {"type": ["string", "null"]},
                        "characters_in_scene": {"type": "array", "items": name_items},
                    },
                    "required": ["page_number", "text", "image_description", "characters_in_scene"],
                    "additionalProperties": False,
                },
            },
        },
        "required": ["title", "pages"],
        "additionalProperties": False,
    }


def chat_format(schema: dict[str, Any]) -> Any:
    return {
        "type": "json_schema",
        "json_schema": {"name": "story", "strict": True, "schema": schema},
    }


def png_bytes(size: tuple[int, int] = (32, 32)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 100, 50)).save(buffer, "PNG")
    return buffer.getvalue()


def decode_picture(b64: str | None) -> Image.Image:
    assert b64 is not None
    return Image.open(io.BytesIO(base64.b64decode(b64)))


def http_request(
    fake: FakeOpenAI,
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", fake.port, timeout=5)
    try:
        payload = json.dumps(body).encode() if body is not None else None
        conn.request(method, path, body=payload, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(picture="small") as server:
        yield server


@pytest.fixture
def client(fake: FakeOpenAI) -> openai.OpenAI:
    return openai.OpenAI(api_key="sk-test", base_url=fake.base_url, max_retries=0, timeout=5)


def ask_story(client: openai.OpenAI, prompt: str = "Write a story.", pages: int = 3) -> Any:
    return client.chat.completions.create(
        model="gpt-4.1-mini",
        messages=[{"role": "user", "content": prompt}],
        response_format=chat_format(story_schema(pages, NAMES)),
    )


# ---- text ------------------------------------------------------------------------------------


def test_chat_completion_follows_the_json_schema(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    completion = ask_story(client, pages=5)

    assert completion.object == "chat.completion"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.choices[0].message.refusal is None
    assert completion.usage is not None
    assert completion.usage.total_tokens > 0
    story = json.loads(completion.choices[0].message.content or "")
    pages = story["pages"]
    assert [p["page_number"] for p in pages] == [0, 1, 2, 3, 4, 5]
    assert pages[0]["text"] == story["title"]
    for page in pages[1:]:
        assert page["text"]
        assert f"Scene {page['page_number']}:" in page["image_description"]
        assert page["characters_in_scene"]
    assert {name for p in pages for name in p["characters_in_scene"]} <= set(NAMES)
    (call,) = fake.calls_of("text")
    assert call.status == 200
    assert call.model == "gpt-4.1-mini"
    assert call.path == "/v1/chat/completions"
    # The same logical request gets the same story.
    again = ask_story(client, pages=5)
    assert again.choices[0].message.content == completion.choices[0].message.content


def test_chat_parse_with_a_pydantic_schema(client: openai.OpenAI) -> None:
    class Page(BaseModel):
        page_number: int
        text: str
        image_description: str | None
        characters_in_scene: list[Literal["Mia", "Leo"]]

    class Story(BaseModel):
        title: str
        pages: list[Page] = Field(min_length=3, max_length=3)

    completion = client.chat.completions.parse(
        model="gpt-4.1-mini",
        messages=[{"role": "user", "content": "Two pages please."}],
        response_format=Story,
    )

    story = completion.choices[0].message.parsed
    assert story is not None
    assert [p.page_number for p in story.pages] == [0, 1, 2]


def test_story_without_characters_or_schema(client: openai.OpenAI) -> None:
    no_enum = ask_story_with(client, story_schema(2))
    assert len(no_enum["pages"]) == 3
    assert all(page["characters_in_scene"] == [] for page in no_enum["pages"])

    plain = client.chat.completions.create(
        model="gpt-4.1-mini", messages=[{"role": "user", "content": "A story."}]
    )
    story = json.loads(plain.choices[0].message.content or "")
    assert [p["page_number"] for p in story["pages"]] == [0, 1, 2, 3]


def ask_story_with(client: openai.OpenAI, schema: dict[str, Any]) -> Any:
    completion = client.chat.completions.create(
        model="gpt-4.1-mini",
        messages=[{"role": "system", "content": "You write."}, {"role": "user", "content": "Go"}],
        response_format=chat_format(schema),
    )
    return json.loads(completion.choices[0].message.content or "")


def test_responses_api_output_text(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    response = client.responses.create(
        model="gpt-4.1-mini",
        instructions="You write picture books.",
        input=[{"role": "user", "content": [{"type": "input_text", "text": "About a kite."}]}],
        text={
            "format": {
                "type": "json_schema",
                "name": "story",
                "schema": story_schema(4, NAMES),
                "strict": True,
            }
        },
    )

    assert response.status == "completed"
    assert response.usage is not None
    assert response.usage.total_tokens == response.usage.input_tokens + response.usage.output_tokens
    story = json.loads(response.output_text)
    assert len(story["pages"]) == 5
    (call,) = fake.calls_of("text")
    assert "About a kite." in call.prompt
    assert "You write picture books." in call.prompt


@pytest.mark.parametrize(
    "variant",
    [
        "not_json",
        "wrong_count",
        "empty_text",
        "refusal",
        "truncated",
        "unknown_character",
        "blank_pages",
    ],
)
def test_malformed_story_variants(fake: FakeOpenAI, client: openai.OpenAI, variant: str) -> None:
    fake.add_fault("text", mode="malformed", variant=variant, times=1)

    completion = ask_story(client, pages=3)

    message = completion.choices[0].message
    content = message.content
    if variant == "not_json":
        with pytest.raises(json.JSONDecodeError):
            json.loads(content or "")
    elif variant == "wrong_count":
        assert len(json.loads(content or "")["pages"]) != 4
    elif variant == "empty_text":
        assert content == ""
    elif variant == "refusal":
        assert content is None
        assert (message.refusal or "").startswith("I'm sorry")
    elif variant == "truncated":
        assert completion.choices[0].finish_reason == "length"
        with pytest.raises(json.JSONDecodeError):
            json.loads(content or "")
    elif variant == "unknown_character":
        names = {n for p in json.loads(content or "")["pages"] for n in p["characters_in_scene"]}
        assert names - set(NAMES)
    else:
        assert all(p["text"] == "" for p in json.loads(content or "")["pages"])
    assert fake.calls[-1].fault == f"malformed:{variant}"
    # times=1: the next reply is a good story again.
    assert len(json.loads(ask_story(client).choices[0].message.content or "")["pages"]) == 4


def test_responses_refusal(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    fake.add_fault("text", mode="malformed", variant="refusal")

    response = client.responses.create(model="gpt-4.1-mini", input="Write something.")

    assert response.output_text == ""
    part = cast(Any, response.output[0]).content[0]
    assert part.type == "refusal"


# ---- images ----------------------------------------------------------------------------------


def test_images_generate_small_picture(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    result = client.images.generate(model="gpt-image-1", prompt="A fox", size="1536x1024")

    assert result.data is not None
    picture = decode_picture(result.data[0].b64_json)
    assert picture.format == "PNG"
    assert picture.size == (128, 85)
    assert result.usage is not None
    assert result.usage.input_tokens_details.text_tokens > 0
    (call,) = fake.calls_of("image")
    assert (call.size, call.prompt, call.references) == ("1536x1024", "A fox", 0)


def test_images_generate_textured_picture(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    fake.configure(picture="textured")

    first = client.images.generate(model="gpt-image-1", prompt="A fox", size="1024x1024")
    second = client.images.generate(model="gpt-image-1", prompt="A hen", size="1024x1024")

    assert first.data is not None
    assert second.data is not None
    raw = base64.b64decode(first.data[0].b64_json or "")
    assert 1_000_000 < len(raw) < 2_500_000
    picture = decode_picture(first.data[0].b64_json)
    assert picture.size == (1024, 1024)
    picture.load()
    # Cached pixels, yet every call returns distinct bytes.
    assert first.data[0].b64_json != second.data[0].b64_json


def test_images_edit_counts_references(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    reference = png_bytes()

    listed = client.images.edit(
        model="gpt-image-1",
        image=[("a.png", reference, "image/png"), ("b.png", reference, "image/png")],
        prompt="Put them in a boat",
        size="1024x1536",
        quality="low",
    )
    single = client.images.edit(
        model="gpt-image-1", image=("a.png", reference, "image/png"), prompt="Alone"
    )

    assert listed.data is not None
    assert single.data is not None
    assert decode_picture(listed.data[0].b64_json).size == (85, 128)
    assert [c.references for c in fake.calls_of("edit")] == [2, 1]
    assert fake.calls_of("edit")[0].size == "1024x1536"
    assert listed.usage is not None
    assert listed.usage.input_tokens_details.image_tokens > 0


def test_blocked_image_prompts(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    fake.block_images("dragon")
    fake.block_images("Scene 3:")

    with pytest.raises(openai.BadRequestError) as excinfo:
        client.images.generate(model="gpt-image-1", prompt="A red dragon")
    assert excinfo.value.code == "moderation_blocked"
    assert excinfo.value.type == "image_generation_user_error"
    assert excinfo.value.body == {
        "message": "Your request was rejected as a result of our safety system.",
        "type": "image_generation_user_error",
        "param": None,
        "code": "moderation_blocked",
    }
    with pytest.raises(openai.BadRequestError):
        client.images.edit(image=png_bytes(), prompt="Scene 3: a walk", model="gpt-image-1")
    client.images.generate(model="gpt-image-1", prompt="Scene 30: a walk")

    fake.reset()
    client.images.generate(model="gpt-image-1", prompt="A red dragon")


# ---- moderation, models, speech --------------------------------------------------------------


def test_moderation_flags_matching_inputs(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    fake.flag_moderation("punch", categories=("violence", "harassment_threatening"))

    result = client.moderations.create(
        model="omni-moderation-latest", input=["a big punch", "a warm hug"]
    )

    flagged, clean = result.results
    assert flagged.flagged
    assert flagged.categories.violence
    assert flagged.categories.harassment_threatening
    assert not flagged.categories.hate
    assert flagged.category_scores.violence > 0.9
    assert not clean.flagged
    assert clean.category_scores.violence < 0.01
    dumped = flagged.model_dump(by_alias=True)
    for section in ("categories", "category_scores", "category_applied_input_types"):
        assert set(dumped[section]) == set(MODERATION_CATEGORIES)
    single = client.moderations.create(input="punch")
    assert single.results[0].flagged
    assert fake.calls_of("moderation")[0].model == "omni-moderation-latest"


def test_a_pictures_only_flag_needs_a_picture_in_the_input(
    fake: FakeOpenAI, client: openai.OpenAI
) -> None:
    fake.flag_moderation("the pond", categories=("sexual",), pictures_only=True)
    picture = "data:image/png;base64," + base64.b64encode(png_bytes()).decode()

    text_only = client.moderations.create(input="A duck on the pond.")
    with_picture = client.moderations.create(
        input=[
            {"type": "text", "text": "A duck on the pond."},
            {"type": "image_url", "image_url": {"url": picture}},
        ]
    )

    assert not text_only.results[0].flagged
    assert with_picture.results[0].flagged
    assert with_picture.results[0].categories.sexual
    assert with_picture.results[0].category_applied_input_types.sexual == ["text", "image"]
    assert [call.references for call in fake.calls_of("moderation")] == [0, 1]
    with pytest.raises(ValueError, match="not scored on images"):
        fake.flag_moderation("x", categories=("sexual/minors",), pictures_only=True)


@pytest.mark.parametrize(
    "url", ["data:text/plain;base64,aGk=", "data:image/png;base64,***", "file:///etc/passwd"]
)
def test_a_moderation_picture_must_be_an_image_url(
    fake: FakeOpenAI, client: openai.OpenAI, url: str
) -> None:
    with pytest.raises(openai.BadRequestError):
        client.moderations.create(input=[{"type": "image_url", "image_url": {"url": url}}])


def test_models_list_and_retrieve(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    fake.set_models(
        [
            {"id": "gpt-4.1-mini", "shutdown_date": "2026-10-01"},
            "gpt-image-1",
        ]
    )

    models = {m.id: m for m in client.models.list()}
    one = client.models.retrieve("gpt-4.1-mini")

    assert set(models) == {"gpt-4.1-mini", "gpt-image-1"}
    assert models["gpt-4.1-mini"].shutdown_date == "2026-10-01"
    assert models["gpt-image-1"].shutdown_date is None
    assert one.object == "model"
    assert one.shutdown_date == "2026-10-01"
    with pytest.raises(openai.NotFoundError) as excinfo:
        client.models.retrieve("gpt-0")
    assert excinfo.value.code == "model_not_found"


def test_speech_returns_audio(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    speech = client.audio.speech.create(model="gpt-4o-mini-tts", voice="alloy", input="Hello!")

    assert speech.response.headers["content-type"] == "audio/mpeg"
    assert len(speech.content) > 100
    assert fake.calls_of("speech")[0].status == 200


# ---- faults ----------------------------------------------------------------------------------


def test_rate_limit_with_retry_after(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    fault = fake.add_fault("text", status=429, times=1, retry_after=2, retry_after_ms=1500)

    with pytest.raises(openai.RateLimitError) as excinfo:
        ask_story(client)

    error = excinfo.value
    assert error.response.headers["retry-after"] == "2"
    assert error.response.headers["retry-after-ms"] == "1500"
    assert error.code == "rate_limit_exceeded"
    assert error.type == "requests"
    assert error.request_id is not None
    assert error.request_id.startswith("req_")
    assert fault.hits == 1
    ask_story(client)
    assert [c.status for c in fake.calls_of("text")] == [429, 200]
    assert fake.stats()["rate_limited"] == 1


def test_insufficient_quota(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    fake.add_fault("*", status=429, code="insufficient_quota")

    with pytest.raises(openai.RateLimitError) as excinfo:
        client.images.generate(model="gpt-image-1", prompt="A fox")

    assert excinfo.value.code == "insufficient_quota"
    assert excinfo.value.type == "insufficient_quota"
    assert "retry-after" not in excinfo.value.response.headers


def test_server_error(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    fake.add_fault("moderation", status=500, should_retry=False)

    with pytest.raises(openai.InternalServerError) as excinfo:
        client.moderations.create(input="hello")

    assert excinfo.value.status_code == 500
    assert excinfo.value.type == "server_error"
    assert excinfo.value.response.headers["x-should-retry"] == "false"
    ask_story(client)


def test_times_and_match_filters(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    fault = fake.add_fault("text", status=503, times=2, match="dragon")

    ask_story(client, "A story about a kite")
    for _ in range(2):
        with pytest.raises(openai.InternalServerError):
            ask_story(client, "A story about a dragon")
    ask_story(client, "A story about a dragon")

    assert fault.hits == 2
    assert fake.faults == []
    assert [c.status for c in fake.calls_of("text")] == [200, 503, 503, 200]


def test_match_targets_one_page_picture(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    story = json.loads(ask_story(client, pages=4).choices[0].message.content or "")
    fake.add_fault("image", status=500, match="Scene 3:")

    outcomes = []
    for page in story["pages"]:
        try:
            client.images.generate(model="gpt-image-1", prompt=page["image_description"])
            outcomes.append("ok")
        except openai.InternalServerError:
            outcomes.append("failed")

    assert outcomes == ["ok", "ok", "ok", "failed", "ok"]


def test_image_faults_cover_edits_but_edit_faults_do_not_cover_generations(
    fake: FakeOpenAI, client: openai.OpenAI
) -> None:
    fake.add_fault("image", status=500, times=1)
    with pytest.raises(openai.InternalServerError):
        client.images.edit(image=png_bytes(), prompt="x", model="gpt-image-1")

    fake.add_fault("edit", status=502, times=1)
    client.images.generate(model="gpt-image-1", prompt="x")
    with pytest.raises(openai.InternalServerError):
        client.images.edit(image=png_bytes(), prompt="x", model="gpt-image-1")


def test_duration_fault_expires(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    fake.add_fault("text", status=500, duration=0.3)

    with pytest.raises(openai.InternalServerError):
        ask_story(client)
    time.sleep(0.35)
    ask_story(client)


def test_hang_times_out_and_stop_is_fast() -> None:
    fake = FakeOpenAI(picture="small").start()
    try:
        fake.add_fault("text", mode="hang")
        quick = openai.OpenAI(api_key="k", base_url=fake.base_url, max_retries=0, timeout=0.5)
        started = time.monotonic()
        with pytest.raises(openai.APITimeoutError):
            ask_story(quick)
        assert time.monotonic() - started < 2

        # The handler notices the client hung up and stops waiting.
        deadline = time.monotonic() + 2
        while fake.in_flight and time.monotonic() < deadline:
            time.sleep(0.02)
        assert fake.in_flight == 0

        patient = openai.OpenAI(api_key="k", base_url=fake.base_url, max_retries=0, timeout=10)
        errors: list[Exception] = []

        def hang() -> None:
            try:
                ask_story(patient)
            except Exception as exc:
                errors.append(exc)

        worker = threading.Thread(target=hang)
        worker.start()
        while fake.in_flight == 0 and time.monotonic() < deadline + 2:
            time.sleep(0.02)
        assert fake.in_flight == 1
    finally:
        started = time.monotonic()
        fake.stop()
        stop_took = time.monotonic() - started
    worker.join(timeout=5)
    assert stop_took < 1
    assert not worker.is_alive()
    assert len(errors) == 1
    assert isinstance(errors[0], openai.APIConnectionError)


def test_reset_drops_the_connection(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    fake.add_fault("image", mode="reset", times=1)

    with pytest.raises(openai.APIConnectionError):
        client.images.generate(model="gpt-image-1", prompt="A fox")

    assert fake.calls_of("image")[0].status == 0
    assert fake.calls_of("image")[0].fault == "reset"
    client.images.generate(model="gpt-image-1", prompt="A fox")


def test_wrong_api_key() -> None:
    with FakeOpenAI(api_key="sk-right", picture="small") as fake:
        wrong = openai.OpenAI(api_key="sk-wrong", base_url=fake.base_url, max_retries=0)
        right = openai.OpenAI(api_key="sk-right", base_url=fake.base_url, max_retries=0)

        with pytest.raises(openai.AuthenticationError) as excinfo:
            wrong.models.list()
        right.models.list()

    assert excinfo.value.code == "invalid_api_key"
    assert excinfo.value.body == {
        "message": "Incorrect API key provided",
        "type": "invalid_request_error",
        "param": None,
        "code": "invalid_api_key",
    }


# ---- latency and concurrency -----------------------------------------------------------------


def test_latency_is_honoured(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    fake.configure(text_latency=0.3)

    started = time.monotonic()
    ask_story(client)

    assert time.monotonic() - started >= 0.3
    assert fake.calls[-1].duration >= 0.3
    assert fake.calls[-1].ended_at - fake.calls[-1].started_at >= 0.29


def test_jitter_is_reproducible_per_prompt(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    fake.configure(image_latency=0.1, jitter=0.5)

    for prompt in ("Same prompt", "Same prompt", "Other prompt"):
        client.images.generate(model="gpt-image-1", prompt=prompt)

    first, second, other = fake.calls_of("image")
    assert first.key == second.key != other.key
    assert first.latency == second.latency != other.latency
    assert 0.02 <= first.latency <= 0.5
    assert first.duration >= first.latency


def run_concurrently(count: int, action: Any) -> list[Any]:
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def work(index: int) -> None:
        barrier.wait()
        try:
            results[index] = action(index)
        except Exception as exc:
            results[index] = exc

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    return results


def test_max_in_flight_counts_concurrent_requests(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    fake.configure(text_latency=0.3)

    results = run_concurrently(8, lambda i: ask_story(client, f"story {i}"))

    assert not [r for r in results if isinstance(r, Exception)]
    assert fake.max_in_flight == 8
    assert fake.max_in_flight_of("text") == 8
    assert fake.max_in_flight_of("image") == 0
    assert fake.in_flight == 0
    fake.reset_stats()
    assert (fake.max_in_flight, fake.calls) == (0, [])


def test_fifty_concurrent_image_requests(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    # Long enough for fifty client threads to be all in flight on a busy 2-core machine.
    fake.configure(image_latency=2.0)

    results = run_concurrently(
        50, lambda i: client.images.generate(model="gpt-image-1", prompt=f"picture {i}")
    )

    assert not [r for r in results if isinstance(r, Exception)]
    assert fake.max_in_flight_of("image") == 50
    assert len(fake.calls_of("image")) == 50


# ---- HTTP extras -----------------------------------------------------------------------------


def test_control_and_stats_over_http(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    status, _, body = http_request(
        fake,
        "POST",
        "/_control",
        {
            "configure": {"text_latency": 0, "picture": "small"},
            "add_fault": [{"kind": "text", "status": 429, "times": 1, "retry_after": 1}],
            "block_images": ["volcano"],
            "flag_moderation": {"match": "boo", "categories": ["hate"]},
        },
    )
    assert status == 200
    assert json.loads(body)["ok"] is True

    with pytest.raises(openai.RateLimitError):
        ask_story(client)
    ask_story(client)
    with pytest.raises(openai.BadRequestError):
        client.images.generate(model="gpt-image-1", prompt="A volcano")
    assert client.moderations.create(input="boo").results[0].categories.hate

    status, headers, body = http_request(fake, "GET", "/_stats")
    stats = json.loads(body)
    assert status == 200
    assert headers["x-request-id"].startswith("req_")
    assert stats["counts"]["text"] == {"200": 1, "429": 1}
    assert stats["counts"]["image"] == {"400": 1}
    assert stats["rate_limited"] == 1
    assert stats["max_in_flight"] >= 1
    assert stats["total"] == 4

    status, _, body = http_request(fake, "POST", "/_control", {"reset": True})
    assert status == 200
    assert fake.calls == []
    client.images.generate(model="gpt-image-1", prompt="A volcano")

    status, _, body = http_request(fake, "POST", "/_control", {"add_fault": {"kind": "bogus"}})
    assert status == 400
    assert "kind" in json.loads(body)["error"]["message"]


def test_error_shapes_and_keep_alive(fake: FakeOpenAI) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", fake.port, timeout=5)
    try:
        conn.request("GET", "/v1/models")
        missing_key = conn.getresponse()
        body = json.loads(missing_key.read())
        assert missing_key.status == 401
        assert set(body["error"]) == {"message", "type", "param", "code"}
        assert missing_key.getheader("x-request-id", "").startswith("req_")

        auth = {"Authorization": "Bearer sk-any", "Content-Type": "application/json"}
        conn.request("POST", "/v1/nowhere", body=b"{}", headers=auth)
        unknown = conn.getresponse()
        assert unknown.status == 404
        assert json.loads(unknown.read())["error"]["code"] == "unknown_url"

        conn.request("POST", "/v1/chat/completions", body=b"{nope", headers=auth)
        bad_json = conn.getresponse()
        assert bad_json.status == 400
        assert json.loads(bad_json.read())["error"]["type"] == "invalid_request_error"

        chunks = iter([b'{"model": "m", "input": ', b'"chunked hello"}'])
        conn.request("POST", "/v1/moderations", body=chunks, headers=auth, encode_chunked=True)
        chunked = conn.getresponse()
        assert chunked.status == 200
        assert len(json.loads(chunked.read())["results"]) == 1
    finally:
        conn.close()
    assert fake.calls_of("moderation")[0].prompt == "chunked hello"


def test_jsonl_log(tmp_path: Path) -> None:
    log = tmp_path / "calls.jsonl"
    with FakeOpenAI(picture="small", log_path=log) as fake:
        client = openai.OpenAI(api_key="k", base_url=fake.base_url, max_retries=0)
        ask_story(client, "secret plot")
        client.models.list()

    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert [entry["kind"] for entry in lines] == ["text", "models"]
    assert all("prompt" not in entry for entry in lines)
    assert lines[0]["status"] == 200
    assert lines[0]["ended"] >= lines[0]["started"]


def test_command_line_server() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "storygen.testing.fake_openai", "--port", "0", "--picture", "small"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:")
        assert base_url.endswith("/v1")
        client = openai.OpenAI(api_key="k", base_url=base_url, max_retries=0, timeout=5)
        assert any(model.id == "gpt-image-1" for model in client.models.list())
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=5) == 0


def test_a_page_text_schema_gets_story_text(fake: FakeOpenAI, client: openai.OpenAI) -> None:
    schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["text"],
        "properties": {"text": {"type": "string"}},
    }
    completion = client.chat.completions.create(
        model="gpt-4.1-mini",
        messages=[{"role": "user", "content": "Rewrite page 2."}],
        response_format=chat_format(schema),
    )
    reply = json.loads(completion.choices[0].message.content or "")
    assert list(reply) == ["text"]
    assert reply["text"].startswith("Once more, our friends ")
    other = client.chat.completions.create(
        model="gpt-4.1-mini",
        messages=[{"role": "user", "content": "Rewrite page 3."}],
        response_format=chat_format(schema),
    )
    assert other.choices[0].message.content != completion.choices[0].message.content
