"""Applying fixes to files: to a fixed point, never for the worse, written safely.

:func:`fix_file` lints a file's text, applies the fixes its violations offer
(safe ones, and unsafe ones when asked) whose edits do not overlap, lints the
result, and goes on until nothing is left to fix or :data:`MAX_ROUNDS` is
reached. A round that makes the file worse (it no longer parses, or holds a
violation it did not hold before) is taken back and its fixes tried in
halves, so that one bad fix never costs the good ones. :func:`write_fixed`
writes the result only when the file's bytes are still those read, never
through a link, never outside its repository, in the encoding it came in.
"""

from __future__ import annotations

import codecs
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from raci_lint.engine.lint import Run, lint_bytes
from raci_lint.engine.report import Report
from raci_lint.engine.suppressions import comment_start
from raci_lint.fixes import Fix, apply_fixes
from raci_lint.model.codeowners import BlockError, current_block, replace_block
from raci_lint.reading.files import UnreadablePath, inside, is_link, read_file
from raci_lint.reading.loader import Mapping, Node, Scalar, Sequence, load_text
from raci_lint.reading.repository import repository_root
from raci_lint.rules.registry import rule_of
from raci_lint.rules.syntax import INVALID_YAML, LIMITS_EXCEEDED, SCHEMA_VIOLATION
from raci_lint.settings.options import LintOptions
from raci_lint.settings.resolver import Settings
from raci_lint.violations import Violation
from raci_lint.wording import display_path, neutralize
from raci_lint.writing import write_atomic

__all__ = [
    "MAX_ROUNDS",
    "FileFix",
    "add_suppressions",
    "data_of",
    "fix_codeowners",
    "fix_file",
    "fix_text",
    "read_for_fixing",
    "same_data",
    "suppress_text",
    "write_fixed",
]

# Rounds of fixing per file: a fix may uncover another (a normalised kind
# lets the discipline rules run), rarely more than two or three deep.
MAX_ROUNDS = 10
# Lints per file spent looking for the fixes of a round that made it worse.
_BISECT_BUDGET = 40

Linter = Callable[[str], list[Violation]]


class FileFix:
    """What fixing one file did: its text before and after, and how many violations fixed."""

    def __init__(self, path: Path, shown: str, data: bytes, before: str, bom: str) -> None:
        self.path = path
        self.shown = shown
        self.data = data  # the bytes read, compared again before writing
        self.before = before
        self.after = before
        self.bom = bom  # "\ufeff" when the file starts with a UTF-8 byte-order mark
        self.fixed = 0
        self.applied: list[Fix] = []
        self.problem: str | None = None  # why the file is not fixed (one line)

    @property
    def changed(self) -> bool:
        return self.after != self.before


def data_of(node: Node | None) -> object:
    """A node tree as plain data (text, lists, dicts), to compare two readings of a file."""
    if node is None:
        return None
    if type(node) is Mapping:
        return {key: data_of(entry.node) for key, entry in node.entries.items()}
    if type(node) is Sequence:
        return [data_of(item) for item in node.items]
    assert type(node) is Scalar
    return (node.value, node.tag, bool(node.style))


def _fixable(unsafe: bool, keep: Callable[[Violation], bool]) -> Callable[[Violation], bool]:
    def wanted(violation: Violation) -> bool:
        fix = violation.fix
        return fix is not None and fix.path is None and (fix.safe or unsafe) and keep(violation)

    return wanted


# A fix may never add one of these: the file would no longer read, or no
# longer hold the shape the format asks for.
_BREAKING = (INVALID_YAML.code, SCHEMA_VIOLATION.code, LIMITS_EXCEEDED.code)


def _worse(before: list[Violation], after: list[Violation]) -> bool:
    """Whether a fixed text is worse: more violations, or more that say it does not read.

    A text that no longer parses is worse whatever the count (its other
    violations are gone with its tree). A fix may uncover a violation that
    the one it fixed hid (a kind now known is checked for its disciplines):
    that is no worse as long as the count does not grow.
    """
    if len(after) > len(before):
        return True
    had = Counter(v.code for v in before if v.code in _BREAKING)
    has = Counter(v.code for v in after if v.code in _BREAKING)
    return any(count > had[code] for code, count in has.items())


