"""Shared rosters: `include:` merges people and teams into one unit."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
from conftest import run

ROSTER = """\
version: 1
people:
  alice: {disciplines: [data-engineer], github: alice-m}
  bob: {disciplines: [ml-engineer]}
teams:
  data-platform: {members: [alice]}
"""

SERVICE = """\
version: 1
include: [{include}]
components:
  ingest:
    kind: ingestion
    raci: {{responsible: [data-platform], accountable: alice}}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "org" / "people.yaml", ROSTER)
    return tmp_path


def check(repo: Path, *args: str) -> list[tuple[str, str, int, int, str]]:
    result = run(["check", "-f", "json", *args], repo)
    assert result.returncode in (0, 1), result.stderr
    return [
        (v["path"], v["code"], v["line"], v["column"], v["message"])
        for v in json.loads(result.stdout)
    ]


def test_people_and_teams_come_from_the_roster(repo: Path) -> None:
    write(repo / "svc" / "raci.yaml", SERVICE.format(include="../org/people.yaml"))
    # bob is on the shared roster but unassigned: not REF006 (declared elsewhere).
    assert check(repo, "svc/raci.yaml") == []


def test_without_the_include_references_are_unknown(repo: Path) -> None:
    write(
        repo / "svc" / "raci.yaml",
        SERVICE.format(include="../org/people.yaml").replace("include: [../org/people.yaml]\n", ""),
    )
    assert [v[1] for v in check(repo, "svc/raci.yaml")] == ["TAX001", "REF001", "REF001"]


def test_violation_in_a_roster_is_reported_once_at_its_own_path(repo: Path) -> None:
    write(repo / "org" / "people.yaml", ROSTER.replace("ml-engineer", "ml-enginer"))
    write(repo / "a" / "raci.yaml", SERVICE.format(include="../org/people.yaml"))
    write(repo / "b" / "raci.yaml", SERVICE.format(include="../org/people.yaml"))
    assert check(repo, "a/raci.yaml", "b/raci.yaml") == [
        (
            "org/people.yaml",
            "REF004",
            4,
            23,
            "person 'bob' has discipline 'ml-enginer', which is not in the taxonomy; "
            "did you mean 'ml-engineer'?",
        )
    ]


def test_roster_schema_allows_people_and_teams_only(repo: Path) -> None:
    write(repo / "org" / "people.yaml", ROSTER + "components: {}\n")
    write(repo / "svc" / "raci.yaml", SERVICE.format(include="../org/people.yaml"))
    found = check(repo, "svc/raci.yaml")
    assert [(v[0], v[1], v[2], v[3]) for v in found] == [("org/people.yaml", "SYN002", 7, 1)]
    assert found[0][4].startswith("unknown key 'components' in the top level; expected one of:")


def test_duplicate_definition_across_the_unit(repo: Path) -> None:
    write(
        repo / "svc" / "raci.yaml",
        SERVICE.format(include="../org/people.yaml").replace(
            "components:", "people:\n  alice: {disciplines: [data-engineer]}\ncomponents:"
        ),
    )
    assert check(repo, "svc/raci.yaml") == [
        (
            "svc/raci.yaml",
            "REF009",
            4,
            3,
            "'alice' is already defined as a person (org/people.yaml:3); ids are unique across "
            "people and teams",
        )
    ]


def test_a_file_reached_twice_is_merged_once(repo: Path) -> None:
    write(repo / "org" / "all.yaml", "version: 1\ninclude: [people.yaml]\n")
    write(
        repo / "svc" / "raci.yaml",
        SERVICE.format(include="../org/people.yaml, ../org/all.yaml"),
    )
    assert check(repo, "svc/raci.yaml") == []


def test_nested_includes_resolve_relative_to_each_file(repo: Path) -> None:
    write(repo / "org" / "all.yaml", "version: 1\ninclude: [people.yaml]\n")
    write(repo / "svc" / "raci.yaml", SERVICE.format(include="../org/all.yaml"))
    assert check(repo, "svc/raci.yaml") == []


@pytest.mark.parametrize(
    ("include", "message"),
    [
        ("../org/peopel.yaml", "include '../org/peopel.yaml' names a missing file"),
        ("../org", "include '../org' names a folder, not a file"),
        ("../../outside.yaml", "include '../../outside.yaml' leaves the repository root"),
    ],
)
def test_include_errors_at_the_entry(repo: Path, include: str, message: str) -> None:
    (repo.parent / "outside.yaml").write_text(ROSTER)
    write(repo / "svc" / "raci.yaml", SERVICE.format(include=include))
    found = check(repo, "svc/raci.yaml")
    assert next((v[0], v[1], v[2], v[3]) for v in found) == ("svc/raci.yaml", "REF010", 2, 11)
    assert found[0][4].startswith(message)


