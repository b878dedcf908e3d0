"""The story editor: the page being edited as it will print, a strip of every page, the
layout and text controls (saved as plain forms, or autosaved by static/js/editor.js),
picture versions and redraws, rewritten texts to accept or discard, and refusing a save
made from a version of the story that was changed elsewhere since."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stories import selectors, services
from stories.errors import StoryChanged, StoryNotEditable, StoryTitleTaken
from stories.forms import EditorDocumentForm, EditorPageForm, PageRedrawForm, PageRewriteForm
from stories.if_match import if_match_version
from stories.layout import page_layout
from stories.models import Page, PageImage, PageRedrawJob, Story
from stories.preview import preview_sheet_fitted, preview_sheets
from stories.services.media import page_image_version_path
from stories.services.pdf import PdfSheet
from stories.services.versions import story_etag
from stories.views.reading import requested_screen
from storygen.exceptions import ApplicationError, InvalidInput, NotFound
from storygen.files import private_picture_response
from storygen.refusals import UnsafeBrief

_NOT_FINISHED = (Story.Status.DRAFT, Story.Status.QUEUED, Story.Status.GENERATING)
#: What a save form carries (its hidden ``parts`` fields): the title and layout defaults,
#: the page's text and look, or only the page's text (accepting a rewritten one).
DOCUMENT, PAGE, TEXT = "document", "page", "text"
#: The "Use document defaults" button of the page's look.
USE_DEFAULTS = "page-defaults"
#: The hidden fields of every form that changes the story: the edit version the page
#: shows, and the redraws under way when it was read (their finishing is no conflict).
VERSION, REDRAWS = "version", "redraws"


@dataclass(frozen=True)
class RedrawStatus:
    """Where the newest redraw of a page stands, in words for its owner."""

    state: str  # "idle", "drawing" or "failed"
    sentence: str
    job: PageRedrawJob | None

    @property
    def active(self) -> bool:
        return self.state == "drawing"


def redraw_status(page: Page) -> RedrawStatus:
    job = selectors.page_redraw_job_latest(page=page)
    if job is None or job.status == PageRedrawJob.Status.DONE:
        return RedrawStatus("idle", "", job)
    if job.status == PageRedrawJob.Status.PENDING:
        return RedrawStatus("drawing", "A new picture is waiting for its turn to be drawn…", job)
    if job.status == PageRedrawJob.Status.RUNNING:
        return RedrawStatus("drawing", "Drawing a new picture…", job)
    reason = job.error_message or "Something went wrong."
    return RedrawStatus(
        "failed", f"The new picture could not be drawn. {reason} The page kept its picture.", job
    )


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _story(request: HttpRequest, story_id: int) -> Story:
    return get_object_or_404(selectors.story_with_pages_queryset(user=request.user), pk=story_id)


def _page(story: Story, page_id: int) -> Page:
    for page in story.pages.all():
        if page.pk == page_id:
            return page
    raise Http404("Page not found.")


def _not_editable(request: HttpRequest, story: Story) -> HttpResponse | None:
    """Where to send someone who opens the editor of a story that has nothing to edit yet."""
    if story.status == Story.Status.DRAFT:
        return redirect("stories:resume-draft", story_id=story.pk)
    if story.status in _NOT_FINISHED:
        message = "You can edit this story once it is finished."
    elif not story.pages.all():
        message = "This story has no pages to edit: it could not be written."
    else:
        return None
    if _wants_json(request):
        return JsonResponse({"detail": message}, status=409)
    messages.info(request, message)
    return redirect("stories:progress", story_id=story.pk)


def _edit_url(story: Story, index: int) -> str:
    """The editor open at screen ``index`` (0 the cover, then each page by its number)."""
    url = reverse("stories:edit", args=[story.pk])
    return f"{url}?page={index}" if index else url


@dataclass(frozen=True)
class _Base:
    """The version of the story a page was made from, as its forms carry it."""

    version: int
    redraws: str  # ids of the redraws under way then, comma-separated

    @classmethod
    def read(cls, story: Story) -> tuple[_Base, set[int]]:
        """The story's base and the ids of its pages being redrawn.

        The redraws are read after the version, so each one listed finishes after it.
        """
        jobs = list(selectors.page_redraw_jobs_active(story=story))
        return cls(story.edit_version, ",".join(str(job.pk) for job in jobs)), {
            job.page_id for job in jobs
        }


#: Longest edit version a form may carry (as an If-Match tag's).
_VERSION_DIGITS = 18


def _expected_version(request: HttpRequest, story: Story) -> int | None:
    """The version the person's page was showing: the script's If-Match header, else the
    form's hidden field. A form without one (a page made before versions) is not checked.
    Raises StoryChanged for a version that cannot be this story's."""
    header = request.headers.get("If-Match")
    if header is not None:
        return if_match_version(header, story)
    value = request.POST.get(VERSION)
    if value is None:
        return None
    value = value.strip()
    if not (value.isascii() and value.isdigit() and len(value) <= _VERSION_DIGITS):
        raise StoryChanged()
    return int(value)


