"""How YAML scalars read as JSON types, defined once for the validator, its
generated fast check and the model."""

from __future__ import annotations

import re

from raci_lint.reading.loader import CORE, IMPLICIT, Scalar

__all__ = ["BOOLS", "FLOAT", "INT", "NULLS", "ecma_pattern", "scalar_type"]


# How plain scalars read (YAML 1.1 core schema), shared with the generated
# fast check of schema/compiler.py.
NULLS = frozenset(("", "~", "null", "Null", "NULL"))


BOOLS = frozenset(
    (
        "yes", "Yes", "YES", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
    )
)  # fmt: skip


INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)\Z")


FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?\Z")


def ecma_pattern(pattern: str) -> re.Pattern[str]:
    """A JSON Schema pattern compiled for Python with its ECMA-262 meaning.

    In Python, a final ``$`` also matches before a final line break, so
    ``^[a-z]+$`` would accept ``"alice\n"``; JSON Schema's ``$`` does not.
    """
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def scalar_type(node: Scalar) -> str:
    """The JSON type a scalar has when its key expects something other than text.

    An explicit core tag (``!!int``, ``!!bool``...) gives its type only to a
    text that reads as one untagged: ``!!int abc`` or ``!!bool 1`` is text, so
    the schema reports it where an integer or a boolean is expected, and no
    later step ever reads a number or a truth value out of it.
    """
    tag = node.tag
    text = node.value
    if tag is IMPLICIT:
        if node.style:  # quoted or block; plain is None (Python) or "" (libyaml)
            return "string"
        return _plain_type(text)
    name = tag[len(CORE) :] if tag.startswith(CORE) else "str"
    claimed = _TAGGED_TYPES.get(name)
    if claimed is None:
        return "string"
    actual = _plain_type(text)
    if actual == claimed or (claimed == "number" and actual == "integer"):
        return claimed
    return "string"


def _plain_type(text: str) -> str:
    """The JSON type of a plain (unquoted, untagged) scalar's text."""
    if text in NULLS:
        return "null"
    if text in BOOLS:
        return "boolean"
    if INT.match(text):
        return "integer"
    if FLOAT.match(text):
        return "number"
    return "string"


# The core tags that claim a JSON type other than text.
_TAGGED_TYPES = {"null": "null", "bool": "boolean", "int": "integer", "float": "number"}
