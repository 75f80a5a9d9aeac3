"""JSON Schema validation of YAML node trees, with positions.

raci-lint validates the node tree itself, not data converted from it, so every
error keeps the line and column of the node it is about, and scalars keep
YAML's reading rules: ``no`` is a string wherever a string is expected, and a
boolean only where a boolean is expected (``active``).

The validator is compiled once from the published JSON Schema into closures.
It implements the keywords our schemas use (draft 2020-12 semantics) and
refuses a schema with any other keyword, so the published schema can never
say more than the linter checks. The test suite checks its verdicts against
the reference ``jsonschema`` implementation.
"""

from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from raci_lint.reading.loader import REJECTED, Mapping, Node, Scalar, Sequence
from raci_lint.schema import _raci_check
from raci_lint.schema.scalars import ecma_pattern, scalar_type

__all__ = [
    "SchemaError",
    "Validator",
    "error_node",
    "load_schema",
    "raci_validator",
]


# Keywords that only annotate a schema.
_ANNOTATIONS = frozenset(
    ("$schema", "$id", "$comment", "title", "description", "examples", "default", "$defs")
)


def _matches_type(node: Node, expected: str) -> bool:
    if type(node) is Mapping:
        return expected == "object"
    if type(node) is Sequence:
        return expected == "array"
    actual = scalar_type(node)  # type: ignore[arg-type]
    if expected == "string":
        # Any non-null scalar reads as the text it was written as.
        return actual != "null"
    if expected == "number":
        return actual in ("integer", "number")
    return actual == expected


def describe_value(node: Node) -> str:
    """A short description of a node for messages: 'a list', "'abc'", 'empty'."""
    if type(node) is Mapping:
        return "a mapping"
    if type(node) is Sequence:
        return "a list"
    if scalar_type(node) == "null":  # type: ignore[arg-type]
        return "empty"
    text: str = node.value  # type: ignore[union-attr]
    if len(text) > 40:
        text = text[:37] + "..."
    return repr(text)


# Words for the JSON types and the id pattern, shared by the messages of
# ownership, taxonomy and configuration files.
ID_RULE = "ids use lowercase letters, digits, '.', '_' and '-', and start with a letter or a digit"
_TYPE_NAMES = {
    "string": "text",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
    "null": "empty",
}


def expected_types(types: Iterable[str]) -> str:
    """What a `type` keyword asks for, in words: "a list or text"."""
    names = [_TYPE_NAMES.get(name, name) for name in types if name != "null"]
    if not names:
        return "empty"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


class SchemaError(NamedTuple):
    """One way a node breaks the schema.

    ``keyword`` is the JSON Schema keyword; ``node`` the node at fault;
    ``key`` the key under which the faulty node (or, for ``required``, the
    mapping lacking a key) sits; ``path`` the keys and indexes from the root;
    ``detail`` what the keyword wanted (the missing key, the allowed values...).
    """

    keyword: str
    node: Node
    key: Scalar | None
    path: tuple[str | int, ...]
    detail: Any = None


def error_node(error: SchemaError) -> Node | None:
    """The node a schema error is reported at; None for the file (line 1, column 1).

    A missing key is reported at the key of the mapping that lacks it: at the
    mapping itself when it is a list entry, which has no key, and at the file
    for the top level. Anything else is reported at the node at fault, which
    for an unknown key is the key.
    """
    if error.keyword != "required":
        return error.node
    if error.path and isinstance(error.path[-1], int):
        return error.node
    return error.key


Errors = list[SchemaError]
Check = Callable[[Node, "Scalar | None", tuple[str | int, ...], Errors], bool]


def _always(node: Node, key: Scalar | None, path: tuple[str | int, ...], errors: Errors) -> bool:
    return True


