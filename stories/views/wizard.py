"""The story wizard: Basics → Characters → Options → Review, then generation starts.

What the user enters lives in their session (``stories.wizard``) until they generate the
story or save it as a draft; every button saves what is on the page first, so Back, Next,
a reload or a search never lose anything. Generating validates the whole brief with the
stories API's own serializer and calls the same service the API calls.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accounts.errors import QuotaRefused
from characters.selectors import character_list_for_owner
from stories import selectors, services
from stories.api.serializers import StoryCreateInputSerializer, StoryDraftInputSerializer
from stories.errors import StoryTitleTaken
from stories.forms import BasicsForm, CharacterFormSet, OptionsForm
from stories.models import Story
from stories.wizard import (
    CHARACTER_ENTRY_FIELDS,
    FIELD_STEPS,
    OPTION_DEFAULTS,
    STEP_TITLES,
    STEPS,
    WizardState,
    wizard_forget,
    wizard_from_story,
    wizard_get,
    wizard_new,
    wizard_save,
    wizards_with_unsaved_work,
)
from storygen.exceptions import ApplicationError, InvalidInput, NotFound
from storygen.refusals import UnsafeBrief

#: Library characters shown at once on the Characters step; a search narrows them down.
LIBRARY_SHOWN = 12


def _step_url(state: WizardState, step: str, **query: str) -> str:
    url = reverse("stories:wizard", kwargs={"key": state.key, "step": step})
    query = {key: value for key, value in query.items() if value}
    if query:
        url += "?" + urlencode(query)
    return url


def _to_step(state: WizardState, step: str, **query: str) -> HttpResponseRedirect:
    return redirect(_step_url(state, step, **query))


@require_GET
@login_required
def wizard_start(request: HttpRequest) -> HttpResponse:
    """A fresh wizard. Work left in other open wizards is kept as drafts first, so starting
    again never loses it; one that cannot be kept is shown again with the reason, once (a
    second Create leaves it open as it is and starts anyway)."""
    for state in wizards_with_unsaved_work(request.session):
        problems = _draft_keep(request, state)
        if problems:
            state.saved_brief = state.fingerprint()
            return _send_to_fix(
                request,
                state,
                problems,
                intro=f"Your unfinished story {state.title_for_people()} could not be kept "
                "as a draft, so here it is again: fix what is wrong and save it, or choose "
                "Create again to leave it and start a new story.",
            )
        messages.info(
            request,
            f"Your unfinished story {state.title_for_people()} was kept as a draft: "
            "find it in My stories.",
        )
    state = wizard_new(request.session)
    return _to_step(state, "basics")


@require_GET
@login_required
def wizard_resume_draft(request: HttpRequest, story_id: int) -> HttpResponse:
    story = get_object_or_404(
        selectors.story_detail_queryset(user=request.user).filter(status=Story.Status.DRAFT),
        pk=story_id,
    )
    state = _state_from_story(request, story, as_draft=True, title=story.title)
    messages.info(request, "Your draft is back where you left it.")
    return _to_step(state, state.first_open_step())


@require_GET
@login_required
def wizard_from_template(request: HttpRequest, story_id: int) -> HttpResponse:
    story = get_object_or_404(selectors.story_detail_queryset(user=request.user), pk=story_id)
    title = selectors.story_copy_title(user=request.user, title=story.title) if story.title else ""
    state = _state_from_story(request, story, as_draft=False, title=title)
    messages.info(
        request,
        f"This new story starts as a copy of “{story}”. Change anything you like, "
        "then generate it.",
    )
    return _to_step(state, "basics")


def _state_from_story(
    request: HttpRequest, story: Story, *, as_draft: bool, title: str
) -> WizardState:
    linked = [member.character_id for member in story.cast.all() if member.character_id]
    library = list(character_list_for_owner(user=request.user).filter(pk__in=linked))
    return wizard_from_story(
        request.session, story, library=library, as_draft=as_draft, title=title
    )


@require_http_methods(["GET", "POST"])
@login_required
def wizard_step(request: HttpRequest, key: str, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404("No such step.")
    state = wizard_get(request.session, key)
    if state is None:
        messages.info(request, "That story form was closed, so here is a fresh one.")
        return redirect("stories:create")
    if not state.can_visit(step):
        return _to_step(state, state.first_open_step())
    handlers = {
        "basics": _basics,
        "characters": _characters,
        "options": _options,
        "review": _review,
    }
    # Problems found when the story was asked for are shown once, on the step they belong
    # to; sending the step again checks it afresh, so they are dropped either way.
    problems = state.problems_take(step)
    if problems:
        wizard_save(request.session, state)
    if request.method != "GET":
        problems = {}
    return handlers[step](request, state, problems)


def _render(
    request: HttpRequest, state: WizardState, step: str, context: dict[str, Any]
) -> HttpResponse:
    steps = [
        {
            "name": name,
            "title": STEP_TITLES[name],
            "url": _step_url(state, name),
            "current": name == step,
            "done": state.is_done(name),
            "open": state.can_visit(name),
        }
        for name in STEPS
    ]
    return render(
        request,
        f"stories/wizard/{step}.html",
        {
            "state": state,
            "step": step,
            "step_title": STEP_TITLES[step],
            "step_number": STEPS.index(step) + 1,
            "steps": steps,
            "is_draft": state.draft_id is not None,
            **context,
        },
    )


def _next_step(step: str) -> str:
    return STEPS[STEPS.index(step) + 1]


def _previous_step(step: str) -> str:
    return STEPS[max(STEPS.index(step) - 1, 0)]


def _after_valid_step(
    request: HttpRequest, state: WizardState, step: str, *, complete: bool = True
) -> HttpResponse:
    """Where a step without errors goes: the next step, or (Save as draft) back to itself.
    A draft may be saved from a step still missing something (``complete`` False)."""
    state.mark(step, done=complete)
    wizard_save(request.session, state)
    if request.POST.get("action") == "draft":
        return _save_draft(request, state, step)
    return _to_step(state, _next_step(step))


# --- Basics ------------------------------------------------------------------------------


def _basics(
    request: HttpRequest, state: WizardState, problems: dict[str, list[str]]
) -> HttpResponse:
    form = BasicsForm(
        request.POST if request.method == "POST" else None,
        initial=state.basics,
        owner=request.user,
        draft_id=state.draft_id,
        for_draft=request.POST.get("action") == "draft",
    )
    if request.method == "POST":
        if form.is_valid():
            state.basics = dict(form.cleaned_data)
            complete = bool(state.basics["genre"] and state.basics["story_outline"])
            return _after_valid_step(request, state, "basics", complete=complete)
        state.basics = {name: request.POST.get(name, "") for name in form.fields}
        state.mark("basics", done=False)
        wizard_save(request.session, state)
    _problems_shown(form, problems)
    return _render(request, state, "basics", {"form": form})


# --- Characters --------------------------------------------------------------------------


def _raw_rows(formset: Any) -> list[dict[str, Any]]:
    """What was typed in each character row, valid or not, minus completely empty rows."""
    rows = []
    for form in formset.forms:
        row = {name: form.data.get(form.add_prefix(name), "") for name in CHARACTER_ENTRY_FIELDS}
        if any(str(value).strip() for value in row.values()):
            rows.append(row)
    return rows


def _characters(
    request: HttpRequest, state: WizardState, problems: dict[str, list[str]]
) -> HttpResponse:
    query = (request.GET.get("q") or request.POST.get("q") or "").strip()[:100]
    library = character_list_for_owner(user=request.user)
    if request.method == "POST":
        formset = CharacterFormSet(request.POST, prefix="new")
        action = request.POST.get("action", "next")
        valid = formset.is_valid()
        rows = _raw_rows(formset)
        state.characters = formset.entries() if valid else rows
        if action.startswith("remove-row:"):
            index = _int(action.partition(":")[2])
            if index is not None and 0 <= index < len(rows):
                del rows[index]
            state.characters = rows
        elif action.startswith("add:"):
            character_id = _int(action.partition(":")[2])
            if (
                character_id is not None
                and character_id not in state.character_ids
                and library.filter(pk=character_id).exists()
            ):
                state.character_ids.append(character_id)
        elif action.startswith("remove:"):
            character_id = _int(action.partition(":")[2])
            if character_id in state.character_ids:
                state.character_ids.remove(character_id)
        elif action in {"next", "draft"} and valid:
            problem = _cast_problem(state, require_one=action == "next")
            if problem is None:
                complete = bool(state.characters or state.character_ids)
                return _after_valid_step(request, state, "characters", complete=complete)
            formset._non_form_errors = formset.error_class([problem], error_class="nonform")
        if action == "back":
            wizard_save(request.session, state)
            return _to_step(state, "basics")
        if action not in {"next", "draft"}:
            # Picking, removing, adding a row or searching: save and show the step again.
            wizard_save(request.session, state)
            return _to_step(state, "characters", q=query if action != "clear-search" else "")
        state.mark("characters", done=False)
        wizard_save(request.session, state)
    else:
        formset = CharacterFormSet(initial=[*state.characters, {}], prefix="new")
    if problems:
        # The cast is checked as a whole, so its problems are shown above its rows.
        shown = [text for texts in problems.values() for text in texts]
        formset._non_form_errors = formset.error_class(shown, error_class="nonform")
    return _render(
        request,
        state,
        "characters",
        {
            "formset": formset,
            "query": query,
            "picked": _picked(state, library),
            **_library_results(request.user, query),
            "max_characters": settings.MAX_STORY_CHARACTERS,
        },
    )


def _int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None


def _cast_problem(state: WizardState, *, require_one: bool) -> str | None:
    total = len(state.characters) + len(state.character_ids)
    if require_one and total == 0:
        return "Add at least one character: pick one from your library or describe a new one."
    if total > settings.MAX_STORY_CHARACTERS:
        return f"A story can have at most {settings.MAX_STORY_CHARACTERS} characters."
    return None


def _picked(state: WizardState, library: Any) -> list[Any]:
    """The chosen library characters, in the order they were picked (deleted ones drop out)."""
    found = {character.pk: character for character in library.filter(pk__in=state.character_ids)}
    return [found[pk] for pk in state.character_ids if pk in found]


def _library_results(user: Any, query: str) -> dict[str, Any]:
    found = list(character_list_for_owner(user=user, query=query)[: LIBRARY_SHOWN + 1])
    return {
        "library": found[:LIBRARY_SHOWN],
        "library_more": len(found) > LIBRARY_SHOWN,
    }


# --- Options -----------------------------------------------------------------------------


def _options(
    request: HttpRequest, state: WizardState, problems: dict[str, list[str]]
) -> HttpResponse:
    form = OptionsForm(
        request.POST if request.method == "POST" else None,
        initial={**OPTION_DEFAULTS, **state.options},
    )
    if request.method == "POST":
        valid = form.is_valid()
        if valid:
            state.options = {**OPTION_DEFAULTS, **form.options()}
        else:
            state.options = {
                **state.options,
                **{name: request.POST.get(name, "") for name in form.fields},
            }
        if request.POST.get("action") == "back":
            state.mark("options", done=valid)
            wizard_save(request.session, state)
            return _to_step(state, "characters")
        if valid:
            return _after_valid_step(request, state, "options")
        state.mark("options", done=False)
        wizard_save(request.session, state)
    _problems_shown(form, problems)
    return _render(request, state, "options", {"form": form})


# --- Review, drafts and generation -------------------------------------------------------


def _review(
    request: HttpRequest, state: WizardState, problems: dict[str, list[str]]
) -> HttpResponse:
    if request.method == "POST":
        action = request.POST.get("action", "generate")
        if action == "back":
            return _to_step(state, "options")
        if action == "draft":
            return _save_draft(request, state, "review")
        return _generate(request, state)
    library = character_list_for_owner(user=request.user)
    options = OptionsForm(initial={**OPTION_DEFAULTS, **state.options})
    return _render(
        request,
        state,
        "review",
        {
            "brief": state.brief(),
            "picked": _picked(state, library),
            "option_labels": _option_labels(options, state),
            "genre_label": _choice_label(
                BasicsForm(owner=request.user, draft_id=state.draft_id), "genre", state.basics
            ),
        },
    )


def _choice_label(form: Any, name: str, values: dict[str, Any]) -> str:
    value = values.get(name, "")
    choices = dict(getattr(form.fields[name], "choices", []) or [])
    return str(choices.get(value, value))


def _option_labels(form: OptionsForm, state: WizardState) -> list[tuple[str, str]]:
    """(label, shown value) of every option, as the user saw them on the Options step; the
    page's size and orientation read as one page format ("A4, landscape")."""
    values = {**OPTION_DEFAULTS, **state.options}
    rows = []
    for name, field in form.fields.items():
        if name == "page_orientation":
            continue
        if name == "page_size":
            formats = dict(Story.PageFormat.choices)
            rows.append(("Page format", str(formats.get(values["page_format"], "—"))))
            continue
        shown = _choice_label(form, name, values) if hasattr(field, "choices") else values[name]
        rows.append((str(field.label), str(shown) if shown not in (None, "") else "—"))
    return rows


