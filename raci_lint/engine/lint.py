"""The linter: from files to a :class:`Report` of violations.

Data flows one way: bytes -> nodes with positions (``loader``) -> schema
errors (``schema``) -> model (``model``) -> rules -> violations -> report.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import datetime

    from raci_lint.engine.baseline import BaselineResult
    from raci_lint.engine.includes import IncludedFile
    from raci_lint.settings.config import Config

from raci_lint.engine import keep
from raci_lint.model import Model, build_model
from raci_lint.reading import loader
from raci_lint.reading.loader import IMPLICIT, Document, Limits, Mapping, Scalar, escape_pointer
from raci_lint.reading.repository import Repository, repository_root
from raci_lint.rules import Context, rule_of, run_rules, select_rules
from raci_lint.schema.scalars import scalar_type
from raci_lint.schema.validator import (
    SchemaError,
    Validator,
    error_node,
    included_validator,
    raci_validator,
)
from raci_lint.taxonomy.disciplines import Taxonomy, default_taxonomy
from raci_lint.violations import SEVERITY_RANK, Violation, fingerprint
from raci_lint.wording import display_path, neutralize

__all__ = ["LintOptions", "Overrides", "Report", "Settings", "discover", "lint_paths", "lint_text"]

DEFAULT_FILES = ("raci.yaml", "raci.yml", "*.raci.yaml", "*.raci.yml")
# Folders that never hold a project's own ownership files.
SKIPPED_FOLDERS = frozenset(
    (
        ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules",
        "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages",
        "build", "dist", ".eggs",
    )
)  # fmt: skip


class LintOptions(NamedTuple):
    """What to check in one file, and how: the configuration layer fills this in."""

    select: list[str] | None = None
    extend_select: list[str] = []  # noqa: RUF012 - options are never mutated
    ignore: list[str] = []  # noqa: RUF012
    severities: dict[str, str] = {}  # noqa: RUF012
    rule_options: dict[str, dict[str, Any]] = {}  # noqa: RUF012
    taxonomy: Taxonomy | None = None
    limits: Limits = Limits()
    files: tuple[str, ...] = DEFAULT_FILES
    exclude: tuple[str, ...] = ()
    exclude_folder: Path | None = None
    fail_on: str = "error"
    today: datetime.date | None = None
    repo_root: Path | None = None
    owned_roots: tuple[Path, ...] = ()
    codeowners: Path | None = None
    force_pure_yaml: bool = False

    def enabled(self) -> set[str]:
        return select_rules(self.select, self.extend_select, self.ignore)


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
        self.baseline: BaselineResult | None = None

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


@contextmanager
def _no_gc() -> Iterator[None]:
    # Building a large tree of small objects makes the cyclic garbage
    # collector run again and again for nothing; none of them is garbage yet.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _problem_violation(problem: loader.Problem, path: str, severities: dict[str, str]) -> Violation:
    current = rule_of(problem.code)
    return Violation(
        code=problem.code,
        name=current.name,
        severity=severities.get(problem.code, current.severity),
        message=neutralize(problem.message),
        hint=current.hint,
        path=path,
        line=problem.line,
        column=problem.column,
        end_line=problem.end_line,
        end_column=problem.end_column,
        pointer=problem.pointer,
        subject=None,
        fingerprint=fingerprint(path, problem.code, None, f"{problem.pointer}:{problem.message}"),
    )


def _pointer(path: tuple[str | int, ...]) -> str:
    return "".join(f"/{escape_pointer(str(token))}" for token in path)


def _schema_violation(error: SchemaError, context: Context, path: str) -> Violation:
    from raci_lint.schema.messages import schema_message, subject_of

    pointer = _pointer(error.path)
    return context.report(
        "SYN002",
        error_node(error),
        schema_message(error, context.taxonomy),
        subject=subject_of(error.path),
        path=path,
        key=f"{error.keyword}:{pointer}:{error.detail if error.keyword == 'required' else ''}",
        pointer=pointer,
    )


def _version_violation(document: Document, context: Context, path: str) -> Violation | None:
    root = document.root
    if type(root) is not Mapping or "version" not in root.entries:
        return None
    node = root.entries["version"][1]
    if type(node) is not Scalar or scalar_type(node) != "integer":
        return None  # the schema reports a version that is not an integer
    # Compared as text: int() refuses numbers of thousands of digits.
    if node.value.replace("_", "").lstrip("+") == "1":
        return None
    shown = node.value if len(node.value) <= 40 else node.value[:40] + "..."
    return context.report(
        "SYN004",
        node,
        f"version {shown} is not supported; this raci-lint reads version 1 only",
        subject=None,
        key=node.value,
        pointer="/version",
        path=path,
    )


class RunState:
    """What one run remembers across files: included rosters already reported."""

    def __init__(self) -> None:
        self.reported: set[Path] = set()
        self.repositories: dict[Path, Repository] = {}


_EMPTY = {
    "ownership": (
        "the file is empty; an ownership file starts with `version: 1` and a `components:` mapping"
    ),
    "roster": "the file is empty; an included roster starts with `version: 1` and `people:`",
}


def _read_checks(
    document: Document, path: str, context: Context, validator: Validator, kind: str
) -> tuple[list[Violation], set[int] | None]:
    """Violations of reading one file: syntax, limits, emptiness, version, schema.

    Returns the ids of the nodes the schema rejected, or None when no other
    rule may run on the file.
    """
    severities = context.severities
    violations = [_problem_violation(p, path, severities) for p in document.problems]
    root = document.root
    if type(root) is Scalar and root.value == "" and not root.style and root.tag is IMPLICIT:
        root = None  # only `---` and comments: empty
    if root is None:
        if not document.problems:
            violations.append(
                context.report("SYN002", None, _EMPTY[kind], subject=None, key="empty", path=path)
            )
        return violations, None
    version = _version_violation(document, context, path)
    if version is not None:
        return [version], None
    errors = validator.validate(root)
    violations.extend(_schema_violation(error, context, path) for error in errors)
    rejected = {
        id(error.node)
        for error in errors
        if error.keyword not in ("required", "additionalProperties")
    }
    return violations, rejected


class Unit:
    """An ownership file read with its includes, ready for the rules."""

    def __init__(
        self, context: Context, violations: list[Violation], path: str, document: Document
    ) -> None:
        self.context = context
        self.violations = violations
        # Display path -> document of each file of the unit, for suppressions.
        self.documents = {path: document}
        self.included: list[IncludedFile] = []
        # None when no rule may run on the file (syntax, version, empty).
        self.model: Model | None = None


def read_unit(
    document: Document, path: str, options: LintOptions, location: Path | None = None
) -> Unit:
    """Check one read ownership file and resolve its includes into one model."""
    taxonomy = options.taxonomy or default_taxonomy()
    context = Context(Model(path), taxonomy, path, options.severities, options.rule_options)
    context.text = document.text
    violations, rejected = _read_checks(document, path, context, raci_validator(), "ownership")
    unit = Unit(context, violations, path, document)
    if rejected is None:
        return unit
    checked = build_model(document.root, path, rejected)
    root = document.root
    if location is not None and type(root) is Mapping and "include" in root.entries:
        unit.included, include_violations = _includes(document, path, location, context, options)
        violations.extend(include_violations)
        unit.documents.update((part.display, part.document) for part in unit.included)
    if unit.included:
        from raci_lint.engine.includes import unit_model

        unit.model = unit_model(checked, unit.included)
    else:
        unit.model = checked
    context.model = unit.model
    return unit


def lint_document(
    document: Document,
    path: str,
    options: LintOptions,
    location: Path | None = None,
    run: RunState | None = None,
) -> list[Violation]:
    """The violations of one read ownership file, with the rosters it includes.

    ``location`` is where the file is (includes are relative to it); ``run``
    remembers included rosters whose problems were already reported.
    """
    enabled = options.enabled()
    unit = read_unit(document, path, options, location)
    if keep.KEPT is not None:
        keep.KEPT.append(unit)
    violations = unit.violations
    if unit.model is None:
        return _select(violations, enabled)
    context = unit.context
    context.repository = _repository(options, location, run)
    context.options = options
    violations.extend(run_rules(context, enabled))
    if unit.included and run is not None:
        # A roster included by several files is reported with the first one.
        done = {part.display for part in unit.included if part.path in run.reported}
        violations = [v for v in violations if v.path not in done]
        run.reported.update(part.path for part in unit.included)
    violations = _select(violations, enabled)
    return _suppress(violations, unit.documents, context, enabled, options)


def _repository(
    options: LintOptions, location: Path | None, run: RunState | None
) -> Repository | None:
    """The repository a file lives in (one object per root and run)."""
    if location is None:
        return None
    folder = location.parent if str(location.parent) else Path()
    root = (options.repo_root or repository_root(folder) or folder).resolve()
    if run is None:
        return Repository(root)
    if root not in run.repositories:
        run.repositories[root] = Repository(root)
    return run.repositories[root]


def _includes(
    document: Document, path: str, location: Path, context: Context, options: LintOptions
) -> tuple[list[IncludedFile], list[Violation]]:
    def check(target: Path, display: str, included: Document) -> tuple[list[Violation], Model]:
        found, rejected = _read_checks(included, display, context, included_validator(), "roster")
        return found, build_model(
            included.root if rejected is not None else None, display, rejected or set()
        )

    from raci_lint.engine.includes import Includes

    repo_root = options.repo_root or repository_root(location.parent) or location.parent
    includes = Includes(
        context, repo_root, check, display_path, options.limits, options.force_pure_yaml
    )
    includes.resolve(document.root, location, path)
    violations = list(includes.violations)
    for part in includes.files:
        violations.extend(part.violations)
    return includes.files, violations


def _suppress(
    violations: list[Violation],
    documents: dict[str, Document],
    context: Context,
    enabled: set[str],
    options: LintOptions,
) -> list[Violation]:
    """Apply each file's suppression comments to the violations reported in it."""
    import datetime

    today = options.today or datetime.datetime.now(datetime.timezone.utc).date()
    for shown, document in documents.items():
        if "raci-lint" not in document.text:
            continue  # no suppression comment: nothing to parse
        from raci_lint.engine.suppressions import apply_suppressions, parse_suppressions

        suppressions = parse_suppressions(document.text, document.root)
        if not suppressions:
            continue
        mine = [v for v in violations if v.path == shown]
        others = [v for v in violations if v.path != shown]
        kept = apply_suppressions(mine, suppressions, context, enabled, today, path=shown)
        violations = others + _select(kept, enabled)
    return violations


