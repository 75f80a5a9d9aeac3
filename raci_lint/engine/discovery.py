"""Discovery: the ownership files under a folder."""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable
from pathlib import Path

from raci_lint.settings.config import glob_matches
from raci_lint.settings.options import LintOptions

__all__ = ["SKIPPED_FOLDERS", "discover", "excluded", "exclusions", "is_ownership_file"]

# Exclude patterns with the folder they are relative to.
Exclusions = tuple[tuple[tuple[str, ...], Path], ...]


# Folders that never hold a project's own ownership files.
SKIPPED_FOLDERS = frozenset(
    (
        ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules",
        "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages",
        "build", "dist", ".eggs",
    )
)  # fmt: skip


def discover(
    folder: Path,
    patterns: Iterable[str],
    exclude: Iterable[str] = (),
    exclude_folder: Path | None = None,
    *,
    more: Exclusions = (),
) -> list[Path]:
    """Ownership files under a folder, skipping VCS folders, virtualenvs and ``exclude``.

    Folders are visited depth first, each one's files and then its subfolders
    in sorted order. A symbolic link to a folder is never followed (wherever
    it points, in the folder or outside it, or back at itself), and the walk
    keeps its own stack, so no depth of folders can exhaust Python's.
    """

    # One pattern for all the names of `files`: a large tree has many names.
    wanted = re.compile("|".join(fnmatch.translate(pattern) for pattern in patterns) or "(?!)")
    rules = tuple(
        (patterns, anchor.resolve())
        for patterns, anchor in (((tuple(exclude), exclude_folder or folder), *more))
        if patterns
    )

    def is_excluded(path: str) -> bool:
        return _matches(path, rules)

    found: list[Path] = []
    pending = [os.fspath(folder)]
    while pending:
        current = pending.pop()
        folders, files = _entries(current)
        kept = sorted(
            name
            for name in folders
            if name not in SKIPPED_FOLDERS
            and not os.path.exists(os.path.join(current, name, "pyvenv.cfg"))
            and not is_excluded(os.path.join(current, name))
        )
        for name in sorted(files):
            if wanted.match(name) and not is_excluded(os.path.join(current, name)):
                found.append(Path(current) / name)
        # Last pushed, first visited: the subfolders in sorted order.
        pending.extend(os.path.join(current, name) for name in reversed(kept))
    return found


def exclusions(options: LintOptions) -> Exclusions:
    """The exclude patterns of some options, each with the folder it is relative to.

    Configured patterns are relative to their configuration's folder; those of
    the command line (``--exclude``, ``--extend-exclude``) to the working folder.
    """
    rules: list[tuple[tuple[str, ...], Path]] = []
    if options.exclude:
        rules.append((options.exclude, (options.exclude_folder or Path.cwd()).resolve()))
    if options.cli_exclude:
        rules.append((options.cli_exclude, (options.cli_exclude_folder or Path.cwd()).resolve()))
    return tuple(rules)


def excluded(path: Path, options: LintOptions) -> bool:
    """True when the exclude patterns of ``options`` match ``path`` (or a folder above it)."""
    return _matches(os.fspath(path), exclusions(options))


def is_ownership_file(path: Path, options: LintOptions) -> bool:
    """True when the name of ``path`` matches the ``files`` patterns of discovery."""
    return any(fnmatch.fnmatchcase(path.name, pattern) for pattern in options.files)


def _matches(path: str, rules: Exclusions) -> bool:
    for patterns, anchor in rules:
        relative = Path(os.path.relpath(os.path.abspath(path), anchor)).as_posix()
        if any(glob_matches(pattern, relative) for pattern in patterns):
            return True
    return False


def _entries(folder: str) -> tuple[list[str], list[str]]:
    """The names of a folder's subfolders, and of its other entries.

    A symbolic link to a folder is neither: it is not walked into, and not a
    file to look at. A folder that cannot be listed has neither (as for :func:`os.walk`). An
    entry whose kind cannot be told (a symbolic link that loops) is not a
    folder.
    """
    folders: list[str] = []
    files: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                try:
                    is_folder = entry.is_dir()
                except OSError:
                    is_folder = False
                if not is_folder:
                    files.append(entry.name)
                    continue
                try:
                    is_link = entry.is_symlink()
                except OSError:
                    is_link = True
                if not is_link:
                    folders.append(entry.name)
    except OSError:
        return [], []
    return folders, files
