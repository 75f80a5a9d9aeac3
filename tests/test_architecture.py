"""The architecture holds: one-way layers, no import cycle, lazy imports only for start-up.

The layers are written as import-linter contracts in pyproject.toml
(ARCHITECTURE.md explains them); this runs them on the installed package,
imports inside functions and under TYPE_CHECKING included.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

import raci_lint

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PACKAGE = Path(raci_lint.__file__).resolve().parent
LINT_IMPORTS = shutil.which("lint-imports", path=str(Path(sys.executable).parent))


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


@pytest.mark.skipif(LINT_IMPORTS is None, reason="import-linter is not installed")
def test_the_import_contracts_are_kept() -> None:
    assert LINT_IMPORTS is not None
    result = subprocess.run(
        [LINT_IMPORTS, "--no-logo", "--no-cache", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    kept = [line for line in result.stdout.splitlines() if line.endswith(" KEPT")]
    assert len(kept) == len(_contracts()) == 2, result.stdout


@pytest.mark.skipif(LINT_IMPORTS is None, reason="import-linter is not installed")
def test_a_lower_layer_importing_a_higher_one_breaks_the_contract(tmp_path: Path) -> None:
    """The contract can fail: a copy of the package whose loader imports the engine breaks it."""
    assert LINT_IMPORTS is not None
    copy = tmp_path / "raci_lint"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    loader = copy / "reading" / "loader.py"
    loader.write_text(
        loader.read_text(encoding="utf-8") + "\n\ndef _upward() -> None:\n"
        "    from raci_lint.engine import lint  # noqa: F401\n",
        encoding="utf-8",
    )
    config = tmp_path / "pyproject.toml"
    config.write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run(
        [LINT_IMPORTS, "--no-logo", "--no-cache", str(config)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        # The copy comes first on the path, before the installed package.
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "The layers follow the data BROKEN" in result.stdout
    assert "raci_lint.reading is not allowed to import raci_lint.engine" in result.stdout
    assert "No import cycle between the modules of any package BROKEN" in result.stdout


def _imports_inside_functions() -> list[tuple[str, int, list[str]]]:
    """(module file, line, the lines above it) of every import inside a function."""
    found: dict[tuple[str, int], list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    above = lines[max(0, inner.lineno - 4) : inner.lineno]
                    # Once, also when it is inside a function inside a function.
                    found[(path.relative_to(PACKAGE).as_posix(), inner.lineno)] = above
    return [(path, line, above) for (path, line), above in found.items()]


def test_every_import_inside_a_function_says_it_is_there_for_start_up() -> None:
    unexplained = [
        f"{path}:{line}"
        for path, line, above in _imports_inside_functions()
        if not any("start-up" in text for text in above)
    ]
    assert unexplained == []
    # Few of them: the package imports at the top of its modules. (28: the
    # newest are the language server's pygls, only for `raci-lint server`; the
    # fix engine, the git revision of --new-from-rev and the source readers,
    # each only for the runs that use them.)
    assert len(_imports_inside_functions()) <= 28


# The modules whose named tuples still postpone their annotations (the
# reader and the model): each field costs a compile() at import.
POSTPONED = {"raci_lint.reading.loader", "raci_lint.model.ownership"}


def test_a_plain_check_builds_its_named_tuples_from_evaluated_annotations() -> None:
    """A string annotation costs NamedTuple a ForwardRef, compiled, per field (start-up).

    The file checked is broken, so that the modules only a violation needs count too.
    """
    code = (
        "import sys, typing; from raci_lint.cli import main; "
        f"main(['check', '--isolated', {str(ROOT / 'examples' / 'broken' / 'raci.yaml')!r}]); "
        "built = [(n, c) for n, m in list(sys.modules.items()) if n.startswith('raci_lint') "
        "for c in vars(m).values() if isinstance(c, type) and issubclass(c, tuple) "
        "and hasattr(c, '_fields') and c.__module__ == n]; "
        "print(len(built), sorted(f'{n}.{c.__name__}.{f}' for n, c in built "
        "for f, a in c.__annotations__.items() if isinstance(a, typing.ForwardRef)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    count, postponed = result.stdout.splitlines()[-1].split(" ", 1)
    assert int(count) > 10, "the check ran and built its named tuples"
    assert [
        name for name in ast.literal_eval(postponed) if name.rsplit(".", 2)[0] not in POSTPONED
    ] == [
        # Only for type checking: importing datetime would cost the Python API.
        "raci_lint.settings.options.LintOptions.today",
        "raci_lint.settings.options.Overrides.today",
    ]


def test_a_clean_check_imports_no_standard_module_it_can_do_without(tmp_path: Path) -> None:
    """No fingerprint (hashlib), no suppression (dataclasses), no schema (json) to read,
    and no contextvars (an extension module to load): runs are synchronous."""
    (tmp_path / "raci.yaml").write_text(
        "version: 1\npeople:\n  alice: {disciplines: [data-engineer]}\ncomponents:\n"
        "  ingest:\n    kind: ingestion\n    raci: {responsible: [alice], accountable: alice}\n"
    )
    code = (
        "import sys; from raci_lint.cli import main; "
        "code = main(['check', '--isolated', 'raci.yaml']); "
        "print(code, sorted(m for m in ('contextvars', 'hashlib', 'json', 'difflib', "
        "'dataclasses', 'textwrap') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert result.stdout.splitlines()[-1] == "0 []"


def test_version_and_check_import_no_optional_part() -> None:
    """`--version` loads no layer; `check` loads no adapter, no other command."""
    code = (
        "import sys; from raci_lint.cli import main; main(['--version']); "
        "print(sorted(m for m in sys.modules if m.startswith('raci_lint.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "['raci_lint.cli']"
    code = (
        "import sys; from raci_lint.cli import main; "
        f"main(['check', '--isolated', {str(ROOT / 'examples' / 'broken' / 'raci.yaml')!r}]); "
        "print(sorted(m for m in sys.modules if m.startswith('raci_lint.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    loaded = set(ast.literal_eval(result.stdout.splitlines()[-1]))
    assert "raci_lint.cli.check" in loaded
    assert not {m for m in loaded if m.startswith("raci_lint.adapters")}
    assert not loaded & {
        "raci_lint.cli.codeowners",
        "raci_lint.cli.matrix",
        "raci_lint.cli.importing",
        "raci_lint.cli.reference",
        "raci_lint.schema.compiler",
        "raci_lint.taxonomy.files",
        "raci_lint.engine.baseline",
        "raci_lint.writing",
    }
