"""The story wizard pages: steps, validation, state kept server-side, drafts and templates."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from characters.tests.factories import CharacterFactory
from stories.models import GenerationTask, Story
from stories.tests.factories import StoryCharacterFactory, StoryFactory
from stories.views import wizard as wizard_views

pytestmark = pytest.mark.django_db

BASICS = {
    "title": "The Lantern Keeper",
    "genre": "Children's",
    "story_outline": "Mira finds a lost whale calf and guides it back to the open sea.",
}
OPTIONS = {
    "num_pages": "3",
    "tone": "gentle",
    "setting": "a lighthouse by the sea",
    "text_density": "Concise (~30-50 words)",
    "word_to_picture_ratio": "One image per page",
    "image_style": "Watercolor",
    "page_size": "square",
    "page_orientation": "portrait",
    "layout_mode": "horizontal-split",
    "text_position": "top-left",
    "font_family": "classic",
}


def characters_data(*rows: dict[str, str], action: str = "next", **extra: str) -> dict[str, str]:
    """The Characters step's POST: the formset rows (plus the blank one) and a button."""
    rows = (*rows, {})
    data = {
        "new-TOTAL_FORMS": str(len(rows)),
        "new-INITIAL_FORMS": "0",
        "new-MIN_NUM_FORMS": "0",
        "new-MAX_NUM_FORMS": "10",
        "action": action,
        **extra,
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"new-{index}-{key}"] = value
    return data


MIRA = {"name": "Mira", "description": "a girl with curly red hair", "age": "9"}


@pytest.fixture
def signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def start(client: Client) -> str:
    """Open a new wizard; returns its key."""
    response = client.get(reverse("stories:create"))
    assert response.status_code == 302
    return response.url.split("/")[2]


def step_url(key: str, step: str) -> str:
    return reverse("stories:wizard", kwargs={"key": key, "step": step})


def through_options(client: Client, *characters: dict[str, str], **extra: str) -> str:
    key = start(client)
    assert client.post(step_url(key, "basics"), {**BASICS, "action": "next"}).status_code == 302
    response = client.post(
        step_url(key, "characters"), characters_data(*(characters or (MIRA,)), **extra)
    )
    assert response.status_code == 302, response.content
    response = client.post(step_url(key, "options"), {**OPTIONS, "action": "next"})
    assert response.url == step_url(key, "review")
    return key


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize(
    "url",
    [
        reverse("stories:create"),
        reverse("stories:wizard", kwargs={"key": "abc", "step": "basics"}),
        reverse("stories:resume-draft", kwargs={"story_id": 1}),
        reverse("stories:template", kwargs={"story_id": 1}),
    ],
)
def test_wizard_pages_ask_visitors_to_log_in(client: Client, url: str) -> None:
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_new_wizard_opens_on_the_basics_step_with_the_genres_to_choose_from(
    signed_in: Client,
) -> None:
    key = start(signed_in)

    page = signed_in.get(step_url(key, "basics"))

    assert page.status_code == 200
    html = page.content.decode()
    assert 'aria-current="step"' in html
    assert "Step 1 of 4" in html
    assert '<option value="Bedtime">Bedtime</option>' in html
    assert 'for="id_story_outline"' in html


def test_basics_without_genre_or_outline_says_what_is_missing_and_keeps_the_title(
    signed_in: Client,
) -> None:
    key = start(signed_in)

    page = signed_in.post(
        step_url(key, "basics"), {"title": "Moon Boat", "genre": "", "story_outline": " "}
    )

    assert page.status_code == 200
    errors = page.context["form"].errors
    assert "genre" in errors
    assert "story_outline" in errors
    assert 'aria-invalid="true"' in page.content.decode()
    # A reload shows what was typed.
    assert signed_in.get(step_url(key, "basics")).context["form"].initial["title"] == "Moon Boat"


def test_basics_refuses_a_title_the_user_already_used(signed_in: Client, user: User) -> None:
    StoryFactory(owner=user, title="The Lantern Keeper")
    key = start(signed_in)

    page = signed_in.post(step_url(key, "basics"), {**BASICS, "action": "next"})

    assert page.status_code == 200
    assert "already have a story with this title" in str(page.context["form"].errors["title"])


