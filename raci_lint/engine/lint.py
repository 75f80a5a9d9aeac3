"""The engine: files in, the final :class:`Report` out.

Data flows one way: bytes -> nodes with positions (``reading``) -> schema
errors (``schema``) -> model (``model``) -> rules -> violations ->
suppressions -> baseline -> report. :func:`lint` is the one call the
command line makes; :func:`lint_paths` and :func:`lint_text` are the API.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from raci_lint.engine.discovery import discover
from raci_lint.engine.report import Report
from raci_lint.engine.repository import Repositories
from raci_lint.engine.unit import read_unit
from raci_lint.reading import loader
from raci_lint.reading.files import LEAVES_ROOT, UnreadablePath, inside, read_file
from raci_lint.reading.loader import Document
from raci_lint.reading.repository import repository_root
from raci_lint.rules.context import Context, run_rules
from raci_lint.rules.registry import all_rules
from raci_lint.settings.options import LintOptions, Overrides, enabled_codes
from raci_lint.settings.resolver import Settings
from raci_lint.violations import Violation
from raci_lint.wording import display_path

if TYPE_CHECKING:
    from raci_lint.engine.includes import Rosters

__all__ = [
    "Run",
    "lint",
    "lint_bytes",
    "lint_document",
    "lint_paths",
    "lint_text",
    "settings_for",
]


def settings_for(overrides: Overrides | None = None) -> Settings:
    """The settings of a run: each file's configuration, validated against every rule."""
    return Settings(overrides, rules=all_rules())


class Run:
    """What one run remembers across files.

    Included rosters read (each parsed once per run) and already reported,
    the repositories read, the rules each set of options enables; and, for
    the command line, every tree it read (``retain``): freeing millions of
    small objects one by one costs as much as building them, and the process
    is about to end anyway.
    """

    def __init__(self, retain: bool = False) -> None:
        self.reported: set[Path] = set()
        # Made by the first unit that includes a roster (most runs include none).
        self.rosters: Rosters | None = None
        self.repositories = Repositories()
        self.retained: list[object] | None = [] if retain else None
        # The real paths of the ownership files and rosters read.
        self.read: set[str] = set()
        self._enabled: dict[int, tuple[LintOptions, set[str]]] = {}

    def enabled(self, options: LintOptions) -> set[str]:
        """The codes the options enable (computed once per options)."""
        known = self._enabled.get(id(options))
        if known is None or known[0] is not options:
            codes = enabled_codes(
                all_rules(), options.select, options.extend_select, options.ignore
            )
            known = (options, codes)
            self._enabled[id(options)] = known
        return known[1]

    def retain(self, thing: object) -> None:
        if self.retained is not None:
            self.retained.append(thing)


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


def lint_document(
    document: Document,
    path: str,
    options: LintOptions,
    location: Path | None = None,
    run: Run | None = None,
) -> list[Violation]:
    """The violations of one read ownership file, with the rosters it includes.

    ``location`` is where the file is (includes are relative to it); ``run``
    remembers what several files share (included rosters already reported,
    the repository).
    """
    run = run or Run()
    enabled = run.enabled(options)
    unit = read_unit(document, path, options, location, run.rosters)
    run.rosters = run.rosters or unit.rosters
    if location is not None:
        run.read.add(os.path.realpath(location))
    run.read.update(os.path.realpath(part.path) for part in unit.included)
    run.retain(unit)
    violations = unit.violations
    if unit.model is None:
        return _select(violations, enabled)
    context = unit.context
    context.repository = run.repositories.view(options, location)
    violations.extend(run_rules(context, enabled))
    documents = unit.documents
    if unit.included:
        # A roster included by several files is reported with the first one,
        # its suppression comments too.
        done = {part.display for part in unit.included if part.path in run.reported}
        violations = [v for v in violations if v.path not in done]
        documents = {shown: kept for shown, kept in documents.items() if shown not in done}
        run.reported.update(part.path for part in unit.included)
    violations = _select(violations, enabled)
    return _suppress(violations, documents, context, enabled, options)


def _suppress(
    violations: list[Violation],
    documents: dict[str, Document],
    context: Context,
    enabled: set[str],
    options: LintOptions,
) -> list[Violation]:
    """Apply each file's suppression comments to the violations reported in it."""
    today = options.today
    for shown, document in documents.items():
        if "raci-lint" not in document.text:
            continue  # no suppression comment: nothing to parse
        # Imported here: most files have no suppression comment (start-up time).
        from raci_lint.engine.suppressions import apply_suppressions, parse_suppressions, utc_today

        suppressions = parse_suppressions(document.text, document.root)
        if not suppressions:
            continue
        today = today or utc_today()
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
    run: Run | None = None,
) -> Report:
    """Lint the bytes of one ownership file, as read from disk or stdin."""
    options = options or LintOptions()
    run = run or Run()
    with _no_gc():
        document = loader.load(data, options.limits, force_pure=options.force_pure_yaml)
        violations = lint_document(document, path, options, location or _location(path), run)
    run.retain(document)
    report = Report(violations, [path], fail_levels={path: options.fail_on})
    report.sort()
    return report


