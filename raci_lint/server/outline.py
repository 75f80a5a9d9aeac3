"""The shape of a file as an editor needs it while it is typed in.

:func:`key_path` reads which keys a position is under from the lines alone
(the file being typed is often no valid YAML); :func:`symbols` lists the
components, people and teams a file declares, for the document outline.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from raci_lint.reading import loader
from raci_lint.reading.loader import Limits, Mapping, Scalar, Sequence, span

__all__ = ["Symbol", "includes", "key_path", "symbols"]

# A line holding a key: indentation, optional "- " items, the key, its colon.
_KEY = re.compile(
    r"""^(?P<indent>[ ]*)(?P<dashes>(?:-[ ]+)*)(?P<key>"[^"]*"|'[^']*'|[^\s#'"\-][^:#]*?|-[^\s:#][^:#]*?)[ ]*:(?:[ ]|$)"""
)
_ITEM = re.compile(r"^(?P<indent>[ ]*)-(?:[ ]|$)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _key(match: re.Match[str]) -> str:
    key = match.group("key").strip()
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "'\"":
        key = key[1:-1]
    return key


def _ancestors(lines: list[str], number: int, indent: int) -> list[str]:
    """The keys above line ``number`` that hold something indented by ``indent``."""
    path: list[str] = []
    for above in range(number - 1, -1, -1):
        if indent == 0:
            break
        line = lines[above]
        if _blank(line):
            continue
        here = _indent(line)
        if here >= indent:
            continue
        match = _KEY.match(line)
        if match is None:
            continue
        path.insert(0, _key(match))
        indent = here
    return path


def key_path(lines: list[str], number: int, column: int) -> list[str]:
    """The keys a position (0-based line, character) is under, outermost first.

    On a line ``key: value`` past the colon, the last key is ``key``; on a
    sequence item ``- value``, the key that holds the sequence. Empty when
    the position is on a key itself or the lines tell nothing.
    """
    if not 0 <= number < len(lines):
        return []
    before = lines[number][:column]
    match = _KEY.match(before)
    if match is not None:
        return [*_ancestors(lines, number, len(match.group("indent"))), _key(match)]
    item = _ITEM.match(before)
    if item is None:
        return []
    dash = len(item.group("indent"))
    # The key holding the sequence: above, indented by no more than the dash
    # (YAML lets `key:` and its `- items` start in the same column).
    for above in range(number - 1, -1, -1):
        line = lines[above]
        if _blank(line) or (_ITEM.match(line) and _indent(line) >= dash):
            continue
        if _indent(line) > dash:
            continue
        found = _KEY.match(line)
        if found is None:
            return []
        return [*_ancestors(lines, above, len(found.group("indent"))), _key(found)]
    return []


class Symbol(NamedTuple):
    """A component, person or team a file declares: its id's span and its whole entry's."""

    kind: str
    id: str
    key: tuple[int, int, int, int]
    whole: tuple[int, int, int, int]


_SECTIONS = (("components", "component"), ("people", "person"), ("teams", "team"))


def symbols(text: str, limits: Limits | None = None) -> list[Symbol]:
    """The components, people and teams declared in a file's text (none when it does not parse)."""
    document = loader.load(text.encode("utf-8", "surrogatepass"), limits or Limits())
    root = document.root
    found: list[Symbol] = []
    if type(root) is not Mapping:
        return found
    for section, kind in _SECTIONS:
        entry = root.entries.get(section)
        if entry is None or type(entry.node) is not Mapping:
            continue
        for id, key in entry.node.entries.items():
            start = span(key)
            end = span(key.node)
            found.append(Symbol(kind, id, start, (start[0], start[1], end[2], end[3])))
    return found


def includes(
    text: str, limits: Limits | None = None
) -> list[tuple[str, tuple[int, int, int, int]]]:
    """The paths a file's ``include`` names, as written, with the span of each."""
    document = loader.load(text.encode("utf-8", "surrogatepass"), limits or Limits())
    root = document.root
    if type(root) is not Mapping or "include" not in root.entries:
        return []
    value = root.entries["include"].node
    entries = value.items if type(value) is Sequence else [value]
    return [
        (entry.value, span(entry)) for entry in entries if type(entry) is Scalar and entry.value
    ]
