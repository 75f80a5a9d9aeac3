"""Repository files and CODEOWNERS-style patterns.

Patterns follow the gitignore flavour CODEOWNERS uses, relative to the
repository root: a pattern without a slash (other than a trailing one)
matches at any depth; a leading or inner slash anchors it at the root; a
trailing slash matches folders only; a pattern that matches a folder covers
everything under it; ``*`` and ``?`` stay within one path segment and ``**``
spans any number of them. A wildcard matches a folder's name as a file's
(``/packages/*-plugin`` covers ``packages/auth-plugin/main.py``), except a
last segment that is ``*`` alone: ``docs/*`` is the files of docs, not those
below. ``tests/reading/test_pattern_oracle.py`` holds this to GitHub's matcher.

Matching is done against a tree of the repository's files, segment by
segment, so a literal prefix (the usual ``services/api/**``) costs its depth,
not the number of files: 10,000 patterns over 100,000 files stay fast.
"""

import os
import re
import sys
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from raci_lint.reading import files

__all__ = [
    "FileTree",
    "Pattern",
    "PatternError",
    "Repository",
    "has_magic",
    "is_plain_path",
    "list_files",
    "parse_pattern",
    "remembering_roots",
    "swallowed_owner",
]


class _Folder:
    __slots__ = ("children", "files", "path")

    def __init__(self, path: str) -> None:
        self.path = path  # relative to the root, "" for the root itself
        self.children: dict[str, _Folder] = {}
        self.files: dict[str, str] = {}  # name -> path


