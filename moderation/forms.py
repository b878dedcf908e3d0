"""Forms of the moderation pages readers meet: reporting a story."""

from __future__ import annotations

from django import forms

from moderation.models import StoryReport


class StoryReportForm(forms.Form):
    """Why a reader reports a story."""

    reason = forms.ChoiceField(
        label="What is wrong with this story?", choices=StoryReport.Reason.choices
    )
    details = forms.CharField(
        label="Anything else we should know? (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
