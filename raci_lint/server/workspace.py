"""The files an editor has open, linted by the engine as ``check`` lints them.

The workspace owns no linting logic: it hands each ownership file (the
editor's unsaved text, or the file on disk) to ``engine.lint.lint_document``
with the options the same configuration discovery as the command line
gives, and files each violation under the file it is in. What is read once
stays read between changes: the settings, the repository around the files,
the rosters nobody is editing. An included roster the editor holds unsaved
is read from the editor, and re-lints the ownership files that include it.

Nothing here raises: a file that cannot be read, a configuration that cannot
be used, even an internal error, become a :class:`Problem` at 1:1.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from raci_lint.engine.discovery import is_ownership_file
from raci_lint.engine.includes import Rosters
from raci_lint.engine.lint import Problem as TargetProblem
from raci_lint.engine.lint import Run, lint_bytes, lint_document, settings_for, targets
from raci_lint.engine.repository import Repositories
from raci_lint.engine.unit import Unit
from raci_lint.model.ownership import Model
from raci_lint.reading import loader
from raci_lint.reading.files import UnreadablePath, read_file
from raci_lint.reading.loader import Document
from raci_lint.rules.registry import all_rules
from raci_lint.server.index import Index, real_path_of
from raci_lint.server.positions import LineIndex
from raci_lint.settings.config import load_config
from raci_lint.settings.options import LintOptions, Overrides
from raci_lint.settings.resolver import Settings
from raci_lint.taxonomy.disciplines import Taxonomy, default_taxonomy
from raci_lint.taxonomy.files import load_taxonomy
from raci_lint.violations import Violation
from raci_lint.wording import UnusableInput, display_path, neutralize

__all__ = ["Analysis", "Buffer", "Problem", "Workspace"]

CONFIG_NAMES = frozenset((".raci-lint.yaml", ".raci-lint.yml", "pyproject.toml"))


class Problem(NamedTuple):
    """Something to show in a file that is no violation of a rule (1-based position)."""

    path: str
    line: int
    column: int
    message: str


class Buffer:
    """The text of a file as the editor holds it."""

    def __init__(self, path: str, text: str, version: int) -> None:
        self.path = path
        self.text = text
        self.version = version
        self.ownership = False
        self._lines: LineIndex | None = None

    @property
    def lines(self) -> LineIndex:
        if self._lines is None or self._lines.text is not self.text:
            self._lines = LineIndex(self.text)
        return self._lines


class Analysis:
    """One ownership file linted with its unit: what was found in each of its files."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.violations: dict[str, list[Violation]] = {}
        self.problems: dict[str, list[Problem]] = {}
        # The real paths of the files of the unit (the file and the rosters it includes).
        self.reads: set[str] = {path}
        # The text the engine read of each file of the unit, by real path.
        self.texts: dict[str, str] = {}
        self.model: Model | None = None
        self.options: LintOptions | None = None
        self.base = os.getcwd()
        self._index: Index | None = None

    @property
    def index(self) -> Index | None:
        """The ids of the unit and where each is written; None when the file gave no model.

        Made when first asked for (a hover, a definition): a change only lints.
        """
        if self._index is None and self.model is not None:
            self._index = Index(self.model, self.base)
        return self._index

    def problem(self, path: str, message: str, line: int = 1, column: int = 1) -> None:
        self.problems.setdefault(path, []).append(Problem(path, line, column, message))

    def unusable(self, error: UnusableInput, base: str, here: bool = True) -> None:
        """A configuration or taxonomy that cannot be used: said where it is, and here."""
        for message in error.messages:
            where = _WHERE.match(message)
            if where is not None:
                found = real_path_of(where.group("path"), base)
                line, column = int(where.group("line")), int(where.group("column"))
                self.problem(found, where.group("message"), line, column)
                # Named from here, as an editor shows the file's neighbours.
                shown = Path(os.path.relpath(found, os.path.dirname(self.path))).as_posix()
                message = f"{shown}:{line}:{column}: {where.group('message')}"
            if here:
                self.problem(self.path, f"not linted: {message}")


