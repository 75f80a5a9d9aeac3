"""The ids of one unit and where each is written: for hover, definition and references.

Made from the model the engine built (the ownership file with the rosters it
includes): people and teams share one namespace, components have their own.
Places are engine positions (1-based lines and character columns) in the
file's real path; the protocol layer converts them.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable
from typing import NamedTuple

from raci_lint.model.ownership import Component, Model, Person, Team
from raci_lint.reading.loader import Scalar, span

__all__ = ["PARTY", "Declaration", "Index", "Occurrence", "Place", "real_path_of"]

# The two namespaces of ids.
PARTY = "party"  # a person or a team
COMPONENT = "component"

EXTERNAL = "external:"


class Place(NamedTuple):
    """Where a node is written: a file's real path and its engine span."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int

    def contains(self, line: int, column: int) -> bool:
        return (self.line, self.column) <= (line, column) <= (self.end_line, self.end_column)


class Declaration(NamedTuple):
    """An id declared: what it is, where, and the object the model holds."""

    kind: str  # "person", "team" or "component"
    id: str
    place: Place
    thing: Person | Team | Component


class Occurrence(NamedTuple):
    """An id written somewhere: its declaration's key, a reference, a member, a dependency."""

    namespace: str
    id: str
    place: Place
    declaration: bool


def real_path_of(shown: str, base: str) -> str:
    """The real path of a file the engine names as shown (relative to ``base``)."""
    return os.path.realpath(os.path.join(base, shown))


def _place(node: Scalar, path: str) -> Place:
    return Place(path, *span(node))


class Index:
    """The declarations of a unit and every place an id is written in it."""

    def __init__(self, model: Model, base: str) -> None:
        self.model = model
        self.declarations: dict[tuple[str, str], Declaration] = {}
        by_file: dict[str, list[Occurrence]] = {}
        paths: dict[str, str] = {}

        def real(shown: str) -> str:
            known = paths.get(shown)
            if known is None:
                known = paths[shown] = real_path_of(shown, base)
            return known

        def add(namespace: str, id: str, node: Scalar, shown: str, declaration: bool) -> None:
            place = _place(node, real(shown))
            by_file.setdefault(place.path, []).append(Occurrence(namespace, id, place, declaration))

        for person in model.people.values():
            self._declare("person", person, real(person.source))
            add(PARTY, person.id, person.key, person.source, True)
        for team in model.teams.values():
            self._declare("team", team, real(team.source))
            add(PARTY, team.id, team.key, team.source, True)
            for member in team.members:
                add(PARTY, member.text, member.node, team.source, False)
        for component in model.components.values():
            self._declare("component", component, real(component.source))
            add(COMPONENT, component.id, component.key, component.source, True)
            for ref in component.all_refs():
                add(PARTY, ref.target, ref.node, component.source, False)
            for upstream in component.depends_on:
                if not upstream.text.startswith(EXTERNAL):
                    add(COMPONENT, upstream.text, upstream.node, component.source, False)
        self.occurrences: dict[str, list[Occurrence]] = {}
        self._starts: dict[str, list[tuple[int, int]]] = {}
        for path, found in by_file.items():
            found.sort(key=lambda item: (item.place.line, item.place.column))
            self.occurrences[path] = found
            self._starts[path] = [(item.place.line, item.place.column) for item in found]

    def _declare(self, kind: str, thing: Person | Team | Component, path: str) -> None:
        namespace = COMPONENT if kind == "component" else PARTY
        self.declarations[(namespace, thing.id)] = Declaration(
            kind, thing.id, _place(thing.key, path), thing
        )

    @property
    def files(self) -> Iterable[str]:
        """The real paths of the files of the unit that hold an id."""
        return self.occurrences.keys()

    def at(self, path: str, line: int, column: int) -> Occurrence | None:
        """The id written at an engine position of a file, if any."""
        starts = self._starts.get(path)
        if not starts:
            return None
        where = bisect.bisect_right(starts, (line, column)) - 1
        if where < 0:
            return None
        found = self.occurrences[path][where]
        return found if found.place.contains(line, column) else None

    def declaration(self, occurrence: Occurrence) -> Declaration | None:
        return self.declarations.get((occurrence.namespace, occurrence.id))

    def references(self, namespace: str, id: str) -> list[Place]:
        """Every place the id is written in the unit, its declaration first."""
        found = [
            item.place
            for items in self.occurrences.values()
            for item in items
            if item.id == id and item.namespace == namespace
        ]
        found.sort(key=lambda place: (place != self._declared_at(namespace, id), place))
        return found

    def _declared_at(self, namespace: str, id: str) -> Place | None:
        known = self.declarations.get((namespace, id))
        return known.place if known else None

    def ids(self, namespace: str) -> list[Declaration]:
        return [known for (space, _), known in self.declarations.items() if space == namespace]
