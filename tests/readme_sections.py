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
from raci_lint.taxonomy.disciplines import Requirement, default_taxonomy

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, stderr: bool = False, cwd: Path = ROOT) -> str:
    """Run raci-lint as a user would, from the repository's root, without colour.

    With ``stderr``, what it printed there comes first: its warnings are
    printed before its summary.
    """
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    env.pop("RACI_LINT_FORMAT", None)
    result = subprocess.run(
        [sys.executable, "-m", "raci_lint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    return (result.stderr if stderr else "") + result.stdout


def migrated() -> str:
    """`import --migrate` run on examples/migrate/, in a copy: the run, the file it leaves."""
    command = "raci-lint import --from codeowners .github/CODEOWNERS --output raci.yaml --migrate"
    example = ROOT / "examples" / "migrate"
    with tempfile.TemporaryDirectory() as folder:
        repo = Path(folder)
        for name in (example / "files.txt").read_text(encoding="utf-8").split():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            (repo / name).write_text("", encoding="utf-8")
        (repo / ".github").mkdir()
        shutil.copy(example / "CODEOWNERS", repo / ".github" / "CODEOWNERS")
        output = run_cli(*command.split()[1:], stderr=True, cwd=repo)
        after = (repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
        check = run_cli("codeowners", "--check", cwd=repo)
    return (
        f"```console\n$ {command}\n{output}```\n\n"
        f"```console\n$ cat .github/CODEOWNERS\n{after}```\n\n"
        f"```console\n$ raci-lint codeowners --check\n{check}```\n"
    )


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
    summary = run_cli(*command.split()[1:], stderr=True).replace(output, "", 1)
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
        "import-migrate-output": migrated(),
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
        "taxonomy": taxonomy_tables(),
        "gitlab-ci": example_file("gitlab-ci.yml"),
    }


def example_file(name: str) -> str:
    """A file of examples/ci/, fenced: the README's snippets are these files."""
    return "```yaml\n" + (ROOT / "examples" / "ci" / name).read_text(encoding="utf-8") + "```\n"


def _letters(requirement: Requirement) -> str:
    """'R or A: data-scientist', 'R: data-engineer or analytics-engineer'."""
    letters = " or ".join(role[0].upper() for role in requirement.roles)
    names = list(requirement.any_of)
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return f"{letters}: {who}"


def _areas(requirement: Requirement) -> str:
    refs = [ref.replace(".", " ") for ref in requirement.rests_on]
    return "; ".join(refs) + (" (and the project's reading)" if requirement.reading else "")


def taxonomy_tables() -> str:
    """The README's tables of the default taxonomy: focus areas and quotes, kinds, tags."""
    taxonomy = default_taxonomy()
    lines = ["| discipline | focus area | the book's words |", "|---|---|---|"]
    for discipline in taxonomy.disciplines.values():
        for area in discipline.areas:
            quote = area.quote.replace("|", "\\|")
            lines.append(f'| `{discipline.id}` | {area.id} | "{quote}" ({area.source}) |')
    lines += [
        "",
        "| kind | aliases | requires (TAX001) | rests on |",
        "|---|---|---|---|",
    ]
    free = []
    for kind in taxonomy.kinds.values():
        if not kind.requires:
            free.append(kind)
            continue
        aliases = ", ".join(f"`{alias}`" for alias in kind.aliases) or "—"
        requires = "; ".join(_letters(r) for r in kind.requires)
        areas = "; ".join(_areas(r) for r in kind.requires)
        lines.append(f"| `{kind.id}` | {aliases} | {requires} | {areas} |")
    lines += ["", "Kinds for the rest of a repository, with no requirement:", ""]
    for kind in free:
        aliases = ", ".join(f"`{alias}`" for alias in kind.aliases)
        lines.append(f"- `{kind.id}` ({aliases}): {kind.description}")
    sources = "; ".join(
        f"{source.id}: {source.url or source.description}" for source in taxonomy.sources.values()
    )
    lines += ["", f"Sources of the quotes: {sources}"]
    return "\n".join(lines) + "\n"
