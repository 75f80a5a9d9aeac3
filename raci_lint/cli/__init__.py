"""The command line: click commands that parse options, call the engine, render, exit.

``main`` answers ``--version`` before importing click or the engine, since
pre-commit and editors call it often and start-up time is most of its cost.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

from raci_lint import __version__

__all__ = ["entry", "main"]


class Invocation:
    """How the process runs the command line, for the commands that care."""

    def __init__(self, retain: bool = False) -> None:
        # Keep every tree read alive to the end: the process exits without freeing them.
        self.retain = retain


def main(argv: Sequence[str] | None = None, *, retain: bool = False) -> int:
    """Run raci-lint; returns the exit code instead of raising SystemExit."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        sys.stdout.write(f"raci-lint {__version__}\n")
        return 0
    # Everything else is imported only past --version (start-up time).
    import click

    # Past --version only (start-up time), as click above.
    from raci_lint.cli.app import cli
    from raci_lint.cli.output import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, error_line

    debug = "--debug" in args
    try:
        result = cli.main(
            args=args, prog_name="raci-lint", standalone_mode=False, obj=Invocation(retain)
        )
    except KeyboardInterrupt:
        error_line("interrupted")
        return EXIT_INTERRUPTED
    except Exception as exception:
        if isinstance(exception, click.exceptions.Abort):
            # click's name for an interruption (Ctrl-C): no prompt of ours aborts.
            error_line("interrupted")
            return EXIT_INTERRUPTED
        if isinstance(exception, click.UsageError):
            # One line, like every other error, with where to read more.
            command = exception.ctx.command_path if exception.ctx else "raci-lint"
            more = (
                ""
                if getattr(exception, "explains_itself", False)
                else (f" (see `{command} --help`)")
            )
            error_line(f"{exception.format_message()}{more}")
            return EXIT_ERROR
        if isinstance(exception, click.ClickException):
            exception.show()
            return exception.exit_code if exception.exit_code else EXIT_ERROR
        if debug:
            raise
        error_line(
            f"internal error: {type(exception).__name__}: {exception} "
            "(run with --debug for the traceback, and please report it)"
        )
        return EXIT_ERROR
    if isinstance(result, int):
        return result
    return EXIT_OK


def entry() -> None:  # pragma: no cover - exercised by the installed script
    """The ``raci-lint`` program: ``main``, then an exit without clean-up.

    A large run builds millions of small objects; freeing them one by one,
    during the run or at its end, would take a sixth of it. The output is
    flushed, nothing else needs tearing down, so the process ends at once
    (as mypy does), keeping what it read to the end.
    """
    gc.disable()
    code = main(retain=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
