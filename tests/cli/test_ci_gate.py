"""`check` as a CI gate: each file once, no silent pass, excludes, --show-files/--show-settings."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import BROKEN, run

BROKEN_REPORT = (
    "raci.yaml:5:3: RACI001 [error] component 'ingest' has no Accountable (missing-accountable)\n"
    "  hint: add `accountable: <person>` under raci; exactly one person signs off\n"
    "raci.yaml:7:45: RACI005 [warning] 'alice' is both Responsible and Informed for component "
    "'ingest' (conflicting-letters)\n"
    "  hint: keep the one letter that describes what they do; only Accountable may go with "
    "Responsible\n"
)

SERVICE = textwrap.dedent(
    """\
    version: 1
    include: [../org/people.yaml]
    components:
      ingest:
        kind: ingestion
        raci: {responsible: [alice], accountable: bob}
    """
)
ROSTER = textwrap.dedent(
    """\
    version: 1
    people:
      alice: {disciplines: [data-engineer]}
      bob: {disciplines: [ml-engineer]}
    """
)


def result_of(args: list[str], cwd: Path) -> tuple[int, str, str]:
    result = run(args, cwd)
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "raci.yaml").write_text(BROKEN)
    return tmp_path


def test_a_file_named_and_reached_through_its_folder_is_checked_once(broken: Path) -> None:
    assert result_of(["check", "raci.yaml", ".", "raci.yaml"], broken) == (
        1,
        BROKEN_REPORT + "Found 1 error, 1 warning in 1 file.\n",
        "",
    )


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_a_file_reached_through_a_link_is_checked_once_at_its_first_path(broken: Path) -> None:
    os.symlink("raci.yaml", broken / "link.raci.yaml")
    assert result_of(["check", "."], broken) == (
        1,
        BROKEN_REPORT.replace("raci.yaml:", "link.raci.yaml:")
        + "Found 1 error, 1 warning in 1 file.\n",
        "",
    )


def test_no_ownership_file_warns_and_exits_0(tmp_path: Path) -> None:
    (tmp_path / "raci.yml.bak").write_text(BROKEN)
    assert result_of(["check"], tmp_path) == (
        0,
        "",
        "raci-lint: warning: no ownership files found under .\n",
    )
    (tmp_path / "docs").mkdir()
    assert result_of(["check", "docs", "."], tmp_path) == (
        0,
        "",
        "raci-lint: warning: no ownership files found under docs, .\n",
    )


def test_an_unreadable_path_is_an_error_not_the_warning(tmp_path: Path) -> None:
    assert result_of(["check", "missing.yaml"], tmp_path) == (
        2,
        "",
        "raci-lint: error: missing.yaml: no such file or folder\n",
    )


@pytest.fixture
def archived(broken: Path) -> Path:
    (broken / "archive").mkdir()
    (broken / "archive" / "raci.yaml").write_text(BROKEN)
    (broken / ".raci-lint.yaml").write_text('exclude: ["archive/**"]\n')
    return broken


def test_configured_exclude_skips_folders_but_not_named_files(archived: Path) -> None:
    assert result_of(["check", "--show-files"], archived) == (0, "raci.yaml\n", "")
    assert result_of(["check", "--show-files", "archive/raci.yaml"], archived) == (
        0,
        "archive/raci.yaml\n",
        "",
    )


def test_force_exclude_applies_exclude_to_named_files(archived: Path) -> None:
    assert result_of(["check", "--force-exclude", "archive/raci.yaml"], archived) == (
        0,
        "",
        "raci-lint: warning: no ownership files found under archive/raci.yaml\n",
    )
    assert result_of(
        ["check", "--force-exclude", "--show-files", "archive/raci.yaml", "raci.yaml"], archived
    ) == (0, "raci.yaml\n", "")


def test_force_exclude_applies_exclude_to_the_stdin_filename(archived: Path) -> None:
    args = ["check", "--force-exclude", "--stdin-filename", "archive/raci.yaml", "-"]
    result = run(args, archived, stdin=BROKEN)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "",
        "raci-lint: warning: no ownership files found under -\n",
    )
    result = run(args[:1] + args[2:], archived, stdin=BROKEN)
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        BROKEN_REPORT.replace("raci.yaml:", "archive/raci.yaml:")
        + "Found 1 error, 1 warning in 1 file.\n",
        "",
    )


def test_exclude_on_the_command_line_replaces_the_configured_list(archived: Path) -> None:
    assert result_of(["check", "--show-files", "--exclude", "nothing/**"], archived) == (
        0,
        "raci.yaml\narchive/raci.yaml\n",
        "",
    )
    assert result_of(["check", "--show-files", "--exclude", "nothing,raci.yaml"], archived) == (
        0,
        "",
        "",
    )


def test_extend_exclude_adds_to_the_configured_list(archived: Path) -> None:
    (archived / "team").mkdir()
    (archived / "team" / "raci.yaml").write_text(BROKEN)
    assert result_of(["check", "--show-files"], archived) == (
        0,
        "raci.yaml\nteam/raci.yaml\n",
        "",
    )
    assert result_of(["check", "--show-files", "--extend-exclude", "team"], archived) == (
        0,
        "raci.yaml\n",
        "",
    )
    # Relative to the working folder: from inside team/, `raci.yaml` is team/raci.yaml.
    assert result_of(
        ["check", "--show-files", "--extend-exclude", "/raci.yaml", "."], archived / "team"
    ) == (0, "", "")
    assert result_of(
        ["check", "--show-files", "--extend-exclude", "/raci.yaml", "--extend-exclude", "x", ".."],
        archived / "team",
    ) == (0, "../raci.yaml\n", "")


def test_show_settings(archived: Path) -> None:
    (archived / "taxonomy.yaml").write_text("extends: default\n")
    (archived / ".raci-lint.yaml").write_text(
        textwrap.dedent(
            """\
            exclude: ["archive/**"]
            select: [RACI00]
            extend-select: [ORG002]
            ignore: [RACI005]
            taxonomy: taxonomy.yaml
            fail-on: warning
            limits: {max-depth: 50}
            """
        )
    )
    assert result_of(
        ["check", "--show-settings", "raci.yaml", "--extend-exclude", "b*"], archived
    ) == (
        0,
        textwrap.dedent(
            """\
            file: raci.yaml
            configuration: .raci-lint.yaml
            taxonomy: taxonomy.yaml
            selection: SYN001, RACI001, RACI002, RACI003, RACI004, RACI006, RACI007, RACI008, ORG002
            fail-on: warning
            files: raci.yaml, raci.yml, *.raci.yaml, *.raci.yml
            exclude: archive/** (relative to .), b* (relative to .)
            sources: (none)
            limits.max-file-size: 67108864
            limits.max-depth: 50
            limits.max-aliases: 250000
            limits.max-alias-expansion: 1000000
            """
        ),
        "",
    )


def test_show_settings_without_configuration(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    assert result_of(["check", "--show-settings", "raci.yaml", "--strict"], tmp_path) == (
        0,
        "file: raci.yaml\n"
        "configuration: (none)\n"
        "taxonomy: (default)\n"
        "selection: SYN001, SYN002, SYN003, SYN004, SYN005, RACI001, RACI002, RACI003, "
        "RACI004, RACI005, RACI006, RACI007, RACI008, REF001, REF002, REF003, REF004, REF005, "
        "REF006, REF007, REF008, REF009, REF010, REF011, TAX001, ORG001, PIPE001, PIPE002, "
        "PIPE003, PATH001, PATH002, PATH006, SUP001, SUP002\n"
        "fail-on: warning\n"
        "files: raci.yaml, raci.yml, *.raci.yaml, *.raci.yml\n"
        "exclude: (none)\n"
        "sources: (none)\n"
        "limits.max-file-size: 67108864\n"
        "limits.max-depth: 100\n"
        "limits.max-aliases: 250000\n"
        "limits.max-alias-expansion: 1000000\n",
        "",
    )


def test_show_files_lists_stdin_and_each_file_once(broken: Path) -> None:
    assert result_of(["check", "--show-files", "-", "raci.yaml", "."], broken) == (
        0,
        "-\nraci.yaml\n",
        "",
    )


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "people.yaml").write_text(ROSTER)
    for name in ("billing", "search"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "raci.yaml").write_text(SERVICE)
    (tmp_path / "solo").mkdir()
    (tmp_path / "solo" / "raci.yaml").write_text(
        SERVICE.replace("include: [../org/people.yaml]\n", "").replace(
            "components:", "people: {alice: {}, bob: {}}\ncomponents:"
        )
    )
    return tmp_path


def test_a_named_roster_checks_the_files_that_include_it(shared: Path) -> None:
    (shared / "org" / "people.yaml").write_text(
        ROSTER.replace("  bob: {disciplines: [ml-engineer]}\n", "")
    )
    assert result_of(["check", "--force-exclude", "org/people.yaml"], shared) == (
        1,
        "".join(
            f"{name}/raci.yaml:6:47: REF001 [error] component 'ingest' names 'bob' as "
            "Accountable, but no person or team has that id (unknown-reference)\n"
            "  hint: declare it under people or teams, or fix the spelling\n"
            for name in ("billing", "search")
        )
        + "Found 2 errors in 2 files.\n",
        "",
    )


def test_a_named_configuration_or_taxonomy_checks_the_files_it_governs(shared: Path) -> None:
    (shared / "billing" / ".raci-lint.yaml").write_text("taxonomy: ../tax.yaml\n")
    (shared / "tax.yaml").write_text("extends: default\n")
    assert result_of(
        ["check", "--force-exclude", "--show-files", "billing/.raci-lint.yaml"], shared
    ) == (0, "billing/raci.yaml\n", "")
    assert result_of(["check", "--force-exclude", "--show-files", "tax.yaml"], shared) == (
        0,
        "billing/raci.yaml\n",
        "",
    )
    assert result_of(["check", "--force-exclude", "--show-files", "org/people.yaml"], shared) == (
        0,
        "billing/raci.yaml\nsearch/raci.yaml\n",
        "",
    )


def test_a_named_yaml_file_nothing_depends_on_is_skipped(shared: Path) -> None:
    (shared / "ci.yml").write_text("on: push\n")
    assert result_of(["check", "--force-exclude", "ci.yml"], shared) == (
        0,
        "",
        "raci-lint: warning: no ownership files found under ci.yml\n",
    )
