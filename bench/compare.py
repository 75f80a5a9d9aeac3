"""Compare two installs of raci-lint side by side: before and after a change.

    python -m venv /tmp/before && /tmp/before/bin/pip install 'raci-lint @ git+...@main'
    python bench/compare.py /tmp/before/bin/raci-lint "$(command -v raci-lint)"
    python bench/compare.py OLD NEW --sizes 10000 100000 --repeat 7

Prints one Markdown table: for a 20-component check (start-up), each N of
--sizes and a monorepo of --services services sharing one roster, the
median CPU seconds of each install and their ratio, the runs interleaved
(old, new, old, new, ...) so that a burst of load falls on both, and the
peak memory of one run of each. The figures compare only within the run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write_monorepo, write_repository
from run import git_repository, interleaved, peak_mb


def compare(
    old: str, new: str, folder: Path, sizes: list[int], services: int, repeat: int
) -> list[str]:
    """The rows of the table: one per case, old and new measured in turn."""
    cases: list[tuple[str, Path, list[str], int]] = []
    small = write_repository(folder / "startup", 20)
    cases.append(("check, 20 components", small.parent, ["check", "raci.yaml"], repeat * 4))
    for count in sizes:
        path = write_repository(folder / f"n{count}", count)
        runs = repeat if count <= 10_000 else max(3, repeat // 2)
        cases.append((f"check, {count:,} components", path.parent, ["check", "raci.yaml"], runs))
    if services:
        top = write_monorepo(folder / f"monorepo-{services}", services)
        cases.append((f"check, {services:,} services, one roster", top, ["check", "."], repeat))
    rows = [
        "| case | before | after | after ÷ before | peak before | peak after | ÷ |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, cwd, arguments, runs in cases:
        git_repository(cwd)
        medians = interleaved(
            {"old": ([old, *arguments], cwd), "new": ([new, *arguments], cwd)}, runs
        )
        peaks = {
            name: peak_mb([tool, *arguments], cwd) for name, tool in (("old", old), ("new", new))
        }
        row = (
            f"| {label} | {medians['old']:.3f} s | {medians['new']:.3f} s "
            f"| {medians['new'] / medians['old']:.2f} | {peaks['old']:.0f} MB "
            f"| {peaks['new']:.0f} MB | {peaks['new'] / peaks['old']:.2f} |"
        )
        rows.append(row)
        print(row, file=sys.stderr, flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", help="the raci-lint program before the change")
    parser.add_argument("new", help="the raci-lint program after it")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--services", type=int, default=200, help="0: no monorepo case")
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="raci-lint-compare-") as folder:
        rows = compare(
            arguments.old,
            arguments.new,
            Path(folder),
            arguments.sizes,
            arguments.services,
            arguments.repeat,
        )
    print("\n".join(rows))


if __name__ == "__main__":
    main()
