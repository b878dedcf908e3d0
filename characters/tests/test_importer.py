"""The character importer: reading an import file and creating or updating from its items."""

from __future__ import annotations

import json
from typing import Any

import pytest

from accounts.models import User
from characters import importer
from characters.importer import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ITEMS,
    ImportFileInvalid,
    ImportItem,
    characters_import,
    characters_import_parse,
)
from characters.models import Character, CharacterImageJob
from characters.tests.factories import CharacterFactory
from stories.models import DynamicListItem
from storygen.parsers import MAX_JSON_DEPTH

pytestmark = pytest.mark.django_db


def parse(value: Any) -> list[Any]:
    return characters_import_parse(json.dumps(value).encode())


def only(report_items: list[ImportItem]) -> ImportItem:
    assert len(report_items) == 1
    return report_items[0]


# --- Reading the file ----------------------------------------------------------------------


def test_a_single_object_is_read_as_one_item() -> None:
    assert parse({"name": "Ayla"}) == [{"name": "Ayla"}]


def test_an_array_is_read_as_its_items_in_order() -> None:
    assert parse([{"name": "Ayla"}, {"name": "Nimbus"}]) == [{"name": "Ayla"}, {"name": "Nimbus"}]


def test_a_utf8_file_with_a_byte_order_mark_is_read() -> None:
    raw = "\ufeff" + json.dumps({"name": "Zoë"}, ensure_ascii=False)
    assert characters_import_parse(raw.encode("utf-8")) == [{"name": "Zoë"}]


def test_invalid_json_says_where_the_problem_is() -> None:
    raw = b'[\n  {"name": "Ayla"},\n    {name: "Nimbus"}\n]'
    with pytest.raises(ImportFileInvalid) as caught:
        characters_import_parse(raw)
    assert caught.value.message == "This file is not valid JSON (line 3, column 6)."
    assert caught.value.code == "import_invalid"
    assert caught.value.status_code == 400


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "This file is empty."),
        (b"  \n", "This file is empty."),
        (b"\xff\xfe{}", "This file is not valid JSON (it is not UTF-8 text)."),
        (b'{"age": NaN}', "This file is not valid JSON (NaN is not a JSON value)."),
        (b"[" * 100_000, "This file nests lists and objects deeper than 64 levels"),
        (b'"Ayla"', "The file must hold one character (a JSON object) or a list"),
        (b"42", "The file must hold one character (a JSON object) or a list"),
        (b"null", "The file must hold one character (a JSON object) or a list"),
        (b"[]", "The file holds an empty list: there is nothing to import."),
    ],
)
def test_a_file_that_is_not_characters_is_refused_with_a_clear_message(
    raw: bytes, message: str
) -> None:
    with pytest.raises(ImportFileInvalid) as caught:
        characters_import_parse(raw)
    assert caught.value.message.startswith(message)


def test_nesting_is_judged_by_the_same_rule_as_a_requests_json() -> None:
    def nested(levels: int) -> bytes:
        # An item whose description nests lists: the item as a whole is levels deep.
        return (
            b'[{"name": "Ayla", "description": ' + b"[" * (levels - 2) + b"]" * (levels - 2) + b"}]"
        )

    assert characters_import_parse(nested(MAX_JSON_DEPTH))[0]["name"] == "Ayla"
    with pytest.raises(ImportFileInvalid, match=f"deeper than {MAX_JSON_DEPTH} levels"):
        characters_import_parse(nested(MAX_JSON_DEPTH + 1))


def test_more_than_the_item_limit_is_refused() -> None:
    assert len(parse([{"name": f"C{n}"} for n in range(MAX_IMPORT_ITEMS)])) == MAX_IMPORT_ITEMS
    with pytest.raises(ImportFileInvalid, match=f"at most {MAX_IMPORT_ITEMS}"):
        parse([{"name": f"C{n}"} for n in range(MAX_IMPORT_ITEMS + 1)])


def test_a_file_over_two_mebibytes_is_refused() -> None:
    padding = " " * (MAX_IMPORT_BYTES - 20)
    assert characters_import_parse(f'{{"name": "A"}}{padding}'.encode()) == [{"name": "A"}]
    with pytest.raises(ImportFileInvalid, match="larger than 2 MiB"):
        characters_import_parse(b'{"name": "A"}' + b" " * MAX_IMPORT_BYTES)


