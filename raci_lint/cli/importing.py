"""`raci-lint import`: start a raci.yaml from a RACI table or a CODEOWNERS file."""

from __future__ import annotations

import os
from pathlib import Path

import click

from raci_lint.adapters.importer import (
    Imported,
    ImportFailure,
    import_codeowners,
    import_csv,
    import_markdown,
    rewrite_codeowners,
)
from raci_lint.adapters.sources import FROM_SOURCES, sources_reader
from raci_lint.cli.output import EXIT_ERROR, EXIT_OK, error_line, errors, say, write
from raci_lint.engine.lint import lint_text, settings_for
from raci_lint.engine.repository import codeowners_target, load_models, ownership_files
from raci_lint.model.codeowners import file_owners, generate
from raci_lint.reading.files import (
    UnreadablePath,
    is_link,
    os_reason,
    read_file,
    read_input,
)
from raci_lint.reading.loader import Limits
from raci_lint.reading.repository import Repository, repository_root
from raci_lint.settings.options import Overrides
from raci_lint.settings.resolver import Settings
from raci_lint.wording import UnusableInput, display_path, plural
from raci_lint.writing import write_atomic

__all__ = ["import_command"]

READERS = {"csv": import_csv, "codeowners": import_codeowners, "markdown": import_markdown}
# The folders GitHub looks for CODEOWNERS in, below the repository's root.
_CODEOWNERS_FOLDERS = (".github", "docs")


def _format_of(file: str) -> str | None:
    """The format a file's name says: `.md` markdown, `.csv`/`.tsv` CSV, CODEOWNERS."""
    name = Path(file).name.lower()
    if name.endswith((".md", ".markdown")):
        return "markdown"
    if name.endswith((".csv", ".tsv", ".txt")):
        return "csv"
    if name == "codeowners":
        return "codeowners"
    return None


