"""What several commands share: usage errors, the colour option, selectors, dates."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import click

from raci_lint.rules.registry import all_rules
from raci_lint.settings.options import is_known_selector
from raci_lint.wording import did_you_mean

__all__ = ["COLOR_OPTION", "UsageError", "check_selectors", "parse_date", "split_selectors"]


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
