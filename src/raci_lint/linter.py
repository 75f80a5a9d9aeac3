"""The linter: from files to a :class:`Report` of violations.

Data flows one way: bytes -> nodes with positions (``loader``) -> schema
errors (``schema``) -> model (``model``) -> rules -> violations -> report.
"""

from __future__ import annotations

import gc
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from raci_lint import loader
from raci_lint.loader import Document, Limits, Mapping, Node, Scalar, escape_pointer
from raci_lint.model import Model, build_model
from raci_lint.rules import RULES, Context, all_rules, run_rules, select_rules
from raci_lint.schema import SchemaError, raci_validator, scalar_type
from raci_lint.schema_messages import schema_message, subject_of
from raci_lint.taxonomy import Taxonomy, default_taxonomy
from raci_lint.violations import SEVERITY_RANK, Violation, fingerprint

__all__ = ["LintOptions", "Report", "discover", "lint_paths", "lint_text"]

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
    """What to check and how; the configuration layer fills this in."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severities: dict[str, str] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    taxonomy: Taxonomy | None = None
    limits: Limits = field(default_factory=Limits)
    files: tuple[str, ...] = DEFAULT_FILES
    force_pure_yaml: bool = False

    def enabled(self) -> set[str]:
        return select_rules(self.select, self.extend_select, self.ignore)


@dataclass
class Report:
    """The outcome of a run: violations, the files checked, and unreadable paths."""

    violations: list[Violation] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def extend(self, other: Report) -> None:
        self.violations.extend(other.violations)
        self.files.extend(other.files)
        self.errors.extend(other.errors)

    def sort(self) -> None:
        self.violations.sort(key=Violation.sort_key)

    def counts(self) -> dict[str, int]:
        """How many violations of each severity."""
        result = {"error": 0, "warning": 0, "info": 0}
        for violation in self.violations:
            result[violation.severity] += 1
        return result

    def failing(self, fail_on: str = "error") -> list[Violation]:
        """The violations at or above the fail level."""
        threshold = SEVERITY_RANK[fail_on]
        return [v for v in self.violations if SEVERITY_RANK[v.severity] >= threshold]

    def exit_code(self, fail_on: str = "error") -> int:
        """0 clean, 1 violations at or above ``fail_on``, 2 unreadable paths."""
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
    return _select(violations, enabled)


def _select(violations: list[Violation], enabled: set[str]) -> list[Violation]:
    return [v for v in violations if v.code in enabled]


def lint_text(text: str, path: str = "<stdin>", options: LintOptions | None = None) -> Report:
    """Lint the text of one ownership file; ``path`` names it in the report."""
    options = options or LintOptions()
    with _no_gc():
        document = loader.load_text(text, options.limits, force_pure=options.force_pure_yaml)
        violations = lint_document(document, path, options)
    report = Report(violations, [path])
    report.sort()
    return report


def lint_bytes(data: bytes, path: str, options: LintOptions | None = None) -> Report:
    """Lint the bytes of one ownership file, as read from disk or stdin."""
    options = options or LintOptions()
    with _no_gc():
        document = loader.load(data, options.limits, force_pure=options.force_pure_yaml)
        violations = lint_document(document, path, options)
    report = Report(violations, [path])
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


def discover(folder: Path, patterns: Iterable[str]) -> list[Path]:
    """Ownership files under a folder, skipping VCS folders and virtualenvs."""
    import fnmatch

    wanted = tuple(patterns)
    found: list[Path] = []
    for current, folders, files in os.walk(folder):
        folders[:] = sorted(
            name
            for name in folders
            if name not in SKIPPED_FOLDERS
            and not os.path.exists(os.path.join(current, name, "pyvenv.cfg"))
        )
        for name in sorted(files):
            if any(fnmatch.fnmatchcase(name, pattern) for pattern in wanted):
                found.append(Path(current) / name)
    return found


def lint_paths(
    paths: Iterable[str | Path],
    options: LintOptions | None = None,
    *,
    stdin_filename: str | None = None,
) -> Report:
    """Lint files, or folders searched for ownership files; ``-`` reads stdin."""
    options = options or LintOptions()
    report = Report()
    for given in paths:
        if str(given) == "-":
            data = sys.stdin.buffer.read(options.limits.max_file_size + 1)
            report.extend(lint_bytes(data, stdin_filename or "<stdin>", options))
            continue
        path = Path(given)
        if path.is_dir():
            for found in discover(path, options.files):
                report.extend(_lint_file(found, options))
        else:
            report.extend(_lint_file(path, options))
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
        return Report(lint_document(Document("", None, [problem]), shown, options), [shown])
    return lint_bytes(data, shown, options)


def rule_codes() -> list[str]:
    """Every rule code, in order."""
    return [r.code for r in all_rules()]
