"""Reading an editor request's If-Match header as the edit version it requires."""

from __future__ import annotations

import re

from stories.errors import StoryChanged
from stories.models import Story

#: One entity tag of an If-Match header: ours are "<story id>-<edit version>".
_ENTITY_TAG = re.compile(r'(?:W/)?"?(\d{1,18})-(\d{1,18})"?')


def if_match_version(header: str | None, story: Story) -> int | None:
    """The edit version an If-Match header requires of ``story``, for the editing services.

    None when there is no condition (no header, or ``*``). A weak ``W/`` prefix is accepted.
    Of several tags, the one naming the version read in ``story`` wins (the service checks
    it again under the story's lock). Raises StoryChanged when no tag names this story.
    """
    if header is None or not header.strip():
        return None
    versions: set[int] = set()
    for tag in header.split(","):
        tag = tag.strip()
        if tag == "*":
            return None
        match = _ENTITY_TAG.fullmatch(tag)
        if match and int(match[1]) == story.pk:
            versions.add(int(match[2]))
    if not versions:
        raise StoryChanged()
    return story.edit_version if story.edit_version in versions else max(versions)
