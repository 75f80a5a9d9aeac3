"""Writing files safely: never a partial file, even when interrupted."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["LinkRefused", "write_atomic"]


class LinkRefused(OSError):
    """A write refused because the path, or a folder of it, is a symbolic link."""

    def __init__(self, path: Path, folder: str | None = None) -> None:
        what = f"a folder of the path, {folder}, is" if folder else "is"
        super().__init__(errno.ELOOP, f"{what} a symbolic link; raci-lint never writes through one")
        self.filename = os.fspath(path)


def _linked_folder(path: Path) -> str | None:
    """The first folder of a relative path that is a symbolic link, or None.

    A relative path lies in the checkout, whose links the repository
    commits: `reports -> /elsewhere` must not carry `--output reports/x.sarif`
    out of it. An absolute path is the invoking user's own.
    """
    if path.is_absolute():
        return None
    folder = Path()
    for part in path.parent.parts:
        folder = folder / part
        if part != ".." and os.path.islink(folder):
            return folder.as_posix()
    return None


def write_atomic(path: Path, text: str, *, replace_link: bool = True) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed over it.

    An interrupted run leaves either the old file or the new one, never a
    mix. An existing file keeps its permissions. A symbolic link is never
    followed: it is replaced by the new file, its target left as it was
    (or, with ``replace_link=False``, the write is refused with
    :class:`LinkRefused`). A fifo or a character device (such as
    /dev/stdout, itself a link) is written to in place, never replaced.
    """
    path = Path(path)
    linked = _linked_folder(path)
    if linked is not None:
        raise LinkRefused(path, linked)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        mode: int | None = None
    else:
        if stat.S_ISLNK(info.st_mode):
            # /dev/stdout is a link to the stream; a relative link lies in the
            # checkout, and may lead to another user's terminal or a fifo.
            if path.is_absolute() and _is_stream(path):
                _write_in_place(path, text)
                return
            if not replace_link:
                raise LinkRefused(path)
            mode = None
        elif stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
            _write_in_place(path, text)
            return
        else:
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


def _is_stream(path: Path) -> bool:
    """True when a link leads to a fifo or a character device (a pipe, a terminal)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def _write_in_place(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", errors="backslashreplace", newline="") as out:
        out.write(text)
