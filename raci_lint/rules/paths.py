"""PATH: the components' `paths` match the repository they describe."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from raci_lint.model.codeowners import block_span, current_block, generate
from raci_lint.model.ownership import Component, Item
from raci_lint.reading.repository import Pattern, PatternError, parse_pattern
from raci_lint.rules.context import Context, RepositoryView
from raci_lint.rules.registry import family, rule
from raci_lint.violations import Violation
from raci_lint.wording import display_path, plural

FAMILY = family("PATH", order=6, tag="paths")


class _Owned(NamedTuple):
    component: Component
    item: Item
    pattern: Pattern


def _parsed(context: Context) -> tuple[list[_Owned], list[tuple[Component, Item]]]:
    """The unit's patterns, parsed once: (the well-formed ones, those climbing out)."""
    if "patterns" not in context.shared:
        found = []
        outside = []
        for component in context.model.components.values():
            for item in component.paths:
                try:
                    found.append(_Owned(component, item, parse_pattern(item.text)))
                except PatternError:
                    outside.append((component, item))
        context.shared["patterns"] = (found, outside)
    parsed: tuple[list[_Owned], list[tuple[Component, Item]]] = context.shared["patterns"]
    return parsed


def _patterns(context: Context) -> list[_Owned]:
    """Every well-formed pattern of the unit's components, in document order."""
    return _parsed(context)[0]


def _matches(context: Context, repository: RepositoryView) -> list[list[str]]:
    """The files each pattern of ``_patterns`` matches (each file once)."""
    if "matches" not in context.shared:
        match = repository.tree.match
        context.shared["matches"] = [
            list(dict.fromkeys(match(owned.pattern))) for owned in _patterns(context)
        ]
    matches: list[list[str]] = context.shared["matches"]
    return matches


@rule(
    "PATH001",
    "path-matches-nothing",
    "warning",
    summary="A `paths` pattern matches no file in the repository",
    what="""
        Reports a pattern of a component's `paths` that matches no file of
        the repository, at the pattern. Patterns are relative to the
        repository's root (`--repo-root`, by default the git top level, else
        the ownership file's folder) and follow CODEOWNERS: `*.py` matches at
        any depth, `/docs/` or `docs/api/` are anchored at the root, `**`
        spans folders. In a git repository the files are those `git ls-files`
        lists.
    """,
    why="""
        A pattern that matches nothing usually means the code moved and the
        ownership file did not: the component's files are now owned by
        nobody, and the generated CODEOWNERS lines do nothing.
    """,
    bad="""
        components:
          ingest-events:
            kind: ingestion
            paths: ["pipelines/ingestion/**"]   # the folder is pipelines/ingest
    """,
    good="""
        components:
          ingest-events:
            kind: ingestion
            paths: ["pipelines/ingest/**"]
    """,
    hint="fix the pattern (it is relative to the repository's root), or remove it",
)
def path_matches_nothing(context: Context) -> Iterator[Violation]:
    repository = context.repository
    if repository is None:
        return
    for owned, files in zip(_patterns(context), _matches(context, repository), strict=True):
        if not files:
            yield context.report(
                owned.item.node,
                f"pattern '{owned.item.text}' of component '{owned.component.id}' matches no "
                "file in the repository",
                subject=owned.component.id,
                key=owned.item.text,
                pointer=owned.item.pointer,
            )


@rule(
    "PATH002",
    "path-outside-repository",
    "error",
    summary="A pattern climbs out of the repository with `..`",
    what="""
        Reports a pattern whose `..` segments climb above the repository's
        root, at the pattern. A leading `/` anchors a pattern at the root, as
        in CODEOWNERS; it does not mean the machine's root.
    """,
    why="""
        Ownership is declared for the repository's own files. A pattern
        outside it owns nothing, and CODEOWNERS would reject it.
    """,
    bad="""
        components:
          shared-features:
            kind: feature-store
            paths: ["../platform/features/**"]
    """,
    good="""
        components:
          shared-features:
            kind: feature-store
            paths: ["platform/features/**"]   # relative to the repository's root
    """,
    hint="write the pattern relative to the repository's root, without `..` above it",
)
def path_outside_repository(context: Context) -> Iterator[Violation]:
    for component, item in _parsed(context)[1]:
        yield context.report(
            item.node,
            f"pattern '{item.text}' of component '{component.id}' climbs out of the repository",
            subject=component.id,
            key=item.text,
            pointer=item.pointer,
        )


