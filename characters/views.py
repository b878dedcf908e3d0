"""Character library pages: the grid, a character's page and its actions, import, pictures."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from accounts.permissions import AuthenticatedRequest
from characters import importer, services
from characters.forms import (
    CharacterCreateForm,
    CharacterForm,
    ImportForm,
    OptionLists,
    PhotoForm,
    SheetRequestForm,
    megabytes,
)
from characters.models import Character, CharacterImageJob
from characters.selectors import (
    character_detail_queryset,
    character_list_for_owner,
)
from characters.sheet_status import sheet_status
from storygen.exceptions import ApplicationError, NotFound

CHARACTERS_PER_PAGE = 12
MAX_QUERY_LENGTH = 200
_PHOTO_SHEET_PREFIX = "from-photo"
_SHEET_PREFIX = "sheet"


# --- The grid -----------------------------------------------------------------------------


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


# --- A new character ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def character_create(request: AuthenticatedRequest) -> HttpResponse:
    options = OptionLists.load()
    form = CharacterCreateForm(
        request.POST if request.method == "POST" else None, owner=request.user, options=options
    )
    if form.is_valid():
        try:
            result = services.character_upsert(
                owner=request.user,
                name=form.cleaned_data["name"],
                fields=form.character_fields(),
                generate_image=form.cleaned_data["generate_image"],
            )
        except ApplicationError as exc:
            form.add_service_error(exc)
        else:
            character = result.character
            note = " Their reference sheet is being drawn." if result.job else ""
            messages.success(request, f"{character.name} is in your characters.{note}")
            return redirect("characters:detail", character_id=character.pk)
    return render(request, "characters/create.html", {"form": form})


# --- A character's page ---------------------------------------------------------------------


def _character(request: AuthenticatedRequest, character_id: int) -> Character:
    return get_object_or_404(character_detail_queryset(user=request.user), pk=character_id)


def _panel_context(character: Character) -> dict[str, Any]:
    return {
        "character": character,
        "images": list(character.images.all()),
        "sheet": sheet_status(character),
    }


def _character_page(
    request: AuthenticatedRequest,
    character: Character,
    options: OptionLists | None = None,
    **forms: Any,
) -> HttpResponse:
    """The character page, with any bound form given in ``forms`` in place of a fresh one."""
    options = options or OptionLists.load()
    defaults: dict[str, Any] = {
        "edit_form": lambda: CharacterForm(
            initial=CharacterForm.initial_for(character), owner=request.user, options=options
        ),
        "sheet_form": lambda: SheetRequestForm(
            prefix=_SHEET_PREFIX, character=character, options=options
        ),
        "photo_form": PhotoForm,
        "photo_sheet_form": lambda: SheetRequestForm(
            prefix=_PHOTO_SHEET_PREFIX, character=character, options=options
        ),
    }
    context = {name: forms[name] if name in forms else make() for name, make in defaults.items()}
    context.update(_panel_context(character))
    context["max_upload"] = megabytes(settings.STORYGEN_MAX_UPLOAD_BYTES)
    return render(request, "characters/detail.html", context)


@login_required
@require_GET
def character_detail(request: AuthenticatedRequest, character_id: int) -> HttpResponse:
    return _character_page(request, _character(request, character_id))


@login_required
@require_GET
@never_cache
def character_sheet_status(request: AuthenticatedRequest, character_id: int) -> HttpResponse:
    """The sheet part of the character page, which the page's script polls while drawing."""
    context = _panel_context(_character(request, character_id))
    response = render(request, "characters/_sheet_panel.html", context)
    # Tells the polling script to stop, without it having to parse the fragment.
    response["X-Sheet-Active"] = "true" if context["sheet"].active else "false"
    return response


@login_required
@require_POST
def character_edit(request: AuthenticatedRequest, character_id: int) -> HttpResponse:
    character = _character(request, character_id)
    options = OptionLists.load()
    form = CharacterForm(
        request.POST,
        initial=CharacterForm.initial_for(character),
        owner=request.user,
        options=options,
    )
    if form.is_valid():
        try:
            services.character_update(
                character=character,
                fields={"name": form.cleaned_data["name"], **form.character_fields()},
            )
        except ApplicationError as exc:
            form.add_service_error(exc)
            # The page shows the character as saved, not as it was half-changed.
            character = _character(request, character_id)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("characters:detail", character_id=character.pk)
    return _character_page(request, character, options, edit_form=form)


