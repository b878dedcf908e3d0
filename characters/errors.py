"""Expected failures of the character library, each with its stable code and HTTP status."""

from __future__ import annotations

from rest_framework import status

from storygen.exceptions import ApplicationError
from storygen.refusals import UnsafeBrief

# --- reference photo ---------------------------------------------------------------------------
# The messages naming a limit are built by characters.photos from the current settings.


class PhotoTooLarge(ApplicationError):
    """The uploaded file has more bytes than STORYGEN_MAX_UPLOAD_BYTES allows."""

    code = "photo_too_large"
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_message = "The photo is too large."


class PhotoTooManyPixels(ApplicationError):
    """The picture declares more pixels than STORYGEN_MAX_UPLOAD_PIXELS allows."""

    code = "photo_too_many_pixels"
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_message = "The photo has too many pixels."


class PhotoUnsupported(ApplicationError):
    """The file's content is not a JPEG, PNG or WebP picture, whatever its name says."""

    code = "photo_unsupported"
    status_code = status.HTTP_415_UNSUPPORTED_MEDIA_TYPE
    default_message = "Upload a JPEG, PNG or WebP photo."


class PhotoInvalid(ApplicationError):
    """The file starts like a supported picture but is empty, damaged or carries other content."""

    code = "photo_invalid"
    status_code = status.HTTP_415_UNSUPPORTED_MEDIA_TYPE
    default_message = "Uploaded file is not a valid image."


class PhotoUnsafe(ApplicationError):
    """The photo did not pass the safety check; it was not kept."""

    code = "photo_unsafe"
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_message = "This photo cannot be used for a children's book. Try another photo."


class PhotoUnchecked(ApplicationError):
    """The safety check could not run, so the photo was not kept (fail closed)."""

    code = "moderation_unavailable"
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_message = "The photo could not be checked for safety just now. Try again in a minute."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, headers={"Retry-After": "60"})


# --- the library -----------------------------------------------------------------------------


class CharacterNameTaken(ApplicationError):
    code = "name_taken"
    status_code = status.HTTP_409_CONFLICT
    default_message = "You already have a character with this name."


class CharacterPhotoMissing(ApplicationError):
    code = "photo_missing"
    default_message = "No uploaded photo found for this character. Upload a photo first."


class CharacterUnsafe(UnsafeBrief):
    """What the person wrote about the character did not pass the safety check; nothing was
    saved or drawn. ``errors`` and ``safety`` say which field and why."""

    default_message = (
        "This character cannot be used in a children's book. Try describing it differently."
    )
