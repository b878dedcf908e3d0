"""The story editor: title, layout, page texts, picture versions, redraws and rewrites."""

from __future__ import annotations

import logging
import random
import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings as django_settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.usage import quota_charge, quota_rewrite_charge
from stories import prompts, selectors
from stories.errors import (
    NoOriginalPicture,
    PageRewriteFailed,
    PageRewriteUnchecked,
    PageRewriteUnsafe,
    PageWishesUnsafe,
    StoryNotEditable,
    StoryTitleTaken,
)
from stories.layout_input import (
    CLEANERS,
    PAGE_OVERRIDE_FIELDS,
    LayoutValueError,
    clean_layout_value,
)
from stories.models import (
    CONTENT_WITHHELD,
    TITLE_MAX_LENGTH,
    Page,
    PageImage,
    PageRedrawJob,
    Story,
    StoryCharacter,
)
from stories.services.pictures import (
    page_image_current,
    page_image_next_version,
    page_image_show,
)
from stories.services.pipeline import (
    _count_usage,
    _draw_and_screen,
    page_picture_order,
    story_brief,
)
from stories.services.stories import story_media_folder, story_options_validate
from stories.services.versions import story_version_bump, story_version_check
from storygen.ai import AIProviderError, AIProviderUnavailable, get_provider
from storygen.ai.drafts import MAX_IMAGE_DESCRIPTION
from storygen.ai.errors import failure_code
from storygen.ai.types import PageRewriteRequest
from storygen.dispatch import send_on_commit
from storygen.exceptions import InvalidInput, NotFound
from storygen.jobs import (
    RetryLater,
    claim_token,
    job_claim,
    job_fail,
    job_mine,
    job_release,
    job_unsent,
    jobs_release,
    jobs_resend_waiting,
    jobs_stale,
    retry_delay,
)
from storygen.media import (
    StoredPicture,
    discard_picture,
    read_media,
    sniff_picture_type,
    store_picture,
)
from storygen.refusals import unsafe_refuse
from storygen.safety import (
    drawing_request_allowed,
    drawing_withheld,
    picture_label,
    screen_texts,
)
from storygen.slots import PictureSlotsBusy

logger = logging.getLogger(__name__)

PAGE_TEXT_MAX_LENGTH = 5000
REDRAW_DESCRIPTION_MAX_LENGTH = MAX_IMAGE_DESCRIPTION
REWRITE_INSTRUCTIONS_MAX_LENGTH = 500
#: What a page entry of an editor update may carry besides its id.
PAGE_EDIT_FIELDS = ("text", *PAGE_OVERRIDE_FIELDS)
_IN_PROGRESS = (Story.Status.QUEUED, Story.Status.GENERATING)


# --- shared checks ------------------------------------------------------------------------


def _check_pages_editable(story: Story) -> None:
    """Pages exist, and no run is writing or drawing them. Raises StoryNotEditable."""
    if story.status == Story.Status.DRAFT:
        raise StoryNotEditable("A draft has no pages yet: generate the story first.")
    if story.status in _IN_PROGRESS:
        raise StoryNotEditable(
            "This story is still being generated: edit its pages once it is finished."
        )
    if story.status in CONTENT_WITHHELD:
        raise StoryNotEditable("This story is waiting for a review: it cannot be edited now.")


def _locked_story(story: Story) -> Story:
    return Story.objects.select_for_update().get(pk=story.pk)


def _locked_page(page: Page, *, editable: bool = True) -> Page:
    """The page and its story, both locked (the story first, as every editor service does)."""
    story = Story.objects.select_for_update().get(pk=page.story_id)
    if editable:
        _check_pages_editable(story)
    locked = Page.objects.select_for_update().get(pk=page.pk)
    locked.story = story
    return locked


def _title_problem(title: Any) -> str | None:
    if not isinstance(title, str) or not title.strip():
        return "Give the story a title."
    if len(title.strip()) > TITLE_MAX_LENGTH:
        return f"Use at most {TITLE_MAX_LENGTH} characters."
    return None