def _request_sheet(
    request: AuthenticatedRequest, character_id: int, *, kind: str, prefix: str, form_name: str
) -> HttpResponse:
    character = _character(request, character_id)
    options = OptionLists.load()
    form = SheetRequestForm(request.POST, prefix=prefix, character=character, options=options)
    if form.is_valid():
        try:
            services.character_image_request(
                character=character,
                kind=kind,
                addition=form.cleaned_data["description"],
                image_style=form.cleaned_data["image_style"] or None,
            )
        except ApplicationError as exc:
            form.add_service_error(exc)
        else:
            messages.info(request, "A new sheet is on its way: it appears here when it is drawn.")
            return redirect("characters:detail", character_id=character.pk)
    return _character_page(request, character, options, **{form_name: form})


@login_required
@require_POST
def character_draw(request: AuthenticatedRequest, character_id: int) -> HttpResponse:
    return _request_sheet(
        request,
        character_id,
        kind=CharacterImageJob.Kind.DESCRIPTION,
        prefix=_SHEET_PREFIX,
        form_name="sheet_form",
    )


@login_required
@require_POST
def character_draw_from_photo(request: AuthenticatedRequest, character_id: int) -> HttpResponse:
    return _request_sheet(
        request,
        character_id,
        kind=CharacterImageJob.Kind.PHOTO,
        prefix=_PHOTO_SHEET_PREFIX,
        form_name="photo_sheet_form",
    )


@login_required
@require_POST
def character_make_current(
    request: AuthenticatedRequest, character_id: int, image_id: int
) -> HttpResponse:
    character = _character(request, character_id)
    try:
        services.character_image_make_current(character=character, image_id=image_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    messages.success(request, "That sheet is the current one again.")
    return redirect("characters:detail", character_id=character.pk)


@login_required
@require_POST
def character_photo_upload(request: AuthenticatedRequest, character_id: int) -> HttpResponse:
    character = _character(request, character_id)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.character_photo_store(character=character, upload=form.cleaned_data["photo"])
        except ApplicationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, "The photo is saved. It stays private.")
            return redirect("characters:detail", character_id=character.pk)
    return _character_page(request, character, photo_form=form)


@login_required
@require_POST
def character_photo_remove(request: AuthenticatedRequest, character_id: int) -> HttpResponse:
    character = _character(request, character_id)
    services.character_photo_delete(character=character)
    messages.success(request, "The photo is removed.")
    return redirect("characters:detail", character_id=character.pk)


@login_required
@require_POST
def character_duplicate(request: AuthenticatedRequest, character_id: int) -> HttpResponse:
    character = _character(request, character_id)
    copy = services.character_duplicate(character=character)
    messages.success(
        request, f"{copy.name} is a copy of {character.name}. Change what you like and save."
    )
    return redirect("characters:detail", character_id=copy.pk)


@login_required
@require_http_methods(["GET", "POST"])
def character_delete(request: AuthenticatedRequest, character_id: int) -> HttpResponse:
    character = get_object_or_404(character_list_for_owner(user=request.user), pk=character_id)
    if request.method == "POST":
        name = character.name
        services.character_delete(character=character)
        messages.success(request, f"{name} was deleted.")
        return redirect("characters:library")
    return render(request, "characters/delete.html", {"character": character})


# --- Import ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def character_import(request: AuthenticatedRequest) -> HttpResponse:
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    report = None
    if form.is_valid():
        # One byte past the limit is enough for the importer to refuse the file as too large.
        raw = form.cleaned_data["file"].read(importer.MAX_IMPORT_BYTES + 1)
        try:
            items = importer.characters_import_parse(raw)
            report = importer.characters_import(
                owner=request.user,
                items=items,
                generate_images=form.cleaned_data["generate_images"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except ApplicationError as exc:
            form.add_service_error(exc)
    return render(request, "characters/import.html", {"form": form, "report": report})
