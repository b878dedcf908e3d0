"""Polishing a story in the editor and printing it, in the browser.

A Celery worker process writes and draws the story with the offline provider, and later
redraws one page. The test changes the page's text and placement, switches the whole book to
the dyslexia-friendly font and a square page, redraws a picture, downloads the PDF and looks
at its first pages as pictures (pdftoppm): their size, that they are not blank, and that the
text box sits where it was placed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.apps import apps
from django.urls import reverse
from PIL import Image, ImageChops, ImageStat
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from stories import services
from stories.models import Page as StoryPage
from stories.models import PageImage, Story
from stories.tests.browser.a11y import assert_accessible, assert_focus_visible
from stories.tests.browser.option_lists import seed_option_lists

if TYPE_CHECKING:
    from stories.tests.browser.conftest import Pages, Shots
    from storygen.testing.processes import CeleryWorker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAWING_TIMEOUT_MS = 60_000
NEW_TEXT = "Mira held the lantern high, and the little whale followed its warm light home."
#: The opaque text box's colour behind white text (stories.layout's dark panel).
PANEL = (0x22, 0x1D, 0x26)


@pytest.fixture(autouse=True)
def option_lists(transactional_db: None) -> None:
    seed_option_lists(apps, None)


@pytest.fixture
def story(
    user: User,
    story_request: dict[str, Any],
    worker: CeleryWorker,
    wait_for_story: Callable[..., Story],
) -> Story:
    task = services.story_generation_start(owner=user, **story_request)
    story = wait_for_story(task.story_id)
    assert story.status == Story.Status.READY
    return story


def saved(page: Page) -> None:
    expect(page.locator("[data-save-state]")).to_have_text(re.compile(r"^Saved at "))


def panel_box(png: Path) -> tuple[int, int, int, int] | None:
    """The bounding box of the pixels of the opaque text box's colour, or None."""
    with Image.open(png) as opened:
        channels = opened.convert("RGB").split()
    masks = [
        channel.point(lambda value, want=want: 255 if abs(value - want) <= 6 else 0)
        for channel, want in zip(channels, PANEL, strict=True)
    ]
    return ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2]).getbbox()


