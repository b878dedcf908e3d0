"""Page picture versions: numbering them, keeping each one, and making one the current."""

from __future__ import annotations

from django.db.models import Max
from django.utils import timezone

from stories.models import Page, PageImage, StepStatus, Story
from storygen.media import StoredPicture

#: Page states of a picture the pipeline could not draw.
UNDRAWN = (StepStatus.FAILED, StepStatus.BLOCKED)


def page_image_next_version(page: Page) -> int:
    """The version number the page's next picture gets (never one used before)."""
    latest = PageImage.objects.filter(page=page).aggregate(latest=Max("version"))["latest"]
    return max(latest or 0, page.image_version) + 1


def page_image_record(
    *,
    page: Page,
    version: int,
    stored: StoredPicture,
    description: str,
    prompt: str,
    source: str,
) -> PageImage:
    """Keep a stored picture as version ``version`` of the page (idempotent per version)."""
    image, _ = PageImage.objects.get_or_create(
        page=page,
        version=version,
        defaults={
            "image": stored.original,
            "display": stored.display,
            "thumbnail": stored.thumbnail,
            "description": description,
            "prompt_used": prompt,
            "source": source,
        },
    )
    return image


def page_image_current(page: Page) -> PageImage | None:
    """The version of the page's current picture, recorded now if it never was.

    Pictures drawn before versions existed have no row until something is about to replace
    them; this keeps them, so going back to them stays possible. None without a picture.
    """
    if not page.image:
        return None
    found = PageImage.objects.filter(page=page, image=page.image.name).order_by("-version").first()
    if found is not None:
        return found
    version = page.image_version
    if not version or PageImage.objects.filter(page=page, version=version).exists():
        version = page_image_next_version(page)
    return PageImage.objects.create(
        page=page,
        version=version,
        image=page.image.name,
        display=page.image_display.name,
        thumbnail=page.image_thumbnail.name,
        description=page.image_description,
        source=PageImage.Source.DRAWN,
    )


def page_image_show(page: Page, image: PageImage) -> Page:
    """Make ``image`` the page's current picture. The caller holds the page's row lock.

    A page the pipeline failed to draw counts as drawn from now on, and a partly
    illustrated story whose last missing picture this was becomes ready.
    """
    page.image = image.image.name
    page.image_display = image.display.name
    page.image_thumbnail = image.thumbnail.name
    page.image_version = image.version
    fields = ["image", "image_display", "image_thumbnail", "image_version", "updated_at"]
    if image.description and image.description != page.image_description:
        page.image_description = image.description
        fields.append("image_description")
    if not page.original_image:
        page.original_image = image.image.name
        fields.append("original_image")
    undrawn = page.status != StepStatus.DONE
    if undrawn:
        page.status = StepStatus.DONE
        page.last_error = ""
        page.lease_until = None
        fields += ["status", "last_error", "lease_until"]
    page.save(update_fields=fields)
    if undrawn:
        _story_status_refresh(page.story_id)
    return page


def _story_status_refresh(story_id: int) -> None:
    missing = (
        Page.objects.filter(story_id=story_id, status__in=UNDRAWN)
        .exclude(image_description="")
        .exists()
    )
    if not missing:
        Story.objects.filter(pk=story_id, status=Story.Status.PARTIAL).update(
            status=Story.Status.READY, updated_at=timezone.now()
        )
