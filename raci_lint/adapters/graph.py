"""The pipeline as a graph along `depends_on`: Mermaid, DOT and SVG.

:func:`graph_of` turns a model (and the violations found in it) into a
:class:`Graph`: one node per component, showing its id, its kind and its
Accountable, coloured by the Accountable's discipline, marked when it has
errors; one edge from each upstream component to the one that depends on
it. ``external:`` dependencies and names that match no component are nodes
too, drawn apart. :func:`render` writes it as ``mermaid`` (GitHub renders it
in markdown), ``dot`` (Graphviz) or ``svg`` (laid out here: no Graphviz at
run time).

Every text of the repository is neutralised, then quoted for its format:
Mermaid labels write every character that means something to Mermaid or
HTML as a named character reference (no markup, no directive, no comment
can start inside one), DOT strings are quoted and escaped, SVG
text is escaped for XML. Node ids of Mermaid are ours (``n0``, ``n1``...),
so a component named ``end`` or ``click`` is only a label.
"""

from __future__ import annotations

import heapq
import html
import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from typing import Literal, NamedTuple, TypeVar

from raci_lint.model.ownership import Component, Model
from raci_lint.taxonomy.disciplines import Taxonomy, default_taxonomy
from raci_lint.violations import Violation
from raci_lint.wording import neutralize, plural

__all__ = [
    "FORMATS",
    "MAX_NODES",
    "Graph",
    "GraphNode",
    "Layout",
    "component_of",
    "graph_of",
    "layout",
    "pipeline_order",
    "render",
    "render_dot",
    "render_mermaid",
    "render_svg",
    "strongly_connected",
    "subgraph",
]

FORMATS = ("mermaid", "dot", "svg")
EXTERNAL_PREFIX = "external:"
# Beyond this many nodes a graph shows the first ones, in pipeline order,
# and says so in one line: no reader follows a thousand boxes, and the
# layout stays well under a second.
MAX_NODES = 300
# What Mermaid draws at most, by default (GitHub keeps the defaults).
MERMAID_MAX_TEXT = 50_000
MERMAID_MAX_EDGES = 500

NodeRole = Literal["component", "external", "missing"]
Key = TypeVar("Key", str, int)

# Fills by a discipline's place in the taxonomy: light, so dark text reads
# on each, and never red, which marks errors.
PALETTE = (
    "#dbeafe",  # blue
    "#dcfce7",  # green
    "#fef3c7",  # amber
    "#ede9fe",  # violet
    "#cffafe",  # cyan
    "#ffedd5",  # orange
    "#fce7f3",  # pink
    "#ecfccb",  # lime
    "#e0e7ff",  # indigo
    "#ccfbf1",  # teal
    "#fae8ff",  # fuchsia
    "#f5f5dc",  # beige
)
TEAM_FILL = "#e5e7eb"
NO_OWNER_FILL = "#ffffff"
EXTERNAL_FILL = "#f6f8fa"
ERROR_STROKE = "#cf222e"
STROKE = "#57606a"


@dataclass(frozen=True)
class GraphNode:
    """A box of the graph: a component, an ``external:`` name, or a missing one."""

    id: str  # the component's id, or the dependency as written
    role: NodeRole = "component"
    kind: str = ""  # the canonical kind (the taxonomy's id when the file wrote an alias)
    kind_written: str = ""  # as written, when it is an alias of ``kind``
    accountable: str = ""  # the Accountable's id ("" when there is none)
    accountable_name: str = ""  # the person's or team's name, else the id
    accountable_team: bool = False
    discipline: str = ""  # the Accountable's first discipline
    errors: tuple[str, ...] = ()  # "CODE message" of each error on the component
    warnings: int = 0
    context: bool = False  # drawn only as a neighbour of a subset

    @property
    def kind_label(self) -> str:
        if self.kind_written:
            return f"{self.kind} (written {self.kind_written})"
        return self.kind

    @property
    def owner_label(self) -> str:
        if not self.accountable:
            return "no Accountable"
        team = " (team)" if self.accountable_team else ""
        return f"A: {self.accountable_name or self.accountable}{team}"


