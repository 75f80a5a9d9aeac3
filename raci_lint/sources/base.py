"""What every reader shares: the repository's files, safe reads, positions, problems."""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path
from typing import Any

from raci_lint.reading import files
from raci_lint.reading.loader import Limits, Mapping, Node, Scalar, Sequence, span
from raci_lint.reading.repository import FileTree
from raci_lint.sources.owners import Position
from raci_lint.wording import display_path, excerpt, neutralize

__all__ = ["Reading", "clean", "get", "items", "node_position", "scalar_text", "text_position"]


class Reading:
    """One run of the readers over one repository: its files, its limits, the problems met.

    Every file is read through :func:`raci_lint.reading.files.read_inside`:
    within the size limit, from the descriptor opened, and only when what
    was opened lies inside the root (a link that leads out is refused).
    """

    def __init__(self, root: Path, tree: FileTree, limits: Limits) -> None:
        self.root = root
        self.tree = tree
        self.limits = limits
        self.problems: list[str] = []
        self._told: set[str] = set()
        self._texts: dict[str, str | None] = {}
        self._by_name: dict[str, list[str]] | None = None

    def under(self, folder: str) -> list[str]:
        """The files below a folder (a repository path, without a trailing slash)."""
        paths = self.tree.paths
        prefix = folder.strip("/") + "/"
        if prefix == "/":
            return paths
        start = bisect_left(paths, prefix)
        # "0" is the character after "/": the first path past the folder.
        return paths[start : bisect_left(paths, prefix[:-1] + "0", start)]

    def has(self, path: str) -> bool:
        """Whether the repository lists this file."""
        paths = self.tree.paths
        index = bisect_left(paths, path)
        return index < len(paths) and paths[index] == path

    def files_named(self, name: str) -> list[str]:
        """The files of a name, in any folder."""
        if self._by_name is None:
            self._by_name = {}
            for path in self.tree.paths:
                self._by_name.setdefault(path.rpartition("/")[2], []).append(path)
        return self._by_name.get(name, [])

    def with_suffix(self, *suffixes: str) -> list[str]:
        """The files whose name ends with one of ``suffixes``."""
        return [path for path in self.tree.paths if path.endswith(suffixes)]

    def shown(self, relative: str) -> str:
        """A repository path as the output names it (relative to the working folder)."""
        return display_path(self.root / relative)

    def problem(self, relative: str, reader: str, why: str) -> None:
        """Say once that a file could not be read, and go on."""
        if relative in self._told:
            return
        self._told.add(relative)
        self.problems.append(
            neutralize(f"{self.shown(relative)}: the {reader} reader skipped it: {why}")
        )

    def read(self, relative: str, reader: str, limit: int | None = None) -> bytes | None:
        """The bytes of a repository file, or None (said once) when it cannot be read."""
        most = self.limits.max_file_size if limit is None else limit
        try:
            data = files.read_inside(self.root / relative, self.root, most)
        except files.Unreadable as error:
            self.problem(relative, reader, error.reason)
            return None
        if len(data) > most:
            self.problem(relative, reader, f"over the limit of {most} bytes")
            return None
        return data

    def text(self, relative: str, reader: str) -> str | None:
        """A file's text (undecodable bytes replaced), read once."""
        if relative not in self._texts:
            data = self.read(relative, reader)
            self._texts[relative] = None if data is None else data.decode("utf-8", "replace")
        return self._texts[relative]


def node_position(node: Node, line_offset: int = 0) -> Position:
    """The 1-based range of a YAML node (``line_offset`` lines further down)."""
    line, column, end_line, end_column = span(node)
    return Position(line + line_offset, column, end_line + line_offset, end_column)


def text_position(text: str, needle: str) -> Position:
    """Where ``needle`` first occurs in ``text``; 1:1 when it does not."""
    index = text.find(needle) if needle else -1
    if index < 0:
        return Position(1, 1, 1, 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Position(line, column, line, column + len(needle))


def scalar_text(node: Node | None) -> str | None:
    """The text of a scalar node, neutralised and bounded; None for anything else."""
    if type(node) is not Scalar or not node.value:
        return None
    return clean(node.value)


def clean(value: Any) -> str:
    """A repository string made safe for any output, at most 200 characters."""
    return excerpt(str(value).strip(), 200)


def get(node: Node | None, *keys: str) -> Node | None:
    """The node at a chain of mapping keys, or None."""
    for key in keys:
        if not isinstance(node, Mapping):
            return None
        entry = node.entries.get(key)
        node = None if entry is None else entry.node
    return node


def items(node: Node | None) -> list[Node]:
    """The items of a sequence node; [] for anything else."""
    return list(node.items) if isinstance(node, Sequence) else []
