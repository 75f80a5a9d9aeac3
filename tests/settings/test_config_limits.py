"""A hostile configuration: too large, or nested too deeply, is one line and exit 2."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import BROKEN, run

from raci_lint.reading.loader import Limits

LIMIT = Limits().max_file_size
TOO_DEEP = (
    "pyproject.toml: the file nests deeper than 100 levels (limits.max-depth); "
    "a configuration needs fewer than 5"
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "raci.yaml").write_text(BROKEN)
    return tmp_path


def sparse(path: Path, size: int, start: bytes = b"") -> None:
    """A file of ``size`` bytes that takes no room on disk beyond ``start``."""
    with open(path, "wb") as handle:
        handle.write(start)
        handle.truncate(size)


def fails_with(repo: Path, message: str) -> None:
    result = run(["check"], repo)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"raci-lint: error: {message}\n"


@pytest.mark.parametrize("name", [".raci-lint.yaml", ".raci-lint.yml", "pyproject.toml"])
def test_a_configuration_over_the_size_limit_is_refused(repo: Path, name: str) -> None:
    sparse(repo / name, 3 * 2**30, b"[tool.raci-lint]\n" if name == "pyproject.toml" else b"")
    fails_with(repo, f"{name}: the file is over the limit of {LIMIT} bytes (SYN005)")


def test_one_byte_over_the_limit_is_over_it(repo: Path) -> None:
    sparse(repo / "pyproject.toml", LIMIT + 1)
    fails_with(repo, f"pyproject.toml: the file is over the limit of {LIMIT} bytes (SYN005)")


def test_a_configuration_at_the_limit_is_read(repo: Path) -> None:
    text = b"ignore: [RACI005]\n"
    with open(repo / ".raci-lint.yaml", "wb") as handle:
        handle.write(text + b"#" * (LIMIT - len(text) - 1) + b"\n")
    assert os.path.getsize(repo / ".raci-lint.yaml") == LIMIT
    result = run(["check", "-f", "concise"], repo)
    assert result.returncode == 1
    assert " RACI001 " in result.stdout
    assert " RACI005 " not in result.stdout


@pytest.mark.parametrize(
    "toml",
    [
        "a = " + "[" * 10_000 + "]" * 10_000,  # deeper than the TOML parser recurses
        "a = " + "[" * 100 + "]" * 100,  # parsed, then refused before it is checked
        "a = " + "{b = " * 150 + "1" + "}" * 150,
        "[tool.raci-lint" + ".a" * 10_000 + "]",  # nested tables need no recursion to parse
    ],
    ids=["arrays-10000", "arrays-100", "inline-tables-150", "tables-10000"],
)
def test_a_pyproject_nested_too_deeply_is_refused(repo: Path, toml: str) -> None:
    if not toml.startswith("[tool"):
        toml = "[tool.raci-lint]\n" + toml
    (repo / "pyproject.toml").write_text(toml + "\n")
    fails_with(repo, TOO_DEEP)


def test_a_pyproject_as_deep_as_the_limit_is_checked_as_usual(repo: Path) -> None:
    # The section is level 1, its 99 nested arrays are levels 2 to 100.
    (repo / "pyproject.toml").write_text("[tool.raci-lint]\na = " + "[" * 99 + "]" * 99 + "\n")
    fails_with(repo, "unknown key 'a' in pyproject.toml [tool.raci-lint]")


def test_a_deep_yaml_configuration_is_refused_by_the_loader(repo: Path) -> None:
    (repo / ".raci-lint.yaml").write_text("a: " + "[" * 10_000 + "]" * 10_000 + "\n")
    fails_with(
        repo,
        ".raci-lint.yaml:1:103: the document nests deeper than 100 levels (limits.max-depth); "
        "an ownership file needs fewer than 10",
    )


def test_globs_match_as_their_regular_expressions_do_without_backtracking() -> None:
    import random
    import re
    import time

    from raci_lint.settings.config import _glob_fullmatch, _glob_tokens

    def as_regex(pattern: str) -> re.Pattern[str]:
        # The translation an exclude glob had: right, but exponential on `*a*a*a...b`.
        out, index = [], 0
        while index < len(pattern):
            if pattern.startswith("**/", index):
                out.append("(?:.*/)?")
                index += 3
            elif pattern.startswith("**", index):
                out.append(".*")
                index += 2
            else:
                char = pattern[index]
                out.append("[^/]*" if char == "*" else "[^/]" if char == "?" else re.escape(char))
                index += 1
        return re.compile("".join(out))

    rng = random.Random(7)
    for _ in range(5000):
        pattern = "".join(rng.choice("ab/*?.") for _ in range(rng.randint(0, 7)))
        text = "".join(rng.choice("ab/.") for _ in range(rng.randint(0, 8)))
        expected = as_regex(pattern).fullmatch(text) is not None
        assert _glob_fullmatch(_glob_tokens(pattern), text) is expected, (pattern, text)
    start = time.perf_counter()
    assert not _glob_fullmatch(_glob_tokens("*a" * 200 + "b"), "a" * 400)
    assert time.perf_counter() - start < 5  # exponential would never end


def test_an_exclude_glob_made_to_backtrack_costs_nothing(tmp_path: Path) -> None:
    from conftest import CLEAN, run

    (tmp_path / ".git").mkdir()
    folder = tmp_path / ("a" * 40)
    folder.mkdir()
    (folder / "raci.yaml").write_text(CLEAN)
    (tmp_path / ".raci-lint.yaml").write_text('exclude: ["' + "*a" * 20 + 'b"]\n')
    result = run(["check", "-f", "concise", "."], tmp_path)
    assert (result.returncode, result.stdout) == (0, "All checks passed: 1 file checked.\n")
