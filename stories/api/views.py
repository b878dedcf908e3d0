"""Stories API: create and follow generation, read, delete, resume, page pictures, options, and
the editor (title, layout, page text, picture versions, redraws and rewrites)."""

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

from accounts.api.schema import BUDGET_SPENT, OVER_QUOTA
from stories import selectors, services
from stories.api.serializers import (
    DynamicListItemOutputSerializer,
    GenerationTaskOutputSerializer,
    PageImageOutputSerializer,
    PageOutputSerializer,
    PageRedrawInputSerializer,
    PageRedrawJobOutputSerializer,
    PageRewriteInputSerializer,
    PageRewriteOutputSerializer,
    StoryCreateInputSerializer,
    StoryEditorUpdateInputSerializer,
    StoryListItemOutputSerializer,
    StoryListQuerySerializer,
    StoryOutputSerializer,
    StoryTitleInputSerializer,
    page_image_context,
)
from stories.if_match import if_match_version
from stories.models import DynamicList, Page, Story
from stories.services.media import (
    PICTURE_VARIANTS,
    page_image_version_path,
    page_picture_path,
)
from stories.services.versions import story_etag
from storygen.ai.errors import FAILURE_STATUS
from storygen.api import UNSAFE_BRIEF_RESPONSE, ErrorSerializer
from storygen.exceptions import NotFound
from storygen.files import private_picture_response
from storygen.prefer import (
    JOB_FAILURE_RESPONSES,
    PREFER_PARAMETERS,
    client_preferences,
    job_response,
)
from storygen.shortcuts import get_or_404

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such object of yours.")
NOT_EDITABLE = OpenApiResponse(
    ErrorSerializer, description="A draft, or a story still being generated: no pages to edit."
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "The story's ETag as last read (GET /api/v1/stories/{story_id} or an editor "
        "response): the change is made only if nobody changed the story since. A redraw "
        "finishing (POST …/regenerate-image), a resume's run finishing or another save "
        "changes the ETag too: read the story again before saving. Without If-Match, the "
        "change is made whatever happened meanwhile."
    ),
)
STALE = OpenApiResponse(
    ErrorSerializer,
    description="If-Match names an older version: the story changed since; nothing was saved.",
)
VARIANT = OpenApiParameter(
    "variant",
    str,
    enum=list(PICTURE_VARIANTS),
    description="original (default, as the AI drew it), display (JPEG) or thumbnail.",
)


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
        description=(
            "The brief is checked for safety first. One that does not pass is refused with "
            "422 (code `unsafe_brief`): `detail` says what stopped it and what to change, "
            "`safety` which field, categories and words, and no story is created. When the "
            "safety check cannot answer, the story is created and waits (status `held`) until "
            "it has been checked."
        ),
        request=StoryCreateInputSerializer,
        responses={
            202: GenerationTaskOutputSerializer,
            400: ErrorSerializer,
            404: NOT_FOUND,
            422: UNSAFE_BRIEF_RESPONSE,
            **OVER_QUOTA,
        },
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
        return Response(StoryOutputSerializer(story).data, headers=_etag(story))

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
            **OVER_QUOTA,
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
        parameters=[VARIANT],
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


# --- the editor -------------------------------------------------------------------------------


def _story(request: Request, story_id: int) -> Story:
    return get_or_404(
        selectors.story_list_visible_to(user=request.user), "Story not found.", pk=story_id
    )


def _page(request: Request, story_id: int, page_id: int) -> Page:
    return get_or_404(
        selectors.page_queryset(user=request.user, story_id=story_id).select_related("story"),
        "Page not found.",
        pk=page_id,
    )


def _if_match(request: Request, story: Story) -> int | None:
    return if_match_version(request.headers.get("If-Match"), story)


def _etag(story: Story) -> dict[str, str]:
    return {"ETag": story_etag(story)}


class StoryTitleApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="Rename a story (the cover's text follows when it showed the old title)",
        parameters=[IF_MATCH],
        request=StoryTitleInputSerializer,
        responses={200: StoryOutputSerializer, 400: ErrorSerializer, 404: NOT_FOUND, 412: STALE},
    )
    def put(self, request: Request, story_id: int) -> Response:
        data = StoryTitleInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        story = _story(request, story_id)
        story = services.story_title_update(
            story=story,
            title=data.validated_data["title"],
            expected_version=_if_match(request, story),
        )
        return Response(StoryOutputSerializer(story).data, headers=_etag(story))


class StoryEditorApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="Save editor changes: layout defaults, page texts and per-page overrides",
        description=(
            "Only what is sent changes. In a page entry, an override set to null goes back to "
            "the story's default and an omitted one stays. All or nothing: any invalid value "
            "is a 400 naming the field, and nothing is saved. With If-Match set to the ETag "
            "last read, a story changed since (another tab, device or client) answers 412 "
            "and nothing is saved; the response carries the new ETag."
        ),
        parameters=[IF_MATCH],
        request=StoryEditorUpdateInputSerializer,
        responses={
            200: StoryOutputSerializer,
            400: ErrorSerializer,
            404: NOT_FOUND,
            409: NOT_EDITABLE,
            412: STALE,
        },
    )
    def put(self, request: Request, story_id: int) -> Response:
        data = StoryEditorUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        story = _story(request, story_id)
        story = services.story_editor_update(
            story=story,
            settings=data.validated_data.get("editor_settings"),
            pages=data.validated_data.get("pages", []),
            title=data.validated_data.get("title"),
            expected_version=_if_match(request, story),
        )
        return Response(StoryOutputSerializer(story).data, headers=_etag(story))


class PageRestoreTextApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="Put the page's original text back",
        parameters=[IF_MATCH],
        request=None,
        responses={200: PageOutputSerializer, 404: NOT_FOUND, 409: NOT_EDITABLE, 412: STALE},
    )
    def post(self, request: Request, story_id: int, page_id: int) -> Response:
        page = _page(request, story_id, page_id)
        page = services.page_text_restore(
            page=page, expected_version=_if_match(request, page.story)
        )
        return Response(PageOutputSerializer(page).data, headers=_etag(page.story))


class PageRestoreImageApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="Show the page's original picture again (the current one stays a version)",
        parameters=[IF_MATCH],
        request=None,
        responses={
            200: PageOutputSerializer,
            404: NOT_FOUND,
            409: OpenApiResponse(ErrorSerializer, description="No original picture, or busy."),
            412: STALE,
        },
    )
    def post(self, request: Request, story_id: int, page_id: int) -> Response:
        page = _page(request, story_id, page_id)
        page = services.page_image_restore(
            page=page, expected_version=_if_match(request, page.story)
        )
        return Response(PageOutputSerializer(page).data, headers=_etag(page.story))


class PageRegenerateImageApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="Redraw the page's picture",
        description=(
            "A worker draws it while the request waits, up to STORYGEN_API_WAIT_SECONDS: then "
            "200 with the page and its new picture (and the story's new ETag), or the "
            "failure's status with the job's error_code and error_message. Past that wait, "
            "or at once with `Prefer: respond-async` (or `?async=true`), 202 with the job "
            "to poll (status_url). The new picture becomes the page's current one; the one "
            "it replaces stays a version. A page already being redrawn joins its running job."
        ),
        parameters=PREFER_PARAMETERS,
        request=PageRedrawInputSerializer,
        responses={
            200: PageOutputSerializer,
            202: PageRedrawJobOutputSerializer,
            400: ErrorSerializer,
            404: NOT_FOUND,
            409: NOT_EDITABLE,
            **JOB_FAILURE_RESPONSES,
            422: OpenApiResponse(
                ErrorSerializer,
                description="The description did not pass the safety check (code "
                "`unsafe_brief`, with `safety`; nothing was queued), or the provider's safety "
                "system refused the drawing (code `blocked`).",
            ),
            **OVER_QUOTA,
        },
    )
    def post(self, request: Request, story_id: int, page_id: int) -> Response:
        data = PageRedrawInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        preferences = client_preferences(request)
        job = services.page_redraw_request(
            page=_page(request, story_id, page_id),
            description=data.validated_data.get("description"),
        )

        def redrawn() -> Response:
            page = _page(request, story_id, page_id)
            return Response(PageOutputSerializer(page).data, headers=_etag(page.story))

        return job_response(
            job,
            preferences=preferences,
            accepted=lambda job: PageRedrawJobOutputSerializer(job).data,
            finished=redrawn,
            failure_status=FAILURE_STATUS,
        )


class PageRedrawJobDetailApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="Progress of a page redraw",
        responses={200: PageRedrawJobOutputSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, job_id: uuid.UUID) -> Response:
        job = get_or_404(
            selectors.page_redraw_job_queryset(user=request.user), "Job not found.", pk=job_id
        )
        return Response(PageRedrawJobOutputSerializer(job).data)


class PageImageListApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="Every picture the page has had, oldest first",
        responses={200: PageImageOutputSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, story_id: int, page_id: int) -> Response:
        page = _page(request, story_id, page_id)
        images = selectors.page_image_list(page=page)
        return Response(
            PageImageOutputSerializer(images, many=True, context=page_image_context(page)).data
        )


class PageImageMakeCurrentApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="Show one of the page's earlier pictures again",
        parameters=[IF_MATCH],
        request=None,
        responses={200: PageOutputSerializer, 404: NOT_FOUND, 409: NOT_EDITABLE, 412: STALE},
    )
    def post(self, request: Request, story_id: int, page_id: int, image_id: int) -> Response:
        page = _page(request, story_id, page_id)
        page = services.page_image_make_current(
            page=page, version_id=image_id, expected_version=_if_match(request, page.story)
        )
        return Response(PageOutputSerializer(page).data, headers=_etag(page.story))


class PageImageVersionFileApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="One picture version's file (owner only)",
        parameters=[VARIANT],
        responses={
            (200, "image/*"): OpenApiResponse(OpenApiTypes.BINARY, description="The picture."),
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, story_id: int, page_id: int, image_id: int) -> FileResponse:
        page = _page(request, story_id, page_id)
        image = get_or_404(selectors.page_image_list(page=page), "Picture not found.", pk=image_id)
        path = page_image_version_path(image, request.query_params.get("variant", "original"))
        return private_picture_response(
            path,
            filename=f"story-{story_id}-page-{page.number}-v{image.version}{path.suffix}",
        )


class PageRewriteTextApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="Propose a new text for the page (nothing is saved)",
        description=(
            "The text model writes the page again to fit the story, its text density and the "
            "characters in the page's picture. To keep the proposal, send it as the page's "
            "text with PUT /api/v1/stories/{story_id}/editor. With a remote provider this "
            "waits for the model, at most its configured timeout."
        ),
        request=PageRewriteInputSerializer,
        responses={
            200: PageRewriteOutputSerializer,
            400: ErrorSerializer,
            404: NOT_FOUND,
            409: NOT_EDITABLE,
            422: OpenApiResponse(
                ErrorSerializer,
                description="The wishes did not pass the safety check (code `unsafe_brief`, "
                "with `safety`), or the new text did not (code `unsafe`): nothing is offered.",
            ),
            502: OpenApiResponse(ErrorSerializer, description="The provider failed."),
            503: OpenApiResponse(ErrorSerializer, description="The provider is busy."),
            **BUDGET_SPENT,
        },
    )
    def post(self, request: Request, story_id: int, page_id: int) -> Response:
        data = PageRewriteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        page = _page(request, story_id, page_id)
        proposed = services.page_text_rewrite(
            page=page, instructions=data.validated_data.get("instructions")
        )
        return Response(
            PageRewriteOutputSerializer(
                {"page_id": page.pk, "text": proposed.text, "notice": proposed.notice}
            ).data
        )
