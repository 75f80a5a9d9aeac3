"""The options one file is linted with, and what the command line overrides."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from raci_lint.reading.loader import Limits
from raci_lint.taxonomy.disciplines import Taxonomy

if TYPE_CHECKING:
    import datetime

__all__ = ["DEFAULT_FILES", "LintOptions", "Overrides"]


DEFAULT_FILES = ("raci.yaml", "raci.yml", "*.raci.yaml", "*.raci.yml")


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
    fail_on: str = "error"
    today: datetime.date | None = None
    repo_root: Path | None = None
    owned_roots: tuple[Path, ...] = ()
    codeowners: Path | None = None
    force_pure_yaml: bool = False


class Overrides(NamedTuple):
    """What the command line says, which beats any configuration file."""

    select: list[str] | None = None
    extend_select: list[str] = []  # noqa: RUF012 - never mutated
    ignore: list[str] = []  # noqa: RUF012
    taxonomy: Path | None = None
    fail_on: str | None = None
    config: Path | None = None
    isolated: bool = False
    today: datetime.date | None = None
    repo_root: Path | None = None
