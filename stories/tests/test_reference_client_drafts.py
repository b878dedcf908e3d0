"""Drafts as the reference product's browser client keeps them: its wizard's exact requests,
at the site's root as it sends them and under the API prefix, from saving a draft to
generating it."""

from __future__ import annotations

import copy
import logging
from typing import Any
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import PASSWORD
from characters.tests.factories import CharacterFactory
from stories.models import Story
from stories.tests.factories import StoryCharacterFactory, StoryFactory

pytestmark = pytest.mark.django_db

OUTLINE = "Mira finds a lost whale calf and, with Pip, guides it back to the open sea."
CHANGED_OUTLINE = "Mira and Pip follow a trail of glowing shells to a sunken lighthouse."

#: What the wizard sends on "Save Draft": every field it has, the library ids it picked,
#: a character with details and one with only a name, and the layout it always sends.
WIZARD_PAYLOAD: dict[str, Any] = {
    "title": "The Lantern Keeper",
    "genre": "Children's",
    "story_outline": OUTLINE,
    "main_characters": [
        {
            "name": "Mira",
            "age": 9,
            "gender": "Female",
            "physical_appearance": "curly red hair, freckles",
            "clothing_style": "a yellow raincoat and green boots",
            "key_traits": "always carries a brass lantern",
        },
        {
            "name": "Pip",
            "age": None,
            "gender": "",
            "physical_appearance": "",
            "clothing_style": "",
            "key_traits": "",
        },
    ],
    "num_pages": 5,
    "tone": "gentle",
    "setting": "a lighthouse by a stormy sea",
    "character_ids": [],
    "word_to_picture_ratio": "One image per page",
    "text_density": "Concise (~30-50 words)",
    "image_style": "Watercolor",
    "editor_settings": {
        "font_family": "storybook",
        "font_size": 32,
        "font_color": "#ffeecc",
        "text_position": "top-left",
        "text_box_opacity": 0.8,
        "page_format": "a4",
        "layout_mode": "horizontal-split",
    },
}

#: Where the client sends drafts (the site's root), and their twins under the API prefix.
PLACES = {"root": "root-story-draft", "api": "story-draft"}


def _wizard(**changes: Any) -> dict[str, Any]:
    return {**copy.deepcopy(WIZARD_PAYLOAD), **changes}


def _slash(url: str, slash: bool) -> str:
    return url.rstrip("/") + "/" if slash else url.rstrip("/")


def _drafts_url(place: str, slash: bool = True) -> str:
    return _slash(reverse(f"{PLACES[place]}-create"), slash)


def _draft_url(place: str, draft_id: int, slash: bool = False) -> str:
    return _slash(reverse(f"{PLACES[place]}-detail", args=[draft_id]), slash)


