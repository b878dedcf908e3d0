"""The plain data that crosses the AI provider interface, in both directions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SceneKind = Literal["cover", "page", "sheet"]


@dataclass(frozen=True)
class Usage:
    """What one provider call cost, as far as the provider reports it."""

    input_tokens: int = 0
    output_tokens: int = 0


@dataclass(frozen=True)
class CharacterBrief:
    """One character as the story uses it (a snapshot, never a live library row)."""

    name: str
    description: str = ""
    age: int | None = None
    gender: str = ""
    physical_appearance: str = ""
    clothing_style: str = ""
    personality: str = ""
    key_traits: str = ""
    background: str = ""
    has_reference: bool = False


@dataclass(frozen=True)
class StoryBrief:
    """Everything the user chose for a story, validated and normalised."""

    title: str
    genre: str
    outline: str
    num_pages: int
    characters: tuple[CharacterBrief, ...] = ()
    tone: str = ""
    setting: str = ""
    writing_style: str = ""
    image_style: str = "Default"
    word_to_picture_ratio: str = "One image per page"
    text_density: str = "Concise (~30-50 words)"
    text_position: str = "bottom-center"


@dataclass(frozen=True)
class StoryRequest:
    """A request to write a story: the structured brief plus the prompt built from it.

    Providers that call a language model send ``instructions``/``prompt`` and ask for a
    reply matching ``schema``; providers that write the story themselves read ``brief``.
    """

    brief: StoryBrief
    instructions: str
    prompt: str
    schema: dict[str, Any]


@dataclass(frozen=True)
class DraftPage:
    """One page of a written story. Page 0 is the cover."""

    number: int
    text: str
    image_description: str | None
    characters_in_scene: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoryDraft:
    """A written story: title and pages (cover first), already validated."""

    title: str
    pages: tuple[DraftPage, ...]
    usage: Usage = field(default_factory=Usage)


@dataclass(frozen=True)
class Scene:
    """What a picture shows, in structured form.

    The prompt string is what a remote image model reads; a provider that paints pictures
    itself (the offline one) reads this instead. ``seed_key`` makes a picture reproducible.
    ``wish`` holds the person's own words when they asked for this picture themselves (a
    page redraw's description), so a provider can say which of them it could not draw.
    """

    kind: SceneKind
    description: str
    characters: tuple[CharacterBrief, ...] = ()
    setting: str = ""
    image_style: str = "Default"
    text_position: str = "bottom-center"
    page_number: int = 0
    story_title: str = ""
    seed_key: str = ""
    wish: str = ""


@dataclass(frozen=True)
class Picture:
    """Image bytes exactly as the provider returned them.

    ``notes`` tell the person what the provider could not do of what was asked (a photo it
    cannot look at, words it has no picture for), in plain words for the page that asked.
    ``portrait`` is a head-and-shoulders picture of a character sheet's character, for
    thumbnails, from providers that draw one (None otherwise).
    """

    data: bytes
    mime: str
    usage: Usage = field(default_factory=Usage)
    notes: tuple[str, ...] = ()
    portrait: bytes | None = None


@dataclass(frozen=True)
class Verdict:
    """A moderation result. ``flagged`` is the provider's own decision; ``terms`` names the
    words behind each category's score, where the provider can tell (the offline one)."""

    flagged: bool
    categories: tuple[str, ...] = ()
    scores: dict[str, float] = field(default_factory=dict)
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class PageRewriteRequest:
    """A request to write one page of a finished story again, differently.

    ``pages`` holds every page's current text in order (index 0 is the cover), so the
    new text can fit what comes before and after it. Providers that call a language model
    send ``instructions``/``prompt`` and ask for a reply matching ``schema``; the offline
    provider reads the structured fields, and ``variant`` picks one of its many wordings.
    """

    brief: StoryBrief
    page_number: int
    text: str
    characters_in_scene: tuple[str, ...]
    pages: tuple[str, ...]
    user_instructions: str
    instructions: str
    prompt: str
    schema: dict[str, Any]
    variant: int = 0


@dataclass(frozen=True)
class PageText:
    """A page's new text, validated, and what writing it cost.

    ``notes`` tell the person which of their wishes the provider could not follow.
    """

    text: str
    usage: Usage = field(default_factory=Usage)
    notes: tuple[str, ...] = ()
