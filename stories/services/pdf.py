"""A story as a print-ready PDF: its sheets, print pictures, the render, and the disk cache.

A PDF is cached in the story's media folder (``stories/<id>/pdf/<fingerprint>.pdf``) under a
fingerprint of everything that shapes it (see ``story_pdf_fingerprint``), so a second
download without edits reads the file and any edit makes a new one. A render's state is a
small JSON file beside the PDF (``<fingerprint>.json``: queued, rendering with progress, or
failed), whoever renders: the request (``story_pdf_get_or_render``, the API's default, which
waits for a render already under way instead of starting a second one), or a Celery task
(``story_pdf_get_or_queue``, for the pages that show a progress page and API clients that
prefer to poll). No database table is involved: the files are the state, and a state file
that stops changing is taken over by the next request.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from PIL import Image

from stories import selectors
from stories.errors import StoryPdfFailed, StoryPdfUnavailable
from stories.layout import (  # noqa: F401 (the fitting floors, re-exported with the fitting)
    FIT_MIN_FONT_SIZE,
    FIT_MIN_LARGE_PRINT_SIZE,
    PageLayout,
    page_layout,
)
from stories.models import Page, Story
from stories.services.stories import story_media_folder
from storygen.dispatch import send_on_commit
from storygen.media import MAX_PICTURE_PIXELS, media_path, write_atomic
from storygen.pdf import Renderer, media_url, overflow_ratios, write_document
from storygen.waiting import wait_until

logger = logging.getLogger(__name__)

#: Bump when templates/pdf/, static/css/print.css, the way pictures are prepared or the
#: PDF's tagging (storygen.pdf.PDF_VARIANT) change what a PDF holds: every cached PDF then
#: renders again.
PDF_LAYOUT_VERSION = 3
#: Bump when the bundled fonts (static/fonts/, static/css/fonts.css) change.
PDF_FONTS_VERSION = 1

#: Paper size of each page format, in inches (the reference product's sizes: "portrait" is
#: US Letter upright, "landscape" US Letter on its side).
PAGE_SIZES_IN: dict[str, tuple[float, float]] = {
    Story.PageFormat.LETTER: (8.5, 11.0),
    Story.PageFormat.A4: (210 / 25.4, 297 / 25.4),
    Story.PageFormat.PORTRAIT: (8.5, 11.0),
    Story.PageFormat.LANDSCAPE: (11.0, 8.5),
    Story.PageFormat.A4_LANDSCAPE: (297 / 25.4, 210 / 25.4),
    Story.PageFormat.SQUARE: (8.5, 8.5),
}
#: Share of the page (width, height) the picture takes in each layout, as print.css lays
#: it out (and reader.css on screen: 3fr/2fr rows, two equal columns).
PICTURE_SHARE: dict[str, tuple[float, float]] = {
    Story.LayoutMode.OVERLAY: (1.0, 1.0),
    Story.LayoutMode.HORIZONTAL: (1.0, 0.6),
    Story.LayoutMode.VERTICAL: (0.5, 1.0),
}
#: Pictures are embedded at up to this resolution on paper...
PRINT_DPI = 300
#: ...and the display JPEG is used as it is when it already gives at least this much.
PRINT_MIN_DPI = 200
PRINT_JPEG_QUALITY = 90
_FIT_ROUNDS = 5
#: A queued or rendering state file untouched this long belongs to a lost task or a dead
#: worker: the next request queues the work again.
PDF_STALE_SECONDS = 120
#: After a failed render, requests report the failure this long before trying again.
PDF_RETRY_SECONDS = 30

READY = "ready"
QUEUED = "queued"
RENDERING = "rendering"
FAILED = "failed"
IDLE = "idle"
_FAILED_MESSAGE = "The PDF could not be made. Please try again in a minute."
_BUSY_MESSAGE = "Many books are being made into PDFs right now. Please try again in a minute."
#: PDFs a web process renders in its requests at once. Its threads (gunicorn's gthread
#: workers) could otherwise all render together, each holding a book's pictures in memory;
#: the others wait for a turn, as long as a request may wait.
REQUEST_RENDERS_AT_ONCE = 2
_request_renders = threading.BoundedSemaphore(REQUEST_RENDERS_AT_ONCE)


@contextlib.contextmanager
def _request_render_turn() -> Iterator[None]:
    """A turn to render in this request; StoryPdfFailed (503) when none frees up within
    STORYGEN_API_WAIT_SECONDS."""
    if not _request_renders.acquire(timeout=max(1.0, float(settings.STORYGEN_API_WAIT_SECONDS))):
        logger.warning("no turn to render a PDF in the request: every turn is busy")
        raise StoryPdfFailed(_BUSY_MESSAGE)
    try:
        yield
    finally:
        _request_renders.release()


#: Gives the address of the picture a sheet shows ("" for none): the PDF's print JPEGs by
#: default, the owner-only picture view in the editor's preview.
PicturePicker = Callable[[Page, PageLayout], str]


@dataclass(frozen=True)
class PdfSheet:
    """One printed page: the cover or a story page, with its layout and picture address."""

    page: Page | None
    layout: PageLayout
    is_cover: bool
    number: int | None
    has_picture: bool
    picture_url: str
    picture_alt: str
    #: Font scale that makes the text fit its box (1: as chosen).
    fit: float = 1.0

    @property
    def style(self) -> str:
        """The sheet's custom properties: its layout's, the fitted font scale, and the
        page number's tab (the panel colour, a little see-through)."""
        panel = self.layout.panel_color
        red, green, blue = (int(panel[i : i + 2], 16) for i in (1, 3, 5))
        return (
            f"{self.layout.css_variables} --fit: {self.fit:.3f}; "
            f"--page-number-background: rgb({red} {green} {blue} / 72%);"
        )