def _sign_in(user: User) -> APIClient:
    """Sign in as the client does (a form POST of the password grant) and send its token
    from then on, from a client that enforces CSRF as a browser's session would."""
    client = APIClient(enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/token",
        urlencode({"username": user.username, "password": PASSWORD}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200, response.json()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access_token']}")
    return client


def _my_stories(client: APIClient) -> list[dict[str, Any]]:
    response = client.get("/api/v1/stories/?include_drafts=true&skip=0&limit=100")
    assert response.status_code == 200
    return list(response.json())


def _assert_fills_the_wizard(draft: dict[str, Any], sent: dict[str, Any]) -> None:
    """What the wizard reads back into its fields is what it sent."""
    for field in (
        "title",
        "genre",
        "story_outline",
        "num_pages",
        "tone",
        "setting",
        "image_style",
        "word_to_picture_ratio",
        "text_density",
    ):
        assert draft[field] == sent[field], field
    assert draft["editor_settings"] == sent["editor_settings"]
    characters = [
        {key: member[key] for key in sent["main_characters"][0]}
        for member in draft["main_characters"]
    ]
    assert characters == sent["main_characters"]


# --- the wizard's whole round -----------------------------------------------------------------


@pytest.mark.parametrize("slash", [True, False])
@pytest.mark.parametrize("place", ["root", "api"])
def test_the_wizard_saves_changes_reopens_and_generates_its_draft(
    user: User, place: str, slash: bool
) -> None:
    client = _sign_in(user)
    genres = client.get("/api/v1/dynamic-lists/genres/active-items")
    assert "Children's" in [item["item_value"] for item in genres.json()]

    saved = client.post(_drafts_url(place, slash), _wizard(), format="json")
    assert saved.status_code == 200, saved.json()
    draft = saved.json()
    assert draft["is_draft"] is True
    assert draft["pages"] == []
    _assert_fills_the_wizard(draft, WIZARD_PAYLOAD)

    changed = _wizard(story_outline=CHANGED_OUTLINE, num_pages=8)
    updated = client.put(_draft_url(place, draft["id"], slash), changed, format="json")
    assert updated.status_code == 200, updated.json()
    assert updated.json()["id"] == draft["id"]
    assert updated.json()["is_draft"] is True
    _assert_fills_the_wizard(updated.json(), changed)

    listed = _my_stories(client)
    assert [(s["id"], s["is_draft"], s["title"]) for s in listed] == [
        (draft["id"], True, "The Lantern Keeper")
    ]

    reopened = client.get(_draft_url(place, draft["id"], slash))
    assert reopened.status_code == 200
    _assert_fills_the_wizard(reopened.json(), changed)

    # "Finalize & Generate Story": the whole form again, plus the draft's id. The draft's own
    # title is not "taken".
    generated = client.post("/api/v1/stories/", {**changed, "draft_id": draft["id"]}, format="json")
    assert generated.status_code == 202, generated.json()
    assert generated.json()["story_id"] == draft["id"]

    listed = _my_stories(client)
    assert [(s["id"], s["is_draft"]) for s in listed] == [(draft["id"], False)]
    assert listed[0]["story_outline"] == CHANGED_OUTLINE
    assert listed[0]["num_pages"] == 8

    gone = client.get(_draft_url(place, draft["id"], slash))
    assert gone.status_code == 404
    assert gone.json() == {"detail": "Draft not found.", "code": "not_found"}
    not_a_draft = client.put(_draft_url(place, draft["id"], slash), changed, format="json")
    assert not_a_draft.status_code == 404
    assert not_a_draft.json()["detail"] == "Draft not found or not authorized to update."
    assert Story.objects.get(pk=draft["id"]).status == Story.Status.QUEUED


@pytest.mark.parametrize("place", ["root", "api"])
def test_a_draft_with_only_names_and_nothing_optional_is_saved(user: User, place: str) -> None:
    client = _sign_in(user)
    sparse = {
        "title": "",
        "genre": "Children's",
        "story_outline": OUTLINE,
        "main_characters": [{"name": "Mira"}],
        "num_pages": 1,
        "tone": "",
        "setting": "",
        "character_ids": [],
    }
    response = client.post(_drafts_url(place), sparse, format="json")
    assert response.status_code == 200, response.json()
    draft = response.json()
    assert (draft["title"], draft["num_pages"], draft["is_draft"]) == ("", 1, True)
    assert [member["name"] for member in draft["main_characters"]] == ["Mira"]
    assert draft["image_style"] == "Default"
    assert draft["editor_settings"]["font_size"] == 28


def test_a_draft_the_list_shows_opens_with_the_story_detail_too(user: User) -> None:
    client = _sign_in(user)
    draft = client.post(_drafts_url("root"), _wizard(), format="json").json()
    listed = _my_stories(client)
    assert listed[0]["is_draft"] is True
    response = client.get(f"/api/v1/stories/{listed[0]['id']}")
    assert response.status_code == 200
    assert response.json()["id"] == draft["id"]
    assert response.json()["is_draft"] is True
    assert response.json()["pages"] == []


# --- changes, field by field ------------------------------------------------------------------


@pytest.mark.parametrize("place", ["root", "api"])
def test_only_the_fields_sent_change(user: User, place: str) -> None:
    client = _sign_in(user)
    draft = client.post(_drafts_url(place), _wizard(), format="json").json()

    outline = client.put(
        _draft_url(place, draft["id"]), {"story_outline": CHANGED_OUTLINE}, format="json"
    )
    assert outline.status_code == 200, outline.json()
    _assert_fills_the_wizard(outline.json(), _wizard(story_outline=CHANGED_OUTLINE))

    layout = client.put(
        _draft_url(place, draft["id"]), {"editor_settings": {"font_size": 40}}, format="json"
    )
    assert layout.status_code == 200, layout.json()
    expected = _wizard(story_outline=CHANGED_OUTLINE)
    expected["editor_settings"]["font_size"] = 40
    _assert_fills_the_wizard(layout.json(), expected)

    cast = client.put(
        _draft_url(place, draft["id"]), {"main_characters": [{"name": "Hoot"}]}, format="json"
    )
    assert [member["name"] for member in cast.json()["main_characters"]] == ["Hoot"]
    assert cast.json()["story_outline"] == CHANGED_OUTLINE


@pytest.mark.parametrize("place", ["root", "api"])
def test_a_change_never_turns_a_draft_into_a_story(user: User, place: str) -> None:
    client = _sign_in(user)
    draft = client.post(_drafts_url(place), _wizard(), format="json").json()
    response = client.put(
        _draft_url(place, draft["id"]), _wizard(is_draft=False, tone="brave"), format="json"
    )
    assert response.status_code == 200
    assert (response.json()["is_draft"], response.json()["tone"]) == (True, "brave")
    assert Story.objects.get(pk=draft["id"]).status == Story.Status.DRAFT
    assert [s["is_draft"] for s in _my_stories(client)] == [True]


def test_a_draft_id_in_the_body_neither_creates_nor_changes_another_draft(user: User) -> None:
    client = _sign_in(user)
    first = client.post(_drafts_url("root"), _wizard(), format="json").json()
    second = client.post(
        _drafts_url("root"), _wizard(title="The Second", draft_id=first["id"]), format="json"
    ).json()
    assert second["id"] != first["id"]
    client.put(
        _draft_url("root", second["id"]), {"tone": "silly", "draft_id": first["id"]}, format="json"
    )
    assert Story.objects.get(pk=first["id"]).tone == "gentle"
    assert Story.objects.get(pk=second["id"]).tone == "silly"


def test_library_characters_stay_linked_when_the_wizard_sends_them_back_by_name(
    user: User,
) -> None:
    """The wizard reopens a draft without the library ids it picked and sends its characters
    back by name: they keep being the library's (and reuse its sheets) until dropped."""
    client = _sign_in(user)
    hoot = CharacterFactory(owner=user, name="Hoot", description="a wise old owl")
    draft = client.post(
        _drafts_url("root"),
        _wizard(main_characters=[{"name": "Mira"}], character_ids=[hoot.pk]),
        format="json",
    ).json()
    cast = Story.objects.get(pk=draft["id"]).cast
    assert [(m.name, m.character_id) for m in cast.all()] == [("Mira", None), ("Hoot", hoot.pk)]

    reopened = client.get(_draft_url("root", draft["id"])).json()
    sent_back = [
        {key: member[key] for key in ("name", "age", "gender", "key_traits")}
        for member in reopened["main_characters"]
    ]
    client.put(
        _draft_url("root", draft["id"]),
        _wizard(main_characters=sent_back, character_ids=[]),
        format="json",
    )
    assert [(m.name, m.character_id) for m in cast.all()] == [("Mira", None), ("Hoot", hoot.pk)]
    assert cast.get(name="Hoot").description == "a wise old owl"

    generated = client.post(
        "/api/v1/stories/",
        _wizard(main_characters=sent_back, character_ids=[], draft_id=draft["id"]),
        format="json",
    )
    assert generated.status_code == 202, generated.json()
    assert cast.get(name="Hoot").character_id == hoot.pk

    dropped = StoryFactory(owner=user, status=Story.Status.DRAFT, title="")
    StoryCharacterFactory(story=dropped, name="Hoot", character=hoot)
    client.put(
        _draft_url("root", dropped.pk), {"main_characters": [{"name": "Mira"}]}, format="json"
    )
    assert [m.name for m in dropped.cast.all()] == ["Mira"]


# --- someone else's drafts ----------------------------------------------------------------------


@pytest.mark.parametrize("slash", [True, False])
@pytest.mark.parametrize("place", ["root", "api"])
def test_another_users_draft_is_404_everywhere_and_left_alone(
    user: User, other_user: User, place: str, slash: bool
) -> None:
    theirs = StoryFactory(owner=other_user, status=Story.Status.DRAFT, title="Secret")
    client = _sign_in(user)

    read = client.get(_draft_url(place, theirs.pk, slash))
    assert (read.status_code, read.json()["detail"]) == (404, "Draft not found.")
    changed = client.put(_draft_url(place, theirs.pk, slash), _wizard(), format="json")
    assert (changed.status_code, changed.json()["detail"]) == (
        404,
        "Draft not found or not authorized to update.",
    )
    generated = client.post("/api/v1/stories/", _wizard(draft_id=theirs.pk), format="json")
    assert (generated.status_code, generated.json()["detail"]) == (404, "Draft not found.")

    theirs.refresh_from_db()
    assert (theirs.title, theirs.status) == ("Secret", Story.Status.DRAFT)
    assert not Story.objects.filter(owner=user).exists()


def test_unknown_and_hidden_drafts_are_404(user: User) -> None:
    hidden = StoryFactory(owner=user, status=Story.Status.DRAFT, is_hidden=True)
    client = _sign_in(user)
    for draft_id in (hidden.pk, hidden.pk + 1000, 10**25):
        assert client.get(_draft_url("root", draft_id)).status_code == 404
        changed = client.put(_draft_url("root", draft_id), {"tone": "x"}, format="json")
        assert changed.status_code == 404


# --- input that is refused ----------------------------------------------------------------------


BAD_CHANGES = [
    ({"genre": "Western"}, "genre"),
    ({"image_style": "Crayon"}, "image_style"),
    ({"num_pages": 0}, "num_pages"),
    ({"num_pages": 1000}, "num_pages"),
    ({"num_pages": "many"}, "num_pages"),
    ({"title": "x" * 201}, "title"),
    ({"title": 42}, "title"),
    ({"story_outline": "x" * 5001}, "story_outline"),
    ({"main_characters": [{"age": 3}]}, "main_characters"),
    ({"main_characters": [{"name": "Mira"}, {"name": " mira "}]}, "main_characters"),
    ({"main_characters": "Mira"}, "main_characters"),
    ({"editor_settings": {"font_color": "red"}}, "editor_settings"),
    ({"editor_settings": {"text_box_opacity": 2}}, "editor_settings"),
    ({"character_ids": [0]}, "character_ids"),
    ({"character_ids": [2**63]}, "character_ids"),
]


@pytest.mark.parametrize(("change", "field"), BAD_CHANGES)
@pytest.mark.parametrize("place", ["root", "api"])
def test_invalid_drafts_are_400_naming_the_field_and_nothing_is_saved(
    user: User, place: str, change: dict[str, Any], field: str
) -> None:
    client = _sign_in(user)
    created = client.post(_drafts_url(place), _wizard(**change), format="json")
    assert created.status_code == 400, created.json()
    assert created.json()["detail"]
    assert field in {key.split(".")[0] for key in created.json()["errors"]}
    assert not Story.objects.exists()

    draft = client.post(_drafts_url(place), _wizard(), format="json").json()
    before = client.get(_draft_url(place, draft["id"])).json()
    changed = client.put(_draft_url(place, draft["id"]), change, format="json")
    assert changed.status_code == 400, changed.json()
    assert changed.json()["detail"]
    assert client.get(_draft_url(place, draft["id"])).json() == before


@pytest.mark.parametrize("place", ["root", "api"])
def test_someone_elses_library_character_is_404_and_nothing_is_saved(
    user: User, other_user: User, place: str
) -> None:
    theirs = CharacterFactory(owner=other_user)
    client = _sign_in(user)
    response = client.post(_drafts_url(place), _wizard(character_ids=[theirs.pk]), format="json")
    assert response.status_code == 404
    assert response.json()["detail"] == "Character not found."
    assert not Story.objects.exists()


def test_a_title_already_used_by_another_story_is_refused(user: User) -> None:
    StoryFactory(owner=user, title="The Lantern Keeper")
    client = _sign_in(user)
    response = client.post(_drafts_url("root"), _wizard(), format="json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "A story with this title already exists.",
        "code": "title_taken",
    }
    assert Story.objects.filter(owner=user).count() == 1


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('{"title": ', "application/json"),
        ("[1, 2]", "application/json"),
        ("title=x", "application/x-www-form-urlencoded"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_4xx(user: User, body: str, content_type: str) -> None:
    client = _sign_in(user)
    response = client.post(_drafts_url("root"), body, content_type=content_type)
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]
    assert not Story.objects.exists()


def test_generating_a_draft_the_safety_check_refuses_keeps_the_draft(user: User) -> None:
    client = _sign_in(user)
    unsafe = "The wolf wants to slaughter the three little pigs, with blood everywhere."
    draft = client.post(_drafts_url("root"), _wizard(story_outline=unsafe), format="json").json()
    response = client.post(
        "/api/v1/stories/", _wizard(story_outline=unsafe, draft_id=draft["id"]), format="json"
    )
    assert response.status_code == 422
    assert response.json()["code"] == "unsafe_brief"
    assert Story.objects.get(pk=draft["id"]).status == Story.Status.DRAFT
    assert client.get(_draft_url("root", draft["id"])).status_code == 200


# --- the root routes answer as the API does ---------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/stories/drafts/"),
        ("post", "/stories/drafts"),
        ("get", "/stories/drafts/1"),
        ("put", "/stories/drafts/1/"),
    ],
)
def test_the_root_routes_want_a_token_and_say_so_in_json(
    api_client: APIClient, method: str, path: str
) -> None:
    response = getattr(api_client, method)(path, {}, format="json")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("path", ["/stories/drafts/first", "/stories/drafts/1/pages"])
