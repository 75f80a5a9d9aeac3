"""Local JSON pointers (``#/$defs/id``) into a schema."""

from __future__ import annotations

from typing import Any

__all__ = ["resolve_pointer"]


def resolve_pointer(root: Any, pointer: str) -> Any:
    """The part of a schema that a local ``$ref`` such as ``#/$defs/id`` names.

    The pointer's tokens are unescaped as RFC 6901 says: ``~1`` is ``/``,
    ``~0`` is ``~``.
    """
    if pointer == "#":
        return root
    if not pointer.startswith("#/"):
        raise ValueError(f"only local $ref are supported, not {pointer!r}")
    target = root
    for token in pointer[2:].split("/"):
        name = token.replace("~1", "/").replace("~0", "~")
        target = target[int(name)] if isinstance(target, list) else target[name]
    return target
