"""``junit``: JUnit XML, for CI systems that show test reports.

One ``testsuite`` per checked file, its ``file`` the file's path from the
repository root; one ``testcase`` per violation, holding a ``failure``, with
``line:col`` in its name and its failure text; a clean file is a suite with
one passing testcase, so that CI lists it. Unreadable paths are
``failure`` testcases (type ``unreadable-path``) of a last suite named
``raci-lint``, so every consumer shows them as failing. The output validates
against the strict JUnit schema of pytest's ``xunit2`` family, which allows
no ``file`` or ``line`` on a testcase and no ``error`` inside one. The XML is
well-formed whatever the input holds: characters XML 1.0 cannot carry are
written as escapes like ``\\x1b``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from raci_lint.reporters import RenderOptions
from raci_lint.wording import neutralize

if TYPE_CHECKING:
    from raci_lint.engine.report import Report
    from raci_lint.violations import Violation

# Everything outside XML 1.0's Char production: C0 controls other than tab,
# LF and CR, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Text XML 1.0 can hold: forbidden characters become visible escapes."""
    return _NOT_XML.sub(lambda match: repr(match.group())[1:-1], text)


def _element(parent: ET.Element, tag: str, **attributes: str) -> ET.Element:
    return ET.SubElement(parent, tag, {key: xml_safe(value) for key, value in attributes.items()})


def _position(violation: Violation) -> str:
    return f"{neutralize(violation.path)}:{violation.line}:{violation.column}"


def _failure_text(violation: Violation) -> str:
    text = (
        f"{_position(violation)}: {violation.code} [{violation.severity}] "
        f"{violation.message} ({violation.name})"
    )
    if violation.hint:
        text += f"\nhint: {violation.hint}"
    return text


def _testcase(suite: ET.Element, violation: Violation) -> None:
    case = _element(
        suite,
        "testcase",
        name=f"{violation.code} {_position(violation)}",
        classname=neutralize(violation.path),
    )
    failure = _element(case, "failure", type=violation.code, message=violation.message)
    failure.text = xml_safe(_failure_text(violation))


def junit_tree(report: Report) -> ET.Element:
    """The report as a ``testsuites`` element."""
    by_path: dict[str, list[Violation]] = {path: [] for path in report.files}
    for violation in report.violations:
        by_path.setdefault(violation.path, []).append(violation)
    root = ET.Element("testsuites", name="raci-lint")
    for path, violations in by_path.items():
        count = len(violations)
        suite = _element(
            root,
            "testsuite",
            name=neutralize(path),
            tests=str(max(count, 1)),
            failures=str(count),
            errors="0",
            file=neutralize(path),
        )
        for violation in violations:
            _testcase(suite, violation)
        if not violations:
            shown = neutralize(path)
            _element(suite, "testcase", name=f"raci-lint {shown}", classname=shown)
    if report.errors:
        suite = _element(
            root,
            "testsuite",
            name="raci-lint",
            tests=str(len(report.errors)),
            failures=str(len(report.errors)),
            errors="0",
        )
        for error in report.errors:
            shown = neutralize(error)
            case = _element(suite, "testcase", name=shown, classname="raci-lint")
            failure = _element(case, "failure", type="unreadable-path", message=shown)
            failure.text = xml_safe(shown)
    tests = sum(int(suite.get("tests", "0")) for suite in root)
    failures = sum(int(suite.get("failures", "0")) for suite in root)
    root.set("tests", str(tests))
    root.set("failures", str(failures))
    root.set("errors", "0")
    return root


def render(report: Report, options: RenderOptions) -> str:
    report = report.for_machines()
    root = junit_tree(report)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
