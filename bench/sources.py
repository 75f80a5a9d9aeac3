"""Benchmark the readers of sources: a repository of 5,000 dbt models and 500 DAG files.

    python bench/sources.py                 # 5,000 models, 500 DAGs, 500 Dagster modules
    python bench/sources.py --models 20000 --dags 2000 --repeat 5

Writes the repository in a temporary folder (not a git repository: its files
are listed by the walk), then times, inside one process, every reader over it
(`read_sources`, the median of --repeat runs), and `raci-lint check` of its
ownership file with `sources:` configured (the whole command). The target:
the readers take under 2 s on a 2-core machine. On a shared machine the
CPU time says more than the wall-clock time: both are printed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PER_FOLDER = 50  # models in one folder, described by one schema.yml


def write_repository(root: Path, models: int, dags: int, assets: int) -> None:
    """A dbt project with a manifest, Airflow DAGs, Dagster modules, and a raci.yaml."""
    (root / "warehouse").mkdir(parents=True)
    (root / "warehouse/dbt_project.yml").write_text(
        "name: bench\nversion: '1.0'\nconfig-version: 2\nmodel-paths: [models]\n", "utf-8"
    )
    folders = (models + PER_FOLDER - 1) // PER_FOLDER
    components = []
    nodes = {}
    for folder in range(folders):
        where = root / f"warehouse/models/domain_{folder}"
        where.mkdir(parents=True)
        lines = ["version: 2", "", "models:"]
        for number in range(folder * PER_FOLDER, min(models, (folder + 1) * PER_FOLDER)):
            name = f"model_{number}"
            (where / f"{name}.sql").write_text(f"select {number} as id\n", "utf-8")
            lines += [
                f"  - name: {name}",
                f"    description: Model {number}.",
                "    config:",
                "      meta:",
                f"        owner: owner{folder % 40}@acme.io",
                "    columns:",
                "      - name: id",
                "        data_tests: [unique, not_null]",
            ]
            nodes[f"model.bench.{name}"] = {
                "name": name,
                "resource_type": "model",
                "original_file_path": f"models/domain_{folder}/{name}.sql",
                "patch_path": f"bench://models/domain_{folder}/schema.yml",
                "config": {"meta": {"owner": f"owner{folder % 40}@acme.io"}},
                "meta": {"owner": f"owner{folder % 40}@acme.io"},
            }
        lines += [
            "",
            "exposures:",
            f"  - name: dashboard_{folder}",
            "    type: dashboard",
            "    owner:",
            f"      name: Owner {folder % 40}",
            f"      email: owner{folder % 40}@acme.io",
        ]
        (where / "schema.yml").write_text("\n".join(lines) + "\n", "utf-8")
        components.append(
            f"  domain-{folder}:\n    kind: transformation\n"
            f'    paths: ["warehouse/models/domain_{folder}/**"]\n'
            f"    raci: {{responsible: [owner{folder % 40}], accountable: owner{folder % 40}}}\n"
        )
    (root / "warehouse/target").mkdir()
    manifest = {
        "metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"},
        "nodes": nodes,
        "exposures": {},
        "groups": {},
    }
    (root / "warehouse/target/manifest.json").write_text(json.dumps(manifest), "utf-8")
    (root / "dags").mkdir()
    for number in range(dags):
        (root / f"dags/dag_{number}.py").write_text(
            "from datetime import datetime\n\nfrom airflow import DAG\n"
            "from airflow.operators.bash import BashOperator\n\n"
            f'default_args = {{"owner": "owner{number % 40}", "retries": 1}}\n\n'
            f'with DAG("dag_{number}", default_args=default_args, start_date=datetime(2024, 1, 1)):\n'
            + "".join(
                f'    BashOperator(task_id="task_{task}", bash_command="echo {task}")\n'
                for task in range(10)
            ),
            "utf-8",
        )
    (root / "assets").mkdir()
    for number in range(assets):
        (root / f"assets/module_{number}.py").write_text(
            "import dagster as dg\n\n"
            + "".join(
                f'@dg.asset(owners=["owner{number % 40}@acme.io", "team:data"])\n'
                f"def asset_{number}_{index}() -> None:\n    pass\n\n\n"
                for index in range(5)
            ),
            "utf-8",
        )
    people = "".join(
        f"  owner{number}: {{disciplines: [analytics-engineer], email: owner{number}@acme.io}}\n"
        for number in range(40)
    )
    (root / "raci.yaml").write_text(
        f"version: 1\npeople:\n{people}components:\n{''.join(components)}", "utf-8"
    )
    (root / ".raci-lint.yaml").write_text(
        "sources: {dbt: {}, dagster: {}, airflow: {}}\nignore: [REF006]\n", "utf-8"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=5000)
    parser.add_argument("--dags", type=int, default=500)
    parser.add_argument("--assets", type=int, default=500, help="Dagster modules")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()

    from raci_lint.reading.loader import Limits
    from raci_lint.reading.repository import Repository
    from raci_lint.sources.reader import read_sources

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_repository(root, options.models, options.dags, options.assets)
        timings = []
        cpu = []
        found = None
        for _ in range(options.repeat):
            repository = Repository(root)
            start, start_cpu = time.perf_counter(), time.process_time()
            found = read_sources(
                repository.root, repository.tree, ("dbt", "dagster", "airflow"), Limits()
            )
            timings.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        assert found is not None
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "raci_lint", "check", "--format", "concise", "."],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        check = time.perf_counter() - start
        files = len(Repository(root).tree.paths)
        print(
            f"| repository | {options.models} models, {options.dags} DAGs, {options.assets} Dagster modules, {files} files |"
        )
        print("|---|---|")
        print(f"| owners found | {len(found.declared)} ({len(found.problems)} files skipped) |")
        print(
            f"| readers (median of {options.repeat}, file list included) | "
            f"{statistics.median(timings):.2f} s ({statistics.median(cpu):.2f} s of CPU) |"
        )
        print(
            f"| `raci-lint check` with sources (the whole command) | {check:.2f} s, exit {result.returncode} |"
        )


if __name__ == "__main__":
    main()
