"""The taxonomy of data disciplines: disciplines, component kinds, tag rules.

The default taxonomy is data (``data/default-taxonomy.yaml``), not code.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from raci_lint.reading.loader import Mapping, Node
    from raci_lint.schema.validator import Validator

__all__ = [
    "ANY_DISCIPLINE",
    "Discipline",
    "Kind",
    "Requirement",
    "TagRule",
    "Taxonomy",
    "TaxonomyError",
    "build_taxonomy",
    "default_taxonomy",
    "load_taxonomy",
]

ANY_DISCIPLINE = "*"
DEFAULT_PATH = Path(__file__).parents[1] / "data" / "default-taxonomy.yaml"


class Discipline(NamedTuple):
    id: str
    description: str = ""
    focus: tuple[str, ...] = ()


def article(word: str) -> str:
    """'a' or 'an' before a discipline or kind id: 'an ml-engineer', 'a data-engineer'."""
    return "an" if word[:1] in "aeio" or word.startswith("ml") else "a"


class Requirement(NamedTuple):
    """``min`` distinct active people among ``roles`` practise one of ``any_of``."""

    roles: tuple[str, ...]
    any_of: tuple[str, ...]
    min: int = 1
    focus: str = ""

    def accepts(self, disciplines: frozenset[str]) -> bool:
        if ANY_DISCIPLINE in self.any_of:
            return True
        return any(discipline in disciplines for discipline in self.any_of)

    def describe_who(self) -> str:
        """'a data-engineer', 'a data-engineer or analytics-engineer', '2 people'."""
        if ANY_DISCIPLINE in self.any_of:
            return "someone" if self.min == 1 else f"{self.min} people"
        names = list(self.any_of)
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
        if self.min == 1:
            return f"{article(who)} {who}"
        return f"{self.min} people who are {who}"

    def describe_roles(self) -> str:
        """'Responsible', 'Responsible or Accountable'."""
        names = [role.capitalize() for role in self.roles]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"roles": list(self.roles), "any_of": list(self.any_of)}
        if self.min != 1:
            data["min"] = self.min
        if self.focus:
            data["focus"] = self.focus
        return data


class Kind(NamedTuple):
    id: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    requires: tuple[Requirement, ...] = ()
    recommends: tuple[Requirement, ...] = ()


class TagRule(NamedTuple):
    id: str
    description: str = ""
    requires: tuple[Requirement, ...] = ()
    recommends: tuple[Requirement, ...] = ()


class Taxonomy:
    """Disciplines, kinds (by id and alias) and tag rules."""

    def __init__(
        self,
        disciplines: dict[str, Discipline] | None = None,
        kinds: dict[str, Kind] | None = None,
        tags: dict[str, TagRule] | None = None,
        source: str = "default",
    ) -> None:
        self.disciplines = disciplines if disciplines is not None else {}
        self.kinds = kinds if kinds is not None else {}
        self.tags = tags if tags is not None else {}
        self.source = source
        self._by_name: dict[str, Kind] = {}
        self.reindex()

    def reindex(self) -> None:
        self._by_name = {}
        for kind in self.kinds.values():
            self._by_name[kind.id] = kind
            for alias in kind.aliases:
                self._by_name.setdefault(alias, kind)

    def kind(self, name: str) -> Kind | None:
        """The kind with this id or alias."""
        return self._by_name.get(name)

    def kind_names(self) -> list[str]:
        """Every kind id and alias, for did-you-mean suggestions."""
        return list(self._by_name)

    def to_data(self) -> dict[str, Any]:
        """The taxonomy as plain data, as ``raci-lint taxonomy`` prints it."""

        def rule_data(item: Kind | TagRule) -> dict[str, Any]:
            data: dict[str, Any] = {"description": item.description}
            if isinstance(item, Kind) and item.aliases:
                data["aliases"] = list(item.aliases)
            if item.requires:
                data["requires"] = [r.to_data() for r in item.requires]
            if item.recommends:
                data["recommends"] = [r.to_data() for r in item.recommends]
            return data

        disciplines: dict[str, Any] = {}
        for d in self.disciplines.values():
            entry: dict[str, Any] = {"description": d.description}
            if d.focus:
                entry["focus"] = list(d.focus)
            disciplines[d.id] = entry
        return {
            "disciplines": disciplines,
            "kinds": {k.id: rule_data(k) for k in self.kinds.values()},
            "tags": {t.id: rule_data(t) for t in self.tags.values()},
        }


def _texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(item) for item in value)
    return (str(value),)


def _requirements(value: Any) -> tuple[Requirement, ...]:
    return tuple(
        Requirement(
            roles=_texts(item.get("roles")) or ("responsible",),
            any_of=_texts(item.get("any_of")),
            min=int(item.get("min", 1)),
            focus=str(item.get("focus") or ""),
        )
        for item in value or ()
    )


def build_taxonomy(data: dict[str, Any], source: str, base: Taxonomy | None = None) -> Taxonomy:
    """A taxonomy from validated plain data, optionally extending ``base``."""
    disciplines = dict(base.disciplines) if base else {}
    kinds = dict(base.kinds) if base else {}
    tags = dict(base.tags) if base else {}
    for name, item in (data.get("disciplines") or {}).items():
        item = item or {}
        disciplines[name] = Discipline(
            name, str(item.get("description") or ""), _texts(item.get("focus"))
        )
    for name, item in (data.get("kinds") or {}).items():
        item = item or {}
        kinds[name] = Kind(
            name,
            str(item.get("description") or ""),
            _texts(item.get("aliases")),
            _requirements(item.get("requires")),
            _requirements(item.get("recommends")),
        )
    for name, item in (data.get("tags") or {}).items():
        item = item or {}
        tags[name] = TagRule(
            name,
            str(item.get("description") or ""),
            _requirements(item.get("requires")),
            _requirements(item.get("recommends")),
        )
    return Taxonomy(disciplines, kinds, tags, source)


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The default taxonomy shipped with raci-lint."""
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(DEFAULT_PATH.read_bytes(), Loader=loader)
    return build_taxonomy(data, "default")