def _select(violations: list[Violation], enabled: set[str]) -> list[Violation]:
    return [v for v in violations if v.code in enabled]


def _location(path: str) -> Path | None:
    """Where a named file is, for its includes; None for "<stdin>" and the like."""
    return None if path.startswith("<") else Path(path)


def lint_text(text: str, path: str = "<stdin>", options: LintOptions | None = None) -> Report:
    """Lint the text of one ownership file; ``path`` names it in the report.

    Its includes are read relative to ``path``.
    """
    options = options or LintOptions()
    with _no_gc():
        document = loader.load_text(text, options.limits, force_pure=options.force_pure_yaml)
        violations = lint_document(document, path, options, _location(path))
    report = Report(violations, [path], fail_levels={path: options.fail_on})
    report.sort()
    return report


def lint_bytes(
    data: bytes,
    path: str,
    options: LintOptions | None = None,
    location: Path | None = None,
    run: RunState | None = None,
) -> Report:
    """Lint the bytes of one ownership file, as read from disk or stdin."""
    options = options or LintOptions()
    with _no_gc():
        document = loader.load(data, options.limits, force_pure=options.force_pure_yaml)
        violations = lint_document(document, path, options, location or _location(path), run)
    if keep.KEPT is not None:
        keep.KEPT.append(document)
    report = Report(violations, [path], fail_levels={path: options.fail_on})
    report.sort()
    return report


