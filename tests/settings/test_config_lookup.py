"""Looking up configurations and repository roots once per folder gives the same answers."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from raci_lint.reading import repository
from raci_lint.reading.repository import remembering_roots, repository_root
from raci_lint.settings.config import find_config


@pytest.fixture
def nested(tmp_path: Path) -> Path:
    """Repository `outer` with a configuration at its root and one in `outer/team`;
    repository `outer/vendor/inner` nested in it, with none of its own."""
    outer = tmp_path / "outer"
    for folder in ("a/b/c", "team/x/y", "vendor/inner/deep/er", "plain/d"):
        (outer / folder).mkdir(parents=True)
    (outer / ".git").mkdir()
    (outer / "vendor/inner/.git").mkdir()
    (outer / ".raci-lint.yaml").write_text("rules: {}\n")
    (outer / "team" / ".raci-lint.yaml").write_text("rules: {}\n")
    return outer


FOLDERS = ["a/b/c", "a/b", "team/x/y", "team", "vendor/inner/deep/er", "vendor", "plain/d", "."]


def test_the_answers_are_those_of_a_lookup_without_memory(nested: Path) -> None:
    expected = {
        "a/b/c": nested / ".raci-lint.yaml",
        "a/b": nested / ".raci-lint.yaml",
        "team/x/y": nested / "team/.raci-lint.yaml",
        "team": nested / "team/.raci-lint.yaml",
        "vendor/inner/deep/er": None,  # its repository is the inner one: the outer file is not its
        "vendor": nested / ".raci-lint.yaml",
        "plain/d": nested / ".raci-lint.yaml",
        ".": nested / ".raci-lint.yaml",
    }
    assert {folder: find_config(nested / folder) for folder in FOLDERS} == expected
    # In every order, one shared memory gives the same answers.
    for order in itertools.islice(itertools.permutations(FOLDERS), 0, None, 997):
        known: dict[Path, Path | None] = {}
        with remembering_roots():
            assert {folder: find_config(nested / folder, known) for folder in order} == expected


def test_roots_are_looked_up_once_per_folder_in_a_run(
    nested: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    looked: list[Path] = []
    real_exists = Path.exists

    def exists(self: Path, *args: object, **kwargs: object) -> bool:
        if self.name == ".git":
            looked.append(self.parent)
        return real_exists(self)

    monkeypatch.setattr(Path, "exists", exists)
    answers = {folder: repository_root(nested / folder) for folder in FOLDERS}
    without = len(looked)
    looked.clear()
    with remembering_roots():
        assert {folder: repository_root(nested / folder) for folder in FOLDERS} == answers
        assert {folder: repository_root(nested / folder) for folder in FOLDERS} == answers
    assert answers["vendor/inner/deep/er"] == nested / "vendor/inner"
    assert answers["a/b/c"] == nested
    assert len(looked) == len(set(looked)) < without
    # Past the run, nothing is remembered: a new `.git` is seen at once.
    (nested / "a/.git").mkdir()
    assert repository_root(nested / "a/b/c") == nested / "a"
    assert repository._RUN.roots is None
