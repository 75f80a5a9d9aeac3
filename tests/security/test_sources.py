"""The readers of sources treat the repository as hostile: nothing of it runs, nothing
outside it is read, whatever its links say."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from raci_lint.reading.loader import Limits
from raci_lint.reading.repository import FileTree, list_files
from raci_lint.sources.owners import Found
from raci_lint.sources.reader import read_sources


def read(root: Path, *names: str) -> Found:
    os.chdir(root)  # problems name files relative to the working folder
    return read_sources(root, FileTree(list_files(root)), names, Limits())


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def _back_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # restored after each test


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_a_link_out_of_the_repository_is_never_read(tmp_path: Path) -> None:
    outside = write(
        tmp_path / "outside",
        {"secret.py": "import dagster\n@asset(owners=['x@y.z'])\ndef a(): pass\n"},
    )
    root = write(tmp_path / "repo", {"dbt_project.yml": "name: p\n"})
    (root / "assets.py").symlink_to(outside / "secret.py")
    found = read(root, "dagster")
    assert found.declared == []
    assert found.problems == ["assets.py: the dagster reader skipped it: outside the root"]


def test_no_code_of_the_repository_is_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    root = write(
        tmp_path / "repo",
        {
            "assets.py": f"""\
                import dagster
                open({str(marker)!r}, "w").write("x")
                @dagster.asset(owners=["a@acme.io"])
                def a(): pass
            """,
        },
    )
    assert [entry.owner for entry in read(root, "dagster").declared] == ["a@acme.io"]
    assert not marker.exists()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_a_manifest_that_is_a_link_out_of_the_repository_is_never_read(tmp_path: Path) -> None:
    outside = write(tmp_path / "outside", {"manifest.json": '{"nodes": {}}'})
    root = write(tmp_path / "repo", {"dbt_project.yml": "name: p\n"})
    (root / "target").mkdir()
    (root / "target/manifest.json").symlink_to(outside / "manifest.json")
    found = read(root, "dbt")
    assert found.problems == ["target/manifest.json: the dbt reader skipped it: outside the root"]
