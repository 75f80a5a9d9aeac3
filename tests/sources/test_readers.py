"""The readers of sources: what each finds in files shaped like the real ones, and where."""

from __future__ import annotations

import json
import os
import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import FIXTURES

from raci_lint.reading.loader import Limits
from raci_lint.reading.repository import FileTree, list_files
from raci_lint.sources.owners import Found
from raci_lint.sources.reader import read_sources

WAREHOUSE = FIXTURES / "sources"


def read(root: Path, *names: str, limits: Limits | None = None) -> Found:
    # Problems name files as the output does: relative to the working folder.
    os.chdir(root)
    return read_sources(root, FileTree(list_files(root)), names, limits or Limits())


def rows(found: Found) -> list[tuple[object, ...]]:
    """(kind, name, path:line:column, owner, owned) of each declaration."""
    return [
        (
            entry.kind,
            entry.name,
            f"{entry.path}:{entry.position.line}:{entry.position.column}",
            entry.owner,
            entry.owned,
        )
        for entry in found.declared
    ]


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def _back_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # restored after each test


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(WAREHOUSE, root)
    return root


def test_dbt_reads_property_files_then_the_manifest(warehouse: Path) -> None:
    found = read(warehouse, "dbt")
    assert found.problems == []
    assert rows(found) == [
        # From target/manifest.json: the owner set in the model's SQL config().
        (
            "model",
            "ledger",
            "warehouse/models/finance/ledger.sql:1:49",
            "erin@acme.io",
            "warehouse/models/finance/ledger.sql",
        ),
        (
            "model",
            "ledger",
            "warehouse/models/finance/schema.yml:4:11",
            None,
            "warehouse/models/finance/ledger.sql",
        ),
        (
            "group",
            "finance",
            "warehouse/models/marts/schema.yml:7:14",
            "carol@acme.io",
            "warehouse/models/marts/schema.yml",
        ),
        (
            "model",
            "orders",
            "warehouse/models/marts/schema.yml:14:16",
            "alice@acme.io",
            "warehouse/models/marts/orders.sql",
        ),
        (
            "model",
            "revenue",
            "warehouse/models/marts/schema.yml:18:16",
            "bob@acme.io",
            "warehouse/models/marts/revenue.sql",
        ),
        (
            "exposure",
            "weekly_revenue",
            "warehouse/models/marts/schema.yml:30:14",
            "dan@acme.io",
            "warehouse/models/marts/schema.yml",
        ),
        (
            "model",
            "stg_orders",
            "warehouse/models/staging/schema.yml:7:14",
            "@alice-m",
            "warehouse/models/staging/stg_orders.sql",
        ),
    ]
    exposure = next(entry for entry in found.declared if entry.kind == "exposure")
    assert exposure.also == "Dan Ops"  # the owner's name, beside the email


def test_dbt_manifest_schema_version_is_the_current_one() -> None:
    manifest = json.loads((WAREHOUSE / "warehouse/target/manifest.json").read_text("utf-8"))
    version = manifest["metadata"]["dbt_schema_version"]
    assert version == "https://schemas.getdbt.com/dbt/manifest/v12.json"


def test_dbt_project_folders_configs_and_dagster_owners(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "dbt_project.yml": """\
                name: jaffle
                model-paths: ["transform"]
                models:
                  jaffle:
                    finance:
                      +meta:
                        owner: finance@acme.io
            """,
            "transform/finance/payments.sql": "select 1\n",
            "transform/finance/_models.yml": """\
                models:
                  - name: payments
                    config:
                      meta:
                        dagster:
                          owners: ["team:finance", "erin@acme.io"]
                  - name: refunds
                    meta: {owner: [a@acme.io, b@acme.io]}
            """,
            # Not under model-paths: not a property file of the project.
            "models/ignored.yml": "models: [{name: x, meta: {owner: nobody}}]\n",
            # seed-paths is not configured: dbt's default, seeds/, is read.
            "seeds/countries.csv": "code,name\n",
            "seeds/_seeds.yml": "seeds: [{name: countries, meta: {owner: ops@acme.io}}]\n",
        },
    )
    assert rows(read(root, "dbt")) == [
        (
            "folder",
            "finance",
            "dbt_project.yml:7:16",
            "finance@acme.io",
            "transform/finance/_models.yml",
        ),
        ("seed", "countries", "seeds/_seeds.yml:1:41", "ops@acme.io", "seeds/countries.csv"),
        (
            "model",
            "payments",
            "transform/finance/_models.yml:6:20",
            "team:finance",
            "transform/finance/payments.sql",
        ),
        (
            "model",
            "payments",
            "transform/finance/_models.yml:6:36",
            "erin@acme.io",
            "transform/finance/payments.sql",
        ),
        (
            "model",
            "refunds",
            "transform/finance/_models.yml:8:20",
            "a@acme.io",
            "transform/finance/_models.yml",
        ),
        (
            "model",
            "refunds",
            "transform/finance/_models.yml:8:31",
            "b@acme.io",
            "transform/finance/_models.yml",
        ),
    ]


