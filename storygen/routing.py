"""URL helpers: API paths that answer with and without a trailing slash."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.urls import URLPattern, get_resolver, path

#: Where API routes outside the API prefix start (root_api_path records them).
_root_api_starts: set[str] = set()


def api_path(route: str, view: Callable[..., Any], name: str) -> list[URLPattern]:
    """The route as written (named, and shown in the schema) plus its slash twin.

    Clients of the product Storygen replaces call some paths with and some without the
    trailing slash; both must work for every method, so no redirect (a POST would lose
    its body on a redirect).
    """
    twin = route[:-1] if route.endswith("/") else f"{route}/"
    return [path(route, view, name=name), path(twin, view)]


def root_api_path(route: str, view: Callable[..., Any], name: str) -> list[URLPattern]:
    """An API route at the site's root, where the reference product's browser client still
    calls a few (its drafts, "Sync from stories"): api_path's two routes, whose paths
    is_api_path then counts as API, so errors there answer in JSON."""
    _root_api_starts.add("/" + route.split("<", 1)[0].strip("/") + "/")
    return api_path(route, view, name)


def is_api_path(path: str) -> bool:
    """Whether ``path`` is an API route: under the API prefix, or under a root_api_path
    (with or without its trailing slash)."""
    if path.startswith(settings.API_PREFIX + "/"):
        return True
    get_resolver().url_patterns  # noqa: B018 - loading the URLs records the root API routes
    return (path.rstrip("/") + "/").startswith(tuple(_root_api_starts))


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