@dataclass
class Graph:
    """Nodes in pipeline order (upstream first) and edges upstream -> downstream."""

    path: str
    nodes: list[GraphNode] = field(default_factory=list)
    edges: list[tuple[str, str]] = field(default_factory=list)
    # Every discipline of the taxonomy, in its order: a discipline's colour
    # is the same in every graph drawn with one taxonomy.
    disciplines: list[str] = field(default_factory=list)
    # Components left out beyond the cap (see :data:`MAX_NODES`).
    omitted: int = 0

    def fill(self, node: GraphNode) -> str:
        """The colour of a node: its Accountable's discipline, or what it lacks."""
        if node.role != "component":
            return EXTERNAL_FILL
        if node.accountable_team:
            return TEAM_FILL
        if node.discipline in self.disciplines:
            return PALETTE[self.disciplines.index(node.discipline) % len(PALETTE)]
        return NO_OWNER_FILL

    def legend(self) -> list[tuple[str, str, str]]:
        """(mark, fill, meaning) of each colour and mark the graph uses, in a
        stable order; the mark is ``fill`` for a colour, ``error`` for the
        red border."""
        nodes = [n for n in self.nodes if n.role == "component"]
        owned = {n.discipline for n in nodes if n.accountable and not n.accountable_team}
        entries = [
            ("fill", PALETTE[index % len(PALETTE)], f"Accountable is {name}")
            for index, name in enumerate(self.disciplines)
            if name in owned
        ]
        if any(n.accountable_team for n in nodes):
            entries.append(("fill", TEAM_FILL, "Accountable is a team"))
        if any(self.fill(n) == NO_OWNER_FILL for n in nodes):
            entries.append(
                ("fill", NO_OWNER_FILL, "no Accountable (dashed), or one of no known discipline")
            )
        if len(nodes) < len(self.nodes):
            entries.append(("fill", EXTERNAL_FILL, "outside this file (external: or not declared)"))
        if any(n.errors for n in nodes):
            entries.append(("error", ERROR_STROKE, "red border: the component has errors"))
        return entries


# ---------------------------------------------------------------- building


def graph_of(
    model: Model,
    violations: Iterable[Violation] = (),
    taxonomy: Taxonomy | None = None,
) -> Graph:
    """The graph of a model; ``violations`` mark the components they are about.

    A violation is about a component when its JSON pointer is under
    ``/components/<id>``. Only errors mark a node; warnings are counted.
    """
    taxonomy = taxonomy or default_taxonomy()
    errors: dict[str, list[str]] = {}
    warnings: dict[str, int] = {}
    for violation in violations:
        cid = component_of(violation.pointer)
        if cid is None or cid not in model.components:
            continue
        if violation.severity == "error":
            errors.setdefault(cid, []).append(f"{violation.code} {violation.message}")
        elif violation.severity == "warning":
            warnings[cid] = warnings.get(cid, 0) + 1
    graph = Graph(model.path, disciplines=list(taxonomy.disciplines))
    outside: dict[str, NodeRole] = {}
    for cid in pipeline_order(model.components):
        component = model.components[cid]
        graph.nodes.append(
            _node(component, model, taxonomy, tuple(errors.get(cid, ())), warnings.get(cid, 0))
        )
        seen: set[str] = set()
        for item in component.depends_on:
            upstream = item.text
            # An `unowned: true` component is no step of the pipeline: not drawn.
            if upstream in seen or upstream == cid or upstream in model.unowned:
                continue
            seen.add(upstream)
            if upstream not in model.components and upstream not in outside:
                outside[upstream] = (
                    "external" if upstream.startswith(EXTERNAL_PREFIX) else "missing"
                )
            graph.edges.append((upstream, cid))
    # What lies outside the file comes first: it is the most upstream.
    graph.nodes[:0] = [GraphNode(name, role) for name, role in sorted(outside.items())]
    return graph


def component_of(pointer: str) -> str | None:
    """The id of the component a JSON pointer is under, if any."""
    if not pointer.startswith("/components/"):
        return None
    segment = pointer[len("/components/") :].split("/", 1)[0]
    return segment.replace("~1", "/").replace("~0", "~")


