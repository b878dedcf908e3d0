"""A story's PDF as the reference product's browser client downloads it: "Export as PDF"
fetches ``GET /api/v1/stories/{id}/pdf`` with its bearer token, saves the body as a blob and
names the file from Content-Disposition. Whatever the story's length, the answer is the PDF;
only a client that says it prefers to poll gets a 202."""

from __future__ import annotations

import json
import re
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlencode

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import PASSWORD
from stories import selectors, services
from stories.models import Story
from stories.services import pdf
from storygen.media import media_path, write_atomic

pytestmark = pytest.mark.django_db

ORIGIN = "https://books.example.org"


@pytest.fixture(autouse=True)
def _own_media(settings: Any, tmp_path: Path) -> None:
    """A media folder per test: story ids repeat between tests, their PDFs must not."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _made(user: User, run_pipeline: Any, story_request: dict, **changes: Any) -> Story:
    task = run_pipeline(services.story_generation_start, owner=user, **{**story_request, **changes})
    story = Story.objects.get(pk=task.story_id)
    assert story.status == Story.Status.READY
    return story


@pytest.fixture
def story(user: User, run_pipeline: Any, story_request: dict) -> Story:
    return _made(user, run_pipeline, story_request)


def _sign_in(user: User) -> APIClient:
    """Sign in as the client does (a form POST of the password grant), then send the token."""
    client = APIClient()
    response = client.post(
        "/api/v1/token",
        urlencode({"username": user.username, "password": PASSWORD}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200, response.json()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access_token']}")
    return client


def _url(story: Story, slash: bool = False) -> str:
    return f"/api/v1/stories/{story.pk}/pdf" + ("/" if slash else "")


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def _client_file_name(response: Any) -> str:
    """The file name as the client reads it: what follows ``filename=``, up to a ``;``."""
    match = re.search(r"filename=([^;]+)", response["Content-Disposition"])
    assert match, response["Content-Disposition"]
    return match.group(1).strip()


def _page_count(data: bytes) -> int:
    """The page count of a PDF: the /Count of its page tree, read from every stream
    (WeasyPrint packs its objects into compressed object streams)."""
    texts = [data]
    for start in re.finditer(rb"stream\r?\n", data):
        try:
            texts.append(zlib.decompressobj().decompress(data[start.end() :]))
        except zlib.error:
            continue
    counts = [
        int(first or second)
        for text in texts
        for first, second in re.findall(
            rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", text
        )
    ]
    assert counts, "no page tree found"
    return max(counts)


def _paths(story: Story) -> tuple[Path, Path]:
    """The PDF file and the state file of the story as it is now."""
    source = selectors.story_pdf_source(story_id=story.pk)
    assert source is not None
    fingerprint = pdf.story_pdf_fingerprint(story=source, pages=list(source.pages.all()))
    folder = media_path(f"stories/{story.pk}/pdf")
    return folder / f"{fingerprint}.pdf", folder / f"{fingerprint}.json"


def _rendering_elsewhere(story: Story) -> tuple[Path, Path]:
    """Mark the story's PDF as being rendered by someone else (a worker, another request)."""
    pdf_file, state = _paths(story)
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(json.dumps({"status": "rendering", "progress": 40, "updated": time.time()}))
    return pdf_file, state


@pytest.fixture
def later() -> Iterator[Any]:
    """Run a function a little later in another thread, as another process would."""
    timers: list[threading.Timer] = []

    def run(seconds: float, fn: Any) -> None:
        timer = threading.Timer(seconds, fn)
        timers.append(timer)
        timer.start()

    yield run
    for timer in timers:
        timer.join()


# --- the PDF, whatever the length -------------------------------------------------------------


@pytest.mark.parametrize("slash", [False, True])
def test_a_twenty_page_story_downloads_as_its_pdf_with_no_cached_render(
    user: User, run_pipeline: Any, story_request: dict, slash: bool
) -> None:
    story = _made(user, run_pipeline, story_request, num_pages=20)
    assert not _paths(story)[0].exists()
    assert _url(story) == reverse("story-pdf", args=[story.pk])
    client = _sign_in(user)

    response = client.get(_url(story, slash))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = _body(response)
    assert data.startswith(b"%PDF-")
    assert _page_count(data) == 21  # the cover and the twenty pages
    assert _client_file_name(response) == "The Lantern Keeper.pdf"
    assert "Prefer" in response["Vary"]
    assert "Preference-Applied" not in response


