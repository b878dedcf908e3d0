"""The Django admin for moderation: the audit log, stories (hide, delete, restore), stories
held for review, reports, and the safety phrases."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from accounts.admin import admin_actor, apply_to_each, confirm_with_reason
from accounts.permissions import user_is_administrator
from moderation.models import ModerationAction, SafetyPhrase, StoryReport, StoryReview
from moderation.services import (
    safety_phrase_create,
    safety_phrase_delete,
    safety_phrase_update,
    story_hide,
    story_release,
    story_remove,
    story_report_resolve,
    story_restore,
    story_soft_delete,
)
from stories.admin import ReadOnlyAdminMixin
from stories.models import Page, Story
from stories.services.media import page_picture_path
from storygen.exceptions import NotFound
from storygen.files import private_picture_response

EXCERPT_CHARS = 300
# The pages listed under a story show a line of each.
PAGE_LINE_CHARS = 120


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Rows are only viewed here; every change goes through an action and a service."""


def _story_link(story: Story) -> SafeString:
    url = reverse("admin:stories_story_change", args=[story.pk])
    return format_html('<a href="{}">{}</a>', url, str(story))


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdmin):
    """The audit log: read-only, newest first."""

    list_display = (
        "created_at",
        "actor_username",
        "action",
        "target_type",
        "target_id",
        "target_label",
        "reason_excerpt",
    )
    list_filter = ("action", "target_type", "created_at")
    search_fields = ("actor_username", "target_label", "reason")
    ordering = ("-created_at", "-id")
    actions = None

    @admin.display(description="reason")
    def reason_excerpt(self, action: ModerationAction) -> str:
        return Truncator(action.reason).chars(120)


@admin.register(StoryReview)
class StoryReviewAdmin(ReadOnlyAdmin):
    """Stories the safety gate stopped. Open ones wait here to be released or removed."""

    list_display = (
        "story_title",
        "owner",
        "stage",
        "reason",
        "status",
        "category_list",
        "open_reports",
        "created_at",
    )
    list_select_related = ("story", "story__owner")
    list_filter = ("status", "reason", "stage", "created_at")
    search_fields = ("story__title", "story__owner__username")
    ordering = ("-created_at", "-id")
    actions = ("release_stories", "remove_stories")
    fields = (
        "story_title",
        "owner",
        "stage",
        "reason",
        "status",
        "category_list",
        "findings_list",
        "content",
        "reports",
        "attempts",
        "next_check_at",
        "last_error",
        "created_at",
        "resolved_at",
        "resolved_by",
        "note",
    )
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[StoryReview]:
        # Open reports counted in the same query as the rows, not once per row.
        open_reports = (
            StoryReport.objects.filter(story_id=OuterRef("story_id"), resolved=False)
            .order_by()
            .values("story_id")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            super()
            .get_queryset(request)
            .select_related("story", "story__owner")
            .annotate(open_report_count=Coalesce(Subquery(open_reports), 0))
        )

    @admin.display(description="story", ordering="story__title")
    def story_title(self, review: StoryReview) -> SafeString:
        return _story_link(review.story)

    @admin.display(description="owner", ordering="story__owner__username")
    def owner(self, review: StoryReview) -> str:
        return review.story.owner.username

    @admin.display(description="categories")
    def category_list(self, review: StoryReview) -> str:
        return ", ".join(review.categories) or "—"

    @admin.display(description="open reports", ordering="open_report_count")
    def open_reports(self, review: StoryReview) -> int:
        return review.open_report_count  # type: ignore[attr-defined]  # get_queryset's annotation

    @admin.display(description="what was flagged")
    def findings_list(self, review: StoryReview) -> SafeString:
        if not review.findings:
            return format_html("{}", "—")
        return format_html_join(
            "\n",
            "<p><strong>{}</strong>: {}</p>",
            (
                (finding.get("item", ""), ", ".join(finding.get("categories", [])))
                for finding in review.findings
            ),
        )

    @admin.display(description="the story as written")
    def content(self, review: StoryReview) -> SafeString:
        pages = Page.objects.filter(story_id=review.story_id).order_by("number")
        rows = []
        for page in pages:
            picture = format_html("{}", "")
            if page.image_thumbnail:
                url = reverse("admin:stories_story_page_thumbnail", args=[page.story_id, page.pk])
                picture = format_html(
                    '<img src="{}?v={}" alt="Page {}" width="96" loading="lazy"> ',
                    url,
                    page.image_version,
                    page.number,
                )
            rows.append(
                (
                    "Cover" if page.number == 0 else f"Page {page.number}",
                    picture,
                    Truncator(page.text).chars(EXCERPT_CHARS),
                )
            )
        if not rows:
            return format_html("{}", "Nothing written yet (the brief was stopped).")
        return format_html_join("\n", "<p><strong>{}</strong> {}{}</p>", rows)

    @admin.display(description="reports")
    def reports(self, review: StoryReview) -> SafeString:
        found = StoryReport.objects.filter(story_id=review.story_id).select_related("reporter")
        if not found:
            return format_html("{}", "—")
        return format_html_join(
            "\n",
            '<p><a href="{}">{}</a> ({}): {}</p>',
            (
                (
                    reverse("admin:moderation_storyreport_change", args=[report.pk]),
                    report.get_reason_display(),
                    "resolved" if report.resolved else "open",
                    report.details,
                )
                for report in found
            ),
        )

    def _decide(
        self,
        request: HttpRequest,
        queryset: QuerySet[StoryReview],
        *,
        title: str,
        act: Any,
        done: str,
    ) -> TemplateResponse | None:
        return confirm_with_reason(
            self,
            request,
            queryset,
            title=title,
            apply=lambda reason: apply_to_each(
                request,
                queryset.select_related("story"),
                # The review the moderator selected (and read), not one opened since.
                lambda review: act(
                    actor=admin_actor(request),
                    story=review.story,
                    reason=reason,
                    review_id=review.pk,
                ),
                done=done,
            ),
            reason_required=False,
        )

    @admin.action(description="Release selected stories to their owners")
    def release_stories(
        self, request: HttpRequest, queryset: QuerySet[StoryReview]
    ) -> TemplateResponse | None:
        return self._decide(
            request,
            queryset,
            title="Release held stories",
            act=story_release,
            done="Released to their owners: {names}.",
        )

    @admin.action(description="Remove selected stories (soft delete)")
    def remove_stories(
        self, request: HttpRequest, queryset: QuerySet[StoryReview]
    ) -> TemplateResponse | None:
        return self._decide(
            request,
            queryset,
            title="Remove held stories",
            act=story_remove,
            done="Removed: {names}.",
        )


