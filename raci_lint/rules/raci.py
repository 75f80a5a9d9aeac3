"""RACI: each component has one Accountable, someone Responsible, clear letters."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from raci_lint.fixes import Edit, Fix
from raci_lint.model.ownership import Component, Ref
from raci_lint.reading import loader
from raci_lint.rules.context import Context
from raci_lint.rules.edits import add_items, remove_entry, remove_item
from raci_lint.rules.registry import Fixable, family, rule
from raci_lint.violations import Violation

FAMILY = family("RACI", order=1, tag="raci")


def _team_accountable(context: Context, refs: Sequence[Ref]) -> list[Ref]:
    """The accountable references that name a declared team."""
    teams = context.model.teams
    return [ref for ref in refs if ref.target in teams]


@rule(
    "RACI001",
    "missing-accountable",
    "error",
    summary="A component has no Accountable",
    what="""
        Reports a component with no `accountable` reference, at the
        component's id.
    """,
    why="""
        The Accountable is the one person who signs off and answers for the
        component. Without one, every decision about it needs a meeting, and
        every incident starts with "who owns this?".
    """,
    bad="""
        components:
          train-model:
            kind: training
            raci:
              responsible: [alice]
    """,
    good="""
        components:
          train-model:
            kind: training
            raci:
              responsible: [alice]
              accountable: bob
    """,
    hint="add `accountable: <person>` under raci; exactly one person signs off",
)
def missing_accountable(context: Context) -> Iterator[Violation]:
    for component in context.model.components.values():
        if component.letter_known("accountable") and not component.refs("accountable"):
            yield context.report(
                component.key,
                f"component '{component.id}' has no Accountable",
                subject=component.id,
                pointer=component.pointer,
            )


@rule(
    "RACI002",
    "multiple-accountable",
    "error",
    summary="A component has more than one Accountable",
    what="""
        Reports a component whose `accountable` lists more than one
        reference, at the second one.
    """,
    why="""
        RACI's one hard rule: accountability cannot be shared. Two
        Accountable people means nobody is; each assumes the other signed off.
    """,
    bad="""
        raci:
          responsible: [alice]
          accountable: [bob, carol]
    """,
    good="""
        raci:
          responsible: [alice]
          accountable: bob
          consulted: [carol]
    """,
    hint="keep one person under accountable; move the others to responsible or consulted",
    fix=Fixable(
        "keep the first Accountable and move the others to `responsible`",
        safe=False,
        when="When the letters are written in the component's own `raci` mapping.",
        safety="Unsafe: who signs off is a decision; applied by "
        "`check --fix --unsafe-fixes`, review the result.",
    ),
)
def multiple_accountable(context: Context) -> Iterator[Violation]:
    for component in context.model.components.values():
        refs = component.refs("accountable")
        if len(refs) > 1 and not _team_accountable(context, refs):
            names = ", ".join(ref.text for ref in refs)
            yield context.report(
                refs[1].node,
                f"component '{component.id}' has {len(refs)} Accountable ({names}); "
                "exactly one person can be",
                subject=component.id,
                pointer=refs[1].pointer,
                fix=_move_to_responsible(context, component, refs),
            )


def _shared(text: str) -> bool:
    """Whether the file may share nodes between components (an anchor, as the loader tells).

    A `raci:` written once behind an anchor is read by every component that
    aliases or merges it: moving or removing a letter there would change
    those components too, which have no violation. No such fix is offered.
    """
    return "&" in text


def _move_to_responsible(context: Context, component: Component, refs: Sequence[Ref]) -> Fix | None:
    """RACI002's fix: the first Accountable stays, the others join `responsible`."""
    text, raci = context.text, component.raci
    if text is None or raci is None or component.source != context.display_path:
        return None
    if _shared(text):
        return None
    written = raci.entries.get("accountable")
    accountable = None if written is None else written.node
    if type(accountable) is not loader.Sequence or len(accountable.items) != len(refs):
        return None
    if text[loader.offsets(accountable)[0]] == "[":
        # One deletion, from the end of the first item to the end of the last.
        edits = [Edit.delete(loader.offsets(refs[0].node)[1], loader.offsets(refs[-1].node)[1])]
    else:
        start = loader.offsets(refs[1].node)[0]
        dash = text.rfind("-", 0, start)
        line = text.rfind("\n", 0, dash) + 1
        end = text.find("\n", loader.offsets(refs[-1].node)[1])
        if dash < 0 or text[line:dash].strip(" ") or text[dash + 1 : start].strip(" "):
            return None
        edits = [Edit.delete(line, len(text) if end < 0 else end + 1)]
    held = {ref.target for ref in component.refs("responsible")}
    moved = [ref.text for ref in refs[1:] if ref.target not in held]
    if moved:
        responsible = raci.entries.get("responsible")
        if responsible is None:
            return None  # no `responsible` to add to: RACI003 says so
        added = add_items(text, responsible.node, moved)
        if added is None:
            return None
        edits.extend(added)
    names = ", ".join(f"`{ref.text}`" for ref in refs[1:])
    return context.fix(edits, f"Keep `{refs[0].text}` Accountable, move {names} to `responsible`")


