"""The taxonomy of data disciplines: disciplines, component kinds, tag rules.

The default taxonomy is data (``data/default-taxonomy.yaml``), not code.
"""

from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from raci_lint.taxonomy import _default
from raci_lint.wording import UnusableInput

__all__ = [
    "ANY_DISCIPLINE",
    "Discipline",
    "FocusArea",
    "Kind",
    "Requirement",
    "Source",
    "TagRule",
    "Taxonomy",
    "TaxonomyError",
    "build_taxonomy",
    "default_by_focus_area",
    "default_taxonomy",
]

ANY_DISCIPLINE = "*"
DEFAULT_PATH = Path(__file__).parents[1] / "data" / "default-taxonomy.yaml"


class FocusArea(NamedTuple):
    """What a discipline owns (the book's "key areas of focus"), and the sentence it comes from."""

    discipline: str
    id: str
    summary: str = ""
    quote: str = ""
    source: str = ""

    @property
    def ref(self) -> str:
        """How a requirement names it in ``rests_on``: 'data-engineer.quality'."""
        return f"{self.discipline}.{self.id}"

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name in ("summary", "quote", "source"):
            if getattr(self, name):
                data[name] = getattr(self, name)
        return data


class Source(NamedTuple):
    """A text the taxonomy quotes: a book's chapter, a page."""

    id: str
    description: str = ""
    url: str = ""


class Discipline(NamedTuple):
    id: str
    description: str = ""
    focus: tuple[str, ...] = ()
    areas: tuple[FocusArea, ...] = ()


def article(word: str) -> str:
    """'a' or 'an' before a discipline or kind id: 'an ml-engineer', 'a data-engineer'."""
    return "an" if word[:1] in "aeio" or word.startswith("ml") else "a"


class Requirement(NamedTuple):
    """``min`` distinct active people among ``roles`` practise one of ``any_of``."""

    roles: tuple[str, ...]
    any_of: tuple[str, ...]
    min: int = 1
    focus: str = ""
    # The focus areas it rests on ('data-engineer.quality'); a sentence of a
    # source it rests on, when not its area's; what is the taxonomy's own reading.
    rests_on: tuple[str, ...] = ()
    quote: str = ""
    source: str = ""
    reading: str = ""

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
        for name in ("focus", "rests_on", "quote", "source", "reading"):
            value = getattr(self, name)
            if value:
                data[name] = list(value) if name == "rests_on" else value
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
        sources: dict[str, Source] | None = None,
        claimed: dict[str, str] | None = None,
    ) -> None:
        self.disciplines = disciplines if disciplines is not None else {}
        self.kinds = kinds if kinds is not None else {}
        self.tags = tags if tags is not None else {}
        self.source = source
        self.sources = sources if sources is not None else {}
        # Alias -> kind id, for aliases that take the name of another kind's id
        # (a custom file's alias over a default kind's id).
        self.claimed = claimed if claimed is not None else {}
        self._by_name: dict[str, Kind] = {}
        self.reindex()

    def reindex(self) -> None:
        self._by_name = {}
        for kind in self.kinds.values():
            self._by_name[kind.id] = kind
            for alias in kind.aliases:
                self._by_name.setdefault(alias, kind)
        for alias, kind_id in self.claimed.items():
            if kind_id in self.kinds:
                self._by_name[alias] = self.kinds[kind_id]

    def kind(self, name: str) -> Kind | None:
        """The kind with this id or alias."""
        return self._by_name.get(name)

    def area(self, ref: str) -> FocusArea | None:
        """The focus area that ``rests_on`` names 'DISCIPLINE.AREA'."""
        discipline_id, _, area_id = ref.rpartition(".")
        discipline = self.disciplines.get(discipline_id)
        if discipline is None:
            return None
        return next((area for area in discipline.areas if area.id == area_id), None)

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

        sources: dict[str, Any] = {}
        for s in self.sources.values():
            sources[s.id] = {"description": s.description, **({"url": s.url} if s.url else {})}
        disciplines: dict[str, Any] = {}
        for d in self.disciplines.values():
            entry: dict[str, Any] = {"description": d.description}
            if d.focus:
                entry["focus"] = list(d.focus)
            if d.areas:
                entry["areas"] = {area.id: area.to_data() for area in d.areas}
            disciplines[d.id] = entry
        return {
            **({"sources": sources} if sources else {}),
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
            rests_on=_texts(item.get("rests_on")),
            quote=str(item.get("quote") or ""),
            source=str(item.get("source") or ""),
            reading=str(item.get("reading") or ""),
        )
        for item in value or ()
    )


def build_taxonomy(data: dict[str, Any], source: str, base: Taxonomy | None = None) -> Taxonomy:
    """A taxonomy from validated plain data, optionally extending ``base``."""
    disciplines = dict(base.disciplines) if base else {}
    kinds = dict(base.kinds) if base else {}
    tags = dict(base.tags) if base else {}
    sources = dict(base.sources) if base else {}
    for name, item in (data.get("sources") or {}).items():
        item = item or {}
        sources[name] = Source(name, str(item.get("description") or ""), str(item.get("url") or ""))
    for name, item in (data.get("disciplines") or {}).items():
        item = item or {}
        areas = tuple(
            FocusArea(
                name,
                area_id,
                str((area or {}).get("summary") or ""),
                str((area or {}).get("quote") or ""),
                str((area or {}).get("source") or ""),
            )
            for area_id, area in (item.get("areas") or {}).items()
        )
        # Without `focus`, the areas in words: 'quality: what left the source...'.
        focus = _texts(item.get("focus")) or tuple(
            f"{area.id}: {area.summary}" if area.summary else area.id for area in areas
        )
        disciplines[name] = Discipline(name, str(item.get("description") or ""), focus, areas)
    # A name the file gives (a kind's id or alias) takes precedence over the
    # same name in the base: the base's kind loses that alias, and a base id
    # that is one of the file's aliases names the file's kind.
    given: dict[str, str] = {}
    for name, item in (data.get("kinds") or {}).items():
        given.setdefault(name, name)
        for alias in _texts((item or {}).get("aliases")):
            given.setdefault(alias, name)
    for name, kind in list(kinds.items()):
        if name not in given and any(alias in given for alias in kind.aliases):
            aliases = tuple(alias for alias in kind.aliases if alias not in given)
            kinds[name] = kind._replace(aliases=aliases)
    claimed = {alias: owner for alias, owner in given.items() if alias != owner and alias in kinds}
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
    return Taxonomy(disciplines, kinds, tags, source, sources, claimed)


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The default taxonomy shipped with raci-lint (``data/default-taxonomy.yaml``).

    Read from ``_default.py``: the same data as Python, generated from the
    YAML file by ``scripts/update_docs.py`` (a test fails when it is stale),
    since parsing the YAML took a fortieth of a small run.
    """
    return build_taxonomy(_default.DATA, "default")


def default_by_focus_area() -> str:
    """The default taxonomy explained by focus area (see ``explain.py``), generated."""
    text: str = _default.BY_FOCUS_AREA
    return text


class TaxonomyError(UnusableInput):
    """A taxonomy file that cannot be used.

    ``messages`` holds one line for the user per problem, most of them
    ``PATH:LINE:COL: message`` at the taxonomy file's own positions.
    """
