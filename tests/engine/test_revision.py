"""Ownership at a revision: includes resolved in the revision's tree, confined to the root."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import CLEAN, commit, git_repository, run

from raci_lint.engine.lint import settings_for
from raci_lint.engine.revision import at_revision, in_working_tree, revision_files
from raci_lint.reading.revision import Revision
from raci_lint.settings.options import Overrides

ROSTER = "version: 1\npeople:\n  alice: {disciplines: [data-engineer]}\n"
OWNERSHIP = """\
version: 1
include: [org/people.yaml]
components:
  ingest:
    kind: ingestion
    raci: {responsible: [alice], accountable: alice}
"""


def found(side_report: object) -> list[tuple[str, str, int, int, str]]:
    return [
        (v.code, v.path, v.line, v.column, v.message)
        for v in side_report.violations  # type: ignore[attr-defined]
    ]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    monkeypatch.chdir(root)
    return root


def test_includes_are_read_at_the_revision(here: Path) -> None:
    git_repository(here, {"raci.yaml": OWNERSHIP, "org/people.yaml": ROSTER})
    # The working tree has lost alice; the revision has not.
    (here / "org" / "people.yaml").write_text("version: 1\npeople: {}\n", encoding="utf-8")
    settings = settings_for(Overrides(isolated=True))
    side = at_revision(Revision(here, "HEAD"), here, settings)
    assert found(side.report) == []
    model = side.models["raci.yaml"]
    assert model is not None and list(model.people) == ["alice"]
    now = in_working_tree(here, settings)
    assert [v.code for v in now.report.violations] == ["TAX001", "REF001", "REF001"]


def test_an_include_linked_out_of_the_root_at_the_revision_is_refused(here: Path) -> None:
    git_repository(here, {"raci.yaml": OWNERSHIP})
    (here / "org").mkdir()
    os.symlink("/etc/passwd", here / "org" / "people.yaml")
    commit(here, {}, "a link out")
    os.unlink(here / "org" / "people.yaml")  # gone from the working tree: read from git
    side = at_revision(Revision(here, "HEAD"), here, settings_for(Overrides(isolated=True)))
    assert found(side.report)[0] == (
        "REF010",
        "raci.yaml",
        2,
        11,
        "include 'org/people.yaml' leaves the repository root (.)",
    )


def test_an_ownership_file_linked_out_of_the_root_is_not_read(here: Path) -> None:
    git_repository(here, {"README.md": "x"})
    os.symlink("/etc/passwd", here / "raci.yaml")
    commit(here, {}, "a link out")
    side = at_revision(Revision(here, "HEAD"), here, settings_for(Overrides(isolated=True)))
    assert side.report.errors == ["raci.yaml at HEAD: outside the root"]
    assert side.report.violations == []


def test_a_file_over_the_size_limit_is_syn005_unread(here: Path) -> None:
    git_repository(here, {"raci.yaml": CLEAN + "# padding\n" * 20})
    (here / ".raci-lint.yaml").write_text("limits: {max-file-size: 100}\n", encoding="utf-8")
    side = at_revision(Revision(here, "HEAD"), here, settings_for())
    ((code, path, line, column, message),) = found(side.report)
    assert (code, path, line, column) == ("SYN005", "raci.yaml", 1, 1)
    assert "100" in message


def test_the_ownership_files_of_a_revision_in_discovery_order(here: Path) -> None:
    files = dict.fromkeys(
        [
            "raci.yaml",
            "b/raci.yaml",
            "a/z.raci.yml",
            "a/sub/raci.yaml",
            "a/raci.yaml",
            "node_modules/x/raci.yaml",
            "notes.yaml",
        ],
        "version: 1\n",
    )
    git_repository(here, files)
    revision = Revision(here, "HEAD")
    assert revision_files(revision, here, settings_for(Overrides(isolated=True))) == [
        "raci.yaml",
        "a/raci.yaml",
        "a/z.raci.yml",
        "a/sub/raci.yaml",
        "b/raci.yaml",
    ]


def test_codeowners_and_the_other_ownership_files_are_the_revisions(here: Path) -> None:
    ownership = CLEAN.replace(
        "alice: {disciplines: [data-engineer]}",
        "alice: {disciplines: [data-engineer], github: alice}",
    )
    ownership = ownership.replace(
        "    kind: ingestion\n", "    kind: ingestion\n    paths: [src/]\n"
    )
    git_repository(here, {"raci.yaml": ownership, "src/a.py": ""})
    assert run(["codeowners", "--write"], here).returncode == 0
    commit(here, {}, "CODEOWNERS")
    (here / ".github" / "CODEOWNERS").unlink()  # gone from the working tree only
    settings = settings_for(Overrides(isolated=True, extend_select=["PATH004"]))
    assert found(at_revision(Revision(here, "HEAD"), here, settings).report) == []
    now = in_working_tree(here, settings)
    assert [v.code for v in now.report.violations] == ["PATH004"]


def test_an_include_through_a_link_no_system_would_follow(here: Path) -> None:
    git_repository(here, {"raci.yaml": OWNERSHIP.replace("org/people.yaml", "roster.yaml")})
    blob = (
        subprocess.run(
            ["git", "-C", str(here), "hash-object", "-w", "--stdin"],
            input=b"x/" * 3000,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .strip()
    )
    subprocess.run(
        [
            "git",
            "-C",
            str(here),
            "update-index",
            "--add",
            "--cacheinfo",
            f"120000,{blob},roster.yaml",
        ],
        check=True,
    )
    subprocess.run(["git", "-C", str(here), "commit", "-q", "-m", "link"], check=True)
    side = at_revision(Revision(here, "HEAD"), here, settings_for(Overrides(isolated=True)))
    assert found(side.report)[0] == (
        "REF010",
        "raci.yaml",
        2,
        11,
        "include 'roster.yaml' names an invalid path",
    )