@admin.register(StoryReport)
class StoryReportAdmin(ReadOnlyAdmin):
    """Readers' reports of stories, open ones first; resolve them once dealt with."""

    list_display = (
        "story_title",
        "reporter",
        "reason",
        "details_excerpt",
        "created_at",
        "resolved",
    )
    list_select_related = ("story", "reporter")
    list_filter = ("resolved", "reason", "created_at")
    search_fields = ("story__title", "reporter__username", "details")
    ordering = ("resolved", "-created_at", "-id")
    actions = ("resolve_reports",)
    fields = (
        "story_title",
        "story_status",
        "reporter",
        "reason",
        "details",
        "created_at",
        "resolved",
        "resolved_at",
        "resolved_by",
    )
    readonly_fields = fields

    @admin.display(description="story", ordering="story__title")
    def story_title(self, report: StoryReport) -> SafeString:
        return _story_link(report.story)

    @admin.display(description="story status")
    def story_status(self, report: StoryReport) -> str:
        return report.story.get_status_display()

    @admin.display(description="details")
    def details_excerpt(self, report: StoryReport) -> str:
        return Truncator(report.details).chars(120)

    @admin.action(description="Mark selected reports resolved")
    def resolve_reports(
        self, request: HttpRequest, queryset: QuerySet[StoryReport]
    ) -> TemplateResponse | None:
        return confirm_with_reason(
            self,
            request,
            queryset,
            title="Resolve reports",
            apply=lambda note: apply_to_each(
                request,
                queryset,
                lambda report: story_report_resolve(
                    actor=admin_actor(request), report=report, note=note
                ),
                done="Resolved: {names}.",
            ),
            reason_required=False,
        )


# --- Stories ---------------------------------------------------------------------------------


class PageInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Page
    fields = ("number", "excerpt", "thumbnail", "status")
    readonly_fields = fields
    ordering = ("number",)
    extra = 0
    show_change_link = False

    @admin.display(description="text")
    def excerpt(self, page: Page) -> str:
        return Truncator(page.text).chars(PAGE_LINE_CHARS)

    @admin.display(description="picture")
    def thumbnail(self, page: Page) -> str:
        if not page.image_thumbnail:
            return "—"
        url = reverse("admin:stories_story_page_thumbnail", args=[page.story_id, page.pk])
        return format_html(
            '<img src="{}?v={}" alt="Page {}" width="96" loading="lazy">',
            url,
            page.image_version,
            page.number,
        )