def test_edit_text_placement_font_redraw_and_print(
    page: Page,
    live_server: LiveServer,
    login: Callable[[Page, User], None],
    user: User,
    story: Story,
    worker: CeleryWorker,
    shots: Shots,
    tmp_path: Path,
) -> None:
    first = StoryPage.objects.get(story=story, number=1)
    login(page, user)

    # From the reader's Edit button to the editor at the page being read.
    page.goto(f"{live_server.url}{reverse('stories:read', args=[story.pk])}?page=1")
    page.get_by_role("link", name="Edit", exact=True).click()
    expect(page).to_have_url(re.compile(r"/edit/\?page=1$"))
    expect(page.get_by_role("heading", name="Page 1", exact=True)).to_be_visible()
    preview = page.locator("[data-preview] .pdf-page")
    expect(preview).to_be_visible()
    expect(preview.locator("img")).to_have_attribute("src", re.compile(r"\?v=\d+$"))
    shots(page, "editor page 1")
    assert_accessible(page)
    assert_focus_visible(page)

    # The text: typed, saved by itself, shown in the printed page.
    page.get_by_label("Text", exact=True).fill(NEW_TEXT)
    expect(page.locator("[data-save-state]")).not_to_have_text(re.compile("All changes"))
    saved(page)
    expect(preview.locator(".pdf-page__box")).to_contain_text("little whale followed")

    # Placement: this page only, top left, on a solid box.
    look = page.get_by_role("group", name="This page’s look")
    look.get_by_role("radio", name=re.compile("^top left$", re.I)).check()
    look.get_by_label("Text box opacity", exact=True).fill("100")
    saved(page)
    expect(look.get_by_label("A different text placement on this page")).to_be_checked()
    expect(preview).to_have_class(re.compile(r"pdf-page--v-top pdf-page--h-left"))

    # Every page: the dyslexia-friendly font on a square page.
    document = page.locator("[data-document]")
    document.get_by_label("Font", exact=True).select_option("dyslexia-friendly")
    document.get_by_label("Page size").select_option("square")
    saved(page)
    expect(preview).to_have_class(re.compile(r"pdf-page--font-dyslexia-friendly"))
    expect(preview).to_have_class(re.compile(r"pdf-page--square-storybook"))
    family = preview.locator(".pdf-page__text").evaluate("el => getComputedStyle(el).fontFamily")
    assert family.startswith("Andika")
    # The face is served and loads (waits for it: the browser fetches it once it is used).
    assert page.evaluate("document.fonts.load('16px Andika').then(faces => faces.length)") > 0
    box = preview.bounding_box()
    assert box is not None
    assert abs(box["width"] - box["height"]) <= 2  # the preview is square too
    # Every page of the strip follows the document's settings.
    expect(page.locator(".strip .pdf-page--square-storybook")).to_have_count(4)
    shots(page, "edited text placement and font")

    story.refresh_from_db()
    first.refresh_from_db()
    assert (story.font_family, story.page_format) == ("dyslexia-friendly", "square-storybook")
    assert (first.text, first.text_position, first.text_box_opacity) == (
        NEW_TEXT,
        "top-left",
        1.0,
    )
    assert first.font_size is None  # only what was made the page's own

    # Reload: the saved state comes back, nothing was lost.
    page.reload()
    expect(page.get_by_label("Text", exact=True)).to_have_value(NEW_TEXT)

    # Redraw the picture: it waits while no worker runs, then appears without a reload, and
    # the old one stays a version.
    worker.stop()
    before = first.image_version
    page.get_by_label("What the new picture shows").fill("Mira and the whale calf at sunset")
    page.get_by_role("button", name="Redraw this picture").click()
    expect(page.get_by_role("status").filter(has_text="new picture")).to_contain_text(
        "waiting for its turn"
    )
    expect(page.get_by_role("button", name="Redraw this picture")).to_be_disabled()
    shots(page, "redraw waiting")
    worker.start()
    expect(page.get_by_role("heading", name=re.compile(r"^Versions"))).to_be_visible(
        timeout=DRAWING_TIMEOUT_MS
    )
    expect(page.locator(".picture-version")).to_have_count(2)
    expect(page.locator(".picture-version--current")).to_contain_text("Redrawn")
    # The offline painter draws only the page's characters, and says so beside the picture.
    expect(page.get_by_role("status").filter(has_text="Drawn offline")).to_contain_text("calf")
    first.refresh_from_db()
    assert first.image_version > before
    expect(preview.locator("img")).to_have_attribute(
        "src", re.compile(rf"\?v={first.image_version}$")
    )
    page.wait_for_function(
        "() => { const img = document.querySelector('[data-preview] img');"
        " return img && img.complete && img.naturalWidth > 0; }"
    )
    assert PageImage.objects.filter(page=first).count() == 2
    shots(page, "redrawn")

    # Download the PDF and look at its first pages.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    # The browser names the file after the title from the unquoted Content-Disposition.
    assert download_info.value.suggested_filename == f"{story.title}.pdf"
    pdf = tmp_path / "story.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm is not None, "pdftoppm (poppler-utils) is missing"
    subprocess.run(  # noqa: S603 - a fixed tool on files of this test
        [pdftoppm, "-r", "40", "-f", "1", "-l", "2", "-png", str(pdf), str(tmp_path / "sheet")],
        check=True,
        timeout=60,
    )
    cover_png, page_png = sorted(tmp_path.glob("sheet-*.png"))
    for png in (cover_png, page_png):
        with Image.open(png) as sheet:
            assert sheet.size == (340, 340)  # 8.5 in square at 40 dpi
            spread = ImageStat.Stat(sheet.convert("L")).stddev[0]
            assert spread > 20, f"{png.name} looks blank"
    box_pixels = panel_box(page_png)
    assert box_pixels is not None, "no text box on page 1"
    left, top, right, bottom = box_pixels
    # The solid box is in the top-left part of the page, where it was placed.
    assert left < 60, box_pixels
    assert top < 60, box_pixels
    assert right < 340 * 0.8, box_pixels
    assert bottom < 340 * 0.75, box_pixels
    Image.open(page_png).save(Path(shots.folder) / "pdf-page-1.png")

    # "Use document defaults": the page follows "Every page" again, saved at once.
    page.get_by_role("button", name="Use document defaults").click()
    saved(page)
    expect(preview).to_have_class(re.compile(r"pdf-page--v-bottom pdf-page--h-center"))
    expect(look.get_by_label("A different text placement on this page")).not_to_be_checked()
    first.refresh_from_db()
    assert (first.text_position, first.text_box_opacity) == (None, None)
    assert first.text == NEW_TEXT


def test_editor_fits_a_phone_and_dark_mode(
    new_page: Pages,
    live_server: LiveServer,
    login: Callable[[Page, User], None],
    user: User,
    story: Story,
    shots: Shots,
) -> None:
    url = f"{live_server.url}{reverse('stories:edit', args=[story.pk])}?page=2"
    for name, options in (
        ("phone", {"mobile": True, "viewport": {"width": 360, "height": 780}}),
        ("dark", {"color_scheme": "dark"}),
    ):
        page = new_page(**options)
        login(page, user)
        page.goto(url)
        expect(page.locator("[data-preview] .pdf-page")).to_be_visible()
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the {name} editor scrolls sideways by {overflow}px"
        assert_accessible(page)
        shots(page, f"editor {name}")


