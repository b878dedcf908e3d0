"""Forms of the story wizard's steps. Their bounds come from the stories API's serializers."""

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
from stories.models import Story
from stories.prompts import TEXT_POSITIONS
from storygen.forms import PageForm, offer_choices

_STORY = StoryCreateInputSerializer().fields
_LAYOUT = EditorSettingsInputSerializer().fields
_CHARACTER = CharacterDetailInputSerializer().fields
__all__ = ["FONT_SIZE_RANGE", "BasicsForm", "CharacterEntryForm", "OptionsForm"]


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

    def __init__(self, *args: Any, owner: User, draft_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.draft_id = draft_id
        _option_field(
            self, "genre", "genres", keep=self.initial.get("genre", ""), blank="Choose a genre"
        )

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
        if not outline:
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


class OptionsForm(PageForm):
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
    page_format = forms.ChoiceField(label="Page format", choices=Story.PageFormat.choices)
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
        labels = dict(_list_choices("text_positions"))
        position = cast(forms.ChoiceField, self.fields["text_position"])
        position.choices = [
            (value, labels.get(value, value.replace("-", " ").capitalize()))
            for value in TEXT_POSITIONS
        ]
