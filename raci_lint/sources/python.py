"""Dagster and Airflow: owners in Python files, read with ``ast.parse`` only.

Nothing is imported nor run. A file is parsed only when its bytes name the
tool (``dagster``, ``airflow``), within the size limit; a file whose syntax
or nesting the parser refuses (``SyntaxError``, ``RecursionError``,
``MemoryError``) is said once and skipped.

Dagster: ``owners=[...]`` of ``@asset``, ``@multi_asset``, ``AssetSpec``,
``@job``, ``@schedule`` and their kin, each owner at its string; assets
without owners are listed too. Airflow: ``DAG(...)``, ``with DAG(...)`` and
``@dag(...)`` with ``default_args={"owner": ...}`` (a literal, or a
module-level name bound to one); Airflow's placeholder owner ``airflow``
is ignored.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Iterator

from raci_lint.sources.base import Reading, clean
from raci_lint.sources.owners import Declared, Position

__all__ = ["read_airflow", "read_dagster"]

# What Dagster calls carry `owners=`, and what each defines.
_DAGSTER = {
    "asset": "asset",
    "multi_asset": "asset",
    "graph_asset": "asset",
    "graph_multi_asset": "asset",
    "observable_source_asset": "asset",
    "AssetSpec": "asset",
    "AssetOut": "asset",
    "job": "job",
    "define_asset_job": "job",
    "schedule": "schedule",
    "ScheduleDefinition": "schedule",
    "sensor": "sensor",
}
# Those that define an asset even without `owners=` (listed for SRC003).
_ASSETS = frozenset(("asset", "graph_asset", "observable_source_asset", "AssetSpec"))
PLACEHOLDER = "airflow"


def _callee(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


class _Module:
    """One parsed Python file: its tree, module-level names, and positions in characters."""

    def __init__(self, reading: Reading, path: str, data: bytes, tree: ast.Module) -> None:
        self.reading = reading
        self.path = path
        self.lines = data.split(b"\n")
        self.tree = tree
        self.names: dict[str, ast.expr] = {}
        for statement in tree.body:
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target = statement.targets[0]
                if isinstance(target, ast.Name):
                    self.names[target.id] = statement.value
            elif (
                isinstance(statement, ast.AnnAssign)
                and statement.value is not None
                and isinstance(statement.target, ast.Name)
            ):
                self.names[statement.target.id] = statement.value

    def walked(self) -> tuple[dict[int, str], list[ast.AST]]:
        """One walk of the tree: the function each decorator decorates (by the
        decorator's id), and every call or name that may define something."""
        decorated: dict[int, str] = {}
        nodes: list[ast.AST] = []
        for node in ast.walk(self.tree):
            if isinstance(node, (ast.Call, ast.Name, ast.Attribute)):
                nodes.append(node)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for decorator in node.decorator_list:
                    decorated[id(decorator)] = node.name
        return decorated, nodes

    def resolve(self, node: ast.expr | None) -> ast.expr | None:
        """A module-level name as what it is bound to (one step)."""
        if isinstance(node, ast.Name) and node.id in self.names:
            return self.names[node.id]
        return node

    def _column(self, line: int, offset: int) -> int:
        # ast counts columns in UTF-8 bytes; positions count characters.
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else b""
        return len(text[:offset].decode("utf-8", "replace")) + 1

    def position(self, node: ast.expr | ast.stmt) -> Position:
        line = node.lineno
        end_line = node.end_lineno or line
        end = node.end_col_offset if node.end_col_offset is not None else node.col_offset
        return Position(
            line, self._column(line, node.col_offset), end_line, self._column(end_line, end)
        )

    def strings(self, node: ast.expr | None) -> list[ast.Constant]:
        """The string constants of a list, tuple or set (or one string)."""
        node = self.resolve(node)
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node]
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return [
                item
                for item in node.elts
                if isinstance(item, ast.Constant) and isinstance(item.value, str)
            ]
        return []


