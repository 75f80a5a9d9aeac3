"""`import` guesses the kinds of a whole repository, not only of its pipelines."""

from __future__ import annotations

import pytest

from raci_lint.adapters.importer import guess_kind, import_codeowners
from raci_lint.taxonomy.disciplines import default_taxonomy

TAXONOMY = default_taxonomy()


@pytest.mark.parametrize(
    ("name", "kind", "sure"),
    [
        # The rest of a repository.
        ("docs", "documentation", True),
        ("docs-md-files", "documentation", True),
        ("dev-readme.md", "documentation", False),
        ("github-workflows", "ci", True),
        ("airflow-core-src-airflow-ui", "frontend", True),
        ("airflow-core-src-airflow-api_fastapi", "service", False),
        ("providers-amazon", "library", False),
        ("task-sdk", "library", True),
        ("chart", "infrastructure", False),
        ("infra-terraform", "infrastructure", True),
        ("kubernetes-tests", "tests", True),
        ("scripts", "tooling", True),
        ("python-setup.py", "tooling", False),
        ("src-ray-protobuf-gcs.proto", "service", False),
        # The names tools use.
        ("dags", "orchestration", False),
        ("dbt-models", "transformation", False),
        ("feature-views", "feature-store", False),
        ("model-registry", "packaging", True),
        ("kubeflow-pipeline", "ml-pipeline", True),
        ("ml-platform", "platform", True),
        ("training-pipeline", "retraining", False),  # `training` is named too
        ("python-ray-tune", "training", False),
    ],
)
def test_kind_guess_of_a_repository_folder(name: str, kind: str, sure: bool) -> None:
    assert guess_kind(name, "", TAXONOMY, last=True) == (kind, sure)


# The patterns of a real repository's CODEOWNERS (Airflow's, abridged, with one
# owner each): libraries, services, a UI, docs, CI, tests, infrastructure.
WHOLE_REPOSITORY = b"""\
/airflow-core/src/airflow/executors/ @a
/airflow-core/src/airflow/api_fastapi/ @a
/airflow-core/src/airflow/ui/ @a
/chart/ @a
/docs/apache-airflow @a
/providers/amazon/ @a
/providers/common/sql/ @a
/.github/workflows/ @a
/dev/ @a
/kubernetes-tests/ @a
/helm-tests/ @a
/scripts/ @a
/dev/README_RELEASE_*.md @a
/task-sdk/ @a
"""


def test_a_whole_repositorys_codeowners_gets_a_kind_for_every_component() -> None:
    # Before, 8 of these 14 had no kind that fit (`todo`).
    imported = import_codeowners(WHOLE_REPOSITORY, "CODEOWNERS", TAXONOMY)
    assert {c.id: c.kind for c in imported.components.values()} == {
        "airflow-core-src-airflow-executors": "orchestration",
        "airflow-core-src-airflow-api_fastapi": "service",
        "airflow-core-src-airflow-ui": "frontend",
        "chart": "infrastructure",
        "docs-apache-airflow": "documentation",
        "providers-amazon": "library",
        "providers-common-sql": "library",
        "github-workflows": "ci",
        "dev": "tooling",
        "kubernetes-tests": "tests",
        "helm-tests": "tests",
        "scripts": "tooling",
        "dev-readme-release-md": "documentation",
        "task-sdk": "library",
    }