# ---------------------------------------------------------------- custom taxonomy files


class TaxonomyError(Exception):
    """A taxonomy file that cannot be used.

    ``messages`` holds one line for the user per problem, most of them
    ``PATH:LINE:COL: message`` at the taxonomy file's own positions.
    """

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = list(messages)


@cache
def taxonomy_validator() -> Validator:
    """The validator of taxonomy files (``schemas/taxonomy.schema.json``)."""
    from raci_lint.schema.validator import Validator, load_schema

    return Validator(load_schema("taxonomy.schema.json"))


def _read(path: Path, shown: str) -> bytes:
    from raci_lint.reading import files

    try:
        return files.read_bytes(path)
    except files.Unreadable as error:
        reason = error.reason
        if reason == files.FOLDER:
            reason = "it is a folder, not a file"
        elif reason == files.MISSING:
            reason = "no such file"
        raise TaxonomyError([f"{shown}: cannot read the taxonomy file: {reason}"]) from None


def load_taxonomy(path: Path, display: str | None = None) -> Taxonomy:
    """The effective taxonomy of a custom taxonomy file.

    With ``extends: default`` the file starts from :func:`default_taxonomy`,
    and a discipline, kind or tag it defines again replaces the default one
    of that id whole; without it, only what the file defines exists.
    ``display`` is how the file is named in messages (default: ``path``).

    Raises :class:`TaxonomyError` with every problem found: YAML syntax,
    schema violations, alias collisions, unknown disciplines.
    """
    from raci_lint.reading import loader
    from raci_lint.reading.loader import Mapping, span
    from raci_lint.schema.validator import error_node
    from raci_lint.taxonomy.messages import schema_message

    path = Path(path)
    shown = display if display is not None else path.as_posix()
    document = loader.load(_read(path, shown))
    found = [(p.line, p.column, p.message) for p in document.problems]
    root = document.root
    if root is None:
        if not found:
            found.append((1, 1, "the taxonomy file is empty; start it with `extends: default`"))
        raise TaxonomyError(_format(shown, found))
    errors = taxonomy_validator().validate(root)
    for error in errors:
        node = error_node(error)
        line, column = span(node)[:2] if node is not None else (1, 1)
        found.append((line, column, schema_message(error)))
    if type(root) is not Mapping:
        raise TaxonomyError(_format(shown, found))
    # Nodes with a wrong value are left out of the checks below, which would
    # only repeat the schema's complaint about them.
    rejected = {
        id(error.node)
        for error in errors
        if error.keyword not in ("required", "additionalProperties")
    }
    base = default_taxonomy() if "extends" in root.entries else None
    found.extend(_check_aliases(root, base, rejected))
    found.extend(_check_disciplines(root, base, rejected))
    if found:
        raise TaxonomyError(_format(shown, found))
    return build_taxonomy(_plain(root), shown, base)


def _format(shown: str, found: list[tuple[int, int, str]]) -> list[str]:
    return [f"{shown}:{line}:{column}: {message}" for line, column, message in sorted(found)]


def _plain(node: Node, key: str | None = None) -> Any:
    """The plain data of a validated tree: every scalar is its text, but ``min``."""
    from raci_lint.reading.loader import Mapping, Sequence
    from raci_lint.schema.scalars import scalar_type

    if type(node) is Mapping:
        return {name: _plain(value, name) for name, (_, value) in node.entries.items()}
    if type(node) is Sequence:
        return [_plain(item) for item in node.items]
    kind = scalar_type(node)  # type: ignore[arg-type]
    if kind == "null":
        return None
    text: str = node.value  # type: ignore[union-attr]
    if key in ("min", "version") and kind == "integer":
        return int(text.replace("_", ""))
    return text


def _items(mapping: Node | None, rejected: set[int]) -> list[tuple[str, Node, Node]]:
    """(name, key node, value node) of a mapping that passed the schema, else none."""
    from raci_lint.reading.loader import Mapping

    if type(mapping) is not Mapping or id(mapping) in rejected:
        return []
    return [(name, key, value) for name, (key, value) in mapping.entries.items()]


