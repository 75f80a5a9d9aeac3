"""What several commands share: usage errors, the colour option, selectors, dates."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

import click

from raci_lint.rules.registry import all_rules
from raci_lint.settings.options import is_known_selector
from raci_lint.wording import did_you_mean

__all__ = [
    "COLOR_OPTION",
    "FIX_OPTIONS",
    "UsageError",
    "check_selectors",
    "fix_options",
    "parse_date",
    "split_selectors",
]


class UsageError(click.UsageError):
    """A usage error of ours: its message already says what to do."""

    explains_itself = True


COLOR_OPTION = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the terminal formats; auto colours a terminal unless NO_COLOR is set.",
)


# The options of `check` that fix (as ruff's): one block, applied by `fix_options`.
FIX_OPTIONS = (
    click.option("--fix", is_flag=True, help="Apply the safe fixes, then report what is left."),
    click.option(
        "--unsafe-fixes",
        is_flag=True,
        help="With --fix, --diff or --fix-only: apply the unsafe fixes too (review them).",
    ),
    click.option(
        "--diff",
        is_flag=True,
        help="Print the fixes as a unified diff and change nothing (exit 1 if any).",
    ),
    click.option(
        "--fix-only", is_flag=True, help="Apply the fixes and report nothing else (exit 0)."
    ),
    click.option(
        "--add-suppressions",
        is_flag=True,
        help='Add a `# raci-lint: disable=CODE reason=""` comment for each violation left.',
    ),
)


def fix_options(command: Any) -> Any:
    """Decorate a command with the fixing options."""
    for option in reversed(FIX_OPTIONS):
        command = option(command)
    return command


def split_selectors(values: Iterable[str]) -> list[str]:
    """Selectors may be repeated and comma-separated: --select RACI,REF --select TAX."""
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


def check_selectors(option: str, selectors: list[str]) -> None:
    """Raise a usage error for a selector that names no rule."""
    rules = all_rules()
    for selector in selectors:
        if not is_known_selector(selector, rules):
            match = did_you_mean(selector, [r.code for r in rules])
            hint = f"; did you mean '{match}'?" if match else "; see `raci-lint rules`"
            raise UsageError(f"unknown rule code or prefix '{selector}' in {option}{hint}")


def parse_date(value: str | None) -> datetime.date | None:
    """The date of ``--today``."""
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--today {value} is not a date; write YYYY-MM-DD") from None
