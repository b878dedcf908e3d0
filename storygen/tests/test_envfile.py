"""The `.env` the first `make run` writes, and what it makes work from the project folder."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from storygen import envfile
from storygen.tests.project_copy import ROOT, clean_environment, copy_project

# What the Makefile's `run` recipe runs first; the test below runs exactly that.
FIRST_START_STEP = ["-m", "storygen.envfile"]


def test_the_first_start_writes_a_private_env_with_a_new_secret_and_never_prints_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / ".env"
    monkeypatch.setenv("STORYGEN_ENV_FILE", str(path))
    permissive = os.umask(0o002)  # a shared-group umask must not make it readable
    try:
        assert envfile.main() == 0
    finally:
        os.umask(permissive)

    text = path.read_text()
    secret = re.search(r"^DJANGO_SECRET_KEY=(\S+)$", text, re.M)
    assert secret is not None
    assert len(secret.group(1)) >= 50
    assert re.search(r"^DJANGO_DEBUG=false$", text, re.M)
    assert path.stat().st_mode & 0o777 == 0o600
    printed = capsys.readouterr().out
    assert "wrote" in printed
    assert secret.group(1) not in printed


def test_each_checkout_gets_its_own_secret(tmp_path: Path) -> None:
    first, second = tmp_path / "a.env", tmp_path / "b.env"
    assert envfile.write_first_start_env(first)
    assert envfile.write_first_start_env(second)
    key = re.compile(r"^DJANGO_SECRET_KEY=(\S+)$", re.M)
    assert key.findall(first.read_text()) != key.findall(second.read_text())


def test_an_existing_env_is_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / ".env"
    path.write_text("DJANGO_SECRET_KEY=mine-and-only-mine\nOPENAI_API_KEY=sk-mine\n")
    path.chmod(0o640)
    monkeypatch.setenv("STORYGEN_ENV_FILE", str(path))

    assert envfile.main() == 0

    assert path.read_text() == "DJANGO_SECRET_KEY=mine-and-only-mine\nOPENAI_API_KEY=sk-mine\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert capsys.readouterr().out == ""


def test_make_run_writes_the_env_before_anything_reads_the_settings() -> None:
    recipe = re.search(r"^run:.*?\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M)
    assert recipe is not None
    steps = recipe.group(1)
    assert steps.index(f"$(BIN)/python {' '.join(FIRST_START_STEP)}") < steps.index("manage.py")


def test_the_readme_commands_work_from_the_folder_after_the_first_start(tmp_path: Path) -> None:
    """As in a second terminal: no DJANGO_DEBUG or DJANGO_SECRET_KEY exported."""
    folder = copy_project(tmp_path / "storygen")
    env = clean_environment()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - the project's interpreter, fixed arguments
            [".venv/bin/python", *args],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )

    before = run("manage.py", "check")
    assert before.returncode != 0
    assert "DJANGO_SECRET_KEY" in before.stderr

    first_start = run(*FIRST_START_STEP)
    assert first_start.returncode == 0, first_start.stderr
    secret = re.search(r"^DJANGO_SECRET_KEY=(\S+)$", (folder / ".env").read_text(), re.M)
    assert secret is not None
    assert secret.group(1) not in first_start.stdout + first_start.stderr

    for command in (
        ["check"],
        ["createadmin", "--help"],
        ["generate_story", "--help"],
        ["import_characters", "--help"],
    ):
        result = run("manage.py", *command)
        assert result.returncode == 0, f"{command}: {result.stderr[-2000:]}"
        assert secret.group(1) not in result.stdout + result.stderr
