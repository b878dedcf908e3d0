"""Page pictures as the reference product's browser client shows them: a page's
``image_path`` in the reference's private form sends it to the page-image endpoint with its
token, and the path changes with the picture; the signed address shows the picture to an
``<img>`` without one."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import PASSWORD
from stories import services
from stories.models import Page, PageImage, Story
from storygen.media import media_path

pytestmark = pytest.mark.django_db

#: The client's test for a private story picture (fetched with the token, shown as a blob).
PRIVATE_STORY_PICTURE = re.compile(r"^images/user_(\d+)/story_(\d+)/")
PNG = b"\x89PNG\r\n\x1a\n"


def _sign_in(user: User) -> APIClient:
    """Sign in as the client does (a form POST of the password grant), then send the token."""
    client = APIClient()
    response = client.post(
        "/api/v1/token",
        urlencode({"username": user.username, "password": PASSWORD}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200, response.json()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access_token']}")
    return client


def _pages(client: APIClient, story: Story) -> dict[int, dict[str, Any]]:
    response = client.get(f"/api/v1/stories/{story.pk}")
    assert response.status_code == 200, response.json()
    return {page["page_number"]: page for page in response.json()["pages"]}


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_every_page_picture_has_the_reference_private_form_and_is_fetched_with_the_token(
    user: User, story: Story
) -> None:
    client = _sign_in(user)
    pages = _pages(client, story)

    assert sorted(pages) == [0, 1, 2, 3]
    for number, page in pages.items():
        path = page["image_path"]
        first = "cover" if number == 0 else f"page_{number}"
        assert re.fullmatch(
            rf"images/user_{user.pk}/story_{story.pk}/{first}_[0-9a-f]{{8}}"
            rf"_story_{story.pk}_p{number}\.png",
            path,
        ), path
        match = PRIVATE_STORY_PICTURE.match(path)
        assert match is not None
        assert match.groups() == (str(user.pk), str(story.pk))
        # What the client then does: the page-image endpoint, with its token.
        picture = client.get(f"/api/v1/stories/{story.pk}/pages/{page['id']}/image")
        assert picture.status_code == 200
        assert picture["Content-Type"] == "image/png"
        stored = Page.objects.get(pk=page["id"])
        body = _body(picture)
        assert body == media_path(stored.image.name).read_bytes()
        assert body.startswith(PNG)
    # One name per picture: the client keeps a fetched picture per page and path.
    assert len({page["image_path"] for page in pages.values()}) == 4


def test_the_reference_form_is_never_served_as_a_file(user: User, story: Story) -> None:
    pages = _pages(_sign_in(user), story)

    for page in pages.values():
        for client in (Client(), _sign_in(user)):
            response = client.get(f"/static_content/{page['image_path']}")
            assert response.status_code == 404
    # Nor the story's folder, nor the real file under its own name.
    stored = Page.objects.get(pk=pages[1]["id"])
    for path in (
        f"images/user_{user.pk}/story_{story.pk}/",
        f"images/user_{user.pk}/story_{story.pk}",
        stored.image.name,
        stored.image_display.name,
    ):
        assert Client().get(f"/static_content/{path}").status_code == 404


def test_the_path_changes_when_the_picture_does_and_comes_back_with_it(
    user: User, story: Story, run_pipeline: Callable[..., Any]
) -> None:
    client = _sign_in(user)
    page = _pages(client, story)[1]
    url = f"/api/v1/stories/{story.pk}/pages/{page['id']}"
    first_picture = _body(client.get(f"{url}/image"))

    job = run_pipeline(client.post, f"{url}/regenerate-image", HTTP_PREFER="respond-async").json()
    assert client.get(job["status_url"]).json()["status"] == "done"
    redrawn = _pages(client, story)[1]
    assert redrawn["image_path"] != page["image_path"]
    assert PRIVATE_STORY_PICTURE.match(redrawn["image_path"])
    assert _body(client.get(f"{url}/image")) != first_picture

    # Back to the first picture: its path again (the client may show what it kept for it).
    first = PageImage.objects.get(page_id=page["id"], version=1)
    response = client.post(f"{url}/images/{first.pk}/make-current")
    assert response.status_code == 200
    assert response.json()["image_path"] == page["image_path"]
    assert _pages(client, story)[1]["image_path"] == page["image_path"]
    assert _body(client.get(f"{url}/image")) == first_picture

    # The reference client's "Restore Image" answers with the page, in the same form.
    run_pipeline(client.post, f"{url}/regenerate-image")
    restored = client.post(f"{url}/restore-image")
    assert restored.status_code == 200
    assert restored.json()["image_path"] == page["image_path"]


def test_a_page_without_a_picture_has_no_path(user: User, story: Story) -> None:
    Page.objects.filter(story=story, number=2).update(image="", image_display="")
    page = _pages(_sign_in(user), story)[2]

    assert page["image_path"] is None
    assert page["image_url"] is None
    assert page["signed_image_url"] is None
    assert page["signed_thumbnail_url"] is None


def test_the_token_address_stays_available_as_image_url(user: User, story: Story) -> None:
    client = _sign_in(user)
    page = _pages(client, story)[1]

    assert page["image_url"] == (
        f"/api/v1/stories/{story.pk}/pages/{page['id']}/image?v={page['image_version']}"
    )
    assert client.get(page["image_url"]).status_code == 200
    assert APIClient().get(page["image_url"]).status_code == 401


def test_the_signed_address_shows_the_picture_without_the_token(user: User, story: Story) -> None:
    page = _pages(_sign_in(user), story)[1]
    stored = Page.objects.get(pk=page["id"])

    for field, variant, content_type in (
        ("signed_image_url", "display", "image/jpeg"),
        ("signed_thumbnail_url", "thumbnail", "image/webp"),
    ):
        address = page[field]
        assert address.startswith(
            f"/static_content/images/user_{user.pk}/story_{story.pk}/page_{stored.pk}/v1-{variant}."
        )
        response = Client().get(address)
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["X-Content-Type-Options"] == "nosniff"
        directive, max_age = response["Cache-Control"].split(", max-age=")
        assert directive == "private"
        assert 0 < int(max_age) <= 14_400
        name = stored.image_display.name if variant == "display" else stored.image_thumbnail.name
        assert _body(response) == media_path(name).read_bytes()


def test_a_signed_address_given_before_a_redraw_does_not_show_the_new_picture(
    user: User, story: Story, run_pipeline: Callable[..., Any]
) -> None:
    client = _sign_in(user)
    before = _pages(client, story)[1]
    assert Client().get(before["signed_image_url"]).status_code == 200

    run_pipeline(client.post, f"/api/v1/stories/{story.pk}/pages/{before['id']}/regenerate-image")
    after = _pages(client, story)[1]

    assert Client().get(before["signed_image_url"]).status_code == 404
    assert after["signed_image_url"] != before["signed_image_url"]
    assert Client().get(after["signed_image_url"]).status_code == 200


@pytest.mark.parametrize(
    "change",
    [
        {"is_hidden": True},
        {"is_deleted": True},
        {"status": Story.Status.HELD},
    ],
)
def test_a_signed_address_stops_working_when_the_story_may_no_longer_be_seen(
    user: User, story: Story, change: dict[str, Any]
) -> None:
    address = _pages(_sign_in(user), story)[1]["signed_image_url"]

    Story.objects.filter(pk=story.pk).update(**change)

    assert Client().get(address).status_code == 404


def test_a_signed_address_of_a_page_cannot_be_moved_to_another_users_page(
    user: User, other_user: User, story: Story, story_request: dict[str, Any], run_pipeline: Any
) -> None:
    theirs = Story.objects.get(
        pk=run_pipeline(services.story_generation_start, owner=other_user, **story_request).story_id
    )
    mine = _pages(_sign_in(user), story)[1]["signed_image_url"]
    their_page = Page.objects.get(story=theirs, number=1)
    own_page = Page.objects.get(story=story, number=1)

    moved = mine.replace(f"user_{user.pk}/", f"user_{other_user.pk}/").replace(
        f"story_{story.pk}/page_{own_page.pk}/", f"story_{theirs.pk}/page_{their_page.pk}/"
    )
    assert moved != mine
    assert Client().get(moved).status_code == 404
    # Nor can a user's token fetch the other's picture from the endpoint.
    other = f"/api/v1/stories/{theirs.pk}/pages/{their_page.pk}/image"
    assert _sign_in(user).get(other).status_code == 404
