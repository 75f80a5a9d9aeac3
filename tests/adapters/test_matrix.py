"""`raci-lint matrix`: the RACI matrix in text, markdown, html and csv."""

from __future__ import annotations

import io
import re
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import ROOT, run

from raci_lint.adapters.matrix import (
    Column,
    MatrixError,
    csv_header,
    pipeline_order,
    read_matrix,
    render,
    slugify,
)
from raci_lint.cli import main
from raci_lint.cli.output import use_color
from raci_lint.model.ownership import Component
from raci_lint.reading.loader import Limits

SMALL = textwrap.dedent(
    """\
    version: 1
    people:
      amara: {name: Amara Okafor, disciplines: [data-scientist]}
      ben: {name: Ben Hughes, disciplines: [ml-engineer]}
      chen: {disciplines: [data-engineer]}
    teams:
      data-platform: {name: Data platform, members: [chen]}
      unused-team: {members: [ben]}
    components:
      train-model:
        kind: training
        depends_on: [ingest-events]
        raci: {responsible: [amara], accountable: amara, consulted: [ben]}
      ingest-events:
        kind: ingestion
        raci: {responsible: [data-platform, chen], accountable: chen, informed: [amara]}
      serve-model:
        kind: deployment
        depends_on: [train-model]
        raci: {responsible: [ben], accountable: ben, consulted: [amara], informed: [ghost]}
    """
)

GOLDEN_TEXT = """\
RACI matrix of raci.yaml: 3 components, 3 people, 1 team, 1 undeclared reference

component      kind        amara  ben  chen  data-pl…  ghost
-------------  ----------  -----  ---  ----  --------  -----
ingest-events  ingestion     I         A/R      R
train-model    training     A/R    C
serve-model    deployment    C    A/R                    I
-------------  ----------  -----  ---  ----  --------  -----
R total                      1     1    1       1        0
A total                      1     1    1       0        0

A accountable  R responsible  C consulted  I informed
Totals count the letters each column holds directly.

amara     Amara Okafor
ben       Ben Hughes
data-pl…  data-platform: Data platform (team)
ghost     (not declared in this file)
"""

GOLDEN_NARROW = """\
RACI matrix of raci.yaml: 3 components,
3 people, 1 team, 1 undeclared reference

component      amara  ben  chen
-------------  -----  ---  ----
ingest-events    I         A/R
train-model     A/R    C
serve-model      C    A/R
-------------  -----  ---  ----
R total          1     1    1
A total          1     1    1

component      data-pl…  ghost
-------------  --------  -----
ingest-events     R
train-model
serve-model                I
-------------  --------  -----
R total           1        0
A total           0        0

A accountable  R responsible
C consulted  I informed
Totals count the letters each column
holds directly.

amara     Amara Okafor
ben       Ben Hughes
data-pl…  data-platform: Data platform (team)
ghost     (not declared in this file)
"""

GOLDEN_MARKDOWN = """\
| Component | Kind | Amara Okafor | Ben Hughes | chen | Data platform (team) | ghost (not declared) |
|---|---|:-:|:-:|:-:|:-:|:-:|
| `ingest-events` | ingestion | I |  | A/R | R |  |
| `train-model` | training | A/R | C |  |  |  |
| `serve-model` | deployment | C | A/R |  |  | I |
| **R total** |  | 1 | 1 | 1 | 1 | 0 |
| **A total** |  | 1 | 1 | 1 | 0 | 0 |

**A** Accountable: signs off; one person per component · **R** Responsible: does the work · \
**C** Consulted: asked before · **I** Informed: told after.

Components in pipeline order (upstream first); totals count the letters each column holds directly.
"""

