"""What a hover shows, as Markdown: a person, team or component, or a rule.

Every string from the repository is neutralised and its Markdown escaped:
a name cannot add a link, an image or a line of its own to the editor.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from raci_lint.model.ownership import LETTERS, Component, Model, Person, Team
from raci_lint.rules.registry import get_rule
from raci_lint.server.index import Declaration
from raci_lint.wording import neutralize

__all__ = ["describe", "markdown_text", "rule_at", "rule_markdown"]

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&$:])")


def markdown_text(text: str) -> str:
    """Repository text, shown as itself in Markdown: no markup, no control character."""
    return _MARKDOWN.sub(r"\\\1", neutralize(text))


def _code(text: str) -> str:
    safe = neutralize(text)
    return f"`{safe}`" if "`" not in safe else markdown_text(text)


def _holds(model: Model, id: str) -> list[str]:
    """The letters an id holds, written as ``responsible for `x` ``, in document order."""
    found: dict[str, list[str]] = {}
    for component in model.components.values():
        for ref in component.all_refs():
            if ref.target == id:
                found.setdefault(ref.letter, []).append(component.id)
    return [
        f"{letter} for {', '.join(_code(c) for c in dict.fromkeys(found[letter]))}"
        for letter in LETTERS
        if letter in found
    ]


def _teams_of(model: Model, id: str) -> list[str]:
    return [team.id for team in model.teams.values() if any(m.text == id for m in team.members)]


def _where(declaration: Declaration, here: str) -> str:
    place = declaration.place
    if os.path.realpath(here) != place.path:
        # As an include names it: relative to the file hovered.
        shown = Path(os.path.relpath(place.path, os.path.dirname(os.path.realpath(here))))
        return (
            f"Declared in {markdown_text(shown.as_posix())}:{place.line}:{place.column} (included)"
        )
    return f"Declared at line {place.line}, column {place.column}"


def describe(declaration: Declaration, model: Model, here: str) -> str:
    """The Markdown of a hover on an id; ``here`` is the file hovered."""
    thing = declaration.thing
    lines = [f"**{_code(declaration.id)}** ({declaration.kind})"]
    if isinstance(thing, Person):
        if thing.name:
            lines.append(markdown_text(thing.name))
        disciplines = ", ".join(_code(item.text) for item in thing.disciplines)
        lines.append(f"Disciplines: {disciplines or 'none'}")
        if not thing.active:
            lines.append("Inactive (`active: false`)")
        teams = _teams_of(model, thing.id)
        if teams:
            lines.append(f"Member of: {', '.join(_code(team) for team in teams)}")
    elif isinstance(thing, Team):
        if thing.name:
            lines.append(markdown_text(thing.name))
        members = ", ".join(_code(item.text) for item in thing.members)
        lines.append(f"Members: {members or 'none'}")
    elif isinstance(thing, Component):
        if thing.kind is not None:
            lines.append(f"Kind: {_code(thing.kind.text)}")
        if thing.description:
            lines.append(markdown_text(thing.description))
        for letter in LETTERS:
            refs = thing.refs(letter)
            if refs:
                lines.append(f"{letter.capitalize()}: {', '.join(_code(r.text) for r in refs)}")
        upstream = ", ".join(_code(item.text) for item in thing.depends_on)
        if upstream:
            lines.append(f"Depends on: {upstream}")
    if not isinstance(thing, Component):
        holds = _holds(model, declaration.id)
        lines.append("Holds: " + ("; ".join(holds) if holds else "no letter"))
    if isinstance(thing, Person):
        for team in _teams_of(model, thing.id):
            through = _holds(model, team)
            if through:
                lines.append(f"Through {_code(team)}: {'; '.join(through)}")
    lines.append(_where(declaration, here))
    return "\n\n".join(lines)


# A suppression comment and the codes it names.
_SUPPRESSION = re.compile(r"#\s*raci-lint\s*:\s*disable(?:-file)?\s*=\s*(?P<codes>[A-Za-z0-9, ]+)")
_CODE = re.compile(r"[A-Za-z]+[0-9]+")


def rule_at(line: str, character: int) -> str | None:
    """The rule code under a character of a line, when it is in a suppression comment."""
    for comment in _SUPPRESSION.finditer(line):
        start = comment.start("codes")
        for code in _CODE.finditer(comment.group("codes")):
            if start + code.start() <= character <= start + code.end():
                return code.group().upper()
    return None


def rule_markdown(code: str) -> str | None:
    """The documentation of a rule, with a link to it, or None for an unknown code."""
    rule = get_rule(code)
    if rule is None:
        return None
    return f"{rule.explain()}\n[{rule.code} in the rules reference]({rule.help_uri})"
