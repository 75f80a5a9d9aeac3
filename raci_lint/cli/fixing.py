"""`check --fix`, `--unsafe-fixes`, `--diff`, `--fix-only` and `--add-suppressions`.

Imported by `check` only when one of them is given. Each checked file is
fixed in memory to a fixed point (``engine.fixing``); ``--diff`` prints what
would change, the others write each changed file (atomically, never through
a link, only when its bytes are still those read) and `check` lints again
to report what is left.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from raci_lint.cli.output import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS, error_line, say, write
from raci_lint.engine.fixing import (
    FileFix,
    add_suppressions,
    fix_codeowners,
    fix_file,
    write_fixed,
)
from raci_lint.engine.lint import Problem, Run, lint_bytes, targets
from raci_lint.engine.report import Report
from raci_lint.reading.repository import repository_root
from raci_lint.settings.resolver import Settings
from raci_lint.violations import Violation
from raci_lint.wording import display_path, neutralize, plural

__all__ = ["FixRequest", "FixResult", "run_fixes", "unified_diff"]


class FixRequest:
    """What the fixing options of `check` ask for."""

    def __init__(
        self,
        *,
        fix: bool = False,
        unsafe_fixes: bool = False,
        diff: bool = False,
        fix_only: bool = False,
        add_suppressions: bool = False,
    ) -> None:
        self.fix = fix or fix_only
        self.unsafe_fixes = unsafe_fixes
        self.diff = diff
        self.fix_only = fix_only
        self.add_suppressions = add_suppressions

    @property
    def active(self) -> bool:
        return self.fix or self.diff or self.add_suppressions


class FixResult:
    """What fixing did: an exit code when the command is done, else the number fixed."""

    def __init__(self, exit_code: int | None = None, fixed: int = 0, failed: bool = False) -> None:
        self.exit_code = exit_code
        self.fixed = fixed
        self.failed = failed  # a file could not be written: the run exits 2


def _files(paths: list[str], settings: Settings, report: Report) -> Iterator[tuple[Path, str]]:
    """The checked files (path, shown), in the order of the run."""
    checked = set(report.files)
    for target in targets(paths, settings):
        if isinstance(target, (Problem, str)):
            continue
        shown = display_path(target)
        if shown in checked:
            yield target, shown


def _held_by_baseline(report: Report) -> Callable[[Violation], bool]:
    """Keep what the run reports: a violation the baseline holds is not fixed."""
    held = Counter(v.fingerprint for v in report.found)
    held.subtract(v.fingerprint for v in report.violations)
    return lambda violation: held[violation.fingerprint] <= 0


def fix_all(paths: list[str], settings: Settings, report: Report, unsafe: bool) -> list[FileFix]:
    """Every checked file that has something to fix, fixed in memory."""
    keep = _held_by_baseline(report)
    offered = {
        v.path
        for v in report.violations
        if v.fix is not None and v.fix.path is None and (v.fix.safe or unsafe)
    }
    outcomes = []
    for path, shown in _files(paths, settings, report):
        if shown not in offered:
            continue  # most files offer nothing: not read again
        options = settings.options_for(path)

        def lint_again(data: bytes, path: Path = path, shown: str = shown) -> Report:
            return lint_bytes(data, shown, settings.options_for(path), path, Run())

        outcomes.append(fix_file(path, shown, options, lint_again, unsafe=unsafe, keep=keep))
    return outcomes


def fix_others(settings: Settings, report: Report, unsafe: bool) -> list[FileFix]:
    """The fixes of files the run does not check but a rule reports on (PATH004's CODEOWNERS)."""
    keep = _held_by_baseline(report)
    checked = set(report.files)
    root = settings.overrides.repo_root or repository_root(Path()) or Path()
    outcomes = []
    done: set[str] = set()
    for violation in report.violations:
        fix = violation.fix
        if fix is None or violation.path in checked or violation.path in done:
            continue
        if not (fix.safe or unsafe) or not keep(violation):
            continue
        done.add(violation.path)
        outcome = fix_codeowners(violation, settings.options_for(Path(violation.path)), root)
        if outcome is not None:
            outcomes.append(outcome)
    return outcomes


def unified_diff(outcome: FileFix) -> str:
    """The change to one file as a unified diff, every line neutralised."""
    before = outcome.before.splitlines(keepends=True)
    after = outcome.after.splitlines(keepends=True)
    name = neutralize(outcome.shown)
    lines = []
    for line in difflib.unified_diff(before, after, fromfile=name, tofile=name):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        lines.append(neutralize(body, keep="\t") + "\n")
        if not ending and not line.startswith(("---", "+++", "@@")):
            lines.append("\\ No newline at end of file\n")
    return "".join(lines)


def _usable(outcomes: list[FileFix]) -> tuple[list[FileFix], bool]:
    """The outcomes that change a file, and whether one was refused (said on stderr)."""
    refused = False
    for outcome in outcomes:
        if outcome.problem is not None:
            error_line(outcome.problem)
            refused = True
    return [o for o in outcomes if o.problem is None and o.changed], refused


def run_fixes(
    request: FixRequest,
    paths: list[str],
    settings: Settings,
    report: Report,
    lint_again: Callable[[], Report],
) -> tuple[FixResult, Report]:
    """Fix as asked; returns the outcome and the report of what is left."""
    failed = False
    fixed = 0
    if request.fix or request.diff:
        unsafe = request.unsafe_fixes
        outcomes = fix_all(paths, settings, report, unsafe)
        if request.diff:
            outcomes += fix_others(settings, report, unsafe)
            changed, failed = _usable(outcomes)
            fixed = sum(o.fixed for o in changed)
            write("".join(unified_diff(o) for o in changed))
            say(f"Would fix {plural(fixed, 'violation')}.", err=True)
            code = EXIT_ERROR if failed or report.errors else EXIT_VIOLATIONS if fixed else EXIT_OK
            return FixResult(code, fixed), report
        for step in range(2):
            if step == 1:
                # The files the fixed ones imply (CODEOWNERS), from what they say now.
                outcomes = fix_others(settings, report, unsafe)
            changed, refused = _usable(outcomes)
            failed = failed or refused
            for outcome in changed:
                problem = write_fixed(outcome, settings.options_for(outcome.path))
                if problem is None:
                    fixed += outcome.fixed
                else:
                    error_line(problem)
                    failed = True
            if changed:
                report = lint_again()
    if request.add_suppressions:
        added, problems = add_suppressions(list(_files(paths, settings, report)), settings, report)
        for problem in problems:
            error_line(problem)
        say(f"Added {plural(added, 'suppression')}.")
        code = EXIT_ERROR if problems or failed or report.errors else EXIT_OK
        return FixResult(code, fixed), report
    if request.fix_only:
        say(f"Fixed {plural(fixed, 'violation')}.")
        return FixResult(EXIT_ERROR if failed or report.errors else EXIT_OK, fixed), report
    report.fixed = fixed
    return FixResult(None, fixed, failed), report
