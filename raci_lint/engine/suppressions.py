"""Inline suppressions: ``# raci-lint: disable=CODES`` comments.

* Trailing a line, or alone on the line above it, a comment suppresses the
  codes for the mapping entry or sequence item whose first token is on that
  line, with its whole value: on a component's id it covers the component.
* ``reason="..."`` and ``until=YYYY-MM-DD`` may follow, in any order;
  ``until`` is the last day the suppression holds.
* ``# raci-lint: disable-file=CODES`` anywhere covers the whole file.

SUP001 reports a suppression that suppressed nothing or names an unknown
code; SUP002 one whose ``until`` has passed (its violations come back).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from raci_lint.fixes import Edit, Fix
from raci_lint.reading.loader import At, Mapping, Node, Sequence, span
from raci_lint.rules.context import Context
from raci_lint.rules.registry import RULES, Rule, find_rule, rule_of
from raci_lint.rules.suppressions import EXPIRED_SUPPRESSION, UNUSED_SUPPRESSION
from raci_lint.violations import Violation
from raci_lint.wording import did_you_mean

__all__ = [
    "Suppression",
    "apply_suppressions",
    "comment_start",
    "parse_suppressions",
    "utc_today",
]

_DIRECTIVE = re.compile(r"#\s*raci-lint\s*:(?P<body>.*)$")
_BODY = re.compile(
    r"\s*(?P<kind>disable-file|disable)\s*=\s*"
    r"(?P<codes>[A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)"
    r"(?P<rest>.*)$"
)
_ATTRIBUTE = re.compile(r'\s+(?:reason="(?P<reason>[^"]*)"|until=(?P<until>\S+))')

Position = tuple[int, int]


def utc_today() -> datetime.date:
    """The date `until=` is checked against when ``--today`` is not given."""
    return datetime.datetime.now(datetime.timezone.utc).date()


@dataclass(repr=False, eq=False)
class Suppression:
    """One suppression comment and what it covers."""

    line: int  # where the comment is (1-based)
    column: int
    end_column: int
    text: str
    file_wide: bool
    codes: list[str]
    reason: str | None = None
    until: datetime.date | None = None
    start: Position = (0, 0)  # the span it covers, 1-based, end exclusive
    end: Position = (0, 0)
    problem: str | None = None  # a malformed comment
    used: set[str] = field(default_factory=set)
    # Character offsets into the text, for fixes: the comment with the spaces
    # before it (the whole line when it is alone on it), and its codes.
    removal: tuple[int, int] = (0, 0)
    codes_at: tuple[int, int] = (0, 0)

    def covers(self, line: int, column: int) -> bool:
        return self.file_wide or self.start <= (line, column) < self.end


def comment_start(line: str) -> int:
    """The index of the ``#`` that starts a YAML comment in a line, or -1."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"" and (index == 0 or line[index - 1] in " \t[{,:-"):
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return index
    return -1


class _Layout:
    """Where entries and items span, and which lines are inside multi-line text."""

    def __init__(self, root: Node | None) -> None:
        # For each line, the span of the outermost entry or item that starts on it.
        self.spans: dict[int, tuple[Position, Position]] = {}
        # For each line a multi-line scalar continues on, the index from
        # which a `#` can start a comment: text before it is the scalar's.
        self.text_until: dict[int, float] = {}
        seen: set[int] = set()
        stack: list[Node] = [root] if root is not None else []
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, Mapping):
                children = []
                for key in node.entries.values():
                    self._add_span(key, key.node)
                    children.append(key.node)
                stack.extend(reversed(children))
            elif isinstance(node, Sequence):
                for item in node.items:
                    self._add_span(item, item)
                stack.extend(reversed(node.items))
            else:
                self._add_text(node)

    def _add_span(self, first: Node, last: Node) -> None:
        line, column, _, _ = span(first)
        if line not in self.spans:
            start = (line, column)
            end = span(last)[2:]
            self.spans[line] = (start, max(end, (start[0], start[1] + 1)))

    def _add_text(self, node: Node) -> None:
        first, _, last, end_column = span(node)
        for inside in range(first + 1, last):
            self.text_until[inside] = float("inf")
        if last > first and end_column > 1:
            self.text_until[last] = end_column - 1

    def is_comment(self, line: int, index: int) -> bool:
        """Whether a `#` at ``index`` of ``line`` starts a comment, not text of a value."""
        return index >= self.text_until.get(line, 0)


