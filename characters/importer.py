"""Importing characters from a JSON file: reading the file, checking each item, upserting."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from rest_framework import serializers, status

from accounts.models import User
from characters.models import Character
from characters.services import character_upsert
from storygen.exceptions import ApplicationError
from storygen.option_lists import option_values
from storygen.parsers import MAX_JSON_DEPTH, JSONTooDeep, json_depth_check

logger = logging.getLogger(__name__)

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ITEMS = 500
AGE_RANGE = (0, 150)
IMAGE_STYLES_LIST = "image_styles"

CREATED, UPDATED, SKIPPED = "created", "updated", "skipped"
NO_NAME = "No name given."
NOT_AN_OBJECT = "Not an object."
DUPLICATE = "Appears twice in the file: only the first is imported."
AGE_MESSAGE = f"Age must be a whole number from {AGE_RANGE[0]} to {AGE_RANGE[1]}."


class ImportFileInvalid(ApplicationError):
    """The file as a whole cannot be imported (not JSON, wrong shape, too big): nothing is."""

    code = "import_invalid"
    status_code = status.HTTP_400_BAD_REQUEST
    default_message = "This file cannot be imported."


@dataclass(frozen=True)
class ImportItem:
    """What happened to one item of the file (``index`` counts from 1)."""

    index: int
    name: str
    outcome: str
    reason: str = ""
    # In a dry run: whether a sheet would be queued.
    image_queued: bool = False


@dataclass(frozen=True)
class ImportReport:
    items: list[ImportItem]
    dry_run: bool

    def _count(self, outcome: str) -> int:
        return sum(1 for item in self.items if item.outcome == outcome)

    @property
    def created(self) -> int:
        return self._count(CREATED)

    @property
    def updated(self) -> int:
        return self._count(UPDATED)

    @property
    def skipped(self) -> int:
        return self._count(SKIPPED)

    @property
    def images_queued(self) -> int:
        return sum(1 for item in self.items if item.image_queued)


# --- Reading the file --------------------------------------------------------------------


def _refuse_constant(name: str) -> Any:
    # Python's json accepts NaN and Infinity; JSON itself does not.
    raise ImportFileInvalid(f"This file is not valid JSON ({name} is not a JSON value).")


def characters_import_parse(raw: bytes) -> list[Any]:
    """The items of an import file: a JSON array, or a single object as a list of one.

    The items themselves are checked by characters_import. Raises ImportFileInvalid, with
    a message for the person who chose the file, when it is too large, not UTF-8 JSON,
    nested deeper than any request may be (storygen.parsers), neither an object nor an
    array, empty, or holds too many items.
    """
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportFileInvalid("This file is larger than 2 MiB. Split it into smaller files.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileInvalid("This file is not valid JSON (it is not UTF-8 text).") from exc
    if not text.strip():
        raise ImportFileInvalid("This file is empty.")
    try:
        json_depth_check(text)
        data = json.loads(text, parse_constant=_refuse_constant)
    except JSONTooDeep as exc:
        raise ImportFileInvalid(
            f"This file nests lists and objects deeper than {MAX_JSON_DEPTH} levels, "
            "which no character file needs."
        ) from exc
    except json.JSONDecodeError as exc:
        raise ImportFileInvalid(
            f"This file is not valid JSON (line {exc.lineno}, column {exc.colno})."
        ) from exc
    if isinstance(data, dict):
        return [data]
    if not isinstance(data, list):
        raise ImportFileInvalid(
            "The file must hold one character (a JSON object) or a list of characters "
            "(a JSON array)."
        )
    if not data:
        raise ImportFileInvalid("The file holds an empty list: there is nothing to import.")
    if len(data) > MAX_IMPORT_ITEMS:
        raise ImportFileInvalid(
            f"The file holds {len(data)} items; at most {MAX_IMPORT_ITEMS} can be imported "
            "at once. Split it into smaller files."
        )
    return data


# --- Checking one item -------------------------------------------------------------------


def _max_length(field: str) -> int:
    length = getattr(Character._meta.get_field(field), "max_length", None)
    if not isinstance(length, int):
        raise TypeError(f"Character.{field} has no max_length")
    return length


def _text(label: str, *, max_length: int | None = None, invalid: str = "") -> serializers.CharField:
    return serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        max_length=max_length,
        error_messages={
            "invalid": invalid or f"{label} must be text.",
            # Unused by the fields without a limit.
            "max_length": f"{label} is longer than {max_length} characters.",
        },
    )


def _text_or_list(value: Any) -> Any:
    """Traits may come as a list of texts, kept as one comma-separated text."""
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        return ", ".join(part.strip() for part in value if part.strip())
    return value


def _given(item: Mapping[str, Any], key: str) -> bool:
    value = item.get(key)
    return value is not None and not (isinstance(value, str) and not value.strip())


class CharacterImportItemSerializer(serializers.Serializer):
    """One item of an import file, with the reference product's alternative field names.

    ``physical_appearance`` stands in for ``description`` and ``traits`` for ``key_traits``
    when the main name is absent or empty. Only the fields present come out, so an update
    leaves the others alone; a null clears a field. Context: ``image_styles`` (the active
    styles, or None when any style is allowed).
    """

    ALIASES = {"description": "physical_appearance", "key_traits": "traits"}

    name = serializers.CharField(
        error_messages={
            "required": NO_NAME,
            "null": NO_NAME,
            "blank": NO_NAME,
            "invalid": "Name must be text.",
        },
    )
    description = _text("Description")
    age = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=AGE_RANGE[0],
        max_value=AGE_RANGE[1],
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value", "max_string_length"), AGE_MESSAGE
        ),
    )
    gender = _text("Gender", max_length=_max_length("gender"))
    clothing_style = _text("Clothing style", max_length=_max_length("clothing_style"))
    key_traits = _text(
        "Traits",
        max_length=_max_length("key_traits"),
        invalid="Traits must be text or a list of texts.",
    )
    image_style = _text("Image style", max_length=_max_length("image_style"))
    generate_image = serializers.BooleanField(
        required=False,
        allow_null=True,
        error_messages={"invalid": "generate_image must be true or false."},
    )

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return super().to_internal_value(data)
        item = dict(data)
        for field, alias in self.ALIASES.items():
            if alias in item and not _given(item, field):
                item[field] = item[alias]
        if "key_traits" in item:
            item["key_traits"] = _text_or_list(item["key_traits"])
        if isinstance(item.get("age"), str) and not item["age"].strip():
            item["age"] = None
        return super().to_internal_value(item)

    def validate_name(self, value: str) -> str:
        # The library's spacing rule first, so the length checked is the one kept.
        name = " ".join(value.split())
        if not name:
            raise serializers.ValidationError(NO_NAME)
        limit = _max_length("name")
        if len(name) > limit:
            raise serializers.ValidationError(f"Name is longer than {limit} characters.")
        return name

    def validate_image_style(self, value: str | None) -> str | None:
        styles = self.context.get("image_styles")
        if value and styles is not None and value not in styles:
            raise serializers.ValidationError(
                f"Image style '{value}' is not one of the available styles."
            )
        return value


def _reason(errors: Mapping[str, Any]) -> str:
    """The item's problems in plain words, name first."""
    messages: list[str] = []
    for field in ("name", *(key for key in errors if key != "name")):
        for message in errors.get(field, []):
            if str(message) not in messages:
                messages.append(str(message))
    return " ".join(messages)


