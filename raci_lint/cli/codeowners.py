"""`raci-lint codeowners`: the CODEOWNERS lines of the components, printed, written or checked."""

from __future__ import annotations

import difflib
from pathlib import Path

import click

from raci_lint.cli.options import UsageError
from raci_lint.cli.output import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS, error_line, errors, write
from raci_lint.engine.lint import settings_for
from raci_lint.engine.repository import load_models, ownership_files
from raci_lint.model.codeowners import (
    current_block,
    default_codeowners_path,
    generate,
    replace_block,
)
from raci_lint.reading.files import MISSING, Unreadable, os_reason, read_bytes, why_unreadable
from raci_lint.reading.repository import repository_root
from raci_lint.settings.config import ConfigError
from raci_lint.settings.options import Overrides
from raci_lint.taxonomy.files import TaxonomyError
from raci_lint.wording import display_path
from raci_lint.writing import write_atomic

__all__ = ["codeowners_command"]


@click.command("codeowners")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--check",
    "check_path",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[PATH]",
    help="Exit 1 with a diff when the raci-lint block of this CODEOWNERS file is stale.",
)
@click.option(
    "--write",
    "write_path",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[PATH]",
    help="Replace the raci-lint block of this CODEOWNERS file (added when absent).",
)
@click.option(
    "--repo-root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The repository's root (default: the git top level, else the current folder).",
)
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
def codeowners_command(
    files: tuple[Path, ...],
    check_path: str | None,
    write_path: str | None,
    repo_root: Path | None,
    config_path: Path | None,
    isolated: bool,
) -> int:
    """Generate CODEOWNERS lines from the components' paths and R/A owners.

    FILES default to the ownership files found under the current folder.
    Without --check or --write, print the block. PATH defaults to the
    configuration's `codeowners`, else the first of .github/CODEOWNERS,
    CODEOWNERS, docs/CODEOWNERS that exists.
    """
    if check_path is not None and write_path is not None:
        raise UsageError("--check and --write cannot be used together")
    settings = settings_for(Overrides(config=config_path, isolated=isolated, repo_root=repo_root))
    try:
        paths = list(files) or ownership_files(Path(), settings)
        models, problems = load_models(paths, settings)
        configured = settings.config_for(Path("raci.yaml")).codeowners
    except (ConfigError, TaxonomyError) as error:
        return errors(error.messages)
    if problems:
        return errors(problems)
    generated = generate(models)
    for skipped in generated.skipped:
        write(f"raci-lint: warning: {skipped}\n", err=True)
    if check_path is None and write_path is None:
        write(generated.block)
        return EXIT_OK
    root = repo_root or repository_root(Path()) or Path()
    chosen = check_path if check_path is not None else write_path
    target = Path(chosen) if chosen else default_codeowners_path(root, configured)
    shown = display_path(target)
    try:
        missing = why_unreadable(target) == MISSING
        text = "" if missing else read_bytes(target).decode("utf-8")
    except Unreadable as error:
        error_line(f"{shown}: cannot read: {error.reason}")
        return EXIT_ERROR
    except UnicodeDecodeError as error:
        error_line(f"{shown}: cannot read: {error}")
        return EXIT_ERROR
    if check_path is not None:
        current = current_block(text)
        if current == generated.block:
            write(f"{shown} is up to date.\n")
            return EXIT_OK
        if missing:
            write(f"{shown} does not exist; create it with `raci-lint codeowners --write`.\n")
        else:
            write(unified_diff(shown, current or "", generated.block))
            write(f"{shown} is out of date; run `raci-lint codeowners --write`.\n")
        return EXIT_VIOLATIONS
    updated = replace_block(text, generated.block)
    if updated == text:
        write(f"{shown} is up to date.\n")
        return EXIT_OK
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, updated)
    except OSError as error:
        error_line(f"{shown}: cannot write: {os_reason(error)}")
        return EXIT_ERROR
    write(f"Updated {shown}.\n")
    return EXIT_OK


def unified_diff(path: str, old: str, new: str) -> str:
    """The change from the current block to the generated one, as `diff -u` shows it."""
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"{path} (current)",
            tofile=f"{path} (generated)",
        )
    )
