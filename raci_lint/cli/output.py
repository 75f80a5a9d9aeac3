"""What every command prints through: exit codes, one-line errors, colour.

No click here: ``raci-lint --version`` uses it before click is imported.
"""

from __future__ import annotations

import os
import sys
from typing import IO

from raci_lint.wording import neutralize

__all__ = [
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_VIOLATIONS",
    "error_line",
    "errors",
    "say",
    "use_color",
    "write",
]

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def write(text: str, err: bool = False) -> None:
    """Print text as UTF-8 bytes, whatever the locale says (undecodable bytes escaped)."""
    stream = sys.stderr if err else sys.stdout
    data = text.encode("utf-8", "backslashreplace")
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(data)
        buffer.flush()
    else:  # a stream without bytes, as in some test harnesses
        stream.write(data.decode("utf-8"))


def say(message: str, err: bool = False) -> None:
    """Print one line for a person: whatever names it holds, it stays one safe line."""
    write(f"{neutralize(message)}\n", err=err)


def error_line(message: str) -> None:
    """Print an error on stderr: one line, whatever file names it holds."""
    write(f"raci-lint: error: {neutralize(message)}\n", err=True)


def errors(messages: list[str]) -> int:
    """Print each message as an error line; the exit code of a run that stops on them."""
    for message in messages:
        error_line(message)
    return EXIT_ERROR


def use_color(choice: str, stream: IO[str] | None = None) -> bool:
    """Whether to colour: `always`, `never`, or (auto) a terminal without NO_COLOR."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    target = stream if stream is not None else sys.stdout
    return bool(getattr(target, "isatty", lambda: False)())
