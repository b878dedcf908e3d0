"""Sending a private picture to the one user allowed to see it."""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse

from storygen.media import picture_content_type


def private_picture_response(path: Path, *, filename: str, max_age: int = 3600) -> FileResponse:
    """The picture at ``path``, shown inline, cached only by the user's own browser for
    ``max_age`` seconds.

    Callers check access first. Pages link to pictures with a version in the address, so an
    hour in the browser's cache never shows a picture that was redrawn since.
    """
    response = FileResponse(
        path.open("rb"), content_type=picture_content_type(path), filename=filename
    )
    response["Cache-Control"] = f"private, max-age={max_age}"
    return response
