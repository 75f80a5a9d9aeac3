"""What raci-lint writes: inside the repository or named on the command line, never
through a link, never over a file it reads, never a line a file name smuggled in."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from conftest import CLEAN, run

OWNED = textwrap.dedent(
    """\
    version: 1
    people:
      chen: {disciplines: [data-engineer], github: chenwei}
    components:
      ingest:
        kind: ingestion
        paths: ["pipelines/**"]
        raci: {responsible: [chen], accountable: chen}
    """
)
BLOCK_LINE = "pipelines/** @chenwei"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".git").mkdir()
    (root / "raci.yaml").write_text(OWNED)
    return root


def test_a_file_name_cannot_add_a_codeowners_rule(repo: Path) -> None:
    # The name holds line breaks: written raw, `* @attacker` would become a rule.
    (repo / "raci.yaml").rename(repo / "x\n* @attacker\n\x1b[31m#.raci.yaml")
    result = run(["codeowners", "--write"], repo)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    written = (repo / ".github" / "CODEOWNERS").read_text()
    lines = written.splitlines()
    assert "* @attacker" not in lines
    assert "# x\\n* @attacker\\n\\x1b[31m#.raci.yaml" in lines
    assert [line for line in lines if not line.startswith("#") and line] == [BLOCK_LINE]
    assert "\x1b" not in result.stdout and "\n* @attacker" not in result.stdout


@pytest.mark.parametrize("configured", ["../outside/target.txt", "/tmp/raci-lint-outside-target"])
def test_the_configured_codeowners_path_must_stay_inside_the_repository(
    repo: Path, configured: str
) -> None:
    (repo.parent / "outside").mkdir(exist_ok=True)
    (repo / ".raci-lint.yaml").write_text(f"codeowners: {configured}\n")
    for option in ("--write", "--check"):
        result = run(["codeowners", option], repo)
        assert result.returncode == 2, result.stdout + result.stderr
        assert result.stderr.startswith("raci-lint: error: ")
        assert "the CODEOWNERS file leaves the repository root" in result.stderr
        assert result.stderr.count("\n") == 1
    assert not (repo.parent / "outside" / "target.txt").exists()
    assert not Path("/tmp/raci-lint-outside-target").exists()


def test_path004_reads_no_configured_codeowners_outside_the_repository(repo: Path) -> None:
    outside = repo.parent / "secret.txt"
    outside.write_text("# BEGIN raci-lint\nsecret\n# END raci-lint\n")
    (repo / ".raci-lint.yaml").write_text("codeowners: ../secret.txt\n")
    result = run(["check", "-f", "concise", "--select", "PATH004", "raci.yaml"], repo)
    assert result.returncode == 1
    shown = (repo / "../secret.txt").as_posix()
    assert result.stdout.splitlines()[0] == (
        f"{shown}:1:1: PATH004 [error] {shown} cannot be read "
        "(leaves the repository root); make it readable to check its block "
        "(codeowners-out-of-date)"
    )
    assert "secret\n" not in result.stdout


def test_a_codeowners_link_is_never_written_through(repo: Path) -> None:
    victim = repo.parent / "victim.sh"
    victim.write_text("echo safe\n")
    (repo / "CODEOWNERS").symlink_to(victim)
    (repo / "inside.txt").write_text("")
    (repo / "named-link").symlink_to("inside.txt")
    found = run(["codeowners", "--write"], repo)
    assert found.returncode == 2, found.stdout + found.stderr
    assert found.stderr == (
        "raci-lint: error: CODEOWNERS: the CODEOWNERS file leaves the repository root (.); "
        "raci-lint reads and writes none outside it\n"
    )
    named = run(["codeowners", "raci.yaml", "--write=named-link"], repo)
    assert named.returncode == 2
    assert named.stderr == (
        "raci-lint: error: named-link is a symbolic link; raci-lint never writes through one\n"
    )
    assert victim.read_text() == "echo safe\n"
    assert (repo / "inside.txt").read_text() == ""


def test_a_codeowners_folder_linked_outside_is_not_written_into(repo: Path) -> None:
    outside = repo.parent / "dotfiles"
    outside.mkdir()
    (repo / ".github").symlink_to(outside)
    (outside / "CODEOWNERS").write_text("* @keep\n")
    result = run(["codeowners", "--write"], repo)
    assert result.returncode == 2
    assert "leaves the repository root" in result.stderr
    assert (outside / "CODEOWNERS").read_text() == "* @keep\n"


@pytest.mark.parametrize("option", ["--write", "--check"])
def test_an_ownership_file_is_never_taken_for_codeowners(repo: Path, option: str) -> None:
    # `--write` takes an optional value: `--write raci.yaml` names raci.yaml as the target.
    result = run(["codeowners", option, "raci.yaml"], repo)
    assert result.returncode == 2
    assert result.stderr == (
        "raci-lint: error: raci.yaml is one of the files this run reads (an ownership file, "
        f"roster, configuration or taxonomy), not a CODEOWNERS file; name the CODEOWNERS file "
        f"with `{option} PATH` or `{option}=PATH`, after the ownership files\n"
    )
    assert (repo / "raci.yaml").read_text() == OWNED


def test_a_roster_or_a_configuration_is_never_taken_for_codeowners(repo: Path) -> None:
    (repo / "people.yaml").write_text(
        "version: 1\npeople:\n  dora: {disciplines: [data-engineer]}\n"
    )
    (repo / "raci.yaml").write_text(
        OWNED.replace("version: 1\n", "version: 1\ninclude: [people.yaml]\n")
    )
    (repo / ".raci-lint.yaml").write_text("fail-on: error\n")
    for target in ("people.yaml", ".raci-lint.yaml"):
        result = run(["codeowners", "raci.yaml", f"--write={target}"], repo)
        assert result.returncode == 2, target
        assert "is one of the files this run reads" in result.stderr
    assert (repo / ".raci-lint.yaml").read_text() == "fail-on: error\n"


def test_a_stray_begin_line_never_deletes_hand_written_rules(repo: Path) -> None:
    codeowners = repo / "CODEOWNERS"
    hand = "# BEGIN raci-lint\n/docs/ @writers\n/infra/ @ops\n"
    codeowners.write_text(hand)
    result = run(["codeowners", "--write"], repo)
    assert result.returncode == 2
    assert result.stderr == (
        "raci-lint: error: CODEOWNERS: `# BEGIN raci-lint` at line 1 has no "
        "`# END raci-lint` after it; fix the markers by hand, then write the block again\n"
    )
    assert codeowners.read_text() == hand
    check = run(["codeowners", "--check"], repo)
    assert check.returncode == 1
    assert check.stdout == (
        "CODEOWNERS: `# BEGIN raci-lint` at line 1 has no `# END raci-lint` after it; "
        "fix the markers by hand.\n"
    )


def test_the_check_diff_shows_the_file_s_controls_as_escapes(repo: Path) -> None:
    (repo / "CODEOWNERS").write_text("# BEGIN raci-lint\n/x \x1b]0;pwned\x07 @a\n# END raci-lint\n")
    result = run(["codeowners", "--check"], repo)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "-/x \\x1b]0;pwned\\x07 @a" in result.stdout.splitlines()


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("docs\\\\", "ends with a backslash, which would hide its owners"),
        ("a\\u0085b", "holds a line break or a control character"),
        ("a\\u202eb", "holds a line break or a control character"),
    ],
)
def test_patterns_codeowners_would_misread_are_left_out(repo: Path, pattern: str, why: str) -> None:
    (repo / "raci.yaml").write_text(OWNED.replace('"pipelines/**"', f'"pipelines/**", "{pattern}"'))
    result = run(["codeowners"], repo)
    assert result.returncode == 0
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    assert lines == [BLOCK_LINE]
    assert why in result.stderr


def test_a_symlink_output_of_import_never_creates_its_target(tmp_path: Path) -> None:
    (tmp_path / "sheet.csv").write_text("component,Jane\ningest,R\n")
    (tmp_path / "out.yaml").symlink_to(tmp_path / "created-elsewhere.yaml")
    result = run(["import", "--from", "csv", "sheet.csv", "-o", "out.yaml"], tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "raci-lint: error: out.yaml already exists; use --force to overwrite it\n"
    )
    assert not (tmp_path / "created-elsewhere.yaml").exists()
    forced = run(["import", "--from", "csv", "sheet.csv", "-o", "out.yaml", "--force"], tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert not (tmp_path / "out.yaml").is_symlink()
    assert not (tmp_path / "created-elsewhere.yaml").exists()


def test_a_baseline_link_is_replaced_not_followed(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text(CLEAN)
    victim = tmp_path / "victim"
    victim.write_text("keep\n")
    (tmp_path / "baseline.json").symlink_to(victim)
    result = run(["check", "--write-baseline", "baseline.json", "raci.yaml"], tmp_path)
    assert (result.returncode, result.stdout) == (0, "Wrote 0 violations to baseline.json.\n")
    assert victim.read_text() == "keep\n"
    assert not (tmp_path / "baseline.json").is_symlink()


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="no /dev/stdout here")
def test_output_to_dev_stdout_still_writes_the_stream(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text(CLEAN)
    result = run(["check", "-f", "concise", "-o", "/dev/stdout", "raci.yaml"], tmp_path)
    assert (result.returncode, result.stdout) == (0, "All checks passed: 1 file checked.\n")


def test_path004_names_markers_that_do_not_pair_up(repo: Path) -> None:
    (repo / "CODEOWNERS").write_text("/docs/ @writers\n# BEGIN raci-lint\n/infra/ @ops\n")
    result = run(["check", "-f", "concise", "--select", "PATH004", "raci.yaml"], repo)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "CODEOWNERS:1:1: PATH004 [error] the raci-lint block of CODEOWNERS is broken: "
        "`# BEGIN raci-lint` at line 2 has no `# END raci-lint` after it; fix the markers "
        "by hand (codeowners-out-of-date)",
        "Found 1 error in 1 file.",
    ]


@pytest.mark.parametrize("configured", [".git/config", ".git/hooks/pre-commit", "docs/../.git/x"])
def test_the_configured_codeowners_file_is_never_inside_git(repo: Path, configured: str) -> None:
    # A block appended to .git/config (core.fsmonitor) or a hook runs on the next git command.
    (repo / ".git" / "hooks").mkdir()
    (repo / ".git" / "config").write_text("[core]\n")
    (repo / ".git" / "hooks" / "pre-commit").write_text("#!/bin/sh\n")
    (repo / "setup.sh").write_text("echo hi\n")
    before = {
        name: (repo / name).read_text()
        for name in (".git/config", ".git/hooks/pre-commit", "setup.sh")
    }
    (repo / ".raci-lint.yaml").write_text(f"codeowners: {configured}\n")
    for option in ("--write", "--check"):
        result = run(["codeowners", option], repo)
        assert result.returncode == 2
        shown = configured.replace("docs/../", "")  # the configuration's paths are normalised
        assert result.stderr == (
            f"raci-lint: error: {shown}: the CODEOWNERS file may not be inside .git, "
            "whose files git runs or obeys; name another with --write PATH\n"
        )
    assert {name: (repo / name).read_text() for name in before} == before


def test_hidden_line_breaks_never_make_a_marker(repo: Path) -> None:
    # GitHub ends lines at \n only: \x1c, NEL or U+2028 before a marker leave it inside a line.
    codeowners = repo / ".github" / "CODEOWNERS"
    codeowners.parent.mkdir()
    hand = (
        "# Owners.\x1c# BEGIN raci-lint\n/secure/** @acme/security\n"
        "/infra/** @acme/infra\n# END raci-lint\n"
    )
    codeowners.write_text(hand)
    result = run(["codeowners", "--write"], repo)
    assert result.returncode == 2
    assert result.stderr == (
        "raci-lint: error: .github/CODEOWNERS: `# END raci-lint` at line 4 has no "
        "`# BEGIN raci-lint` before it; fix the markers by hand, then write the block again\n"
    )
    assert codeowners.read_text() == hand


def test_a_folder_link_in_the_path_is_never_written_through(repo: Path) -> None:
    outside = repo.parent / "outside"
    outside.mkdir()
    (repo / "reports").symlink_to(outside)
    for option in ("--output", "--write-baseline"):
        result = run(["check", option, "reports/out.json", "raci.yaml"], repo)
        assert result.returncode == 2, result.stdout + result.stderr
        what = "report" if option == "--output" else "baseline"
        assert result.stderr == (
            f"raci-lint: error: reports/out.json: cannot write the {what}: a folder of the "
            "path, reports, is a symbolic link; raci-lint never writes through one\n"
        )
    assert list(outside.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_relative_link_to_a_stream_is_replaced_not_written_through(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text(CLEAN)
    outside = tmp_path / "outside"
    outside.mkdir()
    os.mkfifo(outside / "pipe")
    (tmp_path / "report.txt").symlink_to("outside/pipe")
    result = run(["check", "-f", "concise", "-o", "report.txt", "raci.yaml"], tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert not (tmp_path / "report.txt").is_symlink()
    assert (outside / "pipe").is_fifo()
