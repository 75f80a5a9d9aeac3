"""PATH: the components' `paths` match the repository they describe."""

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from raci_lint.fixes import Edit
from raci_lint.model.ownership import Component, Item
from raci_lint.reading.loader import At, span
from raci_lint.reading.repository import (
    Pattern,
    PatternError,
    has_magic,
    parse_pattern,
    swallowed_owner,
)
from raci_lint.rules.context import Context, RepositoryView
from raci_lint.rules.registry import Fixable, family, rule
from raci_lint.violations import Violation
from raci_lint.wording import display_path, plural

FAMILY = family("PATH", order=6, tag="paths")


class _Owned(NamedTuple):
    component: Component
    item: Item
    pattern: Pattern


def _parsed(context: Context) -> tuple[list[_Owned], list[tuple[Component, Item]]]:
    """The unit's patterns, parsed once: (the well-formed ones, those climbing out).

    Those of `unowned: true` components too, in document order: they are
    CODEOWNERS lines as much as the others.
    """
    if "patterns" not in context.shared:
        found = []
        outside = []
        for component in context.model.in_order:
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
    """The files each pattern of ``_patterns`` matches (each file once).

    Patterns written alike (300 components with `**`) are matched once and
    share one list: the rules below count such lists once.
    """
    if "matches" not in context.shared:
        match = _matcher(repository)
        context.shared["matches"] = [match(owned.pattern) for owned in _patterns(context)]
    matches: list[list[str]] = context.shared["matches"]
    return matches


def _matcher(repository: RepositoryView) -> Callable[[Pattern], list[str]]:
    """Match patterns, once for each way of writing them (the text aside)."""
    match = repository.tree.match
    known: dict[tuple[object, ...], list[str]] = {}

    def files(pattern: Pattern) -> list[str]:
        key = tuple(pattern[1:])
        found = known.get(key)
        if found is None:
            found = known[key] = list(dict.fromkeys(match(pattern)))
        return found

    return files


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
                f"file in the repository{_why_nothing(owned.pattern, repository)}",
                subject=owned.component.id,
                key=owned.item.text,
                pointer=owned.item.pointer,
            )


def _why_nothing(pattern: Pattern, repository: RepositoryView) -> str:
    """What a pattern that matches nothing most likely means, or ""."""
    swallowed = swallowed_owner(pattern.text.strip())
    if swallowed:
        meant, owner = swallowed
        return (
            f"; '{owner}' reads as an owner: in CODEOWNERS a space goes before it "
            f"('{meant} {owner}')"
        )
    literal = "/".join(pattern.segments)
    if not pattern.floating and not has_magic(literal) and repository.untracked(literal):
        return f": '{literal}' exists but git does not track it (`git add {literal}`?)"
    return ""


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
        component of any ownership file of the repository matches (a
        component marked `unowned: true` counts: its files have no owner on
        purpose). The violation is reported at the file itself, line 1, once
        per run.
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
    for files in {id(files): files for files in _matches(context, repository)}.values():
        owned.update(files)
    match = _matcher(repository)
    models, _ = repository.ownership_models()
    for shown, model in models:
        if shown == context.model.path:
            continue  # the unit's own patterns are matched above
        matched: dict[int, list[str]] = {}
        for component in model.in_order:
            for item in component.paths:
                try:
                    files = match(parse_pattern(item.text))
                except PatternError:
                    continue
                matched[id(files)] = files
        for files in matched.values():
            owned.update(files)
    return owned


# The overlaps listed for one pattern (the rule's docs say "ten"); a pattern
# overlapping more is a pattern of the whole repository, and its last message
# counts the rest.
LISTED_OVERLAPS = 10


