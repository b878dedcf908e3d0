"""Stories API: a story's PDF (download, or the state of its rendering)."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stories import selectors
from stories.models import Story
from stories.services.pdf import (
    PdfState,
    story_pdf_get_or_queue,
    story_pdf_get_or_render,
    story_pdf_state,
)
from storygen.api import ErrorSerializer
from storygen.pdf import pdf_download_response
from storygen.prefer import (
    PREFER_PARAMETERS,
    accepted_response,
    client_preferences,
    varies_with_preferences,
)
from storygen.shortcuts import get_or_404

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such story of yours.")
NO_PAGES = OpenApiResponse(ErrorSerializer, description="The story has no pages yet.")
FAILED = OpenApiResponse(
    ErrorSerializer, description="The rendering failed; try again after Retry-After."
)


class StoryPdfStatusOutputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["ready", "queued", "rendering", "failed", "idle"],
        help_text="idle: not cached and not being made (GET the pdf URL to start it).",
    )
    progress = serializers.IntegerField(min_value=0, max_value=100)
    detail = serializers.CharField(allow_blank=True)
    status_url = serializers.CharField()
    download_url = serializers.CharField()


class AnyAcceptNegotiation(BaseContentNegotiation):
    """Answer JSON whatever the client accepts: the PDF itself bypasses renderers, and a
    client asking for ``application/pdf`` must still get the 202 body or an error."""

    def select_parser(self, request: Request, parsers: list[Any]) -> Any:
        return parsers[0]

    def select_renderer(
        self, request: Request, renderers: list[Any], format_suffix: str | None = None
    ) -> tuple[Any, str]:
        return renderers[0], renderers[0].media_type


def _story(request: Request, story_id: int) -> Story:
    return get_or_404(
        selectors.story_with_pages_queryset(user=request.user), "Story not found.", pk=story_id
    )


def _state_body(request: Request, story: Story, state: PdfState) -> dict[str, Any]:
    return StoryPdfStatusOutputSerializer(
        {
            "status": state.status,
            "progress": state.progress,
            "detail": state.detail,
            "status_url": request.build_absolute_uri(reverse("story-pdf-status", args=[story.pk])),
            "download_url": request.build_absolute_uri(reverse("story-pdf", args=[story.pk])),
        }
    ).data


class StoryPdfApi(APIView):
    content_negotiation_class = AnyAcceptNegotiation

    @extend_schema(
        tags=["stories"],
        summary="Download the story as a print-ready PDF",
        description=(
            "200 with the PDF, named after the title in Content-Disposition (`filename=` "
            "unquoted, ASCII; `filename*=` with the title itself when it is not ASCII). "
            "Cached PDFs are served at once; otherwise the PDF is rendered in the request, or "
            "a render already under way is waited for (up to STORYGEN_API_WAIT_SECONDS). "
            "With `Prefer: respond-async` (or `?async=true`) a story longer than "
            "STORYGEN_PDF_SYNC_MAX_PAGES pages that is not cached answers 202 while a worker "
            "renders it: poll status_url (or GET this URL again) until it is ready. Any edit "
            "to the story makes a new PDF."
        ),
        parameters=PREFER_PARAMETERS,
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF."),
            202: StoryPdfStatusOutputSerializer,
            400: ErrorSerializer,
            404: NOT_FOUND,
            409: NO_PAGES,
            503: FAILED,
        },
    )
    def get(self, request: Request, story_id: int) -> Response | FileResponse:
        preferences = client_preferences(request)
        story = _story(request, story_id)
        if preferences.respond_async:
            state = story_pdf_get_or_queue(story=story, wait_seconds=preferences.wait_seconds())
            if state.path is None:
                return accepted_response(_state_body(request, story, state), preferences)
            path = state.path
        else:
            path = story_pdf_get_or_render(story=story, wait_seconds=preferences.wait_seconds())
        return varies_with_preferences(
            pdf_download_response(path, title=story.title, fallback=f"story_{story.pk}")
        )


class StoryPdfStatusApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="Where the story's PDF stands (starts nothing)",
        responses={200: StoryPdfStatusOutputSerializer, 404: NOT_FOUND, 409: NO_PAGES},
    )
    def get(self, request: Request, story_id: int) -> Response:
        story = _story(request, story_id)
        state = story_pdf_state(story=story)
        return Response(_state_body(request, story, state))
