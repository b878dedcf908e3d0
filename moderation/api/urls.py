"""Admin API routes (administrators only), under the API prefix's admin/ path."""

from __future__ import annotations

from moderation.api import views
from storygen.routing import api_path

urlpatterns = [
    *api_path("management/users/", views.UserListApi.as_view(), "admin-user-list"),
    *api_path("management/users/<int:user_id>", views.UserDetailApi.as_view(), "admin-user-detail"),
    *api_path(
        "management/users/<int:user_id>/restore",
        views.UserRestoreApi.as_view(),
        "admin-user-restore",
    ),
    *api_path(
        "management/users/<int:user_id>/quotas",
        views.UserQuotasApi.as_view(),
        "admin-user-quotas",
    ),
    *api_path("usage", views.UsageListApi.as_view(), "admin-usage"),
    *api_path(
        "moderation/stories", views.StoryModerationListApi.as_view(), "moderation-story-list"
    ),
    *api_path(
        "moderation/stories/<int:story_id>/hide",
        views.StoryHideApi.as_view(),
        "moderation-story-hide",
    ),
    *api_path(
        "moderation/stories/<int:story_id>",
        views.StoryModerationDeleteApi.as_view(),
        "moderation-story-detail",
    ),
    *api_path(
        "moderation/stories/<int:story_id>/restore",
        views.StoryRestoreApi.as_view(),
        "moderation-story-restore",
    ),
    *api_path(
        "moderation/actions", views.ModerationActionListApi.as_view(), "moderation-action-list"
    ),
    *api_path("stats", views.AdminStatsApi.as_view(), "admin-stats"),
]
