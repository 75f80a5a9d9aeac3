"""`raci-lint diff`, `raci-lint who` and `check --new-from-rev`, in real git repositories.

The outputs are golden: every byte a reviewer sees is pinned.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import commit, git, git_repository, run

GOLDEN = Path(__file__).parent / "golden"

PEOPLE = """\
    version: 1
    people:
      alice: {disciplines: [data-engineer], github: alice-m}
      bob: {disciplines: [ml-engineer], github: bob-t}
      carol: {disciplines: [data-scientist], github: carol}
    teams:
      platform: {members: [alice, bob], github: "@acme/platform"}
    """

BASE = """\
    version: 1
    include: [org/people.yaml]
    components:
      ingest-events:
        kind: ingestion
        paths: ["pipelines/ingest/**"]
        raci:
          responsible: [alice]
          accountable: alice
          consulted: [platform]
      train-model:
        kind: training
        paths: ["pipelines/train/**"]
        depends_on: [ingest-events]
        raci:
          responsible: [carol]
          accountable: carol
      old-report:
        kind: reporting
        paths: [reports/]
        raci:
          responsible: [carol]
          accountable: carol
    """

# Bob becomes Accountable for ingest, train loses its Accountable, old-report
# is renamed, serve-model is added and takes one file from ingest.
HEAD = """\
    version: 1
    include: [org/people.yaml]
    components:
      ingest-events:
        kind: ingestion
        paths: ["pipelines/ingest/**"]
        raci:
          responsible: [alice]
          accountable: bob
      train-model:
        kind: evaluation
        paths: ["pipelines/train/**"]
        raci:
          responsible: [carol]
      weekly-report:
        kind: reporting
        paths: [reports/]
        raci:
          responsible: [carol]
          accountable: carol
      serve-model:
        kind: deployment
        paths: [pipelines/ingest/serve.py]
        raci:
          responsible: [bob]
          accountable: bob
    """

FILES = {
    "org/people.yaml": PEOPLE,
    "raci.yaml": BASE,
    "pipelines/ingest/load.py": "",
    "pipelines/ingest/serve.py": "",
    "pipelines/train/fit.py": "",
    "reports/weekly.sql": "",
}


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    root = git_repository(tmp_path / "repo", FILES)
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, {"raci.yaml": HEAD}, "change ownership")
    return root


DIFF_TEXT = (GOLDEN / "diff.txt").read_text(encoding="utf-8")


def test_diff_text_tells_who_became_accountable_and_what_the_change_breaks(
    repository: Path,
) -> None:
    done = run(["diff", "main", "feature"], repository)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == DIFF_TEXT


def test_diff_fails_on_new_errors_only_when_asked(repository: Path) -> None:
    assert run(["diff", "main", "feature"], repository).returncode == 0
    assert run(["diff", "main", "feature", "--fail-on-new"], repository).returncode == 1
    # Back again: what the change introduces is now what it fixes.
    done = run(["diff", "feature", "main", "--fail-on-new"], repository)
    assert done.returncode == 0
    assert "2 new violations" not in done.stdout
    assert "0 new violations; 1 fixed" in done.stdout.splitlines()[0]


def test_diff_fails_at_the_fail_level(tmp_path: Path) -> None:
    # A new warning only (PATH006: the pattern is written again later, and wins
    # nothing): no failure at the default level, error.
    root = git_repository(tmp_path / "repo", FILES)
    overlapping = BASE.replace("paths: [reports/]", 'paths: [reports/, "pipelines/train/**"]')
    commit(root, {"raci.yaml": overlapping}, "overlap")
    assert run(["diff", "HEAD~1", "HEAD", "--fail-on-new"], root).returncode == 0
    strict = ["diff", "HEAD~1", "HEAD", "--fail-on-new", "--fail-on", "warning"]
    assert run(strict, root).returncode == 1
    (root / ".raci-lint.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    assert run(["diff", "HEAD~1", "HEAD", "--fail-on-new"], root).returncode == 1


def test_diff_defaults_to_the_merge_base_and_the_working_tree(repository: Path) -> None:
    text = (repository / "raci.yaml").read_text()
    text = text.replace("accountable: bob\n  train-model", "accountable: carol\n  train-model")
    (repository / "raci.yaml").write_text(text, encoding="utf-8")
    done = run(["diff"], repository)
    first = done.stdout.splitlines()[0]
    base = git(repository, "merge-base", "main", "HEAD").strip()
    assert first.startswith(
        f"Ownership changes from merge base with main ({base[:12]}) → the working tree: "
    )
    assert "  ingest-events: A alice → carol; C -platform\n" in done.stdout


DIFF_MARKDOWN = (GOLDEN / "diff.md").read_text(encoding="utf-8")


def test_diff_markdown_is_a_summary_then_details(repository: Path) -> None:
    done = run(["diff", "main", "feature", "--format", "markdown"], repository)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == DIFF_MARKDOWN


def test_diff_json_holds_every_change(repository: Path) -> None:
    done = run(["diff", "main", "feature", "--format", "json"], repository)
    assert done.returncode == 0
    # Run from a subfolder, the same bytes: paths are relative to the root.
    assert run(["diff", "main", "feature", "--format", "json"], repository / "org").stdout == (
        done.stdout
    )
    assert done.stdout == (GOLDEN / "diff.json").read_text(encoding="utf-8")
    data = json.loads(done.stdout)
    assert list(data) == ["base", "head", "files", "owners", "violations"]
    assert (data["base"], data["head"]) == ("main", "feature")
    (file,) = data["files"]
    assert file == {
        "path": "raci.yaml",
        "status": "changed",
        "unreadable_at": None,
        "components": {
            "added": ["serve-model"],
            "removed": [],
            "renamed": [{"from": "old-report", "to": "weekly-report"}],
            "changed": [
                {
                    "id": "ingest-events",
                    "letters": {
                        "accountable": {"gained": ["bob"], "lost": ["alice"]},
                        "consulted": {"gained": [], "lost": ["platform"]},
                    },
                    "kind": None,
                    "depends_on": {"gained": [], "lost": []},
                    "paths": {"gained": [], "lost": []},
                },
                {
                    "id": "train-model",
                    "letters": {"accountable": {"gained": [], "lost": ["carol"]}},
                    "kind": {"from": "training", "to": "evaluation"},
                    "depends_on": {"gained": [], "lost": ["ingest-events"]},
                    "paths": {"gained": [], "lost": []},
                },
            ],
        },
        "people": {
            "added": [],
            "removed": [],
            "deactivated": [],
            "reactivated": [],
            "disciplines": [],
        },
        "teams": {"added": [], "removed": [], "members": []},
    }
    # old-report renamed weekly-report keeps @carol: no file changes owner there.
    assert data["owners"] == {
        "changed": 2,
        "moves": [
            {
                "from": {"component": "ingest-events", "codeowners": ["@alice-m"]},
                "to": {"component": "ingest-events", "codeowners": ["@bob-t", "@alice-m"]},
                "count": 1,
                "examples": ["pipelines/ingest/load.py"],
            },
            {
                "from": {"component": "ingest-events", "codeowners": ["@alice-m"]},
                "to": {"component": "serve-model", "codeowners": ["@bob-t"]},
                "count": 1,
                "examples": ["pipelines/ingest/serve.py"],
            },
        ],
    }
    introduced = data["violations"]["introduced"]
    assert [(v["code"], v["path"], v["line"], v["column"]) for v in introduced] == [
        ("RACI001", "raci.yaml", 10, 3),
    ]
    assert data["violations"]["fixed"] == []


def test_diff_tells_people_and_teams(tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo", FILES)
    people = PEOPLE.replace(
        "carol: {disciplines: [data-scientist], github: carol}",
        "carol: {disciplines: [data-scientist, data-analyst], github: carol}\n"
        "      dan: {disciplines: [data-engineer]}",
    ).replace(
        "bob: {disciplines: [ml-engineer], github: bob-t}",
        "bob: {disciplines: [ml-engineer], github: bob-t, active: false}",
    )
    people = people.replace("members: [alice, bob]", "members: [alice]")
    commit(root, {"org/people.yaml": people}, "people")
    done = run(["diff", "HEAD~1", "HEAD"], root)
    assert done.stdout.split("\n\n")[1] == (
        "raci.yaml\n"
        "  people added: dan\n"
        "  people deactivated: bob\n"
        "  disciplines of carol: +data-analyst\n"
        "  members of team platform: -bob\n"
    )


def test_diff_of_an_added_and_a_removed_ownership_file(tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo", FILES)
    commit(root, {"raci.yaml": None, "ml/ml.raci.yaml": "version: 1\ncomponents: {}\n"}, "move")
    done = run(["diff", "HEAD~1", "HEAD"], root)
    assert "\nml/ml.raci.yaml (added)\n" in done.stdout
    assert (
        "\nraci.yaml (removed)\n  components removed: ingest-events, train-model, old-report\n"
        in (done.stdout)
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["diff", "no-such-branch", "HEAD"],
            "unknown revision 'no-such-branch': no commit of this repository has that name",
        ),
        (["diff", "--output=x", "HEAD"], "No such option"),
        (["diff", "main", "-x"], "No such option"),
    ],
)
def test_diff_of_an_unknown_revision_is_one_line(
    repository: Path, args: list[str], message: str
) -> None:
    done = run(args, repository)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_a_revision_like_an_option_is_refused_before_git_sees_it(repository: Path) -> None:
    done = run(["diff", "--", "--output=/tmp/x", "HEAD"], repository)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "raci-lint: error: '--output=/tmp/x' is not a revision; name a branch, tag or commit\n"
    )


def test_diff_outside_a_git_repository(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text("version: 1\ncomponents: {}\n", encoding="utf-8")
    done = run(["diff", "main", "HEAD"], tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        f"raci-lint: error: {tmp_path}: not a git repository, so it has no revision 'main'\n"
    )


def test_diff_without_a_default_branch_says_what_to_do(tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo", FILES)
    git(root, "branch", "-m", "main", "trunk")
    done = run(["diff"], root)
    assert done.returncode == 2
    assert done.stderr == (
        "raci-lint: error: no BASE given, and no default branch to take the merge base with "
        "(origin/HEAD, origin/main, main...); name one: raci-lint diff main\n"
    )


# -- who

WHO_TEXT = """\
pipelines/ingest/serve.py: serve-model (of raci.yaml)
  R responsible: bob (@bob-t)
  A accountable: bob (@bob-t)
  C consulted: -
  I informed: -
  CODEOWNERS: @bob-t
  why: raci.yaml:23:13: pattern 'pipelines/ingest/serve.py' is the last that matches; 1 earlier pattern matches
