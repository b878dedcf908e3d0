"""Admin API routes (administrators only), under the API prefix's admin/ path."""

from __future__ import annotations

from django.urls import URLPattern

from stories.api import admin
from storygen.routing import api_path

# The item routes come first: "dynamic-lists/items/3" is an item, not a list named "items".
urlpatterns: list[URLPattern] = [
    *api_path(
        "dynamic-lists/", admin.DynamicListCollectionAdminApi.as_view(), "admin-dynamic-lists"
    ),
    *api_path(
        "dynamic-lists/items/<int:item_id>",
        admin.DynamicListItemDetailAdminApi.as_view(),
        "admin-dynamic-list-item",
    ),
    *api_path(
        "dynamic-lists/items/<int:item_id>/in-use",
        admin.DynamicListItemInUseAdminApi.as_view(),
        "admin-dynamic-list-item-in-use",
    ),
    *api_path(
        "dynamic-lists/<str:list_name>",
        admin.DynamicListDetailAdminApi.as_view(),
        "admin-dynamic-list",
    ),
    *api_path(
        "dynamic-lists/<str:list_name>/items",
        admin.DynamicListItemCollectionAdminApi.as_view(),
        "admin-dynamic-list-items",
    ),
]
