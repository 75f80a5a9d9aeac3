"""The code actions of a violation: its fixes, and a suppression comment on its line.

Each action is a title, edits (character offsets into the editor's text,
end exclusive, and the new text) and whether it is the preferred one.
"""

from __future__ import annotations

import re

from raci_lint.rules.registry import find_rule
from raci_lint.server.positions import LineIndex
from raci_lint.violations import Violation

__all__ = ["Action", "actions_for", "suppress"]

Edit = tuple[int, int, str]
Action = tuple[str, list[Edit], bool]

# A trailing (or lone) `# raci-lint: disable=CODES` comment; `codes` ends where a code may go.
_DISABLE = re.compile(
    r"#\s*raci-lint\s*:\s*disable\s*=\s*(?P<codes>[A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)"
)
_LONE_COMMENT = re.compile(r"^\s*#")


def actions_for(violation: Violation, lines: LineIndex) -> list[Action]:
    """Every code action of a violation, fixes first."""
    found: list[Action] = []
    edits = suppress(violation, lines)
    if edits is not None:
        found.append((f"Suppress {violation.code} on this line", edits, False))
    return found


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
    if "#" in line:
        indent = line[: len(line) - len(line.lstrip(" "))]
        newline = "\r\n" if "\r\n" in text else "\n"
        return [(start, start, f"{indent}# raci-lint: disable={code}{newline}")]
    end = start + len(line.rstrip(" \t"))
    return [(end, start + len(line), f"  # raci-lint: disable={code}")]
