"""PIPE: the pipeline that `depends_on` describes has no loop, and its deployments are safe.

Every check here is linear in components plus `depends_on` entries, and none
recurses, so a 100,000-component chain is as safe as a 3-component one:
cycles come from one iterative Tarjan pass, "has an evaluation upstream"
from one breadth-first walk downstream of every evaluation at once.
"""

from collections.abc import Iterator
from typing import NamedTuple

from raci_lint.model.ownership import Component, Item, Model
from raci_lint.rules.context import Context
from raci_lint.rules.registry import family, rule
from raci_lint.taxonomy.disciplines import Taxonomy
from raci_lint.violations import Violation

__all__ = ["Graph", "downstream_of", "strongly_connected"]

FAMILY = family("PIPE", order=5, tag="pipeline")


EXTERNAL_PREFIX = "external:"


class Graph(NamedTuple):
    """The components of a model numbered in document order, and their upstream edges.

    ``upstream[i]`` holds the index of each declared component that component
    ``i`` depends on, and ``entries[i]`` the `depends_on` entry of each edge,
    in the same order. `external:` entries and unknown ids (REF005's
    business) make no edge.
    """

    components: list[Component]
    upstream: list[list[int]]
    entries: list[list[Item]]

    @classmethod
    def of(cls, model: Model) -> "Graph":
        components = list(model.components.values())
        index = {component.id: number for number, component in enumerate(components)}
        upstream: list[list[int]] = []
        entries: list[list[Item]] = []
        for component in components:
            targets: list[int] = []
            items: list[Item] = []
            for item in component.depends_on:
                target = None if item.text.startswith(EXTERNAL_PREFIX) else index.get(item.text)
                if target is not None:
                    targets.append(target)
                    items.append(item)
            upstream.append(targets)
            entries.append(items)
        return cls(components, upstream, entries)


def strongly_connected(upstream: list[list[int]]) -> list[int]:
    """The strongly connected component of each node, numbered as Tarjan's algorithm finds them.

    Iterative: an explicit stack of (node, next edge) replaces recursion.
    """
    count = len(upstream)
    order = [-1] * count  # discovery order
    low = [0] * count
    on_stack = [False] * count
    component_of = [-1] * count
    stack: list[int] = []
    found = 0
    discovered = 0
    for root in range(count):
        if order[root] != -1:
            continue
        order[root] = low[root] = discovered
        discovered += 1
        stack.append(root)
        on_stack[root] = True
        path = [root]
        position = [0]
        while path:
            node = path[-1]
            edges = upstream[node]
            at = position[-1]
            if at < len(edges):
                position[-1] = at + 1
                target = edges[at]
                if order[target] == -1:
                    order[target] = low[target] = discovered
                    discovered += 1
                    stack.append(target)
                    on_stack[target] = True
                    path.append(target)
                    position.append(0)
                elif on_stack[target] and order[target] < low[node]:
                    low[node] = order[target]
                continue
            path.pop()
            position.pop()
            if path and low[node] < low[path[-1]]:
                low[path[-1]] = low[node]
            if low[node] == order[node]:
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    component_of[member] = found
                    if member == node:
                        break
                found += 1
    return component_of


def _cycle_through(graph: Graph, start: int, component_of: list[int]) -> list[int]:
    """The shortest cycle of two or more components from ``start`` back to it.

    A breadth-first walk of ``start``'s strongly connected component (which
    holds two or more components), self-dependencies left out; edges are
    followed in document order, so the answer is stable.
    """
    group = component_of[start]
    parent = {start: start}
    queue = [start]
    for node in queue:
        for target in graph.upstream[node]:
            if target == node or component_of[target] != group:
                continue
            if target == start:
                cycle = [start]
                while node != start:
                    cycle.append(node)
                    node = parent[node]
                cycle.append(start)
                cycle.reverse()
                return cycle
            if target not in parent:
                parent[target] = node
                queue.append(target)
    raise AssertionError("a strongly connected component of two or more has a cycle")


