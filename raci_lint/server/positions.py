"""Positions: the engine's 1-based character columns, and LSP's UTF-16 ones.

The engine counts lines as YAML does (CR LF, CR, LF, NEL, LS and PS each end
one) and columns in characters (code points), from 1. The Language Server
Protocol counts lines ending at CR LF, CR or LF only, and columns in UTF-16
code units, from 0: a character beyond U+FFFF is two of them. Both meet at
the character offset into the text, which is what this module converts.
"""

from __future__ import annotations

import bisect
import re

from raci_lint.reading.loader import line_starts

__all__ = ["LineIndex"]

_LSP_BREAK = re.compile("\r\n|[\r\n]")


def _starts(text: str, breaks: re.Pattern[str]) -> list[int]:
    return [0, *(match.end() for match in breaks.finditer(text))]


def _utf16_length(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


class LineIndex:
    """Converts between character offsets, engine positions and LSP positions of one text.

    ``text`` is the buffer as the editor holds it. The engine reads it
    without a leading byte order mark, so its positions are shifted by one
    character on the first line when there is one.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._shift = 1 if text.startswith("\ufeff") else 0
        self._yaml = line_starts(text[self._shift :])
        self._lsp = _starts(text, _LSP_BREAK)

    # ---------------------------------------------------------- the engine's side

    def offset_of(self, line: int, column: int) -> int:
        """The character offset of an engine position (1-based line and column).

        A position past the end of its line or of the text is clamped to it.
        """
        starts = self._yaml
        if line < 1:
            return self._shift
        if line > len(starts):
            return len(self.text)
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text) - self._shift
        # Past the end of a line is its end, before the line break.
        body = self.text[self._shift + start : self._shift + end].rstrip("\r\n\x85\u2028\u2029")
        return self._shift + start + min(max(column - 1, 0), len(body))

    def engine_position(self, offset: int) -> tuple[int, int]:
        """The engine position (1-based line and column) of a character offset."""
        inner = min(max(offset - self._shift, 0), len(self.text) - self._shift)
        line = bisect.bisect_right(self._yaml, inner)
        return line, inner - self._yaml[line - 1] + 1

    def text_offset(self, engine_offset: int) -> int:
        """The offset into the buffer of an offset into the text the engine read."""
        return min(engine_offset + self._shift, len(self.text))

    # ------------------------------------------------------------- LSP's side

    def position(self, offset: int) -> tuple[int, int]:
        """The 0-based LSP line and UTF-16 character of a character offset."""
        offset = min(max(offset, 0), len(self.text))
        line = bisect.bisect_right(self._lsp, offset) - 1
        start = self._lsp[line]
        return line, _utf16_length(self.text[start:offset])

    def offset_at(self, line: int, character: int) -> int:
        """The character offset of an LSP position (a column past its line is its end)."""
        if line < 0:
            return 0
        if line >= len(self._lsp):
            return len(self.text)
        start = self._lsp[line]
        end = self._lsp[line + 1] if line + 1 < len(self._lsp) else len(self.text)
        body = self.text[start:end].rstrip("\r\n")
        units = 0
        for index, char in enumerate(body):
            if units >= character:
                return start + index
            units += 2 if ord(char) > 0xFFFF else 1
        return start + len(body)

    def line_text(self, line: int) -> str:
        """The text of an LSP line, without its line break."""
        if not 0 <= line < len(self._lsp):
            return ""
        start = self._lsp[line]
        end = self._lsp[line + 1] if line + 1 < len(self._lsp) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        return len(self._lsp)

    def lsp_range(
        self, line: int, column: int, end_line: int, end_column: int
    ) -> tuple[tuple[int, int], tuple[int, int]]:
        """The LSP range of an engine span (1-based, end exclusive)."""
        start = self.offset_of(line, column)
        end = max(self.offset_of(end_line, end_column), start)
        return self.position(start), self.position(end)
