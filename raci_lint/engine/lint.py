"""The engine: files in, the final :class:`Report` out.

Data flows one way: bytes -> nodes with positions (``reading``) -> schema
errors (``schema``) -> model (``model``) -> rules -> violations ->
suppressions -> baseline -> report. :func:`lint` is the one call the
command line makes; :func:`lint_paths` and :func:`lint_text` are the API.
"""

import gc
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from raci_lint.engine.discovery import discover, excluded, exclusions, is_ownership_file
from raci_lint.engine.report import Report
from raci_lint.engine.repository import Repositories
from raci_lint.engine.unit import read_unit
from raci_lint.reading import loader
from raci_lint.reading.files import LEAVES_ROOT, UnreadablePath, inside, read_file
from raci_lint.reading.loader import Document
from raci_lint.reading.repository import remembering_roots, repository_root
from raci_lint.rules.context import Context, run_rules
from raci_lint.rules.registry import all_rules
from raci_lint.settings.options import LintOptions, Overrides, enabled_codes
from raci_lint.settings.resolver import Settings
from raci_lint.violations import Violation
from raci_lint.wording import display_path

if TYPE_CHECKING:
    from raci_lint.engine.includes import Rosters
    from raci_lint.model.ownership import Model
    from raci_lint.reading.files import Tree

