"""Shared rosters: `include:` merges people and teams into one unit."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from test_cli import run

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
