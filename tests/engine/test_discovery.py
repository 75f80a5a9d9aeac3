"""Discovery in a hostile repository: deep folders, symbolic links, loops."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

import pytest
from conftest import CLEAN, run

from raci_lint.engine.discovery import SKIPPED_FOLDERS, discover

PATTERNS = ("raci.yaml", "raci.yml", "*.raci.yaml", "*.raci.yml")


def deep_folder(top: Path, depth: int) -> Path:
    """``top/d/d/.../d``, made one level at a time (os.makedirs recurses)."""
    current = top
    for _ in range(depth):
        current = current / "d"
        current.mkdir()
    return current


def remove_deep_folder(top: Path, depth: int) -> None:
    """Remove what :func:`deep_folder` made, deepest first (shutil.rmtree recurses)."""
    folders = [top]
    for _ in range(depth):
        folders.append(folders[-1] / "d")
    for folder in reversed(folders[1:]):
        for entry in folder.iterdir():
            entry.unlink()
        folder.rmdir()


def walked(folder: Path) -> list[Path]:
    """What discovery found when it was os.walk: the order to keep."""
    found = []
    for current, folders, files in os.walk(folder):
        folders[:] = sorted(
            name
            for name in folders
            if name not in SKIPPED_FOLDERS
            and not os.path.exists(os.path.join(current, name, "pyvenv.cfg"))
        )
        for name in sorted(files):
            if any(fnmatch.fnmatchcase(name, pattern) for pattern in PATTERNS):
                found.append(Path(current) / name)
    return found


def test_folders_a_thousand_deep_are_searched(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (deep_folder(tmp_path, 1000) / "raci.yaml").write_text(CLEAN)
    (tmp_path / "raci.yaml").write_text(CLEAN)
    try:
        found_and_checked(tmp_path)
    finally:
        remove_deep_folder(tmp_path, 1000)


def found_and_checked(tmp_path: Path) -> None:
    found = discover(tmp_path, PATTERNS)
    assert [len(path.relative_to(tmp_path).parts) for path in found] == [1, 1001]
    # Without the PATH rules: they list the repository's files, a walk of
    # reading/repository.py and not discovery's.
    result = run(["check", "--ignore", "PATH"], tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "All checks passed: 2 files checked.\n",
        "",
    )


def test_the_order_is_the_order_of_os_walk(tmp_path: Path) -> None:
    for folder in ("b", "a/z", "a/b/c", "B", "_x", "a/node_modules", "venv2", "a/.git"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "venv2" / "pyvenv.cfg").write_text("")
    for file in (
        "raci.yaml",
        "team.raci.yaml",
        "b/raci.yml",
        "a/raci.yaml",
        "a/z/x.raci.yml",
        "a/b/c/raci.yaml",
        "a/b/raci.yaml",
        "B/raci.yaml",
        "_x/raci.yaml",
        "a/node_modules/raci.yaml",
        "venv2/raci.yaml",
        "a/.git/raci.yaml",
        "a/notes.yaml",
    ):
        (tmp_path / file).write_text(CLEAN)
    found = discover(tmp_path, PATTERNS)
    assert found == walked(tmp_path)
    assert [path.relative_to(tmp_path).as_posix() for path in found] == [
        "raci.yaml",
        "team.raci.yaml",
        "B/raci.yaml",
        "_x/raci.yaml",
        "a/raci.yaml",
        "a/b/raci.yaml",
        "a/b/c/raci.yaml",
        "a/z/x.raci.yml",
        "b/raci.yml",
    ]


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    """A repository whose symbolic links point out of it, back into it, and at each other."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "raci.yaml").write_text(CLEAN)
    repository = tmp_path / "repository"
    (repository / ".git").mkdir(parents=True)
    (repository / "team").mkdir()
    (repository / "team" / "raci.yaml").write_text(CLEAN)
    (repository / "elsewhere").symlink_to(outside, target_is_directory=True)
    (repository / "team" / "up").symlink_to("..", target_is_directory=True)
    (repository / "again").symlink_to("team", target_is_directory=True)
    (repository / "itself").symlink_to("itself")
    (repository / "x").symlink_to("y")
    (repository / "y").symlink_to("x")
    return repository


def test_symlinked_folders_are_never_followed(linked: Path) -> None:
    assert discover(linked, PATTERNS) == [linked / "team" / "raci.yaml"]
    result = run(["check"], linked)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "All checks passed: 1 file checked.\n",
        "",
    )


def test_a_symlinked_folder_is_never_followed_even_deep_down(tmp_path: Path) -> None:
    bottom = deep_folder(tmp_path, 50)
    (bottom / "loop").symlink_to(tmp_path, target_is_directory=True)
    (bottom / "raci.yaml").write_text(CLEAN)
    assert discover(tmp_path, PATTERNS) == [bottom / "raci.yaml"]


def test_a_folder_that_cannot_be_listed_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "raci.yaml").write_text(CLEAN)
    (tmp_path / "raci.yaml").write_text(CLEAN)
    scandir = os.scandir

    def refusing(path: str) -> object:
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    assert discover(tmp_path, PATTERNS) == [tmp_path / "raci.yaml"]
