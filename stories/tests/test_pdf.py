"""The story PDF: what is printed, where, with which fonts and pictures, what is fetched, and
the cache. Checked on the PDF itself with poppler's tools."""

from __future__ import annotations

import http.server
import io
import json
import re
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from django.conf import settings
from PIL import Image, ImageChops, ImageDraw

from accounts.models import User
from stories import selectors, services
from stories.errors import StoryPdfFailed, StoryPdfUnavailable
from stories.models import Page, Story
from stories.services import pdf
from stories.tests.factories import PageFactory, StoryFactory
from storygen.media import media_path, store_picture
from storygen.pdf import LocalFetcher, content_disposition, render_pdf

pytestmark = pytest.mark.django_db


# --- helpers -------------------------------------------------------------------------------


def _tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout  # noqa: S603


def _write(tmp_path: Path, data: bytes, name: str = "story.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _made(user: User, run_pipeline: Any, story_request: dict, **fields: Any) -> Story:
    """A story made by the real pipeline (offline provider), with layout ``fields``."""
    task = run_pipeline(services.story_generation_start, owner=user, **story_request)
    if fields:
        Story.objects.filter(pk=task.story_id).update(**fields)
    return _fresh(task.story_id)


def _fresh(story_id: int) -> Story:
    story = selectors.story_pdf_source(story_id=story_id)
    assert story is not None
    return story


def _bytes(story: Story) -> bytes:
    return pdf.story_pdf_bytes(story=story, pages=list(story.pages.all()))


def _page(story: Story, number: int) -> Page:
    return Page.objects.get(story=story, number=number)


def _pages_info(path: Path) -> dict[int, tuple[float, float]]:
    sizes = {}
    for line in _tool("pdfinfo", "-f", "1", "-l", "999", str(path)).splitlines():
        match = re.match(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts", line)
        if match:
            sizes[int(match[1])] = (float(match[2]), float(match[3]))
    return sizes


def _words(path: Path) -> list[dict[str, Any]]:
    """Every word with its page and box (pdftotext -bbox)."""
    html = _tool("pdftotext", "-bbox", str(path), "-")
    words, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line
        )
        if match:
            x0, y0, x1, y1 = (float(match[i]) for i in range(1, 5))
            words.append({"page": page, "x": (x0 + x1) / 2, "y": (y0 + y1) / 2, "w": match[5]})
    return words


def _jpeg(width: int, height: int, color: tuple[int, int, int] = (40, 150, 90)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _drawn(page: Page, data: bytes, mime: str = "image/jpeg") -> Page:
    version = page.image_version + 1
    stored = store_picture(
        base=f"stories/{page.story_id}/pages/{page.pk}-v{version}", data=data, mime=mime
    )
    page.image, page.image_display = stored.original, stored.display
    page.image_thumbnail, page.image_version = stored.thumbnail, version
    page.save()
    return page


@pytest.fixture(autouse=True)
def _own_media(settings: Any, tmp_path: Path) -> None:
    """A media folder per test: story ids repeat between tests, their PDFs must not."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def made(user: User, run_pipeline: Any, story_request: dict) -> Callable[..., Story]:
    def make(**fields: Any) -> Story:
        return _made(user, run_pipeline, story_request, **fields)

    return make


# --- pages, sizes, fonts, pictures, text ---------------------------------------------------


def test_the_pdf_has_the_cover_and_then_every_page(made: Callable[..., Story], tmp_path: Path):
    story = made()
    path = _write(tmp_path, _bytes(story))
    assert f"Pages:           {1 + story.num_pages}" in _tool("pdfinfo", str(path))
    words = _words(path)
    cover_words = " ".join(word["w"] for word in words if word["page"] == 1)
    assert story.title in cover_words
    # Story pages carry their number; the cover does not.
    numbers = {(w["page"], w["w"]) for w in words if w["w"].isdigit()}
    assert {(2, "1"), (3, "2"), (4, "3")} <= numbers
    assert not any(page == 1 for page, _ in numbers)


@pytest.mark.parametrize(
    ("page_format", "size"),
    [
        ("letter", (612, 792)),
        ("a4", (595.276, 841.89)),
        ("portrait", (612, 792)),
        ("landscape", (792, 612)),
        ("a4-landscape", (841.89, 595.276)),
        ("square-storybook", (612, 612)),
    ],
)
def test_every_page_has_the_paper_size_of_the_format(
    made: Callable[..., Story], tmp_path: Path, page_format: str, size: tuple[float, float]
) -> None:
    story = made(page_format=page_format)
    sizes = _pages_info(_write(tmp_path, _bytes(story)))
    assert len(sizes) == 1 + story.num_pages
    for width, height in sizes.values():
        assert width == pytest.approx(size[0], abs=0.5)
        assert height == pytest.approx(size[1], abs=0.5)


def test_the_chosen_fonts_are_embedded_as_subsets(
    made: Callable[..., Story], story_request: dict, tmp_path: Path
) -> None:
    story = made(font_family="storybook")
    page = _page(story, 2)
    page.font_family = "dyslexia-friendly"
    page.save()
    fonts = _tool("pdffonts", str(_write(tmp_path, _bytes(_fresh(story.pk)))))
    rows = [line.split() for line in fonts.splitlines()[2:]]
    embedded = {row[0].split("+", 1)[1]: (row[0], row[-5], row[-4]) for row in rows}
    for family in ("Vollkorn", "Andika"):
        names = [name for name in embedded if name.startswith(family)]
        assert names, fonts
        for name in names:
            full, emb, sub = embedded[name]
            assert (emb, sub) == ("yes", "yes"), fonts
            assert re.match(r"^[A-Z]{6}\+", full)
    # Nothing falls back to a system font.
    assert not [name for name in embedded if "DejaVu" in name or "Liberation" in name]


@pytest.mark.parametrize(
    ("family", "font"),
    [
        ("classic", "GentiumBookBasic"),
        ("modern", "Cabin"),
        ("handwritten", "ComicNeue"),
        ("large print", "NotoSans"),
    ],
)
def test_each_font_family_prints_in_its_bundled_font(
    made: Callable[..., Story], tmp_path: Path, family: str, font: str
) -> None:
    fonts = _tool("pdffonts", str(_write(tmp_path, _bytes(made(font_family=family)))))
    assert font in fonts.replace(" ", "").replace("-", "")


def test_every_illustrated_page_has_its_picture_as_a_jpeg(
    made: Callable[..., Story], tmp_path: Path
) -> None:
    story = made()
    illustrated = [page for page in story.pages.all() if page.image_display]
    assert len(illustrated) == 1 + story.num_pages
    listing = _tool("pdfimages", "-list", str(_write(tmp_path, _bytes(story))))
    rows = [line.split() for line in listing.splitlines()[2:]]
    assert sorted(int(row[0]) for row in rows) == list(range(1, len(illustrated) + 1))
    assert {row[8] for row in rows} == {"jpeg"}


def test_pngs_are_never_embedded_even_without_a_display_copy(
    made: Callable[..., Story], tmp_path: Path
) -> None:
    story = made()
    page = _page(story, 1)
    # An older page: only the PNG original is left.
    media_path(page.image_display.name).unlink()
    assert page.image.name.endswith(".png")
    listing = _tool("pdfimages", "-list", str(_write(tmp_path, _bytes(_fresh(story.pk)))))
    assert {line.split()[8] for line in listing.splitlines()[2:]} == {"jpeg"}
    assert list(media_path(f"stories/{story.pk}/pages").glob(f"{page.pk}-v*-print-*.jpg"))


def test_a_picture_larger_than_its_display_copy_prints_from_the_original(
    made: Callable[..., Story], tmp_path: Path
) -> None:
    story = made(page_format="letter", layout_mode="full-page-overlay")
    page = _drawn(_page(story, 1), _jpeg(2400, 2400))
    assert Image.open(media_path(page.image_display.name)).size == (1536, 1536)
    listing = _tool("pdfimages", "-list", str(_write(tmp_path, _bytes(_fresh(story.pk)))))
    sizes = {(row[3], row[4]) for row in (line.split() for line in listing.splitlines()[2:])}
    # Cropped to the page's shape (8.5 by 11 in), at the original's full resolution.
    assert ("1855", "2400") in sizes
    printed = media_path(f"stories/{story.pk}/pages/{page.pk}-v2-print-1855x2400.jpg")
    assert printed.is_file()
    # Made once: the next render reuses it.
    stamp = printed.stat().st_mtime_ns
    _bytes(_fresh(story.pk))
    assert printed.stat().st_mtime_ns == stamp


def test_the_edited_text_is_printed(made: Callable[..., Story], tmp_path: Path) -> None:
    story = made()
    page = _page(story, 2)
    page.text = "Zebras painted the lighthouse purple overnight."
    page.save()
    text = _tool("pdftotext", str(_write(tmp_path, _bytes(_fresh(story.pk)))), "-")
    assert "Zebras painted the lighthouse purple overnight." in " ".join(text.split())


def test_each_page_is_placed_where_its_override_says(
    made: Callable[..., Story], tmp_path: Path
) -> None:
    story = made(text_position="bottom-center", page_format="letter")
    top_left, middle_right = _page(story, 1), _page(story, 2)
    top_left.text, top_left.text_position = "Alpha page words here.", "top-left"
    middle_right.text, middle_right.text_position = "Omega page words here.", "middle-right"
    top_left.save()
    middle_right.save()
    default = _page(story, 3)
    default.text = "Bravo page words here."
    default.save()
    words = _words(_write(tmp_path, _bytes(_fresh(story.pk))))

    def where(word: str) -> dict[str, Any]:
        return next(w for w in words if w["w"] == word)

    alpha, omega, bravo = where("Alpha"), where("Omega"), where("Bravo")
    assert (alpha["page"], omega["page"], bravo["page"]) == (2, 3, 4)
    assert alpha["x"] < 612 * 0.5
    assert alpha["y"] < 792 * 0.3
    assert omega["x"] > 612 * 0.45
    assert 792 * 0.3 < omega["y"] < 792 * 0.7
    assert 612 * 0.15 < bravo["x"] < 612 * 0.85
    assert bravo["y"] > 792 * 0.7


def test_each_page_has_its_own_text_box_opacity(made: Callable[..., Story], tmp_path: Path):
    story = made(font_color="#ffffff", text_box_opacity=0.6)
    solid, clear = _page(story, 1), _page(story, 2)
    solid.text_box_opacity, clear.text_box_opacity = 1.0, 0.0
    solid.text = clear.text = "Short."
    solid.save()
    clear.save()
    for page in (solid, clear):
        _drawn(page, _jpeg(425, 550, (250, 40, 40)))  # drawn at the Letter page's shape
    path = _write(tmp_path, _bytes(_fresh(story.pk)))
    _tool("pdftoppm", "-png", "-r", "36", "-f", "2", "-l", "3", str(path), str(tmp_path / "p"))
    shots = sorted(tmp_path.glob("p-*.png"))
    # Inside the box's edge (bottom-centre: the box starts at 15% and ends 3% above the foot).
    spots = [Image.open(shot).convert("RGB") for shot in shots]
    solid_px = spots[0].getpixel((int(spots[0].width * 0.2), int(spots[0].height * 0.95)))
    clear_px = spots[1].getpixel((int(spots[1].width * 0.2), int(spots[1].height * 0.95)))
    assert max(abs(a - b) for a, b in zip(solid_px, (0x22, 0x1D, 0x26), strict=True)) < 12
    assert clear_px[0] > 200
    assert clear_px[1] < 90


def test_text_too_long_for_its_box_is_set_smaller_not_cut_off(
    made: Callable[..., Story], tmp_path: Path
) -> None:
    story = made(layout_mode="vertical-split", page_format="square-storybook", font_size=40)
    page = _page(story, 1)
    page.text = " ".join(["The little boat sailed on and on."] * 14) + " Finally-the-end."
    page.save()
    path = _write(tmp_path, _bytes(_fresh(story.pk)))
    assert f"Pages:           {1 + story.num_pages}" in _tool("pdfinfo", str(path))
    words = [w for w in _words(path) if w["page"] == 2 and not w["w"].isdigit()]
    assert words[-1]["w"] == "Finally-the-end."
    assert max(w["y"] for w in words) < 612


def test_large_print_stays_large_when_fitting(made: Callable[..., Story]) -> None:
    story = made(font_family="large print", font_size=20)
    page = _page(story, 1)
    page.text = " ".join(["A very long page of large print words."] * 40)
    page.save()
    story = _fresh(story.pk)
    sheets = pdf.story_pdf_fit(
        story=story, sheets=pdf.story_pdf_sheets(story=story, pages=list(story.pages.all()))
    )
    long_sheet = sheets[1]
    assert long_sheet.layout.font_size == 32  # the large-print minimum, not the 20 asked
    assert long_sheet.fit * long_sheet.layout.font_size >= pdf.FIT_MIN_LARGE_PRINT_SIZE - 0.01
    assert all(sheet.fit == 1.0 for index, sheet in enumerate(sheets) if index != 1)


# --- nothing is fetched, text is escaped ---------------------------------------------------


class _Canary(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def canary() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request it gets."""
    _Canary.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Canary)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Canary.hits
    finally:
        server.shutdown()
        server.server_close()


def test_the_canary_server_answers_when_asked(canary: tuple[str, list[str]]) -> None:
    import urllib.request

    base, hits = canary
    with urllib.request.urlopen(f"{base}/alive") as response:  # noqa: S310 - our own server
        assert response.status == 200
    assert hits == ["/alive"]


def test_html_in_story_text_is_printed_as_text_and_fetches_nothing(
    made: Callable[..., Story], canary: tuple[str, list[str]], tmp_path: Path
) -> None:
    base, hits = canary
    story = made()
    page = _page(story, 1)
    page.text = (
        f'<img src="{base}/canary.png"> <link rel="stylesheet" href="{base}/canary.css">'
        f"<style>@import url({base}/import.css);</style>"
    )
    page.save()
    Story.objects.filter(pk=story.pk).update(title=f'<img src="{base}/title.png">')
    text = _tool("pdftotext", str(_write(tmp_path, _bytes(_fresh(story.pk)))), "-")
    assert hits == []
    flat = "".join(text.split())
    assert f'<imgsrc="{base}/canary.png">' in flat
    assert f'<linkrel="stylesheet"href="{base}/canary.css">' in flat


def test_the_renderer_refuses_every_url_but_static_and_the_storys_media(
    canary: tuple[str, list[str]], tmp_path: Path
) -> None:
    base, hits = canary
    other = media_path("stories/999999/pages/secret.jpg")
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_bytes(_jpeg(8, 8))
    html = f"""<html><head>
      <link rel="stylesheet" href="{base}/link.css">
      <link rel="stylesheet" href="/static/css/print.css">
      <style>
        @import url("{base}/import.css");
        @font-face {{ font-family: X; src: url("{base}/font.ttf"); }}
        body {{ background: url("{base}/background.png"); font-family: X; }}
      </style></head><body>
      <img src="{base}/img.png"><img src="file:///etc/passwd">
      <img src="data:image/png;base64,iVBORw0KGgo=">
      <img src="/media/stories/999999/pages/secret.jpg">
      <img src="/media/stories/1/../999999/pages/secret.jpg">
      <img src="/static/../../etc/passwd">
      <iframe src="{base}/frame.html"></iframe><object data="{base}/object.svg"></object>
      <svg><image href="{base}/svg.png" width="5" height="5"/></svg>
      <p>Hello</p></body></html>"""
    data = render_pdf(html, media_folders=["stories/1"])
    assert data.startswith(b"%PDF")
    assert hits == []
    assert "Hello" in _tool("pdftotext", str(_write(tmp_path, data)), "-")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.css",
        "https://example.com/static/css/print.css",
        "file:///etc/passwd",
        "data:text/css,body{}",
        "ftp://pdf.storygen.invalid/static/css/print.css",
        "https://pdf.storygen.invalid/etc/passwd",
        "https://pdf.storygen.invalid/static/../../../etc/passwd",
        "https://pdf.storygen.invalid/static/%2e%2e/%2e%2e/etc/passwd",
        "https://pdf.storygen.invalid/media/stories/2/pages/a.jpg",
        "https://pdf.storygen.invalid/media/stories/1/../2/pages/a.jpg",
        "https://pdf.storygen.invalid/media/stories/1/link.jpg",
        "https://pdf.storygen.invalid/media/stories/1/pages/missing.jpg",
    ],
)
def test_the_fetcher_refuses(url: str) -> None:
    for folder in ("stories/1/pages", "stories/2/pages"):
        media_path(folder).mkdir(parents=True, exist_ok=True)
    media_path("stories/2/pages/a.jpg").write_bytes(_jpeg(4, 4))
    link = media_path("stories/1/link.jpg")
    link.unlink(missing_ok=True)
    link.symlink_to(media_path("stories/2/pages/a.jpg"))
    fetcher = LocalFetcher(media_folders=["stories/1"])
    with pytest.raises(ValueError, match="not a local resource"):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_the_fetcher_serves_static_files_and_the_storys_own_pictures() -> None:
    media_path("stories/1/pages").mkdir(parents=True, exist_ok=True)
    media_path("stories/1/pages/a.jpg").write_bytes(_jpeg(4, 4))
    fetcher = LocalFetcher(media_folders=["stories/1"])
    css = fetcher.fetch("https://pdf.storygen.invalid/static/css/print.css")
    assert css.content_type == "text/css"
    assert b"@page" in css.read()
    font = fetcher.fetch("https://pdf.storygen.invalid/static/fonts/storybook/Vollkorn-Bold.ttf")
    assert font.content_type == "font/ttf"
    picture = fetcher.fetch("https://pdf.storygen.invalid/media/stories/1/pages/a.jpg")
    assert picture.content_type == "image/jpeg"
    assert picture.read().startswith(b"\xff\xd8")
    assert fetcher.refused == []


