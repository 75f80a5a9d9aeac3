"""Reading a git revision: fixed argv, bounded reads, links resolved as the working tree would."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import commit, git, git_repository

from raci_lint.reading.files import FOLDER, MISSING, NOT_REGULAR, OUTSIDE, Unreadable
from raci_lint.reading.revision import Revision, RevisionError, default_base


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    root = git_repository(
        tmp_path / "repo",
        {
            "raci.yaml": "version: 1\n",
            "org/people.yaml": "version: 1\npeople: {}\n",
            "a b/c:d.txt": "x",
        },
    )
    os.symlink("./org/../org/people.yaml", root / "org-link.yaml")
    os.symlink("/etc/passwd", root / "passwd.yaml")
    os.symlink("../../outside.yaml", root / "org" / "up.yaml")
    os.symlink("loop-b", root / "loop-a")
    os.symlink("loop-a", root / "loop-b")
    os.symlink("org", root / "folder-link")
    commit(root, {}, "links")
    # What the working tree holds afterwards is not what the revision holds.
    (root / "raci.yaml").write_text("version: 2\n", encoding="utf-8")
    return root


def test_files_and_bytes_are_the_revisions_not_the_working_trees(repository: Path) -> None:
    revision = Revision(repository, "HEAD")
    assert revision.files(repository) == [
        "a b/c:d.txt",
        "folder-link",
        "loop-a",
        "loop-b",
        "org-link.yaml",
        "org/people.yaml",
        "org/up.yaml",
        "passwd.yaml",
        "raci.yaml",
    ]
    assert revision.files(repository / "org") == ["people.yaml", "up.yaml"]
    assert revision.read(repository / "raci.yaml", 100) == b"version: 1\n"
    assert revision.read(repository / "a b" / "c:d.txt", 100) == b"x"
    assert len(revision.commit) == 40


def test_links_are_followed_inside_the_tree_and_refused_out_of_it(repository: Path) -> None:
    revision = Revision(repository, "HEAD")
    assert (
        revision.resolve(repository / "org-link.yaml") == repository.resolve() / "org/people.yaml"
    )
    assert revision.read(repository / "org-link.yaml", 100) == b"version: 1\npeople: {}\n"
    assert revision.read(repository / "folder-link" / "people.yaml", 100).startswith(b"version")
    for name, reason in [
        ("passwd.yaml", OUTSIDE),
        ("org/up.yaml", OUTSIDE),
        ("org", FOLDER),
        ("missing.yaml", MISSING),
    ]:
        with pytest.raises(Unreadable) as raised:
            revision.read(repository / name, 100)
        assert raised.value.reason == reason, name
    with pytest.raises(Unreadable, match="a loop of symbolic links"):
        revision.read(repository / "loop-a", 100)
    # Confined to a root below the top level too.
    with pytest.raises(Unreadable) as raised:
        revision.open_inside(repository / "org-link.yaml", repository / "elsewhere")
    assert raised.value.reason == OUTSIDE


def test_a_submodule_is_not_a_regular_file(tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo", {"raci.yaml": "version: 1\n"})
    head = git(root, "rev-parse", "HEAD").strip()
    git(root, "update-index", "--add", "--cacheinfo", f"160000,{head},vendor")
    git(root, "commit", "-q", "-m", "submodule")
    with pytest.raises(Unreadable) as raised:
        Revision(root, "HEAD").read(root / "vendor", 100)
    assert raised.value.reason == NOT_REGULAR


def test_a_blob_over_the_limit_is_never_read(repository: Path) -> None:
    revision = Revision(repository, "HEAD")
    with revision.open_inside(repository / "raci.yaml", repository) as opened:
        assert opened.size() == 11
        assert len(opened.read(5)) == 6  # one byte past the limit: over it, unread


@pytest.mark.parametrize("rev", ["-h", "--output=/tmp/x", "", "a\0b", "HEAD\n"])
def test_a_revision_git_could_take_for_an_option_is_refused(repository: Path, rev: str) -> None:
    with pytest.raises(RevisionError) as raised:
        Revision(repository, rev)
    assert raised.value.messages[0].endswith("is not a revision; name a branch, tag or commit")


def test_an_unknown_revision_and_a_folder_outside_git(repository: Path, tmp_path: Path) -> None:
    with pytest.raises(RevisionError) as raised:
        Revision(repository, "no-such")
    assert raised.value.messages == [
        "unknown revision 'no-such': no commit of this repository has that name"
    ]
    with pytest.raises(RevisionError) as raised:
        Revision(repository, "HEAD:raci.yaml")  # a blob, not a commit
    assert "unknown revision" in raised.value.messages[0]
    outside = tmp_path / "plain"
    outside.mkdir()
    with pytest.raises(RevisionError) as raised:
        Revision(outside, "HEAD")
    assert raised.value.messages == [
        f"{outside}: not a git repository, so it has no revision 'HEAD'"
    ]


def test_the_default_base_is_the_merge_base_with_the_default_branch(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    first = git(repository, "rev-parse", "HEAD").strip()
    git(repository, "checkout", "-q", "-b", "feature")
    commit(repository, {"more.txt": "x"}, "more")
    assert default_base(repository) == (first, "main")
    git(repository, "branch", "-q", "release", first)
    monkeypatch.setenv("GITHUB_BASE_REF", "release")
    git(repository, "update-ref", "refs/remotes/origin/release", first)
    assert default_base(repository) == (first, "origin/release")
    git(repository, "branch", "-q", "-m", "main", "trunk")
    git(repository, "update-ref", "-d", "refs/remotes/origin/release")
    assert default_base(repository) is None


def test_a_link_git_holds_but_no_system_would_follow_is_unreadable(tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo", {"raci.yaml": "version: 1\n"})
    for name, target in [("long.yaml", "a/" * 3000), ("nul.yaml", "raci.yaml\0x")]:
        blob = (
            subprocess.run(
                ["git", "-C", str(root), "hash-object", "-w", "--stdin"],
                input=target.encode(),
                capture_output=True,
                check=True,
            )
            .stdout.decode()
            .strip()
        )
        git(root, "update-index", "--add", "--cacheinfo", f"120000,{blob},{name}")
    git(root, "commit", "-q", "-m", "links no system makes")
    revision = Revision(root, "HEAD")
    for name in ("long.yaml", "nul.yaml"):
        with pytest.raises(Unreadable) as raised:
            revision.read(root / name, 100)
        assert raised.value.reason == "a symbolic link that names no path"


def test_a_root_named_through_a_link_of_the_machine(repository: Path, tmp_path: Path) -> None:
    alias = tmp_path / "alias"
    os.symlink(repository, alias)
    revision = Revision(alias, "HEAD")
    assert revision.files(alias / "org") == ["people.yaml", "up.yaml"]
    assert revision.read(alias / "raci.yaml", 100) == b"version: 1\n"
