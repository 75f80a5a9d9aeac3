"""The outputs of `raci-lint diff`: ``text``, ``markdown`` (a pull-request comment or
``$GITHUB_STEP_SUMMARY``: a short summary first, details in ``<details>``) and ``json``.

Every string from the repository is neutralised; in markdown it is also made
inert (no markup, HTML, mention, autolink or math), so a component called
``<img src=x>`` or `` `|` `` reads as its name and nothing else.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from raci_lint.adapters.changes import Changes, ComponentChange, FileChanges, LetterChange, Move
from raci_lint.adapters.graph import graph_of, render_mermaid
from raci_lint.taxonomy.disciplines import Taxonomy
from raci_lint.violations import Violation
from raci_lint.wording import neutralize, neutralized, plural

__all__ = ["FORMATS", "html_text", "md", "render"]

FORMATS = ("text", "markdown", "json")
# The taxonomy of an ownership file, by its path relative to the root.
TaxonomyOf = Callable[[str], Taxonomy | None]
_LETTER = {
    "accountable": "A",
    "responsible": "R",
    "consulted": "C",
    "informed": "I",
    "support": "S",
}
SUMMARY_LINES = 10  # Accountable changes and new violations told in the summary
# Lines of each details section: a pull-request comment holds 65,536
# characters; `raci-lint diff` in a terminal tells everything.
DETAIL_LINES = 100


# -- markdown words

# Markup, HTML and mentions; `$` (math) and `:` (of `https://`, an autolink).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~@#!$:])")
_WWW = re.compile(r"(?i)\b(www)\.")


def md(text: str) -> str:
    """Repository text made inert in markdown: one line, no markup, HTML, mention, link, math."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", neutralize(" ".join(text.split())))
    return _WWW.sub(r"\1\\.", escaped)


def html_text(text: str) -> str:
    """Repository text made inert inside an HTML element (``<summary>``), where markdown
    escapes do not apply: every character markup, HTML, a mention or a link could use is
    a character reference."""
    escaped = _MARKDOWN_SPECIAL_HTML.sub(
        lambda found: f"&#{ord(found.group())};", neutralize(" ".join(text.split()))
    )
    return _WWW.sub(r"\1&#46;", escaped)


_MARKDOWN_SPECIAL_HTML = re.compile(r"[\\`*_\[\]<>|&~@#!$:\"']")


def _t(text: str) -> str:
    return neutralize(text)


# -- what both formats for people say


def _owners_phrase(count: int) -> str:
    return f"{plural(count, 'file')} {'changes' if count == 1 else 'change'} owner"


def _headline(changes: Changes, word: type[_Words]) -> list[str]:
    """The counts of the summary, as phrases; what needs a look is in bold."""
    phrases = [
        f"{plural(count, 'component')} {verb}"
        for count, verb in (
            (changes.count("changed"), "changed"),
            (changes.count("added"), "added"),
            (changes.count("removed"), "removed"),
            (changes.count("renamed"), "renamed"),
        )
        if count
    ]
    people = sum(
        changes.count(what)
        for what in ("people_added", "people_removed", "deactivated", "reactivated", "disciplines")
    )
    if people:
        phrases.append(f"{plural(people, 'change')} of people")
    teams = sum(changes.count(what) for what in ("teams_added", "teams_removed", "members"))
    if teams:
        phrases.append(f"{plural(teams, 'change')} of teams")
    first = word.bold(", ".join(phrases) or "no ownership change")
    if changes.files:
        first += f" in {plural(len(changes.files), 'ownership file')}"
    owners = _owners_phrase(changes.owners_changed)
    new = plural(len(changes.introduced), "new violation")
    return [
        first,
        word.bold(owners) if changes.owners_changed else owners,
        word.bold(new) if changes.introduced else new,
        f"{len(changes.fixed)} fixed",
    ]


class _Words:
    """How a format writes repository text, emphasis and arrows."""

    @staticmethod
    def text(value: str) -> str:
        return _t(value)

    @staticmethod
    def bold(value: str) -> str:
        return value


class _Markdown(_Words):
    @staticmethod
    def text(value: str) -> str:
        return md(value)

    @staticmethod
    def bold(value: str) -> str:
        return f"**{value}**"


def _ids(ids: list[str], word: type[_Words]) -> str:
    return ", ".join(word.text(name) for name in ids)


def _gains(gained: list[str], lost: list[str], word: type[_Words]) -> str:
    parts = [f"+{word.text(name)}" for name in gained]
    parts += [f"-{word.text(name)}" for name in lost]
    return " ".join(parts)


def _letter_phrase(change: LetterChange, word: type[_Words]) -> str:
    letter = change.letter
    if letter == "accountable" and len(change.gained) <= 1 and len(change.lost) <= 1:
        before = word.text(change.lost[0]) if change.lost else "nobody"
        after = word.text(change.gained[0]) if change.gained else "nobody"
        return f"{_LETTER[letter]} {before} \u2192 {after}"
    return f"{_LETTER[letter]} {_gains(change.gained, change.lost, word)}"