class UnreadablePath(Exception):
    """A path that cannot be linted; the message is one line for the user."""


def read_file(path: Path, limits: Limits) -> bytes | None:
    """The bytes of a file, or None when it is over the size limit.

    Raises :class:`UnreadablePath` with a one-line explanation.
    """
    from raci_lint.reading.files import Unreadable, read_bytes, why_unreadable

    reason = why_unreadable(path)
    if reason is not None:
        raise UnreadablePath(f"{display_path(path)}: {reason}")
    if path.stat().st_size > limits.max_file_size:
        return None
    try:
        # At most one byte past the limit: the file may grow meanwhile.
        return read_bytes(path, limits.max_file_size)
    except Unreadable as error:
        raise UnreadablePath(f"{display_path(path)}: {error.reason}") from None


def read_input(file: str, limits: Limits) -> tuple[str, bytes]:
    """The name to show and the bytes of one file read whole, ``-`` for stdin.

    For the commands that read a single file (`matrix`, `import`). Raises
    :class:`UnreadablePath` with a one-line explanation, also when the file
    is over the size limit.
    """
    if file == "-":
        shown = "<stdin>"
        data: bytes | None = sys.stdin.buffer.read(limits.max_file_size + 1)
        if len(data or b"") > limits.max_file_size:
            data = None
    else:
        shown = display_path(file)
        data = read_file(Path(file), limits)
    if data is None:
        raise UnreadablePath(
            f"{shown}: the file is over the limit of {limits.max_file_size} bytes (SYN005)"
        )
    return shown, data


