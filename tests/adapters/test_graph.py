"""`raci-lint graph`: the pipeline along `depends_on` in Mermaid, DOT and SVG."""

from __future__ import annotations

import html
import json
import os
import re
import textwrap
import time
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from chromium import Browser, chromium_path
from conftest import ROOT, run
from hypothesis import given, settings
from hypothesis import strategies as st

from raci_lint.adapters.graph import (
    MAX_NODES,
    _clean,
    _label_lines,
    _short,
    graph_of,
    layout,
    render,
    render_dot,
    render_mermaid,
    render_svg,
    subgraph,
)
from raci_lint.adapters.matrix import build_matrix, read_model, render_html
from raci_lint.cli import main
from raci_lint.engine.lint import lint_text

GOLDEN = Path(__file__).parent / "golden"

# An alias kind, a team Accountable, one without an Accountable (an error),
# one whose Accountable has no discipline, an external and a missing
# dependency, and a branch.
PIPELINE = textwrap.dedent(
    """\
    version: 1
    people:
      amara: {name: Amara Okafor, disciplines: [data-scientist]}
      ben: {name: Ben Hughes, disciplines: [ml-engineer, mlops-engineer]}
      chen: {disciplines: [data-engineer]}
      dee: {name: Dee}
    teams:
      data-platform: {name: Data platform, members: [chen]}
    components:
      ingest-events:
        kind: extract
        depends_on: ["external:crm"]
        raci: {responsible: [chen], accountable: chen}
      train-model:
        kind: training
        depends_on: [ingest-events]
        raci: {responsible: [amara], accountable: amara, consulted: [ben]}
      serve-model:
        kind: deployment
        depends_on: [train-model]
        raci: {responsible: [ben], accountable: ben}
      report:
        kind: reporting
        depends_on: [train-model, legacy-export]
        raci: {responsible: [dee], accountable: team:data-platform}
      notebook:
        kind: analysis
        depends_on: [ingest-events]
        raci: {responsible: [dee]}
    """
)


def graph_text(name: str, text: str = PIPELINE, subset: list[str] | None = None) -> str:
    report = lint_text(text, "raci.yaml")
    model, _ = read_model(text.encode(), "raci.yaml")
    return render(graph_of(model, report.violations), name, subset)


@pytest.fixture
def pipeline(tmp_path: Path) -> Path:
    (tmp_path / "raci.yaml").write_text(PIPELINE, encoding="utf-8")
    return tmp_path


