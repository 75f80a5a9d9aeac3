"""The ownership file as objects: people, teams, components and their letters.

The model is built from a node tree that may break the schema: whatever is
malformed (a node the schema rejected) is left out, so that rules never
report again what SYN002 already said.
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from raci_lint.reading.loader import Mapping, Node, Scalar, Sequence, escape_pointer, span
from raci_lint.schema.scalars import scalar_type

if TYPE_CHECKING:
    # Read-only lists: absent fields share one empty tuple.
    from collections.abc import Sequence as Seq

__all__ = [
    "LETTERS",
    "Component",
    "Item",
    "Model",
    "Person",
    "Ref",
    "Team",
    "build_model",
    "merge_roster",
]

# A reference's place in the document: the character offset of its node.
# Packed positions order as the offsets they start with.
_DOCUMENT_ORDER = attrgetter("node.pos")

# No letters: one empty set shared by every component that needs none of its own.
_NONE: frozenset[str] = frozenset()

LETTERS = ("responsible", "accountable", "consulted", "informed", "support")
TEAM_PREFIX = "team:"


class Item(NamedTuple):
    """A scalar value of a list field (a discipline, a path, a tag...).

    Its JSON pointer is made when asked for: a file of a hundred thousand
    components holds a million of these, and few are ever reported.
    """

    text: str
    node: Scalar
    base: str  # the pointer of the field, or of what holds it (shared by its items)
    position: int = -1  # the item's place in a list, or -1 for a single value
    field: str = ""  # the field under ``base``, when ``base`` is its holder's

    @property
    def pointer(self) -> str:
        base = f"{self.base}/{self.field}" if self.field else self.base
        return base if self.position < 0 else f"{base}/{self.position}"


class Ref(NamedTuple):
    """A reference to a person or a team under one letter of a component."""

    text: str  # as written, e.g. "team:data-platform"
    target: str  # the id it names, e.g. "data-platform"
    team_only: bool  # written as team:<id>
    letter: str
    node: Scalar
    base: str  # the pointer of the component (shared by its references)
    position: int = -1

    @property
    def pointer(self) -> str:
        """Made when asked for, as an item's: few references are ever reported."""
        letter = f"{self.base}/raci/{self.letter}"
        return letter if self.position < 0 else f"{letter}/{self.position}"


# Plain classes rather than dataclasses: they are built by the ten thousand,
# and importing `dataclasses` alone costs a fifth of a small run.


class Person:
    """A person of the roster."""

    __slots__ = (
        "active",
        "discipline_ids",
        "disciplines",
        "email",
        "github",
        "id",
        "key",
        "name",
        "pointer",
        "source",
    )

    def __init__(self, id: str, key: Scalar, pointer: str, source: str) -> None:
        self.id = id
        self.key = key
        self.pointer = pointer
        self.source = source
        self.name: str | None = None
        self.disciplines: list[Item] = []
        self.email: str | None = None
        self.github: str | None = None
        self.active = True
        self.discipline_ids: frozenset[str] = frozenset()


class Team:
    """A team: a name for a group of people."""

    __slots__ = ("github", "id", "key", "members", "name", "pointer", "source")

    def __init__(self, id: str, key: Scalar, pointer: str, source: str) -> None:
        self.id = id
        self.key = key
        self.pointer = pointer
        self.source = source
        self.members: list[Item] = []
        self.github: str | None = None
        self.name: str | None = None


class Component:
    """A component of the pipeline, with its letters."""

    __slots__ = (
        "_in_order",
        "depends_on",
        "description",
        "id",
        "key",
        "kind",
        "letters",
        "letters_known",
        "letters_rejected",
        "paths",
        "pointer",
        "raci",
        "source",
        "tags",
        "unowned",
    )

    def __init__(
        self,
        id: str,
        key: Scalar,
        pointer: str,
        source: str,
        kind: Item | None = None,
        depends_on: list[Item] | None = None,
    ) -> None:
        self.id = id
        self.key = key
        self.pointer = pointer
        self.source = source
        self.kind = kind
        self.description: str | None = None
        self.paths: Seq[Item] = ()
        self.depends_on: Seq[Item] = depends_on if depends_on is not None else ()
        self.tags: Seq[Item] = ()
        # `unowned: true`: its paths have no owner on purpose (CODEOWNERS gets
        # each pattern alone); no letter, kind or discipline rule judges it.
        self.unowned = False
        self.letters: dict[str, list[Ref]] = {}
        # The `raci` mapping as written: where each letter's key is.
        self.raci: Mapping | None = None
        # False when `raci` is there but malformed (SYN002 says so): the
        # letter rules then have nothing to judge.
        self.letters_known = True
        # Letters whose value, or one of its entries, the schema rejected:
        # what was meant is unknown, so no rule says the letter is empty.
        self.letters_rejected: frozenset[str] = _NONE  # a set of its own when needed
        self._in_order: list[Ref] | None = None

    def refs(self, letter: str) -> Seq[Ref]:
        return self.letters.get(letter, ())

    def letter_known(self, letter: str) -> bool:
        """Whether the letter is read as written: absent, or valid by the schema."""
        return self.letters_known and letter not in self.letters_rejected

    def letter_key(self, letter: str) -> Scalar | None:
        """The key node of a letter in the component's `raci`, if written there."""
        if self.raci is None or letter not in self.raci.entries:
            return None
        return self.raci.entries[letter]

    def all_refs(self) -> list[Ref]:
        """Every reference of the component, in document order."""
        if self._in_order is None:
            refs = [ref for letter in self.letters.values() for ref in letter]
            if len(self.letters) > 1:
                refs.sort(key=_DOCUMENT_ORDER)
            self._in_order = refs
        return self._in_order


