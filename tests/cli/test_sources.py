"""`raci-lint sources` and `raci-lint import --from dbt|dagster|backstage`."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, run

WAREHOUSE = FIXTURES / "sources"
GOLDEN = FIXTURES / "sources-golden"


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(WAREHOUSE, root)
    return root


def test_sources_lists_what_each_reader_found(warehouse: Path) -> None:
    result = run(["sources", "--source", "dbt", "--source", "airflow"], cwd=warehouse)
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "warehouse/models/finance/ledger.sql:1:49: dbt model 'ledger': owner 'erin@acme.io', "
        "under no component",
        "warehouse/models/finance/schema.yml:4:11: dbt model 'ledger': no owner, under no component",
        "warehouse/models/marts/schema.yml:7:14: dbt group 'finance': owner 'carol@acme.io' -> "
        "person 'carol', component 'marts'",
        "warehouse/models/marts/schema.yml:14:16: dbt model 'orders': owner 'alice@acme.io' -> "
        "person 'alice', component 'marts'",
        "warehouse/models/marts/schema.yml:18:16: dbt model 'revenue': owner 'bob@acme.io' -> "
        "person 'bob', component 'marts'",
        "warehouse/models/marts/schema.yml:30:14: dbt exposure 'weekly_revenue': owner "
        "'dan@acme.io' -> unknown, component 'marts'",
        "warehouse/models/staging/schema.yml:7:14: dbt model 'stg_orders': owner '@alice-m' -> "
        "person 'alice', component 'staging'",
        "dags/daily_load.py:6:26: airflow dag 'daily_load': owner 'bob' -> person 'bob', "
        "component 'orchestration'",
        "Found 7 owners and 1 thing without one in 2 sources (dbt, airflow); 1 unknown to the "
        "ownership files, 2 under no component.",
    ]


def test_sources_as_json_uses_the_configured_sources_and_aliases(warehouse: Path) -> None:
    result = run(["sources", "--format", "json"], cwd=warehouse)
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["problems"] == []
    assert {row["source"] for row in data["found"]} == {
        "dbt",
        "dagster",
        "airflow",
        "backstage",
        "codeowners",
    }
    aliased = next(row for row in data["found"] if row["owner"] == "team:data-eng")
    assert aliased == {
        "source": "dagster",
        "kind": "asset",
        "name": "raw_customers",
        "path": "orchestration/assets.py",
        "line": 14,
        "column": 19,
        "end_line": 14,
        "end_column": 34,
        "owner": "team:data-eng",
        "also": None,
        "owned": "orchestration/assets.py",
        "ownership_file": "raci.yaml",
        "component": "orchestration",
        "holder": {"kind": "team", "id": "platform"},  # by the alias of .raci-lint.yaml
    }


def test_sources_names_the_files_it_skipped(warehouse: Path) -> None:
    (warehouse / "orchestration/catalog-info.yaml").write_text("spec: [\n", encoding="utf-8")
    result = run(["sources", "--source", "backstage"], cwd=warehouse)
    assert result.returncode == 0
    assert result.stderr.startswith(
        "raci-lint: warning: orchestration/catalog-info.yaml: the backstage reader skipped it: "
    )
    assert result.stdout.splitlines()[-1] == (
        "Found 0 owners and 0 things without one in 1 source (backstage); 0 unknown to the "
        "ownership files, 0 under no component."
    )


def test_import_from_dbt_proposes_components_people_and_paths(warehouse: Path) -> None:
    result = run(["import", "--from", "dbt", "."], cwd=warehouse)
    assert result.returncode == 0, result.stderr
    golden = GOLDEN / "import-dbt.yaml"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
    assert result.stderr == (
        "Imported 3 components and 6 people; raci-lint check finds 9 things to fill in "
        "(run it on the file).\n"
    )


@pytest.mark.parametrize("origin", ["dbt", "dagster", "backstage"])
def test_every_import_passes_check_without_syntax_violations(warehouse: Path, origin: str) -> None:
    result = run(["import", "--from", origin, ".", "--output", "proposed.raci.yaml"], cwd=warehouse)
    assert result.returncode == 0, result.stderr
    checked = run(["check", "--isolated", "--format", "json", "proposed.raci.yaml"], cwd=warehouse)
    codes = {v["code"] for v in json.loads(checked.stdout)}
    assert not any(code.startswith("SYN") for code in codes), codes
    assert "PATH001" not in codes  # every proposed pattern matches the files it came from


def test_import_from_a_subfolder_keeps_paths_relative_to_the_root(warehouse: Path) -> None:
    (warehouse / ".git").mkdir()  # the repository's root
    result = run(["import", "--from", "dagster", "orchestration"], cwd=warehouse)
    assert result.returncode == 0, result.stderr
    assert '    paths: ["orchestration/**"]' in result.stdout.splitlines()
    assert "      responsible: [bob, team:platform, team:data-eng, team:finance-ops]" in (
        result.stdout.splitlines()
    )


def test_import_from_sources_reads_a_folder_and_says_when_it_finds_nothing(
    warehouse: Path, tmp_path: Path
) -> None:
    result = run(["import", "--from", "dbt", "raci.yaml"], cwd=warehouse)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "raci-lint: error: raci.yaml: --from dbt reads a repository folder, not a file\n"
    )
    result = run(["import", "--from", "dagster", "gone"], cwd=tmp_path)
    assert result.stderr == (
        "raci-lint: error: gone: no such folder; --from dagster reads a repository folder\n"
    )
    (tmp_path / "empty").mkdir()
    result = run(["import", "--from", "backstage", "empty"], cwd=tmp_path)
    assert result.returncode == 2
    assert (
        result.stderr == "raci-lint: error: empty: the backstage reader found nothing to import\n"
    )


def test_show_settings_names_the_sources_and_turns_src_on(warehouse: Path) -> None:
    result = run(["check", "--show-settings", "raci.yaml"], cwd=warehouse)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert "sources: dbt, dagster, airflow, backstage, codeowners" in lines
    selection = next(line for line in lines if line.startswith("selection: "))
    assert "SRC001, SRC002, SRC003, SRC004, SUP001" in selection


def test_sources_json_neutralises_what_the_repository_names(tmp_path: Path) -> None:
    """A DAG file named with a bidi override and an owner with a line break stay inert."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "dags").mkdir()
    dag = 'from airflow import DAG\nDAG("d", default_args={"owner": "eve\\nx"})\n'
    (tmp_path / "dags" / "b\u202eq.py").write_text(dag, encoding="utf-8")
    result = run(["sources", "--source", "airflow", "--format", "json"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\u202e" not in result.stdout
    [row] = json.loads(result.stdout)["found"]
    assert row["path"] == "dags/b\\u202eq.py"
    assert row["owner"] == "eve\\nx"
