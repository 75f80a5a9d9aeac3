"""pre-commit and CI integration, checked against the real consumers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

BROKEN = textwrap.dedent(
    """\
    version: 1
    people:
      alice: {disciplines: [data-engineer]}
    components:
      ingest:
        kind: ingestion
        raci: {responsible: [alice]}
    """
)


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    env.pop("RACI_LINT_FORMAT", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_hooks_manifest_is_valid(tmp_path: Path) -> None:
    result = pre_commit("validate-manifest", ".pre-commit-hooks.yaml", cwd=ROOT, home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hooks_manifest_declares_the_spec_hooks() -> None:
    hooks = {
        hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    }
    lint = hooks["raci-lint"]
    assert lint["entry"] == "raci-lint check --force-exclude"
    assert lint["language"] == "python"
    assert lint["files"] == r"(\.ya?ml|(^|/)pyproject\.toml)$"
    assert lint["pass_filenames"] is True
    assert lint["require_serial"] is True
    owners = hooks["raci-lint-codeowners"]
    assert owners["pass_filenames"] is False
    assert owners["always_run"] is True


def test_hook_files_pattern_matches_ownership_files_and_what_they_depend_on() -> None:
    import re

    pattern = re.compile(yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())[0]["files"])
    assert all(
        pattern.search(path)
        for path in (
            "raci.yaml",
            "raci.yml",
            "a/b/raci.yaml",
            "svc/billing.raci.yml",
            "org/people.yaml",
            ".raci-lint.yaml",
            ".raci-lint.yml",
            "pyproject.toml",
            "sub/pyproject.toml",
            "taxonomy.yml",
        )
    )
    assert not any(
        pattern.search(path)
        for path in ("raci.yaml.bak", "docs/raci.md", "mypyproject.toml", "setup.cfg")
    )


def test_project_config_is_valid_and_installs_from_pypi_only(tmp_path: Path) -> None:
    result = pre_commit("validate-config", ".pre-commit-config.yaml", cwd=ROOT, home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = []
    for repo in config["repos"]:
        assert repo["repo"] == "local"
        hooks.extend(repo["hooks"])
    assert {hook["id"] for hook in hooks} == {
        "ruff",
        "ruff-format",
        "import-linter",
        "raci-lint-ml-platform",
        "raci-lint-monorepo",
        "raci-lint-custom-taxonomy",
    }
    for hook in hooks:
        assert hook["language"] == "python"
        assert hook["additional_dependencies"]
        assert all("==" in dependency for dependency in hook["additional_dependencies"])


def test_ci_snippets_wire_the_formats() -> None:
    workflow = yaml.safe_load((ROOT / "examples" / "ci" / "github-actions.yml").read_text())
    steps = workflow["jobs"]["raci-lint"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "raci-lint check" in runs
    assert "raci-lint check --format sarif --output raci-lint.sarif --exit-zero" in runs
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    assert upload["with"]["sarif_file"] == "raci-lint.sarif"
    assert workflow["permissions"]["security-events"] == "write"
    gitlab = yaml.safe_load((ROOT / "examples" / "ci" / "gitlab-ci.yml").read_text())
    job = gitlab["raci-lint"]
    assert "raci-lint check --format gitlab --output gl-code-quality-report.json" in job["script"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"


def _git(*args: str, cwd: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_try_repo_end_to_end(tmp_path: Path) -> None:
    """A user's repository with a broken raci.yaml: the hook fails, then passes once fixed."""
    project = tmp_path / "project"
    project.mkdir()
    _git("init", "-q", cwd=project)
    (project / "raci.yaml").write_text(BROKEN)
    _git("add", "raci.yaml", cwd=project)
    home = tmp_path / "pre-commit-home"
    failed = pre_commit("try-repo", str(ROOT), "raci-lint", "--all-files", cwd=project, home=home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert (
        "raci.yaml:5:3: RACI001 [error] component 'ingest' has no Accountable" in failed.stdout
    ), failed.stdout
    (project / "raci.yaml").write_text(
        BROKEN.replace("{responsible: [alice]}", "{responsible: [alice], accountable: alice}")
    )
    _git("add", "raci.yaml", cwd=project)
    passed = pre_commit("try-repo", str(ROOT), "raci-lint", "--all-files", cwd=project, home=home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "raci-lint" in passed.stdout and "Passed" in passed.stdout


def test_project_hooks_pass_on_the_clean_examples() -> None:
    """What the project's own raci-lint hooks run, run here from the sources."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    entries = [
        hook["entry"]
        for repo in config["repos"]
        for hook in repo["hooks"]
        if hook["id"].startswith("raci-lint")
    ]
    assert len(entries) == 3
    for entry in entries:
        command = entry.split()
        assert command[:2] == ["python", "scripts/run_from_source.py"]
        result = subprocess.run(
            [sys.executable, *command[1:]], cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, entry + "\n" + result.stdout + result.stderr


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the end-to-end tests below: the hook is installed once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _repository(tmp_path: Path, files: dict[str, str]) -> Path:
    project = tmp_path / "project"
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text)
    _git("init", "-q", cwd=project)
    _git("add", ".", cwd=project)
    _git("commit", "-q", "-m", "start", cwd=project)
    return project


FIXED = BROKEN.replace("{responsible: [alice]}", "{responsible: [alice], accountable: alice}")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_try_repo_skips_a_file_the_configuration_excludes(tmp_path: Path, hook_home: Path) -> None:
    """pre-commit names archive/raci.yaml; --force-exclude applies `exclude` to it."""
    project = _repository(
        tmp_path,
        {
            "raci.yaml": FIXED,
            "archive/raci.yaml": BROKEN,
            ".raci-lint.yaml": 'exclude: ["archive/**"]\n',
        },
    )
    passed = pre_commit(
        "try-repo", str(ROOT), "raci-lint", "--all-files", cwd=project, home=hook_home
    )
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "raci-lint" in passed.stdout and "Passed" in passed.stdout
    assert "RACI001" not in passed.stdout


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


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_try_repo_checks_the_files_that_include_a_changed_roster(
    tmp_path: Path, hook_home: Path
) -> None:
    """Removing a person from a shared roster, staging only the roster: the service fails."""
    project = _repository(tmp_path, {"org/people.yaml": ROSTER, "billing/raci.yaml": SERVICE})
    (project / "org" / "people.yaml").write_text(
        ROSTER.replace("  bob: {disciplines: [ml-engineer]}\n", "")
    )
    _git("add", "org/people.yaml", cwd=project)
    failed = pre_commit("try-repo", str(ROOT), "raci-lint", cwd=project, home=hook_home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert (
        "billing/raci.yaml:6:47: REF001 [error] component 'ingest' names 'bob' as Accountable, "
        "but no person or team has that id (unknown-reference)\n"
        "  hint: declare it under people or teams, or fix the spelling\n"
        "Found 1 error in 1 file.\n"
    ) in failed.stdout, failed.stdout
    assert "(no files to check)" not in failed.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_try_repo_fix_hook_applies_the_safe_fixes(tmp_path: Path, hook_home: Path) -> None:
    """raci-lint-fix writes the safe fix and fails (a file changed); the next run passes."""
    written = FIXED.replace("kind: ingestion", "kind: Ingestion")
    project = _repository(tmp_path, {"raci.yaml": written})
    first = pre_commit(
        "try-repo", str(ROOT), "raci-lint-fix", "--all-files", cwd=project, home=hook_home
    )
    assert first.returncode == 1, first.stdout + first.stderr
    assert "Found 1 violation (1 fixed, 0 remaining)." in first.stdout, first.stdout
    assert "files were modified by this hook" in first.stdout, first.stdout
    assert (project / "raci.yaml").read_text() == FIXED
    _git("add", "raci.yaml", cwd=project)
    second = pre_commit(
        "try-repo", str(ROOT), "raci-lint-fix", "--all-files", cwd=project, home=hook_home
    )
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout


def test_the_fix_hook_is_the_check_hook_with_fix() -> None:
    hooks = {
        hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    }
    fix, lint = hooks["raci-lint-fix"], hooks["raci-lint"]
    assert fix["entry"] == "raci-lint check --fix --force-exclude"
    assert {k: v for k, v in fix.items() if k not in ("id", "name", "description", "entry")} == {
        k: v for k, v in lint.items() if k not in ("id", "name", "description", "entry")
    }