def test_dagster_owners_of_assets_specs_and_jobs(warehouse: Path) -> None:
    (warehouse / "orchestration/jobs.py").write_text(
        textwrap.dedent(
            """\
            import dagster as dg

            daily = dg.define_asset_job(name="daily_refresh", owners=["bob@acme.io"])


            @dg.schedule(cron_schedule="0 6 * * *", job=daily, owners=["team:platform"])
            def morning(context):
                return {}


            @dg.multi_asset(specs=[dg.AssetSpec(key=dg.AssetKey(["crm", "accöunts"]), owners=["ops@acme.io"])])
            def crm():
                pass
            """
        ),
        encoding="utf-8",
    )
    assert rows(read(warehouse, "dagster")) == [
        (
            "asset",
            "raw_orders",
            "orchestration/assets.py:6:18",
            "bob@acme.io",
            "orchestration/assets.py",
        ),
        (
            "asset",
            "raw_orders",
            "orchestration/assets.py:6:33",
            "team:platform",
            "orchestration/assets.py",
        ),
        (
            "asset",
            "raw_customers",
            "orchestration/assets.py:14:19",
            "team:data-eng",
            "orchestration/assets.py",
        ),
        ("asset", "raw_refunds", "orchestration/assets.py:19:2", None, "orchestration/assets.py"),
        (
            "asset",
            "finance/forecast",
            "orchestration/assets.py:25:43",
            "team:finance-ops",
            "orchestration/assets.py",
        ),
        (
            "job",
            "daily_refresh",
            "orchestration/jobs.py:3:59",
            "bob@acme.io",
            "orchestration/jobs.py",
        ),
        (
            "schedule",
            "morning",
            "orchestration/jobs.py:6:60",
            "team:platform",
            "orchestration/jobs.py",
        ),
        # Columns count characters: the `ö` before the owner is two bytes, one column.
        (
            "asset",
            "crm/accöunts",
            "orchestration/jobs.py:11:83",
            "ops@acme.io",
            "orchestration/jobs.py",
        ),
    ]


def test_airflow_default_args_and_the_placeholder(warehouse: Path) -> None:
    write(
        warehouse,
        {
            "dags/reports.py": """\
                import airflow
                from airflow.decorators import dag

                @dag(default_args=dict(owner="carol, airflow"))
                def weekly_reports():
                    pass
            """,
            "dags/broken.py": "from airflow import DAG\nDAG('x', default_args={'owner': \n",
        },
    )
    found = read(warehouse, "airflow")
    assert rows(found) == [
        ("dag", "daily_load", "dags/daily_load.py:6:26", "bob", "dags/daily_load.py"),
        ("dag", "weekly_reports", "dags/reports.py:4:30", "carol", "dags/reports.py"),
    ]
    assert found.problems == [
        "dags/broken.py: the airflow reader skipped it: not valid Python (line 2)"
    ]


def test_backstage_entities_of_every_document(warehouse: Path) -> None:
    assert rows(read(warehouse, "backstage")) == [
        (
            "component",
            "orchestration",
            "orchestration/catalog-info.yaml:9:10",
            "group:default/platform",
            "orchestration/catalog-info.yaml",
        ),
        (
            "api",
            "orchestration-api",
            "orchestration/catalog-info.yaml:18:10",
            "user:default/alice",
            "orchestration/catalog-info.yaml",
        ),
    ]


