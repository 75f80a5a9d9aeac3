"""Schema errors of ownership files, told in words a person can act on."""

from __future__ import annotations

from collections.abc import Iterable

from raci_lint.schema.validator import ID_RULE, SchemaError, describe_value, expected_types
from raci_lint.wording import did_you_mean

__all__ = ["describe_path", "schema_message", "subject_of"]

_ENTITIES = {"people": "person", "teams": "team", "components": "component"}


_PATTERNS = {
    "^[a-z0-9][a-z0-9._-]*$": f"a valid id ({ID_RULE})",
    "^(team:)?[a-z0-9][a-z0-9._-]*$": f"a person or team id, or team:<id> ({ID_RULE})",
    "^(external:.+|[a-z0-9][a-z0-9._-]*)$": (f"a component id or external:<name> ({ID_RULE})"),
    "^@?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$": "a GitHub user name such as alice-m or @alice-m",
    "^[^\\u0000-\\u0020\\u007f][^\\u0000-\\u001f\\u007f]*$": (
        "a path pattern: not empty, not starting with a space, and without line breaks or "
        "control characters"
    ),
    "\\S": "a kind or discipline: text that is not blank",
    "^@?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9._-]+$": (
        "a GitHub team such as acme/data-platform or @acme/data-platform"
    ),
}


def subject_of(path: tuple[str | int, ...]) -> str | None:
    """The person, team or component id a path is inside of, if any."""
    if len(path) >= 2 and path[0] in _ENTITIES:
        return str(path[1])
    return None


def describe_path(path: tuple[str | int, ...]) -> str:
    """Where a node is, in words: "'active' of person 'alice'"."""
    if not path:
        return "the file"
    if len(path) == 1:
        return f"'{path[0]}'"
    if len(path) == 2 and path[0] in _ENTITIES:
        return f"{_ENTITIES[str(path[0])]} '{path[1]}'"
    if len(path) == 3 and path[0] == "components" and path[2] == "raci":
        return f"the raci of component '{path[1]}'"
    if len(path) == 4 and path[0] == "components" and path[2] == "raci":
        return f"{path[3]} of component '{path[1]}'"
    last = path[-1]
    parent = describe_path(path[:-1])
    if isinstance(last, int):
        return f"entry {last + 1} of {parent}"
    return f"'{last}' of {parent}"


def _container(path: tuple[str | int, ...]) -> str:
    """The mapping a key lives in: "the top level", "person 'alice'"."""
    return "the top level" if not path else describe_path(path)


def schema_message(error: SchemaError, kinds: Iterable[str]) -> str:
    """A message for one schema error of an ownership file; ``kinds`` are the taxonomy's."""
    path = error.path
    keyword = error.keyword
    if keyword == "additionalProperties":
        name = str(path[-1])
        known: list[str] = error.detail
        where = _container(path[:-1])
        suggestion = did_you_mean(name, known)
        if suggestion:
            return f"unknown key '{name}' in {where}; did you mean '{suggestion}'?"
        return (
            f"unknown key '{name}' in {where}; expected one of: {', '.join(known)} "
            "(keys starting with x- are free)"
        )
    if keyword == "required":
        name = str(error.detail)
        owner = "the file" if not path else describe_path(path)
        message = f"{owner} has no '{name}'"
        if name == "kind":
            return f"{message}; expected one of: {', '.join(kinds)}"
        if name == "version":
            return f"{message}; add `version: 1` at the top"
        if name == "components":
            return f"{message}; add a `components:` mapping of the pipeline's components"
        return message
    where = describe_path(path)
    value = describe_value(error.node)
    if keyword == "type":
        if not path:
            return f"the file must hold a mapping (version, people, teams, components), not {value}"
        return f"{where} must be {expected_types(error.detail)}, not {value}"
    if keyword == "pattern":
        expected = _PATTERNS.get(error.detail, f"text matching {error.detail}")
        if path and path[0] in _ENTITIES and len(path) == 2:
            kind = _ENTITIES[str(path[0])]
            return f"{kind} id {value} is not {expected}"
        return f"{where} is {value}, which is not {expected}"
    if keyword == "enum":
        allowed = ", ".join(str(item) for item in error.detail)
        return f"{where} must be one of {allowed}, not {value}"
    if keyword == "uniqueItems":
        return f"{value} is listed twice in {describe_path(path[:-1])}"
    if keyword == "minItems":
        return f"{where} needs at least {error.detail} entries"
    if keyword == "minimum":
        return f"{where} must be at least {error.detail}, not {value}"
    if keyword == "maximum":
        return f"{where} must be at most {error.detail}, not {value}"
    return f"{where} is not allowed here"
