"""Who owns a path: the component whose pattern matches it last, as CODEOWNERS reads it.

The ownership files are read in discovery order, their components and
patterns as written: the last matching pattern wins, across components and
across files, as in the CODEOWNERS block `raci-lint codeowners` generates
from them. Matching is the PATH rules' (``reading/repository.py``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from raci_lint.model.codeowners import owners
from raci_lint.model.ownership import LETTERS, Component, Item, Model
from raci_lint.reading.loader import span
from raci_lint.reading.repository import FileTree, PatternError, parse_pattern
from raci_lint.wording import neutralize, neutralized

__all__ = [
    "Answer",
    "Claim",
    "Holder",
    "claims",
    "holders",
    "neutralized",
    "render_json",
    "render_text",
    "who",
]


class Claim(NamedTuple):
    """The pattern that owns a file: which file and component wrote it, and where."""

    shown: str  # the ownership file, as shown
    model: Model
    component: Component
    pattern: Item


def claims(tree: FileTree, models: Iterable[tuple[str, Model]]) -> dict[str, tuple[Claim, int]]:
    """Each file of ``tree`` that a pattern matches: the last pattern that does, and how
    many patterns match it in all."""
    found: dict[str, tuple[Claim, int]] = {}
    for shown, model in models:
        # As written, `unowned: true` components too: a pattern alone, no owner.
        for component in model.in_order:
            for item in component.paths:
                try:
                    pattern = parse_pattern(item.text)
                except PatternError:
                    continue  # PATH002 reports it; it owns nothing
                claim = Claim(shown, model, component, item)
                for path in tree.match(pattern):
                    known = found.get(path)
                    found[path] = (claim, 1 if known is None else known[1] + 1)
    return found


class Holder(NamedTuple):
    """One reference under a letter: the id, whether a team, its GitHub handle."""

    id: str
    team: bool
    handle: str | None


def holders(model: Model, component: Component) -> dict[str, list[Holder]]:
    """The references of each letter the component writes, in the order of LETTERS."""
    result: dict[str, list[Holder]] = {}
    for letter in LETTERS:
        refs = component.refs(letter)
        if not refs and letter == "support":
            continue
        entries = []
        for ref in refs:
            team = model.teams.get(ref.target)
            person = None if ref.team_only else model.people.get(ref.target)
            holder = person or team
            github = holder.github if holder is not None else None
            handle = (github if github.startswith("@") else f"@{github}") if github else None
            entries.append(Holder(ref.target, person is None and team is not None, handle))
        result[letter] = entries
    return result


class Answer(NamedTuple):
    """Who owns one path: None when no pattern matches it."""

    path: str
    claim: Claim | None
    matching: int  # how many patterns match it


# The name of a file no repository holds: a folder is asked about as a file in it.
_IN_FOLDER = "\0"


def who(
    paths: list[str], models: list[tuple[str, Model]], folders: Iterable[str] = ()
) -> list[Answer]:
    """The owner of each path (relative to the root, posix), in the order given.

    A path in ``folders`` is a folder: its owner is the owner of a new file
    in it, as GitHub would request that file's review (`/models/` and
    `models/**` own it; `*.py` does not).
    """
    folded = set(folders)
    asked = {path: f"{path}/{_IN_FOLDER}" if path in folded else path for path in paths}
    found = claims(FileTree(sorted(set(asked.values()))), models)
    answers = []
    for path in paths:
        known = found.get(asked[path])
        answers.append(Answer(path, None, 0) if known is None else Answer(path, *known))
    return answers


_SHORT = {"responsible": "R", "accountable": "A", "consulted": "C", "informed": "I", "support": "S"}


def _holder_text(holder: Holder) -> str:
    name = f"team {holder.id}" if holder.team else holder.id
    return f"{name} ({holder.handle})" if holder.handle else name


def render_text(answers: list[Answer], shown: dict[str, str]) -> str:
    """One block per path: the component and file, each letter's holders, and why."""
    lines: list[str] = []
    for answer in answers:
        path = neutralize(shown.get(answer.path, answer.path))
        claim = answer.claim
        if claim is None:
            lines.append(f"{path}: no component owns it (no pattern matches)")
            continue
        if claim.component.unowned:
            lines.append(
                f"{path}: no owner, on purpose: component {neutralize(claim.component.id)} "
                f"(of {neutralize(claim.shown)}) is unowned: true"
            )
        else:
            lines.append(f"{path}: {neutralize(claim.component.id)} (of {neutralize(claim.shown)})")
            for letter, entries in holders(claim.model, claim.component).items():
                names = ", ".join(neutralize(_holder_text(h)) for h in entries) or "-"
                lines.append(f"  {_SHORT[letter]} {letter}: {names}")
        handles = owners(claim.model, claim.component)[0]
        if claim.component.unowned:
            written = "the pattern alone (no owner)"
        else:
            written = neutralize(" ".join(handles)) if handles else "(no GitHub handle or email)"
        lines.append(f"  CODEOWNERS: {written}")
        node = claim.pattern.node
        others = answer.matching - 1
        also = f"; {others} earlier {'pattern matches' if others == 1 else 'patterns match'}"
        line, column, _, _ = span(node)
        lines.append(
            f"  why: {neutralize(claim.shown)}:{line}:{column}: pattern '{neutralize(claim.pattern.text)}' "
            f"is the last that matches{also if others else ''}"
        )
    return "\n".join(lines) + "\n" if lines else ""


def _json_answer(
    answer: Answer, shown: dict[str, str], repo_path: Callable[[str], str]
) -> dict[str, Any]:
    claim = answer.claim
    if claim is None:
        return {
            "path": answer.path,
            "shown": shown.get(answer.path, answer.path),
            "component": None,
        }
    line, column, _, _ = span(claim.pattern.node)
    return {
        "path": answer.path,
        "shown": shown.get(answer.path, answer.path),
        "component": claim.component.id,
        "file": repo_path(claim.shown),
        "letters": {
            letter: [entry._asdict() for entry in entries]
            for letter, entries in holders(claim.model, claim.component).items()
        },
        "unowned": claim.component.unowned,
        "codeowners": owners(claim.model, claim.component)[0],
        "pattern": claim.pattern.text,
        "line": line,
        "column": column,
        "pointer": claim.pattern.pointer,
        "matching_patterns": answer.matching,
    }


def render_json(
    answers: list[Answer], shown: dict[str, str], repo_path: Callable[[str], str] = str
) -> str:
    """A list of objects, one per path; ``component`` is null for a path nobody owns.

    ``repo_path`` names an ownership file relative to the repository root.
    """
    data = [neutralized(_json_answer(answer, shown, repo_path)) for answer in answers]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
