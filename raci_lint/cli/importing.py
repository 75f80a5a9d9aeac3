"""`raci-lint import`: start a raci.yaml from a RACI spreadsheet or a CODEOWNERS file."""

from __future__ import annotations

from pathlib import Path

import click

from raci_lint.adapters.importer import ImportFailure, import_codeowners, import_csv
from raci_lint.adapters.sources import FROM_SOURCES, sources_reader
from raci_lint.cli.output import EXIT_ERROR, EXIT_OK, error_line, errors, say, write
from raci_lint.engine.lint import lint_text, settings_for
from raci_lint.reading.files import UnreadablePath, os_reason, read_input
from raci_lint.reading.loader import Limits
from raci_lint.settings.options import Overrides
from raci_lint.wording import UnusableInput, display_path, plural
from raci_lint.writing import write_atomic

__all__ = ["import_command"]


@click.command("import")
@click.option(
    "--from",
    "source_format",
    type=click.Choice(["csv", "codeowners", *FROM_SOURCES]),
    required=True,
    help="What FILE is: a RACI spreadsheet exported as CSV, a CODEOWNERS file, or a "
    "repository folder whose dbt, Dagster or Backstage files declare owners.",
)
@click.argument("file", metavar="FILE")
@click.option(
    "--output",
    "-o",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the raci.yaml here (atomically) instead of to stdout.",
)
@click.option("--force", is_flag=True, help="Overwrite the --output file if it exists.")
@click.option(
    "--taxonomy",
    "taxonomy_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Guess kinds from this taxonomy (default: the configuration's, else the built-in one).",
)
def import_command(
    source_format: str, file: str, output: Path | None, force: bool, taxonomy_path: Path | None
) -> int:
    """Start a raci.yaml from a RACI spreadsheet (CSV) or a CODEOWNERS file.

    Prints a commented ownership file made from FILE ('-' reads stdin), or
    writes it to --output.

    \b
    --from csv: a `component` column, an optional `kind` column (else the
      kind is guessed from the name, marked `# TODO: check kind` when
      unsure) and `description` column, then one column per person, whose
      header becomes the person's id and name (`Jane Doe` -> jane-doe; a
      `team:` header makes a team). Cells hold R, A, C, I or S, or several
      (`A/R`, `r,a`, `a r`), blank or `-` for none. Comma, semicolon or tab,
      a UTF-8 BOM, CRLF, empty rows and columns and a title row above the
      header are all fine.
    --from codeowners: each rule becomes a component with its pattern in
      `paths`; owners are Responsible (`@org/team` a team, `@user` a
      person), the first owner Accountable when it is a person. Email
      owners, negations and GitLab sections become comments.
    --from dbt|dagster|backstage: FILE is a folder of a repository; the
      owners its dbt files (models, exposures, groups), Dagster `owners=`
      or Backstage `spec.owner` declare become people and teams, one
      component per folder of owned things, their owners Responsible.

    The output passes `raci-lint check` without SYN violations; what check
    still reports (disciplines, kinds, Accountables) is left to fill in, and
    the last line says how much. Exit 2, with one line on stderr, when FILE
    cannot be read or imported, or --output exists and --force is not given.
    """
    target = display_path(output) if output is not None else None
    if output is not None:
        if output.is_dir():
            error_line(f"{target}: is a folder; --output names the file to write")
            return EXIT_ERROR
        # A dangling link exists too: writing would create its target elsewhere.
        if (output.exists() or output.is_symlink()) and not force:
            error_line(f"{target} already exists; use --force to overwrite it")
            return EXIT_ERROR
    try:
        shown, data = (file, b"") if source_format in FROM_SOURCES else read_input(file, Limits())
    except UnreadablePath as error:
        error_line(str(error))
        return EXIT_ERROR
    try:
        settings = settings_for(Overrides(taxonomy=taxonomy_path))
        options = settings.options_for(output if output is not None else Path("raci.yaml"))
    except UnusableInput as error:
        return errors(error.messages)
    assert options.taxonomy is not None
    reader = import_csv if source_format == "csv" else import_codeowners
    if source_format in FROM_SOURCES:
        reader = sources_reader(source_format, Path(file))  # type: ignore[assignment]
    try:
        imported = reader(data, shown, options.taxonomy)
    except ImportFailure as error:
        error_line(str(error))
        return EXIT_ERROR
    text = imported.to_yaml()
    report = lint_text(text, target or "raci.yaml", options)
    broken = [v for v in report.violations if v.code.startswith("SYN")]
    if broken:
        first = broken[0]
        error_line(
            f"internal error: the imported file breaks the format ({first.code} at "
            f"{first.line}:{first.column}: {first.message}); please report it"
        )
        return EXIT_ERROR
    if output is not None:
        try:
            write_atomic(output, text)
        except OSError as error:
            error_line(f"{target}: cannot write: {os_reason(error)}")
            return EXIT_ERROR
    else:
        write(text)
    count = len(report.violations)
    found = plural(count, "thing") if count else "nothing"
    where = f"run `raci-lint check {target}`" if target else "run it on the file"
    say(
        f"Imported {imported.summary()}; raci-lint check finds {found} to fill in ({where}).",
        err=output is None,
    )
    return EXIT_OK
