"""The RACI matrix of one ownership file: components by people, in pipeline order.

:func:`read_matrix` reads a file into a :class:`Matrix`; :func:`render`
turns it into ``text`` (for a terminal), ``markdown`` (a GitHub table),
``html`` (one self-contained page) or ``csv`` (exactly the columns that
``raci-lint import --from csv`` reads, so that the two round-trip).
"""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from raci_lint.adapters.graph import pipeline_order
from raci_lint.engine.unit import read_unit
from raci_lint.model.ownership import Model, Ref
from raci_lint.reading.loader import Mapping, Scalar, load
from raci_lint.rules.syntax import READING_PROBLEMS
from raci_lint.schema.scalars import scalar_type
from raci_lint.settings.options import LintOptions
from raci_lint.wording import neutralize, plural

__all__ = [
    "FORMATS",
    "Column",
    "Matrix",
    "MatrixError",
    "Row",
    "build_matrix",
    "csv_header",
    "pipeline_order",
    "read_matrix",
    "read_model",
    "render",
    "slugify",
]

FORMATS = ("text", "markdown", "html", "csv")

# The letters of a cell, in the order they are written: `A/R`, not `R/A`.
CELL_ORDER = ("accountable", "responsible", "support", "consulted", "informed")
CODES = {
    "accountable": "A",
    "responsible": "R",
    "support": "S",
    "consulted": "C",
    "informed": "I",
}
LEGEND = (
    ("A", "Accountable", "signs off; one person per component"),
    ("R", "Responsible", "does the work"),
    ("S", "Support", "helps the Responsible (RASCI)"),
    ("C", "Consulted", "asked before"),
    ("I", "Informed", "told after"),
)
TEAM_HEADER = "team:"
TOTALS_NOTE = "Totals count the letters each column holds directly."
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*")

ColumnKind = Literal["person", "team", "undeclared"]


class MatrixError(Exception):
    """A file that cannot be rendered; the message is one line for the user."""


@dataclass(frozen=True)
class Column:
    """A person, a team holding letters, or a reference to nothing declared."""

    key: str  # the id, or the reference as written when it names nothing
    name: str | None = None
    kind: ColumnKind = "person"
    active: bool = True

    @property
    def label(self) -> str:
        """The human name: the name when there is one, else the id."""
        return self.name if self.name else self.key


@dataclass
class Row:
    """A component and its letters, by column key (``{"amara": "A/R"}``)."""

    id: str
    kind: str = ""
    description: str | None = None
    cells: dict[str, str] = field(default_factory=dict)


@dataclass
class Matrix:
    path: str
    scheme: str = "RACI"
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    # How many problems of reading (SYN002, SYN003) left things out.
    problems: list[str] = field(default_factory=list)

    def total(self, column: Column, code: str) -> int:
        """How many components give this column the letter ``code`` (directly)."""
        return sum(code in row.cells.get(column.key, "").split("/") for row in self.rows)

    def codes_used(self) -> set[str]:
        return {
            code for row in self.rows for cell in row.cells.values() for code in cell.split("/")
        }

    def legend(self) -> list[tuple[str, str, str]]:
        """The letters to explain: S only under RASCI or when used."""
        with_support = self.scheme == "RASCI" or "S" in self.codes_used()
        return [entry for entry in LEGEND if entry[0] != "S" or with_support]

    def count(self, kind: ColumnKind) -> int:
        return sum(column.kind == kind for column in self.columns)


# ---------------------------------------------------------------- reading


def read_matrix(data: bytes, path: str, location: Path | None = None) -> Matrix:
    """The matrix of one file's bytes; ``path`` names it in messages.

    ``location`` is where the file is, for its `include:` rosters (whose
    people and teams become columns when they hold letters); without it,
    references to them are columns "not declared in this file".

    Raises :class:`MatrixError` when nothing can be rendered (see
    :func:`read_model`). A file that parses but breaks the schema renders
    what the schema accepts, and lists its problems (and those of its
    includes) in :attr:`Matrix.problems`.
    """
    model, problems = read_model(data, path, location, what="matrix")
    matrix = build_matrix(model)
    matrix.problems = problems
    return matrix


