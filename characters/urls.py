"""Character library pages."""

from django.urls import path

from characters import views

app_name = "characters"

urlpatterns = [
    path("", views.character_library, name="library"),
    path("<int:character_id>/image/<slug:variant>/", views.character_image, name="image"),
]
