"""Schema errors of taxonomy files, told in words a person can act on."""

from __future__ import annotations

from raci_lint.model.ownership import LETTERS as ROLES
from raci_lint.reading.loader import Node, Scalar
from raci_lint.schema.scalars import scalar_type
from raci_lint.schema.validator import ID_RULE, SchemaError, describe_value, expected_types
from raci_lint.wording import did_you_mean, excerpt

__all__ = ["describe_path", "describe_scalar", "schema_message"]

_SECTIONS = {"disciplines": "discipline", "kinds": "kind", "tags": "tag"}
_REQUIREMENT_LISTS = frozenset(("requires", "recommends"))


def describe_path(path: tuple[str | int, ...]) -> str:
    """Where a node is, in words: "'min' of requires entry 1 of tag 'tier-1'"."""
    if not path:
        return "the file"
    if len(path) == 1:
        return f"'{path[0]}'"
    section = _SECTIONS.get(str(path[0]))
    if len(path) == 2 and section:
        return f"{section} '{path[1]}'"
    if len(path) == 4 and section and path[2] in _REQUIREMENT_LISTS and isinstance(path[3], int):
        return f"{path[2]} entry {path[3] + 1} of {section} '{path[1]}'"
    last = path[-1]
    parent = describe_path(path[:-1])
    if isinstance(last, int):
        return f"entry {last + 1} of {parent}"
    return f"'{last}' of {parent}"


def describe_scalar(node: Node) -> str:
    """A node for messages; plain numbers and booleans unquoted: 0, 'dbt', a list."""
    if type(node) is Scalar and scalar_type(node) in ("integer", "number", "boolean"):
        return str(node.value)
    return describe_value(node)


def _unknown_role(error: SchemaError, where: str) -> str:
    node = error.node
    if type(node) is not Scalar or scalar_type(node) == "null":
        return f"{where} must be one of {', '.join(ROLES)}, not {describe_value(node)}"
    text = node.value
    letters = {role[0].upper(): role for role in ROLES}
    suggestion = letters.get(text.upper()) if len(text) == 1 else did_you_mean(text.lower(), ROLES)
    if suggestion is None and text.lower() in ROLES:
        suggestion = text.lower()
    roles = describe_path(error.path[:-1])
    message = f"unknown role '{text}' in {roles}"
    if suggestion:
        return f"{message}; did you mean '{suggestion}'?"
    return f"{message}; expected one of: {', '.join(ROLES)}"


def schema_message(error: SchemaError) -> str:
    """A one-line message for one schema error of a taxonomy file."""
    path = error.path
    keyword = error.keyword
    if keyword == "additionalProperties":
        name = excerpt(str(path[-1]))
        known: list[str] = error.detail
        where = "the top level" if len(path) == 1 else describe_path(path[:-1])
        suggestion = did_you_mean(name, known)
        if suggestion:
            return f"unknown key '{name}' in {where}; did you mean '{suggestion}'?"
        return (
            f"unknown key '{name}' in {where}; expected one of: {', '.join(known)} "
            "(keys starting with x- are free)"
        )
    if keyword == "required":
        name = str(error.detail)
        message = f"{describe_path(path)} has no '{name}'"
        if name == "any_of":
            return f'{message}; list the disciplines that meet it, or "*" for any discipline'
        return message
    where = describe_path(path)
    value = describe_scalar(error.node)
    parent = str(path[-2]) if len(path) >= 2 else ""
    if keyword == "type":
        if not path:
            return (
                "the taxonomy file must hold a mapping (extends, disciplines, kinds, tags), "
                f"not {value}"
            )
        return f"{where} must be {expected_types(error.detail)}, not {value}"
    if keyword == "pattern":
        if len(path) == 2 and str(path[0]) in _SECTIONS:
            return f"{_SECTIONS[str(path[0])]} id {value} is not a valid id ({ID_RULE})"
        if parent == "aliases":
            owner = describe_path(path[:-2])
            return f"alias {value} of {owner} is not a valid id ({ID_RULE})"
        if parent == "any_of":
            owner = describe_path(path[:-1])
            return f'{value} in {owner} is not a discipline id or "*" ({ID_RULE})'
        if parent == "rests_on":
            owner = describe_path(path[:-1])
            return (
                f"{value} in {owner} is not a focus area written DISCIPLINE.AREA, "
                "such as data-engineer.quality"
            )
        if parent == "areas" and len(path) == 4:
            return (
                f"focus area id {value} is not a valid id (lowercase letters, digits, '_' "
                "and '-', starting with a letter or a digit)"
            )
        return f"{where} is {value}, which does not match {error.detail}"
    if keyword == "enum":
        if parent == "roles":
            return _unknown_role(error, where)
        if path == ("extends",):
            return f"'extends' must be 'default', the only taxonomy a file can extend, not {value}"
        allowed = ", ".join(str(item) for item in error.detail)
        return f"{where} must be {allowed}, not {value}"
    if keyword == "uniqueItems":
        return f"{value} is listed twice in {describe_path(path[:-1])}"
    if keyword == "minItems":
        count = int(error.detail)
        return f"{where} needs at least {count} {'entry' if count == 1 else 'entries'}"
    if keyword == "minimum":
        return f"{where} must be at least {error.detail}, not {value}"
    if keyword == "maximum":
        return f"{where} must be at most {error.detail}, not {value}"
    return f"{where} is not allowed here"
