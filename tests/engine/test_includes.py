"""Shared rosters: `include:` merges people and teams into one unit."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
from conftest import run

from raci_lint.wording import display_path

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
    make_parser = loader._parser

    def spy(text: str, data: bytes | None, force_pure: bool) -> object:
        parsers.append(force_pure)
        return make_parser(text, data, force_pure)

    monkeypatch.setattr(loader, "_parser", spy)
    options = LintOptions(force_pure_yaml=True, repo_root=repo)
    report = lint_paths([repo / "svc" / "raci.yaml"], options)
    assert [(Path(v.path).name, v.code) for v in report.violations] == [("people.yaml", "REF004")]
    assert parsers == [True, True]


def test_a_roster_suppression_is_applied_once(repo: Path) -> None:
    # The second file including the roster must not find its comment unused (SUP001).
    write(
        repo / "org" / "people.yaml",
        ROSTER.replace("ml-engineer]}", "ml-enginer]}  # raci-lint: disable=REF004"),
    )
    write(repo / "a" / "raci.yaml", SERVICE.format(include="../org/people.yaml"))
    write(repo / "b" / "raci.yaml", SERVICE.format(include="../org/people.yaml"))
    assert check(repo, "a/raci.yaml", "b/raci.yaml") == []


def test_includes_merge_depth_first_what_a_file_includes_before_it(repo: Path) -> None:
    write(repo / "org" / "a.yaml", "version: 1\ninclude: [b.yaml]\npeople:\n  carol: {}\n")
    write(repo / "org" / "b.yaml", "version: 1\npeople:\n  carol: {}\n")
    write(
        repo / "svc" / "raci.yaml",
        "version: 1\ninclude: [../org/a.yaml, ../org/missing.yaml]\ncomponents: {}\n",
    )
    assert check(repo, "--select", "REF009,REF010", "svc/raci.yaml") == [
        (
            "org/a.yaml",
            "REF009",
            4,
            3,
            "'carol' is already defined as a person (org/b.yaml:3); ids are unique across "
            "people and teams",
        ),
        ("svc/raci.yaml", "REF010", 2, 26, "include '../org/missing.yaml' names a missing file"),
    ]


CHAIN = 1000


def test_a_chain_of_a_thousand_includes_is_followed(repo: Path) -> None:
    for number in range(CHAIN):
        following = f"include: [r{number + 1}.yaml]\n" if number + 1 < CHAIN else ""
        discipline = "data-enginer" if number == CHAIN - 1 else "data-engineer"
        write(
            repo / "org" / f"r{number}.yaml",
            f"version: 1\n{following}people:\n  p{number}: {{disciplines: [{discipline}]}}\n",
        )
    write(
        repo / "svc" / "raci.yaml",
        "version: 1\ninclude: [../org/r0.yaml]\ncomponents:\n  ingest:\n    kind: ingestion\n"
        f"    raci: {{responsible: [p0, p{CHAIN - 2}], accountable: p{CHAIN - 1}}}\n",
    )
    result = run(["check", "-f", "json", "svc/raci.yaml"], repo)
    assert (result.returncode, result.stderr) == (1, "")
    found = [
        (v["path"], v["code"], v["line"], v["column"], v["message"])
        for v in json.loads(result.stdout)
    ]
    assert found == [
        (
            f"org/r{CHAIN - 1}.yaml",
            "REF004",
            3,
            24,
            f"person 'p{CHAIN - 1}' has discipline 'data-enginer', which is not in the "
            "taxonomy; did you mean 'data-engineer'?",
        )
    ]
    from raci_lint.engine.unit import read_unit
    from raci_lint.reading.loader import load
    from raci_lint.settings.options import LintOptions

    path = repo / "svc" / "raci.yaml"
    unit = read_unit(load(path.read_bytes()), "svc/raci.yaml", LintOptions(repo_root=repo), path)
    assert unit.model is not None
    assert list(unit.model.people) == [f"p{number}" for number in reversed(range(CHAIN))]
    assert [part.path.name for part in unit.included][:2] == [
        f"r{CHAIN - 1}.yaml",
        f"r{CHAIN - 2}.yaml",
    ]


SECRET = "version: 1\npeople:\n  secret-agent: {disciplines: [data-engineer]}\n"


class Seen:
    """The flags of every os.open, and the bytes of every os.read."""

    def __init__(self) -> None:
        self.opened: list[int] = []
        self.read: list[bytes] = []


@pytest.fixture
def swapped(repo: Path, monkeypatch: pytest.MonkeyPatch) -> Seen:
    """org/link.yaml names the roster when checked, and a file outside when opened."""
    outside = repo.parent / "outside.yaml"
    outside.write_text(SECRET)
    link = repo / "org" / "link.yaml"
    link.symlink_to("people.yaml")
    seen = Seen()
    real_open, real_read = os.open, os.read

    def swapping_open(path: str, flags: int, mode: int = 0o777) -> int:
        if Path(path).name == "link.yaml":
            link.unlink()
            link.symlink_to(outside)  # between the check and the open
        seen.opened.append(flags)
        return real_open(path, flags, mode)

    def spying_read(fd: int, size: int) -> bytes:
        data = real_read(fd, size)
        seen.read.append(data)
        return data

    monkeypatch.setattr(os, "open", swapping_open)
    monkeypatch.setattr(os, "read", spying_read)
    return seen


def test_a_link_swapped_between_check_and_open_is_refused(repo: Path, swapped: Seen) -> None:
    from raci_lint.engine.lint import lint_paths
    from raci_lint.settings.options import LintOptions

    write(repo / "svc" / "raci.yaml", SERVICE.format(include="../org/link.yaml"))
    report = lint_paths([repo / "svc" / "raci.yaml"], LintOptions(repo_root=repo))
    ref010 = [
        (v.code, v.line, v.column, v.message) for v in report.violations if v.code == "REF010"
    ]
    assert ref010 == [
        (
            "REF010",
            2,
            11,
            f"include '../org/link.yaml' leaves the repository root ({display_path(repo)})",
        )
    ]
    assert not any(b"secret-agent" in data for data in swapped.read)
    assert swapped.opened and all(flags & os.O_NONBLOCK for flags in swapped.opened)


def test_a_link_swapped_right_after_it_is_resolved_is_refused(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from raci_lint.engine.lint import lint_paths
    from raci_lint.reading import loader
    from raci_lint.settings.options import LintOptions

    outside = repo.parent / "outside.yaml"
    outside.write_text(SECRET)
    link = repo / "org" / "link.yaml"
    link.symlink_to("people.yaml")
    resolve = Path.resolve

    def resolving_then_swapping(path: Path, strict: bool = False) -> Path:
        resolved = resolve(path, strict)
        if path.name == "link.yaml" and resolve(link).name == "people.yaml":
            link.unlink()
            link.symlink_to(outside)
        return resolved

    parsed: list[str] = []
    make_parser = loader._parser

    def spy(text: str, data: bytes | None, force_pure: bool) -> object:
        parsed.append(text)
        return make_parser(text, data, force_pure)

    monkeypatch.setattr(Path, "resolve", resolving_then_swapping)
    monkeypatch.setattr(loader, "_parser", spy)
    write(repo / "svc" / "raci.yaml", SERVICE.format(include="../org/link.yaml"))
    report = lint_paths([repo / "svc" / "raci.yaml"], LintOptions(repo_root=repo))
    assert [(v.code, v.line, v.column, v.message) for v in report.violations][:1] == [
        (
            "REF010",
            2,
            11,
            f"include '../org/link.yaml' leaves the repository root ({display_path(repo)})",
        )
    ]
    assert link.resolve() == outside.resolve()  # the swap did happen
    assert not any("secret-agent" in text for text in parsed)


def no_proc(monkeypatch: pytest.MonkeyPatch) -> None:
    """As elsewhere than Linux: no /proc/self/fd tells what a descriptor names."""
    readlink = os.readlink

    def without_proc(path: str) -> str:
        if str(path).startswith("/proc/self/fd/"):
            raise FileNotFoundError(path)
        return readlink(path)

    monkeypatch.setattr(os, "readlink", without_proc)


@pytest.mark.parametrize("proc", [True, False], ids=["proc", "no-proc"])
def test_read_inside_checks_what_it_opened(
    repo: Path,
    swapped: Seen,
    monkeypatch: pytest.MonkeyPatch,
    proc: bool,
) -> None:
    from raci_lint.reading import files

    if not proc:  # then the path is resolved again, and its identity compared
        no_proc(monkeypatch)
    with pytest.raises(files.Unreadable) as refused:
        files.read_inside(repo / "org" / "link.yaml", repo, 1000)
    assert refused.value.reason == files.OUTSIDE
    assert swapped.read == []
    assert files.read_inside(repo / "org" / "people.yaml", repo, 1000) == ROSTER.encode()


def test_read_inside_refuses_a_file_renamed_away_once_opened(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from raci_lint.reading import files

    roster = repo / "org" / "people.yaml"
    real_open = os.open

    def opening_then_replacing(path: str, flags: int, mode: int = 0o777) -> int:
        fd = real_open(path, flags, mode)
        roster.rename(repo / "org" / "moved.yaml")
        roster.write_text(ROSTER)  # another file under the name
        return fd

    no_proc(monkeypatch)
    monkeypatch.setattr(os, "open", opening_then_replacing)
    with pytest.raises(files.Unreadable) as refused:
        files.read_inside(roster, repo, 1000)
    assert refused.value.reason == files.CHANGED


def test_read_bytes_never_blocks_on_a_fifo_swapped_in_before_the_open(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from raci_lint.reading import files

    roster = repo / "org" / "people.yaml"
    real_open = os.open

    def swapping_open(path: str, flags: int, mode: int = 0o777) -> int:
        roster.unlink()
        os.mkfifo(roster)  # after the path was checked
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", swapping_open)
    with pytest.raises(files.Unreadable) as refused:
        files.read_bytes(roster, 1000)
    assert refused.value.reason == files.NOT_REGULAR