def _validated_brief(
    request: HttpRequest, state: WizardState
) -> dict[str, Any] | HttpResponseRedirect:
    """The brief checked by the API's serializer, or a redirect to the step to fix."""
    data = StoryCreateInputSerializer(data=state.brief())
    if data.is_valid():
        return dict(data.validated_data)
    return _send_to_fix(request, state, data.errors)


def _send_to_fix(
    request: HttpRequest, state: WizardState, errors: dict[str, Any], *, intro: str = ""
) -> HttpResponseRedirect:
    """Point the user at the first step with a problem; each problem waits in the state to
    be shown next to its field when its step is shown."""
    messages.error(request, intro or FIX_BELOW)
    first_step = None
    for field, problems in errors.items():
        step = FIELD_STEPS.get(field, "options")
        state.mark(step, done=False)
        first_step = first_step if first_step else step
        state.problems.setdefault(field, []).extend(_problem_texts(problems))
    wizard_save(request.session, state)
    return _to_step(state, first_step or "review")


#: Said at the top of the step a problem sends the user back to.
FIX_BELOW = "Please change what is marked below, then carry on."


def _problem_texts(problems: Any) -> list[str]:
    """Every message in a serializer's or service's errors for one field, as plain text."""
    if isinstance(problems, dict):
        return [text for value in problems.values() for text in _problem_texts(value)]
    if isinstance(problems, (list, tuple)):
        return [text for value in problems for text in _problem_texts(value)]
    return [str(problems)] if str(problems) else []


