"""Downloading a story as a PDF: the file at once, or a page that waits while it is made."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from stories import selectors
from stories.errors import StoryPdfFailed, StoryPdfUnavailable
from stories.models import Story
from stories.services.pdf import PdfState, story_pdf_get_or_queue, story_pdf_state
from storygen.pdf import pdf_download_response


def _story(request: HttpRequest, story_id: int) -> Story:
    return get_object_or_404(selectors.story_with_pages_queryset(user=request.user), pk=story_id)


def _page(request: HttpRequest, story: Story, state: PdfState, status: int) -> HttpResponse:
    return render(request, "stories/pdf.html", {"story": story, "state": state}, status=status)


@login_required
@require_GET
@never_cache
def story_pdf(request: HttpRequest, story_id: int) -> HttpResponse:
    """The PDF as a download; while a worker makes it, a page that waits for it."""
    story = _story(request, story_id)
    try:
        state = story_pdf_get_or_queue(story=story)
    except StoryPdfUnavailable as exc:
        return _page(request, story, PdfState("unavailable", 0, "", detail=exc.message), 409)
    except StoryPdfFailed as exc:
        return _page(request, story, PdfState("failed", 0, "", detail=exc.message), 503)
    if state.path is not None:
        return pdf_download_response(state.path, title=story.title, fallback=f"story_{story.pk}")
    return _page(request, story, state, 202)


@login_required
@require_GET
@never_cache
def story_pdf_status(request: HttpRequest, story_id: int) -> HttpResponse:
    """The status part of the waiting page, which its script polls and swaps in."""
    story = _story(request, story_id)
    try:
        state = story_pdf_state(story=story)
    except StoryPdfUnavailable as exc:
        state = PdfState("unavailable", 0, "", detail=exc.message)
    response = render(request, "stories/_pdf_status.html", {"story": story, "state": state})
    # Tells the polling script what to do next without parsing the fragment.
    response["X-Pdf-Status"] = state.status
    return response
