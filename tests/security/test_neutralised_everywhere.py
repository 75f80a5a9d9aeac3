"""A property: whatever a repository writes into names, ids, paths and file names,
every output parses back as what it claims to be, one finding per unit.

Random strings full of controls, line breaks (Unicode ones too), bidi and
zero-width characters and markup go into a person's name, a component id,
a `paths` pattern, a GitHub handle and the ownership file's own name. Then:
the line formats hold printable lines only; GitHub gets one command per
violation; JSON, GitLab and SARIF parse (SARIF against the official
schema); JUnit parses as XML; the CODEOWNERS block has exactly one line per
writable pattern; the matrix page and table hold no control character.
"""

from __future__ import annotations

import json
import re
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import yaml
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from raci_lint.adapters.matrix import build_matrix
from raci_lint.adapters.matrix import render as render_matrix
from raci_lint.engine.lint import lint_paths, settings_for
from raci_lint.engine.repository import load_models
from raci_lint.model.codeowners import BEGIN, END, generate
from raci_lint.reporters import FORMATS, render
from raci_lint.settings.options import LintOptions, Overrides

SARIF = jsonschema.Draft4Validator(
    json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
)

# What a hostile name is made of.
HOSTILE = (
    "\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x7f\x85\x9b"
    "\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\ufeff"
    "<>&\"'`[]()*_$:@#|%,;=!~\\/ "
    "::error file=x::%0A%25"
)
hostile_text = st.text(
    alphabet=st.sampled_from(list(HOSTILE) + list(string.ascii_letters[:6])),
    min_size=1,
    max_size=24,
)


def _file_name(text: str) -> str:
    """A name the file system takes: no NUL, no slash, not too long, ends in .raci.yaml."""
    cleaned = text.replace("\x00", "").replace("/", "")[:40] or "x"
    return f"{cleaned}.raci.yaml"


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
        "    kind: ingestion\n"
        f"    paths: [{quoted(pattern)}, 'data/**']\n"
        "    raci: {responsible: [eve], accountable: ada}\n"
        "  ingest:\n"
        "    kind: ingestion\n"
        f"    paths: [{quoted(pattern)}]\n"
        "    raci: {responsible: [ada], accountable: ada}\n"
    )


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(name=hostile_text, component=hostile_text, pattern=hostile_text, handle=hostile_text)
def test_every_output_parses_back_whatever_the_repository_holds(
    tmp_path_factory: object, name: str, component: str, pattern: str, handle: str
) -> None:
    folder = Path(tmp_path_factory.mktemp("hostile"))  # type: ignore[attr-defined]
    (folder / ".git").mkdir()
    (folder / "data").mkdir()
    (folder / "data" / "a.csv").write_text("")
    path = folder / _file_name(name + component)
    path.write_text(_ownership(name, component, pattern, handle), encoding="utf-8")
    report = lint_paths([path], LintOptions(repo_root=folder))
    count = len(report.violations)
    for format_name in FORMATS:
        output = render(report, format_name)
        if format_name in ("full", "concise"):
            assert all(line.isprintable() for line in output.splitlines()), format_name
        elif format_name == "github":
            lines = output.splitlines()
            commands = [line for line in lines if line.startswith("::")]
            assert len(commands) == count
            # A tab is kept as it is, as @actions/core keeps it: it starts no command.
            assert all(line.replace("\t", " ").isprintable() for line in lines)
            assert len(lines) == count + 1  # and the summary line
        elif format_name in ("json", "gitlab"):
            assert len(json.loads(output)) == count
        elif format_name == "sarif":
            data = json.loads(output)
            SARIF.validate(data)
            assert len(data["runs"][0]["results"]) == count
        elif format_name == "junit":
            root = ET.fromstring(output.encode("utf-8"))
            assert root.get("failures") == str(count)
            assert all("\n" not in case.get("name", "") for case in root.iter("testcase"))
    models, _ = load_models([path], settings_for(Overrides(isolated=True)))
    for shown, model in models:
        block = generate([(shown, model)]).block
        lines = block.splitlines()
        assert lines[0] == BEGIN and lines[-1] == END
        assert all(line.isprintable() for line in lines)
        rules = [line for line in lines if line and not line.startswith("#")]
        patterns = sum(len(component.paths) for component in model.components.values())
        assert len(rules) <= patterns
        # A pattern (its spaces escaped), then its owners: nothing else on a line.
        assert all(re.fullmatch(r"(?:\\ |\S)+( @\S+)+", rule) for rule in rules), rules
        matrix = build_matrix(model)
        for matrix_format in ("text", "markdown", "html", "csv"):
            shown_matrix = render_matrix(matrix, matrix_format)
            if matrix_format == "csv":
                continue  # a spreadsheet cell holds the text as it is, quoted
            assert all(line.isprintable() for line in shown_matrix.splitlines()), matrix_format
        assert "<script" not in render_matrix(matrix, "html")
    assert yaml.safe_load(path.read_text(encoding="utf-8"))  # the file is left as written
