"""`check --fix`, `--unsafe-fixes`, `--diff`, `--fix-only` and `--add-suppressions`.

Imported by `check` only when one of them is given. Each checked file is
fixed in memory to a fixed point (``engine.fixing``); ``--diff`` prints what
would change, the others write each changed file (atomically, never through
a link, only when its bytes are still those read) and `check` lints again
to report what is left.
"""

from __future__ import annotations

import bisect
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


def _more(report: Report, unsafe: bool) -> str:
    """How many violations left have a fix that only --unsafe-fixes applies (as ruff says)."""
    if unsafe:
        return ""
    count = sum(1 for v in report.violations if v.fix is not None and not v.fix.safe)
    return f" ({plural(count, 'more fix', 'more fixes')} with --unsafe-fixes)" if count else ""


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


# difflib's (tag, i1, i2, j1, j2): lines a[i1:i2] become b[j1:j2].
Opcode = tuple[str, int, int, int, int]


def _anchored_opcodes(a: list[str], b: list[str]) -> list[Opcode]:
    """difflib's opcodes, in near-linear time: anchored at the lines unique to both sides.

    difflib alone is quadratic on a file of ten thousand alike components
    (minutes); fixes change a few lines here and there, so the lines that
    occur once in each text (a component's id) cut the work into small
    pieces, each diffed by difflib (as patience diff does).
    """
    count_a, count_b = Counter(a), Counter(b)
    where_b = {line: j for j, line in enumerate(b) if count_b[line] == 1}
    pairs = [
        (i, where_b[line]) for i, line in enumerate(a) if count_a[line] == 1 and line in where_b
    ]
    # The longest chain of pairs increasing on both sides.
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        place = bisect.bisect_left(tails, j)
        if place == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[place] = j
            tail_index[place] = index
        previous[index] = tail_index[place - 1] if place else -1
    chain: list[tuple[int, int]] = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    chain.reverse()
    opcodes: list[Opcode] = []
    start_a = start_b = 0
    for anchor_a, anchor_b in [*chain, (len(a), len(b))]:
        matcher = difflib.SequenceMatcher(
            None, a[start_a:anchor_a], b[start_b:anchor_b], autojunk=False
        )
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            opcodes.append((tag, i1 + start_a, i2 + start_a, j1 + start_b, j2 + start_b))
        if anchor_a < len(a):
            opcodes.append(("equal", anchor_a, anchor_a + 1, anchor_b, anchor_b + 1))
        start_a, start_b = anchor_a + 1, anchor_b + 1
    merged: list[Opcode] = []
    for code in opcodes:
        if code[1] == code[2] and code[3] == code[4]:
            continue
        if merged and merged[-1][0] == code[0] == "equal":
            last = merged[-1]
            merged[-1] = ("equal", last[1], code[2], last[3], code[4])
        else:
            merged.append(code)
    return merged


def _hunks(opcodes: list[Opcode], context: int) -> Iterator[list[Opcode]]:
    """The opcodes in hunks with ``context`` equal lines around each change (as difflib's)."""
    if all(code[0] == "equal" for code in opcodes):
        return
    codes = list(opcodes)
    tag, i1, i2, j1, j2 = codes[0]
    if tag == "equal":  # the file's start: only the context before the first change
        codes[0] = (tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2)
    tag, i1, i2, j1, j2 = codes[-1]
    if tag == "equal":
        codes[-1] = (tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context))
    group: list[Opcode] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * context:
            # A long equal run ends one hunk and starts the next.
            group.append((tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - context), max(j1, j2 - context)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


def _range(start: int, stop: int) -> str:
    """A unified diff's line range, as difflib writes it."""
    length = stop - start
    first = start + 1 if length else start
    return f"{first}" if length == 1 else f"{first},{length}"


def unified_diff(outcome: FileFix) -> str:
    """The change to one file as a unified diff (3 lines of context), every line neutralised."""
    before = outcome.before.splitlines(keepends=True)
    after = outcome.after.splitlines(keepends=True)
    name = neutralize(outcome.shown)
    lines: list[str] = []
    for group in _hunks(_anchored_opcodes(before, after), 3):
        if not lines:
            lines += [f"--- {name}\n", f"+++ {name}\n"]
        first, last = group[0], group[-1]
        lines.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [" " + line for line in before[i1:i2]]
                continue
            lines += ["-" + line for line in before[i1:i2]]
            lines += ["+" + line for line in after[j1:j2]]
    shown = []
    for line in lines:
        body = line.rstrip("\r\n")
        shown.append(neutralize(body, keep="\t") + "\n")
        if body == line and not line.startswith(("---", "+++", "@@")):
            shown.append("\\ No newline at end of file\n")
    return "".join(shown)


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
            say(f"Would fix {plural(fixed, 'violation')}{_more(report, unsafe)}.", err=True)
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
        suppressions = plural(added, "suppression")
        if request.fix and fixed:
            say(f"Fixed {plural(fixed, 'violation')}, added {suppressions}.")
        else:
            say(f"Added {suppressions}.")
        code = EXIT_ERROR if problems or failed or report.errors else EXIT_OK
        return FixResult(code, fixed), report
    if request.fix_only:
        say(f"Fixed {plural(fixed, 'violation')}{_more(report, request.unsafe_fixes)}.")
        return FixResult(EXIT_ERROR if failed or report.errors else EXIT_OK, fixed), report
    report.fixed = fixed
    return FixResult(None, fixed, failed), report
