"""`raci-lint codeowners`: the CODEOWNERS lines of the components, printed, written or checked."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import click

from raci_lint.cli.options import UsageError
from raci_lint.cli.output import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_VIOLATIONS,
    error_line,
    errors,
    say,
    write,
)
from raci_lint.engine.lint import settings_for
from raci_lint.engine.repository import codeowners_target, load_models, ownership_files
from raci_lint.model.codeowners import (
    BlockError,
    block_problem,
    current_block,
    generate,
    lines_of,
    replace_block,
)
from raci_lint.reading.files import (
    MISSING,
    Unreadable,
    UnreadablePath,
    is_link,
    os_reason,
    over_limit,
    read_bytes,
    why_unreadable,
)
from raci_lint.reading.repository import repository_root
from raci_lint.settings.options import Overrides
from raci_lint.wording import UnusableInput, display_path, neutralize
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
    read: set[str] = set()
    try:
        paths = list(files) or ownership_files(Path(), settings)
        models, problems = load_models(paths, settings, read)
        config = settings.config_for(Path("raci.yaml"))
    except UnusableInput as error:
        return errors(error.messages)
    if problems:
        return errors(problems)
    generated = generate(models)
    for skipped in generated.skipped:
        say(f"raci-lint: warning: {skipped}", err=True)
    if check_path is None and write_path is None:
        write(generated.block)
        return EXIT_OK
    root = repo_root or repository_root(Path()) or Path()
    option = "--check" if check_path is not None else "--write"
    named = check_path if check_path is not None else write_path
    try:
        target = Path(named) if named else codeowners_target(root, config.codeowners)
    except UnreadablePath as error:
        return errors([str(error)])
    shown = display_path(target)
    refusal = _refusal(target, option, read | settings.read)
    if refusal is not None:
        return errors([refusal])
    limit = config.limits.max_file_size
    try:
        missing = why_unreadable(target) == MISSING
        raw = b"" if missing else read_bytes(target, limit)
        if len(raw) > limit:
            return errors([over_limit(shown, limit)])
        text = raw.decode("utf-8")
    except Unreadable as error:
        return errors([f"{shown}: cannot read: {error.reason}"])
    except UnicodeDecodeError as error:
        return errors([f"{shown}: cannot read: {error}"])
    if check_path is not None:
        return _check(shown, text, generated.block, missing)
    try:
        updated = replace_block(text, generated.block)
    except BlockError as error:
        return errors([f"{shown}: {error}"])
    if updated == text:
        say(f"{shown} is up to date.")
        return EXIT_OK
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # A committed CODEOWNERS link would carry the block wherever it points.
        write_atomic(target, updated, replace_link=False)
    except OSError as error:
        error_line(f"{shown}: cannot write: {os_reason(error)}")
        return EXIT_ERROR
    say(f"Updated {shown}.")
    return EXIT_OK


def _refusal(target: Path, option: str, inputs: set[str]) -> str | None:
    """Why ``target`` may not be read or written as CODEOWNERS, or None.

    An ownership file, a roster, a configuration or a taxonomy named after
    `--write` (whose value is optional, so `--write raci.yaml` reads as the
    target) would be overwritten with a CODEOWNERS block.
    """
    shown = display_path(target)
    if os.path.realpath(target) in inputs:
        return (
            f"{shown} is one of the files this run reads (an ownership file, roster, "
            f"configuration or taxonomy), not a CODEOWNERS file; name the CODEOWNERS file "
            f"with `{option} PATH` or `{option}=PATH`, after the ownership files"
        )
    if option == "--write" and is_link(target):
        return f"{shown} is a symbolic link; raci-lint never writes through one"
    return None


def _check(shown: str, text: str, block: str, missing: bool) -> int:
    """--check: exit 1 with a diff when the block differs from the generated one."""
    problem = block_problem(lines_of(text))
    if problem is not None:
        say(f"{shown}: {problem}; fix the markers by hand.")
        return EXIT_VIOLATIONS
    current = current_block(text)
    if current == block:
        say(f"{shown} is up to date.")
        return EXIT_OK
    if missing:
        say(f"{shown} does not exist; create it with `raci-lint codeowners --write`.")
    else:
        # The whole file on both sides: the hunk headers give its real line numbers.
        write(unified_diff(shown, text, replace_block(text, block)))
        say(f"{shown} is out of date; run `raci-lint codeowners --write`.")
    return EXIT_VIOLATIONS


def unified_diff(path: str, old: str, new: str) -> str:
    """The change from the current file to the one with the generated block, as `diff -u`
    shows it."""
    lines = difflib.unified_diff(
        lines_of(old),
        lines_of(new),
        fromfile=f"{path} (current)",
        tofile=f"{path} (generated)",
    )
    # The current lines are the repository's: one safe line each.
    return "".join(neutralize(line.rstrip("\n")) + "\n" for line in lines)