@rule(
    "PATH003",
    "unowned-file",
    "info",
    summary="A tracked file under an `owned-roots` folder matches no component",
    what="""
        With `owned-roots` configured (folders, relative to the
        configuration's folder), reports each file under them that no
        component of any ownership file of the repository matches. The
        violation is reported at the file itself, line 1, once per run.
    """,
    why="""
        Every file under a folder you mean to own should have an owner; a new
        service added without updating the ownership file is the usual gap.
    """,
    bad="""
        # .raci-lint.yaml: owned-roots: [services]
        components:
          scoring-api:
            kind: deployment
            paths: ["services/scoring/**"]
        # services/billing/main.py is owned by nobody
    """,
    good="""
        components:
          scoring-api:
            kind: deployment
            paths: ["services/scoring/**"]
          billing-api:
            kind: deployment
            paths: ["services/billing/**"]
    """,
    hint="add the file's folder to a component's `paths`, or a new component for it",
    opt_in=True,
)
def unowned_file(context: Context) -> Iterator[Violation]:
    repository = context.repository
    if repository is None or not repository.owned_roots:
        return
    roots = sorted(
        {relative for root in repository.owned_roots if (relative := repository.relative(root))}
    )
    key = "owned-roots:" + ",".join(roots)
    if key in repository.reported:
        return  # one run reports unowned files once, whatever the number of units
    repository.reported.add(key)
    owned = _repository_ownership(context, repository)
    for path in repository.tree.paths:
        if path in owned or not any(_under(path, root) for root in roots):
            continue
        yield context.report(
            None,
            f"file '{path}' is under owned root '{_root_of(path, roots)}' but no component "
            "matches it",
            subject=None,
            key=path,
            path=_shown(repository, path),
        )


def _under(path: str, root: str) -> bool:
    return root in ("", ".") or path == root or path.startswith(root.rstrip("/") + "/")


def _root_of(path: str, roots: list[str]) -> str:
    return next(root for root in roots if _under(path, root)) or "."


def _shown(repository: RepositoryView, path: str) -> str:
    return display_path(repository.root / path)


def _repository_ownership(context: Context, repository: RepositoryView) -> set[str]:
    """The files matched by any component of any ownership file of the repository."""
    owned: set[str] = set()
    for files in _matches(context, repository):
        owned.update(files)
    models, _ = repository.ownership_models()
    for shown, model in models:
        if shown == context.model.path:
            continue  # the unit's own patterns are matched above
        for component in model.components.values():
            for item in component.paths:
                try:
                    owned.update(repository.tree.match(parse_pattern(item.text)))
                except PatternError:
                    continue
    return owned