class _Compiler:
    """Compiles a JSON Schema into a tree of closures over YAML nodes."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, pointer: str) -> Check:
        if pointer not in self.refs:
            # Imported here: a valid file never compiles the full validator (start-up time).
            from raci_lint.schema.pointers import resolve_pointer

            target = resolve_pointer(self.root, pointer)
            cell: list[Check] = []
            # A placeholder first, so that recursive references terminate.
            self.refs[pointer] = lambda n, k, p, e: cell[0](n, k, p, e)
            cell.append(self.compile(target))
            self.refs[pointer] = cell[0]
        return self.refs[pointer]

    def compile(self, schema: Any) -> Check:
        if schema is True or schema == {}:
            return _always
        if schema is False:

            def never(node: Node, key: Scalar | None, path: Any, errors: Errors) -> bool:
                errors.append(SchemaError("false", node, key, path))
                return False

            return never
        unknown = set(schema) - _KEYWORDS - _ANNOTATIONS
        if unknown:
            raise ValueError(f"unsupported JSON Schema keywords: {sorted(unknown)}")
        checks: list[Check] = []
        if "$ref" in schema:
            checks.append(self.ref(schema["$ref"]))
        if "type" in schema:
            checks.append(self._type(schema["type"]))
        if "enum" in schema or "const" in schema:
            checks.append(self._enum(schema.get("enum", [schema.get("const")])))
        if "pattern" in schema:
            checks.append(self._pattern(schema["pattern"]))
        if "minimum" in schema:
            checks.append(self._bound("minimum", schema["minimum"]))
        if "maximum" in schema:
            checks.append(self._bound("maximum", schema["maximum"]))
        if any(k in schema for k in ("items", "uniqueItems", "minItems")):
            checks.append(self._array(schema))
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
            checks.append(self._object(schema))
        if len(checks) == 1:
            return checks[0]

        def all_of(node: Node, key: Scalar | None, path: Any, errors: Errors) -> bool:
            # all() stops at the first failing keyword: later ones would only
            # repeat its complaint about the same node.
            return all(check(node, key, path, errors) for check in checks)

        return all_of

    def _type(self, expected: str | list[str]) -> Check:
        allowed = tuple([expected] if isinstance(expected, str) else expected)

        def check_type(node: Node, key: Scalar | None, path: Any, errors: Errors) -> bool:
            if type(node) is Scalar and node.tag is REJECTED:
                return False  # already reported by the loader
            for name in allowed:
                if _matches_type(node, name):
                    return True
            errors.append(SchemaError("type", node, key, path, allowed))
            return False

        return check_type

    def _enum(self, values: list[Any]) -> Check:
        texts = {str(value) for value in values}

        def check_enum(node: Node, key: Scalar | None, path: Any, errors: Errors) -> bool:
            if type(node) is Scalar and node.value in texts:
                return True
            errors.append(SchemaError("enum", node, key, path, values))
            return False

        return check_enum

    def _pattern(self, pattern: str) -> Check:
        search = ecma_pattern(pattern).search

        def check_pattern(node: Node, key: Scalar | None, path: Any, errors: Errors) -> bool:
            if type(node) is not Scalar or scalar_type(node) == "null" or search(node.value):
                return True
            errors.append(SchemaError("pattern", node, key, path, pattern))
            return False

        return check_pattern

    def _bound(self, keyword: str, bound: float) -> Check:
        def check_bound(node: Node, key: Scalar | None, path: Any, errors: Errors) -> bool:
            if type(node) is not Scalar or scalar_type(node) not in ("integer", "number"):
                return True
            # float() of any length of digits: at worst infinity, never an error.
            value = float(node.value.replace("_", ""))
            if value >= bound if keyword == "minimum" else value <= bound:
                return True
            errors.append(SchemaError(keyword, node, key, path, bound))
            return False

        return check_bound

    def _array(self, schema: dict[str, Any]) -> Check:
        items = self.compile(schema["items"]) if "items" in schema else None
        unique = bool(schema.get("uniqueItems"))
        min_items = int(schema.get("minItems", 0))

        def check_array(node: Node, key: Scalar | None, path: Any, errors: Errors) -> bool:
            if type(node) is not Sequence:
                return True
            ok = True
            if len(node.items) < min_items:
                errors.append(SchemaError("minItems", node, key, path, min_items))
                ok = False
            seen: set[str] = set()
            for index, item in enumerate(node.items):
                if items is not None and not items(item, key, (*path, index), errors):
                    ok = False
                elif unique and type(item) is Scalar:
                    if item.value in seen:
                        errors.append(SchemaError("uniqueItems", item, key, (*path, index)))
                        ok = False
                    seen.add(item.value)
            return ok

        return check_array

    def _object(self, schema: dict[str, Any]) -> Check:
        # Each property's check is compiled when a node first has the key: a
        # configuration names few of the rules its schema lists (start-up time).
        sources: dict[str, Any] = schema.get("properties", {})
        properties: dict[str, Check] = {}
        patterns = [
            (ecma_pattern(pattern).search, self.compile(sub))
            for pattern, sub in schema.get("patternProperties", {}).items()
        ]
        additional = schema.get("additionalProperties", True)
        additional_check = None if additional is False else self.compile(additional)
        required = list(schema.get("required", []))
        names = self.compile(schema["propertyNames"]) if "propertyNames" in schema else None
        known = sorted(sources)

        def check_object(node: Node, key: Scalar | None, path: Any, errors: Errors) -> bool:
            if type(node) is not Mapping:
                return True
            ok = True
            entries = node.entries
            for name in required:
                if name not in entries:
                    errors.append(SchemaError("required", node, key, path, name))
                    ok = False
            for name, key_node in entries.items():
                value = key_node.node
                here = (*path, name)
                if names is not None and not names(key_node, key_node, here, errors):
                    ok = False
                check = properties.get(name)
                if check is None and name in sources:
                    check = properties[name] = self.compile(sources[name])
                if check is None:
                    for search, pattern_check in patterns:
                        if search(name):
                            check = pattern_check
                            break
                    else:
                        if additional_check is None:
                            errors.append(
                                SchemaError("additionalProperties", key_node, key_node, here, known)
                            )
                            ok = False
                            continue
                        check = additional_check
                if not check(value, key_node, here, errors):
                    ok = False
            return ok

        return check_object


_KEYWORDS = frozenset(
    (
        "$ref",
        "type",
        "enum",
        "const",
        "pattern",
        "minimum",
        "maximum",
        "items",
        "uniqueItems",
        "minItems",
        "properties",
        "patternProperties",
        "additionalProperties",
        "required",
        "propertyNames",
    )
)


class Validator:
    """A compiled schema: ``validate(root)`` returns the schema errors of a tree.

    With ``fast``, a generated yes/no check runs first and the full validator
    (which explains errors) only when it cannot prove the tree valid.
    """

    def __init__(
        self,
        schema: dict[str, Any] | Callable[[], dict[str, Any]],
        fast: bool | Callable[[Node], bool] = False,
    ) -> None:
        # The schema may be given as a function, read when first needed: a
        # valid file, proved so by a fast check shipped compiled, needs none.
        self._schema = schema
        self._check: Check | None = None  # compiled when first needed
        self.fast: Callable[[Node], bool] | None = None
        if callable(fast):
            self.fast = fast
        elif fast:
            # Imported here: a run that only checks ownership files never compiles (start-up).
            from raci_lint.schema.compiler import compile_fast

            self.fast = compile_fast(self.schema)

    @property
    def schema(self) -> dict[str, Any]:
        if callable(self._schema):
            self._schema = self._schema()
        return self._schema

    def validate(self, root: Node) -> list[SchemaError]:
        if self.fast is not None and self.fast(root):
            return []
        return self.explain(root)

    def explain(self, root: Node) -> list[SchemaError]:
        """Every schema error of a tree, by the full validator alone."""
        if self._check is None:
            self._check = _Compiler(self.schema).compile(self.schema)
        errors: list[SchemaError] = []
        self._check(root, None, (), errors)
        return errors


def _schemas_folder() -> Path:
    """Where the published schemas are: inside the wheel, or at the checkout's top."""
    package = Path(__file__).parents[1]
    packaged = package / "schemas"
    if packaged.is_dir():
        return packaged
    return package.parent / "schemas"  # a source checkout (editable install)


