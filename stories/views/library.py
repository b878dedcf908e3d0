"""My stories: the library grid (search, status filter, pages of 12) and deleting a story."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.selectors import usage_get
from stories import selectors, services

STORIES_PER_PAGE = 12
# Longer searches match nothing a title (200 characters) could hold.
MAX_QUERY_LENGTH = 200
STATUS_CHOICES = (
    ("ready", "Ready"),
    ("generating", "Generating"),
    ("partial", "Partly illustrated"),
    ("failed", "Failed"),
    ("draft", "Drafts"),
    ("held", "Waiting for review"),
)


@login_required
@require_GET
def story_library(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    status = request.GET.get("status", "")
    if status and status not in selectors.STORY_LIBRARY_FILTERS:
        messages.warning(
            request, "That status filter is not one we know, so all your stories are shown."
        )
        status = ""
    stories = selectors.story_library_page(user=request.user, query=query, status=status)
    # get_page turns a page that is not a number into page 1 and one past the end into the
    # last page, so an edited or stale link still shows stories.
    page = Paginator(stories, STORIES_PER_PAGE).get_page(request.GET.get("page"))

    # Only the cleaned filters travel on in pagination links, so a bad one is reported once.
    filters = QueryDict(mutable=True)
    if query:
        filters["q"] = query
    if status:
        filters["status"] = status
    return render(
        request,
        "stories/library.html",
        {
            "page_obj": page,
            "query": query,
            "status": status,
            "status_choices": STATUS_CHOICES,
            "filters": filters,
            "is_filtered": bool(query or status),
            "hidden_count": selectors.story_hidden_count(user=request.user),
            "usage": usage_get(user=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def story_delete(request: HttpRequest, story_id: int) -> HttpResponse:
    story = get_object_or_404(selectors.story_list_visible_to(user=request.user), pk=story_id)
    if request.method == "POST":
        title = story.title or "Untitled story"
        services.story_delete(story=story)
        messages.success(request, f"“{title}” was deleted.")
        return redirect("stories:library")
    return render(request, "stories/delete.html", {"story": story})
