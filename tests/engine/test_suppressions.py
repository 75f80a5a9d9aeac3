"""Inline suppressions, as SPEC §5 describes them."""

from __future__ import annotations

import datetime

from conftest import found, run

TODAY = datetime.date(2026, 6, 15)

# ingest has no Accountable (RACI001, at 5:3) and an unknown informed 'zed' (REF001, at 9:18).
BASE = """\
version: 1
people:
  alice: {disciplines: [data-engineer]}
components:
  ingest:{c1}
    kind: ingestion
    raci:
      responsible: [alice]
      informed: [zed]{c2}
"""


def check(c1: str = "", c2: str = "", **options: object) -> list[tuple[str, int, int, str]]:
    return found(BASE.replace("{c1}", c1).replace("{c2}", c2), today=TODAY, **options)


def test_without_suppressions() -> None:
    assert [v[:3] for v in check()] == [("RACI001", 5, 3), ("REF001", 9, 18)]


def test_trailing_comment_on_a_component_covers_the_whole_component() -> None:
    assert check("  # raci-lint: disable=RACI001,REF001") == []


def test_trailing_comment_covers_only_its_codes() -> None:
    assert [v[:3] for v in check("  # raci-lint: disable=RACI001")] == [("REF001", 9, 18)]


def test_trailing_comment_on_an_item_covers_only_that_item() -> None:
    assert [v[:3] for v in check(c2="  # raci-lint: disable=REF001")] == [("RACI001", 5, 3)]


def test_comment_alone_on_the_line_above() -> None:
    text = (
        BASE.replace("{c1}", "")
        .replace("{c2}", "")
        .replace(
            "  ingest:\n",
            '  # raci-lint: disable=RACI001 reason="owner leaves in June"\n\n  ingest:\n',
        )
    )
    assert [v[:3] for v in found(text, today=TODAY)] == [("REF001", 11, 18)]


def test_file_wide_suppression_anywhere() -> None:
    text = BASE.replace("{c1}", "").replace("{c2}", "") + "# raci-lint: disable-file=REF001\n"
    assert [v[:3] for v in found(text, today=TODAY)] == [("RACI001", 5, 3)]


def test_until_is_the_last_day_it_holds() -> None:
    comment = '  # raci-lint: disable=RACI001 until=2026-06-15 reason="hiring"'
    assert [v[:3] for v in check(comment)] == [("REF001", 9, 18)]


def test_expired_suppression_reports_sup002_and_the_violation_comes_back() -> None:
    comment = '  # raci-lint: disable=RACI001 until=2026-06-14 reason="hiring"'
    assert check(comment) == [
        ("RACI001", 5, 3, "component 'ingest' has no Accountable"),
        (
            "SUP002",
            5,
            12,
            "suppression of RACI001 (hiring) expired on 2026-06-14; "
            "its violations are reported again",
        ),
        ("REF001", 9, 18, check()[1][3]),
    ]


def test_attributes_in_any_order() -> None:
    comment = '  # raci-lint: disable=RACI001 reason="a, b" until=2026-12-31'
    assert [v[0] for v in check(comment)] == ["REF001"]


def test_unused_suppression_is_sup001() -> None:
    assert check(c2="  # raci-lint: disable=RACI001") == [
        ("RACI001", 5, 3, "component 'ingest' has no Accountable"),
        ("REF001", 9, 18, check()[1][3]),
        ("SUP001", 9, 24, "suppression of RACI001 suppressed nothing; remove it"),
    ]


def test_unknown_code_is_sup001_with_suggestion() -> None:
    result = check("  # raci-lint: disable=RACI001,RACI0001")
    assert ("SUP001", 5, 12, "unknown code 'RACI0001' in suppression; did you mean 'RACI001'?") in (
        result
    )


def test_rule_not_enabled_never_makes_sup001() -> None:
    result = check("  # raci-lint: disable=RACI001,TAX002")
    assert [v[0] for v in result] == ["REF001"]
    result = check("  # raci-lint: disable=RACI001,REF001", ignore=["REF001"])
    assert result == []