def fix_text(
    text: str,
    lint_text: Linter,
    *,
    unsafe: bool = False,
    keep: Callable[[Violation], bool] = lambda violation: True,
    first: list[Violation] | None = None,
) -> tuple[str, list[Fix]]:
    """Fix a text to a fixed point; returns the new text and the fixes applied.

    ``lint_text`` gives the violations of a text of this file; ``first``,
    those of ``text`` when already known. Only violations ``keep`` accepts
    are fixed (not those a baseline holds).
    """
    wanted = _fixable(unsafe, keep)
    current = first if first is not None else lint_text(text)
    applied: list[Fix] = []
    budget = [_BISECT_BUDGET]
    refused: set[str] = set()  # fingerprints whose fix made the file worse
    for _ in range(MAX_ROUNDS):
        candidates = sorted(
            (v for v in current if wanted(v) and v.fingerprint not in refused),
            key=Violation.sort_key,
        )
        if not candidates:
            break
        new, chosen, after = _round(text, current, candidates, lint_text, budget, refused)
        if not chosen:
            break
        text, current = new, after
        applied.extend(chosen)
    return text, applied


def _round(
    text: str,
    current: list[Violation],
    candidates: list[Violation],
    lint_text: Linter,
    budget: list[int],
    refused: set[str],
) -> tuple[str, list[Fix], list[Violation]]:
    """One round: the candidates' fixes, or as many of them as leave the file no worse."""
    new, chosen = apply_fixes(text, [v.fix for v in candidates if v.fix is not None])
    if not chosen:
        return text, [], current
    after = lint_text(new)
    budget[0] -= 1
    if not _worse(current, after):
        return new, chosen, after
    if len(candidates) == 1 or budget[0] <= 0:
        refused.update(v.fingerprint for v in candidates)
        return text, [], current
    half = len(candidates) // 2
    new, chosen, after = _round(text, current, candidates[:half], lint_text, budget, refused)
    if chosen:
        return new, chosen, after
    return _round(text, current, candidates[half:], lint_text, budget, refused)


_OTHER_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def read_for_fixing(path: Path, shown: str, options: LintOptions) -> FileFix:
    """A file's bytes and text, ready to fix; ``problem`` says why it cannot be."""
    try:
        data = read_file(path, options.limits)
    except UnreadablePath as error:
        # Its message names the file first: said once, as the others say it.
        reason = str(error).removeprefix(f"{display_path(path)}: ")
        outcome = FileFix(path, shown, b"", "", "")
        outcome.problem = f"{neutralize(shown)}: not fixed: {neutralize(reason)}"
        return outcome
    except (OSError, ValueError) as error:
        outcome = FileFix(path, shown, b"", "", "")
        outcome.problem = f"{neutralize(shown)}: not fixed: {neutralize(str(error))}"
        return outcome
    if data is None:
        outcome = FileFix(path, shown, b"", "", "")
        outcome.problem = f"{neutralize(shown)}: not fixed: over the size limit"
        return outcome
    bom = ""
    body = data
    if data.startswith(codecs.BOM_UTF8):
        bom, body = "\ufeff", data[len(codecs.BOM_UTF8) :]
    else:
        for mark, name in _OTHER_BOMS:
            if data.startswith(mark):
                outcome = FileFix(path, shown, data, "", "")
                outcome.problem = (
                    f"{neutralize(shown)}: not fixed: the file is {name}; raci-lint writes "
                    "fixes in UTF-8 only (save it as UTF-8 to fix it)"
                )
                return outcome
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        outcome = FileFix(path, shown, data, "", "")
        outcome.problem = f"{neutralize(shown)}: not fixed: the file is not valid UTF-8"
        return outcome
    return FileFix(path, shown, data, text, bom)


def fix_file(
    path: Path,
    shown: str,
    options: LintOptions,
    lint_bytes: Callable[[bytes], Report],
    *,
    unsafe: bool = False,
    keep: Callable[[Violation], bool] = lambda violation: True,
    first: list[Violation] | None = None,
) -> FileFix:
    """Fix one file in memory (nothing is written): see :func:`write_fixed`."""
    outcome = read_for_fixing(path, shown, options)
    if outcome.problem is not None:
        return outcome
    bom = outcome.bom

    def lint_text(text: str) -> list[Violation]:
        report = lint_bytes((bom + text).encode("utf-8"))
        return [v for v in report.violations if v.path == shown]

    mine = None if first is None else [v for v in first if v.path == shown]
    outcome.after, outcome.applied = fix_text(
        outcome.before, lint_text, unsafe=unsafe, keep=keep, first=mine
    )
    outcome.fixed = len(outcome.applied)
    return outcome


