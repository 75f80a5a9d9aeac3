"""`raci-lint sources`: what each reader of sources found, and where the ownership files put it."""

from __future__ import annotations

import json
from pathlib import Path

import click

from raci_lint.cli.output import EXIT_ERROR, EXIT_OK, error_line, errors, say, write
from raci_lint.engine.lint import settings_for
from raci_lint.engine.repository import load_models, ownership_files
from raci_lint.reading.repository import Repository, repository_root
from raci_lint.settings.options import SOURCES, Overrides
from raci_lint.sources.placing import Placement, place
from raci_lint.sources.reader import read_sources
from raci_lint.wording import UnusableInput, display_path, neutralize, neutralized, plural

__all__ = ["sources_command"]


@click.command("sources")
@click.argument(
    "folder", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option(
    "--source",
    "names",
    multiple=True,
    type=click.Choice(SOURCES),
    help="Read only this source (repeatable; default: the configuration's `sources`, else all).",
)
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--repo-root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The repository's root (default: the git top level, else FOLDER).",
)
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
def sources_command(
    folder: Path,
    names: tuple[str, ...],
    output_format: str,
    repo_root: Path | None,
    config_path: Path | None,
    isolated: bool,
) -> int:
    """List the owners that dbt, Dagster, Airflow, Backstage and CODEOWNERS declare.

    For each owned thing a source declares (a dbt model, exposure or group,
    a Dagster asset or job, an Airflow DAG, a Backstage entity, a CODEOWNERS
    rule): where its owner is written (file:line:column), the owner, and
    the component and person or team the ownership files of the repository
    give it. Files a reader cannot read are named on stderr. Nothing of the
    repository is imported or run. Exit 0, or 2 with one line on stderr
    for an unusable configuration.
    """
    try:
        settings = settings_for(
            Overrides(config=config_path, isolated=isolated, repo_root=repo_root)
        )
        options = settings.options_for(folder / "raci.yaml")
    except UnusableInput as error:
        return errors(error.messages)
    root = options.repo_root or repository_root(folder) or folder
    chosen = names or tuple(name for name in SOURCES if name in options.sources) or SOURCES
    repository = Repository(root)
    found = read_sources(repository.root, repository.tree, chosen, options.limits)
    try:
        models, problems = load_models(ownership_files(repository.root, settings), settings)
    except UnusableInput as error:
        return errors(error.messages)
    for problem in problems:
        error_line(problem)
    for problem in found.problems:
        say(f"raci-lint: warning: {problem}", err=True)
    placed = place(found.declared, models, repository.tree, options.sources)
    if output_format == "json":
        write(_json(placed, found.problems))
    else:
        write("".join(_line(repository.root, entry) for entry in placed))
        say(_summary(placed, chosen))
    return EXIT_ERROR if problems and not models else EXIT_OK


def _who(entry: Placement) -> str:
    where = "under no component" if entry.component is None else f"component '{entry.component.id}'"
    if entry.declared.owner is None:
        return f"no owner, {where}"
    if entry.component is None:
        return f"owner '{entry.declared.owner}', {where}"
    holder = entry.holder
    who = "unknown" if holder is None else f"{'team' if holder.team else 'person'} '{holder.id}'"
    return f"owner '{entry.declared.owner}' -> {who}, component '{entry.component.id}'"


def _line(root: Path, entry: Placement) -> str:
    declared = entry.declared
    at = f"{display_path(root / declared.path)}:{declared.position.line}:{declared.position.column}"
    return (
        neutralize(f"{at}: {declared.source} {declared.kind} '{declared.name}': {_who(entry)}")
        + "\n"
    )


def _summary(placed: list[Placement], chosen: tuple[str, ...]) -> str:
    owned = [entry for entry in placed if entry.declared.owner is not None]
    unknown = sum(1 for entry in owned if entry.component is not None and entry.holder is None)
    outside = sum(1 for entry in placed if entry.component is None)
    return (
        f"Found {plural(len(owned), 'owner')} and {plural(len(placed) - len(owned), 'thing')} "
        f"without one in {plural(len(chosen), 'source')} ({', '.join(chosen)}); "
        f"{unknown} unknown to the ownership files, {outside} under no component."
    )


def _json(placed: list[Placement], problems: list[str]) -> str:
    rows = []
    for entry in placed:
        declared, holder = entry.declared, entry.holder
        position = declared.position
        rows.append(
            {
                "source": declared.source,
                "kind": declared.kind,
                "name": declared.name,
                "path": declared.path,
                "line": position.line,
                "column": position.column,
                "end_line": position.end_line,
                "end_column": position.end_column,
                "owner": declared.owner,
                "also": declared.also,
                "owned": declared.owned,
                "ownership_file": entry.model,
                "component": entry.component.id if entry.component else None,
                "holder": (
                    None
                    if holder is None
                    else {"kind": "team" if holder.team else "person", "id": holder.id}
                ),
            }
        )
    data = neutralized({"found": rows, "problems": problems})
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
