"""`raci-lint graph`: the pipeline of one ownership file as a graph."""

from __future__ import annotations

from pathlib import Path

import click

from raci_lint.adapters.graph import FORMATS, graph_of, render
from raci_lint.adapters.matrix import MatrixError, read_model
from raci_lint.cli.output import EXIT_ERROR, EXIT_OK, error_line, errors, say, write
from raci_lint.engine.lint import Run, lint_bytes, settings_for
from raci_lint.reading.files import UnreadablePath, read_input
from raci_lint.reading.loader import Limits
from raci_lint.settings.options import LintOptions, Overrides
from raci_lint.wording import UnusableInput, plural

__all__ = ["graph_command"]


@click.command("graph")
@click.argument("file", metavar="FILE")
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(FORMATS),
    default="mermaid",
    show_default=True,
    help="mermaid for a ```mermaid block of GitHub markdown, dot for Graphviz, "
    "svg for a picture (laid out by raci-lint itself).",
)
@click.option(
    "--repo-root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The repository's root, for the violations (default: the git top level, else the "
    "file's folder), as for `raci-lint check`.",
)
def graph_command(file: str, output_format: str, repo_root: Path | None) -> int:
    """Draw the pipeline of FILE along `depends_on`, upstream on the left.

    Each box shows a component, its kind and its Accountable, coloured by
    the Accountable's discipline (the first one listed); components with
    errors have a red border, and a legend says what the colours mean.
    `external:` dependencies and names that match no component are drawn
    as rounded boxes. Errors are those `raci-lint check FILE` reports, with
    the configuration that applies to FILE.

    Beyond 300 boxes (for mermaid, beyond 500 arrows or 50,000 characters,
    what Mermaid draws at most) the graph shows the first ones in pipeline
    order and says how many it left out. '-' reads the file from stdin. A file that
    cannot be read, does not parse as YAML, is empty or has another
    `version` cannot be drawn: one error line, exit 2.
    """
    try:
        shown, data = read_input(file, Limits())
    except UnreadablePath as error:
        error_line(str(error))
        return EXIT_ERROR
    location = None if file == "-" else Path(file)
    try:
        options = (
            LintOptions()
            if location is None
            else settings_for(Overrides(repo_root=repo_root)).options_for(location)
        )
    except UnusableInput as error:
        return errors(error.messages)
    run = Run()  # the model reads the rosters the lint read
    violations = lint_bytes(data, shown, options, location, run).violations
    try:
        model, problems = read_model(
            data, shown, location, options, what="graph", rosters=run.rosters
        )
    except MatrixError as error:
        error_line(f"{error}; run `raci-lint check` for details")
        return EXIT_ERROR
    if problems:
        say(
            f"raci-lint: warning: {shown}: {plural(len(problems), 'problem')} "
            f"({', '.join(sorted(set(problems)))}); the graph leaves out what the schema "
            f"rejects: run `raci-lint check {shown}`",
            err=True,
        )
    write(render(graph_of(model, violations, options.taxonomy), output_format))
    return EXIT_OK