@click.command("import")
@click.option(
    "--from",
    "source_format",
    type=click.Choice([*READERS, *FROM_SOURCES]),
    help="What FILE is: a RACI spreadsheet exported as CSV, a markdown RACI table, a "
    "CODEOWNERS file (default: from FILE's name: .md, .csv, CODEOWNERS), or a repository "
    "folder whose dbt, Dagster or Backstage files declare owners.",
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
@click.option(
    "--repo-root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The repository the paths are relative to (default: the git top level of the "
    "CODEOWNERS file, or of --output; else the folder CODEOWNERS serves).",
)
@click.option(
    "--migrate",
    is_flag=True,
    help="With --from codeowners and --output: also rewrite FILE in place, its imported "
    "rules replaced by the generated raci-lint block, every file keeping its owners.",
)
def import_command(
    source_format: str | None,
    file: str,
    output: Path | None,
    force: bool,
    taxonomy_path: Path | None,
    repo_root: Path | None,
    migrate: bool,
) -> int:
    """Start a raci.yaml from a RACI table (CSV or markdown) or a CODEOWNERS file.

    Prints a commented ownership file made from FILE ('-' reads stdin), or
    writes it to --output.

    \b
    --from csv: a `component` column (or `task`, `activity`, `work item`,
      `deliverable`, `step`, `process`), an optional `kind` column (else the
      kind is guessed from the name, marked `# TODO: check kind` when
      unsure) and `description` column, then one column per person, whose
      header becomes the person's id and name (`Jane Doe` -> jane-doe; a
      `team:` header, or one like `Data Engineering`, makes a team). Cells
      hold R, A, C, I or S, or several (`A/R`, `r,a`, `a r`), blank or `-`
      for none. Columns without letters (`phase`, `notes`) become tags or
      the description. Or the other layout: `Responsible`, `Accountable`,
      `Consulted`, `Informed` columns whose cells name people or teams.
      Comma, semicolon or tab, a UTF-8 BOM, CRLF, empty rows and columns
      and a title row above the header are all fine.
    --from markdown: the first pipe table of a markdown file that reads as
      such a spreadsheet; `**R/A**` emphasis is ignored.
    --from codeowners: each rule becomes a component with its pattern in
      `paths`; owners are Responsible (`@org/team` a team, `@user` a
      person, an email address a person with that `email`), the first owner
      Accountable when it is a person. A rule without owners becomes an
      `unowned: true` component. Negations and GitLab sections become
      comments. With --migrate, FILE is rewritten too: the rules imported
      are replaced by the generated block, the other lines kept, after
      checking that every file of the repository keeps its owners.
    --from dbt|dagster|backstage: FILE is a folder of a repository; the
      owners its dbt files (models, exposures, groups), Dagster `owners=`
      or Backstage `spec.owner` declare become people and teams, one
      component per folder of owned things, their owners Responsible.

    The output passes `raci-lint check` without SYN violations; what check
    still reports (disciplines, kinds, Accountables) is left to fill in, and
    the last line says how much. Exit 2, with one line on stderr, when FILE
    cannot be read or imported, or --output exists and --force is not given.
    """
    source_format = source_format or _format_of(file)
    if source_format is None:
        error_line(
            f"{display_path(file) if file != '-' else '<stdin>'}: say what it is with "
            "--from csv, --from markdown or --from codeowners"
        )
        return EXIT_ERROR
    target = display_path(output) if output is not None else None
    if migrate:
        refusal = _migrate_refusal(source_format, file, output)
        if refusal is not None:
            error_line(refusal)
            return EXIT_ERROR
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
    root = repo_root or _default_root(file if source_format == "codeowners" else None, output)
    try:
        settings = settings_for(Overrides(taxonomy=taxonomy_path, repo_root=root))
        options = settings.options_for(output if output is not None else Path("raci.yaml"))
    except UnusableInput as error:
        return errors(error.messages)
    assert options.taxonomy is not None
    reader = (
        sources_reader(source_format, Path(file))
        if source_format in FROM_SOURCES
        else READERS[source_format]
    )
    try:
        imported = reader(data, shown, options.taxonomy)
    except ImportFailure as error:
        error_line(str(error))
        return EXIT_ERROR
    if migrate:
        assert isinstance(imported, Imported)  # --migrate is refused for any other --from
        refusal = _layout_refusal(imported, shown)
        if refusal is not None:
            error_line(refusal)
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
    for warning in imported.warnings if isinstance(imported, Imported) else ():
        say(f"raci-lint: warning: {warning}", err=True)
    previous: bytes | None = None  # what a failed migration puts back
    if output is not None:
        if migrate and output.is_file():
            try:
                previous = read_file(output, Limits())
            except UnreadablePath as error:
                error_line(str(error))
                return EXIT_ERROR
            if previous is None:
                error_line(f"{target}: too large to overwrite safely with --migrate")
                return EXIT_ERROR
        try:
            write_atomic(output, text)
        except OSError as error:
            error_line(f"{target}: cannot write: {os_reason(error)}")
            return EXIT_ERROR
    else:
        write(text)
    count = len(report.violations)
    found = plural(count, "thing") if count else "nothing"
    flag = _root_flag(root, output)
    if target:
        where = f"run `raci-lint check {target}{flag}`"
    else:
        where = f"run `raci-lint check FILE{flag}` on it" if flag else "run it on the file"
    say(
        f"Imported {imported.summary()}; raci-lint check finds {found} to fill in ({where}).",
        err=output is None,
    )
    if not migrate:
        return EXIT_OK
    assert output is not None and isinstance(imported, Imported)
    status = _migrate(Path(file), imported, data, output, root, settings)
    if status != EXIT_OK:
        _restore(output, previous)
    return status


def _migrate_refusal(source_format: str, file: str, output: Path | None) -> str | None:
    if source_format != "codeowners":
        return "--migrate rewrites a CODEOWNERS file; use it with --from codeowners"
    if file == "-":
        return "--migrate rewrites FILE in place; name the CODEOWNERS file, not stdin"
    if output is None:
        return "--migrate needs --output: the ownership file the new CODEOWNERS block comes from"
    if is_link(Path(file)):
        return f"{display_path(file)} is a symbolic link; raci-lint never writes through one"
    return None


def _layout_refusal(imported: Imported, shown: str) -> str | None:
    migration = imported.migration
    assert migration is not None
    if migration.section is not None:
        return (
            f"{shown}:{migration.section}: GitLab sections combine the owners of several "
            "rules, which one raci-lint block cannot say; import without --migrate"
        )
    if migration.block is not None:
        return (
            f"{shown}:{migration.block}: the file has a raci-lint block already; run "
            "`raci-lint codeowners --write` to update it"
        )
    return None


def _default_root(codeowners: str | None, output: Path | None) -> Path:
    """The repository the imported paths are relative to.

    A CODEOWNERS file's own repository: its git top level, else the folder
    it serves (the parent of `.github/` or `docs/`). Else the repository of
    the output file (or of the working folder).
    """
    if codeowners is not None and codeowners != "-":
        folder = Path(codeowners).resolve().parent
        found = repository_root(folder)
        if found is not None:
            return found
        return folder.parent if folder.name in _CODEOWNERS_FOLDERS else folder
    folder = (output.parent if output is not None else Path()).resolve()
    return repository_root(folder) or folder


def _root_flag(root: Path, output: Path | None) -> str:
    """` --repo-root R` when `check` on the output would not find that root itself."""
    folder = (output.parent if output is not None else Path()).resolve()
    default = repository_root(folder) or folder
    if default == root.resolve():
        return ""
    shown = display_path(root) or "."
    return f" --repo-root {shown}"


def _restore(output: Path, previous: bytes | None) -> None:
    """Undo the ownership file a failed migration wrote."""
    try:
        if previous is None:
            output.unlink()
        else:
            write_atomic(output, previous.decode("utf-8", "surrogateescape"))
    except OSError as error:
        error_line(f"{display_path(output)}: cannot undo the write: {os_reason(error)}")


def _migrate(
    codeowners: Path, imported: Imported, data: bytes, output: Path, root: Path, settings: Settings
) -> int:
    """Rewrite the CODEOWNERS file: its imported rules become the generated block."""
    shown = display_path(codeowners)
    migration = imported.migration
    assert migration is not None
    try:
        files = ownership_files(Path(), settings)
        named = os.path.realpath(output) not in {os.path.realpath(path) for path in files}
        if named:
            files.append(output)
        models, problems = load_models(files, settings)
    except UnusableInput as error:
        return errors(error.messages)
    if problems:
        return errors(problems)
    text = data.decode("utf-8-sig", "replace")
    generated = generate(models)
    for skipped in generated.skipped:
        say(f"raci-lint: warning: {skipped}", err=True)
    updated = rewrite_codeowners(text, migration, generated.block)
    tree = Repository(root).tree
    if not tree.paths:
        return errors(
            [
                f"--migrate checks that every file of the repository keeps its owners, and "
                f"{display_path(root) or '.'} has none that git tracks: `git add` them first; "
                f"neither {shown} nor {display_path(output)} was written"
            ]
        )
    before, after = file_owners(text, tree), file_owners(updated, tree)
    changed = sorted(path for path in tree.paths if before.get(path) != after.get(path))
    if changed:
        first = changed[0]
        return errors(
            [
                f"--migrate would change the owners of {plural(len(changed), 'file')} (first "
                f"{first}: {_owners(before.get(first))} before, {_owners(after.get(first))} "
                f"after); neither {shown} nor {display_path(output)} was written"
            ]
        )
    try:
        write_atomic(codeowners, updated, replace_link=False)
    except OSError as error:
        error_line(f"{shown}: cannot write: {os_reason(error)}")
        return EXIT_ERROR
    kept = sum(1 for line in text.split("\n") if line.strip(" \t\r")) - len(
        migration.rules | migration.comments
    )
    check = f"raci-lint codeowners --check {shown}"
    try:
        default = codeowners_target(root, settings.config_for(output).codeowners)
        if os.path.realpath(default) == os.path.realpath(codeowners):
            check = "raci-lint codeowners --check"
    except UnreadablePath:
        pass
    if named:
        check = check.replace("codeowners ", f"codeowners {display_path(output)} ", 1)
    say(
        f"Migrated {shown}: {plural(len(migration.rules), 'rule')} replaced by the raci-lint "
        f"block, {plural(kept, 'other line')} kept; each of the {plural(len(tree.paths), 'file')} "
        f"of the repository keeps its owners (check it with `{check}`)."
    )
    return EXIT_OK


def _owners(owners: frozenset[str] | None) -> str:
    if owners is None:
        return "no rule"
    return " ".join(sorted(owners)) or "no owner"
