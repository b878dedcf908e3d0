"""The reference product's browser client, served from another origin, shows every picture:
it signs in with a form POST, reads a story and the character library with its token, fetches
page pictures whose path has the private story form with the token (shown as blob URLs), and
shows character pictures as ``<img src="{base}/static_content/{path}">`` with no token."""

from __future__ import annotations

import io
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.tests.factories import PASSWORD
from characters.models import CharacterImage
from characters.tests.factories import CharacterFactory
from stories.models import Page as StoryPage
from stories.models import StepStatus, Story
from stories.tests.factories import PageFactory, StoryFactory
from storygen.media import store_picture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What the reference client does, in its own words where it matters: the private story form
# test, the blob URLs, the /static_content/ prefix for every other path.
CLIENT_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Reference client</title></head>
<body><main id="pictures"></main>
<script>
const PRIVATE_STORY_PICTURE = /^images\\/user_\\d+\\/story_\\d+\\//;

function show(src, how, alt) {
  const img = document.createElement("img");
  img.dataset.how = how;
  img.alt = alt;
  img.src = src;
  document.getElementById("pictures").append(img);
}

async function json(response) {
  if (!response.ok) throw new Error(`${response.status} for ${response.url}`);
  return response.json();
}

async function showEverything(base, username, password, storyId) {
  const token = await json(await fetch(`${base}/api/v1/token`, {
    method: "POST",
    body: new URLSearchParams({username, password}),
  }));
  const auth = {Authorization: `Bearer ${token.access_token}`};
  const story = await json(await fetch(`${base}/api/v1/stories/${storyId}`, {headers: auth}));
  for (const page of story.pages.sort((a, b) => a.page_number - b.page_number)) {
    if (PRIVATE_STORY_PICTURE.test(page.image_path)) {
      const url = `${base}/api/v1/stories/${storyId}/pages/${page.id}/image`;
      const picture = await fetch(url, {headers: auth});
      if (!picture.ok) throw new Error(`${picture.status} for ${url}`);
      show(URL.createObjectURL(await picture.blob()), "blob", `Page ${page.page_number}`);
    } else {
      show(`${base}/static_content/${page.image_path}`, "static", `Page ${page.page_number}`);
    }
    // What a newer client may use instead: the signed address, in a plain <img>.
    show(`${base}${page.signed_image_url}`, "signed", `Page ${page.page_number}, signed`);
  }
  const library = await json(await fetch(
    `${base}/api/v1/characters?q=&page=1&page_size=12`, {headers: auth}));
  for (const item of library.items) {
    if (item.thumbnail_path) {
      show(`${base}/static_content/${item.thumbnail_path}`, "static", `${item.name} card`);
    }
    const character = await json(await fetch(
      `${base}/api/v1/characters/${item.id}`, {headers: auth}));
    if (character.current_image) {
      show(`${base}/static_content/${character.current_image.file_path}`, "static",
           `${item.name} sheet`);
    }
  }
  return {pages: story.pages.length, characters: library.items.length};
}
</script></body></html>
"""


class _ClientPageHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = CLIENT_PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the test's output is no place for a request log


@pytest.fixture
def client_origin(settings: Any) -> Iterator[str]:
    """The reference client's page, served from its own origin (another host and port), which
    the operator allowed as a CORS origin."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ClientPageHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    settings.CORS_ALLOWED_ORIGINS = [origin]
    try:
        yield origin
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _png(colour: tuple[int, int, int], size: tuple[int, int] = (96, 64)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def _illustrated_story(owner: User) -> Story:
    """A ready story of a cover and two pages, each with a picture on disk."""
    story = StoryFactory(owner=owner, title="The Lantern Keeper", num_pages=2)
    for number, colour in enumerate([(200, 80, 40), (40, 120, 200), (90, 160, 60)]):
        page = PageFactory(story=story, number=number, status=StepStatus.DONE)
        stored = store_picture(
            base=f"stories/{story.pk}/pages/{page.pk}-v1", data=_png(colour), mime="image/png"
        )
        StoryPage.objects.filter(pk=page.pk).update(
            image=stored.original,
            image_display=stored.display,
            image_thumbnail=stored.thumbnail,
            image_version=1,
            original_image=stored.original,
        )
    return story


def _character_with_a_sheet(owner: User, name: str, colour: tuple[int, int, int]) -> None:
    character = CharacterFactory(owner=owner, name=name)
    stored = store_picture(
        base=f"characters/{character.pk}/{uuid.uuid4().hex}",
        data=_png(colour, (64, 96)),
        mime="image/png",
        portrait=_png(colour, (48, 48)),
    )
    character.current_image = CharacterImage.objects.create(
        character=character,
        image=stored.original,
        display=stored.display,
        thumbnail=stored.thumbnail,
        portrait=stored.portrait,
    )
    character.save(update_fields=["current_image"])


def test_the_reference_client_on_another_origin_shows_every_picture(
    page: Page, live_server: LiveServer, client_origin: str, user: User
) -> None:
    story = _illustrated_story(user)
    _character_with_a_sheet(user, "Mira", (220, 60, 60))
    _character_with_a_sheet(user, "Pip", (60, 60, 220))

    page.goto(f"{client_origin}/")
    shown = page.evaluate(
        "([base, username, password, storyId]) => "
        "showEverything(base, username, password, storyId)",
        [live_server.url, user.username, PASSWORD, story.pk],
    )

    assert shown == {"pages": 3, "characters": 2}
    pictures = page.locator("#pictures img")
    # Per page: its picture through the token, and its signed address; per character: its
    # card thumbnail and its sheet.
    expect(pictures).to_have_count(3 * 2 + 2 * 2)
    page.wait_for_function("() => [...document.images].every((img) => img.complete)")
    loaded = pictures.evaluate_all(
        "imgs => imgs.map(img => ({alt: img.alt, how: img.dataset.how, "
        "width: img.naturalWidth, src: img.src}))"
    )
    assert [p["width"] > 0 for p in loaded] == [True] * len(loaded), loaded
    hows = {p["alt"]: p["how"] for p in loaded}
    assert [hows[f"Page {n}"] for n in range(3)] == ["blob"] * 3
    assert [hows[f"Page {n}, signed"] for n in range(3)] == ["signed"] * 3
    for name in ("Mira", "Pip"):
        for what in ("card", "sheet"):
            assert hows[f"{name} {what}"] == "static"
    for picture in loaded:
        if picture["how"] == "static":
            assert picture["src"].startswith(f"{live_server.url}/static_content/images/user_")
