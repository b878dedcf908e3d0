"""Characters API: the library, sheet versions and their drawing jobs, private photos."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.schema import OVER_QUOTA
from accounts.models import User
from characters import selectors, services
from characters.api.serializers import (
    JOB_ERROR_STATUS,
    CharacterCreateInputSerializer,
    CharacterImageJobOutputSerializer,
    CharacterImageOutputSerializer,
    CharacterImageRequestInputSerializer,
    CharacterListItemOutputSerializer,
    CharacterListQuerySerializer,
    CharacterOutputSerializer,
    CharacterPageOutputSerializer,
    CharacterPhotoInputSerializer,
    CharacterPhotoOutputSerializer,
    CharacterUpdateInputSerializer,
)
from characters.models import Character, CharacterImageJob
from characters.pictures import character_picture_path
from storygen.api import UNSAFE_BRIEF_RESPONSE, ErrorSerializer
from storygen.files import private_picture_response
from storygen.prefer import (
    JOB_FAILURE_RESPONSES,
    PREFER_PARAMETERS,
    ClientPreferences,
    client_preferences,
    job_response,
)
from storygen.shortcuts import get_or_404

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such object of yours.")
CHARACTER_NOT_FOUND = "Character not found."
#: Picture variant a client may ask for → the CharacterImage field holding its file.
# The API names the original "original"; the pages also accept "image".
API_PICTURE_VARIANTS = ["original", "display", "thumbnail", "portrait"]
JOB_STARTED = OpenApiResponse(
    CharacterImageJobOutputSerializer,
    description=(
        "Still being drawn when the wait ended, or asked for with `Prefer: respond-async`: "
        "poll status_url."
    ),
)
DRAWN = OpenApiResponse(CharacterOutputSerializer, description="The character with its new sheet.")
#: How the drawing endpoints answer (see storygen.prefer).
DRAWING_ANSWERS = (
    "The request waits for the drawing, up to STORYGEN_API_WAIT_SECONDS: then 200 with the "
    "character and its new current sheet, or the failure's status with the job's error_code "
    "and error_message. Past that wait, or at once with `Prefer: respond-async` (or "
    "`?async=true`), 202 with the job to poll. A character already being drawn joins its "
    "running job."
)


class AuthenticatedRequest(Request):
    """A request that passed the default IsAuthenticated permission: its user is an account."""

    user: User


def _character(request: AuthenticatedRequest, character_id: int) -> Character:
    return get_or_404(
        selectors.character_list_for_owner(user=request.user), CHARACTER_NOT_FOUND, pk=character_id
    )


def _drawing_response(
    request: AuthenticatedRequest,
    character_id: int,
    job: CharacterImageJob,
    *,
    preferences: ClientPreferences,
) -> Response:
    """The answer to a new sheet asked for: the character with it once drawn, the
    drawing's failure, or the job to follow (see storygen.prefer.job_response)."""
    return job_response(
        job,
        preferences=preferences,
        accepted=lambda job: CharacterImageJobOutputSerializer(job).data,
        finished=lambda: Response(_character_out(_character(request, character_id))),
        failure_status=JOB_ERROR_STATUS,
    )


def _character_out(character: Character, job: CharacterImageJob | None = None) -> dict[str, Any]:
    """The character as the API shows it, with the job drawing its sheet right now, if any."""
    if job is None or not job.is_active:
        job = selectors.character_image_job_active(character=character)
    return CharacterOutputSerializer(character, context={"image_job": job}).data


