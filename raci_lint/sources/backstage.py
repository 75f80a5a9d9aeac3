"""Backstage: `spec.owner` of the entities of `catalog-info.yaml` files.

A catalog file may hold several documents (`---`): each is read on its
own, with its lines counted from the top of the file. Groups and users are
owners, not owned; they are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from raci_lint.reading.loader import Mapping, Scalar, load_text
from raci_lint.sources.base import Reading, clean, get, node_position, scalar_text
from raci_lint.sources.owners import Declared

__all__ = ["read_backstage"]

READER = "backstage"
NAMES = ("catalog-info.yaml", "catalog-info.yml")
_SEPARATOR = re.compile(r"^---[ \t]*(#.*)?$|^\.\.\.[ \t]*$")
_OWNERS_THEMSELVES = frozenset(("group", "user"))


def read_backstage(reading: Reading) -> Iterator[Declared]:
    """Every entity's owner in the repository's catalog files."""
    for name in NAMES:
        for path in reading.files_named(name):
            text = reading.text(path, READER)
            if text is not None:
                yield from _catalog(reading, path, text)


def _documents(text: str) -> Iterator[tuple[int, str]]:
    """(line offset, text) of each YAML document of a stream."""
    start, lines = 0, text.split("\n")
    for number, line in enumerate(lines):
        if _SEPARATOR.match(line):
            if number > start:
                yield start, "\n".join(lines[start:number])
            start = number + 1
    if start < len(lines):
        yield start, "\n".join(lines[start:])


def _catalog(reading: Reading, path: str, text: str) -> Iterator[Declared]:
    for offset, part in _documents(text):
        if not part.strip():
            continue
        document = load_text(part, reading.limits)
        if document.root is None:
            if document.problems:
                problem = document.problems[0]
                line = problem.line + offset
                reading.problem(path, READER, f"{problem.message} ({line}:{problem.column})")
            continue
        root = document.root
        if not isinstance(root, Mapping):
            continue
        kind = (scalar_text(get(root, "kind")) or "entity").lower()
        if kind in _OWNERS_THEMSELVES:
            continue
        name = scalar_text(get(root, "metadata", "name")) or "<unnamed>"
        owner = get(root, "spec", "owner")
        if type(owner) is Scalar and owner.value:
            yield Declared(
                READER, kind, name, path, node_position(owner, offset), clean(owner.value), path
            )