class FileTree:
    """The files of a repository: a sorted list, and a tree of folders with name
    indexes built the first time a pattern with wildcards needs it.

    A literal folder (`services/api/**`, `/docs/`) is a range of the sorted
    list, found by bisection: the usual patterns cost a logarithm each. The
    files under any folder are such a range too, so nothing is copied per
    level of a deep tree.
    """

    def __init__(self, paths: list[str]) -> None:
        self.paths = sorted(paths)
        self._root: _Folder | None = None
        self.files_by_name: dict[str, list[str]] = {}
        self.folders_by_name: dict[str, list[_Folder]] = {}

    @property
    def root(self) -> _Folder:
        if self._root is None:
            self._root = self._build()
        return self._root

    def _build(self) -> _Folder:
        root = _Folder("")
        for path in self.paths:
            parts = path.split("/")
            folder = root
            for part in parts[:-1]:
                child = folder.children.get(part)
                if child is None:
                    inside = f"{folder.path}/{part}" if folder.path else part
                    child = folder.children[part] = _Folder(inside)
                    self.folders_by_name.setdefault(part, []).append(child)
                folder = child
            folder.files[parts[-1]] = path
            self.files_by_name.setdefault(parts[-1], []).append(path)
        return root

    def _under(self, prefix: str) -> list[str]:
        """The files whose path starts with ``prefix`` (which ends with "/")."""
        paths = self.paths
        start = bisect_left(paths, prefix)
        # "0" is the character after "/": the first path past the folder.
        return paths[start : bisect_left(paths, prefix[:-1] + "0", start)]

    def _all_files(self, folder: _Folder) -> list[str]:
        """Every file under a folder, at any depth."""
        return self._under(folder.path + "/") if folder.path else self.paths

    def match(self, pattern: "Pattern") -> Iterator[str]:
        """The files a pattern covers."""
        if pattern.floating:
            yield from self._floating(pattern)
            return
        segments = pattern.segments
        if segments and pattern.literal_folders:
            last = segments[-1]
            if last == "**":
                # The usual `services/api/**`: a range of the sorted list.
                if len(segments) == 1:
                    yield from self.paths
                else:
                    yield from self._under("/".join(segments[:-1]) + "/")
                return
            if not has_magic(last):
                # A literal path: the file itself, or everything in the folder.
                path = "/".join(segments)
                if not pattern.folder_only:
                    index = bisect_left(self.paths, path)
                    if index < len(self.paths) and self.paths[index] == path:
                        yield path
                yield from self._under(path + "/")
                return
        yield from self._walk(segments, pattern.folder_only)

    def _floating(self, pattern: "Pattern") -> Iterator[str]:
        self.root  # noqa: B018 - the name indexes are built with the tree
        (segment,) = pattern.segments
        # `apps`, `apps/`, `*-plugin` and even `*.py` name folders (as on
        # GitHub, a wildcard matches a folder's name too); all but `apps/`
        # name files as well.
        # A folder inside one already listed adds nothing: in the order of
        # "path/", a folder's descendants follow it, before any other.
        folders = sorted(
            folder.path + "/"
            for name in self._names(segment, self.folders_by_name)
            for folder in self.folders_by_name[name]
        )
        covering: list[str] = []
        for prefix in folders:
            if not covering or not prefix.startswith(covering[-1]):
                covering.append(prefix)
                yield from self._under(prefix)
        if not pattern.folder_only:
            for name in self._names(segment, self.files_by_name):
                for path in self.files_by_name[name]:
                    # A file in a folder listed above is listed already. The
                    # folders are sorted and never nested: the one that may
                    # hold a path is the last one before it.
                    index = bisect_right(covering, path) - 1
                    if index < 0 or not path.startswith(covering[index]):
                        yield path

    @staticmethod
    def _names(segment: str, index: Mapping[str, object]) -> list[str]:
        if not has_magic(segment):
            return [segment] if segment in index else []
        regex = _segment_regex(segment)
        return [name for name in index if regex.fullmatch(name)]

    def _walk(self, segments: tuple[str, ...], folder_only: bool) -> Iterator[str]:
        """The files an anchored pattern with wildcards covers.

        Each folder is visited once, with the set of segments the pattern may
        be at there (a set of states, not backtracking): `**` stays at its
        segment in every child, or is skipped. The work is the folders
        visited times the segments, whatever the number of `**`.
        """
        count = len(segments)
        regexes = [
            _segment_regex(segment) if segment != "**" and has_magic(segment) else None
            for segment in segments
        ]
        pending = [(self.root, _closure(segments, {0}))]
        while pending:
            folder, states = pending.pop()
            if count in states:
                yield from self._all_files(folder)
                continue
            nested: dict[str, set[int]] = {}
            for index in states:
                segment = segments[index]
                if segment == "**":  # one more folder (not the last segment: see _closure)
                    for name in folder.children:
                        nested.setdefault(name, set()).add(index)
                    continue
                last = index == count - 1
                regex = regexes[index]
                if regex is None:
                    if segment in folder.children:
                        nested.setdefault(segment, set()).add(index + 1)
                    if last and not folder_only and segment in folder.files:
                        yield folder.files[segment]
                    continue
                # As on GitHub, `docs/*` covers the files in docs, not those
                # nested deeper; any other wildcard (`/packages/*-plugin`,
                # `docs/?`) matches a folder's name as well as a file's.
                if not last or folder_only or segment != "*":
                    for name in folder.children:
                        if regex.fullmatch(name):
                            nested.setdefault(name, set()).add(index + 1)
                if last and not folder_only:
                    for name, path in folder.files.items():
                        if regex.fullmatch(name):
                            yield path
            pending.extend(
                (folder.children[name], _closure(segments, states))
                for name, states in reversed(nested.items())
            )


def _closure(segments: tuple[str, ...], states: set[int]) -> set[int]:
    """The states with every `**` also skipped (it may span no folder at all)."""
    closed = set(states)
    for index in states:
        while index < len(segments) and segments[index] == "**":
            index += 1
            closed.add(index)
    return closed


_MAGIC = re.compile(r"[*?\[]")


def has_magic(text: str) -> bool:
    """Whether a pattern or segment holds a wildcard (`*`, `?` or `[`)."""
    return _MAGIC.search(text) is not None


