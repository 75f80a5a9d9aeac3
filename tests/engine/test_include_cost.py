"""A roster included by many files costs one parse per run, and merging it is shared.

Work is counted, not timed: parses by the loader's parser, and lines of
Python executed by the engine, the reading layer and the model.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from raci_lint.engine.lint import Run, lint_paths
from raci_lint.engine.unit import read_unit
from raci_lint.reading import loader
from raci_lint.settings.options import LintOptions

SERVICE = """\
version: 1
include: [../org/people.yaml]
components:
  ingest-{number}:
    kind: ingestion
    raci: {{responsible: [team:data-platform], accountable: person-0}}
"""


def roster(people: int, typo: bool = False) -> str:
    disciplines = "data-engineer, data-enginer" if typo else "data-engineer"
    lines = ["version: 1", "people:"]
    lines += [f"  person-{i}: {{disciplines: [{disciplines}]}}" for i in range(people)]
    lines += ["teams:", "  data-platform: {members: [person-0, person-1]}"]
    return "\n".join(lines) + "\n"


def repository(root: Path, services: int, people: int, typo: bool = False) -> list[Path]:
    """A repository of ``services`` ownership files, each including one roster."""
    (root / ".git").mkdir(parents=True)
    (root / "org").mkdir()
    (root / "org" / "people.yaml").write_text(roster(people, typo))
    files = []
    for number in range(services):
        folder = root / f"svc{number}"
        folder.mkdir()
        (folder / "raci.yaml").write_text(SERVICE.format(number=number))
        files.append(folder / "raci.yaml")
    return files


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text of every file the loader parses, in order."""
    texts: list[str] = []
    make_parser = loader._parser

    def spy(text: str, data: bytes | None, force_pure: bool) -> object:
        texts.append(text)
        return make_parser(text, data, force_pure)

    monkeypatch.setattr(loader, "_parser", spy)
    return texts


@pytest.mark.parametrize("force_pure", [False, True], ids=["libyaml", "pure"])
def test_n_files_including_one_roster_parse_it_once(
    tmp_path: Path, parses: list[str], force_pure: bool
) -> None:
    files = repository(tmp_path, 12, 50, typo=True)
    options = LintOptions(repo_root=tmp_path, force_pure_yaml=force_pure)
    report = lint_paths(files, options)
    assert parses.count(roster(50, typo=True)) == 1
    assert sorted(parses) == sorted([roster(50, typo=True)] + [f.read_text() for f in files])
    # Still reported once, at the roster's own path, for all 50 people.
    found = [(Path(v.path).name, v.code, v.line) for v in report.violations]
    assert found == [("people.yaml", "REF004", line) for line in range(3, 53)]


def test_a_roster_changed_during_the_run_is_read_again(tmp_path: Path, parses: list[str]) -> None:
    files = repository(tmp_path, 2, 3)
    files[1].write_text(
        SERVICE.format(number=1).replace("accountable: person-0", "accountable: late")
    )
    options = LintOptions(repo_root=tmp_path)
    run = Run()
    first = lint_paths(files[:1], options, run=run)
    (tmp_path / "org" / "people.yaml").write_text(
        roster(3).replace("teams:", "  late: {disciplines: [data-engineer]}\nteams:")
    )
    second = lint_paths(files[1:], options, run=run)
    assert (first.violations, second.violations) == ([], [])  # `late` is known: read again
    assert len([text for text in parses if text.startswith("version: 1\npeople:")]) == 2


def test_read_unit_without_a_run_reads_its_includes_alone(
    tmp_path: Path, parses: list[str]
) -> None:
    files = repository(tmp_path, 2, 3)
    options = LintOptions(repo_root=tmp_path)
    units = [read_unit(loader.load(path.read_bytes()), str(path), options, path) for path in files]
    assert [sorted(unit.model.people) for unit in units if unit.model] == [
        ["person-0", "person-1", "person-2"]
    ] * 2
    assert parses.count(roster(3)) == 2  # one fresh cache per call
    shared = units[0].rosters
    again = read_unit(loader.load(files[1].read_bytes()), str(files[1]), options, files[1], shared)
    assert parses.count(roster(3)) == 2  # the cache handed in knows the roster
    assert again.model is not None and sorted(again.model.people) == sorted(
        units[0].model.people if units[0].model else {}
    )


def test_units_of_one_run_share_the_merged_roster(tmp_path: Path) -> None:
    files = repository(tmp_path, 3, 5)
    (files[2].parent / "raci.yaml").write_text(
        SERVICE.format(number=2) + "people:\n  local: {disciplines: [data-engineer]}\n"
    )
    options = LintOptions(repo_root=tmp_path)
    first = read_unit(loader.load(files[0].read_bytes()), str(files[0]), options, files[0])
    rosters = first.rosters
    units = [
        read_unit(loader.load(path.read_bytes()), str(path), options, path, rosters)
        for path in files[1:]
    ]
    assert first.model is not None and units[0].model is not None and units[1].model is not None
    assert units[0].model.people is first.model.people  # shared, not merged again
    # A file with people of its own gets its own copy, and the shared one is untouched.
    assert list(units[1].model.people) == [f"person-{i}" for i in range(5)] + ["local"]
    assert list(first.model.people) == [f"person-{i}" for i in range(5)]


def engine_lines(files: list[Path], options: LintOptions) -> int:
    """Lines of Python the engine, the reading layer and the model execute to lint ``files``."""
    package = Path(loader.__file__).resolve().parent.parent
    counted = tuple(str(package / part) for part in ("engine", "reading", "model"))
    count = 0

    def trace(frame: Any, event: str, argument: object) -> Any:
        nonlocal count
        if not frame.f_code.co_filename.startswith(counted):
            return None
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        lint_paths(files, options)
    finally:
        sys.settrace(None)
    return count


def test_work_grows_like_the_files_not_like_their_product(tmp_path: Path) -> None:
    # Ten times the services and ten times the roster: ten times the input.
    # Parsing or merging the roster once per service would make it a hundred.
    counts = []
    for services, people in ((4, 100), (40, 1000)):
        folder = tmp_path / str(services)
        files = repository(folder, services, people)
        options = LintOptions(repo_root=folder, select=["REF010"])
        lint_paths(files[:1], options)  # warm caches (taxonomy, validators) first
        counts.append(engine_lines(files, options))
    ratio = counts[1] / counts[0]
    assert 5 < ratio < 15, counts
