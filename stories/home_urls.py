"""The home page: at the site's root, and named plainly ``home`` (no app namespace)."""

from __future__ import annotations

from django.urls import path

from stories.views.home import home

urlpatterns = [path("", home, name="home")]
