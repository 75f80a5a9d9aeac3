"""The rule registry: every rule's identity, documentation and check, declared once.

A family module (``raci.py``, ``references.py``...) declares its
:func:`family` first, then its rules with :func:`rule` (a check function) or
:func:`register` (findings that come from reading the file, suppressions or
includes). Every module of this package is a family module except the
infrastructure named in ``_INFRASTRUCTURE``: adding a family is adding a file.
``raci-lint rules``, ``raci-lint rule CODE``, the docs, the configuration
schema and SARIF's rule list all read this registry.
"""

import importlib
import os
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, NamedTuple

from raci_lint.violations import Violation

__all__ = [
    "FAMILIES",
    "RULES",
    "Family",
    "Fixable",
    "Rule",
    "all_rules",
    "family",
    "family_of",
    "find_rule",
    "get_rule",
    "register",
    "rule",
    "rule_of",
]

HELP_URI = "https://github.com/raci-lint/raci-lint/blob/main/docs/rules.md#{code}"

# A check takes the `rules.context.Context` bound to its rule (that module
# imports this one, so the type is not named here).
Check = Callable[[Any], Iterable[Violation]]


class Family:
    """A family of rules: the prefix of its codes, where it sorts, its SARIF tag."""

    def __init__(self, prefix: str, order: int, tag: str) -> None:
        self.prefix = prefix
        self.order = order
        self.tag = tag


class Fixable:
    """What a rule's fix does, declared with the rule: its docs and its safety.

    ``safe`` is True for a fix that is always right (``check --fix``
    applies it), False for a judgement (``--unsafe-fixes`` too). ``always``
    says whether every violation of the rule offers the fix ("always
    available") or only some ("sometimes available"); ``when`` says which,
    and ``safety`` adds words for a rule whose fixes differ in safety.
    (A plain class: rule modules build one each at start-up.)
    """

    __slots__ = ("always", "safe", "safety", "title", "when")

    def __init__(
        self, title: str, safe: bool, always: bool = False, when: str = "", safety: str = ""
    ) -> None:
        self.title = title
        self.safe = safe
        self.always = always
        self.when = when
        self.safety = safety

    @property
    def applicability(self) -> str:
        return "safe" if self.safe else "unsafe"

    def explain(self) -> str:
        """The paragraph of ``raci-lint rule CODE`` about the fix."""
        available = "always available" if self.always else "sometimes available"
        words = f"Fix is {available} ({self.applicability}): {self.title}."
        if self.when:
            words += f" {self.when}"
        if self.safety:
            words += f" {self.safety}"
        else:
            words += (
                " Applied by `check --fix`."
                if self.safe
                else " Applied by `check --fix --unsafe-fixes`: review the result."
            )
        return words


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
    check: Check | None = None
    # Why it is always enabled, never ignored nor re-graded; "" for a rule that is not.
    always_on: str = ""
    # Whether a `# raci-lint: disable=` comment may hide it.
    suppressible: bool = True
    # What its fix does and whether it is safe; None for a rule that offers none.
    fix: Fixable | None = None

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
        if self.fix is not None:
            lines += ["", "## Fix", "", self.fix.explain()]
        if self.hint:
            lines += ["", f"Hint shown with each violation: {self.hint}"]
        return "\n".join(lines) + "\n"


RULES: dict[str, Rule] = {}
FAMILIES: dict[str, Family] = {}


@cache
def _clean(text: str) -> str:
    # Imported here: only `raci-lint rule` and the docs read the documentation (start-up time).
    import textwrap

    return textwrap.dedent(text).strip("\n")


def family(prefix: str, *, order: int, tag: str) -> Family:
    """Declare a family of rules, before its rules: codes ``PREFIX001``..."""
    if prefix in FAMILIES:
        raise ValueError(f"rule family {prefix} declared twice")
    declared = Family(prefix, order, tag)
    FAMILIES[prefix] = declared
    return declared


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
    check: Check | None = None,
    always_on: str = "",
    suppressible: bool = True,
    fix: Fixable | None = None,
) -> Rule:
    """Add a rule to the registry; its family must be declared first."""
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
        always_on=always_on,
        suppressible=suppressible,
        fix=fix,
    )
    if result.family not in FAMILIES:
        raise ValueError(f"rule {code}: declare family({result.family!r}, ...) first")
    RULES[code] = result
    return result


def rule(code: str, name: str, severity: str, **metadata: Any) -> Callable[[Check], Check]:
    """Decorator: register the decorated function as the check of a rule.

    The check reports through the context it is given, which is bound to
    its rule: ``context.report(node, message, ...)`` never repeats the code.
    """

    def decorate(check: Check) -> Check:
        register(code, name, severity, check=check, **metadata)
        return check

    return decorate


# The modules of this package that are not rule families.
_INFRASTRUCTURE = frozenset(("__init__", "registry", "context", "docs", "edits"))
_LOADED = False


def _load_all() -> None:
    # Importing a family module registers its rules. The families are found
    # by listing this folder, so that adding one touches no other file.
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    folder = os.path.dirname(__file__)
    for name in sorted(os.listdir(folder)):
        module, extension = os.path.splitext(name)
        if extension == ".py" and module not in _INFRASTRUCTURE:
            importlib.import_module(f"{__package__}.{module}")


def _order(current: Rule) -> tuple[int, str]:
    return FAMILIES[current.family].order, current.code


_SORTED: list[Rule] = []


def all_rules() -> list[Rule]:
    """Every rule, families in their declared order, codes in order within each."""
    _load_all()
    if len(_SORTED) != len(RULES):
        _SORTED[:] = sorted(RULES.values(), key=_order)
    return list(_SORTED)


def get_rule(code: str) -> Rule | None:
    """The rule of a code written in any case, or None."""
    _load_all()
    return RULES.get(code.upper())


def find_rule(code: str) -> Rule | None:
    """The rule of exactly this code, or None."""
    _load_all()
    return RULES.get(code)


def rule_of(code: str) -> Rule:
    """The registered rule of a code (every rule module loaded first)."""
    _load_all()
    return RULES[code]


def family_of(current: Rule) -> Family:
    """The family a rule belongs to."""
    _load_all()
    return FAMILIES[current.family]