def write_fixed(outcome: FileFix, options: LintOptions, root: Path | None = None) -> str | None:
    """Write a fixed file; returns None, or why it was not written (one line).

    The file must still hold the bytes read (else someone changed it during
    the run), must not be a symbolic link, and must lie inside its
    repository (``root``, else the run's --repo-root, else the git top level of
    the working folder, else the working folder). Not the repository of the
    file's own folder: a committed link to a folder elsewhere would make that
    one the file's "repository", and the fix would write outside the run's.
    """
    shown = neutralize(outcome.shown)
    path = outcome.path
    if is_link(path):
        return f"{shown}: not fixed: it is a symbolic link; raci-lint writes through no link"
    here = Path.cwd()
    top = root or options.repo_root or repository_root(here) or here
    if not inside(path, top):
        return f"{shown}: not fixed: it lies outside the repository ({neutralize(str(top))})"
    try:
        now = read_file(path, options.limits)
    except (UnreadablePath, OSError, ValueError) as error:
        return f"{shown}: not fixed: cannot be read again: {neutralize(str(error))}"
    if now != outcome.data:
        return f"{shown}: not fixed: the file changed during the run; run raci-lint again"
    try:
        write_atomic(path, outcome.bom + outcome.after, replace_link=False)
    except OSError as error:
        return f"{shown}: not fixed: cannot be written: {neutralize(str(error))}"
    return None


# ------------------------------------------------------------ --add-suppressions

SUPPRESSION = '# raci-lint: disable={codes} reason=""'


def _same_data(before: Node | None, after: str, options: LintOptions) -> bool:
    """Whether ``after`` reads as the data of the tree ``before``, without a problem."""
    second = load_text(after, options.limits)
    return not second.problems and same_data(before, second.root)


def same_data(first: Node | None, second: Node | None) -> bool:
    """Whether two node trees read as the same data (what :func:`data_of` compares).

    Each pair of nodes is compared once: aliases share nodes, and a tree
    that expands to billions of nodes (limits a configuration may raise)
    holds only as many as it writes. Iterative: no depth exhausts the stack.
    """
    seen: set[tuple[int, int]] = set()
    pending: list[tuple[Node | None, Node | None]] = [(first, second)]
    while pending:
        one, other = pending.pop()
        pair = (id(one), id(other))
        if pair in seen:
            continue
        seen.add(pair)
        if one is None or other is None or type(one) is not type(other):
            if one is not other:
                return False
            continue
        if type(one) is Mapping:
            assert type(other) is Mapping
            if one.entries.keys() != other.entries.keys():
                return False
            pending.extend((one.entries[key].node, other.entries[key].node) for key in one.entries)
        elif type(one) is Sequence:
            assert type(other) is Sequence
            if len(one.items) != len(other.items):
                return False
            pending.extend(zip(one.items, other.items, strict=True))
        else:
            assert type(one) is Scalar and type(other) is Scalar
            if (one.value, one.tag, bool(one.style)) != (other.value, other.tag, bool(other.style)):
                return False
    return True


def _suppressed(text: str, lines: dict[int, list[str]], trailing: bool) -> str:
    """The text with a suppression comment for the codes of each line."""
    parts: list[str] = []
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        codes = lines.get(number)
        if codes is None:
            parts.append(line)
            continue
        body = line.rstrip("\r\n\x85\u2028\u2029")
        ending = line[len(body) :]
        comment = SUPPRESSION.format(codes=",".join(codes))
        if trailing and comment_start(body) < 0:
            parts.append(f"{body.rstrip()}  {comment}{ending}")
        else:
            indent = body[: len(body) - len(body.lstrip(" "))]
            parts.append(f"{indent}{comment}{ending or chr(10)}")
            parts.append(line)
    return "".join(parts)


