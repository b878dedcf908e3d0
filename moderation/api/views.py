"""Admin API: user management, story moderation, the audit log and the dashboard counters."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services as accounts_services
from accounts.models import User
from accounts.permissions import IsAdministrator
from accounts.selectors import usage_get, usage_overview_get
from accounts.usage import quota_override_update
from moderation import selectors, services, stats
from moderation.api.serializers import (
    AdminStatsOutputSerializer,
    AdminUsageOutputSerializer,
    AdminUserOutputSerializer,
    AdminUserUsageOutputSerializer,
    ModerationActionPageOutputSerializer,
    ModerationActionQuerySerializer,
    ReasonInputSerializer,
    StoryHideInputSerializer,
    StoryModerationOutputSerializer,
    StoryModerationPageOutputSerializer,
    StoryModerationQuerySerializer,
    UsageListQuerySerializer,
    UserAdminUpdateInputSerializer,
    UserListQuerySerializer,
    UserQuotasInputSerializer,
)
from storygen.api import ErrorSerializer
from storygen.shortcuts import get_or_404

TAG = "admin"
DENIED = {
    401: OpenApiResponse(ErrorSerializer, description="Not signed in."),
    403: OpenApiResponse(ErrorSerializer, description="Not an administrator, or refused."),
}
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such object.")
INVALID = OpenApiResponse(ErrorSerializer, description="Invalid input.")


class AdminRequest(Request):
    """A request that passed IsAdministrator: its user is an active admin account."""

    user: User


class AdminApi(APIView):
    permission_classes = [IsAdministrator]


def _page(serializer: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    query = serializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return dict(query.validated_data)


def _reason(request: Request) -> str:
    """The optional reason of a DELETE or POST: in the body, else in the query string."""
    data = request.data if isinstance(request.data, dict) and "reason" in request.data else {}
    source = data or {"reason": request.query_params.get("reason", "")}
    reason = ReasonInputSerializer(data=source)
    reason.is_valid(raise_exception=True)
    return str(reason.validated_data["reason"])


def _user_not_found(user_id: int) -> str:
    return f"User with ID {user_id} not found"


def _story_not_found(story_id: int) -> str:
    return f"Story with ID {story_id} not found"


# --- Accounts ------------------------------------------------------------------------------


class UserListApi(AdminApi):
    @extend_schema(
        tags=[TAG],
        summary="List accounts (soft-deleted ones only when asked)",
        parameters=[UserListQuerySerializer],
        responses={200: AdminUserOutputSerializer(many=True), 400: INVALID, **DENIED},
    )
    def get(self, request: AdminRequest) -> Response:
        query = _page(UserListQuerySerializer, request)
        start, limit = query["skip"], query["limit"]
        users = selectors.user_list_for_admin(include_deleted=query["include_deleted"])
        return Response(AdminUserOutputSerializer(users[start : start + limit], many=True).data)


class UserDetailApi(AdminApi):
    @extend_schema(
        tags=[TAG],
        summary="One account",
        responses={200: AdminUserOutputSerializer, 404: NOT_FOUND, **DENIED},
    )
    def get(self, request: AdminRequest, user_id: int) -> Response:
        user = get_or_404(selectors.user_list_for_admin(), _user_not_found(user_id), pk=user_id)
        return Response(AdminUserOutputSerializer(user).data)

    @extend_schema(
        tags=[TAG],
        summary="Change an account's username, email, role or active flag",
        request=UserAdminUpdateInputSerializer,
        responses={200: AdminUserOutputSerializer, 400: INVALID, 404: NOT_FOUND, **DENIED},
    )
    def put(self, request: AdminRequest, user_id: int) -> Response:
        user = get_or_404(selectors.user_list_for_admin(), _user_not_found(user_id), pk=user_id)
        data = UserAdminUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = accounts_services.user_admin_update(
            actor=request.user, user=user, **data.validated_data
        )
        return Response(AdminUserOutputSerializer(user).data)

    @extend_schema(
        tags=[TAG],
        summary="Soft-delete an account (deactivated, signed out, kept)",
        request=None,
        responses={204: None, 404: NOT_FOUND, **DENIED},
    )
    def delete(self, request: AdminRequest, user_id: int) -> Response:
        user = get_or_404(selectors.user_list_for_admin(), _user_not_found(user_id), pk=user_id)
        accounts_services.user_soft_delete(actor=request.user, user=user, reason=_reason(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class UserRestoreApi(AdminApi):
    @extend_schema(
        tags=[TAG],
        summary="Undo the soft delete of an account",
        request=ReasonInputSerializer,
        responses={200: AdminUserOutputSerializer, 404: NOT_FOUND, **DENIED},
    )
    def post(self, request: AdminRequest, user_id: int) -> Response:
        user = get_or_404(
            selectors.user_list_for_admin(include_deleted=True),
            _user_not_found(user_id),
            pk=user_id,
        )
        user = accounts_services.user_restore(
            actor=request.user, user=user, reason=_reason(request)
        )
        return Response(AdminUserOutputSerializer(user).data)


class UsageListApi(AdminApi):
    @extend_schema(
        tags=[TAG],
        summary="Every account's usage of the last 24 hours, and the daily AI budget",
        parameters=[UsageListQuerySerializer],
        responses={200: AdminUsageOutputSerializer, 400: INVALID, **DENIED},
    )
    def get(self, request: AdminRequest) -> Response:
        query = _page(UsageListQuerySerializer, request)
        overview = usage_overview_get(skip=query["skip"], limit=query["limit"])
        return Response(AdminUsageOutputSerializer(overview).data)


class UserQuotasApi(AdminApi):
    @extend_schema(
        tags=[TAG],
        summary="Set an account's own limits (null or omitted: the default; 0: none allowed)",
        request=UserQuotasInputSerializer,
        responses={200: AdminUserUsageOutputSerializer, 400: INVALID, 404: NOT_FOUND, **DENIED},
    )
    def put(self, request: AdminRequest, user_id: int) -> Response:
        user = get_or_404(selectors.user_list_for_admin(), _user_not_found(user_id), pk=user_id)
        data = UserQuotasInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        quota_override_update(actor=request.user, user=user, **data.validated_data)
        return Response(AdminUserUsageOutputSerializer(usage_get(user=user)).data)


# --- Stories -------------------------------------------------------------------------------


class StoryModerationListApi(AdminApi):
    @extend_schema(
        tags=[TAG],
        summary="Stories of every user, newest first, a page at a time",
        parameters=[StoryModerationQuerySerializer],
        responses={200: StoryModerationPageOutputSerializer, 400: INVALID, **DENIED},
    )
    def get(self, request: AdminRequest) -> Response:
        query = _page(StoryModerationQuerySerializer, request)
        page, page_size = query.pop("page"), query.pop("page_size")
        stories = selectors.story_list_for_moderation(**query)
        result = selectors.page_of(stories, page=page, page_size=page_size)
        return Response(StoryModerationPageOutputSerializer(result).data)


class StoryHideApi(AdminApi):
    @extend_schema(
        tags=[TAG],
        summary="Hide a story from its owner, or show it again",
        request=StoryHideInputSerializer,
        responses={200: StoryModerationOutputSerializer, 400: INVALID, 404: NOT_FOUND, **DENIED},
    )
    def patch(self, request: AdminRequest, story_id: int) -> Response:
        story = get_or_404(
            selectors.story_list_for_moderation(include_hidden=True),
            _story_not_found(story_id),
            pk=story_id,
        )
        data = StoryHideInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        story = services.story_hide(
            actor=request.user,
            story=story,
            hidden=data.validated_data["is_hidden"],
            reason=data.validated_data["reason"],
        )
        return Response(StoryModerationOutputSerializer(story).data)


class StoryModerationDeleteApi(AdminApi):
    @extend_schema(
        tags=[TAG],
        summary="Soft-delete a story (kept for the moderators; reason in the body or query)",
        request=ReasonInputSerializer,
        responses={204: None, 404: NOT_FOUND, **DENIED},
    )
    def delete(self, request: AdminRequest, story_id: int) -> Response:
        story = get_or_404(
            selectors.story_list_for_moderation(include_hidden=True),
            _story_not_found(story_id),
            pk=story_id,
        )
        services.story_soft_delete(actor=request.user, story=story, reason=_reason(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class StoryRestoreApi(AdminApi):
    @extend_schema(
        tags=[TAG],
        summary="Undo the soft delete of a story",
        request=ReasonInputSerializer,
        responses={
            200: StoryModerationOutputSerializer,
            404: NOT_FOUND,
            409: OpenApiResponse(ErrorSerializer, description="The story is not deleted."),
            **DENIED,
        },
    )
    def post(self, request: AdminRequest, story_id: int) -> Response:
        story = get_or_404(
            selectors.story_list_for_moderation(include_hidden=True, include_deleted=True),
            _story_not_found(story_id),
            pk=story_id,
        )
        story = services.story_restore(actor=request.user, story=story, reason=_reason(request))
        return Response(StoryModerationOutputSerializer(story).data)


# --- Audit log and counters ----------------------------------------------------------------


class ModerationActionListApi(AdminApi):
    @extend_schema(
        tags=[TAG],
        summary="The moderation audit log, newest first, a page at a time",
        parameters=[ModerationActionQuerySerializer],
        responses={200: ModerationActionPageOutputSerializer, 400: INVALID, **DENIED},
    )
    def get(self, request: AdminRequest) -> Response:
        query = _page(ModerationActionQuerySerializer, request)
        page, page_size = query.pop("page"), query.pop("page_size")
        actions = selectors.moderation_action_list(**query)
        result = selectors.page_of(actions, page=page, page_size=page_size)
        return Response(ModerationActionPageOutputSerializer(result).data)


class AdminStatsApi(AdminApi):
    @extend_schema(
        tags=[TAG],
        summary="Counts of accounts, stories, characters and generation runs",
        responses={200: AdminStatsOutputSerializer, **DENIED},
    )
    def get(self, request: AdminRequest) -> Response:
        return Response(AdminStatsOutputSerializer(stats.admin_stats()).data)
