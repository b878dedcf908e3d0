"""Drafts API: a brief saved to finish later, read back into a wizard, and changed field by
field. A draft becomes its story through POST /api/v1/stories/ with ``draft_id``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stories import selectors, services
from stories.api.serializers import StoryDraftInputSerializer, StoryOutputSerializer
from storygen.api import ErrorSerializer
from storygen.shortcuts import get_or_404

DRAFT_NOT_FOUND = "Draft not found."
DRAFT_NOT_UPDATABLE = "Draft not found or not authorized to update."


class StoryDraftSaveInputSerializer(StoryDraftInputSerializer):
    """A brief as a wizard saves it: every field may still be empty (5 pages when not said).

    ``is_draft`` and ``draft_id`` are accepted and ignored: the path names the draft.
    """

    num_pages = serializers.IntegerField(
        min_value=1, max_value=settings.MAX_STORY_PAGES, required=False
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        attrs.pop("draft_id", None)
        return attrs


class StoryDraftUpdateInputSerializer(StoryDraftSaveInputSerializer):
    """Changes to a draft: only the fields sent (each checked as when saving) change."""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        # The defaults of the fields not sent would overwrite what the draft holds.
        return {key: value for key, value in attrs.items() if key in self.initial_data}


NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such draft of yours.")


class StoryDraftCreateApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="Save a brief as a new draft (nothing is generated)",
        description=(
            "Any field may still be empty. Options are checked against their lists and a "
            "title must not be one of your other stories'. Generate the draft with POST "
            "/api/v1/stories/ and its id as `draft_id`: the draft becomes that story."
        ),
        request=StoryDraftSaveInputSerializer,
        responses={200: StoryOutputSerializer, 400: ErrorSerializer, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        data = StoryDraftSaveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        draft = services.story_draft_save(owner=request.user, **data.validated_data)
        return Response(StoryOutputSerializer(draft).data)


class StoryDraftDetailApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="One of your drafts, to fill a wizard with",
        responses={200: StoryOutputSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, draft_id: int) -> Response:
        draft = get_or_404(
            selectors.story_draft_queryset(user=request.user), DRAFT_NOT_FOUND, pk=draft_id
        )
        return Response(StoryOutputSerializer(draft).data)

    @extend_schema(
        tags=["stories"],
        summary="Change a draft: only the fields sent change",
        description=(
            "Fields left out keep their saved values; in `editor_settings` too, only the keys "
            "sent change. `main_characters`, when sent, replaces the cast. The draft stays a "
            "draft (`is_draft` is ignored): generate it with POST /api/v1/stories/ and "
            "`draft_id`."
        ),
        request=StoryDraftUpdateInputSerializer,
        responses={200: StoryOutputSerializer, 400: ErrorSerializer, 404: NOT_FOUND},
    )
    def put(self, request: Request, draft_id: int) -> Response:
        data = StoryDraftUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        draft = get_or_404(
            selectors.story_draft_queryset(user=request.user), DRAFT_NOT_UPDATABLE, pk=draft_id
        )
        draft = services.story_draft_update(
            owner=request.user, draft_id=draft.pk, changes=data.validated_data
        )
        return Response(StoryOutputSerializer(draft).data)


# The reference product's browser client calls the same operations outside the API prefix;
# the schema documents them once, under the prefix.


@extend_schema(exclude=True)
class RootStoryDraftCreateApi(StoryDraftCreateApi):
    pass


@extend_schema(exclude=True)
class RootStoryDraftDetailApi(StoryDraftDetailApi):
    pass
