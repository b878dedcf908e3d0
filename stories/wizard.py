"""The story wizard's state: what the user has entered so far, kept in their session.

The state is plain JSON (the session stores it), one entry per open wizard so two tabs
don't overwrite each other. It turns into the same keyword arguments the stories API passes
to ``story_generation_start`` / ``story_draft_save``, and can be rebuilt from a saved draft
or from any story (to use it as a template).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import asdict, dataclass, field
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone

from characters.models import Character
from stories.models import Story

SESSION_KEY = "story_wizards"
#: Open wizards kept per session; the least recently used one goes first.
MAX_OPEN_WIZARDS = 8

STEPS = ("basics", "characters", "options", "review")
STEP_TITLES = {
    "basics": "Basics",
    "characters": "Characters",
    "options": "Options",
    "review": "Review",
}
CHARACTER_ENTRY_FIELDS = ("name", "description", "age", "gender", "clothing_style", "key_traits")
OPTION_DEFAULTS: dict[str, Any] = {
    "num_pages": 5,
    "tone": "",
    "setting": "",
    "writing_style": "",
    "image_style": "Default",
    "word_to_picture_ratio": "One image per page",
    "text_density": "Concise (~30-50 words)",
    "page_format": Story.PageFormat.SQUARE.value,
    "layout_mode": Story.LayoutMode.OVERLAY.value,
    "text_position": "bottom-center",
    "font_family": "storybook",
}
#: Options that are document layout (the API's ``editor_settings``), not the brief.
LAYOUT_OPTIONS = ("page_format", "layout_mode", "text_position", "font_family")
#: Which step shows the problems of a field the service or API validation reported.
FIELD_STEPS = {
    "title": "basics",
    "genre": "basics",
    "story_outline": "basics",
    "main_characters": "characters",
    "character_ids": "characters",
}


@dataclass
class WizardState:
    key: str
    basics: dict[str, Any] = field(
        default_factory=lambda: {"title": "", "genre": "", "story_outline": ""}
    )
    characters: list[dict[str, Any]] = field(default_factory=list)
    character_ids: list[int] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=lambda: dict(OPTION_DEFAULTS))
    done: list[str] = field(default_factory=list)
    draft_id: int | None = None
    template_title: str = ""
    touched: str = ""
    #: Fingerprint of the brief as last saved as a draft ("" when never saved).
    saved_brief: str = ""
    #: Problems found when the story was asked for, by field, shown next to those fields
    #: the next time their step is shown (then forgotten).
    problems: dict[str, list[str]] = field(default_factory=dict)

    def problems_take(self, step: str) -> dict[str, list[str]]:
        """The problems waiting to be shown on ``step``, removed from the state."""
        return {
            name: self.problems.pop(name)
            for name in list(self.problems)
            if FIELD_STEPS.get(name, "options") == step
        }

    def is_done(self, step: str) -> bool:
        return step in self.done

    def mark(self, step: str, *, done: bool) -> None:
        if done and step not in self.done:
            self.done.append(step)
        elif not done and step in self.done:
            self.done.remove(step)

    def first_open_step(self) -> str:
        """The first step not yet completed (review when all are)."""
        for step in STEPS[:-1]:
            if not self.is_done(step):
                return step
        return "review"

    def can_visit(self, step: str) -> bool:
        """A step is open once every step before it is complete."""
        return all(self.is_done(before) for before in STEPS[: STEPS.index(step)])

    def has_content(self) -> bool:
        """Whether the user has entered anything worth keeping."""
        options = {**OPTION_DEFAULTS, **self.options}
        return (
            any(str(value).strip() for value in self.basics.values())
            or bool(self.characters or self.character_ids)
            or any(options[key] != default for key, default in OPTION_DEFAULTS.items())
        )

    def fingerprint(self) -> str:
        """A digest of the brief: equal digests mean nothing changed since."""
        encoded = json.dumps(self.brief(), sort_keys=True, default=str).encode("utf-8")
        return hashlib.sha256(encoded).hexdigest()

    def has_unsaved_work(self) -> bool:
        """Whether closing this wizard now would lose something the user entered."""
        return self.has_content() and self.fingerprint() != self.saved_brief

    def title_for_people(self) -> str:
        title = str(self.basics.get("title", "")).strip()
        return f"“{title}”" if title else "your untitled story"

    def brief(self) -> dict[str, Any]:
        """The story request, shaped like the stories API's create payload."""
        options = {**OPTION_DEFAULTS, **self.options}
        return {
            "title": self.basics.get("title", ""),
            "genre": self.basics.get("genre", ""),
            "story_outline": self.basics.get("story_outline", ""),
            "main_characters": [
                {key: entry.get(key) for key in CHARACTER_ENTRY_FIELDS} for entry in self.characters
            ],
            "character_ids": list(self.character_ids),
            **{key: options[key] for key in OPTION_DEFAULTS if key not in LAYOUT_OPTIONS},
            "editor_settings": {key: options[key] for key in LAYOUT_OPTIONS},
        }


