"""The terminal formats: ``full`` (with hints and a summary) and ``concise``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from raci_lint.reporters import RenderOptions
from raci_lint.wording import neutralize, plural

if TYPE_CHECKING:
    from raci_lint.engine.report import Report
    from raci_lint.violations import Violation


_STYLES = {
    "error": "\x1b[1;31m",
    "warning": "\x1b[1;33m",
    "info": "\x1b[1;36m",
    "code": "\x1b[1m",
    "path": "\x1b[1m",
    "dim": "\x1b[2m",
    "green": "\x1b[32m",
}
_RESET = "\x1b[0m"


def _paint(text: str, style: str, color: bool) -> str:
    return f"{_STYLES[style]}{text}{_RESET}" if color else text


def _line(violation: Violation, color: bool) -> str:
    where = f"{neutralize(violation.path)}:{violation.line}:{violation.column}:"
    return (
        f"{_paint(where, 'path', color)} {_paint(violation.code, 'code', color)} "
        f"{_paint(f'[{violation.severity}]', violation.severity, color)} "
        f"{neutralize(violation.message)} {_paint(f'({violation.name})', 'dim', color)}"
    )


def summary(report: Report, color: bool = False) -> str:
    """'Found 3 errors, 1 warning in 1 file.' or 'All checks passed: 2 files checked.'

    After `check --fix`: 'Found 5 violations (3 fixed, 2 remaining): 2 errors
    in 1 file.' or 'Found 3 violations (3 fixed, 0 remaining).', as ruff says it.
    """
    counts = report.counts()
    files = len({v.path for v in report.violations})
    parts = [
        plural(counts[name], name, "info" if name == "info" else None)
        for name in ("error", "warning", "info")
        if counts[name]
    ]
    fixed = report.fixed
    if fixed:
        left = len(report.violations)
        line = f"Found {plural(fixed + left, 'violation')} ({fixed} fixed, {left} remaining)"
        line += f": {', '.join(parts)} in {plural(files, 'file')}." if parts else "."
    elif not parts:
        checked = len(report.files)
        line = _paint(f"All checks passed: {plural(checked, 'file')} checked.", "green", color)
    else:
        line = f"Found {', '.join(parts)} in {plural(files, 'file')}."
    baseline = report.baseline
    if baseline is not None:
        line += f" {plural(baseline.matched, 'violation')} held by the baseline."
        if baseline.stale:
            gone = "entry no longer occurs" if baseline.stale == 1 else "entries no longer occur"
            line += f" {baseline.stale} baseline {gone}: shrink the baseline with --write-baseline."
    return line


def with_summary(lines: list[str], report: Report, color: bool = False) -> str:
    """The lines, then the summary line when anything was checked: the output's text."""
    if report.files or report.violations:
        lines.append(summary(report, color))
    return "\n".join(lines) + ("\n" if lines else "")


def render_full(report: Report, options: RenderOptions) -> str:
    lines = []
    if not options.quiet:
        for violation in report.violations:
            lines.append(_line(violation, options.color))
            if violation.hint:
                lines.append(f"  {_paint('hint:', 'dim', options.color)} {violation.hint}")
    return with_summary(lines, report, options.color)


def render_concise(report: Report, options: RenderOptions) -> str:
    lines = [] if options.quiet else [_line(v, options.color) for v in report.violations]
    return with_summary(lines, report, options.color)
