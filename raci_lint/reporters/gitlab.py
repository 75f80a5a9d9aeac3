"""``gitlab``: GitLab Code Quality JSON (a subset of the Code Climate issue format).

A list of issues with the fields GitLab reads (``description``,
``check_name``, ``fingerprint``, ``severity``, ``location.path``,
``location.lines.begin``) and the ones the Code Climate format requires
(``type``, ``categories``).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from raci_lint.reporters import RenderOptions
from raci_lint.rules.registry import get_rule

if TYPE_CHECKING:
    from raci_lint.engine.report import Report
    from raci_lint.violations import Violation

SEVERITIES = {"info": "info", "warning": "minor", "error": "major"}


def fingerprints(violations: list[Violation]) -> list[str]:
    """A fingerprint per violation, unique within the list.

    The violation's own fingerprint, which never depends on lines; the
    second and later violations that share one get it hashed with their
    occurrence number, so they stay distinct and stable across runs.
    """
    taken = {v.fingerprint for v in violations}
    seen: Counter[str] = Counter()
    result = []
    for violation in violations:
        base = violation.fingerprint
        seen[base] += 1
        if seen[base] == 1:
            result.append(base)
            continue
        occurrence = seen[base]
        while True:
            material = f"{base}\0{occurrence}".encode()
            candidate = hashlib.sha256(material).hexdigest()[: len(base)]
            if candidate not in taken:
                break
            occurrence += 1  # pragma: no cover - a hash collision
        taken.add(candidate)
        result.append(candidate)
    return result


def _category(violation: Violation) -> str:
    current = get_rule(violation.code)
    default = current.severity if current is not None else violation.severity
    return "Bug Risk" if default == "error" else "Clarity"


def issue(violation: Violation, fingerprint: str) -> dict[str, Any]:
    """One Code Quality issue."""
    return {
        "type": "issue",
        "check_name": violation.code,
        "description": f"{violation.code}: {violation.message}",
        "categories": [_category(violation)],
        "severity": SEVERITIES[violation.severity],
        "fingerprint": fingerprint,
        "location": {
            "path": violation.path,
            "lines": {"begin": violation.line, "end": violation.end_line},
        },
    }


def render(report: Report, options: RenderOptions) -> str:
    report = report.for_machines()
    issues = [
        issue(v, f) for v, f in zip(report.violations, fingerprints(report.violations), strict=True)
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