def read_model(
    data: bytes,
    path: str,
    location: Path | None = None,
    options: LintOptions | None = None,
    *,
    what: str = "matrix",
) -> tuple[Model, list[str]]:
    """The model of one file's bytes, with the codes of its reading problems.

    Raises :class:`MatrixError` when there is nothing to show: the file does
    not parse, is empty, is over a safety limit or has another version;
    ``what`` names what could not be rendered, for the message.
    """
    options = options or LintOptions()
    document = load(data, options.limits)
    root = document.root
    if root is None or (type(root) is Scalar and scalar_type(root) == "null"):
        if document.problems:
            problem = document.problems[0]
            raise MatrixError(
                f"{path}:{problem.line}:{problem.column}: {problem.message} "
                f"({READING_PROBLEMS[problem.kind].code})"
            )
        raise MatrixError(f"{path}: the file is empty; there is no {what} to render")
    if type(root) is not Mapping:
        raise MatrixError(f"{path}:1:1: not an ownership file: the top level is not a mapping")
    unit = read_unit(document, path, options, location)
    if unit.model is None:  # another version: SYN004 is then the only violation
        first = unit.violations[0]
        raise MatrixError(f"{path}:{first.line}:{first.column}: {first.message} ({first.code})")
    return unit.model, [violation.code for violation in unit.violations]


def build_matrix(model: Model) -> Matrix:
    """The matrix of a model: every person of the file, the people of its
    included rosters and the teams that hold letters, and any reference that
    names nothing declared (a typo, or a roster that could not be read)."""
    matrix = Matrix(model.path, model.scheme)
    used: dict[str, ColumnKind] = {}
    undeclared: list[str] = []
    for cid in pipeline_order(model.components):
        component = model.components[cid]
        row = Row(cid, component.kind.text if component.kind else "", component.description)
        letters: dict[str, list[str]] = {}
        for letter in CELL_ORDER:
            for ref in component.refs(letter):
                key, kind = _resolve(ref, model)
                if key not in used:
                    used[key] = kind
                    if kind == "undeclared":
                        undeclared.append(key)
                codes = letters.setdefault(key, [])
                if CODES[letter] not in codes:
                    codes.append(CODES[letter])
        row.cells = {key: "/".join(codes) for key, codes in letters.items()}
        matrix.rows.append(row)
    # People of an included roster only when they hold letters here.
    people = [
        Column(p.id, p.name, "person", p.active)
        for p in model.people.values()
        if p.source == model.path or p.id in used
    ]
    teams = [Column(t.id, t.name, "team") for t in model.teams.values() if t.id in used]
    matrix.columns = [*people, *teams, *(Column(key, None, "undeclared") for key in undeclared)]
    return matrix


def _resolve(ref: Ref, model: Model) -> tuple[str, ColumnKind]:
    if ref.team_only:
        return (ref.target, "team") if ref.target in model.teams else (ref.text, "undeclared")
    if ref.target in model.people:
        return ref.target, "person"
    if ref.target in model.teams:
        return ref.target, "team"
    return ref.text, "undeclared"


# ---------------------------------------------------------------- ids


def slugify(text: str) -> str:
    """An id from free text: `Jane Doe` -> `jane-doe`; a valid id is kept as it is.

    Returns "" when nothing of the text can make an id (`陈伟`).
    """
    text = text.strip()
    if ID_PATTERN.fullmatch(text):
        return text
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9._-]+", "-", folded.lower())
    slug = re.sub(r"-{2,}", "-", slug)
    return re.sub(r"^[^a-z0-9]+|[^a-z0-9]+$", "", slug)


def csv_header(column: Column) -> str:
    """The header `import --from csv` turns back into this column's id.

    The name when it slugifies to the id (and cannot start a spreadsheet
    formula), else the id; a team's header starts with `team:`.
    """
    header = column.key
    name = column.name
    if name and name[:1].isalnum() and "\n" not in name and slugify(name) == column.key:
        header = name.strip()
    return f"{TEAM_HEADER}{header}" if column.kind == "team" else header


