"""`raci-lint init`: a commented starter raci.yaml."""

from __future__ import annotations

from pathlib import Path

import click

from raci_lint.cli.output import EXIT_ERROR, EXIT_OK, error_line, say
from raci_lint.reading.files import os_reason
from raci_lint.wording import display_path
from raci_lint.writing import write_atomic

__all__ = ["init_command"]

STARTER = Path(__file__).parents[1] / "data" / "starter-raci.yaml"


@click.command("init")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def init_command(path: Path | None) -> int:
    """Write a commented starter raci.yaml (never overwrites).

    PATH is a file, or a folder to write raci.yaml in (default: the current folder).
    """
    target = path if path is not None else Path("raci.yaml")
    if target.is_dir():
        target = target / "raci.yaml"
    shown = display_path(target)
    if target.exists() or target.is_symlink():
        error_line(f"{shown} already exists; raci-lint init never overwrites a file")
        return EXIT_ERROR
    starter = STARTER.read_text(encoding="utf-8")
    try:
        write_atomic(target, starter)
    except OSError as error:
        error_line(f"{shown}: cannot write: {os_reason(error)}")
        return EXIT_ERROR
    say(f"Wrote {shown}. Edit it, then run `raci-lint check {shown}`.")
    return EXIT_OK
