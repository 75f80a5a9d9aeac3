"""What raci-lint reads because a repository file names it stays inside the repository,
and what it quotes of a file that is not what its role expects is a short excerpt."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLEAN, run


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".git").mkdir()
    (root / "raci.yaml").write_text(CLEAN)
    return root


@pytest.mark.parametrize("named", ["/etc/passwd", "../outside.yaml"])
def test_a_configured_taxonomy_outside_the_repository_is_never_read(repo: Path, named: str) -> None:
    (repo.parent / "outside.yaml").write_text("root: x:0:0:root:/root:/bin/bash\n")
    (repo / ".raci-lint.yaml").write_text(f"taxonomy: {named}\n")
    result = run(["check", "raci.yaml"], repo)
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("raci-lint: error: .raci-lint.yaml: taxonomy '")
    assert line.endswith(
        "' leaves the repository root (.); name a file inside it, or pass --taxonomy"
    )
    assert "root:" not in result.stderr and "/bin/bash" not in result.stderr


def test_a_taxonomy_named_on_the_command_line_may_be_anywhere(repo: Path) -> None:
    (repo.parent / "shared-taxonomy.yaml").write_text("extends: default\n")
    result = run(["check", "--taxonomy", "../shared-taxonomy.yaml", "raci.yaml"], repo)
    assert (result.returncode, result.stderr) == (0, "")


def test_a_file_that_is_no_taxonomy_is_quoted_briefly(repo: Path) -> None:
    secrets = "".join(f"AWS_SECRET_KEY_{i}_{'x' * 60}: value{i}\n" for i in range(30))
    (repo / "notes.yaml").write_text(secrets)
    (repo / ".raci-lint.yaml").write_text("taxonomy: notes.yaml\n")
    result = run(["check", "raci.yaml"], repo)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 21
    assert lines[0] == (
        "raci-lint: error: notes.yaml:1:1: unknown key 'AWS_SECRET_KEY_0_xxxxxxxxxxxxxxxxxxxx...'"
        " in the top level; expected one of: disciplines, extends, kinds, sources, tags, version "
        "(keys starting with x- are free)"
    )
    assert lines[-1] == (
        "raci-lint: error: notes.yaml: 10 more problems not shown; is it a taxonomy file?"
    )
    assert "value" not in result.stderr


@pytest.mark.parametrize("kind", ["roster", "configuration", "taxonomy"])
def test_check_never_writes_its_report_over_a_file_it_reads(repo: Path, kind: str) -> None:
    (repo / "people.yaml").write_text(
        "version: 1\npeople:\n  bob: {disciplines: [data-engineer]}\n"
    )
    (repo / "raci.yaml").write_text(
        CLEAN.replace("version: 1\n", "version: 1\ninclude: [people.yaml]\n")
    )
    (repo / "taxonomy.yaml").write_text("extends: default\n")
    (repo / ".raci-lint.yaml").write_text("taxonomy: taxonomy.yaml\n")
    target = {
        "roster": "people.yaml",
        "configuration": ".raci-lint.yaml",
        "taxonomy": "taxonomy.yaml",
    }[kind]
    before = (repo / target).read_text()
    for option in ("--output", "--write-baseline"):
        result = run(["check", option, target, "raci.yaml"], repo)
        assert result.returncode == 2, result.stdout + result.stderr
        assert result.stderr == (
            f"raci-lint: error: {target} is a roster, configuration or taxonomy this run reads: "
            "refusing to write over it (name another file)\n"
        )
    assert (repo / target).read_text() == before


def test_a_discovered_link_to_a_file_outside_is_never_read(repo: Path) -> None:
    secret = repo.parent / "secret.yaml"
    secret.write_text("aws_secret_key: AKIAEXAMPLESECRET123\n")
    (repo / "team").mkdir()
    (repo / "team" / "raci.yaml").symlink_to(secret)
    (repo / "passwd.raci.yaml").symlink_to("/etc/passwd")
    result = run(["check", "-f", "concise", "."], repo)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "raci-lint: error: passwd.raci.yaml: leaves the repository root (.); raci-lint reads "
        "no file outside it",
        "raci-lint: error: team/raci.yaml: leaves the repository root (.); raci-lint reads no "
        "file outside it",
    ]
    assert "AKIA" not in result.stdout + result.stderr and "root:" not in result.stdout
    assert result.stdout == "All checks passed: 1 file checked.\n"


def test_a_configuration_linked_outside_is_never_read(repo: Path) -> None:
    secret = repo.parent / "secret.yaml"
    secret.write_text("".join(f"key_{i}_{'s' * 90}: v\n" for i in range(200)))
    (repo / ".raci-lint.yaml").symlink_to(secret)
    result = run(["check", "raci.yaml"], repo)
    assert result.returncode == 2
    assert result.stderr == (
        "raci-lint: error: .raci-lint.yaml: the configuration leaves the repository root (.); "
        "raci-lint reads no file outside it\n"
    )


def test_a_file_that_is_no_configuration_is_quoted_briefly(repo: Path) -> None:
    (repo / ".raci-lint.yaml").write_text("".join(f"key_{i}_{'s' * 90}: v\n" for i in range(200)))
    result = run(["check", "raci.yaml"], repo)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 21
    assert lines[0] == (f"raci-lint: error: .raci-lint.yaml:1:1: unknown key 'key_0_{'s' * 31}...'")
    assert lines[-1] == (
        "raci-lint: error: .raci-lint.yaml: 180 more problems not shown; "
        "is it a raci-lint configuration?"
    )


def test_a_sparse_taxonomy_of_3_gb_is_refused_unread(repo: Path) -> None:
    with open(repo / "taxonomy.yaml", "wb") as handle:
        handle.truncate(3 * 1024**3)
    (repo / ".raci-lint.yaml").write_text("taxonomy: taxonomy.yaml\n")
    result = run(["check", "raci.yaml"], repo)
    assert result.returncode == 2
    assert result.stderr == (
        "raci-lint: error: taxonomy.yaml: the file is over the limit of 67108864 bytes (SYN005)\n"
    )


def test_an_integer_too_long_for_python_is_one_line(repo: Path) -> None:
    digits = "9" * 5000
    (repo / "pyproject.toml").write_text(
        f'[project]\nname = "x"\nv = {digits}\n[tool.raci-lint]\nignore = []\n'
    )
    result = run(["check", "raci.yaml"], repo)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("raci-lint: error: pyproject.toml: invalid TOML: Exceeds the limit")
    (repo / "pyproject.toml").unlink()
    (repo / "baseline.json").write_text('{"raci-lint-baseline": ' + digits + "}")
    result = run(["check", "--baseline", "baseline.json", "raci.yaml"], repo)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(
        "raci-lint: error: baseline.json: not a raci-lint baseline: Exceeds the limit"
    )


def test_owned_roots_outside_the_repository_are_ignored(repo: Path) -> None:
    (repo.parent / "elsewhere").mkdir()
    (repo.parent / "elsewhere" / "secret.txt").write_text("x")
    (repo / "services").mkdir()
    (repo / "services" / "a.py").write_text("")
    (repo / ".raci-lint.yaml").write_text('owned-roots: ["../elsewhere", "/", "services"]\n')
    result = run(["check", "-f", "concise", "--extend-select", "PATH003", "raci.yaml"], repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "services/a.py:1:1: PATH003 [info] file 'services/a.py' is under owned root 'services' "
        "but no component matches it (unowned-file)",
        "Found 1 info in 1 file.",
    ]


def test_an_include_of_a_file_that_is_no_roster_quotes_none_of_it(repo: Path) -> None:
    # A CI job wrote .env in the checkout; a pull request includes it.
    (repo / ".env").write_text("GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n")
    (repo / "raci.yaml").write_text(CLEAN.replace("version: 1\n", "version: 1\ninclude: [.env]\n"))
    result = run(["check", "-f", "concise", "raci.yaml"], repo)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        ".env:1:1: SYN002 [error] the included file must hold a mapping (version, people, "
        "teams), not text (schema-violation)"
    )
    assert "ghp_" not in result.stdout + result.stderr
    assert "GITHUB_TOKEN" not in result.stdout + result.stderr
