"""Shared fixtures and helpers of the test suite.

``tests/`` mirrors ``raci_lint/``: the tests of a module live in the folder of
its layer; what crosses every layer (robustness, fuzzing, docs, examples,
packaging, the architecture) stays at the top.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from raci_lint.engine.lint import lint_text
from raci_lint.settings.options import LintOptions
from raci_lint.violations import Violation

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA = Path(__file__).resolve().parent / "data"

# One clean component: no violation with the default configuration.
CLEAN = textwrap.dedent(
    """\
    version: 1
    people:
      alice: {disciplines: [data-engineer]}
    components:
      ingest:
        kind: ingestion
        raci: {responsible: [alice], accountable: alice}
    """
)
# The same with `informed` for `accountable`: RACI001 (error) at 5:3 and
# RACI005 (warning) at 7:45.
BROKEN = CLEAN.replace("accountable: alice", "informed: [alice]")

# What the environment may say that changes raci-lint's output.
_OUTPUT_VARIABLES = ("GITHUB_ACTIONS", "NO_COLOR", "COLUMNS")


def run(
    args: list[str], cwd: Path, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed CLI in a subprocess, as a user would.

    The variables that change the output (RACI_LINT_*, GITHUB_ACTIONS,
    NO_COLOR, COLUMNS) are left out unless ``env`` sets them.
    """
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in _OUTPUT_VARIABLES and not name.startswith("RACI_LINT")
    }
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "raci_lint", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        check=False,
    )


def lint(text: str, *, select: list[str] | None = None, **options: object) -> list[Violation]:
    """Lint dedented YAML text with the default taxonomy; violations sorted by position.

    Every fixture is linted twice, with libyaml's parser and with PyYAML's
    pure-Python one, and both must give identical violations.
    """
    text = textwrap.dedent(text)
    lint_options = LintOptions(select=select, **options)  # type: ignore[arg-type]
    violations = lint_text(text, "raci.yaml", lint_options).violations
    pure = lint_text(text, "raci.yaml", lint_options._replace(force_pure_yaml=True)).violations
    assert pure == violations, "the pure-Python loader disagrees with libyaml"
    check_fast_validation(text)
    return violations


def check_fast_validation(text: str) -> None:
    """The generated fast check may only say "valid" when the full validator agrees."""
    from raci_lint.reading.loader import load_text
    from raci_lint.schema.validator import included_validator, raci_validator

    root = load_text(text).root
    if root is None:
        return
    for validator in (raci_validator(), included_validator()):
        assert validator.fast is not None
        if validator.fast(root):
            assert validator.explain(root) == [], "the fast check accepted an invalid file"


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


def git(root: Path, *args: str) -> str:
    """Run git in a test repository; its output."""
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
    ).stdout


def git_repository(root: Path, files: dict[str, str]) -> Path:
    """A git repository on branch main holding ``files``, committed once."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.com")
    git(root, "config", "commit.gpgsign", "false")
    commit(root, files, "base")
    return root


def commit(root: Path, files: dict[str, str | None], message: str) -> None:
    """Write (or, for None, delete) files, and commit everything."""
    for name, text in files.items():
        path = root / name
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)