def test_a_client_that_asks_for_a_pdf_with_accept_gets_it(user: User, story: Story) -> None:
    response = _sign_in(user).get(_url(story), HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert _body(response).startswith(b"%PDF-")


def test_a_render_under_way_is_waited_for_and_its_pdf_served(
    user: User, story: Story, monkeypatch: pytest.MonkeyPatch, later: Any
) -> None:
    source = selectors.story_pdf_source(story_id=story.pk)
    assert source is not None
    theirs = pdf.story_pdf_bytes(story=source, pages=list(source.pages.all()))
    pdf_file, state = _rendering_elsewhere(story)

    def finished_elsewhere() -> None:
        write_atomic(f"stories/{story.pk}/pdf/{pdf_file.name}", theirs)
        state.unlink()

    def not_here(**kwargs: Any) -> bytes:
        raise AssertionError("the request rendered a PDF already being rendered")

    monkeypatch.setattr(pdf, "story_pdf_bytes", not_here)
    later(0.6, finished_elsewhere)
    started = time.monotonic()

    response = _sign_in(user).get(_url(story))

    assert response.status_code == 200
    assert time.monotonic() - started >= 0.5
    assert _body(response) == theirs


def test_a_render_that_outlasts_the_wait_is_made_by_the_request(
    user: User, story: Story, settings: Any
) -> None:
    settings.STORYGEN_API_WAIT_SECONDS = 0.5
    pdf_file, _state = _rendering_elsewhere(story)  # and never finished
    started = time.monotonic()

    response = _sign_in(user).get(_url(story))

    assert response.status_code == 200
    assert 0.5 <= time.monotonic() - started < 30
    assert _body(response).startswith(b"%PDF-")
    assert pdf_file.is_file()


def test_renders_in_requests_take_turns_and_a_request_without_one_is_told_to_retry(
    user: User, story: Story, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.STORYGEN_API_WAIT_SECONDS = 1
    every_turn_taken = threading.BoundedSemaphore(1)
    every_turn_taken.acquire()
    monkeypatch.setattr(pdf, "_request_renders", every_turn_taken)

    busy = _sign_in(user).get(_url(story))

    assert busy.status_code == 503
    assert busy.json()["code"] == "pdf_failed"
    assert busy["Retry-After"] == "30"
    pdf_file, _state = _paths(story)
    assert not pdf_file.is_file()

    every_turn_taken.release()  # a turn frees up: the next request renders
    assert _sign_in(user).get(_url(story)).status_code == 200


def test_a_render_that_fails_while_waited_for_answers_503_without_internals(
    user: User, story: Story, later: Any
) -> None:
    _pdf_file, state = _rendering_elsewhere(story)
    failed = {"status": "failed", "progress": 0, "detail": "", "updated": time.time()}
    later(0.4, lambda: state.write_text(json.dumps(failed)))

    response = _sign_in(user).get(_url(story))

    assert response.status_code == 503
    assert response.json()["code"] == "pdf_failed"
    assert response["Retry-After"] == "30"


def test_a_render_only_queued_for_a_worker_is_made_at_once(user: User, story: Story) -> None:
    _pdf_file, state = _paths(story)
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(json.dumps({"status": "queued", "progress": 0, "updated": time.time()}))
    started = time.monotonic()

    response = _sign_in(user).get(_url(story))

    assert response.status_code == 200
    assert time.monotonic() - started < 30
    assert not state.exists()


# --- preferring to poll -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "ask",
    [
        {"HTTP_PREFER": "respond-async"},
        {"HTTP_PREFER": "return=minimal, RESPOND-ASYNC; foo=bar"},
        {"QUERY_STRING": "async=true"},
    ],
)
def test_a_client_preferring_to_poll_gets_202_and_where_to_follow_it(
    user: User,
    run_pipeline: Any,
    story_request: dict,
    django_capture_on_commit_callbacks: Any,
    ask: dict[str, str],
) -> None:
    story = _made(user, run_pipeline, story_request, num_pages=20)
    client = _sign_in(user)
    with django_capture_on_commit_callbacks(execute=False) as worker:
        response = client.get(_url(story), **ask)

    assert response.status_code == 202
    assert response["Preference-Applied"] == "respond-async"
    body = response.json()
    assert body["status"] == "queued"
    assert body["status_url"] == f"http://testserver/api/v1/stories/{story.pk}/pdf/status"
    assert client.get(body["status_url"]).json()["status"] == "queued"
    for task in worker:
        task()
    assert client.get(body["status_url"]).json()["status"] == "ready"
    ready = client.get(_url(story))
    assert ready.status_code == 200
    assert _page_count(_body(ready)) == 21


def test_an_async_value_that_is_not_a_yes_or_a_no_is_400(user: User, story: Story) -> None:
    response = _sign_in(user).get(_url(story), {"async": "maybe"})
    assert response.status_code == 400
    assert response.json()["detail"] == "async: Must be true or false."


# --- the file name ---------------------------------------------------------------------------


def test_a_title_beyond_ascii_names_the_file_both_ways(user: User, story: Story) -> None:
    Story.objects.filter(pk=story.pk).update(title="Léa et la mouette 海")

    response = _sign_in(user).get(_url(story))

    assert response.status_code == 200
    assert _client_file_name(response) == "Lea et la mouette.pdf"
    extended = re.search(r"filename\*=UTF-8''([^;\s]+)", response["Content-Disposition"])
    assert extended
    assert unquote(extended.group(1)) == "Léa et la mouette 海.pdf"


def test_a_title_without_letters_or_digits_names_the_file_after_the_story(
    user: User, story: Story
) -> None:
    Story.objects.filter(pk=story.pk).update(title="?!")
    response = _sign_in(user).get(_url(story))
    assert _client_file_name(response) == f"story_{story.pk}.pdf"


def test_a_client_on_another_allowed_origin_can_read_the_file_name(
    user: User, story: Story, settings: Any
) -> None:
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]
    client = _sign_in(user)

    preflight = client.options(
        _url(story),
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, prefer",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == ORIGIN
    allowed = {h.strip() for h in preflight["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "prefer"} <= allowed

    response = client.get(_url(story), HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    exposed = {h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")}
    assert {"content-disposition", "preference-applied"} <= exposed
    assert _client_file_name(response) == "The Lantern Keeper.pdf"