def _problems_shown(form: Any, problems: dict[str, list[str]]) -> None:
    """Show ``problems`` on ``form``, next to their fields (on the form as a whole for
    fields it has not got), without repeating what the form says itself."""
    errors = form.errors  # a bound form is checked here; an unbound one has none yet
    for name, texts in problems.items():
        if name in form.fields:
            # The list's id is what the field's aria-describedby points at.
            empty = form.error_class(renderer=form.renderer, field_id=form[name].auto_id)
            shown = errors.setdefault(name, empty)
        else:
            empty = form.error_class(error_class="nonfield", renderer=form.renderer)
            shown = errors.setdefault(NON_FIELD_ERRORS, empty)
        shown.extend(text for text in texts if text not in shown)


def _draft_keep(request: HttpRequest, state: WizardState) -> dict[str, Any] | None:
    """Save whatever the wizard holds as its draft; returns the problems by field, or None.

    A draft needs nothing filled in: only what was entered is checked.
    """
    data = StoryDraftInputSerializer(data=state.brief())
    if not data.is_valid():
        return dict(data.errors)
    brief = dict(data.validated_data)
    try:
        try:
            story = services.story_draft_save(owner=request.user, draft_id=state.draft_id, **brief)
        except NotFound:
            # The draft was deleted meanwhile (another tab): keep the work as a new draft.
            story = services.story_draft_save(owner=request.user, draft_id=None, **brief)
    except StoryTitleTaken as exc:
        return {"title": [exc.message]}
    except InvalidInput as exc:
        return exc.errors or {"options": [exc.message]}
    state.draft_id = story.pk
    state.saved_brief = state.fingerprint()
    wizard_save(request.session, state)
    return None


