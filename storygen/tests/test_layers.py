"""The import layers: the contracts hold, catch an upward import, and match the README."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def _lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [LINT_IMPORTS, "--no-cache"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _layers() -> list[str]:
    (contract,) = [c for c in CONFIG["contracts"] if c["type"] == "layers"]
    return contract["layers"]


def test_every_import_contract_is_kept() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout
    kept = len(CONFIG["contracts"])
    assert f"Contracts: {kept} kept, 0 broken." in result.stdout


def test_the_contracts_catch_an_import_that_goes_up(tmp_path: Path) -> None:
    for package in CONFIG["root_packages"]:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "*.html", "*.css", "*.js", "*.png"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    # Inside a function, where a careless import hides best.
    with (tmp_path / "characters" / "selectors.py").open("a") as module:
        module.write("\n\ndef _up():\n    from stories.models import Story\n\n    return Story\n")
    with (tmp_path / "stories" / "services" / "media.py").open("a") as module:
        module.write("\n\nfrom stories.views import home as _home  # noqa: E402\n")

    result = _lint_imports(tmp_path)

    assert result.returncode == 1
    assert "characters is not allowed to import stories" in result.stdout
    assert "characters.selectors -> stories.models" in result.stdout
    assert "stories.services.media is not allowed to import stories.views" in result.stdout
    assert f"Contracts: {len(CONFIG['contracts']) - 2} kept, 2 broken." in result.stdout


def test_the_readme_shows_the_layers_the_contract_checks() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Layers") :]
    block = section[section.index("```") + 3 : section.index("```", section.index("```") + 3)]
    listed = [line.split()[0] for line in block.strip().splitlines()]
    assert listed == _layers()
    assert set(listed) == set(CONFIG["root_packages"])


def test_make_test_runs_the_import_contracts() -> None:
    makefile = (ROOT / "Makefile").read_text()
    lint = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert lint is not None
    assert "$(BIN)/lint-imports" in lint.group(1)
    assert re.search(r"^test:.*\blint\b", makefile, re.MULTILINE)
