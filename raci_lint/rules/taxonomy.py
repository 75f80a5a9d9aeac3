"""TAX: each component has the data disciplines its kind and tags call for."""

from __future__ import annotations

from collections.abc import Iterator

from raci_lint.model.ownership import Component, Model
from raci_lint.rules.context import Context
from raci_lint.rules.registry import family, rule
from raci_lint.taxonomy.disciplines import (
    Kind,
    Requirement,
    TagRule,
    article,
    default_by_focus_area,
)
from raci_lint.violations import Violation

FAMILY = family("TAX", order=3, tag="taxonomy")


def people_holding(model: Model, component: Component, roles: tuple[str, ...]) -> set[str]:
    """The active people who hold one of ``roles``; a team counts as its active members."""
    found: set[str] = set()
    for letter in roles:
        for ref in component.refs(letter):
            direct = None if ref.team_only else model.people.get(ref.target)
            if direct is not None:
                if direct.active:
                    found.add(direct.id)
                continue
            team = model.teams.get(ref.target)
            if team is None:
                continue
            for member in team.members:
                person = model.people.get(member.text)
                if person is not None and person.active:
                    found.add(person.id)
    return found


def _unmet(
    model: Model, component: Component, requirements: tuple[Requirement, ...]
) -> Iterator[tuple[int, Requirement, int]]:
    """(index, requirement, how many qualify) for each requirement not met."""
    for index, requirement in enumerate(requirements):
        if not all(component.letter_known(role) for role in requirement.roles):
            continue  # a letter the schema rejected: who holds it is unknown, not nobody
        holders = people_holding(model, component, requirement.roles)
        qualified = sum(
            1
            for person_id in holders
            if requirement.accepts(model.people[person_id].discipline_ids)
        )
        if qualified < requirement.min:
            yield index, requirement, qualified


def _check(context: Context, recommended: bool) -> Iterator[Violation]:
    model = context.model
    taxonomy = context.taxonomy
    verb = "should have" if recommended else "needs"
    for component in model.components.values():
        if not component.letters_known:
            continue
        sources: list[tuple[str, str, Kind | TagRule]] = []
        written = component.kind.text if component.kind else None
        kind = taxonomy.kind(written) if written else None
        if kind is not None:
            label = kind.id if kind.id == written else f"{written}, {article(kind.id)} {kind.id}"
            sources.append((f"kind:{kind.id}", f"component '{component.id}' ({label})", kind))
        for tag in component.tags:
            tag_rule = taxonomy.tags.get(tag.text)
            if tag_rule is not None:
                sources.append(
                    (f"tag:{tag.text}", f"component '{component.id}' (tagged {tag.text})", tag_rule)
                )
        for key, subject, source in sources:
            requirements = source.recommends if recommended else source.requires
            for index, requirement, qualified in _unmet(model, component, requirements):
                who = requirement.describe_who()
                roles = requirement.describe_roles()
                found = f"; it has {qualified}" if requirement.min > 1 else ""
                why = f" ({requirement.focus})" if requirement.focus else ""
                yield context.report(
                    component.key,
                    f"{subject} {verb} {who} as {roles}{found}{why}",
                    subject=component.id,
                    key=f"{key}#{index}",
                    pointer=component.pointer,
                )


# Not indented: the default taxonomy by focus area, generated, follows it.
_TAX001_WHAT = """
Checks each `requires` entry of the component's kind, and of each of its
tags, on its own: at least `min` (default 1) distinct active people among
the named letters must practise one of the listed disciplines. A team counts
as its active members; inactive people satisfy nothing. Reported at the
component's id, also when it has no Responsible at all.

The default requirements follow the taxonomy of data disciplines of
*Machine Learning Engineering with Python* (McMahon, Packt 2021, chapter 1):
data scientists own analysis, modeling and working with the customer or
user; ML engineers own translation, architecture and productionization; data
engineers own quality, stability and access. Kinds for the rest of a
repository (`service`, `library`, `documentation`, `ci`, ...) require no
discipline. `raci-lint taxonomy --format text` shows the same for the
effective taxonomy.

### The default requirements by focus area

"""


@rule(
    "TAX001",
    "missing-required-discipline",
    "error",
    summary="A required discipline is missing",
    what=_TAX001_WHAT + default_by_focus_area(),
    why="""
        A data-quality step without a data engineer, or a deployment without
        an ML engineer, is work done by people whose discipline is elsewhere.
        It gets done, but not well, and not for long.
    """,
    bad="""
        people:
          dana: {disciplines: [data-scientist]}
        components:
          validate-events:
            kind: data-quality
            raci: {responsible: [dana], accountable: dana}
    """,
    good="""
        people:
          dana: {disciplines: [data-scientist]}
          erik: {disciplines: [data-engineer]}
        components:
          validate-events:
            kind: data-quality
            raci: {responsible: [erik], accountable: dana, informed: [dana]}
    """,
    hint="add someone with one of these disciplines under those letters, or fix a person's disciplines",
)
def missing_required_discipline(context: Context) -> Iterator[Violation]:
    return _check(context, recommended=False)


@rule(
    "TAX002",
    "missing-recommended-discipline",
    "info",
    summary="A recommended discipline is missing",
    what="""
        Checks each `recommends` entry of the component's kind and tags, as
        TAX001 checks `requires`. By default: training and evaluation have a
        data scientist Responsible; training has an ML or MLOps engineer
        Responsible or Consulted, who builds the software that trains the
        model; deployment and monitoring consult a data scientist;
        data-quality informs a data scientist; reporting has a product owner
        Accountable or Consulted. `raci-lint rule TAX001` shows what each
        rests on.
    """,
    why="""
        These are the hand-offs between disciplines where pipelines usually
        break: the data scientist who is not told the data changed, the
        deployment nobody who knows the model was asked about.
    """,
    bad="""
        people:
          mia: {disciplines: [ml-engineer]}
        components:
          serve-model:
            kind: deployment
            raci: {responsible: [mia], accountable: mia}
    """,
    good="""
        people:
          mia: {disciplines: [ml-engineer]}
          dana: {disciplines: [data-scientist]}
        components:
          serve-model:
            kind: deployment
            raci: {responsible: [mia], accountable: mia, consulted: [dana]}
    """,
    hint="add someone with one of these disciplines under those letters",
    opt_in=True,
)
def missing_recommended_discipline(context: Context) -> Iterator[Violation]:
    return _check(context, recommended=True)
