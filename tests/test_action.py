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
from conftest import BROKEN, CLEAN, ROOT

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
