"""HTML to PDF with WeasyPrint, reading nothing but static files and the allowed media folders.

The document is rendered as if it lived at ``PDF_ORIGIN``, a host that can never resolve
(``.invalid`` is reserved, RFC 2606). Templates link stylesheets with ``{% static %}`` and
pictures with ``media_url()``, so the same templates also work in a browser. Every URL
WeasyPrint asks for goes through ``LocalFetcher``, which serves exactly two things, from
disk, by path:

- ``PDF_ORIGIN`` + STATIC_URL + name: a static file (the finders' folders, then STATIC_ROOT
  for the hashed names of a collected production build);
- ``PDF_ORIGIN`` + MEDIA_URL + name: a file inside one of the media folders the caller
  allowed (a story's own folder), never elsewhere in MEDIA_ROOT.

Everything else is refused without any I/O: other hosts and schemes (``http:``, ``https:``
elsewhere, ``ftp:``), ``file:`` URLs (even inside those folders: one way in is enough),
``data:`` URIs (nothing of ours needs them, and refusing them all is simpler than sizing
them), query-string tricks, ``..`` segments and symlinks that resolve outside the folder.
A refused resource is left out of the PDF and logged; nothing is ever fetched from the
network, so rendering cannot be turned against the machine's neighbours (SSRF).
"""

from __future__ import annotations

import logging
import mimetypes
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from math import inf
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import FileResponse
from PIL import ImageFile
from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Importing WeasyPrint turns on Pillow's process-wide LOAD_TRUNCATED_IMAGES. Pictures from
# the AI provider must still be refused when they arrive cut short (stories.services.media),
# in every process that also renders PDFs, so it goes back to Pillow's default.
ImageFile.LOAD_TRUNCATED_IMAGES = False

logger = logging.getLogger(__name__)

PDF_ORIGIN = "https://pdf.storygen.invalid"
_HOST = urlsplit(PDF_ORIGIN).netloc
_TYPES = {
    ".css": "text/css",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}


class FetchRefused(ValueError):
    """A URL the PDF may not read (WeasyPrint logs it and leaves the resource out)."""


def media_url(name: str) -> str:
    """The address of a media file (a name relative to MEDIA_ROOT) inside a PDF document."""
    return _prefix(settings.MEDIA_URL) + quote(name)


def _prefix(url: str) -> str:
    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else f"{path}/"


def _inside(root: Path, name: str) -> Path | None:
    """``root``/``name`` if that is a file inside ``root`` once every symlink is resolved."""
    if not name or "\x00" in name or name.startswith("/"):
        return None
    try:
        base = root.resolve()
        path = (base / name).resolve()
    except (OSError, RuntimeError):
        return None
    if not path.is_relative_to(base) or not path.is_file():
        return None
    return path


def _static_roots() -> list[Path]:
    """Folders static files are read from: the finders' (as in development), then STATIC_ROOT."""
    roots: list[Path] = []
    for finder in finders.get_finders():
        storages = getattr(finder, "storages", None) or {}
        for storage in storages.values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location))
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return roots