@lru_cache(maxsize=4096)
def _segment_regex(segment: str) -> re.Pattern[str]:
    # Imported here: only runs that match `paths` need it (start-up time).
    import fnmatch

    return re.compile(fnmatch.translate(segment))


# `/dir/@owner`: an owner (`@user`, `@org/team`) joined to the pattern for want of a space.
# Most runs never ask: re compiles it when first used, not at start-up.
_SWALLOWED = r"/(@[^/\s@]+(?:/[^/\s@]+)?)/?$"


def swallowed_owner(pattern: str) -> tuple[str, str] | None:
    """(the pattern, the owner) that ``/dir/@owner`` most likely meant, or None."""
    found = re.search(_SWALLOWED, pattern)
    if found is None:
        return None
    return pattern[: found.start() + 1], found.group(1)


class Pattern(NamedTuple):
    """A parsed pattern: anchored segments, or one floating segment."""

    text: str
    segments: tuple[str, ...]
    floating: bool
    folder_only: bool
    # Whether every segment but the last is literal: then the pattern names a
    # folder, a range of the sorted file list.
    literal_folders: bool = False


class PatternError(ValueError):
    """A pattern that climbs out of the repository."""


def parse_pattern(text: str) -> Pattern:
    """Parse a CODEOWNERS pattern; raises :class:`PatternError` when it leaves the root."""
    raw = text.strip()
    anchored = raw.startswith("/")
    body = raw.lstrip("/")
    folder_only = body.endswith("/")
    body = body.rstrip("/")
    if "/" in body:
        anchored = True
    segments: list[str] = []
    for segment in body.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if not segments:
                raise PatternError(text)
            segments.pop()
            continue
        # Patterns share their folders' names (`services`, `**`): one string each.
        segments.append(sys.intern(segment))
    # `**/**` spans what `**` spans: one state instead of two in the matcher.
    segments = [
        segment
        for index, segment in enumerate(segments)
        if segment != "**" or index == 0 or segments[index - 1] != "**"
    ]
    if not segments:
        segments = ["**"]  # `/` or `.`: everything, anchored or not
    elif folder_only and segments[-1] == "**":
        # `docs/**/` covers the folders inside docs, at any depth: what
        # `docs/*/` covers (every file below one of its folders), not the
        # files in docs itself; `**/` covers every file in a folder.
        segments[-1] = "*"
    if not anchored and len(segments) == 1 and segments[0] != "**":
        return Pattern(text, tuple(segments), True, folder_only)
    literal = not has_magic("/".join(segments[:-1]))
    return Pattern(text, tuple(segments), False, folder_only, literal)


def list_files(root: Path) -> list[str]:
    """The repository's files, relative posix paths, never outside ``root``.

    In a git repository, the tracked files (``git ls-files``, relative to
    ``root`` even when it is below the top level); elsewhere, a walk that
    lists what git would track. Only plain relative paths are kept (see
    :func:`is_plain_path`): whatever the index or the folders hold, no name
    leads out of the root.
    """
    top = repository_root(root)
    if top is not None:
        # Small indexes are read in-process (no process to start); git reads
        # large ones faster than Python would.
        indexed = read_git_index(top) if _index_size(top) < _INDEX_LIMIT else None
        if indexed is not None:
            prefix = root.resolve().relative_to(top).as_posix()
            if prefix == ".":
                return indexed
            start = prefix + "/"
            return [name[len(start) :] for name in indexed if name.startswith(start)]
        # Imported here: git runs only when its index cannot be read (start-up time).
        import subprocess

        try:
            result = subprocess.run(
                [
                    "git",
                    "-c",
                    "core.fsmonitor=false",
                    "-C",
                    str(root),
                    "ls-files",
                    "-z",
                    "--cached",
                ],
                capture_output=True,
                check=True,
                timeout=120,
            )
        except (OSError, subprocess.SubprocessError):
            return _walk(root)
        names = result.stdout.decode("utf-8", "surrogateescape").split("\0")
        return sorted(name for name in names if is_plain_path(name))
    return _walk(root)


