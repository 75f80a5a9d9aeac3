"""Output formats. Each reporter turns a :class:`Report` into text.

A reporter never decides what is a violation; it only renders one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from raci_lint.engine.lint import Report

__all__ = ["FORMATS", "RenderOptions", "render"]

FORMATS = ("full", "concise", "json", "sarif", "github", "gitlab", "junit")


class RenderOptions(NamedTuple):
    color: bool = False
    quiet: bool = False


def _renderer(name: str) -> Callable[[Report, RenderOptions], str]:
    if name in ("full", "concise"):
        from raci_lint.reporters import text

        return text.render_full if name == "full" else text.render_concise
    if name == "json":
        from raci_lint.reporters import json_format

        return json_format.render
    if name == "sarif":
        from raci_lint.reporters import sarif

        return sarif.render
    if name == "github":
        from raci_lint.reporters import github

        return github.render
    if name == "gitlab":
        from raci_lint.reporters import gitlab

        return gitlab.render
    if name == "junit":
        from raci_lint.reporters import junit

        return junit.render
    raise ValueError(f"unknown format {name!r}")


def render(report: Report, name: str, options: RenderOptions | None = None) -> str:
    """The report in the named format."""
    return _renderer(name)(report, options or RenderOptions())
