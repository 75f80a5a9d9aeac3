"""The options one file is linted with, what the command line overrides, and which
rules a run enables (ruff-style selectors: codes, prefixes, ``ALL``).

The settings layer sits below the rules: it is given the rules it selects
from and validates configurations against (anything shaped as :class:`KnownRule`).
"""

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from raci_lint.reading.loader import Limits
from raci_lint.taxonomy.disciplines import Taxonomy

if TYPE_CHECKING:
    import datetime

__all__ = [
    "DEFAULT_FILES",
    "SOURCES",
    "KnownRule",
    "LintOptions",
    "Overrides",
    "enabled_codes",
    "is_known_selector",
]


DEFAULT_FILES = ("raci.yaml", "raci.yml", "*.raci.yaml", "*.raci.yml")
# The tools whose declared owners `sources:` may name (raci_lint.sources reads them).
SOURCES = ("dbt", "dagster", "airflow", "backstage", "codeowners")


class LintOptions(NamedTuple):
    """What to check in one file, and how: :class:`~raci_lint.settings.resolver.Settings` fills this in."""

    select: list[str] | None = None
    extend_select: list[str] = []  # noqa: RUF012 - options are never mutated
    ignore: list[str] = []  # noqa: RUF012
    severities: dict[str, str] = {}  # noqa: RUF012
    rule_options: dict[str, dict[str, Any]] = {}  # noqa: RUF012
    taxonomy: Taxonomy | None = None
    limits: Limits = Limits()
    files: tuple[str, ...] = DEFAULT_FILES
    exclude: tuple[str, ...] = ()
    exclude_folder: Path | None = None
    # Patterns of the command line (--exclude, --extend-exclude), relative to
    # the working folder of the run.
    cli_exclude: tuple[str, ...] = ()
    cli_exclude_folder: Path | None = None
    fail_on: str = "error"
    today: "datetime.date | None" = None
    repo_root: Path | None = None
    owned_roots: tuple[Path, ...] = ()
    codeowners: Path | None = None
    # The configuration file that names `codeowners` (where PATH004 says it is missing).
    codeowners_config: Path | None = None
    force_pure_yaml: bool = False
    # The `sources:` of the configuration: each source named, and its aliases
    # (an owner as written, lower-cased -> a person or team id).
    sources: dict[str, dict[str, str]] = {}  # noqa: RUF012


class Overrides(NamedTuple):
    """What the command line says, which beats any configuration file."""

    select: list[str] | None = None
    extend_select: list[str] = []  # noqa: RUF012 - never mutated
    ignore: list[str] = []  # noqa: RUF012
    taxonomy: Path | None = None
    fail_on: str | None = None
    config: Path | None = None
    isolated: bool = False
    today: "datetime.date | None" = None
    repo_root: Path | None = None
    # --exclude replaces the configured patterns (None: keep them);
    # --extend-exclude adds to them; --force-exclude applies them to named files.
    exclude: list[str] | None = None
    extend_exclude: list[str] = []  # noqa: RUF012
    force_exclude: bool = False


class KnownRule(Protocol):
    """What the settings need to know of a rule (the registry's ``Rule`` is one)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def opt_in(self) -> bool: ...
    @property
    def always_on(self) -> str: ...
    @property
    def options(self) -> dict[str, Any]: ...


def _specificity(selector: str, code: str) -> int:
    """How specifically a selector names a code: -1 when it does not."""
    if selector == "ALL":
        return 0
    return len(selector) if code.startswith(selector) else -1


def enabled_codes(
    rules: Iterable[KnownRule],
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    on_by_default: Iterable[str] = (),
) -> set[str]:
    """The codes of ``rules`` that the selectors enable.

    The most specific selector wins; at equal specificity ``ignore`` wins.
    Opt-in rules run only when a select names them, unless their code starts
    with a prefix of ``on_by_default`` (SRC, once `sources:` is configured).
    Rules that are always on (SYN001) are enabled whatever the selectors say.
    """
    promoted = tuple(on_by_default)
    positive = list(select) if select is not None else None
    positive_extra = list(extend_select)
    negative = list(ignore)
    enabled = set()
    for current in rules:
        code = current.code
        if current.always_on:
            enabled.add(code)
            continue
        best_select = max(
            (_specificity(s, code) for s in (positive or []) + positive_extra), default=-1
        )
        if positive is None and (not current.opt_in or code.startswith(promoted)):
            best_select = max(best_select, 0)
        best_ignore = max((_specificity(s, code) for s in negative), default=-1)
        if best_select >= 0 and best_select > best_ignore:
            enabled.add(code)
    return enabled


def is_known_selector(selector: str, rules: Iterable[KnownRule]) -> bool:
    """True for ``ALL``, a rule code, or a prefix of one."""
    return selector == "ALL" or any(current.code.startswith(selector) for current in rules)