def suppress_text(
    text: str, violations: list[Violation], lint_text: Linter, options: LintOptions
) -> tuple[str, int]:
    """Add a suppression comment for each violation a comment may hide.

    A comment trails the violation's line, or goes alone on the line above
    when the line has one already. Kept only when the file still reads as
    the same data and the violations it names are gone; else each line is
    tried alone, the other way too.
    """
    lines: dict[int, list[str]] = {}
    for violation in violations:
        if rule_of(violation.code).suppressible:
            codes = lines.setdefault(violation.line, [])
            if violation.code not in codes:
                codes.append(violation.code)
    if not lines:
        return text, 0

    parsed: dict[str, Node | None] = {}  # the tree of the text being added to, parsed once

    def works(candidate: str, wanted: dict[int, list[str]]) -> int:
        """How many violations the comments hide, or 0 unless they hide all they name."""
        if text not in parsed:
            parsed.clear()
            parsed[text] = load_text(text, options.limits).root
        if candidate == text or not _same_data(parsed[text], candidate, options):
            return 0
        targeted = [v for v in violations if v.code in wanted.get(v.line, ())]
        allowed = Counter(v.fingerprint for v in violations)
        allowed.subtract(v.fingerprint for v in targeted)
        left = Counter(v.fingerprint for v in lint_text(candidate))
        return 0 if any(count > allowed[key] for key, count in left.items()) else len(targeted)

    for trailing in (True, False):
        candidate = _suppressed(text, lines, trailing)
        count = works(candidate, lines)
        if count:
            return candidate, count
    added = 0
    budget = _BISECT_BUDGET
    for number in sorted(lines, reverse=True):  # from the end: earlier lines keep their numbers
        for trailing in (True, False):
            if budget <= 0:
                return text, added
            budget -= 1
            one = {number: lines[number]}
            candidate = _suppressed(text, one, trailing)
            count = works(candidate, one)
            if count:
                text, added = candidate, added + count
                break
    return text, added


def add_suppressions(
    files: list[tuple[Path, str]], settings: Settings, report: Report
) -> tuple[int, list[str]]:
    """`--add-suppressions`: comment what is left in each file; (number added, problems)."""
    added = 0
    problems: list[str] = []
    for path, shown in files:
        mine = [v for v in report.violations if v.path == shown]
        if not any(rule_of(v.code).suppressible for v in mine):
            continue
        options = settings.options_for(path)
        outcome = read_for_fixing(path, shown, options)
        if outcome.problem is not None:
            problems.append(outcome.problem.replace("not fixed", "no suppression added"))
            continue

        def lint_text(
            text: str,
            path: Path = path,
            shown: str = shown,
            options: LintOptions = options,
            bom: str = outcome.bom,
        ) -> list[Violation]:
            found = lint_bytes((bom + text).encode("utf-8"), shown, options, path, Run())
            return [v for v in found.violations if v.path == shown]

        current = lint_text(outcome.before)
        outcome.after, count = suppress_text(outcome.before, current, lint_text, options)
        if not count:
            continue
        problem = write_fixed(outcome, options)
        if problem is not None:
            problems.append(problem)
            continue
        added += count
    return added, problems


# ------------------------------------------------------------ CODEOWNERS (PATH004)


def fix_codeowners(violation: Violation, options: LintOptions, root: Path) -> FileFix | None:
    """PATH004's fix as a fixed file: the CODEOWNERS text with its block regenerated.

    Its edit replaces the whole text the engine read; it is made only when
    the file, read again, still has every line outside the block as then
    (the block itself is what is being replaced), is named CODEOWNERS, lies
    inside the repository outside `.git`, and is no link.
    """
    fix = violation.fix
    if fix is None or violation.code != "PATH004" or len(fix.edits) != 1:
        return None
    path = Path(violation.path)
    outcome = read_for_fixing(path, violation.path, options)
    shown = neutralize(violation.path)
    if outcome.problem is None:
        if path.name != "CODEOWNERS" or ".git" in path.resolve().parts:
            outcome.problem = f"{shown}: not fixed: not a CODEOWNERS file of the repository"
        elif is_link(path) or not inside(path, root):
            outcome.problem = f"{shown}: not fixed: it is a link or lies outside the repository"
    if outcome.problem is not None:
        return outcome
    [edit] = fix.edits
    # The engine's text of the file may begin with its byte-order mark; the
    # text read here has it apart (written back by write_fixed).
    wanted = edit.text[1:] if edit.text.startswith("\ufeff") else edit.text
    block = current_block(wanted)
    try:
        same = block is not None and replace_block(outcome.before, block) == wanted
    except BlockError:
        same = False
    if not same:
        outcome.problem = (
            f"{shown}: not fixed: the file changed during the run; run raci-lint again"
        )
        return outcome
    outcome.after = wanted
    outcome.applied = [fix]
    outcome.fixed = 1
    return outcome