class Model:
    """One ownership file (with its includes), as the rules see it."""

    def __init__(self, path: str, version: Scalar | None = None, scheme: str = "RACI") -> None:
        self.path = path
        self.version = version
        self.scheme = scheme
        self.people: dict[str, Person] = {}
        self.teams: dict[str, Team] = {}
        # The components the rules judge; those marked `unowned: true` are in
        # `unowned`, and `in_order` holds both, as written (the order of the
        # CODEOWNERS lines they give).
        self.components: dict[str, Component] = {}
        self.unowned: dict[str, Component] = {}
        self.in_order: list[Component] = []
        # Definitions that lost to an earlier one of the same id (REF009).
        self.shadowed: list[Person | Team] = []

    def declares(self, component_id: str) -> bool:
        """Whether the file declares a component of that id (`unowned: true` ones too)."""
        return component_id in self.components or component_id in self.unowned


class _Builder:
    def __init__(self, path: str, rejected: set[int]) -> None:
        self.path = path
        self.rejected = rejected

    def ok(self, node: Node | None) -> bool:
        return node is not None and id(node) not in self.rejected

    def text(self, node: Node | None) -> str | None:
        if type(node) is Scalar and self.ok(node) and scalar_type(node) != "null":
            return str(node.value)
        return None

    def items(self, node: Node | None, pointer: str, field: str = "") -> list[Item]:
        """The scalars of a field that takes one value or a list of them.

        ``pointer`` is the field's, or its holder's with ``field`` its name.
        """
        if node is None or not self.ok(node):
            return []
        if type(node) is Scalar:
            if scalar_type(node) == "null":
                return []
            return [Item(node.value, node, pointer, -1, field)]
        if type(node) is Sequence:
            return [
                Item(item.value, item, pointer, index, field)
                for index, item in enumerate(node.items)
                if type(item) is Scalar and id(item) not in self.rejected
            ]
        return []

    def entries(self, root: Mapping, key: str) -> list[tuple[str, Scalar, Node]]:
        """The well-formed entries of a section: id and value both valid."""
        found = root.entries.get(key)
        if found is None or type(found.node) is not Mapping or not self.ok(found.node):
            return []
        return [
            (name, k, k.node)
            for name, k in found.node.entries.items()
            if self.ok(k) and self.ok(k.node)
        ]

    def fields(self, node: Node) -> dict[str, Scalar]:
        if type(node) is Mapping and self.ok(node):
            return node.entries
        return {}

    def person(self, name: str, key: Scalar, value: Node) -> Person:
        pointer = f"/people/{escape_pointer(name)}"
        fields = self.fields(value)
        person = Person(name, key, pointer, self.path)
        if "name" in fields:
            person.name = self.text(fields["name"].node)
        if "disciplines" in fields:
            person.disciplines = self.items(fields["disciplines"].node, pointer, "disciplines")
            person.discipline_ids = frozenset(item.text for item in person.disciplines)
        if "email" in fields:
            person.email = self.text(fields["email"].node)
        if "github" in fields:
            person.github = self.text(fields["github"].node)
        if "active" in fields:
            active = fields["active"].node
            if type(active) is Scalar and self.ok(active) and scalar_type(active) == "boolean":
                person.active = active.value.lower() in ("true", "yes", "on")
        return person

    def team(self, name: str, key: Scalar, value: Node) -> Team:
        pointer = f"/teams/{escape_pointer(name)}"
        fields = self.fields(value)
        team = Team(name, key, pointer, self.path)
        if "members" in fields:
            team.members = self.items(fields["members"].node, pointer, "members")
        if "github" in fields:
            team.github = self.text(fields["github"].node)
        if "name" in fields:
            team.name = self.text(fields["name"].node)
        return team

    def component(self, name: str, key: Scalar, value: Node) -> Component:
        # This runs once per component of files with tens of thousands of
        # them: it reads the fields directly rather than through helpers.
        pointer = f"/components/{escape_pointer(name)}"
        fields = self.fields(value)
        component = Component(name, key, pointer, self.path)
        get = fields.get
        found = get("kind")
        if found is not None:
            kind = found.node
            if type(kind) is Scalar and self.ok(kind) and scalar_type(kind) != "null":
                component.kind = Item(kind.value, kind, pointer, -1, "kind")
        found = get("description")
        if found is not None:
            component.description = self.text(found.node)
        found = get("paths")
        if found is not None:
            component.paths = self.items(found.node, pointer, "paths")
        found = get("depends_on")
        if found is not None:
            component.depends_on = self.items(found.node, pointer, "depends_on")
        found = get("tags")
        if found is not None:
            component.tags = self.items(found.node, pointer, "tags")
        found = get("unowned")
        if found is not None:
            flag = found.node
            if type(flag) is Scalar and self.ok(flag) and scalar_type(flag) == "boolean":
                component.unowned = flag.value.lower() in ("true", "yes", "on")
        found = get("raci")
        if found is not None:
            raci = found.node
            component.letters_known = self.ok(raci)
            letters = component.letters
            if type(raci) is Mapping:
                component.raci = raci
            for letter, letter_key in self.fields(raci).items():
                letter_value = letter_key.node
                if letter in LETTERS:
                    letters[letter] = self.refs(letter_value, pointer, letter)
                    if not self.whole(letter_value):
                        component.letters_rejected |= {letter}
        return component

    def whole(self, node: Node) -> bool:
        """Whether the schema accepted a value and, for a list, every entry of it."""
        if not self.ok(node):
            return False
        if type(node) is Sequence:
            return all(type(item) is Scalar and self.ok(item) for item in node.items)
        return type(node) is Scalar

    def refs(self, node: Node, pointer: str, letter: str) -> list[Ref]:
        """The references under one letter of the component at ``pointer``."""
        if type(node) is Sequence and id(node) not in self.rejected:
            rejected = self.rejected
            found = []
            for index, item in enumerate(node.items):
                if type(item) is Scalar and id(item) not in rejected:
                    text = item.value
                    if text.startswith(TEAM_PREFIX):
                        ref = Ref(text, text[5:], True, letter, item, pointer, index)
                    else:
                        ref = Ref(text, text, False, letter, item, pointer, index)
                    found.append(ref)
            return found
        return [_ref(item, letter) for item in self.items(node, pointer)]  # one value, or none