@rule(
    "PATH005",
    "overlapping-paths",
    "info",
    summary="One file is matched by the patterns of two components (intended nesting included)",
    what="""
        Reports a pattern that matches files another component's pattern
        also matches, at the later of the two patterns in the file, with how
        many files they share and an example. A pattern that overlaps more
        than ten earlier patterns is reported with the first ten of them, in
        the order of the file, and the last of those messages says how many
        more overlap it. Opt-in: a general folder followed by a more specific
        path is how CODEOWNERS files are written on purpose; PATH006 reports,
        by default, the overlaps that are mistakes (a line that wins nothing).
    """,
    why="""
        In CODEOWNERS the last matching line wins, silently: the owners of
        the earlier component lose those files. Select it to review every
        place where one component takes files from another.
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
    hint="if the nesting is intended, nothing to do; else narrow one of the patterns",
    opt_in=True,
)
def overlapping_paths(context: Context) -> Iterator[Violation]:
    repository = context.repository
    if repository is None:
        return
    patterns = _patterns(context)
    overlaps = _Overlaps(patterns, _matches(context, repository))
    listed: list[tuple[int, int, int]] = []  # (earlier, later, how many more)
    for index in range(len(patterns)):
        shown, more = overlaps.earlier(index)
        listed.extend((first, index, 0) for first in shown[:-1])
        if shown:
            listed.append((shown[-1], index, more))
    for first, second, more in sorted(listed):
        earlier, later = patterns[first], patterns[second]
        count, example = overlaps.shared(first, second)
        how_many = plural(count, "file")
        rest = (
            f"; {plural(more, 'more earlier pattern')} of other components "
            f"{'overlaps' if more == 1 else 'overlap'} it, not listed"
            if more
            else ""
        )
        yield context.report(
            later.item.node,
            f"pattern '{later.item.text}' of component '{later.component.id}' matches {how_many} "
            f"that pattern '{earlier.item.text}' of component '{earlier.component.id}' also "
            f"matches (e.g. {example}); in CODEOWNERS the later line would win{rest}",
            subject=later.component.id,
            key=f"{earlier.component.id}:{earlier.item.text}|{later.item.text}",
            pointer=later.item.pointer,
        )


# The later patterns named in a PATH006 message; the rest are counted.
LISTED_SHADOWS = 3


@rule(
    "PATH006",
    "shadowed-path",
    "warning",
    summary="A pattern wins no file: later patterns take every file it matches",
    what="""
        Reports a pattern that matches files, every one of which a later
        pattern of the file also matches (in any component, its own
        included), at the pattern that wins nothing, naming the later
        patterns and their lines (the first three, and how many more). A
        pattern written twice is reported at its first occurrence, as a
        duplicate of the later one. Patterns are taken in the order of the
        file, the order of the generated CODEOWNERS lines. A pattern that
        matches no file at all is PATH001's.
    """,
    why="""
        In CODEOWNERS the last matching line wins. A line whose every file is
        taken by later lines does nothing: its owners are never asked to
        review, although the file says they own something. It is either
        dead and can go, or the later line is broader than meant.
    """,
    bad="""
        components:
          training:
            kind: training
            paths: ["ml/train/**"]
          ml-platform:
            kind: orchestration
            paths: ["ml/**"]   # takes every file of ml/train/** too
    """,
    good="""
        components:
          ml-platform:
            kind: orchestration
            paths: ["ml/**"]
          training:
            kind: training
            paths: ["ml/train/**"]   # the more specific line last: it wins its files
    """,
    hint="remove the pattern, or move it after the broader one that takes its files",
)
def shadowed_path(context: Context) -> Iterator[Violation]:
    repository = context.repository
    if repository is None:
        return
    patterns = _patterns(context)
    matches = _matches(context, repository)
    # Patterns written alike share one list of files: of those, only the last
    # may win a file. Each list is walked once, in the order of its last
    # pattern, so that each file ends up with the last pattern matching it.
    last: dict[int, int] = {}
    for index, files in enumerate(matches):
        last[id(files)] = index
    winner: dict[str, int] = {}
    for index in sorted(last.values()):
        for path in matches[index]:
            winner[path] = index
    for index, (owned, files) in enumerate(zip(patterns, matches, strict=True)):
        if not files:
            continue  # PATH001
        again = last[id(files)]
        if again != index:
            later = patterns[again]
            message = (
                f"pattern '{owned.item.text}' of component '{owned.component.id}' is written "
                f"again later, by component '{later.component.id}' "
                f"(line {_line(later)}); in CODEOWNERS the later line wins every file, "
                "and this one does nothing"
            )
        else:
            winners = sorted({winner[path] for path in files})
            if winners[0] == index:
                continue  # it wins a file (no earlier pattern wins any of them)
            named = [_named(patterns[number]) for number in winners[:LISTED_SHADOWS]]
            more = len(winners) - len(named)
            if more:
                named.append(f"{more} more")
            which = "the later pattern" if len(winners) == 1 else "the later patterns"
            message = (
                f"pattern '{owned.item.text}' of component '{owned.component.id}' wins no file: "
                f"{'its file is' if len(files) == 1 else f'all {len(files)} of its files are'} "
                f"matched by {which} {_and(named)}; in CODEOWNERS the last matching line wins, "
                "and this one does nothing"
            )
        yield context.report(
            owned.item.node,
            message,
            subject=owned.component.id,
            key=owned.item.text,
            pointer=owned.item.pointer,
        )


def _line(owned: _Owned) -> int:
    return span(owned.item.node)[0]


def _named(owned: _Owned) -> str:
    return f"'{owned.item.text}' of component '{owned.component.id}' (line {_line(owned)})"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


class _Overlaps:
    """Which patterns share files, without comparing patterns pair by pair.

    Patterns that match the same files are one class; files matched by the
    same classes are one group, kept as how many and the smallest. Sets of
    patterns are integers, one bit per pattern, so the patterns overlapping
    a class are a few operations per group it belongs to. The work is the
    files matched (once per class) and the groups, plus the pairs listed.
    """

    def __init__(self, patterns: list[_Owned], matches: list[list[str]]) -> None:
        self.class_of: list[int] = []
        self.files: list[list[str]] = []  # per class
        classes: dict[int, int] = {}  # id of a match list -> class
        by_files: dict[frozenset[str], int] = {}
        members: list[int] = []  # per class, its patterns as bits
        for index, files in enumerate(matches):
            found = classes.get(id(files))
            if found is None:
                found = by_files.setdefault(frozenset(files), len(self.files))
                if found == len(self.files):
                    self.files.append(files)
                    members.append(0)
                classes[id(files)] = found
            self.class_of.append(found)
            members[found] |= 1 << index
        components: dict[str, int] = {}
        for index, owned in enumerate(patterns):
            components[owned.component.id] = components.get(owned.component.id, 0) | 1 << index
        self.others = [~components[owned.component.id] for owned in patterns]
        classes_of_file: dict[str, list[int]] = {}
        for number, files in enumerate(self.files):
            for path in files:
                classes_of_file.setdefault(path, []).append(number)
        groups: dict[tuple[int, ...], list[Any]] = {}  # classes -> [count, smallest path]
        for path, numbers in classes_of_file.items():
            group = groups.get(key := tuple(numbers))
            if group is None:
                groups[key] = [1, path]
            else:
                group[0] += 1
                group[1] = min(group[1], path)
        self.groups_of: list[list[tuple[frozenset[int], int, str]]] = [[] for _ in self.files]
        self.reach = [0] * len(self.files)  # per class, the patterns sharing a file with it
        for key, (count, smallest) in groups.items():
            together = 0
            for number in key:
                together |= members[number]
            entry = (frozenset(key), count, smallest)
            for number in key:
                self.reach[number] |= together
                self.groups_of[number].append(entry)
        self._shared: dict[tuple[int, int], tuple[int, str]] = {}

    def earlier(self, later: int) -> tuple[list[int], int]:
        """The first earlier patterns of other components sharing a file with
        ``later``, at most ``LISTED_OVERLAPS``, and how many more there are."""
        found = self.reach[self.class_of[later]] & self.others[later] & ((1 << later) - 1)
        shown: list[int] = []
        while found and len(shown) < LISTED_OVERLAPS:
            lowest = found & -found  # the earliest pattern left
            shown.append(lowest.bit_length() - 1)
            found ^= lowest
        return shown, found.bit_count()

    def shared(self, first: int, second: int) -> tuple[int, str]:
        """How many files two patterns share, and the first of them."""
        one, other = sorted((self.class_of[first], self.class_of[second]))
        key = (one, other)
        if key not in self._shared:
            if one == other:
                self._shared[key] = (len(self.files[one]), min(self.files[one]))
            else:
                if len(self.groups_of[one]) > len(self.groups_of[other]):
                    one, other = other, one
                both = [(n, p) for classes, n, p in self.groups_of[one] if other in classes]
                self._shared[key] = (sum(n for n, _ in both), min(p for _, p in both))
        return self._shared[key]


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
        Lines outside the block are never compared. A CODEOWNERS file that
        does not exist is reported at the configuration file whose
        `codeowners` names it, else at the ownership file, line 1.
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
    fix=Fixable(
        "regenerate the raci-lint block of the CODEOWNERS file, as `raci-lint codeowners "
        "--write` does",
        safe=True,
        when="When the CODEOWNERS file exists, is readable and its markers pair up.",
    ),
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
    # Imported here: PATH004 is opt-in, most runs generate no CODEOWNERS (start-up time).
    from raci_lint.model.codeowners import (
        block_problem,
        block_span,
        current_block,
        generate,
        lines_of,
        replace_block,
    )

    expected = generate(models).block
    shown = found.shown
    if found.unreadable is None and current_block(found.text) == expected:
        return
    lines = lines_of(found.text)
    span = block_span(lines)
    broken = block_problem(lines) if found.unreadable is None else None
    if found.unreadable is not None:
        message = (
            f"{shown} cannot be read ({found.unreadable}); make it readable to check its block"
        )
    elif broken is not None:
        message = f"the raci-lint block of {shown} is broken: {broken}; fix the markers by hand"
    elif span is not None:
        message = f"the raci-lint block of {shown} is out of date"
    elif found.exists:
        message = f"{shown} has no raci-lint block"
    else:
        # Not at a line of a file that is not there: at the configuration that
        # names it, else at the ownership file whose block it lacks.
        named = (
            f"{shown}, the `codeowners` of {found.configured_in}, does not exist"
            if found.configured_in
            else f"no CODEOWNERS file in .github/, the root or docs/ ({shown} is where it goes)"
        )
        yield context.report(
            None,
            f"{named}; create it with `raci-lint codeowners --write`",
            subject=None,
            key=shown,
            path=found.configured_in,
        )
        return
    fix = None
    if found.exists and found.unreadable is None and broken is None:
        # The whole text: `check --fix` writes it only if the file still reads the same.
        edit = Edit(0, len(found.text), replace_block(found.text, expected))
        fix = context.fix([edit], f"Regenerate the raci-lint block of {shown}")
    yield context.report(
        At(1, 1, 1, 1) if span is None else At(span[0] + 1, 1, span[0] + 1, 1),
        message if found.unreadable or broken else f"{message}; run `raci-lint codeowners --write`",
        subject=None,
        key=shown,
        path=shown,
        fix=fix,
    )
