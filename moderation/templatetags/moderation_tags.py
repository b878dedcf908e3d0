"""Moderation's parts of other apps' pages: the report form under the reader."""

from __future__ import annotations

from typing import Any

from django import template

from moderation.forms import StoryReportForm

register = template.Library()


@register.inclusion_tag("moderation/report_form.html", takes_context=True)
def story_report_form(context: template.Context, story: Any) -> dict[str, Any]:
    """The small "Report this story" form, folded away under a story."""
    return {"story": story, "form": StoryReportForm(), "csrf_token": context.get("csrf_token")}
