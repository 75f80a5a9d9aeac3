"""The rule registry.

Each rule is one function plus its metadata and documentation, declared in
one place with :func:`rule`; ``raci-lint rules``, ``raci-lint rule CODE``,
the README's rule table and SARIF's rule list all read this registry. Rules
whose findings come from reading the file (the SYN family) are registered
with :func:`register` and no function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from raci_lint.violations import Violation, fingerprint
from raci_lint.wording import neutralize

if TYPE_CHECKING:
    from raci_lint.engine.lint import LintOptions
    from raci_lint.model import Model
    from raci_lint.reading.repository import Repository
    from raci_lint.taxonomy.disciplines import Taxonomy


class Located(Protocol):
    """Anything with a position: a node, or a comment."""

    start_mark: Any
    end_mark: Any


__all__ = [
    "RULES",
    "Context",
    "Rule",
    "all_rules",
    "get_rule",
    "register",
    "rule",
    "select_rules",
]

HELP_URI = "https://github.com/raci-lint/raci-lint/blob/main/docs/rules.md#{code}"


class Rule(NamedTuple):
    """A rule's identity, documentation and check."""

    code: str
    name: str
    severity: str
    summary: str
    # The documentation as written in the source; `what`, `why`, `bad` and
    # `good` clean it up when first read (most runs never read it).
    what_source: str
    why_source: str
    bad_source: str
    good_source: str
    hint: str | None = None
    opt_in: bool = False
    options: dict[str, Any] = {}  # noqa: RUF012 - never mutated: a default for reading
    check: Callable[[Context], Iterable[Violation]] | None = None

    @property
    def what(self) -> str:
        return _clean(self.what_source)

    @property
    def why(self) -> str:
        return _clean(self.why_source)

    @property
    def bad(self) -> str:
        return _clean(self.bad_source)

    @property
    def good(self) -> str:
        return _clean(self.good_source)

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")

    @property
    def help_uri(self) -> str:
        return HELP_URI.format(code=self.code.lower())

    def explain(self) -> str:
        """The rule's documentation as ``raci-lint rule CODE`` prints it."""
        status = "opt-in (select it to enable)" if self.opt_in else "on by default"
        lines = [
            f"{self.code} ({self.name})",
            "",
            f"Severity: {self.severity}, {status}.",
        ]
        if self.options:
            rendered = ", ".join(f"{key} (default {value})" for key, value in self.options.items())
            lines.append(f"Options: {rendered}.")
        lines += [
            "",
            "## What it does",
            "",
            self.what,
            "",
            "## Why is this bad?",
            "",
            self.why,
            "",
            "## Example",
            "",
            "```yaml",
            self.bad.rstrip(),
            "```",
            "",
            "Use instead:",
            "",
            "```yaml",
            self.good.rstrip(),
            "```",
        ]
        if self.hint:
            lines += ["", f"Hint shown with each violation: {self.hint}"]
        return "\n".join(lines) + "\n"


RULES: dict[str, Rule] = {}


@cache
def _clean(text: str) -> str:
    import textwrap

    return textwrap.dedent(text).strip("\n")


def register(
    code: str,
    name: str,
    severity: str,
    *,
    summary: str,
    what: str,
    why: str,
    bad: str,
    good: str,
    hint: str | None = None,
    opt_in: bool = False,
    options: dict[str, Any] | None = None,
    check: Callable[[Context], Iterable[Violation]] | None = None,
) -> Rule:
    """Add a rule to the registry."""
    if code in RULES:
        raise ValueError(f"rule {code} registered twice")
    result = Rule(
        code=code,
        name=name,
        severity=severity,
        summary=summary,
        what_source=what,
        why_source=why,
        bad_source=bad,
        good_source=good,
        hint=hint,
        opt_in=opt_in,
        options=options or {},
        check=check,
    )
    RULES[code] = result
    return result


def rule(
    code: str, name: str, severity: str, **metadata: Any
) -> Callable[[Callable[[Context], Iterable[Violation]]], Callable[[Context], Iterable[Violation]]]:
    """Decorator: register the decorated function as the check of a rule."""

    def decorate(
        check: Callable[[Context], Iterable[Violation]],
    ) -> Callable[[Context], Iterable[Violation]]:
        register(code, name, severity, check=check, **metadata)
        return check

    return decorate


