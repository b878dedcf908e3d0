"""Forms of the character library pages: a character's details, new sheets, photos, imports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from rest_framework import serializers

from accounts.models import User
from characters.api.serializers import CharacterCreateInputSerializer
from characters.errors import CharacterNameTaken
from characters.models import Character
from characters.selectors import character_named
from storygen.exceptions import ApplicationError
from storygen.forms import PageForm, offer_choices
from storygen.option_lists import option_choices

PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp")
# The pages accept exactly what the characters API accepts.
_API = CharacterCreateInputSerializer().fields


def _max_length(name: str) -> int:
    length = cast(serializers.CharField, _API[name]).max_length
    if length is None:
        raise TypeError(f"the characters API sets no max_length on {name}")
    return length


def _age_bound(which: str) -> int:
    return int(getattr(cast(serializers.IntegerField, _API["age"]), which))


@dataclass(frozen=True)
class OptionLists:
    """The admin-managed genders and picture styles, read once per request for every form."""

    genders: list[tuple[str, str]]
    image_styles: list[tuple[str, str]]

    @classmethod
    def load(cls) -> OptionLists:
        def items(list_name: str) -> list[tuple[str, str]]:
            return [(choice.value, choice.label) for choice in option_choices(list_name)]

        return cls(genders=items("genders"), image_styles=items("image_styles"))


def name_taken_error(*, user: User, name: str) -> forms.ValidationError:
    """ "You already have a character called X", linking to it when it can be found."""
    existing = character_named(user=user, name=name)
    if existing is None:
        return forms.ValidationError(CharacterNameTaken.default_message, code="name_taken")
    return forms.ValidationError(
        format_html(
            'You already have a character called <a href="{}">{}</a>.',
            reverse("characters:detail", args=[existing.pk]),
            existing.name,
        ),
        code="name_taken",
    )


class LibraryForm(PageForm):
    def _offer(
        self, name: str, choices: list[tuple[str, str]], *, keep: str, blank: str | None = None
    ) -> None:
        offer_choices(self, name, choices, max_length=_max_length(name), keep=keep, blank=blank)

    def add_service_error(self, error: ApplicationError) -> None:
        """Show an error raised by a service on the field it is about, else above the form."""
        if error.errors:
            for field, problems in error.errors.items():
                for problem in problems:
                    self.add_error(field if field in self.fields else None, problem)
        else:
            self.add_error(None, error.message)


class CharacterForm(LibraryForm):
    """Every field of a character, as the character page edits it."""

    name = forms.CharField(
        label="Name",
        max_length=_max_length("name"),
        error_messages={"required": "Give the character a name."},
    )
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=_max_length("description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What they look like: hair, colouring, size, anything that stands out.",
    )
    age = forms.IntegerField(
        label="Age",
        required=False,
        min_value=_age_bound("min_value"),
        max_value=_age_bound("max_value"),
    )
    gender = forms.CharField(label="Gender", required=False)
    clothing_style = forms.CharField(
        label="Clothing",
        required=False,
        max_length=_max_length("clothing_style"),
        help_text="What they usually wear, e.g. “a yellow raincoat and green boots”.",
    )
    key_traits = forms.CharField(
        label="Traits",
        required=False,
        max_length=_max_length("key_traits"),
        help_text="Personality and habits, e.g. “curious, always humming”.",
    )
    image_style = forms.CharField(
        label="Picture style",
        required=False,
        help_text="How their reference sheet is drawn.",
    )

    def __init__(self, *args: Any, owner: User, options: OptionLists, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        self._offer(
            "gender", options.genders, keep=self.initial.get("gender") or "", blank="Not said"
        )
        # No blank choice: the list's "Default" style is what a character without one gets.
        self._offer("image_style", options.image_styles, keep=self.initial.get("image_style") or "")

    def clean_name(self) -> str:
        # The same spacing rule the library applies, so "Mira  Rose" is "Mira Rose" here too.
        name = " ".join(str(self.cleaned_data["name"]).split())
        if not name:
            raise forms.ValidationError("Give the character a name.")
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key in ("description", "clothing_style", "key_traits"):
            if isinstance(data.get(key), str):
                data[key] = data[key].strip()
        return data

    def character_fields(self) -> dict[str, Any]:
        """The cleaned values besides the name, for the character services (after is_valid)."""
        return {
            key: self.cleaned_data.get(key)
            for key in ("description", "age", "gender", "clothing_style", "key_traits")
        } | {"image_style": self.cleaned_data.get("image_style") or ""}

    def add_service_error(self, error: ApplicationError) -> None:
        if isinstance(error, CharacterNameTaken):
            self.add_error("name", name_taken_error(user=self.owner, name=self.data["name"]))
        else:
            super().add_service_error(error)

    @staticmethod
    def initial_for(character: Character) -> dict[str, Any]:
        return {
            "name": character.name,
            "description": character.description,
            "age": character.age,
            "gender": character.gender,
            "clothing_style": character.clothing_style,
            "key_traits": character.key_traits,
            "image_style": character.image_style,
        }


class CharacterCreateForm(CharacterForm):
    """A new character. Unlike the API's upsert, an existing name is an error here."""

    generate_image = forms.BooleanField(
        label="Draw a reference sheet now",
        required=False,
        initial=True,
        help_text="A picture of the character from the front, side and back, used to keep "
        "their look the same on every page.",
    )

    def clean_name(self) -> str:
        name = super().clean_name()
        if character_named(user=self.owner, name=name) is not None:
            raise name_taken_error(user=self.owner, name=name)
        return name