def _save_draft(request: HttpRequest, state: WizardState, step: str) -> HttpResponse:
    problems = _draft_keep(request, state)
    if problems:
        return _send_to_fix(request, state, problems)
    messages.success(request, "Draft saved. You can come back to it from My stories.")
    return _to_step(state, step)


#: Said above a refused brief's parts, each marked with what stopped it and what to change.
UNSAFE_INTRO = (
    "This cannot be made into a children's picture book as it is. "
    "Nothing was made: change what is marked below, then ask for it again."
)
#: Said after a quota refusal: the story waits in the wizard, nothing was lost.
KEPT_FOR_LATER = "Everything you entered is still here: save it as a draft to make it later."


def _generate(request: HttpRequest, state: WizardState) -> HttpResponse:
    brief = _validated_brief(request, state)
    if isinstance(brief, HttpResponseRedirect):
        return brief
    try:
        task = services.story_generation_start(owner=request.user, draft_id=state.draft_id, **brief)
    except StoryTitleTaken as exc:
        return _send_to_fix(request, state, {"title": [exc.message]})
    except InvalidInput as exc:
        return _send_to_fix(request, state, exc.errors or {"options": [exc.message]})
    except NotFound as exc:
        # A picked character or the draft itself was deleted in another tab.
        state.draft_id = None if exc.message == "Draft not found." else state.draft_id
        return _send_to_fix(request, state, {"character_ids": [exc.message]})
    except UnsafeBrief as exc:
        return _send_to_fix(request, state, exc.errors, intro=UNSAFE_INTRO)
    except QuotaRefused as exc:
        messages.error(request, f"{exc.message} {KEPT_FOR_LATER}")
        return _to_step(state, "review")
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _to_step(state, "review")
    wizard_forget(request.session, state.key)
    # No message here: the progress page says what is happening, and a note saying the story
    # is on its way would linger after it is ready.
    return redirect("stories:progress", story_id=task.story_id)
