"""PIPE001-PIPE003: the pipeline has no cycle, and each deployment is evaluated and monitored.

Each fixture is written so that its first line is line 1 of the linted file.
Components are one flow mapping a line, the first on line 6; a component
with dependencies writes `depends_on` first, so its first entry is always
at column 20 when its id is one letter.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

import pytest
from conftest import found

from raci_lint.model.ownership import Component, Item, Model
from raci_lint.reading.loader import Scalar
from raci_lint.rules import RULES, Context
from raci_lint.rules import pipeline as pipeline_rules
from raci_lint.taxonomy.disciplines import default_taxonomy
from raci_lint.violations import Violation

HEADER = """\
version: 1
people:
  mia: {disciplines: [ml-engineer, data-scientist]}
x-raci: &r {responsible: [mia], accountable: mia}
components:
"""
FIRST = 6  # the line of the first component
ENTRY = 20  # the column of the first depends_on entry of a one-letter id


def c(name: str, kind: str, *upstream: str) -> str:
    """One component a line: ``name`` of ``kind`` depending on ``upstream``."""
    if upstream:
        return f"{name}: {{depends_on: [{', '.join(upstream)}], kind: {kind}, raci: *r}}"
    return f"{name}: {{kind: {kind}, raci: *r}}"


def pipeline(*components: str) -> str:
    return HEADER + "".join(f"  {line}\n" for line in components)


def test_fixture_positions() -> None:
    lines = pipeline(c("a", "training", "b"), c("b", "training")).splitlines()
    assert lines[FIRST - 1] == "  a: {depends_on: [b], kind: training, raci: *r}"
    assert lines[FIRST - 1].index("[b]") + 2 == ENTRY
    assert lines[FIRST] == "  b: {kind: training, raci: *r}"


def cycle(names: str) -> str:
    return f"depends_on forms a cycle: {names}"


# ---------------------------------------------------------------- PIPE001


def test_pipe001_self_dependency_is_a_cycle_of_one() -> None:
    text = pipeline(c("a", "training", "a"))
    assert found(text, "PIPE001") == [("PIPE001", FIRST, ENTRY, cycle("a -> a"))]


def test_pipe001_cycle_of_two_at_the_smallest_id_even_when_written_second() -> None:
    text = pipeline(c("b", "training", "a"), c("a", "training", "b"))
    assert found(text, "PIPE001") == [("PIPE001", FIRST + 1, ENTRY, cycle("a -> b -> a"))]


def test_pipe001_cycle_of_three_names_the_components_in_depends_on_order() -> None:
    text = pipeline(
        c("c", "training", "a"),
        c("a", "training", "x", "b"),  # `b`, not `x`, closes the cycle: column 23
        c("b", "training", "c"),
        c("x", "training"),
    )
    assert found(text, "PIPE001") == [("PIPE001", FIRST + 1, ENTRY + 3, cycle("a -> b -> c -> a"))]


def test_pipe001_two_separate_cycles_are_two_violations() -> None:
    text = pipeline(
        c("a", "training", "b"),
        c("b", "training", "a"),
        c("d", "training", "c"),
        c("c", "training", "d"),
    )
    assert found(text, "PIPE001") == [
        ("PIPE001", FIRST, ENTRY, cycle("a -> b -> a")),
        ("PIPE001", FIRST + 3, ENTRY, cycle("c -> d -> c")),
    ]


def test_pipe001_cycle_reachable_from_a_component_outside_it_is_reported_once() -> None:
    # `e` depends on the loop without being part of it.
    text = pipeline(
        c("e", "training", "b"),
        c("b", "training", "c"),
        c("c", "training", "b"),
    )
    assert found(text, "PIPE001") == [("PIPE001", FIRST + 1, ENTRY, cycle("b -> c -> b"))]


def test_pipe001_one_group_of_loops_is_reported_once_by_its_shortest_cycle() -> None:
    # a -> b -> c -> a and a -> d -> a share `a`: one strongly connected group.
    text = pipeline(
        c("a", "training", "b", "d"),
        c("b", "training", "c"),
        c("c", "training", "a"),
        c("d", "training", "a"),
    )
    assert found(text, "PIPE001") == [("PIPE001", FIRST, ENTRY + 3, cycle("a -> d -> a"))]


def test_pipe001_self_dependency_inside_a_larger_loop_is_reported_too() -> None:
    text = pipeline(c("a", "training", "b"), c("b", "training", "b", "a"))
    assert found(text, "PIPE001") == [
        ("PIPE001", FIRST, ENTRY, cycle("a -> b -> a")),
        ("PIPE001", FIRST + 1, ENTRY, cycle("b -> b")),
    ]


def test_pipe001_external_and_unknown_entries_make_no_edge() -> None:
    text = pipeline(
        c("a", "training", '"external:a"', "zz"),
        c("b", "training", "a", '"external:b"'),
    )
    assert found(text, "PIPE001") == []
    assert [code for code, *_ in found(text)].count("REF005") == 1


def test_pipe001_acyclic_diamond_passes() -> None:
    text = pipeline(
        c("a", "training", "b", "c"),
        c("b", "training", "d"),
        c("c", "training", "d"),
        c("d", "training"),
    )
    assert found(text, "PIPE001") == []


def test_pipe001_block_style_position() -> None:
    text = HEADER + (
        "  train-model:\n"
        "    kind: training\n"
        "    raci: *r\n"
        "    depends_on:\n"
        "      - build-features\n"
        "  build-features:\n"
        "    kind: feature-engineering\n"
        "    raci: *r\n"
        "    depends_on: [train-model]\n"
    )
    assert found(text, "PIPE001") == [
        ("PIPE001", 14, 18, cycle("build-features -> train-model -> build-features")),
    ]


# ---------------------------------------------------------------- PIPE002


def no_evaluation(name: str, kind: str = "deployment") -> str:
    label = kind if kind == "deployment" else f"{kind}, a deployment"
    return f"component '{name}' ({label}) has no evaluation among its upstream components"


def test_pipe002_deployment_without_evaluation_at_its_id() -> None:
    text = pipeline(c("t", "training"), c("d", "deployment", "t"))
    assert found(text, "PIPE002") == [("PIPE002", FIRST + 1, 3, no_evaluation("d"))]


def test_pipe002_evaluation_three_hops_upstream_passes() -> None:
    text = pipeline(
        c("e", "evaluation"),
        c("x", "packaging", "e"),
        c("p", "packaging", "x"),
        c("d", "deployment", "p"),
    )
    assert found(text, "PIPE002") == []


def test_pipe002_evaluation_downstream_does_not_count() -> None:
    text = pipeline(
        c("t", "training"),
        c("d", "deployment", "t"),
        c("e", "evaluation", "d"),
    )
    assert found(text, "PIPE002") == [("PIPE002", FIRST + 1, 3, no_evaluation("d"))]


def test_pipe002_kinds_resolve_through_aliases() -> None:
    failing = pipeline(c("t", "training"), c("d", "serving", "t"))
    assert found(failing, "PIPE002") == [
        ("PIPE002", FIRST + 1, 3, no_evaluation("d", "serving")),
    ]
    passing = pipeline(c("e", "model-evaluation"), c("d", "inference", "e"))
    assert found(passing, "PIPE002") == []


def test_pipe002_external_upstream_neither_counts_nor_breaks_anything() -> None:
    only_external = pipeline(c("d", "deployment", '"external:evaluation"'))
    assert found(only_external, "PIPE002") == [("PIPE002", FIRST, 3, no_evaluation("d"))]
    mixed = pipeline(
        c("e", "evaluation", '"external:train"'),
        c("d", "deployment", '"external:x"', "e"),
    )
    assert found(mixed, "PIPE002") == []


def test_pipe002_unknown_upstream_is_ignored() -> None:
    text = pipeline(c("e", "evaluation"), c("d", "deployment", "zz", "e"))
    assert found(text, "PIPE002") == []


def test_pipe002_evaluation_in_the_same_cycle_counts() -> None:
    text = pipeline(c("d", "deployment", "e"), c("e", "evaluation", "d"))
    assert found(text, "PIPE002") == []


def test_pipe002_deployment_that_depends_only_on_itself_is_reported() -> None:
    text = pipeline(c("d", "deployment", "d"))
    assert found(text, "PIPE002") == [("PIPE002", FIRST, 3, no_evaluation("d"))]


def test_pipe002_and_pipe003_are_silent_when_no_component_declares_depends_on() -> None:
    text = pipeline(c("t", "training"), c("d", "deployment"))
    assert found(text, "PIPE002") == []
    assert found(text, "PIPE003") == []
    empty = text.replace("d: {kind", "d: {depends_on: [], kind")
    assert found(empty, "PIPE002") == []
    assert found(empty, "PIPE003") == []


def test_pipe002_and_pipe003_judge_every_deployment_once_one_component_declares_depends_on() -> (
    None
):
    text = pipeline(c("d", "deployment"), c("t", "training", '"external:lake"'))
    assert found(text, "PIPE002") == [("PIPE002", FIRST, 3, no_evaluation("d"))]
    assert found(text, "PIPE003") == [("PIPE003", FIRST, 3, no_monitoring("d"))]


# ---------------------------------------------------------------- PIPE003


def no_monitoring(name: str, kind: str = "deployment") -> str:
    label = kind if kind == "deployment" else f"{kind}, a deployment"
    return f"component '{name}' ({label}) has no monitoring component that depends on it"


def test_pipe003_deployment_without_monitoring_at_its_id() -> None:
    text = pipeline(c("e", "evaluation"), c("d", "deployment", "e"))
    assert found(text, "PIPE003") == [("PIPE003", FIRST + 1, 3, no_monitoring("d"))]


def test_pipe003_monitoring_that_depends_on_the_deployment_passes() -> None:
    text = pipeline(c("e", "evaluation"), c("d", "deployment", "e"), c("m", "monitoring", "d"))
    assert found(text, "PIPE003") == []


def test_pipe003_kinds_resolve_through_aliases() -> None:
    passing = pipeline(c("e", "evaluation"), c("d", "serving", "e"), c("m", "observability", "d"))
    assert found(passing, "PIPE003") == []
    failing = pipeline(c("e", "evaluation"), c("d", "inference", "e"))
    assert found(failing, "PIPE003") == [
        ("PIPE003", FIRST + 1, 3, no_monitoring("d", "inference")),
    ]


def test_pipe003_monitoring_must_depend_on_the_deployment_directly() -> None:
    text = pipeline(
        c("e", "evaluation"),
        c("d", "deployment", "e"),
        c("s", "data-storage", "d"),
        c("m", "monitoring", "s"),
    )
    assert found(text, "PIPE003") == [("PIPE003", FIRST + 1, 3, no_monitoring("d"))]


def test_pipe003_monitoring_upstream_of_the_deployment_does_not_count() -> None:
    text = pipeline(c("m", "monitoring"), c("d", "deployment", "m", "e"), c("e", "evaluation"))
    assert found(text, "PIPE003") == [("PIPE003", FIRST + 1, 3, no_monitoring("d"))]


def test_pipe003_one_monitor_may_watch_two_deployments() -> None:
    text = pipeline(
        c("e", "evaluation"),
        c("d", "deployment", "e"),
        c("f", "deployment", "e"),
        c("m", "monitoring", "d", "f"),
    )
    assert found(text, "PIPE003") == []


# ---------------------------------------------------------------- the example


def test_the_ml_platform_example_has_no_pipeline_violation(examples: Any) -> None:
    text = (examples / "ml-platform" / "raci.yaml").read_text(encoding="utf-8")
    assert [v for v in found(text, select=["ALL"]) if v[0].startswith("PIPE")] == []


# ---------------------------------------------------------------- linear work
#
# The graphs below are built in memory (no YAML), so that only the rules run.


def model_of(components: list[tuple[str, str, list[str]]]) -> Model:
    """A model of components (id, kind, upstream ids), one a line.

    Positions do not matter here: nodes are shared where they can be, so
    that building 100,000 components stays cheap.
    """
    model = Model("raci.yaml")
    tag = "tag:yaml.org,2002:str"
    kinds: dict[str, Scalar] = {}
    for name, kind, upstream in components:
        pointer = f"/components/{name}"
        kind_node = kinds.setdefault(kind, Scalar(tag, kind, 0, 0))
        model.components[name] = Component(
            name,
            Scalar(tag, name, 0, 0),
            pointer,
            "raci.yaml",
            kind=Item(kind, kind_node, f"{pointer}/kind"),
            depends_on=[
                Item(target, kind_node, f"{pointer}/depends_on/{i}")
                for i, target in enumerate(upstream)
            ],
        )
    return model


@pytest.fixture(autouse=True)
def no_gc() -> Iterator[None]:
    """As the linter does: no cyclic garbage collection while many small objects are made."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check(code: str, model: Model) -> list[Violation]:
    rule_check = RULES[code].check
    assert rule_check is not None
    context = Context(model, default_taxonomy(), "raci.yaml")
    return list(rule_check(context.bound(RULES[code])))


