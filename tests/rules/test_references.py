"""REF001-REF009, REF011: every reference resolves, every declaration is used.

Each fixture is written so that its first line is line 1 of the linted file.
REF010 (includes) is tested elsewhere.
"""

from __future__ import annotations

import textwrap

import pytest
from conftest import found


def yaml(text: str) -> str:
    return textwrap.dedent(text)


def replaced(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` (which must occur) replaced by ``new``."""
    assert old in text, f"{old!r} is not in the fixture"
    return text.replace(old, new)


PIPELINE = yaml("""\
    version: 1
    people:
      alice: {disciplines: [data-engineer, ml-engineer]}
      bob: {disciplines: [data-scientist]}
    teams:
      data-platform: {members: [alice, bob]}
    components:
      ingest-events:
        kind: ingestion
        raci:
          responsible: [data-platform]
          accountable: alice
          informed: [bob]
      train-model:
        kind: training
        depends_on: [ingest-events, "external:crm-export"]
        raci: {responsible: [bob], accountable: bob, consulted: [team:data-platform]}
""")


def test_base_pipeline_is_clean() -> None:
    # PATH004 and SRC judge the repository the tests run in, not this file.
    assert found(PIPELINE, select=["ALL"], ignore=["ORG002", "PATH004", "SRC"]) == []


# ---------------------------------------------------------------- REF001


def test_ref001_misspelt_reference_with_did_you_mean() -> None:
    text = replaced(PIPELINE, "accountable: alice", "accountable: alcie")
    assert found(text, "REF001") == [
        (
            "REF001",
            12,
            20,
            "component 'ingest-events' names 'alcie' as Accountable, but no person or team has "
            "that id; did you mean 'alice'?",
        ),
    ]


def test_ref001_unknown_reference_without_a_close_id() -> None:
    text = replaced(PIPELINE, "accountable: alice", "accountable: zoe")
    assert found(text, "REF001") == [
        (
            "REF001",
            12,
            20,
            "component 'ingest-events' names 'zoe' as Accountable, but no person or team has "
            "that id",
        ),
    ]


def test_ref001_unknown_team_member() -> None:
    text = replaced(PIPELINE, "members: [alice, bob]", "members: [alcie, bob]")
    assert found(text, "REF001") == [
        (
            "REF001",
            6,
            29,
            "team 'data-platform' lists member 'alcie', who is not a declared person; "
            "did you mean 'alice'?",
        ),
    ]


def test_ref001_team_member_that_is_a_team() -> None:
    text = replaced(
        PIPELINE,
        "  data-platform: {members: [alice, bob]}\n",
        "  data-platform: {members: [alice, bob, ml]}\n  ml: {members: [bob]}\n",
    )
    text = replaced(text, "informed: [bob]", "informed: [ml]")
    assert found(text, "REF001") == [
        (
            "REF001",
            6,
            41,
            "team 'data-platform' lists member 'ml', who is a team; teams list people only",
        ),
    ]


def test_ref001_column_counts_characters_not_bytes() -> None:
    text = replaced(
        PIPELINE,
        "raci: {responsible: [bob],",
        'raci: {x-note: "café ☕ 😀", responsible: [bbo],',
    )
    assert found(text, "REF001") == [
        (
            "REF001",
            17,
            46,
            "component 'train-model' names 'bbo' as Responsible, but no person or team has that id; "
            "did you mean 'bob'?",
        ),
    ]


def test_ref001_ids_written_like_booleans_numbers_or_dates_resolve() -> None:
    text = yaml("""\
        version: 1
        people:
          no: {disciplines: [data-engineer]}
          on: {disciplines: [data-engineer]}
          0755: {disciplines: [data-scientist]}
          2024-01-01: {disciplines: [data-scientist]}
        teams:
          off: {members: [no, 0755]}
        components:
          ingest-events:
            kind: ingestion
            raci:
              responsible: [no, on]
              accountable: on
              consulted: off
              informed: [0755, 2024-01-01]
    """)
    assert found(text) == []
    # The failing twin: `yes` looks like a boolean too, and is an id no one declared.
    text = replaced(text, "informed: [0755, 2024-01-01]", "informed: [0755, 2024-01-01, yes]")
    assert found(text) == [
        (
            "REF001",
            16,
            36,
            "component 'ingest-events' names 'yes' as Informed, but no person or team has that id",
        ),
    ]


# ---------------------------------------------------------------- REF002


def test_ref002_unknown_team_with_did_you_mean() -> None:
    text = replaced(PIPELINE, "team:data-platform", "team:data-platfrom")
    assert found(text, "REF002") == [
        (
            "REF002",
            17,
            62,
            "component 'train-model' names team 'data-platfrom' as Consulted, but no team has "
            "that id; did you mean 'data-platform'?",
        ),
    ]


def test_ref002_team_prefix_on_a_person() -> None:
    text = replaced(PIPELINE, "team:data-platform", "team:alice")
    assert found(text, "REF002") == [
        (
            "REF002",
            17,
            62,
            "component 'train-model' names team 'alice' as Consulted, but no team has that id; "
            "'alice' is a person: drop the 'team:' prefix",
        ),
    ]


def test_ref002_is_not_also_ref001() -> None:
    text = replaced(PIPELINE, "team:data-platform", "team:ghosts")
    assert [code for code, *_ in found(text, select=["REF"])] == ["REF002"]


def test_ref002_declared_team_passes_with_or_without_prefix() -> None:
    assert found(PIPELINE, "REF002") == []
    text = replaced(PIPELINE, "team:data-platform", "data-platform")
    assert found(text, select=["REF"]) == []


# ---------------------------------------------------------------- REF003


def test_ref003_unknown_kind_with_did_you_mean() -> None:
    text = replaced(PIPELINE, "kind: training", "kind: trainig")
    assert found(text, "REF003") == [
        (
            "REF003",
            15,
            11,
            "component 'train-model' has kind 'trainig', which is not in the taxonomy; "
            "did you mean 'training'?",
        ),
    ]


@pytest.mark.parametrize("kind", ["training", "modeling", "tuning"])
def test_ref003_kind_id_or_alias_passes(kind: str) -> None:
    text = replaced(PIPELINE, "kind: training", f"kind: {kind}")
    assert found(text, "REF003") == []


# ---------------------------------------------------------------- REF004


@pytest.mark.parametrize(
    ("written", "column"),
    [pytest.param("[data-scientst]", 23, id="list"), pytest.param("data-scientst", 22, id="one")],
)
def test_ref004_unknown_discipline(written: str, column: int) -> None:
    text = replaced(PIPELINE, "disciplines: [data-scientist]", f"disciplines: {written}")
    assert found(text, "REF004") == [
        (
            "REF004",
            4,
            column,
            "person 'bob' has discipline 'data-scientst', which is not in the taxonomy; "
            "did you mean 'data-scientist'?",
        ),
    ]


@pytest.mark.parametrize("written", ["[data-scientist, product-owner]", "platform-engineer"])
def test_ref004_known_disciplines_pass(written: str) -> None:
    text = replaced(PIPELINE, "disciplines: [data-scientist]", f"disciplines: {written}")
    assert found(text, "REF004") == []


# ---------------------------------------------------------------- REF005


def test_ref005_unknown_component_with_did_you_mean() -> None:
    text = replaced(PIPELINE, "depends_on: [ingest-events,", "depends_on: [ingest-event,")
    assert found(text, "REF005") == [
        (
            "REF005",
            16,
            18,
            "component 'train-model' depends on 'ingest-event', which is not a declared "
            "component; did you mean 'ingest-events'?",
        ),
    ]


def test_ref005_single_string_value() -> None:
    text = replaced(
        PIPELINE,
        'depends_on: [ingest-events, "external:crm-export"]',
        "depends_on: build-features",
    )
    assert found(text, "REF005") == [
        (
            "REF005",
            16,
            17,
            "component 'train-model' depends on 'build-features', which is not a declared "
            "component",
        ),
    ]


def test_ref005_a_component_marked_unowned_is_declared() -> None:
    """`unowned: true` takes a component out of the rules, not out of the file."""
    text = PIPELINE + "  vendored:\n    kind: library\n    unowned: true\n"
    text = replaced(text, '[ingest-events, "external:crm-export"]', "[ingest-events, vendored]")
    assert found(text, "REF005") == []
    assert found(text.replace("[ingest-events, vendored]", "[ingest-events, vendor]"), "REF005")


def test_ref005_external_entries_are_exempt() -> None:
    # The base pipeline depends on "external:crm-export", which no component declares.
    assert 'external:crm-export"' in PIPELINE
    assert found(PIPELINE, "REF005") == []
    text = replaced(PIPELINE, '"external:crm-export"', '"external:anything at all"')
    assert found(text, "REF005") == []


# ---------------------------------------------------------------- REF006

ROSTER_WITH_DANA = replaced(
    PIPELINE,
    "  bob: {disciplines: [data-scientist]}\n",
    "  bob: {disciplines: [data-scientist]}\n  dana: {disciplines: [data-analyst]}\n",
)


def test_ref006_unassigned_person_at_the_persons_id() -> None:
    assert found(ROSTER_WITH_DANA, "REF006") == [
        ("REF006", 5, 3, "person 'dana' holds no letter in any component"),
    ]


def test_ref006_inactive_person_is_exempt() -> None:
    text = replaced(ROSTER_WITH_DANA, "[data-analyst]}", "[data-analyst], active: false}")
    assert found(text, "REF006") == []


def test_ref006_letters_held_through_a_team_count() -> None:
    # alice holds no letter herself: only through data-platform (R and C).
    assert "alice]" not in PIPELINE.split("components:")[1]
    assert found(PIPELINE, "REF006") == []
    text = replaced(ROSTER_WITH_DANA, "members: [alice, bob]", "members: [alice, bob, dana]")
    assert found(text, "REF006") == []


def test_ref006_membership_of_an_unreferenced_team_does_not_count() -> None:
    text = replaced(
        ROSTER_WITH_DANA,
        "  data-platform: {members: [alice, bob]}\n",
        "  data-platform: {members: [alice, bob]}\n  analysts: {members: [dana]}\n",
    )
    assert found(text, "REF006") == [
        ("REF006", 5, 3, "person 'dana' holds no letter in any component"),
    ]


def test_ref006_support_counts_as_a_letter() -> None:
    text = replaced(ROSTER_WITH_DANA, "version: 1\n", "version: 1\nscheme: RASCI\n")
    text = replaced(text, "informed: [bob]", "informed: [bob]\n      support: [dana]")
    assert found(text, "REF006") == []


# ---------------------------------------------------------------- REF007


@pytest.mark.parametrize(
    "team",
    [
        pytest.param("{members: []}", id="empty-list"),
        pytest.param("{members: }", id="empty-value"),
        pytest.param("{name: Data platform}", id="no-members-key"),
        pytest.param("", id="empty-team"),
    ],
)
def test_ref007_empty_team_at_the_teams_id(team: str) -> None:
    text = replaced(PIPELINE, "data-platform: {members: [alice, bob]}", f"data-platform: {team}")
    assert found(text, "REF007") == [("REF007", 6, 3, "team 'data-platform' has no members")]


def test_ref007_team_with_one_member_passes() -> None:
    text = replaced(PIPELINE, "members: [alice, bob]", "members: alice")
    assert found(text, "REF007") == []


# ---------------------------------------------------------------- REF008


@pytest.mark.parametrize("inactive", ["false", "no", "off"])
def test_ref008_inactive_person_at_each_reference(inactive: str) -> None:
    text = replaced(
        PIPELINE,
        "bob: {disciplines: [data-scientist]}",
        f"bob: {{disciplines: [data-scientist], active: {inactive}}}",
    )
    assert found(text, "REF008") == [
        ("REF008", 13, 18, "'bob' is inactive but is Informed for component 'ingest-events'"),
        ("REF008", 17, 26, "'bob' is inactive but is Responsible for component 'train-model'"),
        ("REF008", 17, 45, "'bob' is inactive but is Accountable for component 'train-model'"),
    ]


def test_ref008_active_person_passes() -> None:
    text = replaced(
        PIPELINE,
        "bob: {disciplines: [data-scientist]}",
        "bob: {disciplines: [data-scientist], active: true}",
    )
    assert found(text, "REF008") == []


# ---------------------------------------------------------------- REF009

CLASH = yaml("""\
    version: 1
    people:
      ana: {disciplines: [data-analyst]}
      analytics: {disciplines: [data-analyst]}
    teams:
      analytics: {members: [ana]}
    components:
      weekly-report:
        kind: reporting
        raci: {responsible: [analytics], accountable: ana}
""")


def test_ref009_person_and_team_share_an_id_at_the_later_definition() -> None:
    assert found(CLASH, "REF009") == [
        (
            "REF009",
            6,
            3,
            "'analytics' is already defined as a person (line 4); ids are unique across people "
            "and teams",
        ),
    ]


def test_ref009_teams_written_before_people_at_the_later_definition() -> None:
    text = yaml("""\
        version: 1
        teams:
          analytics: {members: [ana]}
        people:
          ana: {disciplines: [data-analyst]}
          analytics: {disciplines: [data-analyst]}
        components:
          weekly-report:
            kind: reporting
            raci: {responsible: [analytics], accountable: ana}
    """)
    assert found(text, "REF009") == [
        (
            "REF009",
            6,
            3,
            "'analytics' is already defined as a team (line 3); ids are unique across people "
            "and teams",
        ),
    ]


def test_ref009_distinct_ids_pass() -> None:
    text = replaced(CLASH, "  analytics: {disciplines: [data-analyst]}\n", "")
    assert found(text, "REF009") == []
    assert found(text, select=["REF"]) == []


# ---------------------------------------------------------------- REF011


def test_ref011_unused_team_at_the_teams_id() -> None:
    text = replaced(
        PIPELINE,
        "  data-platform: {members: [alice, bob]}\n",
        "  data-platform: {members: [alice, bob]}\n  ml-guild: {members: [bob]}\n",
    )
    assert found(text, "REF011") == [
        ("REF011", 7, 3, "team 'ml-guild' is not referenced by any component"),
    ]


def test_ref011_team_that_loses_every_letter_is_unused() -> None:
    # data-platform loses both its letters (plain id and team:data-platform).
    text = replaced(PIPELINE, "responsible: [data-platform]", "responsible: [alice]")
    text = replaced(text, "consulted: [team:data-platform]", "consulted: [alice]")
    assert found(text, "REF011") == [
        ("REF011", 6, 3, "team 'data-platform' is not referenced by any component"),
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("consulted: [team:data-platform]", "consulted: [alice]", id="plain-id-only"),
        pytest.param("responsible: [data-platform]", "responsible: [alice]", id="team-prefix-only"),
    ],
)
def test_ref011_team_referenced_either_way_passes(old: str, new: str) -> None:
    assert found(replaced(PIPELINE, old, new), "REF011") == []