def parse_suppressions(text: str, root: Node | None) -> list[Suppression]:
    """Every suppression comment of a file, with the span each one covers."""
    if "raci-lint" not in text:
        return []
    pieces = text.splitlines(keepends=True)
    lines = text.splitlines()
    found: list[Suppression] = []
    layout: _Layout | None = None
    offset = 0
    for number, line in enumerate(lines, start=1):
        line_start = offset
        offset += len(pieces[number - 1])
        if "raci-lint" not in line:
            continue
        start = comment_start(line)
        if start < 0:
            continue
        match = _DIRECTIVE.match(line, start)
        if match is None:
            continue
        if layout is None:
            layout = _Layout(root)
        if not layout.is_comment(number, start):
            continue  # a `#` in the text of a multi-line value
        comment = line[start:].rstrip()
        suppression = Suppression(number, start + 1, len(line.rstrip()) + 1, comment, False, [])
        found.append(suppression)
        if line[:start].strip():
            suppression.removal = (line_start + len(line[:start].rstrip()), line_start + len(line))
        else:
            suppression.removal = (line_start, offset)
        body = _BODY.match(match.group("body"))
        rest = body.group("rest") if body else ""
        attributes = list(_ATTRIBUTE.finditer(rest))
        if body is None or "".join(a.group() for a in attributes) != rest.rstrip():
            suppression.problem = (
                "malformed suppression; write `# raci-lint: disable=CODE[,CODE...]` with "
                'optional reason="..." and until=YYYY-MM-DD'
            )
            continue
        codes_start = match.start("body") + body.start("codes")
        suppression.codes_at = (
            line_start + codes_start,
            line_start + codes_start + len(body.group("codes")),
        )
        suppression.file_wide = body.group("kind") == "disable-file"
        suppression.codes = [code.strip().upper() for code in body.group("codes").split(",")]
        for attribute in attributes:
            if attribute.group("reason") is not None:
                suppression.reason = attribute.group("reason")
            else:
                try:
                    suppression.until = datetime.date.fromisoformat(attribute.group("until"))
                except ValueError:
                    suppression.problem = (
                        f"until={attribute.group('until')} is not a date; write until=YYYY-MM-DD"
                    )
        if suppression.file_wide:
            continue
        target = number
        if not line[:start].strip():
            # Alone on its line: it covers the next line that is not a comment.
            target = next(
                (
                    later
                    for later in range(number + 1, len(lines) + 1)
                    if lines[later - 1].strip() and not lines[later - 1].lstrip().startswith("#")
                ),
                number,
            )
        covered = layout.spans.get(target)
        if covered is None:
            length = len(lines[target - 1]) if target <= len(lines) else 0
            covered = ((target, 1), (target, length + 2))
        suppression.start, suppression.end = covered
    return found


def apply_suppressions(
    violations: list[Violation],
    suppressions: list[Suppression],
    context: Context,
    enabled: set[str],
    today: datetime.date,
    path: str | None = None,
) -> list[Violation]:
    """The violations left after suppressions, plus SUP001/SUP002 findings.

    ``path`` names the file the comments are in, when it is not the checked one.
    """
    if not suppressions:
        return violations
    active = [
        s for s in suppressions if s.problem is None and (s.until is None or s.until >= today)
    ]
    kept = []
    for violation in violations:
        if not rule_of(violation.code).suppressible:
            kept.append(violation)
            continue
        holder = next(
            (
                s
                for s in active
                if violation.code in s.codes and s.covers(violation.line, violation.column)
            ),
            None,
        )
        if holder is None:
            kept.append(violation)
        else:
            holder.used.add(violation.code)
    kept.extend(_findings(suppressions, context, enabled, today, path))
    return kept


def _unused(suppression: Suppression, enabled: set[str]) -> set[str]:
    """The codes of a comment that suppress nothing: unknown, unsuppressible or unused."""
    unused = set()
    for code in suppression.codes:
        known = find_rule(code)
        if (
            known is None
            or not known.suppressible
            or (code in enabled and code not in suppression.used)
        ):
            unused.add(code)
    return unused


def _removal(
    suppression: Suppression, context: Context, current: Rule, unused: set[str] | None = None
) -> Fix | None:
    """The fix that drops the unused codes of a comment, or the whole comment."""
    kept = [code for code in suppression.codes if unused is not None and code not in unused]
    if kept:
        edit = Edit(*suppression.codes_at, ",".join(kept))
        title = (
            f"Remove {', '.join(sorted(set(suppression.codes) - set(kept)))} from the suppression"
        )
    else:
        edit = Edit.delete(*suppression.removal)
        title = "Remove the suppression comment"
    return context.fix([edit], title, current=current)


def _findings(
    suppressions: list[Suppression],
    context: Context,
    enabled: set[str],
    today: datetime.date,
    path: str | None,
) -> Iterator[Violation]:
    for suppression in suppressions:
        report = _reporter(suppression, context, path)
        if suppression.problem is not None:
            yield report(UNUSED_SUPPRESSION, suppression.problem, "malformed", None)
            continue
        if suppression.until is not None and suppression.until < today:
            reason = f" ({suppression.reason})" if suppression.reason else ""
            yield report(
                EXPIRED_SUPPRESSION,
                f"suppression of {', '.join(suppression.codes)}{reason} expired on "
                f"{suppression.until.isoformat()}; its violations are reported again",
                "expired",
                _removal(suppression, context, EXPIRED_SUPPRESSION),
            )
            continue
        unused = _unused(suppression, enabled)
        fix = _removal(suppression, context, UNUSED_SUPPRESSION, unused) if unused else None
        for code in suppression.codes:
            known = find_rule(code)
            if known is None:
                match = did_you_mean(code, list(RULES))
                hint = f"; did you mean '{match}'?" if match else ""
                yield report(
                    UNUSED_SUPPRESSION, f"unknown code '{code}' in suppression{hint}", code, fix
                )
            elif not known.suppressible:
                yield report(UNUSED_SUPPRESSION, f"{code} cannot be suppressed", code, fix)
            elif code in enabled and code not in suppression.used:
                yield report(
                    UNUSED_SUPPRESSION,
                    f"suppression of {code} suppressed nothing; remove it",
                    code,
                    fix,
                )


def _reporter(
    suppression: Suppression, context: Context, path: str | None
) -> Callable[[Rule, str, str, Fix | None], Violation]:
    def report(current: Rule, message: str, key: str, fix: Fix | None) -> Violation:
        return context.violation(
            current,
            At(suppression.line, suppression.column, suppression.line, suppression.end_column),
            message,
            subject=None,
            key=f"{suppression.text}:{key}",
            path=path,
            fix=fix,
        )

    return report
