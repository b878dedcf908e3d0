"""Accounts API routes."""

from accounts.api import views
from storygen.routing import api_path

urlpatterns = [
    *api_path("users/", views.UserCreateApi.as_view(), "user-create"),
    *api_path("users/me/", views.UserMeApi.as_view(), "user-me"),
    *api_path("users/me/usage", views.UserUsageApi.as_view(), "user-usage"),
    *api_path(
        "users/me/sign-out-everywhere",
        views.UserSignOutEverywhereApi.as_view(),
        "user-sign-out-everywhere",
    ),
    *api_path("token", views.TokenObtainApi.as_view(), "token-obtain"),
    *api_path("token/refresh", views.TokenRefreshApi.as_view(), "token-refresh"),
]