@admin.register(Story)
class StoryAdmin(ReadOnlyAdmin):
    """Stories as moderators see them: read-only, with hide, unhide, delete and restore."""

    list_display = (
        "title_or_id",
        "owner",
        "status",
        "is_hidden",
        "is_deleted",
        "provider",
        "created_at",
    )
    list_select_related = ("owner",)
    list_filter = ("status", "is_hidden", "is_deleted", "provider", "created_at")
    search_fields = ("title", "owner__username")
    ordering = ("-created_at", "-id")
    actions = ("hide_stories", "unhide_stories", "soft_delete_stories", "restore_stories")
    inlines = (PageInline,)
    fieldsets = (
        (None, {"fields": ("owner", "title", "status", "is_hidden", "is_deleted", "provider")}),
        (
            "Brief",
            {
                "fields": (
                    "outline",
                    "genre",
                    "tone",
                    "setting",
                    "writing_style",
                    "image_style",
                    "word_to_picture_ratio",
                    "text_density",
                    "num_pages",
                )
            },
        ),
        (
            "Layout",
            {
                "classes": ("collapse",),
                "fields": (
                    "page_format",
                    "layout_mode",
                    "font_family",
                    "font_size",
                    "font_color",
                    "text_position",
                    "text_box_opacity",
                ),
            },
        ),
        (
            "AI usage and dates",
            {
                "fields": (
                    "ai_calls",
                    "ai_input_tokens",
                    "ai_output_tokens",
                    "generated_at",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )

    @admin.display(description="title", ordering="title")
    def title_or_id(self, story: Story) -> str:
        return str(story)

    def get_urls(self) -> list[URLPattern]:
        thumbnail = path(
            "<int:story_id>/pages/<int:page_id>/thumbnail/",
            self.admin_site.admin_view(self.page_thumbnail),
            name="stories_story_page_thumbnail",
        )
        return [thumbnail, *super().get_urls()]

    def page_thumbnail(self, request: HttpRequest, story_id: int, page_id: int) -> FileResponse:
        """Any story's page thumbnail, to administrators only (hidden and deleted stories too)."""
        if not user_is_administrator(request.user):
            raise PermissionDenied
        page = get_object_or_404(Page, story_id=story_id, pk=page_id)
        try:
            picture = page_picture_path(page, "thumbnail")
        except NotFound as exc:
            raise Http404(exc.message) from exc
        return private_picture_response(
            picture, filename=f"story-{story_id}-page-{page.number}{picture.suffix}"
        )

    def _moderate(
        self,
        request: HttpRequest,
        queryset: QuerySet[Story],
        *,
        title: str,
        act: Callable[[Story, str], object],
        done: str,
    ) -> TemplateResponse | None:
        return confirm_with_reason(
            self,
            request,
            queryset,
            title=title,
            apply=lambda reason: apply_to_each(
                request, queryset, lambda story: act(story, reason), done=done
            ),
        )

    @admin.action(description="Hide selected stories from their owners")
    def hide_stories(
        self, request: HttpRequest, queryset: QuerySet[Story]
    ) -> TemplateResponse | None:
        return self._moderate(
            request,
            queryset,
            title="Hide stories",
            act=lambda story, reason: story_hide(
                actor=admin_actor(request), story=story, hidden=True, reason=reason
            ),
            done="Hidden from their owners: {names}.",
        )

    @admin.action(description="Show selected stories to their owners again")
    def unhide_stories(
        self, request: HttpRequest, queryset: QuerySet[Story]
    ) -> TemplateResponse | None:
        return self._moderate(
            request,
            queryset,
            title="Unhide stories",
            act=lambda story, reason: story_hide(
                actor=admin_actor(request), story=story, hidden=False, reason=reason
            ),
            done="Shown to their owners again: {names}.",
        )

    @admin.action(description="Soft-delete selected stories")
    def soft_delete_stories(
        self, request: HttpRequest, queryset: QuerySet[Story]
    ) -> TemplateResponse | None:
        return self._moderate(
            request,
            queryset,
            title="Soft-delete stories",
            act=lambda story, reason: story_soft_delete(
                actor=admin_actor(request), story=story, reason=reason
            ),
            done="Soft-deleted: {names}.",
        )

    @admin.action(description="Restore selected deleted stories")
    def restore_stories(
        self, request: HttpRequest, queryset: QuerySet[Story]
    ) -> TemplateResponse | None:
        return self._moderate(
            request,
            queryset,
            title="Restore stories",
            act=lambda story, reason: story_restore(
                actor=admin_actor(request), story=story, reason=reason
            ),
            done="Restored: {names}.",
        )


class SafetyPhraseForm(forms.ModelForm):
    class Meta:
        model = SafetyPhrase
        fields = ("phrase", "kind", "note")

    def clean_phrase(self) -> str:
        # One space between words, as the check compares them: "a  b" and "a b" are one phrase.
        return " ".join(str(self.cleaned_data["phrase"]).split())


@admin.register(SafetyPhrase)
class SafetyPhraseAdmin(admin.ModelAdmin):
    """Phrases the safety check always blocks or always lets through; every change goes
    through a service that writes an audit row, and applies within seconds."""

    form = SafetyPhraseForm
    list_display = ("phrase", "kind", "note", "updated_at")
    list_filter = ("kind",)
    search_fields = ("phrase", "note")

    def save_model(self, request: HttpRequest, obj: SafetyPhrase, form: Any, change: bool) -> None:
        actor = admin_actor(request)
        values = {"phrase": obj.phrase, "kind": obj.kind, "note": obj.note}
        if change:
            saved = safety_phrase_update(actor=actor, row=obj, **values)
        else:
            saved = safety_phrase_create(actor=actor, **values)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: SafetyPhrase) -> None:
        safety_phrase_delete(actor=admin_actor(request), row=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[SafetyPhrase]) -> None:
        actor = admin_actor(request)
        for row in queryset:
            safety_phrase_delete(actor=actor, row=row)