def _node(
    component: Component, model: Model, taxonomy: Taxonomy, errors: tuple[str, ...], warnings: int
) -> GraphNode:
    kind = written = ""
    if component.kind is not None:
        kind = component.kind.text
        known = taxonomy.kind(kind)
        if known is not None and known.id != kind:
            kind, written = known.id, kind
    accountable = name = discipline = ""
    team = False
    refs = component.refs("accountable")
    if refs:
        ref = refs[0]
        accountable = ref.text
        person = None if ref.team_only else model.people.get(ref.target)
        if person is not None:
            name = person.name or person.id
            if person.disciplines:
                discipline = person.disciplines[0].text
        elif ref.target in model.teams:
            group = model.teams[ref.target]
            name, team = group.name or group.id, True
    return GraphNode(
        component.id,
        "component",
        kind,
        written,
        accountable,
        name,
        team,
        discipline,
        errors,
        warnings,
    )


def subgraph(graph: Graph, ids: Collection[str], context: bool = True) -> Graph:
    """The part of ``graph`` holding ``ids``; with ``context``, their direct
    neighbours too, marked as context (drawn faded)."""
    wanted = set(ids)
    near: set[str] = set()
    if context:
        for upstream, downstream in graph.edges:
            if upstream in wanted:
                near.add(downstream)
            if downstream in wanted:
                near.add(upstream)
    near -= wanted
    kept = wanted | near
    nodes = [replace(n, context=n.id in near) for n in graph.nodes if n.id in kept]
    edges = [(u, d) for u, d in graph.edges if u in kept and d in kept]
    return Graph(graph.path, nodes, edges, list(graph.disciplines), graph.omitted)


def _capped(graph: Graph, subset: Collection[str] | None, limit: int = MAX_NODES) -> Graph:
    """The graph to draw: the subset's part, and at most ``limit`` nodes, the
    first in pipeline order (the count left out is kept for the note)."""
    if subset is not None:
        graph = subgraph(graph, subset)
    if len(graph.nodes) <= limit:
        return graph
    kept = graph.nodes[:limit]
    ids = {n.id for n in kept}
    edges = [(u, d) for u, d in graph.edges if u in ids and d in ids]
    omitted = graph.omitted + len(graph.nodes) - limit
    return Graph(graph.path, kept, edges, list(graph.disciplines), omitted)


def _cap_note(graph: Graph) -> str:
    if not graph.omitted:
        return ""
    shown = len(graph.nodes)
    return (
        f"The graph shows the first {plural(shown, 'node')} in pipeline order; "
        f"{graph.omitted} more are left out."
    )


# ---------------------------------------------------------------- order


def pipeline_order(components: dict[str, Component]) -> list[str]:
    """Component ids in pipeline order: upstream first, ties broken by id.

    Components in a cycle of ``depends_on`` are kept together, by id, where
    the cycle as a whole stands in the pipeline; nothing recurses, so a long
    chain or a large cycle is fine.
    """
    upstream = {
        cid: sorted({d.text for d in c.depends_on if d.text in components and d.text != cid})
        for cid, c in components.items()
    }
    groups = strongly_connected(sorted(components), upstream)
    group_of = {member: index for index, group in enumerate(groups) for member in group}
    waiting = [0] * len(groups)
    downstream: list[set[int]] = [set() for _ in groups]
    for cid, ups in upstream.items():
        for up in ups:
            if group_of[up] != group_of[cid] and group_of[cid] not in downstream[group_of[up]]:
                downstream[group_of[up]].add(group_of[cid])
                waiting[group_of[cid]] += 1
    ready = [(group[0], index) for index, group in enumerate(groups) if not waiting[index]]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, index = heapq.heappop(ready)
        order.extend(groups[index])
        for after in downstream[index]:
            waiting[after] -= 1
            if not waiting[after]:
                heapq.heappush(ready, (groups[after][0], after))
    return order


