"""Forms of the story pages: the wizard's steps and the editor. Their bounds come from the
stories API's serializers and the layout rules the services apply."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings

from accounts.models import User
from stories import selectors
from stories.api.serializers import (
    FONT_SIZE_RANGE,
    CharacterDetailInputSerializer,
    EditorSettingsInputSerializer,
    StoryCreateInputSerializer,
)
from stories.layout import (
    PAGE_ORIENTATIONS,
    PAGE_SIZES,
    PageLayout,
    page_format_for,
    page_format_parts,
)
from stories.models import TITLE_MAX_LENGTH, Page, Story
from stories.prompts import TEXT_POSITIONS
from stories.services.editor import (
    PAGE_TEXT_MAX_LENGTH,
    REDRAW_DESCRIPTION_MAX_LENGTH,
    REWRITE_INSTRUCTIONS_MAX_LENGTH,
)
from stories.services.style_samples import style_sample_url
from storygen.exceptions import ApplicationError, InvalidInput
from storygen.forms import PageForm, offer_choices

_STORY = StoryCreateInputSerializer().fields
_LAYOUT = EditorSettingsInputSerializer().fields
_CHARACTER = CharacterDetailInputSerializer().fields
__all__ = [
    "FONT_SIZE_RANGE",
    "BasicsForm",
    "CharacterEntryForm",
    "EditorDocumentForm",
    "EditorPageForm",
    "OptionsForm",
    "PageRedrawForm",
    "PageRewriteForm",
]


def _max_length(fields: Any, name: str) -> int:
    return int(fields[name].max_length)


def _list_choices(list_name: str) -> list[tuple[str, str]]:
    return [
        (item.item_value, item.item_label)
        for item in selectors.dynamic_list_active_items(list_name=list_name)
    ]


def _option_field(
    form: forms.Form,
    name: str,
    list_name: str,
    *,
    fields: Any = _STORY,
    keep: str = "",
    blank: str | None = None,
) -> None:
    offer_choices(
        form,
        name,
        _list_choices(list_name),
        max_length=_max_length(fields, name),
        keep=keep,
        blank=blank,
    )


def _position_choices() -> list[tuple[str, str]]:
    """The 9-grid, in reading order, labelled from the admin's text_positions list."""
    labels = dict(_list_choices("text_positions"))
    return [
        (value, labels.get(value, value.replace("-", " ").capitalize())) for value in TEXT_POSITIONS
    ]


