"""The story's edit version: its ETag, checking a save against it, and counting changes."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from typing import Any

from django.db.models import F
from django.utils import timezone

from stories.errors import StoryChanged
from stories.models import PageRedrawJob, Story

logger = logging.getLogger(__name__)

#: Most redraw ids a save may name (a page has at most one under way; stories are short).
_REDRAWS_MAX = 100


def story_etag(story: Story, version: int | None = None) -> str:
    """The story's ETag (at ``version``, by default its own): it changes with every change
    of what the editor shows."""
    return f'"{story.pk}-{story.edit_version if version is None else version}"'


def _redraw_ids(values: Iterable[uuid.UUID | str]) -> set[uuid.UUID]:
    ids: set[uuid.UUID] = set()
    for value in values:
        if len(ids) == _REDRAWS_MAX:
            break
        try:
            ids.add(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value).strip()))
        except ValueError:
            continue  # not a job of ours, so not one that finished
    return ids


def story_version_check(
    *, story: Story, expected: int | None, redraws_under_way: Iterable[uuid.UUID | str] = ()
) -> None:
    """Raise StoryChanged unless the locked ``story`` is still at the ``expected`` version.

    None skips the check. Each of ``redraws_under_way`` (jobs waiting or drawing when
    ``expected`` was read) that has finished since added one version by changing only its
    page's picture: those are expected. The redraw's worker takes the story's lock to
    finish, so none can finish between this count and the save.
    """
    if expected is None:
        return
    ids = _redraw_ids(redraws_under_way)
    if ids:
        expected += PageRedrawJob.objects.filter(
            pk__in=ids, page__story=story, status=PageRedrawJob.Status.DONE
        ).count()
    if story.edit_version != expected:
        logger.info("story %s: a save from version %s refused (stale)", story.pk, expected)
        raise StoryChanged()


def story_version_bump(*, story: Story, fields: Iterable[str] = (), locked: bool = True) -> None:
    """Count one more change of what the editor shows of ``story``, saving its ``fields``
    (and updated_at, when there are any) in the same UPDATE.

    Every service that changes the story's title, layout, pages or pictures calls it in the
    transaction making the change. With ``locked`` (the caller read ``story`` under its row
    lock) the UPDATE is a compare-and-swap on the version read, so two edits never both
    count from the same version, even where the row lock is only advisory: raises
    StoryChanged when the version moved. Without it (a generation run finishing, which
    does not hold the story's lock) the version only goes up, and is read back.
    """
    values: dict[str, Any] = {name: getattr(story, name) for name in fields}
    if values:
        values["updated_at"] = story.updated_at = timezone.now()
    rows = Story.objects.filter(pk=story.pk)
    if not locked:
        rows.update(**values, edit_version=F("edit_version") + 1)
        story.edit_version = rows.values_list("edit_version", flat=True).get()
        return
    if not rows.filter(edit_version=story.edit_version).update(
        **values, edit_version=F("edit_version") + 1
    ):
        raise StoryChanged()
    story.edit_version += 1
