"""`raci-lint matrix`: render the RACI matrix of one ownership file."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click

from raci_lint.adapters.graph import graph_of
from raci_lint.adapters.matrix import (
    FileReport,
    MatrixError,
    build_matrix,
    read_matrix,
    read_model,
    render,
    render_html,
    render_report,
)
from raci_lint.cli.output import EXIT_ERROR, EXIT_OK, error_line, errors, say, use_color, write
from raci_lint.engine.lint import Run, files_to_check, lint_bytes, settings_for
from raci_lint.model.ownership import Model
from raci_lint.reading.files import UnreadablePath, read_input
from raci_lint.reading.loader import Limits
from raci_lint.settings.options import LintOptions, Overrides
from raci_lint.settings.resolver import Settings
from raci_lint.wording import UnusableInput, display_path, plural

__all__ = ["matrix_command", "terminal_width"]


def terminal_width() -> int:
    """COLUMNS when set, else the terminal's width; no limit when not writing to one."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    isatty = getattr(sys.stdout, "isatty", None)
    if isatty and isatty():
        return shutil.get_terminal_size((80, 24)).columns
    return 1_000_000


@click.command("matrix")
@click.argument("file", metavar="FILE")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "html", "csv"]),
    default="text",
    show_default=True,
    help="text for a terminal, markdown for a GitHub page, html for a report to open "
    "(one self-contained page), csv for a spreadsheet (and `raci-lint import --from csv`).",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text format; auto colours a terminal unless NO_COLOR is set.",
)
@click.option(
    "--repo-root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The repository's root, for the violations of html (default: the git top level, else the "
    "file's folder), as for `raci-lint check`.",
)
def matrix_command(file: str, output_format: str, color: str, repo_root: Path | None) -> int:
    """Render the RACI matrix of FILE: components by people.

    Components are rows, in pipeline order (upstream first along
    `depends_on`, ties and cycles by id); every person, and every team that
    holds letters, is a column; cells hold the letters (`A/R`, `C`, ...),
    and the last rows count each column's R and A, so overload shows.

    text fits the terminal (COLUMNS): long ids are abbreviated and spelled
    out in a key below, and people who do not fit go to a second table; it
    is coloured on a terminal unless NO_COLOR is set (--color always
    overrides both). csv has exactly the columns `raci-lint import --from
    csv` reads, headed by the id (or by the name when it makes the id), so
    the two round-trip.

    html is a report to open in a browser: the matrix (a missing Accountable
    or Responsible highlighted, the cells violations are about framed, with
    their code and message on hover), the pipeline graph and the list of
    violations (as `raci-lint check` finds them, with the configuration of
    the file). It is one file: no script, no request, a strict
    Content-Security-Policy. With --format html, FILE may be a folder:
    every ownership file found below it (as `raci-lint check FOLDER` finds
    them) in one report, then what each person holds across all of them.

    '-' reads the file from stdin. A file that cannot be read, does not
    parse as YAML, is empty or has another `version` cannot be rendered:
    one error line, exit 2. A file that parses but breaks the schema is
    rendered without what the schema rejects, with a warning on stderr
    (run `raci-lint check` for the details); exit 0.
    """
    if output_format == "html":
        return _html(file, repo_root)
    try:
        shown, data = read_input(file, Limits())
    except UnreadablePath as error:
        error_line(str(error))
        return EXIT_ERROR
    try:
        matrix = read_matrix(data, shown, None if file == "-" else Path(file))
    except MatrixError as error:
        error_line(f"{error}; run `raci-lint check` for details")
        return EXIT_ERROR
    _warn(shown, matrix.problems)
    width = terminal_width()
    colored = output_format == "text" and use_color(color)
    write(render(matrix, output_format, color=colored, width=width))
    return EXIT_OK


def _warn(shown: str, problems: list[str]) -> None:
    if problems:
        codes = ", ".join(sorted(set(problems)))
        count = len(problems)
        say(
            f"raci-lint: warning: {shown}: {plural(count, 'problem')} ({codes}); "
            f"the matrix leaves out what {'they break' if count != 1 else 'it breaks'}: "
            f"run `raci-lint check {shown}`",
            err=True,
        )


def _html(file: str, repo_root: Path | None) -> int:
    """The HTML report of a file, or of every ownership file of a folder."""
    folder = file != "-" and os.path.isdir(file)
    try:
        settings = settings_for(Overrides(repo_root=repo_root))
        if folder:
            found, problems = files_to_check([file], settings)
            if problems:
                return errors(problems)
            if not found:
                error_line(f"{file}: no ownership file found in this folder")
                return EXIT_ERROR
        else:
            found = [file]
        reports = []
        run = Run()  # an included roster is read once for every file
        for path in found:
            report = _file_report(str(path), settings, run, in_folder=folder)
            if report is None:
                return EXIT_ERROR
            reports.append(report)
    except UnusableInput as error:
        return errors(error.messages)
    if folder:
        write(render_report(reports, display_path(Path(file)) or "."))
    else:
        report = reports[0]
        write(render_html(report.matrix, report.graph, report.violations))
    return EXIT_OK


def _file_report(
    file: str, settings: Settings, run: Run, *, in_folder: bool = False
) -> FileReport | None:
    """The report of one file; None (said on stderr) when it cannot be drawn.

    In a folder's report, a file that does not read as an ownership file is
    shown by its violations alone, and the others are drawn as usual.
    """
    try:
        shown, data = read_input(file, Limits())
    except UnreadablePath as error:
        error_line(str(error))
        return None
    location = None if file == "-" else Path(file)
    options = LintOptions() if location is None else settings.options_for(location)
    violations = lint_bytes(data, shown, options, location, run).violations
    try:
        model, problems = read_model(data, shown, location, options, rosters=run.rosters)
    except MatrixError as error:
        if not in_folder:
            error_line(f"{error}; run `raci-lint check` for details")
            return None
        say(f"raci-lint: warning: {error}; the report shows its violations only", err=True)
        model, problems = Model(shown), []
    _warn(shown, problems)
    taxonomy = options.taxonomy
    return FileReport(
        build_matrix(model, taxonomy), graph_of(model, violations, taxonomy), violations
    )