def name(index: int) -> str:
    return f"c{index:06d}"


def chain(size: int) -> list[tuple[str, str, list[str]]]:
    """Deployments each depending on the previous, after one training: no evaluation anywhere."""
    return [(name(0), "training", [])] + [
        (name(i), "deployment", [name(i - 1)]) for i in range(1, size)
    ]


def ring(size: int) -> list[tuple[str, str, list[str]]]:
    """One cycle through every component."""
    return [(name(i), "deployment", [name((i + 1) % size)]) for i in range(size)]


def ladder(size: int) -> list[tuple[str, str, list[str]]]:
    """Pairs that depend on each other, each pair on the previous one: size / 2 cycles."""
    rungs = []
    for i in range(0, size, 2):
        below = [name(i - 2)] if i else []
        rungs.append((name(i), "deployment", [name(i + 1), *below]))
        rungs.append((name(i + 1), "evaluation" if i == 0 else "packaging", [name(i)]))
    return rungs


SHAPES: dict[str, Callable[[int], list[tuple[str, str, list[str]]]]] = {
    "chain": chain,
    "ring": ring,
    "ladder": ladder,
}
CODES = ("PIPE001", "PIPE002", "PIPE003")


def lines_executed(model: Model) -> tuple[int, dict[str, int]]:
    """Lines of raci_lint executed by the three rules, and the violations of each code.

    A line event is one unit of Python-level work, whatever the
    implementation: a loop, a comprehension or a recursion anywhere in the
    package all count, each time round.
    """
    package = os.path.dirname(os.path.dirname(pipeline_rules.__file__)) + os.sep
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def start(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(package) else None

    previous = sys.gettrace()
    sys.settrace(start)
    try:
        reported = {code: len(check(code, model)) for code in CODES}
    finally:
        sys.settrace(previous)
    return count, reported


# The violations of each code, at 1,000 and at 10,000 components.
REPORTED = {
    "chain": (
        {"PIPE001": 0, "PIPE002": 999, "PIPE003": 999},
        {"PIPE001": 0, "PIPE002": 9_999, "PIPE003": 9_999},
    ),
    "ring": (
        {"PIPE001": 1, "PIPE002": 1_000, "PIPE003": 1_000},
        {"PIPE001": 1, "PIPE002": 10_000, "PIPE003": 10_000},
    ),
    "ladder": (
        {"PIPE001": 500, "PIPE002": 0, "PIPE003": 500},
        {"PIPE001": 5_000, "PIPE002": 0, "PIPE003": 5_000},
    ),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_work_grows_linearly_with_the_pipeline(shape: str) -> None:
    small_work, small = lines_executed(model_of(SHAPES[shape](1_000)))
    large_work, large = lines_executed(model_of(SHAPES[shape](10_000)))
    assert (small, large) == REPORTED[shape]
    # Ten times the components and edges: a linear check does ten times the
    # work, give or take its fixed costs; a per-component traversal or a
    # per-pair loop does about a hundred times as much, O(n log n) 13 times.
    assert 9 * small_work <= large_work <= 10.5 * small_work


def test_a_100000_component_chain_has_no_recursion_problem() -> None:
    size = 100_000
    components = [(name(0), "evaluation", [])]
    components += [(name(i), "packaging", [name(i - 1)]) for i in range(1, size - 1)]
    components.append((name(size - 1), "deployment", [name(size - 2)]))
    model = model_of(components)
    assert check("PIPE001", model) == []
    # The evaluation is 99,999 hops upstream of the deployment.
    assert check("PIPE002", model) == []
    # Closing the chain into a ring: one cycle of 100,000, at c000000's entry.
    first = model.components[name(0)]
    first.depends_on = [Item(name(size - 1), first.key, "/components/c000000/depends_on/0")]
    violations = check("PIPE001", model)
    names = " -> ".join(name(i) for i in (0, *range(size - 1, 0, -1), 0))
    assert [(v.message, v.pointer) for v in violations] == [
        (f"depends_on forms a cycle: {names}", "/components/c000000/depends_on/0"),
    ]