def _parse(reading: Reading, path: str, reader: str, marker: bytes) -> _Module | None:
    data = reading.read(path, reader)
    if data is None or marker not in data:
        return None
    try:
        with warnings.catch_warnings():
            # A file's invalid escapes (`"\\d"`) are no concern of ours, and
            # Python would print the repository's file name raw on stderr.
            warnings.simplefilter("ignore")
            tree = ast.parse(data, filename=path)
    except SyntaxError as error:
        reading.problem(path, reader, f"not valid Python (line {error.lineno or 1})")
        return None
    except (RecursionError, MemoryError):
        reading.problem(path, reader, "nested too deep for the Python parser")
        return None
    except ValueError:  # a NUL byte
        reading.problem(path, reader, "not Python source")
        return None
    return _Module(reading, path, data, tree)


def _modules(reading: Reading, reader: str, marker: bytes) -> Iterator[_Module]:
    for path in reading.with_suffix(".py"):
        module = _parse(reading, path, reader, marker)
        if module is not None:
            yield module


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def _asset_name(module: _Module, call: ast.Call | None, function: str | None) -> str:
    """The name Dagster gives what a call defines: `name=`, `key=`, the first argument, the function."""
    candidates: list[ast.expr | None] = []
    if call is not None:
        candidates += [_keyword(call, "name"), _keyword(call, "key")]
        if call.args:
            candidates.append(call.args[0])
    for candidate in candidates:
        node = module.resolve(candidate)
        if isinstance(node, ast.Call) and _callee(node.func) == "AssetKey" and node.args:
            node = node.args[0]
        parts = module.strings(node)
        if parts:
            return clean("/".join(str(part.value) for part in parts))
    return clean(function) if function else "<unnamed>"


def read_dagster(reading: Reading) -> Iterator[Declared]:
    """Every owner of Dagster definitions in the repository's Python files."""
    for module in _modules(reading, "dagster", b"dagster"):
        yield from _dagster(module)


def _dagster(module: _Module) -> Iterator[Declared]:
    decorated, nodes = module.walked()
    for node in nodes:
        if isinstance(node, ast.Call):
            callee = _callee(node.func)
            if callee not in _DAGSTER:
                continue
            kind = _DAGSTER[callee]
            name = _asset_name(module, node, decorated.get(id(node)))
            owners = module.strings(_keyword(node, "owners"))
            for owner in owners:
                yield Declared(
                    "dagster",
                    kind,
                    name,
                    module.path,
                    module.position(owner),
                    clean(owner.value),
                    module.path,
                )
            if not owners and callee in _ASSETS:
                yield Declared(
                    "dagster", kind, name, module.path, module.position(node), None, module.path
                )
        elif (
            isinstance(node, (ast.Name, ast.Attribute))
            and id(node) in decorated
            and _callee(node) in _ASSETS  # a bare `@asset`
        ):
            name = clean(decorated[id(node)])
            yield Declared(
                "dagster", "asset", name, module.path, module.position(node), None, module.path
            )


def read_airflow(reading: Reading) -> Iterator[Declared]:
    """Every owner of Airflow DAGs (`default_args`) in the repository's Python files."""
    for module in _modules(reading, "airflow", b"airflow"):
        yield from _airflow(module)


def _airflow(module: _Module) -> Iterator[Declared]:
    decorated, nodes = module.walked()
    for node in nodes:
        if not isinstance(node, ast.Call):
            continue
        callee = _callee(node.func)
        if callee not in ("DAG", "dag"):
            continue
        dag_id = _keyword(node, "dag_id") or (node.args[0] if node.args else None)
        ids = module.strings(dag_id)
        name = clean(ids[0].value) if ids else clean(decorated.get(id(node), "<unnamed>"))
        for owner, at in _default_owners(module, _keyword(node, "default_args")):
            yield Declared("airflow", "dag", name, module.path, at, owner, module.path)


def _default_owners(module: _Module, node: ast.expr | None) -> list[tuple[str, Position]]:
    """The owners of `default_args`: a dict literal, `dict(owner=...)`, or a name for one."""
    node = module.resolve(node)
    value: ast.expr | None = None
    if isinstance(node, ast.Dict):
        for key, item in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value == "owner":
                value = item
    elif isinstance(node, ast.Call) and _callee(node.func) == "dict":
        value = _keyword(node, "owner")
    found = []
    for constant in module.strings(value):
        for part in str(constant.value).split(","):
            owner = part.strip()
            if owner and owner.lower() != PLACEHOLDER:
                found.append((clean(owner), module.position(constant)))
    return found
