"""Includes: the rosters an ownership file includes, resolved into its unit.

``include:`` paths are relative to the including file. Included files hold
only ``version``, ``people``, ``teams`` and ``include``; their own problems
are reported once per run, at their own path and lines. A file reached twice
is merged once; a missing, unreadable or cyclic include, or one that leaves
the repository root, is REF010 at its entry.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from raci_lint.model.ownership import Model, merge_roster
from raci_lint.reading.files import (
    BROKEN_LINK,
    FOLDER,
    MISSING,
    NOT_REGULAR,
    Unreadable,
    read_bytes,
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

__all__ = ["IncludedFile", "Includes", "read_includes", "unit_model"]


class IncludedFile:
    """One included roster, read and checked."""

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
    ) -> None:
        self.context = context
        self.limits = limits
        self.force_pure = force_pure
        self.repo_root = repo_root.resolve()
        self.check = check
        self.display = display
        self.files: list[IncludedFile] = []
        self.violations: list[Violation] = []
        self._merged: set[Path] = set()

    def resolve(self, root: Node | None, path: Path, shown: str) -> None:
        """Read every file ``root`` (the tree of ``path``) includes, recursively."""
        self._visit(root, path.resolve(), shown, (path.resolve(),))

    def _visit(self, root: Node | None, path: Path, shown: str, chain: tuple[Path, ...]) -> None:
        for entry in _entries(root):
            written = path.parent / entry.value
            try:
                target = written.resolve()
            except (OSError, ValueError, RuntimeError):  # a NUL byte, a loop, a name too long
                self._report(entry, shown, f"include '{entry.value}' names an invalid path")
                continue
            if target in chain:
                names = " -> ".join(
                    self.display(p) for p in (*chain[chain.index(target) :], target)
                )
                self._report(entry, shown, f"include '{entry.value}' is cyclic: {names}")
                continue
            if not _inside(target, self.repo_root):
                self._report(
                    entry,
                    shown,
                    f"include '{entry.value}' leaves the repository root "
                    f"({self.display(self.repo_root) or '.'})",
                )
                continue
            if target in self._merged:
                continue  # reached twice: merged once
            limit = self.limits.max_file_size
            try:
                # The path as written, so that a broken link is told as one.
                data = read_bytes(written, limit)
            except Unreadable as error:
                problem = _UNREADABLE.get(error.reason, f"cannot be read: {error.reason}")
                self._report(entry, shown, f"include '{entry.value}' {problem}")
                continue
            self._merged.add(target)
            display = self.display(target)
            if len(data) > limit:
                document = Document("", None, [size_problem(_size(written), limit)])
            else:
                document = load(data, self.limits, force_pure=self.force_pure)
            violations, model = self.check(target, display, document)
            included = IncludedFile(target, display, document, model, violations)
            # Depth first: what a file includes comes before the file itself.
            self._visit(document.root, target, display, (*chain, target))
            self.files.append(included)

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
    value = root.entries["include"][1]
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
}


def _size(path: Path) -> int | None:
    """The size of a file read over the limit; None if it can no longer be told."""
    try:
        return os.stat(path).st_size
    except OSError:
        return None


def unit_model(checked: Model, included: list[IncludedFile]) -> Model:
    """One model of the unit: the included rosters first, then the checked file."""
    unit = Model(checked.path, checked.version, checked.scheme)
    for part in included:
        merge_roster(unit, part.model)
    merge_roster(unit, checked)
    unit.components = checked.components
    return unit


def read_includes(
    document: Document,
    path: str,
    location: Path,
    context: Context,
    options: LintOptions,
    check: Checker,
) -> tuple[list[IncludedFile], list[Violation]]:
    """The rosters an ownership file includes, read and checked, and their violations."""
    repo_root = options.repo_root or repository_root(location.parent) or location.parent
    includes = Includes(
        context, repo_root, check, display_path, options.limits, options.force_pure_yaml
    )
    includes.resolve(document.root, location, path)
    violations = list(includes.violations)
    for part in includes.files:
        violations.extend(part.violations)
    return includes.files, violations
