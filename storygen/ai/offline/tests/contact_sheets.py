"""Contact sheets of the offline storyteller: each brief's story and pictures on one PNG.

``python -m storygen.ai.offline.tests.contact_sheets [N ...]`` writes, for every brief of
``briefs.jsonl`` (or only the numbered ones, counted from 0), ``brief-NN.png`` under
``var/test-output/offline/``: the character sheets, then every page's picture with its text
beneath, as a parent would see the book laid out on a table. Something to look at, not a
check: ``test_pictures.py`` holds the checks.
"""

from __future__ import annotations

import argparse
import io
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from storygen.ai.offline import OfflineProvider
from storygen.ai.offline.tests.judge import load_briefs, story_brief
from storygen.ai.types import CharacterBrief, Scene, StoryDraft, StoryRequest

OUTPUT = Path(__file__).resolve().parents[4] / "var" / "test-output" / "offline"

TILE = 300  # the long side of each picture on the sheet
TEXT_LINES = 11
LINE_HEIGHT = 15
COLUMNS = 4
PAGE_SIZE = "1024x768"
SHEET_SIZE = "1024x1536"


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    for name in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def story_and_pictures(
    row: dict[str, Any], provider: OfflineProvider | None = None
) -> tuple[StoryDraft, list[Image.Image], list[Image.Image]]:
    """The story written from ``row``, its character sheets and its pages' pictures."""
    provider = provider or OfflineProvider()
    brief = story_brief(row)
    story = provider.write_story(StoryRequest(brief=brief, instructions="", prompt="", schema={}))
    sheets = [_draw(provider, sheet_scene(member), SHEET_SIZE) for member in brief.characters]
    pages = [
        _draw(provider, page_scene(brief.characters, page, row, story.title), PAGE_SIZE)
        for page in story.pages
        if page.image_description
    ]
    return story, sheets, pages


def sheet_scene(member: CharacterBrief) -> Scene:
    return Scene(
        kind="sheet",
        description=f"A character reference sheet for {member.name}: {member.description}.",
        characters=(member,),
        seed_key=f"sheet:{member.name}",
    )


def page_scene(cast: Sequence[CharacterBrief], page: Any, row: dict[str, Any], title: str) -> Scene:
    in_scene = tuple(c for c in cast if c.name in page.characters_in_scene)
    return Scene(
        kind="cover" if page.number == 0 else "page",
        description=page.image_description or "",
        characters=in_scene,
        setting=row.get("setting", ""),
        page_number=page.number,
        story_title=title,
        seed_key=f"page:{row['title']}:{page.number}",
    )


def _draw(provider: OfflineProvider, scene: Scene, size: str) -> Image.Image:
    picture = provider.draw(scene.description, size=size, scene=scene)
    return Image.open(io.BytesIO(picture.data)).convert("RGB")


def contact_sheet(row: dict[str, Any], provider: OfflineProvider | None = None) -> Image.Image:
    """One PNG: the title and outline, the sheets, then each page with its text."""
    story, sheets, pages = story_and_pictures(row, provider)
    small, large = _font(12), _font(18)
    tiles: list[tuple[Image.Image, str]] = [
        (sheet, f"Sheet: {member.name}")
        for sheet, member in zip(sheets, story_brief(row).characters, strict=True)
    ]
    numbered = [page for page in story.pages if page.image_description]
    tiles += [
        (picture, f"[{page.number}] {page.text}")
        for picture, page in zip(pages, numbered, strict=True)
    ]
    cell_w, cell_h = TILE + 16, TILE + 16 + TEXT_LINES * LINE_HEIGHT
    header = 70
    rows = -(-len(tiles) // COLUMNS)
    sheet = Image.new("RGB", (COLUMNS * cell_w + 16, header + rows * cell_h), "white")
    draw = ImageDraw.Draw(sheet)
    draw.text((12, 8), story.title, fill="black", font=large)
    outline = textwrap.shorten(row["outline"], 210, placeholder=" …")
    for i, line in enumerate(textwrap.wrap(outline, 150)[:2]):
        draw.text((12, 34 + i * LINE_HEIGHT), line, fill=(60, 60, 60), font=small)
    for index, (picture, text) in enumerate(tiles):
        x = 8 + (index % COLUMNS) * cell_w
        y = header + (index // COLUMNS) * cell_h
        shown = picture.copy()
        shown.thumbnail((TILE, TILE))
        sheet.paste(shown, (x + (TILE - shown.width) // 2 + 8, y + 8))
        for i, line in enumerate(textwrap.wrap(text, 48)[:TEXT_LINES]):
            draw.text((x + 8, y + TILE + 14 + i * LINE_HEIGHT), line, fill="black", font=small)
    return sheet


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("numbers", nargs="*", type=int, help="briefs to draw (from 0)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    briefs = load_briefs()
    args.output.mkdir(parents=True, exist_ok=True)
    provider = OfflineProvider()
    for number in args.numbers or range(len(briefs)):
        path = args.output / f"brief-{number:02d}.png"
        contact_sheet(briefs[number], provider).save(path)
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