def _text_problem(text: Any) -> str | None:
    if not isinstance(text, str) or not text.strip():
        return "The text cannot be empty."
    if len(text.strip()) > PAGE_TEXT_MAX_LENGTH:
        return f"Use at most {PAGE_TEXT_MAX_LENGTH} characters."
    return None


def _ensure_title_free(story: Story, title: str) -> None:
    if selectors.story_title_taken(user=story.owner, title=title, exclude_id=story.pk):
        raise StoryTitleTaken()


def _font_family_problems(families: Iterable[str]) -> dict[str, str]:
    """Font family → why it is refused, for those the option list does not offer."""
    problems: dict[str, str] = {}
    for family in set(families):
        try:
            story_options_validate({"font_family": family})
        except InvalidInput as exc:
            problems[family] = exc.errors["font_family"][0]
    return problems


# --- title, layout and text ---------------------------------------------------------------


@transaction.atomic
def story_title_update(*, story: Story, title: str, expected_version: int | None = None) -> Story:
    """Rename the story; the cover's text follows when it showed the old title.

    Works on drafts too (a title needs no pages). Raises InvalidInput (blank, too long),
    StoryTitleTaken (another of the owner's stories has exactly this title) and
    StoryChanged (the story is no longer at ``expected_version``; None skips the check).
    """
    story = _locked_story(story)
    story_version_check(story=story, expected=expected_version)
    problem = _title_problem(title)
    if problem:
        raise InvalidInput(errors={"title": [problem]})
    title = title.strip()
    if title != story.title:
        _ensure_title_free(story, title)
        Page.objects.filter(story=story, number=0, text=story.title).update(
            text=title, updated_at=timezone.now()
        )
        story.title = title
        story_version_bump(story=story, fields=["title"])
        logger.info("story %s renamed", story.pk)
    return story


@dataclass
class _PageEdit:
    index: int
    page_id: int | None
    changes: dict[str, Any] = field(default_factory=dict)


