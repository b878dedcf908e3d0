"""Fixtures of the character tests, shared with the story tests."""

from stories.tests.conftest import story_request

__all__ = ["story_request"]
