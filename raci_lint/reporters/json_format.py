"""``json`` and ``json-lines``: violation objects with every field of the report.

Paths are relative to the repository root, as in every machine format.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from raci_lint.reporters import RenderOptions

if TYPE_CHECKING:
    from raci_lint.engine.report import Report


def render(report: Report, options: RenderOptions) -> str:
    report = report.for_machines()
    return json.dumps([v.to_dict() for v in report.violations], indent=2, ensure_ascii=False) + "\n"


def render_lines(report: Report, options: RenderOptions) -> str:
    """``json-lines``: one compact JSON object per violation per line, the fields of ``json``."""
    report = report.for_machines()
    return "".join(_one_line(v.to_dict()) + "\n" for v in report.violations)


# Line breaks JSON leaves raw in strings but line readers (str.splitlines too) split on.
_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _one_line(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _BREAKS.items():
        text = text.replace(raw, escaped)
    return text
