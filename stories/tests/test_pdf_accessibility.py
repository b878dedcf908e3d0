"""The story PDF is a tagged PDF (PDF/UA-1): its structure, language and title are there for
screen readers, and each picture carries its description as alternative text.

Checked on the file itself: poppler's ``pdfinfo`` for the tagging and the title, and the
PDF's own objects (inflated from their compressed streams) for /Lang and each figure's /Alt.
"""

from __future__ import annotations

import re
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest

from accounts.models import User
from stories import selectors, services
from stories.models import Page, Story
from stories.services import pdf
from storygen.pdf import render_pdf

pytestmark = pytest.mark.django_db

_STRING = rb"(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)"


@pytest.fixture(autouse=True)
def _own_media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _story(user: User, run_pipeline: Any, story_request: dict[str, Any]) -> Story:
    """A story written and drawn by the real pipeline (offline provider)."""
    task = run_pipeline(services.story_generation_start, owner=user, **story_request)
    story = selectors.story_pdf_source(story_id=task.story_id)
    assert story is not None
    return story


def _pdfinfo(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "story.pdf"
    path.write_bytes(data)
    command = ("pdfinfo", str(path))
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603


def _decode(literal: bytes) -> str:
    """A PDF string object's text: ``(literal)`` or ``<hex>`` (UTF-16 with its mark)."""
    if literal.startswith(b"<"):
        raw = bytes.fromhex(literal[1:-1].decode())
        if raw.startswith(b"\xfe\xff"):
            return raw[2:].decode("utf-16-be")
        return raw.decode("latin-1")
    body = re.sub(rb"\\([\\()])", rb"\1", literal[1:-1])
    return body.decode("latin-1")


def _entries(data: bytes, key: str) -> list[str]:
    """The string values of every ``/key`` in the PDF, in its objects and object streams."""
    chunks = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        inflate = zlib.decompressobj()
        try:
            chunks.append(inflate.decompress(data[match.end() :]))
        except zlib.error:
            continue
    pattern = re.compile(rb"/" + key.encode() + rb"\s*" + _STRING)
    return [_decode(found[1]) for chunk in chunks for found in pattern.finditer(chunk)]


def test_a_story_pdf_is_tagged_in_english_with_its_title(
    user: User, run_pipeline: Any, story_request: dict[str, Any], tmp_path: Path
) -> None:
    story = _story(user, run_pipeline, story_request)

    data = pdf.story_pdf_bytes(story=story, pages=list(story.pages.all()))

    info = _pdfinfo(data, tmp_path)
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE), info
    assert re.search(r"^Title:\s+The Lantern Keeper$", info, re.MULTILINE), info
    assert _entries(data, "Lang") == ["en"]


def test_each_picture_of_a_story_pdf_is_described_by_its_alternative_text(
    user: User, run_pipeline: Any, story_request: dict[str, Any]
) -> None:
    story = _story(user, run_pipeline, story_request)
    Page.objects.filter(story=story, number=2).update(
        image_description="Mira’s lantern glows over the bay (a whale calf swims close)"
    )
    pages = list(Page.objects.filter(story=story).order_by("number"))

    data = pdf.story_pdf_bytes(story=story, pages=pages)

    alts = _entries(data, "Alt")
    assert alts == [page.image_description[:160] for page in pages]
    assert alts[0].startswith("Picture-book cover")
    assert alts[2] == "Mira’s lantern glows over the bay (a whale calf swims close)"
    assert all(alt.strip() for alt in alts)


def test_an_edited_picture_description_makes_a_new_pdf(
    user: User, run_pipeline: Any, story_request: dict[str, Any]
) -> None:
    story = _story(user, run_pipeline, story_request)
    pages = list(Page.objects.filter(story=story).order_by("number"))
    before = pdf.story_pdf_fingerprint(story=story, pages=pages)

    pages[1].image_description = "Mira waves to the whale from the rocks"

    assert pdf.story_pdf_fingerprint(story=story, pages=pages) != before


def test_any_rendered_document_is_tagged(tmp_path: Path) -> None:
    data = render_pdf('<html lang="fr"><title>Bonjour</title><p>Bonjour</p></html>')

    assert re.search(r"^Tagged:\s+yes$", _pdfinfo(data, tmp_path), re.MULTILINE)
    assert _entries(data, "Lang") == ["fr"]
