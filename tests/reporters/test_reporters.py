"""The machine formats: sarif, github, gitlab and junit.

Golden outputs for a small fixed report, schema validation of real output,
and hostile input (ids and paths holding newlines, workflow commands,
markup and control characters) that must never break a format.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest
from conftest import CLEAN, DATA, ROOT

from raci_lint import __version__
from raci_lint.cli import main
from raci_lint.engine.lint import lint_paths, lint_text
from raci_lint.engine.report import Report
from raci_lint.reporters import FORMATS, RenderOptions, render
from raci_lint.reporters.gitlab import fingerprints
from raci_lint.reporters.sarif import artifact_location, message_text, rule_descriptor
from raci_lint.rules import all_rules
from raci_lint.settings.options import LintOptions
from raci_lint.violations import Violation
from raci_lint.wording import neutralize

EXAMPLES = ROOT / "examples"

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
# Ids and values that try to break out of every format. Invalid ids are
# SYN002 (their messages quote them); `ghost` is a valid but unknown id.
HOSTILE = textwrap.dedent(
    """\
    version: 1
    people:
      alice: {disciplines: [data-engineer]}
      "bad\\nid\\n::set-output name=x::y": {disciplines: [data-engineer]}
      carol: {disciplines: [data-engineer]}
    teams:
      empty: {members: []}
    components:
      "comp%0A::error::x,y:z":
        kind: ingestion
        raci:
          responsible: ["ghost\\r\\n::set-output name=x::y"]
          accountable: "<script>&\\"\\x01\\x1b[2J"
      ok:
        kind: "mon\\x1bitoring"
        depends_on: ["x{0}y[a](1)", "::error::%0A"]
        raci: {responsible: [alice, ghost], accountable: alice}
    """
)
HOSTILE_FILE_NAME = "new\n::set-output name=x::y,%0A.raci.yaml"
EVIL = 'x\n::set-output name=x::y\r\n%0A%25 ::error file=a,line=1::z, a:b <script>&"'


def small_report() -> Report:
    """A broken file with an error, a warning and an info, and a clean file."""
    report = lint_text(BROKEN, "team/raci.yaml", LintOptions(severities={"RACI005": "info"}))
    report.extend(lint_text(CLEAN, "clean/raci.yaml"))
    report.sort()
    return report


def hostile_violation(**changes: Any) -> Violation:
    base = Violation(
        code="REF001",
        name="unknown-reference",
        severity="error",
        message=EVIL,
        hint="h%0A\n::notice::n",
        path="dir,x:y/a\n::warning::b.yaml",
        line=3,
        column=5,
        end_line=3,
        end_column=9,
        pointer="/components/x",
        subject=EVIL,
        fingerprint="0123456789abcdef0123",
    )
    return base._replace(**changes)


@pytest.fixture
def hostile_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Several files, relative to the working folder, with awkward names and content."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "we ird #1 %20 ü"
    folder.mkdir()
    (folder / "raci.yaml").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / HOSTILE_FILE_NAME).write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "broken.raci.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "clean.raci.yaml").write_text(CLEAN, encoding="utf-8")
    return [
        str(EXAMPLES / "broken" / "raci.yaml"),
        str(EXAMPLES / "ml-platform" / "raci.yaml"),
        "we ird #1 %20 ü/raci.yaml",
        HOSTILE_FILE_NAME,
        "broken.raci.yaml",
        "clean.raci.yaml",
    ]


def test_formats_are_registered() -> None:
    assert FORMATS == (
        "full",
        "concise",
        "json",
        "sarif",
        "github",
        "gitlab",
        "junit",
        "json-lines",
        "rdjson",
    )
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        render(Report(), "xml")


# --------------------------------------------------------------------- sarif

SARIF_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
SARIF_VALIDATOR = jsonschema.Draft4Validator(
    SARIF_SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
)
# The characters RFC 3986 allows in a URI reference.
URI_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


def rule_index(code: str) -> int:
    return [r.code for r in all_rules()].index(code)


def sarif_result(
    code: str,
    level: str,
    message: str,
    region: tuple[int, int, int, int],
    fingerprint: str,
    subject: str,
    pointer: str,
) -> dict[str, Any]:
    return {
        "ruleId": code,
        "ruleIndex": rule_index(code),
        "level": level,
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": "team/raci.yaml",
                        "uriBaseId": "%SRCROOT%",
                        "index": 0,
                    },
                    "region": dict(
                        zip(
                            ("startLine", "startColumn", "endLine", "endColumn"),
                            region,
                            strict=True,
                        )
                    ),
                }
            }
        ],
        "partialFingerprints": {"raciLint/v1": fingerprint},
        "properties": {"subject": subject, "pointer": pointer},
    }


def test_sarif_golden() -> None:
    expected = {
        "version": "2.1.0",
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "raci-lint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://github.com/raci-lint/raci-lint",
                        "rules": [rule_descriptor(r) for r in all_rules()],
                    }
                },
                "invocations": [{"executionSuccessful": True}],
                "columnKind": "unicodeCodePoints",
                "artifacts": [
                    {
                        "location": {"uri": "team/raci.yaml", "uriBaseId": "%SRCROOT%"},
                        "roles": ["analysisTarget"],
                    },
                    {
                        "location": {"uri": "clean/raci.yaml", "uriBaseId": "%SRCROOT%"},
                        "roles": ["analysisTarget"],
                    },
                ],
                "results": [
                    sarif_result(
                        "REF006",
                        "warning",
                        "person 'bob' holds no letter in any component",
                        (4, 3, 4, 6),
                        "111b21648b6bad78a2cb",
                        "bob",
                        "/people/bob",
                    ),
                    sarif_result(
                        "RACI001",
                        "error",
                        "component 'ingest' has no Accountable",
                        (6, 3, 6, 9),
                        "503c211220e663360f65",
                        "ingest",
                        "/components/ingest",
                    ),
                    sarif_result(
                        "RACI005",
                        "note",
                        "'alice' is both Responsible and Informed for component 'ingest'",
                        (8, 45, 8, 50),
                        "d5985b6b2ab6836ffebb",
                        "ingest",
                        "/components/ingest/raci/informed/0",
                    ),
                ],
            }
        ],
    }
    output = render(small_report(), "sarif")
    assert output == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    assert list(SARIF_VALIDATOR.iter_errors(json.loads(output))) == []


def test_sarif_lists_every_rule_with_its_documentation() -> None:
    log = json.loads(render(Report(), "sarif"))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    registered = all_rules()
    assert [r["id"] for r in rules] == [r.code for r in registered]
    assert len({r["id"] for r in rules}) == len(rules) > 20
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for descriptor, current in zip(rules, registered, strict=True):
        markdown = (
            f"## What it does\n\n{current.what}\n\n## Why is this bad?\n\n{current.why}\n\n"
            f"## Example\n\n```yaml\n{current.bad}\n```\n\n"
            f"Use instead:\n\n```yaml\n{current.good}\n```"
        )
        if current.hint:
            markdown += f"\n\n**Hint:** {current.hint}"
        if current.options:
            options = ", ".join(f"{k} (default {v})" for k, v in current.options.items())
            markdown += f"\n\n**Options:** {options}."
        if current.opt_in:
            markdown += "\n\n**Opt-in:** select it to enable."
        assert descriptor["name"] == current.name
        assert descriptor["shortDescription"] == {"text": current.summary}
        assert descriptor["fullDescription"] == {"text": current.what}
        assert descriptor["help"]["markdown"] == markdown
        assert descriptor["help"]["text"].startswith(f"{current.what}\n\nWhy is this bad? ")
        assert current.bad.splitlines()[0] in descriptor["help"]["text"]
        assert descriptor["helpUri"] == current.help_uri
        assert descriptor["helpUri"].endswith("#" + current.code.lower())
        assert descriptor["defaultConfiguration"]["level"] == levels[current.severity]
        assert descriptor["defaultConfiguration"].get("enabled", True) is not current.opt_in
        assert descriptor["defaultConfiguration"].get("parameters", {}) == current.options
        assert ("opt-in" in descriptor["properties"]["tags"]) is current.opt_in
    assert rule_descriptor(next(r for r in registered if r.code == "RACI006"))[
        "defaultConfiguration"
    ] == {"level": "warning", "parameters": {"max": 4}}
    assert next(r for r in rules if r["id"] == "RACI001")["properties"] == {"tags": ["raci"]}
    assert next(r for r in rules if r["id"] == "SYN001")["properties"] == {"tags": ["syntax"]}


def sarif_of(paths: list[str]) -> tuple[Report, dict[str, Any]]:
    # PATH004 and SRC judge the repository the tests run in, not these files.
    report = lint_paths(paths, LintOptions(extend_select=["ALL"], ignore=["PATH004", "SRC"]))
    return report, json.loads(render(report, "sarif"))


def test_sarif_of_many_files_validates_against_the_oasis_schema(hostile_tree: list[str]) -> None:
    report, log = sarif_of([*hostile_tree, "missing.raci.yaml"])
    assert len(report.files) == 6
    assert len(report.violations) > 30
    assert {v.code for v in report.violations} >= {"SYN002", "SYN003", "REF001", "RACI001"}
    errors = sorted(SARIF_VALIDATOR.iter_errors(log), key=str)
    assert errors == []
    run = log["runs"][0]
    assert run["invocations"] == [
        {
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": "missing.raci.yaml: no such file or folder"}}
            ],
        }
    ]
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(report.violations)
    machine = report.for_machines().violations
    for result, violation in zip(run["results"], machine, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == violation.code
        assert result["partialFingerprints"] == {"raciLint/v1": violation.fingerprint}
        # Results without a pointer (a file-wide finding) carry no empty property.
        assert result.get("properties", {}).get("pointer", "") == violation.pointer
        location = result["locations"][0]["physicalLocation"]
        artifact = run["artifacts"][location["artifactLocation"]["index"]]
        assert artifact["location"]["uri"] == location["artifactLocation"]["uri"]
        assert location["region"] == {
            "startLine": violation.line,
            "startColumn": violation.column,
            "endLine": violation.end_line,
            "endColumn": violation.end_column,
        }
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    assert uris == [
        (EXAMPLES / "broken" / "raci.yaml").as_uri(),
        (EXAMPLES / "ml-platform" / "raci.yaml").as_uri(),
        "we%20ird%20%231%20%2520%20%C3%BC/raci.yaml",
        "new%0A%3A%3Aset-output%20name%3Dx%3A%3Ay%2C%250A.raci.yaml",
        "broken.raci.yaml",
        "clean.raci.yaml",
    ]
    for artifact, path in zip(run["artifacts"], hostile_tree, strict=True):
        location = artifact["location"]
        assert URI_CHARACTERS.fullmatch(location["uri"])
        if "uriBaseId" in location:
            assert location["uriBaseId"] == "%SRCROOT%"
            assert unquote(location["uri"]) == path


def test_sarif_schema_copy_rejects_a_broken_log() -> None:
    # The validation above is only worth something if the schema bites.
    log = json.loads(render(small_report(), "sarif"))
    wrong = copy.deepcopy(log)
    wrong["runs"][0]["results"][0]["level"] = "info"
    assert list(SARIF_VALIDATOR.iter_errors(wrong))
    wrong = copy.deepcopy(log)
    wrong["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert list(SARIF_VALIDATOR.iter_errors(wrong))
    wrong = copy.deepcopy(log)
    del wrong["runs"][0]["tool"]["driver"]["name"]
    assert list(SARIF_VALIDATOR.iter_errors(wrong))


def test_sarif_messages_escape_placeholders_and_links(hostile_tree: list[str]) -> None:
    assert message_text("component 'a' has no Accountable") == "component 'a' has no Accountable"
    assert message_text("is 'x{0}y'") == "is 'x{{0}}y'"
    assert message_text("a [b] c") == "a [b] c"
    assert message_text("see [here](1) or \\o") == "see \\[here\\](1) or \\\\o"
    _, log = sarif_of([hostile_tree[2]])
    texts = [r["message"]["text"] for r in log["runs"][0]["results"]]
    assert (
        "entry 1 of 'depends_on' of component 'ok' is 'x{{0}}y\\[a\\](1)', which is not a "
        "component id or external:<name> (ids use lowercase letters, digits, '.', '_' and '-', "
        "and start with a letter or a digit)"
    ) in texts


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("raci.yaml", {"uri": "raci.yaml", "uriBaseId": "%SRCROOT%"}),
        ("a b/ü#?%.yaml", {"uri": "a%20b/%C3%BC%23%3F%25.yaml", "uriBaseId": "%SRCROOT%"}),
        ("x:y/raci.yaml", {"uri": "x%3Ay/raci.yaml", "uriBaseId": "%SRCROOT%"}),
        ("<stdin>", {"uri": "%3Cstdin%3E", "uriBaseId": "%SRCROOT%"}),
        ("bad\udcff.yaml", {"uri": "bad%FF.yaml", "uriBaseId": "%SRCROOT%"}),
        ("lone\ud800.yaml", {"uri": "lone%ED%A0%80.yaml", "uriBaseId": "%SRCROOT%"}),
        ("/srv/my repo/raci.yaml", {"uri": "file:///srv/my%20repo/raci.yaml"}),
        ("C:/work/raci.yaml", {"uri": "file:///C:/work/raci.yaml"}),
        ("//server/share/raci.yaml", {"uri": "file://server/share/raci.yaml"}),
    ],
)
def test_sarif_artifact_locations(path: str, location: dict[str, str]) -> None:
    assert artifact_location(path) == location


def test_sarif_of_an_empty_report_is_valid() -> None:
    log = json.loads(render(Report(), "sarif"))
    assert list(SARIF_VALIDATOR.iter_errors(log)) == []
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["artifacts"] == []


# -------------------------------------------------------------------- github

GITHUB_GOLDEN = (
    "::warning file=team/raci.yaml,line=4,col=3,endLine=4,endColumn=6,title=raci-lint (REF006)"
    "::person 'bob' holds no letter in any component"
    "%0Ahint: give them a letter, mark them `active: false` if they left, or remove them\n"
    "::error file=team/raci.yaml,line=6,col=3,endLine=6,endColumn=9,title=raci-lint (RACI001)"
    "::component 'ingest' has no Accountable"
    "%0Ahint: add `accountable: <person>` under raci; exactly one person signs off\n"
    "::notice file=team/raci.yaml,line=8,col=45,endLine=8,endColumn=50,title=raci-lint (RACI005)"
    "::'alice' is both Responsible and Informed for component 'ingest'"
    "%0Ahint: keep the one letter that describes what they do; only Accountable may go with "
    "Responsible\n"
    "Found 1 error, 1 warning, 1 info in 1 file.\n"
)

COMMAND = re.compile(r"::(error|warning|notice) ([^:]*)::(.*)")


def unescape_data(text: str) -> str:
    # As the runner does (ActionCommand.cs): `%25` last.
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    for escaped, character in (
        ("%0D", "\r"),
        ("%0A", "\n"),
        ("%3A", ":"),
        ("%2C", ","),
        ("%25", "%"),
    ):
        text = text.replace(escaped, character)
    return text


def parse_commands(output: str) -> Iterator[tuple[str, dict[str, str], str]]:
    """Each workflow command as the runner reads it: (command, properties, message)."""
    assert "\r" not in output
    # No line break a runner or a viewer could split at, other than ours.
    assert output.splitlines() == output.split("\n")[:-1]
    for line in output.split("\n"):
        if not line.startswith("::"):
            assert "::" not in line
            continue
        match = COMMAND.fullmatch(line)
        assert match, line
        properties: dict[str, str] = {}
        for item in match[2].split(","):
            key, equals, value = item.partition("=")
            assert equals and key not in properties, item
            properties[key] = unescape_property(value)
        yield match[1], properties, unescape_data(match[3])


def expected_command(violation: Violation) -> tuple[str, dict[str, str], str]:
    properties = {
        "file": violation.path,
        "line": str(violation.line),
        "col": str(violation.column),
        "endLine": str(violation.end_line),
        "endColumn": str(violation.end_column),
        "title": f"raci-lint ({violation.code})",
    }
    kind = {"error": "error", "warning": "warning", "info": "notice"}[violation.severity]
    return kind, properties, f"{violation.message}\nhint: {violation.hint}"


def test_github_golden() -> None:
    assert render(small_report(), "github") == GITHUB_GOLDEN
    assert list(parse_commands(GITHUB_GOLDEN)) == [
        expected_command(v) for v in small_report().violations
    ]


def test_github_quiet_prints_only_the_summary() -> None:
    output = render(small_report(), "github", RenderOptions(quiet=True))
    assert output == "Found 1 error, 1 warning, 1 info in 1 file.\n"
    assert render(lint_text(CLEAN, "raci.yaml"), "github") == "All checks passed: 1 file checked.\n"


def test_github_hostile_text_never_starts_another_command() -> None:
    violation = hostile_violation()
    output = render(Report([violation], [violation.path]), "github")
    assert output == (
        "::error file=dir%2Cx%3Ay/a%0A%3A%3Awarning%3A%3Ab.yaml,line=3,col=5,endLine=3,"
        "endColumn=9,title=raci-lint (REF001)::x%0A::set-output name=x::y%0D%0A%250A%2525 "
        '::error file=a,line=1::z, a:b <script>&"%0Ahint: h%250A%0A::notice::n\n'
        "Found 1 error in 1 file.\n"
    )
    assert list(parse_commands(output)) == [expected_command(violation)]


def test_github_range_over_several_lines_is_shown_at_its_start() -> None:
    violation = hostile_violation(message="m", hint=None, path="raci.yaml", end_line=5)
    output = render(Report([violation]), "github")
    assert output == (
        "::error file=raci.yaml,line=3,col=5,title=raci-lint (REF001)::m\n"
        "Found 1 error in 1 file.\n"
    )


def test_github_control_characters_are_shown_as_escapes() -> None:
    violation = hostile_violation(
        message="a\x1b[2Jb\x00c\x0bd\x0ce\x85f\u2028g\th", hint=None, path="p\x1c.yaml"
    )
    output = render(Report([violation]), "github")
    [(_, properties, message)] = parse_commands(output)
    assert properties["file"] == "p\\x1c.yaml"
    assert message == "a\\x1b[2Jb\\x00c\\x0bd\\x0ce\\x85f\\u2028g\th"


def test_github_bidirectional_and_zero_width_characters_are_shown_as_escapes() -> None:
    violation = hostile_violation(
        message="owner \u202eevil\u202c and \u200bzero", hint=None, path="a\u2066b\ufeff.yaml"
    )
    output = render(Report([violation]), "github")
    assert output == (
        "::error file=a\\u2066b\\ufeff.yaml,line=3,col=5,endLine=3,endColumn=9,"
        "title=raci-lint (REF001)::owner \\u202eevil\\u202c and \\u200bzero\n"
        "Found 1 error in 1 file.\n"
    )


def test_github_real_hostile_files(hostile_tree: list[str]) -> None:
    report = lint_paths(hostile_tree[2:4])
    assert any("\n::set-output" in v.path for v in report.violations)
    assert any(v.code == "SYN002" for v in report.violations)
    assert any("%0A::error::x,y:z" in v.message for v in report.violations)
    output = render(report, "github")
    commands = list(parse_commands(output))
    assert commands == [expected_command(v) for v in report.violations]
    assert output.count("\n") == len(report.violations) + 1


# -------------------------------------------------------------------- gitlab

GITLAB_CATEGORIES = [
    "Bug Risk", "Clarity", "Compatibility", "Complexity", "Duplication", "Performance",
    "Security", "Style",
]  # fmt: skip
# The fields GitLab's Code Quality report documents as required, and the
# Code Climate issue fields this reporter also writes.
GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "description",
            "check_name",
            "fingerprint",
            "severity",
            "location",
            "type",
            "categories",
        ],
        "properties": {
            "type": {"const": "issue"},
            "check_name": {"type": "string", "pattern": "^[A-Z]+[0-9]{3}$"},
            "description": {"type": "string", "minLength": 1},
            "categories": {
                "type": "array",
                "minItems": 1,
                "items": {"enum": GITLAB_CATEGORIES},
            },
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "fingerprint": {"type": "string", "minLength": 1},
            "location": {
                "type": "object",
                "additionalProperties": False,
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["begin"],
                        "properties": {
                            "begin": {"type": "integer", "minimum": 1},
                            "end": {"type": "integer", "minimum": 1},
                        },
                    },
                },
            },
        },
    },
}


def gitlab_issue(
    code: str, message: str, category: str, severity: str, fingerprint: str, line: int
) -> dict[str, Any]:
    return {
        "type": "issue",
        "check_name": code,
        "description": f"{code}: {message}",
        "categories": [category],
        "severity": severity,
        "fingerprint": fingerprint,
        "location": {"path": "team/raci.yaml", "lines": {"begin": line, "end": line}},
    }


def test_gitlab_golden() -> None:
    expected = [
        gitlab_issue(
            "REF006",
            "person 'bob' holds no letter in any component",
            "Clarity",
            "minor",
            "111b21648b6bad78a2cb",
            4,
        ),
        gitlab_issue(
            "RACI001",
            "component 'ingest' has no Accountable",
            "Bug Risk",
            "major",
            "503c211220e663360f65",
            6,
        ),
        gitlab_issue(
            "RACI005",
            "'alice' is both Responsible and Informed for component 'ingest'",
            "Clarity",
            "info",
            "d5985b6b2ab6836ffebb",
            8,
        ),
    ]
    output = render(small_report(), "gitlab")
    assert output == json.dumps(expected, indent=2) + "\n"
    jsonschema.validate(json.loads(output), GITLAB_SCHEMA)


def test_gitlab_structure_of_real_output(hostile_tree: list[str]) -> None:
    report = lint_paths(hostile_tree, LintOptions(extend_select=["ALL"], ignore=["PATH004"]))
    issues = json.loads(render(report, "gitlab"))
    jsonschema.validate(issues, GITLAB_SCHEMA)
    assert len(issues) == len(report.violations) > 30
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert [i["location"]["path"] for i in issues] == [v.path for v in report.violations]


def test_gitlab_schema_bites() -> None:
    issues = json.loads(render(small_report(), "gitlab"))
    for field in ("description", "check_name", "fingerprint", "severity"):
        wrong = copy.deepcopy(issues)
        del wrong[0][field]
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(wrong, GITLAB_SCHEMA)
    wrong = copy.deepcopy(issues)
    del wrong[0]["location"]["lines"]["begin"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(wrong, GITLAB_SCHEMA)


def moved(text: str) -> str:
    """The same file with three lines added above everything else."""
    return text.replace("version: 1\n", "# moved\n\n# down\nversion: 1\n", 1)


def test_gitlab_fingerprints_survive_moved_lines() -> None:
    before = json.loads(render(lint_text(BROKEN, "team/raci.yaml"), "gitlab"))
    after = json.loads(render(lint_text(moved(BROKEN), "team/raci.yaml"), "gitlab"))
    assert [i["location"]["lines"]["begin"] + 3 for i in before] == [
        i["location"]["lines"]["begin"] for i in after
    ]
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]


def doubled(text: str) -> Report:
    """The same file checked twice: every fingerprint occurs twice."""
    report = lint_text(text, "team/raci.yaml")
    report.extend(lint_text(text, "team/raci.yaml"))
    report.sort()
    return report


def test_gitlab_shared_fingerprints_become_distinct_and_stable() -> None:
    report = doubled(BROKEN)
    own = [v.fingerprint for v in report.for_machines().violations]
    assert len(own) == 6 and len(set(own)) == 3
    issues = json.loads(render(report, "gitlab"))
    given = [i["fingerprint"] for i in issues]
    assert len(set(given)) == 6
    # The first of each pair keeps the violation's (root-relative) fingerprint; the second
    # has its occurrence number hashed in.
    assert given[0::2] == own[0::2]
    assert given[1::2] == [
        hashlib.sha256(f"{fp}\x002".encode()).hexdigest()[:20] for fp in own[1::2]
    ]
    assert json.loads(render(doubled(BROKEN), "gitlab")) == issues
    assert [i["fingerprint"] for i in json.loads(render(doubled(moved(BROKEN)), "gitlab"))] == given


def test_gitlab_fingerprints_of_three_alike() -> None:
    violation = hostile_violation()
    other = hostile_violation(fingerprint="ffffffffffffffffffff")
    result = fingerprints([violation, other, violation, violation])
    assert result[:2] == ["0123456789abcdef0123", "ffffffffffffffffffff"]
    assert result[2:] == [
        hashlib.sha256(f"0123456789abcdef0123\x00{n}".encode()).hexdigest()[:20] for n in (2, 3)
    ]
    assert len(set(result)) == 4


# --------------------------------------------------------------------- junit

JUNIT_GOLDEN = """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="raci-lint" tests="4" failures="3" errors="0">
  <testsuite name="team/raci.yaml" tests="3" failures="3" errors="0" file="team/raci.yaml">
    <testcase name="REF006 team/raci.yaml:4:3" classname="team/raci.yaml">
      <failure type="REF006" message="person 'bob' holds no letter in any component">team/raci.yaml:4:3: REF006 [warning] person 'bob' holds no letter in any component (unassigned-person)
hint: give them a letter, mark them `active: false` if they left, or remove them</failure>
    </testcase>
    <testcase name="RACI001 team/raci.yaml:6:3" classname="team/raci.yaml">
      <failure type="RACI001" message="component 'ingest' has no Accountable">team/raci.yaml:6:3: RACI001 [error] component 'ingest' has no Accountable (missing-accountable)
hint: add `accountable: &lt;person&gt;` under raci; exactly one person signs off</failure>
    </testcase>
    <testcase name="RACI005 team/raci.yaml:8:45" classname="team/raci.yaml">
      <failure type="RACI005" message="'alice' is both Responsible and Informed for component 'ingest'">team/raci.yaml:8:45: RACI005 [info] 'alice' is both Responsible and Informed for component 'ingest' (conflicting-letters)
hint: keep the one letter that describes what they do; only Accountable may go with Responsible</failure>
    </testcase>
  </testsuite>
  <testsuite name="clean/raci.yaml" tests="1" failures="0" errors="0" file="clean/raci.yaml">
    <testcase name="raci-lint clean/raci.yaml" classname="clean/raci.yaml" />
  </testsuite>
</testsuites>
"""


def parse_junit(output: str) -> ET.Element:
    return ET.fromstring(output.encode("utf-8"))


def test_junit_golden() -> None:
    output = render(small_report(), "junit")
    assert output == JUNIT_GOLDEN
    root = parse_junit(output)
    assert [suite.get("name") for suite in root] == ["team/raci.yaml", "clean/raci.yaml"]


def test_junit_hostile_characters() -> None:
    message = '<script>alert("x")</script> & "q" \x01 \x1b[2J \ud800 \ufffe ]]> \t'
    path = 'a&b<"c">\x01\x1b.yaml'
    violation = hostile_violation(message=message, path=path, hint="<&>")
    report = Report([violation, violation._replace(code="REF002")], [path, "clean.yaml"])
    output = render(report, "junit")
    output.encode("utf-8")  # no lone surrogate left
    root = parse_junit(output)
    safe_message = '<script>alert("x")</script> & "q" \\x01 \\x1b[2J \\ud800 \\ufffe ]]> \t'
    safe_path = 'a&b<"c">\\x01\\x1b.yaml'
    assert root.attrib == {"name": "raci-lint", "tests": "3", "failures": "2", "errors": "0"}
    suite, clean = root
    assert suite.attrib == {
        "name": safe_path,
        "tests": "2",
        "failures": "2",
        "errors": "0",
        "file": safe_path,
    }
    cases = list(suite)
    assert [case.get("name") for case in cases] == [
        f"REF001 {safe_path}:3:5",
        f"REF002 {safe_path}:3:5",
    ]
    for case, code in zip(cases, ("REF001", "REF002"), strict=True):
        assert case.attrib == {"name": f"{code} {safe_path}:3:5", "classname": safe_path}
        [failure] = case
        assert failure.tag == "failure"
        assert failure.attrib == {"type": code, "message": safe_message}
        assert failure.text == (
            f"{safe_path}:3:5: {code} [error] {safe_message} (unknown-reference)\nhint: <&>"
        )
    assert clean.attrib == {
        "name": "clean.yaml",
        "tests": "1",
        "failures": "0",
        "errors": "0",
        "file": "clean.yaml",
    }
    assert [case.attrib for case in clean] == [
        {"name": "raci-lint clean.yaml", "classname": "clean.yaml"}
    ]


def test_junit_of_real_hostile_files(hostile_tree: list[str]) -> None:
    report = lint_paths([*hostile_tree, "missing.raci.yaml"])
    root = parse_junit(render(report, "junit"))
    suites = list(root)
    # A file name is the repository's: its line breaks and controls are escapes.
    assert [s.get("name") for s in suites] == [*map(neutralize, report.files), "raci-lint"]
    assert all("\n" not in case.get("name", "") for suite in suites for case in suite)
    for suite, path in zip(suites, report.files, strict=False):
        mine = [v for v in report.violations if v.path == path]
        assert suite.get("failures") == str(len(mine))
        assert suite.get("tests") == str(max(len(mine), 1))
        failures = [case.find("failure") for case in suite if case.find("failure") is not None]
        assert [f.get("message") for f in failures if f is not None] == [v.message for v in mine]
        assert [f.get("type") for f in failures if f is not None] == [v.code for v in mine]
    errors = suites[-1]
    assert errors.attrib == {"name": "raci-lint", "tests": "1", "failures": "1", "errors": "0"}
    [case] = errors
    assert case.attrib == {
        "name": "missing.raci.yaml: no such file or folder",
        "classname": "raci-lint",
    }
    [failure] = case
    assert (failure.tag, failure.attrib, failure.text) == (
        "failure",
        {"type": "unreadable-path", "message": "missing.raci.yaml: no such file or folder"},
        "missing.raci.yaml: no such file or folder",
    )
    assert root.get("tests") == str(sum(int(s.get("tests", "")) for s in suites))
    assert root.get("failures") == str(len(report.violations) + 1)
    assert root.get("errors") == "0"


# ---------------------------------------------------------------------- CLI


@pytest.mark.parametrize("name", ["sarif", "github", "gitlab", "junit"])
def test_cli_exit_codes_are_unchanged(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("RACI_LINT_FORMAT", raising=False)
    (tmp_path / "broken.raci.yaml").write_text(BROKEN)
    (tmp_path / "clean.raci.yaml").write_text(CLEAN)
    assert main(["check", "-f", name, "broken.raci.yaml"]) == 1
    broken = capsys.readouterr()
    assert main(["check", "--format", name, "clean.raci.yaml"]) == 0
    clean = capsys.readouterr()
    assert main(["check", "-f", name, "--exit-zero", "broken.raci.yaml"]) == 0
    assert capsys.readouterr().out == broken.out
    assert broken.err == clean.err == ""
    expected = lint_paths(["broken.raci.yaml"])
    assert broken.out == render(expected, name)
    assert clean.out == render(lint_paths(["clean.raci.yaml"]), name)


def test_cli_sarif_through_the_module(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text(BROKEN)
    result = subprocess.run(
        [sys.executable, "-m", "raci_lint", "check", "-f", "sarif", "raci.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert (result.returncode, result.stderr) == (1, "")
    log = json.loads(result.stdout)
    assert list(SARIF_VALIDATOR.iter_errors(log)) == []
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["REF006", "RACI001", "RACI005"]