class LocalFetcher(URLFetcher):
    """WeasyPrint's URL fetcher, restricted to static files and the given media folders.

    ``media_folders`` are names relative to MEDIA_ROOT (``stories/12``). ``refused`` keeps
    the URLs turned away, for logs and tests.
    """

    def __init__(self, *, media_folders: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(allowed_protocols=("https",), allow_redirects=False, **kwargs)
        media_root = Path(settings.MEDIA_ROOT)
        self._media_folders = [media_root / folder.strip("/") for folder in media_folders]
        self._static_prefix = _prefix(settings.STATIC_URL)
        self._media_prefix = _prefix(settings.MEDIA_URL)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        try:
            path = self._resolve(url)
        except FetchRefused:
            self.refused.append(url)
            # Scheme and host only: a refused URL may carry text from a story.
            parts = urlsplit(url)
            logger.warning("PDF resource refused: %s://%s", parts.scheme, parts.netloc)
            raise
        content_type = _TYPES.get(path.suffix.lower()) or (
            mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        )
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    def _resolve(self, url: str) -> Path:
        parts = urlsplit(url)
        if parts.scheme != "https" or parts.netloc != _HOST:
            raise FetchRefused("not a local resource")
        path = unquote(parts.path)
        if path.startswith(self._static_prefix):
            name = path[len(self._static_prefix) :]
            for root in _static_roots():
                found = _inside(root, name)
                if found is not None:
                    return found
        elif path.startswith(self._media_prefix):
            name = path[len(self._media_prefix) :]
            media_root = Path(settings.MEDIA_ROOT)
            for folder in self._media_folders:
                found = _inside(media_root, name)
                if found is not None and found.is_relative_to(folder.resolve()):
                    return found
        raise FetchRefused("not a local resource")


_thread = threading.local()


def _font_configuration() -> FontConfiguration:
    """This thread's font configuration: the bundled fonts are read and registered with
    Fontconfig once per thread (~30 ms), not once per document. Fontconfig and Pango
    objects are not shared between threads."""
    fonts = getattr(_thread, "fonts", None)
    if fonts is None:
        fonts = _thread.fonts = FontConfiguration()
    return fonts


class Renderer:
    """Lays documents out and writes them as PDF, reading only what LocalFetcher allows.

    One renderer serves one job (measuring a document, then laying it out for good) in one
    thread; fonts of the documents' ``@font-face`` rules are loaded once per thread.
    """

    def __init__(self, *, media_folders: Iterable[str] = ()) -> None:
        self._media_folders = list(media_folders)
        self._fonts = _font_configuration()

    def layout(self, html: str) -> Document:
        """Lay ``html`` (a whole document) out into pages.

        Write the result with ``write_document``; measure it first with
        ``overflow_ratios`` if text may not fit.
        """
        fetcher = LocalFetcher(media_folders=self._media_folders)
        document = HTML(string=html, base_url=f"{PDF_ORIGIN}/", url_fetcher=fetcher).render(
            font_config=self._fonts
        )
        if fetcher.refused:
            logger.warning("PDF laid out without %d refused resource(s)", len(fetcher.refused))
        return document


#: PDF/UA-1 (ISO 14289-1): a tagged PDF, whose structure (headings, paragraphs, figures
#: with the pictures' alternative text), language (``<html lang>``) and title (``<title>``)
#: screen readers and reflowing viewers use.
PDF_VARIANT = "pdf/ua-1"


def write_document(document: Document) -> bytes:
    """The PDF bytes of a laid-out document: tagged (PDF_VARIANT), fonts embedded as subsets.

    JPEG pictures are embedded as they are (no re-encoding), so callers hand it JPEGs
    already sized for print; any other format is re-encoded by WeasyPrint, slowly.
    """
    return bytes(document.write_pdf(pdf_variant=PDF_VARIANT))


def render_pdf(html: str, *, media_folders: Iterable[str] = ()) -> bytes:
    """The PDF of ``html`` (a whole document), reading only what LocalFetcher allows."""
    return write_document(Renderer(media_folders=media_folders).layout(html))


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    placed = getattr(box, "_box", None)  # an absolutely positioned box's placeholder
    if placed is not None:
        yield from _boxes(placed)
        return
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def overflow_ratios(document: Document, css_class: str) -> list[float]:
    """For each element with ``css_class``, in document order: the height its content
    needs over the height it may take (its ``max-height``, else its height). Above 1, the
    content overflows and a box with ``overflow: hidden`` cuts it off.

    Lay the document out on pages tall enough that no box is split at a page end: only
    then is every box's content laid out in full.
    """
    ratios: dict[int, float] = {}
    for page in document.pages:
        for box in _boxes(page._page_box):
            element = getattr(box, "element", None)
            if element is None or getattr(box, "element_tag", None) is None:
                continue
            if css_class not in (element.get("class") or "").split():
                continue
            key = id(element)
            if key in ratios:
                continue
            # Everything inside counts: a flex item may be squeezed to the box's height
            # while its lines still run past it, and centred content overflows both ways.
            inner = [
                child for child in _boxes(box) if getattr(child, "element", None) is not element
            ]
            if not inner:
                continue
            top = min(child.position_y for child in inner)
            bottom = max(child.position_y + child.margin_height() for child in inner)
            room = box.max_height if box.max_height != inf else box.height
            ratios[key] = (bottom - top) / room if room > 0 else 1.0
    return list(ratios.values())


#: Longest file name (without ``.pdf``) a download is given.
FILENAME_MAX_LENGTH = 100


def content_disposition(title: str, *, fallback: str) -> str:
    """An ``attachment`` Content-Disposition for ``title``.pdf that every client can read.

    ``filename`` is the title as the product Storygen replaces sent it, unquoted: ASCII
    letters and digits (accents dropped), spaces, hyphens and underscores only, so the
    value can hold no ``;``, quote or line break and a client that reads up to the next
    ``;`` gets the whole name; ``fallback`` when nothing is left. Titles beyond ASCII also
    get ``filename*`` (RFC 5987/6266) with the title itself, minus characters no file
    system takes, which browsers prefer.
    """
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    kept = "".join(ch for ch in plain if ch.isalnum() or ch in " -_")
    ascii_name = " ".join(kept.split())[:FILENAME_MAX_LENGTH].rstrip() or fallback
    header = f"attachment; filename={ascii_name}.pdf"
    readable = "".join(ch for ch in title if ch.isprintable() and ch not in '\\/:*?"<>|')
    readable = " ".join(readable.split())[:120]
    if readable and not readable.isascii():
        header += f"; filename*=UTF-8''{quote(readable + '.pdf', safe='')}"
    return header


def pdf_download_response(path: Path, *, title: str, fallback: str) -> FileResponse:
    """The PDF at ``path`` as a download named after ``title`` (see content_disposition).

    Callers check access first. Not cached by shared caches; a browser revalidates.
    """
    response = FileResponse(path.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(title, fallback=fallback)
    response["Cache-Control"] = "private, no-cache"
    return response
