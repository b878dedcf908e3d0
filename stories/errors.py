"""Errors the story services raise, with their API status and code."""

from __future__ import annotations

from storygen.ai.errors import (
    FAILURE_STATUS,
    AIProviderError,
    AIProviderUnavailable,
    failure_code,
)
from storygen.exceptions import ApplicationError, Conflict
from storygen.refusals import UnsafeBrief


class StoryTitleTaken(ApplicationError):
    code = "title_taken"
    default_message = "A story with this title already exists."


class StoryNotResumable(Conflict):
    code = "not_resumable"
    default_message = "This story cannot be resumed now."


class StoryNotEditable(Conflict):
    code = "not_editable"
    default_message = "This story cannot be edited now."


class StoryChanged(ApplicationError):
    """The story was edited since the version the change was made from; nothing was saved."""

    code = "stale"
    status_code = 412
    default_message = (
        "This story was changed somewhere else (in another tab or on another device) since "
        "you opened it, so nothing was saved. Load the story again, then make your change."
    )


class NoOriginalPicture(Conflict):
    code = "no_original_image"
    default_message = "This page has no original picture to go back to."


class PageRewriteFailed(ApplicationError):
    """The text model could not rewrite the page; ``code`` says why (see above)."""

    default_message = "The page could not be rewritten. Please try again."

    def __init__(self, exc: AIProviderError) -> None:
        headers: dict[str, str] = {}
        if isinstance(exc, AIProviderUnavailable) and exc.retry_after is not None:
            headers["Retry-After"] = str(max(1, round(exc.retry_after)))
        super().__init__(exc.message, headers=headers)
        self.code = failure_code(exc)
        # Our own credentials being refused is a fault upstream of us, not the client's:
        # a 401 would tell the client to sign in again. (The drawing endpoints answer 401
        # all the same, because the reference product's clients expect it there; rewriting
        # is Storygen's own, so it says what is true.)
        self.status_code = 502 if self.code == "auth" else FAILURE_STATUS[self.code]


class StoryPdfUnavailable(Conflict):
    code = "no_pages"
    default_message = "This story has no pages yet, so there is nothing to print."


class StoryPdfFailed(ApplicationError):
    code = "pdf_failed"
    status_code = 503
    default_message = "The PDF could not be made. Please try again in a minute."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, headers={"Retry-After": "30"})


class DynamicListExists(ApplicationError):
    code = "list_exists"
    default_message = "This list already exists."


class DynamicListItemExists(ApplicationError):
    code = "item_exists"
    default_message = "An item with this value already exists in the list."


class DynamicListItemInUse(Conflict):
    code = "item_in_use"
    default_message = "This item is in use."


class PageRewriteUnsafe(ApplicationError):
    """The rewritten text did not pass the safety check; nothing was proposed."""

    code = "unsafe"
    status_code = 422
    default_message = (
        "The new text did not pass the safety check, so it is not offered. "
        "Try again, perhaps with other wishes."
    )


class PageRewriteUnchecked(ApplicationError):
    """The safety check could not run, so the rewritten text is not offered (fail closed)."""

    code = "moderation_unavailable"
    status_code = 503
    default_message = (
        "The new text could not be checked for safety just now. Please try again in a minute."
    )

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, headers={"Retry-After": "60"})


class StoryBriefUnsafe(UnsafeBrief):
    """The brief did not pass the safety check, so no story was made; the message says what
    stopped it and what to change, ``errors`` and ``safety`` which field and why."""

    default_message = (
        "This brief cannot be made into a children's picture book. "
        "Try telling it more gently, as you would to a young child."
    )


class PageWishesUnsafe(UnsafeBrief):
    """The wishes for a page's new text or picture did not pass the safety check, so
    nothing was asked of the AI."""

    default_message = (
        "These wishes cannot be used for a children's book. Try describing it differently."
    )
