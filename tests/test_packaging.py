"""The installed package carries its data: the schema and the default taxonomy."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

import raci_lint
from raci_lint.schema.validator import schema_path
from raci_lint.taxonomy.disciplines import DEFAULT_PATH


def _editable() -> bool:
    """True when raci-lint is installed in editable (development) mode."""
    text = importlib.metadata.distribution("raci-lint").read_text("direct_url.json") or "{}"
    return bool(json.loads(text).get("dir_info", {}).get("editable"))


def test_package_is_imported_from_the_installation_not_the_checkout() -> None:
    # pytest runs with --import-mode=importlib: the checkout's raci_lint/ is
    # never put on the path, so a regular install (as in CI) is what is tested.
    if _editable():
        pytest.skip("an editable install imports the checkout by design")
    assert Path(raci_lint.__file__).resolve().parent != ROOT / "raci_lint"


def test_schema_ships_inside_the_package() -> None:
    path = schema_path("raci.schema.json")
    assert path.is_file()
    if not _editable():
        # A regular install (as in CI) must load it from inside the package.
        assert Path(raci_lint.__file__).resolve().parent in path.resolve().parents
    assert path.read_bytes() == (ROOT / "schemas" / "raci.schema.json").read_bytes()


def test_default_taxonomy_ships_inside_the_package() -> None:
    assert DEFAULT_PATH.is_file()
    assert Path(raci_lint.__file__).resolve().parent in DEFAULT_PATH.resolve().parents


def test_version_matches_the_metadata() -> None:
    assert importlib.metadata.version("raci-lint") == raci_lint.__version__


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "raci-lint"
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=False)
    assert result.stdout == f"raci-lint {raci_lint.__version__}\n"


def test_version_does_not_import_click_or_yaml() -> None:
    code = (
        "import sys; from raci_lint.cli import main; main(['--version']); "
        "print(sorted(m for m in ('click', 'yaml', 'raci_lint.engine.lint') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stdout.splitlines()[-1] == "[]"


def test_the_licence_text_ships_with_the_distribution() -> None:
    distribution = importlib.metadata.distribution("raci-lint")
    assert distribution.metadata["License-Expression"] == "MIT"
    shipped = [f for f in distribution.files or [] if f.name == "LICENSE"]
    assert len(shipped) == 1
    assert shipped[0].read_text().startswith("MIT License\n")


def test_checking_a_valid_file_does_not_import_the_schema_compiler(tmp_path: Path) -> None:
    # The shipped fast check proves a valid file valid: the schema compiler
    # (raci_lint.schema.compiler) is not needed, not even for the constants the check uses.
    (tmp_path / "raci.yaml").write_text(
        "version: 1\npeople:\n  alice: {disciplines: [data-engineer]}\ncomponents:\n"
        "  ingest:\n    kind: ingestion\n    raci: {responsible: [alice], accountable: alice}\n"
    )
    code = (
        "import sys; from raci_lint.cli import main; "
        "code = main(['check', '--isolated', 'raci.yaml']); "
        "print(code, 'raci_lint.schema.compiler' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert result.stdout.splitlines()[-1] == "0 False"
