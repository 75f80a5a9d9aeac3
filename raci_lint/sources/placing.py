"""Which component of which ownership file each declared owner belongs to, and who it is.

For the `sources` command and the `import --from` conversions, which look at
every ownership file of the repository at once (the SRC rules look at one
unit, through their context).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from raci_lint.model.ownership import Component, Model
from raci_lint.reading.repository import FileTree, PatternError, parse_pattern
from raci_lint.sources.owners import Declared, Holder, identify

__all__ = ["Placement", "component_files", "place"]


class Placement(NamedTuple):
    """A declared owner, and where the ownership files put its thing."""

    declared: Declared
    model: str | None  # the ownership file, as shown
    component: Component | None
    holder: Holder | None


def component_files(model: Model, tree: FileTree) -> dict[str, Component]:
    """Each file a component of the model matches: the last one, as CODEOWNERS reads it."""
    owner: dict[str, Component] = {}
    for component in model.components.values():
        for item in component.paths:
            try:
                pattern = parse_pattern(item.text)
            except PatternError:
                continue
            for path in tree.match(pattern):
                owner[path] = component
    return owner


def place(
    declared: Iterable[Declared],
    models: list[tuple[str, Model]],
    tree: FileTree,
    aliases: dict[str, dict[str, str]],
) -> list[Placement]:
    """Each declared owner with its component (in the first ownership file that has one)."""
    maps = [(shown, model, component_files(model, tree)) for shown, model in models]
    cache: dict[int, object] = {}
    placed = []
    for entry in declared:
        found = next(
            (
                (shown, model, files[entry.owned])
                for shown, model, files in maps
                if entry.owned in files
            ),
            None,
        )
        if found is None:
            placed.append(Placement(entry, None, None, None))
            continue
        shown, model, component = found
        holder = identify(entry, model, aliases.get(entry.source, {}), cache)  # type: ignore[arg-type]
        placed.append(Placement(entry, shown, component, holder))
    return placed
