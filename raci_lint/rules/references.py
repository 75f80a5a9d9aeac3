"""REF: every reference resolves, and every declaration is used."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from raci_lint.fixes import Fix
from raci_lint.model.ownership import Model, Person, Team
from raci_lint.reading.loader import Node, span
from raci_lint.rules.context import Context
from raci_lint.rules.registry import Fixable, family, register, rule
from raci_lint.violations import Violation
from raci_lint.wording import Suggester

FAMILY = family("REF", order=2, tag="references")


def _suggest(word: str, suggester: Suggester, known: Callable[[str], bool] | None = None) -> str:
    """'; did you mean ...?': the word normalised when that is known, else the closest."""
    normalised = normalise_id(word)
    if known is not None and normalised != word and known(normalised):
        return f"; did you mean '{normalised}'?"
    match = suggester(normalised if known is not None else word)
    return f"; did you mean '{match}'?" if match else ""


def _replacement(
    context: Context,
    node: Node,
    word: str,
    suggester: Suggester,
    known: Callable[[str], bool] | None = None,
    prefix: str = "",
    path: str | None = None,
) -> Fix | None:
    """The fix that writes the did-you-mean answer, when there is exactly one.

    Safe when the word is a known id but for its spelling (`Data Engineer`
    is `data-engineer`), unsafe when it is the closest of the candidates.
    """
    normalised = normalise_id(word)
    if known is not None and normalised != word and known(normalised):
        match, safe = normalised, True
    else:
        found = suggester.only(normalised if known is not None else word)
        if found is None:
            return None
        match, safe = found, False
    edit = context.replace(node, prefix + match, path)
    if edit is None:
        return None
    return context.fix([edit], f"Replace with `{prefix}{match}`", safe=safe)


_DID_YOU_MEAN = Fixable(
    "replace the id with the did-you-mean answer",
    safe=False,
    when="When exactly one declared id is closest.",
)
_NORMALISED = Fixable(
    "replace the word with the did-you-mean answer",
    safe=False,
    when="When the word is a known id written differently, or exactly one is closest.",
    safety=(
        "Safe when only the spelling differs (`Data Engineer` is `data-engineer`, "
        "`Ingestion` is `ingestion`): applied by `check --fix`; unsafe when it is the "
        "closest id: applied with `--unsafe-fixes` too, review the result."
    ),
)


def normalise_id(text: str) -> str:
    """The id a name was meant to be: `Data Engineer` and `data_engineer` are `data-engineer`."""
    return "-".join(text.strip().lower().replace("_", " ").split())


def letters_rejected(model: Model) -> bool:
    """Whether the schema rejected a letter of the unit (SYN002): who holds what is unknown."""
    return any(
        not component.letters_known or component.letters_rejected
        for component in model.components.values()
    )


def letter_holders(model: Model) -> set[str]:
    """Ids of the people and teams that hold a letter, people through their teams too."""
    holders: set[str] = set()
    for component in model.components.values():
        for refs in component.letters.values():
            for ref in refs:
                holders.add(ref.target)
    for team_id in list(holders):
        team = model.teams.get(team_id)
        if team is not None:
            holders.update(member.text for member in team.members)
    return holders


@rule(
    "REF001",
    "unknown-reference",
    "error",
    summary="A reference names no declared person or team",
    what="""
        Reports a reference under a letter of a component, or a member of a
        team, that names no person or team declared in the file (or its
        includes), at that reference, with the closest declared id when
        there is one.
    """,
    why="""
        A misspelt owner is no owner: the component looks assigned in review
        while nobody is actually responsible for it.
    """,
    bad="""
        people:
          alice: {disciplines: [data-engineer]}
        components:
          ingest-events:
            kind: ingestion
            raci:
              responsible: [alcie]
              accountable: alice
    """,
    good="""
        people:
          alice: {disciplines: [data-engineer]}
        components:
          ingest-events:
            kind: ingestion
            raci:
              responsible: [alice]
              accountable: alice
    """,
    hint="declare it under people or teams, or fix the spelling",
    fix=_DID_YOU_MEAN,
)
def unknown_reference(context: Context) -> Iterator[Violation]:
    model = context.model
    known = Suggester([*model.people, *model.teams])
    for component in model.components.values():
        for ref in component.all_refs():
            if ref.team_only or ref.target in model.people or ref.target in model.teams:
                continue
            yield context.report(
                ref.node,
                f"component '{component.id}' names '{ref.target}' as {ref.letter.capitalize()}, "
                f"but no person or team has that id{_suggest(ref.target, known)}",
                subject=component.id,
                key=f"{ref.letter}:{ref.target}",
                pointer=ref.pointer,
                fix=_replacement(context, ref.node, ref.target, known),
            )
    people = Suggester(model.people)
    for team in model.teams.values():
        for member in team.members:
            if member.text in model.people:
                continue
            is_team = member.text in model.teams
            what = (
                "is a team; teams list people only"
                if is_team
                else (f"is not a declared person{_suggest(member.text, people)}")
            )
            yield context.report(
                member.node,
                f"team '{team.id}' lists member '{member.text}', who {what}",
                subject=team.id,
                key=f"member:{member.text}",
                pointer=member.pointer,
                path=team.source,
                fix=None
                if is_team
                else _replacement(context, member.node, member.text, people, path=team.source),
            )


@rule(
    "REF002",
    "unknown-team",
    "error",
    summary="`team:x` names no declared team",
    what="""
        Reports a reference written `team:<id>` whose id is not a declared
        team, at that reference.
    """,
    why="""
        The `team:` prefix says the author meant a team. If no such team
        exists, the letter is held by nobody.
    """,
    bad="""
        teams:
          data-platform: {members: [alice]}
        components:
          ingest-events:
            kind: ingestion
            raci:
              responsible: [team:data-platfrom]
              accountable: alice
    """,
    good="""
        teams:
          data-platform: {members: [alice]}
        components:
          ingest-events:
            kind: ingestion
            raci:
              responsible: [team:data-platform]
              accountable: alice
    """,
    hint="declare the team under teams, or fix the spelling",
    fix=Fixable(
        "replace the id with the did-you-mean answer",
        safe=False,
        when="When exactly one declared team is closest, or the id is a person's "
        "(the `team:` prefix is dropped).",
    ),
)
def unknown_team(context: Context) -> Iterator[Violation]:
    model = context.model
    teams = Suggester(model.teams)
    for component in model.components.values():
        for ref in component.all_refs():
            if not ref.team_only or ref.target in model.teams:
                continue
            if ref.target in model.people:
                detail = f"; '{ref.target}' is a person: drop the 'team:' prefix"
                edit = context.replace(ref.node, ref.target)
                fix = context.fix([edit] if edit else [], f"Replace with `{ref.target}`")
            else:
                detail = _suggest(ref.target, teams)
                fix = _replacement(context, ref.node, ref.target, teams, prefix="team:")
            yield context.report(
                ref.node,
                f"component '{component.id}' names team '{ref.target}' as "
                f"{ref.letter.capitalize()}, but no team has that id{detail}",
                subject=component.id,
                key=f"{ref.letter}:{ref.text}",
                pointer=ref.pointer,
                fix=fix,
            )


@rule(
    "REF003",
    "unknown-kind",
    "error",
    summary="A component's kind is not in the taxonomy",
    what="""
        Reports a component whose `kind` is neither the id nor an alias of a
        kind of the taxonomy (`raci-lint taxonomy` lists them), at the kind.
    """,
    why="""
        The kind decides which disciplines a component needs (TAX001). An
        unknown kind is checked against nothing, so its ownership is never
        judged.
    """,
    bad="""
        components:
          train-model:
            kind: trainig
    """,
    good="""
        components:
          train-model:
            kind: training
    """,
    hint="use a kind listed by `raci-lint taxonomy`, or define it in a custom taxonomy",
    fix=_NORMALISED,
)
def unknown_kind(context: Context) -> Iterator[Violation]:
    taxonomy = context.taxonomy
    kinds = Suggester(taxonomy.kind_names())

    def known(name: str) -> bool:
        return taxonomy.kind(name) is not None

    for component in context.model.components.values():
        kind = component.kind
        if kind is None or taxonomy.kind(kind.text) is not None:
            continue
        yield context.report(
            kind.node,
            f"component '{component.id}' has kind '{kind.text}', which is not in the "
            f"taxonomy{_suggest(kind.text, kinds, known)}",
            subject=component.id,
            key=kind.text,
            pointer=kind.pointer,
            fix=_replacement(context, kind.node, kind.text, kinds, known),
        )


@rule(
    "REF004",
    "unknown-discipline",
    "error",
    summary="A person's discipline is not in the taxonomy",
    what="""
        Reports a discipline of a person that the taxonomy does not define,
        at that discipline.
    """,
    why="""
        Disciplines are how raci-lint knows that a data-quality step has a
        data engineer. A misspelt discipline silently fails every requirement
        the person should meet.
    """,
    bad="""
        people:
          alice:
            disciplines: [data-enginer]
    """,
    good="""
        people:
          alice:
            disciplines: [data-engineer]
    """,
    hint="use a discipline listed by `raci-lint taxonomy`, or define it in a custom taxonomy",
    fix=_NORMALISED,
)
def unknown_discipline(context: Context) -> Iterator[Violation]:
    disciplines = context.taxonomy.disciplines
    suggester = Suggester(disciplines)
    for person in context.model.people.values():
        for discipline in person.disciplines:
            if discipline.text in disciplines:
                continue
            yield context.report(
                discipline.node,
                f"person '{person.id}' has discipline '{discipline.text}', which is not in the "
                f"taxonomy{_suggest(discipline.text, suggester, disciplines.__contains__)}",
                subject=person.id,
                key=discipline.text,
                pointer=discipline.pointer,
                path=person.source,
                fix=_replacement(
                    context,
                    discipline.node,
                    discipline.text,
                    suggester,
                    disciplines.__contains__,
                    path=person.source,
                ),
            )


@rule(
    "REF005",
    "unknown-component",
    "error",
    summary="`depends_on` names no declared component",
    what="""
        Reports an entry of `depends_on` that names no component of the file,
        at that entry. Entries written `external:<name>` name something
        outside the file and are not checked.
    """,
    why="""
        Dependencies drive the pipeline rules (cycles, a deployment without
        evaluation or monitoring). A dangling one hides the real pipeline.
    """,
    bad="""
        components:
          build-features:
            kind: feature-engineering
          train-model:
            kind: training
            depends_on: [build-featrues]
    """,
    good="""
        components:
          build-features:
            kind: feature-engineering
          train-model:
            kind: training
            depends_on: [build-features, "external:crm-export"]
    """,
    hint="fix the spelling, declare the component, or write `external:<name>` for one outside this file",
    fix=_DID_YOU_MEAN,
)
def unknown_component(context: Context) -> Iterator[Violation]:
    components = context.model.components
    names = Suggester(components)
    for component in components.values():
        for upstream in component.depends_on:
            if upstream.text.startswith("external:") or context.model.declares(upstream.text):
                continue
            yield context.report(
                upstream.node,
                f"component '{component.id}' depends on '{upstream.text}', which is not a "
                f"declared component{_suggest(upstream.text, names)}",
                subject=component.id,
                key=upstream.text,
                pointer=upstream.pointer,
                fix=_replacement(context, upstream.node, upstream.text, names),
            )


@rule(
    "REF006",
    "unassigned-person",
    "warning",
    summary="An active person holds no letter anywhere",
    what="""
        Reports an active person declared in the checked file who holds no
        letter of any component, directly or through a team, at the person's
        id. People declared in an included roster are not reported: a shared
        roster serves many files.
    """,
    why="""
        A person on the roster with no role is either someone who left (mark
        them `active: false`) or someone whose work the file forgot.
    """,
    bad="""
        people:
          alice: {disciplines: [data-engineer]}
          dave: {disciplines: [data-scientist]}
        components:
          ingest-events:
            kind: ingestion
            raci: {responsible: [alice], accountable: alice}
    """,
    good="""
        people:
          alice: {disciplines: [data-engineer]}
          dave: {disciplines: [data-scientist], active: false}
        components:
          ingest-events:
            kind: ingestion
            raci: {responsible: [alice], accountable: alice}
    """,
    hint="give them a letter, mark them `active: false` if they left, or remove them",
)
def unassigned_person(context: Context) -> Iterator[Violation]:
    model = context.model
    if letters_rejected(model):
        return
    holders = letter_holders(model)
    for person in model.people.values():
        if person.active and person.id not in holders and person.source == model.path:
            yield context.report(
                person.key,
                f"person '{person.id}' holds no letter in any component",
                subject=person.id,
                pointer=person.pointer,
            )


@rule(
    "REF007",
    "empty-team",
    "warning",
    summary="A team has no members",
    what="Reports a team with no `members`, at the team's id.",
    why="""
        A team with no members satisfies no discipline requirement, and a
        letter given to it is held by nobody.
    """,
    bad="""
        teams:
          data-platform:
            members: []
    """,
    good="""
        teams:
          data-platform:
            members: [alice, bob]
    """,
    hint="list the team's members, or remove the team",
)
def empty_team(context: Context) -> Iterator[Violation]:
    for team in context.model.teams.values():
        if not team.members:
            yield context.report(
                team.key,
                f"team '{team.id}' has no members",
                subject=team.id,
                pointer=team.pointer,
                path=team.source,
            )


@rule(
    "REF008",
    "inactive-person-assigned",
    "error",
    summary="A person with `active: false` holds a letter",
    what="""
        Reports a reference to a person marked `active: false`, at that
        reference.
    """,
    why="""
        People who have left cannot answer for anything. Marking them inactive
        is how a team records the departure; this rule finds the work they
        leave behind.
    """,
    bad="""
        people:
          alice: {disciplines: [data-engineer], active: false}
          bob: {disciplines: [data-engineer]}
        components:
          ingest-events:
            kind: ingestion
            raci: {responsible: [alice], accountable: bob}
    """,
    good="""
        people:
          alice: {disciplines: [data-engineer], active: false}
          bob: {disciplines: [data-engineer]}
        components:
          ingest-events:
            kind: ingestion
            raci: {responsible: [bob], accountable: bob}
    """,
    hint="hand this letter to an active person",
)
def inactive_person_assigned(context: Context) -> Iterator[Violation]:
    people = context.model.people
    for component in context.model.components.values():
        for ref in component.all_refs():
            person = None if ref.team_only else people.get(ref.target)
            if person is not None and not person.active:
                yield context.report(
                    ref.node,
                    f"'{person.id}' is inactive but is {ref.letter.capitalize()} for component "
                    f"'{component.id}'",
                    subject=component.id,
                    key=f"{ref.letter}:{person.id}",
                    pointer=ref.pointer,
                )


@rule(
    "REF009",
    "duplicate-definition",
    "error",
    summary="An id is defined twice (people and teams share one namespace)",
    what="""
        Reports an id defined both as a person and as a team, or in two files
        of the same unit (a file and its includes), at the later definition.
        The first definition stands.
    """,
    why="""
        A reference names a person or a team by id alone. If both exist, no
        reader can tell which one holds the letter.
    """,
    bad="""
        people:
          analytics: {disciplines: [data-analyst]}
        teams:
          analytics: {members: [analytics]}
    """,
    good="""
        people:
          ana: {disciplines: [data-analyst]}
        teams:
          analytics: {members: [ana]}
    """,
    hint="rename one of the two; ids are unique across people and teams",
)
def duplicate_definition(context: Context) -> Iterator[Violation]:
    model = context.model
    for shadowed in model.shadowed:
        first: Person | Team | None = model.people.get(shadowed.id) or model.teams.get(shadowed.id)
        if first is None:
            continue
        first_kind = "person" if isinstance(first, Person) else "team"
        where = f"line {span(first.key)[0]}"
        if first.source != shadowed.source:
            where = f"{first.source}:{span(first.key)[0]}"
        yield context.report(
            shadowed.key,
            f"'{shadowed.id}' is already defined as a {first_kind} ({where}); "
            "ids are unique across people and teams",
            subject=shadowed.id,
            key=shadowed.pointer,
            pointer=shadowed.pointer,
            path=shadowed.source,
        )


@rule(
    "REF011",
    "unused-team",
    "warning",
    summary="A team is referenced nowhere",
    what="""
        Reports a team declared in the checked file that no component
        references under any letter, at the team's id.
    """,
    why="""
        An unused team is either stale or a sign that its work was assigned
        to individuals one by one, which breaks when people move.
    """,
    bad="""
        teams:
          data-platform: {members: [alice]}
        components:
          ingest-events:
            kind: ingestion
            raci: {responsible: [alice], accountable: alice}
    """,
    good="""
        teams:
          data-platform: {members: [alice]}
        components:
          ingest-events:
            kind: ingestion
            raci: {responsible: [data-platform], accountable: alice}
    """,
    hint="give the team a letter, or remove it",
)
def unused_team(context: Context) -> Iterator[Violation]:
    model = context.model
    if letters_rejected(model):
        return
    referenced = {
        ref.target for component in model.components.values() for ref in component.all_refs()
    }
    for team in model.teams.values():
        if team.id not in referenced and team.source == model.path:
            yield context.report(
                team.key,
                f"team '{team.id}' is not referenced by any component",
                subject=team.id,
                pointer=team.pointer,
            )


# REF010 comes from resolving includes (raci_lint.engine.includes), not from a check.
INCLUDE_ERROR = register(
    "REF010",
    "include-error",
    "error",
    summary="An include is missing, unreadable, cyclic, or leaves the repository",
    what="""
        Reports an entry of `include:` at that entry when the file it names
        is missing or unreadable, when including it would form a cycle, or
        when it lies outside the repository root. Included files are
        relative to the including file; a file reached twice is merged once.
    """,
    why="""
        An include that does not resolve leaves every reference to its people
        and teams unknown; one that leaves the repository makes the result
        depend on whatever happens to be on the machine running the check.
    """,
    bad="""
        version: 1
        include: [../org/peopel.yaml]
        components: {}
    """,
    good="""
        version: 1
        include: [../org/people.yaml]
        components: {}
    """,
    hint="fix the path (relative to this file), or move the roster inside the repository",
)
