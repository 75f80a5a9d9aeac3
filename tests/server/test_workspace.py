"""The workspace: the editor's files linted by the engine, without any protocol."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from raci_lint.engine.lint import lint_paths, settings_for
from raci_lint.server.hover import describe
from raci_lint.server.index import COMPONENT, PARTY
from raci_lint.server.workspace import Workspace

ROSTER = textwrap.dedent(
    """\
    version: 1
    people:
      alice: {name: Alice, disciplines: [data-engineer]}
      bob: {name: Bob, disciplines: [ml-engineer]}
    teams:
      core: {members: [alice, bob]}
    """
)
OWNERSHIP = textwrap.dedent(
    """\
    version: 1
    include: [org/people.yaml]
    components:
      ingest:
        kind: ingestion
        description: Loads events
        raci: {responsible: [alice], accountable: bob, consulted: [core]}
      serve:
        kind: deployment
        depends_on: [ingest]
        raci: {responsible: [bob], accountable: bobby}
    """
)


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "people.yaml").write_text(ROSTER, encoding="utf-8")
    (tmp_path / "raci.yaml").write_text(OWNERSHIP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return Path(os.path.realpath(tmp_path))


def _column(text: str, line: int, word: str, nth: int = 0) -> int:
    """The 1-based column of the ``nth`` ``word`` on a 1-based line of an ASCII text."""
    row = text.splitlines()[line - 1]
    start = -1
    for _ in range(nth + 1):
        start = row.index(word, start + 1)
    return start + 1


def _opened(repository: Path, text: str = OWNERSHIP) -> tuple[Workspace, str]:
    files = Workspace()
    path = str(repository / "raci.yaml")
    files.lint(files.open(path, text, 1))
    return files, path


def test_the_violations_are_those_of_check(repository: Path) -> None:
    files, path = _opened(repository)
    found, problems = files.findings(path)
    expected = lint_paths(["raci.yaml"], settings_for()).violations
    assert found == expected
    assert [(v.code, v.line, v.column) for v in found] == [
        ("PIPE002", 8, 3),
        ("PIPE003", 8, 3),
        ("REF001", 11, _column(OWNERSHIP, 11, "bobby")),
    ]
    assert problems == []


def test_an_unsaved_roster_counts_for_the_file_that_includes_it(repository: Path) -> None:
    files, path = _opened(repository)
    roster = str(repository / "org" / "people.yaml")
    assert files.open(roster, ROSTER.replace("bob:", "bobby:"), 1) == [path]
    files.lint([path])
    # bob is gone: unknown where he is written, bobby is known now.
    assert [(v.code, v.line, v.column) for v in files.findings(path)[0] if v.code == "REF001"] == [
        ("REF001", 7, _column(OWNERSHIP, 7, "bob")),
        ("REF001", 11, _column(OWNERSHIP, 11, "bob")),
    ]
    assert [(v.code, v.line, v.message) for v in files.findings(roster)[0]] == [
        ("REF001", 6, "team 'core' lists member 'bob', who is not a declared person")
    ]
    # Closed unsaved, the roster on disk counts again.
    assert files.close(roster) == [path]
    files.lint([path])
    assert [v.line for v in files.findings(path)[0] if v.code == "REF001"] == [11]


def test_closing_files_forgets_what_no_open_file_needs(repository: Path) -> None:
    files = Workspace()
    path = str(repository / "raci.yaml")
    roster = str(repository / "org" / "people.yaml")
    # The roster alone: the ownership file that includes it is found and linted.
    assert files.open(roster, ROSTER, 1) == [path]
    files.lint([path])
    assert files.tracked() == [path]
    files.lint(files.open(path, OWNERSHIP, 1))
    # The ownership file closed: still linted (from disk) for the open roster.
    assert files.close(path) == [path]
    assert files.tracked() == [path]
    assert files.close(roster) == []
    assert files.tracked() == []


def test_ids_are_found_where_they_are_declared_and_written_across_the_include(
    repository: Path,
) -> None:
    files, path = _opened(repository)
    [analysis] = files.units_of(path)
    index = analysis.index
    assert index is not None
    roster = str(repository / "org" / "people.yaml")
    bob = index.at(path, 7, _column(OWNERSHIP, 7, "bob") + 1)
    assert bob is not None and (bob.namespace, bob.id) == (PARTY, "bob")
    declared = index.declaration(bob)
    assert declared is not None and declared.place[:3] == (roster, 4, 3)
    assert [(p.path == path, p.line, p.column) for p in index.references(PARTY, "bob")] == [
        (False, 4, 3),
        (False, 6, _column(ROSTER, 6, "bob")),
        (True, 7, _column(OWNERSHIP, 7, "bob")),
        (True, 11, _column(OWNERSHIP, 11, "bob")),
    ]
    assert [p.line for p in index.references(COMPONENT, "ingest")] == [4, 10]
    assert index.at(path, 5, 11) is None  # a kind is no id
    core = index.declaration(index.at(path, 7, _column(OWNERSHIP, 7, "core")))  # type: ignore[arg-type]
    assert core is not None
    assert describe(core, index.model, path).split("\n\n") == [
        "**`core`** (team)",
        "Members: `alice`, `bob`",
        "Holds: consulted for `ingest`",
        "Declared in org/people\\.yaml:6:3 (included)",
    ]
    serve = index.declaration(index.at(path, 8, 4))  # type: ignore[arg-type]
    assert serve is not None
    assert describe(serve, index.model, path).split("\n\n") == [
        "**`serve`** (component)",
        "Kind: `deployment`",
        "Responsible: `bob`",
        "Accountable: `bobby`",
        "Depends on: `ingest`",
        "Declared at line 8, column 3",
    ]


def test_a_file_that_cannot_be_read_or_used_is_a_problem_not_an_exception(
    repository: Path,
) -> None:
    files = Workspace()
    missing = str(repository / "gone" / "raci.yaml")
    [analysis] = files.lint([missing])
    assert analysis.violations == {}
    [problem] = analysis.problems[missing]
    assert (problem.line, problem.column) == (1, 1)
    assert problem.message == "gone/raci.yaml: no such file or folder"


def test_a_configuration_is_checked_as_it_is_typed_not_only_when_saved(repository: Path) -> None:
    files, _ = _opened(repository)
    config = str(repository / ".raci-lint.yaml")
    (repository / ".raci-lint.yaml").write_text("ignore: [REF001]\n", encoding="utf-8")
    files.open(config, "ignore: [REF001]\n", 1)
    assert files.findings(config) == ([], [])
    # Typed, not saved: its problem is shown at once, where it is.
    files.lint(files.change(config, "ignore: [REF001]\nrulez: {}\n", 2))
    [problem] = files.findings(config)[1]
    assert (problem.line, problem.column, problem.message) == (
        2,
        1,
        "unknown key 'rulez'; did you mean 'rules'?",
    )
    # The files it governs are judged by the saved one until it is saved.
    assert files.findings(str(repository / "raci.yaml"))[1] == []
    files.lint(files.change(config, "ignore: [REF001]\n", 3))
    assert files.findings(config) == ([], [])


def test_a_taxonomy_is_checked_as_it_is_typed(repository: Path) -> None:
    (repository / "taxonomy.yaml").write_text("extends: default\n", encoding="utf-8")
    (repository / ".raci-lint.yaml").write_text("taxonomy: taxonomy.yaml\n", encoding="utf-8")
    files, _ = _opened(repository)
    taxonomy = str(repository / "taxonomy.yaml")
    files.open(taxonomy, "extends: default\n", 1)
    assert files.findings(taxonomy) == ([], [])
    files.lint(files.change(taxonomy, "extends: default\nkinds: {etl: {alias: [x]}}\n", 2))
    [problem] = files.findings(taxonomy)[1]
    assert (problem.line, problem.column, problem.message) == (
        2,
        15,
        "unknown key 'alias' in kind 'etl'; did you mean 'aliases'?",
    )
    # Typed back to a taxonomy that can be used: nothing to show.
    files.lint(files.change(taxonomy, "extends: default\n", 3))
    assert files.findings(taxonomy) == ([], [])