@rule(
    "RACI003",
    "missing-responsible",
    "error",
    summary="A component has no Responsible",
    what="""
        Reports a component with no `responsible` reference, at the
        component's id. An Accountable who also does the work must be listed
        under `responsible` too.
    """,
    why="""
        The Responsible people do the work. A component that nobody is
        responsible for is a component nobody fixes at 3 a.m.
    """,
    bad="""
        raci:
          accountable: bob
    """,
    good="""
        raci:
          responsible: [bob]
          accountable: bob
    """,
    hint="add `responsible: [<person or team>]` under raci; list the Accountable too if they do the work",
)
def missing_responsible(context: Context) -> Iterator[Violation]:
    for component in context.model.components.values():
        if component.letter_known("responsible") and not component.refs("responsible"):
            yield context.report(
                component.key,
                f"component '{component.id}' has no Responsible",
                subject=component.id,
                pointer=component.pointer,
            )


@rule(
    "RACI004",
    "accountable-not-a-person",
    "error",
    summary="The Accountable is a team",
    what="""
        Reports an `accountable` reference that names a team, at that
        reference. It is reported instead of RACI001 and RACI002.
    """,
    why="""
        A team cannot sign off; one of its members does. Naming the team
        hides who that is, which is exactly what a RACI matrix is for.
    """,
    bad="""
        raci:
          responsible: [data-platform]
          accountable: data-platform
    """,
    good="""
        raci:
          responsible: [data-platform]
          accountable: alice   # the team's lead
    """,
    hint="name the one person who signs off (often the team's lead); keep the team under responsible",
)
def accountable_not_a_person(context: Context) -> Iterator[Violation]:
    for component in context.model.components.values():
        for ref in _team_accountable(context, component.refs("accountable")):
            yield context.report(
                ref.node,
                f"component '{component.id}' has team '{ref.target}' as Accountable; "
                "accountability needs one person",
                subject=component.id,
                key=ref.target,
                pointer=ref.pointer,
            )


@rule(
    "RACI005",
    "conflicting-letters",
    "warning",
    summary="One id is written under two letters of a component",
    what="""
        Reports an id written under two letters of the same component, at the
        later reference in document order. Accountable together with
        Responsible is the one combination allowed: it is how a person who
        signs off and also does the work is written.
    """,
    why="""
        Someone Consulted and Informed, or Responsible and Consulted, has one
        real role; the second letter is noise that makes the matrix harder to
        read and the counts of other rules wrong.
    """,
    bad="""
        raci:
          responsible: [alice]
          accountable: bob
          consulted: [alice]
    """,
    good="""
        raci:
          responsible: [alice]
          accountable: bob
    """,
    hint="keep the one letter that describes what they do; only Accountable may go with Responsible",
    fix=Fixable(
        "remove the weaker letter's reference (Accountable, then Responsible, Consulted, "
        "Informed, is the order of strength)",
        safe=False,
        when="When the reference is in the component's own `raci` mapping and its letter "
        "keeps another reference or the `raci` mapping another letter.",
        safety="Unsafe: which letter describes the person is a judgement; applied by "
        "`check --fix --unsafe-fixes`, review the result.",
    ),
)
def conflicting_letters(context: Context) -> Iterator[Violation]:
    allowed = frozenset(("accountable", "responsible"))
    for component in context.model.components.values():
        seen: dict[str, Ref] = {}
        for ref in component.all_refs():
            earlier = seen.get(ref.target)
            if earlier is None:
                seen[ref.target] = ref
                continue
            first = earlier.letter
            if first == ref.letter or {first, ref.letter} == allowed:
                continue
            weaker = ref if _STRENGTH[ref.letter] <= _STRENGTH[first] else earlier
            yield context.report(
                ref.node,
                f"'{ref.target}' is both {first.capitalize()} and {ref.letter.capitalize()} "
                f"for component '{component.id}'",
                subject=component.id,
                key=f"{ref.target}:{first}:{ref.letter}",
                pointer=ref.pointer,
                fix=_remove_reference(context, component, weaker),
            )


