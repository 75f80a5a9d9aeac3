"""The RACI matrix of one ownership file: components by people, in pipeline order.

:func:`read_matrix` reads a file into a :class:`Matrix`; :func:`render`
turns it into ``text`` (for a terminal), ``markdown`` (a GitHub table),
``html`` (one self-contained page) or ``csv`` (exactly the columns that
``raci-lint import --from csv`` reads, so that the two round-trip).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from raci_lint.adapters.graph import Graph, component_of, pipeline_order, render_svg
from raci_lint.engine.unit import read_unit
from raci_lint.model.ownership import Model, Ref
from raci_lint.reading.loader import Mapping, Scalar, load
from raci_lint.rules.syntax import READING_PROBLEMS
from raci_lint.schema.scalars import scalar_type
from raci_lint.settings.options import LintOptions
from raci_lint.taxonomy.disciplines import Taxonomy, default_taxonomy
from raci_lint.violations import Violation
from raci_lint.wording import neutralize, plural

if TYPE_CHECKING:
    from raci_lint.engine.includes import Rosters

__all__ = [
    "FORMATS",
    "OVERLOAD",
    "Column",
    "FileReport",
    "Matrix",
    "MatrixError",
    "Row",
    "build_matrix",
    "csv_header",
    "pipeline_order",
    "read_matrix",
    "read_model",
    "render",
    "render_html",
    "render_report",
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
    kind: str = ""  # as written
    description: str | None = None
    cells: dict[str, str] = field(default_factory=dict)
    canonical: str = ""  # the taxonomy's id of the kind, when ``kind`` is one of its aliases

    def holds(self, code: str) -> bool:
        """Whether some column holds the letter ``code`` on this row."""
        return any(code in cell.split("/") for cell in self.cells.values())


@dataclass
class Matrix:
    path: str
    scheme: str = "RACI"
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    # How many problems of reading (SYN002, SYN003) left things out.
    problems: list[str] = field(default_factory=list)
    # The JSON pointer of each reference -> (row id, column key), to put a
    # violation in its cell.
    pointers: dict[str, tuple[str, str]] = field(default_factory=dict)

    _totals: tuple[int, dict[tuple[str, str], int]] | None = field(
        default=None, repr=False, compare=False
    )

    def total(self, column: Column, code: str) -> int:
        """How many components give this column the letter ``code`` (directly)."""
        if self._totals is None or self._totals[0] != len(self.rows):
            self._totals = (len(self.rows), self.totals())
        return self._totals[1].get((column.key, code), 0)

    def totals(self) -> dict[tuple[str, str], int]:
        """(column key, letter) -> how many components give it, counted in one
        pass over the cells (asking row by row for each column would take
        components x people)."""
        counts: dict[tuple[str, str], int] = {}
        for row in self.rows:
            for key, cell in row.cells.items():
                for code in cell.split("/"):
                    counts[key, code] = counts.get((key, code), 0) + 1
        return counts

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
    rosters: Rosters | None = None,
) -> tuple[Model, list[str]]:
    """The model of one file's bytes, with the codes of its reading problems.

    Raises :class:`MatrixError` when there is nothing to show: the file does
    not parse, is empty, is over a safety limit or has another version;
    ``what`` names what could not be rendered, for the message; ``rosters``
    are the included files a run read already (each is parsed once).
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
    unit = read_unit(document, path, options, location, rosters)
    if unit.model is None:  # another version: SYN004 is then the only violation
        first = unit.violations[0]
        raise MatrixError(f"{path}:{first.line}:{first.column}: {first.message} ({first.code})")
    return unit.model, [violation.code for violation in unit.violations]


def build_matrix(model: Model, taxonomy: Taxonomy | None = None) -> Matrix:
    """The matrix of a model: every person of the file, the people of its
    included rosters and the teams that hold letters, and any reference that
    names nothing declared (a typo, or a roster that could not be read)."""
    taxonomy = taxonomy or default_taxonomy()
    matrix = Matrix(model.path, model.scheme)
    used: dict[str, ColumnKind] = {}
    undeclared: list[str] = []
    for cid in pipeline_order(model.components):
        component = model.components[cid]
        row = Row(cid, component.kind.text if component.kind else "", component.description)
        known = taxonomy.kind(row.kind) if row.kind else None
        if known is not None and known.id != row.kind:
            row.canonical = known.id
        letters: dict[str, list[str]] = {}
        for letter in CELL_ORDER:
            for ref in component.refs(letter):
                key, kind = _resolve(ref, model)
                matrix.pointers[ref.pointer] = (cid, key)
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


