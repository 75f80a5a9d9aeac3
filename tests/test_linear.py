"""No rule is quadratic: the work of a whole run grows like the file.

Work is counted, not timed: every line of Python executed while linting a
generated file (loader, schema, model, all rules including the opt-in ones),
at two sizes ten times apart. A per-pair loop anywhere would make the count
grow about a hundredfold.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from raci_lint import wording
from raci_lint.engine.lint import lint_text
from raci_lint.settings.options import LintOptions
from raci_lint.wording import Suggester

sys.path.insert(0, str(ROOT / "bench"))

from generate import generate, write_repository


def lines_to_lint(text: str, options: LintOptions) -> int:
    """How many lines of Python linting the text executes."""
    count = 0

    def trace(frame: Any, event: str, argument: object) -> Any:
        nonlocal count
        count += 1
        return trace

    lint_text(text, "raci.yaml", options)  # warm caches (taxonomy, validators) first
    sys.settrace(trace)
    try:
        lint_text(text, "raci.yaml", options)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("violations", [0.0, 0.3], ids=["clean", "with-violations"])
def test_work_grows_linearly_with_the_file(
    violations: float, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Did-you-mean compares an unknown id with the known ones: its work has a
    # fixed budget of its own (test_did_you_mean_work_is_capped), which this
    # test would otherwise measure at sizes below the cap.
    monkeypatch.setattr(Suggester, "__call__", lambda self, word: None)
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
