"""The edits of a fix and the pure functions that apply them (``raci_lint.fixes``)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from raci_lint.fixes import Edit, Fix, OverlappingEdits, apply_edits, apply_fixes


def test_edits_apply_at_offsets_of_the_original_text_in_any_order() -> None:
    text = "owner: Data Engineer  # keep me\n"
    edits = [Edit(22, 31, "# kept"), Edit(7, 20, "data-engineer"), Edit.insert(0, "# top\n")]
    assert apply_edits(text, edits) == "# top\nowner: data-engineer  # kept\n"


def test_two_insertions_at_one_offset_keep_their_order() -> None:
    assert apply_edits("ab", [Edit.insert(1, "1"), Edit.insert(1, "2")]) == "a12b"


def test_an_insertion_next_to_a_replacement_is_no_overlap() -> None:
    assert apply_edits("abc", [Edit(1, 2, "X"), Edit.insert(1, "<"), Edit.insert(2, ">")]) == (
        "a<X>c"
    )


@pytest.mark.parametrize(
    "edits",
    [
        [Edit(0, 3, ""), Edit(2, 4, "")],
        [Edit(1, 3, "x"), Edit(2, 2, "y")],
        [Edit(0, 9, "")],
        [Edit(-1, 0, "")],
        [Edit(3, 2, "")],
    ],
)
def test_overlapping_or_outside_edits_are_refused(edits: list[Edit]) -> None:
    with pytest.raises(OverlappingEdits):
        apply_edits("abcdef", edits)


def test_fixes_apply_whole_and_in_order_the_overlapping_ones_wait() -> None:
    text = "a: [x, x]\n"
    first = Fix("drop the second x", (Edit.delete(5, 8),), safe=True)
    overlapping = Fix("rename the second x", (Edit(7, 8, "y"),), safe=True)
    other = Fix("rename a", (Edit(0, 1, "b"),), safe=False)
    new, applied = apply_fixes(text, [first, overlapping, other])
    assert new == "b: [x]\n"
    assert applied == [first, other]


def test_one_repair_offered_by_two_violations_is_made_once_and_counts_for_both() -> None:
    one = Fix("remove", (Edit.delete(0, 2),), safe=True)
    two = Fix("remove it", (Edit.delete(0, 2),), safe=True)
    assert apply_fixes("# x", [one, two]) == ("x", [one, two])


def test_a_fix_without_edits_is_never_applied() -> None:
    assert apply_fixes("abc", [Fix("nothing", (), safe=True)]) == ("abc", [])


def test_a_fix_in_the_json_output_has_ruffs_shape() -> None:
    fix = Fix("Replace with `data-engineer`", (Edit(7, 20, "data-engineer"),), safe=True)
    assert fix.to_dict() == {
        "applicability": "safe",
        "message": "Replace with `data-engineer`",
        "edits": [{"content": "data-engineer", "start": 7, "end": 20}],
    }
    assert Fix("x", (), safe=False, path="CODEOWNERS").to_dict()["path"] == "CODEOWNERS"
    assert Fix("x", (), safe=False).applicability == "unsafe"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30), st.data())
def test_non_overlapping_edits_equal_applying_them_one_by_one_from_the_end(
    text: str, data: st.DataObject
) -> None:
    # Distinct cuts: two insertions at one offset apply in the order given instead.
    cuts = sorted(data.draw(st.sets(st.integers(0, len(text)), max_size=8)))
    pairs = list(zip(cuts[::2], cuts[1::2], strict=False))
    edits = [Edit(start, end, data.draw(st.text(max_size=3))) for start, end in pairs]
    expected = text
    for edit in sorted(edits, reverse=True):
        expected = expected[: edit.start] + edit.text + expected[edit.end :]
    shuffled = data.draw(st.permutations(edits))
    assert apply_edits(text, shuffled) == expected


def _chosen_by_comparing_every_pair(text: str, fixes: list[Fix]) -> list[Fix]:
    """apply_fixes's choice, made the slow way: each fix against every edit taken."""

    def touch(a: Edit, b: Edit) -> bool:
        if a.start < b.end and b.start < a.end:
            return True
        empty = a.start == a.end or b.start == b.end
        return empty and (a.start == b.end or a.end == b.start)

    taken: list[Edit] = []
    chosen: list[Fix] = []
    seen: list[tuple[Edit, ...]] = []
    for fix in fixes:
        key = tuple(sorted(fix.edits))
        if not key or any(not 0 <= e.start <= e.end <= len(text) for e in key):
            continue
        if key in seen:
            chosen.append(fix)
            continue
        if any(touch(e, t) for e in key for t in taken):
            continue
        if any(touch(a, b) for i, a in enumerate(key) for b in key[i + 1 :]):
            continue
        seen.append(key)
        taken.extend(key)
        chosen.append(fix)
    return chosen


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_fixes_chosen_are_those_comparing_every_pair_would_choose(data: st.DataObject) -> None:
    text = "x" * 20
    edit = st.builds(
        lambda a, b, t: Edit(min(a, b), max(a, b), t),
        st.integers(0, 21),
        st.integers(0, 21),
        st.sampled_from(["", "y"]),
    )
    fixes = data.draw(
        st.lists(st.builds(Fix, st.just("f"), st.lists(edit, max_size=3).map(tuple), st.booleans()))
    )
    new, chosen = apply_fixes(text, fixes)
    assert chosen == _chosen_by_comparing_every_pair(text, fixes)
    assert new == apply_edits(
        text, [e for fix in {tuple(sorted(f.edits)): f for f in chosen}.values() for e in fix.edits]
    )


def test_a_hundred_thousand_fixes_apply_in_near_linear_time() -> None:
    text = "ab" * 100_000
    fixes = [Fix("upper", (Edit(i, i + 1, "A"),), safe=True) for i in range(0, len(text), 2)]
    started = time.perf_counter()
    new, chosen = apply_fixes(text, fixes)
    assert time.perf_counter() - started < 10  # comparing every pair: hours
    assert new == "Ab" * 100_000 and len(chosen) == 100_000
