"""Building a cast in the browser: create, draw, switch versions, photo, copy, import, delete.

Sheets are drawn for real by a Celery worker process with the offline provider. The worker is
started only once the page shows a sheet waiting, so the test sees the progress and then the
picture arrive without a reload. Each step is photographed, and dark and phone-sized (360 px)
pictures of the main pages are kept next to them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.tests.factories import UserFactory
from characters.models import Character, CharacterImage
from stories.tests.browser.a11y import assert_accessible, assert_focus_visible
from stories.tests.browser.option_lists import seed_option_lists

if TYPE_CHECKING:
    from stories.tests.browser.conftest import Pages, Shots
    from storygen.testing.processes import CeleryWorker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAWING_TIMEOUT_MS = 60_000
SAMPLE = Path(settings.BASE_DIR) / "static" / "samples" / "characters.json"
PHONE: dict[str, Any] = {"mobile": True, "viewport": {"width": 360, "height": 780}}


@pytest.fixture(autouse=True)
def option_lists(transactional_db: None) -> None:
    """The genders and styles a migration seeds (a transactional test before may have emptied
    them)."""
    seed_option_lists(apps, None)


def portrait_jpeg() -> bytes:
    """A small photo-like JPEG: a figure on a coloured background."""
    image = Image.new("RGB", (360, 480), (120, 170, 210))
    draw = ImageDraw.Draw(image)
    draw.ellipse((130, 60, 230, 170), fill=(240, 200, 170))
    draw.rectangle((120, 170, 240, 400), fill=(230, 180, 40))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def loaded(page: Page, selector: str) -> None:
    """Wait until the picture at ``selector`` has arrived and decoded (not a broken image)."""
    page.wait_for_function(
        "(selector) => { const img = document.querySelector(selector);"
        " return img && img.complete && img.naturalWidth > 0; }",
        arg=selector,
    )


def look_elsewhere(
    new_page: Pages, page: Page, shots: Shots, name: str, *, check: Callable[[Page], None]
) -> None:
    """Photograph the page's address in dark mode at desktop size and on a 360 px phone."""
    for label, options in (("dark", {"color_scheme": "dark"}), ("phone", PHONE)):
        other = new_page(**options)
        other.context.add_cookies(page.context.cookies())
        other.goto(page.url)
        check(other)
        shots(other, f"{name} {label}")
        other.context.close()


