"""Stories, pages and their picture versions, cast, runs and redraws, option lists, slots."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

TITLE_MAX_LENGTH = 200


class StepStatus(models.TextChoices):
    """State of one unit of pipeline work: the text, one reference sheet, or one page."""

    PENDING = "pending", "Waiting"
    RUNNING = "running", "In progress"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"
    BLOCKED = "blocked", "Blocked by the safety system"


class WorkItem(models.Model):
    """Fields shared by rows that are pipeline work: a status, attempts and a lease.

    A worker claims the row with a conditional UPDATE (pending, or running with an expired
    lease → running with a fresh lease and the worker's identity in ``claimed_by``), so a
    second delivery of the same task is a no-op, and the work of a worker that stops is
    handed to another one as soon as its heartbeat stops.
    """

    status = models.CharField(
        max_length=10, choices=StepStatus.choices, default=StepStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    lease_until = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True, default="")
    last_error = models.TextField(blank=True, default="")

    class Meta:
        abstract = True


class Story(models.Model):
    """A picture book: the brief the user gave, its layout settings, and its state."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        QUEUED = "queued", "Queued"
        GENERATING = "generating", "Generating"
        READY = "ready", "Ready"
        PARTIAL = "partial", "Partly illustrated"
        FAILED = "failed", "Failed"
        # The safety checks: a story held back from its reader until it is checked (a
        # flagged page, or moderation down), and one whose brief was refused.
        HELD = "held", "Waiting for review"
        REFUSED = "refused", "Not made"

    class PageFormat(models.TextChoices):
        # A size and an orientation in one value (stories.layout.PAGE_FORMAT_PARTS splits
        # them). "portrait" and "landscape" are US Letter, as the reference product has them.
        LETTER = "letter", "US Letter, portrait"
        A4 = "a4", "A4, portrait"
        PORTRAIT = "portrait", "US Letter, portrait"
        LANDSCAPE = "landscape", "US Letter, landscape"
        A4_LANDSCAPE = "a4-landscape", "A4, landscape"
        SQUARE = "square-storybook", "Square storybook"

    class LayoutMode(models.TextChoices):
        OVERLAY = "full-page-overlay", "Full-page picture with text overlay"
        HORIZONTAL = "horizontal-split", "Picture above text"
        VERTICAL = "vertical-split", "Picture beside text"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stories"
    )
    title = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True, default="")
    outline = models.TextField(max_length=5000)
    genre = models.CharField(max_length=100)
    tone = models.CharField(max_length=200, blank=True, default="")
    setting = models.CharField(max_length=500, blank=True, default="")
    writing_style = models.CharField(max_length=200, blank=True, default="")
    image_style = models.CharField(max_length=100, default="Default")
    word_to_picture_ratio = models.CharField(max_length=100, default="One image per page")
    text_density = models.CharField(max_length=100, default="Concise (~30-50 words)")
    num_pages = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    is_hidden = models.BooleanField(default=False)
    is_deleted = models.BooleanField(default=False)
    generated_at = models.DateTimeField(null=True, blank=True)

    # Document layout defaults (pages may override some of them).
    page_format = models.CharField(
        max_length=20, choices=PageFormat.choices, default=PageFormat.LETTER
    )
    layout_mode = models.CharField(
        max_length=20, choices=LayoutMode.choices, default=LayoutMode.OVERLAY
    )
    font_family = models.CharField(max_length=50, default="storybook")
    font_size = models.PositiveSmallIntegerField(default=28)
    font_color = models.CharField(max_length=7, default="#ffffff")
    text_position = models.CharField(max_length=20, default="bottom-center")
    text_box_opacity = models.FloatField(default=0.6)

    # Which provider wrote and drew it ("offline" stories are labelled as such), and what
    # the provider calls cost.
    provider = models.CharField(max_length=20, blank=True, default="")
    ai_calls = models.PositiveIntegerField(default=0)
    ai_input_tokens = models.PositiveBigIntegerField(default=0)
    ai_output_tokens = models.PositiveBigIntegerField(default=0)
    # Counts the edits of what the editor shows (its ETag): a save made from an older
    # version is refused instead of silently undoing the edits made since.
    edit_version = models.PositiveIntegerField(default=0, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self) -> str:
        return self.title or f"Story {self.pk}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def content_withheld(self) -> bool:
        """Whether its pages must not be shown: held for review, or refused."""
        return self.status in CONTENT_WITHHELD


#: Story statuses whose pages (text and pictures) no reader may see.
CONTENT_WITHHELD = frozenset({Story.Status.HELD, Story.Status.REFUSED})


