"""JUnit against the strict xunit2 schema; json-lines, rdjson and --statistics as JSON."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import CLEAN, DATA, run
from lxml import etree

from raci_lint.engine.lint import lint_paths, lint_text
from raci_lint.engine.report import Report
from raci_lint.reporters import render
from raci_lint.settings.options import LintOptions

BROKEN = textwrap.dedent(
    """\
    version: 1
    people:
      alice: {disciplines: [data-engineer]}
      bob: {disciplines: [data-engineer]}
    components:
      ingest:
        kind: ingestion
        raci: {responsible: [alice], informed: [alice]}
    """
)
DOCS = "https://github.com/raci-lint/raci-lint/blob/main/docs/rules.md"


def small_report() -> Report:
    """A broken file with an error, a warning and an info, and a clean file."""
    report = lint_text(BROKEN, "team/raci.yaml", LintOptions(severities={"RACI005": "info"}))
    report.extend(lint_text(CLEAN, "clean/raci.yaml"))
    report.sort()
    return report


# --------------------------------------------------------------------- junit

JUNIT_SCHEMA = etree.XMLSchema(etree.parse(str(DATA / "junit-10.xsd")))


def junit_errors(output: str) -> list[str]:
    document = etree.fromstring(output.encode("utf-8"))
    JUNIT_SCHEMA.validate(document)
    return [error.message for error in JUNIT_SCHEMA.error_log]


def test_junit_of_real_files_validates_against_the_strict_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.raci.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "clean.raci.yaml").write_text(CLEAN, encoding="utf-8")
    report = lint_paths(["broken.raci.yaml", "clean.raci.yaml", "missing.raci.yaml"])
    output = render(report, "junit")
    assert junit_errors(output) == []
    root = etree.fromstring(output.encode("utf-8"))
    assert [
        (suite.get("name"), suite.get("file"), suite.get("tests"), suite.get("failures"))
        for suite in root
    ] == [
        ("broken.raci.yaml", "broken.raci.yaml", "3", "3"),
        ("clean.raci.yaml", "clean.raci.yaml", "1", "0"),
        ("raci-lint", None, "1", "1"),
    ]
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "4", "0")
    [case] = root[2]
    [failure] = case
    assert (failure.tag, dict(failure.attrib), failure.text) == (
        "failure",
        {"type": "unreadable-path", "message": "missing.raci.yaml: no such file or folder"},
        "missing.raci.yaml: no such file or folder",
    )


def test_junit_schema_copy_rejects_what_the_old_output_held() -> None:
    output = render(small_report(), "junit")
    assert junit_errors(output) == []
    with_line = output.replace(
        'classname="team/raci.yaml">', 'classname="team/raci.yaml" file="team/raci.yaml" line="4">'
    )
    assert (
        junit_errors(with_line)
        == [
            "Element 'testcase', attribute 'file': The attribute 'file' is not allowed.",
            "Element 'testcase', attribute 'line': The attribute 'line' is not allowed.",
        ]
        * 3
    )
    with_error = output.replace("<failure ", "<error ", 1).replace("</failure>", "</error>", 1)
    [message] = junit_errors(with_error)
    assert message.startswith("Element 'error': This element is not expected.")


# ---------------------------------------------------------------- json-lines

JSON_LINES_GOLDEN = (
    '{"code":"REF006","name":"unassigned-person","severity":"warning",'
    '"message":"person \'bob\' holds no letter in any component",'
    '"hint":"give them a letter, mark them `active: false` if they left, or remove them",'
    '"path":"team/raci.yaml","line":4,"column":3,"end_line":4,"end_column":6,'
    '"pointer":"/people/bob","subject":"bob","fingerprint":"111b21648b6bad78a2cb","fix":null}\n'
    '{"code":"RACI001","name":"missing-accountable","severity":"error",'
    '"message":"component \'ingest\' has no Accountable",'
    '"hint":"add `accountable: <person>` under raci; exactly one person signs off",'
    '"path":"team/raci.yaml","line":6,"column":3,"end_line":6,"end_column":9,'
    '"pointer":"/components/ingest","subject":"ingest","fingerprint":"503c211220e663360f65","fix":null}\n'
    '{"code":"RACI005","name":"conflicting-letters","severity":"info",'
    "\"message\":\"'alice' is both Responsible and Informed for component 'ingest'\","
    '"hint":"keep the one letter that describes what they do; only Accountable may go with '
    'Responsible","path":"team/raci.yaml","line":8,"column":45,"end_line":8,"end_column":50,'
    '"pointer":"/components/ingest/raci/informed/0","subject":"ingest",'
    '"fingerprint":"d5985b6b2ab6836ffebb","fix":{"applicability":"unsafe",'
    '"message":"Remove `alice` from `informed`","edits":[{"content":"{responsible: [alice]}",'
    '"start":149,"end":190}]}}\n'
)


def test_json_lines_golden() -> None:
    output = render(small_report(), "json-lines")
    assert output == JSON_LINES_GOLDEN
    # Parsed back, line by line, it is the json output.
    parsed = [json.loads(line) for line in output.splitlines()]
    assert parsed == json.loads(render(small_report(), "json"))


def test_json_lines_of_a_clean_report_is_empty() -> None:
    assert render(lint_text(CLEAN, "raci.yaml"), "json-lines") == ""


def test_json_lines_keeps_one_object_per_line_whatever_the_message_holds() -> None:
    report = small_report()
    report.violations = [
        v._replace(message="a\nb\rc\u2028d\u2029e\x85f") for v in report.violations
    ]
    output = render(report, "json-lines")
    lines = output.splitlines()  # splits on U+2028, U+2029 and NEL too
    assert len(lines) == 3
    assert [json.loads(line)["message"] for line in lines] == ["a\nb\rc\u2028d\u2029e\x85f"] * 3
    assert '"message":"a\\nb\\rc\\u2028d\\u2029e\\u0085f"' in lines[0]


# -------------------------------------------------------------------- rdjson

RDJSON_SCHEMA = json.loads((DATA / "rdjson.schema.json").read_text(encoding="utf-8"))
# reviewdog's own schema (draft-04); ours above is stricter: closed to unknown fields.
REVIEWDOG_SCHEMA = json.loads((DATA / "rdjson-DiagnosticResult.json").read_text(encoding="utf-8"))


def diagnostic(
    code: str, severity: str, message: str, region: tuple[int, int, int, int]
) -> dict[str, Any]:
    return {
        "message": message,
        "location": {
            "path": "team/raci.yaml",
            "range": {
                "start": {"line": region[0], "column": region[1]},
                "end": {"line": region[2], "column": region[3]},
            },
        },
        "severity": severity,
        "code": {"value": code, "url": f"{DOCS}#{code.lower()}"},
    }


def test_rdjson_golden() -> None:
    expected = {
        "source": {"name": "raci-lint", "url": "https://github.com/raci-lint/raci-lint"},
        "severity": "ERROR",
        "diagnostics": [
            diagnostic(
                "REF006", "WARNING", "person 'bob' holds no letter in any component", (4, 3, 4, 6)
            ),
            diagnostic("RACI001", "ERROR", "component 'ingest' has no Accountable", (6, 3, 6, 9)),
            diagnostic(
                "RACI005",
                "INFO",
                "'alice' is both Responsible and Informed for component 'ingest'",
                (8, 45, 8, 50),
            ),
        ],
    }
    output = render(small_report(), "rdjson")
    assert output == json.dumps(expected, indent=2) + "\n"
    jsonschema.validate(json.loads(output), RDJSON_SCHEMA)
    jsonschema.Draft4Validator(REVIEWDOG_SCHEMA).validate(json.loads(output))


def test_rdjson_overall_severity_is_the_highest() -> None:
    warnings = lint_text(BROKEN, "raci.yaml", LintOptions(ignore=["RACI001"]))
    assert json.loads(render(warnings, "rdjson"))["severity"] == "WARNING"
    clean = json.loads(render(lint_text(CLEAN, "raci.yaml"), "rdjson"))
    assert clean == {
        "source": {"name": "raci-lint", "url": "https://github.com/raci-lint/raci-lint"},
        "severity": "INFO",
        "diagnostics": [],
    }
    jsonschema.validate(clean, RDJSON_SCHEMA)


def test_rdjson_schema_bites() -> None:
    log = json.loads(render(small_report(), "rdjson"))
    misspelt = json.loads(json.dumps(log).replace('"diagnostics"', '"diagnostic"'))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(misspelt, RDJSON_SCHEMA)
    wrong = json.loads(json.dumps(log).replace('"WARNING"', '"warning"'))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(wrong, RDJSON_SCHEMA)
    del log["diagnostics"][0]["location"]["path"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(log, RDJSON_SCHEMA)


# ----------------------------------------------------------- --statistics


def test_statistics_as_json(tmp_path: Path) -> None:
    (tmp_path / "a.raci.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "b.raci.yaml").write_text(BROKEN, encoding="utf-8")
    result = run(["check", "--statistics", "-f", "json", "--ignore", "REF006", "."], tmp_path)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout == (
        "[\n"
        '  {\n    "code": "RACI001",\n    "name": "missing-accountable",\n'
        '    "severity": "error",\n    "count": 2\n  },\n'
        '  {\n    "code": "RACI005",\n    "name": "conflicting-letters",\n'
        '    "severity": "warning",\n    "count": 2\n  }\n'
        "]\n"
    )
    table = run(["check", "--statistics", "--ignore", "REF006", "."], tmp_path)
    assert table.stdout == (
        "    2  RACI001  [error] missing-accountable\n"
        "    2  RACI005  [warning] conflicting-letters\n"
        "Found 2 errors, 2 warnings in 2 files.\n"
    )


def test_statistics_as_json_of_a_clean_file(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text(CLEAN, encoding="utf-8")
    result = run(["check", "--statistics", "-f", "json", "raci.yaml"], tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "[]\n", "")


@pytest.mark.parametrize("name", ["sarif", "junit", "json-lines", "rdjson"])
def test_statistics_is_no_other_machine_format(tmp_path: Path, name: str) -> None:
    (tmp_path / "raci.yaml").write_text(CLEAN, encoding="utf-8")
    result = run(["check", "--statistics", "-f", name, "raci.yaml"], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert f"cannot be {name} output" in result.stderr
