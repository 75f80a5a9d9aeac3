"""Benchmark `raci-lint diff` between two revisions, as ratios against `check` in the same run.

    python bench/diff.py                  # N = 10,000
    python bench/diff.py --sizes 1000 10000 --repeat 5

For each N, a git repository holds the benchmark file (bench/generate.py) at
a first commit, and at a second the same file with 5% of its components
changed (an Accountable dropped or unknown). Timed, as in bench/run.py: the
median CPU time (user + system, git included) of --repeat runs of the whole
command, the runs interleaved so that a burst of load falls on all alike:
`check` of the second revision's file, `diff` between the two commits (read
with git, none checked out), `diff` of the first commit against the working
tree, and `check --new-from-rev`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate, write_repository  # noqa: E402
from run import interleaved, machine, tool  # noqa: E402


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


def repository(folder: Path, count: int) -> Path:
    """A repository whose HEAD~1 and HEAD hold two versions of the benchmark file."""
    path = write_repository(folder, count)
    _git(folder, "init", "-q", "-b", "main")
    _git(folder, "config", "user.name", "Bench")
    _git(folder, "config", "user.email", "bench@example.com")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-q", "-m", "base")
    path.write_text(generate(count, violations=0.05))
    _git(folder, "commit", "-q", "-am", "change 5% of the components")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    raci_lint = tool("raci-lint")
    assert raci_lint, "raci-lint is not installed in this environment"
    lines = [
        f"Machine: {machine()}",
        "",
        "CPU seconds, medians of interleaved runs:",
        "",
        "| N | `check` | `diff HEAD~1 HEAD` | ÷ check | `diff HEAD~1` (working tree) "
        "| ÷ check | `check --new-from-rev HEAD~1` | ÷ check |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory(prefix="raci-lint-bench-diff-") as temporary:
        for count in arguments.sizes:
            folder = repository(Path(temporary) / f"n{count}", count)
            times = interleaved(
                {
                    "check": ([raci_lint, "check", "raci.yaml"], folder),
                    "revisions": ([raci_lint, "diff", "HEAD~1", "HEAD"], folder),
                    "working": ([raci_lint, "diff", "HEAD~1"], folder),
                    "new": (
                        [raci_lint, "check", "raci.yaml", "--new-from-rev", "HEAD~1"],
                        folder,
                    ),
                },
                arguments.repeat,
            )
            check, revisions = times["check"], times["revisions"]
            working, new = times["working"], times["new"]
            row = (
                f"| {count:,} | {check:.2f} s | {revisions:.2f} s | {revisions / check:.2f} "
                f"| {working:.2f} s | {working / check:.2f} | {new:.2f} s | {new / check:.2f} |"
            )
            lines.append(row)
            print(row, file=sys.stderr, flush=True)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
