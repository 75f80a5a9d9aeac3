"""The command line: click commands that parse options, call the core, print.

``main`` answers ``--version`` before importing click or the linter, since
pre-commit and editors call it often and start-up time is most of its cost.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from raci_lint import __version__

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def _write(text: str, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    data = text.encode("utf-8", "backslashreplace")
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(data)
        buffer.flush()
    else:  # a stream without bytes, as in some test harnesses
        stream.write(data.decode("utf-8"))


def error_line(message: str) -> None:
    """Print an error on stderr: one line, whatever file names it holds."""
    from raci_lint.wording import neutralize

    _write(f"raci-lint: error: {neutralize(message)}\n", err=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run raci-lint; returns the exit code instead of raising SystemExit."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        _write(f"raci-lint {__version__}\n")
        return EXIT_OK
    from raci_lint.cli.app import cli

    debug = "--debug" in args
    try:
        result = cli.main(args=args, prog_name="raci-lint", standalone_mode=False)
    except KeyboardInterrupt:
        error_line("interrupted")
        return EXIT_INTERRUPTED
    except Exception as exception:
        import click

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

    A large run builds millions of small objects; freeing them one by one at
    the end would take a sixth of the run. The output is flushed, nothing
    else needs tearing down, so the process ends at once (as mypy does).
    """
    import gc
    import os

    gc.disable()
    from raci_lint.engine import keep

    keep.KEPT = []
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
