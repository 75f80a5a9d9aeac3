"""Fixes: text edits at exact spans of a file's text, and how to apply them.

A :class:`Fix` is what a violation offers to repair itself: a title, the
:class:`Edit` list, and whether it is *safe* (always right, applied by
``check --fix``) or *unsafe* (a judgement, applied with ``--unsafe-fixes``
too). Edits replace exact spans of the original text, so comments,
quoting, order and layout outside them survive: applying a fix never
reformats a file.

Offsets are **character offsets into the decoded text** (``Document.text``:
Unicode code points, counted from the first character after a byte-order
mark, with line breaks as written, ``\\r\\n`` two characters). Rules get
them from ``raci_lint.reading.loader.offsets(node)``.

This module is the bottom layer: it imports nothing of the package.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any

__all__ = [
    "SAFE",
    "UNSAFE",
    "Edit",
    "Fix",
    "OverlappingEdits",
    "apply_edits",
    "apply_fixes",
]

SAFE = "safe"
UNSAFE = "unsafe"


# Plain classes, not named tuples: this module is imported by every run, and
# building a named tuple class costs start-up time. They compare, hash and
# sort as the tuples of their fields.


class Edit:
    """Replace ``text[start:end]`` with ``text`` (an insertion when start == end).

    ``start`` and ``end`` are character offsets into the file's decoded text
    (see the module's docstring); ``end`` is exclusive. Edits compare and
    sort as ``(start, end, text)``.
    """

    __slots__ = ("end", "start", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text

    @classmethod
    def insert(cls, at: int, text: str) -> Edit:
        """Insert ``text`` before the character at ``at``."""
        return cls(at, at, text)

    @classmethod
    def delete(cls, start: int, end: int) -> Edit:
        """Delete ``text[start:end]``."""
        return cls(start, end, "")

    def _key(self) -> tuple[int, int, str]:
        return self.start, self.end, self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Edit) and self._key() == other._key()

    def __lt__(self, other: Edit) -> bool:
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Edit(start={self.start}, end={self.end}, text={self.text!r})"

    def to_dict(self) -> dict[str, Any]:
        """The edit in the JSON output: ``{"content", "start", "end"}``."""
        return {"content": self.text, "start": self.start, "end": self.end}


class Fix:
    """A repair a violation offers: a title, its edits, and whether it is safe.

    ``path`` is None when the edits apply to the file the violation is in
    (also for a violation reported in a file the run does not check, such
    as PATH004's CODEOWNERS); else the shown path of the other file they
    apply to. Fixes compare and hash as ``(title, edits, safe, path)``.
    """

    __slots__ = ("edits", "path", "safe", "title")

    def __init__(
        self, title: str, edits: tuple[Edit, ...], safe: bool, path: str | None = None
    ) -> None:
        self.title = title
        self.edits = tuple(edits)
        self.safe = safe
        self.path = path

    def _key(self) -> tuple[str, tuple[Edit, ...], bool, str | None]:
        return self.title, self.edits, self.safe, self.path

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fix) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Fix(title={self.title!r}, edits={self.edits!r}, safe={self.safe})"

    @property
    def applicability(self) -> str:
        """``"safe"`` or ``"unsafe"``, as ruff names them."""
        return SAFE if self.safe else UNSAFE

    def to_dict(self) -> dict[str, Any]:
        """The fix in the JSON output, as ruff's: applicability, message, edits."""
        out: dict[str, Any] = {
            "applicability": self.applicability,
            "message": self.title,
            "edits": [edit.to_dict() for edit in sorted(self.edits)],
        }
        if self.path is not None:
            out["path"] = self.path
        return out


class OverlappingEdits(ValueError):
    """Edits given to :func:`apply_edits` that overlap, or lie outside the text."""


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """The text with the edits applied; each offset refers to the original ``text``.

    Edits may come in any order but must not overlap (two insertions at one
    offset apply in the order given; an insertion at the start or end of a
    replaced span is no overlap). Raises :class:`OverlappingEdits` otherwise,
    or for an offset outside the text.
    """
    ordered = sorted(enumerate(edits), key=lambda item: (item[1].start, item[1].end, item[0]))
    parts: list[str] = []
    position = 0
    for _, edit in ordered:
        if not 0 <= edit.start <= edit.end <= len(text):
            raise OverlappingEdits(f"edit {edit.start}:{edit.end} lies outside the text")
        if edit.start < position:
            raise OverlappingEdits(f"edit {edit.start}:{edit.end} overlaps an earlier edit")
        parts.append(text[position : edit.start])
        parts.append(edit.text)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


def _touches(start: int, end: int, other_start: int, other_end: int) -> bool:
    """Whether two spans overlap, or meet at a point where either inserts."""
    if start < other_end and other_start < end:
        return True
    return (start == end or other_start == other_end) and (start == other_end or end == other_start)


class _Taken:
    """The spans of the fixes applied so far, sorted: each check looks at two neighbours.

    They never overlap, so a new span can only touch the last one starting
    at or before it and the first one starting after it. Near-linear in the
    number of fixes, where comparing with each would be quadratic.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def touches(self, start: int, end: int) -> bool:
        place = bisect.bisect_right(self.starts, start)
        for index in (place - 2, place - 1, place):
            if 0 <= index < len(self.starts) and _touches(
                start, end, self.starts[index], self.ends[index]
            ):
                return True
        return False

    def add(self, start: int, end: int) -> None:
        place = bisect.bisect_right(self.starts, start)
        self.starts.insert(place, start)
        self.ends.insert(place, end)


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """Apply, in order, every fix whose edits overlap no fix applied before it.

    A fix is applied whole or not at all; one with an edit outside the text
    never. Returns the new text and the fixes applied; the others are left
    for another round (after re-linting).
    """
    taken = _Taken()
    chosen: list[Fix] = []
    edits: list[Edit] = []
    seen: set[tuple[Edit, ...]] = set()
    for fix in fixes:
        key = tuple(sorted(fix.edits))
        if not key:
            continue
        if key in seen:
            chosen.append(fix)  # two violations offering one repair: it is made once
            continue
        spans = [(e.start, e.end) for e in fix.edits]
        if not all(0 <= start <= end <= len(text) for start, end in spans):
            continue
        if any(taken.touches(start, end) for start, end in spans):
            continue
        if any(
            _touches(*first, *second)
            for index, first in enumerate(spans)
            for second in spans[index + 1 :]
        ):
            continue  # a fix whose own edits overlap is malformed: never applied
        seen.add(key)
        for start, end in spans:
            taken.add(start, end)
        chosen.append(fix)
        edits.extend(fix.edits)
    return apply_edits(text, edits), chosen