# Letters that Unicode does not decompose into a base letter and its marks:
# with its dotless i (U+0131), `Ömer Yilmaz` is `omer-yilmaz`, never `omer-ylmaz`.
_TRANSLITERATION = str.maketrans(
    {
        "\u0131": "i", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
        "ß": "ss", "ẞ": "SS", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "đ": "d",
        "Đ": "D", "ł": "l", "Ł": "L", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T",
        "ĸ": "k", "ŋ": "ng", "Ŋ": "NG",
    }
)  # fmt: skip


def slugify(text: str) -> str:
    """An id from free text: `Jane Doe` -> `jane-doe`; a valid id is kept as it is.

    Letters lose their accents (`Ömer Y\u0131lmaz` -> `omer-yilmaz`) and every run
    of anything else becomes one hyphen (`J. Smith` -> `j-smith`). Returns ""
    when nothing of the text can make an id (`陈伟`).
    """
    text = text.strip()
    if ID_PATTERN.fullmatch(text):
        return text
    latin = text.translate(_TRANSLITERATION)
    folded = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower())
    return slug.strip("-")


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

# ORG001's default limit: a person Accountable for more components than this
# is shown as overloaded in the people of a report.
OVERLOAD = 8
# Components x people and teams the matrix of a page shows at most: a page
# of a million cells no longer opens.
MAX_CELLS = 250_000

_CSS = """\
:root { color-scheme: light; }
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328;
  margin: 0; padding: 1.5rem 2rem; background: #ffffff; }
h1 { font-size: 1.35rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1rem; margin: 1.25rem 0 .4rem; }
h1 code, h2 code { font-weight: normal; }
code { white-space: nowrap; font: .92em ui-monospace, SFMono-Regular, Menlo, monospace; }
p.summary { color: #57606a; margin: 0 0 .75rem; }
nav { margin: 0 0 1rem; }
nav a { margin-right: 1rem; color: #0969da; }
.scroll { overflow: auto; width: fit-content; max-width: 100%; max-height: 80vh;
  border: 1px solid #d0d7de; }
.scroll.graph { max-height: none; }
.scroll.graph svg { display: block; }
table { border-collapse: separate; border-spacing: 0; }
th, td { border-right: 1px solid #d0d7de; border-bottom: 1px solid #d0d7de;
  padding: .3rem .5rem; background: #ffffff; }
thead th { background: #f6f8fa; position: sticky; top: 0; z-index: 2;
  vertical-align: bottom; }
thead th code { display: block; font-weight: normal; color: #57606a; font-size: .8rem; }
table.matrix tbody th, table.matrix tfoot th, table.people tbody th {
  position: sticky; left: 0; z-index: 1; text-align: left; font-weight: normal;
  white-space: nowrap; }
table.matrix thead th:first-child, table.people thead th:first-child {
  position: sticky; left: 0; z-index: 3; }
tbody th .description { color: #57606a; font-size: .8rem; white-space: normal;
  max-width: 28rem; }
td { text-align: center; min-width: 2.5rem; white-space: nowrap; }
td.kind { text-align: left; color: #57606a; }
td.kind small, th small { color: #57606a; }
td.A { background: #ffebe9; font-weight: bold; }
td.R { background: #dafbe1; font-weight: bold; }
td.S { background: #ddf4ff; }
td.C { background: #fff8c5; }
td.I { background: #f6f8fa; color: #57606a; }
.flag { box-shadow: inset 0 0 0 2px #cf222e; cursor: help; }
td.flag::after { content: "!"; color: #cf222e; font-weight: bold;
  margin-left: .25rem; }
.missing { display: inline-block; margin-left: .4rem; padding: 0 .35rem; border-radius: 1rem;
  background: #cf222e; color: #ffffff; font-size: .75rem; font-weight: bold; }
tr.lacking th { background: #fff5f5; }
tfoot th { text-align: left; }
tfoot td { font-weight: bold; }
table.violations td, table.people td { text-align: left; white-space: normal; }
table.violations td.where { white-space: nowrap; }
tr.error td.severity { color: #cf222e; font-weight: bold; }
tr.warning td.severity { color: #9a6700; font-weight: bold; }
tr.info td.severity { color: #57606a; }
.hint { color: #57606a; font-size: .85rem; }
table.people td.number { text-align: right; }
tr.overload th, tr.overload td.accountable { background: #ffebe9; }
tr.overload td.accountable { color: #cf222e; font-weight: bold; }
ul.holds { margin: 0; padding-left: 1rem; }
dl { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; }
"""


