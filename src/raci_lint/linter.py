"""The linter: from files to a :class:`Report` of violations.

Data flows one way: bytes -> nodes with positions (``loader``) -> schema
errors (``schema``) -> model (``model``) -> rules -> violations -> report.
"""

from __future__ import annotations

import datetime
import gc
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from raci_lint.config import Config

from raci_lint import loader
from raci_lint.baseline import BaselineResult
from raci_lint.loader import Document, Limits, Mapping, Node, Scalar, escape_pointer
from raci_lint.model import Model, build_model
from raci_lint.rules import RULES, Context, all_rules, run_rules, select_rules
from raci_lint.schema import SchemaError, raci_validator, scalar_type
from raci_lint.schema_messages import schema_message, subject_of
from raci_lint.suppressions import apply_suppressions, parse_suppressions
from raci_lint.taxonomy import Taxonomy, default_taxonomy
from raci_lint.violations import SEVERITY_RANK, Violation, fingerprint

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


@dataclass
class LintOptions:
    """What to check in one file, and how: the configuration layer fills this in."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severities: dict[str, str] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    taxonomy: Taxonomy | None = None
    limits: Limits = field(default_factory=Limits)
    files: tuple[str, ...] = DEFAULT_FILES
    exclude: tuple[str, ...] = ()
    exclude_folder: Path | None = None
    fail_on: str = "error"
    today: datetime.date | None = None
    force_pure_yaml: bool = False

    def enabled(self) -> set[str]:
        return select_rules(self.select, self.extend_select, self.ignore)


@dataclass
class Report:
    """The outcome of a run: violations, the files checked, and unreadable paths."""

    violations: list[Violation] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # The fail level of each file, from its configuration.
    fail_levels: dict[str, str] = field(default_factory=dict)
    baseline: BaselineResult | None = None

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


def display_path(path: str | Path) -> str:
    """How a path is shown: relative to the working folder when inside it."""
    text = os.fspath(path)
    if os.path.isabs(text):
        try:
            relative = os.path.relpath(text)
        except ValueError:  # another drive on Windows
            return Path(text).as_posix()
        if not relative.startswith(".."):
            text = relative
    return Path(text).as_posix()


def _problem_violation(problem: loader.Problem, path: str, severities: dict[str, str]) -> Violation:
    current = RULES[problem.code]
    return Violation(
        code=problem.code,
        name=current.name,
        severity=severities.get(problem.code, current.severity),
        message=problem.message,
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


def _schema_violation(error: SchemaError, context: Context, taxonomy: Taxonomy) -> Violation:
    # A missing key is reported at the key of the mapping that lacks it (1:1
    # for the top level), an unknown key at itself, anything else at the value.
    node: Node | None = error.key if error.keyword == "required" else error.node
    pointer = _pointer(error.path)
    return context.report(
        "SYN002",
        node,
        schema_message(error, taxonomy),
        subject=subject_of(error.path),
        key=f"{error.keyword}:{pointer}:{error.detail if error.keyword == 'required' else ''}",
        pointer=pointer,
    )


def _version_violation(document: Document, context: Context) -> Violation | None:
    root = document.root
    if type(root) is not Mapping or "version" not in root.entries:
        return None
    node = root.entries["version"][1]
    if type(node) is not Scalar or scalar_type(node) != "integer":
        return None  # the schema reports a version that is not an integer
    if int(node.value.replace("_", "")) == 1:
        return None
    return context.report(
        "SYN004",
        node,
        f"version {node.value} is not supported; this raci-lint reads version 1 only",
        subject=None,
        key=node.value,
        pointer="/version",
    )


def lint_document(document: Document, path: str, options: LintOptions) -> list[Violation]:
    """The violations of one read file."""
    taxonomy = options.taxonomy or default_taxonomy()
    enabled = options.enabled()
    severities = options.severities
    violations = [_problem_violation(p, path, severities) for p in document.problems]
    root = document.root
    if type(root) is Scalar and scalar_type(root) == "null" and not document.problems:
        document = Document(document.text, None, [])  # only `---` and comments: empty
    if document.root is None:
        if not document.problems:
            violations.append(
                Context(Model(path), taxonomy, path, severities).report(
                    "SYN002",
                    None,
                    "the file is empty; an ownership file starts with `version: 1` "
                    "and a `components:` mapping",
                    subject=None,
                    key="empty",
                )
            )
        return _select(violations, enabled)
    context = Context(Model(path), taxonomy, path, severities, options.rule_options)
    version = _version_violation(document, context)
    if version is not None:
        return _select([version], enabled)
    errors = raci_validator().validate(document.root)
    violations.extend(_schema_violation(error, context, taxonomy) for error in errors)
    rejected = {
        id(error.node)
        for error in errors
        if error.keyword not in ("required", "additionalProperties")
    }
    context.model = build_model(document.root, path, rejected)
    violations.extend(run_rules(context, enabled))
    violations = _select(violations, enabled)
    suppressions = parse_suppressions(document.text, document.root)
    if suppressions:
        today = options.today or datetime.datetime.now(datetime.timezone.utc).date()
        violations = _select(
            apply_suppressions(violations, suppressions, context, enabled, today), enabled
        )
    return violations


def _select(violations: list[Violation], enabled: set[str]) -> list[Violation]:
    return [v for v in violations if v.code in enabled]


def lint_text(text: str, path: str = "<stdin>", options: LintOptions | None = None) -> Report:
    """Lint the text of one ownership file; ``path`` names it in the report."""
    options = options or LintOptions()
    with _no_gc():
        document = loader.load_text(text, options.limits, force_pure=options.force_pure_yaml)
        violations = lint_document(document, path, options)
    report = Report(violations, [path], fail_levels={path: options.fail_on})
    report.sort()
    return report


def lint_bytes(data: bytes, path: str, options: LintOptions | None = None) -> Report:
    """Lint the bytes of one ownership file, as read from disk or stdin."""
    options = options or LintOptions()
    with _no_gc():
        document = loader.load(data, options.limits, force_pure=options.force_pure_yaml)
        violations = lint_document(document, path, options)
    report = Report(violations, [path], fail_levels={path: options.fail_on})
    report.sort()
    return report


class UnreadablePath(Exception):
    """A path that cannot be linted; the message is one line for the user."""


def read_file(path: Path, limits: Limits) -> bytes | None:
    """The bytes of a file, or None when it is over the size limit.

    Raises :class:`UnreadablePath` with a one-line explanation.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise UnreadablePath(f"{display_path(path)}: broken symbolic link") from None
        raise UnreadablePath(f"{display_path(path)}: no such file or folder") from None
    except OSError as error:
        raise UnreadablePath(f"{display_path(path)}: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise UnreadablePath(f"{display_path(path)}: is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise UnreadablePath(f"{display_path(path)}: not a regular file")
    if info.st_size > limits.max_file_size:
        return None
    try:
        with path.open("rb") as handle:
            # Read at most one byte past the limit: the file may grow meanwhile.
            return handle.read(limits.max_file_size + 1)
    except OSError as error:
        raise UnreadablePath(f"{display_path(path)}: {error.strerror or error}") from None


def discover(
    folder: Path,
    patterns: Iterable[str],
    exclude: Iterable[str] = (),
    exclude_folder: Path | None = None,
) -> list[Path]:
    """Ownership files under a folder, skipping VCS folders, virtualenvs and ``exclude``."""
    import fnmatch

    from raci_lint.config import glob_matches

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
    for given in paths:
        if str(given) == "-":
            name = stdin_filename or "<stdin>"
            file_options = settings.options_for(Path(stdin_filename or "stdin"))
            data = sys.stdin.buffer.read(file_options.limits.max_file_size + 1)
            report.extend(lint_bytes(data, name, file_options))
            continue
        path = Path(given)
        if path.is_dir():
            folder_options = settings.options_for(path / "raci.yaml")
            for found in discover(
                path,
                folder_options.files,
                folder_options.exclude,
                folder_options.exclude_folder,
            ):
                report.extend(_lint_file(found, settings.options_for(found)))
        else:
            report.extend(_lint_file(path, settings.options_for(path)))
    report.sort()
    return report


def _lint_file(path: Path, options: LintOptions) -> Report:
    shown = display_path(path)
    try:
        data = read_file(path, options.limits)
    except UnreadablePath as error:
        return Report(errors=[str(error)])
    if data is None:
        problem = loader.size_problem(path.stat().st_size, options.limits.max_file_size)
        violations = lint_document(Document("", None, [problem]), shown, options)
        return Report(violations, [shown], fail_levels={shown: options.fail_on})
    return lint_bytes(data, shown, options)


@dataclass
class Overrides:
    """What the command line says, which beats any configuration file."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    taxonomy: Path | None = None
    fail_on: str | None = None
    config: Path | None = None
    isolated: bool = False
    today: datetime.date | None = None


class Settings:
    """Resolves the options of each file: its nearest configuration, then the overrides.

    Configurations and taxonomies are read once each, however many files use
    them. Raises :class:`~raci_lint.config.ConfigError` (and
    :class:`~raci_lint.taxonomy.TaxonomyError`) for unusable ones.
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
        from raci_lint.config import Config, find_config, load_config

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
            from raci_lint.taxonomy import load_taxonomy

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
        )
        self._options[cache_key] = options
        return options


def rule_codes() -> list[str]:
    """Every rule code, in order."""
    return [r.code for r in all_rules()]
