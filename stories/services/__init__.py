"""Story services: everything that changes stories, their pages and their generation runs."""

from stories.services.editor import (
    page_image_make_current,
    page_image_restore,
    page_redraw,
    page_redraw_jobs_reconcile,
    page_redraw_request,
    page_text_restore,
    page_text_rewrite,
    story_editor_update,
    story_title_update,
)
from stories.services.lists import (
    dynamic_list_create,
    dynamic_list_delete,
    dynamic_list_item_create,
    dynamic_list_item_delete,
    dynamic_list_item_update,
    dynamic_list_update,
)
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
    "dynamic_list_create",
    "dynamic_list_delete",
    "dynamic_list_item_create",
    "dynamic_list_item_delete",
    "dynamic_list_item_update",
    "dynamic_list_update",
    "generation_abort",
    "generation_advance",
    "generation_begin",
    "generation_reconcile",
    "page_draw",
    "page_image_make_current",
    "page_image_restore",
    "page_redraw",
    "page_redraw_jobs_reconcile",
    "page_redraw_request",
    "page_text_restore",
    "page_text_rewrite",
    "sheet_draw",
    "story_brief",
    "story_delete",
    "story_draft_save",
    "story_editor_update",
    "story_generation_start",
    "story_options_validate",
    "story_resume",
    "story_title_update",
    "story_write",
]
