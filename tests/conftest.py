"""Shared helpers of the test suite."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from raci_lint.linter import LintOptions, lint_text
from raci_lint.violations import Violation

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def lint(text: str, *, select: list[str] | None = None, **options: object) -> list[Violation]:
    """Lint dedented YAML text with the default taxonomy; violations sorted by position."""
    lint_options = LintOptions(select=select, **options)  # type: ignore[arg-type]
    return lint_text(textwrap.dedent(text), "raci.yaml", lint_options).violations


def found(text: str, code: str | None = None, **options: object) -> list[tuple[str, int, int, str]]:
    """(code, line, column, message) of each violation, optionally of one code only."""
    return [
        (v.code, v.line, v.column, v.message)
        for v in lint(text, **options)  # type: ignore[arg-type]
        if code is None or v.code == code
    ]


@pytest.fixture
def examples() -> Path:
    return EXAMPLES
