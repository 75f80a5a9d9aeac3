"""Paths a repository file names, confined to the repository root.

A path that a repository file names (an include, a taxonomy, a CODEOWNERS
file) is read or written only when what it resolves to, symbolic links
followed, lies inside the root. A path the command line names is the
invoking user's choice and is not confined.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["OUTSIDE", "inside", "is_link"]

# How a path outside the root is told, after its name.
OUTSIDE = "leaves the repository root"


def inside(path: Path, root: Path) -> bool:
    """True when ``path``, resolved (links followed, even a dangling one), is under ``root``."""
    try:
        real = os.path.realpath(path)
        top = os.path.realpath(root)
    except (OSError, ValueError):  # a NUL byte, a name too long
        return False
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def is_link(path: Path) -> bool:
    """True for a symbolic link, dangling or not (never raises)."""
    try:
        return os.path.islink(path)
    except (OSError, ValueError):
        return False