class StoryCharacter(WorkItem):
    """A character as this story uses it: frozen details plus its reference sheet.

    Edits to the library character later do not change a finished story. ``status`` and
    the other work fields track the reference sheet step.
    """

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="cast")
    character = models.ForeignKey(
        "characters.Character",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appearances",
    )
    # The library sheet this story reuses; copied into the story when the run starts.
    library_image = models.ForeignKey(
        "characters.CharacterImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True, default="")
    age = models.PositiveSmallIntegerField(null=True, blank=True)
    gender = models.CharField(max_length=50, blank=True, default="")
    physical_appearance = models.TextField(blank=True, default="")
    clothing_style = models.CharField(max_length=500, blank=True, default="")
    personality = models.TextField(blank=True, default="")
    key_traits = models.CharField(max_length=500, blank=True, default="")
    background = models.TextField(blank=True, default="")
    sheet = models.FileField(max_length=255, blank=True, default="")
    sheet_display = models.FileField(max_length=255, blank=True, default="")
    sheet_thumbnail = models.FileField(max_length=255, blank=True, default="")
    # The character's head and shoulders, when the provider drew one (see CharacterImage).
    sheet_portrait = models.FileField(max_length=255, blank=True, default="")

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["story", "position"], name="stories_cast_position")
        ]

    def __str__(self) -> str:
        return self.name


class Page(WorkItem):
    """One page. Number 0 is the cover. ``status`` tracks the page's picture."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    image_description = models.TextField(blank=True, default="")
    characters_in_scene = models.JSONField(default=list, blank=True)

    # The picture as the provider returned it, a display JPEG and a thumbnail. File names
    # come from ids and the version number, never from user input.
    image = models.FileField(max_length=255, blank=True, default="")
    image_display = models.FileField(max_length=255, blank=True, default="")
    image_thumbnail = models.FileField(max_length=255, blank=True, default="")
    image_version = models.PositiveSmallIntegerField(default=0)

    # Restore points: what the pipeline produced, before any edit.
    original_text = models.TextField(blank=True, default="")
    original_image_description = models.TextField(blank=True, default="")
    original_image = models.FileField(max_length=255, blank=True, default="")

    # Per-page layout overrides; null means "use the story's default" (an empty string is
    # not a valid value of any of them, so null is the one way to say "no override").
    text_position = models.CharField(max_length=20, null=True, blank=True)  # noqa: DJ001
    font_family = models.CharField(max_length=50, null=True, blank=True)  # noqa: DJ001
    font_size = models.PositiveSmallIntegerField(null=True, blank=True)
    font_color = models.CharField(max_length=7, null=True, blank=True)  # noqa: DJ001
    text_box_opacity = models.FloatField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["story", "number"], name="stories_page_number")
        ]

    def __str__(self) -> str:
        return f"{self.story_id}/{self.number}"

    @property
    def needs_picture(self) -> bool:
        return bool(self.image_description)


class PageImage(models.Model):
    """One picture a page has had: its first drawing, each redraw, a restored original.

    The current picture is also on the page itself (``Page.image*`` and ``image_version``,
    which readers, the PDF and the pipeline read); these rows are the history a person can
    go back to. File names come from ids and version numbers, never from user input.
    """

    class Source(models.TextChoices):
        DRAWN = "drawn", "Drawn with the story"
        REDRAWN = "redrawn", "Redrawn"
        RESTORED = "restored", "Original restored"

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="images")
    version = models.PositiveSmallIntegerField()
    image = models.FileField(max_length=255)
    display = models.FileField(max_length=255, blank=True, default="")
    thumbnail = models.FileField(max_length=255, blank=True, default="")
    # What the picture shows, and the exact prompt it was drawn from (empty when unknown).
    description = models.TextField(blank=True, default="")
    prompt_used = models.TextField(blank=True, default="")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.DRAWN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version"]
        constraints = [
            models.UniqueConstraint(fields=["page", "version"], name="stories_page_image_version")
        ]

    def __str__(self) -> str:
        return f"{self.page_id} v{self.version}"


class PageRedrawJob(models.Model):
    """A request to draw a new picture for one page of a finished story, done by a worker.

    The editor and the API poll it. ``error_code`` says why a failed job failed
    (unavailable, auth, quota, blocked, rejected). A page has at most one active job.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be drawn"
        RUNNING = "running", "Being drawn"
        DONE = "done", "Drawn"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="redraw_jobs")
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # What to draw instead of the page's own picture description, if set.
    description = models.TextField(blank=True, default="")
    result = models.ForeignKey(
        PageImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    lease_until = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True, default="")
    error_code = models.CharField(max_length=30, blank=True, default="")
    error_message = models.TextField(blank=True, default="")
    # What the provider could not do of what was asked, in plain sentences for the owner.
    notice = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["page"],
                condition=models.Q(status__in=["pending", "running"]),
                name="stories_one_active_redraw_per_page",
            )
        ]

    def __str__(self) -> str:
        return str(self.id)

    @property
    def is_active(self) -> bool:
        return self.status in {self.Status.PENDING, self.Status.RUNNING}


