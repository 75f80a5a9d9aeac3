"""Custom taxonomy files: read, validated, and checked at their own positions.

Loaded only when a configuration or ``--taxonomy`` names one.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from raci_lint.reading import files, loader
from raci_lint.reading.loader import Limits, Mapping, Node, Scalar, Sequence, span
from raci_lint.schema.scalars import scalar_type
from raci_lint.schema.validator import Validator, error_node, load_schema
from raci_lint.taxonomy.disciplines import (
    ANY_DISCIPLINE,
    Taxonomy,
    TaxonomyError,
    build_taxonomy,
    default_taxonomy,
)
from raci_lint.taxonomy.explain import explain_by_focus_area
from raci_lint.taxonomy.messages import describe_path, schema_message
from raci_lint.wording import Suggester, did_you_mean, plural

__all__ = ["TaxonomyError", "default_taxonomy_source", "load_taxonomy", "taxonomy_validator"]


def default_taxonomy_source(text: str) -> str:
    """The source of ``taxonomy/_default.py`` for the text of the default taxonomy file."""
    # Imported here: only scripts/update_docs.py and its test generate it (start-up time).
    import pprint

    data = yaml.safe_load(text)
    explained = explain_by_focus_area(build_taxonomy(data, "default"), level=4)
    return (
        '"""Generated from raci_lint/data/default-taxonomy.yaml by scripts/update_docs.py: '
        'do not edit."""\n\n# ruff: noqa\n# mypy: ignore-errors\n'
        f"DATA = {pprint.pformat(data, width=100, sort_dicts=False)}\n\n"
        "# The default taxonomy by focus area, as `raci-lint rule TAX001` shows it.\n"
        f"BY_FOCUS_AREA = (\n{pprint.pformat(explained, width=96)}\n)\n"
    )


@cache
def taxonomy_validator() -> Validator:
    """The validator of taxonomy files (``schemas/taxonomy.schema.json``)."""
    return Validator(load_schema("taxonomy.schema.json"))


def _read(path: Path, shown: str) -> bytes:
    # The default limit: a repository's configuration cannot raise it for its own files.
    limit = Limits().max_file_size
    try:
        data = files.read_bytes(path, limit)
    except files.Unreadable as error:
        reason = error.reason
        if reason == files.FOLDER:
            reason = "it is a folder, not a file"
        elif reason == files.MISSING:
            reason = "no such file"
        raise TaxonomyError([f"{shown}: cannot read the taxonomy file: {reason}"]) from None
    if len(data) > limit:
        raise TaxonomyError([files.over_limit(shown, limit)])
    return data


def load_taxonomy(path: Path, display: str | None = None, text: bytes | None = None) -> Taxonomy:
    """The effective taxonomy of a custom taxonomy file.

    With ``extends: default`` the file starts from :func:`default_taxonomy`,
    and a discipline, kind or tag it defines again replaces the default one
    of that id whole; without it, only what the file defines exists.
    ``display`` is how the file is named in messages (default: ``path``);
    ``text``, when given, is what the file holds instead of what is on disk
    (an editor's unsaved text).

    Raises :class:`TaxonomyError` with every problem found: YAML syntax,
    schema violations, alias collisions, unknown disciplines.
    """
    path = Path(path)
    shown = display if display is not None else path.as_posix()
    if text is not None and len(text) > Limits().max_file_size:
        raise TaxonomyError([files.over_limit(shown, Limits().max_file_size)])
    document = loader.load(text if text is not None else _read(path, shown))
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
    found.extend(_check_citations(root, base, rejected))
    if found:
        raise TaxonomyError(_format(shown, found))
    return build_taxonomy(_plain(root), shown, base)


# A file that is no taxonomy at all (a configuration may name any file of the
# repository) is not quoted line after line: the first problems say enough.
MAX_MESSAGES = 20


def _format(shown: str, found: list[tuple[int, int, str]]) -> list[str]:
    ordered = sorted(found)
    lines = [f"{shown}:{line}:{column}: {message}" for line, column, message in ordered]
    if len(lines) <= MAX_MESSAGES:
        return lines
    more = len(lines) - MAX_MESSAGES
    return [
        *lines[:MAX_MESSAGES],
        f"{shown}: {plural(more, 'more problem')} not shown; is it a taxonomy file?",
    ]


def _plain(node: Node, key: str | None = None) -> Any:
    """The plain data of a validated tree: every scalar is its text, but ``min``."""
    if type(node) is Mapping:
        return {name: _plain(key.node, name) for name, key in node.entries.items()}
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
    if type(mapping) is not Mapping or id(mapping) in rejected:
        return []
    return [(name, key, key.node) for name, key in mapping.entries.items()]


def _section(root: Mapping, name: str, rejected: set[int]) -> list[tuple[str, Node, Node]]:
    entry = root.entries.get(name)
    return _items(entry.node if entry else None, rejected)


