"""The `sources:` key of the configuration: which readers, their aliases, and SRC turned on."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from raci_lint.rules import all_rules
from raci_lint.settings.config import ConfigError, load_config
from raci_lint.settings.options import enabled_codes


def config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / ".raci-lint.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_sources_name_readers_and_their_aliases(tmp_path: Path) -> None:
    loaded = load_config(
        config(
            tmp_path,
            """\
            sources:
              dbt:
              dagster:
                aliases:
                  "Team:Data-Eng": data-platform
                  richard.hendricks@hooli.com: richard
            """,
        ),
        all_rules(),
    )
    # Aliases compare without case: their keys are kept lower-cased.
    assert loaded.sources == {
        "dbt": {},
        "dagster": {"team:data-eng": "data-platform", "richard.hendricks@hooli.com": "richard"},
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "sources: {dagster: {alias: {}}}\n",
            ".raci-lint.yaml:1:21: unknown key 'alias' under 'sources.dagster'; "
            "did you mean 'aliases'?",
        ),
        (
            "sources: {dbt: {aliases: {a: [b]}}}\n",
            ".raci-lint.yaml:1:30: 'sources.dbt.aliases.a' must be text, not a list",
        ),
        ("sources: [dbt]\n", ".raci-lint.yaml:1:10: 'sources' must be a mapping, not a list"),
    ],
)
def test_a_malformed_sources_key_is_a_configuration_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as raised:
        load_config(config(tmp_path, text), all_rules())
    assert raised.value.messages == [message]


def test_naming_sources_turns_the_src_rules_on() -> None:
    rules = all_rules()
    src = {"SRC001", "SRC002", "SRC003", "SRC004"}
    assert not enabled_codes(rules) & src
    assert enabled_codes(rules, on_by_default=("SRC",)) >= src
    # An ignore still wins, and a select still decides.
    assert not enabled_codes(rules, ignore=["SRC002"], on_by_default=("SRC",)) & {"SRC002"}
    assert not enabled_codes(rules, select=["RACI"], on_by_default=("SRC",)) & src
    # No other opt-in rule is turned on with them.
    assert "PATH003" not in enabled_codes(rules, on_by_default=("SRC",))
