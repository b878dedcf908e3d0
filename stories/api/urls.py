"""Stories API routes."""

from stories.api import views
from storygen.routing import api_path

urlpatterns = [
    *api_path("stories/", views.StoryListCreateApi.as_view(), "story-list"),
    *api_path(
        "stories/generation-status/<uuid:task_id>",
        views.GenerationStatusApi.as_view(),
        "generation-status",
    ),
    *api_path("stories/<int:story_id>", views.StoryDetailApi.as_view(), "story-detail"),
    *api_path("stories/<int:story_id>/resume", views.StoryResumeApi.as_view(), "story-resume"),
    *api_path(
        "stories/<int:story_id>/pages/<int:page_id>/image",
        views.PageImageApi.as_view(),
        "page-image",
    ),
    *api_path(
        "dynamic-lists/<str:list_name>/active-items",
        views.DynamicListActiveItemsApi.as_view(),
        "dynamic-list-active-items",
    ),
]