class PageShapeForm(PageForm):
    """A page format chosen as a size and an orientation, stored as one ``page_format``.

    ``page_format`` in ``initial`` (or the ``current`` keyword) is what is chosen now.
    """

    page_size = forms.ChoiceField(label="Page size", choices=PAGE_SIZES)
    page_orientation = forms.ChoiceField(
        label="Orientation",
        choices=PAGE_ORIENTATIONS,
        widget=forms.RadioSelect,
        help_text="Portrait pages are taller than wide, landscape ones wider than tall; a "
        "square page is the same either way.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.current_page_format = str(self.initial.get("page_format") or "")
        size, orientation = page_format_parts(self.current_page_format)
        self.initial.setdefault("page_size", size)
        self.initial.setdefault("page_orientation", orientation)

    def page_format(self) -> str:
        """The stored page format of the chosen size and orientation (after is_valid)."""
        return page_format_for(
            self.cleaned_data["page_size"],
            self.cleaned_data["page_orientation"],
            current=self.current_page_format,
        )


class BasicsForm(PageForm):
    title = forms.CharField(
        label="Title",
        required=False,
        max_length=_max_length(_STORY, "title"),
        help_text="Optional: leave it blank and the storyteller will choose one.",
    )
    genre = forms.ChoiceField(label="Genre")
    story_outline = forms.CharField(
        label="Story outline",
        max_length=_max_length(_STORY, "story_outline"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What happens, in a few sentences: who, where, the problem and how it ends.",
    )

    def __init__(
        self,
        *args: Any,
        owner: User,
        draft_id: int | None,
        for_draft: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.draft_id = draft_id
        # A draft keeps whatever is filled in; only a story to generate needs everything.
        self.for_draft = for_draft
        _option_field(
            self, "genre", "genres", keep=self.initial.get("genre", ""), blank="Choose a genre"
        )
        if for_draft:
            self.fields["genre"].required = False
            self.fields["story_outline"].required = False

    def clean_title(self) -> str:
        title = str(self.cleaned_data["title"]).strip()
        if title and selectors.story_title_taken(
            user=self.owner, title=title, exclude_id=self.draft_id
        ):
            raise forms.ValidationError(
                "You already have a story with this title. Choose another or leave it blank."
            )
        return title

    def clean_story_outline(self) -> str:
        outline = str(self.cleaned_data["story_outline"]).strip()
        if not outline and not self.for_draft:
            raise forms.ValidationError("Tell us what the story is about.")
        return outline


class CharacterEntryForm(PageForm):
    """A character written in the wizard. A row left completely empty is ignored."""

    name = forms.CharField(label="Name", required=False, max_length=_max_length(_CHARACTER, "name"))
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=_max_length(_CHARACTER, "description"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What they look like: hair, colouring, size, anything that stands out.",
    )
    age = forms.IntegerField(
        label="Age",
        required=False,
        min_value=_CHARACTER["age"].min_value,
        max_value=_CHARACTER["age"].max_value,
    )
    gender = forms.ChoiceField(label="Gender", required=False)
    clothing_style = forms.CharField(
        label="Clothing", required=False, max_length=_max_length(_CHARACTER, "clothing_style")
    )
    key_traits = forms.CharField(
        label="Traits",
        required=False,
        max_length=_max_length(_CHARACTER, "key_traits"),
        help_text="Personality and habits, e.g. “curious, always humming”.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _option_field(
            self,
            "gender",
            "genders",
            fields=_CHARACTER,
            keep=self.initial.get("gender") or "",
            blank="Not said",
        )

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return not any(data.get(key) not in (None, "") for key in self.fields)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key in ("name", "description", "clothing_style", "key_traits"):
            if isinstance(data.get(key), str):
                data[key] = data[key].strip()
        if not data.get("name") and any(
            data.get(key) not in (None, "") for key in self.fields if key != "name"
        ):
            self.add_error("name", "Give this character a name.")
        return data


class BaseCharacterFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[str] = set()
        for form in self.forms:
            name = form.cleaned_data.get("name", "")
            if not name:
                continue
            if name.casefold() in seen:
                form.add_error("name", "Another character already has this name.")
            seen.add(name.casefold())

    def entries(self) -> list[dict[str, Any]]:
        """The named characters, in order (call after is_valid)."""
        return [
            {**form.cleaned_data, "gender": form.cleaned_data.get("gender") or ""}
            for form in self.forms
            if form.cleaned_data.get("name")
        ]


CharacterFormSet = forms.formset_factory(
    CharacterEntryForm,
    formset=BaseCharacterFormSet,
    extra=0,
    max_num=settings.MAX_STORY_CHARACTERS,
    validate_max=True,
)


class OptionsForm(PageShapeForm):
    num_pages = forms.IntegerField(
        label="Number of pages",
        min_value=1,
        max_value=settings.MAX_STORY_PAGES,
        help_text=f"From 1 to {settings.MAX_STORY_PAGES}, not counting the cover.",
    )
    tone = forms.CharField(
        label="Tone",
        required=False,
        max_length=_max_length(_STORY, "tone"),
        help_text="Optional, e.g. “gentle and funny”.",
    )
    setting = forms.CharField(
        label="Setting",
        required=False,
        max_length=_max_length(_STORY, "setting"),
        help_text="Optional, e.g. “a lighthouse by a stormy sea”.",
    )
    text_density = forms.ChoiceField(label="Text per page")
    word_to_picture_ratio = forms.ChoiceField(label="Pictures")
    image_style = forms.ChoiceField(label="Picture style")
    writing_style = forms.ChoiceField(label="Writing style", required=False)
    layout_mode = forms.ChoiceField(label="Layout", choices=Story.LayoutMode.choices)
    text_position = forms.ChoiceField(
        label="Text placement",
        widget=forms.RadioSelect,
        help_text="Where the text sits on each page; the pictures keep that area calm.",
    )
    font_family = forms.ChoiceField(label="Font")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, list_name in (
            ("text_density", "text_density"),
            ("word_to_picture_ratio", "word_to_picture_ratio"),
            ("image_style", "image_styles"),
            ("font_family", "font_families"),
        ):
            _option_field(
                self,
                name,
                list_name,
                fields=_LAYOUT if name == "font_family" else _STORY,
                keep=self.initial.get(name, ""),
            )
        if _list_choices("writing_styles"):
            _option_field(
                self,
                "writing_style",
                "writing_styles",
                keep=self.initial.get("writing_style", ""),
                blank="No particular style",
            )
        else:
            # Nothing to choose from until an admin fills the list.
            del self.fields["writing_style"]
        cast(forms.ChoiceField, self.fields["text_position"]).choices = _position_choices()
        style = self.fields["image_style"]
        if isinstance(style, forms.ChoiceField):
            # Chosen by looking: each style is a card with its sample picture.
            style.widget = forms.RadioSelect(choices=style.choices)

    def image_style_cards(self) -> list[tuple[Any, str | None]]:
        """(radio button, sample picture URL or None) of each picture style on offer; empty
        when the style is free text (the admin emptied the list)."""
        if not isinstance(self.fields["image_style"].widget, forms.RadioSelect):
            return []
        return [
            (radio, style_sample_url(str(radio.data["value"]))) for radio in self["image_style"]
        ]

    def options(self) -> dict[str, Any]:
        """The wizard's options (call after is_valid): the page shape as one page format."""
        data = {
            key: value
            for key, value in self.cleaned_data.items()
            if key not in {"page_size", "page_orientation"}
        }
        return {**data, "page_format": self.page_format()}


# --- The editor -----------------------------------------------------------------------------

#: The text box's opacity is stored from 0 to 1 and chosen in percent.
OPACITY_STEP_PERCENT = 5


def _layout_fields() -> dict[str, forms.Field]:
    """The layout controls a document and a page share (a page overrides these)."""
    return {
        "text_position": forms.ChoiceField(
            label="Text placement",
            widget=forms.RadioSelect,
            help_text="Where the text sits on the page.",
        ),
        "font_family": forms.ChoiceField(label="Font"),
        "font_size": forms.IntegerField(
            label="Font size",
            min_value=FONT_SIZE_RANGE[0],
            max_value=FONT_SIZE_RANGE[1],
            help_text=f"Points, from {FONT_SIZE_RANGE[0]} to {FONT_SIZE_RANGE[1]}.",
        ),
        "font_color": forms.RegexField(
            label="Text colour",
            regex=r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$",
            error_messages={"invalid": "Use a hex colour such as #ffffff."},
            widget=forms.TextInput(attrs={"type": "color"}),
        ),
        "text_box_opacity": forms.IntegerField(
            label="Text box opacity",
            min_value=0,
            max_value=100,
            help_text="How solid the box behind the text is, in percent (0: no box).",
            widget=forms.NumberInput(attrs={"type": "range", "step": OPACITY_STEP_PERCENT}),
        ),
    }


def _percent(opacity: float) -> int:
    return round(opacity * 100)


class _EditorForm(PageForm):
    """Shows a service's errors on the fields they name (``prefix`` is the service's key)."""

    service_prefix = ""

    def add_service_error(self, error: ApplicationError) -> None:
        if isinstance(error, InvalidInput) and error.errors:
            for key, problems in error.errors.items():
                name = key.removeprefix(self.service_prefix)
                for problem in problems:
                    self.add_error(name if name in self.fields else None, problem)
        else:
            self.add_error(None, error.message)

    def _offer_fonts(self, current: str) -> None:
        _option_field(self, "font_family", "font_families", fields=_LAYOUT, keep=current)
        cast(forms.ChoiceField, self.fields["text_position"]).choices = _position_choices()


class EditorDocumentForm(PageShapeForm, _EditorForm):
    """The story's title and the layout every page starts from."""

    service_prefix = "editor_settings."

    title = forms.CharField(label="Title", max_length=TITLE_MAX_LENGTH)
    layout_mode = forms.ChoiceField(
        label="Layout", choices=Story.LayoutMode.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, story: Story, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "title": story.title,
                "page_format": story.page_format,
                "layout_mode": story.layout_mode,
                "text_position": story.text_position,
                "font_family": story.font_family,
                "font_size": story.font_size,
                "font_color": story.font_color,
                "text_box_opacity": _percent(story.text_box_opacity),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields.update(_layout_fields())
        self._offer_fonts(story.font_family)

    def add_service_error(self, error: ApplicationError) -> None:
        # The title is a top-level key of the service, not a layout setting.
        if isinstance(error, InvalidInput) and "title" in error.errors:
            for problem in error.errors["title"]:
                self.add_error("title", problem)
            error = InvalidInput(
                error.message, errors={k: v for k, v in error.errors.items() if k != "title"}
            )
            if not error.errors:
                return
        super().add_service_error(error)

    def settings(self) -> dict[str, Any]:
        """The layout defaults, as the editor service takes them (call after is_valid)."""
        data = self.cleaned_data
        return {
            "page_format": self.page_format(),
            "layout_mode": data["layout_mode"],
            "text_position": data["text_position"],
            "font_family": data["font_family"],
            "font_size": data["font_size"],
            "font_color": data["font_color"],
            "text_box_opacity": data["text_box_opacity"] / 100,
        }


class EditorPageForm(_EditorForm):
    """One page's text and its own look: each override applies only while its box is ticked,
    so an unticked one really goes back to the document's value.

    ``text_only`` keeps just the text (accepting a rewritten text sends nothing else); the
    cover has no text field, as its text is the title.
    """

    service_prefix = "pages.0."
    OVERRIDES = ("text_position", "font_family", "font_size", "font_color", "text_box_opacity")

    text = forms.CharField(
        label="Text",
        max_length=PAGE_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 7}),
        error_messages={"required": "The text cannot be empty."},
    )

    def __init__(
        self,
        *args: Any,
        page: Page,
        layout: PageLayout,
        text_only: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", "page")
        initial: dict[str, Any] = {"text": page.text}
        for name in self.OVERRIDES:
            value = getattr(page, name)
            shown = getattr(layout, name) if value is None else value
            initial[name] = _percent(shown) if name == "text_box_opacity" else shown
            initial[f"own_{name}"] = value is not None
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.page = page
        if page.number == 0:
            del self.fields["text"]
        if text_only:
            return
        for name, field in _layout_fields().items():
            field.required = False
            self.fields[f"own_{name}"] = forms.BooleanField(
                label=f"A different {str(field.label).lower()} on this page", required=False
            )
            self.fields[name] = field
        self._offer_fonts(page.font_family or layout.font_family)

    def own(self, name: str) -> forms.BoundField:
        return self[f"own_{name}"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in self.OVERRIDES:
            if data.get(f"own_{name}") and data.get(name) in (None, "") and name not in self.errors:
                self.add_error(name, "Choose a value, or untick the box to use the document's.")
        return data

    def changes(self, *, use_defaults: bool = False) -> dict[str, Any]:
        """The page's entry for the editor service (call after is_valid). ``use_defaults``
        clears every override."""
        data = self.cleaned_data
        entry: dict[str, Any] = {"id": self.page.pk}
        if "text" in self.fields:
            entry["text"] = data["text"]
        for name in self.OVERRIDES:
            if name not in self.fields:
                continue
            if use_defaults or not data.get(f"own_{name}"):
                entry[name] = None
            elif name == "text_box_opacity":
                entry[name] = data[name] / 100
            else:
                entry[name] = data[name]
        return entry


class PageRedrawForm(PageForm):
    description = forms.CharField(
        label="What the new picture shows",
        required=False,
        max_length=REDRAW_DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional: leave it empty to draw the same scene afresh.",
    )


class PageRewriteForm(PageForm):
    instructions = forms.CharField(
        label="Wishes for the new text",
        required=False,
        max_length=REWRITE_INSTRUCTIONS_MAX_LENGTH,
        help_text="Optional, e.g. “shorter” or “more about the dog”.",
    )