def schema_path(name: str) -> Path:
    """The path of a published schema, such as ``raci.schema.json``."""
    return _schemas_folder() / name


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Load a published schema by file name."""
    # Imported here: a valid ownership file reads no schema (start-up time).
    import json

    result: dict[str, Any] = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return result


@cache
def raci_validator() -> Validator:
    """The validator of ownership files.

    Its fast check is the module ``_raci_check``, generated ahead of
    time from the published schema (``scripts/update_docs.py``; a test fails
    when it is stale), so a run on a valid file reads no schema at all.
    """
    return Validator(lambda: load_schema("raci.schema.json"), fast=_raci_check.entry)


INCLUDED_KEYS = ("version", "people", "teams", "include")


ROSTER_ID = "https://raw.githubusercontent.com/raci-lint/raci-lint/main/schemas/roster.schema.json"


def roster_schema(ownership: dict[str, Any]) -> dict[str, Any]:
    """The schema of an included roster, from the ownership schema: people and teams only.

    Published as ``schemas/roster.schema.json`` (``scripts/update_docs.py``), and the
    schema the engine checks included files with, so the two cannot drift apart.
    """
    schema = dict(ownership)
    schema["$id"] = ROSTER_ID
    schema["title"] = "raci-lint roster (an included file)"
    schema["description"] = (
        "The people and teams that ownership files share through `include:` (format "
        "version 1): `version`, `people`, `teams` and `include`, no components. Scalars are "
        "read as written: ids such as `no`, `on` or `0755` are strings."
    )
    schema["required"] = ["version"]
    schema["properties"] = {
        key: value for key, value in ownership["properties"].items() if key in INCLUDED_KEYS
    }
    # Only the definitions a roster reaches, in the ownership schema's order.
    defs: dict[str, Any] = ownership["$defs"]
    reached: set[str] = set()
    pending: list[Any] = [schema["properties"], schema["patternProperties"]]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                name = ref[len("#/$defs/") :]
                if name not in reached:
                    reached.add(name)
                    pending.append(defs[name])
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    schema["$defs"] = {name: value for name, value in defs.items() if name in reached}
    return schema


@cache
def included_validator() -> Validator:
    """The validator of included rosters: the ownership schema, people and teams only."""
    return Validator(roster_schema(load_schema("raci.schema.json")), fast=True)
