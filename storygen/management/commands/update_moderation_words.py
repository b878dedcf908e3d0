"""Regenerate the English words the offline moderation never corrects into a harmful word."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from storygen.ai.offline.safety.real_words import real_words_write


class Command(BaseCommand):
    help = (
        "Write storygen/ai/offline/safety/real_words.txt from pyspellchecker's English "
        "dictionary (requirements-dev.txt); run it after changing the misspelling vocabulary."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        words = real_words_write()
        self.stdout.write(f"{len(words)} real words written.")
