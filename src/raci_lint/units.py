"""Units: an ownership file linted together with the rosters it includes.

``include:`` paths are relative to the including file. Included files hold
only ``version``, ``people``, ``teams`` and ``include``; their own problems
are reported once per run, at their own path and lines. A file reached twice
is merged once; a missing, unreadable or cyclic include, or one that leaves
the repository root, is REF010 at its entry.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from raci_lint.loader import Document, Limits, Mapping, Node, Scalar, Sequence, load, size_problem
from raci_lint.model import Model
from raci_lint.rules import Context
from raci_lint.schema import scalar_type
from raci_lint.violations import Violation

__all__ = ["IncludedFile", "Includes", "unit_model"]


@dataclass(repr=False, eq=False)
class IncludedFile:
    """One included roster, read and checked."""

    path: Path
    display: str
    document: Document
    model: Model
    violations: list[Violation] = field(default_factory=list)


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
    ) -> None:
        self.context = context
        self.limits = limits
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
            try:
                target = (path.parent / entry.value).resolve()
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
            problem = _unreadable(target)
            if problem is not None:
                self._report(entry, shown, f"include '{entry.value}' {problem}")
                continue
            self._merged.add(target)
            display = self.display(target)
            size = target.stat().st_size
            if size > self.limits.max_file_size:
                document = Document("", None, [size_problem(size, self.limits.max_file_size)])
            else:
                document = load(target.read_bytes(), self.limits)
            violations, model = self.check(target, display, document)
            included = IncludedFile(target, display, document, model, violations)
            # Depth first: what a file includes comes before the file itself.
            self._visit(document.root, target, display, (*chain, target))
            self.files.append(included)

    def _report(self, entry: Scalar, shown: str, message: str) -> None:
        self.violations.append(
            self.context.report(
                "REF010",
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


def _unreadable(path: Path) -> str | None:
    """Why an include cannot be read, or None."""
    from raci_lint.files import why_unreadable

    reason = why_unreadable(path)
    if reason is None:
        return None if os.access(path, os.R_OK) else "cannot be read (permission denied)"
    if reason == "no such file or folder":
        return "names a missing file"
    if reason == "is a folder, not a file":
        return "names a folder, not a file"
    if reason == "broken symbolic link":
        return "is a broken symbolic link"
    if reason.startswith("not "):
        return f"is {reason}"
    return f"cannot be read: {reason}"


def unit_model(checked: Model, included: list[IncludedFile]) -> Model:
    """One model of the unit: the included rosters first, then the checked file."""
    from raci_lint.model import merge_roster

    unit = Model(checked.path, checked.version, checked.scheme)
    for part in included:
        merge_roster(unit, part.model)
    merge_roster(unit, checked)
    unit.components = checked.components
    return unit
