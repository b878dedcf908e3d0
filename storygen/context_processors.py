"""Template context every page needs: which AI provider is drawing, and the product name."""

from __future__ import annotations

from django.http import HttpRequest

from storygen.ai import active_provider_name


def site(request: HttpRequest) -> dict[str, object]:
    provider = active_provider_name()
    return {"ai_provider": provider, "ai_is_offline": provider == "offline"}
