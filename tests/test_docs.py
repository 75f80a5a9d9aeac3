"""The README and docs/rules.md tell the truth: generated parts are fresh."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import BROKEN, ROOT
from readme_sections import expected_sections

from raci_lint.engine.lint import lint_text
from raci_lint.rules import all_rules
from raci_lint.rules.docs import replace_section, rules_reference
from raci_lint.settings.options import LintOptions

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


# Examples that need more than the file itself: a repository to match
# paths against (PATH), a roster beside the file (REF010), the files of
# other tools (SRC: tests/rules/test_sources.py builds their repositories).
NEEDS_A_REPOSITORY = ("PATH", "REF010", "SRC")


def whole_file_examples() -> list[tuple[str, str, str]]:
    """(code, bad or good, text) of the examples that are whole ownership files."""
    examples = []
    for rule in all_rules():
        for which in ("bad", "good"):
            text = getattr(rule, which)
            try:
                data = yaml.safe_load(text)
            except yaml.YAMLError:
                continue  # SYN001's bad example does not parse, as it should not
            whole = isinstance(data, dict) and "components" in data
            if whole and not rule.code.startswith(NEEDS_A_REPOSITORY):
                examples.append((rule.code, which, text))
    return examples


def test_most_rules_have_whole_file_examples() -> None:
    assert len({code for code, _, _ in whole_file_examples()}) >= 20


@pytest.mark.parametrize(("code", "which", "text"), whole_file_examples())
def test_bad_example_breaks_its_rule_and_good_one_does_not(
    code: str, which: str, text: str
) -> None:
    # A leading `# .raci-lint.yaml: rules: {...}` comment gives the rule's options.
    configured = re.match(r"# \.raci-lint\.yaml: (.*)", text)
    options = yaml.safe_load(configured[1])["rules"] if configured else {}
    if not text.startswith("version:"):
        text = "version: 1\n" + text
    report = lint_text(text, "raci.yaml", LintOptions(extend_select=[code], rule_options=options))
    found = [v.code for v in report.violations]
    if which == "bad":
        assert code in found
    else:
        assert code not in found


def test_readme_first_screen_has_the_two_commands() -> None:
    first_screen = "\n".join(README.splitlines()[:30])
    assert "pip install . && raci-lint check examples/broken/raci.yaml" in first_screen
    assert "pip install '.[test]' && pytest" in first_screen


def test_ci_runs_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet '.[test]' && pytest" in script


def test_readme_configuration_example_is_a_valid_configuration(tmp_path: Path) -> None:
    from raci_lint.settings.config import load_config

    block = README.split("<!-- config-example:start -->")[1].split("<!-- config-example:end -->")[0]
    text = block.split("```yaml\n")[1].split("```")[0]
    (tmp_path / ".raci-lint.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "org").mkdir()
    config = load_config(tmp_path / ".raci-lint.yaml", all_rules())
    assert config.select == ["ALL"]
    assert config.rule_options == {"RACI006": {"max": 6}, "RACI007": {"max": 8}}
    assert config.severities == {"RACI007": "info"}
    assert "REF006" in config.ignore
    assert config.limits.max_depth == 100


def test_readme_limits_table_matches_the_code() -> None:
    from raci_lint.reading.loader import Limits
    from raci_lint.settings.config import _LIMIT_MAXIMA

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


def test_the_readme_python_api_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    section = README.split("The same linter is a Python API:")[1]
    code = section.split("```python\n")[1].split("```")[0]
    (tmp_path / "raci.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out.splitlines() == [
        "5 3 RACI001 component 'ingest' has no Accountable",
        "7 45 RACI005 'alice' is both Responsible and Informed for component 'ingest'",
    ]


def test_the_public_api_names_resolve() -> None:
    import raci_lint
    from raci_lint.engine.lint import lint_paths
    from raci_lint.engine.report import Report
    from raci_lint.violations import Violation

    assert sorted(raci_lint.__all__) == [
        "Report",
        "Violation",
        "__version__",
        "lint_paths",
        "lint_text",
    ]
    found = (raci_lint.lint_text, raci_lint.lint_paths, raci_lint.Report, raci_lint.Violation)
    assert found == (lint_text, lint_paths, Report, Violation)
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        raci_lint.nope  # noqa: B018
