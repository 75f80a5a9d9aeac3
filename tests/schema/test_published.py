"""The published schemas: the roster schema is derived, fresh, and the one the engine
uses; every bundled file names the schema that validates it, at the installed version.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, found
from jsonschema import Draft202012Validator

from raci_lint import __version__
from raci_lint.schema.validator import included_validator, load_schema, roster_schema

SCHEMAS = ROOT / "schemas"
COMMENT = re.compile(
    r"# yaml-language-server: \$schema=https://raw\.githubusercontent\.com/raci-lint/raci-lint/"
    r"v(?P<version>[^/]+)/schemas/(?P<name>[a-z]+\.schema\.json)\n"
)
BUNDLED = sorted(
    [
        *(ROOT / "examples").glob("**/*.yaml"),
        *(ROOT / "examples").glob("**/*.yml"),
        ROOT / "raci_lint" / "data" / "starter-raci.yaml",
    ]
)
NAMED = [path for path in BUNDLED if "yaml-language-server" in path.read_text(encoding="utf-8")]
STALE = "stale: run `python scripts/update_docs.py` and commit the result"


def published(name: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return result


def test_the_roster_schema_is_fresh() -> None:
    expected = roster_schema(load_schema("raci.schema.json"))
    assert published("roster.schema.json") == expected, STALE


def test_the_engine_checks_included_files_with_the_published_roster_schema() -> None:
    assert included_validator().schema == published("roster.schema.json")


def test_the_roster_schema_has_no_components() -> None:
    schema = published("roster.schema.json")
    assert sorted(schema["properties"]) == ["include", "people", "teams", "version"]
    assert schema["required"] == ["version"]
    assert sorted(schema["$defs"]) == [
        "files",
        "github-team",
        "github-user",
        "id",
        "ids",
        "name",
        "names",
        "person",
        "team",
        "text",
    ]


@pytest.mark.parametrize("name", sorted(path.name for path in SCHEMAS.glob("*.json")))
def test_every_published_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    Draft202012Validator.check_schema(published(name))


def test_the_files_that_name_a_schema() -> None:
    assert [str(path.relative_to(ROOT)) for path in NAMED] == [
        "examples/custom-taxonomy/.raci-lint.yaml",
        "examples/custom-taxonomy/raci.yaml",
        "examples/custom-taxonomy/taxonomy.yaml",
        "examples/ml-platform/raci.yaml",
        "examples/monorepo/org/people.yaml",
        "examples/monorepo/services/fraud-detection/raci.yaml",
        "examples/monorepo/services/recommender/raci.yaml",
        "raci_lint/data/starter-raci.yaml",
    ]


@pytest.mark.parametrize("path", NAMED, ids=lambda path: str(path.relative_to(ROOT)))
def test_the_schema_comment_is_the_first_line_at_the_installed_version(path: Path) -> None:
    match = COMMENT.match(path.read_text(encoding="utf-8"))
    assert match is not None
    assert match["version"] == __version__
    assert (SCHEMAS / match["name"]).is_file()


@pytest.mark.parametrize("path", NAMED, ids=lambda path: str(path.relative_to(ROOT)))
def test_each_file_validates_against_the_schema_its_comment_names(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    match = COMMENT.match(text)
    assert match is not None
    validator = Draft202012Validator(published(match["name"]))
    assert [error.message for error in validator.iter_errors(yaml.safe_load(text))] == []


def test_rosters_name_the_roster_schema_and_ownership_files_the_ownership_schema() -> None:
    names = {}
    for path in NAMED:
        match = COMMENT.match(path.read_text(encoding="utf-8"))
        assert match is not None
        names[str(path.relative_to(ROOT))] = match["name"]
    assert names == {
        "examples/custom-taxonomy/.raci-lint.yaml": "config.schema.json",
        "examples/custom-taxonomy/raci.yaml": "raci.schema.json",
        "examples/custom-taxonomy/taxonomy.yaml": "taxonomy.schema.json",
        "examples/ml-platform/raci.yaml": "raci.schema.json",
        "examples/monorepo/org/people.yaml": "roster.schema.json",
        "examples/monorepo/services/fraud-detection/raci.yaml": "raci.schema.json",
        "examples/monorepo/services/recommender/raci.yaml": "raci.schema.json",
        "raci_lint/data/starter-raci.yaml": "raci.schema.json",
    }


def test_a_roster_fails_the_ownership_schema_and_passes_the_roster_schema() -> None:
    roster = yaml.safe_load((ROOT / "examples" / "monorepo" / "org" / "people.yaml").read_text())
    ownership = Draft202012Validator(published("raci.schema.json"))
    assert [error.message for error in ownership.iter_errors(roster)] == [
        "'components' is a required property"
    ]


def test_an_ownership_file_fails_the_roster_schema() -> None:
    text = (ROOT / "examples" / "ml-platform" / "raci.yaml").read_text(encoding="utf-8")
    roster = Draft202012Validator(published("roster.schema.json"))
    messages = [error.message for error in roster.iter_errors(yaml.safe_load(text))]
    assert messages == ["'components' does not match any of the regexes: '^x-'"]


def test_a_single_id_where_a_list_is_expected_passes_both_validators() -> None:
    text = """\
version: 1
people:
  ana: {disciplines: ml-engineer}
teams:
  ml: {members: ana}
components:
  serve:
    kind: deployment
    tags: tier-1
    depends_on: external:registry
    raci: {responsible: ana, accountable: ana, consulted: team:ml, informed: ml}
"""
    schema = Draft202012Validator(published("raci.schema.json"))
    assert list(schema.iter_errors(yaml.safe_load(text))) == []
    assert [v for v in found(text) if v[0] == "SYN002"] == []


def test_the_readme_names_the_schema_of_the_installed_version() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    urls = re.findall(
        r"https://raw\.githubusercontent\.com/raci-lint/raci-lint/[^/]+/schemas/", readme
    )
    # Named where the format is told and again for editors: always this version's.
    assert urls and set(urls) == {
        f"https://raw.githubusercontent.com/raci-lint/raci-lint/v{__version__}/schemas/"
    }