def _component_line(change: ComponentChange, word: type[_Words]) -> str:
    parts = [_letter_phrase(letter, word) for letter in change.letters]
    if change.kind is not None:
        before, after = (word.text(kind) if kind else "none" for kind in change.kind)
        parts.append(f"kind {before} \u2192 {after}")
    if change.depends_gained or change.depends_lost:
        parts.append(f"depends_on {_gains(change.depends_gained, change.depends_lost, word)}")
    if change.paths_gained or change.paths_lost:
        parts.append(f"paths {_gains(change.paths_gained, change.paths_lost, word)}")
    return f"{word.bold(word.text(change.id))}: " + "; ".join(parts)


def _file_lines(file: FileChanges, word: type[_Words]) -> list[str]:
    lines = []
    if file.unreadable:
        lines.append(f"cannot be read at {word.text(file.unreadable)}: run `raci-lint check`")
    for label, ids in (
        ("components added", file.added),
        ("components removed", file.removed),
    ):
        if ids:
            lines.append(f"{label}: {_ids(ids, word)}")
    if file.renamed:
        pairs = ", ".join(f"{word.text(a)} \u2192 {word.text(b)}" for a, b in file.renamed)
        lines.append(f"components renamed: {pairs}")
    lines += [_component_line(change, word) for change in file.changed]
    for label, ids in (
        ("people added", file.people_added),
        ("people removed", file.people_removed),
        ("people deactivated", file.deactivated),
        ("people reactivated", file.reactivated),
        ("teams added", file.teams_added),
        ("teams removed", file.teams_removed),
    ):
        if ids:
            lines.append(f"{label}: {_ids(ids, word)}")
    for listed in file.disciplines:
        lines.append(
            f"disciplines of {word.text(listed.id)}: {_gains(listed.gained, listed.lost, word)}"
        )
    for listed in file.members:
        lines.append(
            f"members of team {word.text(listed.id)}: {_gains(listed.gained, listed.lost, word)}"
        )
    return lines


def _owner(owner: tuple[str, tuple[str, ...]] | None, word: type[_Words]) -> str:
    if owner is None:
        return "(no owner)"
    component, handles = owner
    who = " ".join(word.text(handle) for handle in handles) if handles else "no handle"
    return f"{word.text(component)} ({who})"


def _move_line(move: Move, word: type[_Words]) -> str:
    examples = ", ".join(word.text(path) for path in move.examples)
    more = ", ..." if move.files > len(move.examples) else ""
    return (
        f"{plural(move.files, 'file')}: {_owner(move.before, word)} \u2192 "
        f"{_owner(move.after, word)} (e.g. {examples}{more})"
    )


def _violation_line(violation: Violation, word: type[_Words]) -> str:
    where = f"{word.text(violation.path)}:{violation.line}:{violation.column}"
    return (
        f"{where}: {violation.code} [{violation.severity}] {word.text(violation.message)}"
        f" ({violation.name})"
    )


def _title(changes: Changes) -> str:
    return f"{_t(changes.base.name)} \u2192 {_t(changes.head.name)}"


# -- text


def render_text(changes: Changes) -> str:
    """For a terminal: the summary line, then each file's changes, moves and violations."""
    out = [f"Ownership changes from {_title(changes)}: " + "; ".join(_headline(changes, _Words))]
    for file in changes.files:
        status = "" if file.status == "changed" else f" ({file.status})"
        out.append("")
        out.append(f"{_t(file.shown)}{status}")
        out += [f"  {line}" for line in _file_lines(file, _Words)]
    if changes.moves:
        out += ["", f"Files whose owner changes ({changes.owners_changed}):"]
        out += [f"  {_move_line(move, _Words)}" for move in changes.moves]
    for title, violations in (
        ("Violations introduced", changes.introduced),
        ("Violations fixed", changes.fixed),
    ):
        if violations:
            out += ["", f"{title} ({len(violations)}):"]
            out += [f"  {_violation_line(v, _Words)}" for v in violations]
    return "\n".join(out) + "\n"


# -- markdown


def _details(summary: str, lines: list[str], cap: bool = True) -> list[str]:
    if cap and len(lines) > DETAIL_LINES:
        more = len(lines) - DETAIL_LINES
        lines = [*lines[:DETAIL_LINES], f"- and {more} more (`raci-lint diff` tells them all)"]
    return ["", f"<details><summary>{summary}</summary>", "", *lines, "", "</details>"]


def _graph_section(changes: Changes, file: FileChanges, taxonomy: TaxonomyOf | None) -> list[str]:
    """The Mermaid graph of the components a file's change touches, and their neighbours."""
    drawn = file.drawn()
    model = changes.head.models.get(file.path)
    if not drawn or model is None:
        return []
    violations = [v for v in changes.head.report.violations if v.path == file.shown]
    graph = graph_of(model, violations, taxonomy(file.path) if taxonomy else None)
    mermaid = render_mermaid(graph, drawn)
    summary = f"Pipeline graph of the changed part of {html_text(file.shown)}"
    return _details(summary, ["```mermaid", *mermaid.splitlines(), "```"], cap=False)