def _section(root: Mapping, name: str, rejected: set[int]) -> list[tuple[str, Node, Node]]:
    entry = root.entries.get(name)
    return _items(entry[1] if entry else None, rejected)


def _texts_at(node: Node | None, rejected: set[int]) -> list[tuple[str, int, Node]]:
    """(text, index, node) of the scalar entries of a list that passed the schema."""
    from raci_lint.reading.loader import Scalar, Sequence
    from raci_lint.schema.scalars import scalar_type

    if type(node) is not Sequence or id(node) in rejected:
        return []
    return [
        (item.value, index, item)
        for index, item in enumerate(node.items)
        if type(item) is Scalar and id(item) not in rejected and scalar_type(item) != "null"
    ]


def _field(node: Node, name: str) -> Node | None:
    from raci_lint.reading.loader import Mapping

    if type(node) is not Mapping:
        return None
    entry = node.entries.get(name)
    return entry[1] if entry else None


def _at(node: Node, message: str) -> tuple[int, int, str]:
    from raci_lint.reading.loader import span

    line, column, _, _ = span(node)
    return line, column, message


_FROM_DEFAULT = " (default taxonomy)"


def _check_aliases(
    root: Mapping, base: Taxonomy | None, rejected: set[int]
) -> list[tuple[int, int, str]]:
    """An alias may be neither another kind's id nor another kind's alias.

    The kinds checked are those of the effective taxonomy: the base's, less
    those the file redefines, and the file's.
    """
    found: list[tuple[int, int, str]] = []
    kinds = _section(root, "kinds", rejected)
    defined = {name for name, _, _ in kinds}
    inherited = [k for k in (base.kinds.values() if base else ()) if k.id not in defined]
    # name -> (the kind it names, "id" or "alias", whether that kind is inherited)
    owners: dict[str, tuple[str, str, bool]] = {k.id: (k.id, "id", True) for k in inherited}
    owners.update((name, (name, "id", False)) for name in defined)
    for kind in inherited:
        for alias in kind.aliases:
            owner = owners.get(alias)
            if owner is None:
                owners[alias] = (kind.id, "alias", True)
            elif not owner[2]:
                key = next(key for name, key, _ in kinds if name == alias)
                found.append(
                    _at(
                        key,
                        f"kind '{alias}' is already an alias of kind '{kind.id}'{_FROM_DEFAULT}; "
                        f"redefine '{kind.id}' without that alias, or rename this kind",
                    )
                )
    for name, _, value in kinds:
        for alias, _, node in _texts_at(_field(value, "aliases"), rejected):
            owner = owners.get(alias)
            if owner is None:
                owners[alias] = (name, "alias", False)
                continue
            other, what, inherited_owner = owner
            if other == name and what == "id":
                message = f"alias '{alias}' of kind '{name}' is the kind's own id; remove it"
            elif other == name:
                continue  # listed twice: the schema reports it
            else:
                article = "the id" if what == "id" else "an alias"
                origin = _FROM_DEFAULT if inherited_owner else ""
                message = (
                    f"alias '{alias}' of kind '{name}' is already {article} of kind "
                    f"'{other}'{origin}"
                )
            found.append(_at(node, message))
    return found


def _check_disciplines(
    root: Mapping, base: Taxonomy | None, rejected: set[int]
) -> list[tuple[int, int, str]]:
    """Every ``any_of`` entry names a discipline of the effective taxonomy, or is "*"."""
    from raci_lint.taxonomy.messages import describe_path
    from raci_lint.wording import did_you_mean

    known = set(base.disciplines) if base else set()
    known.update(name for name, _, _ in _section(root, "disciplines", rejected))
    found: list[tuple[int, int, str]] = []
    for section in ("kinds", "tags"):
        for name, _, value in _section(root, section, rejected):
            for list_name in ("requires", "recommends"):
                requirements = _field(value, list_name)
                for index, requirement in _entries_of(requirements, rejected):
                    any_of = _field(requirement, "any_of")
                    for text, _, node in _texts_at(any_of, rejected):
                        if text == ANY_DISCIPLINE or text in known:
                            continue
                        where = describe_path((section, name, list_name, index, "any_of"))
                        message = f"unknown discipline '{text}' in {where}"
                        suggestion = did_you_mean(text, sorted(known))
                        if suggestion:
                            message += f"; did you mean '{suggestion}'?"
                        elif base is None and text in default_taxonomy().disciplines:
                            message += (
                                "; it is a default discipline: add `extends: default`, "
                                "or define it under disciplines"
                            )
                        else:
                            message += "; define it under disciplines"
                        found.append(_at(node, message))
    return found


def _entries_of(node: Node | None, rejected: set[int]) -> list[tuple[int, Node]]:
    """(index, node) of the entries of a list that passed the schema."""
    from raci_lint.reading.loader import Sequence

    if type(node) is not Sequence or id(node) in rejected:
        return []
    return [(index, item) for index, item in enumerate(node.items) if id(item) not in rejected]