THEIRS = "Mira set the lantern on the sill, and the whale calf sang goodnight."
MINE = "Pip tucked his head under his wing and dreamed of the warm lantern light."


def test_a_change_made_in_another_tab_is_never_overwritten_silently(
    new_page: Pages,
    live_server: LiveServer,
    login: Callable[[Page, User], None],
    user: User,
    story: Story,
    shots: Shots,
) -> None:
    url = f"{live_server.url}{reverse('stories:edit', args=[story.pk])}?page=1"
    first, second = new_page(), new_page()
    for tab in (first, second):
        login(tab, user)
        tab.goto(url)
        expect(tab.get_by_role("heading", name="Page 1", exact=True)).to_be_visible()
    second.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    # One tab saves a new text; the other, opened before, still shows the old one.
    first.get_by_label("Text", exact=True).fill(THEIRS)
    saved(first)
    second.get_by_label("Text", exact=True).fill(MINE)

    # Its save is refused, it says so plainly, and what was typed is still there to copy.
    notice = second.get_by_role("alert").filter(has_text="This story was changed somewhere else")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("another tab or on another device")
    expect(second.locator("[data-save-state]")).to_have_text(
        "Not saved: the story was changed somewhere else."
    )
    expect(notice.get_by_label("Page 1 text")).to_have_value(MINE)
    expect(notice.get_by_role("button", name="Reload the story")).to_be_visible()
    expect(notice.get_by_role("button", name="Dismiss")).to_be_hidden()
    # Saving by hand is refused too: the notice is where to look.
    second.locator("[data-save-button]").click()
    expect(notice).to_be_focused()
    assert StoryPage.objects.get(story=story, number=1).text == THEIRS
    assert_accessible(second)
    shots(second, "changed elsewhere")
    second.set_viewport_size({"width": 390, "height": 844})
    overflow = second.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the notice makes a phone scroll sideways by {overflow}px"
    shots(second, "changed elsewhere on a phone")
    second.set_viewport_size({"width": 1280, "height": 900})

    # Typing on is not saved either, and the copy follows it.
    second.get_by_label("Text", exact=True).fill(MINE + " The end.")
    expect(notice.get_by_label("Page 1 text")).to_have_value(MINE + " The end.")
    notice.get_by_role("button", name="Copy my text").click()
    expect(notice).to_contain_text("Copied.")
    assert second.evaluate("navigator.clipboard.readText()") == MINE + " The end."
    second.wait_for_timeout(1500)  # longer than the autosave's pause: nothing is sent
    assert StoryPage.objects.get(story=story, number=1).text == THEIRS

    # Reloading shows the other tab's change, and still offers the text that was not saved.
    notice.get_by_role("button", name="Reload the story").click()
    expect(second.get_by_label("Text", exact=True)).to_have_value(THEIRS)
    kept = second.get_by_role("alert").filter(has_text="Your text that was not saved")
    expect(kept).to_be_visible()
    expect(kept.get_by_label("Page 1 text")).to_have_value(MINE + " The end.")
    shots(second, "after reloading")

    # Edits from the reloaded page are saved again, from the version it now shows.
    second.get_by_label("Text", exact=True).fill(MINE)
    saved(second)
    assert StoryPage.objects.get(story=story, number=1).text == MINE
    kept.get_by_role("button", name="Dismiss").click()
    expect(kept).to_be_hidden()
    second.reload()
    expect(second.locator("[data-conflict]")).to_be_hidden()


def test_without_the_script_an_outdated_form_says_so_instead_of_saving(
    new_page: Pages,
    live_server: LiveServer,
    login: Callable[[Page, User], None],
    user: User,
    story: Story,
    shots: Shots,
) -> None:
    url = f"{live_server.url}{reverse('stories:edit', args=[story.pk])}?page=1"
    first, second = new_page(java_script_enabled=False), new_page(java_script_enabled=False)
    for tab in (first, second):
        login(tab, user)
        tab.goto(url)
    first.get_by_label("Text", exact=True).fill(THEIRS)
    first.get_by_role("button", name="Save", exact=True).first.click()
    expect(first.get_by_text("Your changes are saved.")).to_be_visible()

    second.get_by_label("Text", exact=True).fill(MINE)
    second.get_by_role("button", name="Save", exact=True).first.click()
    notice = second.get_by_role("alert").filter(has_text="This story was changed somewhere else")
    expect(notice).to_be_visible()
    expect(notice.get_by_label("Page 1 text")).to_have_value(MINE)
    expect(second.locator("[data-save-state]")).to_have_text(
        "Not saved: the story was changed somewhere else."
    )
    # The editor now shows the story as it is, the other tab's text included.
    expect(second.get_by_label("Text", exact=True)).to_have_value(THEIRS)
    assert StoryPage.objects.get(story=story, number=1).text == THEIRS
    shots(second, "changed elsewhere without the script")
