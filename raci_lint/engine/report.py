"""The outcome of a run: :class:`Report`."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from raci_lint.reading.repository import repository_root
from raci_lint.violations import SEVERITY_RANK, Violation
from raci_lint.wording import root_relative

if TYPE_CHECKING:
    from raci_lint.engine.baseline import BaselineResult

__all__ = ["Report"]


class Report:
    """The outcome of a run: violations, the files checked, and unreadable paths."""

    def __init__(
        self,
        violations: list[Violation] | None = None,
        files: list[str] | None = None,
        errors: list[str] | None = None,
        fail_levels: dict[str, str] | None = None,
    ) -> None:
        self.violations = violations if violations is not None else []
        self.files = files if files is not None else []
        self.errors = errors if errors is not None else []
        # The fail level of each file, from its configuration.
        self.fail_levels = fail_levels if fail_levels is not None else {}
        # Set by `engine.lint.lint`: what the baseline did, and every violation
        # found before it (what --write-baseline records).
        self.baseline: BaselineResult | None = None
        self.found: list[Violation] = self.violations
        # The real paths of the files read as inputs (see `engine.lint.lint`).
        self.inputs: set[str] = set()
        # Every tree the run read, kept alive for a process about to exit.
        self.retained: list[object] | None = None
        # Files the readers of sources could not read: said, but no error of the run.
        self.notes: list[str] = []
        # The repository root the machine formats name files against: the
        # command's --repo-root; when unset, the git top level of the working
        # folder, else the working folder (see `repo_path`).
        self.root: str | None = None
        # How many violations `check --fix` fixed before this report was made.
        self.fixed = 0

    def repo_path(self, shown: str) -> str:
        """A shown path (relative to the working folder) as a posix path relative to the root.

        The machine formats name files this way, so their bytes are the same
        from any folder of the repository. A path outside the root, and a
        pseudo-name like ``<stdin>``, stay as shown.
        """
        return self._relocator()(shown)

    def _relocator(self) -> Callable[[str], str]:
        """`repo_path`, with the root and the working folder resolved once."""
        here = os.getcwd()
        if self.root is None:
            self.root = os.fspath(repository_root(Path(here)) or here)
        root = os.path.realpath(self.root)
        base = os.path.realpath(here)
        return lambda shown: root_relative(shown, root, base)

    def for_machines(self) -> Report:
        """This report with every file named relative to the root, for the machine formats.

        Each violation's path is its `repo_path`; its fingerprint, made by the
        engine from the same root-relative path, never changes with the
        working folder either (a baseline holds the same ones).
        """
        relocate = self._relocator()
        moved = Report(
            [_moved(relocate, v) for v in self.violations],
            [relocate(path) for path in self.files],
            list(self.errors),
        )
        moved.root = self.root
        moved.baseline = self.baseline
        return moved

    def extend(self, other: Report) -> None:
        self.violations.extend(other.violations)
        self.files.extend(other.files)
        self.errors.extend(other.errors)
        self.fail_levels.update(other.fail_levels)

    def sort(self) -> None:
        self.violations.sort(key=Violation.sort_key)

    def counts(self) -> dict[str, int]:
        """How many violations of each severity."""
        result = {"error": 0, "warning": 0, "info": 0}
        for violation in self.violations:
            result[violation.severity] += 1
        return result

    def failing(self, fail_on: str | None = None) -> list[Violation]:
        """The violations at or above the fail level (``fail_on``, else each file's)."""
        return [
            v
            for v in self.violations
            if SEVERITY_RANK[v.severity]
            >= SEVERITY_RANK[fail_on or self.fail_levels.get(v.path, "error")]
        ]

    def exit_code(self, fail_on: str | None = None) -> int:
        """0 clean, 1 violations at or above the fail level, 2 unreadable paths."""
        if self.errors:
            return 2
        return 1 if self.failing(fail_on) else 0


def _moved(relocate: Callable[[str], str], violation: Violation) -> Violation:
    return violation._replace(path=relocate(violation.path))