def golden(name: str, text: str) -> None:
    """Compare with the golden file; RACI_LINT_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("RACI_LINT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ([], "graph.mmd"),
        (["--format", "mermaid"], "graph.mmd"),
        (["--format", "dot"], "graph.dot"),
        (["-f", "svg"], "graph.svg"),
    ],
)
def test_every_format_golden(pipeline: Path, args: list[str], name: str) -> None:
    result = run(["graph", "raci.yaml", *args], pipeline)
    assert (result.returncode, result.stderr) == (0, "")
    golden(name, result.stdout)


# ---------------------------------------------------------------- svg


def svg_tree(text: str) -> ElementTree.Element:
    return ElementTree.fromstring(text.encode("utf-8"))


SVG = "{http://www.w3.org/2000/svg}"


def test_svg_is_well_formed_xml_without_scripts_or_references() -> None:
    text = graph_text("svg")
    root = svg_tree(text)
    assert root.tag == f"{SVG}svg"
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "title", "rect", "g", "path", "polygon", "text"}
    for element in root.iter():
        for name, value in element.attrib.items():
            assert not name.startswith("on") and "href" not in name
            assert "url(" not in value and "javascript:" not in value
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert "ingest-events" in texts and "ingestion (written extract)" in texts
    assert "A: Data platform (team)" in texts and "no Accountable" in texts


def test_svg_is_the_same_bytes_every_time() -> None:
    assert graph_text("svg") == graph_text("svg")


def test_the_layout_layers_by_longest_path_and_orders_by_barycentre() -> None:
    model, _ = read_model(PIPELINE.encode(), "raci.yaml")
    graph = graph_of(model)
    places = layout(graph).places
    assert {nid: layer for nid, (layer, _) in places.items()} == {
        "external:crm": 0,
        "legacy-export": 0,
        "ingest-events": 1,
        "notebook": 2,
        "train-model": 2,
        "report": 3,
        "serve-model": 3,
    }
    # Rows are 0, 1, ... in each layer, and no two edges between neighbouring layers cross.
    for layer in range(4):
        rows = sorted(row for lay, row in places.values() if lay == layer)
        assert rows == list(range(len(rows)))
    spans = [
        (places[u][0], places[u][1], places[d][1])
        for u, d in graph.edges
        if places[d][0] == places[u][0] + 1
    ]
    crossing = [
        (a, b) for a in spans for b in spans if a[0] == b[0] and a[1] < b[1] and a[2] > b[2]
    ]
    assert spans and not crossing


def test_barycentre_ordering_uncrosses_two_chains() -> None:
    # b1 depends on a2, b2 on a1: the second layer follows the first.
    text = textwrap.dedent(
        """\
        version: 1
        people: {p: {disciplines: [data-engineer]}}
        components:
          a1: {kind: ingestion, raci: {responsible: [p], accountable: p}}
          a2: {kind: ingestion, raci: {responsible: [p], accountable: p}}
          b1: {kind: ingestion, depends_on: [a2], raci: {responsible: [p], accountable: p}}
          b2: {kind: ingestion, depends_on: [a1], raci: {responsible: [p], accountable: p}}
        """
    )
    model, _ = read_model(text.encode(), "raci.yaml")
    places = layout(graph_of(model)).places
    assert places["a1"][1] == places["b2"][1] and places["a2"][1] == places["b1"][1]


def cycle(size: int) -> str:
    lines = ["version: 1", "people: {p: {disciplines: [data-engineer]}}", "components:"]
    for index in range(size):
        lines.append(
            f"  c{index}: {{kind: ingestion, depends_on: [c{(index + 1) % size}], "
            "raci: {responsible: [p], accountable: p}}"
        )
    return "\n".join(lines) + "\n"


def test_a_cycle_shares_one_layer_and_is_drawn_dashed_back() -> None:
    model, _ = read_model(cycle(3).encode(), "raci.yaml")
    graph = graph_of(model)
    assert {layer for layer, _ in layout(graph).places.values()} == {0}
    svg = render_svg(graph)
    assert svg.count('stroke-dasharray="4 3"') == 3


def test_a_large_graph_is_capped_with_a_note_and_stays_fast() -> None:
    size = 5_000
    lines = ["version: 1", "people: {p: {disciplines: [data-engineer]}}", "components:"]
    for index in range(size):
        depends = f", depends_on: [c{index - 1:05}, c{index // 2:05}]" if index else ""
        lines.append(
            f"  c{index:05}: {{kind: ingestion{depends}, raci: {{responsible: [p], accountable: p}}}}"
        )
    model, _ = read_model(("\n".join(lines) + "\n").encode(), "raci.yaml")
    started = time.perf_counter()
    graph = graph_of(model)
    svg = render_svg(graph)
    mermaid = render_mermaid(graph)
    dot = render_dot(graph)
    elapsed = time.perf_counter() - started
    assert elapsed < 5, elapsed
    root = svg_tree(svg)
    boxes = [g for g in root.iter(f"{SVG}g") if g.find(f"{SVG}rect") is not None]
    assert len(boxes) == MAX_NODES
    note = f"The graph shows the first {MAX_NODES} nodes in pipeline order; 4700 more are left out."
    assert note in svg and note in dot
    # Mermaid draws at most 500 edges: fewer boxes there, and it says so too.
    assert re.search(r"  %% The graph shows the first 2\d\d nodes in pipeline order", mermaid)
    assert len(svg) < 500_000


def test_svg_size_grows_linearly() -> None:
    def size(count: int) -> int:
        lines = ["version: 1", "people: {p: {disciplines: [data-engineer]}}", "components:"]
        for index in range(count):
            depends = f", depends_on: [c{index - 1}]" if index else ""
            lines.append(
                f"  c{index}: {{kind: ingestion{depends}, raci: {{responsible: [p], accountable: p}}}}"
            )
        model, _ = read_model(("\n".join(lines) + "\n").encode(), "raci.yaml")
        return len(render_svg(graph_of(model)))

    small, large = size(50), size(100)
    assert large < 2.2 * small
    assert small < 50 * 1_200


# ---------------------------------------------------------------- subsets


def test_a_subset_draws_its_components_and_their_neighbours_faded() -> None:
    model, _ = read_model(PIPELINE.encode(), "raci.yaml")
    part = subgraph(graph_of(model), ["train-model"])
    assert [(n.id, n.context) for n in part.nodes] == [
        ("ingest-events", True),
        ("train-model", False),
        ("report", True),
        ("serve-model", True),
    ]
    assert part.edges == [
        ("ingest-events", "train-model"),
        ("train-model", "report"),
        ("train-model", "serve-model"),
    ]
    mermaid = graph_text("mermaid", subset=["train-model"])
    assert "  class n0,n2,n3 context\n" in mermaid
    assert "notebook" not in mermaid and "external" not in mermaid


# ---------------------------------------------------------------- hostile names

HOSTILE_NAMES = [
    'a"b',
    "end",
    "<script>alert(1)</script>",
    "A --> B",
    "click x call alert()",
    "%%{init: {'securityLevel': 'loose'}}%%",
    "`**md**`",
    "#quot; &amp; ]] ) |x|",
    "x\\ny \\N \\",
    "line\nbreak\x1b[2J",
]


def hostile_model() -> Any:
    """A chain of components, each with a hostile id, kind and Accountable's name.

    The schema refuses most of these ids, so the model of a file that passes
    is renamed: what a graph must survive is any string at all.
    """
    count = len(HOSTILE_NAMES)
    text = "version: 1\npeople:\n" + "".join(
        f"  p{index}: {{disciplines: [data-engineer]}}\n" for index in range(count)
    )
    text += "components:\n" + "".join(
        f"  c{index}: {{kind: ingestion, depends_on: [{f'c{index - 1}' if index else 'x'}], "
        f"raci: {{responsible: [p{index}], accountable: p{index}}}}}\n"
        for index in range(count)
    )
    model, _ = read_model(text.encode(), "raci.yaml")
    renames = {f"c{index}": name for index, name in enumerate(HOSTILE_NAMES)}
    renames["x"] = "external:" + HOSTILE_NAMES[2]
    components = {}
    for index, component in enumerate(model.components.values()):
        component.id = HOSTILE_NAMES[index]
        component.kind = component.kind._replace(text=HOSTILE_NAMES[-1 - index])
        component.depends_on = [
            item._replace(text=renames[item.text]) for item in component.depends_on
        ]
        components[component.id] = component
        model.people[f"p{index}"].name = HOSTILE_NAMES[index]
    model.components = components
    return model


def test_hostile_names_stay_labels_in_mermaid() -> None:
    text = render_mermaid(graph_of(hostile_model()))
    body = text.splitlines()[1:]
    # Every line is one of our statements; labels hold no quote, no markup,
    # no backtick, no comment, no line break.
    statement = re.compile(
        r'  (n\d+(\["[^"]*"\]|\(\["[^"]*"\]\))|n\d+ --> n\d+|subgraph legend\["Legend"\]'
        r'|  direction LR|  legend\d+\["[^"]*"\]|end|classDef [a-z0-9]+ [^"]*|class [a-z0-9,]+ '
        r"[a-z0-9]+)"
    )
    for line in body:
        assert statement.fullmatch(line), line
    labels = "".join(re.findall(r'"[^"]*"', text))
    for forbidden in ("<script", "`", "%", "{", "#", "\x1b", "\\", "|", "["):
        assert forbidden not in labels, forbidden
    assert "click" not in [line.split()[0] for line in body]


def mermaid_parser() -> Any:
    module = pytest.importorskip("mermaid_parser.parser", reason="mermaid-parser-py is absent")
    return module.MermaidParser()


def decode_mermaid(text: str) -> str:
    """What a browser shows of a label Mermaid parsed: <br/> a line break, the
    character references decoded. Mermaid's parser marks every entity code it
    sees (``#35;``) as ``ﬂ°°35¶ß``: none may be left in a label."""
    assert "\ufb02\u00b0" not in text, text
    return html.unescape(text.replace("<br/>", "\n"))


def test_mermaid_parser_reads_every_label_as_written() -> None:
    parser = mermaid_parser()
    model = hostile_model()
    graph = graph_of(model)
    parsed = parser.parse(render_mermaid(graph))
    assert parsed["graph_type"] == "flowchart-v2"
    data = parsed["graph_data"]
    vertices = data["vertices"]
    components = [v for key, v in vertices.items() if key.startswith("n")]
    assert len(components) == len(graph.nodes)
    shown = {decode_mermaid(v["text"]).split("\n")[0] for v in components}
    expected = {" ".join(n.id.split()).replace("\x1b", "\\x1b") for n in graph.nodes}
    assert shown == expected
    assert data["tooltips"] == {} and data["funs"] == [None]
    assert set(data["classes"]) <= {"c0", "c1", "c2", "c3", "error", "context", "missing"}
    assert len(data["edges"]) == len(graph.edges)
    assert [sub["id"] for sub in data["subGraphs"]] == ["legend"]


def test_mermaid_parser_accepts_every_golden_and_the_example() -> None:
    parser = mermaid_parser()
    example = ROOT / "examples" / "ml-platform" / "raci.yaml"
    golden_text = (GOLDEN / "graph.mmd").read_text(encoding="utf-8")
    for text in (golden_text, graph_text("mermaid", example.read_text(encoding="utf-8"))):
        data = parser.parse(text)["graph_data"]
        assert data["direction"] == "LR" and data["vertices"]


def test_hostile_names_are_quoted_in_dot() -> None:
    text = render_dot(graph_of(hostile_model()))
    strings = re.findall(r'"((?:[^"\\]|\\.)*)"', text)
    # Outside quoted strings, only our own syntax remains.
    outside = re.sub(r'"((?:[^"\\]|\\.)*)"', '""', text)
    assert set(re.findall(r"[A-Za-z_]+", outside)) <= {
        "digraph", "rankdir", "LR", "node", "shape", "box", "style", "fontname", "fontsize",
        "edge", "color", "label", "fillcolor", "ellipse", "penwidth", "tooltip", "subgraph",
        "cluster_legend", "legend",
    }  # fmt: skip
    assert '"a\\"b"' in text and "x\\\\ny \\\\N \\\\" in text
    assert "\x1b" not in text and "\\\\x1b[2J" in text
    assert strings


def test_hostile_names_are_escaped_in_svg() -> None:
    text = render_svg(graph_of(hostile_model()))
    root = svg_tree(text)
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "title", "rect", "g", "path", "polygon", "text"}
    texts = {element.text for element in root.iter(f"{SVG}text")}
    assert "<script>alert(1)</script>" in texts and 'a"b' in texts
    assert "\x1b" not in text