# C0 and C1 control characters (NUL, newline, escape...), and DEL.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def is_plain_path(name: str) -> bool:
    """Whether a listed name is a plain relative path that stays inside the root.

    Not empty, not absolute, no empty, `.` or `..` segment (with either slash),
    no control character, no drive on Windows.
    """
    if not name or name[0] in "/\\" or _CONTROL.search(name):
        return False
    if os.name == "nt" and ":" in name:
        return False
    return all(part not in ("", ".", "..") for part in re.split(r"[/\\]", name))


class Repository:
    """One repository: its root and (read once, when a rule first asks) its files.

    ``lister`` lists them (default :func:`list_files`, the working tree's).
    """

    def __init__(self, root: Path, lister: Callable[[Path], list[str]] | None = None) -> None:
        self.root = root.resolve()
        self._lister = lister or list_files
        self._tree: FileTree | None = None

    @property
    def tree(self) -> FileTree:
        if self._tree is None:
            self._tree = FileTree(self._lister(self.root))
        return self._tree

    def relative(self, path: Path) -> str | None:
        """A path relative to the root (posix), or None when outside it."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return None

    def untracked(self, path: str) -> bool:
        """Whether a plain relative path exists under the root but git does not list it.

        Only in a git repository: elsewhere every file there is listed.
        """
        if repository_root(self.root) is None or not is_plain_path(path):
            return False
        location = self.root / path
        try:
            return os.path.lexists(location) and files.inside(location, self.root)
        except (OSError, ValueError):
            return False


# Larger indexes are read by git; larger configurations are not ours to read.
_INDEX_LIMIT = 512 * 1024


def _index_size(top: Path) -> int:
    try:
        return (top / ".git" / "index").stat().st_size
    except OSError:
        return 0


def read_git_index(top: Path) -> list[str] | None:
    """The tracked files of a repository, read from ``.git/index`` itself.

    As ``git ls-files`` lists them, without starting git: a subprocess costs
    more than the rest of a small run. Returns None for anything unusual (a
    worktree, a split or sparse index, SHA-256 objects, a damaged file), and
    git itself is asked instead.
    """
    # Imported here: only the PATH rules read the index (start-up time).
    import struct

    git = top / ".git"
    try:
        if not git.is_dir():
            return None
        # Never blocks on a fifo, never reads past the limit.
        config = files.read_bytes(git / "config", _INDEX_LIMIT)
        data = files.read_bytes(git / "index", _INDEX_LIMIT)
    except (OSError, files.Unreadable):
        return None
    if b"objectformat" in config.lower() or len(config) > _INDEX_LIMIT:
        return None
    if len(data) > _INDEX_LIMIT:
        return None
    if len(data) < 12 or data[:4] != b"DIRC":
        return None
    version, count = struct.unpack(">II", data[4:12])
    if version not in (2, 3, 4):
        return None
    names: list[str] = []
    offset = 12
    previous = b""
    try:
        for _ in range(count):
            start = offset
            mode = struct.unpack(">I", data[offset + 24 : offset + 28])[0]
            flags = struct.unpack(">H", data[offset + 60 : offset + 62])[0]
            offset += 62
            if version >= 3 and flags & 0x4000:
                offset += 2  # extended flags
            if version == 4:
                byte = data[offset]  # git's offset varint (varint.c)
                offset += 1
                strip = byte & 0x7F
                while byte & 0x80:
                    byte = data[offset]
                    offset += 1
                    strip = ((strip + 1) << 7) + (byte & 0x7F)
                end = data.index(b"\0", offset)
                path = previous[: len(previous) - strip] + data[offset:end]
                offset = end + 1
            else:
                end = data.index(b"\0", offset)
                path = data[offset:end]
                offset = start + ((end - start + 8) // 8) * 8  # NUL-padded to 8 bytes
            if mode & 0o170000 == 0o040000:
                return None  # a sparse index holds folders: ask git
            previous = path
            name = path.decode("utf-8", "surrogateescape")
            if is_plain_path(name):
                names.append(name)
        # Extensions follow; a split index keeps entries elsewhere.
        while offset + 8 <= len(data) - 20:
            signature = data[offset : offset + 4]
            size = struct.unpack(">I", data[offset + 4 : offset + 8])[0]
            if signature in (b"link", b"sdir"):
                return None
            offset += 8 + size
    except (IndexError, ValueError, struct.error):
        return None
    return sorted(dict.fromkeys(names))


class _Run(threading.local):
    """Each folder's repository root, while a run lasts (see remembering_roots).

    Per thread: a run is synchronous, so no other run interleaves with it on
    its thread. (threading is imported by click anyway; contextvars would be
    one more extension module to load at start-up.)
    """

    roots: dict[str, Path | None] | None = None


_RUN = _Run()


@contextmanager
def remembering_roots() -> Iterator[None]:
    """Within the block, the repository root of each folder is looked up once.

    A run's folders do not gain or lose a `.git` while it lasts, and a run over
    hundreds of files asks for their roots again and again. Outside a run (a
    library call, a long-lived server between two runs) every call looks.
    """
    before = _RUN.roots
    _RUN.roots = {} if before is None else before
    try:
        yield
    finally:
        _RUN.roots = before


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds ``.git``."""
    known = _RUN.roots
    if known is None:
        current = start.resolve()
        for folder in (current, *current.parents):
            if (folder / ".git").exists():
                return folder
        return None
    asked = os.path.abspath(start)
    if asked in known:
        return known[asked]
    current = start.resolve()
    visited = []
    found: Path | None = None
    for folder in (current, *current.parents):
        name = os.fspath(folder)
        if name in known:
            found = known[name]
            break
        visited.append(name)
        if (folder / ".git").exists():
            found = folder
            break
    # Every folder on the way up is below the root found, or has none.
    for name in (asked, *visited):
        known[name] = found
    return found


