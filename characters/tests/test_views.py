"""Character library pages: the grid, a character's page and its actions, import, pictures."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

import storygen.ai
from accounts.models import User
from accounts.tests.factories import UserFactory
from characters import photos, services
from characters.models import Character, CharacterImage, CharacterImageJob
from characters.selectors import character_detail_queryset
from characters.sheet_status import sheet_status
from characters.tests.factories import CharacterFactory
from stories.tests.browser.option_lists import seed_option_lists
from stories.tests.providers import ScriptedProvider, fail_times
from storygen.ai.errors import AIProviderAuthFailed
from storygen.media import media_path, write_atomic

pytestmark = pytest.mark.django_db

LIBRARY = reverse("characters:library")
CREATE = reverse("characters:create")
IMPORT = reverse("characters:import")
SAMPLE = Path(settings.BASE_DIR) / "static" / "samples" / "characters.json"


def _jpeg(size: tuple[int, int] = (8, 12)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def _add_sheet(
    character: Character, *, thumbnail: bool = True, current: bool = True, at: int = 0
) -> CharacterImage:
    """A sheet version with real files; ``at`` minutes ago, so versions sort as made."""
    data = _jpeg()
    number = CharacterImage.objects.filter(character=character).count() + 1
    image_name = f"characters/{character.pk}/sheet-{number}.jpg"
    write_atomic(image_name, data)
    thumbnail_name = ""
    if thumbnail:
        thumbnail_name = f"characters/{character.pk}/sheet-{number}-thumb.jpg"
        write_atomic(thumbnail_name, data)
    sheet = CharacterImage.objects.create(
        character=character, image=image_name, thumbnail=thumbnail_name
    )
    CharacterImage.objects.filter(pk=sheet.pk).update(
        created_at=timezone.now() - timedelta(minutes=at)
    )
    if current:
        character.current_image = sheet
        character.save(update_fields=["current_image"])
    return sheet


def _signed_src(sheet: CharacterImage, variant: str) -> str:
    """How the pages show a sheet: its signed address (the signature and type follow)."""
    owner_id = Character.objects.get(pk=sheet.character_id).owner_id
    folder = f"images/user_{owner_id}/characters/{sheet.character_id}"
    return f"/static_content/{folder}/{sheet.pk}-{variant}."


def _names(response: Any) -> list[str]:
    return [character.name for character in response.context["page_obj"].object_list]


def _detail(character: Character) -> str:
    return reverse("characters:detail", args=[character.pk])


def _photo_upload(name: str = "me.jpg", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data or _jpeg((64, 80)), content_type="image/jpeg")


FIELDS = {
    "name": "Mira",
    "description": "a girl with curly red hair and freckles",
    "age": "9",
    "gender": "Female",
    "clothing_style": "a yellow raincoat",
    "key_traits": "brave, curious",
    "image_style": "Watercolor",
}


@pytest.fixture(autouse=True)
def option_lists() -> None:
    """The genders and picture styles the data migration seeds (a flushed test may lose them)."""
    seed_option_lists(apps, None)


@pytest.fixture(autouse=True)
def private_and_media_folders(settings: Any, tmp_path: Path) -> None:
    """Each test its own folders: ids repeat between tests, so their files would otherwise meet."""
    settings.STORYGEN_PRIVATE_DIR = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def logged_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """``on_commit(fn, ...)``: call ``fn`` and run what it queued, as the eager worker does."""

    def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return call


@pytest.fixture
def scripted() -> Iterator[ScriptedProvider]:
    """The offline provider with failures a test scripts in."""
    provider = ScriptedProvider()
    previous = storygen.ai._provider
    storygen.ai._provider = provider
    yield provider
    storygen.ai._provider = previous


# --- access -----------------------------------------------------------------------------------

# Pages and actions of one character: name → (URL name, whether it needs an image id).
CHARACTER_PAGES = {
    "detail": ("characters:detail", ()),
    "delete page": ("characters:delete", ()),
    "sheet status": ("characters:sheet-status", ()),
}
CHARACTER_ACTIONS = {
    "edit": ("characters:edit", ()),
    "draw": ("characters:draw", ()),
    "draw from photo": ("characters:draw-from-photo", ()),
    "photo": ("characters:photo", ()),
    "photo remove": ("characters:photo-remove", ()),
    "duplicate": ("characters:duplicate", ()),
    "delete": ("characters:delete", ()),
    "make current": ("characters:make-current", ("IMAGE",)),
}


def _url(name: str, extra: tuple[str, ...], character_id: int, image_id: int) -> str:
    args: list[Any] = [character_id]
    args.extend(image_id if part == "IMAGE" else part for part in extra)
    return reverse(name, args=args)


@pytest.mark.parametrize("url", [LIBRARY, CREATE, IMPORT])
def test_anonymous_visitors_are_sent_to_log_in_from_the_library_pages(
    client: Client, url: str
) -> None:
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("page", [*CHARACTER_PAGES, *CHARACTER_ACTIONS])
def test_anonymous_visitors_are_sent_to_log_in_from_a_characters_pages_and_actions(
    client: Client, user: User, page: str
) -> None:
    character = CharacterFactory(owner=user)
    sheet = _add_sheet(character)
    name, extra = {**CHARACTER_PAGES, **CHARACTER_ACTIONS}[page]
    url = _url(name, extra, character.pk, sheet.pk)

    response = client.post(url) if page in CHARACTER_ACTIONS else client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert Character.objects.filter(pk=character.pk).exists()


@pytest.mark.parametrize("page", list(CHARACTER_PAGES))
def test_another_users_character_pages_are_not_found(
    logged_in: Client, other_user: User, page: str
) -> None:
    character = CharacterFactory(owner=other_user)
    sheet = _add_sheet(character)
    name, extra = CHARACTER_PAGES[page]

    response = logged_in.get(_url(name, extra, character.pk, sheet.pk))

    assert response.status_code == 404


@pytest.mark.parametrize("action", list(CHARACTER_ACTIONS))
def test_another_users_character_cannot_be_changed(
    logged_in: Client, other_user: User, action: str, django_capture_on_commit_callbacks: Any
) -> None:
    character = CharacterFactory(owner=other_user, name="Theirs")
    first = _add_sheet(character, at=5)
    _add_sheet(character)
    name, extra = CHARACTER_ACTIONS[action]
    data = {**FIELDS, "photo": _photo_upload()}

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(_url(name, extra, character.pk, first.pk), data)

    assert response.status_code == 404
    character.refresh_from_db()
    assert character.name == "Theirs"
    assert character.current_image_id != first.pk
    assert character.photo_uploaded_at is None
    assert Character.objects.count() == 1
    assert not CharacterImageJob.objects.exists()


# The delete address also answers GET, with its confirmation page.
@pytest.mark.parametrize("action", [action for action in CHARACTER_ACTIONS if action != "delete"])
def test_actions_only_answer_posts(logged_in: Client, user: User, action: str) -> None:
    character = CharacterFactory(owner=user)
    sheet = _add_sheet(character)
    name, extra = CHARACTER_ACTIONS[action]

    response = logged_in.get(_url(name, extra, character.pk, sheet.pk))

    assert response.status_code == 405


# --- the grid -----------------------------------------------------------------------------------


def test_library_lists_only_the_users_characters(
    logged_in: Client, user: User, other_user: User
) -> None:
    CharacterFactory(owner=user, name="Mira")
    CharacterFactory(owner=other_user, name="Somebody Else")

    response = logged_in.get(LIBRARY)

    assert response.status_code == 200
    assert _names(response) == ["Mira"]
    assert b"Somebody Else" not in response.content
    assert response.content.count(b"<h1") == 1


def test_library_offers_a_new_character_and_an_import(logged_in: Client, user: User) -> None:
    CharacterFactory(owner=user, name="Mira")

    content = logged_in.get(LIBRARY).content.decode()

    assert f'href="{CREATE}">New character</a>' in content
    assert f'href="{IMPORT}">Import</a>' in content


def test_each_card_links_to_the_characters_page(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user, name="Mira")

    content = logged_in.get(LIBRARY).content.decode()

    assert f'href="{_detail(character)}">Mira</a></h2>' in content


def test_card_shows_name_traits_age_and_gender(logged_in: Client, user: User) -> None:
    CharacterFactory(owner=user, name="Mira", key_traits="carries a lantern", age=9, gender="Girl")

    content = logged_in.get(LIBRARY).content.decode()

    assert ">Mira</a></h2>" in content
    assert "carries a lantern" in content
    assert "Age 9" in content
    assert "Girl" in content


def test_card_leaves_out_age_and_gender_when_unknown(logged_in: Client, user: User) -> None:
    CharacterFactory(owner=user, name="Pip", age=None, gender="")

    content = logged_in.get(LIBRARY).content.decode()

    assert "Age " not in content


def test_card_shows_the_current_sheet_thumbnail(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user, name="Mira")
    sheet = _add_sheet(character)

    content = logged_in.get(LIBRARY).content.decode()

    assert f'src="{_signed_src(sheet, "thumbnail")}' in content
    assert 'alt="Character sheet of Mira"' in content
    # The address serves the picture by itself: no session needed.
    src = content.split(f'src="{_signed_src(sheet, "thumbnail")}')[1].split('"')[0]
    response = Client().get(_signed_src(sheet, "thumbnail") + src)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == _jpeg()


def test_card_without_a_sheet_shows_the_initial_as_decoration(
    logged_in: Client, user: User
) -> None:
    CharacterFactory(owner=user, name="pip")

    content = logged_in.get(LIBRARY).content.decode()

    assert 'aria-hidden="true">P</div>' in content
    assert "<img" not in content.split('id="characters-results"')[1]


def test_a_user_without_characters_learns_how_to_add_them(logged_in: Client) -> None:
    content = logged_in.get(LIBRARY).content.decode()

    assert "No characters yet" in content
    assert "Characters step" in content
    assert reverse("stories:create") in content
    assert content.count(f'href="{CREATE}"') == 2
    assert 'role="search"' not in content


def test_search_matches_name_and_traits(logged_in: Client, user: User) -> None:
    CharacterFactory(owner=user, name="Mira", key_traits="brave")
    CharacterFactory(owner=user, name="Pip", key_traits="always hungry")

    assert _names(logged_in.get(LIBRARY, {"q": "mira"})) == ["Mira"]
    assert _names(logged_in.get(LIBRARY, {"q": " HUNGRY "})) == ["Pip"]


def test_search_without_a_match_says_so(logged_in: Client, user: User) -> None:
    CharacterFactory(owner=user, name="Mira")

    content = logged_in.get(LIBRARY, {"q": "<dragon>"}).content.decode()

    assert "No characters match" in content
    assert "&lt;dragon&gt;" in content
    assert "No characters yet" not in content


def test_library_shows_twelve_characters_a_page(logged_in: Client, user: User) -> None:
    CharacterFactory.create_batch(13, owner=user)

    first = logged_in.get(LIBRARY)
    second = logged_in.get(LIBRARY, {"page": "2"})

    assert len(_names(first)) == 12
    assert len(_names(second)) == 1
    assert set(_names(first)).isdisjoint(_names(second))


@pytest.mark.parametrize(("page", "expected"), [("x", 1), ("0", 2), ("50", 2)])
def test_invalid_page_numbers_show_a_page_instead_of_an_error(
    logged_in: Client, user: User, page: str, expected: int
) -> None:
    CharacterFactory.create_batch(13, owner=user)

    response = logged_in.get(LIBRARY, {"page": page})

    assert response.status_code == 200
    assert response.context["page_obj"].number == expected


def test_pagination_links_keep_the_search(logged_in: Client, user: User) -> None:
    CharacterFactory.create_batch(13, owner=user, key_traits="brave")

    content = logged_in.get(LIBRARY, {"q": "brave"}).content.decode()

    assert 'href="?q=brave&amp;page=2"' in content


def _library_queries(
    client: Client, user: User, count: int, django_assert_max_num_queries: Any
) -> int:
    for character in CharacterFactory.create_batch(count, owner=user):
        _add_sheet(character)
    with django_assert_max_num_queries(4) as captured:
        response = client.get(LIBRARY)
    assert response.status_code == 200
    return len(captured)


def test_library_query_count_does_not_grow_with_the_number_of_characters(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    few, many = UserFactory(), UserFactory()
    client.force_login(few)
    few_queries = _library_queries(client, few, 3, django_assert_max_num_queries)
    client.force_login(many)
    many_queries = _library_queries(client, many, 30, django_assert_max_num_queries)
    assert few_queries == many_queries


# --- a new character ------------------------------------------------------------------------------


def test_new_character_page_offers_every_field_with_the_option_lists(
    logged_in: Client,
) -> None:
    response = logged_in.get(CREATE)
    content = response.content.decode()

    assert response.status_code == 200
    assert content.count("<h1") == 1
    for field in ("name", "description", "age", "clothing_style", "key_traits"):
        assert f'name="{field}"' in content
    assert '<select name="gender"' in content
    assert '<option value="Female">Female</option>' in content
    assert '<select name="image_style"' in content
    assert '<option value="Watercolor">Watercolor</option>' in content
    # One way to say "the usual style": the list's Default, no blank choice beside it.
    assert '<option value="Default">Default</option>' in content
    assert '<option value="" selected>No particular style</option>' not in content
    assert "No particular style" not in content
    assert 'name="generate_image" aria-describedby="id_generate_image_helptext" ' in content
    assert 'id="id_generate_image" checked>' in content
    assert "Draw a reference sheet now" in content


def test_creating_a_character_saves_every_field_and_opens_its_page(
    logged_in: Client, user: User
) -> None:
    response = logged_in.post(CREATE, {**FIELDS, "name": "  Mira   Rose "}, follow=True)

    character = Character.objects.get(owner=user)
    assert response.redirect_chain == [(_detail(character), 302)]
    assert character.name == "Mira Rose"
    assert character.description == FIELDS["description"]
    assert character.age == 9
    assert character.gender == "Female"
    assert character.clothing_style == "a yellow raincoat"
    assert character.key_traits == "brave, curious"
    assert character.image_style == "Watercolor"
    assert not CharacterImageJob.objects.exists()
    assert "Mira Rose is in your characters." in response.content.decode()


def test_creating_with_draw_now_draws_a_sheet_that_becomes_current(
    logged_in: Client, user: User, on_commit: Callable[..., Any]
) -> None:
    on_commit(logged_in.post, CREATE, {**FIELDS, "generate_image": "on"})

    character = Character.objects.get(owner=user)
    assert character.current_image is not None
    assert character.current_image.source == CharacterImage.Source.GENERATED
    assert media_path(character.current_image.display.name).is_file()
    job = CharacterImageJob.objects.get(character=character)
    assert job.status == CharacterImageJob.Status.DONE


@pytest.mark.parametrize("name", ["Mira", "  mIRA "])
def test_a_name_you_already_have_is_an_error_linking_to_that_character(
    logged_in: Client, user: User, name: str
) -> None:
    existing = CharacterFactory(owner=user, name="Mira", description="kept as it is")

    response = logged_in.post(CREATE, {**FIELDS, "name": name, "generate_image": "on"})

    assert response.status_code == 200
    content = response.content.decode()
    assert f'You already have a character called <a href="{_detail(existing)}">Mira</a>.' in content
    assert Character.objects.count() == 1
    existing.refresh_from_db()
    assert existing.description == "kept as it is"
    assert not CharacterImageJob.objects.exists()


def test_the_name_in_a_clash_message_is_escaped(logged_in: Client, user: User) -> None:
    CharacterFactory(owner=user, name="<b>Bold</b>")

    content = logged_in.post(CREATE, {**FIELDS, "name": "<B>bold</B>"}).content.decode()

    assert "&lt;b&gt;Bold&lt;/b&gt;</a>" in content
    assert "<b>Bold</b>" not in content


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Give the character a name."),
        ({"name": "   "}, "Give the character a name."),
        ({"name": "x" * 101}, "Ensure this value has at most 100 characters"),
        ({"age": "151"}, "Ensure this value is less than or equal to 150."),
        ({"age": "-1"}, "Ensure this value is greater than or equal to 0."),
        ({"age": "nine"}, "Enter a whole number."),
        ({"gender": "Dragon"}, "Select a valid choice."),
        ({"image_style": "Crayon"}, "Select a valid choice."),
    ],
)
def test_new_character_form_explains_what_is_wrong(
    logged_in: Client, changes: dict[str, str], message: str
) -> None:
    response = logged_in.post(CREATE, {**FIELDS, **changes})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Character.objects.exists()


# --- a character's page ---------------------------------------------------------------------------


def test_character_page_shows_the_current_sheet_large_and_every_version(
    logged_in: Client, user: User
) -> None:
    character = CharacterFactory(owner=user, name="Mira")
    oldest = _add_sheet(character, at=30)
    current = _add_sheet(character, at=20)
    newest = _add_sheet(character, at=10, current=False)

    response = logged_in.get(_detail(character))
    content = response.content.decode()

    assert response.status_code == 200
    assert content.count("<h1") == 1
    display = _signed_src(current, "display")
    assert f'src="{display}' in content
    assert (
        content.split(f'src="{display}')[1]
        .split(">")[0]
        .endswith('" alt="Reference sheet of Mira" width="512" height="768" decoding="async"')
    )
    strip = content.split('data-region="versions"')[1]
    positions = [
        strip.index(_signed_src(image, "thumbnail")) for image in (newest, current, oldest)
    ]
    assert positions == sorted(positions)
    assert strip.count("Use this one") == 2
    assert strip.count('aria-current="true"') == 1
    for image in (newest, oldest):
        assert reverse("characters:make-current", args=[character.pk, image.pk]) in strip
    assert reverse("characters:make-current", args=[character.pk, current.pk]) not in strip


def test_character_page_without_a_sheet_says_so_and_has_no_strip(
    logged_in: Client, user: User
) -> None:
    character = CharacterFactory(owner=user, name="Pip")

    content = logged_in.get(_detail(character)).content.decode()

    assert "No reference sheet yet." in content
    assert "Use this one" not in content
    assert "sheet-versions__heading" not in content


def test_a_single_sheet_has_no_versions_strip(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user)
    _add_sheet(character)

    content = logged_in.get(_detail(character)).content.decode()

    assert "Reference sheet of" in content
    assert "Use this one" not in content


def test_character_page_edit_form_holds_the_saved_values(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user, **{**FIELDS, "age": 9})

    content = logged_in.get(_detail(character)).content.decode()

    assert 'value="Mira"' in content
    assert 'value="9"' in content
    assert '<option value="Female" selected>Female</option>' in content
    assert '<option value="Watercolor" selected>Watercolor</option>' in content
    assert FIELDS["description"] in content


def _detail_queries(
    client: Client, user: User, versions: int, django_assert_max_num_queries: Any
) -> int:
    character = CharacterFactory(owner=user, name="Mira")
    for minutes in range(versions):
        _add_sheet(character, at=minutes)
    CharacterImageJob.objects.create(character=character, status=CharacterImageJob.Status.DONE)
    with django_assert_max_num_queries(8) as captured:
        response = client.get(_detail(character))
    assert response.status_code == 200
    assert response.content.decode().count('<li class="sheet-version') == versions
    return len(captured)


def test_character_page_query_count_does_not_grow_with_the_number_of_versions(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    few, many = UserFactory(), UserFactory()
    client.force_login(few)
    few_queries = _detail_queries(client, few, 3, django_assert_max_num_queries)
    client.force_login(many)
    many_queries = _detail_queries(client, many, 30, django_assert_max_num_queries)
    assert few_queries == many_queries


# --- editing ------------------------------------------------------------------------------------


def test_editing_saves_every_field_and_clears_the_emptied_ones(
    logged_in: Client, user: User
) -> None:
    character = CharacterFactory(owner=user, **{**FIELDS, "age": 9})
    changes = {
        **FIELDS,
        "name": "Mira the Brave",
        "description": "",
        "age": "",
        "gender": "",
        "clothing_style": "a green cloak",
        "key_traits": "",
        "image_style": "Cartoon",
    }

    response = logged_in.post(reverse("characters:edit", args=[character.pk]), changes)

    assert response.status_code == 302
    assert response.url == _detail(character)
    character.refresh_from_db()
    assert character.name == "Mira the Brave"
    assert character.description == ""
    assert character.age is None
    assert character.gender == ""
    assert character.clothing_style == "a green cloak"
    assert character.key_traits == ""
    assert character.image_style == "Cartoon"


def test_renaming_to_another_characters_name_is_an_error_and_changes_nothing(
    logged_in: Client, user: User
) -> None:
    character = CharacterFactory(owner=user, name="Mira", key_traits="brave")
    other = CharacterFactory(owner=user, name="Pip")

    response = logged_in.post(
        reverse("characters:edit", args=[character.pk]),
        {**FIELDS, "name": "PIP", "key_traits": "changed"},
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert f'You already have a character called <a href="{_detail(other)}">Pip</a>.' in content
    assert "<h1>Mira</h1>" in content
    character.refresh_from_db()
    assert character.name == "Mira"
    assert character.key_traits == "brave"


def test_renaming_a_character_to_another_case_of_its_own_name_is_fine(
    logged_in: Client, user: User
) -> None:
    character = CharacterFactory(owner=user, name="mira")

    logged_in.post(reverse("characters:edit", args=[character.pk]), {**FIELDS, "name": "Mira"})

    character.refresh_from_db()
    assert character.name == "Mira"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Give the character a name."),
        ({"age": "200"}, "Ensure this value is less than or equal to 150."),
        ({"description": "x" * 2001}, "Ensure this value has at most 2000 characters"),
    ],
)
def test_edit_form_explains_what_is_wrong(
    logged_in: Client, user: User, changes: dict[str, str], message: str
) -> None:
    character = CharacterFactory(owner=user, name="Mira")

    response = logged_in.post(
        reverse("characters:edit", args=[character.pk]), {**FIELDS, **changes}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    character.refresh_from_db()
    assert character.age is None


def test_a_retired_gender_or_style_stays_selectable_and_is_kept(
    logged_in: Client, user: User
) -> None:
    character = CharacterFactory(owner=user, name="Mira", gender="Robot", image_style="Crayon")

    content = logged_in.get(_detail(character)).content.decode()
    logged_in.post(
        reverse("characters:edit", args=[character.pk]),
        {**FIELDS, "gender": "Robot", "image_style": "Crayon"},
    )

    assert '<option value="Robot" selected>Robot</option>' in content
    assert '<option value="Crayon" selected>Crayon</option>' in content
    character.refresh_from_db()
    assert (character.gender, character.image_style) == ("Robot", "Crayon")


# --- sheets: drawing, progress, versions ----------------------------------------------------------


def test_drawing_a_new_sheet_adds_a_version_that_becomes_current(
    logged_in: Client, user: User, on_commit: Callable[..., Any]
) -> None:
    character = CharacterFactory(owner=user, name="Mira", description="a girl with red hair.")
    first = _add_sheet(character, at=10)

    response = on_commit(
        logged_in.post,
        reverse("characters:draw", args=[character.pk]),
        {"sheet-image_style": "Cartoon", "sheet-description": "  wearing a green scarf "},
    )

    assert response.status_code == 302
    assert response.url == _detail(character)
    character.refresh_from_db()
    assert character.images.count() == 2
    assert character.current_image_id != first.pk
    assert character.current_image is not None
    assert character.current_image.image_style == "Cartoon"
    # The words are added to the description for this drawing, which keeps the rest.
    assert "a girl with red hair, wearing a green scarf" in character.current_image.prompt_used
    assert character.description == "a girl with red hair."
    job = CharacterImageJob.objects.get(character=character)
    assert (job.status, job.description, job.image_style) == (
        CharacterImageJob.Status.DONE,
        "a girl with red hair, wearing a green scarf",
        "Cartoon",
    )
    content = logged_in.get(_detail(character)).content.decode()
    assert "The new sheet is ready." in content
    assert content.count("Use this one") == 1


def test_a_new_sheet_without_overrides_uses_the_characters_own_style(
    logged_in: Client, user: User, on_commit: Callable[..., Any]
) -> None:
    character = CharacterFactory(owner=user, image_style="Watercolor")

    on_commit(
        logged_in.post,
        reverse("characters:draw", args=[character.pk]),
        {"sheet-image_style": "", "sheet-description": ""},
    )

    job = CharacterImageJob.objects.get(character=character)
    assert (job.description, job.image_style) == ("", "")
    character.refresh_from_db()
    assert character.current_image is not None
    assert character.current_image.image_style == "Watercolor"


def test_the_draw_form_offers_the_characters_own_style_first(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user, image_style="Watercolor")

    content = logged_in.get(_detail(character)).content.decode()

    assert (
        '<option value="" selected>The character&#x27;s own style (Watercolor)</option>' in content
    )


def test_an_unknown_style_for_a_new_sheet_is_a_form_error(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user)

    response = logged_in.post(
        reverse("characters:draw", args=[character.pk]), {"sheet-image_style": "Crayon"}
    )

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not CharacterImageJob.objects.exists()


def test_while_a_sheet_is_drawn_the_page_follows_it(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user)
    CharacterImageJob.objects.create(character=character)

    content = logged_in.get(_detail(character)).content.decode()

    assert 'data-active="true"' in content
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in content
    assert 'role="status" aria-live="polite"' in content
    assert "A new sheet is waiting its turn." in content
    assert reverse("characters:sheet-status", args=[character.pk]) in content
    assert content.count('data-while-drawing="disable" disabled') == 1


def test_a_second_request_while_drawing_does_not_queue_another(
    logged_in: Client, user: User
) -> None:
    character = CharacterFactory(owner=user)
    CharacterImageJob.objects.create(character=character)

    logged_in.post(reverse("characters:draw", args=[character.pk]), {})

    assert CharacterImageJob.objects.count() == 1


def test_a_quiet_page_neither_refreshes_nor_polls(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user)

    content = logged_in.get(_detail(character)).content.decode()

    assert 'http-equiv="refresh"' not in content
    assert 'data-active="false"' in content
    assert "disabled" not in content.split('id="draw"')[1].split("</section>")[0]


def test_a_drawing_the_provider_refuses_is_explained_in_plain_words(
    logged_in: Client, user: User, scripted: ScriptedProvider, on_commit: Callable[..., Any]
) -> None:
    scripted.rules.append(fail_times("sheet", lambda: AIProviderAuthFailed("401 from upstream"), 1))
    character = CharacterFactory(owner=user)

    on_commit(logged_in.post, reverse("characters:draw", args=[character.pk]), {})
    content = logged_in.get(_detail(character)).content.decode()

    assert "The new sheet could not be drawn. The AI key was refused." in content
    assert "401 from upstream" not in content
    assert not CharacterImage.objects.exists()


def _status(client: Client, character: Character) -> Any:
    return client.get(reverse("characters:sheet-status", args=[character.pk]))


def test_status_fragment_of_a_character_never_drawn_is_quiet(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user)

    response = _status(logged_in, character)

    assert response.status_code == 200
    assert response["X-Sheet-Active"] == "false"
    assert "no-cache" in response["Cache-Control"]
    assert "<html" not in response.content.decode()
    assert 'data-sheet-panel data-active="false"' in response.content.decode()


@pytest.mark.parametrize(
    ("status", "sentence"),
    [
        (CharacterImageJob.Status.PENDING, "A new sheet is waiting its turn."),
        (CharacterImageJob.Status.RUNNING, "Drawing a new sheet…"),
    ],
)
def test_status_fragment_says_a_drawing_is_under_way(
    logged_in: Client, user: User, status: str, sentence: str
) -> None:
    character = CharacterFactory(owner=user)
    CharacterImageJob.objects.create(character=character, status=status)

    response = _status(logged_in, character)

    assert response["X-Sheet-Active"] == "true"
    assert sentence in response.content.decode()


def test_status_fragment_names_a_drawing_from_the_photo(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user)
    CharacterImageJob.objects.create(
        character=character,
        kind=CharacterImageJob.Kind.PHOTO,
        status=CharacterImageJob.Status.RUNNING,
    )

    assert "Drawing a new sheet from the photo…" in _status(logged_in, character).content.decode()


def test_status_fragment_shows_the_new_sheet_once_drawn(
    logged_in: Client, user: User, on_commit: Callable[..., Any]
) -> None:
    character = CharacterFactory(owner=user, name="Mira")

    job = on_commit(services.character_image_request, character=character)
    response = _status(logged_in, character)

    content = response.content.decode()
    job.refresh_from_db()
    assert response["X-Sheet-Active"] == "false"
    assert "The new sheet is ready." in content
    assert f'src="{_signed_src(job.result, "display")}' in content


def test_a_drawing_that_finishes_while_the_page_is_read_is_still_followed(user: User) -> None:
    character = CharacterFactory(owner=user)
    # The page read the character and its sheets, then the worker finished, then the page
    # read the job: the job says done, but the new sheet is not on this page yet.
    seen = character_detail_queryset(user=user).get(pk=character.pk)
    sheet = _add_sheet(character)
    CharacterImageJob.objects.create(
        character=character,
        status=CharacterImageJob.Status.DONE,
        result=sheet,
        finished_at=timezone.now(),
    )

    status = sheet_status(seen)

    assert status.active
    assert status.sentence == "Drawing a new sheet…"


def test_an_old_finished_drawing_is_not_announced_again(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user)
    sheet = _add_sheet(character)
    CharacterImageJob.objects.create(
        character=character,
        status=CharacterImageJob.Status.DONE,
        result=sheet,
        finished_at=timezone.now() - timedelta(hours=2),
    )

    assert "The new sheet is ready." not in _status(logged_in, character).content.decode()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("unavailable", "The picture service is busy or unreachable. Try again in a few minutes."),
        ("auth", "The AI key was refused. An admin needs to check it."),
        ("quota", "The AI account has run out of credit. An admin needs to top it up."),
        ("blocked", "The safety system refused this picture. Try a different description."),
        ("rejected", "The picture could not be drawn."),
        ("photo_missing", "The photo was no longer on file. Upload it again, then draw from it."),
        ("something_new", "The picture could not be drawn."),
    ],
)
def test_status_fragment_explains_a_failure_in_plain_words(
    logged_in: Client, user: User, code: str, message: str
) -> None:
    character = CharacterFactory(owner=user)
    CharacterImageJob.objects.create(
        character=character,
        status=CharacterImageJob.Status.FAILED,
        error_code=code,
        error_message="upstream said: 500 internal",
    )

    response = _status(logged_in, character)

    content = response.content.decode()
    assert response["X-Sheet-Active"] == "false"
    assert message in content
    assert "upstream said" not in content


def test_status_fragment_query_count_does_not_grow_with_the_number_of_versions(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    counts = []
    for versions in (3, 30):
        user = UserFactory()
        client.force_login(user)
        character = CharacterFactory(owner=user)
        for minutes in range(versions):
            _add_sheet(character, at=minutes)
        with django_assert_max_num_queries(5) as captured:
            assert _status(client, character).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_an_earlier_sheet_can_be_made_current_again(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user)
    first = _add_sheet(character, at=10)
    _add_sheet(character)

    response = logged_in.post(reverse("characters:make-current", args=[character.pk, first.pk]))

    assert response.status_code == 302
    assert response.url == _detail(character)
    character.refresh_from_db()
    assert character.current_image_id == first.pk
    assert CharacterImage.objects.filter(character=character).count() == 2


def test_another_characters_sheet_cannot_be_made_current(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user)
    current = _add_sheet(character)
    elsewhere = _add_sheet(CharacterFactory(owner=user))

    response = logged_in.post(reverse("characters:make-current", args=[character.pk, elsewhere.pk]))

    assert response.status_code == 404
    character.refresh_from_db()
    assert character.current_image_id == current.pk


# --- the private photo --------------------------------------------------------------------------


def test_uploading_a_photo_keeps_it_privately_and_the_page_says_so(
    logged_in: Client, user: User
) -> None:
    character = CharacterFactory(owner=user)

    response = logged_in.post(
        reverse("characters:photo", args=[character.pk]), {"photo": _photo_upload()}, follow=True
    )

    content = response.content.decode()
    character.refresh_from_db()
    assert character.photo_uploaded_at is not None
    assert photos.photo_path(owner_id=user.pk, character_id=character.pk).is_file()
    assert "A photo is on file (uploaded" in content
    assert "Remove photo" in content
    assert "Draw the sheet from the photo" in content
    assert "photo.jpg" not in content
    assert "<img" not in content.split('id="photo"')[1].split("</section>")[0].replace(
        '<img alt="Preview of the chosen photo" data-photo-preview-image>', ""
    )


def test_the_photo_field_says_what_it_accepts(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user)

    content = logged_in.get(_detail(character)).content.decode()

    assert 'accept="image/jpeg,image/png,image/webp"' in content
    assert f'data-max-bytes="{settings.STORYGEN_MAX_UPLOAD_BYTES}"' in content
    assert 'enctype="multipart/form-data"' in content
    assert "A photo is on file" not in content


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "me.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "Upload a JPEG, PNG or WebP photo.",
        ),
        ("me.jpg", b"\xff\xd8\xff\xe0 not really a jpeg", "Uploaded file is not a valid image."),
        ("empty.jpg", b"", "That file is empty. Choose a photo."),
    ],
)
def test_a_file_that_is_not_a_photo_is_refused_inline_and_nothing_is_kept(
    logged_in: Client, user: User, name: str, data: bytes, message: str
) -> None:
    character = CharacterFactory(owner=user)

    response = logged_in.post(
        reverse("characters:photo", args=[character.pk]),
        {"photo": SimpleUploadedFile(name, data, content_type="image/jpeg")},
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert 'aria-invalid="true"' in content.split('id="photo"')[1]
    character.refresh_from_db()
    assert character.photo_uploaded_at is None
    assert not photos.photo_path(owner_id=user.pk, character_id=character.pk).exists()


def test_a_photo_over_the_size_limit_is_refused_inline(
    logged_in: Client, user: User, settings: Any
) -> None:
    settings.STORYGEN_MAX_UPLOAD_BYTES = 1024
    character = CharacterFactory(owner=user)
    big = _jpeg((300, 300))
    assert len(big) > 1024

    response = logged_in.post(
        reverse("characters:photo", args=[character.pk]), {"photo": _photo_upload(data=big)}
    )

    content = response.content.decode()
    assert "The photo is too large: the limit is 1 KB." in content
    assert "A JPEG, PNG or WebP picture up to 1\xa0KB." in content
    character.refresh_from_db()
    assert character.photo_uploaded_at is None


def test_uploading_without_choosing_a_file_asks_for_one(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user)

    response = logged_in.post(reverse("characters:photo", args=[character.pk]), {})

    assert "Choose a photo to upload." in response.content.decode()


def test_a_refused_upload_keeps_the_earlier_photo(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user)
    services.character_photo_store(character=character, upload=_photo_upload())

    logged_in.post(
        reverse("characters:photo", args=[character.pk]),
        {"photo": SimpleUploadedFile("x.svg", b"<svg></svg>", content_type="image/svg+xml")},
    )

    character.refresh_from_db()
    assert character.photo_uploaded_at is not None
    assert photos.photo_path(owner_id=user.pk, character_id=character.pk).is_file()


def test_removing_the_photo_deletes_it(
    logged_in: Client, user: User, on_commit: Callable[..., Any]
) -> None:
    character = CharacterFactory(owner=user)
    services.character_photo_store(character=character, upload=_photo_upload())

    response = on_commit(logged_in.post, reverse("characters:photo-remove", args=[character.pk]))

    assert response.status_code == 302
    character.refresh_from_db()
    assert character.photo_uploaded_at is None
    assert not photos.photo_path(owner_id=user.pk, character_id=character.pk).exists()
    assert "A photo is on file" not in logged_in.get(_detail(character)).content.decode()


def test_drawing_from_the_photo_adds_a_version_from_the_photo(
    logged_in: Client, user: User, on_commit: Callable[..., Any]
) -> None:
    character = CharacterFactory(owner=user, description="a girl with red hair")
    services.character_photo_store(character=character, upload=_photo_upload())

    response = on_commit(
        logged_in.post,
        reverse("characters:draw-from-photo", args=[character.pk]),
        {"from-photo-image_style": "Watercolor", "from-photo-description": ""},
    )

    assert response.status_code == 302
    character.refresh_from_db()
    assert character.current_image is not None
    assert character.current_image.source == CharacterImage.Source.PHOTO
    assert character.current_image.image_style == "Watercolor"
    assert character.description == "a girl with red hair"


def test_drawing_from_the_photo_needs_a_description(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user, description="")
    services.character_photo_store(character=character, upload=_photo_upload())

    response = logged_in.post(reverse("characters:draw-from-photo", args=[character.pk]), {})

    assert response.status_code == 200
    assert "Describe the character to draw it from the photo." in response.content.decode()
    assert not CharacterImageJob.objects.exists()


def test_drawing_from_a_photo_that_is_not_there_says_to_upload_one(
    logged_in: Client, user: User
) -> None:
    character = CharacterFactory(owner=user)

    response = logged_in.post(reverse("characters:draw-from-photo", args=[character.pk]), {})

    assert response.status_code == 200
    assert "Upload a photo first." in response.content.decode()
    assert not CharacterImageJob.objects.exists()


# --- duplicate and delete -------------------------------------------------------------------------


def test_duplicating_makes_a_real_copy_and_opens_it(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user, **{**FIELDS, "age": 9})
    _add_sheet(character, at=5)
    _add_sheet(character)

    response = logged_in.post(reverse("characters:duplicate", args=[character.pk]), follow=True)

    copy = Character.objects.get(owner=user, name="Mira (copy)")
    assert response.redirect_chain == [(_detail(copy), 302)]
    assert "Mira (copy) is a copy of Mira." in response.content.decode()
    assert copy.description == FIELDS["description"]
    assert copy.images.count() == 2
    assert copy.current_image is not None
    character.refresh_from_db()
    assert character.name == "Mira"
    assert character.images.count() == 2


def test_delete_asks_for_confirmation_first(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user, name="Mira")

    response = logged_in.get(reverse("characters:delete", args=[character.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Delete “Mira”?</h1>" in content
    assert f'action="{reverse("characters:delete", args=[character.pk])}"' in content
    assert Character.objects.filter(pk=character.pk).exists()


def test_the_character_page_confirms_a_delete_in_a_dialog(logged_in: Client, user: User) -> None:
    character = CharacterFactory(owner=user, name="Mira")

    content = logged_in.get(_detail(character)).content.decode()

    assert 'data-delete-title="Mira"' in content
    assert "<dialog" in content


def test_deleting_removes_the_character_and_its_pictures(
    logged_in: Client, user: User, on_commit: Callable[..., Any]
) -> None:
    character = CharacterFactory(owner=user, name="Mira")
    sheet = _add_sheet(character)

    response = on_commit(
        logged_in.post, reverse("characters:delete", args=[character.pk]), follow=True
    )

    assert response.redirect_chain == [(LIBRARY, 302)]
    assert "Mira was deleted." in response.content.decode()
    assert not Character.objects.filter(pk=character.pk).exists()
    assert not media_path(sheet.image.name).exists()


# --- import ---------------------------------------------------------------------------------------


def _import(client: Client, data: bytes, **options: str) -> Any:
    upload = SimpleUploadedFile("cast.json", data, content_type="application/json")
    return client.post(IMPORT, {"file": upload, **options})


def test_import_page_explains_the_format_and_offers_the_sample(logged_in: Client) -> None:
    response = logged_in.get(IMPORT)
    content = response.content.decode()

    assert response.status_code == 200
    assert content.count("<h1") == 1
    assert 'href="/static/samples/characters.json" download' in content
    for key in ("physical_appearance", "key_traits", "traits", "image_style", "generate_image"):
        assert f"<code>{key}</code>" in content
    assert 'accept="application/json,.json"' in content
    assert "Check only (dry run)" in content


def test_importing_the_sample_file_creates_its_characters_and_summarises(
    logged_in: Client, user: User
) -> None:
    response = _import(logged_in, SAMPLE.read_bytes())

    content = response.content.decode()
    assert response.status_code == 200
    assert "Import finished" in content
    assert "<strong>3</strong> created" in content
    assert "<strong>0</strong> updated" in content
    names = sorted(Character.objects.filter(owner=user).values_list("name", flat=True))
    assert names == ["Ayla Starwind", "Biscuit", "Professor Nimbus"]
    for name in names:
        assert f'<th scope="row" class="import-table__name">{name}</th>' in content
    assert not CharacterImageJob.objects.exists()


def test_importing_updates_a_character_you_have_and_explains_skipped_items(
    logged_in: Client, user: User
) -> None:
    existing = CharacterFactory(owner=user, name="Mira", age=8)
    items = [{"name": "mira", "age": "9"}, {"description": "no name here"}, "just text"]

    content = _import(logged_in, json.dumps(items).encode()).content.decode()

    assert "<strong>1</strong> updated" in content
    assert "<strong>2</strong> skipped" in content
    assert "No name given." in content
    assert "Not an object." in content
    existing.refresh_from_db()
    assert existing.age == 9
    assert Character.objects.filter(owner=user).count() == 1


def test_a_dry_run_reports_and_saves_nothing(logged_in: Client, user: User) -> None:
    content = _import(logged_in, SAMPLE.read_bytes(), dry_run="on").content.decode()

    assert "Check finished: nothing was saved" in content
    assert "<strong>3</strong> would be created" in content
    assert not Character.objects.exists()


def test_importing_with_sheets_draws_them(
    logged_in: Client, user: User, on_commit: Callable[..., Any]
) -> None:
    data = json.dumps([{"name": "Mira", "description": "red hair"}]).encode()

    content = on_commit(_import, logged_in, data, generate_images="on").content.decode()

    assert "1 reference sheet is being drawn" in content
    character = Character.objects.get(owner=user)
    assert character.current_image is not None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"name": "Mira",', "This file is not valid JSON (line 1, column"),
        (b'"just a string"', "The file must hold one character"),
        (b"[]", "there is nothing to import"),
        (b"\xff\xfe\x00", "This file is not valid JSON"),
    ],
)
def test_a_file_that_cannot_be_imported_is_explained_and_changes_nothing(
    logged_in: Client, user: User, data: bytes, message: str
) -> None:
    response = _import(logged_in, data)

    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert 'class="form-errors"' in content
    assert "Import finished" not in content
    assert not Character.objects.exists()


def test_importing_without_a_file_asks_for_one(logged_in: Client) -> None:
    response = logged_in.post(IMPORT, {})

    assert "Choose a JSON file to import." in response.content.decode()