def discover(
    folder: Path,
    patterns: Iterable[str],
    exclude: Iterable[str] = (),
    exclude_folder: Path | None = None,
) -> list[Path]:
    """Ownership files under a folder, skipping VCS folders, virtualenvs and ``exclude``."""
    import fnmatch

    from raci_lint.settings.config import glob_matches

    wanted = tuple(patterns)
    excluded = tuple(exclude)
    anchor = (exclude_folder or folder).resolve()

    def is_excluded(path: str) -> bool:
        if not excluded:
            return False
        relative = Path(os.path.relpath(os.path.abspath(path), anchor)).as_posix()
        return any(glob_matches(pattern, relative) for pattern in excluded)

    found: list[Path] = []
    for current, folders, files in os.walk(folder):
        folders[:] = sorted(
            name
            for name in folders
            if name not in SKIPPED_FOLDERS
            and not os.path.exists(os.path.join(current, name, "pyvenv.cfg"))
            and not is_excluded(os.path.join(current, name))
        )
        for name in sorted(files):
            if any(fnmatch.fnmatchcase(name, pattern) for pattern in wanted) and not is_excluded(
                os.path.join(current, name)
            ):
                found.append(Path(current) / name)
    return found


def lint_paths(
    paths: Iterable[str | Path],
    options: LintOptions | Settings | None = None,
    *,
    stdin_filename: str | None = None,
) -> Report:
    """Lint files, or folders searched for ownership files; ``-`` reads stdin.

    With :class:`LintOptions`, every file is checked with them; otherwise each
    file's nearest configuration applies (see :class:`Settings`).
    """
    settings = options if isinstance(options, Settings) else Settings(fixed=options)
    report = Report()
    run = RunState()
    for given in paths:
        if str(given) == "-":
            name = stdin_filename or "<stdin>"
            file_options = settings.options_for(Path(stdin_filename or "stdin"))
            limit = file_options.limits.max_file_size
            data = sys.stdin.buffer.read(limit + 1)
            if len(data) > limit:  # the rest of a pipe is unknown: say so
                problem = loader.size_problem(None, limit)
                violations = lint_document(Document("", None, [problem]), name, file_options)
                report.extend(Report(violations, [name], fail_levels={name: file_options.fail_on}))
                continue
            report.extend(lint_bytes(data, name, file_options, run=run))
            continue
        path = Path(given)
        if os.path.isdir(path):
            folder_options = settings.options_for(path / "raci.yaml")
            for found in discover(
                path,
                folder_options.files,
                folder_options.exclude,
                folder_options.exclude_folder,
            ):
                report.extend(_lint_file(found, settings.options_for(found), run))
        else:
            report.extend(_lint_file(path, settings.options_for(path), run))
    report.sort()
    return report


