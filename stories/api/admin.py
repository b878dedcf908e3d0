"""Admin API of the stories app: the option lists (genres, image styles…) and their items."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsAdministrator
from stories import selectors, services
from stories.api.admin_serializers import (
    DynamicListCreateInputSerializer,
    DynamicListItemAdminOutputSerializer,
    DynamicListItemCreateInputSerializer,
    DynamicListItemInUseOutputSerializer,
    DynamicListItemQuerySerializer,
    DynamicListItemUpdateInputSerializer,
    DynamicListOutputSerializer,
    DynamicListUpdateInputSerializer,
    PageQuerySerializer,
)
from stories.models import DynamicList, DynamicListItem
from storygen.api import ErrorSerializer
from storygen.exceptions import NotFound

TAGS = ["admin"]
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such list or item.")
IN_USE = OpenApiResponse(
    ErrorSerializer, description="A story, page or character stores the value: deactivate it."
)
ADMIN_ONLY = {
    401: OpenApiResponse(ErrorSerializer, description="Not signed in."),
    403: OpenApiResponse(ErrorSerializer, description="Not an administrator."),
}


def _list_or_404(list_name: str) -> DynamicList:
    dynamic_list = selectors.dynamic_list_get(list_name=list_name)
    if dynamic_list is None:
        raise NotFound(f"Dynamic list '{list_name}' not found")
    return dynamic_list


def _item_or_404(item_id: int) -> DynamicListItem:
    item = selectors.dynamic_list_item_get(item_id=item_id)
    if item is None:
        raise NotFound(f"Dynamic list item with ID {item_id} not found")
    return item


class DynamicListCollectionAdminApi(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(
        tags=TAGS,
        summary="Option lists by name, each with all its items",
        parameters=[PageQuerySerializer],
        responses={200: DynamicListOutputSerializer(many=True), 400: ErrorSerializer, **ADMIN_ONLY},
    )
    def get(self, request: Request) -> Response:
        query = PageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        lists = selectors.dynamic_list_list(
            offset=query.validated_data["skip"], limit=query.validated_data["limit"]
        )
        return Response(DynamicListOutputSerializer(lists, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Create an option list",
        request=DynamicListCreateInputSerializer,
        responses={201: DynamicListOutputSerializer, 400: ErrorSerializer, **ADMIN_ONLY},
    )
    def post(self, request: Request) -> Response:
        data = DynamicListCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        dynamic_list = services.dynamic_list_create(**data.validated_data)
        return Response(
            DynamicListOutputSerializer(_list_or_404(dynamic_list.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class DynamicListDetailAdminApi(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(
        tags=TAGS,
        summary="One option list with all its items",
        responses={200: DynamicListOutputSerializer, 404: NOT_FOUND, **ADMIN_ONLY},
    )
    def get(self, request: Request, list_name: str) -> Response:
        return Response(DynamicListOutputSerializer(_list_or_404(list_name)).data)

    @extend_schema(
        tags=TAGS,
        summary="Change an option list's label or description",
        request=DynamicListUpdateInputSerializer,
        responses={
            200: DynamicListOutputSerializer,
            400: ErrorSerializer,
            404: NOT_FOUND,
            **ADMIN_ONLY,
        },
    )
    def put(self, request: Request, list_name: str) -> Response:
        data = DynamicListUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.dynamic_list_update(list_name=list_name, **data.validated_data)
        return Response(DynamicListOutputSerializer(_list_or_404(list_name)).data)

    @extend_schema(
        tags=TAGS,
        summary="Delete an option list and its items (refused while any item is in use)",
        responses={204: None, 404: NOT_FOUND, 409: IN_USE, **ADMIN_ONLY},
    )
    def delete(self, request: Request, list_name: str) -> Response:
        services.dynamic_list_delete(list_name=list_name)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DynamicListItemCollectionAdminApi(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(
        tags=TAGS,
        summary="Items of an option list, by sort order then label",
        parameters=[DynamicListItemQuerySerializer],
        responses={
            200: DynamicListItemAdminOutputSerializer(many=True),
            400: ErrorSerializer,
            404: NOT_FOUND,
            **ADMIN_ONLY,
        },
    )
    def get(self, request: Request, list_name: str) -> Response:
        query = DynamicListItemQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        if not selectors.dynamic_list_exists(list_name=list_name):
            raise NotFound(f"Dynamic list '{list_name}' not found.")
        items = selectors.dynamic_list_item_list(
            list_name=list_name,
            only_active=query.validated_data["only_active"],
            offset=query.validated_data["skip"],
            limit=query.validated_data["limit"],
        )
        return Response(DynamicListItemAdminOutputSerializer(items, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Add an item to an option list",
        request=DynamicListItemCreateInputSerializer,
        responses={
            201: DynamicListItemAdminOutputSerializer,
            400: ErrorSerializer,
            404: NOT_FOUND,
            **ADMIN_ONLY,
        },
    )
    def post(self, request: Request, list_name: str) -> Response:
        data = DynamicListItemCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.dynamic_list_item_create(list_name=list_name, **data.validated_data)
        return Response(
            DynamicListItemAdminOutputSerializer(item).data, status=status.HTTP_201_CREATED
        )


class DynamicListItemDetailAdminApi(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(
        tags=TAGS,
        summary="One option-list item",
        responses={200: DynamicListItemAdminOutputSerializer, 404: NOT_FOUND, **ADMIN_ONLY},
    )
    def get(self, request: Request, item_id: int) -> Response:
        return Response(DynamicListItemAdminOutputSerializer(_item_or_404(item_id)).data)

    @extend_schema(
        tags=TAGS,
        summary="Change an item (deactivating is always allowed)",
        request=DynamicListItemUpdateInputSerializer,
        responses={
            200: DynamicListItemAdminOutputSerializer,
            400: ErrorSerializer,
            404: NOT_FOUND,
            409: OpenApiResponse(
                ErrorSerializer, description="The item is in use: its value cannot change."
            ),
            **ADMIN_ONLY,
        },
    )
    def put(self, request: Request, item_id: int) -> Response:
        data = DynamicListItemUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.dynamic_list_item_update(item_id=item_id, **data.validated_data)
        return Response(DynamicListItemAdminOutputSerializer(item).data)

    @extend_schema(
        tags=TAGS,
        summary="Delete an item nothing uses",
        responses={204: None, 404: NOT_FOUND, 409: IN_USE, **ADMIN_ONLY},
    )
    def delete(self, request: Request, item_id: int) -> Response:
        services.dynamic_list_item_delete(item_id=item_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DynamicListItemInUseAdminApi(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(
        tags=TAGS,
        summary="Whether stories, pages or characters store the item's value, and which",
        responses={200: DynamicListItemInUseOutputSerializer, 404: NOT_FOUND, **ADMIN_ONLY},
    )
    def get(self, request: Request, item_id: int) -> Response:
        details = selectors.dynamic_list_item_usage(item=_item_or_404(item_id))
        return Response(
            DynamicListItemInUseOutputSerializer(
                {"is_in_use": bool(details), "details": details}
            ).data
        )