def test_cyclic_include_is_ref010(repo: Path) -> None:
    write(repo / "org" / "a.yaml", "version: 1\ninclude: [b.yaml]\n")
    write(repo / "org" / "b.yaml", "version: 1\ninclude: [a.yaml]\npeople:\n  alice: {}\n")
    write(
        repo / "svc" / "raci.yaml",
        "version: 1\ninclude: [../org/a.yaml]\ncomponents: {}\n",
    )
    assert check(repo, "svc/raci.yaml") == [
        (
            "org/b.yaml",
            "REF010",
            2,
            11,
            "include 'a.yaml' is cyclic: org/a.yaml -> org/b.yaml -> org/a.yaml",
        )
    ]


def test_repo_root_option(repo: Path) -> None:
    write(repo / "svc" / "raci.yaml", SERVICE.format(include="../org/people.yaml"))
    result = run(["check", "-f", "json", "--repo-root", "svc", "svc/raci.yaml"], repo)
    assert next(v["code"] for v in json.loads(result.stdout)) == "REF010"


def test_roster_problems_can_be_suppressed_in_the_roster(repo: Path) -> None:
    write(
        repo / "org" / "people.yaml",
        ROSTER.replace("ml-engineer]}", "ml-enginer]}  # raci-lint: disable=REF004"),
    )
    write(repo / "svc" / "raci.yaml", SERVICE.format(include="../org/people.yaml"))
    assert check(repo, "svc/raci.yaml") == []


def ref010(repo: Path, *args: str) -> list[tuple[str, str, int, int, str]]:
    return [v for v in check(repo, *args) if v[1] == "REF010"]


def test_include_of_a_broken_symbolic_link(repo: Path) -> None:
    (repo / "org" / "gone.yaml").symlink_to("deleted.yaml")
    write(repo / "svc" / "raci.yaml", SERVICE.format(include="../org/gone.yaml"))
    assert ref010(repo, "svc/raci.yaml") == [
        ("svc/raci.yaml", "REF010", 2, 11, "include '../org/gone.yaml' is a broken symbolic link")
    ]


def test_include_of_a_fifo_is_not_a_regular_file(repo: Path) -> None:
    os.mkfifo(repo / "org" / "fifo.yaml")
    write(repo / "svc" / "raci.yaml", SERVICE.format(include="../org/fifo.yaml"))
    assert ref010(repo, "svc/raci.yaml") == [
        ("svc/raci.yaml", "REF010", 2, 11, "include '../org/fifo.yaml' is not a regular file")
    ]


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="Linux /proc")
def test_include_that_fails_to_read_is_ref010(repo: Path) -> None:
    # /proc/self/mem is a regular file whose first bytes cannot be read. (Only
    # REF rules: the path rules would walk the whole file system.)
    write(repo / "svc" / "raci.yaml", SERVICE.format(include="/proc/self/mem"))
    args = ["check", "-f", "json", "--select", "REF", "--repo-root", "/", "svc/raci.yaml"]
    result = run(args, repo)
    assert (result.returncode, result.stderr) == (1, "")
    found = [v for v in json.loads(result.stdout) if v["code"] == "REF010"]
    assert [(v["line"], v["column"]) for v in found] == [(2, 11)]
    assert found[0]["message"].startswith("include '/proc/self/mem' cannot be read: ")


def test_include_over_the_size_limit_is_syn005_at_the_roster(repo: Path) -> None:
    roster = ROSTER + "# padding\n" * 20
    write(repo / "org" / "people.yaml", roster)
    write(repo / "svc" / "raci.yaml", SERVICE.format(include="../org/people.yaml"))
    write(repo / ".raci-lint.yaml", f"limits: {{max-file-size: {len(roster) - 1}}}\n")
    assert [v for v in check(repo, "svc/raci.yaml") if v[1] == "SYN005"] == [
        (
            "org/people.yaml",
            "SYN005",
            1,
            1,
            f"the file is {len(roster)} bytes, over the limit of {len(roster) - 1} bytes "
            "(limits.max-file-size)",
        )
    ]


def test_includes_are_read_with_the_parser_of_the_checked_file(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from raci_lint.engine.lint import lint_paths
    from raci_lint.reading import loader
    from raci_lint.settings.options import LintOptions

    write(repo / "org" / "people.yaml", ROSTER.replace("ml-engineer", "ml-enginer"))
    write(repo / "svc" / "raci.yaml", SERVICE.format(include="../org/people.yaml"))
    parsers: list[bool] = []
    compose = loader._compose

    def spy(text: str, data: bytes | None, max_depth: int, force_pure: bool) -> object:
        parsers.append(force_pure)
        return compose(text, data, max_depth, force_pure)

    monkeypatch.setattr(loader, "_compose", spy)
    options = LintOptions(force_pure_yaml=True, repo_root=repo)
    report = lint_paths([repo / "svc" / "raci.yaml"], options)
    assert [(Path(v.path).name, v.code) for v in report.violations] == [("people.yaml", "REF004")]
    assert parsers == [True, True]
