"""What the linter reports: one :class:`Violation` per finding."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

# Characters that act instead of showing: C0 and C1 controls (line breaks
# and escape sequences among them), DEL, the Unicode line separators, and
# the bidirectional and zero-width controls that can make text read as
# something else ("Trojan Source").
ACTING_CHARACTERS = "\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
_ACTING = re.compile(f"[{ACTING_CHARACTERS}]")


def neutralize(text: str) -> str:
    """Text from a linted file, safe anywhere: acting characters shown as escapes."""
    if _ACTING.search(text) is None:
        return text
    return _ACTING.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 file', '2 files'; ``many`` for another plural: '2 people', '3 info'."""
    return f"{count} {word if count == 1 else many or word + 's'}"


__all__ = [
    "ACTING_CHARACTERS",
    "SEVERITIES",
    "SEVERITY_RANK",
    "Violation",
    "fingerprint",
    "neutralize",
    "plural",
]

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def fingerprint(path: str, code: str, subject: str | None, key: str) -> str:
    """A stable identity of a violation: never lines, never counts.

    Made of the file's path, the rule's code, the subject (component, person
    or team id) and the rule's discriminating value (the unknown id, the
    pattern...), so it survives edits elsewhere in the file.
    """
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

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        """The fields of the JSON output, in a stable order."""
        return self._asdict()