def strongly_connected(nodes: list[Key], edges: dict[Key, list[Key]]) -> list[list[Key]]:
    """Tarjan's strongly connected components, iteratively; each sorted.

    ``edges[node]`` lists what ``node`` leads to. Groups come out
    downstream first: a group before every group that leads to it.
    """
    index: dict[Key, int] = {}
    low: dict[Key, int] = {}
    stack: list[Key] = []
    on_stack: set[Key] = set()
    groups: list[list[Key]] = []
    for start in nodes:
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node, position = work[-1]
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            following = edges[node]
            if position < len(following):
                work[-1] = (node, position + 1)
                nxt = following[position]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group: list[Key] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(sorted(group))
    return groups


# ---------------------------------------------------------------- rendering


def render(graph: Graph, name: str, subset: Collection[str] | None = None) -> str:
    """The graph in the named format (see :data:`FORMATS`)."""
    if name == "mermaid":
        return render_mermaid(graph, subset)
    if name == "dot":
        return render_dot(graph, subset)
    if name == "svg":
        return render_svg(graph, subset)
    raise ValueError(f"unknown graph format {name!r}")


def _tooltip(node: GraphNode) -> str:
    lines = [node.id]
    if node.role == "external":
        lines.append("outside this file")
    elif node.role == "missing":
        lines.append("not declared in this file")
    else:
        lines.append(f"kind: {node.kind_label or '(none)'}")
        lines.append(node.owner_label + (f", {node.discipline}" if node.discipline else ""))
        if node.errors:
            lines.append(plural(len(node.errors), "error") + ":")
            lines.extend(node.errors[:10])
            if len(node.errors) > 10:
                lines.append(f"and {len(node.errors) - 10} more")
        if node.warnings:
            lines.append(plural(node.warnings, "warning"))
    return "\n".join(neutralize(" ".join(line.split())) for line in lines)


def _label_lines(node: GraphNode) -> list[str]:
    """The lines of a box: the id, then the kind, then the Accountable."""
    if node.role == "external":
        return [node.id]
    if node.role == "missing":
        return [node.id, "not declared"]
    lines = [node.id, node.kind_label or "no kind", node.owner_label]
    if node.errors:
        lines.append(plural(len(node.errors), "error"))
    return lines


def _clean(text: str) -> str:
    """One line of neutralised text: runs of white space are one space, unless
    there is nothing else (a name that is only a tab shows as its escape)."""
    collapsed = " ".join(text.split())
    return neutralize(collapsed or text)


# -- mermaid

# The ASCII characters a Mermaid label writes as HTML named character
# references: none can end the quoted label (`"`), start markup (`<`, `&`),
# a markdown string (a backtick), a directive or a comment (`%`, `{`), or one
# of Mermaid's own entity codes (`#quot;`), which Mermaid 11.17 shows as
# `ﬂ°°35¶ß` instead of decoding them, so no `#` is ever written. Mermaid puts a
# label into its HTML as it is, where the browser decodes these references;
# with `securityLevel: loose` as well as strict (tests/adapters/test_graph.py).
_MERMAID_ENTITIES = {
    '"': "&quot;",
    "#": "&num;",
    "%": "&percnt;",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "[": "&lsqb;",
    "\\": "&bsol;",
    "]": "&rsqb;",
    "`": "&grave;",
    "{": "&lcub;",
    "|": "&vert;",
    "}": "&rcub;",
}


def _mermaid_text(text: str) -> str:
    """A line of a label: neutralised (no control, no line break), then quoted."""
    return "".join(_MERMAID_ENTITIES.get(c, c) for c in _clean(text))


def render_mermaid(graph: Graph, subset: Collection[str] | None = None) -> str:
    """A Mermaid flowchart, left to right, with a legend; for a ```mermaid block.

    ``subset`` draws only those components and their direct neighbours.
    Mermaid refuses a diagram of more than 50,000 characters or 500 edges
    (its default ``maxTextSize`` and ``maxEdges``, GitHub's too): past
    either, fewer nodes are drawn, and the note says how many are left out.
    """
    limit = MAX_NODES
    while True:
        capped = _capped(graph, subset, limit)
        text = _mermaid(capped)
        size, edges = len(text), len(capped.edges)
        if (size <= MERMAID_MAX_TEXT and edges <= MERMAID_MAX_EDGES) or limit <= 1:
            return text
        # Shrink in proportion, by a tenth more; a few rounds at most.
        ratio = min(MERMAID_MAX_TEXT / size, MERMAID_MAX_EDGES / max(edges, 1))
        limit = max(1, min(limit - 1, int(len(capped.nodes) * ratio * 0.9)))


