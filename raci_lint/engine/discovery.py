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
    """Ownership files under a folder, skipping VCS folders, virtualenvs and ``exclude``."""

    wanted = tuple(patterns)
    excluded = tuple(exclude)
    anchor = (exclude_folder or folder).resolve()

    def is_excluded(path: str) -> bool:
        if not excluded:
            return False
        relative = Path(os.path.relpath(os.path.abspath(path), anchor)).as_posix()
        return any(glob_matches(pattern, relative) for pattern in excluded)

    found: list[Path] = []
    for current, folders, files in os.walk(folder):
        folders[:] = sorted(
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
    return found
