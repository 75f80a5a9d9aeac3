"""Configuration files, their discovery and validation, and exit control."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import BROKEN, ROOT, run

from raci_lint.rules import all_rules
from raci_lint.settings.config import config_schema


def codes(result_stdout: str) -> list[str]:
    return [item["code"] for item in json.loads(result_stdout)]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "raci.yaml").write_text(BROKEN)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def test_raci_lint_yaml_is_found(repo: Path) -> None:
    write(repo / ".raci-lint.yaml", "ignore: [RACI005]\n")
    assert codes(run(["check", "-f", "json"], repo).stdout) == ["RACI001"]


def test_raci_lint_yml_is_found(repo: Path) -> None:
    write(repo / ".raci-lint.yml", "ignore: [RACI001]\n")
    assert codes(run(["check", "-f", "json"], repo).stdout) == ["RACI005"]


def test_pyproject_section_is_found(repo: Path) -> None:
    write(
        repo / "pyproject.toml", '[project]\nname = "x"\n\n[tool.raci-lint]\nignore = ["RACI005"]\n'
    )
    assert codes(run(["check", "-f", "json"], repo).stdout) == ["RACI001"]


def test_pyproject_without_section_is_skipped_for_a_higher_config(repo: Path) -> None:
    write(repo / ".raci-lint.yaml", "ignore: [RACI005]\n")
    (repo / "team").mkdir()
    (repo / "team" / "raci.yaml").write_text(BROKEN)
    write(repo / "team" / "pyproject.toml", '[project]\nname = "x"\n')
    result = run(["check", "-f", "json", "team/raci.yaml"], repo)
    assert codes(result.stdout) == ["RACI001"]


def test_nearest_configuration_wins(repo: Path) -> None:
    write(repo / ".raci-lint.yaml", "ignore: [RACI005]\n")
    write(repo / "team" / ".raci-lint.yaml", "ignore: [RACI001]\n")
    (repo / "team" / "raci.yaml").write_text(BROKEN)
    data = json.loads(run(["check", "-f", "json"], repo).stdout)
    assert sorted((item["path"], item["code"]) for item in data) == [
        ("raci.yaml", "RACI001"),
        ("team/raci.yaml", "RACI005"),
    ]


def test_discovery_stops_at_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path / ".raci-lint.yaml", "ignore: [RACI]\n")
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / "raci.yaml").write_text(BROKEN)
    assert codes(run(["check", "-f", "json"], project).stdout) == ["RACI001", "RACI005"]


def test_config_option_applies_to_every_file(repo: Path) -> None:
    write(repo / ".raci-lint.yaml", "ignore: [RACI005]\n")
    other = write(repo / "elsewhere" / "strict.yaml", "ignore: [RACI001]\n")
    result = run(["check", "-f", "json", "--config", str(other)], repo)
    assert codes(result.stdout) == ["RACI005"]


def test_isolated_ignores_configuration(repo: Path) -> None:
    write(repo / ".raci-lint.yaml", "ignore: [RACI]\n")
    assert codes(run(["check", "-f", "json", "--isolated"], repo).stdout) == ["RACI001", "RACI005"]


def test_command_line_beats_the_file(repo: Path) -> None:
    write(repo / ".raci-lint.yaml", "select: [RACI001]\n")
    assert codes(run(["check", "-f", "json"], repo).stdout) == ["RACI001"]
    result = run(["check", "-f", "json", "--select", "RACI005"], repo)
    assert codes(result.stdout) == ["RACI005"]


def test_extend_select_enables_opt_in_rules(repo: Path) -> None:
    (repo / "raci.yaml").write_text(
        BROKEN.replace("informed: [alice]", "accountable: alice")
        .replace("kind: ingestion", "kind: deployment")
        .replace("data-engineer", "ml-engineer")
    )
    assert codes(run(["check", "-f", "json"], repo).stdout) == []
    write(repo / ".raci-lint.yaml", "extend-select: [TAX002]\n")
    assert codes(run(["check", "-f", "json"], repo).stdout) == ["TAX002"]


def test_per_file_ignores(repo: Path) -> None:
    write(repo / ".raci-lint.yaml", "per-file-ignores:\n  'legacy/**': [RACI001]\n")
    write(repo / "legacy" / "old" / "raci.yaml", BROKEN)
    data = json.loads(run(["check", "-f", "json"], repo).stdout)
    assert sorted((item["path"], item["code"]) for item in data) == [
        ("legacy/old/raci.yaml", "RACI005"),
        ("raci.yaml", "RACI001"),
        ("raci.yaml", "RACI005"),
    ]


def test_rule_severity_and_off(repo: Path) -> None:
    write(
        repo / ".raci-lint.yaml",
        "rules:\n  RACI001: {severity: warning}\n  RACI005: {severity: off}\n",
    )
    data = json.loads(run(["check", "-f", "json"], repo).stdout)
    assert [(item["code"], item["severity"]) for item in data] == [("RACI001", "warning")]
    # A warning does not fail the run by default.
    assert run(["check"], repo).returncode == 0


def test_rule_options(repo: Path) -> None:
    (repo / "raci.yaml").write_text(
        BROKEN.replace(
            "{responsible: [alice], informed: [alice]}",
            "{responsible: [alice, bob, carol], accountable: alice}",
        ).replace(
            "  alice: {disciplines: [data-engineer]}",
            "  alice: {disciplines: [data-engineer]}\n  bob: {}\n  carol: {}",
        )
    )
    assert codes(run(["check", "-f", "json"], repo).stdout) == []
    write(repo / ".raci-lint.yaml", "rules:\n  RACI006: {max: 2}\n")
    data = json.loads(run(["check", "-f", "json"], repo).stdout)
    assert [(item["code"], item["message"]) for item in data] == [
        ("RACI006", "component 'ingest' has 3 Responsible, more than 2")
    ]


def test_files_and_exclude(repo: Path) -> None:
    write(
        repo / ".raci-lint.yaml",
        "files: ['ownership.yaml']\nexclude: ['vendor/', 'archive/*.yaml']\n",
    )
    for relative in (
        "ownership.yaml",
        "vendor/ownership.yaml",
        "archive/ownership.yaml",
        "sub/ownership.yaml",
    ):
        write(repo / relative, BROKEN)
    paths = sorted({item["path"] for item in json.loads(run(["check", "-f", "json"], repo).stdout)})
    assert paths == ["ownership.yaml", "sub/ownership.yaml"]


def test_fail_on_from_config_and_flags(repo: Path) -> None:
    (repo / "raci.yaml").write_text(BROKEN)
    write(repo / ".raci-lint.yaml", "ignore: [RACI001]\n")
    assert run(["check"], repo).returncode == 0  # only a warning is left
    assert run(["check", "--strict"], repo).returncode == 1
    assert run(["check", "--fail-on", "warning"], repo).returncode == 1
    assert run(["check", "--fail-on", "warning", "--exit-zero"], repo).returncode == 0
    write(repo / ".raci-lint.yaml", "ignore: [RACI001]\nfail-on: warning\n")
    assert run(["check"], repo).returncode == 1
    assert run(["check", "--fail-on", "error"], repo).returncode == 0


def test_exit_zero_still_exits_2_on_unreadable_paths(repo: Path) -> None:
    assert run(["check", "--exit-zero", "missing.yaml"], repo).returncode == 2


def test_statistics(repo: Path) -> None:
    result = run(["check", "--statistics"], repo)
    assert result.stdout == (
        "    1  RACI001  [error] missing-accountable\n"
        "    1  RACI005  [warning] conflicting-letters\n"
        "Found 1 error, 1 warning in 1 file.\n"
    )
    assert result.returncode == 1


def test_limits_from_config(repo: Path) -> None:
    write(repo / ".raci-lint.yaml", "limits:\n  max-file-size: 50\n")
    result = run(["check", "-f", "concise"], repo)
    assert result.stdout.splitlines()[0] == (
        f"raci.yaml:1:1: SYN005 [error] the file is {len(BROKEN)} bytes, over the limit of 50 "
        "bytes (limits.max-file-size) (limits-exceeded)"
    )


def test_a_tagged_integer_limit_holds_when_its_text_is_an_integer(repo: Path) -> None:
    write(repo / ".raci-lint.yaml", "limits:\n  max-file-size: !!int 5_0\n")
    result = run(["check", "-f", "concise"], repo)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"raci.yaml:1:1: SYN005 [error] the file is {len(BROKEN)} bytes, over the limit of 50 "
        "bytes (limits.max-file-size) (limits-exceeded)"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            ".raci-lint.yaml",
            "ignorre: [RACI001]\n",
            ".raci-lint.yaml:1:1: unknown key 'ignorre'; did you mean 'ignore'?",
        ),
        (
            "pyproject.toml",
            '[tool.raci-lint]\nignorre = ["RACI001"]\n',
            "unknown key 'ignorre' in pyproject.toml [tool.raci-lint]; did you mean 'ignore'?",
        ),
        (
            ".raci-lint.yaml",
            "ignore: [RACI0001]\n",
            "unknown rule code 'RACI0001' in 'ignore' in .raci-lint.yaml; did you mean 'RACI001'?",
        ),
        (
            ".raci-lint.yaml",
            "rules:\n  RACI006: {max: four}\n",
            ".raci-lint.yaml:2:18: 'rules.RACI006.max' must be an integer, not 'four'",
        ),
        (
            ".raci-lint.yaml",
            "rules:\n  RACI006: {maks: 3}\n",
            ".raci-lint.yaml:2:13: unknown key 'maks' under 'rules.RACI006'; did you mean 'max'?",
        ),
        (
            ".raci-lint.yaml",
            "rules:\n  RACI0006: {max: 3}\n",
            ".raci-lint.yaml:2:3: unknown rule code 'RACI0006' under 'rules'; did you mean 'RACI006'?",
        ),
        (
            ".raci-lint.yaml",
            "limits: {max-depth: !!int zz}\n",
            ".raci-lint.yaml:1:21: 'limits.max-depth' must be an integer, not 'zz'",
        ),
        (
            ".raci-lint.yaml",
            "rules:\n  RACI006: {max: !!int 0x10}\n",
            ".raci-lint.yaml:2:18: 'rules.RACI006.max' must be an integer, not '0x10'",
        ),
        (
            ".raci-lint.yaml",
            "fail-on: warnings\n",
            ".raci-lint.yaml:1:10: 'fail-on' must be one of error, warning, info, not 'warnings'",
        ),
        (
            ".raci-lint.yaml",
            "select: RACI001\n",
            ".raci-lint.yaml:1:9: 'select' must be a list, not 'RACI001'",
        ),
        (
            ".raci-lint.yaml",
            "ignore: [SYN001]\n",
            "SYN001 cannot be ignored in .raci-lint.yaml: a file that does not parse is checked "
            "by nothing",
        ),
        (
            ".raci-lint.yaml",
            "ignore: [RACI001\n",
            ".raci-lint.yaml:1:17: a '[' list is not closed: expected ',' or ']'",
        ),
        (
            "pyproject.toml",
            "[tool.raci-lint\n",
            "pyproject.toml: invalid TOML: Expected ']' at the end of a table declaration "
            "(at line 1, column 16)",
        ),
    ],
)
def test_bad_configuration_exits_2_with_one_message(
    repo: Path, name: str, content: str, message: str
) -> None:
    (repo / name).write_text(content)
    result = run(["check"], repo)
    assert result.returncode == 2
    assert result.stderr == f"raci-lint: error: {message}\n"
    assert result.stdout == ""


def test_published_config_schema_is_fresh() -> None:
    published = json.loads((ROOT / "schemas" / "config.schema.json").read_text())
    assert published == config_schema(all_rules()), "run `python scripts/update_docs.py`"


def test_taxonomy_from_config_is_relative_to_its_folder(repo: Path) -> None:
    write(
        repo / "org" / "taxonomy.yaml",
        """\
        extends: default
        kinds:
          ingestion:
            description: Anyone may ingest here
        """,
    )
    write(repo / "team" / ".raci-lint.yaml", "taxonomy: ../org/taxonomy.yaml\nignore: [RACI]\n")
    (repo / "team" / "raci.yaml").write_text(BROKEN.replace("data-engineer", "data-analyst"))
    (repo / "raci.yaml").write_text(BROKEN.replace("data-engineer", "data-analyst"))
    data = json.loads(run(["check", "-f", "json", "--ignore", "RACI"], repo).stdout)
    # The default taxonomy wants a data engineer; the team's does not.
    assert [(item["path"], item["code"]) for item in data] == [("raci.yaml", "TAX001")]
    result = run(
        ["check", "-f", "json", "--ignore", "RACI", "--taxonomy", "org/taxonomy.yaml"], repo
    )
    assert json.loads(result.stdout) == []


def test_broken_taxonomy_exits_2_naming_its_file(repo: Path) -> None:
    write(repo / "taxonomy.yaml", "extends: default\nkinds:\n  dbt:\n    requries: []\n")
    write(repo / ".raci-lint.yaml", "taxonomy: taxonomy.yaml\n")
    result = run(["check"], repo)
    assert result.returncode == 2
    assert result.stderr.startswith("raci-lint: error: taxonomy.yaml:4:5: unknown key 'requries'")
    assert run(["taxonomy"], repo).returncode == 2


def test_taxonomy_command_uses_the_configured_taxonomy(repo: Path) -> None:
    write(repo / "taxonomy.yaml", "extends: default\ndisciplines:\n  bi-developer: {}\n")
    write(repo / ".raci-lint.yaml", "taxonomy: taxonomy.yaml\n")
    data = json.loads(run(["taxonomy", "--format", "json"], repo).stdout)
    assert "bi-developer" in data["disciplines"]
