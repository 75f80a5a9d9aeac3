"""What a change does to ownership: two sides (revisions, or a revision and the
working tree) compared into one :class:`Changes` record.

Per ownership file (paired by its path relative to the root): components
added, removed and renamed (a removed and an added one with the same paths
and letters), every letter each changed component gained or lost and by
whom (the Accountable first), kind and ``depends_on`` changes; people and
teams added, removed, deactivated, their disciplines and members. Across the
repository: the files whose owner (the last matching pattern, as CODEOWNERS
reads it) changes, grouped by move; and the violations the change
introduces and fixes, matched by fingerprint as the baseline matches them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from raci_lint.adapters.who import Claim, claims
from raci_lint.engine.baseline import apply_baseline
from raci_lint.engine.revision import Side
from raci_lint.model.codeowners import owners
from raci_lint.model.ownership import Component, Model
from raci_lint.reading.repository import FileTree
from raci_lint.violations import Violation

__all__ = [
    "ORDER",
    "Changes",
    "ComponentChange",
    "FileChanges",
    "LetterChange",
    "Move",
    "compare",
]

# The order letters are told in: who signs off first.
ORDER = ("accountable", "responsible", "consulted", "informed", "support")
EXAMPLES = 3  # files shown for each move of owner


class LetterChange(NamedTuple):
    letter: str
    gained: list[str]
    lost: list[str]


class ComponentChange(NamedTuple):
    """One component of both sides, and what changed in it."""

    id: str
    letters: list[LetterChange]
    kind: tuple[str | None, str | None] | None  # (before, after) when it changed
    depends_gained: list[str]
    depends_lost: list[str]
    paths_gained: list[str]
    paths_lost: list[str]


class Listed(NamedTuple):
    """An id whose list field changed (a person's disciplines, a team's members)."""

    id: str
    gained: list[str]
    lost: list[str]


class FileChanges:
    """What changed in one ownership file (with what it includes)."""

    def __init__(self, path: str, shown: str, status: str) -> None:
        self.path = path  # relative to the root, posix
        self.shown = shown
        self.status = status  # "added", "removed", "changed", "unreadable"
        self.unreadable: str | None = None  # the side no model could be read of
        self.added: list[str] = []
        self.removed: list[str] = []
        self.renamed: list[tuple[str, str]] = []
        self.changed: list[ComponentChange] = []
        self.people_added: list[str] = []
        self.people_removed: list[str] = []
        self.deactivated: list[str] = []
        self.reactivated: list[str] = []
        self.disciplines: list[Listed] = []
        self.teams_added: list[str] = []
        self.teams_removed: list[str] = []
        self.members: list[Listed] = []

    def drawn(self) -> list[str]:
        """The components of the head side this change touches: added, renamed, changed."""
        return [*self.added, *(after for _, after in self.renamed), *(c.id for c in self.changed)]

    def empty(self) -> bool:
        return not (
            self.unreadable
            or self.added
            or self.removed
            or self.renamed
            or self.changed
            or self.people_added
            or self.people_removed
            or self.deactivated
            or self.reactivated
            or self.disciplines
            or self.teams_added
            or self.teams_removed
            or self.members
        )


class Move(NamedTuple):
    """Files whose owner moved from one (component, handles) to another."""

    before: tuple[str, tuple[str, ...]] | None  # None: no pattern matched
    after: tuple[str, tuple[str, ...]] | None
    files: int
    examples: list[str]


class Changes:
    """The comparison of two sides."""

    def __init__(self, base: Side, head: Side) -> None:
        self.base = base
        self.head = head
        self.files: list[FileChanges] = []
        self.owners_changed = 0
        self.moves: list[Move] = []
        self.introduced: list[Violation] = []
        self.fixed: list[Violation] = []

    def accountable_changes(self) -> list[tuple[FileChanges, ComponentChange, LetterChange]]:
        """Every change of an Accountable, in file and component order."""
        return [
            (file, component, letter)
            for file in self.files
            for component in file.changed
            for letter in component.letters
            if letter.letter == "accountable"
        ]

    def count(self, what: str) -> int:
        return sum(len(getattr(file, what)) for file in self.files)


def _difference(before: Iterable[str], after: Iterable[str]) -> tuple[list[str], list[str]]:
    """(in after and not before, in before and not after), each once, in written order."""
    old = dict.fromkeys(before)
    new = dict.fromkeys(after)
    return [item for item in new if item not in old], [item for item in old if item not in new]


def _targets(component: Component, letter: str) -> list[str]:
    return [ref.target for ref in component.refs(letter)]


def _signature(component: Component) -> tuple[object, ...]:
    letters = tuple((letter, tuple(sorted(set(_targets(component, letter))))) for letter in ORDER)
    return tuple(sorted({item.text for item in component.paths})), letters


def _component_change(before: Component, after: Component) -> ComponentChange | None:
    letters = []
    for letter in ORDER:
        gained, lost = _difference(_targets(before, letter), _targets(after, letter))
        if gained or lost:
            letters.append(LetterChange(letter, gained, lost))
    old_kind = before.kind.text if before.kind else None
    new_kind = after.kind.text if after.kind else None
    kind = (old_kind, new_kind) if old_kind != new_kind else None
    depends_gained, depends_lost = _difference(
        (item.text for item in before.depends_on), (item.text for item in after.depends_on)
    )
    paths_gained, paths_lost = _difference(
        (item.text for item in before.paths), (item.text for item in after.paths)
    )
    if not (letters or kind or depends_gained or depends_lost or paths_gained or paths_lost):
        return None
    return ComponentChange(
        after.id, letters, kind, depends_gained, depends_lost, paths_gained, paths_lost
    )


def _compare_models(file: FileChanges, before: Model, after: Model) -> None:
    # Every component as written, `unowned: true` ones too.
    old = {component.id: component for component in before.in_order}
    new = {component.id: component for component in after.in_order}
    added = [name for name in new if name not in old]
    removed = [name for name in old if name not in new]
    # A removed and an added component with the same paths and letters: renamed.
    by_signature: dict[tuple[object, ...], list[str]] = {}
    for name in removed:
        signature = _signature(old[name])
        if signature != ((), tuple((letter, ()) for letter in ORDER)):
            by_signature.setdefault(signature, []).append(name)
    renamed_from: set[str] = set()
    for name in added:
        candidates = by_signature.get(_signature(new[name]))
        if candidates:
            origin = candidates.pop(0)
            file.renamed.append((origin, name))
            renamed_from.add(origin)
    renamed_to = {after_name for _, after_name in file.renamed}
    file.added = [name for name in added if name not in renamed_to]
    file.removed = [name for name in removed if name not in renamed_from]
    for name, component in new.items():
        if name in old:
            change = _component_change(old[name], component)
            if change is not None:
                file.changed.append(change)
    file.people_added, file.people_removed = _difference(before.people, after.people)
    for name, person in after.people.items():
        earlier = before.people.get(name)
        if earlier is None:
            continue
        if earlier.active and not person.active:
            file.deactivated.append(name)
        elif person.active and not earlier.active:
            file.reactivated.append(name)
        gained, lost = _difference(
            (item.text for item in earlier.disciplines), (item.text for item in person.disciplines)
        )
        if gained or lost:
            file.disciplines.append(Listed(name, gained, lost))
    file.teams_added, file.teams_removed = _difference(before.teams, after.teams)
    for name, team in after.teams.items():
        earlier_team = before.teams.get(name)
        if earlier_team is None:
            continue
        gained, lost = _difference(
            (item.text for item in earlier_team.members), (item.text for item in team.members)
        )
        if gained or lost:
            file.members.append(Listed(name, gained, lost))


def _owner(claim: Claim | None) -> tuple[str, tuple[str, ...]] | None:
    """Who owns a file: the component and its handles; None when no pattern matches, or
    the last one is an `unowned: true` component's (no owner, as in CODEOWNERS)."""
    if claim is None or claim.component.unowned:
        return None
    return claim.component.id, tuple(owners(claim.model, claim.component)[0])


