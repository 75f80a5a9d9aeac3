"""What every reporter is given besides the report."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["RenderOptions"]


class RenderOptions(NamedTuple):
    color: bool = False
    quiet: bool = False