class GenerationTask(models.Model):
    """One run of the pipeline over a story: its progress, timings and retry counts.

    The text step's own work state lives here (``text_*``), because a run that resumes a
    story with pages never writes text again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        FAILED = "failed", "Failed"

    class Step(models.TextChoices):
        INITIALIZING = "initializing", "Getting ready"
        GENERATING_TEXT = "generating_text", "Writing the story"
        GENERATING_CHARACTER_IMAGES = (
            "generating_character_images",
            "Drawing the character sheets",
        )
        GENERATING_PAGE_IMAGES = "generating_page_images", "Illustrating the pages"
        FINALIZING = "finalizing", "Finishing touches"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="tasks")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="generation_tasks"
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    progress = models.PositiveSmallIntegerField(default=0)
    current_step = models.CharField(max_length=32, choices=Step.choices, default=Step.INITIALIZING)
    error_message = models.TextField(blank=True, default="")
    last_error = models.TextField(blank=True, default="")
    # Which attempt at generating the story this run is: 1 for its first run, one more
    # for each run that resumes it (0 until the run starts). The admin's "average
    # attempts" reads this, as the reference product's dashboard does.
    attempts = models.PositiveIntegerField(default=0)
    # Claims of this run's steps (the text, each sheet, each page; a retry claims again),
    # so a clean run has one per step.
    step_attempts = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveBigIntegerField(null=True, blank=True)
    retry_counts_by_page = models.JSONField(default=dict, blank=True)
    total_retries = models.PositiveIntegerField(default=0)
    failed_pages_count = models.PositiveIntegerField(default=0)

    text_status = models.CharField(
        max_length=10, choices=StepStatus.choices, default=StepStatus.PENDING
    )
    text_attempts = models.PositiveSmallIntegerField(default=0)
    text_lease_until = models.DateTimeField(null=True, blank=True)
    text_claimed_by = models.CharField(max_length=64, blank=True, default="")
    # When the run was last sent to the broker; the reconciler re-sends a run that has
    # waited too long (a lost message, a broker restart).
    dispatched_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["story", "-created_at"])]

    def __str__(self) -> str:
        return str(self.id)

    @property
    def is_active(self) -> bool:
        return self.status in {self.Status.PENDING, self.Status.IN_PROGRESS}


class DynamicList(models.Model):
    """A named option list (genres, image styles…) editable by admins."""

    list_name = models.CharField(max_length=100, primary_key=True)
    list_label = models.CharField(max_length=200, blank=True, default="")
    description = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["list_name"]

    def __str__(self) -> str:
        return self.list_name


class DynamicListItem(models.Model):
    """One option of a list. Inactive items disappear from forms and stop validating."""

    dynamic_list = models.ForeignKey(
        DynamicList, on_delete=models.CASCADE, related_name="items", db_column="list_name"
    )
    item_value = models.CharField(max_length=200)
    item_label = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    sort_order = models.IntegerField(default=0)
    additional_config = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_order", "item_label"]
        constraints = [
            models.UniqueConstraint(
                fields=["dynamic_list", "item_value"], name="stories_list_item_value"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dynamic_list_id}: {self.item_value}"


class StoryReview(models.Model):
    """A safety check that stopped a story: held from its reader, or refused before writing.

    ``stage`` says what was checked: the brief (title, outline, characters) before anything
    is written, or the content (pages' text and pictures) before anyone can read it. An open
    review keeps the story ``held``; one opened because moderation was unavailable is
    checked again by the reconciler (``next_check_at``, with backoff) and closes by itself
    once the check passes. A story has at most one open review.
    """

    class Stage(models.TextChoices):
        BRIEF = "brief", "The brief, before writing"
        CONTENT = "content", "The pages, before reading"

    class Reason(models.TextChoices):
        FLAGGED = "flagged", "Flagged by the safety check"
        UNAVAILABLE = "unavailable", "Moderation unavailable"

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for review"
        RELEASED = "released", "Released by an administrator"
        REMOVED = "removed", "Removed by an administrator"
        REFUSED = "refused", "Refused"
        CLEARED = "cleared", "Cleared automatically"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="reviews")
    # The generation run that was stopped (no foreign key: the row outlives its run).
    run_id = models.UUIDField(null=True, blank=True)
    stage = models.CharField(max_length=10, choices=Stage.choices)
    reason = models.CharField(max_length=12, choices=Reason.choices, db_index=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    # Blocking categories over every finding, and the findings: [{"item", "categories"}].
    categories = models.JSONField(default=list, blank=True)
    findings = models.JSONField(default=list, blank=True)
    # Re-checks after an outage: how many were tried, when the next one is due, why the last
    # one could not run.
    attempts = models.PositiveIntegerField(default=0)
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(blank=True, default="")

    class Meta:
        # Made as part of the moderation app; the table keeps its name.
        db_table = "moderation_storyreview"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["story"],
                condition=models.Q(status="open"),
                name="moderation_one_open_review_per_story",
            )
        ]

    def __str__(self) -> str:
        return f"story {self.story_id}: {self.stage} {self.reason} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
