"""Reading files safely: never blocking on a fifo or a device, never past a size limit.

A file is opened once and what was opened is checked (:func:`fstat` of the
descriptor), then read from that same descriptor: a path swapped for a fifo
or a symbolic link between a check and the read changes nothing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Hashable
from pathlib import Path
from types import TracebackType
from typing import Protocol

from raci_lint.reading.loader import Limits
from raci_lint.wording import display_path

__all__ = [
    "BROKEN_LINK",
    "CHANGED",
    "FOLDER",
    "LEAVES_ROOT",
    "MISSING",
    "NOT_REGULAR",
    "OUTSIDE",
    "WORKING_TREE",
    "InsideFile",
    "Opened",
    "Tree",
    "Unreadable",
    "UnreadablePath",
    "inside",
    "is_link",
    "open_inside",
    "os_reason",
    "over_limit",
    "read_bytes",
    "read_file",
    "read_input",
    "read_inside",
    "why_unreadable",
]

# The reasons a path cannot be read that callers may word their own way.
MISSING = "no such file or folder"
FOLDER = "is a folder, not a file"
BROKEN_LINK = "broken symbolic link"
NOT_REGULAR = "not a regular file"
OUTSIDE = "outside the root"  # what was opened is not under the root it must be in
CHANGED = "changed while it was opened"  # what was opened can no longer be named

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


# No fifo blocks the open, no terminal becomes ours; the descriptor is never inherited.
_OPEN_FLAGS = (
    os.O_RDONLY
    | os.O_NONBLOCK
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _open_regular(path: Path) -> tuple[int, os.stat_result]:
    """A descriptor open on a regular file, and what fstat says of it.

    The path is checked first, so that a fifo or a device is refused before
    anything opens it; then what was opened is checked again, since the path
    may have been swapped in between.
    """
    reason = why_unreadable(path)
    if reason is not None:
        raise Unreadable(reason)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except ValueError:  # a NUL byte in the name
        raise Unreadable("an invalid file name") from None
    except OSError as error:
        if error.errno == errno.ENOENT and os.path.islink(path):
            raise Unreadable(BROKEN_LINK) from None
        raise Unreadable(os_reason(error)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Unreadable(FOLDER)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(NOT_REGULAR)
    except OSError as error:
        os.close(fd)
        raise Unreadable(os_reason(error)) from None
    except Unreadable:
        os.close(fd)
        raise
    return fd, info


def _read_descriptor(fd: int, limit: int | None) -> bytes:
    """Everything from a descriptor, or at most ``limit + 1`` bytes."""
    chunks = []
    left = -1 if limit is None else limit + 1
    try:
        while left != 0:
            chunk = os.read(fd, 1 << 20 if left < 0 else min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            if left > 0:
                left -= len(chunk)
    except OSError as error:
        raise Unreadable(os_reason(error)) from None
    return b"".join(chunks)


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``limit + 1`` of them.

    Raises :class:`Unreadable` for anything else (missing, a folder, a fifo,
    permission denied...), without ever blocking on it.
    """
    fd, _ = _open_regular(path)
    try:
        return _read_descriptor(fd, limit)
    finally:
        os.close(fd)


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _names(fd: int, info: os.stat_result, path: Path) -> Path | None:
    """The real path of what ``fd`` has open, or None when no path names it any more.

    Asked of the descriptor itself where the system tells (/proc on Linux),
    else of the path resolved again; either answer counts only while it
    still names the very file opened (same device and inode).
    """
    candidates = []
    with contextlib.suppress(OSError):  # no /proc: the path alone can tell
        candidates.append(os.readlink(f"/proc/self/fd/{fd}"))
    with contextlib.suppress(OSError, ValueError):
        candidates.append(os.path.realpath(path))
    for candidate in candidates:
        if not os.path.isabs(candidate):
            continue  # "pipe:[...]" and the like
        try:
            if _identity(os.stat(candidate)) == _identity(info):
                return Path(candidate)
        except (OSError, ValueError):
            continue
    return None


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


class InsideFile:
    """A regular file opened inside a root: its real path, what fstat said, its bytes.

    Use it as a context manager (:func:`open_inside`); the descriptor is
    closed on leaving it.
    """

    def __init__(self, fd: int, real: Path, info: os.stat_result) -> None:
        self.fd = fd
        self.real = real
        self.info = info

    @property
    def identity(self) -> tuple[int, int, int, int]:
        """What tells this file from another and from an earlier version of itself."""
        info = self.info
        return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns

    def read(self, limit: int | None = None) -> bytes:
        """The file's bytes, from the descriptor opened: at most ``limit + 1`` of them."""
        return _read_descriptor(self.fd, limit)

    def size(self) -> int:
        """The file's size now (it may have grown since it was opened)."""
        try:
            return os.fstat(self.fd).st_size
        except OSError:
            return self.info.st_size

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> InsideFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_inside(path: Path, root: Path) -> InsideFile:
    """Open a regular file that must be inside the folder ``root``.

    Open first, then check what was opened: its real path is read from the
    descriptor, so a symbolic link swapped after any earlier check cannot
    lead outside. Raises :class:`Unreadable`: :data:`OUTSIDE` when the file
    opened is not under ``root``, :data:`CHANGED` when it can no longer be
    named, and the reasons of :func:`read_bytes` otherwise.
    """
    root = Path(os.path.realpath(root))
    fd, info = _open_regular(path)
    try:
        real = _names(fd, info, path)
        if real is None:
            raise Unreadable(CHANGED)
        if not _inside(real, root):
            raise Unreadable(OUTSIDE)
    except BaseException:
        os.close(fd)
        raise
    return InsideFile(fd, real, info)


class Opened(Protocol):
    """A file opened inside a root, in the working tree or at a revision."""

    real: Path

    @property
    def identity(self) -> Hashable: ...

    def read(self, limit: int | None = None) -> bytes: ...

    def size(self) -> int: ...

    def __enter__(self) -> Opened: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...


class Tree(Protocol):
    """Where the files a repository file names are found: the working tree, or a revision."""

    def resolve(self, path: Path) -> Path: ...

    def open_inside(self, path: Path, root: Path) -> Opened: ...


class _WorkingTree:
    """The files on disk."""

    def resolve(self, path: Path) -> Path:
        return path.resolve()

    def open_inside(self, path: Path, root: Path) -> Opened:
        return open_inside(path, root)


WORKING_TREE: Tree = _WorkingTree()


def read_inside(path: Path, root: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file inside ``root``, at most ``limit + 1`` of them.

    See :func:`open_inside`: the file is checked after it is opened, and read
    from the descriptor checked.
    """
    with open_inside(path, root) as opened:
        return opened.read(limit)


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
        raise UnreadablePath(over_limit(shown, limits.max_file_size))
    return shown, data


def over_limit(shown: str, limit: int) -> str:
    """The one line for a file over ``limits.max-file-size`` that is refused unread."""
    return f"{shown}: the file is over the limit of {limit} bytes (SYN005)"


# How a path a repository file names, resolved outside the root, is told
# after its name (a path the command line names is not confined).
LEAVES_ROOT = "leaves the repository root"


def inside(path: Path, root: Path) -> bool:
    """True when ``path``, resolved (links followed, even a dangling one), is under ``root``."""
    try:
        return _inside(Path(os.path.realpath(path)), Path(os.path.realpath(root)))
    except (OSError, ValueError):  # a NUL byte, a name too long
        return False


def is_link(path: Path) -> bool:
    """True for a symbolic link, dangling or not (never raises)."""
    try:
        return os.path.islink(path)
    except (OSError, ValueError):
        return False
