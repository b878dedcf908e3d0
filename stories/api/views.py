"""Stories API: create and follow generation, read, delete, resume, page pictures, options."""

from __future__ import annotations

import uuid

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stories import selectors, services
from stories.api.serializers import (
    DynamicListItemOutputSerializer,
    GenerationTaskOutputSerializer,
    StoryCreateInputSerializer,
    StoryListItemOutputSerializer,
    StoryListQuerySerializer,
    StoryOutputSerializer,
)
from stories.models import DynamicList
from stories.services.media import PICTURE_VARIANTS, page_picture_path
from storygen.api import ErrorSerializer
from storygen.exceptions import NotFound
from storygen.files import private_picture_response
from storygen.shortcuts import get_or_404

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such object of yours.")


class StoryListCreateApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="List your stories (newest first, without pages)",
        parameters=[StoryListQuerySerializer],
        responses={200: StoryListItemOutputSerializer(many=True), 400: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        query = StoryListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        stories = selectors.story_list_for_owner(
            user=request.user,
            include_drafts=query.validated_data["include_drafts"],
            offset=query.validated_data["skip"],
            limit=query.validated_data["limit"],
        )
        return Response(StoryListItemOutputSerializer(stories, many=True).data)

    @extend_schema(
        tags=["stories"],
        summary="Create a story and start generating it",
        request=StoryCreateInputSerializer,
        responses={202: GenerationTaskOutputSerializer, 400: ErrorSerializer, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        data = StoryCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        task = services.story_generation_start(owner=request.user, **data.validated_data)
        return Response(GenerationTaskOutputSerializer(task).data, status=status.HTTP_202_ACCEPTED)


class StoryDetailApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="One of your stories, with its pages",
        responses={200: StoryOutputSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, story_id: int) -> Response:
        story = get_or_404(
            selectors.story_detail_queryset(user=request.user), "Story not found.", pk=story_id
        )
        return Response(StoryOutputSerializer(story).data)

    @extend_schema(
        tags=["stories"],
        summary="Delete one of your stories and its pictures",
        responses={204: None, 404: NOT_FOUND},
    )
    def delete(self, request: Request, story_id: int) -> Response:
        story = get_or_404(
            selectors.story_list_visible_to(user=request.user), "Story not found.", pk=story_id
        )
        services.story_delete(story=story)
        return Response(status=status.HTTP_204_NO_CONTENT)


class StoryResumeApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="Generate only what is missing (failed text, sheets or pictures)",
        request=None,
        responses={
            202: GenerationTaskOutputSerializer,
            404: NOT_FOUND,
            409: OpenApiResponse(ErrorSerializer, description="Nothing to resume, or busy."),
        },
    )
    def post(self, request: Request, story_id: int) -> Response:
        story = get_or_404(
            selectors.story_list_visible_to(user=request.user), "Story not found.", pk=story_id
        )
        task = services.story_resume(story=story)
        return Response(GenerationTaskOutputSerializer(task).data, status=status.HTTP_202_ACCEPTED)


class GenerationStatusApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="Progress of a generation run",
        responses={200: GenerationTaskOutputSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, task_id: uuid.UUID) -> Response:
        task = get_or_404(
            selectors.generation_task_queryset(user=request.user), "Task not found.", pk=task_id
        )
        return Response(GenerationTaskOutputSerializer(task).data)


class PageImageApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="A page's picture (owner only)",
        parameters=[
            OpenApiParameter(
                "variant",
                str,
                enum=list(PICTURE_VARIANTS),
                description="original (default, as the AI drew it), display (JPEG) or thumbnail.",
            )
        ],
        responses={
            (200, "image/*"): OpenApiResponse(OpenApiTypes.BINARY, description="The picture."),
            400: ErrorSerializer,
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, story_id: int, page_id: int) -> FileResponse:
        page = get_or_404(
            selectors.page_queryset(user=request.user, story_id=story_id),
            "Page not found.",
            pk=page_id,
        )
        path = page_picture_path(page, request.query_params.get("variant", "original"))
        return private_picture_response(
            path, filename=f"story-{story_id}-page-{page.number}{path.suffix}"
        )


class DynamicListActiveItemsApi(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["public"],
        summary="Active options of a list (genres, image styles…)",
        responses={200: DynamicListItemOutputSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, list_name: str) -> Response:
        if not DynamicList.objects.filter(pk=list_name).exists():
            raise NotFound(f"Dynamic list '{list_name}' not found.")
        items = selectors.dynamic_list_active_items(list_name=list_name)
        return Response(DynamicListItemOutputSerializer(items, many=True).data)
