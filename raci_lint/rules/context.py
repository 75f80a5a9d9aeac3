"""What a rule sees, and how it reports: the :class:`Context` the engine gives each check.

A rule never reads a file, prints or exits. Everything beyond the checked
file (the repository's files, its other ownership files, its CODEOWNERS) is
read by the engine and handed over through a :class:`RepositoryView`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from raci_lint.fixes import Edit, Fix
from raci_lint.model.ownership import Model
from raci_lint.reading.loader import Scalar, count_line_breaks, end_of_text, offsets, span
from raci_lint.reading.repository import FileTree, Repository
from raci_lint.rules.registry import Rule, all_rules
from raci_lint.taxonomy.disciplines import Taxonomy
from raci_lint.violations import Violation, fingerprint
from raci_lint.wording import neutralize

if TYPE_CHECKING:
    # The sources package is imported only by runs that read sources (start-up time).
    from raci_lint.sources.owners import Found

__all__ = [
    "CodeownersFile",
    "Context",
    "Located",
    "RepositoryView",
    "run_rules",
    "scalar_text",
]

# A word that reads back as the same text when written plain, in a block or a
# flow collection: no indicator, no `: ` or ` #`, not a YAML 1.1 boolean,
# null or number (the schema reads scalars by how they look). Only fixes
# write scalars: re compiles it when first used, not at start-up.
_PLAIN = r"[A-Za-z_][A-Za-z0-9_.@/-]*(?::[A-Za-z0-9_.@/-]+)*\Z"
_NOT_TEXT = frozenset(("y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"))


def scalar_text(word: str, style: str | None) -> str:
    """How to write ``word`` as a scalar, keeping the quoting style of the one it replaces."""
    if style == "'" and word.isprintable():
        return "'" + word.replace("'", "''") + "'"
    if style == '"' or not re.match(_PLAIN, word) or word.lower() in _NOT_TEXT:
        return '"' + "".join(_double_quoted(char) for char in word) + '"'
    return word


def _double_quoted(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    if char.isprintable():
        return char
    return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"


class Located(Protocol):
    """Anything with a position: a node, or a comment."""

    @property
    def pos(self) -> int:
        """Its offsets, packed: see `reading.loader.offsets`."""

    @property
    def lines(self) -> Any:
        """What answers its line and column: see `reading.loader.span`."""


class CodeownersFile:
    """The repository's CODEOWNERS file as the engine read it."""

    def __init__(
        self,
        path: Path,
        shown: str,
        exists: bool,
        text: str,
        unreadable: str | None,
        configured_in: str | None = None,
    ) -> None:
        self.path = path
        self.shown = shown
        self.exists = exists
        self.text = text
        self.unreadable = unreadable  # why it could not be read, or None
        # The configuration file that names it (shown), or None for GitHub's search.
        self.configured_in = configured_in


OwnershipModels = tuple[list[tuple[str, Model]], list[str]]


class RepositoryView:
    """The repository around the checked file, as the engine shows it to rules.

    The engine reads each answer at most once per run, and only when a rule
    asks: most runs enable no rule that looks beyond the file.
    """

    def __init__(
        self,
        repository: Repository,
        reported: set[str],
        owned_roots: tuple[Path, ...] = (),
        ownership_models: Callable[[], OwnershipModels] | None = None,
        codeowners_file: Callable[[], CodeownersFile] | None = None,
        sources: Callable[[], Found] | None = None,
        source_aliases: dict[str, dict[str, str]] | None = None,
    ) -> None:
        self._repository = repository
        self.root = repository.root
        # Run-wide findings already reported (PATH003, PATH004 report once per run).
        self.reported = reported
        self.owned_roots = owned_roots
        self._ownership_models = ownership_models
        self._codeowners_file = codeowners_file
        self._sources = sources
        # Per source, an owner as written (lower-cased) -> a person or team id.
        self.source_aliases = source_aliases or {}

    @property
    def tree(self) -> FileTree:
        """The repository's files."""
        return self._repository.tree

    def relative(self, path: Path) -> str | None:
        """A path relative to the root (posix), or None when outside it."""
        return self._repository.relative(path)

    def untracked(self, path: str) -> bool:
        """Whether a path relative to the root exists there, but git does not track it."""
        return self._repository.untracked(path)

    def ownership_models(self) -> OwnershipModels:
        """Every ownership file of the repository, read: (shown path, model), and problems."""
        if self._ownership_models is None:
            return [], []
        return self._ownership_models()

    def codeowners_file(self) -> CodeownersFile | None:
        """The CODEOWNERS file that the generated block belongs in."""
        return None if self._codeowners_file is None else self._codeowners_file()

    def sources(self) -> Found | None:
        """The owners the repository's other tools declare (dbt, Dagster...), read once."""
        return None if self._sources is None else self._sources()


