"""SRC: the owners that dbt, Dagster, Airflow, Backstage and CODEOWNERS declare agree
with the ownership files.

The engine reads the sources once per run (``RepositoryView.sources``); a
declared owner belongs to the component whose `paths` match the owned
thing's file, the last one matching, as CODEOWNERS reads it. Opt-in until
the configuration names `sources:`, then on.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from raci_lint.model.ownership import Component, Model
from raci_lint.reading import loader
from raci_lint.rules.context import Context, RepositoryView
from raci_lint.rules.paths import _matches, _patterns, _repository_ownership
from raci_lint.rules.registry import family, rule
from raci_lint.settings.options import SOURCES
from raci_lint.violations import Violation
from raci_lint.wording import display_path

if TYPE_CHECKING:
    # Every run loads this module; the sources package only runs that read sources
    # (start-up time): the engine hands over what they found.
    from raci_lint.sources.owners import Declared, Holder

FAMILY = family("SRC", order=7, tag="sources")

_HINT_ALIASES = "sources.<source>.aliases"


# The owned things that should lie under some component's `paths` (SRC003).
OWNED_KINDS = frozenset(("model", "exposure", "asset"))


class Placed:
    """A declared owner, the unit's component it belongs to, and who it is there."""

    __slots__ = ("component", "declared", "holder")

    def __init__(self, declared: Declared, component: Component, holder: Holder | None) -> None:
        self.declared = declared
        self.component = component
        self.holder = holder


def _component_of_files(context: Context, repository: RepositoryView) -> dict[str, Component]:
    """Each file matched by the unit's components: the last matching one, as in CODEOWNERS."""
    owner: dict[str, Component] = {}
    for owned, files in zip(_patterns(context), _matches(context, repository), strict=True):
        for path in files:
            owner[path] = owned.component
    return owner


def placed(context: Context) -> list[Placed]:
    """The declared owners whose things belong to a component of this unit (computed once)."""
    if "sources" in context.shared:
        known: list[Placed] = context.shared["sources"]
        return known
    result: list[Placed] = []
    repository = context.repository
    found = repository.sources() if repository is not None else None
    if repository is not None and found is not None:
        owner_of = _component_of_files(context, repository) if found.declared else {}
        for entry in found.declared:
            component = owner_of.get(entry.owned)
            if component is None or entry.owner is None:
                continue
            aliases = repository.source_aliases.get(entry.source, {})
            result.append(Placed(entry, component, found.identify(entry, context.model, aliases)))
    context.shared["sources"] = result
    return result


def _what(entry: Declared) -> str:
    return f"{entry.source} {entry.kind} '{entry.name}'"


def _where(repository: RepositoryView, entry: Declared) -> str:
    return display_path(repository.root / entry.path)


def _report(
    context: Context, entry: Declared, message: str, subject: str | None, key: str
) -> Violation:
    assert context.repository is not None
    return context.report(
        loader.At(*entry.position),
        message,
        subject=subject,
        key=key,
        path=_where(context.repository, entry),
    )


def _key(entry: Declared) -> str:
    return f"{entry.source}:{entry.kind}:{entry.name}:{entry.owner}"


def _holders(component: Component) -> set[str]:
    return {
        ref.target for letter in ("responsible", "accountable") for ref in component.refs(letter)
    }


def _holds(model: Model, holder: Holder, component: Component) -> bool:
    """Whether a person or team holds R or A of a component, itself or through a team."""
    held = _holders(component)
    if holder.id in held:
        return True
    if holder.team:
        team = model.teams.get(holder.id)
        members = {item.text for item in team.members} if team is not None else set()
        return bool(members & held)
    return any(
        holder.id in {item.text for item in model.teams[target].members}
        for target in held
        if target in model.teams
    )


