"""Includes: the rosters an ownership file includes, resolved into its unit.

``include:`` paths are relative to the including file. Included files hold
only ``version``, ``people``, ``teams`` and ``include``; their own problems
are reported once per run, at their own path and lines. A file reached twice
is merged once; a missing, unreadable or cyclic include, or one that leaves
the repository root, is REF010 at its entry.

Each included file is read, parsed and checked at most once per run
(:class:`Rosters`), however many units include it; the walk of each unit's
includes is iterative, so a chain of any length is followed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from pathlib import Path

from raci_lint.model.ownership import Model, merge_roster
from raci_lint.reading.files import (
    BROKEN_LINK,
    CHANGED,
    FOLDER,
    MISSING,
    NOT_REGULAR,
    OUTSIDE,
    WORKING_TREE,
    Opened,
    Tree,
    Unreadable,
)
from raci_lint.reading.loader import (
    Document,
    Limits,
    Mapping,
    Node,
    Scalar,
    Sequence,
    load,
    size_problem,
)
from raci_lint.reading.repository import repository_root
from raci_lint.rules.context import Context
from raci_lint.rules.references import INCLUDE_ERROR
from raci_lint.schema.scalars import scalar_type
from raci_lint.settings.options import LintOptions
from raci_lint.violations import Violation
from raci_lint.wording import display_path

__all__ = ["IncludedFile", "Includes", "Rosters", "read_includes", "unit_model"]


class IncludedFile:
    """One included roster, read and checked; shared, read-only, by every unit including it."""

    def __init__(
        self,
        path: Path,
        display: str,
        document: Document,
        model: Model,
        violations: list[Violation] | None = None,
    ) -> None:
        self.path = path
        self.display = display
        self.document = document
        self.model = model
        self.violations = violations if violations is not None else []


# Checks one included file that was read: its violations and its model.
Checker = Callable[[Path, str, Document], tuple[list[Violation], Model]]


class Rosters:
    """The included rosters of one run, each read, parsed and checked once.

    A roster is known by its real path and its identity on disk (device,
    inode, size, modification time), and by what its checks depend on
    (``flavour``: the limits, the parser, the severities, the taxonomy); a
    file changed during the run is read again. The people and teams a set
    of rosters merges into are kept too: units including the same rosters
    share them.

    ``unsaved`` holds, by real path, the bytes of rosters an editor holds
    changed but not saved: they are read instead of the file (which must
    still exist, inside the root, as any include), for the language server.
    """

    def __init__(self, unsaved: dict[Path, bytes] | None = None) -> None:
        self._files: dict[tuple[Path, Hashable, Hashable], IncludedFile] = {}
        self._merged: dict[tuple[int, ...], Model] = {}
        self.unsaved = unsaved or {}

    def read(
        self, opened: Opened, flavour: Hashable, parse: Callable[[], IncludedFile]
    ) -> IncludedFile:
        """The roster ``opened`` holds: ``parse()`` of it the first time, then the same."""
        key = (opened.real, opened.identity, flavour)
        known = self._files.get(key)
        if known is None:
            known = self._files[key] = parse()
        return known

    def merged(self, included: list[IncludedFile]) -> Model:
        """The people and teams of rosters merged in order (read-only: units share it)."""
        # The files are kept by `_files` for the whole run: their ids stay theirs.
        key = tuple(id(part) for part in included)
        known = self._merged.get(key)
        if known is None:
            known = Model("")
            for part in included:
                merge_roster(known, part.model)
            self._merged[key] = known
        return known


class _Frame:
    """One file of the walk: the include entries left to follow, and what it is."""

    __slots__ = ("entries", "included", "path", "shown")

    def __init__(
        self, entries: Iterator[Scalar], path: Path, shown: str, included: IncludedFile | None
    ) -> None:
        self.entries = entries
        self.path = path
        self.shown = shown
        self.included = included


class Includes:
    """Resolves the includes of one ownership file, depth first, each file once."""

    def __init__(
        self,
        context: Context,
        repo_root: Path,
        check: Checker,
        display: Callable[[Path], str],
        limits: Limits,
        force_pure: bool = False,
        rosters: Rosters | None = None,
        flavour: Hashable = None,
        tree: Tree = WORKING_TREE,
    ) -> None:
        self.context = context
        # Where the files are read: the working tree, or a revision of it.
        self.tree = tree
        self.limits = limits
        self.force_pure = force_pure
        self.repo_root = repo_root.resolve()
        self.check = check
        self.display = display
        self.rosters = rosters if rosters is not None else Rosters()
        self.flavour = (limits, force_pure, flavour)
        self.files: list[IncludedFile] = []
        self.violations: list[Violation] = []
        self._merged: set[Path] = set()

    def resolve(self, root: Node | None, path: Path, shown: str) -> None:
        """Read every file ``root`` (the tree of ``path``) includes, and theirs.

        Depth first, as written: what a file includes comes before the file
        itself. The walk keeps its own stack, so that no chain of includes,
        however long, runs out of Python's.
        """
        start = self.tree.resolve(path)
        stack = [_Frame(iter(_entries(root)), start, shown, None)]
        # The files being walked, outermost first: an include of one is a cycle.
        chain = [start]
        walking = {start}
        while stack:
            frame = stack[-1]
            entry = next(frame.entries, None)
            if entry is None:
                stack.pop()
                walking.discard(chain.pop())
                if frame.included is not None:
                    self.files.append(frame.included)
                continue
            included = self._follow(entry, frame, chain, walking)
            if included is not None:
                document = included.document
                stack.append(
                    _Frame(iter(_entries(document.root)), included.path, included.display, included)
                )
                chain.append(included.path)
                walking.add(included.path)

    def _follow(
        self, entry: Scalar, frame: _Frame, chain: list[Path], walking: set[Path]
    ) -> IncludedFile | None:
        """The file an include entry names, read; None when it is not to be walked."""
        shown = frame.shown
        written = frame.path.parent / entry.value
        try:
            target = self.tree.resolve(written)
        except (OSError, ValueError, RuntimeError):  # a NUL byte, a loop, a name too long
            self._report(entry, shown, f"include '{entry.value}' names an invalid path")
            return None
        if not self._may_read(entry, shown, target, chain, walking):
            return None
        try:
            # The path as written, so that a broken link is told as one; what
            # was opened is what is checked to be inside the root, and read.
            with self.tree.open_inside(written, self.repo_root) as opened:
                real = opened.real
                if real != target and not self._may_read(entry, shown, real, chain, walking):
                    return None  # swapped since it was resolved
                included = self.rosters.read(opened, self.flavour, lambda: self._parse(opened))
        except Unreadable as error:
            if error.reason == OUTSIDE:
                self._leaves(entry, shown)
            else:
                problem = _UNREADABLE.get(error.reason, f"cannot be read: {error.reason}")
                self._report(entry, shown, f"include '{entry.value}' {problem}")
            return None
        self._merged.add(included.path)
        return included

    def _may_read(
        self, entry: Scalar, shown: str, target: Path, chain: list[Path], walking: set[Path]
    ) -> bool:
        """Whether ``target`` is to be read: not a cycle, inside the root, not merged yet."""
        if target in walking:
            names = " -> ".join(self.display(p) for p in (*chain[chain.index(target) :], target))
            self._report(entry, shown, f"include '{entry.value}' is cyclic: {names}")
            return False
        if not _inside(target, self.repo_root):
            self._leaves(entry, shown)
            return False
        return target not in self._merged  # reached twice: merged once

    def _parse(self, opened: Opened) -> IncludedFile:
        limit = self.limits.max_file_size
        unsaved = self.rosters.unsaved.get(opened.real)
        size = opened.size()
        if unsaved is not None:
            document = load(unsaved, self.limits, force_pure=self.force_pure)
        elif size > limit:  # never read past the limit
            document = Document("", None, [size_problem(size, limit)])
        else:
            data = opened.read(limit)
            if len(data) > limit:  # it grew since it was opened
                document = Document("", None, [size_problem(opened.size(), limit)])
            else:
                document = load(data, self.limits, force_pure=self.force_pure)
        display = self.display(opened.real)
        violations, model = self.check(opened.real, display, document)
        return IncludedFile(opened.real, display, document, model, violations)

    def _leaves(self, entry: Scalar, shown: str) -> None:
        self._report(
            entry,
            shown,
            f"include '{entry.value}' leaves the repository root "
            f"({self.display(self.repo_root) or '.'})",
        )

    def _report(self, entry: Scalar, shown: str, message: str) -> None:
        self.violations.append(
            self.context.violation(
                INCLUDE_ERROR,
                entry,
                message,
                subject=None,
                key=entry.value,
                pointer="/include",
                path=shown,
            )
        )


def _entries(root: Node | None) -> list[Scalar]:
    if type(root) is not Mapping or "include" not in root.entries:
        return []
    value = root.entries["include"].node
    if type(value) is Scalar:
        return [] if scalar_type(value) == "null" else [value]
    if type(value) is Sequence:
        return [item for item in value.items if type(item) is Scalar]
    return []


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


# How the reasons a file cannot be read are told at an include's entry.
_UNREADABLE = {
    MISSING: "names a missing file",
    FOLDER: "names a folder, not a file",
    BROKEN_LINK: "is a broken symbolic link",
    NOT_REGULAR: "is not a regular file",
    CHANGED: "changed while it was read",
}


def unit_model(
    checked: Model, included: list[IncludedFile], rosters: Rosters | None = None
) -> Model:
    """One model of the unit: the included rosters first, then the checked file.

    The rosters' people and teams are merged once per run (``rosters``); a
    unit whose file declares none of its own shares them, read-only, as the
    rules only read a model.
    """
    unit = Model(checked.path, checked.version, checked.scheme)
    base = (rosters or Rosters()).merged(included)
    if checked.people or checked.teams or checked.shadowed:
        unit.people = dict(base.people)
        unit.teams = dict(base.teams)
        unit.shadowed = list(base.shadowed)
        merge_roster(unit, checked)
    else:
        unit.people, unit.teams, unit.shadowed = base.people, base.teams, base.shadowed
    unit.components = checked.components
    unit.unowned, unit.in_order = checked.unowned, checked.in_order
    return unit


def read_includes(
    document: Document,
    path: str,
    location: Path,
    context: Context,
    options: LintOptions,
    check: Checker,
    rosters: Rosters | None = None,
    flavour: Hashable = None,
    tree: Tree | None = None,
) -> tuple[list[IncludedFile], list[Violation]]:
    """The rosters an ownership file includes, read and checked, and their violations.

    ``rosters`` holds the files already read in this run; ``flavour`` is
    what else ``check`` depends on (a file checked with another is read again);
    ``tree`` is where they are read (default: the working tree).
    """
    repo_root = options.repo_root or repository_root(location.parent) or location.parent
    includes = Includes(
        context,
        repo_root,
        check,
        display_path,
        options.limits,
        options.force_pure_yaml,
        rosters,
        flavour,
        tree or WORKING_TREE,
    )
    includes.resolve(document.root, location, path)
    violations = list(includes.violations)
    for part in includes.files:
        violations.extend(part.violations)
    return includes.files, violations