def test_codeowners_rules_written_by_hand_only(warehouse: Path) -> None:
    # The catch-all `*` line and the generated block are left out.
    assert rows(read(warehouse, "codeowners")) == [
        (
            "rule",
            "/warehouse/models/staging/",
            ".github/CODEOWNERS:3:30",
            "@acme/platform",
            "warehouse/models/staging/schema.yml",
        ),
    ]


def test_codeowners_rules_are_read_as_github_reads_them(tmp_path: Path) -> None:
    """An escaped space in a pattern, a tab before a comment, a token that owns nothing."""
    codeowners = "my\\ docs/ @ann\t# the docs\r\n/src/  x@  @bo\r\n"
    root = write(tmp_path, {"my docs/a.md": "", "src/b.py": ""})
    (root / "CODEOWNERS").write_text(codeowners, encoding="utf-8")
    assert rows(read(root, "codeowners")) == [
        ("rule", "my docs/", "CODEOWNERS:1:11", "@ann", "my docs/a.md"),
        ("rule", "/src/", "CODEOWNERS:2:12", "@bo", "src/b.py"),
    ]


def test_a_file_no_reader_can_parse_is_said_once_and_skipped(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "dbt_project.yml": "name: p\n",
            "models/bad.yml": "models: [{name: a, meta: {owner: x}\n",
            "models/good.yml": "models: [{name: b, meta: {owner: y@acme.io}}]\n",
            "target/manifest.json": '{"nodes": {"model.p.c": ',
            # What Python's parser refuses: too many parentheses, a unary chain
            # (MemoryError), a long sum (RecursionError), a NUL byte.
            "parens.py": "import dagster\nx = " + "(" * 300 + ")" * 300 + "\n",
            "unary.py": "import dagster\nx = " + "-" * 200_000 + "1\n",
            "sum.py": "import dagster\nx = 1" + "+1" * 200_000 + "\n",
            "nul.py": "import dagster\x00\n",
        },
    )
    found = read(root, "dbt", "dagster")
    assert [entry.name for entry in found.declared] == ["b"]
    skipped = "the dbt reader skipped it"
    assert found.problems == [
        f"models/bad.yml: {skipped}: a '{{' mapping is not closed: expected ',' or '}}' (1:36)",
        f"target/manifest.json: {skipped}: not valid JSON; the manifest is not read",
        "nul.py: the dagster reader skipped it: not valid Python (line 1)",
        "parens.py: the dagster reader skipped it: not valid Python (line 2)",
        "sum.py: the dagster reader skipped it: nested too deep for the Python parser",
        "unary.py: the dagster reader skipped it: nested too deep for the Python parser",
    ]


def test_a_deeply_nested_manifest_is_refused_in_one_line(tmp_path: Path) -> None:
    root = write(tmp_path, {"dbt_project.yml": "name: p\n"})
    (root / "target").mkdir()
    (root / "target/manifest.json").write_text("[" * 1_000_000 + "]" * 1_000_000)
    found = read(root, "dbt")
    assert found.problems == [
        "target/manifest.json: the dbt reader skipped it: nested too deep; the manifest is not read"
    ]


def test_files_over_the_size_limit_are_skipped(tmp_path: Path) -> None:
    root = write(tmp_path, {"assets.py": "import dagster\n" + "# padding\n" * 200})
    found = read(root, "dagster", limits=Limits(max_file_size=1000))
    assert found.problems == [
        "assets.py: the dagster reader skipped it: over the limit of 1000 bytes"
    ]


def test_control_characters_of_the_repository_are_neutralised(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "dbt_project.yml": "name: p\n",
            "models/m.yml": 'models: [{name: "a\\e[31m", meta: {owner: "x\\u202e@acme.io"}}]\n',
        },
    )
    (entry,) = read(root, "dbt").declared
    assert entry.name.isprintable() and entry.owner is not None and entry.owner.isprintable()
    assert "\\x1b" in entry.name


def test_a_python_file_with_an_invalid_escape_is_read_and_warns_nothing(tmp_path: Path) -> None:
    """Python warns of `"\\d"` (and, from 3.12, prints the file's name raw): not here."""
    import warnings

    root = write(
        tmp_path,
        {
            "dags/x.py": 'from airflow import DAG\nr = "\\\\d"\nDAG("d", default_args={"owner": "eve"})\n'
        },
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning would be an error here
        found = read(root, "airflow")
    assert [row[3] for row in rows(found)] == ["eve"]