# "PATH:LINE:COL: message", how configuration and taxonomy problems are told.
_WHERE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$")


class Workspace:
    """The open files and what the engine found in them.

    ``base`` is the folder the engine's paths are relative to (the working
    folder); ``log`` receives one line for each thing worth telling the
    editor's log that is not a diagnostic.
    """

    def __init__(self, base: str | None = None, log: Callable[[str], None] | None = None) -> None:
        self.base = base or os.getcwd()
        self.log = log or (lambda message: None)
        self.buffers: dict[str, Buffer] = {}
        self.analyses: dict[str, Analysis] = {}
        # Problems found probing files that are no ownership files (configurations).
        self.probes: dict[str, Analysis] = {}
        # The last analysis of each ownership file that gave a model (for
        # completion while the file does not parse).
        self.last_good: dict[str, Analysis] = {}
        self._dependents: dict[str, list[str]] = {}
        self.reset()

    # ----------------------------------------------------------------- caches

    def reset(self) -> None:
        """Forget what was read from disk: after a save, or a file changed outside."""
        self.settings = settings_for()
        self.repositories = Repositories()
        self._rosters: Rosters | None = None
        self._rosters_key: tuple[tuple[str, int], ...] = ()
        self._dependents.clear()

    def _run(self) -> Run:
        run = Run(retain=True)
        run.repositories = self.repositories
        key = tuple(
            sorted(
                (path, buffer.version)
                for path, buffer in self.buffers.items()
                if not buffer.ownership
            )
        )
        if self._rosters is None or key != self._rosters_key:
            unsaved = {
                Path(path): buffer.text.encode("utf-8", "surrogatepass")
                for path, buffer in self.buffers.items()
                if not buffer.ownership
            }
            self._rosters = Rosters(unsaved)
            self._rosters_key = key
        run.rosters = self._rosters
        return run

    # ---------------------------------------------------------------- buffers

    def open(self, path: str, text: str, version: int) -> list[str]:
        """An editor opened a file: the ownership files to lint now."""
        if Path(path).name in CONFIG_NAMES:
            self.reset()  # a configuration is read as it is on disk now
        buffer = self.buffers[path] = Buffer(path, text, version)
        buffer.ownership = self._is_ownership(path)
        return self.affected(path)

    def change(self, path: str, text: str, version: int) -> list[str]:
        """The editor's text of a file changed: the ownership files to lint again."""
        buffer = self.buffers.get(path)
        if buffer is None:
            return self.open(path, text, version)
        if buffer.text == text:
            buffer.version = version
            return []
        buffer.text, buffer.version = text, version
        return self.affected(path)

    def close(self, path: str) -> list[str]:
        """The editor closed a file: the ownership files to lint again, from disk.

        Those that include it read it from disk again; it is linted from disk
        itself when an open roster is still read by it. What no open file
        needs any more is forgotten.
        """
        self.buffers.pop(path, None)
        self.probes.pop(path, None)
        again = [found for found in self.tracked() if path in self.analyses[found].reads]
        needed = {known for known, buffer in self.buffers.items() if buffer.ownership}
        for known, buffer in self.buffers.items():
            if not buffer.ownership:
                needed.update(self._dependents.get(known, ()))
                needed.update(found for found in again if known in self.analyses[found].reads)
        for found in self.tracked():
            if found not in needed:
                del self.analyses[found]
                self.last_good.pop(found, None)
        return [found for found in again if found in self.analyses]

    def saved(self) -> list[str]:
        """A file was saved (or changed on disk): everything open is linted again."""
        self.reset()
        for path, buffer in self.buffers.items():
            buffer.ownership = self._is_ownership(path)
        found: dict[str, None] = {}
        for path in self.buffers:
            found.update(dict.fromkeys(self.affected(path)))
        return list(found)

    def tracked(self) -> list[str]:
        return sorted(self.analyses)

    # -------------------------------------------------------- what to re-lint

    def _is_ownership(self, path: str) -> bool:
        location = Path(path)
        if location.name in CONFIG_NAMES:
            return False
        try:
            return is_ownership_file(location, self.settings.options_for(location))
        except UnusableInput:
            return is_ownership_file(location, LintOptions())

    def affected(self, path: str) -> list[str]:
        """The ownership files whose lint depends on ``path``: itself, or those reading it."""
        buffer = self.buffers.get(path)
        if buffer is not None and buffer.ownership:
            return [path]
        found = dict.fromkeys(
            known for known in self.tracked() if path in self.analyses[known].reads
        )
        if buffer is not None:
            self._probe(path)
            found.update(dict.fromkeys(self._dependents_of(path)))
        return list(found)

    def _probe(self, path: str) -> None:
        """Check the configuration (and taxonomy) that governs a file that is no ownership file."""
        probe = Analysis(path)
        location = Path(path)
        try:
            if self._check_text(path, location):
                self.probes[path] = probe
                return
            self.settings.options_for(location)
            if location.name in CONFIG_NAMES:
                # The configuration itself is checked by the files it governs:
                # one of its folder stands for them.
                self.settings.options_for(location.parent / "raci.yaml")
        except UnusableInput as error:
            # Said where each problem is; the file probed is linted by no one.
            probe.unusable(error, self.base, here=False)
        except Exception as error:  # never a traceback to the editor
            self._internal(probe, error)
        self.probes[path] = probe

    def _check_text(self, path: str, location: Path) -> bool:
        """Check the editor's text of a configuration or taxonomy; raises UnusableInput.

        True when that text is not what is on disk: the files it governs are
        judged by the saved file until it is saved, so nothing more is
        checked now (which would repeat what the saved file said).
        """
        buffer = self.buffers.get(path)
        if buffer is None:
            return False
        if location.name in CONFIG_NAMES:
            kind = "configuration"
        elif os.path.realpath(path) in self.settings.read:
            kind = "taxonomy"  # a configuration named it and a run read it
        else:
            return False
        text = buffer.text.encode("utf-8", "surrogatepass")
        if kind == "configuration":
            load_config(location, all_rules(), text)
        else:
            load_taxonomy(location, display_path(location), text)
        try:
            saved = read_file(location, loader.Limits())
        except UnreadablePath:
            return True
        return saved != text

    def _dependents_of(self, path: str) -> list[str]:
        """The ownership files of the repository that read a roster, configuration or taxonomy."""
        known = self._dependents.get(path)
        if known is None:
            settings = Settings(Overrides(force_exclude=True), rules=all_rules())
            known = []
            try:
                for found in targets([Path(path)], settings):
                    if not isinstance(found, (str, TargetProblem)):
                        known.append(os.path.realpath(found))
            except UnusableInput:
                pass  # said by the probe of the file
            except Exception as error:
                self.log(f"cannot tell which files read {display_path(path)}: {_error(error)}")
            self._dependents[path] = known
        return known

    # ---------------------------------------------------------------- linting

    def lint(self, paths: Iterable[str]) -> list[Analysis]:
        """Lint ownership files (their editor text when open); each gives an analysis."""
        done = []
        for path in paths:
            analysis = self._analyse(path)
            self.analyses[path] = analysis
            if analysis.model is not None:
                self.last_good[path] = analysis
            done.append(analysis)
        return done

    def _analyse(self, path: str) -> Analysis:
        analysis = Analysis(path)
        analysis.base = self.base
        location = Path(path)
        shown = display_path(location)
        try:
            options = analysis.options = self.settings.options_for(location)
            buffer = self.buffers.get(path)
            if buffer is not None:
                data: bytes | None = buffer.text.encode("utf-8", "surrogatepass")
            else:
                data = read_file(location, options.limits)
            run = self._run()
            if data is None:  # over the size limit on disk
                size = loader.size_problem(location.stat().st_size, options.limits.max_file_size)
                document = Document("", None, [size])
                violations = lint_document(document, shown, options, location, run)
            else:
                violations = lint_bytes(data, shown, options, location, run).violations
        except UnreadablePath as error:
            analysis.problem(path, str(error))
            return analysis
        except UnusableInput as error:
            analysis.unusable(error, self.base)
            return analysis
        except Exception as error:  # never a traceback to the editor
            self._internal(analysis, error)
            return analysis
        violations.sort(key=Violation.sort_key)
        for violation in violations:
            where = real_path_of(violation.path, self.base)
            analysis.violations.setdefault(where, []).append(violation)
        analysis.reads.update(run.read)
        for thing in run.retained or ():
            if isinstance(thing, Unit):
                for name, read in thing.documents.items():
                    analysis.texts[real_path_of(name, self.base)] = read.text
                if thing.model is not None:
                    analysis.model = thing.model
        return analysis

    def _internal(self, analysis: Analysis, error: Exception) -> None:
        message = f"internal error: {_error(error)} (please report it)"
        self.log(f"{display_path(analysis.path)}: {message}")
        analysis.problem(analysis.path, message)

    # ------------------------------------------------------------ the answers

    def findings(self, path: str) -> tuple[list[Violation], list[Problem]]:
        """What to show in a file: the violations found in it, and the other problems."""
        violations: list[Violation] = []
        own = self.analyses.get(path)
        if own is not None:
            violations = own.violations.get(path, [])
        else:
            for known in self.tracked():
                if path in self.analyses[known].reads:
                    violations = self.analyses[known].violations.get(path, [])
                    break
        problems: dict[Problem, None] = {}
        for analysis in (*self.analyses.values(), *self.probes.values()):
            problems.update(dict.fromkeys(analysis.problems.get(path, ())))
        return violations, list(problems)

    def units_of(self, path: str) -> list[Analysis]:
        """The analyses whose unit holds a file: its own first, then those including it."""
        own = self.analyses.get(path)
        found = [own] if own is not None else []
        found += [
            self.analyses[known]
            for known in self.tracked()
            if known != path and path in self.analyses[known].reads
        ]
        return found

    def taxonomy_for(self, path: str) -> Taxonomy:
        """The taxonomy of a file's configuration (the default one when it cannot be used)."""
        try:
            return self.settings.options_for(Path(path)).taxonomy or default_taxonomy()
        except UnusableInput:
            return default_taxonomy()

    def fresh(self, path: str) -> bool:
        """Whether the violations shown in an open file were found in its text as it is now."""
        buffer = self.buffers.get(path)
        if buffer is None:
            return False
        for analysis in self.units_of(path):
            text = analysis.texts.get(path)
            if text is not None:
                return text == buffer.text[buffer.lines.text_offset(0) :]
        return False

    def lines_of_shown(self, shown: str) -> tuple[str, LineIndex] | None:
        """The real path and lines of a file the engine names as shown (read when not open)."""
        path = real_path_of(shown, self.base)
        lines = self.lines_of(path)
        if lines is not None:
            return path, lines
        try:
            data = read_file(Path(path), loader.Limits())
            text = data.decode("utf-8") if data is not None else None
        except (UnreadablePath, OSError, UnicodeDecodeError):
            return None
        return (path, LineIndex(text)) if text is not None else None

    def lines_of(self, path: str) -> LineIndex | None:
        """The lines of a file as the editor holds it, else as the engine read it."""
        buffer = self.buffers.get(path)
        if buffer is not None:
            return buffer.lines
        for analysis in self.analyses.values():
            text = analysis.texts.get(path)
            if text is not None:
                return LineIndex(text)
        return None


def _error(error: BaseException) -> str:
    return neutralize(f"{type(error).__name__}: {error}")
