"""Characters API routes."""

from characters.api import views
from storygen.routing import api_path

urlpatterns = [
    *api_path("characters/", views.CharacterListCreateApi.as_view(), "character-list"),
    *api_path(
        "characters/image-jobs/<uuid:job_id>",
        views.CharacterImageJobDetailApi.as_view(),
        "character-image-job",
    ),
    *api_path(
        "characters/<int:character_id>", views.CharacterDetailApi.as_view(), "character-detail"
    ),
    *api_path(
        "characters/<int:character_id>/regenerate-image",
        views.CharacterRegenerateImageApi.as_view(),
        "character-regenerate-image",
    ),
    *api_path(
        "characters/<int:character_id>/generate-from-photo",
        views.CharacterGenerateFromPhotoApi.as_view(),
        "character-generate-from-photo",
    ),
    *api_path(
        "characters/<int:character_id>/images",
        views.CharacterImageListApi.as_view(),
        "character-images",
    ),
    *api_path(
        "characters/<int:character_id>/images/<int:image_id>/make-current",
        views.CharacterImageMakeCurrentApi.as_view(),
        "character-image-make-current",
    ),
    *api_path(
        "characters/<int:character_id>/images/<int:image_id>/file",
        views.CharacterImageFileApi.as_view(),
        "character-image-file",
    ),
    *api_path(
        "characters/<int:character_id>/photo", views.CharacterPhotoApi.as_view(), "character-photo"
    ),
    *api_path(
        "characters/<int:character_id>/duplicate",
        views.CharacterDuplicateApi.as_view(),
        "character-duplicate",
    ),
]