def _handles(owner: tuple[str, tuple[str, ...]] | None) -> frozenset[str]:
    return frozenset(owner[1]) if owner is not None else frozenset()


def _moves(changes: Changes) -> None:
    base, head = changes.base, changes.head
    before = claims(FileTree(base.files), base.ordered_models())
    after = claims(FileTree(head.files), head.ordered_models())
    common = set(base.files).intersection(head.files)
    counts: Counter[tuple[object, object]] = Counter()
    examples: dict[tuple[object, object], list[str]] = {}
    for path in sorted(common):
        old = before.get(path)
        new = after.get(path)
        old_owner = _owner(old[0] if old else None)
        new_owner = _owner(new[0] if new else None)
        # The owners are the handles GitHub asks for review: a component
        # renamed, or a file passed to another component of the same people,
        # changes no file's owners.
        if _handles(old_owner) == _handles(new_owner):
            continue
        key = (old_owner, new_owner)
        counts[key] += 1
        shown = examples.setdefault(key, [])
        if len(shown) < EXAMPLES:
            shown.append(path)
    changes.owners_changed = sum(counts.values())
    changes.moves = [
        Move(key[0], key[1], count, examples[key])  # type: ignore[arg-type]
        for key, count in sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    ]


def compare(base: Side, head: Side, *, owners_of_files: bool = True) -> Changes:
    """What changes from ``base`` to ``head``."""
    changes = Changes(base, head)
    paths = list(head.models)
    paths += [path for path in base.models if path not in head.models]
    for path in paths:
        in_base, in_head = path in base.models, path in head.models
        status = "changed" if in_base and in_head else "added" if in_head else "removed"
        shown = head.shown.get(path) or base.shown[path]
        file = FileChanges(path, shown, status)
        old = base.models.get(path) if in_base else Model(path)
        new = head.models.get(path) if in_head else Model(path)
        if old is None or new is None:
            file.status = "unreadable"
            file.unreadable = base.name if old is None else head.name
        else:
            _compare_models(file, old, new)
        if status != "changed" or not file.empty():
            changes.files.append(file)
    if owners_of_files:
        _moves(changes)
    changes.introduced = apply_baseline(
        head.report.violations, Counter(v.fingerprint for v in base.report.violations)
    ).violations
    changes.fixed = apply_baseline(
        base.report.violations, Counter(v.fingerprint for v in head.report.violations)
    ).violations
    return changes
