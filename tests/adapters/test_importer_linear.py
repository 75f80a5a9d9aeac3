"""`import` is linear in its input, however hostile: equal names, equal rules, many kinds.

Work is counted, not timed: every line of Python an import executes, at two
sizes ten times apart. A loop over pairs would
make the count grow about a hundredfold.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest

from raci_lint.adapters.importer import import_codeowners, import_csv
from raci_lint.taxonomy.disciplines import Kind, Taxonomy, default_taxonomy

SMALL, LARGE = 200, 2000


def lines_run(work: Callable[[], object]) -> int:
    """How many lines of Python ``work`` executes."""
    count = 0

    def trace(frame: Any, event: str, argument: object) -> Any:
        nonlocal count
        count += 1
        return trace

    work()  # warm the caches (the default taxonomy, compiled patterns) first
    sys.settrace(trace)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def no_kinds() -> Taxonomy:
    """A taxonomy without kinds: guessing costs nothing, what is left is the ids."""
    default = default_taxonomy()
    return Taxonomy(default.disciplines, {}, default.tags)


def equal_components(size: int) -> bytes:
    return ("component,alice\n" + "Same Name,R\n" * size).encode()


def equal_people(size: int) -> bytes:
    return ("component," + ",".join(["Jane Doe"] * size) + "\ningest," + "R," * size).encode()


def equal_rules(size: int) -> bytes:
    # One GitLab section each: in one section the last line would replace the others.
    return "".join(f"[s{n}]\n/same/path/ @alice @acme/team\n" for n in range(size)).encode()


def large_taxonomy(kinds: int) -> Taxonomy:
    """The default taxonomy and ``kinds`` more, each with an id and two aliases."""
    default = default_taxonomy()
    extra = {
        f"kind-{n}": Kind(f"kind-{n}", aliases=(f"alias{n}", f"pipeline-step{n}"))
        for n in range(kinds)
    }
    return Taxonomy(default.disciplines, {**default.kinds, **extra}, default.tags)


def guessed_rows(size: int) -> bytes:
    rows = "".join(f"Nightly step {n} kind-{n * 7} training,R\n" for n in range(size // 10))
    return ("component,alice\n" + rows).encode()


# Each case reads its input; writing the YAML is a case of its own, so that
# its fixed cost per component cannot hide a loop over pairs in the reading.
CASES: dict[str, Callable[[int], Callable[[], object]]] = {
    "equal-component-names": lambda size: (
        lambda: import_csv(equal_components(size), "s.csv", no_kinds())
    ),
    "equal-person-names": lambda size: lambda: import_csv(equal_people(size), "s.csv", no_kinds()),
    "equal-codeowners-rules": lambda size: (
        lambda: import_codeowners(equal_rules(size), "CODEOWNERS", no_kinds())
    ),
    # Ten times the kinds and ten times the rows.
    "kinds-guessed-in-a-large-taxonomy": lambda size: (
        lambda: import_csv(guessed_rows(size), "s.csv", large_taxonomy(size))
    ),
    "writing-the-yaml": lambda size: (
        import_csv(equal_components(size), "s.csv", default_taxonomy()).to_yaml
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_work_grows_linearly(case: str) -> None:
    small, large = (lines_run(CASES[case](size)) for size in (SMALL, LARGE))
    ratio = large / small
    # Fixed costs (the preamble, the default kinds) make it a little less than ten.
    assert 7 < ratio < 12, (small, large, ratio)


def test_the_imports_measured_are_the_ones_meant() -> None:
    components = import_csv(equal_components(3), "s.csv", default_taxonomy()).components
    assert list(components) == ["same-name", "same-name-2", "same-name-3"]
    people = import_csv(equal_people(3), "s.csv", default_taxonomy()).people
    assert list(people) == ["jane-doe", "jane-doe-2", "jane-doe-3"]
    rules = import_codeowners(equal_rules(3), "CODEOWNERS", default_taxonomy()).components
    assert list(rules) == ["same-path", "same-path-2", "same-path-3"]
    guessed = import_csv(guessed_rows(30), "s.csv", large_taxonomy(30)).components
    assert [(component.kind, component.kind_note) for component in guessed.values()] == [
        ("kind-0", "TODO: check kind (guessed from the name)"),
        ("kind-7", "TODO: check kind (guessed from the name)"),
        ("kind-14", "TODO: check kind (guessed from the name)"),
    ]
