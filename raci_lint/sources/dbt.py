"""dbt: owners in `dbt_project.yml`, the YAML property files, and `target/manifest.json`.

Read statically, as dbt declares them: a model's (seed's, snapshot's,
source's) `meta.owner`, `config.meta.owner` and Dagster's
`config.meta.dagster.owners`; an exposure's and a group's `owner: {name,
email}`; a folder's `+meta: {owner: ...}` under `models:` of
`dbt_project.yml`. A compiled `target/manifest.json`, when present, adds
the owners set where no YAML shows them (a model's SQL `config()`); each
is placed where its text is written in the model's files, else at 1:1 of
the model's file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from raci_lint.reading.loader import Mapping, Node, Scalar, Sequence, load
from raci_lint.reading.repository import is_plain_path
from raci_lint.sources.base import Reading, clean, get, items, node_position, text_position
from raci_lint.sources.owners import Declared, Position

__all__ = ["read_dbt"]

READER = "dbt"
PROJECT = "dbt_project.yml"
# The property-file lists whose entries carry `meta`, and what each entry is.
_RESOURCES = {"models": "model", "seeds": "seed", "snapshots": "snapshot", "sources": "source"}
_KEYS = (b"models:", b"exposures:", b"groups:", b"seeds:", b"snapshots:", b"sources:")
# A folder of `dbt_project.yml` lists none of its own files as property files.
_NOT_PROPERTIES = frozenset(("packages.yml", "dependencies.yml", "selectors.yml", "profiles.yml"))
_FOLDERS = {
    "model-paths": "models",
    "seed-paths": "seeds",
    "snapshot-paths": "snapshots",
    "analysis-paths": "analyses",
}


def read_dbt(reading: Reading) -> Iterator[Declared]:
    """Every owner the dbt projects of the repository declare, and the models without one."""
    for project_file in reading.files_named(PROJECT):
        yield from _Project(reading, project_file).read()


def _owners(node: Node | None) -> list[tuple[str, Node, str | None]]:
    """(owner, node it is written at, another way it is written) of an owner value."""
    if type(node) is Scalar:
        value = clean(node.value) if node.value else ""
        return [(value, node, None)] if value else []
    if isinstance(node, Sequence):
        return [found for item in node.items for found in _owners(item)]
    if isinstance(node, Mapping):  # {name, email}
        email, name = get(node, "email"), get(node, "name")
        name_text = clean(name.value) if type(name) is Scalar and name.value else None
        if type(email) is Scalar and email.value:
            return [(clean(email.value), email, name_text)]
        if type(name) is Scalar and name_text:
            return [(name_text, name, None)]
    return []


def _meta_owners(entry: Node) -> list[tuple[str, Node, str | None]]:
    found = []
    for base in ((), ("config",)):
        meta = get(entry, *base, "meta")
        found += _owners(get(meta, "owner"))
        found += _owners(get(meta, "owners"))
        found += _owners(get(meta, "dagster", "owners"))
    return found


class _Project:
    """One dbt project: the folder of a `dbt_project.yml`."""

    def __init__(self, reading: Reading, project_file: str) -> None:
        self.reading = reading
        self.file = project_file
        folder = project_file.rpartition("/")[0]
        self.prefix = f"{folder}/" if folder else ""
        self.folders: list[str] = list(_FOLDERS.values())
        self.target = "target"
        self.seen: set[tuple[str, str, str]] = set()
        self._models: dict[str, str] | None = None

    def read(self) -> Iterator[Declared]:
        project = self._load(self.file)
        if isinstance(project, Mapping):
            yield from self._configuration(project)
        for path in self._property_files():
            data = self.reading.read(path, READER)
            if data is None or not any(key in data for key in _KEYS):
                continue
            root = self._parse(path, data)
            if isinstance(root, Mapping):
                yield from self._properties(path, root)
        yield from self._manifest()

    # ------------------------------------------------------------ YAML files

    def _load(self, path: str) -> Node | None:
        data = self.reading.read(path, READER)
        return None if data is None else self._parse(path, data)

    def _parse(self, path: str, data: bytes) -> Node | None:
        document = load(data, self.reading.limits)
        if document.root is None and document.problems:
            problem = document.problems[0]
            self.reading.problem(
                path, READER, f"{problem.message} ({problem.line}:{problem.column})"
            )
        return document.root

    def _configuration(self, project: Mapping) -> Iterator[Declared]:
        # Each kind of folder as configured, else dbt's default for it.
        self.folders = []
        for key, default in _FOLDERS.items():
            configured = [
                clean(item.value).strip("/")
                for item in items(get(project, key))
                if type(item) is Scalar and item.value and is_plain_path(item.value.strip("/"))
            ]
            self.folders += configured if get(project, key) is not None else [default]
        target = get(project, "target-path")
        if type(target) is Scalar and target.value and is_plain_path(target.value):
            self.target = target.value.strip("/")
        models = get(project, "models")
        if not isinstance(models, Mapping):
            return
        model_folder = next(iter(self.folders), "models")
        for key, entry in models.entries.items():
            value = entry.node
            # `models: {my_project: {marts: {+meta: ...}}}`: the first level names the project.
            if isinstance(value, Mapping):
                yield from self._folder_configs(value, self.prefix + model_folder, key, 0)

    def _folder_configs(
        self, node: Mapping, folder: str, name: str, depth: int
    ) -> Iterator[Declared]:
        if depth > 20:
            return
        for base in ("+meta", "meta"):
            for owner, at, also in _owners(get(node, base, "owner")) + _owners(
                get(node, base, "dagster", "owners")
            ):
                yield self._declared(
                    "folder", name, self.file, at, owner, self._first(folder), also
                )
        for key, entry in node.entries.items():
            value = entry.node
            if (
                not key.startswith("+")
                and key not in ("meta", "config")
                and isinstance(value, Mapping)
            ):
                if not is_plain_path(key):
                    continue
                yield from self._folder_configs(value, f"{folder}/{key}", key, depth + 1)

    def _first(self, folder: str) -> str:
        """The first file under a folder: where a folder's owner is matched to a component."""
        under = self.reading.under(folder)
        return under[0] if under else folder

    def _property_files(self) -> list[str]:
        found: list[str] = []
        for folder in self.folders:
            for path in self.reading.under(self.prefix + folder):
                name = path.rpartition("/")[2]
                if name.endswith((".yml", ".yaml")) and name not in _NOT_PROPERTIES:
                    found.append(path)
        return sorted(dict.fromkeys(found))

    def _model_file(self, name: str, fallback: str) -> str:
        """The SQL (or Python) file of a model, by its name; else the property file."""
        if self._models is None:
            self._models = {}
            for folder in self.folders:
                for path in self.reading.under(self.prefix + folder):
                    stem, dot, extension = path.rpartition("/")[2].rpartition(".")
                    if dot and extension in ("sql", "py", "csv"):
                        self._models.setdefault(stem, path)
        return self._models.get(name, fallback)

    def _declared(
        self,
        kind: str,
        name: str,
        path: str,
        at: Node,
        owner: str | None,
        owned: str,
        also: str | None,
    ) -> Declared:
        if owner is not None:
            self.seen.add((kind, name, owner.lower()))
        return Declared(READER, kind, name, path, node_position(at), owner, owned, also)

    def _properties(self, path: str, root: Mapping) -> Iterator[Declared]:
        for key, kind in _RESOURCES.items():
            for entry in items(get(root, key)):
                name_node = get(entry, "name")
                if type(name_node) is not Scalar or not name_node.value:
                    continue
                name = clean(name_node.value)
                owned = self._model_file(name, path) if kind != "source" else path
                owners = _meta_owners(entry)
                for owner, at, also in owners:
                    yield self._declared(kind, name, path, at, owner, owned, also)
                if not owners:
                    yield self._declared(kind, name, path, name_node, None, owned, None)
                if kind == "source":
                    for table in items(get(entry, "tables")):
                        table_name = get(table, "name")
                        if type(table_name) is not Scalar or not table_name.value:
                            continue
                        for owner, at, also in _meta_owners(table):
                            full = f"{name}.{clean(table_name.value)}"
                            yield self._declared("source", full, path, at, owner, path, also)
        for key, kind in (("exposures", "exposure"), ("groups", "group")):
            for entry in items(get(root, key)):
                name_node = get(entry, "name")
                if type(name_node) is not Scalar or not name_node.value:
                    continue
                name = clean(name_node.value)
                owners = _owners(get(entry, "owner"))
                for owner, at, also in owners:
                    yield self._declared(kind, name, path, at, owner, path, also)
                if not owners:
                    yield self._declared(kind, name, path, name_node, None, path, None)

    # -------------------------------------------------------------- manifest

    def _manifest(self) -> Iterator[Declared]:
        relative = f"{self.prefix}{self.target}/manifest.json"
        location = self.reading.root / relative
        if not location.is_file():
            return
        data = self.reading.read(relative, READER)
        if data is None:
            return
        try:
            manifest = json.loads(data)
        except (ValueError, RecursionError, MemoryError) as error:
            # The parser's own recursion guard bounds the depth; only fixed
            # paths of what it returns are read.
            why = "not valid JSON" if isinstance(error, ValueError) else "nested too deep"
            self.reading.problem(relative, READER, f"{why}; the manifest is not read")
            return
        if not isinstance(manifest, dict):
            self.reading.problem(relative, READER, "not a dbt manifest")
            return
        for table, kinds in (("nodes", _RESOURCES), ("exposures", None), ("groups", None)):
            entries = manifest.get(table)
            if not isinstance(entries, dict):
                continue
            for entry in entries.values():
                if isinstance(entry, dict):
                    yield from self._manifest_entry(entry, kinds)

    def _manifest_entry(
        self, entry: dict[str, Any], kinds: dict[str, str] | None
    ) -> Iterator[Declared]:
        resource = entry.get("resource_type")
        name = entry.get("name")
        if not isinstance(resource, str) or not isinstance(name, str) or not name:
            return
        kind = resource if kinds is None else {v: v for v in kinds.values()}.get(resource)
        if kind is None:
            return
        owners: list[tuple[str, str | None]] = []
        if kinds is None:
            owner = entry.get("owner")
            if isinstance(owner, dict):
                email, person = owner.get("email"), owner.get("name")
                person_text = clean(person) if isinstance(person, str) and person else None
                if isinstance(email, str) and email:
                    owners.append((clean(email), person_text))
                elif person_text:
                    owners.append((person_text, None))
        else:
            config = entry.get("config")
            metas = [entry.get("meta"), config.get("meta") if isinstance(config, dict) else None]
            for meta in metas:
                if not isinstance(meta, dict):
                    continue
                dagster = meta.get("dagster")
                dagster_owners = dagster.get("owners") if isinstance(dagster, dict) else None
                for value in (meta.get("owner"), meta.get("owners"), dagster_owners):
                    values = value if isinstance(value, list) else [value]
                    owners += [(clean(v), None) for v in values if isinstance(v, str) and v.strip()]
        name = clean(name)
        original = self._project_path(entry.get("original_file_path"))
        patch = entry.get("patch_path")
        patched = self._project_path(patch.partition("://")[2]) if isinstance(patch, str) else None
        for owner, also in dict.fromkeys(owners):
            if (kind, name, owner.lower()) in self.seen:
                continue
            self.seen.add((kind, name, owner.lower()))
            where, position = self._written(owner, patched, original)
            owned = original or where
            yield Declared(READER, kind, name, where, position, owner, owned, also)

    def _project_path(self, value: object) -> str | None:
        if not isinstance(value, str) or not is_plain_path(value):
            return None
        path = self.prefix + value
        return path if self.reading.has(path) else None

    def _written(self, owner: str, *candidates: str | None) -> tuple[str, Position]:
        """The first file that writes the owner, and where; else the model's file at 1:1."""
        files = [path for path in candidates if path] or [self.file]
        for path in files:
            text = self.reading.text(path, READER)
            if text is not None and owner in text:
                return path, text_position(text, owner)
        return files[-1], Position(1, 1, 1, 1)
