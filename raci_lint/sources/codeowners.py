"""GitHub's CODEOWNERS: the owners of each rule written by hand.

The block between `# BEGIN raci-lint` and `# END raci-lint` is generated
from the ownership files, so it is not read as a source. A rule is matched
to a component by the first file its pattern matches; a catch-all rule
(`*`, `/`, `**`) is a default owner of everything, not of one component,
and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from raci_lint.reading.repository import PatternError, parse_pattern
from raci_lint.sources.base import Reading, clean
from raci_lint.sources.owners import Declared, Position

__all__ = ["read_codeowners"]

READER = "codeowners"
# GitHub's search order.
LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
_TOKEN = re.compile(r"\S+")
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
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith("# BEGIN raci-lint"):
            generated = True
        elif stripped.startswith("# END raci-lint"):
            generated = False
        if generated or not stripped or stripped.startswith(("#", "[", "^[")):
            continue
        tokens = list(_TOKEN.finditer(line.split(" #", 1)[0]))
        if len(tokens) < 2 or tokens[0].group() in _CATCH_ALL:
            continue
        written = tokens[0].group()
        try:
            pattern = parse_pattern(written)
        except PatternError:
            continue
        owned = next(iter(reading.tree.match(pattern)), None)
        if owned is None:
            continue
        for token in tokens[1:]:
            owner = token.group()
            if "@" not in owner:
                continue
            start = token.start() + 1
            yield Declared(
                READER,
                "rule",
                clean(written),
                path,
                Position(number, start, number, start + len(owner)),
                clean(owner),
                owned,
            )
