"""The repositories around the checked files, for the rules that look beyond one file.

Their other ownership files and their CODEOWNERS file are read here, once
per run and options, and only when a rule asks (PATH003, PATH004); the
`codeowners` command reads ownership files the same way.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from raci_lint.engine.discovery import discover
from raci_lint.engine.unit import read_unit
from raci_lint.model.ownership import Model
from raci_lint.reading import files
from raci_lint.reading.files import LEAVES_ROOT, UnreadablePath, inside, read_file
from raci_lint.reading.loader import Limits, load
from raci_lint.reading.repository import Repository, repository_root
from raci_lint.rules.context import CodeownersFile, OwnershipModels, RepositoryView
from raci_lint.rules.syntax import INVALID_YAML, LIMITS_EXCEEDED, UNSUPPORTED_VERSION
from raci_lint.settings.options import SOURCES, LintOptions
from raci_lint.settings.resolver import Settings
from raci_lint.wording import display_path

if TYPE_CHECKING:
    # Imported when an SRC rule first asks (start-up time).
    from raci_lint.sources.owners import Found

__all__ = ["Repositories", "codeowners_target", "load_models", "ownership_files", "read_codeowners"]

# A file with one of these gives no model to generate CODEOWNERS lines from.
_UNREADABLE_AS_OWNERSHIP = frozenset(
    (INVALID_YAML.code, UNSUPPORTED_VERSION.code, LIMITS_EXCEEDED.code)
)


def load_models(
    files: list[Path], settings: Settings, read: set[str] | None = None
) -> OwnershipModels:
    """The unit models of ownership files, and one line for each that cannot be used.

    ``read`` collects the real paths of the ownership files and rosters read.
    """
    models: list[tuple[str, Model]] = []
    problems: list[str] = []
    rosters = None  # shared by the files: a roster they include is parsed once
    for path in files:
        shown = display_path(path)
        if read is not None:
            read.add(os.path.realpath(path))
        options = settings.options_for(path)
        try:
            data = read_file(path, options.limits)
        except UnreadablePath as error:
            problems.append(str(error))
            continue
        unit = read_unit(load(data or b"", options.limits), shown, options, path, rosters)
        rosters = rosters or unit.rosters
        if read is not None:
            read.update(os.path.realpath(part.path) for part in unit.included)
        # Schema violations leave out what they reject; a file that does not
        # parse, or is of another version, gives nothing to generate from.
        if unit.model is None or any(v.code in _UNREADABLE_AS_OWNERSHIP for v in unit.violations):
            problems.append(
                f"{shown}: cannot be read as an ownership file; run `raci-lint check {shown}`"
            )
            continue
        models.append((shown, unit.model))
    return models, problems


def ownership_files(folder: Path, settings: Settings) -> list[Path]:
    """The ownership files discovery finds under a folder, inside its repository."""
    options = settings.options_for(folder / "raci.yaml")
    root = options.repo_root or repository_root(folder) or folder
    found = discover(folder, options.files, options.exclude, options.exclude_folder)
    return [path for path in found if inside(path, root)]


def codeowners_target(root: Path, configured: Path | None) -> Path:
    """The CODEOWNERS file of a repository: the configured one, else the first that exists.

    Raises :class:`UnreadablePath` when the configured path leaves the root: a
    configuration comes from the repository, and may not make raci-lint read
    or write a file of the machine outside it.
    """
    target = default_codeowners_path(root, configured)
    shown = display_path(target)
    if not inside(target, root):
        raise UnreadablePath(
            f"{shown}: the CODEOWNERS file {LEAVES_ROOT} "
            f"({display_path(root) or '.'}); raci-lint reads and writes none outside it"
        )
    # Inside the root, but not in .git: `.git/config` or a hook would run
    # what the block says, and no pull request shows a change there.
    # Nor any file named otherwise (GitHub reads none but CODEOWNERS): an
    # ignored `.venv/bin/activate` or hook script would run what it says.
    real = Path(os.path.realpath(target))
    if ".git" in real.relative_to(os.path.realpath(root)).parts:
        raise UnreadablePath(
            f"{shown}: the CODEOWNERS file may not be inside .git, whose files git runs "
            "or obeys; name another with --write PATH"
        )
    if real.name != "CODEOWNERS":
        raise UnreadablePath(
            f"{shown}: a configured CODEOWNERS file must be named CODEOWNERS, as GitHub and "
            "GitLab read it; name another with --write PATH"
        )
    return target


def read_codeowners(root: Path, options: LintOptions) -> CodeownersFile:
    """The CODEOWNERS file of a repository, read within the size limit."""
    try:
        target = codeowners_target(root, options.codeowners)
    except UnreadablePath:
        target = default_codeowners_path(root, options.codeowners)
        return CodeownersFile(target, display_path(target), True, "", LEAVES_ROOT)
    exists = target.is_file()
    unreadable: str | None = None
    limit = options.limits.max_file_size
    try:
        raw = files.read_bytes(target, limit) if exists else b""
    except files.Unreadable as error:
        raw, unreadable = b"", error.reason
    if len(raw) > limit:
        raw, unreadable = b"", f"over the limit of {limit} bytes"
    text = raw.decode("utf-8", errors="replace")
    configured = options.codeowners_config
    return CodeownersFile(
        target,
        display_path(target),
        exists,
        text,
        unreadable,
        display_path(configured) if configured is not None else None,
    )


class Repositories:
    """The repositories of one run: each one's files, read once, whatever the number of units."""

    def __init__(self) -> None:
        self._repositories: dict[Path, Repository] = {}
        self._reported: dict[Path, set[str]] = {}
        # Keyed by root and options (their identity: one object per configuration).
        self._models: dict[tuple[Path, int], OwnershipModels] = {}
        self._codeowners: dict[tuple[Path, int], CodeownersFile] = {}
        self._sources: dict[tuple[Path, tuple[str, ...]], Found] = {}
        self._options: list[LintOptions] = []  # keeps the ids above valid

    def view(self, options: LintOptions, location: Path | None) -> RepositoryView | None:
        """The repository a file at ``location`` lives in, as its rules see it."""
        if location is None:
            return None
        folder = location.parent if str(location.parent) else Path()
        root = (options.repo_root or repository_root(folder) or folder).resolve()
        if root not in self._repositories:
            self._repositories[root] = Repository(root)
            self._reported[root] = set()
        repository = self._repositories[root]
        if all(known is not options for known in self._options):
            self._options.append(options)
        key = (root, id(options))

        def models() -> OwnershipModels:
            if key not in self._models:
                settings = Settings(fixed=options)
                files = ownership_files(repository.root, settings)
                self._models[key] = load_models(files, settings)
            return self._models[key]

        def codeowners() -> CodeownersFile:
            if key not in self._codeowners:
                self._codeowners[key] = read_codeowners(repository.root, options)
            return self._codeowners[key]

        # Configured sources, else every one (for a run that selects SRC all the same).
        names = tuple(name for name in SOURCES if name in options.sources) or SOURCES

        def sources() -> Found:
            return self._read_sources(repository, names, options.limits)

        return RepositoryView(
            repository,
            self._reported[root],
            owned_roots=options.owned_roots,
            ownership_models=models,
            codeowners_file=codeowners,
            sources=sources,
            source_aliases=options.sources,
        )

    def _read_sources(
        self, repository: Repository, names: tuple[str, ...], limits: Limits
    ) -> Found:
        key = (repository.root, names)
        if key not in self._sources:
            # Imported here: only runs with an SRC rule enabled read sources (start-up time).
            from raci_lint.sources.reader import read_sources

            self._sources[key] = read_sources(repository.root, repository.tree, names, limits)
        return self._sources[key]

    def notes(self) -> list[str]:
        """What the readers of sources could not read, one line per file, once per run."""
        return [problem for found in self._sources.values() for problem in found.problems]


SEARCH_ORDER = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")


def default_codeowners_path(repo_root: Path, configured: Path | None) -> Path:
    """The configured CODEOWNERS, else the first that exists in GitHub's search order."""
    if configured is not None:
        return configured
    for candidate in SEARCH_ORDER:
        if (repo_root / candidate).is_file():
            return repo_root / candidate
    return repo_root / SEARCH_ORDER[0]
