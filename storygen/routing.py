"""URL helpers: API paths that answer with and without a trailing slash."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.urls import URLPattern, path

#: API routes outside the API prefix: the reference product's browser client still calls
#: its drafts and "Sync from stories" at the site's root.
ROOT_API_PATHS = ("/stories/drafts/", "/stories/backfill-characters/")


def api_path(route: str, view: Callable[..., Any], name: str) -> list[URLPattern]:
    """The route as written (named, and shown in the schema) plus its slash twin.

    Clients of the product Storygen replaces call some paths with and some without the
    trailing slash; both must work for every method, so no redirect (a POST would lose
    its body on a redirect).
    """
    twin = route[:-1] if route.endswith("/") else f"{route}/"
    return [path(route, view, name=name), path(twin, view)]


def is_api_path(path: str) -> bool:
    """Whether ``path`` is an API route: under the API prefix, or one of ROOT_API_PATHS
    (with or without its trailing slash)."""
    return path.startswith(settings.API_PREFIX + "/") or (path.rstrip("/") + "/").startswith(
        ROOT_API_PATHS
    )


def schema_without_slash_twins(
    endpoints: list[tuple[str, str, str, Any]], **_: Any
) -> list[tuple[str, str, str, Any]]:
    """drf-spectacular hook: list each operation once, under its canonical path."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for endpoint in endpoints:
        key = (endpoint[0].rstrip("/"), endpoint[2])
        if key not in seen:
            seen.add(key)
            kept.append(endpoint)
    return kept