def _walk(root: Path) -> list[str]:
    """The files under root that git would track, sorted, skipping `.git`.

    Regular files, and symbolic links as themselves: a link is listed as a
    file and never followed, as git tracks it, so nothing outside the root is
    ever listed or walked, and a loop of links is just two names. Fifos,
    sockets and devices are left out, as git leaves them out. The walk keeps
    a list of folders to visit instead of recursing, so depth costs no stack.
    """
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    pending: list[tuple[str, str]] = [(os.fspath(root), "")]
    while pending:
        folder, relative = pending.pop()
        try:
            info = os.stat(folder, follow_symlinks=relative == "")
            key = (info.st_dev, info.st_ino)
            if key in seen:  # a folder mounted inside itself
                continue
            seen.add(key)
            with os.scandir(folder) as entries:
                listed = list(entries)
        except (OSError, ValueError):
            continue
        for entry in listed:
            name = entry.name
            # A listed name is never empty, `.`, `..` or holds a slash: only its
            # characters need a look, once, not the whole path again.
            if name == ".git" or _CONTROL.search(name) or not _plain_name(name):
                continue
            path = f"{relative}/{name}" if relative else name
            try:
                if entry.is_symlink() or entry.is_file(follow_symlinks=False):
                    found.append(path)
                elif entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, path))
            except OSError:
                continue
    found.sort()
    return found


def _plain_name(name: str) -> bool:
    """Whether a name listed in a folder can be one segment of a plain path."""
    if os.name == "nt" and ":" in name:  # pragma: no cover - Windows
        return False
    return "\\" not in name or all(part not in ("", ".", "..") for part in name.split("\\"))
