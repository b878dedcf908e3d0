"""Creating, changing and deleting option lists and their items (administrators only)."""

from __future__ import annotations

import enum
import logging
from typing import Any

from django.db import IntegrityError, transaction

from stories import selectors
from stories.errors import DynamicListExists, DynamicListItemExists, DynamicListItemInUse
from stories.models import DynamicList, DynamicListItem
from storygen.exceptions import NotFound

logger = logging.getLogger(__name__)


class Keep(enum.Enum):
    """Sentinel for "leave this field as it is" where None is a value of its own."""

    KEEP = enum.auto()


KEEP = Keep.KEEP


def _item_not_found(item_id: int) -> NotFound:
    return NotFound(f"Dynamic list item with ID {item_id} not found")


@transaction.atomic
def dynamic_list_create(
    *, list_name: str, list_label: str = "", description: str = ""
) -> DynamicList:
    """Create an empty list. Raises DynamicListExists if the name is taken."""
    if DynamicList.objects.filter(pk=list_name).exists():
        raise DynamicListExists(f"Dynamic list '{list_name}' already exists")
    try:
        # create() inserts, never updates, so a concurrent create with the same name fails
        # here instead of overwriting the other list.
        with transaction.atomic():
            dynamic_list = DynamicList.objects.create(
                list_name=list_name, list_label=list_label, description=description
            )
    except IntegrityError:
        raise DynamicListExists(f"Dynamic list '{list_name}' already exists") from None
    logger.info("dynamic list %s created", list_name)
    return dynamic_list


@transaction.atomic
def dynamic_list_update(
    *, list_name: str, list_label: str | None = None, description: str | None = None
) -> DynamicList:
    """Change the label and/or description (None leaves a field as it is).

    Raises NotFound for an unknown list.
    """
    dynamic_list = DynamicList.objects.select_for_update().filter(pk=list_name).first()
    if dynamic_list is None:
        raise NotFound(f"Dynamic list '{list_name}' not found, cannot update.")
    if list_label is not None:
        dynamic_list.list_label = list_label
    if description is not None:
        dynamic_list.description = description
    dynamic_list.save()
    return dynamic_list


@transaction.atomic
def dynamic_list_delete(*, list_name: str) -> None:
    """Delete a list and its items.

    Raises NotFound for an unknown list and DynamicListItemInUse, naming the first item in
    display order, when any story, page or character stores one of its values.
    """
    dynamic_list = DynamicList.objects.select_for_update().filter(pk=list_name).first()
    if dynamic_list is None:
        raise NotFound(f"Dynamic list '{list_name}' not found")
    # Locking the items keeps a concurrent edit from renaming a value between the check
    # and the delete.
    items = list(
        DynamicListItem.objects.select_for_update()
        .filter(dynamic_list=dynamic_list)
        .order_by("sort_order", "item_label", "id")
    )
    used = selectors.dynamic_list_values_in_use(
        list_name=list_name, values=[item.item_value for item in items]
    )
    for item in items:
        if item.item_value in used:
            raise DynamicListItemInUse(
                f"Cannot delete list '{list_name}'. Item '{item.item_label}' "
                f"(ID: {item.pk}) is currently in use."
            )
    dynamic_list.delete()
    logger.info("dynamic list %s deleted with %d items", list_name, len(items))


def _value_taken(list_name: str, value: str, exclude_id: int | None = None) -> bool:
    others = DynamicListItem.objects.filter(dynamic_list_id=list_name, item_value=value)
    if exclude_id is not None:
        others = others.exclude(pk=exclude_id)
    return others.exists()


@transaction.atomic
def dynamic_list_item_create(
    *,
    list_name: str,
    item_value: str,
    item_label: str,
    is_active: bool = True,
    sort_order: int = 0,
    additional_config: dict[str, Any] | None = None,
) -> DynamicListItem:
    """Add an item to a list.

    Raises NotFound for an unknown list and DynamicListItemExists when the list already
    has the value.
    """
    # The list row lock serialises item writes within one list, so the value check holds.
    dynamic_list = DynamicList.objects.select_for_update().filter(pk=list_name).first()
    if dynamic_list is None:
        raise NotFound(f"Dynamic list '{list_name}' not found, cannot add item.")
    duplicate = DynamicListItemExists(
        f"Item with value '{item_value}' already exists in list '{list_name}'."
    )
    if _value_taken(list_name, item_value):
        raise duplicate
    try:
        with transaction.atomic():
            item = DynamicListItem.objects.create(
                dynamic_list=dynamic_list,
                item_value=item_value,
                item_label=item_label,
                is_active=is_active,
                sort_order=sort_order,
                additional_config=additional_config,
            )
    except IntegrityError:
        raise duplicate from None
    logger.info("dynamic list %s: item %s created", list_name, item.pk)
    return item


@transaction.atomic
def dynamic_list_item_update(
    *,
    item_id: int,
    item_value: str | None = None,
    item_label: str | None = None,
    is_active: bool | None = None,
    sort_order: int | None = None,
    additional_config: dict[str, Any] | Keep | None = KEEP,
) -> DynamicListItem:
    """Change an item (None, or KEEP for ``additional_config``, leaves a field as it is).

    Deactivating is always allowed: stories keep the value, new ones may no longer choose
    it. Raises NotFound, DynamicListItemExists when another item of the list has the new
    value, and DynamicListItemInUse when the value of an item in use would change (that
    would orphan the stored values and let the item be deleted under them).
    """
    found = DynamicListItem.objects.filter(pk=item_id).values_list("dynamic_list_id", flat=True)
    list_name = found.first()
    if list_name is None:
        raise _item_not_found(item_id)
    DynamicList.objects.select_for_update().filter(pk=list_name).first()
    item = DynamicListItem.objects.select_for_update().filter(pk=item_id).first()
    if item is None:
        raise _item_not_found(item_id)
    if item_value is not None and item_value != item.item_value:
        if _value_taken(item.dynamic_list_id, item_value, exclude_id=item.pk):
            raise DynamicListItemExists(
                f"Another item with value '{item_value}' already exists in list "
                f"'{item.dynamic_list_id}'."
            )
        if selectors.dynamic_list_values_in_use(
            list_name=item.dynamic_list_id, values=[item.item_value]
        ):
            raise DynamicListItemInUse(
                f"Item '{item.item_label}' (ID: {item.pk}) is currently in use, so its value "
                "cannot be changed. Consider deactivating it and adding a new item instead."
            )
        item.item_value = item_value
    if item_label is not None:
        item.item_label = item_label
    if is_active is not None:
        item.is_active = is_active
    if sort_order is not None:
        item.sort_order = sort_order
    if not isinstance(additional_config, Keep):
        item.additional_config = additional_config
    item.save()
    logger.info("dynamic list %s: item %s updated", item.dynamic_list_id, item.pk)
    return item


@transaction.atomic
def dynamic_list_item_delete(*, item_id: int) -> None:
    """Delete an item nothing uses.

    Raises NotFound, and DynamicListItemInUse when any story, page or character stores its
    value (deactivate it instead).
    """
    item = DynamicListItem.objects.select_for_update().filter(pk=item_id).first()
    if item is None:
        raise _item_not_found(item_id)
    if selectors.dynamic_list_values_in_use(
        list_name=item.dynamic_list_id, values=[item.item_value]
    ):
        raise DynamicListItemInUse(
            f"Item '{item.item_label}' (ID: {item.pk}) is currently in use and cannot be "
            "deleted. Consider deactivating it instead."
        )
    item.delete()
    logger.info("dynamic list %s: item %s deleted", item.dynamic_list_id, item_id)
