"""The suppression comment a code action writes, and the Markdown a hover shows."""

from __future__ import annotations

from conftest import BROKEN

from raci_lint.engine.lint import lint_text
from raci_lint.model.ownership import Model, Person
from raci_lint.reading.loader import Scalar
from raci_lint.server.actions import suppress
from raci_lint.server.hover import describe, markdown_text, rule_at
from raci_lint.server.index import Declaration, Place
from raci_lint.server.positions import LineIndex
from raci_lint.violations import Violation


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _violations(text: str) -> list[Violation]:
    return lint_text(text, "raci.yaml").violations


def test_the_comment_goes_at_the_end_of_the_line_and_the_violation_goes() -> None:
    [missing, _] = _violations(BROKEN)
    edits = suppress(missing, LineIndex(BROKEN))
    assert edits is not None
    fixed = _apply(BROKEN, edits)
    assert fixed.splitlines()[4] == "  ingest:  # raci-lint: disable=RACI001"
    assert [v.code for v in _violations(fixed)] == ["RACI005"]


def test_a_code_joins_the_suppression_already_on_the_line_or_alone_above_it() -> None:
    text = BROKEN.replace("  ingest:", "  ingest:  # raci-lint: disable=RACI005")
    [missing] = _violations(text)
    fixed = _apply(text, suppress(missing, LineIndex(text)) or [])
    assert fixed.splitlines()[4] == "  ingest:  # raci-lint: disable=RACI005,RACI001"
    assert _violations(fixed) == []
    above = BROKEN.replace("  ingest:", '  # raci-lint: disable=RACI005 reason="shared"\n  ingest:')
    [missing] = _violations(above)
    fixed = _apply(above, suppress(missing, LineIndex(above)) or [])
    assert fixed.splitlines()[4] == '  # raci-lint: disable=RACI005,RACI001 reason="shared"'
    assert _violations(fixed) == []


def test_a_line_with_a_hash_of_its_own_gets_the_comment_above() -> None:
    text = BROKEN.replace("  ingest:", "  ingest: # loads #1")
    [missing, _] = _violations(text)
    fixed = _apply(text, suppress(missing, LineIndex(text)) or [])
    assert fixed.splitlines()[4:6] == ["  # raci-lint: disable=RACI001", "  ingest: # loads #1"]
    assert [v.code for v in _violations(fixed)] == ["RACI005"]


def test_a_hash_inside_a_quoted_value_is_no_comment_and_the_comment_trails() -> None:
    """As `--add-suppressions` and the suppression parser read a line: `"#1"` is text."""
    text = BROKEN.replace("informed: [alice]}", 'informed: [alice], x-note: "step #1"}')
    [twice] = [v for v in _violations(text) if v.code == "RACI005"]
    fixed = _apply(text, suppress(twice, LineIndex(text)) or [])
    assert fixed.splitlines()[6] == (
        '    raci: {responsible: [alice], informed: [alice], x-note: "step #1"}'
        "  # raci-lint: disable=RACI005"
    )


def test_an_unparsable_file_offers_no_suppression() -> None:
    [invalid] = _violations("version: [\n")
    assert invalid.code == "SYN001"
    assert suppress(invalid, LineIndex("version: [\n")) is None


def test_a_rule_code_is_found_in_a_suppression_comment_only() -> None:
    line = '  a: b  # raci-lint: disable=REF001, raci005 reason="REF002"'
    assert rule_at(line, line.index("REF001") + 2) == "REF001"
    assert rule_at(line, line.index("raci005")) == "RACI005"
    assert rule_at(line, line.index("REF002")) is None
    assert rule_at("  a: REF001", 6) is None


def test_repository_text_in_a_hover_is_neither_markup_nor_control() -> None:
    # A control shows as its escape, whose backslash Markdown shows as itself.
    assert markdown_text("[x](https://evil) *b* `c`\x1b[2J\n# h") == (
        "\\[x\\]\\(https\\://evil\\) \\*b\\* \\`c\\`\\\\x1b\\[2J\\\\n\\# h"
    )
    key = Scalar("tag:yaml.org,2002:str", "alice")
    person = Person("alice", key, "/people/alice", "raci.yaml")
    person.name = "![img](https://evil/x.png)\u202e"
    shown = describe(
        Declaration("person", "alice", Place("/r/raci.yaml", 3, 3, 3, 8), person),
        Model("raci.yaml"),
        "/r/raci.yaml",
    )
    assert shown.split("\n\n")[1] == "\\!\\[img\\]\\(https\\://evil/x\\.png\\)\\\\u202e"


def test_a_diagnostic_message_reaches_the_editor_neutralised() -> None:
    """Whatever a message holds, no line break or bidi override reaches the editor."""
    import pytest

    pytest.importorskip("lsprotocol")
    from raci_lint.server.protocol import diagnostic

    [found] = [v for v in _violations(BROKEN) if v.code == "RACI001"]
    hostile = found._replace(message="al\u202eice\nx")
    message = diagnostic(hostile, LineIndex(BROKEN)).message
    assert message == "al\\u202eice\\nx (missing-accountable)"
