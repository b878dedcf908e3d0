"""Story services: everything that changes stories, their pages and their generation runs."""

from stories.services.pipeline import (
    generation_abort,
    generation_advance,
    generation_begin,
    generation_reconcile,
    page_draw,
    sheet_draw,
    story_brief,
    story_write,
)
from stories.services.stories import (
    story_delete,
    story_draft_save,
    story_generation_start,
    story_options_validate,
    story_resume,
)

__all__ = [
    "generation_abort",
    "generation_advance",
    "generation_begin",
    "generation_reconcile",
    "page_draw",
    "sheet_draw",
    "story_brief",
    "story_delete",
    "story_draft_save",
    "story_generation_start",
    "story_options_validate",
    "story_resume",
    "story_write",
]
