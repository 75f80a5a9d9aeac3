"""The published JSON Schema and raci-lint's own validator agree with jsonschema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from raci_lint.reading import loader
from raci_lint.reading.loader import Mapping, Node, Scalar, Sequence, load_text
from raci_lint.schema.scalars import scalar_type
from raci_lint.schema.validator import Validator, load_schema, raci_validator

SCHEMA = json.loads((ROOT / "schemas" / "raci.schema.json").read_text())
REFERENCE = jsonschema.Draft202012Validator(SCHEMA)

# Keys whose values are typed; everywhere else a scalar is its text (SPEC §2).
TYPED_KEYS = frozenset(("version", "active"))


def to_json(node: Node, key: str | None = None) -> Any:
    """The JSON data a node stands for, read as SPEC §2 reads YAML."""
    if isinstance(node, Mapping):
        return {name: to_json(key.node, name) for name, key in node.entries.items()}
    if isinstance(node, Sequence):
        return [to_json(item) for item in node.items]
    assert isinstance(node, Scalar)
    kind = scalar_type(node)
    if kind == "null":
        return None
    if key in TYPED_KEYS:
        if kind == "integer":
            return int(node.value)
        if kind == "boolean":
            return node.value.lower() in ("true", "yes", "on")
        if kind == "number":
            return float(node.value)
    return node.value


def verdicts(text: str) -> tuple[bool, bool]:
    """(raci-lint's verdict, jsonschema's verdict) on one document."""
    document = load_text(text)
    assert document.root is not None, document.problems
    validator = raci_validator()
    ours = not validator.explain(document.root)
    reference = REFERENCE.is_valid(to_json(document.root))
    # The generated fast check never accepts what the full validator rejects,
    # and accepts the valid files of these tests (or it would be useless).
    assert validator.fast is not None
    assert validator.fast(document.root) == ours
    return ours, reference


def test_published_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_packaged_schema_is_the_published_one() -> None:
    assert load_schema("raci.schema.json") == SCHEMA


def test_validator_refuses_keywords_it_does_not_implement() -> None:
    validator = Validator({"type": "object", "oneOf": [{"required": ["a"]}]})
    with pytest.raises(ValueError, match="unsupported JSON Schema keywords"):
        validator.explain(load_text("a: 1\n").root)  # type: ignore[arg-type]


def test_a_property_is_compiled_only_when_a_file_has_it() -> None:
    # A configuration names few of the rules its schema lists: the check of
    # a key the file lacks is never built (here it could not be).
    validator = Validator(
        {"type": "object", "properties": {"a": {"type": "integer"}, "b": {"oneOf": []}}}
    )
    assert validator.explain(load_text("a: x\n").root) != []  # type: ignore[arg-type]
    assert validator.explain(load_text("a: 1\n").root) == []  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unsupported JSON Schema keywords"):
        validator.explain(load_text("b: 1\n").root)  # type: ignore[arg-type]


EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_examples_same_verdict(path: Path) -> None:
    document = load_text(path.read_text())
    if document.root is None or any(p.kind != loader.DUPLICATE_KEY for p in document.problems):
        pytest.skip("not a single parseable document")
    ours, reference = verdicts(path.read_text())
    assert ours == reference


CASES = [
    "version: 1\ncomponents: {}\n",
    "version: 1\n",
    "components: {}\n",
    "version: '1'\ncomponents: {}\n",
    "version: 1.5\ncomponents: {}\n",
    "version: 1\ncomponents:\nx-team: anything\n",
    "version: 1\ncomponents: {}\nextra: 1\n",
    "version: 1\nscheme: RASCI\ncomponents: {}\n",
    "version: 1\nscheme: raci\ncomponents: {}\n",
    "version: 1\npeople:\n  no: {active: no}\ncomponents: {}\n",
    "version: 1\npeople:\n  alice: {active: 'no'}\ncomponents: {}\n",
    "version: 1\npeople:\n  Alice: {}\ncomponents: {}\n",
    "version: 1\npeople:\n  alice:\ncomponents: {}\n",
    "version: 1\npeople:\n  alice: [x]\ncomponents: {}\n",
    "version: 1\npeople:\n  alice: {github: '@alice-m'}\ncomponents: {}\n",
    "version: 1\npeople:\n  alice: {github: 'not a handle'}\ncomponents: {}\n",
    "version: 1\npeople:\n  alice: {disciplines: data-engineer}\ncomponents: {}\n",
    "version: 1\npeople:\n  alice: {disciplines: [a, a]}\ncomponents: {}\n",
    "version: 1\nteams:\n  t: {members: [a, b], github: acme/t}\ncomponents: {}\n",
    "version: 1\nteams:\n  t: {github: '@acme'}\ncomponents: {}\n",
    "version: 1\ncomponents:\n  c: {}\n",
    "version: 1\ncomponents:\n  c: {kind: training}\n",
    "version: 1\ncomponents:\n  c: {kind: [training]}\n",
    "version: 1\ncomponents:\n  c: {kind: training, raci: {responsible: team:x}}\n",
    "version: 1\ncomponents:\n  c: {kind: training, raci: {responsible: [Bob]}}\n",
    "version: 1\ncomponents:\n  c: {kind: training, raci: {responsible: [[a]]}}\n",
    "version: 1\ncomponents:\n  c: {kind: training, raci: {informed: }}\n",
    "version: 1\ncomponents:\n  c: {kind: training, raci: {acountable: a}}\n",
    "version: 1\ncomponents:\n  c: {kind: training, raci: {x-note: a}}\n",
    "version: 1\ncomponents:\n  c: {kind: training, depends_on: ['external:crm', d]}\n",
    "version: 1\ncomponents:\n  c: {kind: training, depends_on: ['External Thing']}\n",
    "version: 1\ncomponents:\n  c: {kind: training, paths: 'a/**', tags: [pii, pii]}\n",
    "version: 1\ncomponents:\n  c: {kind: training, paths: {a: b}}\n",
    "version: 1\ninclude: [../people.yaml]\ncomponents: {}\n",
    "- a\n- b\n",
]


@pytest.mark.parametrize("text", CASES)
def test_hand_written_cases_same_verdict(text: str) -> None:
    ours, reference = verdicts(text)
    assert ours == reference


# Explicit core tags give their type only to a text that reads as one.
TAGGED_CASES = [
    ("version: !!int 1\ncomponents: {}\n", True),
    ("version: !!int abc\ncomponents: {}\n", False),
    ("version: !!int 0x10\ncomponents: {}\n", False),
    ("version: !!str 1\ncomponents: {}\n", False),
    ("version: 1\npeople:\n  a: {active: !!bool no}\ncomponents: {}\n", True),
    ("version: 1\npeople:\n  a: {active: !!bool 1}\ncomponents: {}\n", False),
    ("version: 1\npeople:\n  a: {active: !!int yes}\ncomponents: {}\n", False),
    ("version: 1\npeople:\n  a: {name: !!int abc, github: !!null x}\ncomponents: {}\n", True),
    ("version: 1\npeople:\n  a: !!null ~\ncomponents: {}\n", True),
    ("version: 1\npeople:\n  a: !!null abc\ncomponents: {}\n", False),
]


@pytest.mark.parametrize(("text", "valid"), TAGGED_CASES)
def test_tagged_scalars_same_verdict(text: str, valid: bool) -> None:
    document = load_text(text)
    assert document.root is not None
    validator = raci_validator()
    ours = not validator.explain(document.root)
    assert (ours, REFERENCE.is_valid(to_json(document.root))) == (valid, valid)
    # The fast check leaves every tagged scalar to the full validator.
    assert validator.fast is not None
    assert not validator.fast(document.root)


_keys = st.sampled_from(
    [
        "version", "scheme", "people", "teams", "components", "include", "x-meta", "other",
        "name", "disciplines", "email", "github", "active", "members", "kind", "description",
        "paths", "depends_on", "tags", "raci", "responsible", "accountable", "consulted",
        "informed", "support", "alice", "Bob", "no", "team-a",
    ]
)  # fmt: skip
_scalars = st.one_of(
    st.sampled_from(
        ["1", "2", "1.5", "no", "yes", "true", "null", "", "alice", "team:alice", "Bob",
         "external:x", "@acme/t", "acme/t", "RACI", "RASCI", "data-engineer", "a b"]
    ),
    st.integers(-3, 3),
    st.booleans(),
    st.none(),
)  # fmt: skip
_documents = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(_keys, children, max_size=5),
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_keys, _documents, max_size=6))
def test_generated_documents_same_verdict(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, default_flow_style=False)
    ours, reference = verdicts(text)
    assert ours == reference, text


def test_shipped_fast_check_is_generated_from_the_published_schema() -> None:
    import raci_lint.schema._raci_check as shipped
    from raci_lint.schema.compiler import module_source

    expected = module_source(SCHEMA, "schemas/raci.schema.json")
    assert Path(shipped.__file__).read_text(encoding="utf-8") == expected, (
        "stale: run `python scripts/update_docs.py`"
    )
    assert raci_validator().fast is shipped.entry


# A $ref's tokens are unescaped (RFC 6901): "~1" is "/", "~0" is "~".
ESCAPED_REF_SCHEMA = {
    "type": "object",
    "properties": {"a": {"$ref": "#/$defs/per~1cent~0s"}, "b": {"$ref": "#/$defs/per~1cent~0s"}},
    "$defs": {"per/cent~s": {"type": "integer"}},
}


@pytest.mark.parametrize("fast", [False, True])
def test_refs_with_escaped_tokens_resolve_in_both_validators(fast: bool) -> None:
    validator = Validator(ESCAPED_REF_SCHEMA, fast=fast)
    valid = load_text("a: 1\nb: 2\n").root
    invalid = load_text("a: 1\nb: x\n").root
    assert valid is not None and invalid is not None
    assert validator.validate(valid) == []
    assert [(e.keyword, e.path, e.node.value) for e in validator.validate(invalid)] == [
        ("type", ("b",), "x")
    ]
    if fast:
        assert validator.fast is not None
        assert (validator.fast(valid), validator.fast(invalid)) == (True, False)


def test_where_schema_errors_are_reported() -> None:
    from raci_lint.reading.loader import span
    from raci_lint.schema.validator import error_node

    schema = {
        "type": "object",
        "required": ["a"],
        "properties": {
            "list": {"type": "array", "items": {"type": "object", "required": ["id"]}},
            "m": {"type": "object", "required": ["x"], "additionalProperties": False},
            "n": {"type": "integer"},
        },
    }
    root = load_text("# a comment first\nlist:\n  - {name: x}\nm: {y: 1}\nn: text\n").root
    assert root is not None

    def position(node: Node | None) -> tuple[int, int]:
        return span(node)[:2] if node is not None else (1, 1)

    assert [(e.keyword, position(error_node(e))) for e in Validator(schema).explain(root)] == [
        ("required", (1, 1)),  # the top level lacks 'a': the file
        ("required", (3, 5)),  # a list entry lacks 'id': the entry
        ("required", (4, 1)),  # 'm' lacks 'x': the key 'm'
        ("additionalProperties", (4, 5)),  # an unknown key: the key
        ("type", (5, 4)),  # a wrong value: the value
    ]
