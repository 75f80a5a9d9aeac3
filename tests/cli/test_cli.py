"""The command line, as a user runs it: output bytes and exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import BROKEN, CLEAN, ROOT, run

from raci_lint import __version__
from raci_lint.cli import main


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "raci.yaml").write_text(CLEAN)
    return tmp_path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"raci-lint {__version__}\n"


def test_version_through_the_module(tmp_path: Path) -> None:
    result = run(["--version"], tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"raci-lint {__version__}\n",
        "",
    )


def test_clean_file_exits_0(project: Path) -> None:
    result = run(["check", "raci.yaml"], project)
    assert result.returncode == 0
    assert result.stdout == "All checks passed: 1 file checked.\n"
    assert result.stderr == ""


def test_violations_exit_1_full_format(project: Path) -> None:
    (project / "raci.yaml").write_text(BROKEN)
    result = run(["check", "raci.yaml"], project)
    assert result.returncode == 1
    assert result.stdout == (
        "raci.yaml:5:3: RACI001 [error] component 'ingest' has no Accountable "
        "(missing-accountable)\n"
        "  hint: add `accountable: <person>` under raci; exactly one person signs off\n"
        "raci.yaml:7:45: RACI005 [warning] 'alice' is both Responsible and Informed for "
        "component 'ingest' (conflicting-letters)\n"
        "  hint: keep the one letter that describes what they do; only Accountable may go "
        "with Responsible\n"
        "Found 1 error, 1 warning in 1 file.\n"
    )


def test_concise_format(project: Path) -> None:
    (project / "raci.yaml").write_text(BROKEN)
    result = run(["check", "--format", "concise", "raci.yaml"], project)
    assert result.stdout.splitlines() == [
        "raci.yaml:5:3: RACI001 [error] component 'ingest' has no Accountable (missing-accountable)",
        "raci.yaml:7:45: RACI005 [warning] 'alice' is both Responsible and Informed for "
        "component 'ingest' (conflicting-letters)",
        "Found 1 error, 1 warning in 1 file.",
    ]


def test_json_format_has_every_field(project: Path) -> None:
    (project / "raci.yaml").write_text(BROKEN)
    result = run(["check", "-f", "json", "raci.yaml"], project)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert [sorted(item) for item in data] == [
        sorted(
            [
                "code", "name", "severity", "message", "hint", "path", "line", "column",
                "end_line", "end_column", "pointer", "subject", "fingerprint", "fix",
            ]
        )
    ] * 2  # fmt: skip
    first = data[0]
    assert {k: first[k] for k in ("code", "line", "column", "end_line", "end_column")} == {
        "code": "RACI001",
        "line": 5,
        "column": 3,
        "end_line": 5,
        "end_column": 9,
    }
    assert first["pointer"] == "/components/ingest"
    assert first["subject"] == "ingest"
    assert data[1]["pointer"] == "/components/ingest/raci/informed/0"


def test_format_from_environment(project: Path) -> None:
    (project / "raci.yaml").write_text(BROKEN)
    result = run(["check", "raci.yaml"], project, env={"RACI_LINT_FORMAT": "json"})
    assert [item["code"] for item in json.loads(result.stdout)] == ["RACI001", "RACI005"]


def test_unknown_format_is_a_usage_error(project: Path) -> None:
    result = run(["check", "-f", "xml", "raci.yaml"], project)
    assert result.returncode == 2
    from raci_lint.reporters import FORMATS

    assert FORMATS[:3] == ("full", "concise", "json")
    assert result.stderr == (
        f"raci-lint: error: unknown format 'xml'; expected one of: {', '.join(FORMATS)}\n"
    )


def test_select_and_ignore(project: Path) -> None:
    (project / "raci.yaml").write_text(BROKEN)
    only_raci005 = run(["check", "-f", "concise", "--select", "RACI005", "raci.yaml"], project)
    assert only_raci005.returncode == 0  # a warning does not fail by default
    assert "RACI001" not in only_raci005.stdout
    assert "RACI005" in only_raci005.stdout
    ignored = run(["check", "--ignore", "RACI", "raci.yaml"], project)
    assert (ignored.returncode, ignored.stdout) == (0, "All checks passed: 1 file checked.\n")


def test_opt_in_rule_runs_only_when_selected(project: Path) -> None:
    (project / "raci.yaml").write_text(
        CLEAN.replace("kind: ingestion", "kind: reporting").replace("data-engineer", "data-analyst")
    )
    assert "TAX002" not in run(["check", "raci.yaml"], project).stdout
    selected = run(["check", "--extend-select", "TAX002", "-f", "concise", "raci.yaml"], project)
    assert "TAX002 [info] component 'ingest' (reporting) should have a product-owner" in (
        selected.stdout
    )
    assert "TAX002" in run(["check", "--select", "ALL", "raci.yaml"], project).stdout


def test_unknown_selector_is_a_usage_error_with_suggestion(project: Path) -> None:
    result = run(["check", "--select", "RACI01", "raci.yaml"], project)
    assert result.returncode == 2
    assert result.stderr.startswith("raci-lint: error: unknown rule code or prefix 'RACI01'")
    result = run(["check", "--ignore", "RAC1001", "raci.yaml"], project)
    assert result.stderr == (
        "raci-lint: error: unknown rule code or prefix 'RAC1001' in --ignore; "
        "did you mean 'RACI001'?\n"
    )


def test_missing_path_exits_2_and_others_are_still_linted(project: Path) -> None:
    (project / "raci.yaml").write_text(BROKEN)
    result = run(["check", "-f", "concise", "nope.yaml", "raci.yaml"], project)
    assert result.returncode == 2
    assert result.stderr == "raci-lint: error: nope.yaml: no such file or folder\n"
    assert "RACI001" in result.stdout


def test_folder_discovery_skips_vcs_and_virtualenvs(tmp_path: Path) -> None:
    for relative in (
        "raci.yaml",
        "services/a/raci.yml",
        "services/b/billing.raci.yaml",
        "services/b/notes.yaml",
        ".git/raci.yaml",
        "node_modules/x/raci.yaml",
        "env/raci.yaml",
    ):
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(BROKEN)
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr\n")
    result = run(["check", "-f", "json"], tmp_path)
    assert sorted({item["path"] for item in json.loads(result.stdout)}) == [
        "raci.yaml",
        "services/a/raci.yml",
        "services/b/billing.raci.yaml",
    ]


def test_stdin_with_filename(tmp_path: Path) -> None:
    result = run(
        ["check", "-f", "concise", "--stdin-filename", "team/raci.yaml", "-"], tmp_path, BROKEN
    )
    assert result.returncode == 1
    assert result.stdout.startswith("team/raci.yaml:5:3: RACI001 ")


def test_stdin_default_name(tmp_path: Path) -> None:
    result = run(["check", "-f", "concise", "-"], tmp_path, BROKEN)
    assert result.stdout.startswith("<stdin>:5:3: RACI001 ")


def test_broken_yaml_exits_1_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_bytes(b"version: 1\ncomponents: [\x00\xff")
    result = run(["check", "raci.yaml"], tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout.startswith("raci.yaml:2:15: SYN001 [error] the file is not valid UTF-8")


def test_quiet_prints_only_the_summary(project: Path) -> None:
    (project / "raci.yaml").write_text(BROKEN)
    result = run(["check", "-q", "raci.yaml"], project)
    assert result.stdout == "Found 1 error, 1 warning in 1 file.\n"


def test_rules_lists_every_rule(tmp_path: Path) -> None:
    result = run(["rules"], tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["SYN001", "invalid-yaml", "error", "on"]
    tax002 = next(line for line in lines if line.startswith("TAX002"))
    assert tax002.split()[:4] == ["TAX002", "missing-recommended-discipline", "info", "opt-in"]


def test_rules_json(tmp_path: Path) -> None:
    data = json.loads(run(["rules", "--format", "json"], tmp_path).stdout)
    raci006 = next(item for item in data if item["code"] == "RACI006")
    assert raci006 == {
        "code": "RACI006",
        "name": "too-many-responsible",
        "severity": "warning",
        "default": True,
        "summary": "More than `max` Responsible",
        "options": {"max": 4},
    }


def test_rule_explains_with_examples(tmp_path: Path) -> None:
    result = run(["rule", "RACI001"], tmp_path)
    assert result.returncode == 0
    text = result.stdout
    assert text.startswith("RACI001 (missing-accountable)\n\nSeverity: error, on by default.\n")
    for heading in ("## What it does", "## Why is this bad?", "## Example", "Use instead:"):
        assert heading in text
    assert "accountable: bob" in text


def test_rule_by_name_and_lowercase(tmp_path: Path) -> None:
    assert (
        run(["rule", "raci001"], tmp_path).stdout
        == run(["rule", "missing-accountable"], tmp_path).stdout
    )


def test_unknown_rule(tmp_path: Path) -> None:
    result = run(["rule", "RACI0001"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("raci-lint: error: unknown rule 'RACI0001'; did you mean")


def test_schema_prints_the_published_schema(tmp_path: Path) -> None:
    result = run(["schema"], tmp_path)
    assert json.loads(result.stdout) == json.loads(
        (ROOT / "schemas" / "raci.schema.json").read_text()
    )


def test_taxonomy_formats(tmp_path: Path) -> None:
    data = json.loads(run(["taxonomy", "--format", "json"], tmp_path).stdout)
    assert data["kinds"]["ingestion"]["aliases"] == ["extract", "load", "dbt-source", "dbt-seed"]
    assert data["kinds"]["ingestion"]["requires"][0]["any_of"] == ["data-engineer"]
    assert "data-scientist" in data["disciplines"]
    text = run(["taxonomy"], tmp_path).stdout
    assert "ingestion:" in text and "focus:" in text


def test_unknown_command_is_a_usage_error(tmp_path: Path) -> None:
    result = run(["chek"], tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_help(tmp_path: Path) -> None:
    result = run(["--help"], tmp_path)
    assert result.returncode == 0
    assert "check" in result.stdout and "rule" in result.stdout


def test_color_always_paints_terminal_formats_only(project: Path) -> None:
    (project / "raci.yaml").write_text(BROKEN)
    painted = run(["check", "--color", "always", "raci.yaml"], project)
    assert "\x1b[1;31m[error]\x1b[0m" in painted.stdout
    plain = run(["check", "--color", "never", "raci.yaml"], project)
    assert "\x1b[" not in plain.stdout
    machine = run(["check", "--color", "always", "-f", "json", "raci.yaml"], project)
    assert "\x1b[" not in machine.stdout
    json.loads(machine.stdout)


def test_color_auto_follows_the_terminal_and_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    from raci_lint.cli.output import use_color

    class Terminal:
        def isatty(self) -> bool:
            return True

    class Pipe:
        def isatty(self) -> bool:
            return False

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color("auto", Terminal()) is True  # type: ignore[arg-type]
    assert use_color("auto", Pipe()) is False  # type: ignore[arg-type]
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color("auto", Terminal()) is False  # type: ignore[arg-type]
    assert use_color("always", Pipe()) is True  # type: ignore[arg-type]
    assert use_color("never", Terminal()) is False  # type: ignore[arg-type]


def test_output_writes_the_report_to_a_file(project: Path) -> None:
    (project / "raci.yaml").write_text(BROKEN)
    result = run(["check", "-f", "json", "-o", "report.json", "raci.yaml"], project)
    assert (result.returncode, result.stdout) == (1, "")
    assert [item["code"] for item in json.loads((project / "report.json").read_text())] == [
        "RACI001",
        "RACI005",
    ]
    assert sorted(p.name for p in project.iterdir()) == ["raci.yaml", "report.json"]


def test_output_to_an_unwritable_place_exits_2(project: Path) -> None:
    result = run(["check", "-o", "no/such/folder/report.txt", "raci.yaml"], project)
    assert result.returncode == 2
    assert result.stderr == (
        "raci-lint: error: no/such/folder/report.txt: cannot write the report: "
        "no such file or folder\n"
    )


def test_output_over_a_symbolic_link_replaces_the_link_never_its_target(project: Path) -> None:
    # A link committed in the repository (raci-lint.sarif -> ../victim/.profile)
    # must not turn the README's own `--output raci-lint.sarif` into a write
    # outside the repository.
    victim = project / "victim"
    victim.mkdir()
    (victim / ".profile").write_text("echo safe\n")
    (project / "raci-lint.sarif").symlink_to("victim/.profile")
    result = run(["check", "-f", "concise", "-o", "raci-lint.sarif", "raci.yaml"], project)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert not (project / "raci-lint.sarif").is_symlink()
    assert (project / "raci-lint.sarif").read_text() == "All checks passed: 1 file checked.\n"
    assert (victim / ".profile").read_text() == "echo safe\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_output_to_a_named_pipe_writes_into_it(project: Path) -> None:
    import threading

    os.mkfifo(project / "pipe")
    received: list[bytes] = []
    reader = threading.Thread(
        target=lambda: received.append((project / "pipe").read_bytes()), daemon=True
    )
    reader.start()
    result = run(["check", "-f", "concise", "-o", "pipe", "raci.yaml"], project)
    reader.join(timeout=30)
    assert (result.returncode, result.stderr) == (0, "")
    assert received == [b"All checks passed: 1 file checked.\n"]
    assert (project / "pipe").is_fifo()


def test_github_is_the_default_format_under_github_actions(project: Path) -> None:
    (project / "raci.yaml").write_text(BROKEN)
    result = run(["check", "raci.yaml"], project, env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.splitlines()[0].startswith(
        "::error file=raci.yaml,line=5,col=3,endLine=5,endColumn=9,title=raci-lint (RACI001)::"
    )
    explicit = run(["check", "-f", "concise", "raci.yaml"], project, env={"GITHUB_ACTIONS": "true"})
    assert explicit.stdout.startswith("raci.yaml:5:3: RACI001")
    chosen = run(
        ["check", "raci.yaml"], project, env={"GITHUB_ACTIONS": "true", "RACI_LINT_FORMAT": "json"}
    )
    assert json.loads(chosen.stdout)[0]["code"] == "RACI001"


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    for args in (["check", "--config", str(tmp_path)], ["chek"], ["check", "--fail-on", "x"]):
        result = run(args, tmp_path)
        assert result.returncode == 2, args
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith("raci-lint: error: ")


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something broke")

    monkeypatch.setattr("raci_lint.engine.lint.lint_paths", broken)
    monkeypatch.chdir(project)
    assert main(["check", "raci.yaml"]) == 2
    assert capsys.readouterr().err == (
        "raci-lint: error: internal error: RuntimeError: something broke "
        "(run with --debug for the traceback, and please report it)\n"
    )
    with pytest.raises(RuntimeError, match="something broke"):
        main(["--debug", "check", "raci.yaml"])


def test_repo_root_must_be_an_existing_folder(project: Path) -> None:
    result = run(["check", "--repo-root", "no/such/folder", "raci.yaml"], project)
    assert result.returncode == 2
    assert result.stderr == (
        "raci-lint: error: Invalid value for '--repo-root': Directory 'no/such/folder' does "
        "not exist. (see `raci-lint check --help`)\n"
    )


def test_statistics_is_a_table_for_people_or_json_not_another_format(project: Path) -> None:
    # `--statistics -f json` is the machine form of the table (tests/reporters).
    result = run(["check", "--statistics", "-f", "sarif", "raci.yaml"], project)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "raci-lint: error: --statistics prints a table for people, or json; "
        "it cannot be sarif output\n"
    )


@pytest.mark.parametrize(
    ("name", "file"),
    [
        ("ownership", "raci.schema.json"),
        ("roster", "roster.schema.json"),
        ("config", "config.schema.json"),
        ("taxonomy", "taxonomy.schema.json"),
    ],
)
def test_schema_prints_each_published_schema(tmp_path: Path, name: str, file: str) -> None:
    result = run(["schema", name], tmp_path)
    expected = (ROOT / "schemas" / file).read_text(encoding="utf-8")
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")


def test_schema_without_a_name_is_the_ownership_schema_byte_for_byte(tmp_path: Path) -> None:
    assert run(["schema"], tmp_path).stdout == run(["schema", "ownership"], tmp_path).stdout


def test_schema_names_the_schemas_it_knows(tmp_path: Path) -> None:
    result = run(["schema", "people"], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "raci-lint: error: Invalid value for '[ownership|roster|config|taxonomy]': 'people' "
        "is not one of 'ownership', 'roster', 'config', 'taxonomy'. "
        "(see `raci-lint schema --help`)\n"
    )