def _mermaid(graph: Graph) -> str:
    ids = {node.id: f"n{index}" for index, node in enumerate(graph.nodes)}
    fills = {
        fill: f"c{index}" for index, fill in enumerate(dict.fromkeys(map(graph.fill, graph.nodes)))
    }
    lines = ["flowchart LR"]
    note = _cap_note(graph)
    if note:
        lines.append(f"  %% {_mermaid_text(note)}")
    for node in graph.nodes:
        label = "<br/>".join(_mermaid_text(line) for line in _label_lines(node))
        shape = '(["{}"])' if node.role != "component" else '["{}"]'
        lines.append(f"  {ids[node.id]}{shape.format(label)}")
    for upstream, downstream in graph.edges:
        lines.append(f"  {ids[upstream]} --> {ids[downstream]}")
    legend = graph.legend()
    if legend:
        lines.append('  subgraph legend["Legend"]')
        lines.append("    direction LR")
        for index, (_, _, meaning) in enumerate(legend):
            lines.append(f'    legend{index}["{_mermaid_text(meaning)}"]')
        lines.append("  end")
    for fill, name in fills.items():
        lines.append(f"  classDef {name} fill:{fill},stroke:{STROKE},color:#1f2328")
    lines.append(f"  classDef error stroke:{ERROR_STROKE},stroke-width:3px")
    lines.append("  classDef context opacity:0.5")
    lines.append("  classDef missing stroke-dasharray:4 3")
    by_class: dict[str, list[str]] = {}
    for node in graph.nodes:
        by_class.setdefault(fills[graph.fill(node)], []).append(ids[node.id])
        if node.errors:
            by_class.setdefault("error", []).append(ids[node.id])
        if node.context:
            by_class.setdefault("context", []).append(ids[node.id])
        if node.role == "missing" or (node.role == "component" and not node.accountable):
            by_class.setdefault("missing", []).append(ids[node.id])
    for index, (mark, fill, _) in enumerate(legend):
        css = "error" if mark == "error" else fills.get(fill)
        if css is None:
            lines.append(f"  classDef legendc{index} fill:{fill},stroke:{STROKE},color:#1f2328")
            css = f"legendc{index}"
        by_class.setdefault(css, []).append(f"legend{index}")
    for css, members in by_class.items():
        lines.append(f"  class {','.join(members)} {css}")
    return "\n".join(lines) + "\n"


# -- dot


def _dot_string(text: str) -> str:
    """A DOT quoted string: only `"` and `\\` are special inside one."""
    return '"' + _clean(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_dot(graph: Graph, subset: Collection[str] | None = None) -> str:
    """A Graphviz digraph, left to right, with a legend cluster."""
    graph = _capped(graph, subset)
    lines = [
        f"digraph {_dot_string('pipeline of ' + graph.path)} {{",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];',
        '  edge [color="#57606a"];',
    ]
    note = _cap_note(graph)
    if note:
        lines.append(f"  label={_dot_string(note)};")
    for node in graph.nodes:
        label = "\\n".join(_dot_string(line)[1:-1] for line in _label_lines(node))
        attributes = [f'label="{label}"', f'fillcolor="{graph.fill(node)}"']
        if node.role != "component":
            attributes.append("shape=ellipse")
        styles = ["rounded", "filled"] if node.role == "component" else ["filled"]
        if node.role == "missing" or (node.role == "component" and not node.accountable):
            styles.append("dashed")
        if node.errors:
            attributes += [f'color="{ERROR_STROKE}"', "penwidth=3"]
        if node.context:
            styles.append("dotted")
        attributes.append(f'style="{",".join(styles)}"')
        attributes.append(f"tooltip={_dot_string(_tooltip(node).replace(chr(10), ' / '))}")
        lines.append(f"  {_dot_string(node.id)} [{', '.join(attributes)}];")
    for upstream, downstream in graph.edges:
        lines.append(f"  {_dot_string(upstream)} -> {_dot_string(downstream)};")
    legend = graph.legend()
    if legend:
        lines.append("  subgraph cluster_legend {")
        lines.append('    label="Legend"; fontname="Helvetica"; color="#d0d7de";')
        for index, (mark, fill, meaning) in enumerate(legend):
            extra = (
                f', fillcolor="#ffffff", color="{ERROR_STROKE}", penwidth=3'
                if mark == "error"
                else f', fillcolor="{fill}"'
            )
            lines.append(f"    legend{index} [label={_dot_string(meaning)}{extra}];")
        lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