def _h(text: str) -> str:
    return html.escape(neutralize(text), quote=True)


def _title(lines: list[str]) -> str:
    """A hover text of several lines, escaped for an attribute."""
    return "&#10;".join(_h(" ".join(line.split())) for line in lines)


@dataclass
class FileReport:
    """One ownership file of an HTML report: its matrix, graph and violations."""

    matrix: Matrix
    graph: Graph | None = None
    violations: list[Violation] = field(default_factory=list)


def _html_header(column: Column, flags: list[str]) -> str:
    note = {"team": "team", "undeclared": "not declared"}.get(column.kind, "")
    if not column.active:
        note = "inactive"
    label = _h(column.label) + (f" <small>({note})</small>" if note else "")
    flag = f' class="flag" title="{_title(flags)}"' if flags else ""
    return f'<th scope="col"{flag}>{label}<code>{_h(column.key)}</code></th>'


def _place(matrix: Matrix, violations: list[Violation]) -> dict[tuple[str, str], list[str]]:
    """Each violation of the matrix's own file, by where the page shows it:
    (row id, column key) for a cell, (row id, "") for a component,
    ("", column key) for a person or team."""
    places: dict[tuple[str, str], list[str]] = {}
    keys = {column.key for column in matrix.columns}
    for violation in violations:
        if violation.path != matrix.path:
            continue
        text = f"{violation.code} {violation.message}"
        pointer = violation.pointer
        found = matrix.pointers.get(pointer)
        if found is None:
            cid = component_of(pointer)
            if cid is not None:
                found = (cid, "")
            else:
                for section in ("/people/", "/teams/"):
                    if pointer.startswith(section):
                        key = pointer[len(section) :].split("/", 1)[0]
                        key = key.replace("~1", "/").replace("~0", "~")
                        if key in keys:
                            found = ("", key)
        if found is not None:
            places.setdefault(found, []).append(text)
    return places


def _shown_columns(matrix: Matrix) -> list[Column]:
    """The columns the page has room for: all of them, unless components x
    columns passes :data:`MAX_CELLS`; then those holding the most A and R."""
    columns = matrix.columns
    room = MAX_CELLS // max(1, len(matrix.rows))
    if len(columns) <= room:
        return columns
    busiest = sorted(
        range(len(columns)),
        key=lambda i: -(matrix.total(columns[i], "A") + matrix.total(columns[i], "R")),
    )
    kept = sorted(busiest[: max(1, room)])
    return [columns[i] for i in kept]


def _matrix_table(matrix: Matrix, violations: list[Violation]) -> list[str]:
    places = _place(matrix, violations)
    columns = _shown_columns(matrix)
    out = []
    if len(columns) < len(matrix.columns):
        out.append(
            f'<p class="summary">The matrix shows the {len(columns)} of '
            f"{len(matrix.columns)} people and teams who hold the most A and R: "
            f"{len(matrix.rows)} components by all of them would be more than "
            f"{MAX_CELLS:,} cells.</p>"
        )
    out += [
        '<div class="scroll">',
        '<table class="matrix">',
        "<thead>",
        '<tr><th scope="col">Component</th><th scope="col">Kind</th>'
        + "".join(_html_header(c, places.get(("", c.key), [])) for c in columns)
        + "</tr>",
        "</thead>",
        "<tbody>",
    ]
    for row in matrix.rows:
        description = (
            f'<div class="description">{_h(row.description)}</div>' if row.description else ""
        )
        badges = [
            f'<span class="missing" title="no {word}">no {code}</span>'
            for code, word in (("A", "Accountable"), ("R", "Responsible"))
            if not row.holds(code)
        ]
        flags = places.get((row.id, ""), [])
        head = f' class="flag" title="{_title(flags)}"' if flags else ""
        kind = _h(row.canonical or row.kind)
        if row.canonical:
            kind += f" <small>(written {_h(row.kind)})</small>"
        cells = []
        for column in columns:
            cell = row.cells.get(column.key, "")
            css = [cell[0]] if cell else []
            found = places.get((row.id, column.key), [])
            title = ""
            if found:
                css.append("flag")
                title = f' title="{_title(found)}"'
            attribute = f' class="{" ".join(css)}"' if css else ""
            cells.append(f"<td{attribute}{title}>{_h(cell)}</td>")
        lacking = ' class="lacking"' if badges else ""
        out.append(
            f'<tr{lacking}><th scope="row"{head}><code>{_h(row.id)}</code>{"".join(badges)}'
            f'{description}</th><td class="kind">{kind}</td>' + "".join(cells) + "</tr>"
        )
    out += ["</tbody>", "<tfoot>"]
    for code in ("R", "A"):
        totals = "".join(f"<td>{matrix.total(c, code)}</td>" for c in columns)
        out.append(f'<tr><th scope="row">{code} total</th><td></td>{totals}</tr>')
    out += ["</tfoot>", "</table>", "</div>"]
    return out


