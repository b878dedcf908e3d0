"""Character library pages: the grid of the user's characters and their sheet pictures."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_safe

from accounts.models import User
from characters.selectors import character_list_for_owner
from stories.services.media import media_path
from storygen.files import private_picture_response

CHARACTERS_PER_PAGE = 12
MAX_QUERY_LENGTH = 200
# URL variant → CharacterImage field.
_IMAGE_VARIANTS = {"thumbnail": "thumbnail", "image": "image"}


class AuthenticatedRequest(HttpRequest):
    """A request that passed ``login_required``, so its user is a real account."""

    user: User


@login_required
@require_GET
def character_library(request: AuthenticatedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    characters = character_list_for_owner(user=request.user, query=query)
    # get_page answers a bad or stale page number with page 1 or the last page.
    page = Paginator(characters, CHARACTERS_PER_PAGE).get_page(request.GET.get("page"))
    filters = QueryDict(mutable=True)
    if query:
        filters["q"] = query
    return render(
        request,
        "characters/library.html",
        {"page_obj": page, "query": query, "filters": filters},
    )


@login_required
@require_safe
def character_image(request: AuthenticatedRequest, character_id: int, variant: str) -> FileResponse:
    """The character's current sheet (``image``) or its thumbnail, to its owner only."""
    if variant not in _IMAGE_VARIANTS:
        raise Http404("No such picture variant.")
    character = get_object_or_404(character_list_for_owner(user=request.user), pk=character_id)
    sheet = character.current_image
    name = getattr(sheet, _IMAGE_VARIANTS[variant]).name if sheet else ""
    if not name:
        raise Http404("This character has no picture yet.")
    try:
        path = media_path(name)
    except ValueError:
        raise Http404("This character has no picture yet.") from None
    if not path.is_file():
        raise Http404("This character has no picture yet.")
    return private_picture_response(path, filename=f"character-{character.pk}{path.suffix}")
