"""Reading a repository at a git revision, without checking anything out.

git runs with a fixed argv, never through a shell: ``rev-parse`` to name the
top level and the commit, ``ls-tree -r -z -l --full-tree COMMIT`` for the
files (with their modes and sizes), ``cat-file blob OBJECT`` for a file's
bytes. No repository string ever reaches git's command line: a file is read
by the object id its listing gave, and a revision that starts with ``-`` is
refused before git sees it. Every output is read within a bound: a blob over
the size limit is never read at all, the listing within :data:`LIST_LIMIT`.

A path is resolved in the revision's tree as the working tree would resolve
it: a symbolic link (a blob of mode 120000 holding its target) is followed,
and a path that ends up outside the top level is outside, whatever git holds.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from types import TracebackType

from raci_lint.reading.files import FOLDER, MISSING, NOT_REGULAR, OUTSIDE, Unreadable
from raci_lint.reading.repository import is_plain_path
from raci_lint.wording import UnusableInput, excerpt

__all__ = [
    "LIST_LIMIT",
    "Revision",
    "RevisionError",
    "RevisionFile",
    "check_revision",
    "default_base",
]

# The listing of a revision's files is read up to this many bytes (a
# million files of a hundred characters); a blob up to the size limit.
LIST_LIMIT = 256 * 1024 * 1024
_LINK_TARGET_LIMIT = 4096
_MAX_LINKS = 40  # as the kernel's ELOOP
_LINK = "120000"
_SUBMODULE = "160000"


class RevisionError(UnusableInput):
    """A revision that cannot be read (one line for the user)."""

    def __init__(self, message: str) -> None:
        super().__init__([message])


def check_revision(rev: str) -> None:
    """Refuse a revision git could read as an option, or no revision at all."""
    if not rev or rev.startswith("-") or "\0" in rev or not rev.isprintable():
        raise RevisionError(f"'{excerpt(rev, 60)}' is not a revision; name a branch, tag or commit")


def _git(top: Path, args: list[str], limit: int, what: str, truncate: bool = False) -> bytes:
    """The output of one git command run in ``top``, at most ``limit`` bytes of it.

    More is an error, or with ``truncate`` the first ``limit + 1`` bytes (the
    rest unread: git is stopped).
    """
    argv = ["git", "-c", "core.fsmonitor=false", "-C", os.fspath(top), *args]
    environment = dict(os.environ, GIT_TERMINAL_PROMPT="0", GIT_NO_LAZY_FETCH="1")
    environment.pop("GIT_DIR", None)
    environment.pop("GIT_WORK_TREE", None)
    try:
        # A fixed argv, never a shell.
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=environment,
        )
    except OSError as error:
        raise RevisionError(f"cannot run git to read {what}: {error.strerror or error}") from None
    assert process.stdout is not None
    chunks: list[bytes] = []
    size = 0
    with process:
        while True:
            chunk = process.stdout.read(1 << 20)
            if not chunk:
                break
            size += len(chunk)
            chunks.append(chunk)
            if size > limit:
                process.kill()
                if truncate:
                    return b"".join(chunks)[: limit + 1]
                raise RevisionError(f"{what} is over the limit of {limit} bytes")
        try:
            status = process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            raise RevisionError(f"git took too long to read {what}") from None
    if status != 0:
        raise _Failed(status)
    return b"".join(chunks)


def _above(relative: str) -> bool:
    return relative == os.pardir or relative.startswith(os.pardir + os.sep)


class _Failed(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class RevisionFile:
    """A regular file of a revision, as :func:`~raci_lint.reading.files.open_inside` gives one."""

    def __init__(self, revision: Revision, real: Path, obj: str, size: int) -> None:
        self.revision = revision
        self.real = real
        self.object = obj
        self._size = size

    @property
    def identity(self) -> tuple[str, str]:
        """The commit and the blob: what tells this file from any other."""
        return self.revision.commit, self.object

    def read(self, limit: int | None = None) -> bytes:
        """The file's bytes, at most ``limit + 1`` of them (as a file on disk is read)."""
        return self.revision.blob(self.object, self._size if limit is None else limit)

    def size(self) -> int:
        return self._size

    def close(self) -> None:
        """Nothing is held open."""

    def __enter__(self) -> RevisionFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class Revision:
    """One revision of the git repository around ``folder``: its files, read on demand.

    Raises :class:`RevisionError` with one line when ``folder`` is in no git
    repository or the revision names no commit.
    """

    def __init__(self, folder: Path, rev: str) -> None:
        check_revision(rev)
        self.name = rev
        shown = excerpt(rev, 60)
        try:
            top = _git(folder, ["rev-parse", "--show-toplevel"], 1 << 16, "the repository")
        except _Failed:
            raise RevisionError(
                f"{os.fspath(folder) or '.'}: not a git repository, so it has no revision '{shown}'"
            ) from None
        self.top = Path(os.path.realpath(top.decode("utf-8", "surrogateescape").strip()))
        try:
            commit = _git(
                self.top,
                ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
                1 << 16,
                f"revision '{shown}'",
            )
        except _Failed:
            raise RevisionError(
                f"unknown revision '{shown}': no commit of this repository has that name"
            ) from None
        self.commit = commit.decode("ascii", "replace").strip()
        self._entries: dict[str, tuple[str, str, int]] | None = None
        self._folders: set[str] | None = None

    # -- the listing

    @property
    def entries(self) -> dict[str, tuple[str, str, int]]:
        """Path relative to the top level -> (mode, object id, size); never a folder."""
        if self._entries is None:
            self._entries = self._list()
        return self._entries

    def _list(self) -> dict[str, tuple[str, str, int]]:
        what = f"the files of revision '{excerpt(self.name, 60)}'"
        try:
            raw = _git(
                self.top,
                ["ls-tree", "-r", "-z", "-l", "--full-tree", self.commit],
                LIST_LIMIT,
                what,
            )
        except _Failed as failed:
            raise RevisionError(f"git could not list {what} (exit {failed.status})") from None
        entries: dict[str, tuple[str, str, int]] = {}
        for record in raw.split(b"\0"):
            head, tab, name = record.partition(b"\t")
            if not tab:
                continue
            fields = head.split()
            if len(fields) != 4:
                continue
            mode, _, obj, size = (field.decode("ascii", "replace") for field in fields)
            path = name.decode("utf-8", "surrogateescape")
            if is_plain_path(path):
                entries[path] = (mode, obj, int(size) if size.isdigit() else 0)
        return entries

    @property
    def folders(self) -> set[str]:
        """The folders of the revision, relative to the top level ("" is the top)."""
        if self._folders is None:
            folders = {""}
            for path in self.entries:
                parts = path.split("/")
                for end in range(1, len(parts)):
                    folders.add("/".join(parts[:end]))
            self._folders = folders
        return self._folders

    def files(self, root: Path) -> list[str]:
        """The files of the revision under ``root``, relative to it, sorted (as git lists them)."""
        prefix = self.relative(root)
        if prefix is None:
            return []
        if prefix == "":
            return sorted(self.entries)
        start = prefix + "/"
        return sorted(path[len(start) :] for path in self.entries if path.startswith(start))

    def relative(self, path: Path) -> str | None:
        """A path (absolute, or relative to the working folder) relative to the top level."""
        absolute = os.path.normpath(os.path.join(os.path.realpath(os.getcwd()), path))
        relative = os.path.relpath(absolute, self.top)
        if _above(relative):
            # Named through a link of the machine (/var for /private/var): the
            # links above the top level are the system's, not the revision's.
            relative = os.path.relpath(os.path.realpath(absolute), self.top)
            if _above(relative):
                return None
        return "" if relative == os.curdir else Path(relative).as_posix()

    # -- reading

    def blob(self, obj: str, limit: int) -> bytes:
        """The bytes of one blob of the listing, at most ``limit + 1`` of them."""
        try:
            return _git(self.top, ["cat-file", "blob", obj], limit, f"object {obj}", truncate=True)
        except _Failed as failed:
            raise Unreadable(f"git could not read it (exit {failed.status})") from None

    def resolve(self, path: Path) -> Path:
        """``path`` with every symbolic link of the revision followed, as the system would.

        Returns where it leads, inside the top level or not; raises
        ``RuntimeError`` for a loop of links, as :meth:`Path.resolve` does, and
        for a link that cannot be followed.
        """
        relative = self.relative(path)
        if relative is None:
            return Path(os.path.normpath(path))
        parts: list[str] = []
        pending = [part for part in relative.split("/") if part]
        links = 0
        while pending:
            part = pending.pop(0)
            if part == ".":
                continue
            if part == "..":
                if not parts:
                    # Above the top level: the rest is the machine's, not the revision's.
                    rest = os.path.join(os.path.dirname(self.top), *pending)
                    return Path(os.path.normpath(rest))
                parts.pop()
                continue
            parts.append(part)
            entry = self.entries.get("/".join(parts))
            if entry is None or entry[0] != _LINK:
                continue
            links += 1
            if links > _MAX_LINKS:
                raise RuntimeError("a loop of symbolic links")
            try:
                raw = self.blob(entry[1], _LINK_TARGET_LIMIT)
            except Unreadable as error:
                raise RuntimeError(error.reason) from None
            if len(raw) > _LINK_TARGET_LIMIT or b"\0" in raw:
                raise RuntimeError("a symbolic link that names no path")
            target = raw.decode("utf-8", "surrogateescape")
            parts.pop()
            if target.startswith("/"):
                inner = self.relative(Path(target))
                if inner is None:
                    return Path(os.path.normpath(os.path.join(target, *pending)))
                parts = []
                target = inner
            pending = [piece for piece in target.split("/") if piece] + pending
        return self.top.joinpath(*parts)

    def open_inside(self, path: Path, root: Path) -> RevisionFile:
        """The regular file ``path`` leads to in the revision, which must be inside ``root``.

        Raises :class:`Unreadable` as :func:`~raci_lint.reading.files.open_inside` does.
        """
        try:
            real = self.resolve(path)
        except RuntimeError as error:
            raise Unreadable(str(error) or "a loop of symbolic links") from None
        inner = self.relative(root)
        relative = self.relative(real)
        if inner is None or relative is None:
            raise Unreadable(OUTSIDE)
        if inner and relative != inner and not relative.startswith(inner + "/"):
            raise Unreadable(OUTSIDE)
        entry = self.entries.get(relative)
        if entry is None:
            raise Unreadable(FOLDER if relative in self.folders else MISSING)
        mode, obj, size = entry
        if mode == _SUBMODULE or not mode.startswith("100"):
            raise Unreadable(NOT_REGULAR)
        return RevisionFile(self, real, obj, size)

    def read(self, path: Path, limit: int) -> bytes:
        """The bytes of a file of the revision (links followed, confined to the top
        level), at most ``limit + 1`` of them."""
        with self.open_inside(path, self.top) as opened:
            return opened.read(limit)


def default_base(folder: Path) -> tuple[str, str] | None:
    """The merge base of HEAD with the default branch: (commit, how it was found), or None.

    The default branch is the pull request's base under GitHub Actions
    (``GITHUB_BASE_REF``), else what ``origin/HEAD`` names, else the first of
    ``origin/main``, ``origin/master``, ``main``, ``master`` that exists.
    """
    candidates = []
    base_ref = os.environ.get("GITHUB_BASE_REF", "")
    if base_ref:
        candidates.append(f"origin/{base_ref}")
    try:
        named = _git(
            folder,
            ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"],
            1 << 12,
            "origin/HEAD",
        )
        candidates.append(named.decode("utf-8", "replace").strip())
    except (_Failed, RevisionError):
        pass
    candidates += ["origin/main", "origin/master", "main", "master"]
    for candidate in dict.fromkeys(candidates):
        if not candidate or candidate.startswith("-") or not candidate.isprintable():
            continue
        try:
            found = _git(
                folder,
                ["merge-base", "--end-of-options", candidate, "HEAD"],
                1 << 12,
                "the merge base",
            )
        except (_Failed, RevisionError):
            continue
        commit = found.decode("ascii", "replace").strip()
        if commit:
            return commit, candidate
    return None
