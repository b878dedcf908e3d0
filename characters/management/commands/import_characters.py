"""Import characters into a user's library from a JSON file, as the import page does."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from characters.importer import (
    MAX_IMPORT_BYTES,
    SKIPPED,
    ImportFileInvalid,
    ImportItem,
    characters_import,
    characters_import_parse,
)


def _line(item: ImportItem) -> str:
    if item.outcome == SKIPPED:
        return f"{item.outcome:<9}#{item.index} {item.name or '(no name)'}: {item.reason}"
    sheet = "  + reference sheet queued" if item.image_queued else ""
    return f"{item.outcome:<9}{item.name}{sheet}"


class Command(BaseCommand):
    help = (
        "Create or update a user's characters from a JSON file (one object or an array). "
        "Existing names (any case) are updated; bad items are skipped with the reason. "
        "Exits with an error, changing nothing, when the file is not valid."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, metavar="FILE", help="The JSON file to import.")
        parser.add_argument(
            "--user", required=True, metavar="USERNAME", help="Owner of the library (any case)."
        )
        parser.add_argument(
            "--generate-images",
            action="store_true",
            help="Queue a reference sheet for every imported character.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; save nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["user"]
        owner = User.objects.filter(username__iexact=username, is_active=True).first()
        if owner is None:
            raise CommandError(f"No user named {username!r}.")
        path: Path = options["file"]
        try:
            with path.open("rb") as file:
                # One byte over the limit is enough for the importer to refuse the file.
                raw = file.read(MAX_IMPORT_BYTES + 1)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}") from exc
        try:
            items = characters_import_parse(raw)
        except ImportFileInvalid as exc:
            raise CommandError(f"{path}: {exc.message}") from exc
        report = characters_import(
            owner=owner,
            items=items,
            generate_images=options["generate_images"],
            dry_run=options["dry_run"],
        )
        for item in report.items:
            self.stdout.write(_line(item))
        summary = f"{report.created} created, {report.updated} updated, {report.skipped} skipped."
        if report.dry_run:
            summary += " (dry run: nothing was saved)"
        self.stdout.write(summary)
