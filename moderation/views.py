"""Reporting a story to the moderators, from the reader or a page of its own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.permissions import AuthenticatedRequest
from moderation.forms import StoryReportForm
from moderation.services import story_report_create
from stories.selectors import story_list_visible_to


@login_required
@require_http_methods(["GET", "POST"])
def story_report(request: AuthenticatedRequest, story_id: int) -> HttpResponse:
    """Report a story to the moderators (a small form on the reader, or this page)."""
    story = get_object_or_404(story_list_visible_to(user=request.user), pk=story_id)
    form = StoryReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        story_report_create(
            reporter=request.user,
            story=story,
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
        )
        messages.success(request, "Thank you for telling us. A moderator will look at this story.")
        return redirect("stories:read", story_id=story.pk)
    return render(request, "moderation/report.html", {"story": story, "form": form})