def test_syn001_cannot_be_suppressed() -> None:
    result = check("  # raci-lint: disable=RACI001,SYN001")
    assert ("SUP001", 5, 12, "SYN001 cannot be suppressed") in result


def test_malformed_suppression_is_sup001() -> None:
    result = check("  # raci-lint: disable RACI001")
    assert [v[:3] for v in result] == [("RACI001", 5, 3), ("SUP001", 5, 12), ("REF001", 9, 18)]
    assert result[1][3].startswith("malformed suppression")


def test_bad_until_date_is_sup001() -> None:
    result = check("  # raci-lint: disable=RACI001 until=2026-13-01")
    assert ("SUP001", 5, 12, "until=2026-13-01 is not a date; write until=YYYY-MM-DD") in result


def test_hash_inside_a_quoted_value_is_not_a_comment() -> None:
    text = (
        BASE.replace("{c1}", "")
        .replace("{c2}", "")
        .replace(
            "kind: ingestion",
            "kind: ingestion\n    description: 'not # raci-lint: disable=RACI001'",
        )
    )
    assert [v[0] for v in found(text, today=TODAY)] == ["RACI001", "REF001"]


def test_today_option_of_the_cli(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    text = BASE.replace("{c1}", "  # raci-lint: disable=RACI001 until=2026-06-30").replace(
        "{c2}", ""
    )
    (folder / "raci.yaml").write_text(text)
    before = run(["check", "-f", "concise", "--today", "2026-06-30"], folder)
    after = run(["check", "-f", "concise", "--today", "2026-07-01"], folder)
    assert "RACI001" not in before.stdout and "SUP002" not in before.stdout
    assert "RACI001" in after.stdout and "SUP002" in after.stdout
    bad = run(["check", "--today", "July"], folder)
    assert (bad.returncode, bad.stderr) == (
        2,
        "raci-lint: error: --today July is not a date; write YYYY-MM-DD\n",
    )


def test_directive_in_the_text_of_a_block_value_is_not_a_comment() -> None:
    text = (
        BASE.replace("{c1}", "")
        .replace("{c2}", "")
        .replace(
            "    kind: ingestion\n",
            "    kind: ingestion\n"
            "    description: >\n"
            "      Old docs said: # raci-lint: disable-file=RACI001,REF001\n"
            "      and # raci-lint: disable=RACI001\n",
        )
    )
    assert [v[:3] for v in found(text, today=TODAY)] == [("RACI001", 5, 3), ("REF001", 12, 18)]


def test_directive_in_quoted_text_over_lines_is_not_a_comment() -> None:
    text = (
        BASE.replace("{c1}", "")
        .replace("{c2}", "")
        .replace(
            "    kind: ingestion\n",
            '    kind: ingestion\n    description: "first line\n'
            '      # raci-lint: disable=RACI001\n      end" # raci-lint: disable=REF001\n',
        )
    )
    # Only the comment after the closing quote counts: it covers the description alone.
    assert [v[:4] for v in found(text, today=TODAY)] == [
        ("RACI001", 5, 3, "component 'ingest' has no Accountable"),
        ("SUP001", 9, 12, "suppression of REF001 suppressed nothing; remove it"),
        (
            "REF001",
            12,
            18,
            "component 'ingest' names 'zed' as Informed, but no person or team has that id",
        ),
    ]


def test_comment_after_a_block_value_ends_is_a_comment() -> None:
    text = (
        BASE.replace("{c1}", "")
        .replace("{c2}", "")
        .replace(
            "    kind: ingestion\n",
            "    kind: ingestion\n    description: |\n      text\n"
            "    # raci-lint: disable=REF001\n",
        )
    )
    assert [v[:3] for v in found(text, today=TODAY)] == [("RACI001", 5, 3)]