def lint_paths(
    paths: Iterable[str | Path],
    options: LintOptions | Settings | None = None,
    *,
    stdin_filename: str | None = None,
    run: Run | None = None,
) -> Report:
    """Lint files, or folders searched for ownership files; ``-`` reads stdin.

    With :class:`LintOptions`, every file is checked with them; otherwise each
    file's nearest configuration applies (see :class:`Settings`).
    Suppression comments are applied; a baseline is not (see :func:`lint`).
    """
    if isinstance(options, Settings):
        settings = options
    else:
        settings = Settings(overrides=None, fixed=options, rules=all_rules())
    report = Report()
    run = run or Run()
    for given in paths:
        if str(given) == "-":
            report.extend(_lint_stdin(stdin_filename, settings, run))
            continue
        path = Path(given)
        if os.path.isdir(path):
            folder_options = settings.options_for(path / "raci.yaml")
            root = folder_options.repo_root or repository_root(path) or path
            for found in discover(
                path,
                folder_options.files,
                folder_options.exclude,
                folder_options.exclude_folder,
            ):
                if not inside(found, root):
                    # A link the repository commits may not make raci-lint
                    # read, and quote, a file of the machine.
                    shown = display_path(found)
                    where = display_path(root) or "."
                    report.extend(
                        Report(
                            errors=[
                                f"{shown}: {LEAVES_ROOT} ({where}); raci-lint reads no file outside it"
                            ]
                        )
                    )
                    continue
                report.extend(_lint_file(found, settings.options_for(found), run))
        else:
            report.extend(_lint_file(path, settings.options_for(path), run))
    report.sort()
    return report


def _lint_stdin(stdin_filename: str | None, settings: Settings, run: Run) -> Report:
    name = stdin_filename or "<stdin>"
    options = settings.options_for(Path(stdin_filename or "stdin"))
    limit = options.limits.max_file_size
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:  # the rest of a pipe is unknown: say so
        problem = loader.size_problem(None, limit)
        violations = lint_document(Document("", None, [problem]), name, options, run=run)
        return Report(violations, [name], fail_levels={name: options.fail_on})
    return lint_bytes(data, name, options, run=run)


def _lint_file(path: Path, options: LintOptions, run: Run) -> Report:
    shown = display_path(path)
    try:
        data = read_file(path, options.limits)
    except UnreadablePath as error:
        return Report(errors=[str(error)])
    except (OSError, ValueError, RuntimeError) as error:  # what stat() may still say
        return Report(errors=[f"{shown}: cannot be read: {error}"])
    if data is None:
        problem = loader.size_problem(path.stat().st_size, options.limits.max_file_size)
        violations = lint_document(Document("", None, [problem]), shown, options, run=run)
        return Report(violations, [shown], fail_levels={shown: options.fail_on})
    return lint_bytes(data, shown, options, path, run)


def lint(
    paths: Iterable[str | Path],
    settings: Settings,
    *,
    stdin_filename: str | None = None,
    baseline: Path | None = None,
    retain: bool = False,
) -> Report:
    """The final answer of a run: lint, apply suppressions, then the baseline.

    ``report.found`` keeps every violation found, also those the baseline
    holds back (what ``--write-baseline`` records); ``report.inputs`` the
    real paths of every ownership file, roster, configuration and taxonomy
    read, which no command may write over. ``retain`` keeps every
    tree read alive in ``report.retained``, for a process about to exit.
    Raises :class:`~raci_lint.settings.config.ConfigError`,
    :class:`~raci_lint.taxonomy.files.TaxonomyError` and
    :class:`~raci_lint.engine.baseline.BaselineError` with one line per problem.
    """
    run = Run(retain=retain)
    report = lint_paths(paths, settings, stdin_filename=stdin_filename, run=run)
    report.retained = run.retained
    report.inputs = run.read | settings.read
    report.found = list(report.violations)
    if baseline is not None:
        # Imported here: few runs use a baseline (start-up time).
        from raci_lint.engine.baseline import apply_baseline, read_baseline

        result = apply_baseline(report.violations, read_baseline(baseline))
        report.violations = result.violations
        report.baseline = result
    return report
