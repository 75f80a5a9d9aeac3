"""A unit: one ownership file read with the rosters it includes, into one model.

Reading a file finds what no rule needs to look for: syntax, limits,
emptiness, version and schema violations (SYN, from ``rules/syntax.py``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from raci_lint.model.ownership import Model, build_model
from raci_lint.reading import loader
from raci_lint.reading.loader import IMPLICIT, Document, Mapping, Scalar, escape_pointer
from raci_lint.reading.repository import repository_root
from raci_lint.rules.context import Context
from raci_lint.rules.syntax import READING_PROBLEMS, SCHEMA_VIOLATION, UNSUPPORTED_VERSION
from raci_lint.schema.scalars import scalar_type
from raci_lint.schema.validator import (
    SchemaError,
    Validator,
    error_node,
    included_validator,
    raci_validator,
)
from raci_lint.settings.options import LintOptions
from raci_lint.taxonomy.disciplines import default_taxonomy
from raci_lint.violations import Violation, fingerprint
from raci_lint.wording import neutralize, root_relative

if TYPE_CHECKING:
    from raci_lint.engine.includes import IncludedFile, Rosters
    from raci_lint.reading.files import Tree

__all__ = ["Unit", "problem_violation", "read_checks", "read_unit"]


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
        # The rosters of the run its includes were read with (None: it includes none).
        self.rosters: Rosters | None = None
        # None when no rule may run on the file (syntax, version, empty).
        self.model: Model | None = None


def read_unit(
    document: Document,
    path: str,
    options: LintOptions,
    location: Path | None = None,
    rosters: Rosters | None = None,
    tree: Tree | None = None,
) -> Unit:
    """Check one read ownership file and resolve its includes into one model.

    ``location`` is where the file is: its includes are relative to it; a
    file without one (stdin) includes nothing. ``rosters`` holds the
    included files a run has read already (see ``Unit.rosters``); without
    it, a fresh one serves this file alone. ``tree`` is where the includes
    are read (default: the working tree; a revision for `diff`).
    """
    taxonomy = options.taxonomy or default_taxonomy()
    context = Context(Model(path), taxonomy, path, options.severities, options.rule_options)
    context.text = document.text
    folder = location.parent if location is not None else Path()
    top = os.path.realpath(options.repo_root or repository_root(folder) or Path.cwd())
    here = os.path.realpath(Path.cwd())
    context.locate = lambda shown: root_relative(shown, top, here)
    violations, rejected = read_checks(document, path, context, raci_validator(), "ownership")
    unit = Unit(context, violations, path, document)
    if rejected is None:
        return unit
    checked = build_model(document.root, path, rejected)
    root = document.root
    if location is not None and type(root) is Mapping and "include" in root.entries:
        # Imported here: most ownership files include no roster (start-up time).
        from raci_lint.engine.includes import Rosters, read_includes, unit_model

        def check(target: Path, shown: str, included: Document) -> tuple[list[Violation], Model]:
            found, rejected = read_checks(included, shown, context, included_validator(), "roster")
            tree = included.root if rejected is not None else None
            return found, build_model(tree, shown, rejected or set())

        unit.rosters = rosters = rosters if rosters is not None else Rosters()
        # What `check` depends on besides the file: its violations' severities,
        # the taxonomy its messages name.
        flavour = (tuple(sorted(options.severities.items())), taxonomy)
        unit.included, include_violations = read_includes(
            document, path, location, context, options, check, rosters, flavour, tree
        )
        violations.extend(include_violations)
        unit.documents.update((part.display, part.document) for part in unit.included)
        if unit.included:
            checked = unit_model(checked, unit.included, rosters)
    unit.model = checked
    context.model = unit.model
    return unit


def problem_violation(
    problem: loader.Problem, path: str, severities: dict[str, str], identity: str | None = None
) -> Violation:
    """The violation of a problem the loader found while reading the file at ``path``."""
    current = READING_PROBLEMS[problem.kind]
    return Violation(
        code=current.code,
        name=current.name,
        severity=severities.get(current.code, current.severity),
        message=neutralize(problem.message),
        hint=current.hint,
        path=path,
        line=problem.line,
        column=problem.column,
        end_line=problem.end_line,
        end_column=problem.end_column,
        pointer=problem.pointer,
        subject=None,
        fingerprint=fingerprint(
            identity or path, current.code, None, f"{problem.pointer}:{problem.message}"
        ),
    )


def _pointer(path: tuple[str | int, ...]) -> str:
    return "".join(f"/{escape_pointer(str(token))}" for token in path)


def _schema_violation(error: SchemaError, context: Context, path: str, kind: str) -> Violation:
    # Imported here: only a file that breaks the schema needs words for it (start-up time).
    from raci_lint.schema.messages import schema_message, subject_of

    pointer = _pointer(error.path)
    if kind == "roster" and not error.path and error.keyword == "type":
        # An include may name any file of the checkout, such as a .env a CI
        # job wrote: of one that is no roster at all, nothing is quoted.
        message = (
            f"the included file must hold a mapping (version, people, teams), not {_kind_of(error)}"
        )
    else:
        message = schema_message(error, context.taxonomy.kinds)
    return context.violation(
        SCHEMA_VIOLATION,
        error_node(error),
        message,
        subject=subject_of(error.path),
        path=path,
        key=f"{error.keyword}:{pointer}:{error.detail if error.keyword == 'required' else ''}",
        pointer=pointer,
    )


def _kind_of(error: SchemaError) -> str:
    """What a node is, in words, without a word of what it holds."""
    node = error.node
    if type(node) is Mapping:
        return "a mapping"
    if type(node) is Scalar:
        return "empty" if scalar_type(node) == "null" else "text"
    return "a list"


def _version_violation(document: Document, context: Context, path: str) -> Violation | None:
    root = document.root
    if type(root) is not Mapping or "version" not in root.entries:
        return None
    node = root.entries["version"].node
    if type(node) is not Scalar or scalar_type(node) != "integer":
        return None  # the schema reports a version that is not an integer
    # Compared as text: int() refuses numbers of thousands of digits.
    if node.value.replace("_", "").lstrip("+") == "1":
        return None
    shown = node.value if len(node.value) <= 40 else node.value[:40] + "..."
    return context.violation(
        UNSUPPORTED_VERSION,
        node,
        f"version {shown} is not supported; this raci-lint reads version 1 only",
        subject=None,
        key=node.value,
        pointer="/version",
        path=path,
    )


_EMPTY = {
    "ownership": (
        "the file is empty; an ownership file starts with `version: 1` and a `components:` mapping"
    ),
    "roster": "the file is empty; an included roster starts with `version: 1` and `people:`",
}


def read_checks(
    document: Document, path: str, context: Context, validator: Validator, kind: str
) -> tuple[list[Violation], set[int] | None]:
    """Violations of reading one file: syntax, limits, emptiness, version, schema.

    Returns the ids of the nodes the schema rejected, or None when no other
    rule may run on the file.
    """
    severities = context.severities
    identity = context.locate(path)
    violations = [problem_violation(p, path, severities, identity) for p in document.problems]
    root = document.root
    if type(root) is Scalar and root.value == "" and not root.style and root.tag is IMPLICIT:
        root = None  # only `---` and comments: empty
    if root is None:
        if not document.problems:
            violations.append(
                context.violation(
                    SCHEMA_VIOLATION, None, _EMPTY[kind], subject=None, key="empty", path=path
                )
            )
        return violations, None
    version = _version_violation(document, context, path)
    if version is not None:
        return [version], None
    errors = validator.validate(root)
    violations.extend(_schema_violation(error, context, path, kind) for error in errors)
    rejected = {
        id(error.node)
        for error in errors
        if error.keyword not in ("required", "additionalProperties")
    }
    return violations, rejected
