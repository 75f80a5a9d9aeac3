"""Property: `--fix` never leaves a file that no longer parses, or holds more violations.

Random ownership files come from the fuzz strategies of ``test_fuzz.py``
(RACI-shaped documents with references that may not resolve, and mutated
example files). For each, every fix offered is applied alone, and the fix
engine is run to its fixed point with the unsafe fixes too.
"""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st
from test_fuzz import decoded, mutated_example, raci_yaml

from raci_lint.engine.fixing import data_of, fix_text
from raci_lint.engine.lint import lint_text
from raci_lint.fixes import apply_edits
from raci_lint.reading.loader import load_text
from raci_lint.settings.options import LintOptions
from raci_lint.violations import Violation

# Every rule that judges the file itself: the PATH and SRC rules read the
# repository around it (here, this checkout), which these files do not describe.
OPTIONS = LintOptions(select=["ALL"], ignore=["PATH", "SRC"])


def violations(text: str) -> list[Violation]:
    return [v for v in lint_text(text, "raci.yaml", OPTIONS).violations if v.path == "raci.yaml"]


def parses(text: str) -> bool:
    document = load_text(text)
    return document.root is not None and not document.problems


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def expected_data(before: object, violation: Violation) -> object | None:
    """The data a file should read as after one fix alone, or None when not worked out here.

    Comments only (SUP001, SUP002): the same data. A replaced reference
    (REF001-REF005): the scalar at the violation's pointer holds the new id.
    A removed reference (RACI005): that item is gone from its list, or the
    letter from `raci` when it was the only one.
    """
    import copy
    import re

    fix = violation.fix
    assert fix is not None
    if violation.code in ("SUP001", "SUP002"):
        return before
    tokens = [_unescape(t) for t in violation.pointer.split("/")[1:]]
    if not tokens:
        return None
    data = copy.deepcopy(before)
    parent: object = data
    try:
        for token in tokens[:-1]:
            parent = parent[int(token)] if isinstance(parent, list) else parent[token]  # type: ignore[index]
        last: str | int = int(tokens[-1]) if isinstance(parent, list) else tokens[-1]
        if violation.code.startswith("REF"):
            match = re.fullmatch(r"Replace with `(.*)`", fix.title)
            if match is None:
                return None
            _, tag, styled = parent[last]  # type: ignore[index]
            parent[last] = (match.group(1), tag, styled)  # type: ignore[index]
            return data
        if violation.code == "RACI005":
            # The weaker reference went, which may be the earlier one: find it by title.
            match = re.fullmatch(r"Remove `(.*)` from `(.*)`", fix.title)
            if match is None:
                return None
            word, letter = match.groups()
            raci = data
            for token in tokens[: tokens.index("raci") + 1]:
                raci = raci[token]  # type: ignore[index]
            refs = raci[letter]  # type: ignore[index]
            if isinstance(refs, list) and len(refs) > 1:
                index = next(i for i, item in enumerate(refs) if item[0] == word)
                del refs[index]
            else:
                del raci[letter]  # type: ignore[attr-defined]
            return data
    except (KeyError, IndexError, TypeError, ValueError, StopIteration):
        return None
    return None


def check_fixing(text: str) -> None:
    before = violations(text)
    offered = [v for v in before if v.fix is not None and v.fix.path is None]
    note(f"{len(offered)} fixes offered: {[v.code for v in offered]}")
    event("fixes offered" if offered else "no fix offered")
    if parses(text):
        before_data = data_of(load_text(text).root)
        for violation in offered:
            assert violation.fix is not None
            alone = apply_edits(text, violation.fix.edits)
            assert parses(alone), f"{violation.code}'s fix alone breaks the YAML:\n{alone}"
            # A node behind an anchor is written once and read wherever it is
            # merged or aliased: fixing it changes every one of those places.
            expected = None if "&" in text else expected_data(before_data, violation)
            if expected is not None:
                assert data_of(load_text(alone).root) == expected, (
                    f"{violation.code}'s fix changes more than it says:\n{alone}"
                )
    after_text, applied = fix_text(text, violations, unsafe=True)
    after = violations(after_text)
    assert len(after) <= len(before)
    for breaking in ("SYN001", "SYN002", "SYN005"):  # no parse, no schema, over a limit
        assert sum(v.code == breaking for v in after) <= sum(v.code == breaking for v in before)
    if parses(text):
        assert parses(after_text)
    assert (after_text == text) == (not applied)