def _cycle_violation(context: Context, graph: Graph, cycle: list[int]) -> Violation:
    first = graph.components[cycle[0]]
    entry = next(
        item
        for target, item in zip(graph.upstream[cycle[0]], graph.entries[cycle[0]], strict=True)
        if target == cycle[1]
    )
    names = " -> ".join(graph.components[node].id for node in cycle)
    return context.report(
        entry.node,
        f"depends_on forms a cycle: {names}",
        subject=first.id,
        key=names,
        pointer=entry.pointer,
    )


@rule(
    "PIPE001",
    "dependency-cycle",
    "error",
    summary="`depends_on` forms a cycle",
    what="""
        Reports components whose `depends_on` entries lead back to
        themselves. A component that depends on itself is reported at that
        entry. Components that depend on each other in a loop are reported
        once per loop group (a strongly connected component of the
        dependency graph): the message names the shortest cycle through the
        group's smallest id, in `depends_on` order (`a -> b` means a depends
        on b), and points at the `depends_on` entry of that smallest-id
        component that closes the cycle. When the group holds more loops,
        the next one is reported once this one is broken. `external:`
        entries and unknown ids (REF005) are left out.
    """,
    why="""
        A pipeline is a directed acyclic graph: with a cycle there is no
        order to run, backfill or re-deploy its steps in, and the
        deployment checks (PIPE002) cannot tell what really comes first.
    """,
    bad="""
        components:
          build-features:
            kind: feature-engineering
            depends_on: [train-model]
          train-model:
            kind: training
            depends_on: [build-features]
    """,
    good="""
        components:
          build-features:
            kind: feature-engineering
            depends_on: [events-warehouse]
          train-model:
            kind: training
            depends_on: [build-features]
    """,
    hint="remove the entry that points back; model a feedback loop as a `retraining` component that depends on the monitor",
)
def dependency_cycle(context: Context) -> Iterator[Violation]:
    graph = Graph.of(context.model)
    component_of = strongly_connected(graph.upstream)
    size = [0] * len(graph.components)
    smallest: dict[int, int] = {}
    for node, group in enumerate(component_of):
        size[group] += 1
        best = smallest.get(group)
        if best is None or graph.components[node].id < graph.components[best].id:
            smallest[group] = node
    for node, targets in enumerate(graph.upstream):
        if node in targets:
            yield _cycle_violation(context, graph, [node, node])
    for group, start in smallest.items():
        if size[group] > 1:
            yield _cycle_violation(context, graph, _cycle_through(graph, start, component_of))


def _kinds(taxonomy: Taxonomy, graph: Graph) -> list[str | None]:
    """The kind id of each component, aliases resolved; None when unknown."""
    kinds: list[str | None] = []
    for component in graph.components:
        kind = taxonomy.kind(component.kind.text) if component.kind is not None else None
        kinds.append(kind.id if kind is not None else None)
    return kinds


def _describes_pipeline(model: Model) -> bool:
    """PIPE002 and PIPE003 judge only files that declare at least one `depends_on` entry."""
    return any(component.depends_on for component in model.components.values())


def _deployment(component: Component) -> str:
    """'component 'x' (deployment)', or '(serving, a deployment)' for an alias."""
    written = component.kind.text if component.kind is not None else "deployment"
    label = "deployment" if written == "deployment" else f"{written}, a deployment"
    return f"component '{component.id}' ({label})"


def downstream_of(upstream: list[list[int]], sources: list[int]) -> list[bool]:
    """For each node, whether it depends on one of ``sources``, directly or transitively.

    One breadth-first walk along reversed edges from every source at once:
    each node is expanded at most once, so the work is linear.
    """
    downstream: list[list[int]] = [[] for _ in upstream]
    for node, targets in enumerate(upstream):
        for target in targets:
            downstream[target].append(node)
    reached = [False] * len(upstream)
    expanded = [False] * len(upstream)
    queue = list(sources)
    for node in queue:
        if expanded[node]:
            continue
        expanded[node] = True
        for dependent in downstream[node]:
            if not reached[dependent]:
                reached[dependent] = True
                queue.append(dependent)
    return reached


