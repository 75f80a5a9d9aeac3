"""`check --fix`, `--unsafe-fixes`, `--diff`, `--fix-only`, `--add-suppressions`, as a user runs them."""

from __future__ import annotations

import codecs
import difflib
import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from conftest import run
from hypothesis import given, settings
from hypothesis import strategies as st

from raci_lint.cli.fixing import unified_diff
from raci_lint.engine.fixing import FileFix, fix_file, write_fixed
from raci_lint.engine.lint import Run, lint_bytes
from raci_lint.settings.options import LintOptions

BROKEN = """\
version: 1
people:
  alice: {disciplines: [Data Engineer]}   # the lead
  bob: {disciplines: [data-engineer]}
components:
  ingest:
    kind: ingestion
    raci: {responsible: [alice, bob], accountable: bbo}
"""
SAFE = BROKEN.replace("[Data Engineer]", "[data-engineer]")
ALL = SAFE.replace("accountable: bbo", "accountable: bob")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the repository's root
    (tmp_path / "raci.yaml").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def test_fix_applies_the_safe_fixes_and_reports_what_is_left(repo: Path) -> None:
    result = run(["check", "--fix", "raci.yaml"], repo)
    assert (repo / "raci.yaml").read_text(encoding="utf-8") == SAFE
    assert result.stdout == (
        "raci.yaml:8:52: REF001 [error] component 'ingest' names 'bbo' as Accountable, but no "
        "person or team has that id; did you mean 'bob'? (unknown-reference)\n"
        "  hint: declare it under people or teams, or fix the spelling\n"
        "Found 2 violations (1 fixed, 1 remaining): 1 error in 1 file.\n"
    )
    assert (result.returncode, result.stderr) == (1, "")


def test_unsafe_fixes_apply_the_others_too(repo: Path) -> None:
    result = run(["check", "--fix", "--unsafe-fixes", "raci.yaml"], repo)
    assert (repo / "raci.yaml").read_text(encoding="utf-8") == ALL
    assert result.stdout == "Found 2 violations (2 fixed, 0 remaining).\n"
    assert result.returncode == 0
    assert run(["check", "raci.yaml"], repo).returncode == 0


def test_diff_prints_the_fixes_and_changes_nothing(repo: Path) -> None:
    result = run(["check", "--diff", "raci.yaml"], repo)
    assert result.stdout == (
        "--- raci.yaml\n"
        "+++ raci.yaml\n"
        "@@ -1,6 +1,6 @@\n"
        " version: 1\n"
        " people:\n"
        "-  alice: {disciplines: [Data Engineer]}   # the lead\n"
        "+  alice: {disciplines: [data-engineer]}   # the lead\n"
        "   bob: {disciplines: [data-engineer]}\n"
        " components:\n"
        "   ingest:\n"
    )
    # What only --unsafe-fixes would fix is said too, as ruff says it.
    assert result.stderr == "Would fix 1 violation (1 more fix with --unsafe-fixes).\n"
    assert result.returncode == 1
    assert (repo / "raci.yaml").read_text(encoding="utf-8") == BROKEN


def test_diff_with_nothing_to_fix_exits_0(repo: Path) -> None:
    (repo / "raci.yaml").write_text(ALL, encoding="utf-8")
    result = run(["check", "--diff", "raci.yaml"], repo)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "Would fix 0 violations.\n")


def test_fix_only_reports_nothing_else_and_exits_0(repo: Path) -> None:
    result = run(["check", "--fix-only", "raci.yaml"], repo)
    assert (result.returncode, result.stdout) == (
        0,
        "Fixed 1 violation (1 more fix with --unsafe-fixes).\n",
    )
    assert (repo / "raci.yaml").read_text(encoding="utf-8") == SAFE


def test_add_suppressions_comments_what_is_left_with_a_reason_to_fill(repo: Path) -> None:
    result = run(["check", "--fix", "--add-suppressions", "raci.yaml"], repo)
    # The safe fix first (a normalised discipline), then a comment for what is left.
    assert (result.returncode, result.stdout) == (
        0,
        "Fixed 1 violation, added 1 suppression.\n",
    )
    assert (repo / "raci.yaml").read_text(encoding="utf-8") == SAFE.replace(
        "accountable: bbo}", 'accountable: bbo}  # raci-lint: disable=REF001 reason=""'
    )
    assert run(["check", "raci.yaml"], repo).returncode == 0


