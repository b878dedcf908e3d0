"""The story editor's pages: the printed preview, saving with plain forms and by autosave,
page overrides, restoring, picture versions, redraws and rewritten texts, and who may see it."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from stories import services
from stories.layout_input import PAGE_OVERRIDE_FIELDS
from stories.models import Page, PageImage, PageRedrawJob, Story
from stories.tests.factories import PageFactory, StoryFactory
from stories.tests.providers import ScriptedProvider
from storygen.ai.errors import AIProviderAuthFailed, AIProviderUnavailable
from storygen.media import media_path

pytestmark = pytest.mark.django_db

JSON = {"Accept": "application/json"}
STORY_FIELDS = (
    "title",
    "page_format",
    "layout_mode",
    "text_position",
    "font_family",
    "font_size",
    "font_color",
    "text_box_opacity",
    "updated_at",
)
#: Fields shown as choices: a value not offered cannot be shown back as chosen.
CHOICES = ("page_size", "font_family", "text_position", "page-font_family", "page-text_position")
#: At most this many queries for the editor, its JSON preview and its picture panel, however
#: long the story.
EDITOR_QUERIES, PREVIEW_QUERIES, PANEL_QUERIES = 13, 5, 9
OVERRIDES = {
    "text_position": "top-right",
    "font_family": "handwritten",
    "font_size": 44,
    "font_color": "#000000",
    "text_box_opacity": 0.35,
}


@pytest.fixture(autouse=True)
def _own_media(settings: Any, tmp_path: Path) -> None:
    """A media folder per test: story ids repeat between tests, their pictures must not."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _written(owner: User, run_pipeline: Callable[..., Any], request: dict[str, Any]) -> Story:
    task = run_pipeline(services.story_generation_start, owner=owner, **request)
    story = Story.objects.get(pk=task.story_id)
    assert story.status == Story.Status.READY
    return story


@pytest.fixture
def story(user: User, run_pipeline: Callable[..., Any], story_request: dict[str, Any]) -> Story:
    """A finished story written and drawn by the offline provider: the cover and 3 pages."""
    return _written(user, run_pipeline, story_request)