@rule(
    "PATH005",
    "overlapping-paths",
    "warning",
    summary="One file is matched by the patterns of two components",
    what="""
        Reports a pattern that matches files another component's pattern
        also matches, at the later of the two patterns in the file, with how
        many files they share and an example.
    """,
    why="""
        In CODEOWNERS the last matching line wins, silently: the owners of
        the earlier component lose those files without anyone deciding so.
    """,
    bad="""
        components:
          features:
            kind: feature-engineering
            paths: ["ml/**"]
          training:
            kind: training
            paths: ["ml/train/**"]   # also matched by ml/**
    """,
    good="""
        components:
          features:
            kind: feature-engineering
            paths: ["ml/features/**"]
          training:
            kind: training
            paths: ["ml/train/**"]
    """,
    hint="narrow one of the patterns so that each file has one owning component",
)
def overlapping_paths(context: Context) -> Iterator[Violation]:
    repository = context.repository
    if repository is None:
        return
    owners: dict[str, list[int]] = {}
    patterns = _patterns(context)
    for index, files in enumerate(_matches(context, repository)):
        for path in files:
            owners.setdefault(path, []).append(index)
    shared: dict[tuple[int, int], list[str]] = {}
    for path, indexes in owners.items():
        if len({patterns[i].component.id for i in indexes}) < 2:
            continue
        for position, first in enumerate(indexes):
            for second in indexes[position + 1 :]:
                if patterns[first].component is not patterns[second].component:
                    shared.setdefault((first, second), []).append(path)
    for (first, second), paths in sorted(shared.items()):
        earlier, later = patterns[first], patterns[second]
        paths.sort()
        how_many = plural(len(paths), "file")
        yield context.report(
            later.item.node,
            f"pattern '{later.item.text}' of component '{later.component.id}' matches {how_many} "
            f"that pattern '{earlier.item.text}' of component '{earlier.component.id}' also "
            f"matches (e.g. {paths[0]}); in CODEOWNERS the later line would win",
            subject=later.component.id,
            key=f"{earlier.component.id}:{earlier.item.text}|{later.item.text}",
            pointer=later.item.pointer,
        )


@rule(
    "PATH004",
    "codeowners-out-of-date",
    "error",
    summary="The generated block of the CODEOWNERS file is stale",
    what="""
        Compares the lines between `# BEGIN raci-lint` and `# END raci-lint`
        of the CODEOWNERS file (the configuration's `codeowners`, else the
        first of .github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS) with what
        `raci-lint codeowners` generates from every ownership file of the
        repository, and reports a difference once per run, at the block.
        Lines outside the block are never compared.
    """,
    why="""
        CODEOWNERS is what GitHub actually enforces in review. When it lags
        behind the ownership files, the people asked to review a change are
        not the ones the file says own it.
    """,
    bad="""
        # .github/CODEOWNERS, after a component changed hands in raci.yaml
        # BEGIN raci-lint
        /pipelines/ingest/** @old-owner
        # END raci-lint
    """,
    good="""
        # .github/CODEOWNERS, after `raci-lint codeowners --write`
        # BEGIN raci-lint
        /pipelines/ingest/** @chenwei @acme/data-platform
        # END raci-lint
    """,
    hint="run `raci-lint codeowners --write` and commit the result",
    opt_in=True,
)
def codeowners_out_of_date(context: Context) -> Iterator[Violation]:
    repository = context.repository
    found = repository.codeowners_file() if repository is not None else None
    if repository is None or found is None:
        return
    key = f"codeowners:{found.path}"
    if key in repository.reported:
        return
    repository.reported.add(key)
    models, problems = repository.ownership_models()
    if problems:
        return  # files that cannot be read are reported by the other rules
    expected = generate(models).block
    shown = found.shown
    if found.unreadable is None and current_block(found.text) == expected:
        return
    span = block_span(found.text.splitlines())
    if found.unreadable is not None:
        message = (
            f"{shown} cannot be read ({found.unreadable}); make it readable to check its block"
        )
    elif span is not None:
        message = f"the raci-lint block of {shown} is out of date"
    else:
        message = f"{shown} {'has no raci-lint block' if found.exists else 'does not exist'}"
    yield context.report(
        _Line(1 if span is None else span[0] + 1),
        message if found.unreadable else f"{message}; run `raci-lint codeowners --write`",
        subject=None,
        key=shown,
        path=shown,
    )


class _Mark:
    def __init__(self, line: int) -> None:
        self.line = line - 1
        self.column = 0


class _Line:
    """A whole line of a file that is not YAML, as a position."""

    def __init__(self, line: int) -> None:
        self.start_mark = _Mark(line)
        self.end_mark = _Mark(line)
