"""No rule is quadratic: the work of a whole run grows like the file.

Work is counted, not timed: every line of Python executed while linting a
generated file (loader, schema, model, all rules including the opt-in ones),
at two sizes ten times apart. A per-pair loop anywhere would make the count
grow about a hundredfold.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from raci_lint import wording
from raci_lint.engine.lint import lint_text
from raci_lint.reading.repository import FileTree, parse_pattern
from raci_lint.settings.options import LintOptions
from raci_lint.wording import Suggester

sys.path.insert(0, str(ROOT / "bench"))

from generate import generate, write_repository


def lines_executed(call: Callable[[], object]) -> int:
    """How many lines of Python a call executes."""
    count = 0

    def trace(frame: Any, event: str, argument: object) -> Any:
        nonlocal count
        count += 1
        return trace

    sys.settrace(trace)
    try:
        call()
    finally:
        sys.settrace(None)
    return count


def lines_to_lint(text: str, options: LintOptions) -> int:
    """How many lines of Python linting the text executes."""
    lint_text(text, "raci.yaml", options)  # warm caches (taxonomy, validators) first
    return lines_executed(partial(lint_text, text, "raci.yaml", options))


@pytest.mark.parametrize("violations", [0.0, 0.3], ids=["clean", "with-violations"])
def test_work_grows_linearly_with_the_file(
    violations: float, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Did-you-mean compares an unknown id with the known ones: its work has a
    # fixed budget of its own (test_did_you_mean_work_is_capped), which this
    # test would otherwise measure at sizes below the cap.
    # The message and the fix ask it through `Suggester.all`.
    monkeypatch.setattr(Suggester, "all", lambda self, word: [])
    small_count, large_count = 200, 2000
    counts = []
    for count in (small_count, large_count):
        repository = write_repository(tmp_path / str(count), count, violations)
        options = LintOptions(select=["ALL"], ignore=["PATH004"], repo_root=repository.parent)
        counts.append(lines_to_lint(generate(count, violations), options))
    ratio = counts[1] / counts[0]
    # Ten times the components: about ten times the lines (fixed costs make it
    # a little less); anything quadratic would be near a hundred.
    assert 7 < ratio < 12, (counts, ratio)


def test_did_you_mean_work_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    """However many unknown ids, at most `budget` of them are compared with the known ones."""
    compared = 0
    distance = wording._distance

    def counting(a: str, b: str, limit: int) -> int:
        nonlocal compared
        compared += 1
        return distance(a, b, limit)

    monkeypatch.setattr(wording, "_distance", counting)
    known = [f"person-{i}" for i in range(1000)]
    suggest = Suggester(known, budget=200)
    for i in range(5000):
        suggest(f"persn-{i}")
    assert compared <= 200 * len(known)
    assert suggest("persn-7") == "person-7"  # remembered, not recomputed
    assert suggest("persn-4999") is None  # past the budget: no suggestion


def _many_double_stars(folder: Path, count: int) -> str:
    """``count`` components, half of them owning `**`, over ``2 * count`` files."""
    for index in range(2 * count):
        path = folder / f"d{index % 10}" / f"f{index}.{'py' if index % 3 else 'txt'}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")
    lines = ["version: 1", "people:", "  alice: {disciplines: [data-engineer]}", "components:"]
    for index in range(count):
        paths = '["**"]' if index % 2 else f'["d{index % 10}/**", "**/*.py"]'
        lines += [
            f"  c{index}:",
            "    kind: ingestion",
            f"    paths: {paths}",
            "    raci: {responsible: [alice], accountable: alice}",
        ]
    return "\n".join(lines) + "\n"


def test_overlapping_paths_work_grows_linearly_with_many_double_stars(tmp_path: Path) -> None:
    """PATH005 and PATH006 over many components owning `**`: every pair overlaps, the work does
    not pair them."""
    counts = []
    for count in (30, 300):
        folder = tmp_path / str(count)
        text = _many_double_stars(folder, count)
        counts.append(
            lines_to_lint(text, LintOptions(select=["PATH005", "PATH006"], repo_root=folder))
        )
    ratio = counts[1] / counts[0]
    # Pairs of patterns, or files times pairs, would make it a hundred or a thousand.
    assert 7 < ratio < 14, (counts, ratio)


def test_double_star_matching_work_grows_linearly_with_the_depth() -> None:
    """`**` between other segments, on a deep tree: the depth times the segments, no more."""
    pattern = parse_pattern("**/d*/**/d*/**/leaf.py")
    counts = []
    for depth in (50, 500):
        path = "/".join(["d"] * depth) + "/leaf.py"
        tree = FileTree([path, "other/leaf.py"])
        tree.root  # noqa: B018 - the tree is built before counting
        counts.append(lines_executed(partial(list, tree.match(pattern))))
    ratio = counts[1] / counts[0]
    assert 7 < ratio < 12, (counts, ratio)
