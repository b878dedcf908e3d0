"""The contact sheet tool lays out a brief's sheets and pages, each picture with its text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from storygen.ai.offline.tests import contact_sheets
from storygen.ai.offline.tests.judge import load_briefs

ROOT = Path(__file__).resolve().parents[4]


def test_a_contact_sheet_holds_every_picture_of_the_brief(tmp_path: Path) -> None:
    # As the README runs it: from the project folder, with nothing configured.
    environment = {name: value for name, value in os.environ.items() if "DJANGO" not in name}
    command = [sys.executable, "-m", "storygen.ai.offline.tests.contact_sheets", "1"]
    finished = subprocess.run(  # noqa: S603 - the project's interpreter, fixed arguments
        [*command, "--output", str(tmp_path)],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )

    path = tmp_path / "brief-01.png"
    assert finished.stdout.strip() == str(path)
    sheet = Image.open(path).convert("RGB")
    brief = load_briefs()[1]
    # One tile per character sheet, the cover and each page, four to a row.
    tiles = len(brief["characters"]) + 1 + brief["num_pages"]
    rows = -(-tiles // contact_sheets.COLUMNS)
    cell = contact_sheets.TILE + 16 + contact_sheets.TEXT_LINES * contact_sheets.LINE_HEIGHT
    assert sheet.height == 70 + rows * cell
    # The last tile holds a painted picture, not white paper.
    last = tiles - 1
    x = 8 + (last % contact_sheets.COLUMNS) * (contact_sheets.TILE + 16) + 8
    y = 70 + (last // contact_sheets.COLUMNS) * cell + 8
    box = sheet.crop((x, y, x + contact_sheets.TILE, y + contact_sheets.TILE // 2))
    assert len(box.getcolors(maxcolors=1 << 16) or []) > 20


def test_without_an_output_the_sheets_go_to_the_test_output_folder() -> None:
    assert ROOT / "var" / "test-output" / "offline" == contact_sheets.OUTPUT
