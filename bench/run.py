"""Benchmark raci-lint: start-up, throughput and scale, as ratios within one run.

    pip install '.[bench]'          # raci-lint, check-jsonschema, yamllint
    python bench/run.py             # N = 100, 1,000, 10,000, 100,000
    python bench/run.py --sizes 100 1000 --repeat 5
    python bench/run.py --competitors-up-to 100000   # also time the slow tools at 100k

Prints Markdown tables (medians of --repeat runs; peak memory of one run):

* start-up: `python -c pass`, `raci-lint --version`, `raci-lint check` of a
  20-component file;
* throughput: for each N, `raci-lint check` (the whole command, start-up
  included) against the floor (`yaml.compose` of the same file with libyaml
  and the garbage collector off, timed inside one process), check-jsonschema
  with the published schema, and yamllint;
* fixing: `check --fix` against `check` on the 10,000-component file, clean
  and with 5% of the kinds written in capitals (a safe fix each), the runs
  interleaved, the fixed file restored before each run.

The machines are noisy: compare ratios measured in the same run, not seconds
across runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import write_repository  # noqa: E402

PYTHON = sys.executable
SCHEMA = ROOT / "schemas" / "raci.schema.json"
FLOOR = (
    "import gc, sys, time, yaml; gc.disable(); f = open(sys.argv[1]); t = time.perf_counter(); "
    "yaml.compose(f, Loader=yaml.CSafeLoader); print(time.perf_counter() - t)"
)
PEAK = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def tool(name: str) -> str | None:
    """A console script of this Python's environment, or one on the PATH."""
    local = Path(PYTHON).parent / name
    if local.exists():
        return str(local)
    return shutil.which(name)