def test_build_a_cast_draw_versions_photo_duplicate_import_and_delete(
    page: Page,
    new_page: Pages,
    login: Callable[[Page, User], None],
    live_server: LiveServer,
    broker: str,
    shots: Shots,
    request: pytest.FixtureRequest,
) -> None:
    user = UserFactory(username="cast-builder")
    login(page, user)

    # An empty library says how characters are added.
    page.goto(live_server.url + reverse("characters:library"))
    expect(page.get_by_role("heading", name="No characters yet")).to_be_visible()
    assert_accessible(page)
    shots(page, "empty library")

    # A new character, every field filled in; the sheet is drawn afterwards.
    page.get_by_role("link", name="New character").first.click()
    expect(page.get_by_role("heading", name="New character", level=1)).to_be_visible()
    page.get_by_label("Name").fill("Mira")
    page.get_by_label("Age").fill("9")
    page.get_by_label("Gender").select_option("Female")
    page.get_by_label("Description").fill("a girl with curly red hair and freckles")
    page.get_by_label("Clothing").fill("a yellow raincoat and green boots")
    page.get_by_label("Traits").fill("brave, curious")
    page.get_by_label("Picture style").select_option("Watercolor")
    page.get_by_label("Draw a reference sheet now").uncheck()
    assert_accessible(page)
    assert_focus_visible(page)
    shots(page, "new character")
    page.get_by_role("button", name="Create character").click()

    expect(page.get_by_role("heading", name="Mira", level=1)).to_be_visible()
    expect(page.get_by_text("Mira is in your characters.")).to_be_visible()
    expect(page.get_by_text("No reference sheet yet.")).to_be_visible()
    assert_accessible(page)
    shots(page, "character without a sheet")

    # Draw the sheet: it waits for a worker (none yet), then the worker draws it and the
    # page shows it without reloading.
    draw = page.locator("section#draw")
    draw.get_by_role("button", name="Draw a new sheet").click()
    status = page.locator("[data-status-sentence]")
    expect(status).to_contain_text("waiting its turn")
    expect(page.locator(".sheet-status__bar")).to_be_visible()
    expect(draw.get_by_role("button", name="Draw a new sheet")).to_be_disabled()
    assert_accessible(page)
    shots(page, "sheet waiting")
    page.evaluate("window.stillTheSameDocument = true")
    worker: CeleryWorker = request.getfixturevalue("worker")
    current = page.get_by_role("img", name="Reference sheet of Mira")
    expect(current).to_be_visible(timeout=DRAWING_TIMEOUT_MS)
    expect(status).to_have_text("The new sheet is ready.")
    expect(draw.get_by_role("button", name="Draw a new sheet")).to_be_enabled()
    assert page.evaluate("window.stillTheSameDocument") is True
    loaded(page, ".sheet-current__picture")
    shots(page, "first sheet drawn")
    mira = Character.objects.get(owner=user, name="Mira")
    first = CharacterImage.objects.get(character=mira)

    # Draw again in another style: two versions, the new one current.
    draw.get_by_label("Picture style").select_option("Cartoon")
    draw.get_by_label("Add to the description this time").fill("with a red umbrella")
    draw.get_by_role("button", name="Draw a new sheet").click()
    versions = page.locator(".sheet-version")
    try:
        expect(versions).to_have_count(2, timeout=DRAWING_TIMEOUT_MS)
    except AssertionError:
        print(worker.output()[-6000:])
        print(page.url, page.locator("[data-sheet-live]").inner_html())
        raise
    expect(status).to_have_text("The new sheet is ready.")
    expect(page.locator(".sheet-version--current")).to_have_count(1)
    expect(versions.nth(1).get_by_role("button", name=re.compile("Use this one"))).to_be_visible()
    assert_accessible(page)
    shots(page, "second sheet drawn")

    # Back to the first version from the strip.
    versions.nth(1).get_by_role("button", name=re.compile("Use this one")).click()
    expect(page.get_by_text("That sheet is the current one again.")).to_be_visible()
    expect(versions.nth(1)).to_have_class(re.compile("sheet-version--current"))
    # Shown by its signed address (the signature and file type follow the stem).
    first_display = (
        f"/static_content/images/user_{user.pk}/characters/{mira.pk}/{first.pk}-display."
    )
    expect(current).to_have_attribute("src", re.compile(f"^{re.escape(first_display)}"))
    mira.refresh_from_db()
    assert mira.current_image_id == first.pk
    shots(page, "first sheet current again")

    # A photo: too large is refused before uploading; a real one is previewed, then kept.
    photo = page.get_by_label("Photo", exact=True)
    photo.set_input_files(
        {"name": "huge.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8" + b"0" * 11_000_000}
    )
    expect(page.get_by_text("photos can be at most 10 MB")).to_be_visible()
    photo.set_input_files({"name": "mira.jpg", "mimeType": "image/jpeg", "buffer": portrait_jpeg()})
    expect(page.get_by_text("photos can be at most 10 MB")).to_be_hidden()
    preview = page.get_by_role("img", name="Preview of the chosen photo")
    expect(preview).to_be_visible()
    expect(page.get_by_text("mira.jpg · ")).to_be_visible()
    loaded(page, "[data-photo-preview-image]")
    shots(page, "photo preview")
    page.get_by_role("button", name="Upload photo").click()
    expect(page.get_by_text("A photo is on file (uploaded")).to_be_visible()
    expect(page.get_by_role("button", name="Remove photo")).to_be_visible()
    expect(page.get_by_role("button", name="Draw the sheet from the photo")).to_be_visible()
    mira.refresh_from_db()
    assert mira.photo_uploaded_at is not None
    assert_accessible(page)
    shots(page, "photo on file")
    look_elsewhere(
        new_page,
        page,
        shots,
        "character page",
        check=lambda other: expect(
            other.get_by_role("img", name="Reference sheet of Mira")
        ).to_be_visible(),
    )

    # A copy under a new name.
    page.get_by_role("button", name="Duplicate").click()
    expect(page.get_by_role("heading", name="Mira (copy)", level=1)).to_be_visible()
    expect(page.get_by_text("Mira (copy) is a copy of Mira.")).to_be_visible()
    expect(page.get_by_role("img", name="Reference sheet of Mira (copy)")).to_be_visible()
    expect(page.get_by_text("A photo is on file")).to_be_visible()
    shots(page, "copy")

    # Import the sample file.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Characters").click()
    page.get_by_role("link", name="Import", exact=True).click()
    expect(page.get_by_role("heading", name="Import characters", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Download a sample file")).to_be_visible()
    assert_accessible(page)
    shots(page, "import")
    page.get_by_label("JSON file").set_input_files(SAMPLE)
    page.get_by_role("button", name="Import", exact=True).click()
    report = page.locator("#import-report")
    expect(report.get_by_role("heading", name="Import finished")).to_be_visible()
    expect(report.get_by_text("3 created")).to_be_visible()
    for name in ("Ayla Starwind", "Professor Nimbus", "Biscuit"):
        expect(report.get_by_role("rowheader", name=name)).to_be_visible()
    assert_accessible(page)
    shots(page, "import summary")
    look_elsewhere(
        new_page,
        page,
        shots,
        "import page",
        check=lambda other: expect(
            other.get_by_role("heading", name="Import characters")
        ).to_be_visible(),
    )

    # The grid: search, then open the copy and delete it after confirming.
    page.get_by_role("link", name="See your characters").click()
    cards = page.locator(".character-card")
    expect(cards).to_have_count(5)
    expect(page.get_by_role("img", name="Portrait of Mira", exact=True)).to_be_visible()
    assert_accessible(page)
    shots(page, "library")
    look_elsewhere(
        new_page,
        page,
        shots,
        "library",
        check=lambda other: expect(other.locator(".character-card")).to_have_count(5),
    )
    page.get_by_label("Search by name, description or traits").fill("copy")
    expect(cards).to_have_count(1)
    page.get_by_role("link", name="Mira (copy)").click()
    page.get_by_role("link", name="Delete").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Delete “Mira (copy)”?")
    shots(page, "delete confirmation")
    dialog.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("Mira (copy) was deleted.")).to_be_visible()
    expect(page.locator(".character-card")).to_have_count(4)
    shots(page, "after delete")
    assert not Character.objects.filter(owner=user, name="Mira (copy)").exists()
    assert Character.objects.filter(owner=user, name="Mira").exists()
