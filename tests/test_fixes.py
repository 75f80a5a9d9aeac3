"""The edits of a fix and the pure functions that apply them (``raci_lint.fixes``)."""

from __future__ import annotations

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
