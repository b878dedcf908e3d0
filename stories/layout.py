"""The effective layout of a page: the story's settings with the page's own overrides applied.

The reader, the editor and the PDF all lay pages out from this one place. Every value is
checked here, so a template can put them into a ``style`` attribute without further care.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeVar

from stories.models import Page, Story
from stories.prompts import normalize_text_position
from storygen.text_area import text_area

DEFAULT_TEXT_POSITION = "bottom-center"
DEFAULT_FONT_FAMILY = "storybook"
DEFAULT_FONT_COLOR = "#ffffff"
#: Font sizes are points on a page about 600 points wide (US Letter is 612, A4 595); a
#: screen scales them with the page's width so a phone shows the same proportions.
FONT_SIZE_RANGE = (8, 96)
#: "Large print" is a face and a size: text in it is never smaller than this (about 32 pt on
#: paper; the usual default is 28), whatever size the story or the page asks for.
LARGE_PRINT_FAMILY = "large print"
LARGE_PRINT_MIN_FONT_SIZE = 32
#: Text that does not fit its box is set smaller in the PDF (and the editor's print view),
#: never below these sizes: cut-off words are worse than smaller ones, tiny words worse
#: still. On screen the reader keeps to a readable size in CSS px instead (reader.css).
FIT_MIN_FONT_SIZE = 14
FIT_MIN_LARGE_PRINT_SIZE = 24
#: The ink of a split page's text when the story keeps the default white, which is meant to
#: stand out over a picture: beside or under a picture the text sits on light paper.
SPLIT_PAGE_INK = "#2b2420"

#: Page format → (width, height) in any one unit: only the ratio matters.
PAGE_ASPECTS: dict[str, tuple[float, float]] = {
    Story.PageFormat.LETTER: (8.5, 11),
    Story.PageFormat.A4: (210, 297),
    Story.PageFormat.PORTRAIT: (8.5, 11),
    Story.PageFormat.LANDSCAPE: (11, 8.5),
    Story.PageFormat.A4_LANDSCAPE: (297, 210),
    Story.PageFormat.SQUARE: (1, 1),
}

#: The page sizes and orientations people choose from; a square page has no orientation.
PAGE_SIZES = (("square", "Square storybook"), ("a4", "A4"), ("letter", "US Letter"))
PAGE_ORIENTATIONS = (("portrait", "Portrait"), ("landscape", "Landscape"))
#: Page format → (size, orientation) it stands for.
PAGE_FORMAT_PARTS: dict[str, tuple[str, str]] = {
    Story.PageFormat.SQUARE: ("square", "portrait"),
    Story.PageFormat.A4: ("a4", "portrait"),
    Story.PageFormat.A4_LANDSCAPE: ("a4", "landscape"),
    Story.PageFormat.LETTER: ("letter", "portrait"),
    Story.PageFormat.PORTRAIT: ("letter", "portrait"),
    Story.PageFormat.LANDSCAPE: ("letter", "landscape"),
}
#: (size, orientation) → the page format stored for it (the first format listed for it).
_FORMAT_FOR_PARTS: dict[tuple[str, str], str] = {}
for _format, _parts in PAGE_FORMAT_PARTS.items():
    _FORMAT_FOR_PARTS.setdefault(_parts, str(_format))
_FORMAT_FOR_PARTS[("square", "landscape")] = Story.PageFormat.SQUARE.value


def page_format_parts(page_format: str) -> tuple[str, str]:
    """The (size, orientation) of a stored page format (US Letter portrait if unknown)."""
    return PAGE_FORMAT_PARTS.get(page_format, ("letter", "portrait"))


def page_format_for(size: str, orientation: str, *, current: str = "") -> str:
    """The page format of a size and orientation. ``current`` is kept when it already means
    them, so an older spelling ("portrait") is not rewritten just by saving."""
    if current and PAGE_FORMAT_PARTS.get(current) == (size, orientation):
        return current
    return _FORMAT_FOR_PARTS[(size, orientation)]


#: Font family option → (CSS class suffix, font stack). Each stack starts with the font
#: bundled in static/fonts/ (declared in static/css/fonts.css, embedded in the PDF), then
#: names fonts commonly installed and a generic family, for a page shown without it.
FONT_FAMILIES: dict[str, tuple[str, str]] = {
    "storybook": (
        "storybook",
        'Vollkorn, "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, serif',
    ),
    "classic": (
        "classic",
        '"Gentium Book Basic", Baskerville, Garamond, "Times New Roman", Times, serif',
    ),
    "modern": (
        "modern",
        'Cabin, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif',
    ),
    "handwritten": (
        "handwritten",
        '"Comic Neue", "Segoe Print", "Bradley Hand", "Chalkboard SE", "Comic Sans MS", cursive',
    ),
    "dyslexia-friendly": (
        "dyslexia-friendly",
        'Andika, OpenDyslexic, "Atkinson Hyperlegible", Lexend, Verdana, Tahoma, sans-serif',
    ),
    "large print": (
        "large-print",
        '"Noto Sans", "Atkinson Hyperlegible", Verdana, Tahoma, "DejaVu Sans", sans-serif',
    ),
}

_HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
# The text box and the text panel of split layouts: dark under light text, light under dark.
_DARK_PANEL = "#221d26"
_LIGHT_PANEL = "#fdf8f0"

T = TypeVar("T")


@dataclass(frozen=True)
class PageLayout:
    """How one page is laid out. Values are valid and normalised (colours are #rrggbb)."""

    page_format: str
    aspect_width: float
    aspect_height: float
    layout_mode: str
    text_position: str
    font_family: str
    font_key: str
    font_stack: str
    font_size: int
    font_color: str
    text_box_opacity: float
    panel_color: str

    @property
    def vertical(self) -> str:
        """Top, middle or bottom: where the text sits on the page."""
        return self.text_position.split("-")[0]

    @property
    def horizontal(self) -> str:
        """Left, center or right."""
        return self.text_position.split("-")[1]

    @property
    def fit_floor(self) -> float:
        """The smallest font scale that fitting text into its box may use (1: as chosen)."""
        smallest = (
            FIT_MIN_LARGE_PRINT_SIZE
            if self.font_family == LARGE_PRINT_FAMILY
            else FIT_MIN_FONT_SIZE
        )
        return min(1.0, smallest / self.font_size)

    @property
    def aspect_ratio(self) -> str:
        """The page's CSS ``aspect-ratio`` value, e.g. ``8.5 / 11``."""
        return f"{self.aspect_width:g} / {self.aspect_height:g}"

    @property
    def box_background(self) -> str:
        """The overlay text box's colour: the panel colour at the chosen opacity."""
        red, green, blue = (int(self.panel_color[i : i + 2], 16) for i in (1, 3, 5))
        return f"rgb({red} {green} {blue} / {self.text_box_opacity:.2f})"

    @property
    def text_area_variables(self) -> str:
        """The overlay text area (the one the offline painter keeps calm) as percentages."""
        left, top, right, bottom = text_area(self.text_position)
        return (
            f"--text-left: {left:.0%}; --text-top: {top:.0%}; "
            f"--text-width: {right - left:.0%}; --text-height: {bottom - top:.0%}; "
            f"--text-bottom: {1 - bottom:.0%};"
        )

    @property
    def css_variables(self) -> str:
        """Custom properties for a page element's ``style`` attribute."""
        return (
            f"--page-aspect: {self.aspect_ratio}; "
            f"--page-ratio: {self.aspect_width / self.aspect_height:.4f}; "
            f"--page-font-size: {self.font_size}; "
            f"--page-font-family: {self.font_stack}; "
            f"--page-font-color: {self.font_color}; "
            f"--page-box-background: {self.box_background}; "
            f"--page-panel-color: {self.panel_color}; "
            f"{self.text_area_variables}"
        )


def _color(value: str | None) -> str:
    if not value or not _HEX_COLOR.match(value):
        return DEFAULT_FONT_COLOR
    if len(value) == 4:
        value = "#" + "".join(ch * 2 for ch in value[1:])
    return value.lower()


def _is_light(color: str) -> bool:
    red, green, blue = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    # Relative luminance (sRGB weights); 0.5 splits light text from dark text well enough.
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.5


def _pick(override: T | None, default: T) -> T:
    return default if override is None else override


def page_layout(story: Story, page: Page | None = None) -> PageLayout:
    """The layout of ``page`` (or of a page without overrides) in ``story``.

    A page's override wins where it is set; null means the story's default. Values that
    are out of range or unknown fall back to a sensible default instead of failing, so a
    story edited by hand or from an older version still renders. The default white text
    becomes dark ink on a split layout, whose text sits on light paper.
    """
    page_format = story.page_format if story.page_format in PAGE_ASPECTS else "letter"
    width, height = PAGE_ASPECTS[page_format]
    layout_mode = (
        story.layout_mode
        if story.layout_mode in Story.LayoutMode.values
        else Story.LayoutMode.OVERLAY.value
    )
    position = _pick(page.text_position if page else None, story.text_position)
    family = _pick(page.font_family if page else None, story.font_family)
    if family not in FONT_FAMILIES:
        family = DEFAULT_FONT_FAMILY
    font_key, font_stack = FONT_FAMILIES[family]
    size = _pick(page.font_size if page else None, story.font_size)
    smallest = LARGE_PRINT_MIN_FONT_SIZE if family == LARGE_PRINT_FAMILY else FONT_SIZE_RANGE[0]
    color = _color(_pick(page.font_color if page else None, story.font_color))
    if layout_mode != Story.LayoutMode.OVERLAY and color == DEFAULT_FONT_COLOR:
        color = SPLIT_PAGE_INK
    opacity = _pick(page.text_box_opacity if page else None, story.text_box_opacity)
    return PageLayout(
        page_format=page_format,
        aspect_width=width,
        aspect_height=height,
        layout_mode=layout_mode,
        text_position=normalize_text_position(position) or DEFAULT_TEXT_POSITION,
        font_family=family,
        font_key=font_key,
        font_stack=font_stack,
        font_size=min(max(int(size), smallest), FONT_SIZE_RANGE[1]),
        font_color=color,
        text_box_opacity=min(max(float(opacity), 0.0), 1.0),
        panel_color=_DARK_PANEL if _is_light(color) else _LIGHT_PANEL,
    )
