"""ORG: how accountability and work are spread across people."""

from __future__ import annotations

from collections.abc import Iterator

from raci_lint.model.ownership import Ref
from raci_lint.rules.context import Context
from raci_lint.rules.registry import family, rule
from raci_lint.rules.taxonomy import people_holding
from raci_lint.violations import Violation

FAMILY = family("ORG", order=4, tag="organization")


def _position(ref: Ref) -> int:
    # Offsets order as lines and columns do (components are all in one file),
    # and need no line table.
    return ref.node.pos


@rule(
    "ORG001",
    "accountable-overload",
    "warning",
    summary="One person is Accountable for more than `max` components",
    what="""
        Counts, for each active person, the components that name them under
        `accountable`, and reports a person Accountable for more than `max`
        (default 8) components, at their first `accountable` reference in
        the file (document order). A component counts once however often it
        names the person; teams (RACI004) and people who left (REF008) are
        not counted.
    """,
    why="""
        Accountability that is spread over too many components is
        accountability in name only: one person cannot review, sign off and
        answer for that much, so decisions queue behind them or get waved
        through.
    """,
    bad="""
        # .raci-lint.yaml: rules: {ORG001: {max: 2}}
        people:
          ben: {disciplines: [ml-engineer]}
        components:
          ingest-events:
            kind: ingestion
            raci: {responsible: [chen], accountable: ben}
          train-model:
            kind: training
            raci: {responsible: [amara], accountable: ben}
          serve-model:
            kind: deployment
            raci: {responsible: [emil], accountable: ben}
    """,
    good="""
        # .raci-lint.yaml: rules: {ORG001: {max: 2}}
        people:
          ben: {disciplines: [ml-engineer]}
        components:
          ingest-events:
            kind: ingestion
            raci: {responsible: [chen], accountable: chen}
          train-model:
            kind: training
            raci: {responsible: [amara], accountable: ben}
          serve-model:
            kind: deployment
            raci: {responsible: [emil], accountable: ben}
    """,
    hint="hand some of these components to another person, usually the one who does the work",
    options={"max": 8},
)
def accountable_overload(context: Context) -> Iterator[Violation]:
    limit = int(context.option("max"))
    people = context.model.people
    counts: dict[str, int] = {}
    first: dict[str, Ref] = {}
    for component in context.model.components.values():
        refs = component.letters.get("accountable")
        if not refs:
            continue
        named: set[str] = set()
        for ref in refs:
            person = None if ref.team_only else people.get(ref.target)
            if person is None or not person.active or person.id in named:
                continue
            named.add(person.id)
            counts[person.id] = counts.get(person.id, 0) + 1
            earliest = first.get(person.id)
            if earliest is None or _position(ref) < _position(earliest):
                first[person.id] = ref
    for person_id, count in counts.items():
        if count > limit:
            ref = first[person_id]
            yield context.report(
                ref.node,
                f"person '{person_id}' is Accountable for {count} components, more than {limit}",
                subject=person_id,
                pointer=ref.pointer,
            )


@rule(
    "ORG002",
    "single-point-of-failure",
    "info",
    summary="The only Responsible person is also the Accountable",
    what="""
        Reports a component whose Responsible letter is held by exactly one
        active person who is also its Accountable, at the component's id. A
        team counts as its active members, so a team of two is not a single
        point; inactive people hold nothing.
    """,
    why="""
        One person doing the work and signing it off has nobody to review
        them and nobody to take over: when they are away or leave, the
        component stops, and no one else knows how it runs.
    """,
    bad="""
        raci:
          responsible: [chen]
          accountable: chen
    """,
    good="""
        raci:
          responsible: [chen, dolores]   # or a team of two or more
          accountable: chen
    """,
    hint="add a second Responsible person or a team, or make someone else Accountable",
    opt_in=True,
)
def single_point_of_failure(context: Context) -> Iterator[Violation]:
    model = context.model
    for component in model.components.values():
        responsible = people_holding(model, component, ("responsible",))
        if len(responsible) != 1:
            continue
        (person_id,) = responsible
        if any(
            not ref.team_only and ref.target == person_id for ref in component.refs("accountable")
        ):
            yield context.report(
                component.key,
                f"component '{component.id}' has '{person_id}' as its only Responsible "
                "and as its Accountable",
                subject=component.id,
                key=person_id,
                pointer=component.pointer,
            )
