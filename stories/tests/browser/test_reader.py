"""Reading a book in the browser: every word of a page in view, pictures whole, by keyboard.

One story per page format holds a page of the longest text each text density allows; the
story's layout is switched between the three layouts, and each page is read at a desktop
and a phone width. The words are checked where the browser put them: every one inside its
box, the page and the window's page column, nothing left to scroll inside the box, and no
text smaller than a readable size (a page too long for that shows its text under the
picture, and the window scrolls instead).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from django.urls import reverse
from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from stories.layout import PAGE_ASPECTS
from stories.models import Story
from stories.prompts import DENSITY_WORDS
from stories.tests.browser.a11y import assert_accessible
from stories.tests.factories import PageFactory, StoryFactory
from storygen.media import store_picture

if TYPE_CHECKING:
    from stories.tests.browser.conftest import Pages, Shots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAYOUTS = [mode.value for mode in Story.LayoutMode]
#: A page per text density, each with a different place for its text.
DENSITY_PAGES = [
    (density, words, position)
    for (density, (_fewest, words)), position in zip(
        DENSITY_WORDS.items(), ("top-left", "middle-center", "bottom-center"), strict=True
    )
]
SENTENCE = (
    "The little lighthouse keeper climbed the winding stairs with her lantern, counting every "
    "step aloud, while the sleepy whale hummed a low song beneath the silver waves"
)
VIEWPORTS = {"desktop": False, "phone": True}
SHORT_TITLE = "The Lighthouse Keeper and the Sleepy Whale"
#: Nearly as long as a title may be (stories.models.TITLE_MAX_LENGTH).
LONG_TITLE = (
    "The Remarkably Long and Winding Tale of the Little Lighthouse Keeper, Her Sleepy Whale, "
    "the Lantern That Would Not Stay Lit, and Everything That Happened on the Longest Night "
    "of the Year, Told Twice"
)

#: The smallest text the reader may show (CSS px, static/css/reader.css --readable-min): a
#: phone's body size and a little more on a larger screen; more again for large print.
READABLE_MIN_PX = {"desktop": 18, "phone": 16}
LARGE_PRINT_MIN_PX = {"desktop": 24, "phone": 22}

# Where the shown page's words are: every word's rectangle against its box, the page, the
# page column of the window and the window's width, and whether it is broken across lines;
# the smallest font size of its text; how the page is laid out (data-text-room) and where
# its picture is.
MEASURE = """() => {
  const screen = document.querySelector('.reader__screen:not([hidden])');
  const page = screen.querySelector('.story-page');
  const box = page.querySelector('.story-page__box');
  const picture = page.querySelector('.story-page__picture');
  const rect = (el) => {
    const r = el.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right};
  };
  const outers = {
    box: rect(box),
    page: rect(page),
    column: rect(document.querySelector('.reader__stage')),
    window: {top: -Infinity, bottom: Infinity, left: 0,
             right: document.documentElement.clientWidth},
  };
  const outside = [];
  let words = 0;
  let smallest = Infinity;
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    smallest = Math.min(smallest, parseFloat(getComputedStyle(node.parentElement).fontSize));
    for (const word of node.textContent.matchAll(/\\S+/g)) {
      words += 1;
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const r = range.getBoundingClientRect();
      if (range.getClientRects().length > 1 && outside.length < 3) {
        outside.push(`word ${words} "${word[0]}" is broken across lines`);
      }
      for (const [name, o] of Object.entries(outers)) {
        const inside = r.top >= o.top - 1 && r.bottom <= o.bottom + 1
          && r.left >= o.left - 1 && r.right <= o.right + 1;
        if (!inside && outside.length < 3) {
          outside.push(`word ${words} "${word[0]}" at ${JSON.stringify(rect(range))} `
                       + `is outside the ${name} ${JSON.stringify(o)}`);
        }
      }
    }
  }
  return {
    scrolls: getComputedStyle(box).overflowY !== 'visible',
    scrollHeight: box.scrollHeight,
    clientHeight: box.clientHeight,
    outside,
    words,
    smallest,
    room: page.dataset.textRoom || '',
    picture: picture ? rect(picture) : null,
    box: outers.box,
    pageWidth: document.documentElement.scrollWidth,
    windowWidth: document.documentElement.clientWidth,
  };
}"""


def _words(count: int) -> str:
    """``count`` words of story text in two paragraphs."""
    vocabulary = SENTENCE.split()
    words = [vocabulary[index % len(vocabulary)] for index in range(count)]
    half = count // 2
    return " ".join(words[:half]) + ".\n\n" + " ".join(words[half:]) + "."


def _picture(page_format: str) -> bytes:
    """A picture at the page's shape with a figure at each edge, which cropping would cut."""
    width, height = PAGE_ASPECTS[page_format]
    size = (600, round(600 * height / width))
    image = Image.new("RGB", size, (120, 170, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, size[1] * 2 // 3, size[0], size[1]), fill=(90, 150, 90))
    for x, y in ((0.08, 0.5), (0.92, 0.5), (0.5, 0.08), (0.5, 0.92)):
        cx, cy = x * size[0], y * size[1]
        draw.ellipse((cx - 30, cy - 30, cx + 30, cy + 30), fill=(230, 120, 40))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def _book(owner: User, page_format: str, title: str = SHORT_TITLE) -> Story:
    story = StoryFactory(
        owner=owner, page_format=page_format, num_pages=len(DENSITY_PAGES), title=title
    )
    picture = _picture(page_format)
    pages = [PageFactory(story=story, number=0, text=story.title)]
    for number, (_density, words, position) in enumerate(DENSITY_PAGES, start=1):
        pages.append(
            PageFactory(story=story, number=number, text=_words(words), text_position=position)
        )
    for page in pages:
        stored = store_picture(
            base=f"stories/{story.pk}/pages/{page.pk}-v1", data=picture, mime="image/jpeg"
        )
        page.image, page.image_display = stored.original, stored.display
        page.image_thumbnail, page.image_version = stored.thumbnail, 1
        page.status = "done"
        page.save()
    return story


def _open(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(".reader__screen:not([hidden]) .story-page")).to_be_visible()
    page.evaluate("document.fonts.ready.then(() => null)")
    page.wait_for_function("document.fonts.status === 'loaded'")


def _problems(where: str, seen: dict[str, Any], words: int, readable_px: float) -> list[str]:
    problems = [f"{where}: {outside}" for outside in seen["outside"]]
    # A box that is no scroll container (text under the picture) hides nothing: its words
    # are checked against it above, and its rounded heights may differ by a pixel.
    if seen["scrolls"] and seen["scrollHeight"] > seen["clientHeight"]:
        problems.append(f"{where}: text scrolls ({seen['scrollHeight']} > {seen['clientHeight']})")
    if seen["words"] < words:
        problems.append(f"{where}: {seen['words']} words shown of {words}")
    if seen["smallest"] < readable_px - 0.01:
        problems.append(f"{where}: text at {seen['smallest']:.1f}px, below {readable_px}px")
    if seen["pageWidth"] > seen["windowWidth"]:
        problems.append(f"{where}: the page is wider than the window ({seen['pageWidth']}px)")
    picture = seen["picture"]
    if seen["room"] == "below" and picture and picture["bottom"] > seen["box"]["top"] + 1:
        problems.append(f"{where}: text under the picture overlaps it ({seen})")
    return problems


def _assert_picture_whole(reader: Page, where: str) -> None:
    """The shown page's picture is whole: its box has the picture's own shape, or the
    picture is fitted inside it."""
    shown = reader.evaluate(
        """() => {
          const img = document.querySelector(
            '.reader__screen:not([hidden]) .story-page__picture img');
          const box = img.getBoundingClientRect();
          return {fit: getComputedStyle(img).objectFit,
                  box: box.width / box.height,
                  picture: img.naturalWidth / img.naturalHeight};
        }"""
    )
    whole = shown["fit"] in ("contain", "scale-down") or (
        abs(shown["box"] - shown["picture"]) < 0.01
    )
    assert whole, f"{where}: the picture is cropped ({shown})"


def test_every_word_of_every_page_is_in_view_in_every_layout_format_and_density(
    user: User,
    login: Callable[[Page, User], None],
    live_server: LiveServer,
    new_page: Pages,
) -> None:
    stories = {page_format: _book(user, page_format, LONG_TITLE) for page_format in PAGE_ASPECTS}
    readers = {name: new_page(mobile=mobile) for name, mobile in VIEWPORTS.items()}
    for reader in readers.values():
        login(reader, user)
    problems: list[str] = []
    for page_format, story in stories.items():
        url = live_server.url + reverse("stories:read", args=[story.pk])
        for layout in LAYOUTS:
            Story.objects.filter(pk=story.pk).update(layout_mode=layout)
            screens = [(0, "cover", len(LONG_TITLE.split()))]
            screens += [
                (number, density, words)
                for number, (density, words, _position) in enumerate(DENSITY_PAGES, start=1)
            ]
            for number, density, words in screens:
                for name, reader in readers.items():
                    _open(reader, f"{url}?page={number}")
                    seen = reader.evaluate(MEASURE)
                    where = f"{page_format} {layout} {density} {name}"
                    problems.extend(_problems(where, seen, words, READABLE_MIN_PX[name]))
    assert not problems, "\n".join(problems)


def test_the_reader_in_every_layout_light_and_dark_at_desktop_and_phone_width(
    user: User,
    login: Callable[[Page, User], None],
    live_server: LiveServer,
    new_page: Pages,
    shots: Shots,
) -> None:
    story = _book(user, Story.PageFormat.LETTER)
    longest = len(DENSITY_PAGES)
    url = live_server.url + reverse("stories:read", args=[story.pk])
    for scheme in ("light", "dark"):
        for name, mobile in VIEWPORTS.items():
            reader = new_page(mobile=mobile, color_scheme=scheme)
            login(reader, user)
            for layout in LAYOUTS:
                Story.objects.filter(pk=story.pk).update(layout_mode=layout)
                for number, length in ((1, "short"), (longest, "longest")):
                    _open(reader, f"{url}?page={number}")
                    shots(reader, f"{layout} {length} {name} {scheme}")
                    _assert_picture_whole(reader, f"{layout} {length} {name}")
            if scheme == "light" and name == "desktop":
                _open(reader, f"{url}?page=0")
                shots(reader, f"cover {name} {scheme}")


def test_a_long_page_in_large_print_stays_large_on_a_phone(
    user: User, login: Callable[[Page, User], None], live_server: LiveServer, new_page: Pages
) -> None:
    story = _book(user, Story.PageFormat.LANDSCAPE)
    Story.objects.filter(pk=story.pk).update(font_family="large print")
    url = live_server.url + reverse("stories:read", args=[story.pk])
    problems: list[str] = []
    for name, mobile in VIEWPORTS.items():
        reader = new_page(mobile=mobile)
        login(reader, user)
        _open(reader, f"{url}?page={len(DENSITY_PAGES)}")
        seen = reader.evaluate(MEASURE)
        words = DENSITY_PAGES[-1][1]
        problems.extend(_problems(f"large print {name}", seen, words, LARGE_PRINT_MIN_PX[name]))
    assert not problems, "\n".join(problems)


def test_without_javascript_every_word_is_under_its_picture_at_a_readable_size(
    user: User,
    login: Callable[[Page, User], None],
    live_server: LiveServer,
    new_page: Pages,
    shots: Shots,
) -> None:
    story = _book(user, Story.PageFormat.LETTER)
    url = live_server.url + reverse("stories:read", args=[story.pk])
    problems: list[str] = []
    for name, mobile in VIEWPORTS.items():
        reader = new_page(mobile=mobile, java_script_enabled=False)
        login(reader, user)
        for layout in LAYOUTS:
            Story.objects.filter(pk=story.pk).update(layout_mode=layout)
            reader.goto(f"{url}?page={len(DENSITY_PAGES)}")
            seen = reader.evaluate(MEASURE)
            where = f"no script {layout} {name}"
            problems.extend(_problems(where, seen, DENSITY_PAGES[-1][1], READABLE_MIN_PX[name]))
            if seen["picture"]["bottom"] > seen["box"]["top"] + 1:
                problems.append(f"{where}: the text is not under the picture")
            _assert_picture_whole(reader, where)
        shots(reader, f"no script {name}")
    assert not problems, "\n".join(problems)


def test_the_text_box_is_reached_by_keyboard_and_named(
    user: User, login: Callable[[Page, User], None], live_server: LiveServer, page: Page
) -> None:
    story = _book(user, Story.PageFormat.SQUARE)
    login(page, user)
    _open(page, live_server.url + reverse("stories:read", args=[story.pk]) + "?page=3")
    box = page.locator(".reader__screen:not([hidden]) .story-page__box")
    for _ in range(30):
        page.keyboard.press("Tab")
        if box.evaluate("element => element === document.activeElement"):
            break
    expect(box).to_be_focused()
    expect(page.get_by_role("group", name="Text of page 3")).to_be_focused()
    assert_accessible(page)


def test_a_picture_above_text_page_has_its_text_on_a_light_panel(
    user: User, login: Callable[[Page, User], None], live_server: LiveServer, page: Page
) -> None:
    story = _book(user, Story.PageFormat.LETTER)
    Story.objects.filter(pk=story.pk).update(layout_mode=Story.LayoutMode.HORIZONTAL)
    login(page, user)
    _open(page, live_server.url + reverse("stories:read", args=[story.pk]) + "?page=1")
    colours = page.evaluate(
        """() => {
          const text = document.querySelector('.reader__screen:not([hidden]) .story-page__text');
          const page = text.closest('.story-page');
          const rgb = (value) => value.match(/\\d+/g).slice(0, 3).map(Number);
          return {panel: rgb(getComputedStyle(page).backgroundColor),
                  ink: rgb(getComputedStyle(text).color)};
        }"""
    )
    assert min(colours["panel"]) > 200, colours
    assert max(colours["ink"]) < 100, colours