def wall(command: list[str], cwd: Path, repeat: int) -> float:
    """The median wall time of a command, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(
            command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
        )
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):  # 1: violations found, as measured
            raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr!r}")
    return statistics.median(times)


def peak_mb(command: list[str], cwd: Path) -> float:
    """The peak resident memory of one run of a command, in MB (Linux: ru_maxrss in KB)."""
    result = subprocess.run(
        [PYTHON, "-c", PEAK, *command], cwd=cwd, capture_output=True, text=True, check=True
    )
    kilobytes = int(result.stdout.strip())
    return kilobytes / 1024 if sys.platform != "darwin" else kilobytes / 1024 / 1024


def floor(path: Path, repeat: int) -> float:
    times = [
        float(
            subprocess.run(
                [PYTHON, "-c", FLOOR, str(path)], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(repeat)
    ]
    return statistics.median(times)


def startup(folder: Path, repeat: int) -> list[str]:
    raci_lint = tool("raci-lint")
    assert raci_lint, "raci-lint is not installed in this environment"
    small = write_repository(folder / "startup", 20)
    subprocess.run(["git", "init", "-q"], cwd=small.parent, check=False)
    subprocess.run(["git", "add", "-A"], cwd=small.parent, check=False)
    base = wall([PYTHON, "-c", "pass"], folder, repeat)
    version = wall([raci_lint, "--version"], folder, repeat)
    check = wall([raci_lint, "check", "raci.yaml"], small.parent, repeat)
    return [
        "| start-up | median | × `python -c pass` | target |",  # noqa: RUF001 - the table is for people
        "|---|---:|---:|---:|",
        f"| `python -c pass` | {base * 1000:.0f} ms | 1.0 | |",
        f"| `raci-lint --version` | {version * 1000:.0f} ms | {version / base:.1f} | ≤ 3 |",
        f"| `raci-lint check` (20 components) | {check * 1000:.0f} ms | {check / base:.1f} | ≤ 8 |",
    ]


def throughput(folder: Path, sizes: list[int], repeat: int, competitors_up_to: int) -> list[str]:
    raci_lint = tool("raci-lint")
    assert raci_lint
    check_jsonschema = tool("check-jsonschema")
    yamllint = tool("yamllint")
    lines = [
        "| N | file | floor | raci-lint | ÷ floor | peak memory | check-jsonschema | ÷ raci-lint | yamllint | ÷ raci-lint |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for count in sizes:
        path = write_repository(folder / f"n{count}", count)
        subprocess.run(["git", "init", "-q"], cwd=path.parent, check=False)
        subprocess.run(["git", "add", "-A"], cwd=path.parent, check=False)
        runs = repeat if count <= 10_000 else max(1, repeat // 3)
        base = floor(path, runs)
        ours = wall([raci_lint, "check", "raci.yaml"], path.parent, runs)
        memory = peak_mb([raci_lint, "check", "raci.yaml"], path.parent)
        size = path.stat().st_size / 1024 / 1024
        row = (
            f"| {count:,} | {size:.1f} MB | {base:.2f} s | {ours:.2f} s | {ours / base:.2f} "
            f"| {memory:.0f} MB |"
        )
        for other in (check_jsonschema, yamllint):
            if other is None or count > competitors_up_to:
                row += " — | — |"
                continue
            command = (
                [other, "--schemafile", str(SCHEMA), "raci.yaml"]
                if other == check_jsonschema
                else [other, "-d", "relaxed", "raci.yaml"]
            )
            theirs = wall(command, path.parent, 1)
            row += f" {theirs:.2f} s | {theirs / ours:.1f} |"
        lines.append(row)
        print(row, file=sys.stderr, flush=True)
    return lines


def timed(command: list[str], cwd: Path, restore: tuple[Path, bytes] | None = None) -> float:
    """One wall time of a command, the file restored first (not timed)."""
    if restore is not None:
        restore[0].write_bytes(restore[1])
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr!r}")
    return elapsed


def fixing(folder: Path, count: int, repeat: int) -> list[str]:
    """`check --fix` vs `check` on one file, clean and with fixable kinds, interleaved."""
    raci_lint = tool("raci-lint")
    assert raci_lint
    lines = [
        f"| {count:,} components | `check` | `check --diff` | `check --fix` | --fix ÷ check |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, share in (("clean", 0.0), ("5% fixable kinds", 0.05)):
        path = write_repository(folder / f"fix-{share}", count, fixable=share)
        subprocess.run(["git", "init", "-q"], cwd=path.parent, check=False)
        subprocess.run(["git", "add", "-A"], cwd=path.parent, check=False)
        original = path.read_bytes()
        checks, diffs, fixes = [], [], []
        for _ in range(repeat):
            checks.append(timed([raci_lint, "check", "raci.yaml"], path.parent, (path, original)))
            diffs.append(timed([raci_lint, "check", "--diff", "raci.yaml"], path.parent))
            fixes.append(
                timed([raci_lint, "check", "--fix", "raci.yaml"], path.parent, (path, original))
            )
        check, diff, fix = (statistics.median(times) for times in (checks, diffs, fixes))
        row = f"| {label} | {check:.2f} s | {diff:.2f} s | {fix:.2f} s | {fix / check:.2f} |"
        lines.append(row)
        print(row, file=sys.stderr, flush=True)
        path.write_bytes(original)
    return lines


def machine() -> str:
    cpus = os.cpu_count()
    return f"{platform.platform()}, Python {platform.python_version()}, {cpus} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--competitors-up-to",
        type=int,
        default=10_000,
        help="time check-jsonschema and yamllint up to this N (they take minutes beyond)",
    )
    parser.add_argument(
        "--only-fixing", action="store_true", help="time only `check --fix` against `check`"
    )
    parser.add_argument("--fix-size", type=int, default=10_000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="raci-lint-bench-") as temporary:
        folder = Path(temporary)
        output = [f"Machine: {machine()}", ""]
        if not arguments.only_fixing:
            output += startup(folder, max(arguments.repeat, 11))
            output += [""]
            output += throughput(
                folder, arguments.sizes, arguments.repeat, arguments.competitors_up_to
            )
            output += [""]
        output += fixing(folder, arguments.fix_size, arguments.repeat)
    print("\n".join(output))


if __name__ == "__main__":
    main()
