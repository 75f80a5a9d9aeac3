"""Machine formats name files from the repository root, from any folder of it.

The text formats name them from the working folder, as ruff does.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import run

MACHINE_FORMATS = ["sarif", "github", "gitlab", "junit", "json", "json-lines", "rdjson"]

BROKEN = textwrap.dedent(
    """\
    version: 1
    people:
      alice: {disciplines: [data-engineer]}
      bob: {disciplines: [data-engineer]}
    components:
      ingest:
        kind: ingestion
        raci: {responsible: [alice], informed: [alice]}
    """
)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository (a `.git` folder) with services/churn/raci.yaml."""
    (tmp_path / ".git").mkdir()
    churn = tmp_path / "services" / "churn"
    churn.mkdir(parents=True)
    (churn / "raci.yaml").write_text(BROKEN, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("name", MACHINE_FORMATS)
def test_machine_formats_give_the_same_bytes_from_any_folder(repository: Path, name: str) -> None:
    from_root = run(["check", "-f", name, "services/churn"], repository)
    from_folder = run(["check", "-f", name, "."], repository / "services" / "churn")
    assert (from_root.returncode, from_root.stderr) == (1, "")
    assert (from_folder.returncode, from_folder.stderr) == (1, "")
    assert from_folder.stdout == from_root.stdout
    assert "services/churn/raci.yaml" in from_root.stdout


@pytest.mark.parametrize("name", MACHINE_FORMATS)
def test_repo_root_option_names_files_from_that_root(repository: Path, name: str) -> None:
    # --repo-root wins over the git top level, from any folder.
    services = repository / "services"
    from_root = run(["check", "-f", name, "--repo-root", "services", "services/churn"], repository)
    from_folder = run(["check", "-f", name, "--repo-root", "..", "."], services / "churn")
    assert from_folder.stdout == from_root.stdout
    assert "churn/raci.yaml" in from_root.stdout
    assert "services/churn" not in from_root.stdout


def test_github_names_the_file_from_the_root(repository: Path) -> None:
    result = run(["check", "-f", "github", "."], repository / "services" / "churn")
    assert result.stdout.splitlines()[0] == (
        "::warning file=services/churn/raci.yaml,line=4,col=3,endLine=4,endColumn=6,"
        "title=raci-lint (REF006)::person 'bob' holds no letter in any component"
        "%0Ahint: give them a letter, mark them `active: false` if they left, or remove them"
    )


def test_text_formats_name_files_from_the_working_folder(repository: Path) -> None:
    # As ruff: the path a person can open from where they stand.
    from_root = run(["check", "-f", "concise", "services/churn"], repository)
    from_folder = run(["check", "-f", "concise", "."], repository / "services" / "churn")
    assert from_root.stdout == (
        "services/churn/raci.yaml:4:3: REF006 [warning] person 'bob' holds no letter in any "
        "component (unassigned-person)\n"
        "services/churn/raci.yaml:6:3: RACI001 [error] component 'ingest' has no Accountable "
        "(missing-accountable)\n"
        "services/churn/raci.yaml:8:45: RACI005 [warning] 'alice' is both Responsible and "
        "Informed for component 'ingest' (conflicting-letters)\n"
        "Found 1 error, 2 warnings in 1 file.\n"
    )
    assert from_folder.stdout == from_root.stdout.replace("services/churn/", "")
    full = run(["check", "."], repository / "services" / "churn")
    assert full.stdout.startswith("raci.yaml:4:3: REF006 ")


def test_stdin_is_named_from_the_root_when_it_has_a_name(repository: Path) -> None:
    churn = repository / "services" / "churn"
    named = run(["check", "-f", "json-lines", "--stdin-filename", "raci.yaml", "-"], churn, BROKEN)
    assert {json.loads(line)["path"] for line in named.stdout.splitlines()} == {
        "services/churn/raci.yaml"
    }
    unnamed = run(["check", "-f", "json-lines", "-"], churn, BROKEN)
    assert {json.loads(line)["path"] for line in unnamed.stdout.splitlines()} == {"<stdin>"}
