"""Moderation pages readers use: reporting a story (under the story's own address)."""

from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("stories/<int:story_id>/report/", views.story_report, name="story-report"),
]
