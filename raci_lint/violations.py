"""What the linter reports: one :class:`Violation` per finding."""

from typing import Any, NamedTuple

from raci_lint.fixes import Fix

__all__ = [
    "SEVERITIES",
    "SEVERITY_RANK",
    "Violation",
    "fingerprint",
]

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def fingerprint(path: str, code: str, subject: str | None, key: str) -> str:
    """A stable identity of a violation: never lines, never counts.

    Made of the file's path, the rule's code, the subject (component, person
    or team id) and the rule's discriminating value (the unknown id, the
    pattern...), so it survives edits elsewhere in the file.
    """
    # Imported here: a clean file computes no fingerprint (start-up time).
    import hashlib

    material = "\0".join((path, code, subject or "", key))
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:20]


class Violation(NamedTuple):
    """One finding, with everything every output format needs."""

    code: str
    name: str
    severity: str
    message: str
    hint: str | None
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    pointer: str
    subject: str | None
    fingerprint: str
    # The repair it offers, if any (see `raci_lint.fixes`).
    fix: Fix | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        """The fields of the JSON output, in a stable order; ``fix`` is null or ruff's shape."""
        fields = self._asdict()
        fields["fix"] = None if self.fix is None else self.fix.to_dict()
        return fields
