"""``sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run. ``tool.driver.rules`` lists every registered rule (also those not
enabled in this run), so a result's ``ruleIndex`` is stable across runs.
Paths are relative URIs against ``%SRCROOT%`` (the repository root: the
same bytes from any folder of it), paths outside it ``file:`` URIs. Columns count code points, as the linter does.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import raci_lint
from raci_lint.reporters import RenderOptions
from raci_lint.rules.registry import Rule, all_rules, family_of

if TYPE_CHECKING:
    from raci_lint.engine.report import Report
    from raci_lint.violations import Violation

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/raci-lint/raci-lint"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "raciLint/v1"

LEVELS = {"error": "error", "warning": "warning", "info": "note"}

_DRIVE = re.compile(r"[A-Za-z]:/")
# An embedded link of a plain text message (SARIF 2.1.0 §3.11.6): `[text](target)`.
_LINK = re.compile(r"\[[^\]]*\]\(")


def _quote(path: str) -> str:
    # A name read from a non-UTF-8 file system holds surrogate escapes of its
    # bytes: percent-encode those bytes, not the surrogates.
    try:
        data = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        data = path.encode("utf-8", "surrogatepass")
    return quote(data, safe="/")


def artifact_location(path: str) -> dict[str, Any]:
    """The ``artifactLocation`` of a displayed path: relative to ``%SRCROOT%`` if it is relative."""
    if path.startswith("//"):  # a UNC path, //server/share/...
        return {"uri": "file:" + _quote(path)}
    if path.startswith("/"):
        return {"uri": "file://" + _quote(path)}
    if _DRIVE.match(path):
        return {"uri": "file:///" + path[:2] + _quote(path[2:])}
    return {"uri": _quote(path), "uriBaseId": SRCROOT}


def message_text(text: str) -> str:
    """Plain text as a SARIF message string.

    Braces are doubled (§3.11.5: a brace is otherwise a placeholder), and
    square brackets are escaped when they would form an embedded link
    (§3.11.6), so no text from a YAML file turns into a link.
    """
    text = text.replace("{", "{{").replace("}", "}}")
    if _LINK.search(text):
        text = text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return text


def _options(current: Rule) -> str:
    return ", ".join(f"{key} (default {value})" for key, value in current.options.items())


def _help_text(current: Rule) -> str:
    parts = [current.what, f"Why is this bad? {current.why}"]
    parts.append("Example:\n\n" + _indent(current.bad))
    parts.append("Use instead:\n\n" + _indent(current.good))
    if current.hint:
        parts.append(f"Hint: {current.hint}")
    if current.options:
        parts.append(f"Options: {_options(current)}.")
    if current.opt_in:
        parts.append("Opt-in: select it to enable.")
    return "\n\n".join(parts)


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.rstrip().splitlines())


def _help_markdown(current: Rule) -> str:
    parts = [
        "## What it does",
        current.what,
        "## Why is this bad?",
        current.why,
        "## Example",
        f"```yaml\n{current.bad.rstrip()}\n```",
        "Use instead:",
        f"```yaml\n{current.good.rstrip()}\n```",
    ]
    if current.hint:
        parts.append(f"**Hint:** {current.hint}")
    if current.options:
        parts.append(f"**Options:** {_options(current)}.")
    if current.opt_in:
        parts.append("**Opt-in:** select it to enable.")
    return "\n\n".join(parts)


def rule_descriptor(current: Rule) -> dict[str, Any]:
    """A rule as a SARIF ``reportingDescriptor``."""
    configuration: dict[str, Any] = {"level": LEVELS[current.severity]}
    if current.opt_in:
        configuration["enabled"] = False
    if current.options:
        configuration["parameters"] = dict(current.options)
    tags = [family_of(current).tag]
    if current.opt_in:
        tags.append("opt-in")
    return {
        "id": current.code,
        "name": current.name,
        "shortDescription": {"text": current.summary},
        "fullDescription": {"text": current.what},
        "help": {"text": _help_text(current), "markdown": _help_markdown(current)},
        "helpUri": current.help_uri,
        "defaultConfiguration": configuration,
        "properties": {"tags": tags},
    }


def _result(
    violation: Violation, rule_index: dict[str, int], artifacts: dict[str, int]
) -> dict[str, Any]:
    location = artifact_location(violation.path)
    location["index"] = artifacts[violation.path]
    result: dict[str, Any] = {"ruleId": violation.code}
    if violation.code in rule_index:
        result["ruleIndex"] = rule_index[violation.code]
    result["level"] = LEVELS[violation.severity]
    result["message"] = {"text": message_text(violation.message)}
    result["locations"] = [
        {
            "physicalLocation": {
                "artifactLocation": location,
                "region": {
                    "startLine": violation.line,
                    "startColumn": violation.column,
                    "endLine": violation.end_line,
                    "endColumn": violation.end_column,
                },
            }
        }
    ]
    result["partialFingerprints"] = {FINGERPRINT_KEY: violation.fingerprint}
    properties: dict[str, str] = {}
    if violation.subject is not None:
        properties["subject"] = violation.subject
    if violation.pointer:
        properties["pointer"] = violation.pointer
    if properties:
        result["properties"] = properties
    return result


def sarif_log(report: Report) -> dict[str, Any]:
    """The report as a SARIF log (a JSON-ready dict)."""
    rules = all_rules()
    rule_index = {current.code: index for index, current in enumerate(rules)}
    # The checked files first, then any other file a violation names.
    artifacts: dict[str, int] = {}
    roles: dict[str, bool] = {}
    for path in report.files:
        artifacts.setdefault(path, len(artifacts))
        roles[path] = True
    for violation in report.violations:
        artifacts.setdefault(violation.path, len(artifacts))
    artifact_list: list[dict[str, Any]] = []
    for path in artifacts:
        entry: dict[str, Any] = {"location": artifact_location(path)}
        if roles.get(path):
            entry["roles"] = ["analysisTarget"]
        artifact_list.append(entry)
    invocation: dict[str, Any] = {"executionSuccessful": not report.errors}
    if report.errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": message_text(error)}} for error in report.errors
        ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "raci-lint",
                "version": raci_lint.__version__,
                "semanticVersion": raci_lint.__version__,
                "informationUri": INFORMATION_URI,
                "rules": [rule_descriptor(current) for current in rules],
            }
        },
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "artifacts": artifact_list,
        "results": [_result(v, rule_index, artifacts) for v in report.violations],
    }
    return {"version": "2.1.0", "$schema": SCHEMA_URI, "runs": [run]}


def render(report: Report, options: RenderOptions) -> str:
    report = report.for_machines()
    return json.dumps(sarif_log(report), indent=2, ensure_ascii=False) + "\n"