GOLDEN_CSV = """\
component,kind,amara,ben,chen,team:Data platform,ghost
ingest-events,ingestion,I,,A/R,R,
train-model,training,A/R,C,,,
serve-model,deployment,C,A/R,,,I
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    (tmp_path / "raci.yaml").write_text(SMALL, encoding="utf-8")
    return tmp_path


def matrix_of(text: str, path: str = "raci.yaml") -> str:
    return render(read_matrix(text.encode(), path), "csv")


# ---------------------------------------------------------------- golden outputs


def test_text_golden(small: Path) -> None:
    result = run(["matrix", "raci.yaml"], small)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == GOLDEN_TEXT


def test_text_splits_people_into_tables_to_fit_columns(small: Path) -> None:
    result = run(["matrix", "raci.yaml"], small, env={"COLUMNS": "40"})
    assert result.returncode == 0
    assert result.stdout == GOLDEN_NARROW
    assert max(len(line) for line in result.stdout.splitlines()[:-4]) <= 40


def test_markdown_golden(small: Path) -> None:
    result = run(["matrix", "raci.yaml", "--format", "markdown"], small)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == GOLDEN_MARKDOWN


def test_csv_golden(small: Path) -> None:
    result = run(["matrix", "raci.yaml", "--format", "csv"], small)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == GOLDEN_CSV


def test_csv_cells_are_one_line_and_never_a_formula(tmp_path: Path) -> None:
    """A kind is free text from the repository: a spreadsheet must not run it."""
    ownership = textwrap.dedent(
        """\
        version: 1
        people:
          ann: {}
        components:
          c:
            kind: "=HYPERLINK(\\"http://x\\",\\"y\\")\\nz"
            raci: {responsible: [ann], accountable: ann}
          d:
            kind: "@SUM(1+1)"
            raci: {responsible: [ann], accountable: ann}
        """
    )
    (tmp_path / "raci.yaml").write_text(ownership, encoding="utf-8")
    result = run(["matrix", "raci.yaml", "--format", "csv"], tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        'component,kind,ann\nc,"\'=HYPERLINK(""http://x"",""y"")\\nz",A/R\nd,\'@SUM(1+1),A/R\n'
    )


def test_stdin_is_read_with_a_dash(small: Path) -> None:
    result = run(["matrix", "-", "--format", "csv"], small, stdin=SMALL)
    assert result.returncode == 0
    assert result.stdout == GOLDEN_CSV


def test_html_is_one_self_contained_page(small: Path) -> None:
    result = run(["matrix", "raci.yaml", "--format", "html"], small)
    assert result.returncode == 0
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>\n") and page.endswith("</html>\n")
    assert page.count("<html") == 1 and "<style>" in page
    assert not re.search(r"<script|<link|\bsrc=|@import|url\(", page)
    assert all(link.startswith("#") for link in re.findall(r'href="([^"]*)"', page))
    assert (
        '<tr><th scope="row"><code>ingest-events</code></th><td class="kind">ingestion</td>'
        '<td class="I">I</td><td></td><td class="A">A/R</td><td class="R">R</td><td></td></tr>'
    ) in page
    assert '<tr><th scope="row">A total</th><td></td><td>1</td><td>1</td><td>1</td>' in page


# ---------------------------------------------------------------- html escaping

HOSTILE = textwrap.dedent(
    """\
    version: 1
    people:
      mallory:
        name: "<script>alert('x')</script> \\"Mal\\" & <b>o'ry</b>"
      "<img src=x onerror=alert(1)>": {name: Eve}
    teams:
      ops: {name: "</table><script>steal()</script>", members: [mallory]}
    components:
      "<script>bad-id</script>":
        kind: ingestion
        raci: {responsible: [mallory], accountable: mallory}
      ingest:
        kind: ingestion
        description: "</title><script>x()</script> \\"quoted\\" & 'single'"
        raci: {responsible: [mallory, ops], accountable: mallory}
    """
)


def test_html_escapes_every_user_text_and_renders_what_the_schema_accepts(
    tmp_path: Path,
) -> None:
    (tmp_path / "raci.yaml").write_text(HOSTILE, encoding="utf-8")
    result = run(["matrix", "raci.yaml", "--format", "html"], tmp_path)
    # Schema-invalid ids are left out, with a warning; the rest renders.
    assert result.returncode == 0
    assert result.stderr == (
        "raci-lint: warning: raci.yaml: 2 problems (SYN002); the matrix leaves out what they "
        "break: run `raci-lint check raci.yaml`\n"
    )
    page = result.stdout
    assert "<script" not in page.lower() and "<img" not in page and "<b>" not in page
    # No attribute of a tag is the page's text: the hostile ids are quoted,
    # escaped, only in the list of violations.
    assert not re.search(r"<[^>]*\bon\w+=", page) and "Eve" not in page
    matrix = page[page.index('<table class="matrix">') : page.index("</table>")]
    assert "onerror" not in matrix and "bad-id" not in matrix
    assert "&lt;script&gt;bad-id&lt;/script&gt;" in page[page.index('class="violations"') :]
    assert (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &quot;Mal&quot; &amp; "
        "&lt;b&gt;o&#x27;ry&lt;/b&gt;<code>mallory</code>"
    ) in page
    assert "&lt;/table&gt;&lt;script&gt;steal()&lt;/script&gt; <small>(team)</small>" in page
    assert (
        '<div class="description">&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt; '
        "&quot;quoted&quot; &amp; &#x27;single&#x27;</div>"
    ) in page
    # Every tag in the page is one of ours.
    tags = set(re.findall(r"</?([a-zA-Z0-9!]+)", page))
    assert tags <= {
        "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "h2", "code", "p",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "small", "div", "dl", "dt", "dd",
        "nav", "a", "span", "svg", "g", "rect", "path", "polygon", "text",
    }  # fmt: skip


def test_markdown_and_text_neutralize_hostile_names(tmp_path: Path) -> None:
    text = textwrap.dedent(
        """\
        version: 1
        people:
          mallory: {name: "a|b *c* <i>d</i> @team \\e[2J [x](y)\\nz"}
        components:
          ingest: {kind: ingestion, raci: {responsible: [mallory], accountable: mallory}}
        """
    )
    matrix = read_matrix(text.encode(), "raci.yaml")
    markdown = render(matrix, "markdown")
    header = markdown.splitlines()[0]
    assert header == (r"| Component | Kind | a\|b \*c\* \<i\>d\</i\> \@team \\x1b\[2J \[x\](y) z |")
    assert "\x1b" not in render(matrix, "text") and "\\x1b[2J" in render(matrix, "text")


# ---------------------------------------------------------------- order


def components(edges: dict[str, list[str]]) -> dict[str, Component]:
    text = "version: 1\ncomponents:\n" + "".join(
        f"  {name}: {{kind: ingestion, depends_on: [{', '.join(ups)}]}}\n"
        for name, ups in edges.items()
    )
    from raci_lint.model.ownership import build_model
    from raci_lint.reading.loader import load

    return build_model(load(text.encode()).root, "raci.yaml", set()).components


def test_rows_follow_the_pipeline_upstream_first() -> None:
    found = components(
        {
            "serve": ["train"],
            "train": ["features", "external:vendor"],
            "features": ["ingest"],
            "dashboard": ["serve"],
            "ingest": [],
        }
    )
    assert pipeline_order(found) == ["ingest", "features", "train", "serve", "dashboard"]


def test_ties_are_broken_by_id() -> None:
    found = components({"c": [], "b": ["z-root"], "a": [], "z-root": [], "d": ["a"]})
    assert pipeline_order(found) == ["a", "c", "d", "z-root", "b"]


def test_cycles_neither_hang_nor_lose_components() -> None:
    found = components(
        {
            "x-after": ["b"],
            "b": ["a"],
            "a": ["c"],
            "c": ["b", "start"],
            "self": ["self"],
            "start": [],
            "unknown": ["missing"],
        }
    )
    # The cycle a -> c -> b stands together, by id, after what it needs.
    assert pipeline_order(found) == ["self", "start", "a", "b", "c", "unknown", "x-after"]


def test_a_long_chain_and_a_large_cycle_are_fast() -> None:
    size = 3000
    chain = {f"c{i:05d}": [f"c{i + 1:05d}"] if i < size - 1 else [] for i in range(size)}
    cycle = {f"d{i:05d}": [f"d{(i + 1) % size:05d}"] for i in range(size)}
    started = time.perf_counter()
    assert pipeline_order(components(chain)) == sorted(chain, reverse=True)
    assert pipeline_order(components(cycle)) == sorted(cycle)
    assert time.perf_counter() - started < 10


# ---------------------------------------------------------------- columns and cells


def test_columns_people_then_teams_with_letters_then_undeclared() -> None:
    matrix = read_matrix(SMALL.encode(), "raci.yaml")
    assert [(c.key, c.kind) for c in matrix.columns] == [
        ("amara", "person"),
        ("ben", "person"),
        ("chen", "person"),
        ("data-platform", "team"),
        ("ghost", "undeclared"),
    ]


def test_a_cell_holds_every_letter_once_accountable_first() -> None:
    text = textwrap.dedent(
        """\
        version: 1
        scheme: RASCI
        people: {p: {}, q: {}}
        teams: {t: {members: [p]}}
        components:
          x:
            kind: ingestion
            raci:
              informed: [p]
              responsible: [p, team:t, team:nope]
              support: [q]
              accountable: p
        """
    )
    assert matrix_of(text) == "component,kind,p,q,team:t,team:nope\nx,ingestion,A/R/I,S,R,R\n"
    lines = render(read_matrix(text.encode(), "raci.yaml"), "text").splitlines()
    assert "A accountable  R responsible  S support  C consulted  I informed" in lines


def test_totals_count_r_and_a_per_column() -> None:
    text = "version: 1\npeople: {p: {}, q: {}}\ncomponents:\n" + "".join(
        f"  c{i}: {{kind: ingestion, raci: {{responsible: [p, q], accountable: p}}}}\n"
        for i in range(11)
    )
    lines = render(read_matrix(text.encode(), "raci.yaml"), "markdown").splitlines()
    assert lines[13] == "| **R total** |  | 11 | 11 |"
    assert lines[14] == "| **A total** |  | 11 | 0 |"


def test_inactive_people_are_marked() -> None:
    text = "version: 1\npeople: {old: {name: Old Timer, active: false}}\ncomponents: {}\n"
    matrix = read_matrix(text.encode(), "raci.yaml")
    assert render(matrix, "markdown").splitlines()[0] == (
        "| Component | Kind | Old Timer (inactive) |"
    )
    assert render(matrix, "text").splitlines()[-1] == "old  Old Timer (inactive)"


def test_long_ids_are_abbreviated_uniquely_and_spelled_out() -> None:
    text = textwrap.dedent(
        """\
        version: 1
        people: {platform-team-one: {}, platform-team-two: {}}
        components:
          a-very-long-component-name-that-goes-on-and-on:
            kind: ingestion
            raci: {responsible: [platform-team-one], accountable: platform-team-two}
        """
    )
    lines = render(read_matrix(text.encode(), "raci.yaml"), "text").splitlines()
    assert lines[2] == (
        "component                     kind       platform-team-o…  platform-team-t…"
    )
    assert lines[4].startswith("a-very-long-component-name-…  ingestion")
    assert lines[-2:] == [
        "platform-team-o…  platform-team-one",
        "platform-team-t…  platform-team-two",
    ]


# ---------------------------------------------------------------- csv headers


@pytest.mark.parametrize(
    ("column", "header"),
    [
        (Column("jane-doe", "Jane Doe"), "Jane Doe"),
        (Column("amara", "Amara Okafor"), "amara"),
        (Column("zoe", "Zoë"), "Zoë"),
        (Column("cmd", "=cmd"), "cmd"),  # never a spreadsheet formula
        (Column("x", None), "x"),
        (Column("ml-platform", "ML platform", "team"), "team:ML platform"),
        (Column("ops", "Operations", "team"), "team:ops"),
    ],
)
def test_csv_header_reimports_to_the_same_id(column: Column, header: str) -> None:
    assert csv_header(column) == header
    assert slugify(header.removeprefix("team:")) == column.key


# ---------------------------------------------------------------- colour


def test_color_always_paints_letters_and_never_does_not(small: Path) -> None:
    painted = run(["matrix", "raci.yaml", "--color", "always"], small, env={"NO_COLOR": "1"})
    assert "\x1b[1;31mA\x1b[0m/\x1b[1;32mR\x1b[0m" in painted.stdout
    plain = run(["matrix", "raci.yaml", "--color", "never"], small)
    assert "\x1b" not in plain.stdout
    # auto: stdout is a pipe here, so no colour
    assert "\x1b" not in run(["matrix", "raci.yaml"], small).stdout


class _Terminal:
    def isatty(self) -> bool:
        return True


def test_auto_colours_a_terminal_unless_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", _Terminal())
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color("auto") is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color("auto") is False
    assert use_color("always") is True
    assert use_color("never") is False


# ---------------------------------------------------------------- files that cannot render


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("version: 1\ncomponents: [a\n", "raci.yaml:2:15: a '[' list is not closed"),
        ("", "raci.yaml: the file is empty; there is no matrix to render"),
        ("# only a comment\n", "raci.yaml: the file is empty; there is no matrix to render"),
        ("- a\n- b\n", "raci.yaml:1:1: not an ownership file: the top level is not a mapping"),
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
    # In-process, for speed; test_missing_file_is_one_line_and_exit_2 runs a subprocess.
    (tmp_path / "raci.yaml").write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["matrix", "raci.yaml"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"raci-lint: error: {message}")
    assert captured.err.endswith("; run `raci-lint check` for details\n")
    assert captured.err.count("\n") == 1


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run(["matrix", "nope.yaml"], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "raci-lint: error: nope.yaml: no such file or folder\n"


def test_unknown_format_is_a_usage_error(small: Path) -> None:
    result = run(["matrix", "raci.yaml", "--format", "pdf"], small)
    assert result.returncode == 2 and "pdf" in result.stderr


def test_read_matrix_raises_for_invalid_yaml() -> None:
    with pytest.raises(MatrixError, match=r"^x\.yaml:1:\d+: .*\(SYN001\)$"):
        read_matrix(b"a: [", "x.yaml")


def test_example_renders_in_every_format(tmp_path: Path) -> None:
    example = ROOT / "examples" / "ml-platform" / "raci.yaml"
    matrix = read_matrix(example.read_bytes(), "raci.yaml")
    assert matrix.problems == []
    assert [row.id for row in matrix.rows][:4] == [
        "ci-workflows",
        "compute-cluster",
        "ingest-crm-events",
        "pipeline-dag",
    ]
    for name in ("text", "markdown", "html", "csv"):
        assert "ingest-crm-events" in render(matrix, name, width=80)
    assert all(len(line) <= 80 for line in render(matrix, "text", width=80).splitlines())


def test_people_of_included_rosters_are_columns_when_they_hold_letters(tmp_path: Path) -> None:
    (tmp_path / "people.yaml").write_text(
        "version: 1\npeople:\n  ana: {name: Ana Lima}\n  idle: {name: Not Here}\n"
        "teams:\n  ops: {name: Ops, members: [ana]}\n",
        encoding="utf-8",
    )
    (tmp_path / "raci.yaml").write_text(
        textwrap.dedent(
            """\
            version: 1
            include: [people.yaml, missing.yaml]
            people: {own: {}}
            components:
              ingest: {kind: ingestion, raci: {responsible: [ana, ops], accountable: ana}}
            """
        ),
        encoding="utf-8",
    )
    result = run(["matrix", "raci.yaml", "--format", "csv"], tmp_path)
    assert result.returncode == 0
    assert result.stdout == "component,kind,ana,own,team:Ops\ningest,ingestion,A/R,,R\n"
    assert result.stderr == (
        "raci-lint: warning: raci.yaml: 1 problem (REF010); the matrix leaves out what it "
        "breaks: run `raci-lint check raci.yaml`\n"
    )
    # From stdin, includes cannot be found: the references are still columns.
    piped = run(
        ["matrix", "-", "--format", "csv"], tmp_path, stdin=(tmp_path / "raci.yaml").read_text()
    )
    assert piped.stdout == "component,kind,own,ana,ops\ningest,ingestion,,A/R,R\n"


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_input_over_the_size_limit_is_one_line_and_exit_2(
    small: Path,
    source: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("raci_lint.cli.matrix.Limits", lambda: Limits(max_file_size=100))
    monkeypatch.chdir(small)
    if source == "stdin":
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(SMALL.encode())))
        args, shown = ["matrix", "-"], "<stdin>"
    else:
        args, shown = ["matrix", "raci.yaml"], "raci.yaml"
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"raci-lint: error: {shown}: the file is over the limit of 100 bytes (SYN005)\n"
    )
