"""Character library pages."""

from django.urls import path

from characters import views

app_name = "characters"

urlpatterns = [
    path("", views.character_library, name="library"),
    path("new/", views.character_create, name="create"),
    path("import/", views.character_import, name="import"),
    path("<int:character_id>/", views.character_detail, name="detail"),
    path("<int:character_id>/edit/", views.character_edit, name="edit"),
    path("<int:character_id>/sheet/", views.character_draw, name="draw"),
    path("<int:character_id>/sheet/status/", views.character_sheet_status, name="sheet-status"),
    path(
        "<int:character_id>/sheet/from-photo/",
        views.character_draw_from_photo,
        name="draw-from-photo",
    ),
    path("<int:character_id>/photo/", views.character_photo_upload, name="photo"),
    path("<int:character_id>/photo/remove/", views.character_photo_remove, name="photo-remove"),
    path("<int:character_id>/duplicate/", views.character_duplicate, name="duplicate"),
    path("<int:character_id>/delete/", views.character_delete, name="delete"),
    path(
        "<int:character_id>/images/<int:image_id>/current/",
        views.character_make_current,
        name="make-current",
    ),
]
