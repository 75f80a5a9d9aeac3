"""Owners that other tools of the repository declare: dbt, Dagster, Airflow, Backstage, CODEOWNERS.

Each reader reads its files statically (YAML, JSON or Python's ``ast``; it
never imports nor runs the project's code), within the limits of
:mod:`raci_lint.reading`, and says what it found as :class:`~raci_lint.sources.owners.Declared`
records with the position where the owner is written. The engine reads the
sources once per run (``reader.read_sources``); the SRC rules compare.

This package's ``__init__`` imports nothing, and the rules import it only
for their types: a run that reads no source imports none of it (start-up
time).
"""