def _clean_document(values: Mapping[str, Any], errors: dict[str, list[str]]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for key, value in values.items():
        name = f"editor_settings.{key}"
        if key not in CLEANERS:
            errors[name] = ["Not a layout setting."]
        elif value is None:
            errors[name] = ["Choose a value: the document needs one."]
        else:
            try:
                cleaned[key] = clean_layout_value(key, value)
            except LayoutValueError as exc:
                errors[name] = [str(exc)]
    return cleaned


def _clean_page_edits(
    entries: Iterable[Mapping[str, Any]], errors: dict[str, list[str]]
) -> list[_PageEdit]:
    edits: list[_PageEdit] = []
    seen: set[int] = set()
    for index, entry in enumerate(entries):
        prefix = f"pages.{index}"
        page_id = entry.get("id")
        if isinstance(page_id, bool) or not isinstance(page_id, int) or page_id < 1:
            errors[f"{prefix}.id"] = ["Give the id of the page to change."]
            page_id = None
        elif page_id in seen:
            errors[f"{prefix}.id"] = ["This page appears twice: send each page once."]
        else:
            seen.add(page_id)
        edit = _PageEdit(index=index, page_id=page_id)
        for key, value in entry.items():
            if key == "id":
                continue
            name = f"{prefix}.{key}"
            if key == "text":
                problem = _text_problem(value)
                if problem:
                    errors[name] = [problem]
                else:
                    edit.changes["text"] = value.strip()
            elif key in PAGE_OVERRIDE_FIELDS:
                if value is None:
                    edit.changes[key] = None  # back to the document's default
                    continue
                try:
                    edit.changes[key] = clean_layout_value(key, value)
                except LayoutValueError as exc:
                    errors[name] = [str(exc)]
            else:
                errors[name] = ["Not something a page can change."]
        edits.append(edit)
    return edits


@transaction.atomic
def story_editor_update(
    *,
    story: Story,
    settings: Mapping[str, Any] | None = None,
    pages: Iterable[Mapping[str, Any]] = (),
    title: str | None = None,
    expected_version: int | None = None,
    redraws_under_way: Collection[uuid.UUID | str] = (),
) -> Story:
    """Save editor changes, all or nothing: document defaults, page texts and overrides.

    Only what is sent changes. ``settings`` holds document defaults (page_format,
    layout_mode, font_family, font_size, font_color, text_position, text_box_opacity);
    each entry of ``pages`` is ``{"id": ..., "text"?: ..., <override>?: ...}``, where an
    override set to None goes back to the document's default and an omitted one stays.
    The cover's text is the title: editing one updates the other when they matched.

    Everything is checked before anything is saved. Raises InvalidInput (field → messages,
    keys like ``editor_settings.font_color`` and ``pages.0.text``), NotFound (a page id
    that is not one of this story's pages, named), StoryTitleTaken, StoryNotEditable
    when pages are sent for a draft or a story still being generated, and StoryChanged
    when the story is no longer at ``expected_version`` (None skips the check; the redraws
    that were under way at that version may have finished since, see story_version_check).
    A save that changes anything counts one more edit version.
    """
    story = _locked_story(story)
    story_version_check(story=story, expected=expected_version, redraws_under_way=redraws_under_way)
    entries = list(pages)
    if entries:
        _check_pages_editable(story)
    errors: dict[str, list[str]] = {}
    layout = _clean_document(settings or {}, errors)
    edits = _clean_page_edits(entries, errors)
    if title is not None:
        problem = _title_problem(title)
        if problem:
            errors["title"] = [problem]

    ids = [edit.page_id for edit in edits if edit.page_id is not None]
    found = {
        page.pk: page for page in Page.objects.select_for_update().filter(story=story, pk__in=ids)
    }
    missing = [page_id for page_id in ids if page_id not in found]
    if missing:
        names = ", ".join(str(page_id) for page_id in missing)
        message = (
            f"Page {names} is not a page of this story."
            if len(missing) == 1
            else f"Pages {names} are not pages of this story."
        )
        raise NotFound(message, errors={"pages": [f"Not a page of this story: {names}."]})

    families = {"editor_settings.font_family": layout.get("font_family")} | {
        f"pages.{edit.index}.font_family": edit.changes.get("font_family") for edit in edits
    }
    refused = _font_family_problems(value for value in families.values() if value)
    for name, family in families.items():
        if family in refused:
            errors[name] = [refused[family]]

    new_title = title.strip() if title is not None and "title" not in errors else None
    cover_edit = next(
        (
            (edit, found[edit.page_id])
            for edit in edits
            if edit.page_id in found and found[edit.page_id].number == 0 and "text" in edit.changes
        ),
        None,
    )
    if cover_edit is not None and title is None and cover_edit[1].text == story.title:
        # The cover shows the title: editing it renames the story.
        edit = cover_edit[0]
        problem = _title_problem(edit.changes["text"])
        if problem:
            errors[f"pages.{edit.index}.text"] = [f"The cover's text is the title. {problem}"]
        else:
            new_title = edit.changes["text"]
    if errors:
        raise InvalidInput(errors=errors)
    if new_title is not None and new_title != story.title:
        _ensure_title_free(story, new_title)

    now = timezone.now()
    changed: dict[int, Page] = {}
    page_fields: set[str] = set()
    for edit in edits:
        if edit.page_id is None or not edit.changes:
            continue
        page = changed[edit.page_id] = found[edit.page_id]
        for key, value in edit.changes.items():
            setattr(page, key, value)
        page_fields.update(edit.changes)
    if new_title is not None and new_title != story.title:
        if cover_edit is None:
            # The cover follows the new title when it showed the old one.
            cover = Page.objects.select_for_update().filter(story=story, number=0).first()
            if cover is not None and cover.text == story.title:
                cover.text = new_title
                changed[cover.pk] = cover
                page_fields.add("text")
        layout["title"] = new_title
    for page in changed.values():
        page.updated_at = now
    if changed:
        Page.objects.bulk_update(changed.values(), [*sorted(page_fields), "updated_at"])
    for key, value in layout.items():
        setattr(story, key, value)
    if layout or changed:
        story_version_bump(story=story, fields=[*layout, "updated_at"])
    logger.info("story %s edited: %s settings, %s pages", story.pk, len(layout), len(changed))
    return story


@transaction.atomic
def page_text_restore(
    *,
    page: Page,
    expected_version: int | None = None,
    redraws_under_way: Collection[uuid.UUID | str] = (),
) -> Page:
    """Put the text the story was written with back on the page.

    On the cover (whose text is the title) the story's title follows, if it matched.
    Raises StoryNotEditable, StoryTitleTaken and StoryChanged (as story_editor_update).
    """
    page = _locked_page(page)
    story_version_check(
        story=page.story, expected=expected_version, redraws_under_way=redraws_under_way
    )
    original = page.original_text
    if not original or page.text == original:
        return page
    story = page.story
    renamed = page.number == 0 and page.text == story.title and story.title != original
    if renamed:
        _ensure_title_free(story, original)
        story.title = original[:TITLE_MAX_LENGTH]
    page.text = original
    page.save(update_fields=["text", "updated_at"])
    story_version_bump(story=story, fields=["title"] if renamed else [])
    return page


# --- picture versions ---------------------------------------------------------------------


@transaction.atomic
def page_image_make_current(
    *,
    page: Page,
    version_id: int,
    expected_version: int | None = None,
    redraws_under_way: Collection[uuid.UUID | str] = (),
) -> Page:
    """Show one of the page's earlier pictures again; the one it replaces stays a version.

    Raises NotFound (not a picture of this page), StoryNotEditable and StoryChanged (as
    story_editor_update).
    """
    page = _locked_page(page)
    story_version_check(
        story=page.story, expected=expected_version, redraws_under_way=redraws_under_way
    )
    image = PageImage.objects.filter(page=page, pk=version_id).first()
    if image is None:
        raise NotFound("Picture not found.")
    page_image_current(page)
    if page.image.name != image.image.name:
        page_image_show(page, image)
        story_version_bump(story=page.story)
        logger.info("page %s shows picture version %s", page.pk, image.version)
    return page


@transaction.atomic
def page_image_restore(
    *,
    page: Page,
    expected_version: int | None = None,
    redraws_under_way: Collection[uuid.UUID | str] = (),
) -> Page:
    """Show the page's first picture again, with its description; the current one stays a
    version to come back to.

    Raises NoOriginalPicture (the page never had one, or its file is gone),
    StoryNotEditable and StoryChanged (as story_editor_update).
    """
    page = _locked_page(page)
    story_version_check(
        story=page.story, expected=expected_version, redraws_under_way=redraws_under_way
    )
    original = page.original_image.name
    if not original:
        raise NoOriginalPicture()
    if page.image.name == original:
        return page
    page_image_current(page)
    image = PageImage.objects.filter(page=page, image=original).order_by("version").first()
    if image is None:
        image = _restore_copy(page, original)
    page_image_show(page, image)
    story_version_bump(story=page.story)
    logger.info("page %s shows its original picture again", page.pk)
    return page


def _restore_copy(page: Page, original: str) -> PageImage:
    """A new version made from the original picture's file, for an original not kept as one."""
    try:
        data = read_media(original)
    except (OSError, ValueError):
        raise NoOriginalPicture("The original picture of this page is gone.") from None
    version = page_image_next_version(page)
    base = f"{story_media_folder(page.story_id)}/pages/{page.pk}-v{version}"
    try:
        stored = store_picture(base=base, data=data, mime=sniff_picture_type(data))
    except AIProviderError:
        raise NoOriginalPicture("The original picture of this page cannot be read.") from None
    return PageImage.objects.create(
        page=page,
        version=version,
        image=stored.original,
        display=stored.display,
        thumbnail=stored.thumbnail,
        description=page.original_image_description,
        source=PageImage.Source.RESTORED,
    )


# --- redrawing one page -------------------------------------------------------------------


def _wishes_refuse_unsafe(page: Page, wishes: str, *, label: str, field: str) -> None:
    """Refuse a person's wishes for a page before anything is asked of the AI
    (PageWishesUnsafe); wishes the moderation cannot check now go on, checked again where
    they are used (the drawing job; the rewritten text)."""
    unsafe_refuse(
        screen_texts([(label, wishes)]),
        error=PageWishesUnsafe,
        entry_point="page_redraw" if field == "description" else "page_rewrite",
        user_id=page.story.owner_id,
        fields={label: field},
        default_field=field,
    )


def page_redraw_request(*, page: Page, description: str | None = None) -> PageRedrawJob:
    """Queue a new picture for the page, drawn by a worker once this commits.

    ``description`` says what to draw instead of the page's own picture description (it
    becomes the page's description once drawn). A page already being redrawn gets its
    active job back instead of a second one; a new one is charged to the owner's picture
    quota. The description is checked for safety first. Raises InvalidInput (description
    too long), PageWishesUnsafe, StoryNotEditable and the quota
    errors of accounts.errors.
    """
    description = (description or "").strip()
    if len(description) > REDRAW_DESCRIPTION_MAX_LENGTH:
        raise InvalidInput(
            errors={"description": [f"Use at most {REDRAW_DESCRIPTION_MAX_LENGTH} characters."]}
        )
    # A page already being redrawn is answered with that job, before anything is charged
    # or checked (a second tab, a double click); the queue below decides under a lock.
    active = _active_redraw(page)
    if active is not None:
        return active
    # An account out of pictures asks nothing of the AI, not even the safety check.
    with transaction.atomic():
        quota_charge(user=page.story.owner, pictures=1)
        transaction.set_rollback(True)  # only a check: the charge is made with the job
    # Checked before anything is locked: the moderation may take a while to answer.
    _wishes_refuse_unsafe(
        page, description, label="the new picture's description", field="description"
    )
    return _page_redraw_queue(page, description)


@transaction.atomic
def _page_redraw_queue(page: Page, description: str) -> PageRedrawJob:
    page = _locked_page(page)
    active = _active_redraw(page)
    if active is not None:
        return active
    try:
        with transaction.atomic():
            quota_charge(user=page.story.owner, pictures=1)
            job = PageRedrawJob.objects.create(page=page, description=description)
    except IntegrityError:
        # A concurrent request queued one first (one active job per page): share it.
        return PageRedrawJob.objects.get(
            page=page, status__in=[PageRedrawJob.Status.PENDING, PageRedrawJob.Status.RUNNING]
        )
    _send(job)
    logger.info("page %s: redraw queued (job %s)", page.pk, job.pk)
    return job


def _active_redraw(page: Page) -> PageRedrawJob | None:
    return PageRedrawJob.objects.filter(
        page=page, status__in=[PageRedrawJob.Status.PENDING, PageRedrawJob.Status.RUNNING]
    ).first()


def _send(job: PageRedrawJob) -> None:
    from stories import tasks

    send_on_commit(tasks.page_redraw, str(job.pk), unsent=job_unsent(_job(job.pk)))


def _job(job_id: uuid.UUID) -> QuerySet[PageRedrawJob]:
    return PageRedrawJob.objects.filter(pk=job_id)


def page_redraw(*, job_id: uuid.UUID | str) -> None:
    """Draw the picture a redraw job asks for and make it the page's current one.

    Drawn like the pipeline draws pages (the in-scene characters' sheets as references,
    the text area kept calm), with a seed of its own so it differs from earlier pictures.
    The picture it replaces stays a version. Idempotent: a job that is done, failed or held
    by another worker is left alone. Transient provider errors raise RetryLater until
    AI_MAX_ATTEMPTS; other provider errors fail the job with a code and a message.
    """
    job_id = uuid.UUID(str(job_id))
    claimed = job_claim(_job(job_id))
    if claimed is None:
        return
    job = PageRedrawJob.objects.select_related("page__story").filter(pk=job_id).first()
    if job is None:
        return
    page, story = job.page, job.page.story
    if job.description and not drawing_request_allowed(
        claimed,
        attempts=job.attempts,
        text=job.description,
        label="the new picture's description",
        what="that description",
    ):
        return
    description = job.description or page.image_description or page.text
    order = page_picture_order(
        page,
        story,
        description=description,
        seed_key=f"page:{story.pk}:{page.number}:redraw:{job.pk}",
    )
    # The person's own words, so a provider can say which of them it could not draw.
    order = replace(order, scene=replace(order.scene, wish=job.description))
    try:
        picture, calls, screening = _draw_and_screen(
            get_provider(),
            order.prompt,
            text=page.text,
            label=picture_label(page.number),
            size=order.size,
            references=order.references,
            scene=order.scene,
        )
        if drawing_withheld(claimed, screening=screening):
            _count_usage(story.pk, picture.usage, calls)
            return
        stored = store_picture(
            # One file name per claim: a worker whose claim was handed on never touches
            # the files of the one that took it over.
            base=f"{story_media_folder(story.pk)}/pages/{page.pk}-redraw-{claim_token(job.claimed_by)}",
            data=picture.data,
            mime=picture.mime,
        )
    except PictureSlotsBusy:
        # Every picture slot stayed busy: nothing was tried, so the attempt is refunded.
        delay = random.uniform(2.0, 6.0)
        job_release(claimed, delay=delay, refund=True)
        raise RetryLater(delay) from None
    except AIProviderUnavailable as exc:
        if job.attempts < django_settings.AI_MAX_ATTEMPTS:
            delay = retry_delay(exc, job.attempts)
            job_release(claimed, delay=delay)
            raise RetryLater(delay) from exc
        job_fail(
            claimed,
            code="unavailable",
            message=f"{exc.message} Gave up after {job.attempts} attempts.",
        )
        logger.info("page redraw job %s failed: unavailable", job_id)
        return
    except AIProviderError as exc:
        job_fail(claimed, code=failure_code(exc), message=exc.message)
        logger.info("page redraw job %s failed: %s", job_id, failure_code(exc))
        return
    _count_usage(story.pk, picture.usage, calls)
    _keep(job, claimed, stored, order.prompt, description, notice="\n".join(picture.notes))


def _keep(
    job: PageRedrawJob,
    claimed: QuerySet[PageRedrawJob],
    stored: StoredPicture,
    prompt: str,
    description: str,
    *,
    notice: str,
) -> None:
    with transaction.atomic():
        page = Page.objects.filter(pk=job.page_id).first()
        # Locked, so the claim cannot be handed on between this check and the end.
        still_ours = job_mine(claimed).select_for_update().exists()
        if page is None or not still_ours:
            transaction.on_commit(lambda: discard_picture(stored))
            return
        page = _locked_page(page, editable=False)
        page_image_current(page)
        image = PageImage.objects.create(
            page=page,
            version=page_image_next_version(page),
            image=stored.original,
            display=stored.display,
            thumbnail=stored.thumbnail,
            description=description,
            prompt_used=prompt,
            source=PageImage.Source.REDRAWN,
        )
        page_image_show(page, image)
        story_version_bump(story=page.story)
        job_mine(claimed).update(
            status=PageRedrawJob.Status.DONE,
            result=image,
            lease_until=None,
            claimed_by="",
            error_code="",
            error_message="",
            notice=notice,
            finished_at=timezone.now(),
        )
    logger.info("page %s redrawn: version %s (job %s)", page.pk, image.version, job.pk)


def page_redraw_jobs_resend() -> int:
    """Send waiting redraws again once due: their messages may have been lost."""
    return jobs_resend_waiting(PageRedrawJob)


def page_redraw_jobs_release(*, worker_ids: Collection[str]) -> int:
    """Hand the redraws of these stopped worker runs to whoever is free (sent by the next
    reconciler pass). Returns how many."""
    return jobs_release(PageRedrawJob, worker_ids=worker_ids)


def page_redraw_jobs_reconcile() -> int:
    """Send again the redraws a worker or the broker lost. Returns how many were sent.

    A waiting job is sent once its queue lease has passed (or, never sent back for a retry,
    once it has waited a queue lease since it was created); a running one once its worker's
    lease has expired.
    """
    stale = jobs_stale(PageRedrawJob)
    count = 0
    for job in stale:
        _send(job)
        count += 1
    if count:
        logger.warning("reconciler re-sent %s page redraws", count)
    return count


# --- rewriting one page's text ------------------------------------------------------------


@dataclass(frozen=True)
class RewriteProposal:
    """A page's proposed new text, and what the provider could not do of the wishes for it
    (plain sentences, one a line; empty when it followed them all)."""

    text: str
    notice: str = ""


def page_text_rewrite(*, page: Page, instructions: str | None = None) -> RewriteProposal:
    """A new text for the page, written to fit the story, its density and the characters in
    the page's picture. Nothing is saved: accepting it is an ordinary editor update.

    ``instructions`` are the person's wishes for the new text, checked for safety before
    anything is charged or asked (PageWishesUnsafe). With a remote provider this
    waits for the text model (at most its configured timeout). Raises InvalidInput (the
    cover, whose text is the title; instructions too long), StoryNotEditable, and
    PageRewriteFailed when the provider fails (its code and status say why); the new text
    passes the safety check first: PageRewriteUnsafe when it blocks, PageRewriteUnchecked
    when moderation cannot answer. Each rewrite asked for is charged to the owner's daily
    rewrites before the provider call: RewritesQuotaExceeded over it, AIBudgetExhausted
    while the daily AI budget is spent.
    """
    page = Page.objects.select_related("story").get(pk=page.pk)
    story = page.story
    _check_pages_editable(story)
    if page.number == 0:
        raise InvalidInput("The cover shows the story's title: change the title instead.")
    wishes = (instructions or "").strip()
    if len(wishes) > REWRITE_INSTRUCTIONS_MAX_LENGTH:
        raise InvalidInput(
            errors={"instructions": [f"Use at most {REWRITE_INSTRUCTIONS_MAX_LENGTH} characters."]}
        )
    _wishes_refuse_unsafe(
        page, wishes, label="what you asked of the new text", field="instructions"
    )
    quota_rewrite_charge(user=story.owner)
    brief = story_brief(story, list(StoryCharacter.objects.filter(story=story)))
    numbered = dict(Page.objects.filter(story=story).values_list("number", "text"))
    texts = tuple(numbered.get(number, "") for number in range(max(numbered) + 1))
    in_scene = tuple(page.characters_in_scene)
    request = PageRewriteRequest(
        brief=brief,
        page_number=page.number,
        text=page.text,
        characters_in_scene=in_scene,
        pages=texts,
        user_instructions=wishes,
        instructions=prompts.page_rewrite_instructions(),
        prompt=prompts.page_rewrite_prompt(
            brief=brief,
            page_number=page.number,
            pages=texts,
            characters_in_scene=in_scene,
            user_instructions=wishes,
        ),
        schema=prompts.page_rewrite_schema(),
        variant=random.getrandbits(31),
    )
    try:
        result = get_provider().rewrite_page(request)
    except AIProviderError as exc:
        logger.info("page %s could not be rewritten: %s", page.pk, type(exc).__name__)
        raise PageRewriteFailed(exc) from exc
    _count_usage(story.pk, result.usage, 1)
    # The new text reaches a child's book only through this proposal: it passes the same
    # safety check as a written story first, and is withheld when the check cannot run.
    screening = screen_texts([(f"page {page.number} text", result.text)])
    if screening.flagged:
        logger.info("page %s: new text withheld by the safety check", page.pk)
        raise PageRewriteUnsafe()
    if not screening.clear:
        raise PageRewriteUnchecked()
    logger.info("page %s: new text proposed", page.pk)
    return RewriteProposal(text=result.text, notice="\n".join(result.notes))