@rule(
    "SRC001",
    "source-owner-not-responsible",
    "warning",
    summary="An owner another tool declares is neither R nor A of the component that owns the file",
    what="""
        Reports an owner written in a source (a dbt model's `meta.owner`, an
        exposure's or group's `owner`, a Dagster `owners=` entry, an Airflow
        DAG's `default_args` owner, a Backstage `spec.owner`, a CODEOWNERS
        rule) who is a person or team of the ownership file but holds
        neither Responsible nor Accountable of the component whose `paths`
        match the owned thing's file (a person holds the letters of their
        teams, a team those of its members). It is reported in the source
        file, where the owner is written, so that review annotations land
        there. Sources are read only when the configuration names them under
        `sources:`, which turns the SRC rules on (selecting SRC without it
        reads every source).
    """,
    why="""
        Two files that name different owners for the same code mean that
        one of them is stale: alerts from dbt or Dagster page one person
        while the ownership file holds another to account.
    """,
    bad="""
        # .raci-lint.yaml: sources: {dbt: {}}
        # models/marts/schema.yml: exposures: [{name: weekly_revenue,
        #   owner: {name: Bob Tanaka, email: bob@example.com}}]
        people:
          alice: {disciplines: [analytics-engineer], email: alice@example.com}
          bob: {disciplines: [data-analyst], email: bob@example.com}
        components:
          marts:
            kind: transformation
            paths: ["models/marts/**"]
            raci: {responsible: [alice], accountable: alice, informed: [bob]}
    """,
    good="""
        # models/marts/schema.yml: exposures: [{name: weekly_revenue,
        #   owner: {name: Alice Moreau, email: alice@example.com}}]
        people:
          alice: {disciplines: [analytics-engineer], email: alice@example.com}
          bob: {disciplines: [data-analyst], email: bob@example.com}
        components:
          marts:
            kind: transformation
            paths: ["models/marts/**"]
            raci: {responsible: [alice], accountable: alice, informed: [bob]}
    """,
    hint="make the source's owner the component's Responsible or Accountable, or fix the source",
    opt_in=True,
)
def source_owner_not_responsible(context: Context) -> Iterator[Violation]:
    for found in placed(context):
        holder = found.holder
        if holder is None or _holds(context.model, holder, found.component):
            continue
        entry = found.declared
        who = f"{'team' if holder.team else 'person'} '{holder.id}'"
        yield _report(
            context,
            entry,
            f"{_what(entry)} names owner '{entry.owner}' ({who}), who is neither Responsible nor "
            f"Accountable for component '{found.component.id}'",
            found.component.id,
            _key(entry),
        )


@rule(
    "SRC002",
    "unknown-source-owner",
    "warning",
    summary="An owner another tool declares is no person or team of the ownership file",
    what="""
        Reports an owner written in a source, for a thing of one of the
        file's components, that matches no person or team of the ownership
        file. An owner matches by email, GitHub handle (`@alice-m`), id or
        name, `team:` name, Backstage reference (`group:default/data-platform`,
        `user:alice`), or an alias of the configuration
        (`sources: {dbt: {aliases: {"Data Team": data-platform}}}`). It is
        reported in the source file, where the owner is written. On once the
        configuration names `sources:`.
    """,
    why="""
        An owner nobody can find in the ownership file is a person who left,
        a typo, or a mailing list no one reads: the declared ownership
        reaches no one accountable.
    """,
    bad="""
        # .raci-lint.yaml: sources: {dagster: {}}
        # pipelines/assets.py: @asset(owners=["carol@example.com"])
        people:
          alice: {disciplines: [data-engineer], email: alice@example.com}
        components:
          ingest:
            kind: ingestion
            paths: ["pipelines/**"]
            raci: {responsible: [alice], accountable: alice}
    """,
    good="""
        # pipelines/assets.py: @asset(owners=["alice@example.com"])
        people:
          alice: {disciplines: [data-engineer], email: alice@example.com}
        components:
          ingest:
            kind: ingestion
            paths: ["pipelines/**"]
            raci: {responsible: [alice], accountable: alice}
    """,
    hint=f"add the owner's email or github to a person (or team), or an alias under {_HINT_ALIASES}",
    opt_in=True,
)
def unknown_source_owner(context: Context) -> Iterator[Violation]:
    where = context.model.path
    for found in placed(context):
        if found.holder is not None:
            continue
        entry = found.declared
        yield _report(
            context,
            entry,
            f"{_what(entry)} names owner '{entry.owner}', who is no person or team of {where} "
            f"(component '{found.component.id}')",
            found.component.id,
            _key(entry),
        )


