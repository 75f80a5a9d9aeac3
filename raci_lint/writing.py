"""Writing files safely: never a partial file, even when interrupted."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed over it.

    An interrupted run leaves either the old file or the new one, never a
    mix. An existing file keeps its permissions; a symbolic link stays a
    link and its target is written. What is not a regular file (a fifo, a
    device such as /dev/stdout) is written to in place, never replaced.
    """
    path = Path(os.path.realpath(path))
    try:
        info = path.stat()
    except FileNotFoundError:
        mode: int | None = None
    else:
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            with open(path, "w", encoding="utf-8", errors="backslashreplace", newline="") as out:
                out.write(text)
            return
        mode = stat.S_IMODE(info.st_mode)
    folder = path.parent
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        # Text that came from file names may hold undecodable bytes (as
        # surrogates): they are written escaped, as on the terminal.
        with os.fdopen(
            descriptor, "w", encoding="utf-8", errors="backslashreplace", newline=""
        ) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