def test_later_steps_stay_closed_until_the_earlier_ones_are_complete(signed_in: Client) -> None:
    key = start(signed_in)

    response = signed_in.get(step_url(key, "review"))

    assert response.url == step_url(key, "basics")


def test_an_unknown_step_is_not_found(signed_in: Client) -> None:
    key = start(signed_in)

    assert signed_in.get(step_url(key, "colours")).status_code == 404


def test_a_forgotten_wizard_starts_afresh_with_a_message(signed_in: Client) -> None:
    response = signed_in.get(step_url("nope", "characters"), follow=True)

    assert response.redirect_chain[-1][0].endswith("/basics/")
    assert "fresh one" in messages_of(response)[0]


def test_characters_step_needs_at_least_one_character(signed_in: Client) -> None:
    key = start(signed_in)
    signed_in.post(step_url(key, "basics"), {**BASICS, "action": "next"})

    page = signed_in.post(step_url(key, "characters"), characters_data())

    assert page.status_code == 200
    assert "Add at least one character" in page.content.decode()


def test_a_character_row_with_details_but_no_name_is_an_error_next_to_the_field(
    signed_in: Client,
) -> None:
    key = start(signed_in)
    signed_in.post(step_url(key, "basics"), {**BASICS, "action": "next"})

    page = signed_in.post(
        step_url(key, "characters"), characters_data({"description": "a tall giraffe"})
    )

    assert page.status_code == 200
    assert "Give this character a name." in page.content.decode()


def test_two_new_characters_with_the_same_name_are_refused(signed_in: Client) -> None:
    key = start(signed_in)
    signed_in.post(step_url(key, "basics"), {**BASICS, "action": "next"})

    page = signed_in.post(
        step_url(key, "characters"), characters_data({"name": "Pip"}, {"name": "pip"})
    )

    assert "Another character already has this name." in page.content.decode()


def test_library_characters_can_be_searched_picked_and_removed(
    signed_in: Client, user: User, other_user: User
) -> None:
    pip = CharacterFactory(owner=user, name="Pip", key_traits="brave seagull")
    CharacterFactory(owner=user, name="Oona", key_traits="sleepy owl", description="an owl")
    stranger = CharacterFactory(owner=other_user, name="Stranger")
    key = start(signed_in)
    signed_in.post(step_url(key, "basics"), {**BASICS, "action": "next"})

    found = signed_in.get(step_url(key, "characters") + "?q=BRAVE")
    assert [c.name for c in found.context["library"]] == ["Pip"]

    signed_in.post(step_url(key, "characters"), characters_data(action=f"add:{pip.pk}"))
    signed_in.post(step_url(key, "characters"), characters_data(action=f"add:{stranger.pk}"))
    page = signed_in.get(step_url(key, "characters"))
    assert [c.name for c in page.context["picked"]] == ["Pip"]

    signed_in.post(step_url(key, "characters"), characters_data(action=f"remove:{pip.pk}"))
    assert signed_in.get(step_url(key, "characters")).context["picked"] == []


def test_adding_a_row_and_going_back_keep_what_was_typed(signed_in: Client) -> None:
    key = start(signed_in)
    signed_in.post(step_url(key, "basics"), {**BASICS, "action": "next"})

    signed_in.post(step_url(key, "characters"), characters_data(MIRA, action="add-row"))
    back = signed_in.post(
        step_url(key, "characters"),
        characters_data(MIRA, {"name": "Pip", "age": "not a number"}, action="back"),
    )

    assert back.url == step_url(key, "basics")
    page = signed_in.get(step_url(key, "characters"))
    names = [form.initial.get("name") for form in page.context["formset"].forms]
    assert names == ["Mira", "Pip", None]
    assert page.context["formset"].forms[1].initial["age"] == "not a number"