def _violations_table(violations: list[Violation]) -> list[str]:
    if not violations:
        return ['<p class="summary">No violations.</p>']
    out = [
        '<div class="scroll">',
        '<table class="violations">',
        '<thead><tr><th scope="col">Where</th><th scope="col">Severity</th>'
        '<th scope="col">Rule</th><th scope="col">Message</th></tr></thead>',
        "<tbody>",
    ]
    for v in violations:
        severity = v.severity if v.severity in ("error", "warning", "info") else "info"
        hint = f'<div class="hint">{_h(v.hint)}</div>' if v.hint else ""
        out.append(
            f'<tr class="{severity}"><td class="where"><code>{_h(v.path)}:{v.line}:{v.column}'
            f'</code></td><td class="severity">{_h(v.severity)}</td><td><code>{_h(v.code)}</code> '
            f"{_h(v.name)}</td><td>{_h(v.message)}{hint}</td></tr>"
        )
    out += ["</tbody>", "</table>", "</div>"]
    return out


def _counts(violations: list[Violation]) -> str:
    counts = [
        plural(sum(v.severity == severity for v in violations), severity)
        for severity in ("error", "warning", "info")
    ]
    return ", ".join(counts)


def _file_section(report: FileReport, number: int, heading: str) -> list[str]:
    matrix = report.matrix
    anchor = f"f{number}"
    out = [
        f'<p class="summary">{_h(_summary(matrix))}; {_h(_counts(report.violations))}; '
        "components in pipeline order (upstream first).</p>",
        f'<nav><a href="#{anchor}-matrix">Matrix</a><a href="#{anchor}-graph">Graph</a>'
        f'<a href="#{anchor}-violations">Violations ({len(report.violations)})</a></nav>',
        f'<{heading} id="{anchor}-matrix">Matrix</{heading}>',
        *_matrix_table(matrix, report.violations),
        '<p class="summary">Totals count the letters each column holds directly; '
        "a red frame marks a cell, component or person a violation is about (its code "
        "and message show on hover).</p>",
    ]
    if report.graph is not None:
        out += [
            f'<{heading} id="{anchor}-graph">Graph</{heading}>',
            '<div class="scroll graph">',
            render_svg(report.graph, standalone=False).rstrip("\n"),
            "</div>",
        ]
    out += [
        f'<{heading} id="{anchor}-violations">Violations</{heading}>',
        *_violations_table(report.violations),
    ]
    return out