def _texts_at(node: Node | None, rejected: set[int]) -> list[tuple[str, int, Node]]:
    """(text, index, node) of the scalar entries of a list that passed the schema."""
    if type(node) is not Sequence or id(node) in rejected:
        return []
    return [
        (item.value, index, item)
        for index, item in enumerate(node.items)
        if type(item) is Scalar and id(item) not in rejected and scalar_type(item) != "null"
    ]


def _field(node: Node, name: str) -> Node | None:
    if type(node) is not Mapping:
        return None
    entry = node.entries.get(name)
    return entry.node if entry else None


def _at(node: Node, message: str) -> tuple[int, int, str]:
    line, column, _, _ = span(node)
    return line, column, message


def _check_aliases(
    root: Mapping, base: Taxonomy | None, rejected: set[int]
) -> list[tuple[int, int, str]]:
    """An alias may be neither another kind's id nor another kind's alias, in the file.

    A name the file gives takes precedence over the same name in the default
    taxonomy (see :func:`build_taxonomy`), so that a file keeps working when
    the default taxonomy grows a kind or an alias it already used.
    """
    del base  # the file's names win over the base's: no conflict with them
    found: list[tuple[int, int, str]] = []
    kinds = _section(root, "kinds", rejected)
    # name -> (the kind it names, "id" or "alias")
    owners: dict[str, tuple[str, str]] = {name: (name, "id") for name, _, _ in kinds}
    for name, _, value in kinds:
        for alias, _, node in _texts_at(_field(value, "aliases"), rejected):
            owner = owners.get(alias)
            if owner is None:
                owners[alias] = (name, "alias")
                continue
            other, what = owner
            if other == name and what == "id":
                message = f"alias '{alias}' of kind '{name}' is the kind's own id; remove it"
            elif other == name:
                continue  # listed twice: the schema reports it
            else:
                article = "the id" if what == "id" else "an alias"
                message = f"alias '{alias}' of kind '{name}' is already {article} of kind '{other}'"
            found.append(_at(node, message))
    return found


def _check_disciplines(
    root: Mapping, base: Taxonomy | None, rejected: set[int]
) -> list[tuple[int, int, str]]:
    """Every ``any_of`` entry names a discipline of the effective taxonomy, or is "*"."""
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
    if type(node) is not Sequence or id(node) in rejected:
        return []
    return [(index, item) for index, item in enumerate(node.items) if id(item) not in rejected]


def _check_citations(
    root: Mapping, base: Taxonomy | None, rejected: set[int]
) -> list[tuple[int, int, str]]:
    """Every ``rests_on`` names a focus area, every ``source`` a source, of the effective taxonomy.

    A discipline the file defines brings its own areas only: it replaces the
    default one whole.
    """
    disciplines = _section(root, "disciplines", rejected)
    defined = {name for name, _, _ in disciplines}
    areas = {
        area.ref
        for discipline in (base.disciplines.values() if base else ())
        if discipline.id not in defined
        for area in discipline.areas
    }
    for name, _, value in disciplines:
        areas.update(f"{name}.{area}" for area, _, _ in _items(_field(value, "areas"), rejected))
    sources = set(base.sources) if base else set()
    sources.update(name for name, _, _ in _section(root, "sources", rejected))
    # Budgeted, as only the first problems are shown: thousands of unknown
    # names must not each scan thousands of areas.
    suggest_area = Suggester(sorted(areas), budget=MAX_MESSAGES)
    suggest_source = Suggester(sorted(sources), budget=MAX_MESSAGES)
    found: list[tuple[int, int, str]] = []

    def check_source(node: Node | None, where: tuple[str | int, ...]) -> None:
        if type(node) is not Scalar or id(node) in rejected or node.value in sources:
            return
        message = f"unknown source '{node.value}' in {describe_path(where)}"
        suggestion = suggest_source(node.value)
        message += f"; did you mean '{suggestion}'?" if suggestion else "; define it under sources"
        found.append(_at(node, message))

    for name, _, value in disciplines:
        for area, _, entry in _items(_field(value, "areas"), rejected):
            check_source(_field(entry, "source"), ("disciplines", name, "areas", area, "source"))
    for section in ("kinds", "tags"):
        for name, _, value in _section(root, section, rejected):
            for list_name in ("requires", "recommends"):
                for index, requirement in _entries_of(_field(value, list_name), rejected):
                    where: tuple[str | int, ...] = (section, name, list_name, index)
                    check_source(_field(requirement, "source"), (*where, "source"))
                    rests_on = _field(requirement, "rests_on")
                    for text, _, node in _texts_at(rests_on, rejected):
                        if text in areas:
                            continue
                        message = (
                            f"unknown focus area '{text}' in {describe_path((*where, 'rests_on'))}"
                        )
                        suggestion = suggest_area(text)
                        if suggestion:
                            message += f"; did you mean '{suggestion}'?"
                        else:
                            discipline = text.rpartition(".")[0]
                            message += f"; define it under the areas of discipline '{discipline}'"
                        found.append(_at(node, message))
    return found
