"""The SRC rules, end to end through `check`: owners of dbt, Dagster, Airflow, Backstage
and CODEOWNERS against the ownership file, in every output format."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest
from conftest import DATA, FIXTURES, run
from lxml import etree

import raci_lint

WAREHOUSE = FIXTURES / "sources"
GOLDEN = FIXTURES / "sources-golden"
FORMATS = ("full", "concise", "json", "sarif", "github", "gitlab", "junit", "json-lines", "rdjson")


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(WAREHOUSE, root)
    return root


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def found(root: Path, *args: str) -> list[tuple[str, str, int, int, str]]:
    """(code, path, line, column, message) of each SRC violation `check` reports."""
    result = run(["check", "--format", "json", *args], cwd=root)
    assert result.returncode in (0, 1), result.stderr
    return [
        (v["code"], v["path"], v["line"], v["column"], v["message"])
        for v in json.loads(result.stdout)
        if v["code"].startswith("SRC")
    ]


def test_check_compares_every_source_with_the_ownership_file(warehouse: Path) -> None:
    result = run(["check", "--format", "concise"], cwd=warehouse)
    assert result.stderr == ""
    assert result.returncode == 0  # warnings and an info: nothing at the fail level
    assert result.stdout.splitlines() == [
        ".github/CODEOWNERS:3:30: SRC001 [warning] codeowners rule '/warehouse/models/staging/' "
        "names owner '@acme/platform' (team 'platform'), who is neither Responsible nor "
        "Accountable for component 'staging' (source-owner-not-responsible)",
        ".github/CODEOWNERS:3:30: SRC004 [warning] component 'staging': codeowners names owner "
        "'@acme/platform' but dbt names '@alice-m' (warehouse/models/staging/schema.yml:7), with "
        "no one in common (conflicting-source-owners)",
        "orchestration/assets.py:25:43: SRC002 [warning] dagster asset 'finance/forecast' names "
        "owner 'team:finance-ops', who is no person or team of raci.yaml (component "
        "'orchestration') (unknown-source-owner)",
        "orchestration/catalog-info.yaml:18:10: SRC001 [warning] backstage api "
        "'orchestration-api' names owner 'user:default/alice' (person 'alice'), who is neither "
        "Responsible nor Accountable for component 'orchestration' (source-owner-not-responsible)",
        "warehouse/models/finance/ledger.sql:1:49: SRC003 [info] dbt model 'ledger' "
        "(warehouse/models/finance/ledger.sql) is under no component's `paths` "
        "(source-asset-without-component)",
        "warehouse/models/marts/schema.yml:18:16: SRC001 [warning] dbt model 'revenue' names "
        "owner 'bob@acme.io' (person 'bob'), who is neither Responsible nor Accountable for "
        "component 'marts' (source-owner-not-responsible)",
        "warehouse/models/marts/schema.yml:30:14: SRC002 [warning] dbt exposure 'weekly_revenue' "
        "names owner 'dan@acme.io', who is no person or team of raci.yaml (component 'marts') "
        "(unknown-source-owner)",
        "Found 6 warnings, 1 info in 5 files.",
    ]


def test_the_rules_are_opt_in_until_the_configuration_names_sources(warehouse: Path) -> None:
    (warehouse / ".raci-lint.yaml").unlink()
    assert found(warehouse) == []
    # Selected without a configuration: every source is read, without aliases, so
    # Dagster's `team:data-eng` is now unknown too.
    codes = [(code, path, line) for code, path, line, _, _ in found(warehouse, "--select", "SRC")]
    assert ("SRC002", "orchestration/assets.py", 14) in codes
    assert len(codes) == 8


def test_a_configuration_naming_one_source_reads_only_that_one(warehouse: Path) -> None:
    (warehouse / ".raci-lint.yaml").write_text("sources:\n  airflow:\n", encoding="utf-8")
    assert found(warehouse) == []  # the DAG's owner, bob, is the Accountable
    (warehouse / ".raci-lint.yaml").write_text("sources: {backstage: {}}\n", encoding="utf-8")
    assert [v[:3] for v in found(warehouse)] == [("SRC001", "orchestration/catalog-info.yaml", 18)]


def test_an_unknown_source_is_a_configuration_error(warehouse: Path) -> None:
    (warehouse / ".raci-lint.yaml").write_text("sources: {dbtt: {}}\n", encoding="utf-8")
    result = run(["check"], cwd=warehouse)
    assert result.returncode == 2
    assert result.stderr == (
        "raci-lint: error: .raci-lint.yaml:1:11: unknown key 'dbtt' under 'sources'; "
        "did you mean 'dbt'?\n"
    )


def test_a_file_a_reader_cannot_read_is_a_warning_of_the_run(warehouse: Path) -> None:
    (warehouse / "dags/half.py").write_text("from airflow import DAG\nDAG(\n", encoding="utf-8")
    result = run(["check", "--format", "concise"], cwd=warehouse)
    assert result.returncode == 0
    assert result.stderr == (
        "raci-lint: warning: dags/half.py: the airflow reader skipped it: "
        "not valid Python (line 2)\n"
    )


def test_a_plain_check_imports_no_reader(warehouse: Path) -> None:
    probe = (
        "import sys\n"
        "from raci_lint.cli import main\n"
        "main(['check', '--quiet', *sys.argv[1:]])\n"
        "print(sorted(m for m in sys.modules if m.startswith('raci_lint.sources')))\n"
    )

    def imported(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", probe, *args],
            cwd=warehouse,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()[-1]

    # Not even the records: the SRC rules name them for their types only.
    assert imported("--isolated") == "[]"
    assert "raci_lint.sources.dbt" in imported()


# ------------------------------------------------------------ one rule at a time

PEOPLE = """\
    version: 1
    people:
      alice: {disciplines: [analytics-engineer], email: alice@example.com}
      bob: {disciplines: [data-analyst], email: bob@example.com}
