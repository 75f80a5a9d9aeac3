"""``github``: GitHub Actions workflow commands, which the runner turns into annotations.

One command a violation, then the plain summary line::

    ::error file=raci.yaml,line=5,col=3,endLine=5,endColumn=9,title=raci-lint (RACI001)::...

The message and the property values are escaped as ``@actions/core``
(``command.ts``) escapes them, so no text from a YAML file can end the
command early or start another one. Other control characters are shown as
escapes, as in the terminal formats.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from raci_lint.reporters import RenderOptions
from raci_lint.reporters.text import with_summary
from raci_lint.wording import neutralize

if TYPE_CHECKING:
    from raci_lint.engine.report import Report
    from raci_lint.violations import Violation

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _neutralize(text: str) -> str:
    # What `neutralize` shows as escapes, but tab, CR and LF: a tab is
    # harmless and the escaping below turns line breaks into %0D and %0A.
    return neutralize(text, keep="\t\n\r")


def escape_data(text: str) -> str:
    """A command's message, escaped as ``escapeData`` in ``@actions/core``."""
    return _neutralize(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value, escaped as ``escapeProperty`` in ``@actions/core``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(violation: Violation) -> str:
    """The workflow command of one violation."""
    properties = [
        ("file", violation.path),
        ("line", str(violation.line)),
        ("col", str(violation.column)),
    ]
    # The runner drops columns of a range over several lines; such a range
    # is shown at its start.
    if violation.end_line == violation.line:
        properties += [
            ("endLine", str(violation.end_line)),
            ("endColumn", str(violation.end_column)),
        ]
    properties.append(("title", f"raci-lint ({violation.code})"))
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    message = violation.message
    if violation.hint:
        message += f"\nhint: {violation.hint}"
    return f"::{COMMANDS[violation.severity]} {rendered}::{escape_data(message)}"


def render(report: Report, options: RenderOptions) -> str:
    report = report.for_machines()
    lines = [] if options.quiet else [command(v) for v in report.violations]
    return with_summary(lines, report)
