"""Stories API routes outside the API prefix, where the reference product's browser client
still calls them (its drafts, "Sync from stories"). They answer as the API does: JSON,
bearer tokens, both slash forms."""

from stories.api import drafts, library
from storygen.routing import root_api_path

urlpatterns = [
    *root_api_path(
        "stories/drafts/", drafts.RootStoryDraftCreateApi.as_view(), "root-story-draft-create"
    ),
    *root_api_path(
        "stories/drafts/<int:draft_id>",
        drafts.RootStoryDraftDetailApi.as_view(),
        "root-story-draft-detail",
    ),
    *root_api_path(
        "stories/backfill-characters",
        library.RootStoryCharactersBackfillApi.as_view(),
        "root-story-characters-backfill",
    ),
]
