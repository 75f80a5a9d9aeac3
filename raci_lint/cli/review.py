"""`raci-lint diff` and `raci-lint who`: ownership as a reviewer reads it."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import click

from raci_lint.adapters.changes import compare
from raci_lint.adapters.changes_format import FORMATS, render
from raci_lint.adapters.who import render_json, render_text, who
from raci_lint.cli.options import UsageError
from raci_lint.cli.output import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS, error_line, errors, write
from raci_lint.engine.lint import settings_for
from raci_lint.engine.report import Report
from raci_lint.engine.repository import load_models, ownership_files
from raci_lint.engine.revision import at_revision, in_working_tree
from raci_lint.reading.repository import repository_root
from raci_lint.reading.revision import Revision, default_base
from raci_lint.settings.options import Overrides
from raci_lint.wording import UnusableInput, display_path, excerpt, neutralize, root_relative

__all__ = ["diff_command", "who_command"]

_REPO_ROOT = click.option(
    "--repo-root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The repository's root (default: the git top level of the current folder).",
)
_CONFIG = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this configuration file for every file.",
)
_ISOLATED = click.option("--isolated", is_flag=True, help="Ignore every configuration file.")


def _root(repo_root: Path | None) -> Path:
    here = Path.cwd()
    return repo_root or repository_root(here) or here


@click.command("diff")
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for a terminal; markdown for a pull-request comment or $GITHUB_STEP_SUMMARY.",
)
@click.option(
    "--graph",
    is_flag=True,
    help="With --format markdown: draw the changed part of the pipeline (Mermaid).",
)
@click.option(
    "--fail-on-new",
    is_flag=True,
    help="Exit 1 when the change introduces violations at or above the fail level.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    help="The fail level of --fail-on-new (default: each file's `fail-on`, else error).",
)
@_REPO_ROOT
@_CONFIG
@_ISOLATED
def diff_command(
    base: str | None,
    head: str | None,
    output_format: str,
    graph: bool,
    fail_on_new: bool,
    fail_on: str | None,
    repo_root: Path | None,
    config_path: Path | None,
    isolated: bool,
) -> int:
    """Show what a change does to ownership, between two git revisions.

    BASE defaults to the merge base with the default branch; HEAD to the
    working tree. Both take any revision git understands (a branch, a tag,
    a commit, HEAD~2). Nothing is checked out: revisions are read with git.
    """
    if graph and output_format != "markdown":
        raise UsageError("--graph draws in the markdown diff only; add --format markdown")
    # Two sides of millions of small objects live until the process ends: the
    # cyclic collector would walk them again and again for nothing (as in `lint`).
    gc.disable()
    root = _root(repo_root)
    settings = settings_for(
        Overrides(config=config_path, isolated=isolated, repo_root=repo_root, fail_on=fail_on)
    )
    try:
        if base is None:
            found = default_base(root)
            if found is None:
                return errors(
                    [
                        "no BASE given, and no default branch to take the merge base with "
                        "(origin/HEAD, origin/main, main...); name one: raci-lint diff main"
                    ]
                )
            commit, branch = found
            base_side = at_revision(Revision(root, commit), root, settings)
            base_side.name = f"merge base with {excerpt(branch, 60)} ({commit[:12]})"
        else:
            base_side = at_revision(Revision(root, base), root, settings)
        if head is None:
            head_side = in_working_tree(root, settings)
        else:
            head_side = at_revision(Revision(root, head), root, settings)
    except UnusableInput as error:
        return errors(error.messages)
    for message in base_side.report.errors + head_side.report.errors:
        error_line(message)
    changes = compare(base_side, head_side)
    report = Report()
    if repo_root is not None:
        report.root = os.fspath(repo_root)
    write(
        render(
            changes,
            output_format,
            report.repo_path,
            graph=graph,
            taxonomy=lambda path: settings.options_for(root / path).taxonomy,
        )
    )
    if base_side.report.errors or head_side.report.errors:
        return EXIT_ERROR
    if fail_on_new:
        introduced = Report(changes.introduced, fail_levels=head_side.report.fail_levels)
        return EXIT_VIOLATIONS if introduced.failing() else EXIT_OK
    return EXIT_OK


@click.command("who")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@_REPO_ROOT
@_CONFIG
@_ISOLATED
def who_command(
    paths: tuple[str, ...],
    output_format: str,
    repo_root: Path | None,
    config_path: Path | None,
    isolated: bool,
) -> int:
    """Which component owns each PATH, with its R/A/C/I and handles, and why.

    The last matching pattern wins, across components and ownership files,
    as GitHub reads the CODEOWNERS block `raci-lint codeowners` generates.
    A PATH need not exist.
    """
    root = _root(repo_root)
    settings = settings_for(Overrides(config=config_path, isolated=isolated, repo_root=repo_root))
    try:
        models, problems = load_models(ownership_files(root, settings), settings)
    except UnusableInput as error:
        return errors(error.messages)
    real_root = os.path.realpath(root)
    here = os.path.realpath(os.getcwd())
    relative: list[str] = []
    shown: dict[str, str] = {}
    folders: list[str] = []
    for path in paths:
        inside = root_relative(path, real_root, here)
        if os.path.isabs(inside) or inside.startswith("../") or inside in (".", ".."):
            problems.append(f"{path}: outside the repository root ({display_path(root) or '.'})")
            continue
        inside = inside.rstrip("/")
        relative.append(inside)
        shown[inside] = path
        # A folder (written with a slash, or one on disk that is no link).
        location = os.path.join(real_root, inside)
        if path.endswith("/") or (os.path.isdir(location) and not os.path.islink(location)):
            folders.append(inside)
    if not models and not problems:
        where = neutralize(display_path(root) or ".")
        write(f"raci-lint: warning: no ownership files found under {where}\n", err=True)
    for message in problems:
        error_line(message)
    answers = who(list(dict.fromkeys(relative)), models, folders)
    if output_format == "json":
        report = Report()
        report.root = os.fspath(root)
        write(render_json(answers, shown, report.repo_path))
    else:
        write(render_text(answers, shown))
    return EXIT_ERROR if problems else EXIT_OK
