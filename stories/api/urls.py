"""Stories API routes."""

from stories.api import drafts, library, pdf, views
from storygen.routing import api_path

urlpatterns = [
    *api_path("stories/", views.StoryListCreateApi.as_view(), "story-list"),
    *api_path("stories/drafts/", drafts.StoryDraftCreateApi.as_view(), "story-draft-create"),
    *api_path(
        "stories/drafts/<int:draft_id>", drafts.StoryDraftDetailApi.as_view(), "story-draft-detail"
    ),
    *api_path(
        "stories/backfill-characters",
        library.StoryCharactersBackfillApi.as_view(),
        "story-characters-backfill",
    ),
    # Characters' pictures from their stories: the stories app is the one that reads both.
    *api_path(
        "characters/backfill-thumbnails",
        library.CharacterThumbnailsBackfillApi.as_view(),
        "character-thumbnails-backfill",
    ),
    *api_path(
        "stories/generation-status/<uuid:task_id>",
        views.GenerationStatusApi.as_view(),
        "generation-status",
    ),
    *api_path("stories/<int:story_id>", views.StoryDetailApi.as_view(), "story-detail"),
    *api_path("stories/<int:story_id>/resume", views.StoryResumeApi.as_view(), "story-resume"),
    *api_path("stories/<int:story_id>/pdf", pdf.StoryPdfApi.as_view(), "story-pdf"),
    *api_path(
        "stories/<int:story_id>/pdf/status", pdf.StoryPdfStatusApi.as_view(), "story-pdf-status"
    ),
    *api_path(
        "stories/<int:story_id>/pages/<int:page_id>/image",
        views.PageImageApi.as_view(),
        "page-image",
    ),
    *api_path("stories/<int:story_id>/title", views.StoryTitleApi.as_view(), "story-title"),
    *api_path("stories/<int:story_id>/editor", views.StoryEditorApi.as_view(), "story-editor"),
    *api_path(
        "stories/<int:story_id>/pages/<int:page_id>/restore-text",
        views.PageRestoreTextApi.as_view(),
        "page-restore-text",
    ),
    *api_path(
        "stories/<int:story_id>/pages/<int:page_id>/restore-image",
        views.PageRestoreImageApi.as_view(),
        "page-restore-image",
    ),
    *api_path(
        "stories/<int:story_id>/pages/<int:page_id>/regenerate-image",
        views.PageRegenerateImageApi.as_view(),
        "page-regenerate-image",
    ),
    *api_path(
        "stories/<int:story_id>/pages/<int:page_id>/rewrite-text",
        views.PageRewriteTextApi.as_view(),
        "page-rewrite-text",
    ),
    *api_path(
        "stories/<int:story_id>/pages/<int:page_id>/images",
        views.PageImageListApi.as_view(),
        "page-images",
    ),
    *api_path(
        "stories/<int:story_id>/pages/<int:page_id>/images/<int:image_id>/make-current",
        views.PageImageMakeCurrentApi.as_view(),
        "page-image-make-current",
    ),
    *api_path(
        "stories/<int:story_id>/pages/<int:page_id>/images/<int:image_id>/file",
        views.PageImageVersionFileApi.as_view(),
        "page-image-version-file",
    ),
    *api_path(
        "stories/page-redraw-jobs/<uuid:job_id>",
        views.PageRedrawJobDetailApi.as_view(),
        "page-redraw-job",
    ),
    *api_path(
        "dynamic-lists/<str:list_name>/active-items",
        views.DynamicListActiveItemsApi.as_view(),
        "dynamic-list-active-items",
    ),
]
