"""The editor's preview: every page as the PDF prints it (the same sheets, template and CSS),
with pictures from the owner-only picture view and the page being edited fitted as the PDF
fits it."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse

from stories.layout import PageLayout
from stories.models import Page, Story
from stories.services.pdf import PdfSheet, PicturePicker, story_pdf_fit, story_pdf_sheets


def _picture_address(story: Story, variant: str) -> PicturePicker:
    field = "image_thumbnail" if variant == "thumbnail" else "image_display"

    def address(page: Page, layout: PageLayout) -> str:
        if not getattr(page, field).name:
            return ""
        url = reverse("stories:page-image", args=[story.pk, page.pk, variant])
        # The version in the address lets a browser cache each picture for good and still
        # show a redrawn one at once.
        return f"{url}?v={page.image_version}"

    return address


def preview_sheets(*, story: Story, pages: Sequence[Page], small: bool = False) -> list[PdfSheet]:
    """The story's sheets for a screen: thumbnails when ``small`` (the page strip), the
    display pictures otherwise. Text is not fitted (see preview_sheet_fitted)."""
    variant = "thumbnail" if small else "display"
    return story_pdf_sheets(story=story, pages=pages, picture=_picture_address(story, variant))


def preview_sheet_fitted(*, story: Story, sheet: PdfSheet) -> PdfSheet:
    """``sheet`` with the font scale the PDF will use when its text overflows its box, measured
    by the PDF's own layout engine, so the preview shows the page as it will print."""
    return story_pdf_fit(story=story, sheets=[sheet])[0]
