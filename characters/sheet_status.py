"""Where a character's latest sheet drawing stands, in the words its page shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from characters.models import Character, CharacterImageJob
from characters.selectors import character_image_job_latest

# How long after a drawing finished the page still says the new sheet is ready.
_READY_NOTE_FOR = timedelta(minutes=10)

#: Why a drawing failed (CharacterImageJob.error_code) → what the page tells the user.
JOB_FAILURES = {
    "unavailable": "The picture service is busy or unreachable. Try again in a few minutes.",
    "auth": "The AI key was refused. An admin needs to check it.",
    "quota": "The AI account has run out of credit. An admin needs to top it up.",
    "blocked": "The safety system refused this picture. Try a different description.",
    "rejected": "The picture could not be drawn.",
    "photo_missing": "The photo was no longer on file. Upload it again, then draw from it.",
}


@dataclass(frozen=True)
class SheetStatus:
    """Where the character's latest drawing stands, in words for the page's live region."""

    state: str  # idle, waiting, drawing, ready or failed
    sentence: str
    job: CharacterImageJob | None = None

    @property
    def active(self) -> bool:
        return self.state in {"waiting", "drawing"}


def sheet_status(character: Character) -> SheetStatus:
    """The latest drawing of a character read with its sheets prefetched (one more query)."""
    job = character_image_job_latest(character=character)
    if job is None:
        return SheetStatus("idle", "")
    source = " from the photo" if job.kind == CharacterImageJob.Kind.PHOTO else ""
    if job.status == CharacterImageJob.Status.PENDING:
        return SheetStatus(
            "waiting", f"A new sheet{source} is waiting its turn. It starts in a moment.", job
        )
    if job.status == CharacterImageJob.Status.RUNNING:
        return SheetStatus(
            "drawing", f"Drawing a new sheet{source}… This usually takes under a minute.", job
        )
    if job.status == CharacterImageJob.Status.FAILED:
        reason = JOB_FAILURES.get(job.error_code, JOB_FAILURES["rejected"])
        return SheetStatus("failed", f"The new sheet could not be drawn. {reason}", job)
    drawn = {image.pk for image in character.images.all()}
    if job.result_id is not None and job.result_id not in drawn:
        # The character was read a moment before the drawing finished: the page keeps
        # following it, and its next look finds the new sheet.
        return SheetStatus("drawing", f"Drawing a new sheet{source}…", job)
    recent = job.finished_at is not None and timezone.now() - job.finished_at < _READY_NOTE_FOR
    if recent and job.result_id is not None and job.result_id == _current_sheet_id(character):
        return SheetStatus("ready", "The new sheet is ready.", job)
    return SheetStatus("idle", "", job)


def _current_sheet_id(character: Character) -> int | None:
    """The character's current sheet as of now, read after its latest job: the character
    itself may have been read a moment before that job finished (and made its sheet current
    in the same transaction), which would make a finished drawing look like nothing."""
    return (
        Character.objects.filter(pk=character.pk).values_list("current_image_id", flat=True).first()
    )
