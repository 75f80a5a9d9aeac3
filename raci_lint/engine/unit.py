"""A unit: one ownership file read with the rosters it includes, into one model."""

from __future__ import annotations

from pathlib import Path

from raci_lint.engine.file_checks import read_checks
from raci_lint.engine.includes import IncludedFile, Includes, unit_model
from raci_lint.model.ownership import Model, build_model
from raci_lint.reading.loader import Document, Mapping
from raci_lint.reading.repository import repository_root
from raci_lint.rules.context import Context
from raci_lint.schema.validator import included_validator, raci_validator
from raci_lint.settings.options import LintOptions
from raci_lint.taxonomy.disciplines import default_taxonomy
from raci_lint.violations import Violation
from raci_lint.wording import display_path

__all__ = ["Unit", "read_unit"]


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
    """Check one read ownership file and resolve its includes into one model.

    ``location`` is where the file is: its includes are relative to it; a
    file without one (stdin) includes nothing.
    """
    taxonomy = options.taxonomy or default_taxonomy()
    context = Context(Model(path), taxonomy, path, options.severities, options.rule_options)
    context.text = document.text
    violations, rejected = read_checks(document, path, context, raci_validator(), "ownership")
    unit = Unit(context, violations, path, document)
    if rejected is None:
        return unit
    checked = build_model(document.root, path, rejected)
    root = document.root
    if location is not None and type(root) is Mapping and "include" in root.entries:
        unit.included, include_violations = _includes(document, path, location, context, options)
        violations.extend(include_violations)
        unit.documents.update((part.display, part.document) for part in unit.included)
    unit.model = unit_model(checked, unit.included) if unit.included else checked
    context.model = unit.model
    return unit


def _includes(
    document: Document, path: str, location: Path, context: Context, options: LintOptions
) -> tuple[list[IncludedFile], list[Violation]]:
    def check(target: Path, display: str, included: Document) -> tuple[list[Violation], Model]:
        found, rejected = read_checks(included, display, context, included_validator(), "roster")
        return found, build_model(
            included.root if rejected is not None else None, display, rejected or set()
        )

    repo_root = options.repo_root or repository_root(location.parent) or location.parent
    includes = Includes(
        context, repo_root, check, display_path, options.limits, options.force_pure_yaml
    )
    includes.resolve(document.root, location, path)
    violations = list(includes.violations)
    for part in includes.files:
        violations.extend(part.violations)
    return includes.files, violations