# --- Created, updated, skipped -------------------------------------------------------------


def test_new_names_are_created_with_every_field(user: User) -> None:
    report = characters_import(
        owner=user,
        items=[
            {
                "name": "  Ayla   Starwind ",
                "description": "copper hair",
                "age": 17,
                "gender": "Female",
                "clothing_style": "a flight jacket",
                "key_traits": "fearless",
                "image_style": "Cartoon",
            }
        ],
    )

    assert only(report.items) == ImportItem(1, "Ayla Starwind", "created")
    assert (report.created, report.updated, report.skipped) == (1, 0, 0)
    ayla = Character.objects.get(owner=user)
    assert ayla.name == "Ayla Starwind"
    assert (ayla.description, ayla.age, ayla.gender) == ("copper hair", 17, "Female")
    assert (ayla.clothing_style, ayla.key_traits, ayla.image_style) == (
        "a flight jacket",
        "fearless",
        "Cartoon",
    )


def test_an_existing_name_in_any_case_is_updated_with_only_the_fields_given(user: User) -> None:
    nimbus = CharacterFactory(
        owner=user, name="Professor Nimbus", description="a cloud beard", age=63, gender="Male"
    )

    report = characters_import(
        owner=user, items=[{"name": "PROFESSOR nimbus", "age": 64, "gender": None}]
    )

    assert only(report.items).outcome == "updated"
    nimbus.refresh_from_db()
    assert nimbus.name == "Professor Nimbus"
    assert nimbus.age == 64
    assert nimbus.description == "a cloud beard"
    assert nimbus.gender == ""
    assert Character.objects.filter(owner=user).count() == 1


def test_the_import_only_touches_the_owners_library(user: User, other_user: User) -> None:
    theirs = CharacterFactory(owner=other_user, name="Ayla", age=30)

    report = characters_import(owner=user, items=[{"name": "Ayla", "age": 17}])

    assert only(report.items).outcome == "created"
    theirs.refresh_from_db()
    assert theirs.age == 30
    assert Character.objects.get(owner=user).age == 17


def test_a_bad_item_is_skipped_with_its_reason_and_the_others_still_import(user: User) -> None:
    report = characters_import(
        owner=user,
        items=[
            {"name": "Ayla"},
            {"description": "nobody"},
            "Nimbus",
            {"name": "Biscuit", "age": "seven"},
            {"name": "Pip"},
        ],
    )

    assert report.items == [
        ImportItem(1, "Ayla", "created"),
        ImportItem(2, "", "skipped", "No name given."),
        ImportItem(3, "", "skipped", "Not an object."),
        ImportItem(4, "Biscuit", "skipped", "Age must be a whole number from 0 to 150."),
        ImportItem(5, "Pip", "created"),
    ]
    assert (report.created, report.updated, report.skipped) == (2, 0, 3)
    assert set(Character.objects.values_list("name", flat=True)) == {"Ayla", "Pip"}


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        ({"name": ""}, "No name given."),
        ({"name": "   "}, "No name given."),
        ({"name": None}, "No name given."),
        ({"name": ["Ayla"]}, "Name must be text."),
        ({"name": "A" * 101}, "Name is longer than 100 characters."),
        ({"name": "Ayla", "age": -1}, "Age must be a whole number from 0 to 150."),
        ({"name": "Ayla", "age": 151}, "Age must be a whole number from 0 to 150."),
        ({"name": "Ayla", "age": 7.5}, "Age must be a whole number from 0 to 150."),
        ({"name": "Ayla", "age": True}, "Age must be a whole number from 0 to 150."),
        ({"name": "Ayla", "gender": "x" * 51}, "Gender is longer than 50 characters."),
        ({"name": "Ayla", "gender": {"a": 1}}, "Gender must be text."),
        ({"name": "Ayla", "traits": ["brave", 3]}, "Traits must be text or a list of texts."),
        ({"name": "Ayla", "generate_image": "maybe"}, "generate_image must be true or false."),
        (
            {"name": "Ayla", "image_style": "Crayon"},
            "Image style 'Crayon' is not one of the available styles.",
        ),
        (
            {"age": 200, "image_style": "Crayon"},
            "No name given. Age must be a whole number from 0 to 150. "
            "Image style 'Crayon' is not one of the available styles.",
        ),
    ],
)
def test_each_problem_of_an_item_is_named_in_plain_words(
    user: User, item: dict[str, Any], reason: str
) -> None:
    report = characters_import(owner=user, items=[item])

    assert only(report.items).outcome == "skipped"
    assert only(report.items).reason == reason
    assert not Character.objects.exists()