class SheetRequestForm(LibraryForm):
    """Draw a new sheet, optionally in another style or with words added, this time only."""

    image_style = forms.CharField(label="Picture style", required=False)
    description = forms.CharField(
        label="Add to the description this time",
        required=False,
        max_length=_max_length("description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional, for example \u201cwearing a red scarf\u201d. Added to the "
        "description for this drawing only; the character's description stays as it is.",
    )

    def __init__(
        self, *args: Any, character: Character, options: OptionLists, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        own = character.image_style or "Default"
        self._offer(
            "image_style",
            options.image_styles,
            keep="",
            blank=f"The character's own style ({own})",
        )

    def clean_description(self) -> str:
        return str(self.cleaned_data["description"]).strip()


class PhotoForm(LibraryForm):
    photo = forms.FileField(
        label="Photo",
        widget=forms.FileInput(attrs={"accept": ",".join(PHOTO_TYPES)}),
        error_messages={
            "required": "Choose a photo to upload.",
            "empty": "That file is empty. Choose a photo.",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = settings.STORYGEN_MAX_UPLOAD_BYTES
        field = self.fields["photo"]
        # The page's script checks the size before uploading; the server check still decides.
        field.widget.attrs["data-max-bytes"] = str(limit)
        field.help_text = (
            f"A JPEG, PNG or WebP picture up to {megabytes(limit)}. It stays private: it is "
            "never shown, only used to draw the sheet."
        )

    def add_service_error(self, error: ApplicationError) -> None:
        # Whatever is wrong with an upload is wrong with the file the field holds.
        self.add_error("photo", error.message)


def megabytes(size: int) -> str:
    """A byte count as people say it: "10 MB", "2.5 MB" (or "500 KB" below a megabyte)."""
    # A no-break space keeps the number and its unit on one line.
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))}\N{NO-BREAK SPACE}KB"
    value = size / (1024 * 1024)
    number = f"{value:.0f}" if value == int(value) else f"{value:.1f}"
    return f"{number}\N{NO-BREAK SPACE}MB"


class ImportForm(LibraryForm):
    file = forms.FileField(
        label="JSON file",
        widget=forms.FileInput(attrs={"accept": "application/json,.json"}),
        error_messages={
            "required": "Choose a JSON file to import.",
            "empty": "That file is empty. Choose a JSON file.",
        },
    )
    generate_images = forms.BooleanField(
        label="Draw a reference sheet for each imported character",
        required=False,
        help_text="Sheets are drawn in the background. Entries with “generate_image”: true "
        "get one either way.",
    )
    dry_run = forms.BooleanField(
        label="Check only (dry run)",
        required=False,
        help_text="See what would happen without saving anything.",
    )