def merge_roster(unit: Model, part: Model) -> None:
    """Add the people and teams of a later file of the unit; an id seen before loses."""
    unit.shadowed.extend(part.shadowed)
    for person in part.people.values():
        if person.id in unit.people or person.id in unit.teams:
            unit.shadowed.append(person)
        else:
            unit.people[person.id] = person
    for team in part.teams.values():
        if team.id in unit.people or team.id in unit.teams:
            unit.shadowed.append(team)
        else:
            unit.teams[team.id] = team


def _position(node: Scalar) -> tuple[int, int]:
    line, column, _, _ = span(node)
    return line, column


def _ref(item: Item, letter: str) -> Ref:
    text = item.text
    if text.startswith(TEAM_PREFIX):
        return Ref(
            text, text[len(TEAM_PREFIX) :], True, letter, item.node, item.base, item.position
        )
    return Ref(text, text, False, letter, item.node, item.base, item.position)


def build_model(root: Node | None, path: str, rejected: set[int]) -> Model:
    """The model of one file's tree; ``rejected`` holds ids of nodes the schema rejected."""
    model = Model(path)
    if type(root) is not Mapping:
        return model
    builder = _Builder(path, rejected)
    version = root.entries.get("version")
    if version is not None and type(version.node) is Scalar:
        model.version = version.node
    scheme = root.entries.get("scheme")
    if scheme is not None:
        model.scheme = builder.text(scheme.node) or "RACI"
    for name, key, value in builder.entries(root, "people"):
        model.people[name] = builder.person(name, key, value)
    for name, key, value in builder.entries(root, "teams"):
        model.teams[name] = builder.team(name, key, value)
    # People and teams share one namespace: the definition written first stands.
    for name in model.people.keys() & model.teams.keys():
        person, team = model.people[name], model.teams[name]
        if _position(person.key) < _position(team.key):
            model.shadowed.append(model.teams.pop(name))
        else:
            model.shadowed.append(model.people.pop(name))
    for name, key, value in builder.entries(root, "components"):
        component = builder.component(name, key, value)
        (model.unowned if component.unowned else model.components)[name] = component
        model.in_order.append(component)
    return model
