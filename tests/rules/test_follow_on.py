"""No follow-on errors: a value the schema rejected, or one it reads as meant,
is never judged again by another rule; unknown names suggest the id meant.

Each fixture is written so that its first line is line 1 of the linted file.
"""

from __future__ import annotations

from conftest import found

ROSTER = """\
version: 1
people:
  ana: {disciplines: [ml-engineer, data-scientist]}
  bob: {disciplines: [data-scientist]}
components:
"""


def test_one_id_where_a_list_is_expected_is_that_list() -> None:
    text = ROSTER + (
        "  train:\n"
        "    kind: training\n"
        "    raci: {responsible: ana, accountable: bob, consulted: bob, informed: ana}\n"
    )
    assert found(text) == [
        ("RACI005", 8, 59, "'bob' is both Accountable and Consulted for component 'train'"),
        ("RACI005", 8, 74, "'ana' is both Responsible and Informed for component 'train'"),
    ]


def test_one_id_or_a_list_give_the_same_answer() -> None:
    single = (
        ROSTER + "  train:\n    kind: training\n    raci: {responsible: ana, accountable: bob}\n"
    )
    listed = single.replace("responsible: ana", "responsible: [ana]")
    assert found(single) == found(listed) == []


def test_a_rejected_responsible_is_no_missing_responsible() -> None:
    text = ROSTER + (
        "  train:\n"
        "    kind: training\n"
        "    raci:\n"
        "      responsible: {ana: lead}\n"
        "      accountable: [[bob]]\n"
    )
    assert found(text) == [
        (
            "SYN002",
            9,
            20,
            "responsible of component 'train' must be text or a list, not a mapping",
        ),
        ("SYN002", 10, 21, "entry 1 of accountable of component 'train' must be text, not a list"),
    ]


def test_a_rejected_entry_is_no_missing_letter() -> None:
    text = ROSTER + (
        "  train:\n    kind: training\n    raci: {responsible: [Ana], accountable: [Bob]}\n"
    )
    id_rule = (
        "(ids use lowercase letters, digits, '.', '_' and '-', and start with a letter or a digit)"
    )
    assert found(text) == [
        (
            "SYN002",
            8,
            26,
            "entry 1 of responsible of component 'train' is 'Ana', which is not a person or team "
            f"id, or team:<id> {id_rule}",
        ),
        (
            "SYN002",
            8,
            46,
            "entry 1 of accountable of component 'train' is 'Bob', which is not a person or team "
            f"id, or team:<id> {id_rule}",
        ),
    ]


def test_missing_letters_are_still_reported() -> None:
    text = ROSTER + "  train:\n    kind: training\n    raci: {consulted: ana, informed: bob}\n"
    assert found(text) == [
        ("RACI001", 6, 3, "component 'train' has no Accountable"),
        ("RACI003", 6, 3, "component 'train' has no Responsible"),
        (
            "TAX001",
            6,
            3,
            "component 'train' (training) needs a data-scientist as Responsible or Accountable "
            "(data scientists own modeling)",
        ),
    ]


PIPELINE = ROSTER + (
    "  evaluate:\n"
    "    kind: EVALUATE\n"
    "    raci: {responsible: bob, accountable: bob}\n"
    "  serve:\n"
    "    kind: deployment\n"
    "    depends_on: [evaluate]\n"
    "    raci: {responsible: ana, accountable: ana}\n"
    "  monitor:\n"
    "    kind: MONITOR\n"
    "    depends_on: [serve]\n"
    "    raci: {responsible: ana, accountable: ana}\n"
)


def test_a_misspelt_kind_is_ref003_alone() -> None:
    text = PIPELINE.replace("EVALUATE", "evaluaton").replace("MONITOR", "monitorring")
    assert found(text) == [
        (
            "REF003",
            7,
            11,
            "component 'evaluate' has kind 'evaluaton', which is not in the taxonomy; "
            "did you mean 'evaluation'?",
        ),
        (
            "REF003",
            14,
            11,
            "component 'monitor' has kind 'monitorring', which is not in the taxonomy; "
            "did you mean 'monitoring'?",
        ),
    ]


def test_the_same_pipeline_spelt_right_passes() -> None:
    assert found(PIPELINE.replace("EVALUATE", "evaluation").replace("MONITOR", "monitoring")) == []


def test_known_kinds_that_are_neither_still_fail_pipe002_and_pipe003() -> None:
    text = PIPELINE.replace("EVALUATE", "training").replace("MONITOR", "reporting")
    assert [v for v in found(text) if v[0].startswith("PIPE")] == [
        (
            "PIPE002",
            9,
            3,
            "component 'serve' (deployment) has no evaluation among its upstream components",
        ),
        (
            "PIPE003",
            9,
            3,
            "component 'serve' (deployment) has no monitoring component that depends on it",
        ),
    ]


def test_unknown_kind_and_discipline_suggest_the_normalised_id() -> None:
    text = """\
version: 1
people:
  ana: {disciplines: [Data Engineer, data_scientist, ML  Enginer]}
components:
  load:
    kind: Ingestion
    raci: {responsible: ana, accountable: ana}
  check:
    kind: Data_Quality
    raci: {responsible: ana, accountable: ana}
"""
    assert found(text) == [
        (
            "REF004",
            3,
            23,
            "person 'ana' has discipline 'Data Engineer', which is not in the taxonomy; "
            "did you mean 'data-engineer'?",
        ),
        (
            "REF004",
            3,
            38,
            "person 'ana' has discipline 'data_scientist', which is not in the taxonomy; "
            "did you mean 'data-scientist'?",
        ),
        (
            "REF004",
            3,
            54,
            "person 'ana' has discipline 'ML  Enginer', which is not in the taxonomy; "
            "did you mean 'ml-engineer'?",
        ),
        (
            "REF003",
            6,
            11,
            "component 'load' has kind 'Ingestion', which is not in the taxonomy; "
            "did you mean 'ingestion'?",
        ),
        (
            "REF003",
            9,
            11,
            "component 'check' has kind 'Data_Quality', which is not in the taxonomy; "
            "did you mean 'data-quality'?",
        ),
    ]


def test_a_blank_kind_is_a_schema_violation() -> None:
    text = (
        ROSTER + '  train:\n    kind: " "\n    raci: {responsible: [ana, bob], accountable: bob}\n'
    )
    assert found(text) == [
        (
            "SYN002",
            7,
            11,
            "'kind' of component 'train' is ' ', which is not a kind or discipline: "
            "text that is not blank",
        ),
    ]
