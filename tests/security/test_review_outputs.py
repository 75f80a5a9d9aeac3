"""A property: whatever a repository writes into names, ids, paths and file names, the
outputs of `diff` and `who` stay one safe line per item, JSON parses, and the markdown
for a pull-request comment holds no markup, HTML, mention or table cell of its own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from raci_lint.adapters.changes import compare
from raci_lint.adapters.changes_format import render, render_markdown
from raci_lint.adapters.who import render_json, render_text, who
from raci_lint.engine.lint import settings_for
from raci_lint.engine.report import Report
from raci_lint.engine.revision import Side, in_working_tree
from raci_lint.settings.options import Overrides

# Hostile names, as in test_neutralised_everywhere.py.
HOSTILE = (
    "\x00\x01\x07\t\n\x0b\r\x1b\x7f\x85\u200b\u200e\u2028\u2029\u202e\u2066\ufeff"
    "<>&\"'`[]()*_$:@#|%,;=!~\\/ -+."
)
hostile_text = st.text(alphabet=st.sampled_from([*HOSTILE, "a", "b", "w"]), min_size=1, max_size=24)


def _ownership(name: str, component: str, pattern: str, handle: str) -> str:
    def quoted(text: str) -> str:
        return json.dumps(text)  # a JSON string is a YAML double-quoted scalar

    return (
        "version: 1\n"
        "people:\n"
        f"  eve: {{disciplines: [data-engineer], name: {quoted(name)}, github: {quoted(handle)}}}\n"
        "  ada: {disciplines: [data-engineer], github: ada}\n"
        "components:\n"
        f"  {quoted(component)}:\n"
        f"    kind: {quoted(name)}\n"
        f"    paths: [{quoted(pattern)}, 'data/**']\n"
        f"    depends_on: [{quoted('external:' + component)}]\n"
        "    raci: {responsible: [eve], accountable: ada}\n"
        "  ingest:\n"
        "    kind: ingestion\n"
        f"    paths: [{quoted(pattern)}]\n"
        "    depends_on: [up]\n"
        "    raci: {responsible: [ada], accountable: eve}\n"
        "  up:\n"
        f"    kind: {quoted(name)}\n"
        "    raci: {responsible: [ada], accountable: ada}\n"
    )


# What a markdown renderer would act on, once escapes and our own markup are taken out.
_OURS = re.compile(
    r"\\.|&#[0-9]+;|</?(details|summary)>|\[(error|warning|info)\]|\*\*|^#+ |^- ", re.M
)


def _inert(markdown: str) -> str:
    return _OURS.sub("", markdown)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(name=hostile_text, component=hostile_text, pattern=hostile_text, handle=hostile_text)
def test_diff_and_who_outputs_are_inert_whatever_the_repository_holds(
    tmp_path_factory: pytest.TempPathFactory, name: str, component: str, pattern: str, handle: str
) -> None:
    folder = Path(tmp_path_factory.mktemp("hostile"))
    (folder / ".git").mkdir()
    (folder / "data").mkdir()
    (folder / "data" / "a.csv").write_text("")
    file = folder / ((name + component).replace("\x00", "").replace("/", "")[:40] + ".raci.yaml")
    file.write_text(_ownership(name, component, pattern, handle), encoding="utf-8")
    settings = settings_for(Overrides(isolated=True, repo_root=folder))
    head = in_working_tree(folder, settings)
    base = Side("base", folder, Report(), {}, {}, lambda: ["data/a.csv"])
    changes = compare(base, head)
    for name_of, output in [(f, render(changes, f)) for f in ("text", "markdown", "json")]:
        if name_of == "json":
            data = json.loads(output)
            assert data["files"][0]["status"] == "added"
            continue
        assert all(line.isprintable() for line in output.splitlines()), name_of
        if name_of == "markdown":
            inert = _inert(output)
            for character in "<>`|@$[]*_~":
                assert character not in inert, (character, output)
    # The graph of the change: one fenced Mermaid block, that no name can close early.
    drawn = render_markdown(changes, graph=True)
    assert drawn.count("```") == 2 * sum(1 for f in changes.files if f.drawn())
    assert all(line.isprintable() for line in drawn.splitlines())
    answers = who(["data/a.csv", "x"], head.ordered_models())
    assert all(line.isprintable() for line in render_text(answers, {}).splitlines())
    assert [answer["path"] for answer in json.loads(render_json(answers, {}))] == [
        "data/a.csv",
        "x",
    ]