@rule(
    "SRC003",
    "source-asset-without-component",
    "info",
    summary="A dbt model or exposure, or a Dagster asset, lies under no component's `paths`",
    what="""
        Reports each dbt model (seed, snapshot), dbt exposure or Dagster asset
        that a source declares in a file no component of any ownership file
        of the repository matches, once per run, where it is declared. A
        model's file is its SQL (or Python) file, else the property file
        that describes it; an exposure's is its property file; an asset's
        is its Python module. On once the configuration names `sources:`.
    """,
    why="""
        dbt users check that every model has an owner; a model under no
        component has an owner in dbt at best, and none that the ownership
        files, CODEOWNERS and reviews know of.
    """,
    bad="""
        # .raci-lint.yaml: sources: {dbt: {}}
        # models/finance/revenue.sql exists; no component covers models/finance
        components:
          marts:
            kind: transformation
            paths: ["models/marts/**"]
    """,
    good="""
        components:
          marts:
            kind: transformation
            paths: ["models/marts/**"]
          finance:
            kind: transformation
            paths: ["models/finance/**"]
    """,
    hint="add the file's folder to a component's `paths`, or a new component for it",
    opt_in=True,
)
def source_asset_without_component(context: Context) -> Iterator[Violation]:
    repository = context.repository
    if repository is None:
        return
    key = "sources:without-component"
    if key in repository.reported:
        return  # one run reports these once, whatever the number of units
    repository.reported.add(key)
    found = repository.sources()
    declared = [entry for entry in found.declared if entry.kind in OWNED_KINDS] if found else []
    if not declared:
        return
    owned = _repository_ownership(context, repository)
    told: set[tuple[str, str, str, str]] = set()
    for entry in declared:
        if entry.owned in owned:
            continue
        thing = (entry.source, entry.kind, entry.name, entry.owned)
        if thing in told:
            continue
        told.add(thing)
        yield _report(
            context,
            entry,
            f"{_what(entry)} ({entry.owned}) is under no component's `paths`",
            None,
            f"{entry.source}:{entry.kind}:{entry.name}",
        )


def _people(model: Model, found: Placed) -> set[str]:
    """Who an owner stands for, to compare sources: a person, a team and its members."""
    holder = found.holder
    if holder is None:
        return {f"?{(found.declared.owner or '').lower()}"}
    if not holder.team:
        return {holder.id}
    team = model.teams.get(holder.id)
    return {f"team:{holder.id}", *(item.text for item in team.members)} if team else {holder.id}


@rule(
    "SRC004",
    "conflicting-source-owners",
    "warning",
    summary="Two sources name owners of one component that have no one in common",
    what="""
        Reports a component whose things two sources (dbt and Dagster, dbt
        and CODEOWNERS...) give owners with no one in common (a team counts
        as itself and its members), once for each such pair of sources, at
        the first owner the later source writes (sources in the order dbt,
        dagster, airflow, backstage, codeowners). The message names the owner
        each source gives. On once the configuration names `sources:`.
    """,
    why="""
        When dbt pages one team and Dagster another for the same models, an
        incident goes to whoever each tool happens to notify, and neither
        may be the one the ownership file holds accountable.
    """,
    bad="""
        # .raci-lint.yaml: sources: {dbt: {}, dagster: {}}
        # models/marts/schema.yml: models: [{name: orders,
        #   config: {meta: {owner: alice@example.com}}}]
        # models/marts/assets.py: @asset(owners=["team:finance"])
        people:
          alice: {disciplines: [analytics-engineer], email: alice@example.com}
          bob: {disciplines: [data-analyst]}
        teams:
          finance: {members: [bob]}
        components:
          marts:
            kind: transformation
            paths: ["models/marts/**"]
            raci: {responsible: [alice], accountable: alice, informed: [team:finance]}
    """,
    good="""
        # models/marts/assets.py: @asset(owners=["alice@example.com"])
        people:
          alice: {disciplines: [analytics-engineer], email: alice@example.com}
          bob: {disciplines: [data-analyst]}
        teams:
          finance: {members: [bob]}
        components:
          marts:
            kind: transformation
            paths: ["models/marts/**"]
            raci: {responsible: [alice], accountable: alice, informed: [team:finance]}
    """,
    hint="agree on one owner in every source, then update the ownership file",
    opt_in=True,
)
def conflicting_source_owners(context: Context) -> Iterator[Violation]:
    by_component: dict[str, dict[str, list[Placed]]] = {}
    for found in placed(context):
        by_component.setdefault(found.component.id, {}).setdefault(
            found.declared.source, []
        ).append(found)
    order = {name: number for number, name in enumerate(SOURCES)}
    for component, sources in by_component.items():
        names = sorted(sources, key=order.__getitem__)
        people = {
            name: set().union(*(_people(context.model, found) for found in sources[name]))
            for name in names
        }
        for later_index, later in enumerate(names):
            for earlier in names[:later_index]:
                if people[earlier] & people[later]:
                    continue
                first, second = sources[earlier][0].declared, sources[later][0].declared
                assert context.repository is not None
                at = f"{_where(context.repository, first)}:{first.position.line}"
                yield _report(
                    context,
                    second,
                    f"component '{component}': {later} names owner '{second.owner}' but {earlier} "
                    f"names '{first.owner}' ({at}), with no one in common",
                    component,
                    f"{component}:{earlier}|{later}",
                )