def _redraws_under_way(request: HttpRequest) -> list[str]:
    return [value for value in request.POST.get(REDRAWS, "").split(",") if value.strip()]


@dataclass
class _Preview:
    strip: list[PdfSheet]
    current: PdfSheet
    index: int


def _preview(story: Story, index: int) -> _Preview:
    pages = list(story.pages.all())
    strip = preview_sheets(story=story, pages=pages, small=True)
    index = min(max(index, 0), len(strip) - 1)
    current = preview_sheet_fitted(
        story=story, sheet=preview_sheets(story=story, pages=pages)[index]
    )
    return _Preview(strip, current, index)


def _preview_json(
    story: Story, index: int, *, base: _Base | None = None, **extra: Any
) -> JsonResponse:
    """The page's preview and the strip, for the script. ``base`` (after a save) is the
    version the page now stands on, with the redraws under way since."""
    preview = _preview(story, index)
    read, redrawing = _Base.read(story)
    version = story.edit_version if base is None else base.version
    if base is not None:
        extra |= {"version": version, "redraws": read.redraws}
    response = JsonResponse(
        {
            "title": story.title,
            "preview": render_to_string(
                "pdf/_page.html", {"story": story, "sheet": preview.current, "on_screen": True}
            ),
            "strip": render_to_string(
                "stories/editor/_strip.html",
                {"story": story, "preview": preview, "redrawing": redrawing},
            ),
            **extra,
        }
    )
    response["ETag"] = story_etag(story, version)
    return response


def _picture_context(page: Page, redraw: RedrawStatus) -> dict[str, Any]:
    """The picture panel's context. ``page`` must be read after ``redraw``: a redraw that
    finished in between then shows its picture, never a finished redraw beside the old one
    (the job and the page change in one transaction)."""
    images = list(selectors.page_image_list(page=page))
    current = next((image for image in images if image.image.name == page.image.name), None)
    # What the provider could not draw of the picture shown, said beside it.
    notice = ""
    if redraw.job is not None and current is not None and redraw.job.result_id == current.pk:
        notice = redraw.job.notice
    return {
        "page": page,
        "images": images[::-1],
        "current_image_id": current.pk if current else None,
        "redraw": redraw,
        "redraw_notice": notice,
        "has_original": bool(page.original_image.name)
        and page.original_image.name != page.image.name,
    }