def _lint_file(path: Path, options: LintOptions, run: RunState) -> Report:
    shown = display_path(path)
    try:
        data = read_file(path, options.limits)
    except UnreadablePath as error:
        return Report(errors=[str(error)])
    except (OSError, ValueError, RuntimeError) as error:  # what stat() may still say
        return Report(errors=[f"{shown}: cannot be read: {error}"])
    if data is None:
        problem = loader.size_problem(path.stat().st_size, options.limits.max_file_size)
        violations = lint_document(Document("", None, [problem]), shown, options)
        return Report(violations, [shown], fail_levels={shown: options.fail_on})
    return lint_bytes(data, shown, options, path, run)


class Overrides(NamedTuple):
    """What the command line says, which beats any configuration file."""

    select: list[str] | None = None
    extend_select: list[str] = []  # noqa: RUF012 - never mutated
    ignore: list[str] = []  # noqa: RUF012
    taxonomy: Path | None = None
    fail_on: str | None = None
    config: Path | None = None
    isolated: bool = False
    today: datetime.date | None = None
    repo_root: Path | None = None


class Settings:
    """Resolves the options of each file: its nearest configuration, then the overrides.

    Configurations and taxonomies are read once each, however many files use
    them. Raises :class:`~raci_lint.settings.config.ConfigError` (and
    :class:`~raci_lint.taxonomy.disciplines.TaxonomyError`) for unusable ones.
    """

    def __init__(
        self, overrides: Overrides | None = None, fixed: LintOptions | None = None
    ) -> None:
        self.overrides = overrides or Overrides()
        self.fixed = fixed
        self._configs: dict[Path | None, Config] = {}
        self._by_folder: dict[Path, Path | None] = {}
        self._taxonomies: dict[Path, Taxonomy] = {}
        self._options: dict[tuple[Path | None, frozenset[str]], LintOptions] = {}

    def config_for(self, file: Path) -> Config:
        """The configuration that applies to a file."""
        from raci_lint.settings.config import Config, find_config, load_config

        if self.overrides.config is not None:
            location: Path | None = self.overrides.config
        elif self.overrides.isolated:
            location = None
        else:
            folder = file.parent.resolve() if str(file.parent) else Path.cwd()
            if folder not in self._by_folder:
                self._by_folder[folder] = find_config(folder)
            location = self._by_folder[folder]
        if location not in self._configs:
            self._configs[location] = load_config(location) if location else Config()
        return self._configs[location]

    def taxonomy(self, path: Path | None) -> Taxonomy:
        if path is None:
            return default_taxonomy()
        key = path.resolve()
        if key not in self._taxonomies:
            from raci_lint.taxonomy.disciplines import load_taxonomy

            self._taxonomies[key] = load_taxonomy(path, display_path(path))
        return self._taxonomies[key]

    def options_for(self, file: Path) -> LintOptions:
        """The options to lint one file with."""
        if self.fixed is not None:
            return self.fixed
        config = self.config_for(file)
        per_file = frozenset(config.ignored_for(file))
        cache_key = (config.path, per_file)
        if cache_key in self._options:
            return self._options[cache_key]
        over = self.overrides
        options = LintOptions(
            select=over.select if over.select is not None else config.select,
            extend_select=[*config.extend_select, *over.extend_select],
            ignore=[*config.ignore, *over.ignore, *sorted(per_file)],
            severities=dict(config.severities),
            rule_options=dict(config.rule_options),
            taxonomy=self.taxonomy(over.taxonomy or config.taxonomy),
            limits=config.limits,
            files=tuple(config.files) if config.files is not None else DEFAULT_FILES,
            exclude=tuple(config.exclude),
            exclude_folder=config.folder,
            fail_on=over.fail_on or config.fail_on or "error",
            today=over.today,
            repo_root=over.repo_root,
            owned_roots=tuple(config.folder / root for root in config.owned_roots),
            codeowners=config.codeowners,
        )
        self._options[cache_key] = options
        return options
