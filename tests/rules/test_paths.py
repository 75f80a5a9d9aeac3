"""CODEOWNERS-style patterns and the PATH rules."""

from __future__ import annotations

import json
import os
import random
import subprocess
from pathlib import Path

import pytest
from conftest import run

from raci_lint.engine.lint import lint_text
from raci_lint.reading.repository import FileTree, PatternError, list_files, parse_pattern
from raci_lint.settings.options import LintOptions

FILES = [
    "README.md",
    "apps/x/y.py",
    "docs/a.md",
    "docs/build/b.md",
    "services/api/main.py",
    "services/api/sub/deep.py",
    "src/apps/z.js",
    "x.js",
]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("docs/*", ["docs/a.md"]),  # as on GitHub: not the nested files
        ("docs/", ["docs/a.md", "docs/build/b.md"]),
        ("/docs", ["docs/a.md", "docs/build/b.md"]),
        ("docs/**", ["docs/a.md", "docs/build/b.md"]),
        ("apps/", ["apps/x/y.py", "src/apps/z.js"]),  # a folder at any depth
        ("/apps/", ["apps/x/y.py"]),
        ("**/apps", ["apps/x/y.py", "src/apps/z.js"]),
        ("*.js", ["src/apps/z.js", "x.js"]),
        ("/*.js", ["x.js"]),
        ("services/api/**", ["services/api/main.py", "services/api/sub/deep.py"]),
        ("/services/**/deep.py", ["services/api/sub/deep.py"]),
        ("src/**/*.js", ["src/apps/z.js"]),
        ("README.md", ["README.md"]),
        ("services/a*/main.py", ["services/api/main.py"]),
        ("nothing/**", []),
        ("*", FILES),
        ("/", FILES),
        (".", FILES),
        ("services/api/../api/main.py", ["services/api/main.py"]),
    ],
)
def test_patterns_match_as_codeowners_does(pattern: str, expected: list[str]) -> None:
    assert sorted(set(FileTree(FILES).match(parse_pattern(pattern)))) == expected


@pytest.mark.parametrize("pattern", ["../x/**", "/../x", "a/../../b", ".."])
def test_patterns_that_climb_out(pattern: str) -> None:
    with pytest.raises(PatternError):
        parse_pattern(pattern)


def test_files_from_git_ls_files(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "tracked.py").write_text("")
    (tmp_path / "untracked.py").write_text("")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.py").write_text("")
    subprocess.run(["git", "add", "tracked.py", "sub/deep.py"], cwd=tmp_path, check=True)
    assert list_files(tmp_path) == ["sub/deep.py", "tracked.py"]
    assert list_files(tmp_path / "sub") == ["deep.py"]


def test_walk_without_git_skips_dot_git_and_survives_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f.txt").write_text("")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("")
    # As git tracks a committed link: the link itself, as a file, never followed.
    assert list_files(tmp_path / "a") == ["f.txt", "loop"]


def _project(tmp_path: Path, components: str, files: list[str]) -> Path:
    for name in files:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")
    head = (
        "version: 1\npeople:\n  alice: {disciplines: [data-engineer, ml-engineer]}\ncomponents:\n"
    )
    (tmp_path / "raci.yaml").write_text(head + components)
    return tmp_path


def _component(name: str, paths: str) -> str:
    return (
        f"  {name}:\n    kind: ingestion\n    paths: {paths}\n"
        "    raci: {responsible: [alice], accountable: alice}\n"
    )


def codes(project: Path, *args: str) -> list[tuple[str, int, int, str]]:
    result = run(["check", "-f", "json", *args], project)
    return [(v["code"], v["line"], v["column"], v["message"]) for v in json.loads(result.stdout)]


def test_path001_and_its_passing_twin(tmp_path: Path) -> None:
    project = _project(
        tmp_path, _component("ingest", '["pipelines/ingestion/**"]'), ["pipelines/ingest/a.py"]
    )
    assert codes(project) == [
        (
            "PATH001",
            7,
            13,
            "pattern 'pipelines/ingestion/**' of component 'ingest' matches no file in the repository",
        )
    ]
    (project / "raci.yaml").write_text(
        (project / "raci.yaml").read_text().replace("ingestion/", "ingest/")
    )
    assert codes(project) == []


