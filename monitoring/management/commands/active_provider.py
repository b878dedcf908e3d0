"""Say which AI provider this configuration uses."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from storygen.ai import active_provider_name


class Command(BaseCommand):
    help = "Print the active AI provider (openai or offline) and why."

    def handle(self, *args: Any, **options: Any) -> None:
        name = active_provider_name()
        if name == "openai":
            self.stdout.write(
                f"AI provider: OpenAI (text {settings.OPENAI_TEXT_MODEL}, "
                f"pictures {settings.OPENAI_IMAGE_MODEL})"
            )
        else:
            reason = (
                "AI_PROVIDER=offline" if settings.AI_PROVIDER == "offline" else "no OPENAI_API_KEY"
            )
            self.stdout.write(
                f"AI provider: offline ({reason}) — stories are written and drawn locally "
                "and labelled offline."
            )