@dataclass(frozen=True)
class PdfState:
    """Where a story's PDF stands. ``path`` is the cached file once ``status`` is ready."""

    status: str
    progress: int
    fingerprint: str
    path: Path | None = None
    detail: str = ""

    @property
    def is_ready(self) -> bool:
        return self.status == READY


# --- What the PDF is made of ---------------------------------------------------------------


def story_pdf_fingerprint(*, story: Story, pages: Sequence[Page]) -> str:
    """A hash of everything that shapes the story's PDF, naming its cached file.

    The title, the layout defaults, each page's text, picture files and version, picture
    description (the picture's alternative text in the tagged PDF) and its overrides (raw:
    a cleared override differs from one set to the default), plus the layout, font and
    print-resolution constants. Anything else (timestamps, statuses) leaves the PDF as it
    was.
    """
    data = {
        "versions": [PDF_LAYOUT_VERSION, PDF_FONTS_VERSION, PRINT_DPI, PRINT_MIN_DPI],
        "story": [
            story.pk,
            story.title,
            story.page_format,
            story.layout_mode,
            story.font_family,
            story.font_size,
            story.font_color,
            story.text_position,
            story.text_box_opacity,
        ],
        "pages": [
            [
                page.pk,
                page.number,
                page.text,
                page.image_description,
                page.image.name,
                page.image_display.name,
                page.image_version,
                page.text_position,
                page.font_family,
                page.font_size,
                page.font_color,
                page.text_box_opacity,
            ]
            for page in pages
        ],
    }
    encoded = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()[:32]


def _picture_box_inches(layout: PageLayout) -> tuple[float, float]:
    width, height = PAGE_SIZES_IN.get(layout.page_format, PAGE_SIZES_IN[Story.PageFormat.LETTER])
    share_w, share_h = PICTURE_SHARE.get(layout.layout_mode, (1.0, 1.0))
    return width * share_w, height * share_h


def _pixel_size(name: str) -> tuple[int, int] | None:
    if not name:
        return None
    try:
        with Image.open(media_path(name)) as image:
            return image.size
    except (OSError, ValueError, SyntaxError):
        return None


def _cover_dpi(size: tuple[int, int], box: tuple[float, float]) -> float:
    """Resolution of a picture of ``size`` pixels scaled to cover a ``box`` of inches."""
    return min(size[0] / box[0], size[1] / box[1])