def test_path002_and_its_passing_twin(tmp_path: Path) -> None:
    project = _project(tmp_path, _component("ingest", '["../platform/**"]'), ["platform/a.py"])
    assert codes(project) == [
        (
            "PATH002",
            7,
            13,
            "pattern '../platform/**' of component 'ingest' climbs out of the repository",
        )
    ]
    (project / "raci.yaml").write_text((project / "raci.yaml").read_text().replace("../", "/"))
    assert codes(project) == []


def test_path005_is_opt_in_info_and_reports_the_overlap_at_the_later_pattern(
    tmp_path: Path,
) -> None:
    components = _component("features", '["ml/**"]') + _component("training", '["ml/train/**"]')
    project = _project(tmp_path, components, ["ml/train/a.py", "ml/train/b.py", "ml/other.py"])
    assert codes(project) == []  # a general folder, then a more specific one: on purpose
    result = run(["check", "-f", "concise", "--extend-select", "PATH005"], project)
    assert result.stdout == (
        "raci.yaml:11:13: PATH005 [info] pattern 'ml/train/**' of component 'training' matches "
        "2 files that pattern 'ml/**' of component 'features' also matches (e.g. "
        "ml/train/a.py); in CODEOWNERS the later line would win (overlapping-paths)\n"
        "Found 1 info in 1 file.\n"
    )
    assert result.returncode == 0
    (project / "raci.yaml").write_text(
        (project / "raci.yaml").read_text().replace('"ml/**"', '"ml/other.py"')
    )
    assert codes(project, "--extend-select", "PATH005") == []


def test_path006_a_pattern_whose_files_a_later_one_takes(tmp_path: Path) -> None:
    components = _component("training", '["ml/train/**"]') + _component("ml", '["ml/"]')
    project = _project(tmp_path, components, ["ml/train/a.py", "ml/train/b.py", "ml/other.py"])
    assert codes(project) == [
        (
            "PATH006",
            7,
            13,
            "pattern 'ml/train/**' of component 'training' wins no file: all 2 of its files are "
            "matched by the later pattern 'ml/' of component 'ml' (line 11); in CODEOWNERS the "
            "last matching line wins, and this one does nothing",
        )
    ]
    # The specific line after the general one: each wins files.
    swapped = _component("ml", '["ml/"]') + _component("training", '["ml/train/**"]')
    _project(tmp_path, swapped, [])
    assert codes(project) == []


def test_path006_names_three_later_patterns_and_counts_the_rest(tmp_path: Path) -> None:
    later = "".join(_component(f"c{i}", f'["d/{i}.py"]') for i in range(5))
    project = _project(
        tmp_path, _component("all", '["d/"]') + later, [f"d/{i}.py" for i in range(5)]
    )
    assert codes(project) == [
        (
            "PATH006",
            7,
            13,
            "pattern 'd/' of component 'all' wins no file: all 5 of its files are matched by "
            "the later patterns 'd/0.py' of component 'c0' (line 11), 'd/1.py' of component "
            "'c1' (line 15), 'd/2.py' of component 'c2' (line 19) and 2 more; in CODEOWNERS "
            "the last matching line wins, and this one does nothing",
        )
    ]


def test_path006_an_exact_duplicate_at_its_first_occurrence(tmp_path: Path) -> None:
    components = (
        _component("docs", '["/docs/"]')
        + _component("api", '["/docs/api/"]')
        + _component("writers", '["/docs/"]')
    )
    project = _project(tmp_path, components, ["docs/a.md", "docs/api/b.md"])
    assert codes(project) == [
        (
            "PATH006",
            7,
            13,
            "pattern '/docs/' of component 'docs' is written again later, by component "
            "'writers' (line 15); in CODEOWNERS the later line wins every file, and this one "
            "does nothing",
        ),
        (
            "PATH006",
            11,
            13,
            "pattern '/docs/api/' of component 'api' wins no file: its file is matched by the "
            "later pattern '/docs/' of component 'writers' (line 15); in CODEOWNERS the last "
            "matching line wins, and this one does nothing",
        ),
    ]


