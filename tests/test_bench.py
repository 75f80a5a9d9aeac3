"""The benchmark's generated repositories are what its tables say they are."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run

sys.path.insert(0, str(ROOT / "bench"))

from generate import write_monorepo


def test_the_monorepo_is_services_sharing_one_roster_and_lints_clean(tmp_path: Path) -> None:
    top = write_monorepo(tmp_path / "mono", 3, people=30)
    assert sorted(p.relative_to(top).as_posix() for p in top.rglob("raci.yaml")) == [
        "services/service-0/raci.yaml",
        "services/service-1/raci.yaml",
        "services/service-2/raci.yaml",
    ]
    for service in range(3):
        text = (top / f"services/service-{service}/raci.yaml").read_text()
        assert "include: [../../org/people.yaml]\n" in text
        assert text.count("    kind: ") == 5
    assert (top / "org/people.yaml").read_text().count("    name: Person ") == 30
    subprocess.run(["git", "init", "-q"], cwd=top, check=True)
    subprocess.run(["git", "add", "-A"], cwd=top, check=True)
    result = run(["check", "."], cwd=top)
    assert (result.returncode, result.stdout) == (0, "All checks passed: 3 files checked.\n")


def test_the_benchmark_runs_its_tables(tmp_path: Path) -> None:
    """A tiny run of every table: the script works and prints its headers."""
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--sizes",
            "20",
            "--services",
            "2",
            "--repeat",
            "1",
            "--only",
            "throughput",
            "monorepo",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("| N | file | libyaml floor | libyaml events |") for line in lines)
    assert any(line.startswith("| 20 | ") for line in lines)
    assert any(line.startswith("| services sharing one roster |") for line in lines)
    assert any(line.startswith("| 2 | ") for line in lines)


def test_the_diff_benchmark_runs_its_table(tmp_path: Path) -> None:
    """A tiny run of bench/diff.py: two revisions, and every command it times succeeds."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "diff.py"), "--sizes", "20", "--repeat", "1"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("| N | `check` | `diff HEAD~1 HEAD` | ÷ check |") for line in lines)
    assert any(line.startswith("| 20 | ") for line in lines)


def test_the_comparison_runs_both_installs_in_turn(tmp_path: Path) -> None:
    """A tiny comparison of the installed raci-lint with itself: one row per case."""
    program = str(Path(sys.executable).parent / "raci-lint")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "compare.py"),
            program,
            program,
            "--sizes",
            "30",
            "--services",
            "2",
            "--repeat",
            "1",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "| case | before | after | after ÷ before | peak before | peak after | ÷ |"
    assert [line.split(" | ")[0] for line in lines[2:]] == [
        "| check, 20 components",
        "| check, 30 components",
        "| check, 2 services, one roster",
    ]
