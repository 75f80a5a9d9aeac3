"""GitHub's CODEOWNERS: the owners of each rule written by hand.

The block between `# BEGIN raci-lint` and `# END raci-lint` is generated
from the ownership files, so it is not read as a source. A rule is matched
to a component by the first file its pattern matches; a catch-all rule
(`*`, `/`, `**`) is a default owner of everything, not of one component,
and is left out.
"""

from __future__ import annotations

from collections.abc import Iterator

from raci_lint.model.codeowners import is_owner, rule_tokens
from raci_lint.reading.repository import PatternError, parse_pattern
from raci_lint.sources.base import Reading, clean
from raci_lint.sources.owners import Declared, Position

__all__ = ["read_codeowners"]

READER = "codeowners"
# GitHub's search order.
LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
_CATCH_ALL = frozenset(("*", "/", "**", "/*", "/**", "**/*"))


def read_codeowners(reading: Reading) -> Iterator[Declared]:
    """Every owner of the hand-written rules of the repository's CODEOWNERS file."""
    path = next((where for where in LOCATIONS if reading.has(where)), None)
    if path is None:
        return
    text = reading.text(path, READER)
    if text is None:
        return
    generated = False
    for number, written_line in enumerate(text.split("\n"), start=1):
        line = written_line.rstrip("\r")
        stripped = line.strip()
        if stripped.startswith("# BEGIN raci-lint"):
            generated = True
        elif stripped.startswith("# END raci-lint"):
            generated = False
        if generated or not stripped or stripped.startswith(("#", "[", "^[")):
            continue
        # The tokens as GitHub reads them (escaped spaces, `#` comments).
        tokens = rule_tokens(line)
        if len(tokens) < 2 or tokens[0] in _CATCH_ALL:
            continue
        written = tokens[0]
        try:
            pattern = parse_pattern(written)
        except PatternError:
            continue
        owned = next(iter(reading.tree.match(pattern)), None)
        if owned is None:
            continue
        cursor = _after_pattern(line)
        for owner in tokens[1:]:
            found = line.find(owner, cursor)
            cursor = found + len(owner) if found >= 0 else cursor
            if not is_owner(owner):
                continue
            start = (found if found >= 0 else 0) + 1
            yield Declared(
                READER,
                "rule",
                clean(written),
                path,
                Position(number, start, number, start + len(owner)),
                clean(owner),
                owned,
            )


def _after_pattern(line: str) -> int:
    """Where the first token of a rule ends: the first whitespace no backslash escapes."""
    index = len(line) - len(line.lstrip(" \t"))
    while index < len(line) and line[index] not in " \t":
        index += 2 if line[index] == "\\" else 1
    return min(index, len(line))
