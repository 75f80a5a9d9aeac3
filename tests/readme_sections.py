"""The generated sections of README.md: what each must hold.

Shared by tests/test_docs.py (which fails when the README is stale) and
scripts/update_docs.py (which rewrites them).
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

from raci_lint.rules.docs import rules_table

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
    graph = "raci-lint graph --repo-root examples/ml-platform examples/ml-platform/raci.yaml"
    return {
        "broken-output": fenced(broken, run_cli(*broken.split()[1:])),
        "rules-table": rules_table(),
        "pre-commit-config": example_file("pre-commit-config.yaml"),
        "codeowners-output": fenced(owners, run_cli(*owners.split()[1:])),
        "matrix-output": f"```console\n$ {matrix}\n```\n\n" + run_cli(*matrix.split()[1:]),
        # In a mermaid block, which GitHub draws as the graph itself.
        "graph-output": f"```console\n$ {graph}\n```\n\n```mermaid\n"
        + run_cli(*graph.split()[1:])
        + "```\n",
        "import-csv-output": imported(
            "raci-lint import --from csv examples/import/raci-matrix.csv"
        ),
        "import-codeowners-output": imported(
            "raci-lint import --from codeowners examples/import/CODEOWNERS"
        ),
        "github-actions": example_file("github-actions.yml"),
        "gitlab-ci": example_file("gitlab-ci.yml"),
    }


def example_file(name: str) -> str:
    """A file of examples/ci/, fenced: the README's snippets are these files."""
    return "```yaml\n" + (ROOT / "examples" / "ci" / name).read_text(encoding="utf-8") + "```\n"
