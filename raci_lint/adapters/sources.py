"""`raci-lint import --from dbt|dagster|backstage`: a commented raci.yaml from declared owners.

What the readers of :mod:`raci_lint.sources` find becomes a proposal: one
component per folder of owned things (a dbt model folder, a Dagster module's
folder, a Backstage catalog file's folder) with that folder in `paths`; one
person per email, GitHub handle or `user:` reference, one team per `team:`
name or `group:` reference. The owners of a component are its Responsible,
the one named most often (a person) its Accountable. Comments say where each
came from; TODO comments what is left to decide.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from raci_lint.adapters.importer import ImportFailure, guess_kind
from raci_lint.adapters.matrix import slugify
from raci_lint.reading.loader import Limits
from raci_lint.reading.repository import Repository, repository_root
from raci_lint.sources.owners import Declared
from raci_lint.sources.reader import read_sources
from raci_lint.taxonomy.disciplines import Taxonomy
from raci_lint.wording import display_path, neutralize, plural

__all__ = ["FROM_SOURCES", "Proposal", "propose", "sources_reader"]

# The sources `import --from` reads, and the kind each one's components get when
# their names say nothing.
FROM_SOURCES = {"dbt": "transformation", "dagster": "orchestration", "backstage": None}
_PLAIN = re.compile(r"[a-z0-9][a-z0-9._/@:-]*(?<!:)")
_YAML_WORDS = frozenset(("y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"))


def _scalar(text: str) -> str:
    """A YAML scalar that reads back as ``text``: plain when safe, else double-quoted."""
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS and not text[0].isdigit():
        return text
    out = ['"']
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append("\\x22")
        elif char.isprintable():
            out.append(char)
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


def _wrapped(text: str, width: int = 76) -> list[str]:
    """A long comment as comment lines of at most ``width`` characters."""
    lines = [""]
    for word in _comment(text).split(" "):
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}" if lines[-1] else word
    return [f"# {line}" for line in lines]


def _comment(text: str) -> str:
    """Free text on one comment line: printable, and never a raci-lint directive."""
    shown = "".join(char if char.isprintable() else "?" for char in text)
    return re.sub(r"(?i)raci-lint(\s*):", r"raci-lint\1-", shown).rstrip()


class _Holder:
    def __init__(self, id: str) -> None:
        self.id = id
        self.name: str | None = None
        self.email: str | None = None
        self.github: str | None = None
        self.written: list[str] = []


class _Component:
    def __init__(self, id: str, folder: str) -> None:
        self.id = id
        self.folder = folder
        self.owners: Counter[str] = Counter()  # holder refs, `team:x` for teams
        self.things: Counter[str] = Counter()  # "model", "exposure"...
        self.names: list[str] = []
        self.seen: set[tuple[str, str]] = set()


class Proposal:
    """Components, people and teams proposed from the owners a source declares."""

    def __init__(self, origin: str, source: str, taxonomy: Taxonomy, top: str = "") -> None:
        self.top = top  # the name of the repository's folder: a component at its root
        self.origin = origin
        self.source = source
        self.taxonomy = taxonomy
        self.people: dict[str, _Holder] = {}
        self.teams: dict[str, _Holder] = {}
        self.components: dict[str, _Component] = {}
        self._by_owner: dict[str, str] = {}  # owner as written, lower-cased -> ref
        self._by_folder: dict[str, _Component] = {}

    def summary(self) -> str:
        parts = [
            plural(len(self.components), "component"),
            plural(len(self.people), "person", "people"),
        ]
        if self.teams:
            parts.append(plural(len(self.teams), "team"))
        return ", ".join(parts[:-1]) + " and " + parts[-1]

    def add(self, entry: Declared) -> None:
        folder = entry.owned.rpartition("/")[0]
        component = self._by_folder.get(folder)
        if component is None:
            base = slugify(folder.rpartition("/")[2] or self.top or entry.name) or "component"
            id = base
            number = 2
            while id in self.components:
                id, number = f"{base}-{number}", number + 1
            component = self.components[id] = self._by_folder[folder] = _Component(id, folder)
        if (entry.kind, entry.name) not in component.seen:
            component.seen.add((entry.kind, entry.name))
            component.things[entry.kind] += 1
        if len(component.names) < 5 and entry.name not in component.names:
            component.names.append(entry.name)
        if entry.owner is not None:
            component.owners[self._holder(entry.owner, entry.also)] += 1

    def _holder(self, owner: str, also: str | None) -> str:
        key = owner.strip().lower()
        if key in self._by_owner:
            return self._by_owner[key]
        kind, _, rest = key.partition(":")
        team = kind in ("team", "group") and bool(rest)
        handle = rest if team or kind == "user" else key
        name = handle.rsplit("/", 1)[-1].lstrip("@")
        if not team and "/" in handle and "@" in handle[:1]:  # @org/team
            team = True
        email = key if "@" in key[1:] and not key.startswith("@") else None
        if email:
            name = email.split("@", 1)[0]
        table = self.teams if team else self.people
        others = self.people if team else self.teams
        base = slugify(name) or ("team" if team else "person")
        id, number = base, 2
        while id in table or id in others:
            if id in table and key in table[id].written:
                break
            id, number = f"{base}-{number}", number + 1
        holder = table.setdefault(id, _Holder(id))
        holder.written.append(owner)
        if email:
            holder.email = owner.strip()
        elif owner.startswith("@"):
            holder.github = owner.strip()
        if also and not holder.name:
            holder.name = also
        ref = f"team:{id}" if team else id
        self._by_owner[key] = ref
        return ref

    def to_yaml(self) -> str:
        """The ownership file, with comments saying where each part came from."""
        out = [
            f"# Proposed by `raci-lint import --from {self.origin}` from {_comment(self.source)}:",
            f"# the owners its {self.origin} files declare, one component per folder.",
            "# Run `raci-lint check` on this file: what it reports is what is left to fill",
            "# in (each person's disciplines, each team's members, the kinds guessed).",
            *_wrapped(f"Disciplines: {', '.join(self.taxonomy.disciplines)}."),
            "version: 1",
            "",
            "people:" if self.people else "people: {}",
        ]
        for person in self.people.values():
            out.append(f"  {_scalar(person.id)}:")
            out.append(f"    # as written: {_comment(', '.join(person.written))}")
            if person.name:
                out.append(f"    name: {_scalar(person.name)}")
            if person.email:
                out.append(f"    email: {_scalar(person.email)}")
            if person.github:
                out.append(f"    github: {_scalar(person.github.lstrip('@'))}")
            out.append("    disciplines: []  # TODO: fill in")
        if self.teams:
            out += ["", "teams:"]
            for team in self.teams.values():
                out.append(f"  {_scalar(team.id)}:")
                out.append(f"    # as written: {_comment(', '.join(team.written))}")
                if team.github:
                    out.append(f"    github: {_scalar(team.github)}")
                out.append("    members: []  # TODO: list the people of this team")
        out += ["", "components:" if self.components else "components: {}"]
        for number, component in enumerate(self.components.values()):
            if number:
                out.append("")
            out.extend(self._component(component))
        return "\n".join(out) + "\n"

    def _component(self, component: _Component) -> list[str]:
        things = ", ".join(plural(count, kind) for kind, count in sorted(component.things.items()))
        names = ", ".join(component.names)
        out = [
            f"  # {self.origin}: {_comment(things)} ({_comment(names)}"
            f"{', ...' if len(component.names) == 5 else ''})",
            f"  {_scalar(component.id)}:",
        ]
        last_folder = component.folder.rpartition("/")[2]
        guessed, sure = guess_kind(f"{last_folder} {names}", taxonomy=self.taxonomy, last=True)
        kind = guessed or FROM_SOURCES.get(self.origin) or "todo"
        note = "" if guessed and sure else "  # TODO: check kind"
        out.append(f"    kind: {_scalar(kind)}{note}")
        pattern = f"{component.folder}/**" if component.folder else "**"
        out.append(f"    paths: [{_scalar(pattern)}]")
        owners = [ref for ref, _ in component.owners.most_common()]
        people = [ref for ref in owners if not ref.startswith("team:")]
        if not owners:
            out.append("    # TODO: no owner is declared for these; add `raci:` letters")
            return out
        out.append("    raci:")
        out.append(f"      responsible: [{', '.join(_scalar(ref) for ref in owners)}]")
        if people:
            counts = component.owners
            if len(people) == 1:
                why = "the one person named"
            elif counts[people[0]] > counts[people[1]]:
                why = "the owner named most often"
            else:
                why = "TODO: check (the owners are named as often)"
            out.append(f"      accountable: {_scalar(people[0])}  # {why}")
        else:
            out.append("      # TODO: an Accountable person (only teams are declared)")
        return out


def propose(
    origin: str, folder: Path, taxonomy: Taxonomy, limits: Limits | None = None
) -> Proposal:
    """The proposal from what the ``origin`` reader finds in the repository of ``folder``."""
    if not folder.is_dir():
        shown = neutralize(display_path(folder))
        if folder.exists():
            raise ImportFailure(f"{shown}: --from {origin} reads a repository folder, not a file")
        raise ImportFailure(f"{shown}: no such folder; --from {origin} reads a repository folder")
    root = repository_root(folder) or folder
    repository = Repository(root)
    found = read_sources(repository.root, repository.tree, (origin,), limits or Limits())
    # Paths stay relative to the repository's root; only what lies under FOLDER is proposed.
    under = repository.relative(folder) or ""
    prefix = "" if under in ("", ".") else under + "/"
    proposal = Proposal(origin, str(folder), taxonomy, repository.root.name)
    for entry in found.declared:
        if entry.owned.startswith(prefix):
            proposal.add(entry)
    if not proposal.components:
        raise ImportFailure(f"{folder}: the {origin} reader found nothing to import")
    return proposal


def sources_reader(origin: str, folder: Path) -> Callable[[bytes, str, Taxonomy], Proposal]:
    """The reader `raci-lint import` calls for ``--from dbt|dagster|backstage FOLDER``."""

    def read(data: bytes, shown: str, taxonomy: Taxonomy) -> Proposal:
        return propose(origin, folder, taxonomy)

    return read
