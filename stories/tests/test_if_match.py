"""Reading an editor request's If-Match header as the edit version it requires."""

from __future__ import annotations

import pytest

from accounts.models import User
from stories.errors import StoryChanged
from stories.if_match import if_match_version
from stories.tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("*", None),
        ('"{pk}-3"', 3),
        ('W/"{pk}-3"', 3),
        ("{pk}-3", 3),
        ('"{pk}-1", "{pk}-2"', 2),  # the one naming the current version
        ('"{pk}-5", "{pk}-7"', 7),  # neither: the service refuses it under the story's lock
    ],
)
def test_if_match_names_the_version_to_edit_from(
    user: User, header: str | None, expected: int | None
) -> None:
    story = StoryFactory(owner=user, edit_version=2)
    value = header.format(pk=story.pk) if header is not None else None
    assert if_match_version(value, story) == expected


@pytest.mark.parametrize("header", ['"{other}-2"', '"abc"', "W/", '"{pk}"', '"{pk}-"'])
def test_if_match_naming_no_version_of_the_story_is_stale(user: User, header: str) -> None:
    story = StoryFactory(owner=user, edit_version=2)
    with pytest.raises(StoryChanged):
        if_match_version(header.format(pk=story.pk, other=story.pk + 1), story)