def _editor_page(
    request: HttpRequest,
    story: Story,
    index: int,
    *,
    document_form: EditorDocumentForm | None = None,
    page_form: EditorPageForm | None = None,
    redraw_form: PageRedrawForm | None = None,
    rewrite_form: PageRewriteForm | None = None,
    proposal: str = "",
    proposal_notice: str = "",
    proposal_form: EditorPageForm | None = None,
    base: _Base | None = None,
    unsaved: list[tuple[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The editor at screen ``index``. ``base`` keeps the version a refused form was made
    from (its values are shown again, so saving them must still be checked against what
    changed since); ``unsaved`` lists the texts of a save refused as stale, to copy back."""
    pages = list(story.pages.all())
    cover = pages[0] if pages and pages[0].number == 0 else None
    screens = [cover, *(page for page in pages if page.number > 0)]  # as the sheets go
    index = min(max(index, 0), len(screens) - 1)
    shown = screens[index]
    redraw = redraw_status(shown) if shown is not None else None
    if redraw is not None and redraw.job is not None:
        story = _story(request, story.pk)  # read after the redraw (see _picture_context)
    preview = _preview(story, index)
    page = preview.current.page
    read, redrawing = _Base.read(story)
    base = base or read
    context: dict[str, Any] = {
        "story": story,
        "preview": preview,
        "page": page,
        "redrawing": redrawing,
        "base": base,
        "etag": story_etag(story, base.version),
        "unsaved": unsaved,
        "document_form": document_form or EditorDocumentForm(story=story),
        "proposal": proposal,
        "proposal_notice": proposal_notice,
    }
    if page is not None:
        context.update(_picture_context(page, redraw or redraw_status(page)))
        context["page_form"] = page_form or EditorPageForm(
            page=page, layout=page_layout(story, page)
        )
        context["redraw_form"] = redraw_form or PageRedrawForm()
        context["rewrite_form"] = rewrite_form or PageRewriteForm()
        context["proposal_form"] = proposal_form or EditorPageForm(
            page=page, layout=preview.current.layout, text_only=True, initial={"text": proposal}
        )
    response = render(request, "stories/editor/edit.html", context, status=status)
    response["ETag"] = context["etag"]
    return response


# --- The editor page and saving it ---------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def story_edit(request: HttpRequest, story_id: int) -> HttpResponse:
    story = _story(request, story_id)
    refusal = _not_editable(request, story)
    if refusal is not None:
        return refusal
    if request.method == "POST":
        return _save(request, story)
    index = requested_screen(request.GET.get("page"), len(story.pages.all()))
    if _wants_json(request):
        # The script asks for fresh previews after a redraw or a change made elsewhere.
        return _preview_json(story, index)
    return _editor_page(request, story, index)


def _service_error(
    error: InvalidInput, document: EditorDocumentForm | None, page: EditorPageForm | None
) -> None:
    """Put each of the editor service's field errors on the form field it names."""
    for key, problems in error.errors.items():
        form = (page if key.startswith("pages.") else document) or document or page
        if form is not None:
            form.add_service_error(InvalidInput(error.message, errors={key: problems}))


def _form_errors(*forms: EditorDocumentForm | EditorPageForm | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for form in forms:
        if form is None:
            continue
        for name, problems in form.errors.items():
            key = "__all__" if name == "__all__" else form.add_prefix(name)
            errors.setdefault(key, []).extend(problems)
    return errors


def _save(request: HttpRequest, story: Story) -> HttpResponse:
    parts = set(request.POST.getlist("parts"))
    page: Page | None = None
    if parts & {PAGE, TEXT}:
        try:
            page = _page(story, int(request.POST.get("page", "")))
        except ValueError:
            raise Http404("Page not found.") from None
    index = (
        page.number
        if page is not None
        else requested_screen(request.POST.get("screen"), len(story.pages.all()))
    )
    document_form = EditorDocumentForm(request.POST, story=story) if DOCUMENT in parts else None
    page_form = (
        EditorPageForm(
            request.POST,
            page=page,
            layout=page_layout(story, page),
            text_only=PAGE not in parts,
        )
        if page is not None
        else None
    )
    forms = [form for form in (document_form, page_form) if form is not None]
    valid = all([form.is_valid() for form in forms])  # noqa: C419 - check every form: show all errors
    try:
        expected = _expected_version(request, story)
    except StoryChanged as exc:
        return _changed_elsewhere(request, story, index, exc, document_form, page_form)
    if valid and forms:
        use_defaults = request.POST.get("action") == USE_DEFAULTS
        try:
            story = services.story_editor_update(
                story=story,
                settings=document_form.settings() if document_form else None,
                pages=[page_form.changes(use_defaults=use_defaults)] if page_form else [],
                title=document_form.cleaned_data["title"] if document_form else None,
                expected_version=expected,
                redraws_under_way=_redraws_under_way(request),
            )
        except StoryChanged as exc:
            return _changed_elsewhere(request, story, index, exc, document_form, page_form)
        except StoryTitleTaken:
            taken = "You already have a story with this title: choose another."
            if document_form is not None:
                document_form.add_error("title", taken)
            elif page_form is not None:  # the cover's text is the title
                page_form.add_error(None, taken)
        except InvalidInput as exc:
            _service_error(exc, document_form, page_form)
        except StoryNotEditable as exc:
            return _refused(request, story, exc)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        else:
            return _saved(request, story, index, use_defaults=use_defaults)
    if _wants_json(request):
        return JsonResponse(
            {
                "detail": "Not saved: check the marked fields.",
                "errors": _form_errors(document_form, page_form),
            },
            status=400,
        )
    story = _story(request, story.pk)  # show what is saved, beside the rejected values
    base = _Base(
        story.edit_version if expected is None else expected, request.POST.get(REDRAWS, "")
    )
    if PAGE not in parts and page_form is not None:
        # An accepted rewrite that was refused: the proposal comes back with the reason,
        # and the page's look shows its saved controls (a text-only form has none).
        return _editor_page(
            request,
            story,
            index,
            document_form=document_form,
            proposal=request.POST.get(page_form.add_prefix("text"), ""),
            proposal_form=page_form,
            base=base,
            status=400,
        )
    return _editor_page(
        request,
        story,
        index,
        document_form=document_form,
        page_form=page_form,
        base=base,
        status=400,
    )


def _changed_elsewhere(
    request: HttpRequest,
    story: Story,
    index: int,
    error: StoryChanged,
    document: EditorDocumentForm | None,
    page: EditorPageForm | None,
) -> HttpResponse:
    """Nothing was saved: the story as it is now, with the person's texts to copy back."""
    if _wants_json(request):
        return JsonResponse({"detail": error.message, "code": error.code}, status=412)
    story = _story(request, story.pk)
    unsaved: list[tuple[str, str]] = []
    title = document.cleaned_data.get("title") if document is not None else None
    if title and title.strip() != story.title:
        unsaved.append(("Title", title))
    text = page.cleaned_data.get("text") if page is not None else None
    if page is not None and text and text.strip() != _page(story, page.page.pk).text:
        unsaved.append((f"Page {page.page.number} text", text))
    return _editor_page(request, story, index, unsaved=unsaved, status=412)


def _saved(request: HttpRequest, story: Story, index: int, *, use_defaults: bool) -> HttpResponse:
    # The version this save made, not the one read again below: an edit made elsewhere
    # meanwhile must not become the page's base without the person seeing it.
    saved = _Base(story.edit_version, "")
    story = _story(request, story.pk)
    if _wants_json(request):
        return _preview_json(
            story, index, base=saved, saved_at=timezone.localtime().strftime("%H:%M:%S")
        )
    if use_defaults:
        messages.success(request, "This page uses the document's settings again.")
    else:
        messages.success(request, "Your changes are saved.")
    return redirect(_edit_url(story, index))


def _refused(request: HttpRequest, story: Story, error: ApplicationError) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"detail": error.message}, status=error.status_code)
    messages.error(request, error.message)
    return redirect("stories:progress", story_id=story.pk)


# --- One page's text and picture ----------------------------------------------------------


def _page_action(request: HttpRequest, story_id: int, page_id: int) -> tuple[Story, Page]:
    story = _story(request, story_id)
    return story, _page(story, page_id)


#: Said, on the editor as it is now, when a button was pressed on an outdated one.
CHANGED_ELSEWHERE = (
    "This story was changed somewhere else (in another tab or on another device) since you "
    "opened it, so nothing was changed. This is the story as it is now: try again if you "
    "still want to."
)


@login_required
@require_POST
def page_text_restore(request: HttpRequest, story_id: int, page_id: int) -> HttpResponse:
    story, page = _page_action(request, story_id, page_id)
    try:
        services.page_text_restore(
            page=page,
            expected_version=_expected_version(request, story),
            redraws_under_way=_redraws_under_way(request),
        )
    except StoryChanged:
        messages.error(request, CHANGED_ELSEWHERE)
    except StoryTitleTaken:
        messages.error(
            request,
            "The original text is the title of another of your stories: rename that one first.",
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The page has its original text again.")
    return redirect(_edit_url(story, page.number))


@login_required
@require_POST
def page_picture_restore(request: HttpRequest, story_id: int, page_id: int) -> HttpResponse:
    story, page = _page_action(request, story_id, page_id)
    try:
        services.page_image_restore(
            page=page,
            expected_version=_expected_version(request, story),
            redraws_under_way=_redraws_under_way(request),
        )
    except StoryChanged:
        messages.error(request, CHANGED_ELSEWHERE)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, "The page has its first picture again; the one it replaced is a version."
        )
    return redirect(_edit_url(story, page.number))


@login_required
@require_POST
def page_picture_use(
    request: HttpRequest, story_id: int, page_id: int, image_id: int
) -> HttpResponse:
    story, page = _page_action(request, story_id, page_id)
    try:
        services.page_image_make_current(
            page=page,
            version_id=image_id,
            expected_version=_expected_version(request, story),
            redraws_under_way=_redraws_under_way(request),
        )
    except StoryChanged:
        messages.error(request, CHANGED_ELSEWHERE)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "That picture is back on the page.")
    return redirect(_edit_url(story, page.number))


@login_required
@require_POST
def page_redraw(request: HttpRequest, story_id: int, page_id: int) -> HttpResponse:
    story, page = _page_action(request, story_id, page_id)
    form = PageRedrawForm(request.POST)
    if form.is_valid():
        try:
            services.page_redraw_request(
                page=page, description=form.cleaned_data["description"] or None
            )
        except (InvalidInput, UnsafeBrief) as exc:
            for problem in exc.errors.get("description", [exc.message]):
                form.add_error("description", problem)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect(_edit_url(story, page.number))
        else:
            # The picture panel says how the drawing goes; a message would outlive it.
            return redirect(_edit_url(story, page.number))
    return _editor_page(request, story, page.number, redraw_form=form, status=400)


@login_required
@require_GET
@never_cache
def page_picture_status(request: HttpRequest, story_id: int, page_id: int) -> HttpResponse:
    """The page's picture panel, which the editor's script polls while a redraw is under way."""
    story, page = _page_action(request, story_id, page_id)
    redraw = redraw_status(page)
    story, page = _page_action(request, story_id, page_id)  # read after (see _picture_context)
    context = {"story": story, **_picture_context(page, redraw)}
    response = render(request, "stories/editor/_picture_panel.html", context)
    # Tells the polling script to stop, without it having to parse the fragment.
    response["X-Redraw-Active"] = "true" if context["redraw"].active else "false"
    return response


@login_required
@require_POST
def page_rewrite(request: HttpRequest, story_id: int, page_id: int) -> HttpResponse:
    """A new text for the page, proposed and not saved: the person accepts or discards it."""
    story, page = _page_action(request, story_id, page_id)
    form = PageRewriteForm(request.POST)
    if form.is_valid():
        try:
            proposed = services.page_text_rewrite(
                page=page, instructions=form.cleaned_data["instructions"]
            )
        except (InvalidInput, UnsafeBrief) as exc:
            if "instructions" not in exc.errors:
                # Not about the wishes (the cover cannot be rewritten): say so where it shows.
                return _rewrite_refused(request, story, page, exc)
            for problem in exc.errors["instructions"]:
                form.add_error("instructions", problem)
        except ApplicationError as exc:  # the provider failed, or the text is not safe
            return _rewrite_refused(request, story, page, exc)
        else:
            if _wants_json(request):
                return JsonResponse({"text": proposed.text, "notice": proposed.notice})
            return _editor_page(
                request,
                story,
                page.number,
                rewrite_form=form,
                proposal=proposed.text,
                proposal_notice=proposed.notice,
            )
    if _wants_json(request):
        return JsonResponse(
            {"detail": "Check the wishes for the new text.", "errors": form.errors}, status=400
        )
    return _editor_page(request, story, page.number, rewrite_form=form, status=400)


def _rewrite_refused(
    request: HttpRequest, story: Story, page: Page, error: ApplicationError
) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"detail": error.message}, status=error.status_code)
    messages.error(request, error.message)
    return redirect(_edit_url(story, page.number))


@login_required
@require_GET
def page_picture_version(
    request: HttpRequest, story_id: int, page_id: int, image_id: int, variant: str
) -> FileResponse:
    """One of a page's picture versions (owner only)."""
    page = get_object_or_404(
        selectors.page_queryset(user=request.user, story_id=story_id), pk=page_id
    )
    image: PageImage = get_object_or_404(selectors.page_image_list(page=page), pk=image_id)
    try:
        path = page_image_version_path(image, variant)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return private_picture_response(
        path, filename=f"story-{story_id}-page-{page.number}-v{image.version}{path.suffix}"
    )