def test_an_unknown_path_under_the_root_drafts_is_a_json_404(user: User, path: str) -> None:
    response = _sign_in(user).get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_the_story_pages_next_to_the_root_drafts_are_still_pages(client: Any, user: User) -> None:
    client.force_login(user)
    response = client.get(reverse("stories:library"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_a_client_on_an_allowed_origin_may_call_the_root_drafts(user: User, settings: Any) -> None:
    settings.CORS_ALLOWED_ORIGINS = ["http://127.0.0.1:5500"]
    client = _sign_in(user)
    preflight = client.options(
        "/stories/drafts/",
        HTTP_ORIGIN="http://127.0.0.1:5500",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="PUT",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "http://127.0.0.1:5500"
    assert "authorization" in preflight["Access-Control-Allow-Headers"]
    saved = client.post(
        "/stories/drafts/", _wizard(), format="json", HTTP_ORIGIN="http://127.0.0.1:5500"
    )
    assert saved.status_code == 200
    assert saved["Access-Control-Allow-Origin"] == "http://127.0.0.1:5500"


def test_drafts_keep_the_brief_out_of_the_logs(
    user: User, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = _sign_in(user)
    draft = client.post(_drafts_url("root"), _wizard(), format="json").json()
    client.put(
        _draft_url("root", draft["id"]), _wizard(story_outline=CHANGED_OUTLINE), format="json"
    )
    client.get(_draft_url("root", draft["id"]))
    assert f"/stories/drafts/{draft['id']}" in caplog.text  # the request lines are there
    for words in (OUTLINE, CHANGED_OUTLINE, "brass lantern", "curly red hair", "Mira"):
        assert words not in caplog.text


def test_reading_a_draft_takes_a_constant_number_of_queries(
    user: User, django_assert_max_num_queries: Any
) -> None:
    draft = StoryFactory(owner=user, status=Story.Status.DRAFT)
    for number in range(5):
        StoryCharacterFactory(story=draft, name=f"Mira {number}")
    client = _sign_in(user)
    with django_assert_max_num_queries(6):
        response = client.get(_draft_url("root", draft.pk))
    assert len(response.json()["main_characters"]) == 5
