"""The outputs of `diff` stay inert whatever the repository holds: no markup, HTML or
mention from a name in the pull-request comment, one line per name in the terminal."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import commit, git_repository, run

from raci_lint.adapters.changes_format import html_text, md

BEFORE = """\
version: 1
people:
  alice: {disciplines: [data-engineer], github: alice-m}
components:
  ingest:
    kind: ingestion
    paths: ["docs/"]
    raci: {responsible: [alice], accountable: alice}
"""
HOSTILE_FOLDER = "docs/`|`<img src=x>"
AFTER = f"""\
version: 1
people:
  alice: {{disciplines: [data-engineer], github: alice-m}}
  bob: {{disciplines: [data-engineer], github: bob-t}}
components:
  ingest:
    kind: "<img src=x onerror=alert(1)>"
    paths: ["docs/", "{HOSTILE_FOLDER}/**"]
    depends_on: ["external:<script>x</script>|`|`@everyone [a](javascript:x) $x$"]
    raci: {{responsible: [alice], accountable: alice}}
  hostile:
    kind: ingestion
    paths: ["{HOSTILE_FOLDER}/**"]
    raci: {{responsible: [bob], accountable: bob}}
"""


def test_md_escapes_markup_html_mentions_links_and_math() -> None:
    assert md("<img src=x>") == "\\<img src=x\\>"
    assert md("`|`") == "\\`\\|\\`"
    assert md("@org/team [a](https://x) $1$ www.x.io") == (
        "\\@org/team \\[a\\](https\\://x) \\$1\\$ www\\.x.io"
    )
    assert md("a\nb\u202ec") == "a b\\\\u202ec"  # the escape's backslash, escaped


def test_html_text_is_inert_inside_a_summary_element() -> None:
    assert html_text("a/<img src=x>|`@x`.yaml www.x.io") == (
        "a/&#60;img src=x&#62;&#124;&#96;&#64;x&#96;.yaml www&#46;x.io"
    )


def _unescaped(text: str) -> str:
    """The markdown with every escaped character and our own tags taken out."""
    text = re.sub(r"\\.|&#[0-9]+;", "", text)
    text = re.sub(r"\[(error|warning|info)\]", "", text)
    return re.sub(r"</?(details|summary)>", "", text)


def test_a_hostile_name_cannot_break_or_inject_into_the_comment(tmp_path: Path) -> None:
    root = git_repository(tmp_path / "repo", {"raci.yaml": BEFORE, f"{HOSTILE_FOLDER}/a.md": ""})
    commit(root, {"raci.yaml": AFTER}, "hostile")
    done = run(["diff", "HEAD~1", "HEAD", "--format", "markdown"], root)
    assert done.returncode == 0, done.stderr
    inert = _unescaped(done.stdout)
    for character in "<>`|@$[]":
        assert character not in inert, character
    assert "kind ingestion → \\<img src=x onerror=alert(1)\\>" in done.stdout
    # Each repository string stays on its line: the table of moves is one line per move.
    moves = done.stdout.split("owner</summary>\n\n")[1].split("\n\n")[0]
    assert moves == (
        "- 1 file: ingest (\\@alice-m) → hostile (\\@bob-t) "
        "(e.g. docs/\\`\\|\\`\\<img src=x\\>/a.md)"
    )


def test_text_and_json_neutralise_line_breaks_and_bidirectional_characters(
    tmp_path: Path,
) -> None:
    name = "docs/evil\u202e\u2028x"
    root = git_repository(tmp_path / "repo", {"raci.yaml": BEFORE, f"{name}/a.md": ""})
    commit(
        root,
        {"raci.yaml": BEFORE.replace('"docs/"', f'"docs/", "{name}/**"')},
        "bidi",
    )
    text = run(["diff", "HEAD~1", "HEAD"], root).stdout
    assert "  ingest: paths +docs/evil\\u202e\\u2028x/**\n" in text
    data = json.loads(run(["diff", "HEAD~1", "HEAD", "--format", "json"], root).stdout)
    assert data["files"][0]["components"]["changed"][0]["paths"]["gained"] == [
        "docs/evil\\u202e\\u2028x/**"
    ]