def _print_jpeg(source: str, box: tuple[float, float]) -> str:
    """A JPEG of ``source`` cropped to ``box``'s shape at up to PRINT_DPI, made once.

    Named after the source file (which carries the picture's version) and the pixel size,
    next to it; an existing file is reused.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(media_path(source)) as opened:
            width, height = opened.size
            if width * height > MAX_PICTURE_PIXELS:
                raise ValueError("picture too large to print")
            aspect = box[0] / box[1]
            crop_w, crop_h = (
                (round(height * aspect), height)
                if width / height > aspect
                else (width, round(width / aspect))
            )
            target_w = min(crop_w, round(box[0] * PRINT_DPI))
            target_h = min(crop_h, round(target_w / aspect))
            stem = source.rsplit(".", 1)[0].removesuffix("-display")
            name = f"{stem}-print-{target_w}x{target_h}.jpg"
            if media_path(name).is_file():
                return name
            left, top = (width - crop_w) // 2, (height - crop_h) // 2
            picture = opened.convert("RGB").crop((left, top, left + crop_w, top + crop_h))
    if picture.size != (target_w, target_h):
        picture = picture.resize((target_w, target_h), Image.Resampling.LANCZOS, reducing_gap=3.0)
    buffer = _jpeg_bytes(picture)
    write_atomic(name, buffer)
    return name


def _jpeg_bytes(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=PRINT_JPEG_QUALITY)
    return buffer.getvalue()


def print_picture(page: Page, layout: PageLayout) -> str | None:
    """The media name of the JPEG to print for ``page``, or None when it has no picture.

    The display JPEG when it gives at least PRINT_MIN_DPI on the page (or nothing larger
    exists); otherwise a JPEG made once from the original at the page's size, up to
    PRINT_DPI. Never a PNG: WeasyPrint embeds JPEGs as they are, other formats it
    re-encodes, which costs ~0.5 s and megabytes per picture.
    """
    display, original = page.image_display.name or "", page.image.name or ""
    box = _picture_box_inches(layout)
    display_size = _pixel_size(display)
    if display_size and _cover_dpi(display_size, box) >= PRINT_MIN_DPI:
        return display
    original_size = _pixel_size(original)
    larger = original_size and (
        not display_size or original_size[0] * original_size[1] > display_size[0] * display_size[1]
    )
    if larger:
        try:
            return _print_jpeg(original, box)
        except (
            OSError,
            ValueError,
            SyntaxError,
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,
        ):
            logger.warning(
                "page %s: original picture unreadable, printing the display copy", page.pk
            )
    return display if display_size else None


def print_picture_address(page: Page, layout: PageLayout) -> str:
    """The address, inside a PDF document, of the JPEG to print for ``page`` ("" for none)."""
    name = print_picture(page, layout)
    return media_url(name) if name else ""


def story_pdf_sheets(
    *,
    story: Story,
    pages: Sequence[Page],
    picture: PicturePicker = print_picture_address,
    on_picture: Callable[[int, int], None] | None = None,
) -> list[PdfSheet]:
    """The cover and every page of ``story`` as printed sheets, in order.

    ``pages`` are the story's pages by number (page 0, the cover, may be missing while the
    text is not written). ``picture`` gives the address of each page's picture;
    ``on_picture(done, total)`` follows the pictures being prepared.
    """
    cover = pages[0] if pages and pages[0].number == 0 else None
    body = [page for page in pages if page.number > 0]
    entries: list[tuple[Page | None, int | None]] = [(cover, None)]
    entries.extend((page, index) for index, page in enumerate(body, start=1))
    sheets = []
    for done, (page, number) in enumerate(entries, start=1):
        layout = page_layout(story, page)
        has_picture = page is None or page.needs_picture
        address = picture(page, layout) if page is not None and has_picture else ""
        # The picture's description, as the reader gives it: a tagged PDF reads it aloud.
        fallback = "Cover illustration" if number is None else f"Illustration for page {number}"
        alt = (page.image_description if page else "")[:160] or fallback
        sheets.append(
            PdfSheet(
                page=page,
                layout=layout,
                is_cover=number is None,
                number=number,
                has_picture=has_picture,
                picture_url=address,
                picture_alt=alt,
            )
        )
        if on_picture is not None:
            on_picture(done, len(entries))
    return sheets


def story_pdf_html(*, story: Story, sheets: Sequence[PdfSheet], measuring: bool = False) -> str:
    """The whole book as one HTML document (templates/pdf/story.html).

    ``measuring`` lays it out on very tall pages, for story_pdf_fit.
    """
    return render_to_string(
        "pdf/story.html", {"story": story, "sheets": sheets, "measuring": measuring}
    )


def _fit_floor(sheet: PdfSheet) -> float:
    return sheet.layout.fit_floor


def story_pdf_fit(
    *,
    story: Story,
    sheets: Sequence[PdfSheet],
    ratios: Sequence[float] | None = None,
    renderer: Renderer | None = None,
) -> list[PdfSheet]:
    """``sheets``, with a smaller font scale (``fit``) where the text overflows its box.

    ``ratios`` are each sheet's text height over the height its box may take, from a
    layout of these sheets (``overflow_ratios``); without them the sheets are measured
    first. For each sheet whose text does not fit, the largest scale that fits is searched
    for: a first guess from the overflow (text height goes roughly with the square of its
    size), then halving the interval, laying out only those sheets, without pictures, on
    pages too tall to split any box (static/css/print-measure.css), a few rounds. Never
    below FIT_MIN_FONT_SIZE (FIT_MIN_LARGE_PRINT_SIZE for large print). The editor's
    preview can show the same fitted sheets, so it shows what will print.
    """
    renderer = renderer or Renderer()
    fitted = list(sheets)
    if ratios is None:
        ratios = _measure(story, fitted, renderer)
    # Per overflowing sheet: (largest scale known to fit, smallest known not to).
    bounds: dict[int, tuple[float, float]] = {}
    for index, ratio in enumerate(ratios):
        if ratio > 1.0:
            floor = _fit_floor(fitted[index])
            bounds[index] = (floor, 1.0)
            guess = max(floor, min(0.99, 0.99 / ratio**0.5))
            fitted[index] = replace(fitted[index], fit=guess)
    for _ in range(_FIT_ROUNDS):
        trying = [index for index, (low, high) in bounds.items() if high - low > 0.02]
        if not trying:
            break
        measured = _measure(story, [fitted[index] for index in trying], renderer)
        for index, ratio in zip(trying, measured, strict=True):
            low, high = bounds[index]
            scale = fitted[index].fit
            low, high = (scale, high) if ratio <= 1.0 else (low, scale)
            bounds[index] = (low, high)
            fitted[index] = replace(fitted[index], fit=(low + high) / 2)
    for index, (low, _high) in bounds.items():
        fitted[index] = replace(fitted[index], fit=low)
    return fitted


def _measure(story: Story, sheets: Sequence[PdfSheet], renderer: Renderer) -> list[float]:
    """Each sheet's text height over the height its box may take, laid out without
    pictures on very tall pages."""
    trial = [replace(sheet, picture_url="") for sheet in sheets]
    document = renderer.layout(story_pdf_html(story=story, sheets=trial, measuring=True))
    return overflow_ratios(document, "pdf-page__box")


def story_pdf_bytes(
    *,
    story: Story,
    pages: Sequence[Page],
    picture: PicturePicker = print_picture_address,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """Render ``story`` to PDF bytes, without the cache. Reads only static files and the
    story's own media folder; text too long for its box is set smaller to fit.

    The book is laid out once; only when some text overflows (a box measures taller than
    it may be, which a layout at the real page size shows too) are those pages fitted and
    the book laid out again.
    """

    def report(value: int) -> None:
        if progress is not None:
            progress(value)

    sheets = story_pdf_sheets(
        story=story,
        pages=pages,
        picture=picture,
        on_picture=lambda done, total: report(5 + 35 * done // total),
    )
    renderer = Renderer(media_folders=[story_media_folder(story.pk)])
    document = renderer.layout(story_pdf_html(story=story, sheets=sheets))
    report(60)
    ratios = overflow_ratios(document, "pdf-page__box")
    if any(ratio > 1.0 for ratio in ratios):
        sheets = story_pdf_fit(story=story, sheets=sheets, ratios=ratios, renderer=renderer)
        document = renderer.layout(story_pdf_html(story=story, sheets=sheets))
    report(85)
    data = write_document(document)
    report(95)
    return data


# --- The cache and the state files ----------------------------------------------------------


def _pdf_folder(story_id: int) -> str:
    return f"{story_media_folder(story_id)}/pdf"


def _pdf_name(story_id: int, fingerprint: str) -> str:
    return f"{_pdf_folder(story_id)}/{fingerprint}.pdf"


def _state_path(story_id: int, fingerprint: str) -> Path:
    return media_path(f"{_pdf_folder(story_id)}/{fingerprint}.json")


def _read_state(path: Path) -> dict | None:
    try:
        state = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def _write_state(
    story_id: int, fingerprint: str, status: str, progress: int, detail: str = ""
) -> None:
    payload = {"status": status, "progress": progress, "detail": detail, "updated": time.time()}
    write_atomic(f"{_pdf_folder(story_id)}/{fingerprint}.json", json.dumps(payload).encode())


def _claim_queue(story_id: int, fingerprint: str) -> bool:
    """Create the queued state file; False when another request got there first.

    The file is created exclusively, so of two requests arriving together only one sends
    the task. A stale or expired-failure file is replaced.
    """
    path = _state_path(story_id, fingerprint)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(
        {"status": QUEUED, "progress": 0, "detail": "", "updated": time.time()}
    ).encode()
    try:
        handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        if _live_state(story_id, fingerprint) is not None:
            return False
        _write_state(story_id, fingerprint, QUEUED, 0)
        return True
    with os.fdopen(handle, "wb") as file:
        file.write(payload)
    return True


def _claim_render(story_id: int, fingerprint: str, *, take_over: bool) -> bool:
    """Mark this fingerprint as being rendered by the caller; False when someone else is.

    A queued render (waiting for a worker) is taken: rendering it here is quicker than
    waiting for a worker, and the task finds the PDF made and stops. A render under way
    elsewhere is taken only with ``take_over`` (it ran past the caller's patience), and a
    recent failure never (the caller reports it).
    """
    path = _state_path(story_id, fingerprint)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        live = _live_state(story_id, fingerprint)
        if live is not None and (
            live.status == FAILED or (live.status == RENDERING and not take_over)
        ):
            return False
        _write_state(story_id, fingerprint, RENDERING, 1)
        return True
    payload = {"status": RENDERING, "progress": 1, "detail": "", "updated": time.time()}
    with os.fdopen(handle, "wb") as file:
        file.write(json.dumps(payload).encode())
    return True


def _progress_writer(story_id: int, fingerprint: str) -> Callable[[int], None]:
    """Report a render's progress in its state file (each new value once)."""
    last = [-1]

    def progress(value: int) -> None:
        if value != last[0]:
            last[0] = value
            _write_state(story_id, fingerprint, RENDERING, value)

    return progress


def _render_claimed(*, story: Story, pages: Sequence[Page], fingerprint: str) -> Path:
    """Render a PDF whose state the caller claimed, reporting progress in its state file.

    A failure is recorded there too (so requests waiting for this render stop waiting) and
    raised as StoryPdfFailed, without the internal error.
    """
    try:
        return _render_and_store(
            story=story,
            pages=pages,
            fingerprint=fingerprint,
            progress=_progress_writer(story.pk, fingerprint),
        )
    except Exception as exc:
        logger.exception("story %s: PDF render failed", story.pk)
        with contextlib.suppress(OSError):
            _write_state(story.pk, fingerprint, FAILED, 0, _FAILED_MESSAGE)
        raise StoryPdfFailed(_FAILED_MESSAGE) from exc


def _forget_others(story_id: int, keep: str) -> None:
    """Remove the story's cached PDFs and state files of other fingerprints."""
    folder = media_path(_pdf_folder(story_id))
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if path.suffix in {".pdf", ".json"} and path.stem != keep:
            path.unlink(missing_ok=True)


def _live_state(story_id: int, fingerprint: str) -> PdfState | None:
    """The queued, rendering or recently failed state of this fingerprint, if any."""
    state = _read_state(_state_path(story_id, fingerprint))
    if state is None:
        return None
    age = time.time() - float(state.get("updated", 0))
    status = str(state.get("status", ""))
    if status in {QUEUED, RENDERING} and age < PDF_STALE_SECONDS:
        return PdfState(
            status=status, progress=int(state.get("progress", 0)), fingerprint=fingerprint
        )
    if status == FAILED and age < PDF_RETRY_SECONDS:
        return PdfState(
            status=FAILED,
            progress=0,
            fingerprint=fingerprint,
            detail=str(state.get("detail") or _FAILED_MESSAGE),
        )
    return None


def _render_and_store(
    *,
    story: Story,
    pages: Sequence[Page],
    fingerprint: str,
    progress: Callable[[int], None] | None = None,
) -> Path:
    data = story_pdf_bytes(story=story, pages=pages, progress=progress)
    name = _pdf_name(story.pk, fingerprint)
    write_atomic(name, data)
    _forget_others(story.pk, keep=fingerprint)
    _state_path(story.pk, fingerprint).unlink(missing_ok=True)
    logger.info("story %s: PDF rendered (%d pages, %d bytes)", story.pk, len(pages), len(data))
    return media_path(name)


def _pages_of(story: Story) -> list[Page]:
    pages = sorted(story.pages.all(), key=lambda page: page.number)
    if not any(page.number > 0 for page in pages):
        raise StoryPdfUnavailable()
    return pages


def story_pdf_get_or_queue(*, story: Story, wait_seconds: float = 0.0) -> PdfState:
    """The story's PDF: from the cache, rendered now, or queued for a worker.

    Stories of up to STORYGEN_PDF_SYNC_MAX_PAGES pages render in the caller's request;
    longer ones are queued once (``stories.tasks.story_pdf_render``) and reported as
    queued or rendering until the file exists, after waiting up to ``wait_seconds`` for
    it. Raises StoryPdfUnavailable (409) for a story without pages and StoryPdfFailed (503)
    after a failed render, for PDF_RETRY_SECONDS. ``story`` comes from a user-scoped
    selector, with its pages.
    """
    from stories import tasks

    pages = _pages_of(story)
    fingerprint = story_pdf_fingerprint(story=story, pages=pages)
    path = media_path(_pdf_name(story.pk, fingerprint))
    if path.is_file():
        return PdfState(status=READY, progress=100, fingerprint=fingerprint, path=path)
    live = _live_state(story.pk, fingerprint)
    if live is not None:
        if live.status == FAILED:
            raise StoryPdfFailed(live.detail or _FAILED_MESSAGE)
        return _waited(story.pk, fingerprint, live, wait_seconds)
    body_pages = sum(1 for page in pages if page.number > 0)
    if body_pages <= settings.STORYGEN_PDF_SYNC_MAX_PAGES and _claim_render(
        story.pk, fingerprint, take_over=False
    ):
        path = _render_claimed(story=story, pages=pages, fingerprint=fingerprint)
        return PdfState(status=READY, progress=100, fingerprint=fingerprint, path=path)
    if not _claim_queue(story.pk, fingerprint):
        live = _live_state(story.pk, fingerprint) or PdfState(QUEUED, 0, fingerprint)
        return _waited(story.pk, fingerprint, live, wait_seconds)
    send_on_commit(tasks.story_pdf_render, story.pk)
    logger.info("story %s: PDF queued (%d pages)", story.pk, body_pages)
    return _waited(story.pk, fingerprint, PdfState(QUEUED, 0, fingerprint), wait_seconds)


def _waited(story_id: int, fingerprint: str, state: PdfState, seconds: float) -> PdfState:
    """The PDF if it is made within ``seconds``, else where it stands then (``state`` when
    nothing says otherwise). Raises StoryPdfFailed when the render fails meanwhile."""
    path = media_path(_pdf_name(story_id, fingerprint))

    def settled() -> bool:
        live = _live_state(story_id, fingerprint)
        return path.is_file() or live is None or live.status == FAILED

    if seconds > 0:
        wait_until(settled, seconds=seconds)
    if path.is_file():
        return PdfState(status=READY, progress=100, fingerprint=fingerprint, path=path)
    live = _live_state(story_id, fingerprint)
    if live is not None and live.status == FAILED:
        raise StoryPdfFailed(live.detail or _FAILED_MESSAGE)
    return live or state


def story_pdf_get_or_render(*, story: Story, wait_seconds: float) -> Path:
    """The story's PDF file: from the cache, or rendered in the caller's request.

    A render already under way (a worker's, or another request's) is waited for, up to
    ``wait_seconds``; past that, or when it stops reporting progress, the caller renders
    the PDF itself. A render only queued for a worker is not waited for: the caller renders
    it at once (the worker then finds it made). Raises StoryPdfUnavailable (409) for a
    story without pages and StoryPdfFailed (503) when the render fails, or failed less than
    PDF_RETRY_SECONDS ago. ``story`` comes from a user-scoped selector, with its pages.
    """
    pages = _pages_of(story)
    fingerprint = story_pdf_fingerprint(story=story, pages=pages)
    path = media_path(_pdf_name(story.pk, fingerprint))
    deadline = time.monotonic() + wait_seconds

    def settled() -> bool:
        live = _live_state(story.pk, fingerprint)
        return path.is_file() or live is None or live.status != RENDERING

    while True:
        if path.is_file():
            return path
        live = _live_state(story.pk, fingerprint)
        if live is not None and live.status == FAILED:
            raise StoryPdfFailed(live.detail or _FAILED_MESSAGE)
        left = deadline - time.monotonic()
        if live is not None and live.status == RENDERING and left > 0:
            wait_until(settled, seconds=left)
            continue
        with _request_render_turn():
            if path.is_file():  # made by another request while this one waited for a turn
                return path
            if _claim_render(story.pk, fingerprint, take_over=left <= 0):
                return _render_claimed(story=story, pages=pages, fingerprint=fingerprint)


def story_pdf_state(*, story: Story) -> PdfState:
    """Where the story's PDF stands, without starting anything (for polling).

    ``idle`` when it is neither cached nor being made (never asked for, edited since, or
    its task was lost): asking for the PDF again starts it. Raises StoryPdfUnavailable for
    a story without pages.
    """
    pages = _pages_of(story)
    fingerprint = story_pdf_fingerprint(story=story, pages=pages)
    path = media_path(_pdf_name(story.pk, fingerprint))
    if path.is_file():
        return PdfState(status=READY, progress=100, fingerprint=fingerprint, path=path)
    live = _live_state(story.pk, fingerprint)
    if live is not None:
        return live
    return PdfState(status=IDLE, progress=0, fingerprint=fingerprint)


def story_pdf_render(*, story_id: int) -> None:
    """Render a story's PDF into the cache (the task behind story_pdf_get_or_queue).

    Idempotent: returns at once when the PDF of the story as it is now already exists.
    Renders the story as it is when the task runs (an edit since queueing is included).
    Progress goes to the state file; a failure is recorded there (and logged) instead of
    raised, so clients see it and the next request after PDF_RETRY_SECONDS tries again.
    A story deleted or hidden since is skipped.
    """
    story = selectors.story_pdf_source(story_id=story_id)
    if story is None:
        return
    try:
        pages = _pages_of(story)
    except StoryPdfUnavailable:
        return
    fingerprint = story_pdf_fingerprint(story=story, pages=pages)
    if media_path(_pdf_name(story_id, fingerprint)).is_file():
        _state_path(story_id, fingerprint).unlink(missing_ok=True)
        return
    progress = _progress_writer(story_id, fingerprint)
    progress(1)
    try:
        _render_and_store(story=story, pages=pages, fingerprint=fingerprint, progress=progress)
    except Exception:
        logger.exception("story %s: PDF render failed", story_id)
        with contextlib.suppress(OSError):
            _write_state(story_id, fingerprint, FAILED, 0, _FAILED_MESSAGE)
