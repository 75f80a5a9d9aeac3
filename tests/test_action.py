"""action.yml: a composite GitHub Action whose gate is `raci-lint check`, as the
README shows it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BROKEN, CLEAN, ROOT, commit, git, git_repository

from raci_lint import __version__
from raci_lint.reporters import REPORTERS

ACTION: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def step(name: str) -> dict[str, Any]:
    (found,) = [s for s in STEPS if s["name"] == name]
    return found


def readme_gate_command() -> str:
    (command,) = re.findall(r"The gate\nstep runs\n\n```sh\n(.*)\n```", README)
    return str(command)


def test_the_action_has_what_github_requires() -> None:
    assert list(ACTION) == ["name", "description", "author", "branding", "inputs", "runs"]
    assert ACTION["name"] == "raci-lint"
    assert ACTION["runs"]["using"] == "composite"


def test_the_inputs_and_their_defaults() -> None:
    assert {name: spec["default"] for name, spec in ACTION["inputs"].items()} == {
        "paths": ".",
        "format": "github",
        "args": "",
        "version": "",
        "upload-sarif": "false",
        "diff-summary": "false",
    }
    assert all(spec["required"] is False for spec in ACTION["inputs"].values())
    assert all(spec["description"] for spec in ACTION["inputs"].values())
    assert ACTION["inputs"]["format"]["default"] in REPORTERS


def test_the_steps_in_order() -> None:
    assert [(s["name"], s.get("uses"), s.get("if")) for s in STEPS] == [
        ("Set up Python", "actions/setup-python@v5", None),
        ("Install raci-lint", None, None),
        ("Lint ownership files", None, None),
        (
            "Summarize ownership changes",
            None,
            "${{ always() && inputs.diff-summary == 'true' }}",
        ),
        (
            "Write SARIF for code scanning",
            None,
            "${{ always() && inputs.upload-sarif == 'true' }}",
        ),
        (
            "Upload SARIF",
            "github/codeql-action/upload-sarif@v3",
            "${{ always() && inputs.upload-sarif == 'true' }}",
        ),
    ]
    # A composite step that runs a script must name its shell.
    assert all(s["shell"] == "bash" for s in STEPS if "run" in s)


def test_no_input_is_pasted_into_a_script() -> None:
    for s in STEPS:
        if "run" in s:
            assert "${{" not in s["run"], s["name"]


def test_install_from_pypi_at_the_version_or_from_the_action_checkout() -> None:
    install = step("Install raci-lint")
    assert install["env"] == {
        "VERSION": "${{ inputs.version }}",
        "ACTION_PATH": "${{ github.action_path }}",
    }
    assert install["run"] == (
        'if [ -n "$VERSION" ]; then\n'
        '  python -m pip install "raci-lint==$VERSION"\n'
        "else\n"
        '  python -m pip install "$ACTION_PATH"\n'
        "fi\n"
    )


def test_the_gate_is_the_command_the_readme_shows() -> None:
    gate = step("Lint ownership files")
    assert gate["run"] == readme_gate_command() == 'raci-lint check --format "$FORMAT" $ARGS $PATHS'
    assert gate["env"] == {
        "FORMAT": "${{ inputs.format }}",
        "ARGS": "${{ inputs.args }}",
        "PATHS": "${{ inputs.paths }}",
    }
    # The gate keeps its exit code: nothing after it turns a failure into a pass.
    assert "continue-on-error" not in gate


def test_the_sarif_written_is_the_sarif_uploaded() -> None:
    write = step("Write SARIF for code scanning")
    assert write["run"] == (
        "raci-lint check --format sarif --output raci-lint.sarif --exit-zero $ARGS $PATHS"
    )
    assert step("Upload SARIF")["with"] == {
        "sarif_file": "raci-lint.sarif",
        "category": "raci-lint",
    }


def test_the_readme_uses_the_action_at_the_installed_version() -> None:
    ((tag, block),) = re.findall(
        r"- uses: raci-lint/raci-lint@(\S+)\n        with:\n((?:          .*\n)+)", README
    )
    assert tag == f"v{__version__}"
    written = yaml.safe_load(textwrap.dedent(block))
    assert written == {
        "version": __version__,
        "paths": ".",
        "args": "--strict",
        "upload-sarif": True,
    }
    assert set(written) <= set(ACTION["inputs"])


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's steps run in bash")
@pytest.mark.parametrize(
    ("text", "args", "code"),
    [(CLEAN, "", 0), (BROKEN, "", 1), (BROKEN, "--exit-zero", 0), ("version: 1\n", "", 1)],
)
def test_the_gate_step_exits_as_check_does(tmp_path: Path, text: str, args: str, code: int) -> None:
    (tmp_path / "raci.yaml").write_text(text, encoding="utf-8")
    environment = {
        key: value
        for key, value in os.environ.items()
        if key != "GITHUB_ACTIONS" and not key.startswith("RACI_LINT")
    }
    environment.update(
        PATH=str(Path(sys.executable).parent) + os.pathsep + environment.get("PATH", ""),
        FORMAT="concise",
        ARGS=args,
        PATHS=".",
    )
    gate = subprocess.run(
        ["bash", "-c", step("Lint ownership files")["run"]],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    check = subprocess.run(
        [sys.executable, "-m", "raci_lint", "check", "--format", "concise", *args.split(), "."],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (gate.returncode, gate.stdout) == (code, check.stdout)
    assert check.returncode == code


def _step_environment(**more: str) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("GITHUB_ACTIONS", "GITHUB_BASE_REF") and not key.startswith("RACI_LINT")
    }
    environment.update(
        PATH=str(Path(sys.executable).parent) + os.pathsep + environment.get("PATH", ""), **more
    )
    return environment


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's steps run in bash")
def test_the_summary_step_appends_the_markdown_diff_to_the_job_summary(tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo", {"raci.yaml": CLEAN})
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, {"raci.yaml": BROKEN}, "drop the Accountable")
    summary = tmp_path / "summary.md"
    summary.write_text("## Earlier steps\n", encoding="utf-8")
    environment = _step_environment(GITHUB_STEP_SUMMARY=str(summary), GITHUB_BASE_REF="main")
    git(root, "update-ref", "refs/remotes/origin/main", "main")  # as actions/checkout fetches it
    done = subprocess.run(
        ["bash", "-c", step("Summarize ownership changes")["run"]],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    expected = subprocess.run(
        [sys.executable, "-m", "raci_lint", "diff", "--format", "markdown"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert (done.returncode, done.stdout) == (0, "")
    assert summary.read_text(encoding="utf-8") == "## Earlier steps\n" + expected
    assert expected.startswith("### raci-lint: ownership changes (merge base with origin/main (")
    assert "- Accountable for **ingest**: alice → **nobody**\n" in expected


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's steps run in bash")
def test_a_summary_that_cannot_be_made_warns_and_never_fails_the_job(tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo", {"raci.yaml": CLEAN})
    git(root, "branch", "-m", "main", "trunk")  # a shallow checkout knows no base branch
    summary = tmp_path / "summary.md"
    done = subprocess.run(
        ["bash", "-c", step("Summarize ownership changes")["run"]],
        cwd=root,
        env=_step_environment(GITHUB_STEP_SUMMARY=str(summary)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout == (
        "::warning title=raci-lint diff::no ownership summary; fetch the base branch "
        "(actions/checkout with fetch-depth: 0)\n"
    )
    assert "raci-lint: error: no BASE given" in done.stderr
    assert summary.read_text(encoding="utf-8") == ""


def test_the_example_workflow_summarizes_pull_requests_with_the_base_fetched() -> None:
    workflow = yaml.safe_load((ROOT / "examples" / "ci" / "github-actions.yml").read_text())
    steps = workflow["jobs"]["raci-lint"]["steps"]
    assert steps[0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}}
    (summary,) = [s for s in steps if s.get("name") == "Summarize ownership changes"]
    assert summary == {
        "name": "Summarize ownership changes",
        "if": "always() && github.event_name == 'pull_request'",
        "run": 'raci-lint diff --format markdown --graph >> "$GITHUB_STEP_SUMMARY"',
    }