# ---------------------------------------------------------------- rendering


def render(matrix: Matrix, name: str, *, color: bool = False, width: int = 100) -> str:
    """The matrix in the named format; ``width`` is the terminal's, for ``text``."""
    if name == "text":
        return render_text(matrix, color=color, width=width)
    if name == "markdown":
        return render_markdown(matrix)
    if name == "html":
        return render_html(matrix)
    if name == "csv":
        return render_csv(matrix)
    raise ValueError(f"unknown matrix format {name!r}")


def _summary(matrix: Matrix) -> str:
    parts = [plural(len(matrix.rows), "component")]
    parts.append(plural(matrix.count("person"), "person", "people"))
    if matrix.count("team"):
        parts.append(plural(matrix.count("team"), "team"))
    if matrix.count("undeclared"):
        parts.append(plural(matrix.count("undeclared"), "undeclared reference"))
    return ", ".join(parts)


# -- text

_STYLES = {
    "A": "\x1b[1;31m",
    "R": "\x1b[1;32m",
    "S": "\x1b[1;34m",
    "C": "\x1b[36m",
    "I": "\x1b[2m",
    "head": "\x1b[1m",
    "dim": "\x1b[2m",
}
_RESET = "\x1b[0m"
ELLIPSIS = "\u2026"
MAX_HEADER = 8  # a person's or team's id in a column header
MAX_LABEL = 28  # a component's id at the start of a row


def _abbreviate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def _unique_abbreviations(keys: list[str], limit: int) -> list[str]:
    """Column headers of at most ``limit`` characters, all different."""
    while True:
        headers = [_abbreviate(key, limit) for key in keys]
        if len(set(headers)) == len(headers) or limit >= max(map(len, keys)):
            return headers
        limit += 1


def _paint(text: str, style: str, color: bool) -> str:
    return f"{_STYLES[style]}{text}{_RESET}" if color and text.strip() else text


def _paint_cell(text: str, color: bool) -> str:
    if not color:
        return text
    return re.sub("[ARSCI]", lambda m: _paint(m.group(), m.group(), True), text)


def render_text(matrix: Matrix, *, color: bool = False, width: int = 100) -> str:
    """A table that fits ``width`` columns.

    Long ids are abbreviated (a key below spells them out, with names), the
    kind column goes first when space runs short, and people who still do
    not fit go to a second table below the first.
    """
    columns = matrix.columns
    headers = _unique_abbreviations([c.key for c in columns], MAX_HEADER) if columns else []
    labels = [_abbreviate(row.id, MAX_LABEL) for row in matrix.rows]
    layout = _Layout(
        color=color,
        label=max([len("component"), len("A total"), *map(len, labels)]),
        kind=max([len("kind"), *(len(row.kind) for row in matrix.rows)]),
        cells=[
            max(
                len(header),
                *(len(row.cells.get(column.key, "")) for row in matrix.rows),
                len(str(matrix.total(column, "R"))),
                len(str(matrix.total(column, "A"))),
            )
            for column, header in zip(columns, headers, strict=True)
        ],
    )
    room = width - layout.label
    layout.with_kind = layout.label + sum(w + 2 for w in [layout.kind, *layout.cells]) <= width
    if layout.with_kind:
        room -= layout.kind + 2
    panels: list[list[int]] = [[]]
    used = 0
    for index, cell_width in enumerate(layout.cells):
        if panels[-1] and used + cell_width + 2 > room:
            panels.append([])
            used = 0
        panels[-1].append(index)
        used += cell_width + 2
    title = f"RACI matrix of {neutralize(matrix.path)}: {_summary(matrix)}"
    lines = _fill(title.split(" "), " ", width)
    for panel in panels:
        lines.append("")
        lines.append(layout.line(panel, "component", "kind", [headers[i] for i in panel], True))
        rule = layout.rule(panel)
        lines.append(rule)
        for row, label in zip(matrix.rows, labels, strict=True):
            cells = [row.cells.get(columns[i].key, "") for i in panel]
            lines.append(layout.line(panel, label, row.kind, cells))
        if not matrix.rows:
            lines.append("(no components)")
        lines.append(rule)
        for code in ("R", "A"):
            totals = [str(matrix.total(columns[i], code)) for i in panel]
            lines.append(layout.line(panel, f"{code} total", "", totals))
    lines.append("")
    legend = [f"{code} {word.lower()}" for code, word, _ in matrix.legend()]
    lines.extend(_paint_cell(line, color) for line in _fill(legend, "  ", width))
    lines.extend(_fill(TOTALS_NOTE.split(" "), " ", width))
    key = [
        (header, _describe(column, header != column.key))
        for column, header in zip(columns, headers, strict=True)
    ]
    key = [(header, text) for header, text in key if text]
    if key:
        lines.append("")
        key_width = max(len(header) for header, _ in key)
        lines.extend(f"{header.ljust(key_width)}  {neutralize(text)}" for header, text in key)
    return "\n".join(lines) + "\n"


