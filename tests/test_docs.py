"""The README and docs/rules.md tell the truth: generated parts are fresh."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from readme_sections import expected_sections

from raci_lint.docs import replace_section, rules_reference
from raci_lint.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
STALE = "stale: run `python scripts/update_docs.py` and commit the result"


@pytest.mark.parametrize("name", sorted(expected_sections()))
def test_readme_section_is_fresh(name: str) -> None:
    content = expected_sections()[name]
    assert replace_section(README, name, content) == README, f"README section {name!r} is {STALE}"


def test_rules_reference_is_fresh() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_reference(), STALE


def test_every_rule_is_documented_in_full() -> None:
    for rule in all_rules():
        assert rule.summary and rule.what and rule.why, rule.code
        assert rule.bad.strip() and rule.good.strip() and rule.bad != rule.good, rule.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name), rule.code
        assert rule.severity in ("error", "warning", "info"), rule.code


def test_readme_first_screen_has_the_two_commands() -> None:
    first_screen = "\n".join(README.splitlines()[:30])
    assert "pip install . && raci-lint check examples/broken/raci.yaml" in first_screen
    assert "pip install '.[test]' && python -m pytest" in first_screen


def test_ci_runs_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet '.[test]' && python -m pytest" in script


def test_readme_configuration_example_is_a_valid_configuration(tmp_path: Path) -> None:
    from raci_lint.config import load_config

    block = README.split("<!-- config-example:start -->")[1].split("<!-- config-example:end -->")[0]
    text = block.split("```yaml\n")[1].split("```")[0]
    (tmp_path / ".raci-lint.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "org").mkdir()
    config = load_config(tmp_path / ".raci-lint.yaml")
    assert config.select == ["ALL"]
    assert config.rule_options == {"RACI006": {"max": 6}, "RACI007": {"max": 8}}
    assert config.severities == {"RACI007": "info"}
    assert "REF006" in config.ignore
    assert config.limits.max_depth == 100


def test_readme_limits_table_matches_the_code() -> None:
    from raci_lint.config import _LIMIT_MAXIMA
    from raci_lint.loader import Limits

    section = README.split("## Limits and safety")[1].split("\n## ")[0]
    defaults = Limits()
    assert "| 64 MiB | `max-file-size` | 1 TiB |" in section
    assert defaults.max_file_size == 64 * 1024**2 and _LIMIT_MAXIMA["max-file-size"] == 2**40
    assert "| 100 levels | `max-depth` | 1000" in section
    assert defaults.max_depth == 100 and _LIMIT_MAXIMA["max-depth"] == 1000
    assert "| 250,000 | `max-aliases` | 10⁹ |" in section
    assert defaults.max_aliases == 250_000 and _LIMIT_MAXIMA["max-aliases"] == 10**9
    assert "| 1,000,000 | `max-alias-expansion` | 10¹² |" in section
    assert defaults.max_alias_expansion == 10**6 and _LIMIT_MAXIMA["max-alias-expansion"] == 10**12
