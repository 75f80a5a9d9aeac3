"""Every repository string that reaches an output is one safe line of it."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import yaml
from conftest import CLEAN, run

HOSTILE_NAME = "Eve\u202e\x1b]0;x\x07 https://evil.example www.evil.example $x^2$"


def _ownership(name: str) -> str:
    return textwrap.dedent(
        f"""\
        version: 1
        people:
          eve: {{disciplines: [data-engineer], name: {yaml.safe_dump(name).splitlines()[0]}}}
        components:
          ingest:
            kind: ingestion
            raci: {{responsible: [eve], accountable: eve}}
        """
    )


def test_the_matrix_in_markdown_links_nothing_and_renders_no_math(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text(_ownership(HOSTILE_NAME))
    result = run(["matrix", "--format", "markdown", "raci.yaml"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "https://" not in result.stdout
    assert "www.evil" not in result.stdout
    assert re.search(r"(?<!\\)\$", result.stdout) is None
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "https\\://evil.example www\\.evil.example \\$x^2\\$" in result.stdout


def test_the_matrix_page_holds_no_control_character(tmp_path: Path) -> None:
    (tmp_path / "raci.yaml").write_text(_ownership(HOSTILE_NAME))
    result = run(["matrix", "--format", "html", "raci.yaml"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert all(line.isprintable() for line in result.stdout.splitlines())
    assert "Eve\\u202e\\x1b]0;x\\x07" in result.stdout


def test_the_matrix_warning_is_one_line(tmp_path: Path) -> None:
    name = "a\n::error file=a::pwned\n.yaml"
    (tmp_path / name).write_text(CLEAN.replace("kind: ingestion", "kind: ingestion\n    bogus: 1"))
    result = run(["matrix", name], tmp_path)
    assert result.returncode == 0
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("raci-lint: warning: a\\n::error file=a::pwned\\n.yaml: ")


def test_taxonomy_yaml_shows_bidi_and_controls_as_escapes(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.yaml").write_text(
        'extends: default\nkinds:\n  odd:\n    description: "a\\u202eb\\u200bc"\n'
    )
    result = run(["taxonomy", "--taxonomy", "taxonomy.yaml"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert all(line.isprintable() for line in result.stdout.splitlines())
    assert yaml.safe_load(result.stdout)["kinds"]["odd"]["description"] == "a\u202eb\u200bc"


def test_every_character_str_isprintable_refuses_is_an_escape() -> None:
    import sys

    from raci_lint.wording import neutralize

    refused = [chr(c) for c in range(sys.maxunicode + 1) if not chr(c).isprintable()]
    # The Trojan Source list among them: U+061C too.
    assert {"\u061c", "\u180e", "\u00ad", "\u206a", "\ufff9", "\U000e0041"} <= set(refused)
    text = "".join(refused)
    shown = neutralize(text)
    assert shown.isprintable() and shown.isascii()
    assert shown.encode().decode("unicode_escape") == text


def test_codeowners_import_reads_lines_as_github_does(tmp_path: Path) -> None:
    # GitHub reads the whole first line as a comment: U+2028 ends no line.
    (tmp_path / "CODEOWNERS").write_text(
        "# security reviews everything below\u2028/payments/** @mallory\n"
        "/payments/** @security-lead\n",
        encoding="utf-8",
    )
    result = run(["import", "--from", "codeowners", "CODEOWNERS"], tmp_path)
    assert result.returncode == 0, result.stderr
    imported = yaml.safe_load(result.stdout)
    assert set(imported["people"]) == {"security-lead"}
    assert imported["components"]["payments"]["raci"]["responsible"] == ["security-lead"]
    assert "\u2028" not in result.stdout


def test_taxonomy_yaml_escapes_unicode_line_breaks(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.yaml").write_text(
        'extends: default\ndisciplines:\n  bi:\n    description: "Builds\\u2028dashboards\\x85next"\n'
    )
    result = run(["taxonomy", "--taxonomy", "taxonomy.yaml"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\u2028" not in result.stdout and "\x85" not in result.stdout
    assert yaml.safe_load(result.stdout)["disciplines"]["bi"]["description"] == (
        "Builds\u2028dashboards\x85next"
    )
