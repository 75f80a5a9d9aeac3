"""``rdjson``: reviewdog's Diagnostic Format (``reviewdog -f=rdjson``).

One ``DiagnosticResult``: the ``source``, an overall ``severity`` (the
highest of the diagnostics; ``INFO`` when there are none) and one
``Diagnostic`` per violation, its path relative to the repository root.
Field names follow reviewdog's ``proto/rdf/reviewdog.proto`` as its JSON
form spells them. Columns count code points, as the linter does: on a
non-ASCII line they are smaller than reviewdog's UTF-8 byte columns.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from raci_lint.reporters import RenderOptions
from raci_lint.rules.registry import get_rule

if TYPE_CHECKING:
    from raci_lint.engine.report import Report
    from raci_lint.violations import Violation

SOURCE = {"name": "raci-lint", "url": "https://github.com/raci-lint/raci-lint"}
SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
_ORDER = ("error", "warning", "info")


def diagnostic(violation: Violation) -> dict[str, Any]:
    """One reviewdog ``Diagnostic``."""
    code: dict[str, str] = {"value": violation.code}
    current = get_rule(violation.code)
    if current is not None:
        code["url"] = current.help_uri
    return {
        "message": violation.message,
        "location": {
            "path": violation.path,
            "range": {
                "start": {"line": violation.line, "column": violation.column},
                "end": {"line": violation.end_line, "column": violation.end_column},
            },
        },
        "severity": SEVERITIES[violation.severity],
        "code": code,
    }


def render(report: Report, options: RenderOptions) -> str:
    report = report.for_machines()
    present = {v.severity for v in report.violations}
    overall = next((name for name in _ORDER if name in present), "info")
    result = {
        "source": SOURCE,
        "severity": SEVERITIES[overall],
        "diagnostics": [diagnostic(v) for v in report.violations],
    }
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"