# --- Field names and values ----------------------------------------------------------------


def test_physical_appearance_and_traits_stand_in_for_description_and_key_traits(
    user: User,
) -> None:
    characters_import(
        owner=user,
        items=[{"name": "Nimbus", "physical_appearance": "a cloud beard", "traits": "kind"}],
    )

    nimbus = Character.objects.get(owner=user)
    assert (nimbus.description, nimbus.key_traits) == ("a cloud beard", "kind")


def test_description_and_key_traits_win_over_their_alternatives(user: User) -> None:
    characters_import(
        owner=user,
        items=[
            {
                "name": "Nimbus",
                "description": "tall",
                "physical_appearance": "short",
                "key_traits": "kind",
                "traits": "grumpy",
            },
            {"name": "Pip", "description": "", "physical_appearance": "grey feathers"},
        ],
    )

    nimbus = Character.objects.get(name="Nimbus")
    assert (nimbus.description, nimbus.key_traits) == ("tall", "kind")
    assert Character.objects.get(name="Pip").description == "grey feathers"


def test_a_list_of_traits_is_joined_with_commas(user: User) -> None:
    characters_import(
        owner=user,
        items=[
            {"name": "Biscuit", "traits": ["brave ", "always hungry", ""]},
            {"name": "Pip", "key_traits": ["loud"]},
        ],
    )

    assert Character.objects.get(name="Biscuit").key_traits == "brave, always hungry"
    assert Character.objects.get(name="Pip").key_traits == "loud"


@pytest.mark.parametrize(
    ("age", "stored"), [(7, 7), ("7", 7), (" 12 ", 12), (8.0, 8), (0, 0), (None, None), ("", None)]
)
def test_age_is_a_number_or_a_numeric_string(user: User, age: Any, stored: int | None) -> None:
    report = characters_import(owner=user, items=[{"name": "Ayla", "age": age}])

    assert only(report.items).outcome == "created"
    assert Character.objects.get(owner=user).age == stored


def test_image_style_must_be_an_active_style(user: User) -> None:
    DynamicListItem.objects.filter(dynamic_list_id="image_styles", item_value="Noir").update(
        is_active=False
    )

    report = characters_import(
        owner=user,
        items=[
            {"name": "Ayla", "image_style": "Cartoon"},
            {"name": "Pip", "image_style": "Noir"},
            {"name": "Biscuit", "image_style": ""},
        ],
    )

    assert [item.outcome for item in report.items] == ["created", "skipped", "created"]
    assert report.items[1].reason == "Image style 'Noir' is not one of the available styles."


def test_any_image_style_is_accepted_when_the_list_has_no_active_styles(user: User) -> None:
    DynamicListItem.objects.filter(dynamic_list_id="image_styles").update(is_active=False)

    report = characters_import(owner=user, items=[{"name": "Ayla", "image_style": "Crayon"}])

    assert only(report.items).outcome == "created"
    assert Character.objects.get(owner=user).image_style == "Crayon"


def test_unknown_fields_are_ignored(user: User) -> None:
    report = characters_import(
        owner=user, items=[{"name": "Ayla", "id": 99, "owner": "someone", "personality": "x"}]
    )

    assert only(report.items).outcome == "created"
    assert Character.objects.get().owner == user


def test_the_same_name_twice_in_a_file_imports_only_the_first(user: User) -> None:
    report = characters_import(
        owner=user,
        items=[
            {"name": "Ayla", "age": 17},
            {"name": "AYLA", "age": 30},
            {"name": "Pip"},
        ],
    )

    assert report.items[1] == ImportItem(
        2, "AYLA", "skipped", "Appears twice in the file: only the first is imported."
    )
    assert Character.objects.get(name="Ayla").age == 17
    assert (report.created, report.skipped) == (2, 1)


