"""Discovery: the ownership files under a folder."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from pathlib import Path

from raci_lint.settings.config import glob_matches

__all__ = ["SKIPPED_FOLDERS", "discover"]


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
) -> list[Path]:
    """Ownership files under a folder, skipping VCS folders, virtualenvs and ``exclude``.

    Folders are visited depth first, each one's files and then its subfolders
    in sorted order. A symbolic link to a folder is never followed (wherever
    it points, in the folder or outside it, or back at itself), and the walk
    keeps its own stack, so no depth of folders can exhaust Python's.
    """

    wanted = tuple(patterns)
    excluded = tuple(exclude)
    anchor = (exclude_folder or folder).resolve()

    def is_excluded(path: str) -> bool:
        if not excluded:
            return False
        relative = Path(os.path.relpath(os.path.abspath(path), anchor)).as_posix()
        return any(glob_matches(pattern, relative) for pattern in excluded)

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
            if any(fnmatch.fnmatchcase(name, pattern) for pattern in wanted) and not is_excluded(
                os.path.join(current, name)
            ):
                found.append(Path(current) / name)
        # Last pushed, first visited: the subfolders in sorted order.
        pending.extend(os.path.join(current, name) for name in reversed(kept))
    return found


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