def _display_name(item: Any) -> str:
    value = item.get("name") if isinstance(item, dict) else None
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


# --- The import --------------------------------------------------------------------------


def characters_import(
    *,
    owner: User,
    items: list[Any],
    generate_images: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Create or update the owner's characters from the items of an import file.

    Each item is checked on its own: a bad one is skipped with the reason and the others
    still import. A name the owner already has (any case) updates that character with the
    fields the item gives; a name seen earlier in the file is skipped. A sheet is queued
    (once this commits) for items asking for one, or for all with ``generate_images``.
    Everything happens in one transaction. A dry run reports the same outcomes and changes
    nothing, queues nothing.
    """
    active = option_values([IMAGE_STYLES_LIST])
    context = {"image_styles": active.get(IMAGE_STYLES_LIST)}
    # A dry run tells created from updated by the names already in the library.
    existing: set[str] = set()
    if dry_run:
        existing = set(Character.objects.filter(owner=owner).values_list("name_key", flat=True))
    imported: set[str] = set()
    report: list[ImportItem] = []
    with transaction.atomic():
        for index, item in enumerate(items, start=1):
            name = _display_name(item)
            if not isinstance(item, dict):
                report.append(ImportItem(index, name, SKIPPED, NOT_AN_OBJECT))
                continue
            data = CharacterImportItemSerializer(data=item, context=context)
            if not data.is_valid():
                report.append(ImportItem(index, name, SKIPPED, _reason(data.errors)))
                continue
            fields = dict(data.validated_data)
            name = fields.pop("name")
            wants_image = bool(fields.pop("generate_image", False)) or generate_images
            key = Character.key_for(name)
            if key in imported:
                report.append(ImportItem(index, name, SKIPPED, DUPLICATE))
                continue
            imported.add(key)
            if dry_run:
                outcome = UPDATED if key in existing else CREATED
                report.append(ImportItem(index, name, outcome, image_queued=wants_image))
                continue
            result = character_upsert(
                owner=owner, name=name, fields=fields, generate_image=wants_image
            )
            outcome = CREATED if result.created else UPDATED
            report.append(ImportItem(index, name, outcome, image_queued=result.job is not None))
    result_report = ImportReport(items=report, dry_run=dry_run)
    logger.info(
        "user %s imported characters%s: %s created, %s updated, %s skipped",
        owner.pk,
        " (dry run)" if dry_run else "",
        result_report.created,
        result_report.updated,
        result_report.skipped,
    )
    return result_report
