"""Benchmark raci-lint: start-up, throughput, a monorepo and memory, as ratios within one run.

    pip install '.[bench]'          # raci-lint, check-jsonschema, yamllint
    python bench/run.py             # N = 100, 1,000, 10,000, 100,000
    python bench/run.py --sizes 100 1000 --repeat 5
    python bench/run.py --competitors-up-to 100000   # also time the slow tools at 100k
    python bench/run.py --only startup monorepo      # some of the tables

Prints Markdown tables. Every figure is the median CPU time (user + system,
of the measured process and its children) of --repeat runs, and the runs
that a ratio compares are interleaved (A B C, A B C, ...), so a burst of load
on a shared machine falls on all of them alike. Compare ratios measured in
the same run, never seconds across runs.

* start-up: `python -c pass`, `raci-lint --version`, `raci-lint check` of a
  20-component file; then where the import time of that check goes
  (`python -X importtime`, by top-level package);
* throughput: for each N, `raci-lint check` (the whole command, start-up
  included) against two floors timed inside one process with the garbage
  collector off: `yaml.compose` with libyaml's `CSafeLoader` (what merely
  parsing costs) and the events alone of the parser raci-lint builds its
  tree from (libyaml's, each event read and dropped); then check-jsonschema with the published
  schema, and yamllint; peak memory of one run;
* monorepo: 200 and 1,000 services, each with a small ownership file that
  includes one shared roster of 6,000 people, checked in one run, against
  one service alone;
* fixing: `check --fix` and `check --diff` against `check` on the
  10,000-component file, clean and with 5% of the kinds written in capitals
  (a safe fix each), the fixed file restored before each run.
"""

from __future__ import annotations

import argparse
import collections
import os
import platform
import resource
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

from generate import write_monorepo, write_repository  # noqa: E402

PYTHON = sys.executable
SCHEMA = ROOT / "schemas" / "raci.schema.json"
# The floors print the CPU seconds of the compose alone.
FLOOR_LIBYAML = (
    "import gc, sys, time, yaml; gc.disable(); data = open(sys.argv[1], 'rb').read(); "
    "t = time.process_time(); yaml.compose(data, Loader=yaml.CSafeLoader); "
    "print(time.process_time() - t)"
)
FLOOR_OURS = (
    "import gc, sys, time; from raci_lint.reading import loader; "
    "from yaml.events import StreamEndEvent as end; gc.disable(); "
    "data = open(sys.argv[1], 'rb').read(); text = data.decode(); "
    "t = time.process_time(); get = loader._parser(text, data, False).get_event; "
    "any(type(get()) is end for _ in iter(int, 1)); "
    "print(time.process_time() - t)"
)
PEAK = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)

Command = tuple[list[str], Path]


def tool(name: str) -> str | None:
    """A console script of this Python's environment, or one on the PATH."""
    local = Path(PYTHON).parent / name
    if local.exists():
        return str(local)
    return shutil.which(name)


def cpu_of(command: list[str], cwd: Path) -> float:
    """The CPU seconds (user + system) of one run of a command and its children."""
    return measure(command, cwd)[0]


def measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """The CPU seconds (user + system) and the wall seconds of one run of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: violations found, as measured
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr!r}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def floor_of(program: str, path: Path) -> float:
    """The CPU seconds a floor program prints for one file."""
    done = subprocess.run(
        [PYTHON, "-c", program, str(path)], capture_output=True, text=True, check=True
    )
    return float(done.stdout)


def interleaved(commands: dict[str, Command], repeat: int) -> dict[str, float]:
    """The median CPU seconds of each command, the runs taken in turn."""
    return {name: cpu for name, (cpu, _) in interleaved_both(commands, repeat).items()}


def interleaved_both(commands: dict[str, Command], repeat: int) -> dict[str, tuple[float, float]]:
    """The median CPU and wall seconds of each command, the runs taken in turn.

    A floor (a name starting with ``floor:``) is a program timing itself: its
    CPU seconds stand for both.
    """
    times: dict[str, list[tuple[float, float]]] = collections.defaultdict(list)
    for _ in range(repeat):
        for name, (command, cwd) in commands.items():
            if name.startswith("floor:"):
                seconds = floor_of(command[0], Path(command[1]))
                times[name].append((seconds, seconds))
            else:
                times[name].append(measure(command, cwd))
    return {
        name: (
            statistics.median(cpu for cpu, _ in values),
            statistics.median(wall for _, wall in values),
        )
        for name, values in times.items()
    }


def peak_mb(command: list[str], cwd: Path) -> float:
    """The peak resident memory of one run of a command, in MB (Linux: ru_maxrss in KB)."""
    result = subprocess.run(
        [PYTHON, "-c", PEAK, *command], cwd=cwd, capture_output=True, text=True, check=True
    )
    kilobytes = int(result.stdout.strip())
    return kilobytes / 1024 if sys.platform != "darwin" else kilobytes / 1024 / 1024


def git_repository(folder: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=folder, check=False)
    subprocess.run(["git", "add", "-A"], cwd=folder, check=False)


def startup(folder: Path, repeat: int) -> list[str]:
    raci_lint = tool("raci-lint")
    assert raci_lint, "raci-lint is not installed in this environment"
    small = write_repository(folder / "startup", 20)
    git_repository(small.parent)
    medians = interleaved_both(
        {
            "pass": ([PYTHON, "-c", "pass"], folder),
            "version": ([raci_lint, "--version"], folder),
            "check": ([raci_lint, "check", "raci.yaml"], small.parent),
        },
        repeat,
    )
    (cpu, wall) = medians["pass"]
    rows = [
        "| start-up | CPU | × `python -c pass` | wall | × `python -c pass` | target |",  # noqa: RUF001
        "|---|---:|---:|---:|---:|---:|",
        f"| `python -c pass` | {cpu * 1000:.0f} ms | 1.0 | {wall * 1000:.0f} ms | 1.0 | |",
    ]
    for name, label, target in (
        ("version", "`raci-lint --version`", "≤ 3"),
        ("check", "`raci-lint check` (20 components)", "≤ 6"),
    ):
        (own_cpu, own_wall) = medians[name]
        rows.append(
            f"| {label} | {own_cpu * 1000:.0f} ms | {own_cpu / cpu:.1f} "
            f"| {own_wall * 1000:.0f} ms | {own_wall / wall:.1f} | {target} |"
        )
    rows += [
        "",
        *import_table(small.parent, repeat),
    ]
    return rows


def import_table(folder: Path, repeat: int) -> list[str]:
    """Where the import time of a 20-component check goes, by top-level package."""
    program = "from raci_lint.cli import main; main(['check', 'raci.yaml'])"
    totals: dict[str, list[int]] = collections.defaultdict(list)
    for _ in range(repeat):
        done = subprocess.run(
            [PYTHON, "-X", "importtime", "-c", program],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
        run: collections.Counter[str] = collections.Counter()
        for line in done.stderr.splitlines():
            parts = line.split("|")
            if len(parts) != 3 or not parts[0].startswith("import time:"):
                continue
            try:
                own = int(parts[0].split(":")[1])
            except ValueError:
                continue  # the header line
            run[parts[2].strip().split(".")[0]] += own
        for name, microseconds in run.items():
            totals[name].append(microseconds)
    medians = {name: statistics.median(values) for name, values in totals.items()}
    whole = sum(medians.values()) or 1
    ours = {"raci_lint", "click", "yaml", "_yaml"}
    rows = [
        "| imported by a 20-component check | median | share |",
        "|---|---:|---:|",
    ]
    for name in sorted(ours & set(medians), key=lambda n: -medians[n]):
        rows.append(f"| `{name}` | {medians[name] / 1000:.1f} ms | {medians[name] / whole:.0%} |")
    rest = sum(value for name, value in medians.items() if name not in ours)
    rows.append(f"| the standard library | {rest / 1000:.1f} ms | {rest / whole:.0%} |")
    return rows


def throughput(folder: Path, sizes: list[int], repeat: int, competitors_up_to: int) -> list[str]:
    raci_lint = tool("raci-lint")
    assert raci_lint
    check_jsonschema = tool("check-jsonschema")
    yamllint = tool("yamllint")
    lines = [
        "| N | file | libyaml floor | libyaml events | raci-lint "
        "| ÷ libyaml floor | ÷ events | peak memory "
        "| check-jsonschema | ÷ raci-lint | yamllint | ÷ raci-lint |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for count in sizes:
        path = write_repository(folder / f"n{count}", count)
        git_repository(path.parent)
        # The largest size is repeated too: one run of it says little.
        runs = repeat if count <= 10_000 else max(3, repeat // 2)
        commands: dict[str, Command] = {
            "floor:libyaml": ([FLOOR_LIBYAML, str(path)], path.parent),
            "floor:ours": ([FLOOR_OURS, str(path)], path.parent),
            "raci-lint": ([raci_lint, "check", "raci.yaml"], path.parent),
        }
        if count <= competitors_up_to:
            if check_jsonschema:
                commands["check-jsonschema"] = (
                    [check_jsonschema, "--schemafile", str(SCHEMA), "raci.yaml"],
                    path.parent,
                )
            if yamllint:
                commands["yamllint"] = ([yamllint, "-d", "relaxed", "raci.yaml"], path.parent)
        medians = interleaved(commands, runs)
        memory = peak_mb([raci_lint, "check", "raci.yaml"], path.parent)
        ours, base, own = medians["raci-lint"], medians["floor:libyaml"], medians["floor:ours"]
        size = path.stat().st_size / 1024 / 1024
        row = (
            f"| {count:,} | {size:.1f} MB | {base:.2f} s | {own:.2f} s | {ours:.2f} s "
            f"| {ours / base:.2f} | {ours / own:.2f} | {memory:.0f} MB |"
        )
        for name in ("check-jsonschema", "yamllint"):
            if name not in medians:
                row += " — | — |"
                continue
            row += f" {medians[name]:.2f} s | {medians[name] / ours:.1f} |"
        lines.append(row)
        print(row, file=sys.stderr, flush=True)
    return lines


def monorepo(folder: Path, services: list[int], repeat: int) -> list[str]:
    raci_lint = tool("raci-lint")
    assert raci_lint
    lines = [
        "| services sharing one roster | all, one run | one service alone "
        "| ÷ one service | each more service | peak memory |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for count in services:
        top = write_monorepo(folder / f"mono{count}", count, people=6_000)
        git_repository(top)
        medians = interleaved(
            {
                "all": ([raci_lint, "check", "."], top),
                "one": ([raci_lint, "check", "services/service-0/raci.yaml"], top),
            },
            repeat,
        )
        memory = peak_mb([raci_lint, "check", "."], top)
        each = (medians["all"] - medians["one"]) / max(1, count - 1)
        row = (
            f"| {count:,} | {medians['all']:.2f} s | {medians['one']:.2f} s "
            f"| {medians['all'] / medians['one']:.1f} "
            f"| {each * 1000:.1f} ms | {memory:.0f} MB |"
        )
        lines.append(row)
        print(row, file=sys.stderr, flush=True)
    return lines


def bytecode_note(folder: Path) -> list[str]:
    """A warning when the installed raci_lint has no compiled bytecode to import.

    An editable install with PYTHONDONTWRITEBYTECODE set compiles every module
    at every start: the start-up figures would measure the compiler.
    """
    program = (
        "import importlib.util, os, raci_lint.cli.app as m; "
        "print(os.path.exists(importlib.util.cache_from_source(m.__file__)))"
    )
    # Run elsewhere than a checkout: `python -c` would import the checkout's modules.
    done = subprocess.run(
        [PYTHON, "-c", program], cwd=folder, capture_output=True, text=True, check=False
    )
    if done.stdout.strip() == "True":
        return []
    return [
        "Note: the installed raci_lint has no compiled bytecode (an editable install, or "
        "PYTHONDONTWRITEBYTECODE): start-up figures include compiling it. Use `pip install .`.",
        "",
    ]


def fixing(folder: Path, count: int, repeat: int) -> list[str]:
    """`check --fix` and `check --diff` against `check` of one file, clean and with fixable kinds."""
    raci_lint = tool("raci-lint")
    assert raci_lint
    lines = [
        f"| {count:,} components | `check` | `check --diff` | `check --fix` | --fix ÷ check |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, share in (("clean", 0.0), ("5% fixable kinds", 0.05)):
        path = write_repository(folder / f"fix-{share}", count, fixable=share)
        git_repository(path.parent)
        original = path.read_bytes()
        times: dict[str, list[float]] = collections.defaultdict(list)
        for _ in range(repeat):
            for name, extra in (("check", []), ("diff", ["--diff"]), ("fix", ["--fix"])):
                path.write_bytes(original)  # not timed: every run sees the same file
                times[name].append(cpu_of([raci_lint, "check", *extra, "raci.yaml"], path.parent))
        check, diff, fix = (statistics.median(times[name]) for name in ("check", "diff", "fix"))
        row = f"| {label} | {check:.2f} s | {diff:.2f} s | {fix:.2f} s | {fix / check:.2f} |"
        lines.append(row)
        print(row, file=sys.stderr, flush=True)
        path.write_bytes(original)
    return lines


def machine() -> str:
    cpus = os.cpu_count()
    return f"{platform.platform()}, Python {platform.python_version()}, {cpus} CPUs"


TABLES = ("startup", "throughput", "monorepo", "fixing")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000, 100_000])
    parser.add_argument("--services", type=int, nargs="+", default=[200, 1_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", nargs="+", choices=TABLES, default=list(TABLES))
    parser.add_argument("--fix-size", type=int, default=10_000)
    parser.add_argument(
        "--competitors-up-to",
        type=int,
        default=10_000,
        help="time check-jsonschema and yamllint up to this N (they take minutes beyond)",
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="raci-lint-bench-") as temporary:
        folder = Path(temporary)
        output = [f"Machine: {machine()}", "", *bytecode_note(folder)]
        if "startup" in arguments.only:
            output += [*startup(folder, max(arguments.repeat, 11)), ""]
        if "throughput" in arguments.only:
            output += throughput(
                folder, arguments.sizes, arguments.repeat, arguments.competitors_up_to
            )
            output += [""]
        if "monorepo" in arguments.only:
            output += monorepo(folder, arguments.services, max(3, arguments.repeat // 2))
            output += [""]
        if "fixing" in arguments.only:
            output += fixing(folder, arguments.fix_size, arguments.repeat)
    print("\n".join(output))


if __name__ == "__main__":
    main()
