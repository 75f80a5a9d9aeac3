"""Ownership at a revision: the ownership files of a git revision (or of the
working tree), their unit models and their violations.

A revision is read with git (``reading/revision.py``), never checked out:
its ownership files are those discovery would find in its tree, its includes
are resolved in that same tree and confined to the root as in the working
tree, and the PATH rules see its list of files. The configuration and the
taxonomy are the working tree's, so that both sides of a comparison are
judged by the same rules: what changed is the ownership, not the judge.
"""

from __future__ import annotations

import fnmatch
import os
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from raci_lint.engine.baseline import apply_baseline
from raci_lint.engine.discovery import SKIPPED_FOLDERS, excluded
from raci_lint.engine.lint import Run, lint_bytes, lint_document, lint_paths, no_gc
from raci_lint.engine.report import Report
from raci_lint.engine.repository import Repositories
from raci_lint.model.ownership import Model
from raci_lint.reading import loader
from raci_lint.reading.files import Unreadable
from raci_lint.reading.loader import Document
from raci_lint.reading.repository import list_files
from raci_lint.reading.revision import Revision
from raci_lint.settings.resolver import Settings
from raci_lint.wording import display_path, excerpt, root_relative

__all__ = ["Side", "at_revision", "in_working_tree", "new_since", "revision_files"]


class Side:
    """One side of a comparison: its ownership files' models, violations and files.

    ``models`` maps each ownership file (relative to the root, posix) to its
    unit model, in discovery order (None for a file no model can be read
    from); ``shown`` to how it is shown; ``files`` lists the repository's
    files, read when first asked.
    """

    def __init__(
        self,
        name: str,
        root: Path,
        report: Report,
        models: dict[str, Model | None],
        shown: dict[str, str],
        lister: Callable[[], list[str]],
    ) -> None:
        self.name = name
        self.root = root
        self.report = report
        self.models = models
        self.shown = shown
        self._lister = lister
        self._files: list[str] | None = None

    @property
    def files(self) -> list[str]:
        if self._files is None:
            self._files = self._lister()
        return self._files

    def ordered_models(self) -> list[tuple[str, Model]]:
        """(shown path, model) of every readable ownership file, in discovery order."""
        return [(self.shown[rel], model) for rel, model in self.models.items() if model is not None]


def _relative(shown: str, root: Path) -> str:
    return root_relative(shown, os.path.realpath(root), os.path.realpath(os.getcwd()))


def in_working_tree(root: Path, settings: Settings) -> Side:
    """The ownership files of the working tree under ``root``, linted as `check` lints them."""
    run = Run()
    models: dict[str, Model | None] = {}
    run.models = models
    report = lint_paths([root], settings, run=run)
    by_path = {_relative(shown, root): model for shown, model in models.items()}
    shown = {_relative(path, root): path for path in models}
    return Side("the working tree", root, report, by_path, shown, lambda: list_files(root))


def _discovery_order(path: str) -> list[tuple[int, str]]:
    # Discovery visits a folder's files, then its subfolders, each in sorted order.
    parts = path.split("/")
    return [(1, part) for part in parts[:-1]] + [(0, parts[-1])]


def revision_files(revision: Revision, root: Path, settings: Settings) -> list[str]:
    """The ownership files discovery would find under ``root`` at the revision, in its order.

    As discovery does, with the options of the folder searched: its ``files``
    patterns name them, its excludes leave some out.
    """
    options = settings.options_for(root / "raci.yaml")
    found = []
    for path in revision.files(root):
        parts = path.split("/")
        if not any(fnmatch.fnmatchcase(parts[-1], pattern) for pattern in options.files):
            continue
        if any(part in SKIPPED_FOLDERS for part in parts[:-1]):
            continue
        if excluded(root / path, options):
            continue
        found.append(path)
    return sorted(found, key=_discovery_order)


def at_revision(
    revision: Revision, root: Path, settings: Settings, only: Iterable[str] | None = None
) -> Side:
    """The ownership files of a revision under ``root`` (or those of ``only`` it holds), linted.

    Raises :class:`~raci_lint.reading.revision.RevisionError` when the
    revision cannot be listed.
    """
    run = Run()
    models: dict[str, Model | None] = {}
    run.models = models
    run.tree = revision
    run.repositories = Repositories(
        lister=revision.files,
        tree=revision,
        discover=lambda top, found: [top / path for path in revision_files(revision, top, found)],
    )
    report = Report()
    paths = revision_files(revision, root, settings)
    if only is not None:
        wanted = set(only)
        paths = [path for path in paths if path in wanted]
    shown: dict[str, str] = {}
    by_path: dict[str, Model | None] = {}
    name = excerpt(revision.name, 60)
    for path in paths:
        location = root / path
        display = display_path(location)
        shown[path] = display
        options = settings.options_for(location)
        limit = options.limits.max_file_size
        try:
            with revision.open_inside(location, root) as opened:
                size = opened.size()
                data = None if size > limit else opened.read(limit)
        except Unreadable as error:
            report.extend(Report(errors=[f"{display} at {name}: {error.reason}"]))
            continue
        if data is None:
            problem = loader.size_problem(size, limit)
            document = Document("", None, [problem])
            violations = lint_document(document, display, options, location, run)
            report.extend(Report(violations, [display], fail_levels={display: options.fail_on}))
        else:
            report.extend(lint_bytes(data, display, options, location, run))
        by_path[path] = models.get(display)
    report.sort()
    return Side(name, root, report, by_path, shown, lambda: revision.files(root))


def new_since(report: Report, rev: str, settings: Settings, root: Path | None = None) -> int:
    """Keep in ``report`` only the violations not present at ``rev``; how many were dropped.

    Matched by fingerprint, as a baseline matches (a violation moved to
    another line is the same one). The files checked are read at ``rev`` by
    the same paths, relative to the root (``root``, else the git top level
    of the working folder). Raises
    :class:`~raci_lint.reading.revision.RevisionError`.
    """
    here = Path.cwd()
    revision = Revision(root or here, rev)
    top = root or revision.top
    wanted = [_relative(shown, top) for shown in report.files]
    with no_gc():
        earlier = at_revision(revision, top, settings, only=wanted)
    result = apply_baseline(
        report.violations, Counter(v.fingerprint for v in earlier.report.violations)
    )
    report.violations = result.violations
    return result.matched