def test_add_suppressions_puts_the_comment_above_a_line_that_has_one(repo: Path) -> None:
    text = BROKEN.replace("accountable: bbo}", "accountable: bbo}  # to do")
    (repo / "raci.yaml").write_text(text, encoding="utf-8")
    result = run(["check", "--add-suppressions", "--select", "REF001", "raci.yaml"], repo)
    assert result.stdout == "Added 1 suppression.\n"
    assert (repo / "raci.yaml").read_text(encoding="utf-8") == text.replace(
        "    raci:", '    # raci-lint: disable=REF001 reason=""\n    raci:'
    )


def test_json_shows_each_fix_as_ruff_does(repo: Path) -> None:
    result = run(["check", "-f", "json", "raci.yaml"], repo)
    fixes = {item["code"]: item["fix"] for item in json.loads(result.stdout) if item["fix"]}
    start = BROKEN.index("Data Engineer")
    assert fixes == {
        "REF004": {
            "applicability": "safe",
            "message": "Replace with `data-engineer`",
            "edits": [{"content": "data-engineer", "start": start, "end": start + 13}],
        },
        "REF001": {
            "applicability": "unsafe",
            "message": "Replace with `bob`",
            "edits": [
                {"content": "bob", "start": BROKEN.index("bbo"), "end": BROKEN.index("bbo") + 3}
            ],
        },
    }


def test_a_utf8_byte_order_mark_and_crlf_survive(repo: Path) -> None:
    data = codecs.BOM_UTF8 + BROKEN.replace("\n", "\r\n").encode("utf-8")
    (repo / "raci.yaml").write_bytes(data)
    assert run(["check", "--fix", "raci.yaml"], repo).returncode == 1
    assert (repo / "raci.yaml").read_bytes() == codecs.BOM_UTF8 + SAFE.replace("\n", "\r\n").encode(
        "utf-8"
    )


def test_a_utf16_file_is_refused_in_one_line_and_left_alone(repo: Path) -> None:
    data = codecs.BOM_UTF16_LE + BROKEN.encode("utf-16-le")
    (repo / "raci.yaml").write_bytes(data)
    result = run(["check", "--fix", "raci.yaml"], repo)
    assert result.stderr == (
        "raci-lint: error: raci.yaml: not fixed: the file is UTF-16; raci-lint writes fixes in "
        "UTF-8 only (save it as UTF-8 to fix it)\n"
    )
    assert result.returncode == 2
    assert (repo / "raci.yaml").read_bytes() == data