def _brute_force_dead(owned: list[tuple[str, str]], files: list[str]) -> list[int]:
    """The patterns that match files and are the last match of none, file by file."""
    tree = FileTree(files)
    matched = [set(tree.match(parse_pattern(text))) for _, text in owned]
    last = {path: index for index, found in enumerate(matched) for path in found}
    return [index for index, found in enumerate(matched) if found and index not in last.values()]


@pytest.mark.parametrize("seed", range(12))
def test_path006_is_what_matching_file_by_file_gives(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    files = sorted(
        {f"{rng.choice(['a', 'a/b', 'b', 'c'])}/{rng.choice('xyz')}.py" for _ in range(8)}
    )
    texts = ["**", "a/**", "a/b/**", "*.py", "b/", "a/*", "x.py", "/c", "c/*.py", "/a/"]
    owned = []
    components = ""
    for number in range(rng.randint(2, 6)):
        chosen = rng.sample(texts, rng.randint(1, 2))
        owned += [(f"comp{number}", text) for text in chosen]
        components += _component(f"comp{number}", json.dumps(chosen))
    project = _project(tmp_path, components, files)
    report = lint_text(
        (project / "raci.yaml").read_text(),
        str(project / "raci.yaml"),
        LintOptions(select=["PATH006"], repo_root=project),
    )
    dead = _brute_force_dead(owned, [*files, "raci.yaml"])
    assert [v.subject for v in report.violations] == [owned[index][0] for index in dead]


def test_path003_is_opt_in_and_reports_the_file_itself(tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        _component("api", '["services/api/**"]'),
        ["services/api/main.py", "services/billing/main.py", "docs/x.md"],
    )
    (project / ".raci-lint.yaml").write_text("owned-roots: [services]\n")
    assert codes(project) == []
    result = run(["check", "-f", "concise", "--extend-select", "PATH003"], project)
    assert result.stdout.splitlines() == [
        "services/billing/main.py:1:1: PATH003 [info] file 'services/billing/main.py' is under "
        "owned root 'services' but no component matches it (unowned-file)",
        "Found 1 info in 1 file.",
    ]


def test_path003_leaves_out_files_unowned_on_purpose(tmp_path: Path) -> None:
    unowned = (
        "  billing:\n    kind: deployment\n    unowned: true\n    paths: [services/billing/]\n"
    )
    project = _project(
        tmp_path,
        _component("api", '["services/api/**"]') + unowned,
        ["services/api/main.py", "services/billing/main.py"],
    )
    (project / ".raci-lint.yaml").write_text("owned-roots: [services]\n")
    assert codes(project, "--extend-select", "PATH003") == []


def test_path003_counts_every_ownership_file_of_the_repository(tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        _component("api", '["services/api/**"]'),
        ["services/api/main.py", "services/billing/main.py"],
    )
    (project / ".raci-lint.yaml").write_text("owned-roots: [services]\n")
    billing = project / "services" / "billing" / "raci.yaml"
    billing.write_text(
        (project / "raci.yaml")
        .read_text()
        .replace("api:", "billing:")
        .replace("services/api", "services/billing")
    )
    result = run(["check", "-f", "concise", "--extend-select", "PATH003", "raci.yaml"], project)
    assert result.stdout.splitlines() == ["All checks passed: 1 file checked."]


def test_path003_skips_excluded_and_oversized_ownership_files(tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        _component("api", '["services/api/**"]'),
        ["services/api/main.py", "services/billing/main.py"],
    )
    billing = (
        (project / "raci.yaml")
        .read_text()
        .replace("api:", "billing:")
        .replace("services/api", "services/billing")
    )
    (project / "vendor").mkdir()
    (project / "vendor" / "raci.yaml").write_text(billing)
    unowned = [
        "services/billing/main.py:1:1: PATH003 [info] file 'services/billing/main.py' is under "
        "owned root 'services' but no component matches it (unowned-file)",
        "Found 1 info in 1 file.",
    ]
    check = ["check", "-f", "concise", "--extend-select", "PATH003", "raci.yaml"]
    config = project / ".raci-lint.yaml"
    config.write_text("owned-roots: [services]\nexclude: ['vendor/**']\n")
    result = run(check, project)
    assert (result.returncode, result.stdout.splitlines()) == (0, unowned)

    size = len((project / "raci.yaml").read_bytes())
    config.write_text(f"owned-roots: [services]\nlimits: {{max-file-size: {size}}}\n")
    (project / "vendor" / "raci.yaml").write_text(billing + "#" * size + "\n")
    result = run(check, project)
    assert (result.returncode, result.stdout.splitlines()) == (0, unowned)


def test_repo_root_option_changes_where_patterns_start(tmp_path: Path) -> None:
    project = _project(tmp_path, _component("ingest", '["ingest/**"]'), ["sub/ingest/a.py"])
    (project / "sub" / "raci.yaml").write_text((project / "raci.yaml").read_text())
    os.remove(project / "raci.yaml")
    assert [c[0] for c in codes(project, "sub/raci.yaml")] == []  # root: the file's folder
    assert [c[0] for c in codes(project, "--repo-root", ".", "sub/raci.yaml")] == ["PATH001"]


@pytest.mark.parametrize("version", ["2", "3", "4"])
def test_the_git_index_is_read_as_git_ls_files_lists_it(tmp_path: Path, version: str) -> None:
    from raci_lint.reading.repository import read_git_index

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    names = [f"services/api/module_with_a_long_shared_prefix_{i}.py" for i in range(40)]
    names += ["docs/ü n.md", "a.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run(["git", "update-index", "--index-version", version], cwd=tmp_path, check=True)
    listed = subprocess.run(
        ["git", "-c", "core.quotepath=off", "ls-files", "-z"],
        cwd=tmp_path,
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert read_git_index(tmp_path) == sorted(listed.split("\0")[:-1]) == sorted(names)
    assert list_files(tmp_path / "docs") == ["ü n.md"]


def _path005(text: str, root: Path) -> list[tuple[int, str]]:
    options = LintOptions(select=["PATH005"], repo_root=root)
    report = lint_text(text, str(root / "raci.yaml"), options)
    return sorted((v.line, v.message) for v in report.violations)


def test_path005_lists_ten_overlaps_per_pattern_and_counts_the_rest(tmp_path: Path) -> None:
    components = "".join(_component(f"c{i:02}", '["**"]') for i in range(13))
    project = _project(tmp_path, components, ["a.py", "b/c.py"])
    found = _path005((project / "raci.yaml").read_text(), project)
    assert len(found) == sum(min(i, 10) for i in range(13))  # 1 + 2 + ... + 10 + 10 + 10
    last = [message for line, message in found if line == 7 + 4 * 12]
    shown = [
        f"pattern '**' of component 'c12' matches 3 files that pattern '**' of component "
        f"'c{i:02}' also matches (e.g. a.py); in CODEOWNERS the later line would win"
        for i in range(10)
    ]
    shown[-1] += "; 2 more earlier patterns of other components overlap it, not listed"
    assert last == sorted(shown)
    counted = [(line, message) for line, message in found if "not listed" in message]
    assert counted == [
        (
            7 + 4 * 11,
            "pattern '**' of component 'c11' matches 3 files that pattern '**' of component "
            "'c09' also matches (e.g. a.py); in CODEOWNERS the later line would win; 1 more "
            "earlier pattern of other components overlaps it, not listed",
        ),
        (7 + 4 * 12, shown[-1]),
    ]


def _brute_force_overlaps(owned: list[tuple[str, str]], files: list[str]) -> list[tuple[int, str]]:
    """PATH005 as first written: every pair of patterns of two components, file by file."""
    tree = FileTree(files)
    matched = [set(tree.match(parse_pattern(text))) for _, text in owned]
    found = []
    for second, (later, text) in enumerate(owned):
        for first, (earlier, earlier_text) in enumerate(owned[:second]):
            shared = sorted(matched[first] & matched[second])
            if earlier != later and shared:
                found.append(
                    (
                        (first, second),
                        f"pattern '{text}' of component '{later}' matches "
                        f"{len(shared)} file{'s' if len(shared) > 1 else ''} that pattern "
                        f"'{earlier_text}' of component '{earlier}' also matches (e.g. "
                        f"{shared[0]}); in CODEOWNERS the later line would win",
                    )
                )
    return [(second, message) for (_, second), message in sorted(found)]


@pytest.mark.parametrize("seed", range(12))
def test_path005_is_what_comparing_every_pair_gives(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    files = sorted(
        {
            "/".join(rng.choice("abc") for _ in range(rng.randint(0, 3))) + "/" + name
            for name in rng.choices(["x.py", "y.txt", "d", "z.py"], k=30)
        }
    )
    files = [name.lstrip("/") for name in files]
    texts = ["**", "a/**", "a/b/**", "*.py", "b/", "a/*", "y.txt", "**/c/*", "/c", "c/*.py", "d"]
    owned = []
    components = ""
    line = 7
    lines = []
    for number in range(rng.randint(2, 5)):
        chosen = rng.sample(texts, rng.randint(1, 2))
        owned += [(f"comp{number}", text) for text in chosen]
        components += _component(f"comp{number}", json.dumps(chosen))
        lines += [line] * len(chosen)
        line += 4
    project = _project(tmp_path, components, files)
    listed = [*files, "raci.yaml"]
    expected = [(lines[index], message) for index, message in _brute_force_overlaps(owned, listed)]
    assert _path005((project / "raci.yaml").read_text(), project) == sorted(expected)


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_path003_and_path001_never_name_a_file_outside_the_repository(tmp_path: Path) -> None:
    (tmp_path / "outside" / "secret").mkdir(parents=True)
    (tmp_path / "outside" / "secret" / "key.pem").write_text("")
    project = _project(
        tmp_path / "repo",
        _component("api", '["services/api/**", "services/link/**"]'),
        ["services/api/main.py"],
    )
    (project / "services" / "link").symlink_to(tmp_path / "outside")
    (project / "services" / "root").symlink_to("/")
    (project / "services" / "loop").symlink_to(project / "services")
    (project / ".raci-lint.yaml").write_text("owned-roots: [services]\n")
    result = run(["check", "-f", "concise", "--extend-select", "PATH003"], project)
    unowned = "is under owned root 'services' but no component matches it (unowned-file)"
    assert result.stdout.splitlines() == [
        "raci.yaml:7:32: PATH001 [warning] pattern 'services/link/**' of component 'api' "
        "matches no file in the repository (path-matches-nothing)",
        f"services/link:1:1: PATH003 [info] file 'services/link' {unowned}",
        f"services/loop:1:1: PATH003 [info] file 'services/loop' {unowned}",
        f"services/root:1:1: PATH003 [info] file 'services/root' {unowned}",
        "Found 1 warning, 3 info in 4 files.",
    ]


def test_path001_says_when_the_file_exists_but_git_does_not_track_it(tmp_path: Path) -> None:
    components = _component("ingest", '["/pipelines/ingest/", "loaders/new.py", "gone/**"]')
    project = _project(tmp_path, components, ["pipelines/ingest/a.py", "loaders/new.py"])
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    subprocess.run(["git", "-C", str(project), "add", "raci.yaml"], check=True)
    assert codes(project) == [
        (
            "PATH001",
            7,
            13,
            "pattern '/pipelines/ingest/' of component 'ingest' matches no file in the "
            "repository: 'pipelines/ingest' exists but git does not track it (`git add "
            "pipelines/ingest`?)",
        ),
        (
            "PATH001",
            7,
            35,
            "pattern 'loaders/new.py' of component 'ingest' matches no file in the repository: "
            "'loaders/new.py' exists but git does not track it (`git add loaders/new.py`?)",
        ),
        (
            "PATH001",
            7,
            53,
            "pattern 'gone/**' of component 'ingest' matches no file in the repository",
        ),
    ]
    subprocess.run(["git", "-C", str(project), "add", "-A"], check=True)
    assert [code[3] for code in codes(project)] == [
        "pattern 'gone/**' of component 'ingest' matches no file in the repository"
    ]


def test_path001_hints_at_an_owner_written_into_the_pattern(tmp_path: Path) -> None:
    project = _project(tmp_path, _component("models", '["/models/@ana"]'), ["models/a.py"])
    assert codes(project) == [
        (
            "PATH001",
            7,
            13,
            "pattern '/models/@ana' of component 'models' matches no file in the repository; "
            "'@ana' reads as an owner: in CODEOWNERS a space goes before it ('/models/ @ana')",
        )
    ]