@dataclass
class _Layout:
    """Column widths of the text table; cells are two spaces apart."""

    color: bool
    label: int
    kind: int
    cells: list[int]
    with_kind: bool = True

    def line(
        self, panel: list[int], label: str, kind: str, cells: list[str], head: bool = False
    ) -> str:
        def paint(text: str) -> str:
            return _paint(text, "head", self.color) if head else _paint_cell(text, self.color)

        parts = [paint(label.ljust(self.label))]
        if self.with_kind:
            parts.append(paint(kind.ljust(self.kind)))
        parts.extend(
            paint(cell.center(self.cells[index])) for index, cell in zip(panel, cells, strict=True)
        )
        return "  ".join(parts).rstrip()

    def rule(self, panel: list[int]) -> str:
        widths = [
            self.label,
            *([self.kind] if self.with_kind else []),
            *(self.cells[i] for i in panel),
        ]
        return "  ".join("-" * w for w in widths)


def _fill(words: list[str], separator: str, width: int) -> list[str]:
    """Words joined on lines of at most ``width`` characters (a long word stands alone)."""
    lines = [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + len(separator) + len(word) > width:
            lines.append("")
        lines[-1] = f"{lines[-1]}{separator}{word}" if lines[-1] else word
    return lines


def _describe(column: Column, abbreviated: bool) -> str:
    text = column.key if abbreviated else ""
    if column.name:
        text = f"{text}: {column.name}" if text else column.name
    notes = {"team": "team", "undeclared": "not declared in this file"}.get(column.kind)
    if not column.active:
        notes = "inactive"
    if notes:
        text = f"{text} ({notes})" if text else f"({notes})"
    return " ".join(text.split())


# -- markdown

# Markup, HTML and mentions; `$` (math) and `:` (of `https://`, an autolink).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~@#!$:])")
# `www.` starts an autolink too: its dot is escaped.
_WWW = re.compile(r"(?i)\b(www)\.")


def _md(text: str) -> str:
    """Free text made inert in a GitHub table cell: no markup, no HTML, no mention,
    no link, no math."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", neutralize(" ".join(text.split())))
    return _WWW.sub(r"\1\\.", escaped)


def _md_header(column: Column) -> str:
    label = _md(column.label)
    if column.kind == "team":
        return f"{label} (team)"
    if column.kind == "undeclared":
        return f"{label} (not declared)"
    return label if column.active else f"{label} (inactive)"


def render_markdown(matrix: Matrix) -> str:
    """A GitHub table, then the legend."""
    header = ["Component", "Kind", *(_md_header(c) for c in matrix.columns)]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "---|---|" + ":-:|" * len(matrix.columns),
    ]
    for row in matrix.rows:
        cells = [row.cells.get(c.key, "") for c in matrix.columns]
        lines.append("| " + " | ".join([f"`{row.id}`", _md(row.kind), *cells]) + " |")
    for code in ("R", "A"):
        totals = [str(matrix.total(c, code)) for c in matrix.columns]
        lines.append("| " + " | ".join([f"**{code} total**", "", *totals]) + " |")
    legend = " · ".join(f"**{code}** {word}: {meaning}" for code, word, meaning in matrix.legend())
    return (
        "\n".join(lines) + f"\n\n{legend}.\n\nComponents in pipeline order (upstream first); "
        "totals count the letters each column holds directly.\n"
    )


# -- html

_CSS = """\
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328;
  margin: 2rem; }
