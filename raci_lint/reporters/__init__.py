"""Output formats: each reporter turns a :class:`~raci_lint.engine.report.Report` into text.

A reporter never decides what is a violation; it only renders one.
:data:`REPORTERS` is the one table of formats: ``--format`` checks against
it, its help lists it, and :func:`render` dispatches through it. A format is
added by writing its module and one line here. Each module is imported only
when its format is used.
"""

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from raci_lint.engine.report import Report

__all__ = ["FORMATS", "REPORTERS", "RenderOptions", "Reporter", "render"]


class RenderOptions(NamedTuple):
    """What every reporter is given besides the report."""

    color: bool = False
    quiet: bool = False


class Reporter:
    """One output format: where its function is, and who reads it."""

    def __init__(self, name: str, module: str, function: str, *, for_people: bool) -> None:
        self.name = name
        self.module = module  # a module of this package
        self.function = function
        self.for_people = for_people  # a terminal format: colour and --statistics apply


REPORTERS = {
    reporter.name: reporter
    for reporter in (
        Reporter("full", "text", "render_full", for_people=True),
        Reporter("concise", "text", "render_concise", for_people=True),
        Reporter("json", "json_format", "render", for_people=False),
        Reporter("sarif", "sarif", "render", for_people=False),
        Reporter("github", "github", "render", for_people=False),
        Reporter("gitlab", "gitlab", "render", for_people=False),
        Reporter("junit", "junit", "render", for_people=False),
        Reporter("json-lines", "json_format", "render_lines", for_people=False),
        Reporter("rdjson", "rdjson", "render", for_people=False),
    )
}
FORMATS = tuple(REPORTERS)
DEFAULT_FORMAT = "full"


def _renderer(name: str) -> Callable[["Report", RenderOptions], str]:
    reporter = REPORTERS.get(name)
    if reporter is None:
        raise ValueError(f"unknown format {name!r}")
    module = importlib.import_module(f"{__name__}.{reporter.module}")
    function: Callable[[Report, RenderOptions], str] = getattr(module, reporter.function)
    return function


def render(report: "Report", name: str, options: RenderOptions | None = None) -> str:
    """The report in the named format."""
    return _renderer(name)(report, options or RenderOptions())
