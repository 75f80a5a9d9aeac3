"""Baselines: adopt raci-lint on a messy file, then only new violations fail."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import run

from raci_lint.reading.loader import Limits

MESSY = textwrap.dedent(
    """\
    version: 1
    people:
      alice: {disciplines: [data-engineer]}
    components:
      ingest:
        kind: ingestion
        raci: {responsible: [alice]}
      load:
        kind: ingestion
        raci: {responsible: [alice], accountable: bob}
    """
)


def test_write_then_check_with_the_baseline(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text(MESSY)
    written = run(["check", "--write-baseline", "baseline.json"], tmp_path)
    assert (written.returncode, written.stdout) == (0, "Wrote 2 violations to baseline.json.\n")
    data = json.loads((tmp_path / "baseline.json").read_text())
    assert data["raci-lint-baseline"] == 1
    assert sorted(entry["code"] for entry in data["violations"]) == ["RACI001", "REF001"]
    assert all("line" not in entry for entry in data["violations"])
    result = run(["check", "--baseline", "baseline.json"], tmp_path)
    assert result.returncode == 0
    assert result.stdout == (
        "All checks passed: 1 file checked. 2 violations held by the baseline.\n"
    )


def test_inserting_lines_above_keeps_violations_baselined(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text(MESSY)
    run(["check", "--write-baseline", "baseline.json"], tmp_path)
    moved = MESSY.replace(
        "people:\n", "# A comment\n# and another\npeople:\n  zoe: {disciplines: [data-engineer]}\n"
    ).replace("raci: {responsible: [alice]}", "raci: {responsible: [alice, zoe]}")
    (tmp_path / "raci.yaml").write_text(moved)
    result = run(["check", "--baseline", "baseline.json"], tmp_path)
    assert result.returncode == 0, result.stdout


def test_a_new_violation_still_fails(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text(MESSY)
    run(["check", "--write-baseline", "baseline.json"], tmp_path)
    (tmp_path / "raci.yaml").write_text(MESSY.replace("accountable: bob", "accountable: carol"))
    result = run(["check", "-f", "concise", "--baseline", "baseline.json"], tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "raci.yaml:10:47: REF001 [error] component 'load' names 'carol' as Accountable, but no "
        "person or team has that id (unknown-reference)",
        "Found 1 error in 1 file. 1 violation held by the baseline. 1 baseline entry no longer "
        "occurs: shrink the baseline with --write-baseline.",
    ]


def test_fixed_violations_are_counted_as_stale(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text(MESSY)
    run(["check", "--write-baseline", "baseline.json"], tmp_path)
    (tmp_path / "raci.yaml").write_text(
        MESSY.replace(
            "raci: {responsible: [alice]}", "raci: {responsible: [alice], accountable: alice}"
        )
    )
    result = run(["check", "--baseline", "baseline.json"], tmp_path)
    assert result.returncode == 0
    assert result.stdout == (
        "All checks passed: 1 file checked. 1 violation held by the baseline. 1 baseline entry "
        "no longer occurs: shrink the baseline with --write-baseline.\n"
    )


def test_missing_or_invalid_baseline_exits_2(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text(MESSY)
    missing = run(["check", "--baseline", "nope.json"], tmp_path)
    assert missing.returncode == 2
    assert missing.stderr == (
        "raci-lint: error: nope.json: no such baseline file (create it with --write-baseline)\n"
    )
    (tmp_path / "bad.json").write_text("{not json")
    invalid = run(["check", "--baseline", "bad.json"], tmp_path)
    assert invalid.returncode == 2
    assert invalid.stderr.startswith(
        "raci-lint: error: bad.json:1:2: the baseline is not valid JSON"
    )
    (tmp_path / "other.json").write_text("[]")
    other = run(["check", "--baseline", "other.json"], tmp_path)
    assert other.stderr == (
        "raci-lint: error: other.json: not a raci-lint baseline (expected the output of "
        "--write-baseline)\n"
    )


def test_rewriting_the_baseline_it_reads_keeps_the_entries_it_held(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text(MESSY)
    run(["check", "--write-baseline", "baseline.json"], tmp_path)
    (tmp_path / "raci.yaml").write_text(MESSY.replace("accountable: bob", "accountable: carol"))
    rewritten = run(
        ["check", "--baseline", "baseline.json", "--write-baseline", "baseline.json"], tmp_path
    )
    assert (rewritten.returncode, rewritten.stdout) == (0, "Wrote 2 violations to baseline.json.\n")
    data = json.loads((tmp_path / "baseline.json").read_text())
    assert sorted((entry["code"], entry["subject"]) for entry in data["violations"]) == [
        ("RACI001", "ingest"),
        ("REF001", "load"),
    ]
    assert "'carol'" in max(entry["message"] for entry in data["violations"])
    result = run(["check", "--baseline", "baseline.json"], tmp_path)
    assert (result.returncode, result.stderr) == (0, "")


def refused(tmp_path: Path) -> tuple[int, str, str]:
    (tmp_path / "raci.yaml").write_text(MESSY)
    result = run(["check", "--baseline", "baseline.json"], tmp_path)
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize("size", [Limits().max_file_size + 1, 3 * 2**30])
def test_a_baseline_over_the_size_limit_is_refused_unread(tmp_path: Path, size: int) -> None:
    with open(tmp_path / "baseline.json", "wb") as handle:
        handle.truncate(size)  # sparse: no room on disk, all of it zeros
    assert refused(tmp_path) == (
        2,
        "",
        "raci-lint: error: baseline.json: the file is over the limit of "
        f"{Limits().max_file_size} bytes (SYN005)\n",
    )


@pytest.mark.parametrize(
    "text",
    [
        "[" * 1_000_000,
        '{"raci-lint-baseline": 1, "violations": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"a": ' * 100_000 + "1" + "}" * 100_000,
    ],
    ids=["unclosed-arrays", "deep-violations", "deep-objects"],
)
def test_a_baseline_nested_too_deeply_is_not_a_baseline(tmp_path: Path, text: str) -> None:
    (tmp_path / "baseline.json").write_text(text)
    assert refused(tmp_path) == (
        2,
        "",
        "raci-lint: error: baseline.json: not a raci-lint baseline: the JSON is nested too "
        "deeply (a baseline nests 3 levels)\n",
    )


def test_a_baseline_holds_from_any_folder_of_the_repository(tmp_path: Path) -> None:
    from conftest import BROKEN, run

    (tmp_path / ".git").mkdir()
    service = tmp_path / "services" / "churn"
    service.mkdir(parents=True)
    (service / "raci.yaml").write_text(BROKEN)
    written = run(["check", "--write-baseline", "baseline.json", "services/churn"], tmp_path)
    assert (written.returncode, written.stdout) == (0, "Wrote 2 violations to baseline.json.\n")
    held = run(["check", "-f", "concise", "--baseline", "../../baseline.json", "."], service)
    assert held.returncode == 0, held.stdout + held.stderr
    assert "RACI001" not in held.stdout and "RACI005" not in held.stdout