# -- svg: a layered layout of our own

NODE_WIDTH = 200
NODE_HEIGHT = 70
LINE_HEIGHT = 14
GAP_X = 56  # between layers
GAP_Y = 18  # between the boxes of a layer
MARGIN = 16
LEGEND_ROW = 20
MAX_CHARS = 30  # of a line in a box; longer text ends in an ellipsis
SWEEPS = 4  # barycentre sweeps, each down then up
GRID_COLUMNS = 5  # of the grid of components linked to none (or as many as the layers)
MAX_BENDS = 2_000  # slots of long edges; beyond, they are drawn straight: a bounded size


class Layout(NamedTuple):
    """Where the boxes go, as (layer, row), and the slots a long edge passes through."""

    places: dict[str, tuple[int, int]]
    bends: dict[tuple[str, str], list[tuple[int, int]]]


def layout(graph: Graph) -> Layout:
    """The layer and the row of every node, and the route of every long edge.

    Layers by longest path along the edges (a cycle's members share one
    layer); an edge that spans layers passes through a free slot in each
    layer between, so that it never crosses a box; then rows are ordered by
    the barycentre of each slot's neighbours in the layer before (and after,
    on the way back), a few sweeps, ties in pipeline order; components
    linked to none form a grid below. Near-linear in
    nodes and edges; past :data:`MAX_BENDS` slots, long edges are drawn
    straight.
    """
    order = [node.id for node in graph.nodes]
    index = {nid: i for i, nid in enumerate(order)}
    edges = list(
        dict.fromkeys(
            (index[u], index[d]) for u, d in graph.edges if u in index and d in index and u != d
        )
    )
    downs: list[list[int]] = [[] for _ in order]
    for u, d in edges:
        downs[u].append(d)
    groups = strongly_connected(list(range(len(order))), dict(enumerate(downs)))
    group_of = [0] * len(order)
    for number, group in enumerate(groups):
        for member in group:
            group_of[member] = number
    # Tarjan's groups come out downstream first: walk them backwards.
    layer_of_group = [0] * len(groups)
    for number in range(len(groups) - 1, -1, -1):
        for member in groups[number]:
            for down in downs[member]:
                other = group_of[down]
                if other != number:
                    layer_of_group[other] = max(layer_of_group[other], layer_of_group[number] + 1)
    layer = [layer_of_group[group_of[i]] for i in range(len(order))]
    # Slots: the nodes, then one per layer a long edge passes through.
    ups_of: list[list[int]] = [[] for _ in order]
    downs_of: list[list[int]] = [[] for _ in order]
    chains: dict[tuple[int, int], list[int]] = {}
    budget = MAX_BENDS
    for u, d in edges:
        span = layer[d] - layer[u] - 1
        previous = u
        if 0 < span <= budget:
            budget -= span
            chain = chains[(u, d)] = []
            for between in range(layer[u] + 1, layer[d]):
                slot = len(layer)
                layer.append(between)
                ups_of.append([previous])
                downs_of.append([])
                downs_of[previous].append(slot)
                chain.append(slot)
                previous = slot
        downs_of[previous].append(d)
        ups_of[d].append(previous)
    # A component that nothing depends on and that depends on nothing goes
    # to a grid below the rest, rather than one column as tall as a file
    # that does not describe its pipeline.
    alone = [i for i in range(len(order)) if not ups_of[i] and not downs_of[i]]
    apart = set(alone)
    linked = [slot for slot in range(len(layer)) if slot not in apart]
    layers: list[list[int]] = [[] for _ in range(max((layer[s] for s in linked), default=-1) + 1)]
    for slot in linked:  # pipeline order first: a stable start
        layers[layer[slot]].append(slot)
    row = [0] * len(layer)
    for members in layers:
        for r, slot in enumerate(members):
            row[slot] = r

    def sweep(members: list[int], neighbours: list[list[int]]) -> None:
        def key(slot: int) -> tuple[float, int]:
            near = neighbours[slot]
            centre = sum(row[n] for n in near) / len(near) if near else float(row[slot])
            return centre, slot

        members.sort(key=key)
        for r, slot in enumerate(members):
            row[slot] = r

    for _ in range(SWEEPS):
        for number in range(1, len(layers)):
            sweep(layers[number], ups_of)
        for number in range(len(layers) - 2, -1, -1):
            sweep(layers[number], downs_of)
    if alone:
        below = max((len(members) for members in layers), default=0)
        columns = max(len(layers), min(GRID_COLUMNS, math.isqrt(len(alone) - 1) + 1))
        for position, slot in enumerate(alone):
            layer[slot] = position % columns
            row[slot] = below + position // columns
    places = {nid: (layer[i], row[i]) for i, nid in enumerate(order)}
    bends = {
        (order[u], order[d]): [(layer[slot], row[slot]) for slot in chain]
        for (u, d), chain in chains.items()
    }
    return Layout(places, bends)


