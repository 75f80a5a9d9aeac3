"""The generated sections of README.md: what each must hold.

Shared by tests/test_docs.py (which fails when the README is stale) and
scripts/update_docs.py (which rewrites them).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from raci_lint.rules.docs import fixes_table, rules_table

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, stderr: bool = False) -> str:
    """Run raci-lint as a user would, from the repository's root, without colour."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    env.pop("RACI_LINT_FORMAT", None)
    result = subprocess.run(
        [sys.executable, "-m", "raci_lint", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    return result.stdout + (result.stderr if stderr else "")


# The file the README's `check --fix` example fixes.
FIX_EXAMPLE = """\
version: 1
people:
  alice: {name: Alice Martin, disciplines: [Data Engineer]}   # leads ingestion
  bob: {disciplines: [data-engineer]}
components:
  ingest-events:
    kind: Ingestion
    raci: {responsible: [alice, bob], accountable: "alcie"}
"""


def fixed_copy(*commands: str, example: bool = False) -> str:
    """Run commands, as the README shows them, on a copy of examples/broken: their outputs.

    With ``example``, in a folder holding FIX_EXAMPLE as raci.yaml, shown first
    and, fixed, last.
    """
    with tempfile.TemporaryDirectory(prefix="raci-lint-readme-") as folder:
        copy = Path(folder) / "examples" / "broken"
        shutil.copytree(ROOT / "examples" / "broken", copy)
        fixed = Path(folder) / "raci.yaml"
        fixed.write_text(FIX_EXAMPLE, encoding="utf-8")
        env = {**os.environ, "NO_COLOR": "1"}
        env.pop("GITHUB_ACTIONS", None)
        env.pop("RACI_LINT_FORMAT", None)
        shown = []
        for command in commands:
            result = subprocess.run(
                [sys.executable, "-m", "raci_lint", *command.split()[1:]],
                cwd=folder,
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
            shown.append(f"$ {command}\n{result.stdout}{result.stderr}")
        after = fixed.read_text(encoding="utf-8")
    console = "```console\n" + "".join(shown) + "```\n"
    if not example:
        return console
    return (
        f"```yaml\n# raci.yaml\n{FIX_EXAMPLE}```\n\n{console}\n"
        f"```yaml\n# raci.yaml, fixed\n{after}```\n"
    )


def head(output: str, lines: int) -> str:
    """The first lines of a long output, and a marker of what was left out."""
    kept = output.splitlines(keepends=True)
    if len(kept) <= lines:
        return output
    return "".join(kept[:lines]) + f"# ... ({len(kept) - lines} more lines)\n"


def imported(command: str) -> str:
    """An import's YAML (its first lines) and the summary it ends with."""
    output = run_cli(*command.split()[1:])
    summary = run_cli(*command.split()[1:], stderr=True)[len(output) :]
    return f"```console\n$ {command}\n{head(output, 24)}```\n\n```console\n{summary}```\n"


def fenced(command: str, output: str) -> str:
    return f"```console\n$ {command}\n{output}```\n"


@functools.cache
def expected_sections() -> dict[str, str]:
    """Section name -> the content the README must hold between its markers."""
    broken = "raci-lint check examples/broken/raci.yaml"
    owners = "raci-lint codeowners --repo-root examples/ml-platform examples/ml-platform/raci.yaml"
    matrix = "raci-lint matrix --format markdown examples/ml-platform/raci.yaml"
    return {
        "broken-output": fenced(broken, run_cli(*broken.split()[1:])),
        "rules-table": rules_table(),
        "pre-commit-config": example_file("pre-commit-config.yaml"),
        "codeowners-output": fenced(owners, run_cli(*owners.split()[1:])),
        "matrix-output": f"```console\n$ {matrix}\n```\n\n" + run_cli(*matrix.split()[1:]),
        "import-csv-output": imported(
            "raci-lint import --from csv examples/import/raci-matrix.csv"
        ),
        "import-codeowners-output": imported(
            "raci-lint import --from codeowners examples/import/CODEOWNERS"
        ),
        "fixes-table": fixes_table(),
        "fix-diff-output": fixed_copy(
            "raci-lint check --diff --unsafe-fixes examples/broken/raci.yaml"
        ),
        "fix-output": fixed_copy(
            "raci-lint check --fix raci.yaml",
            "raci-lint check --fix --unsafe-fixes raci.yaml",
            example=True,
        ),
        "github-actions": example_file("github-actions.yml"),
        "gitlab-ci": example_file("gitlab-ci.yml"),
    }


def example_file(name: str) -> str:
    """A file of examples/ci/, fenced: the README's snippets are these files."""
    return "```yaml\n" + (ROOT / "examples" / "ci" / name).read_text(encoding="utf-8") + "```\n"
