"""The code actions of a violation: its fix, and a suppression comment on its line.

Each action is a title, the file its edits apply to (None: the violation's
own), the edits (character offsets into that file's text as the editor
holds it, end exclusive, and the new text) and whether it is preferred.
The fix is the engine's (``Violation.fix``, offsets into the text the
engine read); this module only moves its offsets past a byte order mark.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from raci_lint.engine.suppressions import comment_start
from raci_lint.fixes import Fix, apply_fixes
from raci_lint.rules.registry import find_rule
from raci_lint.server.positions import LineIndex
from raci_lint.violations import Violation

__all__ = ["Action", "actions_for", "fix_all", "suppress"]

Edit = tuple[int, int, str]


class Action(NamedTuple):
    title: str
    path: str | None  # the shown path of the file edited; None: the violation's own
    edits: list[Edit]
    preferred: bool


# A trailing (or lone) `# raci-lint: disable=CODES` comment; `codes` ends where a code may go.
_DISABLE = re.compile(
    r"#\s*raci-lint\s*:\s*disable\s*=\s*(?P<codes>[A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)"
)
_LONE_COMMENT = re.compile(r"^\s*#")


def actions_for(
    violation: Violation, lines: LineIndex, lines_of: Callable[[str], LineIndex | None]
) -> list[Action]:
    """Every code action of a violation, its fix first.

    ``lines`` are the lines of the violation's file; ``lines_of`` gives
    those of another file a fix edits (the CODEOWNERS file of PATH004).
    """
    found: list[Action] = []
    fix = violation.fix
    if fix is not None and fix.edits:
        target = lines if fix.path is None else lines_of(fix.path)
        if target is not None:
            title = fix.title if fix.safe else f"{fix.title} (unsafe fix)"
            found.append(Action(title, fix.path, _moved(fix, target), fix.safe))
    edits = suppress(violation, lines)
    if edits is not None:
        found.append(Action(f"Suppress {violation.code} on this line", None, edits, False))
    return found


def _moved(fix: Fix, lines: LineIndex) -> list[Edit]:
    """A fix's edits, from offsets into the engine's text to offsets into the editor's."""
    return [(lines.text_offset(e.start), lines.text_offset(e.end), e.text) for e in fix.edits]


def fix_all(violations: Iterable[Violation], lines: LineIndex) -> list[Edit]:
    """The edits of every safe fix of a file that fit together, as ``check --fix`` takes them."""
    safe = [v.fix for v in violations if v.fix is not None and v.fix.safe and v.fix.path is None]
    _, chosen = apply_fixes(lines.text[lines.text_offset(0) :], safe)
    edits: dict[Edit, None] = {}
    for fix in chosen:
        edits.update(dict.fromkeys(_moved(fix, lines)))
    return list(edits)


def suppress(violation: Violation, lines: LineIndex) -> list[Edit] | None:
    """The edit that adds ``# raci-lint: disable=CODE`` for the violation's line.

    The code is added to a suppression comment already on the line, or on
    the comment line alone above it; a line that holds a ``#`` of its own
    gets the comment on a line above (a ``#`` may be text in a value); any
    other line gets it at its end. None for a rule no comment may hide.
    """
    rule = find_rule(violation.code)
    if rule is None or not rule.suppressible:
        return None
    code = violation.code
    text = lines.text
    number, _ = lines.position(lines.offset_of(violation.line, 1))
    start = lines.offset_at(number, 0)
    line = lines.line_text(number)
    above = lines.line_text(number - 1) if number > 0 else ""
    for candidate, where in ((line, start), (above, lines.offset_at(number - 1, 0))):
        if candidate is above and (number == 0 or not _LONE_COMMENT.match(above)):
            continue
        found = _DISABLE.search(candidate)
        if found is not None:
            codes = [c.strip().upper() for c in found.group("codes").split(",")]
            if code in codes:
                return None
            end = where + found.end("codes")
            return [(end, end, f",{code}")]
    if comment_start(line) >= 0:  # a comment of its own: ours goes on the line above
        indent = line[: len(line) - len(line.lstrip(" "))]
        newline = "\r\n" if "\r\n" in text else "\n"
        return [(start, start, f"{indent}# raci-lint: disable={code}{newline}")]
    end = start + len(line.rstrip(" \t"))
    return [(end, start + len(line), f"  # raci-lint: disable={code}")]
