"""Draw the picture style samples the story wizard shows, into the static files."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from stories import selectors
from stories.services.style_samples import style_samples_draw


class Command(BaseCommand):
    help = (
        "Draw a sample picture of each active picture style (or of the styles named) with the "
        "offline painter, into static/img/styles/. Run it after adding a style or changing "
        "the painter, then commit the files."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "styles", nargs="*", help="Style values to draw (default: every active style)."
        )
        parser.add_argument(
            "--folder", type=Path, help="Draw into this folder instead of static/img/styles/."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        styles = options["styles"] or [
            item.item_value
            for item in selectors.dynamic_list_active_items(list_name="image_styles")
        ]
        if not styles:
            raise CommandError("No picture styles to draw: the image_styles list is empty.")
        for path in style_samples_draw(styles=styles, folder=options["folder"]):
            self.stdout.write(str(path))
