"""Form helpers every page shares: labels without a colon, and admin-managed option lists."""

from __future__ import annotations

from typing import Any

from django import forms


class PageForm(forms.Form):
    """A form as our pages show it: the label text alone, no trailing colon."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def offer_choices(
    form: forms.Form,
    name: str,
    choices: list[tuple[str, str]],
    *,
    max_length: int,
    keep: str = "",
    blank: str | None = None,
) -> None:
    """Make field ``name`` a choice of an admin-managed list's active ``choices``.

    An empty list admits free text (up to ``max_length``): an admin empties a list to lift
    the restriction. ``keep``, the value already chosen, stays selectable even if an admin
    has since retired it, so reopening a draft or a character never silently changes it.
    ``blank`` adds an empty first choice with that label.
    """
    field = form.fields[name]
    if not choices:
        form.fields[name] = forms.CharField(
            label=field.label,
            required=field.required,
            max_length=max_length,
            help_text=field.help_text,
        )
        return
    options = list(choices)
    if keep and keep not in {value for value, _ in options}:
        options.append((keep, keep))
    if blank is not None:
        options.insert(0, ("", blank))
    form.fields[name] = forms.ChoiceField(
        label=field.label, required=field.required, choices=options, help_text=field.help_text
    )