class CharacterListCreateApi(APIView):
    @extend_schema(
        tags=["characters"],
        summary="List your characters (most recently changed first)",
        # A page object rather than a bare list, so the generated id would clash with detail's.
        operation_id="v1_characters_list",
        parameters=[CharacterListQuerySerializer],
        responses={200: CharacterPageOutputSerializer, 400: ErrorSerializer},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        query = CharacterListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        page, page_size = query.validated_data["page"], query.validated_data["page_size"]
        characters = selectors.character_list_for_owner(
            user=request.user, query=query.validated_data["q"]
        )
        start = (page - 1) * page_size
        items = characters[start : start + page_size]
        return Response(
            {
                "items": CharacterListItemOutputSerializer(items, many=True).data,
                "total": characters.count(),
                "page": page,
                "page_size": page_size,
            }
        )

    @extend_schema(
        tags=["characters"],
        summary="Create a character, or update yours of the same name (any case)",
        description=(
            "Only the fields sent change (null clears one). With generate_image, a reference "
            "sheet is queued and image_job says where to follow it."
        ),
        request=CharacterCreateInputSerializer,
        responses={
            201: CharacterOutputSerializer,
            400: ErrorSerializer,
            422: UNSAFE_BRIEF_RESPONSE,
            **OVER_QUOTA,
        },
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        data = CharacterCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        name, generate_image = fields.pop("name"), fields.pop("generate_image")
        result = services.character_upsert(
            owner=request.user, name=name, fields=fields, generate_image=generate_image
        )
        return Response(
            _character_out(result.character, result.job), status=status.HTTP_201_CREATED
        )


class CharacterDetailApi(APIView):
    @extend_schema(
        tags=["characters"],
        summary="One of your characters",
        responses={200: CharacterOutputSerializer, 404: NOT_FOUND},
    )
    def get(self, request: AuthenticatedRequest, character_id: int) -> Response:
        return Response(_character_out(_character(request, character_id)))

    @extend_schema(
        tags=["characters"],
        summary="Change some of a character's fields",
        description="Only the fields sent change (null clears one).",
        request=CharacterUpdateInputSerializer,
        responses={
            200: CharacterOutputSerializer,
            400: ErrorSerializer,
            404: NOT_FOUND,
            409: OpenApiResponse(ErrorSerializer, description="The name is taken."),
            422: UNSAFE_BRIEF_RESPONSE,
        },
    )
    def put(self, request: AuthenticatedRequest, character_id: int) -> Response:
        character = _character(request, character_id)
        data = CharacterUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        character = services.character_update(character=character, fields=data.validated_data)
        return Response(_character_out(character))

    @extend_schema(
        tags=["characters"],
        summary="Change some of a character's fields (same as PUT)",
        request=CharacterUpdateInputSerializer,
        responses={
            200: CharacterOutputSerializer,
            400: ErrorSerializer,
            404: NOT_FOUND,
            409: OpenApiResponse(ErrorSerializer, description="The name is taken."),
            422: UNSAFE_BRIEF_RESPONSE,
        },
    )
    def patch(self, request: AuthenticatedRequest, character_id: int) -> Response:
        return self.put(request, character_id)

    @extend_schema(
        tags=["characters"],
        summary="Delete a character, its sheets and its photo",
        description="Stories that used the character keep their own copies.",
        responses={204: None, 404: NOT_FOUND},
    )
    def delete(self, request: AuthenticatedRequest, character_id: int) -> Response:
        services.character_delete(character=_character(request, character_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CharacterRegenerateImageApi(APIView):
    @extend_schema(
        tags=["characters"],
        summary="Draw a new reference sheet from the description",
        description=(
            "description and image_style apply to this drawing only. The new sheet becomes "
            f"current; earlier ones are kept. {DRAWING_ANSWERS}"
        ),
        parameters=PREFER_PARAMETERS,
        request=CharacterImageRequestInputSerializer,
        responses={
            200: DRAWN,
            202: JOB_STARTED,
            400: ErrorSerializer,
            404: NOT_FOUND,
            **JOB_FAILURE_RESPONSES,
            **OVER_QUOTA,
        },
    )
    def post(self, request: AuthenticatedRequest, character_id: int) -> Response:
        character = _character(request, character_id)
        data = CharacterImageRequestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        preferences = client_preferences(request)
        job = services.character_image_request(
            character=character, kind=CharacterImageJob.Kind.DESCRIPTION, **data.validated_data
        )
        return _drawing_response(request, character_id, job, preferences=preferences)


class CharacterGenerateFromPhotoApi(APIView):
    @extend_schema(
        tags=["characters"],
        summary="Draw a three-view reference sheet from the character's photo",
        description=(
            "description and image_style apply to this drawing only; the character's own "
            f"fields are not changed. {DRAWING_ANSWERS}"
        ),
        parameters=PREFER_PARAMETERS,
        request=CharacterImageRequestInputSerializer,
        responses={
            200: DRAWN,
            202: JOB_STARTED,
            404: NOT_FOUND,
            **JOB_FAILURE_RESPONSES,
            400: OpenApiResponse(
                ErrorSerializer,
                description="No photo, or no description; or (code photo_missing) the photo "
                "was gone when the drawing started.",
            ),
            **OVER_QUOTA,
        },
    )
    def post(self, request: AuthenticatedRequest, character_id: int) -> Response:
        character = _character(request, character_id)
        data = CharacterImageRequestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        preferences = client_preferences(request)
        job = services.character_image_request(
            character=character, kind=CharacterImageJob.Kind.PHOTO, **data.validated_data
        )
        return _drawing_response(request, character_id, job, preferences=preferences)


class CharacterImageJobDetailApi(APIView):
    @extend_schema(
        tags=["characters"],
        summary="Progress of a sheet drawing",
        responses={200: CharacterImageJobOutputSerializer, 404: NOT_FOUND},
    )
    def get(self, request: AuthenticatedRequest, job_id: uuid.UUID) -> Response:
        job = get_or_404(
            selectors.character_image_job_queryset(user=request.user), "Job not found.", pk=job_id
        )
        return Response(CharacterImageJobOutputSerializer(job).data)


class CharacterImageListApi(APIView):
    @extend_schema(
        tags=["characters"],
        summary="Every version of a character's sheet, newest first",
        responses={200: CharacterImageOutputSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: AuthenticatedRequest, character_id: int) -> Response:
        character = _character(request, character_id)
        images = selectors.character_images(character=character)
        context = {"current_image_id": character.current_image_id}
        return Response(CharacterImageOutputSerializer(images, many=True, context=context).data)


class CharacterImageMakeCurrentApi(APIView):
    @extend_schema(
        tags=["characters"],
        summary="Make an earlier sheet the current one",
        request=None,
        responses={200: CharacterOutputSerializer, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest, character_id: int, image_id: int) -> Response:
        character = services.character_image_make_current(
            character=_character(request, character_id), image_id=image_id
        )
        return Response(_character_out(character))


class CharacterImageFileApi(APIView):
    @extend_schema(
        tags=["characters"],
        summary="A sheet picture (owner only)",
        parameters=[
            OpenApiParameter(
                "variant",
                str,
                enum=API_PICTURE_VARIANTS,
                description=(
                    "original (default, as the AI drew it), display (JPEG), thumbnail, or "
                    "portrait (the head and shoulders, where the provider drew one)."
                ),
            )
        ],
        responses={
            (200, "image/*"): OpenApiResponse(OpenApiTypes.BINARY, description="The picture."),
            404: NOT_FOUND,
        },
    )
    def get(self, request: AuthenticatedRequest, character_id: int, image_id: int) -> FileResponse:
        image = get_or_404(
            selectors.character_images(character=_character(request, character_id)),
            "Picture not found.",
            pk=image_id,
        )
        path = character_picture_path(image, request.query_params.get("variant", "original"))
        return private_picture_response(
            path, filename=f"character-{character_id}-{image.pk}{path.suffix}"
        )


class CharacterPhotoApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=["characters"],
        summary="Keep a reference photo for the character (private, never served)",
        description=(
            "JPEG, PNG or WebP, decided by the content. It is re-encoded as a JPEG without "
            "metadata and replaces any earlier photo."
        ),
        request={"multipart/form-data": CharacterPhotoInputSerializer},
        responses={
            200: CharacterPhotoOutputSerializer,
            400: ErrorSerializer,
            404: NOT_FOUND,
            413: OpenApiResponse(ErrorSerializer, description="Too many bytes or pixels."),
            415: OpenApiResponse(ErrorSerializer, description="Not a JPEG, PNG or WebP picture."),
        },
    )
    def post(self, request: AuthenticatedRequest, character_id: int) -> Response:
        character = _character(request, character_id)
        data = CharacterPhotoInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        stored = services.character_photo_store(
            character=character, upload=data.validated_data["photo"]
        )
        return Response(
            CharacterPhotoOutputSerializer(
                {
                    "character_id": character.pk,
                    "content_type": stored.content_type,
                    "size_bytes": stored.size_bytes,
                    "width": stored.width,
                    "height": stored.height,
                }
            ).data
        )

    @extend_schema(
        tags=["characters"],
        summary="Remove the character's photo",
        request=None,
        responses={204: None, 404: NOT_FOUND},
    )
    def delete(self, request: AuthenticatedRequest, character_id: int) -> Response:
        services.character_photo_delete(character=_character(request, character_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CharacterDuplicateApi(APIView):
    @extend_schema(
        tags=["characters"],
        summary="Copy a character under a new name, with its sheets and photo",
        request=None,
        responses={201: CharacterOutputSerializer, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest, character_id: int) -> Response:
        copy = services.character_duplicate(character=_character(request, character_id))
        return Response(_character_out(copy), status=status.HTTP_201_CREATED)
