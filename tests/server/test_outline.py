"""Where a position is, from the lines of a file being typed, and what a file declares."""

from __future__ import annotations

import textwrap

from raci_lint.server.outline import key_path, symbols

TEXT = textwrap.dedent(
    """\
    version: 1
    people:
      alice:
        disciplines:
          - data-engineer
          -\x20
    components:
      ingest:
        kind: inge
        # a comment between
        depends_on: [
        raci:
          responsible:
          - alice
          accountable:
    """
).splitlines()


def test_a_value_after_its_key_is_under_the_key() -> None:
    assert key_path(TEXT, 8, len(TEXT[8])) == ["components", "ingest", "kind"]
    assert key_path(TEXT, 10, len(TEXT[10])) == ["components", "ingest", "depends_on"]
    assert key_path(TEXT, 14, len(TEXT[14])) == ["components", "ingest", "raci", "accountable"]


def test_an_item_is_under_the_key_of_its_sequence_also_at_the_same_indent() -> None:
    assert key_path(TEXT, 5, len(TEXT[5])) == ["people", "alice", "disciplines"]
    assert key_path(TEXT, 13, len(TEXT[13])) == ["components", "ingest", "raci", "responsible"]


def test_a_key_being_typed_is_under_nothing() -> None:
    assert key_path(TEXT, 8, 6) == []
    assert key_path(TEXT, 99, 0) == []


def test_symbols_are_the_components_people_and_teams_declared() -> None:
    text = "version: 1\npeople:\n  alice: {}\nteams:\n  core: {members: [alice]}\ncomponents:\n  a: {}\n"
    found = [(s.kind, s.id, s.key) for s in symbols(text)]
    assert found == [
        ("component", "a", (7, 3, 7, 4)),
        ("person", "alice", (3, 3, 3, 8)),
        ("team", "core", (5, 3, 5, 7)),
    ]
    assert symbols("version: [") == []
