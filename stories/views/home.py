"""Home page: a product landing for visitors, recent stories and "Create" for users."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from stories.selectors import story_library_page

RECENT_STORIES = 6


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "stories/home.html")
    stories = story_library_page(user=request.user)[:RECENT_STORIES]
    return render(request, "stories/home.html", {"stories": stories})
