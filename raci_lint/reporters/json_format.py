"""``json``: a list of violation objects with every field of the report."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from raci_lint.reporters import RenderOptions

if TYPE_CHECKING:
    from raci_lint.engine.report import Report


def render(report: Report, options: RenderOptions) -> str:
    return json.dumps([v.to_dict() for v in report.violations], indent=2, ensure_ascii=False) + "\n"
