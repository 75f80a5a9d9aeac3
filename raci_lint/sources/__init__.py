"""Owners that other tools of the repository declare: dbt, Dagster, Airflow, Backstage, CODEOWNERS.

Each reader reads its files statically (YAML, JSON or Python's ``ast``; it
never imports nor runs the project's code), within the limits of
:mod:`raci_lint.reading`, and says what it found as :class:`~raci_lint.sources.owners.Declared`
records with the position where the owner is written. The engine reads the
sources once per run (``reader.read_sources``); the SRC rules compare.

This package's ``__init__`` imports nothing: the rules import only
``owners`` (records and identity), and no reader is imported by a run that
reads no source (start-up time).
"""
