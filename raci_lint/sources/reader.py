"""Every reader, run once over a repository: what ``RepositoryView.sources`` gives the rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from raci_lint.reading.loader import Limits
from raci_lint.reading.repository import FileTree
from raci_lint.sources.backstage import read_backstage
from raci_lint.sources.base import Reading
from raci_lint.sources.codeowners import read_codeowners
from raci_lint.sources.dbt import read_dbt
from raci_lint.sources.owners import NAMES, Declared, Found
from raci_lint.sources.python import read_airflow, read_dagster

__all__ = ["READERS", "read_sources"]

READERS: dict[str, Callable[[Reading], Iterator[Declared]]] = {
    "dbt": read_dbt,
    "dagster": read_dagster,
    "airflow": read_airflow,
    "backstage": read_backstage,
    "codeowners": read_codeowners,
}
assert tuple(READERS) == NAMES


def read_sources(root: Path, tree: FileTree, names: Iterable[str], limits: Limits) -> Found:
    """What the named readers find in the repository at ``root``, whose files ``tree`` lists."""
    reading = Reading(root, tree, limits)
    wanted = set(names)
    declared: list[Declared] = []
    for name, read in READERS.items():
        if name in wanted:
            # Each reader's findings by file and position: the same order on every machine.
            declared.extend(sorted(read(reading), key=lambda entry: (entry.path, entry.position)))
    return Found(declared, reading.problems)