def test_characters_step_runs_the_same_queries_for_3_or_30_library_characters(
    signed_in: Client, user: User, django_assert_max_num_queries: Any
) -> None:
    key = start(signed_in)
    signed_in.post(step_url(key, "basics"), {**BASICS, "action": "next"})
    CharacterFactory.create_batch(3, owner=user)
    with django_assert_max_num_queries(12) as few:
        signed_in.get(step_url(key, "characters"))
    CharacterFactory.create_batch(27, owner=user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = signed_in.get(step_url(key, "characters"))
    assert page.context["library_more"] is True


def test_options_are_validated_with_messages_next_to_the_fields(signed_in: Client) -> None:
    key = start(signed_in)
    signed_in.post(step_url(key, "basics"), {**BASICS, "action": "next"})
    signed_in.post(step_url(key, "characters"), characters_data(MIRA))

    page = signed_in.post(
        step_url(key, "options"), {**OPTIONS, "num_pages": "21", "image_style": "Crayon"}
    )

    assert page.status_code == 200
    errors = page.context["form"].errors
    assert "less than or equal to 20" in str(errors["num_pages"])
    assert "image_style" in errors


def test_review_summarises_everything_with_links_back_to_each_step(signed_in: Client) -> None:
    key = through_options(signed_in)

    page = signed_in.get(step_url(key, "review"))

    html = page.content.decode()
    assert "The Lantern Keeper" in html
    assert "Mira" in html
    assert "Square storybook" in html
    assert "Top Left" in html
    for step in ("basics", "characters", "options"):
        assert f'href="{step_url(key, step)}"' in html


def test_generate_starts_the_story_and_opens_its_progress_page(
    signed_in: Client, user: User
) -> None:
    key = through_options(signed_in)

    response = signed_in.post(step_url(key, "review"), {"action": "generate"})

    story = Story.objects.get(owner=user)
    assert response.url == reverse("stories:progress", kwargs={"story_id": story.pk})
    assert story.title == "The Lantern Keeper"
    assert story.num_pages == 3
    assert story.page_format == "square-storybook"
    assert story.text_position == "top-left"
    assert story.layout_mode == "horizontal-split"
    assert [c.name for c in story.cast.all()] == ["Mira"]
    assert GenerationTask.objects.filter(story=story).count() == 1
    # The wizard is closed: it cannot generate the same story twice.
    again = signed_in.post(step_url(key, "review"), {"action": "generate"})
    assert again.url == reverse("stories:create")
    assert Story.objects.filter(owner=user).count() == 1


def test_a_draft_saved_at_step_two_resumes_and_finalizes_into_the_same_story(
    signed_in: Client, user: User
) -> None:
    key = start(signed_in)
    signed_in.post(step_url(key, "basics"), {**BASICS, "action": "next"})
    response = signed_in.post(step_url(key, "characters"), characters_data(MIRA, action="draft"))
    assert response.url == step_url(key, "characters")
    draft = Story.objects.get(owner=user)
    assert draft.status == Story.Status.DRAFT
    assert [c.name for c in draft.cast.all()] == ["Mira"]

    # A new session (log out and in again) has no wizard: the draft brings it back.
    signed_in.logout()
    signed_in.force_login(user)
    resumed = signed_in.get(reverse("stories:resume-draft", kwargs={"story_id": draft.pk}))
    new_key = resumed.url.split("/")[2]
    assert resumed.url == step_url(new_key, "options")
    assert signed_in.get(step_url(new_key, "basics")).context["form"].initial["title"] == (
        "The Lantern Keeper"
    )
    signed_in.post(step_url(new_key, "options"), {**OPTIONS, "action": "next"})
    signed_in.post(step_url(new_key, "review"), {"action": "generate"})

    assert Story.objects.filter(owner=user).count() == 1
    story = Story.objects.get(pk=draft.pk)
    assert story.status != Story.Status.DRAFT
    assert story.num_pages == 3


def test_saving_a_draft_twice_updates_the_same_draft(signed_in: Client, user: User) -> None:
    key = start(signed_in)
    signed_in.post(step_url(key, "basics"), {**BASICS, "action": "draft"})
    signed_in.post(step_url(key, "basics"), {**BASICS, "title": "Sea Song", "action": "draft"})

    assert list(Story.objects.filter(owner=user).values_list("title", "status")) == [
        ("Sea Song", "draft")
    ]


def test_a_draft_saves_from_the_first_step_with_only_a_title(signed_in: Client, user: User) -> None:
    key = start(signed_in)

    response = signed_in.post(
        step_url(key, "basics"),
        {"title": "Only a title", "genre": "", "story_outline": "", "action": "draft"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == step_url(key, "basics")
    assert "Draft saved." in messages_of(response)[0]
    draft = Story.objects.get(owner=user)
    assert (draft.status, draft.title, draft.genre, draft.outline) == (
        "draft",
        "Only a title",
        "",
        "",
    )
    # The step is not complete: the next one stays closed until genre and outline are given.
    assert signed_in.get(step_url(key, "characters")).url == step_url(key, "basics")
    # Reopened from My stories, it starts where something is missing.
    resumed = signed_in.get(reverse("stories:resume-draft", kwargs={"story_id": draft.pk}))
    assert resumed.url.endswith("/basics/")


def test_a_draft_saves_from_the_characters_step_without_any_character(
    signed_in: Client, user: User
) -> None:
    key = start(signed_in)
    signed_in.post(step_url(key, "basics"), {**BASICS, "action": "next"})

    response = signed_in.post(step_url(key, "characters"), characters_data(action="draft"))

    assert response.url == step_url(key, "characters")
    draft = Story.objects.get(owner=user)
    assert (draft.status, draft.genre, draft.cast.count()) == ("draft", "Children's", 0)


def test_a_draft_still_refuses_a_title_the_user_already_used(signed_in: Client, user: User) -> None:
    StoryFactory(owner=user, title="Taken")
    key = start(signed_in)

    page = signed_in.post(step_url(key, "basics"), {"title": "Taken", "action": "draft"})

    assert page.status_code == 200
    assert "already have a story with this title" in str(page.context["form"].errors["title"])
    assert Story.objects.filter(owner=user).count() == 1


def test_use_as_template_opens_a_prefilled_copy_with_a_free_title(
    signed_in: Client, user: User
) -> None:
    story = StoryFactory(owner=user, title="Moon Boat", num_pages=7, image_style="Anime")
    StoryCharacterFactory(story=story, name="Luna", description="a silver cat")
    linked = CharacterFactory(owner=user, name="Pip")
    StoryCharacterFactory(story=story, name="Pip", character=linked)

    response = signed_in.get(reverse("stories:template", kwargs={"story_id": story.pk}))

    key = response.url.split("/")[2]
    assert response.url == step_url(key, "basics")
    basics = signed_in.get(step_url(key, "basics"))
    assert basics.context["form"].initial["title"] == "Moon Boat (copy)"
    review = signed_in.get(step_url(key, "review"))
    assert review.status_code == 200
    assert [c.name for c in review.context["picked"]] == ["Pip"]
    assert [c["name"] for c in review.context["brief"]["main_characters"]] == ["Luna"]
    assert review.context["brief"]["num_pages"] == 7
    signed_in.post(step_url(key, "review"), {"action": "generate"})
    assert Story.objects.filter(owner=user).count() == 2
    assert Story.objects.get(pk=story.pk).title == "Moon Boat"


def test_other_users_drafts_and_stories_are_not_found(signed_in: Client, other_user: User) -> None:
    draft = StoryFactory(owner=other_user, status=Story.Status.DRAFT)

    assert (
        signed_in.get(reverse("stories:resume-draft", kwargs={"story_id": draft.pk})).status_code
        == 404
    )
    assert (
        signed_in.get(reverse("stories:template", kwargs={"story_id": draft.pk})).status_code == 404
    )


def test_a_finished_story_is_not_resumed_as_a_draft(signed_in: Client, user: User) -> None:
    story = StoryFactory(owner=user, status=Story.Status.READY)

    response = signed_in.get(reverse("stories:resume-draft", kwargs={"story_id": story.pk}))

    assert response.status_code == 404


# --- starting again while a wizard is open ------------------------------------------------


def test_create_while_a_wizard_is_open_keeps_it_as_a_draft_and_starts_a_new_one(
    signed_in: Client, user: User
) -> None:
    key = start(signed_in)
    signed_in.post(step_url(key, "basics"), {**BASICS, "action": "next"})

    response = signed_in.get(reverse("stories:create"), follow=True)

    new_key = response.redirect_chain[-1][0].split("/")[2]
    assert new_key != key
    assert response.redirect_chain[-1][0] == step_url(new_key, "basics")
    assert messages_of(response) == [
        "Your unfinished story “The Lantern Keeper” was kept as a draft: find it in My stories."
    ]
    draft = Story.objects.get(owner=user)
    assert (draft.status, draft.title, draft.outline) == (
        "draft",
        "The Lantern Keeper",
        BASICS["story_outline"],
    )
    assert response.context["form"].initial.get("title", "") == ""
    # The first wizard still works, now on its draft: saving it again updates that draft.
    signed_in.post(step_url(key, "basics"), {**BASICS, "title": "Sea Song", "action": "draft"})
    assert list(Story.objects.filter(owner=user).values_list("title", flat=True)) == ["Sea Song"]


def test_create_keeps_nothing_when_nothing_was_entered_or_all_is_saved(
    signed_in: Client, user: User
) -> None:
    start(signed_in)
    key = start(signed_in)
    signed_in.post(step_url(key, "basics"), {**BASICS, "action": "draft"}, follow=True)

    response = signed_in.get(reverse("stories:create"), follow=True)

    assert messages_of(response) == []
    assert Story.objects.filter(owner=user).count() == 1


def test_create_shows_the_open_wizard_again_when_it_cannot_be_kept(
    signed_in: Client, user: User
) -> None:
    key = start(signed_in)
    signed_in.post(step_url(key, "basics"), {**BASICS, "action": "next"})
    StoryFactory(owner=user, title=BASICS["title"])  # the title was taken meanwhile

    response = signed_in.get(reverse("stories:create"), follow=True)

    assert response.redirect_chain[-1][0] == step_url(key, "basics")
    shown = messages_of(response)
    assert shown[0].startswith(
        "Your unfinished story “The Lantern Keeper” could not be kept as a draft, "
        "so here it is again"
    )
    assert len(shown) == 1
    title = response.context["form"]["title"]
    assert title.errors == ["A story with this title already exists."]
    assert Story.objects.filter(owner=user, status=Story.Status.DRAFT).count() == 0
    # Asked once: Create again starts a new story and leaves that one open as it is.
    again = signed_in.get(reverse("stories:create"), follow=True)
    assert again.redirect_chain[-1][0] != step_url(key, "basics")
    assert messages_of(again) == []
    assert (
        signed_in.get(step_url(key, "basics")).context["form"].initial["title"] == (BASICS["title"])
    )


# --- page size and orientation ------------------------------------------------------------


def test_the_options_offer_size_and_orientation_with_the_square_storybook_first(
    signed_in: Client,
) -> None:
    key = start(signed_in)
    signed_in.post(step_url(key, "basics"), {**BASICS, "action": "next"})
    signed_in.post(step_url(key, "characters"), characters_data(MIRA))

    form = signed_in.get(step_url(key, "options")).context["form"]

    assert form["page_size"].value() == "square"
    assert [label for _, label in form.fields["page_size"].choices] == [
        "Square storybook",
        "A4",
        "US Letter",
    ]
    assert [value for value, _ in form.fields["page_orientation"].choices] == [
        "portrait",
        "landscape",
    ]
    assert "page_format" not in form.fields


@pytest.mark.parametrize(
    ("size", "orientation", "stored", "shown"),
    [
        ("a4", "landscape", "a4-landscape", "A4, landscape"),
        ("a4", "portrait", "a4", "A4, portrait"),
        ("letter", "landscape", "landscape", "US Letter, landscape"),
        ("letter", "portrait", "letter", "US Letter, portrait"),
        ("square", "landscape", "square-storybook", "Square storybook"),
    ],
)
def test_a_size_and_an_orientation_make_the_stories_page_format(
    signed_in: Client, user: User, size: str, orientation: str, stored: str, shown: str
) -> None:
    key = start(signed_in)
    signed_in.post(step_url(key, "basics"), {**BASICS, "action": "next"})
    signed_in.post(step_url(key, "characters"), characters_data(MIRA))
    options = {**OPTIONS, "page_size": size, "page_orientation": orientation}
    assert signed_in.post(step_url(key, "options"), options).url == step_url(key, "review")

    review = signed_in.get(step_url(key, "review"))
    assert ("Page format", shown) in review.context["option_labels"]
    signed_in.post(step_url(key, "review"), {"action": "generate"})

    assert Story.objects.get(owner=user).page_format == stored


def test_generating_opens_the_progress_page_without_a_note_that_would_outlive_the_run(
    signed_in: Client, user: User
) -> None:
    key = through_options(signed_in)

    response = signed_in.post(step_url(key, "review"), {"action": "generate"}, follow=True)

    assert response.redirect_chain[-1][0].endswith("/progress/")
    assert "on its way" not in response.content.decode()


def test_each_picture_style_is_a_choice_with_its_sample_picture(signed_in: Client) -> None:
    key = start(signed_in)
    signed_in.post(step_url(key, "basics"), {**BASICS, "action": "next"})
    signed_in.post(step_url(key, "characters"), characters_data(MIRA))

    html = signed_in.get(step_url(key, "options")).content.decode()

    assert '<input type="radio" name="image_style" value="Watercolor"' in html
    assert 'src="/static/img/styles/watercolor.png"' in html
    assert html.count('class="style-card"') == html.count('name="image_style"')
    assert "No particular style" not in html


def test_a_refused_outline_sends_the_user_back_with_the_reason_next_to_it(
    signed_in: Client, user: User
) -> None:
    key = start(signed_in)
    outline = "The wolf wants to slaughter the three little pigs, with blood everywhere."
    signed_in.post(step_url(key, "basics"), {**BASICS, "story_outline": outline, "action": "next"})
    signed_in.post(step_url(key, "characters"), characters_data(MIRA))
    signed_in.post(step_url(key, "options"), {**OPTIONS, "action": "next"})

    response = signed_in.post(step_url(key, "review"), {"action": "generate"})

    assert response.url == step_url(key, "basics")
    assert not Story.objects.filter(owner=user).exists()
    page = signed_in.get(response.url)
    assert messages_of(page) == [wizard_views.UNSAFE_INTRO]
    field = page.context["form"]["story_outline"]
    assert "The outline was stopped for violence" in str(field.errors)
    assert field.value() == outline
    html = page.content.decode()
    assert 'aria-invalid="true"' in html
    assert "id_story_outline_error" in html
    # Shown once: the next visit shows the step as it is, without the old problem.
    again = signed_in.get(step_url(key, "basics"))
    assert not again.context["form"]["story_outline"].errors


def test_a_refused_character_is_marked_on_the_characters_step(signed_in: Client) -> None:
    grim = {
        "name": "Grim",
        "description": "a man who asks the children to keep secrets from their parents"
        " and meet him alone",
    }
    key = through_options(signed_in, grim)

    response = signed_in.post(step_url(key, "review"), {"action": "generate"})

    assert response.url == step_url(key, "characters")
    page = signed_in.get(response.url)
    assert "The character Grim was stopped for" in str(page.context["formset"].non_form_errors())


def test_a_refused_tone_is_marked_next_to_the_tone_on_the_options_step(signed_in: Client) -> None:
    key = start(signed_in)
    signed_in.post(step_url(key, "basics"), {**BASICS, "action": "next"})
    signed_in.post(step_url(key, "characters"), characters_data(MIRA))
    signed_in.post(
        step_url(key, "options"),
        {**OPTIONS, "tone": "gory, with guts spilling out", "action": "next"},
    )

    response = signed_in.post(step_url(key, "review"), {"action": "generate"})

    assert response.url == step_url(key, "options")
    page = signed_in.get(response.url)
    assert "The tone was stopped for" in str(page.context["form"]["tone"].errors)