@rule(
    "PIPE002",
    "deployment-without-evaluation",
    "warning",
    summary="A deployment has no evaluation upstream",
    what="""
        Reports a component whose kind is `deployment` (or an alias of it,
        such as `serving`) when no component of kind `evaluation` (or an
        alias of it) is among its upstream components, following
        `depends_on` transitively, at the component's id. `external:` entries are neither an evaluation
        nor an obstacle. Only files that declare at least one `depends_on`
        entry are checked: a file that does not describe its pipeline is not
        judged on it. An upstream component whose kind is unknown (REF003)
        may be the evaluation meant, so the deployment is not judged.
    """,
    why="""
        A model that reaches production without an evaluation step upstream
        was never checked against a hold-out set, a baseline or a fairness
        bar by the pipeline itself; the first evaluation is done by users.
    """,
    bad="""
        components:
          train-model:
            kind: training
          serve-model:
            kind: deployment
            depends_on: [train-model]
    """,
    good="""
        components:
          train-model:
            kind: training
          evaluate-model:
            kind: evaluation
            depends_on: [train-model]
          serve-model:
            kind: deployment
            depends_on: [evaluate-model]
    """,
    hint="add an `evaluation` component between training and this deployment, and depend on it",
)
def deployment_without_evaluation(context: Context) -> Iterator[Violation]:
    if not _describes_pipeline(context.model):
        return
    graph = Graph.of(context.model)
    kinds = _kinds(context.taxonomy, graph)
    # A component of unknown kind (REF003, or SYN002 when the kind is missing)
    # may be the evaluation that was meant: no deployment after it is judged.
    evaluations = [node for node, kind in enumerate(kinds) if kind in ("evaluation", None)]
    evaluated = downstream_of(graph.upstream, evaluations)
    for node, kind in enumerate(kinds):
        if kind == "deployment" and not evaluated[node]:
            component = graph.components[node]
            yield context.report(
                component.key,
                f"{_deployment(component)} has no evaluation among its upstream components",
                subject=component.id,
                pointer=component.pointer,
            )


@rule(
    "PIPE003",
    "deployment-without-monitoring",
    "warning",
    summary="No monitoring component depends on a deployment",
    what="""
        Reports a component whose kind is `deployment` (or an alias of it)
        when no component of kind `monitoring` (or an alias of it) names it
        directly in its `depends_on`, at the component's id. Direct only: a
        monitor watches the deployment it names, not whatever is further
        upstream of what it names. Only files that declare at least one
        `depends_on` entry are checked. A component of unknown kind (REF003)
        that names the deployment may be the monitor meant, so it counts.
    """,
    why="""
        A deployed model degrades silently: data drifts, scores shift, and
        without a monitor that watches this deployment nobody notices until
        the business does.
    """,
    bad="""
        components:
          serve-model:
            kind: deployment
            depends_on: [evaluate-model]
    """,
    good="""
        components:
          serve-model:
            kind: deployment
            depends_on: [evaluate-model]
          monitor-model:
            kind: monitoring
            depends_on: [serve-model]
    """,
    hint="add a `monitoring` component with this deployment in its depends_on",
)
def deployment_without_monitoring(context: Context) -> Iterator[Violation]:
    if not _describes_pipeline(context.model):
        return
    graph = Graph.of(context.model)
    kinds = _kinds(context.taxonomy, graph)
    monitored = [False] * len(kinds)
    for node, kind in enumerate(kinds):
        # A component of unknown kind may be the monitor that was meant.
        if kind in ("monitoring", None):
            for target in graph.upstream[node]:
                monitored[target] = True
    for node, kind in enumerate(kinds):
        if kind == "deployment" and not monitored[node]:
            component = graph.components[node]
            yield context.report(
                component.key,
                f"{_deployment(component)} has no monitoring component that depends on it",
                subject=component.id,
                pointer=component.pointer,
            )
