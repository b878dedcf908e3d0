"""Names for copies: "Name (copy)", then "Name (copy 2)", "Name (copy 3)"…"""

from __future__ import annotations

from collections.abc import Callable


def copy_name(name: str, *, is_taken: Callable[[str], bool], max_length: int) -> str:
    """The first "<name> (copy[ n])" that ``is_taken`` says is free, within ``max_length``."""
    base = name[: max_length - len(" (copy 9999)")].rstrip()
    candidate = f"{base} (copy)"
    number = 2
    while is_taken(candidate):
        candidate = f"{base} (copy {number})"
        number += 1
    return candidate