# --- the cache ----------------------------------------------------------------------------


def test_a_second_download_without_edits_is_read_from_the_cache(
    made: Callable[..., Story],
) -> None:
    story = made()
    first = pdf.story_pdf_get_or_queue(story=story)
    assert first.is_ready
    assert first.path is not None
    assert first.path.parent == media_path(f"stories/{story.pk}/pdf")
    stamp = first.path.stat().st_mtime_ns
    time.sleep(0.01)
    # Saving unchanged rows and touching what does not print keeps the same PDF.
    Story.objects.filter(pk=story.pk).update(status=Story.Status.READY)
    _page(story, 1).save()
    second = pdf.story_pdf_get_or_queue(story=_fresh(story.pk))
    assert second.path == first.path
    assert second.path.stat().st_mtime_ns == stamp


@pytest.mark.parametrize(
    "edit",
    [
        "title",
        "text",
        "position_override",
        "opacity_override",
        "override_cleared",
        "layout",
        "redraw",
    ],
)
def test_any_edit_makes_a_new_pdf_and_drops_the_old_one(
    made: Callable[..., Story], edit: str
) -> None:
    story = made()
    page = _page(story, 1)
    if edit == "override_cleared":
        page.font_size = 30
        page.save()
    first = pdf.story_pdf_get_or_queue(story=_fresh(story.pk))
    assert first.path is not None
    if edit == "title":
        Story.objects.filter(pk=story.pk).update(title="A New Title")
    elif edit == "text":
        page.text = "A different page."
    elif edit == "position_override":
        page.text_position = "top-right"
    elif edit == "opacity_override":
        page.text_box_opacity = 0.2
    elif edit == "override_cleared":
        page.font_size = None
    elif edit == "layout":
        Story.objects.filter(pk=story.pk).update(layout_mode="vertical-split")
    elif edit == "redraw":
        _drawn(page, _jpeg(64, 64, (10, 10, 200)))
    page.save()
    second = pdf.story_pdf_get_or_queue(story=_fresh(story.pk))
    assert second.path is not None
    assert second.path != first.path
    assert second.fingerprint != first.fingerprint
    assert not first.path.exists()
    assert sorted(p.name for p in second.path.parent.iterdir()) == [second.path.name]


