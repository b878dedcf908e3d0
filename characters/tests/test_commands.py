"""The import_characters management command."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import User
from accounts.tests.factories import UserFactory
from characters.models import Character, CharacterImageJob
from characters.tests.factories import CharacterFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(settings.BASE_DIR) / "static" / "samples" / "characters.json"


def write(tmp_path: Path, value: Any, name: str = "characters.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_characters", *args, stdout=out)
    return out.getvalue()


def test_a_valid_file_is_imported_and_each_item_reported(tmp_path: Path, user: User) -> None:
    CharacterFactory(owner=user, name="Professor Nimbus", age=63)
    path = write(
        tmp_path,
        [
            {"name": "Ayla Starwind", "age": 17},
            {"name": "professor nimbus", "age": "64"},
            {"description": "nobody"},
            {"name": "Biscuit", "traits": ["brave", "hungry"]},
        ],
    )

    out = run(str(path), "--user", user.username.upper())

    assert out.splitlines() == [
        "created  Ayla Starwind",
        "updated  professor nimbus",
        "skipped  #3 (no name): No name given.",
        "created  Biscuit",
        "2 created, 1 updated, 1 skipped.",
    ]
    assert Character.objects.get(owner=user, name="Professor Nimbus").age == 64
    assert Character.objects.get(owner=user, name="Biscuit").key_traits == "brave, hungry"
    assert Character.objects.filter(owner=user).count() == 3


def test_a_skipped_item_with_a_name_is_reported_by_number_and_name(
    tmp_path: Path, user: User
) -> None:
    path = write(tmp_path, [{"name": "Ayla", "age": "seven"}])

    out = run(str(path), "--user", user.username)

    assert out.splitlines() == [
        "skipped  #1 Ayla: Age must be a whole number from 0 to 150.",
        "0 created, 0 updated, 1 skipped.",
    ]


def test_invalid_json_fails_the_command_and_saves_nothing(tmp_path: Path, user: User) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[{"name": "Ayla"},\n {"name": "Pip"', encoding="utf-8")

    with pytest.raises(CommandError, match=r"not valid JSON \(line 2, column 16\)"):
        run(str(path), "--user", user.username)

    assert not Character.objects.exists()


def test_a_file_of_the_wrong_shape_fails_the_command(tmp_path: Path, user: User) -> None:
    path = write(tmp_path, "Ayla")

    with pytest.raises(CommandError, match="one character"):
        run(str(path), "--user", user.username)

    assert not Character.objects.exists()


def test_a_dry_run_reports_without_saving(
    tmp_path: Path, user: User, django_capture_on_commit_callbacks: Any
) -> None:
    CharacterFactory(owner=user, name="Pip", age=3)
    path = write(tmp_path, [{"name": "Ayla", "generate_image": True}, {"name": "Pip", "age": 4}])

    with django_capture_on_commit_callbacks() as callbacks:
        out = run(str(path), "--user", user.username, "--dry-run")

    assert out.splitlines() == [
        "created  Ayla  + reference sheet queued",
        "updated  Pip",
        "1 created, 1 updated, 0 skipped. (dry run: nothing was saved)",
    ]
    assert callbacks == []
    assert list(Character.objects.values_list("name", "age")) == [("Pip", 3)]


def test_generate_images_queues_a_sheet_for_every_character(
    tmp_path: Path, user: User, django_capture_on_commit_callbacks: Any
) -> None:
    path = write(tmp_path, [{"name": "Ayla"}, {"name": "Pip"}])

    with django_capture_on_commit_callbacks(execute=True):
        out = run(str(path), "--user", user.username, "--generate-images")

    assert "created  Ayla  + reference sheet queued" in out.splitlines()
    assert CharacterImageJob.objects.filter(status=CharacterImageJob.Status.DONE).count() == 2
    assert all(c.current_image is not None for c in Character.objects.all())


def test_an_unknown_user_fails_the_command(tmp_path: Path) -> None:
    path = write(tmp_path, [{"name": "Ayla"}])

    with pytest.raises(CommandError, match="No user named 'nobody'"):
        run(str(path), "--user", "nobody")

    assert not Character.objects.exists()


def test_a_deactivated_user_cannot_receive_characters(tmp_path: Path) -> None:
    gone = UserFactory(username="gone", is_active=False, is_deleted=True)
    path = write(tmp_path, [{"name": "Ayla"}])

    with pytest.raises(CommandError, match="No user named 'gone'"):
        run(str(path), "--user", gone.username)


def test_a_missing_file_fails_the_command(tmp_path: Path, user: User) -> None:
    with pytest.raises(CommandError, match=r"Cannot read .*missing\.json: No such file"):
        run(str(tmp_path / "missing.json"), "--user", user.username)


def test_a_folder_instead_of_a_file_fails_the_command(tmp_path: Path, user: User) -> None:
    with pytest.raises(CommandError, match="Cannot read"):
        run(str(tmp_path), "--user", user.username)


def test_the_shipped_sample_imports_cleanly(user: User) -> None:
    out = run(str(SAMPLE), "--user", user.username)

    assert out.splitlines()[-1] == "3 created, 0 updated, 0 skipped."
    ayla = Character.objects.get(owner=user, name="Ayla Starwind")
    assert (ayla.age, ayla.gender, ayla.image_style) == (17, "Female", "Cartoon")
    nimbus = Character.objects.get(owner=user, name="Professor Nimbus")
    assert (nimbus.age, nimbus.gender, nimbus.image_style) == (63, "Male", "Watercolor")
    assert nimbus.description
    assert ", " in nimbus.key_traits
    assert not CharacterImageJob.objects.exists()


def test_the_shipped_sample_uses_every_field_name_the_importer_reads() -> None:
    items = json.loads(SAMPLE.read_text(encoding="utf-8"))
    keys = {key for item in items for key in item}

    assert keys >= {
        "name",
        "description",
        "physical_appearance",
        "age",
        "gender",
        "clothing_style",
        "key_traits",
        "traits",
        "image_style",
        "generate_image",
    }
    ages = [item["age"] for item in items]
    assert any(isinstance(age, int) for age in ages)
    assert any(isinstance(age, str) for age in ages)
    assert any(isinstance(item.get("traits"), list) for item in items)
