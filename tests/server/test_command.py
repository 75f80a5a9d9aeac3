"""`raci-lint server` as a command: its one line without pygls, and no cost to `check`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import CLEAN, run


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_without_pygls_the_server_says_how_to_install_it_and_exits_2(tmp_path: Path) -> None:
    # None in sys.modules is how Python is told a module is not there.
    result = _python(
        "import sys\n"
        "sys.modules['pygls'] = None\n"
        "from raci_lint.cli import main\n"
        "sys.exit(main(['server']))\n",
        tmp_path,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "raci-lint: error: the language server needs pygls: pip install 'raci-lint[server]'\n"
    )


def test_check_imports_neither_pygls_nor_the_server(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text(CLEAN, encoding="utf-8")
    result = _python(
        "import sys\n"
        "from raci_lint.cli import main\n"
        "code = main(['check', 'raci.yaml'])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')"
        " or m.startswith('raci_lint.server'))\n"
        "print(code, loaded)\n",
        tmp_path,
    )
    assert result.stdout.splitlines()[-1] == "0 []"


def test_the_command_is_listed_with_its_help(tmp_path: Path) -> None:
    listed = run(["--help"], tmp_path)
    assert "  server " in listed.stdout
    helped = run(["server", "--help"], tmp_path)
    assert helped.returncode == 0
    assert "Run the language server (LSP over stdio), for editors." in helped.stdout
