"""Storygen: a self-hosted picture-book generator."""

from storygen.celery import app as celery_app

__all__ = ["celery_app"]
