"""Engine positions (1-based characters, YAML lines) against LSP's (0-based UTF-16, CR/LF lines)."""

from __future__ import annotations

from raci_lint.server.positions import LineIndex


def test_ascii_positions_are_one_less() -> None:
    lines = LineIndex("version: 1\npeople:\n  alice: {}\n")
    assert lines.lsp_range(3, 3, 3, 8) == ((2, 2), (2, 7))


def test_a_character_beyond_the_basic_plane_is_two_utf_16_units() -> None:
    text = 'x: "é🚀"\nnext: "🚀🚀" bad\n'
    lines = LineIndex(text)
    # The engine says column 12 on line 2: after 11 characters, two of them astral.
    offset = lines.offset_of(2, 12)
    assert text[offset:].startswith("bad")
    assert lines.position(offset) == (1, 13)
    assert lines.offset_at(1, 13) == offset
    assert lines.engine_position(offset) == (2, 12)
    # é is one unit: line 1, column 6 (the rocket) is character 5.
    assert lines.position(lines.offset_of(1, 6)) == (0, 5)
    assert lines.position(lines.offset_of(1, 7)) == (0, 7)


def test_yaml_line_breaks_that_lsp_does_not_count_stay_on_one_lsp_line() -> None:
    # NEL and LS end a line for YAML (and the engine), not for LSP.
    text = "a: x\x85b: y\u2028c: z\r\nd: w\n"
    lines = LineIndex(text)
    assert lines.position(lines.offset_of(3, 1)) == (0, 10)
    assert lines.position(lines.offset_of(4, 1)) == (1, 0)
    assert lines.engine_position(lines.offset_at(0, 10)) == (3, 1)


def test_a_byte_order_mark_is_not_a_column_of_the_engine() -> None:
    lines = LineIndex("\ufeffversion: 2\n")
    # The engine read "version: 2": column 10 is the 2, character 10 of the buffer.
    assert lines.position(lines.offset_of(1, 10)) == (0, 10)
    assert lines.engine_position(lines.offset_at(0, 10)) == (1, 10)


def test_positions_past_a_line_or_the_text_are_clamped() -> None:
    lines = LineIndex("ab\ncd")
    assert lines.position(lines.offset_of(1, 99)) == (0, 2)
    assert lines.position(lines.offset_of(9, 1)) == (1, 2)
    assert lines.offset_at(0, 99) == 2
    assert lines.offset_at(7, 0) == 5