def _x(text: str) -> str:
    """Text for XML content and attribute values."""
    return html.escape(_clean(text), quote=True)


def _short(text: str) -> str:
    text = _clean(text)
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "\u2026"


def render_svg(
    graph: Graph, subset: Collection[str] | None = None, *, standalone: bool = True
) -> str:
    """An SVG drawing, left to right, with a legend below.

    No script, no external reference, no style sheet: attributes only, and
    the same bytes for the same graph. ``standalone`` adds the XML
    declaration of a file; without it the ``<svg>`` element can sit inside
    an HTML page.
    """
    graph = _capped(graph, subset)
    places, bends = layout(graph)
    slots = [*places.values(), *(slot for route in bends.values() for slot in route)]
    layers = max((layer for layer, _ in slots), default=-1) + 1
    rows = max((row for _, row in slots), default=-1) + 1

    def left(layer: int) -> int:
        return MARGIN + layer * (NODE_WIDTH + GAP_X)

    def middle(row: int) -> int:
        return MARGIN + row * (NODE_HEIGHT + GAP_Y) + NODE_HEIGHT // 2

    def at(nid: str) -> tuple[int, int]:
        layer, row = places[nid]
        return left(layer), middle(row) - NODE_HEIGHT // 2

    legend = graph.legend()
    note = _cap_note(graph)
    graph_width = layers * (NODE_WIDTH + GAP_X) - GAP_X if layers else 0
    graph_height = rows * (NODE_HEIGHT + GAP_Y) - GAP_Y if rows else 0
    legend_top = MARGIN + graph_height + (MARGIN if rows else 0)
    extra = len(legend) + (1 if note else 0) + (0 if graph.nodes else 1)
    width = max(graph_width, 360) + 2 * MARGIN
    height = legend_top + extra * LEGEND_ROW + MARGIN
    out = []
    if standalone:
        out.append('<?xml version="1.0" encoding="UTF-8"?>')
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'font-family="Helvetica, Arial, sans-serif" font-size="12">'
    )
    out.append(f"<title>{_x('Pipeline of ' + graph.path)}</title>")
    out.append(f'<rect width="{width}" height="{height}" fill="#ffffff"/>')
    out.append(f'<g fill="none" stroke="{STROKE}" stroke-width="1.2">')
    arrows = []
    for upstream, downstream in graph.edges:
        if upstream not in places or downstream not in places or upstream == downstream:
            continue
        (up_layer, up_row), (down_layer, down_row) = places[upstream], places[downstream]
        if up_layer < down_layer:
            # Right side of the upstream box, through each slot between, to
            # the left side of the downstream one, level in each slot.
            route = bends.get((upstream, downstream), [])
            x, y = left(up_layer) + NODE_WIDTH, middle(up_row)
            d = [f"M{x} {y}"]
            for layer, row in [*route, (down_layer, down_row)]:
                x2, y2 = left(layer), middle(row)
                if (layer, row) == (down_layer, down_row):
                    x2 -= 6
                bend = (x2 - x) // 2
                d.append(f"C{x + bend} {y} {x2 - bend} {y2} {x2} {y2}")
                x, y = x2, y2
                if (layer, row) != (down_layer, down_row):
                    x += NODE_WIDTH
                    d.append(f"H{x}")
            out.append(f'<path d="{" ".join(d)}"/>')
            arrows.append(f"{x},{y - 4} {x + 6},{y} {x},{y + 4}")
        else:  # along a cycle, inside one layer: round the right of the boxes
            x1 = left(up_layer) + NODE_WIDTH
            x2 = left(down_layer) + NODE_WIDTH + 6
            y1, y2 = middle(up_row), middle(down_row)
            reach = max(x1, x2) + GAP_X // 2
            out.append(
                f'<path d="M{x1} {y1} C{reach} {y1} {reach} {y2} {x2} {y2}" '
                'stroke-dasharray="4 3"/>'
            )
            arrows.append(f"{x2 + 6},{y2 - 4} {x2},{y2} {x2 + 6},{y2 + 4}")
    out.append("</g>")
    if arrows:
        out.append(f'<g fill="{STROKE}">')
        out.extend(f'<polygon points="{points}"/>' for points in arrows)
        out.append("</g>")
    for node in graph.nodes:
        x, y = at(node.id)
        stroke, stroke_width = (ERROR_STROKE, 3) if node.errors else (STROKE, 1)
        dashed = node.role == "missing" or (node.role == "component" and not node.accountable)
        radius = NODE_HEIGHT // 2 if node.role != "component" else 6
        attributes = [
            f'x="{x}" y="{y}" width="{NODE_WIDTH}" height="{NODE_HEIGHT}" rx="{radius}"',
            f'fill="{graph.fill(node)}" stroke="{stroke}" stroke-width="{stroke_width}"',
        ]
        if dashed:
            attributes.append('stroke-dasharray="5 3"')
        group = ' opacity="0.5"' if node.context else ""
        out.append(f"<g{group}>")
        out.append(f"<title>{_x(_tooltip(node))}</title>")
        out.append(f"<rect {' '.join(attributes)}/>")
        lines = _label_lines(node)
        top = y + NODE_HEIGHT // 2 - (len(lines) - 1) * LINE_HEIGHT // 2 + 4
        for index, line in enumerate(lines):
            weight = ' font-weight="bold"' if index == 0 else ""
            colour = ERROR_STROKE if node.errors and index == 3 else "#1f2328"
            out.append(
                f'<text x="{x + NODE_WIDTH // 2}" y="{top + index * LINE_HEIGHT}" '
                f'text-anchor="middle" fill="{colour}"{weight}>{_x(_short(line))}</text>'
            )
        out.append("</g>")
    y = legend_top
    if not graph.nodes:
        out.append(f'<text x="{MARGIN}" y="{y + 14}" fill="#57606a">No components.</text>')
        y += LEGEND_ROW
    for mark, fill, meaning in legend:
        if mark == "error":
            swatch = f'fill="#ffffff" stroke="{ERROR_STROKE}" stroke-width="3"'
        else:
            swatch = f'fill="{fill}" stroke="{STROKE}"'
        out.append(f'<rect x="{MARGIN}" y="{y + 3}" width="14" height="14" rx="3" {swatch}/>')
        out.append(f'<text x="{MARGIN + 22}" y="{y + 14}" fill="#1f2328">{_x(meaning)}</text>')
        y += LEGEND_ROW
    if note:
        out.append(f'<text x="{MARGIN}" y="{y + 14}" fill="#57606a">{_x(note)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