def render_markdown(
    changes: Changes, graph: bool = False, taxonomy: TaxonomyOf | None = None
) -> str:
    """A pull-request comment: the summary and the Accountable changes, details folded.

    With ``graph``, each file's changed components are drawn (Mermaid, which
    GitHub renders), with their direct neighbours; ``taxonomy`` gives the
    taxonomy of a file (by its path relative to the root) for the colours.
    """
    word = _Markdown
    out = [
        f"### raci-lint: ownership changes ({md(changes.base.name)} \u2192 {md(changes.head.name)})",
        "",
    ]
    out.append(" \u00b7 ".join(_headline(changes, word)))
    accountable = changes.accountable_changes()
    if accountable:
        out.append("")
        for _, component, letter in accountable[:SUMMARY_LINES]:
            before = _ids(letter.lost, word) or "nobody"
            after = _ids(letter.gained, word) or "nobody"
            out.append(f"- Accountable for **{md(component.id)}**: {before} \u2192 **{after}**")
        if len(accountable) > SUMMARY_LINES:
            out.append(f"- and {len(accountable) - SUMMARY_LINES} more Accountable changes below")
    if changes.introduced:
        out.append("")
        shown = changes.introduced[:SUMMARY_LINES]
        out += [f"- \u274c {_violation_line(v, word)}" for v in shown]
        if len(changes.introduced) > len(shown):
            out.append(f"- and {len(changes.introduced) - len(shown)} more new violations below")
    for file in changes.files:
        status = "" if file.status == "changed" else f" ({file.status})"
        lines = [f"- {line}" for line in _file_lines(file, word)] or ["- no ownership change"]
        out += _details(f"{html_text(file.shown)}{status}", lines)
        if graph:
            out += _graph_section(changes, file, taxonomy)
    if changes.moves:
        lines = [f"- {_move_line(move, word)}" for move in changes.moves]
        out += _details(_owners_phrase(changes.owners_changed), lines)
    for title, violations in (
        ("introduced", changes.introduced),
        ("fixed", changes.fixed),
    ):
        if violations:
            lines = [f"- {_violation_line(v, word)}" for v in violations]
            out += _details(f"{plural(len(violations), 'violation')} {title}", lines)
    return "\n".join(out) + "\n"


# -- json


def _file_json(file: FileChanges) -> dict[str, Any]:
    return {
        "path": file.path,
        "status": file.status,
        "unreadable_at": file.unreadable,
        "components": {
            "added": file.added,
            "removed": file.removed,
            "renamed": [{"from": a, "to": b} for a, b in file.renamed],
            "changed": [
                {
                    "id": change.id,
                    "letters": {
                        letter.letter: {"gained": letter.gained, "lost": letter.lost}
                        for letter in change.letters
                    },
                    "kind": None
                    if change.kind is None
                    else {"from": change.kind[0], "to": change.kind[1]},
                    "depends_on": {"gained": change.depends_gained, "lost": change.depends_lost},
                    "paths": {"gained": change.paths_gained, "lost": change.paths_lost},
                }
                for change in file.changed
            ],
        },
        "people": {
            "added": file.people_added,
            "removed": file.people_removed,
            "deactivated": file.deactivated,
            "reactivated": file.reactivated,
            "disciplines": [d._asdict() for d in file.disciplines],
        },
        "teams": {
            "added": file.teams_added,
            "removed": file.teams_removed,
            "members": [m._asdict() for m in file.members],
        },
    }


def _owner_json(owner: tuple[str, tuple[str, ...]] | None) -> dict[str, Any] | None:
    if owner is None:
        return None
    return {"component": owner[0], "codeowners": list(owner[1])}


def render_json(changes: Changes, repo_path: Any) -> str:
    """Every change, machine-readable; violations as in `check --format json`."""
    data = {
        "base": changes.base.name,
        "head": changes.head.name,
        "files": [_file_json(file) for file in changes.files],
        "owners": {
            "changed": changes.owners_changed,
            "moves": [
                {
                    "from": _owner_json(move.before),
                    "to": _owner_json(move.after),
                    "count": move.files,
                    "examples": move.examples,
                }
                for move in changes.moves
            ],
        },
        "violations": {
            "introduced": [
                dict(v._replace(path=repo_path(v.path)).to_dict()) for v in changes.introduced
            ],
            "fixed": [dict(v._replace(path=repo_path(v.path)).to_dict()) for v in changes.fixed],
        },
    }
    return json.dumps(neutralized(data), indent=2, ensure_ascii=False) + "\n"


def render(
    changes: Changes,
    name: str,
    repo_path: Any = str,
    *,
    graph: bool = False,
    taxonomy: TaxonomyOf | None = None,
) -> str:
    """The output of one format of `diff` (``graph``: markdown only, see `render_markdown`)."""
    if name == "markdown":
        return render_markdown(changes, graph, taxonomy)
    if name == "json":
        return render_json(changes, repo_path)
    return render_text(changes)
