"""The repository's file list and the pattern matcher, on hostile trees and patterns."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from raci_lint.reading import repository
from raci_lint.reading.repository import (
    FileTree,
    is_plain_path,
    list_files,
    parse_pattern,
    read_git_index,
)

POSIX = os.name == "posix"


def _matched(paths: list[str], pattern: str) -> list[str]:
    found = list(FileTree(paths).match(parse_pattern(pattern)))
    assert len(found) == len(set(found)), found  # each file once
    return sorted(found)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("**/**/**/**/**/**/**/zzz", ["a/b/zzz", "zzz"]),
        ("**/zzz", ["a/b/zzz", "zzz"]),
        ("a/**/**/zzz", ["a/b/zzz"]),
        ("a/**/b/**/zzz", ["a/b/zzz"]),  # each `**` spans no folder
        ("**/b/**", ["a/b/c.txt", "a/b/zzz"]),
        ("**/b/*", ["a/b/c.txt", "a/b/zzz"]),
        ("**/b/", ["a/b/c.txt", "a/b/zzz"]),
        ("/*/b/", ["a/b/c.txt", "a/b/zzz"]),
        ("/*/b", ["a/b/c.txt", "a/b/zzz"]),  # a literal last segment: file or folder
        ("/*/*", []),  # `*` last: the files in the folder, not below
        ("/*/*/", ["a/b/c.txt", "a/b/zzz"]),
        ("**/*.txt", ["a/b/c.txt", "top.txt"]),
        ("**/**/", ["a/b/c.txt", "a/b/zzz"]),  # folders only: not the files at the root
        ("/a/?", ["a/b/c.txt", "a/b/zzz"]),  # a wildcard last segment matches a folder too
    ],
)
def test_double_star_matches_as_before(pattern: str, expected: list[str]) -> None:
    assert _matched(["a/b/c.txt", "a/b/zzz", "top.txt", "zzz"], pattern) == expected


def test_consecutive_double_stars_collapse_when_parsed() -> None:
    assert parse_pattern("**/**/**/**/**/**/**/zzz").segments == ("**", "zzz")
    assert parse_pattern("a/**/**/b/**/**").segments == ("a", "**", "b", "**")
    # `..` is resolved first, as before: `**/**/..` leaves one `**`.
    assert parse_pattern("**/**/../x").segments == ("**", "x")


def _calls_to_fullmatch(paths: list[str], pattern: Any) -> int:
    """How many segment comparisons the matcher makes (each costs one regex call)."""
    tree = FileTree(paths)
    calls = 0
    regex = repository._segment_regex

    class Counting:
        def __init__(self, compiled: Any) -> None:
            self.compiled = compiled

        def fullmatch(self, name: str) -> Any:
            nonlocal calls
            calls += 1
            return self.compiled.fullmatch(name)

    original = repository._segment_regex
    repository._segment_regex = lambda segment: Counting(regex(segment))  # type: ignore[assignment]
    try:
        list(tree.match(pattern))
    finally:
        repository._segment_regex = original
    return calls


def test_many_double_stars_over_a_deep_tree_cost_the_depth_not_an_exponential() -> None:
    """`**` segments are states, not branches: the work grows with the depth, polynomially."""
    # Not collapsed (built by hand): `**/x*/**/x*/**/x*/**/zzz*` keeps every state.
    segments = ("**", "x*", "**", "x*", "**", "x*", "**", "zzz*")
    pattern = repository.Pattern("", segments, False, False, False)
    counts = []
    for depth in (20, 40):
        path = "/".join(["x"] * depth) + "/file"
        counts.append(_calls_to_fullmatch([path], pattern))
    # Each folder is tried against at most each of the 8 segments once.
    assert counts[1] <= 8 * 42
    assert counts[1] / counts[0] < 2.5, counts  # backtracking would be ~(40/20)^3 or worse


def test_a_thousand_deep_tree_and_a_long_pattern_raise_nothing() -> None:
    deep = "/".join(f"d{i}" for i in range(1500)) + "/leaf.py"
    tree = FileTree([deep, "top.py"])
    assert list(tree.match(parse_pattern("**/leaf.py"))) == [deep]
    assert list(tree.match(parse_pattern("d0/**/d1499/*.py"))) == [deep]
    assert list(tree.match(parse_pattern("d1499/"))) == [deep]
    assert list(tree.match(parse_pattern("/" + "/".join(["*"] * 1500) + "/leaf.py"))) == [deep]
    assert list(tree.match(parse_pattern("/" + "/".join(["**"] * 3000) + "/leaf.py"))) == [deep]
    long = "/".join(["**", "d*"] * 2000) + "/leaf.py"
    assert list(tree.match(parse_pattern(long))) == []


def test_nested_folders_of_one_name_list_each_file_once() -> None:
    # `a` floats: every folder named a, the nested ones included, covers its files.
    deep = "/".join(["a"] * 1200) + "/f.py"
    assert _matched([deep, "b/a/g.py", "a-b/h.py"], "a/") == [deep, "b/a/g.py"]


@pytest.mark.parametrize(
    "name",
    [
        "../x",
        "a/../../x",
        "/etc/passwd",
        "a//b",
        "./a",
        "a/.",
        "",
        "a\nb",
        "a\x1b[2Jb",
        "\x85",
        "..\\x",
    ],
)
def test_names_that_are_not_plain_paths_are_refused(name: str) -> None:
    assert not is_plain_path(name)


@pytest.mark.parametrize("name", ["a", "a/b.py", "docs/ü n.md", "..a/b..", ".github/CODEOWNERS"])
def test_plain_paths_are_kept(name: str) -> None:
    assert is_plain_path(name)


def _index(names: list[bytes]) -> bytes:
    """A version 2 git index holding ``names`` (no extension, a dummy checksum)."""
    entries = b""
    for name in names:
        entry = bytes(24) + struct.pack(">I", 0o100644) + bytes(32) + struct.pack(">H", len(name))
        entry += name
        entry += b"\0" * (8 - (len(entry) % 8))
        entries += entry
    return b"DIRC" + struct.pack(">II", 2, len(names)) + entries + bytes(20)


def test_a_hostile_git_index_names_nothing_outside_the_root(tmp_path: Path) -> None:
    git = tmp_path / ".git"
    git.mkdir()
    (git / "config").write_text("[core]\n")
    names = [b"../outside.py", b"/etc/passwd", b"a/../../b", b"ok.py", b"bad\x1b[2J.py", b"x/./y"]
    (git / "index").write_bytes(_index(names))
    assert read_git_index(tmp_path) == ["ok.py"]
    assert list_files(tmp_path) == ["ok.py"]


@pytest.mark.skipif(not POSIX, reason="fifos")
def test_a_fifo_for_the_git_index_never_blocks(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("")
    os.mkfifo(tmp_path / ".git" / "index")
    (tmp_path / "a.py").write_text("")
    assert read_git_index(tmp_path) is None


def test_git_ls_files_names_are_checked_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    listed = b"ok.py\0../up.py\0/abs.py\0new\nline.py\0sub/../../x\0"

    def ls_files(*args: object, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        return subprocess.CompletedProcess(args, 0, listed, b"")

    monkeypatch.setattr(subprocess, "run", ls_files)
    assert list_files(tmp_path) == ["ok.py"]


@pytest.mark.skipif(not POSIX, reason="symbolic links")
def test_the_walk_lists_links_as_files_and_never_leaves_the_root(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "secret").mkdir(parents=True)
    (outside / "secret" / "key.pem").write_text("")
    root = tmp_path / "repo"
    (root / "src").mkdir(parents=True)
    (root / "src" / "main.py").write_text("")
    (root / "src" / "up").symlink_to(outside)
    (root / "slash").symlink_to("/")
    (root / "loop1").symlink_to(root / "loop2")
    (root / "loop2").symlink_to(root / "loop1")
    (root / "self").symlink_to(root)
    (root / "dangling").symlink_to(root / "nowhere")
    os.mkfifo(root / "fifo")
    if repository.repository_root(root) is not None:
        pytest.skip("the temporary folder is inside a git repository")
    assert list_files(root) == [
        "dangling",
        "loop1",
        "loop2",
        "self",
        "slash",
        "src/main.py",
        "src/up",
    ]


def test_the_walk_survives_a_thousand_deep_tree(tmp_path: Path) -> None:
    if repository.repository_root(tmp_path) is not None:
        pytest.skip("the temporary folder is inside a git repository")
    folders = [str(tmp_path)]
    try:
        for _ in range(1000):  # one level at a time: makedirs itself recurses
            folders.append(folders[-1] + "/d")
            os.mkdir(folders[-1])
        Path(folders[-1], "leaf.py").write_text("")
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(200)  # a recursive walk would need a frame per level
        try:
            listed = list_files(tmp_path)
        finally:
            sys.setrecursionlimit(limit)
        assert listed == ["/".join(["d"] * 1000) + "/leaf.py"]
    finally:
        # Bottom up, by hand: shutil.rmtree (pytest's clean-up) recurses too.
        Path(folders[-1], "leaf.py").unlink(missing_ok=True)
        for folder in reversed(folders[1:]):
            if os.path.isdir(folder):
                os.rmdir(folder)


@pytest.mark.skipif(not POSIX, reason="backslashes and control characters in file names")
def test_the_walk_keeps_the_names_a_git_index_would_keep(tmp_path: Path) -> None:
    """Outside git, a name is checked once, as its folder lists it, with the index's rule."""
    names = ["ok.py", "a\\b.py", "..\\up.py", "bad\x1b[2J.py", "line\nbreak.py", "x\\.\\y"]
    for name in names:
        (tmp_path / "sub" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "sub" / name).write_text("")
    (tmp_path / "esc\x1bape").mkdir()
    (tmp_path / "esc\x1bape" / "hidden.py").write_text("")
    assert list_files(tmp_path) == ["sub/a\\b.py", "sub/ok.py"]
    assert list_files(tmp_path) == sorted(
        path for path in [f"sub/{name}" for name in names] if is_plain_path(path)
    )
