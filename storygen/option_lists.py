"""The admin-edited option lists (genres, picture styles…) as the rest of the code reads them:
each list's active choices, and a value checked against its list.

The app that keeps the lists (stories) registers how to read them when it starts, so any
app can offer and check options without depending on it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storygen.exceptions import InvalidInput


@dataclass(frozen=True)
class Choice:
    """One active option: what is stored, and what people read."""

    value: str
    label: str


#: Reads the active choices of the named lists, in display order; lists with no active
#: choice are left out.
ChoicesReader = Callable[[Sequence[str]], Mapping[str, list[Choice]]]

_reader: ChoicesReader | None = None


def option_lists_register(reader: ChoicesReader) -> None:
    """Say how to read the lists (their owner calls this when it starts)."""
    global _reader
    _reader = reader


def _read(list_names: Sequence[str]) -> Mapping[str, list[Choice]]:
    if _reader is None:
        raise RuntimeError("no app has registered the option lists")
    return _reader(list_names)


def option_choices(list_name: str) -> list[Choice]:
    """The active choices of one list, in display order (empty when it has none)."""
    return list(_read([list_name]).get(list_name, []))


def option_values(list_names: Sequence[str]) -> dict[str, set[str]]:
    """The active values of each list that has any."""
    return {name: {c.value for c in choices} for name, choices in _read(list_names).items()}


def options_validate(values: Mapping[str, Any], *, lists: Mapping[str, str]) -> None:
    """Check each value of ``values`` against its list (``lists``: field → list name).

    Empty values are not checked, and a list with no active choice accepts anything (so an
    admin can empty a list to lift the restriction). Raises InvalidInput naming every bad
    field.
    """
    wanted = {field: name for field, name in lists.items() if values.get(field) not in (None, "")}
    active = option_values(list(wanted.values()))
    errors = {
        field: [f"'{values[field]}' is not one of the available {name.replace('_', ' ')}."]
        for field, name in wanted.items()
        if name in active and values[field] not in active[name]
    }
    if errors:
        raise InvalidInput(errors=errors)