__all__ = [
    "Problem",
    "Run",
    "files_to_check",
    "lint",
    "lint_bytes",
    "lint_document",
    "lint_paths",
    "lint_text",
    "no_gc",
    "settings_for",
    "targets",
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
        # Where includes are read (None: the working tree; a revision for `diff`).
        self.tree: Tree | None = None
        # When a dict, the unit model of each file linted, by its shown path (for `diff`).
        self.models: dict[str, Model | None] | None = None
        self._enabled: dict[int, tuple[LintOptions, set[str]]] = {}

    def enabled(self, options: LintOptions) -> set[str]:
        """The codes the options enable (computed once per options)."""
        known = self._enabled.get(id(options))
        if known is None or known[0] is not options:
            codes = enabled_codes(
                all_rules(),
                options.select,
                options.extend_select,
                options.ignore,
                # Naming sources in the configuration turns the SRC rules on.
                on_by_default=("SRC",) if options.sources else (),
            )
            known = (options, codes)
            self._enabled[id(options)] = known
        return known[1]

    def retain(self, thing: object) -> None:
        if self.retained is not None:
            self.retained.append(thing)


@contextmanager
def no_gc() -> Iterator[None]:
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
    unit = read_unit(document, path, options, location, run.rosters, run.tree)
    run.rosters = run.rosters or unit.rosters
    if run.models is not None:
        run.models[path] = unit.model
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
    with no_gc(), remembering_roots():
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
    with no_gc():
        return _lint_read(_read(data, options), path, options, location, run or Run())


def _read(data: bytes, options: LintOptions) -> Document:
    return loader.load(data, options.limits, force_pure=options.force_pure_yaml)


def _lint_read(
    document: Document, path: str, options: LintOptions, location: Path | None, run: Run
) -> Report:
    with no_gc(), remembering_roots():
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
    Each file is checked once, however many times it is reached (named,
    through its folder, through a link): at the path it was first reached by.
    """
    settings = _settings(options)
    report = Report()
    run = run or Run()
    with remembering_roots():
        for target in targets(paths, settings, stdin_filename=stdin_filename):
            if isinstance(target, Problem):
                report.extend(Report(errors=[target.message]))
            elif isinstance(target, str):  # "-"
                report.extend(_lint_stdin(stdin_filename, settings, run))
            else:
                report.extend(_lint_file(target, settings.options_for(target), run))
    report.sort()
    return report


def _settings(options: LintOptions | Settings | None) -> Settings:
    if isinstance(options, Settings):
        return options
    return Settings(overrides=None, fixed=options, rules=all_rules())


class Problem(NamedTuple):
    """A path a run cannot check, and why (reported as an error of the run)."""

    message: str


def files_to_check(
    paths: Iterable[str | Path], options: LintOptions | Settings | None = None
) -> tuple[list[str | Path], list[str]]:
    """The files a run would check, in order, each once (``-`` for stdin), and the errors."""
    found: list[str | Path] = []
    problems: list[str] = []
    for target in targets(paths, _settings(options)):
        if isinstance(target, Problem):
            problems.append(target.message)
        else:
            found.append(target)
    return found, problems


def targets(
    paths: Iterable[str | Path], settings: Settings, *, stdin_filename: str | None = None
) -> Iterator[str | Path | Problem]:
    """The files to check, each once by real path, keeping the path first reached by.

    Folders are searched (their excludes applied). A named file is checked as
    named, unless ``force_exclude`` (``--force-exclude``, what the pre-commit
    hooks pass) is set: then the excludes apply to it too, and a named file
    that is no ownership file (its name matches no ``files`` pattern) is not
    checked itself; when it is a roster, configuration or taxonomy, the
    ownership files of its repository that depend on it are checked instead;
    and stdin is skipped when the excludes match ``stdin_filename``.
    """
    seen: set[str] = set()
    force = settings.overrides.force_exclude
    dependents = _Dependents(settings)

    def first(path: Path) -> bool:
        real = os.path.realpath(path)
        if real in seen:
            return False
        seen.add(real)
        return True

    for given in paths:
        if str(given) == "-":
            named = Path(stdin_filename) if stdin_filename else None
            if not (force and named and excluded(named, settings.options_for(named))):
                yield "-"
            continue
        path = Path(given)
        if os.path.isdir(path):
            for found in _discovered(path, settings):
                if isinstance(found, Problem) or first(found):
                    yield found
            continue
        if force:
            options = settings.options_for(path)
            if excluded(path, options):
                continue
            if not is_ownership_file(path, options):
                yield from (found for found in dependents.of(path) if first(found))
                continue
        if first(path):
            yield path


def _discovered(folder: Path, settings: Settings) -> Iterator[Path | Problem]:
    """The ownership files under a folder, and those that lie outside its repository."""
    folder_options = settings.options_for(folder / "raci.yaml")
    root = folder_options.repo_root or repository_root(folder) or folder
    for found in discover(
        folder,
        folder_options.files,
        folder_options.exclude,
        folder_options.exclude_folder,
        more=exclusions(folder_options._replace(exclude=())),
    ):
        if not inside(found, root):
            # A link the repository commits may not make raci-lint
            # read, and quote, a file of the machine.
            shown = display_path(found)
            where = display_path(root) or "."
            yield Problem(f"{shown}: {LEAVES_ROOT} ({where}); raci-lint reads no file outside it")
            continue
        yield found


class _Dependents:
    """The ownership files of a repository that depend on a file.

    One includes it (directly or through another roster), is governed by it
    (its configuration), or uses it as its taxonomy. Each ownership file is
    read once per run to learn what it reads, with a run of its own so that
    nothing it reports reaches the real one.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._reads: dict[str, set[str]] = {}
        self._found: dict[str, list[Path]] = {}
        # The repositories read, shared by the probes.
        self._repositories = Repositories()

    def of(self, changed: Path) -> list[Path]:
        real = os.path.realpath(changed)
        options = self.settings.options_for(changed)
        start = changed.parent if str(changed.parent) else Path(".")
        root = options.repo_root or repository_root(start) or start
        key = os.path.realpath(root)
        if key not in self._found:  # each repository searched once per run
            self._found[key] = [
                found for found in _discovered(root, self.settings) if isinstance(found, Path)
            ]
        return [found for found in self._found[key] if real in self._read_by(found)]

    def _read_by(self, path: Path) -> set[str]:
        key = os.path.realpath(path)
        if key not in self._reads:
            settings = self.settings
            config = settings.config_for(path)
            reads = {key}
            if config.path is not None:
                reads.add(os.path.realpath(config.path))
            taxonomy = settings.overrides.taxonomy or config.taxonomy
            if taxonomy is not None:
                reads.add(os.path.realpath(taxonomy))
            probe = Run()
            probe.repositories = self._repositories
            _lint_file(path, settings.options_for(path), probe)
            self._reads[key] = reads | probe.read
        return self._reads[key]


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
    with no_gc():
        document = _read(data, options)
        del data  # the file's bytes are not needed past reading (a large file's memory)
        return _lint_read(document, shown, options, path, run)


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
    report.notes = run.repositories.notes()
    report.inputs = run.read | settings.read
    report.found = list(report.violations)
    if baseline is not None:
        # Imported here: few runs use a baseline (start-up time).
        from raci_lint.engine.baseline import apply_baseline, read_baseline

        result = apply_baseline(report.violations, read_baseline(baseline))
        report.violations = result.violations
        report.baseline = result
    return report