class _Holder:
    """What one person holds across the files of a report."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.name = ""
        self.totals = dict.fromkeys(CODES.values(), 0)
        self.holds: list[tuple[str, str, str]] = []  # (file, component, letters)


def _people(files: list[FileReport]) -> list[_Holder]:
    """Every person of the files, by id; one pass over the cells of each."""
    holders: dict[str, _Holder] = {}
    for report in files:
        matrix = report.matrix
        mine: dict[str, _Holder] = {}
        for column in matrix.columns:
            if column.kind != "person":
                continue
            holder = holders.get(column.key)
            if holder is None:
                holder = holders[column.key] = _Holder(column.key)
            holder.name = holder.name or (column.name or "")
            mine[column.key] = holder
        for row in matrix.rows:
            for key, cell in row.cells.items():
                holder = mine.get(key)
                if holder is not None and cell:
                    holder.holds.append((matrix.path, row.id, cell))
                    for code in cell.split("/"):
                        holder.totals[code] += 1
    return sorted(
        holders.values(),
        key=lambda h: (-h.totals["A"], -h.totals["R"], h.key),
    )


def _people_table(files: list[FileReport]) -> list[str]:
    holders = _people(files)
    if not holders:
        return ['<p class="summary">No people.</p>']
    out = [
        '<div class="scroll">',
        '<table class="people">',
        '<thead><tr><th scope="col">Person</th>'
        + "".join(f'<th scope="col">{code}</th>' for code in CODES.values())
        + '<th scope="col">Holds</th></tr></thead>',
        "<tbody>",
    ]
    for holder in holders:
        overloaded = holder.totals["A"] > OVERLOAD
        label = _h(holder.name) + " " if holder.name else ""
        note = (
            f'<span class="missing" title="Accountable for {holder.totals["A"]} components, '
            f'more than {OVERLOAD}">overloaded</span>'
            if overloaded
            else ""
        )
        numbers = "".join(
            f'<td class="number{" accountable" if code == "A" else ""}">{count}</td>'
            for code, count in holder.totals.items()
        )
        holds = "".join(
            f"<li><code>{_h(path)}</code>: <code>{_h(component)}</code> {_h(letters)}</li>"
            for path, component, letters in holder.holds
        )
        css = ' class="overload"' if overloaded else ""
        out.append(
            f'<tr{css}><th scope="row">{label}<code>{_h(holder.key)}</code>{note}</th>'
            f'{numbers}<td><ul class="holds">{holds}</ul></td></tr>'
        )
    out += ["</tbody>", "</table>", "</div>"]
    return out


def _page(title: str, body: list[str]) -> str:
    style = f"\n{_CSS}"
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    policy = (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{title}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, *body, "</body>", "</html>"]) + "\n"


def _legend(matrices: list[Matrix]) -> list[str]:
    entries = {entry: None for matrix in matrices for entry in matrix.legend()}
    out = ["<dl>"]
    for code, word, meaning in entries:
        out.append(f"<dt>{code}</dt><dd>{word}: {meaning}</dd>")
    out.append("</dl>")
    return out


def render_html(
    matrix: Matrix, graph: Graph | None = None, violations: Iterable[Violation] = ()
) -> str:
    """One self-contained page: the matrix, the pipeline graph (when given) as
    inline SVG, and the violations; no script, no request, every text escaped."""
    report = FileReport(matrix, graph, list(violations))
    body = [
        f"<h1>RACI matrix of <code>{_h(matrix.path)}</code></h1>",
        *_file_section(report, 1, "h2"),
        "<h2>Letters</h2>",
        *_legend([matrix]),
    ]
    return _page(f"RACI matrix of {_h(matrix.path)}", body)


def render_report(files: list[FileReport], title: str) -> str:
    """One page for several ownership files (a repository): each file's
    section, then what each person holds across all of them, most
    Accountable first; overload (more than :data:`OVERLOAD`) is marked."""
    components = sum(len(report.matrix.rows) for report in files)
    violations = [v for report in files for v in report.violations]
    body = [
        f"<h1>RACI report of <code>{_h(title)}</code></h1>",
        f'<p class="summary">{_h(plural(len(files), "ownership file"))}, '
        f"{_h(plural(components, 'component'))}; {_h(_counts(violations))}.</p>",
        "<nav>"
        + "".join(
            f'<a href="#f{number}"><code>{_h(report.matrix.path)}</code></a>'
            for number, report in enumerate(files, 1)
        )
        + '<a href="#people">People</a></nav>',
    ]
    for number, report in enumerate(files, 1):
        body.append(f'<h2 id="f{number}"><code>{_h(report.matrix.path)}</code></h2>')
        body.extend(_file_section(report, number, "h3"))
    body += [
        '<h2 id="people">People</h2>',
        f'<p class="summary">What each person holds across {_h(plural(len(files), "file"))}, '
        f"most Accountable first; more than {OVERLOAD} Accountable components is overload "
        "(the default limit of ORG001).</p>",
        *_people_table(files),
        "<h2>Letters</h2>",
        *_legend([report.matrix for report in files]),
    ]
    return _page(f"RACI report of {_h(title)}", body)


# -- csv


def render_csv(matrix: Matrix) -> str:
    """`component`, `kind`, then one column per person or team: what `import` reads."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["component", "kind", *(csv_header(c) for c in matrix.columns)])
    for row in matrix.rows:
        cells = (row.cells.get(c.key, "") for c in matrix.columns)
        writer.writerow([csv_text(row.id), csv_text(row.kind), *cells])
    return buffer.getvalue()


# What a spreadsheet reads as the start of a formula (OWASP's list).
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """A repository string as a CSV cell: one line, never a formula.

    Line breaks and other unprintable characters are escaped (`neutralize`),
    and a text a spreadsheet would run as a formula (`=HYPERLINK(...)`)
    starts with a quote, which spreadsheets show and never evaluate.
    """
    text = neutralize(text)
    return f"'{text}" if text.startswith(_FORMULA) else text