h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
h1 code { font-weight: normal; }
p.summary { color: #57606a; margin: 0 0 1rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; }
thead th { background: #f6f8fa; position: sticky; top: 0; vertical-align: bottom; }
thead th code { display: block; font-weight: normal; color: #57606a; font-size: .8rem; }
tbody th { text-align: left; font-weight: normal; }
tbody th .description { color: #57606a; font-size: .8rem; }
td { text-align: center; min-width: 2.5rem; }
td.kind { text-align: left; color: #57606a; }
td.A { background: #ffebe9; font-weight: bold; }
td.R { background: #dafbe1; font-weight: bold; }
td.S { background: #ddf4ff; }
td.C { background: #fff8c5; }
td.I { background: #f6f8fa; color: #57606a; }
tfoot th { text-align: left; }
tfoot td { font-weight: bold; }
dl { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; }
"""


def _h(text: str) -> str:
    return html.escape(neutralize(text), quote=True)


def _html_header(column: Column) -> str:
    note = {"team": "team", "undeclared": "not declared"}.get(column.kind, "")
    if not column.active:
        note = "inactive"
    label = _h(column.label) + (f" <small>({note})</small>" if note else "")
    return f'<th scope="col">{label}<code>{_h(column.key)}</code></th>'


def render_html(matrix: Matrix) -> str:
    """One self-contained page: inline CSS, no script, every user text escaped."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>RACI matrix of {_h(matrix.path)}</title>",
        f"<style>\n{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>RACI matrix of <code>{_h(matrix.path)}</code></h1>",
        f'<p class="summary">{_h(_summary(matrix))}; components in pipeline order '
        "(upstream first).</p>",
        "<table>",
        "<thead>",
        '<tr><th scope="col">Component</th><th scope="col">Kind</th>'
        + "".join(_html_header(c) for c in matrix.columns)
        + "</tr>",
        "</thead>",
        "<tbody>",
    ]
    for row in matrix.rows:
        description = (
            f'<div class="description">{_h(row.description)}</div>' if row.description else ""
        )
        cells = []
        for column in matrix.columns:
            cell = row.cells.get(column.key, "")
            css = f' class="{cell[0]}"' if cell else ""
            cells.append(f"<td{css}>{_h(cell)}</td>")
        out.append(
            f'<tr><th scope="row"><code>{_h(row.id)}</code>{description}</th>'
            f'<td class="kind">{_h(row.kind)}</td>' + "".join(cells) + "</tr>"
        )
    out += ["</tbody>", "<tfoot>"]
    for code in ("R", "A"):
        totals = "".join(f"<td>{matrix.total(c, code)}</td>" for c in matrix.columns)
        out.append(f'<tr><th scope="row">{code} total</th><td></td>{totals}</tr>')
    out += ["</tfoot>", "</table>", "<dl>"]
    for code, word, meaning in matrix.legend():
        out.append(f"<dt>{code}</dt><dd>{word}: {meaning}</dd>")
    out += [
        "</dl>",
        '<p class="summary">Totals count the letters each column holds directly.</p>',
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


# -- csv


def render_csv(matrix: Matrix) -> str:
    """`component`, `kind`, then one column per person or team: what `import` reads."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["component", "kind", *(csv_header(c) for c in matrix.columns)])
    for row in matrix.rows:
        writer.writerow([row.id, row.kind, *(row.cells.get(c.key, "") for c in matrix.columns)])
    return buffer.getvalue()
