"""What a source declares, and who it names: :class:`Declared` owners and their identity.

An owner written in a source matches a person or a team of an ownership
file by email, GitHub handle, ``team:`` name, Backstage ``group:``/``user:``
reference, id, name, or an alias of the configuration
(``sources: {dbt: {aliases: {...}}}``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from raci_lint.settings.options import SOURCES

if TYPE_CHECKING:
    from raci_lint.model.ownership import Model

__all__ = [
    "NAMES",
    "Declared",
    "Found",
    "Holder",
    "Position",
    "identify",
]

# Every reader, in the order `raci-lint sources` lists them.
NAMES = SOURCES


class Position(NamedTuple):
    """A 1-based range in a file, columns counted in characters."""

    line: int
    column: int
    end_line: int
    end_column: int


class Declared(NamedTuple):
    """One owned thing a source declares, and one owner of it (or none).

    ``path`` is the file the owner is written in, relative to the repository
    root, and ``position`` where; ``owned`` is the file the thing lives in,
    which decides its component (the last component whose `paths` match it,
    as CODEOWNERS reads it).
    """

    source: str  # one of NAMES
    kind: str  # model, exposure, group, asset, job, schedule, dag, entity, rule...
    name: str
    path: str
    position: Position
    owner: str | None  # as written; None for a thing that declares no owner
    owned: str
    also: str | None = None  # another way the same owner is written (dbt's name beside email)


class Found:
    """What the readers found: the declarations, one line per file they could not read,
    and who each owner is in an ownership file (:meth:`identify`)."""

    __slots__ = ("_indexes", "declared", "problems")

    def __init__(self, declared: list[Declared], problems: list[str]) -> None:
        self.declared = declared
        self.problems = problems
        self._indexes: dict[int, _Index] = {}  # per model, the ways its people are named

    def identify(self, declared: Declared, model: Model, aliases: dict[str, str]) -> Holder | None:
        """The person or team of ``model`` a declared owner names (see :func:`identify`)."""
        return identify(declared, model, aliases, self._indexes)


class Holder(NamedTuple):
    """Who an owner is in an ownership file: a person or a team, by id."""

    id: str
    team: bool


def _handle(text: str) -> str:
    return text.strip().lstrip("@").lower()


class _Index:
    """The ways each person and team of a model can be named, lower-cased."""

    def __init__(self, model: Model) -> None:
        self.people: dict[str, str] = {}
        self.teams: dict[str, str] = {}
        for person in model.people.values():
            for way in (person.id, person.email, person.github, person.name):
                if way:
                    self.people.setdefault(_handle(way), person.id)
        for team in model.teams.values():
            ways = [team.id, team.name, team.github]
            if team.github and "/" in team.github:
                ways.append(team.github.rsplit("/", 1)[1])  # acme/data-platform: data-platform
            for way in ways:
                if way:
                    self.teams.setdefault(_handle(way), team.id)

    def find(self, text: str) -> Holder | None:
        written = text.strip()
        lowered = written.lower()
        # Backstage entity references: [kind:][namespace/]name.
        kind, _, rest = lowered.partition(":")
        if rest and kind in ("team", "group", "user"):
            name = rest.rsplit("/", 1)[-1] if kind != "team" or "/" not in rest else rest
            if kind == "user":
                person = self.people.get(name) or self.people.get(_handle(rest))
                return Holder(person, False) if person else None
            team = self.teams.get(_handle(name)) or self.teams.get(_handle(rest))
            if team is None and kind == "team" and "/" in rest:
                team = self.teams.get(rest.rsplit("/", 1)[1])
            return Holder(team, True) if team else None
        handle = _handle(written)
        if handle in self.people:
            return Holder(self.people[handle], False)
        if handle in self.teams:
            return Holder(self.teams[handle], True)
        if "/" in handle and "@" not in handle:  # @acme/data-platform, default/data-platform
            team = self.teams.get(handle.rsplit("/", 1)[1])
            if team:
                return Holder(team, True)
        return None


def identify(
    declared: Declared, model: Model, aliases: dict[str, str], cache: dict[int, _Index]
) -> Holder | None:
    """The person or team of ``model`` a declared owner names, or None.

    ``aliases`` map an owner as written (compared without case) to a person
    or team id; ``cache`` keeps each model's index across calls.
    """
    if declared.owner is None:
        return None
    index = cache.get(id(model))
    if index is None:
        index = cache[id(model)] = _Index(model)
    for written in (declared.owner, declared.also):
        if not written:
            continue
        target = aliases.get(written) or aliases.get(written.strip().lower())
        if target is not None:
            if target in model.people:
                return Holder(target, False)
            if target in model.teams:
                return Holder(target, True)
            target = target.strip()
            found = index.find(target)
            if found is not None:
                return found
        found = index.find(written)
        if found is not None:
            return found
    return None