"""
MARTS = """\
    components:
      marts:
        kind: transformation
        paths: ["models/marts/**"]
        raci: {responsible: [alice], accountable: alice, informed: [bob]}
"""
EXPOSURE = """\
    exposures:
      - name: weekly_revenue
        type: dashboard
        owner:
          name: {name}
          email: {email}
"""


def test_src001_and_its_passing_twin(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            ".raci-lint.yaml": "sources: {dbt: {}}\n",
            "raci.yaml": PEOPLE + MARTS,
            "dbt_project.yml": "name: shop\n",
            "models/marts/revenue.sql": "select 1\n",
            "models/marts/schema.yml": EXPOSURE.format(name="Bob Tanaka", email="bob@example.com"),
        },
    )
    assert found(root) == [
        (
            "SRC001",
            "models/marts/schema.yml",
            6,
            14,
            "dbt exposure 'weekly_revenue' names owner 'bob@example.com' (person 'bob'), who is "
            "neither Responsible nor Accountable for component 'marts'",
        )
    ]
    write(root, {"models/marts/schema.yml": EXPOSURE.format(name="A", email="alice@example.com")})
    assert found(root) == []


def test_src001_a_person_holds_the_letters_of_their_team(tmp_path: Path) -> None:
    raci = (
        PEOPLE
        + "    teams:\n      analytics: {members: [bob]}\n"
        + MARTS.replace("informed: [bob]", "consulted: [team:analytics]").replace(
            "responsible: [alice]", "responsible: [alice, team:analytics]"
        )
    )
    root = write(
        tmp_path,
        {
            ".raci-lint.yaml": "sources: {dbt: {}}\n",
            "raci.yaml": raci,
            "dbt_project.yml": "name: shop\n",
            "models/marts/schema.yml": EXPOSURE.format(name="B", email="bob@example.com"),
        },
    )
    assert found(root) == []


def test_src002_and_its_passing_twin(tmp_path: Path) -> None:
    asset = '@asset(owners=["{owner}"])\ndef raw_events():\n    pass\n'
    root = write(
        tmp_path,
        {
            ".raci-lint.yaml": "sources: {dagster: {}}\n",
            "raci.yaml": PEOPLE
            + MARTS.replace("models/marts/**", "pipelines/**").replace(", informed: [bob]", ""),
            "pipelines/assets.py": "from dagster import asset\n\n"
            + asset.format(owner="carol@example.com"),
        },
    )
    assert found(root) == [
        (
            "SRC002",
            "pipelines/assets.py",
            3,
            16,
            "dagster asset 'raw_events' names owner 'carol@example.com', who is no person or "
            "team of raci.yaml (component 'marts')",
        )
    ]
    # An alias of the configuration says who carol is.
    write(root, {".raci-lint.yaml": "sources: {dagster: {aliases: {Carol@Example.com: alice}}}\n"})
    assert found(root) == []


def test_src003_and_its_passing_twin(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            ".raci-lint.yaml": "sources: {dbt: {}}\n",
            "raci.yaml": PEOPLE + MARTS.replace(", informed: [bob]", ""),
            "dbt_project.yml": "name: shop\n",
            "models/marts/orders.sql": "select 1\n",
            "models/finance/revenue.sql": "select 1\n",
            "models/finance/schema.yml": "models:\n  - name: revenue\n",
        },
    )
    assert found(root) == [
        (
            "SRC003",
            "models/finance/schema.yml",
            2,
            11,
            "dbt model 'revenue' (models/finance/revenue.sql) is under no component's `paths`",
        )
    ]
    # A second ownership file of the repository covers it: reported by neither file.
    write(
        root,
        {
            "models/finance/raci.yaml": PEOPLE
            + MARTS.replace("marts", "finance").replace(", informed: [bob]", "")
        },
    )
    assert found(root) == []


def test_src004_and_its_passing_twin(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            ".raci-lint.yaml": "sources: {dbt: {}, dagster: {}}\n",
            "raci.yaml": PEOPLE
            + "    teams:\n      finance: {members: [bob]}\n"
            + MARTS.replace("informed: [bob]", "informed: [team:finance]"),
            "dbt_project.yml": "name: shop\n",
            "models/marts/orders.sql": "select 1\n",
            "models/marts/schema.yml": (
                "models:\n  - name: orders\n    config: {meta: {owner: alice@example.com}}\n"
            ),
            "models/marts/assets.py": (
                'import dagster as dg\n\n@dg.asset(owners=["team:finance"])\ndef orders(): ...\n'
            ),
        },
    )
    assert [v for v in found(root) if v[0] == "SRC004"] == [
        (
            "SRC004",
            "models/marts/assets.py",
            3,
            19,
            "component 'marts': dagster names owner 'team:finance' but dbt names "
            "'alice@example.com' (models/marts/schema.yml:3), with no one in common",
        )
    ]
    write(
        root,
        {
            "models/marts/assets.py": 'import dagster\n@dagster.asset(owners=["alice@example.com"])\ndef orders(): ...\n'
        },
    )
    assert found(root) == []


# ------------------------------------------------------------------ every format


def _normalised(text: str, name: str = "") -> str:
    """The output without what other rules decide: the version, and in SARIF the
    documentation of every rule but SRC's, and each result's index in that list
    (tests/reporters check both whole)."""
    text = text.replace(raci_lint.__version__, "<version>")
    if name == "sarif":
        data = json.loads(text)
        driver = data["runs"][0]["tool"]["driver"]
        driver["rules"] = [rule for rule in driver["rules"] if rule["id"].startswith("SRC")]
        for result in data["runs"][0]["results"]:
            del result["ruleIndex"]  # a place in that list
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return text


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_points_at_the_source_files(warehouse: Path, name: str) -> None:
    result = run(["check", "--format", name], cwd=warehouse)
    assert result.returncode == 0, result.stderr
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(_normalised(result.stdout, name), encoding="utf-8")
    assert _normalised(result.stdout, name) == golden.read_text(encoding="utf-8")


def test_sarif_annotations_land_on_the_dbt_file_and_the_dag(warehouse: Path) -> None:
    result = run(["check", "--format", "sarif"], cwd=warehouse)
    sarif = json.loads(result.stdout)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(sarif)
    places = {
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in sarif["runs"][0]["results"]
    }
    assert ("SRC001", "warehouse/models/marts/schema.yml", 18, 16) in places
    assert ("SRC002", "orchestration/assets.py", 25, 43) in places
    rules = {rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {"SRC001", "SRC002", "SRC003", "SRC004"} <= rules


def test_junit_of_sources_is_well_formed(warehouse: Path) -> None:
    result = run(["check", "--format", "junit"], cwd=warehouse)
    schema = etree.XMLSchema(etree.parse(str(DATA / "junit-10.xsd")))
    assert schema.validate(etree.fromstring(result.stdout.encode("utf-8")))