def test_a_story_without_pages_has_no_pdf(user: User) -> None:
    story = StoryFactory(owner=user, status=Story.Status.DRAFT)
    with pytest.raises(StoryPdfUnavailable):
        pdf.story_pdf_get_or_queue(story=_fresh(story.pk))
    PageFactory(story=story, number=0, text="Cover")
    with pytest.raises(StoryPdfUnavailable):
        pdf.story_pdf_get_or_queue(story=_fresh(story.pk))


# --- rendering in a worker -----------------------------------------------------------------


def _state_file(story: Story) -> Path:
    fingerprint = pdf.story_pdf_fingerprint(story=story, pages=list(story.pages.all()))
    return media_path(f"stories/{story.pk}/pdf/{fingerprint}.json")


def test_long_stories_render_in_a_worker_with_progress(
    made: Callable[..., Story], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.STORYGEN_PDF_SYNC_MAX_PAGES = 2
    story = made()
    written: list[dict] = []
    original = pdf._write_state

    def spy(story_id: int, fingerprint: str, status: str, progress: int, detail: str = ""):
        written.append({"status": status, "progress": progress})
        original(story_id, fingerprint, status, progress, detail)

    pdf._write_state = spy  # type: ignore[assignment]
    try:
        with django_capture_on_commit_callbacks(execute=True):
            state = pdf.story_pdf_get_or_queue(story=story)
            assert (state.status, state.progress) == ("queued", 0)
            assert json.loads(_state_file(story).read_text())["status"] == "queued"
    finally:
        pdf._write_state = original  # type: ignore[assignment]
    # The eager worker made it, reporting progress on the way; its state file is gone.
    progress = [entry["progress"] for entry in written if entry["status"] == "rendering"]
    assert progress == sorted(progress)
    assert progress[0] < 50 < progress[-1]
    assert not _state_file(story).exists()
    assert pdf.story_pdf_state(story=_fresh(story.pk)).status == "ready"


def test_a_queued_pdf_is_queued_once(
    made: Callable[..., Story], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.STORYGEN_PDF_SYNC_MAX_PAGES = 2
    story = made()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pdf.story_pdf_get_or_queue(story=story)
        again = pdf.story_pdf_get_or_queue(story=_fresh(story.pk))
    assert again.status == "queued"
    assert len(callbacks) == 1


def test_a_stale_queued_state_is_queued_again(
    made: Callable[..., Story], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.STORYGEN_PDF_SYNC_MAX_PAGES = 2
    story = made()
    path = _state_file(story)
    path.parent.mkdir(parents=True, exist_ok=True)
    old = time.time() - pdf.PDF_STALE_SECONDS - 1
    path.write_text(json.dumps({"status": "rendering", "progress": 40, "updated": old}))
    assert pdf.story_pdf_state(story=story).status == "idle"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert pdf.story_pdf_get_or_queue(story=story).status == "queued"
    assert len(callbacks) == 1


def test_a_failed_render_is_reported_then_tried_again(
    made: Callable[..., Story],
    settings: Any,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.STORYGEN_PDF_SYNC_MAX_PAGES = 2
    story = made()

    def broken(**kwargs: Any) -> bytes:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pdf, "story_pdf_bytes", broken)
    with django_capture_on_commit_callbacks(execute=True):
        pdf.story_pdf_get_or_queue(story=story)
    state = pdf.story_pdf_state(story=_fresh(story.pk))
    assert state.status == "failed"
    assert "disk" not in state.detail
    assert "try again" in state.detail
    with pytest.raises(StoryPdfFailed) as raised:
        pdf.story_pdf_get_or_queue(story=_fresh(story.pk))
    assert raised.value.status_code == 503
    assert raised.value.headers["Retry-After"]
    # Once the retry delay has passed, asking again queues it again.
    path = _state_file(story)
    state_data = json.loads(path.read_text())
    state_data["updated"] -= pdf.PDF_RETRY_SECONDS + 1
    path.write_text(json.dumps(state_data))
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        assert pdf.story_pdf_get_or_queue(story=_fresh(story.pk)).status == "queued"
    assert pdf.story_pdf_state(story=_fresh(story.pk)).status == "ready"


def test_the_task_skips_a_story_deleted_or_hidden_since(made: Callable[..., Story]) -> None:
    story = made()
    Story.objects.filter(pk=story.pk).update(is_hidden=True)
    from stories.tasks import story_pdf_render

    story_pdf_render.delay(story.pk)
    assert not media_path(f"stories/{story.pk}/pdf").exists()


def test_a_small_story_that_fails_to_render_says_so(
    made: Callable[..., Story], monkeypatch: pytest.MonkeyPatch
) -> None:
    story = made()
    monkeypatch.setattr(pdf, "story_pdf_bytes", lambda **kwargs: 1 / 0)
    with pytest.raises(StoryPdfFailed):
        pdf.story_pdf_get_or_queue(story=story)


# --- file names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("The Lantern Keeper", "attachment; filename=The Lantern Keeper.pdf"),
        ("  Moon   boat 2_b-c  ", "attachment; filename=Moon boat 2_b-c.pdf"),
        (
            "Léa und die Möwe",
            "attachment; filename=Lea und die Mowe.pdf; "
            "filename*=UTF-8''L%C3%A9a%20und%20die%20M%C3%B6we.pdf",
        ),
        (
            "海の物語",
            "attachment; filename=story_7.pdf; "
            "filename*=UTF-8''%E6%B5%B7%E3%81%AE%E7%89%A9%E8%AA%9E.pdf",
        ),
        ('../../etc/"passwd"\r\nX-Evil: 1', "attachment; filename=etcpasswdX-Evil 1.pdf"),
        ("Pip; filename=evil.exe", "attachment; filename=Pip filenameevilexe.pdf"),
        ("", "attachment; filename=story_7.pdf"),
    ],
)
def test_the_file_name_is_the_title_unquoted_and_safe_and_keeps_a_unicode_title(
    title: str, expected: str
) -> None:
    assert content_disposition(title, fallback="story_7") == expected


def test_a_long_title_gives_a_file_name_of_at_most_a_hundred_characters() -> None:
    header = content_disposition("Moon " * 60, fallback="story_7")
    name = header.removeprefix("attachment; filename=").removesuffix(".pdf")
    assert len(name) <= 100
    assert name == name.strip()
    assert name.startswith("Moon Moon")


def test_settings_default_to_rendering_up_to_eight_pages_in_the_request() -> None:
    assert settings.STORYGEN_PDF_SYNC_MAX_PAGES == 8


def test_rendering_pdfs_leaves_truncated_pictures_refused() -> None:
    from PIL import ImageFile

    from storygen.ai.errors import AIProviderRejected

    render_pdf("<p>Hello</p>")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    buffer = io.BytesIO()
    Image.effect_noise((64, 64), 80).convert("RGB").save(buffer, "PNG")
    assert len(buffer.getvalue()) > 2000
    with pytest.raises(AIProviderRejected):
        store_picture(base="t/cut", data=buffer.getvalue()[:1000], mime="image/png")


def test_a_picture_not_drawn_prints_a_quiet_placeholder(
    made: Callable[..., Story], tmp_path: Path
) -> None:
    story = made()
    Page.objects.filter(story=story, number=2).update(
        image="", image_display="", image_thumbnail="", status="failed"
    )
    path = _write(tmp_path, _bytes(_fresh(story.pk)))
    assert f"Pages:           {1 + story.num_pages}" in _tool("pdfinfo", str(path))
    pages_with_pictures = {
        int(line.split()[0]) for line in _tool("pdfimages", "-list", str(path)).splitlines()[2:]
    }
    assert pages_with_pictures == {1, 2, 4}
    text = " ".join(_tool("pdftotext", str(path), "-").split())
    assert "could not be drawn" not in text
    assert _page(story, 2).text.split()[0] in text


FRAME = (20, 20, 140)


def _framed_jpeg(width: int, height: int) -> bytes:
    """A light picture with a dark blue frame along its edges: any crop cuts the frame off."""
    image = Image.new("RGB", (width, height), (240, 220, 120))
    ImageDraw.Draw(image).rectangle(
        (0, 0, width - 1, height - 1), outline=FRAME, width=max(4, min(width, height) // 25)
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def _frame_box(shot: Image.Image) -> tuple[int, int, int, int] | None:
    """Where the frame's blue is printed on a rendered page: the picture's drawn box."""
    red, _, blue = shot.convert("RGB").split()
    bluish = ImageChops.multiply(
        blue.point(lambda v: 255 if v > 100 else 0), red.point(lambda v: 255 if v < 70 else 0)
    )
    return bluish.getbbox()


@pytest.mark.parametrize(
    ("page_format", "layout_mode", "picture"),
    [
        ("a4", "full-page-overlay", (600, 600)),  # a square picture on a tall page
        ("letter", "full-page-overlay", (1024, 1536)),  # a fixed-size model's portrait
        ("square-storybook", "full-page-overlay", (1536, 1024)),
        ("a4", "horizontal-split", (724, 1024)),  # a page-shaped picture above the text
    ],
)
def test_the_printed_picture_is_shown_whole_never_cropped(
    made: Callable[..., Story],
    tmp_path: Path,
    page_format: str,
    layout_mode: str,
    picture: tuple[int, int],
) -> None:
    story = made(page_format=page_format, layout_mode=layout_mode)
    page = _page(story, 1)
    page.text = "Short."
    page.save()
    _drawn(page, _framed_jpeg(*picture))
    path = _write(tmp_path, _bytes(_fresh(story.pk)))
    _tool("pdftoppm", "-png", "-r", "50", "-f", "2", "-l", "2", str(path), str(tmp_path / "p"))
    (shot_path,) = tmp_path.glob("p-*.png")
    shot = Image.open(shot_path)
    box = _frame_box(shot)
    assert box is not None
    left, top, right, bottom = box
    # The whole frame is printed, so its box has the picture's shape, as large as fits.
    assert (right - left) / (bottom - top) == pytest.approx(picture[0] / picture[1], rel=0.04)
    assert (right - left) >= shot.width * 0.95 or (bottom - top) >= shot.height * 0.55