pipelines/ingest/load.py: ingest-events (of raci.yaml)
  R responsible: alice (@alice-m)
  A accountable: bob (@bob-t)
  C consulted: -
  I informed: -
  CODEOWNERS: @bob-t @alice-m
  why: raci.yaml:6:13: pattern 'pipelines/ingest/**' is the last that matches
README.md: no component owns it (no pattern matches)
"""


def test_who_text_names_the_component_its_letters_and_the_pattern(repository: Path) -> None:
    done = run(
        ["who", "pipelines/ingest/serve.py", "pipelines/ingest/load.py", "README.md"], repository
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == WHO_TEXT


def test_who_reads_paths_from_a_subfolder_and_teams(tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo", FILES)
    done = run(["who", "load.py", "--format", "json"], root / "pipelines" / "ingest")
    assert done.returncode == 0
    assert json.loads(done.stdout) == [
        {
            "path": "pipelines/ingest/load.py",
            "shown": "load.py",
            "component": "ingest-events",
            "file": "raci.yaml",
            "letters": {
                "responsible": [{"id": "alice", "team": False, "handle": "@alice-m"}],
                "accountable": [{"id": "alice", "team": False, "handle": "@alice-m"}],
                "consulted": [{"id": "platform", "team": True, "handle": "@acme/platform"}],
                "informed": [],
            },
            "unowned": False,
            "codeowners": ["@alice-m"],
            "pattern": "pipelines/ingest/**",
            "line": 6,
            "column": 13,
            "pointer": "/components/ingest-events/paths/0",
            "matching_patterns": 1,
        }
    ]


def test_who_of_a_path_outside_the_repository(repository: Path) -> None:
    done = run(["who", "../elsewhere.py", "reports/weekly.sql"], repository)
    assert done.returncode == 2
    assert done.stderr == "raci-lint: error: ../elsewhere.py: outside the repository root (.)\n"
    assert done.stdout.startswith("reports/weekly.sql: weekly-report (of raci.yaml)\n")


# -- check --new-from-rev


DANGLING = """\
      dangling:
        kind: ingestion
        raci: {responsible: [zed], accountable: alice}
    """
EXTRA = """\
      extra:
        kind: ingestion
        raci: {responsible: [alice]}
    """


def test_check_new_from_rev_reports_only_what_the_change_introduced(tmp_path: Path) -> None:
    # REF001 for `zed` is at main already; the change moves it down a few
    # lines (same fingerprint) and adds a component without an Accountable.
    base = BASE.rstrip(" ")
    root = git_repository(tmp_path / "repo", {**FILES, "raci.yaml": base + DANGLING})
    commit(root, {"raci.yaml": base + EXTRA.rstrip(" ") + DANGLING}, "extra")
    everything = run(["check", "--format", "concise"], root)
    assert everything.stdout.splitlines() == [
        "raci.yaml:24:3: RACI001 [error] component 'extra' has no Accountable (missing-accountable)",
        "raci.yaml:27:3: TAX001 [error] component 'dangling' (ingestion) needs a data-engineer as "
        "Responsible (data engineers own access and stability) (missing-required-discipline)",
        "raci.yaml:29:26: REF001 [error] component 'dangling' names 'zed' as Responsible, but no "
        "person or team has that id (unknown-reference)",
        "Found 3 errors in 1 file.",
    ]
    new = run(["check", "--format", "concise", "--new-from-rev", "HEAD~1"], root)
    assert (new.returncode, new.stderr) == (1, "")
    assert new.stdout == (
        "raci.yaml:24:3: RACI001 [error] component 'extra' has no Accountable "
        "(missing-accountable)\n"
        "Found 1 error in 1 file.\n"
    )
    assert run(["check", "--new-from-rev", "HEAD"], root).returncode == 0


def test_check_new_from_rev_of_an_unknown_revision(repository: Path) -> None:
    done = run(["check", "--new-from-rev", "nope"], repository)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "raci-lint: error: unknown revision 'nope': no commit of this repository has that name\n"
    )


def test_who_the_last_pattern_wins_across_ownership_files(tmp_path: Path) -> None:
    later = """\
        version: 1
        include: [../org/people.yaml]
        components:
          loaders:
            kind: ingestion
            paths: ["*.py"]
            raci: {responsible: [team:platform], accountable: bob}
        """
    root = git_repository(tmp_path / "repo", {**FILES, "pipelines/raci.yaml": later})
    done = run(["who", "pipelines/ingest/load.py", "docs/x.md", "--format", "json"], root)
    assert done.returncode == 0, done.stderr
    owned, unowned = json.loads(done.stdout)
    assert (owned["component"], owned["file"], owned["pattern"], owned["line"]) == (
        "loaders",
        "pipelines/raci.yaml",
        "*.py",
        6,
    )
    assert owned["matching_patterns"] == 2
    assert owned["letters"]["responsible"] == [
        {"id": "platform", "team": True, "handle": "@acme/platform"}
    ]
    assert owned["codeowners"] == ["@bob-t", "@acme/platform"]
    assert unowned == {"path": "docs/x.md", "shown": "docs/x.md", "component": None}


def test_markdown_details_are_capped_for_a_pull_request_comment(tmp_path: Path) -> None:
    def ownership(accountable: str) -> str:
        people = "people:\n  alice: {disciplines: [data-engineer]}\n  bob: {}\n"
        return f"version: 1\n{people}components:\n" + "".join(
            f"  c{index}:\n    kind: ingestion\n"
            f"    raci: {{responsible: [alice], accountable: {accountable}}}\n"
            for index in range(150)
        )

    root = git_repository(tmp_path / "repo", {"raci.yaml": ownership("alice")})
    commit(root, {"raci.yaml": ownership("bob")}, "bob signs off")
    done = run(["diff", "HEAD~1", "HEAD", "--format", "markdown"], root)
    details = done.stdout.split("<summary>raci.yaml</summary>\n\n")[1].split("\n\n</details>")[0]
    lines = details.splitlines()
    assert len(lines) == 101
    assert lines[0] == "- **c0**: A alice → bob"
    assert lines[-1] == "- and 50 more (`raci-lint diff` tells them all)"
    # The summary tells ten Accountable changes, then how many more.
    assert "- and 140 more Accountable changes below\n" in done.stdout
    text = run(["diff", "HEAD~1", "HEAD"], root).stdout
    # ORG001: alice is no longer Accountable for too many components, bob is.
    assert text.splitlines()[0] == (
        "Ownership changes from HEAD~1 → HEAD: 150 components changed in 1 ownership file; "
        "0 files change owner; 1 new violation; 2 fixed"
    )
    assert text.split("\n\n")[1].count("\n  c") == 150


def test_diff_markdown_graph_draws_the_changed_part(repository: Path) -> None:
    done = run(["diff", "main", "feature", "--format", "markdown", "--graph"], repository)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (GOLDEN / "diff-graph.md").read_text(encoding="utf-8")
    # The same comment, with the graph of the changed components (and their
    # neighbours) folded after the file's details.
    graph = done.stdout.split("\n<details><summary>Pipeline graph")[1].split("</details>")[0]
    assert done.stdout.replace(f"\n\n<details><summary>Pipeline graph{graph}</details>", "") == (
        DIFF_MARKDOWN
    )
    assert graph.startswith(" of the changed part of raci.yaml</summary>\n\n```mermaid\n")


def test_diff_graph_is_for_markdown_only(repository: Path) -> None:
    done = run(["diff", "main", "feature", "--graph"], repository)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "raci-lint: error: --graph draws in the markdown diff only; add --format markdown\n"
    )


UNOWNED = """\
      generated:
        unowned: true
        paths: [pipelines/ingest/serve.py]
    """


def test_an_unowned_component_takes_its_files_away_as_codeowners_does(tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo", FILES)
    commit(root, {"raci.yaml": BASE.rstrip(" ") + UNOWNED}, "generated code has no owner")
    done = run(["who", "pipelines/ingest/serve.py"], root)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "pipelines/ingest/serve.py: no owner, on purpose: component generated (of raci.yaml) "
        "is unowned: true\n"
        "  CODEOWNERS: the pattern alone (no owner)\n"
        "  why: raci.yaml:26:13: pattern 'pipelines/ingest/serve.py' is the last that matches; "
        "1 earlier pattern matches\n"
    )
    assert json.loads(run(["who", "pipelines/ingest/serve.py", "-f", "json"], root).stdout)[0][
        "unowned"
    ]
    text = run(["diff", "HEAD~1", "HEAD"], root).stdout
    assert "  components added: generated\n" in text
    assert (
        "  1 file: ingest-events (@alice-m) → (no owner) (e.g. pipelines/ingest/serve.py)\n"
    ) in text


def test_who_of_a_folder_is_who_owns_a_new_file_in_it(tmp_path: Path) -> None:
    """As GitHub reads `/models/`: a folder pattern owns the folder, a file pattern does not."""
    ownership = """\
        version: 1
        people:
          ann: {github: ann-g}
          bo: {github: bo-h}
        components:
          everything:
            kind: library
            paths: ["*"]
            raci: {responsible: [ann], accountable: ann}
          pipelines:
            kind: library
            paths: ["/pipelines/"]
            raci: {responsible: [bo], accountable: bo}
          ingest:
            kind: ingestion
            paths: ["/pipelines/ingest/"]
            raci: {responsible: [ann], accountable: ann}
          python:
            kind: library
            paths: ["*.py"]
            raci: {responsible: [bo], accountable: bo}
        """
    files = {
        "raci.yaml": textwrap.dedent(ownership),
        "pipelines/ingest/load.py": "",
        "pipelines/run.sh": "",
        "models/m.txt": "",
    }
    root = git_repository(tmp_path / "repo", files)
    asked = ["pipelines/ingest", "pipelines/", "models", "pipelines/ingest/load.py"]
    done = run(["who", *asked, "--format", "json"], root)
    assert (done.returncode, done.stderr) == (0, "")
    answers = json.loads(done.stdout)
    assert [(a["shown"], a["component"], a["pattern"]) for a in answers] == [
        ("pipelines/ingest", "ingest", "/pipelines/ingest/"),
        ("pipelines/", "pipelines", "/pipelines/"),
        ("models", "everything", "*"),
        ("pipelines/ingest/load.py", "python", "*.py"),
    ]


def test_who_with_no_ownership_file_says_so(tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo", {"x.py": ""})
    done = run(["who", "x.py"], root)
    assert done.returncode == 0
    assert done.stderr == "raci-lint: warning: no ownership files found under .\n"
    assert done.stdout == "x.py: no component owns it (no pattern matches)\n"
