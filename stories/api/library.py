"""Library API fed by stories: keep the cast of your stories in your character library, and
give library characters the pictures only a story holds."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stories.services.library import character_thumbnails_backfill, story_characters_backfill
from storygen.api import ErrorSerializer


class StoryCharactersBackfillQuerySerializer(serializers.Serializer):
    include_drafts = serializers.BooleanField(
        default=True, help_text="Take the cast of your drafts too."
    )


class StoryCharactersBackfillOutputSerializer(serializers.Serializer):
    upserted = serializers.IntegerField(
        help_text="Cast members kept in the library (one per story they appear in)."
    )


class CharacterThumbnailsBackfillOutputSerializer(serializers.Serializer):
    scanned = serializers.IntegerField(help_text="Your characters looked at.")
    repaired = serializers.IntegerField(help_text="Given a copy of a story's sheet.")
    already_public = serializers.IntegerField(help_text="Had a picture to show already.")
    missing_source = serializers.IntegerField(
        help_text="A story's sheet was found, but its file is gone."
    )
    no_private_source = serializers.IntegerField(help_text="No story holds a sheet for them.")
    copy_failed = serializers.IntegerField(help_text="A story's sheet could not be copied.")
    skipped = serializers.IntegerField(
        help_text="The only sheets found are in stories held for a safety review or refused."
    )


class StoryCharactersBackfillApi(APIView):
    @extend_schema(
        tags=["stories"],
        summary="Keep the characters of your stories in your character library",
        description=(
            "Every character of every story you own (drafts too unless `include_drafts` is "
            "false) is matched by name, ignoring case, with your library: a match takes the "
            "details the story gives, the others are created. A sheet drawn for a story that "
            "the library character does not hold yet becomes its current picture (the newest "
            "story's last). Characters of drafts are checked for safety first; those that do "
            "not pass are left out. Running it again changes no picture."
        ),
        parameters=[StoryCharactersBackfillQuerySerializer],
        request=None,
        responses={200: StoryCharactersBackfillOutputSerializer, 400: ErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        query = StoryCharactersBackfillQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        upserted = story_characters_backfill(
            owner=request.user, include_drafts=query.validated_data["include_drafts"]
        )
        return Response(StoryCharactersBackfillOutputSerializer({"upserted": upserted}).data)


# The reference product's browser client calls it outside the API prefix ("Sync from
# stories"); the schema documents it once, under the prefix.
@extend_schema(exclude=True)
class RootStoryCharactersBackfillApi(StoryCharactersBackfillApi):
    pass


class CharacterThumbnailsBackfillApi(APIView):
    @extend_schema(
        tags=["characters"],
        summary="Give your characters without a picture the sheet a story drew for them",
        description=(
            "For each of your characters without a current picture (or whose picture's file "
            "is gone): the newest sheet drawn for it in one of your stories (a cast member "
            "linked to it, or of the same name) is copied into the library as its current "
            "picture. The counts say what happened to each character."
        ),
        request=None,
        responses={200: CharacterThumbnailsBackfillOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        counts = character_thumbnails_backfill(owner=request.user)
        return Response(CharacterThumbnailsBackfillOutputSerializer(counts).data)
