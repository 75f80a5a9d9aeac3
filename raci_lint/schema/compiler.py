"""A fast yes/no check of a node tree against a JSON Schema, compiled to Python.

Most files are valid, and proving it is the expensive part of validation.
This module turns a schema into straight-line Python source (one function
per subschema, compiled once per process) that answers only "valid?". It is
conservative: when in doubt (an explicit tag, an unusual shape) it answers
"no", and the full validator of ``schema.py``, which explains every error
with its position, runs instead. So a file gets the same violations either
way; the fast path can only skip work, never hide an error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from raci_lint.reading.loader import Node
from raci_lint.schema.pointers import resolve_pointer

__all__ = ["compile_fast", "module_source"]

_HEADER = [
    "# ruff: noqa",
    "# mypy: ignore-errors",
    "from raci_lint.reading.loader import IMPLICIT, Mapping, Scalar, Sequence",
    "from raci_lint.schema.scalars import BOOLS, INT, NULLS, ecma_pattern",
    "",
]


class _Generator:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.lines: list[str] = []
        self.names: dict[int, str] = {}
        self.constants: dict[str, str] = {}
        self.pending: list[tuple[str, Any]] = []

    def constant(self, source: str) -> str:
        """A module-level constant, given by its source; returns its name."""
        name = f"c{len(self.constants)}"
        self.constants[name] = source
        return name

    def function(self, schema: Any) -> str:
        """The name of the function checking ``schema`` (generated once)."""
        if isinstance(schema, dict) and "$ref" in schema and len(schema) == 1:
            schema = resolve_pointer(self.root, schema["$ref"])
        key = id(schema)
        if key not in self.names:
            name = f"f{len(self.names)}"
            self.names[key] = name
            self.pending.append((name, schema))
        return self.names[key]

    def generate(self) -> str:
        """A Python module whose ``entry`` checks a tree against the schema."""
        entry = self.function(self.root)
        while self.pending:
            name, schema = self.pending.pop()
            self.emit(name, schema)
        # Constants come last: the property tables name functions defined above.
        constants = [f"{name} = {source}" for name, source in self.constants.items()]
        return "\n".join([*_HEADER, *self.lines, *constants, f"entry = {entry}"]) + "\n"

    def emit(self, name: str, schema: Any) -> None:
        out = [f"def {name}(n):"]
        if schema is True or schema == {}:
            self.lines += [*out, "    return True", ""]
            return
        if schema is False:
            self.lines += [*out, "    return False", ""]
            return
        if "$ref" in schema:
            referred = self.function(resolve_pointer(self.root, schema["$ref"]))
            out.append(f"    if not {referred}(n): return False")
        out.append("    t = type(n)")
        # Scalars with an explicit tag are left to the full validator.
        out.append("    if t is Scalar and n.tag is not IMPLICIT: return False")
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            out.append("    if t is Scalar:")
            out.append("        plain = not n.style")
            out.append("        isnull = plain and n.value in NULLS")
            checks = []
            for kind in types:
                if kind == "null":
                    checks.append("isnull")
                elif kind == "string":
                    checks.append("not isnull")
                elif kind == "boolean":
                    checks.append("(plain and n.value in BOOLS)")
                elif kind == "integer":
                    checks.append("(plain and INT.match(n.value) is not None)")
            out.append(f"        if not ({' or '.join(checks) or 'False'}): return False")
            if "object" not in types:
                out.append("    elif t is Mapping: return False")
            if "array" not in types:
                out.append("    elif t is Sequence: return False")
        if "enum" in schema or "const" in schema:
            texts = sorted({str(v) for v in schema.get("enum", [schema.get("const")])})
            values = self.constant(f"frozenset({texts!r})")
            out.append(f"    if t is not Scalar or n.value not in {values}: return False")
        if "pattern" in schema:
            search = self.constant(f"ecma_pattern({schema['pattern']!r}).search")
            out.append(
                f"    if t is Scalar and not (not n.style and n.value in NULLS) "
                f"and {search}(n.value) is None: return False"
            )
        if "minimum" in schema or "maximum" in schema:
            # Not needed by the ownership schema: always the full validator.
            self.lines += [f"def {name}(n):", "    return False", ""]
            return
        if any(k in schema for k in ("items", "uniqueItems", "minItems")):
            out.append("    if t is Sequence:")
            if schema.get("minItems"):
                out.append(f"        if len(n.items) < {int(schema['minItems'])}: return False")
            if "items" in schema:
                item = self.function(schema["items"])
                out.append(f"        for i in n.items:\n            if not {item}(i): return False")
            if schema.get("uniqueItems"):
                out.append("        seen = set()")
                out.append("        for i in n.items:")
                out.append("            if type(i) is Scalar:")
                out.append("                if i.value in seen: return False")
                out.append("                seen.add(i.value)")
        if any(
            k in schema
            for k in (
                "properties",
                "patternProperties",
                "additionalProperties",
                "required",
                "propertyNames",
            )
        ):
            out.append("    if t is Mapping:")
            out.append("        e = n.entries")
            for required in schema.get("required", []):
                out.append(f"        if {required!r} not in e: return False")
            properties = {
                key: self.function(sub) for key, sub in schema.get("properties", {}).items()
            }
            entries = ", ".join(f"{key!r}: {function}" for key, function in properties.items())
            table = self.constant("{" + entries + "}")
            patterns = [
                (self.constant(f"ecma_pattern({p!r}).search"), self.function(sub))
                for p, sub in schema.get("patternProperties", {}).items()
            ]
            additional = schema.get("additionalProperties", True)
            names = self.function(schema["propertyNames"]) if "propertyNames" in schema else None
            out.append("        for k, kn in e.items():")
            out.append("            v = kn.node")
            if names:
                out.append(f"            if not {names}(kn): return False")
            out.append(f"            f = {table}.get(k)")
            out.append("            if f is None:")
            for search, function in patterns:
                out.append(f"                if {search}(k) is not None:")
                out.append(f"                    if not {function}(v): return False")
                out.append("                    continue")
            if additional is False:
                out.append("                return False")
            else:
                out.append(f"                f = {self.function(additional)}")
            out.append("            if not f(v): return False")
        out.append("    return True")
        self.lines += [*out, ""]


def module_source(schema: dict[str, Any], origin: str) -> str:
    """The source of a module checking trees against ``schema`` (from ``origin``)."""
    header = f'"""Generated from {origin} by scripts/update_docs.py: do not edit."""'
    return header + "\n\n" + _Generator(schema).generate()


def compile_fast(schema: dict[str, Any]) -> Callable[[Node], bool]:
    """A function that answers True only for trees the schema accepts."""
    namespace: dict[str, Any] = {}
    exec(compile(module_source(schema, "a schema"), "<raci-lint schema>", "exec"), namespace)
    entry: Callable[[Node], bool] = namespace["entry"]
    return entry