# Which letter stays when one id holds two (RACI005's fix): the stronger.
_STRENGTH = {"accountable": 4, "responsible": 3, "support": 2, "consulted": 1, "informed": 0}


def _remove_reference(context: Context, component: Component, ref: Ref) -> Fix | None:
    """RACI005's fix: the reference goes; the letter's entry too when it held only it."""
    text, raci = context.text, component.raci
    if text is None or raci is None or component.source != context.display_path:
        return None
    if _shared(text):
        return None
    entry = raci.entries.get(ref.letter)
    if entry is None:
        return None
    value = entry.node
    if type(value) is loader.Sequence and len(value.items) > 1:
        if ref.position < 0 or value.items[ref.position] is not ref.node:
            return None
        edits = remove_item(text, value, ref.position)
    elif value is ref.node or (type(value) is loader.Sequence and value.items == [ref.node]):
        edits = remove_entry(text, raci, ref.letter)
    else:
        return None
    if edits is None:
        return None
    return context.fix(edits, f"Remove `{ref.text}` from `{ref.letter}`")


def _too_many(context: Context, letter: str) -> Iterator[Violation]:
    limit = int(context.option("max"))
    for component in context.model.components.values():
        refs = component.refs(letter)
        if len(refs) > limit:
            yield context.report(
                component.letter_key(letter) or component.key,
                f"component '{component.id}' has {len(refs)} {letter.capitalize()}, "
                f"more than {limit}",
                subject=component.id,
                pointer=f"{component.pointer}/raci/{letter}",
            )


@rule(
    "RACI006",
    "too-many-responsible",
    "warning",
    summary="More than `max` Responsible",
    what="""
        Reports a component with more than `max` (default 4) Responsible
        references, at its `responsible` key. A team counts as one reference.
    """,
    why="""
        When six people are responsible, each assumes another one is on it.
        A component with that many hands is usually several components.
    """,
    bad="""
        raci:
          responsible: [alice, bob, carol, dan, erin]
          accountable: alice
    """,
    good="""
        raci:
          responsible: [feature-team]   # or split the component
          accountable: alice
    """,
    hint="split the component, name a team, or move people to consulted or informed",
    options={"max": 4},
)
def too_many_responsible(context: Context) -> Iterator[Violation]:
    return _too_many(context, "responsible")


@rule(
    "RACI007",
    "too-many-consulted",
    "warning",
    summary="More than `max` Consulted",
    what="""
        Reports a component with more than `max` (default 5) Consulted
        references, at its `consulted` key. A team counts as one reference.
    """,
    why="""
        Every Consulted person is a conversation before each change. Too many
        of them and changes stall; most of them only need to be Informed.
    """,
    bad="""
        raci:
          responsible: [alice]
          accountable: bob
          consulted: [carol, dan, erin, frank, grace, heidi]
    """,
    good="""
        raci:
          responsible: [alice]
          accountable: bob
          consulted: [carol, dan]
          informed: [erin, frank, grace, heidi]
    """,
    hint="move people who only need to know to informed",
    options={"max": 5},
)
def too_many_consulted(context: Context) -> Iterator[Violation]:
    return _too_many(context, "consulted")


@rule(
    "RACI008",
    "support-without-scheme",
    "error",
    summary="`support` used while the scheme is RACI",
    what="""
        Reports a `support` letter in a file whose `scheme` is RACI (the
        default), at the `support` key.
    """,
    why="""
        Support is the S of RASCI. Under plain RACI, readers and tools do not
        expect it, and the people listed there are left out of every matrix.
    """,
    bad="""
        version: 1
        components:
          train-model:
            kind: training
            raci:
              responsible: [alice]
              accountable: bob
              support: [carol]
    """,
    good="""
        version: 1
        scheme: RASCI
        components:
          train-model:
            kind: training
            raci:
              responsible: [alice]
              accountable: bob
              support: [carol]
    """,
    hint="add `scheme: RASCI` at the top of the file, or move these people to responsible or consulted",
)
def support_without_scheme(context: Context) -> Iterator[Violation]:
    if context.model.scheme == "RASCI":
        return
    for component in context.model.components.values():
        key = component.letter_key("support")
        if key is not None:
            yield context.report(
                key,
                f"component '{component.id}' uses 'support' but the scheme is RACI",
                subject=component.id,
                pointer=f"{component.pointer}/raci/support",
            )
