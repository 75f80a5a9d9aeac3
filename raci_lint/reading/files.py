"""Reading files safely: never blocking on a fifo or a device, never past a size limit."""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from raci_lint.reading.loader import Limits
from raci_lint.wording import display_path

__all__ = [
    "BROKEN_LINK",
    "FOLDER",
    "MISSING",
    "NOT_REGULAR",
    "Unreadable",
    "UnreadablePath",
    "os_reason",
    "read_bytes",
    "read_file",
    "read_input",
    "why_unreadable",
]

# The reasons a path cannot be read that callers may word their own way.
MISSING = "no such file or folder"
FOLDER = "is a folder, not a file"
BROKEN_LINK = "broken symbolic link"
NOT_REGULAR = "not a regular file"

_REASONS = {errno.ENOENT: MISSING, errno.EISDIR: FOLDER}


class Unreadable(Exception):
    """A file that cannot be read; ``reason`` is a few words for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def os_reason(error: OSError) -> str:
    """Why an operation on a file failed, in a few words: "no such file or folder"."""
    return _REASONS.get(error.errno or 0) or error.strerror or str(error)


def why_unreadable(path: Path) -> str | None:
    """Why a path is not a regular file one can read, or None when it is one.

    Never blocks: a fifo or a device is refused before anything opens it.
    """
    try:
        info = os.stat(path)
    except ValueError:  # a NUL byte in the name
        return "an invalid file name"
    except OSError as error:
        if error.errno == errno.ENOENT and os.path.islink(path):
            return BROKEN_LINK
        return os_reason(error)
    if stat.S_ISDIR(info.st_mode):
        return FOLDER
    if not stat.S_ISREG(info.st_mode):
        return NOT_REGULAR
    return None


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``limit + 1`` of them.

    Raises :class:`Unreadable` for anything else (missing, a folder, a fifo,
    permission denied...), without ever blocking on it.
    """
    reason = why_unreadable(path)
    if reason is not None:
        raise Unreadable(reason)
    try:
        with open(path, "rb") as handle:
            return handle.read() if limit is None else handle.read(limit + 1)
    except OSError as error:
        raise Unreadable(os_reason(error)) from None


class UnreadablePath(Exception):
    """A path that cannot be linted; the message is one line for the user."""


def read_file(path: Path, limits: Limits) -> bytes | None:
    """The bytes of a file, or None when it is over the size limit.

    Raises :class:`UnreadablePath` with a one-line explanation.
    """
    reason = why_unreadable(path)
    if reason is not None:
        raise UnreadablePath(f"{display_path(path)}: {reason}")
    if path.stat().st_size > limits.max_file_size:
        return None
    try:
        # At most one byte past the limit: the file may grow meanwhile.
        return read_bytes(path, limits.max_file_size)
    except Unreadable as error:
        raise UnreadablePath(f"{display_path(path)}: {error.reason}") from None


def read_input(file: str, limits: Limits) -> tuple[str, bytes]:
    """The name to show and the bytes of one file read whole, ``-`` for stdin.

    For the commands that read a single file (`matrix`, `import`). Raises
    :class:`UnreadablePath` with a one-line explanation, also when the file
    is over the size limit.
    """
    if file == "-":
        shown = "<stdin>"
        data: bytes | None = sys.stdin.buffer.read(limits.max_file_size + 1)
        if len(data or b"") > limits.max_file_size:
            data = None
    else:
        shown = display_path(file)
        data = read_file(Path(file), limits)
    if data is None:
        raise UnreadablePath(
            f"{shown}: the file is over the limit of {limits.max_file_size} bytes (SYN005)"
        )
    return shown, data