def test_a_name_whose_first_item_was_skipped_is_imported_from_the_next(user: User) -> None:
    report = characters_import(
        owner=user, items=[{"name": "Ayla", "age": "old"}, {"name": "Ayla", "age": 17}]
    )

    assert [item.outcome for item in report.items] == ["skipped", "created"]
    assert Character.objects.get(owner=user).age == 17


# --- Dry run -------------------------------------------------------------------------------


def test_a_dry_run_reports_the_same_outcomes_and_writes_nothing(
    user: User, django_capture_on_commit_callbacks: Any
) -> None:
    existing = CharacterFactory(owner=user, name="Professor Nimbus", age=63)
    items = [
        {"name": "Ayla", "generate_image": True},
        {"name": "professor nimbus", "age": 64},
        {"name": "Ayla"},
        {"age": 3},
    ]

    with django_capture_on_commit_callbacks() as callbacks:
        dry = characters_import(owner=user, items=items, dry_run=True)

    assert dry.dry_run is True
    assert [(item.outcome, item.image_queued) for item in dry.items] == [
        ("created", True),
        ("updated", False),
        ("skipped", False),
        ("skipped", False),
    ]
    assert callbacks == []
    assert list(Character.objects.filter(owner=user)) == [existing]
    existing.refresh_from_db()
    assert existing.age == 63
    assert not CharacterImageJob.objects.exists()

    real = characters_import(owner=user, items=items)
    assert real.dry_run is False
    assert [(i.outcome, i.reason) for i in real.items] == [(i.outcome, i.reason) for i in dry.items]


# --- Sheets ---------------------------------------------------------------------------------


def test_items_asking_for_a_sheet_get_one_drawn(
    user: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = characters_import(
            owner=user,
            items=[
                {"name": "Ayla", "description": "copper hair", "generate_image": True},
                {"name": "Pip", "description": "a gull"},
            ],
        )

    assert [item.image_queued for item in report.items] == [True, False]
    assert report.images_queued == 1
    ayla = Character.objects.get(name="Ayla")
    assert ayla.current_image is not None
    assert ayla.current_image.image.name
    assert CharacterImageJob.objects.get().status == CharacterImageJob.Status.DONE
    assert Character.objects.get(name="Pip").current_image is None


def test_generate_images_draws_a_sheet_for_every_imported_character(
    user: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = characters_import(
            owner=user,
            items=[{"name": "Ayla"}, {"name": "Pip", "generate_image": False}, {"age": 1}],
            generate_images=True,
        )

    assert [item.image_queued for item in report.items] == [True, True, False]
    assert all(c.current_image is not None for c in Character.objects.filter(owner=user))
    assert CharacterImageJob.objects.filter(status=CharacterImageJob.Status.DONE).count() == 2


def test_nothing_is_queued_before_the_import_commits(
    user: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        characters_import(owner=user, items=[{"name": "Ayla", "generate_image": True}])

    assert len(callbacks) == 1
    assert Character.objects.get().current_image is None


# --- One transaction -----------------------------------------------------------------------


def test_a_failure_midway_leaves_the_library_as_it_was(
    user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    nimbus = CharacterFactory(owner=user, name="Nimbus", age=63)
    real_upsert = importer.character_upsert
    calls = []

    def upsert_then_fail(**kwargs: Any) -> Any:
        calls.append(kwargs["name"])
        if len(calls) == 3:
            raise RuntimeError("the database went away")
        return real_upsert(**kwargs)

    monkeypatch.setattr(importer, "character_upsert", upsert_then_fail)

    with pytest.raises(RuntimeError):
        characters_import(
            owner=user,
            items=[{"name": "Ayla"}, {"name": "Nimbus", "age": 64}, {"name": "Pip"}],
        )

    assert list(Character.objects.filter(owner=user)) == [nimbus]
    nimbus.refresh_from_db()
    assert nimbus.age == 63


def test_checking_items_does_not_query_per_item(
    user: User, django_assert_max_num_queries: Any
) -> None:
    CharacterFactory(owner=user, name="Ayla")

    for count in (3, 30):
        items = [{"name": f"C{n}", "image_style": "Cartoon"} for n in range(count)]
        with django_assert_max_num_queries(4):
            report = characters_import(owner=user, items=[{"name": "ayla"}, *items], dry_run=True)
        assert (report.created, report.updated) == (count, 1)