# Misspellings the fixes know, written over the ids, kinds and disciplines the
# strategy draws: normalised spellings, a swapped or dropped letter, a person
# written as a team. Each is applied to one occurrence or to all of them.
TYPOS = st.sampled_from(
    [
        ("data-engineer", "Data Engineer"),
        ("data-scientist", "data_scientist"),
        ("ingestion", "Ingestion"),
        ("training", "trainig"),
        ("evaluation", "'Evaluation'"),
        ("ada", "aad"),
        ("bob", "bobb"),
        ("ingest", "ingset"),
        ("data-platform", "data-platfrom"),
        ("[ada", "[team:ada"),
        ("# ", "# raci-lint: disable=RACI005 "),
    ]
)


@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(raci_yaml(), st.lists(st.tuples(TYPOS, st.booleans()), max_size=4))
def test_fixing_a_random_ownership_file_never_makes_it_worse(
    text: str, typos: list[tuple[tuple[str, str], bool]]
) -> None:
    for (right, wrong), everywhere in typos:
        text = text.replace(right, wrong, -1 if everywhere else 1)
    check_fixing(text)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(mutated_example())
def test_fixing_a_mutated_example_never_makes_it_worse(data: bytes) -> None:
    check_fixing(decoded(data))


PEOPLE = ["alice", "bob", "carol", "dave"]
WRITTEN_PEOPLE = [*PEOPLE, "alcie", "bobb", "team:carol", "'dave'", '"carl"']
WRITTEN_DISCIPLINES = ["data-engineer", "Data Engineer", "data_scientist", "ml-enginer", "x"]
WRITTEN_KINDS = ["ingestion", "Ingestion", "trainig", "'evaluation'", "Data Quality", "nope"]
COMMENTS = [
    "",
    "  # why",
    "  # raci-lint: disable=RACI005",
    "  # raci-lint: disable=REF001,RACI002",
]


@st.composite
def fixable_file(draw: st.DrawFn) -> str:
    """An ownership file in flow or block style, full of mistakes the fixes know."""
    pick = draw
    lines = ["version: 1", "people:"]
    for person in PEOPLE:
        discipline = pick(st.sampled_from(WRITTEN_DISCIPLINES))
        lines.append(
            f"  {person}: {{disciplines: [{discipline}]}}{pick(st.sampled_from(COMMENTS))}"
        )
    lines.append("components:")
    names = [f"step-{index}" for index in range(pick(st.integers(1, 4)))]
    for name in names:
        lines += [f"  {name}:{pick(st.sampled_from(COMMENTS))}"]
        lines.append(f"    kind: {pick(st.sampled_from(WRITTEN_KINDS))}")
        if pick(st.booleans()):
            upstream = pick(st.sampled_from([*names, "stpe-0", "external:crm"]))
            lines.append(f"    depends_on: [{upstream}]")
        letters = {
            letter: pick(st.lists(st.sampled_from(WRITTEN_PEOPLE), min_size=1, max_size=3))
            for letter in pick(
                st.lists(
                    st.sampled_from(["responsible", "accountable", "consulted", "informed"]),
                    min_size=1,
                    unique=True,
                )
            )
        }
        if pick(st.booleans()):
            body = ", ".join(f"{letter}: [{', '.join(refs)}]" for letter, refs in letters.items())
            lines.append(f"    raci: {{{body}}}{pick(st.sampled_from(COMMENTS))}")
        else:
            lines.append("    raci:")
            for letter, refs in letters.items():
                if len(refs) == 1 and pick(st.booleans()):
                    lines.append(f"      {letter}: {refs[0]}{pick(st.sampled_from(COMMENTS))}")
                    continue
                lines.append(f"      {letter}:")
                lines += [f"        - {ref}{pick(st.sampled_from(COMMENTS))}" for ref in refs]
    ending = pick(st.sampled_from(["\n", "\r\n"]))
    return ending.join(lines) + ending


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(fixable_file())
def test_fixing_a_file_full_of_fixable_mistakes_never_makes_it_worse(text: str) -> None:
    note(text)
    check_fixing(text)