# ---------------------------------------------------------------- the command


def test_errors_follow_the_configuration(pipeline: Path) -> None:
    (pipeline / ".raci-lint.yaml").write_text("ignore: [RACI001]\n", encoding="utf-8")
    result = run(["graph", "raci.yaml"], pipeline)
    assert result.returncode == 0
    assert '  n3["notebook<br/>analysis<br/>no Accountable<br/>1 error"]\n' in result.stdout


def test_stdin_is_read_with_a_dash(pipeline: Path) -> None:
    result = run(["graph", "-"], pipeline, stdin=PIPELINE)
    assert result.returncode == 0
    assert result.stdout == (GOLDEN / "graph.mmd").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "raci.yaml: the file is empty; there is no graph to render"),
        ("version: 2\ncomponents: {}\n", "raci.yaml:1:10: version 2 is not supported"),
    ],
)
def test_unrenderable_file_is_one_line_and_exit_2(
    tmp_path: Path,
    content: str,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "raci.yaml").write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["graph", "raci.yaml"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"raci-lint: error: {message}")
    assert captured.err.count("\n") == 1


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run(["graph", "nope.yaml"], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "raci-lint: error: nope.yaml: no such file or folder\n"


def test_an_empty_pipeline_still_renders_in_every_format() -> None:
    text = "version: 1\npeople: {p: {}}\n"
    assert graph_text("mermaid", text) == (
        "flowchart LR\n"
        "  classDef error stroke:#cf222e,stroke-width:3px\n"
        "  classDef context opacity:0.5\n"
        "  classDef missing stroke-dasharray:4 3\n"
    )
    assert graph_text("dot", text).endswith('  edge [color="#57606a"];\n}\n')
    assert "No components." in graph_text("svg", text)


# ---------------------------------------------------------------- drawn by Mermaid itself

MERMAID_JS = os.environ.get("RACI_LINT_MERMAID_JS", "")

RENDER = """(async () => {
  mermaid.initialize({startOnLoad: false, securityLevel: "%s"});
  const {svg} = await mermaid.render("drawn", %s);
  const box = document.createElement("div");
  box.innerHTML = svg;
  document.body.appendChild(box);
  const labels = [...box.querySelectorAll("g.node")].map(n => n.textContent);
  const inside = [...box.querySelectorAll("g.node *")].map(e => e.localName);
  return {
    labels: labels,
    tags: [...new Set(inside)].sort(),
    clickable: box.querySelectorAll(".clickable, a, [onclick]").length,
    scripts: document.querySelectorAll("script").length,
  };
})()"""


@pytest.mark.skipif(
    not (MERMAID_JS and Path(MERMAID_JS).is_file()),
    reason="opt-in: set RACI_LINT_MERMAID_JS to mermaid.min.js (npm install mermaid)",
)
@pytest.mark.parametrize("security", ["strict", "loose"])
def test_mermaid_draws_hostile_names_as_text(tmp_path: Path, security: str) -> None:
    executable = chromium_path()
    if executable is None:
        pytest.skip("no chromium to run Mermaid in")
    graph = graph_of(hostile_model())
    page = tmp_path / "mermaid.html"
    page.write_text(
        f'<!DOCTYPE html><html><head><script src="{Path(MERMAID_JS).resolve().as_uri()}">'
        "</script></head><body></body></html>",
        encoding="utf-8",
    )
    with Browser(executable) as browser:
        browser.open(page, 1400, 800)
        drawn = browser.evaluate(RENDER % (security, json.dumps(render_mermaid(graph))), wait=True)
        assert browser.problems() == []
    # One script: Mermaid's own; no label became markup, a link or a click.
    assert drawn["scripts"] == 1 and drawn["clickable"] == 0
    assert set(drawn["tags"]) <= {
        "g", "rect", "path", "polygon", "foreignObject", "div", "span", "p", "br", "text",
        "tspan", "circle", "line", "title",
    }, drawn["tags"]  # fmt: skip
    boxes = [
        label
        for label in drawn["labels"]
        if not label.startswith(("Accountable", "no ", "outside", "red "))
    ]
    # Mermaid breaks a line where a label has a backslash and an n (its
    # textContent then drops them): only how the text is drawn.
    expected = {"".join(_label(node)).replace("\\n", "") for node in graph.nodes}
    assert set(boxes) == expected


def _label(node: Any) -> list[str]:
    """The text Mermaid shows for a box: its lines run together."""
    return [_clean(line) for line in _label_lines(node)]


# ---------------------------------------------------------------- any name at all

HOSTILE_ALPHABET = (
    "\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x7f\x85\x9b"
    "\u200b\u200d\u200e\u202e\u2028\u2029\u2066\ufeff\ufffe\ud800"
    "<>&\"'`[]()*_$:@#|%,;=!~\\/{}- "
    "end click call style classDef subgraph --> -.-> ==> %%{init}%% #quot; &amp;"
)
hostile_text = st.lists(
    st.sampled_from([*HOSTILE_ALPHABET, "ab", "x", "graph", "end", " --> ", "click "]),
    min_size=1,
    max_size=12,
).map("".join)


def renamed_model(names: list[str]) -> Any:
    """A chain of three components whose ids, kinds, names and dependencies are ``names``."""
    text = "version: 1\npeople:\n" + "".join(
        f"  p{i}: {{disciplines: [data-engineer]}}\n" for i in range(3)
    )
    text += "components:\n" + "".join(
        f"  c{i}: {{kind: ingestion, depends_on: [{f'c{i - 1}' if i else 'x'}], "
        f"raci: {{responsible: [p{i}], accountable: p{i}}}}}\n"
        for i in range(3)
    )
    model, _ = read_model(text.encode(), "raci.yaml")
    ids = list(dict.fromkeys(names[:3]))
    while len(ids) < 3:
        ids.append(f"{ids[-1]}'")
    renames = {f"c{i}": ids[i] for i in range(3)} | {"x": "external:" + names[3]}
    components = {}
    for index, component in enumerate(model.components.values()):
        component.id = ids[index]
        component.kind = component.kind._replace(text=names[4 + index])
        component.depends_on = [
            item._replace(text=renames[item.text]) for item in component.depends_on
        ]
        components[component.id] = component
        model.people[f"p{index}"].name = names[7 + index]
    model.components = components
    return model


LABEL = r'"(?:[^"#%`{}\\|\[\]<>]|<br/>)*"'
MERMAID_LINE = re.compile(
    rf"  n\d+(\[{LABEL}\]|\(\[{LABEL}\]\))"
    r"|  n\d+ --> n\d+"
    r'|  subgraph legend\["Legend"\]|    direction LR|    legend\d+\["[^"]*"\]|  end'
    r"|  classDef [a-z0-9]+ [a-z0-9:#.,\- ]+|  class [a-z0-9,]+ [a-z0-9]+"
)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(names=st.lists(hostile_text, min_size=10, max_size=10))
def test_every_graph_format_holds_whatever_the_names(names: list[str]) -> None:
    graph = graph_of(renamed_model(names))
    # Mermaid: every line is one of our statements, no label holds what Mermaid reads.
    mermaid = render_mermaid(graph)
    lines = mermaid.splitlines()
    assert lines[0] == "flowchart LR"
    for line in lines[1:]:
        assert MERMAID_LINE.fullmatch(line), line
    assert sum(bool(re.match(r"  n\d+ --> ", line)) for line in lines) == len(graph.edges)
    # DOT: outside its quoted strings, only our syntax; one statement per node and edge.
    dot = render_dot(graph)
    outside = re.sub(r'"((?:[^"\\\n]|\\.)*)"', '""', dot)
    assert set(re.findall(r"[A-Za-z_]+", outside)) <= {
        "digraph", "rankdir", "LR", "node", "shape", "box", "style", "fontname", "fontsize",
        "edge", "color", "label", "fillcolor", "ellipse", "penwidth", "tooltip", "subgraph",
        "cluster_legend", "legend",
    }  # fmt: skip
    assert outside.count("->") == len(graph.edges)
    assert all(line.isprintable() for line in dot.splitlines())
    # SVG: XML, and each box's first line is its id.
    root = svg_tree(render_svg(graph))
    firsts = [
        g.findall(f"{SVG}text")[0].text
        for g in root.iter(f"{SVG}g")
        if g.find(f"{SVG}rect") is not None
    ]
    assert firsts == [_short(node.id) for node in graph.nodes]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.names.update(name for name, _ in attrs)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(names=st.lists(hostile_text, min_size=10, max_size=10))
def test_the_html_report_holds_whatever_the_names(names: list[str]) -> None:
    model = renamed_model(names)
    page = render_html(build_matrix(model), graph_of(model))
    parser = _Tags()
    parser.feed(page)
    parser.close()
    assert parser.tags <= {
        "html", "head", "meta", "title", "style", "body", "h1", "h2", "code", "p", "nav", "a",
        "div", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "small", "span", "dl",
        "dt", "dd", "svg", "g", "rect", "path", "polygon", "text",
    }  # fmt: skip
    assert not [name for name in parser.names if name.startswith("on") or name == "src"]
    assert all(line.isprintable() for line in page.splitlines())
    svg = page[page.index("<svg") : page.index("</svg>") + len("</svg>")]
    assert svg_tree(svg).tag == f"{SVG}svg"


def test_mermaid_stays_within_what_mermaid_draws() -> None:
    # 300 components of long ids, each depending on the three before it: 1,000
    # edges and 100,000 characters would be refused by Mermaid.
    lines = ["version: 1", "people: {p: {disciplines: [data-engineer]}}", "components:"]
    for index in range(400):
        before = [f"{'c' * 60}{j:03}" for j in range(max(0, index - 3), index)]
        lines.append(
            f"  {'c' * 60}{index:03}: {{kind: ingestion, depends_on: [{', '.join(before)}], "
            "raci: {responsible: [p], accountable: p}}"
        )
    model, _ = read_model(("\n".join(lines) + "\n").encode(), "raci.yaml")
    text = render_mermaid(graph_of(model))
    assert len(text) <= 50_000
    edges = sum(" --> " in line for line in text.splitlines())
    assert 400 < edges <= 500
    boxes = sum(bool(re.match(r'  n\d+\["', line)) for line in text.splitlines())
    assert re.search(
        rf"  %% The graph shows the first {boxes} nodes in pipeline order; {400 - boxes} more "
        "are left out.\n",
        text,
    )


def test_a_broken_configuration_is_one_line_and_exit_2(pipeline: Path) -> None:
    (pipeline / ".raci-lint.yaml").write_text("select: [NOPE999]\n", encoding="utf-8")
    for args in (["graph", "raci.yaml"], ["matrix", "raci.yaml", "--format", "html"]):
        result = run(args, pipeline)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr.startswith("raci-lint: error: ") and "NOPE999" in result.stderr
        assert result.stderr.count("\n") == 1


def test_components_linked_to_none_make_a_grid_below_the_pipeline() -> None:
    lines = ["version: 1", "people: {p: {disciplines: [data-engineer]}}", "components:"]
    lines += [
        f"  c{i:02}: {{kind: ingestion, raci: {{responsible: [p], accountable: p}}}}"
        for i in range(12)
    ]
    lines += [
        "  a: {kind: ingestion, raci: {responsible: [p], accountable: p}}",
        "  b: {kind: ingestion, depends_on: [a], raci: {responsible: [p], accountable: p}}",
    ]
    model, _ = read_model(("\n".join(lines) + "\n").encode(), "raci.yaml")
    places = layout(graph_of(model)).places
    assert (places["a"], places["b"]) == ((0, 0), (1, 0))
    # Twelve alone: four columns (about the square root), three rows, below row 0.
    assert [places[f"c{i:02}"] for i in range(12)] == [
        (column, 1 + row) for row in range(3) for column in range(4)
    ]
