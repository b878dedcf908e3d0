"""The moderation audit log, readers' reports of stories, the safety phrases administrators
add, and the count of refusals."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from stories import models as stories_models


class ModerationAction(models.Model):
    """One administrator action, written in the same transaction as the change it records.

    Rows are never updated: there is no service that changes one. The actor's username is
    copied so the log still names them if the account is ever removed, and the target is
    a type, an id and a label rather than a foreign key, so the row outlives its target.
    """

    class Action(models.TextChoices):
        STORY_HIDDEN = "story_hidden", "Story hidden"
        STORY_UNHIDDEN = "story_unhidden", "Story shown again"
        STORY_DELETED = "story_deleted", "Story deleted"
        STORY_RESTORED = "story_restored", "Story restored"
        USER_CREATED = "user_created", "User created"
        USER_UPDATED = "user_updated", "User updated"
        USER_DELETED = "user_deleted", "User deleted"
        USER_RESTORED = "user_restored", "User restored"
        USER_TWO_FACTOR_RESET = "user_2fa_reset", "User's two-factor sign-in reset"
        USER_LIMITS_SET = "user_limits_set", "User's limits on AI work set"
        STORY_HELD = "story_held", "Story held for review"
        STORY_RELEASED = "story_released", "Story released after review"
        STORY_REMOVED = "story_removed", "Story removed after review"
        STORY_REFUSED = "story_refused", "Story refused before writing"
        STORY_CLEARED = "story_cleared", "Story cleared once moderation was back"
        REPORT_RESOLVED = "report_resolved", "Report resolved"
        LOG_VIEWED = "log_viewed", "Log file viewed"
        LOG_DOWNLOADED = "log_downloaded", "Log file downloaded"
        PHRASE_ADDED = "phrase_added", "Safety phrase added"
        PHRASE_CHANGED = "phrase_changed", "Safety phrase changed"
        PHRASE_DELETED = "phrase_deleted", "Safety phrase deleted"

    class TargetType(models.TextChoices):
        STORY = "story", "Story"
        USER = "user", "User"
        LOG = "log", "Log file"
        PHRASE = "phrase", "Safety phrase"

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions",
    )
    actor_username = models.CharField(max_length=150, blank=True, default="")
    action = models.CharField(max_length=20, choices=Action.choices, db_index=True)
    target_type = models.CharField(max_length=10, choices=TargetType.choices)
    target_id = models.PositiveBigIntegerField()
    target_label = models.CharField(max_length=200, blank=True, default="")
    reason = models.TextField(blank=True, default="")
    # What changed, for updates: field → [before, after].
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        who = self.actor_username or "system"
        return f"{who} {self.action} {self.target_type} {self.target_id}"


class StoryReport(models.Model):
    """A reader's report that a story is not right for children; an administrator resolves it."""

    class Reason(models.TextChoices):
        INAPPROPRIATE = "inappropriate", "Not suitable for children"
        SCARY = "scary", "Too scary or upsetting"
        UNKIND = "unkind", "Hateful or unkind"
        PERSONAL = "personal", "Shares personal information"
        OTHER = "other", "Something else"

    story = models.ForeignKey("stories.Story", on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="story_reports",
    )
    reason = models.CharField(max_length=15, choices=Reason.choices)
    details = models.TextField(max_length=1000, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    resolved = models.BooleanField(default=False, db_index=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["resolved", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"report {self.pk} on story {self.story_id}: {self.reason}"


class StoryReview(stories_models.StoryReview):
    """The stories app's reviews as the moderation admin lists them: the held-stories queue.

    A proxy (the same table and rows) so the queue stays under Moderation in the admin, at
    the address it has always had.
    """

    class Meta:
        proxy = True
        verbose_name = "story review"
        verbose_name_plural = "story reviews"


class SafetyPhrase(models.Model):
    """A phrase an administrator adds to the safety check: a blocked one refuses any text
    containing it; an allowed one is never mistaken for something unsafe (a book title
    with a frightening word in it)."""

    class Kind(models.TextChoices):
        BLOCKED = "blocked", "Blocked"
        ALLOWED = "allowed", "Allowed"

    phrase = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    note = models.CharField(max_length=200, blank=True, default="", help_text="Why it is here.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "phrase"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "phrase"], name="safety_phrase_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.phrase}"


class SafetyRefusal(models.Model):
    """One refusal of a person's words when they asked for something (a story, a character,
    a rewrite, a redraw): its categories for the statistics, never the words."""

    class EntryPoint(models.TextChoices):
        STORY = "story", "Story"
        CHARACTER = "character", "Character"
        PAGE_REWRITE = "page_rewrite", "Page rewrite"
        PAGE_REDRAW = "page_redraw", "Page redraw"

    categories = models.JSONField(default=list)
    entry_point = models.CharField(max_length=20, choices=EntryPoint.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.entry_point} refused: {', '.join(self.categories)}"