@pytest.fixture
def owner(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


# --- helpers ------------------------------------------------------------------------------


def _page(story: Story, number: int) -> Page:
    return Page.objects.get(story=story, number=number)


def _edit(story: Story, screen: int = 0) -> str:
    url = reverse("stories:edit", args=[story.pk])
    return f"{url}?page={screen}" if screen else url


def _html(response: Any) -> str:
    return response.content.decode()


def _follow(client: Client, response: Any, to: str) -> str:
    """The page a redirect leads to (which shows the messages the request left)."""
    assert response.status_code == 302
    assert response["Location"] == to
    return _html(client.get(to))


def _preview(html: str) -> str:
    """The printed sheet of the page being edited."""
    match = re.search(
        r"<div class=\"editor__sheet[^>]*data-preview[^>]*>(.*?)</section>", html, re.S
    )
    assert match, "no preview sheet"
    return match.group(1)


def _strip(html: str) -> str:
    match = re.search(r"<ol class=\"strip\">(.*?)</ol>", html, re.S)
    assert match, "no page strip"
    return match.group(1)


def _field_errors(html: str, name: str) -> list[str]:
    """The messages shown on the field whose html name is ``name``."""
    match = re.search(
        rf"<ul class=\"errorlist\" id=\"id_{re.escape(name)}_error\">(.*?)</ul>", html
    )
    return (
        [unescape(item) for item in re.findall(r"<li>(.*?)</li>", match.group(1))] if match else []
    )


def _picture(story: Story, page: Page, variant: str = "display") -> str:
    url = reverse("stories:page-image", args=[story.pk, page.pk, variant])
    return f'src="{url}?v={page.image_version}"'


class _FormReader(HTMLParser):
    """What a browser submits for one form of a page, without pressing any button."""

    def __init__(self, marker: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.found = False
        self.fields: dict[str, list[str]] = {}
        self._inside = False
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def _add(self, name: str, value: str) -> None:
        self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self._inside = found.get("id") == self.marker or self.marker in found
            self.found = self.found or self._inside
            return
        if not self._inside:
            return
        name = found.get("name")
        kind = found.get("type") or "text"
        if tag == "input" and name and kind not in ("submit", "button", "reset", "image"):
            if kind in ("checkbox", "radio"):
                if "checked" in found:
                    self._add(name, found.get("value") or "on")
            else:
                self._add(name, found.get("value") or "")
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select:
            self._options.append((found.get("value") or "", "selected" in found))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._inside = False
        elif tag == "select" and self._select:
            chosen = [value for value, selected in self._options if selected] or [
                value for value, _ in self._options[:1]
            ]
            for value in chosen:
                self._add(self._select, value)
            self._select = None
        elif tag == "textarea" and self._textarea:
            # Browsers drop the line break that follows <textarea>.
            self._add(self._textarea, "".join(self._text).removeprefix("\n"))
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)


def _form_data(html: str, marker: str = "editor-form") -> dict[str, Any]:
    """The values of the form with id ``marker`` (or the attribute ``marker``) as shown."""
    reader = _FormReader(marker)
    reader.feed(html)
    assert reader.found, f"no form {marker}"
    return {
        name: values if len(values) > 1 else values[0] for name, values in reader.fields.items()
    }


def _editor_form(client: Client, story: Story, screen: int = 0) -> dict[str, Any]:
    """The editor's form at ``screen`` as the person sees it."""
    response = client.get(_edit(story, screen))
    assert response.status_code == 200
    return _form_data(_html(response))


def _save(
    client: Client, story: Story, data: dict[str, Any], *, action: str = "save", json: bool = False
) -> Any:
    return client.post(
        reverse("stories:edit", args=[story.pk]),
        {**data, "action": action},
        headers=JSON if json else {},
    )


def _stored(story: Story) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Everything the editor can change, as saved."""
    pages = Page.objects.filter(story=story).order_by("number")
    return (
        Story.objects.filter(pk=story.pk).values(*STORY_FIELDS).get(),
        list(pages.values("text", "image", *PAGE_OVERRIDE_FIELDS, "updated_at")),
    )


def _overrides(page: Page) -> dict[str, Any]:
    page.refresh_from_db()
    return {name: getattr(page, name) for name in PAGE_OVERRIDE_FIELDS}


def _redrawn(page: Page) -> PageRedrawJob:
    """Redraw the page as the worker does."""
    job = services.page_redraw_request(page=page)
    services.page_redraw(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == PageRedrawJob.Status.DONE
    return job


# --- opening the editor -------------------------------------------------------------------


def test_the_editor_opens_on_the_cover_with_its_printed_sheet_and_every_page(
    owner: Client, story: Story
) -> None:
    response = owner.get(_edit(story))
    assert response.status_code == 200
    html = _html(response)
    assert html.count("<h1") == 1
    assert "Edit <span data-editor-title>The Lantern Keeper</span>" in html
    cover = _page(story, 0)
    preview = _preview(html)
    assert 'class="pdf-page ' in preview
    assert "pdf-page--cover" in preview
    assert _picture(story, cover) in preview
    assert '<p class="pdf-page__title">The Lantern Keeper</p>' in preview
    strip = _strip(html)
    assert strip.count('<li class="strip__item') == 4
    assert strip.count('class="pdf-page ') == 4
    assert f'href="{_edit(story)}" aria-current="page"' in strip
    for page in Page.objects.filter(story=story):
        assert f'href="{_edit(story, page.number)}"' in strip
        assert _picture(story, page, "thumbnail") in strip
    assert re.findall(r"strip__label\">(\w+(?: \d+)?)", strip) == [
        "Cover",
        "Page 1",
        "Page 2",
        "Page 3",
    ]
    form = _form_data(html)
    assert form["title"] == "The Lantern Keeper"
    assert form["parts"] == ["document", "page"]
    assert form["page"] == str(cover.pk)
    assert "page-text" not in form  # the cover's text is the title


def test_a_page_opens_with_its_text_its_picture_and_its_look(owner: Client, story: Story) -> None:
    page = _page(story, 2)
    html = _html(owner.get(_edit(story, 2)))
    assert html.count("<h1") == 1
    assert "Preview of page 2" in html
    preview = _preview(html)
    assert 'data-page="2"' in preview
    assert escape(page.text) in preview
    assert _picture(story, page) in preview
    assert f'href="{_edit(story, 2)}" aria-current="page"' in _strip(html)
    form = _form_data(html)
    assert form["page"] == str(page.pk)
    assert form["screen"] == "2"
    assert form["page-text"] == page.text
    # No box ticked: the page shows the document's look.
    assert not [name for name in form if name.startswith("page-own_")]
    assert (form["page-font_size"], form["page-text_box_opacity"]) == ("28", "60")
    assert "Redraw this picture" in html
    assert "Rewrite this page" in html


@pytest.mark.parametrize(
    ("asked", "shown"),
    [("abc", "the cover"), ("-2", "the cover"), ("", "the cover"), ("99", "page 3")],
)
def test_a_screen_number_that_makes_no_sense_still_opens_the_editor(
    owner: Client, story: Story, asked: str, shown: str
) -> None:
    response = owner.get(f"{_edit(story)}?page={asked}")
    assert response.status_code == 200
    assert f"Preview of {shown}" in _html(response)


# --- who may edit -------------------------------------------------------------------------

ROUTES = [
    "edit",
    "save",
    "restore-text",
    "restore-picture",
    "use-picture",
    "redraw",
    "picture-status",
    "rewrite",
    "image-version",
]


def _route(name: str, story: Story, page: Page, image: PageImage) -> tuple[str, str, dict]:
    on_page = [story.pk, page.pk]
    return {
        "edit": ("get", _edit(story), {}),
        "save": ("post", _edit(story), {"parts": "text", "page": page.pk, "page-text": "Mine."}),
        "restore-text": ("post", reverse("stories:edit-restore-text", args=on_page), {}),
        "restore-picture": ("post", reverse("stories:edit-restore-picture", args=on_page), {}),
        "use-picture": (
            "post",
            reverse("stories:edit-use-picture", args=[*on_page, image.pk]),
            {},
        ),
        "redraw": ("post", reverse("stories:edit-redraw", args=on_page), {"description": "Fog"}),
        "picture-status": ("get", reverse("stories:edit-picture-status", args=on_page), {}),
        "rewrite": ("post", reverse("stories:edit-rewrite", args=on_page), {"instructions": ""}),
        "image-version": (
            "get",
            reverse("stories:page-image-version", args=[*on_page, image.pk, "display"]),
            {},
        ),
    }[name]


def _call(client: Client, name: str, story: Story, page: Page, image: PageImage) -> Any:
    method, url, data = _route(name, story, page, image)
    return getattr(client, method)(url, data)


@pytest.mark.parametrize("name", ROUTES)
def test_anonymous_visitors_are_sent_to_log_in(client: Client, story: Story, name: str) -> None:
    page = _page(story, 1)
    before = _stored(story)
    response = _call(client, name, story, page, page.images.get())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert _stored(story) == before
    assert not PageRedrawJob.objects.exists()


@pytest.mark.parametrize("name", ROUTES)
def test_another_users_story_is_not_found(
    client: Client, other_user: User, story: Story, name: str
) -> None:
    client.force_login(other_user)
    page = _page(story, 1)
    before = _stored(story)
    assert _call(client, name, story, page, page.images.get()).status_code == 404
    assert _stored(story) == before
    assert not PageRedrawJob.objects.exists()


@pytest.mark.parametrize("flag", ["is_hidden", "is_deleted"])
def test_hidden_and_deleted_stories_are_not_found(owner: Client, story: Story, flag: str) -> None:
    Story.objects.filter(pk=story.pk).update(**{flag: True})
    page = _page(story, 1)
    for name in ROUTES:
        assert _call(owner, name, story, page, page.images.get()).status_code == 404, name


@pytest.mark.parametrize("name", [name for name in ROUTES if name != "edit"])
def test_a_page_of_another_story_is_not_found(
    owner: Client, user: User, story: Story, name: str
) -> None:
    elsewhere = StoryFactory(owner=user)
    stranger = PageFactory(story=elsewhere, number=1, text="Not this story.")
    before = _stored(story)
    response = _call(owner, name, story, stranger, _page(story, 1).images.get())
    assert response.status_code == 404
    assert _stored(story) == before
    assert Page.objects.get(pk=stranger.pk).text == "Not this story."
    assert not PageRedrawJob.objects.exists()


def test_a_draft_opens_the_wizard_where_it_was_left(owner: Client, user: User) -> None:
    draft = StoryFactory(owner=user, status=Story.Status.DRAFT)
    response = owner.get(_edit(draft))
    assert response.status_code == 302
    assert response["Location"] == reverse("stories:resume-draft", args=[draft.pk])


@pytest.mark.parametrize("status", [Story.Status.QUEUED, Story.Status.GENERATING])
def test_a_story_still_being_made_sends_its_owner_to_the_progress(
    owner: Client, user: User, status: str
) -> None:
    story = StoryFactory(owner=user, status=status)
    page = PageFactory(story=story, number=1, text="Half written.")
    progress = reverse("stories:progress", args=[story.pk])
    html = _follow(owner, owner.get(_edit(story)), progress)
    assert "You can edit this story once it is finished." in html
    response = _save(owner, story, {"parts": "text", "page": page.pk, "page-text": "Changed."})
    assert response.status_code == 302
    assert response["Location"] == progress
    assert Page.objects.get(pk=page.pk).text == "Half written."
    response = owner.get(_edit(story), headers=JSON)
    assert response.status_code == 409
    assert response.json() == {"detail": "You can edit this story once it is finished."}


def test_a_story_that_could_not_be_written_has_nothing_to_edit(owner: Client, user: User) -> None:
    story = StoryFactory(owner=user, status=Story.Status.FAILED)
    html = _follow(owner, owner.get(_edit(story)), reverse("stories:progress", args=[story.pk]))
    assert "This story has no pages to edit: it could not be written." in html


# --- saving with the plain form -----------------------------------------------------------


def test_saving_the_documents_look_applies_to_every_page(owner: Client, story: Story) -> None:
    data = _editor_form(owner, story, 1) | {
        "page_size": "a4",
        "page_orientation": "portrait",
        "layout_mode": "horizontal-split",
        "font_family": "classic",
        "font_size": "40",
        "font_color": "#112233",
        "text_box_opacity": "25",
        "text_position": "top-left",
    }
    html = _follow(owner, _save(owner, story, data), _edit(story, 1))
    assert "Your changes are saved." in html
    story.refresh_from_db()
    assert (
        story.page_format,
        story.layout_mode,
        story.font_family,
        story.font_size,
        story.font_color,
        story.text_box_opacity,
        story.text_position,
    ) == ("a4", "horizontal-split", "classic", 40, "#112233", 0.25, "top-left")
    # Every page prints with it, and none took it as its own.
    strip = _strip(html)
    assert strip.count("pdf-page--a4 pdf-page--horizontal-split") == 4
    assert strip.count("pdf-page--font-classic") == 4
    assert strip.count("--page-font-size: 40;") == 4
    assert "pdf-page--a4" in _preview(html)
    for page in Page.objects.filter(story=story):
        assert set(_overrides(page).values()) == {None}
    form = _form_data(html)
    assert (form["font_size"], form["text_box_opacity"], form["page-font_size"]) == (
        "40",
        "25",
        "40",
    )


def test_saving_a_pages_text_changes_that_page_only(owner: Client, story: Story) -> None:
    others = {page.pk: page.text for page in Page.objects.filter(story=story).exclude(number=2)}
    page = _page(story, 2)
    original = page.text
    data = _editor_form(owner, story, 2) | {"page-text": "  The sea was calm at last.  "}
    html = _follow(owner, _save(owner, story, data), _edit(story, 2))
    assert "Your changes are saved." in html
    page.refresh_from_db()
    assert page.text == "The sea was calm at last."
    assert page.original_text == original
    assert {p.pk: p.text for p in Page.objects.filter(story=story).exclude(number=2)} == others
    assert "The sea was calm at last." in _preview(html)
    assert "Restore the original text" in html


def test_the_covers_title_field_renames_the_story(owner: Client, story: Story) -> None:
    data = _editor_form(owner, story) | {"title": "The Whale Road"}
    html = _follow(owner, _save(owner, story, data), _edit(story))
    story.refresh_from_db()
    assert story.title == "The Whale Road"
    assert _page(story, 0).text == "The Whale Road"
    assert "Edit <span data-editor-title>The Whale Road</span>" in html
    assert '<p class="pdf-page__title">The Whale Road</p>' in _preview(html)


@pytest.mark.parametrize("json", [False, True], ids=["form", "autosave"])
def test_a_title_the_owner_already_uses_is_refused_and_nothing_is_saved(
    owner: Client, user: User, story: Story, json: bool
) -> None:
    StoryFactory(owner=user, title="Taken")
    data = _editor_form(owner, story, 1) | {
        "title": "Taken",
        "font_size": "40",
        "page-text": "Changed words.",
    }
    before = _stored(story)
    response = _save(owner, story, data, json=json)
    assert response.status_code == 400
    taken = "You already have a story with this title: choose another."
    if json:
        assert response.json()["errors"] == {"title": [taken]}
    else:
        assert _field_errors(_html(response), "title") == [taken]
    assert _stored(story) == before


# (html field name, value sent, message shown on that field); a page's own setting is sent
# with its box ticked.
INVALID = [
    ("title", "", "This field is required."),
    ("page_size", "a3", "Select a valid choice. a3 is not one of the available choices."),
    ("font_color", "red", "Use a hex colour such as #ffffff."),
    ("font_size", "57", "Ensure this value is less than or equal to 56."),
    ("font_size", "big", "Enter a whole number."),
    ("font_family", "Comic Sans", "Select a valid choice. Comic Sans is not one of"),
    ("text_position", "upside-down", "Select a valid choice. upside-down is not one of"),
    ("text_box_opacity", "101", "Ensure this value is less than or equal to 100."),
    ("page-text", "   ", "The text cannot be empty."),
    ("page-text", "x" * 5001, "Ensure this value has at most 5000 characters (it has 5001)."),
    ("page-font_color", "#12345", "Use a hex colour such as #ffffff."),
    ("page-font_size", "15", "Ensure this value is greater than or equal to 16."),
    ("page-font_size", "", "Choose a value, or untick the box to use the document's."),
    ("page-font_family", "Comic Sans", "Select a valid choice. Comic Sans is not one of"),
    ("page-text_position", "sideways", "Select a valid choice. sideways is not one of"),
    ("page-text_box_opacity", "150", "Ensure this value is less than or equal to 100."),
]


def _with_bad_value(data: dict[str, Any], field: str, value: str) -> dict[str, Any]:
    """The form with good changes everywhere and one bad value."""
    data = data | {"title": "A New Title", "font_size": "40", "page-text": "A new text."}
    data[field] = value
    if field.startswith("page-") and field != "page-text":
        data[f"page-own_{field.removeprefix('page-')}"] = "on"
    return data


@pytest.mark.parametrize(("field", "value", "message"), INVALID)
def test_a_bad_value_is_shown_on_its_field_and_nothing_is_saved(
    owner: Client, story: Story, field: str, value: str, message: str
) -> None:
    data = _with_bad_value(_editor_form(owner, story, 1), field, value)
    before = _stored(story)
    response = _save(owner, story, data)
    assert response.status_code == 400
    html = _html(response)
    errors = _field_errors(html, field)
    assert len(errors) == 1
    assert errors[0].startswith(message)
    assert _stored(story) == before
    # The person's other changes are still in the form, to fix the one field and save again.
    form = _form_data(html)
    assert form["page-text"] == data["page-text"]
    if field not in CHOICES:
        assert form[field] == value
    assert form["parts"] == ["document", "page"]
    # The preview shows what is saved.
    assert escape(_page(story, 1).text) in _preview(html)


@pytest.mark.parametrize(("field", "value", "message"), INVALID)
def test_autosave_names_the_bad_field_and_saves_nothing(
    owner: Client, story: Story, field: str, value: str, message: str
) -> None:
    data = _with_bad_value(_editor_form(owner, story, 1), field, value)
    before = _stored(story)
    response = _save(owner, story, data, json=True)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Not saved: check the marked fields."
    assert list(body["errors"]) == [field]
    assert body["errors"][field][0].startswith(message)
    assert _stored(story) == before


@pytest.mark.parametrize(
    ("before", "shown", "chosen", "after"),
    [
        ("letter", ("letter", "portrait"), ("a4", "landscape"), "a4-landscape"),
        ("a4-landscape", ("a4", "landscape"), ("letter", "landscape"), "landscape"),
        # An older spelling is left alone when its size and orientation stay.
        ("portrait", ("letter", "portrait"), ("letter", "portrait"), "portrait"),
    ],
)
def test_the_document_page_is_chosen_as_a_size_and_an_orientation(
    owner: Client,
    story: Story,
    before: str,
    shown: tuple[str, str],
    chosen: tuple[str, str],
    after: str,
) -> None:
    Story.objects.filter(pk=story.pk).update(page_format=before)
    data = _editor_form(owner, story, 1)
    assert (data["page_size"], data["page_orientation"]) == shown
    data |= {"page_size": chosen[0], "page_orientation": chosen[1]}

    html = _follow(owner, _save(owner, story, data), _edit(story, 1))

    story.refresh_from_db()
    assert story.page_format == after
    assert f"pdf-frame--{after}" in html


# --- a page's own look --------------------------------------------------------------------


def test_ticked_settings_become_the_pages_own(owner: Client, story: Story) -> None:
    data = _editor_form(owner, story, 2) | {
        "page-own_text_position": "on",
        "page-text_position": "top-right",
        "page-own_font_family": "on",
        "page-font_family": "handwritten",
        "page-own_font_size": "on",
        "page-font_size": "44",
        "page-own_font_color": "on",
        "page-font_color": "#ABC",
        "page-own_text_box_opacity": "on",
        "page-text_box_opacity": "35",
    }
    document = Story.objects.filter(pk=story.pk).values(*STORY_FIELDS[1:-1]).get()
    html = _follow(owner, _save(owner, story, data), _edit(story, 2))
    assert _overrides(_page(story, 2)) == OVERRIDES | {"font_color": "#aabbcc"}
    assert Story.objects.filter(pk=story.pk).values(*STORY_FIELDS[1:-1]).get() == document
    for number in (0, 1, 3):
        assert set(_overrides(_page(story, number)).values()) == {None}
    preview = _preview(html)
    assert "pdf-page--v-top pdf-page--h-right pdf-page--font-handwritten" in preview
    assert "--page-font-size: 44;" in preview
    assert "--page-font-color: #aabbcc;" in preview
    assert "0.35)" in preview  # the text box's background
    form = _form_data(html)
    assert all(form[f"page-own_{name}"] == "on" for name in PAGE_OVERRIDE_FIELDS)
    assert (form["page-font_size"], form["page-text_box_opacity"]) == ("44", "35")
    assert (form["font_size"], form["text_box_opacity"]) == ("28", "60")


def test_unticking_a_box_gives_the_page_the_documents_value_again(
    owner: Client, story: Story
) -> None:
    page = _page(story, 1)
    services.story_editor_update(story=story, pages=[{"id": page.pk, **OVERRIDES}])
    data = _editor_form(owner, story, 1)
    assert all(data[f"page-own_{name}"] == "on" for name in PAGE_OVERRIDE_FIELDS)
    del data["page-own_font_size"]
    del data["page-own_text_box_opacity"]
    html = _follow(owner, _save(owner, story, data), _edit(story, 1))
    assert _overrides(page) == OVERRIDES | {"font_size": None, "text_box_opacity": None}
    assert "--page-font-size: 28;" in _preview(html)
    form = _form_data(html)
    assert "page-own_font_size" not in form
    assert form["page-font_size"] == "28"  # the document's, shown


@pytest.mark.parametrize("json", [False, True], ids=["form", "autosave"])
def test_use_document_defaults_clears_every_override(
    owner: Client, story: Story, json: bool
) -> None:
    page = _page(story, 1)
    other = _page(story, 2)
    services.story_editor_update(
        story=story,
        pages=[{"id": page.pk, **OVERRIDES}, {"id": other.pk, "font_size": 20}],
    )
    data = _editor_form(owner, story, 1)
    response = _save(owner, story, data, action="page-defaults", json=json)
    assert Page.objects.filter(
        pk=page.pk, **{f"{name}__isnull": True for name in PAGE_OVERRIDE_FIELDS}
    ).exists()
    assert _overrides(other)["font_size"] == 20  # another page keeps its own
    if json:
        assert response.status_code == 200
        assert "--page-font-size: 28;" in response.json()["preview"]
    else:
        html = _follow(owner, response, _edit(story, 1))
        assert "This page uses the document&#x27;s settings again." in html
        assert not [name for name in _form_data(html) if name.startswith("page-own_")]


def test_accepting_a_text_changes_only_the_text(owner: Client, story: Story) -> None:
    page = _page(story, 1)
    services.story_editor_update(story=story, pages=[{"id": page.pk, **OVERRIDES}])
    document = Story.objects.filter(pk=story.pk).values(*STORY_FIELDS[:-1]).get()
    response = _save(
        owner,
        story,
        # Look values sent beside the text are not part of it and change nothing.
        {
            "parts": "text",
            "page": page.pk,
            "page-text": "Only the words change.",
            "font_size": "50",
        },
    )
    html = _follow(owner, response, _edit(story, 1))
    assert "Your changes are saved." in html
    page.refresh_from_db()
    assert page.text == "Only the words change."
    assert _overrides(page) == OVERRIDES
    assert Story.objects.filter(pk=story.pk).values(*STORY_FIELDS[:-1]).get() == document


def test_an_empty_accepted_text_is_refused(owner: Client, story: Story) -> None:
    page = _page(story, 1)
    services.story_editor_update(story=story, pages=[{"id": page.pk, **OVERRIDES}])
    before = _stored(story)
    data = {"parts": "text", "page": page.pk, "page-text": "  "}
    response = _save(owner, story, data, json=True)
    assert response.status_code == 400
    assert response.json()["errors"] == {"page-text": ["The text cannot be empty."]}
    response = _save(owner, story, data)
    assert response.status_code == 400
    html = _html(response)
    assert _field_errors(html, "page-text") == ["The text cannot be empty."]
    assert _stored(story) == before
    # The editor around the message is whole: the page's own look is still shown (ticked),
    # so saving from this page keeps it rather than clearing every override.
    form = _form_data(html)
    assert (form.get("page-own_font_size"), form.get("page-font_size")) == ("on", "44"), (
        "after a refused text the page's look controls are rendered empty"
    )
    _follow(owner, _save(owner, story, form | {"page-text": "Fixed."}), _edit(story, 1))
    assert _overrides(page) == OVERRIDES


def test_a_save_without_a_page_number_is_not_found(owner: Client, story: Story) -> None:
    for page in ("", "abc", "999999"):
        data = {"parts": "text", "page": page, "page-text": "Lost."}
        assert _save(owner, story, data).status_code == 404


# --- autosave -----------------------------------------------------------------------------


def test_autosave_saves_and_answers_with_the_fresh_preview(owner: Client, story: Story) -> None:
    data = _editor_form(owner, story, 1) | {"page-text": "Autosaved words.", "font_size": "36"}
    response = _save(owner, story, data, json=True)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"title", "preview", "strip", "saved_at", "version", "redraws"}
    saved = Story.objects.get(pk=story.pk)
    # The version the page now stands on, for its next save.
    assert (body["version"], body["redraws"]) == (saved.edit_version, "")
    assert response["ETag"] == f'"{story.pk}-{saved.edit_version}"'
    assert body["title"] == "The Lantern Keeper"
    assert re.fullmatch(r"\d\d:\d\d:\d\d", body["saved_at"])
    assert body["preview"].count('class="pdf-page ') == 1
    assert 'data-page="1"' in body["preview"]
    assert "Autosaved words." in body["preview"]
    assert "--page-font-size: 36;" in body["preview"]
    assert _picture(story, _page(story, 1)) in body["preview"]
    assert body["strip"].count('<li class="strip__item') == 4
    assert f'href="{_edit(story, 1)}" aria-current="page"' in body["strip"]
    assert _page(story, 1).text == "Autosaved words."
    assert Story.objects.get(pk=story.pk).font_size == 36


def test_autosave_on_the_cover_renames_the_story(owner: Client, story: Story) -> None:
    data = _editor_form(owner, story) | {"title": "The Whale Road"}
    body = _save(owner, story, data, json=True).json()
    assert body["title"] == "The Whale Road"
    assert '<p class="pdf-page__title">The Whale Road</p>' in body["preview"]
    assert Story.objects.get(pk=story.pk).title == "The Whale Road"


def test_the_script_can_ask_for_the_preview_of_a_page(owner: Client, story: Story) -> None:
    page = _page(story, 2)
    response = owner.get(_edit(story, 2), headers=JSON)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"title", "preview", "strip"}
    assert 'data-page="2"' in body["preview"]
    assert _picture(story, page) in body["preview"]
    assert f'href="{_edit(story, 2)}" aria-current="page"' in body["strip"]


# --- restoring text and pictures ----------------------------------------------------------


def test_restore_text_brings_the_original_back(owner: Client, story: Story) -> None:
    page = _page(story, 1)
    original = page.text
    data = _editor_form(owner, story, 1) | {"page-text": "My own words."}
    html = _follow(owner, _save(owner, story, data), _edit(story, 1))
    assert "Restore the original text" in html
    restore = reverse("stories:edit-restore-text", args=[story.pk, page.pk])
    assert f'action="{restore}"' in html
    html = _follow(owner, owner.post(restore), _edit(story, 1))
    assert "The page has its original text again." in html
    assert _page(story, 1).text == original
    assert _form_data(html)["page-text"] == original
    assert "Restore the original text" not in html


def test_restoring_the_covers_text_to_a_title_now_taken_says_so(
    owner: Client, user: User, story: Story
) -> None:
    cover = _page(story, 0)
    services.story_title_update(story=story, title="The Whale Road")
    StoryFactory(owner=user, title="The Lantern Keeper")
    response = owner.post(reverse("stories:edit-restore-text", args=[story.pk, cover.pk]))
    html = _follow(owner, response, _edit(story))
    assert "The original text is the title of another of your stories" in html
    assert Story.objects.get(pk=story.pk).title == "The Whale Road"
    assert _page(story, 0).text == "The Whale Road"


def test_a_redrawn_page_lists_its_versions_and_an_earlier_one_comes_back(
    owner: Client, story: Story
) -> None:
    page = _page(story, 1)
    first = page.images.get()
    _redrawn(page)
    page.refresh_from_db()
    html = _html(owner.get(_edit(story, 1)))
    assert _picture(story, page) in _preview(html)
    assert page.image_version == 2
    assert 'Versions <span class="muted">(2)</span>' in html
    assert html.count("Use this one") == 1
    use = reverse("stories:edit-use-picture", args=[story.pk, page.pk, first.pk])
    assert f'action="{use}"' in html
    assert "Restore the original picture" in html
    for image in page.images.all():
        url = reverse("stories:page-image-version", args=[story.pk, page.pk, image.pk, "thumbnail"])
        assert f'src="{url}"' in html

    html = _follow(owner, owner.post(use), _edit(story, 1))
    assert "That picture is back on the page." in html
    page.refresh_from_db()
    assert page.image.name == first.image.name
    assert page.image_version == 1
    assert _picture(story, page) in _preview(html)
    assert page.images.count() == 2  # the redraw stays a version
    assert html.count("Use this one") == 1


def test_restore_picture_shows_the_first_picture_again(owner: Client, story: Story) -> None:
    page = _page(story, 1)
    original = page.image.name
    _redrawn(page)
    response = owner.post(reverse("stories:edit-restore-picture", args=[story.pk, page.pk]))
    html = _follow(owner, response, _edit(story, 1))
    assert "The page has its first picture again" in html
    page.refresh_from_db()
    assert page.image.name == original
    assert page.images.count() == 2
    assert "Restore the original picture" not in html


def test_restore_picture_without_an_original_says_so(owner: Client, story: Story) -> None:
    page = _page(story, 1)
    Page.objects.filter(pk=page.pk).update(original_image="")
    response = owner.post(reverse("stories:edit-restore-picture", args=[story.pk, page.pk]))
    html = _follow(owner, response, _edit(story, 1))
    assert "This page has no original picture to go back to." in html
    assert Page.objects.get(pk=page.pk).image.name == page.image.name


def test_a_picture_of_another_page_cannot_be_used(owner: Client, story: Story) -> None:
    page = _page(story, 1)
    elsewhere = _page(story, 2).images.get()
    use = reverse("stories:edit-use-picture", args=[story.pk, page.pk, elsewhere.pk])
    assert owner.post(use).status_code == 404
    assert Page.objects.get(pk=page.pk).image.name == page.image.name


def test_the_owner_sees_each_picture_version(owner: Client, story: Story) -> None:
    page = _page(story, 1)
    image = page.images.get()
    for variant, field in (
        ("original", "image"),
        ("display", "display"),
        ("thumbnail", "thumbnail"),
    ):
        url = reverse("stories:page-image-version", args=[story.pk, page.pk, image.pk, variant])
        response = owner.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("image/")
        assert response["Cache-Control"] == "private, max-age=3600"
        assert b"".join(response.streaming_content) == (
            media_path(getattr(image, field).name).read_bytes()
        )
    unknown = reverse("stories:page-image-version", args=[story.pk, page.pk, image.pk, "huge"])
    assert owner.get(unknown).status_code == 404
    elsewhere = _page(story, 2).images.get()
    url = reverse("stories:page-image-version", args=[story.pk, page.pk, elsewhere.pk, "display"])
    assert owner.get(url).status_code == 404


# --- redrawing ----------------------------------------------------------------------------


def test_a_redraw_waits_in_the_panel_until_it_is_drawn(owner: Client, story: Story) -> None:
    page = _page(story, 1)
    redraw = reverse("stories:edit-redraw", args=[story.pk, page.pk])
    status = reverse("stories:edit-picture-status", args=[story.pk, page.pk])
    assert owner.get(status)["X-Redraw-Active"] == "false"

    response = owner.post(redraw, {"description": "Mira and Pip on a moonlit beach"})
    html = _follow(owner, response, _edit(story, 1))
    job = PageRedrawJob.objects.get(page=page)
    assert job.status == PageRedrawJob.Status.PENDING
    assert job.description == "Mira and Pip on a moonlit beach"
    assert "A new picture is waiting for its turn to be drawn…" in html
    assert 'data-while-drawing="disable" disabled>' in html
    assert '<meta http-equiv="refresh" content="5">' in html  # without the script
    assert "redrawing</span>" in _strip(html)
    # A second click while it waits queues nothing more.
    owner.post(redraw, {"description": "Something else"})
    assert PageRedrawJob.objects.filter(page=page).count() == 1

    response = owner.get(status)
    assert response.status_code == 200
    assert response["X-Redraw-Active"] == "true"
    assert 'data-active="true"' in _html(response)

    services.page_redraw(job_id=job.pk)
    response = owner.get(status)
    assert response["X-Redraw-Active"] == "false"
    panel = _html(response)
    assert 'data-active="false"' in panel
    assert "Use this one" in panel
    html = _html(owner.get(_edit(story, 1)))
    page.refresh_from_db()
    assert page.image_version == 2
    assert _picture(story, page) in _preview(html)
    assert "redrawing</span>" not in html
    assert 'data-while-drawing="disable">' in html


def test_a_redraw_asked_for_on_the_page_is_drawn_by_the_worker(
    owner: Client, story: Story, django_capture_on_commit_callbacks: Any
) -> None:
    page = _page(story, 3)
    before = page.image.name
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(reverse("stories:edit-redraw", args=[story.pk, page.pk]))
    assert response.status_code == 302
    assert PageRedrawJob.objects.get(page=page).status == PageRedrawJob.Status.DONE
    page.refresh_from_db()
    assert page.image.name != before
    assert page.image_version == 2


def test_a_too_long_picture_description_is_refused(owner: Client, story: Story) -> None:
    page = _page(story, 1)
    response = owner.post(
        reverse("stories:edit-redraw", args=[story.pk, page.pk]), {"description": "x" * 3001}
    )
    assert response.status_code == 400
    assert _field_errors(_html(response), "description") == [
        "Ensure this value has at most 3000 characters (it has 3001)."
    ]
    assert not PageRedrawJob.objects.exists()


def test_a_failed_redraw_says_why_and_the_page_keeps_its_picture(
    owner: Client,
    story: Story,
    provider: ScriptedProvider,
    django_capture_on_commit_callbacks: Any,
) -> None:
    page = _page(story, 1)
    before = page.image.name
    refused = AIProviderAuthFailed("The picture service refused the key.")
    provider.rules.append(lambda kind, scene: refused if kind == "page" else None)
    with django_capture_on_commit_callbacks(execute=True):
        owner.post(reverse("stories:edit-redraw", args=[story.pk, page.pk]))
    job = PageRedrawJob.objects.get(page=page)
    assert job.status == PageRedrawJob.Status.FAILED
    response = owner.get(reverse("stories:edit-picture-status", args=[story.pk, page.pk]))
    assert response["X-Redraw-Active"] == "false"
    for html in (_html(response), _html(owner.get(_edit(story, 1)))):
        assert "The new picture could not be drawn." in html
        assert escape(job.error_message) in html
        assert "The page kept its picture." in html
    assert Page.objects.get(pk=page.pk).image.name == before


# --- rewriting ----------------------------------------------------------------------------


def test_a_rewrite_without_the_script_offers_the_new_text_to_accept(
    owner: Client, story: Story
) -> None:
    page = _page(story, 2)
    before = page.text
    response = owner.post(
        reverse("stories:edit-rewrite", args=[story.pk, page.pk]), {"instructions": "Shorter."}
    )
    assert response.status_code == 200
    html = _html(response)
    accept = _form_data(html, "data-proposal-accept")
    proposal = accept["page-text"]
    assert proposal
    assert proposal != before
    assert (accept["parts"], accept["page"]) == ("text", str(page.pk))
    assert "Use this text" in html
    assert "data-proposal hidden" not in html
    assert escape(proposal.split("\n")[0]) in html
    assert _page(story, 2).text == before  # nothing saved yet

    html = _follow(owner, _save(owner, story, accept), _edit(story, 2))
    assert "Your changes are saved." in html
    assert _page(story, 2).text == proposal


def test_a_rewrite_for_the_script_answers_with_the_text(owner: Client, story: Story) -> None:
    page = _page(story, 1)
    before = page.text
    response = owner.post(
        reverse("stories:edit-rewrite", args=[story.pk, page.pk]),
        {"instructions": ""},
        headers=JSON,
    )
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["text", "notice"]
    assert body["notice"] == ""  # no wishes, nothing left undone
    assert body["text"]
    assert body["text"] != before
    assert _page(story, 1).text == before
    data = {"parts": "text", "page": page.pk, "page-text": body["text"]}
    assert _save(owner, story, data, json=True).status_code == 200
    assert _page(story, 1).text == body["text"]


@pytest.mark.parametrize("json", [False, True], ids=["form", "script"])
def test_the_cover_cannot_be_rewritten(owner: Client, story: Story, json: bool) -> None:
    cover = _page(story, 0)
    before = _stored(story)
    response = owner.post(
        reverse("stories:edit-rewrite", args=[story.pk, cover.pk]),
        {"instructions": ""},
        headers=JSON if json else {},
    )
    message = "The cover shows the story's title: change the title instead."
    if json:
        assert response.status_code == 400
        assert response.json() == {"detail": message}
    else:
        html = _follow(owner, response, _edit(story, 0))
        assert escape(message) in html, "the refusal is not shown on the cover"
    assert _stored(story) == before


def test_overlong_wishes_for_a_rewrite_are_refused(owner: Client, story: Story) -> None:
    page = _page(story, 1)
    url = reverse("stories:edit-rewrite", args=[story.pk, page.pk])
    response = owner.post(url, {"instructions": "x" * 501})
    assert response.status_code == 400
    message = "Ensure this value has at most 500 characters (it has 501)."
    assert _field_errors(_html(response), "instructions") == [message]
    response = owner.post(url, {"instructions": "x" * 501}, headers=JSON)
    assert response.status_code == 400
    assert response.json()["errors"] == {"instructions": [message]}


def test_a_failed_rewrite_says_why(owner: Client, story: Story, provider: ScriptedProvider) -> None:
    page = _page(story, 1)
    busy = AIProviderUnavailable("The storyteller is busy.", retry_after=3)
    provider.rules.append(lambda kind, scene: busy if kind == "rewrite" else None)
    url = reverse("stories:edit-rewrite", args=[story.pk, page.pk])
    html = _follow(owner, owner.post(url), _edit(story, 1))
    assert "The storyteller is busy." in html
    response = owner.post(url, headers=JSON)
    assert response.status_code == 503
    assert response.json() == {"detail": "The storyteller is busy."}
    assert _page(story, 1).text == page.text


# --- changed elsewhere: two tabs or devices -------------------------------------------------

STALE_NOTICE = "This story was changed somewhere else"


def _textareas(html: str) -> dict[str, str]:
    """The read-only texts of the changed-elsewhere notice: label → text."""
    match = re.search(r"<section class=\"conflict\"(.*?)</section>", html, re.S)
    assert match, "no changed-elsewhere notice"
    labels = re.findall(r'<label for="(conflict-text-\d+)">(.*?)</label>', match.group(1))
    texts = dict(
        re.findall(
            r'<textarea id="(conflict-text-\d+)"[^>]*>(.*?)</textarea>', match.group(1), re.S
        )
    )
    return {unescape(label): unescape(texts[key]).removeprefix("\n") for key, label in labels}


def test_every_form_that_changes_the_story_names_the_version_it_shows(
    owner: Client, story: Story
) -> None:
    page = _page(story, 1)
    _redrawn(page)  # a picture panel with versions and a way back to the first picture
    response = owner.get(_edit(story, 1))
    version = Story.objects.get(pk=story.pk).edit_version
    assert response["ETag"] == f'"{story.pk}-{version}"'
    html = _html(response)
    for marker in ("editor-form", "restore-text-form", "data-proposal-accept"):
        assert _form_data(html, marker)["version"] == str(version), marker
    use = reverse("stories:edit-use-picture", args=[story.pk, page.pk, page.images.first().pk])
    restore = reverse("stories:edit-restore-picture", args=[story.pk, page.pk])
    for action in (use, restore):
        form = re.search(rf'<form method="post" action="{action}".*?</form>', html, re.S)
        assert form, action
        assert f'name="version" value="{version}"' in form.group(0)
    assert STALE_NOTICE in html  # ready for the script, hidden
    assert re.search(r'<section class="conflict"[^>]* hidden>', html)


def test_a_form_from_before_a_change_elsewhere_saves_nothing_and_keeps_my_text(
    owner: Client, story: Story
) -> None:
    mine = _editor_form(owner, story, 1)  # this tab opens page 1
    theirs = _editor_form(owner, story, 1)  # so does another one, which saves first
    _follow(owner, _save(owner, story, theirs | {"page-text": "Their words."}), _edit(story, 1))
    before = _stored(story)

    response = _save(owner, story, mine | {"page-text": "My words.", "font_size": "40"})
    assert response.status_code == 412
    assert _stored(story) == before
    html = _html(response)
    assert STALE_NOTICE in html
    assert "nothing was overwritten" in html
    assert not re.search(r'<section class="conflict"[^>]* hidden>', html)
    assert _textareas(html) == {"Page 1 text": "My words."}
    # The editor shows the story as it is now, on the version it now stands on.
    form = _form_data(html)
    assert form["page-text"] == "Their words."
    assert form["version"] == str(Story.objects.get(pk=story.pk).edit_version)
    assert "Their words." in _preview(html)
    # Saving from it again is a choice made knowingly, and is kept.
    _follow(owner, _save(owner, story, form | {"page-text": "My words."}), _edit(story, 1))
    assert _page(story, 1).text == "My words."


def test_a_title_from_before_a_change_elsewhere_is_kept_to_copy(
    owner: Client, story: Story
) -> None:
    mine = _editor_form(owner, story)
    services.story_title_update(story=story, title="Their Title")
    response = _save(owner, story, mine | {"title": "My Title"})
    assert response.status_code == 412
    assert _textareas(_html(response)) == {"Title": "My Title"}
    assert Story.objects.get(pk=story.pk).title == "Their Title"


def test_an_autosave_from_an_outdated_page_is_412_and_saves_nothing(
    owner: Client, story: Story
) -> None:
    response = owner.get(_edit(story, 1))
    etag = response["ETag"]
    mine = _form_data(_html(response))
    services.story_editor_update(story=story, settings={"font_size": 44})
    before = _stored(story)
    response = owner.post(
        reverse("stories:edit", args=[story.pk]),
        mine | {"page-text": "My words.", "action": "save"},
        headers=JSON | {"If-Match": etag},
    )
    assert response.status_code == 412
    body = response.json()
    assert body["code"] == "stale"
    assert STALE_NOTICE in body["detail"]
    assert _stored(story) == before


def test_autosaves_follow_each_other_on_the_version_each_one_made(
    owner: Client, story: Story
) -> None:
    response = owner.get(_edit(story, 1))
    etag, data = response["ETag"], _form_data(_html(response))
    for text in ("One.", "Two.", "Three."):
        response = owner.post(
            reverse("stories:edit", args=[story.pk]),
            data | {"page-text": text, "action": "save"},
            headers=JSON | {"If-Match": etag},
        )
        assert response.status_code == 200, text
        assert response["ETag"] != etag
        etag = response["ETag"]
        data = data | {"version": str(response.json()["version"])}
    assert _page(story, 1).text == "Three."


def test_a_save_answers_with_the_version_it_made_not_a_later_one(
    owner: Client, story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = services.story_editor_update
    made: list[int] = []

    def and_then_elsewhere(**kwargs: Any) -> Story:
        saved = real(**kwargs)
        made.append(saved.edit_version)
        real(story=saved, settings={"font_size": 44})  # another tab saves right after
        return saved

    monkeypatch.setattr(services, "story_editor_update", and_then_elsewhere)
    data = _editor_form(owner, story, 1)
    response = _save(owner, story, data | {"page-text": "Mine."}, json=True)
    assert response.status_code == 200
    assert response.json()["version"] == made[0]
    assert response["ETag"] == f'"{story.pk}-{made[0]}"'
    # So the page's next save is refused instead of undoing the other tab's change.
    monkeypatch.setattr(services, "story_editor_update", real)
    again = data | {"version": str(made[0]), "page-text": "Mine again."}
    assert _save(owner, story, again, json=True).status_code == 412
    assert Story.objects.get(pk=story.pk).font_size == 44


def test_a_refused_form_keeps_the_version_it_was_made_from(owner: Client, story: Story) -> None:
    mine = _editor_form(owner, story, 1)
    services.story_editor_update(
        story=story, pages=[{"id": _page(story, 1).pk, "text": "Their words."}]
    )
    response = _save(owner, story, mine | {"page-text": "My words.", "font_size": "99"})
    assert response.status_code == 400
    again = _form_data(_html(response))
    assert again["version"] == mine["version"]
    # Fixing the one bad value does not quietly overwrite what changed meanwhile.
    response = _save(owner, story, again | {"font_size": "40"})
    assert response.status_code == 412
    assert _page(story, 1).text == "Their words."


def test_a_picture_drawn_while_the_page_is_open_is_no_conflict(owner: Client, story: Story) -> None:
    page = _page(story, 1)
    owner.post(reverse("stories:edit-redraw", args=[story.pk, page.pk]))
    job = PageRedrawJob.objects.get(page=page)
    data = _editor_form(owner, story, 1)  # opened while the picture is being drawn
    assert data["redraws"] == str(job.pk)
    services.page_redraw(job_id=job.pk)
    response = _save(owner, story, data | {"page-text": "Mine."}, json=True)
    assert response.status_code == 200
    assert response.json()["redraws"] == ""
    assert _page(story, 1).text == "Mine."


@pytest.mark.parametrize("button", ["restore text", "restore picture", "use picture"])
def test_a_button_on_an_outdated_page_changes_nothing_and_says_so(
    owner: Client, story: Story, button: str
) -> None:
    page = _page(story, 1)
    first = page.images.get()
    _redrawn(page)
    urls = {
        "restore text": reverse("stories:edit-restore-text", args=[story.pk, page.pk]),
        "restore picture": reverse("stories:edit-restore-picture", args=[story.pk, page.pk]),
        "use picture": reverse("stories:edit-use-picture", args=[story.pk, page.pk, first.pk]),
    }
    html = _html(owner.get(_edit(story, 1)))
    shown = _form_data(html, "restore-text-form") if button == "restore text" else {}
    version = shown.get("version") or re.search(r'name="version" value="(\d+)"', html).group(1)
    services.story_editor_update(story=story, pages=[{"id": page.pk, "text": "Their words."}])
    before = _stored(story)
    response = owner.post(urls[button], {"version": version, "redraws": ""})
    html = _follow(owner, response, _edit(story, 1))
    assert "changed somewhere else (in another tab or on another device)" in html
    assert "so nothing was changed" in html
    assert _stored(story) == before


@pytest.mark.parametrize("version", ["not a number", "-1", "\u0663", "9" * 40])
def test_a_form_whose_version_cannot_be_the_storys_saves_nothing_valid_or_not(
    owner: Client, story: Story, version: str
) -> None:
    data = _editor_form(owner, story, 1) | {"version": version, "page-text": "My words."}
    before = _stored(story)
    for extra in ({}, {"font_size": "99"}):  # every value valid, then one out of range
        response = _save(owner, story, data | extra)
        assert response.status_code == 412, extra
        assert _textareas(_html(response)) == {"Page 1 text": "My words."}
    assert _stored(story) == before


def test_a_form_from_a_page_made_before_versions_still_saves(owner: Client, story: Story) -> None:
    data = _editor_form(owner, story, 1)
    del data["version"], data["redraws"]
    _follow(owner, _save(owner, story, data | {"page-text": "Saved."}), _edit(story, 1))
    assert _page(story, 1).text == "Saved."


# --- cost and safety ----------------------------------------------------------------------


@pytest.mark.parametrize("num_pages", [3, 10])
def test_the_editor_costs_the_same_queries_however_many_pages(
    owner: Client,
    user: User,
    run_pipeline: Callable[..., Any],
    story_request: dict[str, Any],
    django_assert_max_num_queries: Any,
    num_pages: int,
) -> None:
    story = _written(user, run_pipeline, story_request | {"num_pages": num_pages})
    assert Page.objects.filter(story=story).count() == num_pages + 1
    page = _page(story, 2)
    _redrawn(page)  # a page with versions and a finished redraw
    for screen in (0, 1, 2):
        with django_assert_max_num_queries(EDITOR_QUERIES):
            response = owner.get(_edit(story, screen))
        assert response.status_code == 200
        assert _strip(_html(response)).count('<li class="strip__item') == num_pages + 1
    with django_assert_max_num_queries(PREVIEW_QUERIES):
        assert owner.get(_edit(story, 2), headers=JSON).status_code == 200
    with django_assert_max_num_queries(PANEL_QUERIES):
        url = reverse("stories:edit-picture-status", args=[story.pk, page.pk])
        assert owner.get(url).status_code == 200


def test_html_in_the_story_is_shown_as_text(owner: Client, story: Story) -> None:
    attack = "<script>alert(1)</script>"
    Page.objects.filter(story=story, number=1).update(text=f"{attack} & more")
    Story.objects.filter(pk=story.pk).update(title=f"{attack} title")
    html = _html(owner.get(_edit(story, 1)))
    assert attack not in html
    escaped = escape(attack)
    assert escaped in _preview(html)
    assert escaped in _strip(html)
    assert f"{escaped} title" in html
    assert _form_data(html)["page-text"] == f"{attack} & more"
    body = owner.get(_edit(story, 1), headers=JSON).json()
    assert attack not in body["preview"]
    assert attack not in body["strip"]
    assert escaped in body["preview"]