def test_a_linked_file_is_never_written_through(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "raci.yaml"
    outside.write_text(BROKEN, encoding="utf-8")
    (repo / "raci.yaml").unlink()
    os.symlink(outside, repo / "raci.yaml")
    result = run(["check", "--fix", "raci.yaml"], repo)
    assert result.returncode == 2
    assert "raci.yaml: not fixed: it is a symbolic link; raci-lint writes through no link" in (
        result.stderr
    )
    assert outside.read_text(encoding="utf-8") == BROKEN
    assert os.path.islink(repo / "raci.yaml")


def test_a_file_changed_during_the_run_is_refused(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    path = repo / "raci.yaml"
    options = LintOptions()
    outcome = fix_file(
        path, "raci.yaml", options, lambda data: lint_bytes(data, "raci.yaml", options, path, Run())
    )
    assert outcome.changed
    path.write_text(BROKEN + "# edited meanwhile\n", encoding="utf-8")
    assert write_fixed(outcome, options) == (
        "raci.yaml: not fixed: the file changed during the run; run raci-lint again"
    )
    assert path.read_text(encoding="utf-8") == BROKEN + "# edited meanwhile\n"


def test_stdin_cannot_be_fixed(repo: Path) -> None:
    result = run(["check", "--fix", "-"], repo, stdin=BROKEN)
    assert result.returncode == 2
    assert "name the file instead of '-' (stdin)" in result.stderr


def test_diff_of_stdin_says_why_it_needs_a_file(repo: Path) -> None:
    result = run(["check", "--diff", "-"], repo, stdin=BROKEN)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.endswith(
        "--diff compares the files it would fix, read again from disk: "
        "name the file instead of '-' (stdin)\n"
    )


def test_diff_cannot_go_with_fix(repo: Path) -> None:
    result = run(["check", "--fix", "--diff", "raci.yaml"], repo)
    assert result.returncode == 2
    assert (
        "--diff changes nothing; it cannot go with --fix, --fix-only or --add-suppressions"
        in result.stderr
    )


def test_the_baseline_holds_back_a_fix(repo: Path) -> None:
    assert run(["check", "--write-baseline", "baseline.json", "raci.yaml"], repo).returncode == 0
    result = run(["check", "--fix", "--baseline", "baseline.json", "raci.yaml"], repo)
    assert (repo / "raci.yaml").read_text(encoding="utf-8") == BROKEN
    assert result.returncode == 0


def test_the_rule_page_says_whether_a_fix_is_safe() -> None:
    page = run(["rule", "SUP001"], Path.cwd()).stdout
    assert (
        "## Fix\n\nFix is sometimes available (safe): remove the codes that suppress nothing, "
        "or the whole comment when none is left. Not for a malformed comment, whose intent "
        "is unknown. Applied by `check --fix`.\n"
    ) in page
    assert "Fix is sometimes available (unsafe)" in run(["rule", "RACI005"], Path.cwd()).stdout


CODEOWNERS_BEFORE = (
    "# hand-written\n* @root\n# BEGIN raci-lint\n/old/ @bob\n# END raci-lint\n/docs/ @carol\n"
)
OWNED = """\
version: 1
people:
  alice: {disciplines: [data-engineer], github: alice}
components:
  ingest:
    kind: ingestion
    paths: ["src/**"]
    raci: {responsible: [alice], accountable: alice}
"""


def codeowners_repo(tmp_path: Path) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.py").write_text("")
    (tmp_path / "raci.yaml").write_text(OWNED, encoding="utf-8")
    (tmp_path / "CODEOWNERS").write_text(CODEOWNERS_BEFORE, encoding="utf-8")
    return tmp_path


def test_path004_regenerates_the_block_and_nothing_else(tmp_path: Path) -> None:
    repo = codeowners_repo(tmp_path)
    result = run(["check", "--select", "PATH004", "--fix", "raci.yaml"], repo)
    assert (result.returncode, result.stdout) == (0, "Found 1 violation (1 fixed, 0 remaining).\n")
    assert (repo / "CODEOWNERS").read_text(encoding="utf-8") == (
        "# hand-written\n* @root\n# BEGIN raci-lint\n"
        "# Generated by raci-lint from the ownership files below; do not edit by hand.\n"
        "# Run `raci-lint codeowners --write` to update.\n\n"
        "# raci.yaml\nsrc/** @alice\n# END raci-lint\n/docs/ @carol\n"
    )
    assert run(["codeowners", "--check"], repo).returncode == 0


def test_path004_keeps_the_byte_order_mark_of_a_codeowners_file(tmp_path: Path) -> None:
    repo = codeowners_repo(tmp_path)
    (repo / "CODEOWNERS").write_bytes(codecs.BOM_UTF8 + CODEOWNERS_BEFORE.encode())
    result = run(["check", "--select", "PATH004", "--fix", "raci.yaml"], repo)
    assert (result.returncode, result.stderr) == (0, "")
    data = (repo / "CODEOWNERS").read_bytes()
    assert data.startswith(codecs.BOM_UTF8 + b"# hand-written\n* @root\n# BEGIN raci-lint\n")
    assert data.count(codecs.BOM_UTF8) == 1
    assert b"src/** @alice\n# END raci-lint\n/docs/ @carol\n" in data


def test_path004_never_writes_a_codeowners_link(tmp_path: Path) -> None:
    repo = codeowners_repo(tmp_path / "repo")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_text(CODEOWNERS_BEFORE, encoding="utf-8")
    (repo / "CODEOWNERS").unlink()
    os.symlink(elsewhere, repo / "CODEOWNERS")
    run(["check", "--select", "PATH004", "--fix", "raci.yaml"], repo)
    assert elsewhere.read_text(encoding="utf-8") == CODEOWNERS_BEFORE
    assert os.path.islink(repo / "CODEOWNERS")


def _patched(before: list[str], diff: str) -> list[str]:
    """Apply a unified diff (as printed) to lines: what `patch` would make."""
    result: list[str] = []
    position = 0
    for line in diff.splitlines(keepends=True)[2:]:
        if line.startswith("@@"):
            old = line.split()[1][1:]  # "-start,length": an empty range names the line before
            start = int(old.split(",")[0])
            start = start if old.endswith(",0") else start - 1
            result += before[position:start]
            position = start
        elif line.startswith(" "):
            result.append(line[1:])
            position += 1
        elif line.startswith("-"):
            position += 1
        elif line.startswith("+"):
            result.append(line[1:])
    return result + before[position:]


@given(
    st.lists(st.sampled_from(["a\n", "b\n", "c\n", "  raci:\n", "x\n"]), max_size=30),
    st.lists(st.tuples(st.integers(0, 30), st.sampled_from(["", "a\n", "new\n", "z\n"]))),
)
@settings(max_examples=300, deadline=None, derandomize=True)
def test_the_diff_patches_the_text_into_the_fixed_one(
    lines: list[str], changes: list[tuple[int, str]]
) -> None:
    after = list(lines)
    for index, replacement in changes:
        if index < len(after):
            after[index : index + 1] = [replacement] if replacement else []
    outcome = FileFix(Path("raci.yaml"), "raci.yaml", b"", "".join(lines), "")
    outcome.after = "".join(after)
    diff = unified_diff(outcome)
    if after == lines:
        assert diff == ""
        return
    assert _patched(lines, diff) == after
    expected = "".join(difflib.unified_diff(lines, after, "raci.yaml", "raci.yaml"))
    if len(changes) == 1:  # one change: difflib and the anchored diff agree
        assert diff == expected


def test_a_diff_of_ten_thousand_alike_components_takes_no_time() -> None:
    block = "  comp-{0}:\n    kind: ingestion\n    raci:\n      responsible: [alice]\n"
    before = "".join(block.format(index) for index in range(10_000))
    after = before.replace("comp-5000:\n    kind: ingestion", "comp-5000:\n    kind: Ingestion")
    outcome = FileFix(Path("raci.yaml"), "raci.yaml", b"", before, "")
    outcome.after = after
    started = time.perf_counter()
    diff = unified_diff(outcome)
    assert time.perf_counter() - started < 5  # difflib alone: minutes
    assert diff.splitlines()[2:8] == [
        "@@ -19999,7 +19999,7 @@",
        "     raci:",
        "       responsible: [alice]",
        "   comp-5000:",
        "-    kind: ingestion",
        "+    kind: Ingestion",
    ]


def test_a_file_outside_the_given_repository_root_is_not_fixed(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (tmp_path / "raci.yaml").write_text(BROKEN, encoding="utf-8")
    result = run(["check", "--fix", "--repo-root", "repo", "raci.yaml"], tmp_path)
    assert result.returncode == 2
    assert "raci.yaml: not fixed: it lies outside the repository (repo)" in result.stderr
    assert (tmp_path / "raci.yaml").read_text(encoding="utf-8") == BROKEN


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_fix_never_writes_through_a_committed_link_to_a_folder_elsewhere(tmp_path: Path) -> None:
    """The repository is the run's, not the one the file's real folder is in."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "raci.yaml").write_text(BROKEN, encoding="utf-8")
    repository = tmp_path / "repository"
    repository.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repository, check=True)
    (repository / "sub").symlink_to(outside)
    for named in (str(repository / "sub" / "raci.yaml"), "sub/raci.yaml"):
        result = run(["check", "--isolated", "--fix", "--unsafe-fixes", named], repository)
        assert result.returncode == 2, result.stderr
        assert "not fixed" in result.stderr
        assert (outside / "raci.yaml").read_text(encoding="utf-8") == BROKEN