def _store(session: SessionBase) -> dict[str, dict[str, Any]]:
    wizards = session.get(SESSION_KEY)
    return wizards if isinstance(wizards, dict) else {}


def wizard_get(session: SessionBase, key: str) -> WizardState | None:
    """The open wizard ``key`` of this session, or None (unknown, or forgotten)."""
    data = _store(session).get(key)
    if not isinstance(data, dict):
        return None
    try:
        return WizardState(**data)
    except TypeError:  # saved by an older shape of the state: start over
        return None


def wizard_save(session: SessionBase, state: WizardState) -> None:
    state.touched = timezone.now().isoformat()
    wizards = _store(session)
    wizards[state.key] = asdict(state)
    if len(wizards) > MAX_OPEN_WIZARDS:
        oldest = sorted(wizards, key=lambda key: wizards[key].get("touched", ""))
        for key in oldest[: len(wizards) - MAX_OPEN_WIZARDS]:
            del wizards[key]
    session[SESSION_KEY] = wizards


def wizard_forget(session: SessionBase, key: str) -> None:
    wizards = _store(session)
    if wizards.pop(key, None) is not None:
        session[SESSION_KEY] = wizards


def wizards_with_unsaved_work(session: SessionBase) -> list[WizardState]:
    """The session's open wizards holding work not yet kept as a draft, oldest first."""
    states = [wizard_get(session, key) for key in _store(session)]
    open_states = [state for state in states if state is not None and state.has_unsaved_work()]
    return sorted(open_states, key=lambda state: state.touched)


def wizard_new(session: SessionBase) -> WizardState:
    state = WizardState(key=secrets.token_urlsafe(9))
    wizard_save(session, state)
    return state


def wizard_from_story(
    session: SessionBase,
    story: Story,
    *,
    library: list[Character],
    as_draft: bool,
    title: str,
) -> WizardState:
    """A wizard filled in from a story: to continue its draft, or to start a copy of it.

    ``library`` is the owner's characters the story's cast came from that still exist;
    those cast members are picked from the library again, the others become entries.
    """
    library_ids = {character.pk for character in library}
    state = WizardState(key=secrets.token_urlsafe(9))
    state.basics = {"title": title, "genre": story.genre, "story_outline": story.outline}
    for member in story.cast.all():
        if member.character_id in library_ids:
            if member.character_id not in state.character_ids:
                state.character_ids.append(member.character_id)
            continue
        state.characters.append(
            {key: getattr(member, key) for key in CHARACTER_ENTRY_FIELDS}
            | {"age": member.age, "gender": member.gender or ""}
        )
    state.options = {key: getattr(story, key) for key in OPTION_DEFAULTS}
    state.draft_id = story.pk if as_draft else None
    state.template_title = "" if as_draft else str(story)
    # A draft reopened is already kept; a copy of a story is new work only once changed.
    state.saved_brief = state.fingerprint()
    # A copy of a finished story is complete; a draft resumes at the first step the user
    # has not filled in (the options step counts as not filled: its defaults were never seen).
    if story.genre and story.outline:
        state.mark("basics", done=True)
        if state.characters or state.character_ids:
            state.mark("characters", done=True)
            state.mark("options", done=not as_draft)
    wizard_save(session, state)
    return state