_LOADED = False


def _load_all() -> None:
    # Importing the modules registers their rules.
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    from raci_lint.rules import (  # noqa: F401
        org,
        paths,
        pipeline,
        raci,
        references,
        suppressions,
        syntax,
        taxonomy,
    )


def all_rules() -> list[Rule]:
    """Every rule, in code order."""
    _load_all()
    return sorted(RULES.values(), key=lambda r: (_FAMILY_ORDER.get(r.family, 99), r.code))


def get_rule(code: str) -> Rule | None:
    _load_all()
    return RULES.get(code.upper())


def rule_of(code: str) -> Rule:
    """The registered rule of a code (every rule module loaded first)."""
    _load_all()
    return RULES[code]


_FAMILY_ORDER = {"SYN": 0, "RACI": 1, "REF": 2, "TAX": 3, "ORG": 4, "PIPE": 5, "PATH": 6, "SUP": 7}


def _specificity(selector: str, code: str) -> int:
    """How specifically a selector names a code: -1 when it does not."""
    if selector == "ALL":
        return 0
    return len(selector) if code.startswith(selector) else -1


def select_rules(
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> set[str]:
    """The codes enabled by ruff-style selectors (codes, prefixes, ``ALL``).

    The most specific selector wins; at equal specificity ``ignore`` wins.
    Opt-in rules run only when a select names them. SYN001 is always on.
    """
    positive = list(select) if select is not None else None
    positive_extra = list(extend_select)
    negative = list(ignore)
    enabled = set()
    for current in all_rules():
        code = current.code
        best_select = max(
            (_specificity(s, code) for s in (positive or []) + positive_extra), default=-1
        )
        if positive is None and not current.opt_in:
            best_select = max(best_select, 0)
        best_ignore = max((_specificity(s, code) for s in negative), default=-1)
        if best_select >= 0 and best_select > best_ignore:
            enabled.add(code)
    enabled.add("SYN001")
    return enabled


def is_known_selector(selector: str) -> bool:
    """True for ``ALL``, a rule code, or a prefix of one."""
    return selector == "ALL" or any(
        code.startswith(selector) for code in (r.code for r in all_rules())
    )


class Context:
    """What a rule sees: the model, the taxonomy, its options; and how to report."""

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
        # Set by the linter for rules that look beyond the file.
        self.repository: Repository | None = None
        self.options: LintOptions | None = None
        # What several rules of one unit compute alike, computed once.
        self.shared: dict[str, Any] = {}
        # The checked file's text: positions past its end are brought back in.
        self.text: str | None = None
        self._breaks: int | None = None

    def _line_breaks(self) -> int:
        if self._breaks is None:
            from raci_lint.reading.loader import count_line_breaks

            self._breaks = count_line_breaks(self.text or "")
        return self._breaks

    def _inside(self, *position: int) -> tuple[int, int, int, int]:
        """A range on the last line, clamped to the end of the file's content.

        PyYAML ends a node that runs to the end of the file on the line after
        it, which does not exist when the file has no final line break.
        """
        from raci_lint.reading.loader import end_of_text

        last = end_of_text(self.text or "")
        start = min((position[0], position[1]), last)
        end = max(min((position[2], position[3]), last), start)
        return start[0], start[1], end[0], end[1]

    def option(self, code: str, name: str) -> Any:
        configured = self._options.get(code, {})
        if name in configured:
            return configured[name]
        return rule_of(code).options[name]

    def report(
        self,
        code: str,
        node: Located | None,
        message: str,
        *,
        subject: str | None,
        key: str = "",
        pointer: str = "",
        path: str | None = None,
    ) -> Violation:
        """A violation of rule ``code`` at ``node`` (1:1 when None)."""
        current = rule_of(code)
        if node is None:
            line = column = end_line = end_column = 1
        else:
            start, end = node.start_mark, node.end_mark
            line, column = start.line + 1, start.column + 1
            end_line, end_column = end.line + 1, end.column + 1
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
            fingerprint=fingerprint(where, code, subject, key),
        )


def run_rules(context: Context, enabled: set[str]) -> Iterator[Violation]:
    """Every violation of the enabled rules that have a check."""
    for current in all_rules():
        if current.check is not None and current.code in enabled:
            yield from current.check(context)