class Context:
    """What a rule sees: the model, the taxonomy, its options; and how to report.

    The engine makes one context per checked file; each check receives it
    bound to its rule (:meth:`bound`), so that :meth:`report` and
    :meth:`option` know the code without the check repeating it.
    """

    def __init__(
        self,
        model: Model,
        taxonomy: Taxonomy,
        display_path: str,
        severities: dict[str, str] | None = None,
        options: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self.model = model
        self.taxonomy = taxonomy
        self.display_path = display_path
        self.severities = severities or {}
        self._options = options or {}
        # Set by the engine for rules that look beyond the file.
        self.repository: RepositoryView | None = None
        # What several rules of one unit compute alike, computed once.
        self.shared: dict[str, Any] = {}
        # The checked file's text: positions past its end are brought back in.
        self.text: str | None = None
        # The rule this context is bound to (see `bound`).
        self.rule: Rule | None = None
        # A shown path as the repository names it, whatever the working folder:
        # fingerprints are made of it (the engine sets it).
        self.locate: Callable[[str], str] = str

    def bound(self, current: Rule) -> Context:
        """This context for one rule's check: same file, same shared results."""
        view = object.__new__(Context)
        view.__dict__.update(self.__dict__)
        view.rule = current
        return view

    def replace(self, node: Located, word: str, path: str | None = None) -> Edit | None:
        """The edit that writes ``word`` in place of a scalar of the checked file.

        None when the node is not written where it reads (an alias, a merge
        key's copy), is a block scalar, or lies in another file (``path``).
        """
        text = self.text
        if text is None or (path is not None and path != self.display_path):
            return None
        if type(node) is not Scalar or node.style not in (None, "", "'", '"'):
            return None
        start, end = offsets(node)
        written = text[start:end]
        if node.style in ("'", '"'):
            if len(written) < 2 or written[0] != node.style or written[-1] != node.style:
                return None
        elif written != node.value:
            return None
        return Edit(start, end, scalar_text(word, node.style or None))

    def _line_breaks(self) -> int:
        # In `shared`, so that the contexts bound to each rule count them once.
        if "line-breaks" not in self.shared:
            self.shared["line-breaks"] = count_line_breaks(self.text or "")
        breaks: int = self.shared["line-breaks"]
        return breaks

    def _inside(self, *position: int) -> tuple[int, int, int, int]:
        """A range on the last line, clamped to the end of the file's content.

        PyYAML ends a node that runs to the end of the file on the line after
        it, which does not exist when the file has no final line break.
        """
        last = end_of_text(self.text or "")
        start = min((position[0], position[1]), last)
        end = max(min((position[2], position[3]), last), start)
        return start[0], start[1], end[0], end[1]

    def _bound_rule(self) -> Rule:
        if self.rule is None:
            raise RuntimeError("a rule's check reports through the context bound to it")
        return self.rule

    def option(self, name: str) -> Any:
        """An option of the bound rule: configured, else its default."""
        current = self._bound_rule()
        configured = self._options.get(current.code, {})
        if name in configured:
            return configured[name]
        return current.options[name]

    def report(
        self,
        node: Located | None,
        message: str,
        *,
        subject: str | None,
        key: str = "",
        pointer: str = "",
        path: str | None = None,
        fix: Fix | None = None,
    ) -> Violation:
        """A violation of the bound rule at ``node`` (1:1 when None), with its fix if any."""
        return self.violation(
            self._bound_rule(),
            node,
            message,
            subject=subject,
            key=key,
            pointer=pointer,
            path=path,
            fix=fix,
        )

    def fix(
        self,
        edits: list[Edit] | tuple[Edit, ...],
        title: str | None = None,
        *,
        safe: bool | None = None,
        current: Rule | None = None,
    ) -> Fix | None:
        """A fix of the bound rule (or ``current``): its declared title and safety by default.

        The edits are character offsets into the checked file's text (see
        ``raci_lint.reading.loader.offsets``). None when there is no edit.
        """
        owner = current or self._bound_rule()
        declared = owner.fix
        if declared is None:
            raise RuntimeError(f"rule {owner.code} declares no fix")
        if not edits:
            return None
        return Fix(
            title or declared.title,
            tuple(edits),
            declared.safe if safe is None else safe,
        )

    def violation(
        self,
        current: Rule,
        node: Located | None,
        message: str,
        *,
        subject: str | None,
        key: str = "",
        pointer: str = "",
        path: str | None = None,
        fix: Fix | None = None,
    ) -> Violation:
        """A violation of ``current`` at ``node`` (1:1 when None): for findings of the engine."""
        code = current.code
        if node is None:
            line = column = end_line = end_column = 1
        else:
            line, column, end_line, end_column = span(node)
            if (
                (path is None or path == self.display_path)
                and self.text is not None
                and end_line > self._line_breaks()
            ):
                line, column, end_line, end_column = self._inside(
                    line, column, end_line, end_column
                )
        where = path or self.display_path
        return Violation(
            code=code,
            name=current.name,
            severity=self.severities.get(code, current.severity),
            message=neutralize(message),
            hint=current.hint,
            path=where,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            pointer=pointer,
            subject=subject,
            fingerprint=fingerprint(self.locate(where), code, subject, key),
            fix=fix,
        )


def run_rules(context: Context, enabled: set[str]) -> Iterator[Violation]:
    """Every violation of the enabled rules that have a check."""
    for current in all_rules():
        if current.check is not None and current.code in enabled:
            yield from current.check(context.bound(current))
