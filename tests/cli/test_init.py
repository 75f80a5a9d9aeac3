"""`raci-lint init`: a starter that passes and teaches; never overwrites."""

from __future__ import annotations

from pathlib import Path

from conftest import run


def test_init_writes_a_starter_that_passes_check(tmp_path: Path) -> None:
    result = run(["init"], tmp_path)
    assert (result.returncode, result.stdout) == (
        0,
        "Wrote raci.yaml. Edit it, then run `raci-lint check raci.yaml`.\n",
    )
    text = (tmp_path / "raci.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    for lesson in ("responsible", "accountable", "consulted", "informed", "disciplines", "kind"):
        assert f"#   {lesson}" in text or f"# `{lesson}`" in text or lesson in text
    checked = run(["check"], tmp_path)
    assert (checked.returncode, checked.stdout) == (0, "All checks passed: 1 file checked.\n")


def test_init_into_a_folder(tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    result = run(["init", "team"], tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "team" / "raci.yaml").is_file()


def test_init_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text("mine\n")
    result = run(["init"], tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "raci-lint: error: raci.yaml already exists; raci-lint init never overwrites a file\n"
    )
    assert (tmp_path / "raci.yaml").read_text() == "mine\n"
