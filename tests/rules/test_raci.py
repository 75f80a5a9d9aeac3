"""RACI001-RACI008: one Accountable person, someone Responsible, clear letters.

Each fixture is written so that its first line is line 1 of the linted file.
"""

from __future__ import annotations

import textwrap

import pytest
from conftest import found

# Seven data engineers and a team of two, so that only the
# letters of the component decide what is reported.
ROSTER = """\
version: 1
people:
  alice: {disciplines: [data-engineer]}
  bob: {disciplines: [data-engineer]}
  carol: {disciplines: [data-engineer]}
  dan: {disciplines: [data-engineer]}
  erin: {disciplines: [data-engineer]}
  frank: {disciplines: [data-engineer]}
  grace: {disciplines: [data-engineer]}
teams:
  data-platform: {members: [alice, bob]}
components:
  ingest-events:
    kind: ingestion
"""
# Line 13 is the component's id; line 15 holds `raci:`; letters start at line 16.
COMPONENT_LINE = 13


def component(raci: str, *, scheme: str | None = None) -> str:
    """The roster with one ingestion component whose `raci:` mapping is ``raci``."""
    text = ROSTER + "    raci:\n" + textwrap.indent(textwrap.dedent(raci), "      ")
    if scheme is not None:
        text = text.replace("version: 1\n", f"version: 1\nscheme: {scheme}\n", 1)
    return text


def test_fixture_lines() -> None:
    lines = component("responsible: [alice]\n").splitlines()
    assert lines[COMPONENT_LINE - 1] == "  ingest-events:"
    assert lines[15] == "      responsible: [alice]"


# ---------------------------------------------------------------- RACI001

NO_ACCOUNTABLE = "component 'ingest-events' has no Accountable"


@pytest.mark.parametrize(
    "raci",
    [
        pytest.param("responsible: [alice]\n", id="no-key"),
        pytest.param("responsible: [alice]\naccountable:\n", id="empty-value"),
        pytest.param("responsible: [alice]\naccountable: []\n", id="empty-list"),
    ],
)
def test_raci001_missing_accountable_at_the_component(raci: str) -> None:
    assert found(component(raci), "RACI001") == [("RACI001", COMPONENT_LINE, 3, NO_ACCOUNTABLE)]


def test_raci001_missing_raci_entirely() -> None:
    assert found(ROSTER + "    description: Loads click events\n", "RACI001") == [
        ("RACI001", COMPONENT_LINE, 3, NO_ACCOUNTABLE),
    ]


def test_raci001_one_accountable_passes() -> None:
    assert found(component("responsible: [alice]\naccountable: alice\n"), "RACI001") == []


# ---------------------------------------------------------------- RACI002


def test_raci002_two_accountable_at_the_second() -> None:
    text = component("responsible: [alice]\naccountable: [alice, bob]\n")
    assert found(text, "RACI002") == [
        (
            "RACI002",
            17,
            28,
            "component 'ingest-events' has 2 Accountable (alice, bob); exactly one person can be",
        ),
    ]


def test_raci002_three_accountable_one_report() -> None:
    text = component("responsible: [alice]\naccountable: [alice, bob, carol]\n")
    assert found(text, "RACI002") == [
        (
            "RACI002",
            17,
            28,
            "component 'ingest-events' has 3 Accountable (alice, bob, carol); "
            "exactly one person can be",
        ),
    ]


@pytest.mark.parametrize("accountable", ["[alice]", "alice"])
def test_raci002_one_accountable_passes(accountable: str) -> None:
    text = component(f"responsible: [alice]\naccountable: {accountable}\n")
    assert found(text, "RACI002") == []


# ---------------------------------------------------------------- RACI003

NO_RESPONSIBLE = "component 'ingest-events' has no Responsible"


@pytest.mark.parametrize(
    "raci",
    [
        pytest.param("accountable: alice\n", id="accountable-only"),
        pytest.param("responsible: []\naccountable: alice\n", id="empty-list"),
        pytest.param("responsible:\naccountable: alice\n", id="empty-value"),
    ],
)
def test_raci003_missing_responsible_at_the_component(raci: str) -> None:
    assert found(component(raci), "RACI003") == [("RACI003", COMPONENT_LINE, 3, NO_RESPONSIBLE)]


def test_raci003_accountable_who_does_the_work_listed_in_both_passes() -> None:
    assert found(component("responsible: [alice]\naccountable: alice\n"), "RACI003") == []


# ---------------------------------------------------------------- RACI004

TEAM_ACCOUNTABLE = (
    "component 'ingest-events' has team 'data-platform' as Accountable; "
    "accountability needs one person"
)


@pytest.mark.parametrize(
    ("accountable", "column"),
    [
        pytest.param("data-platform", 20, id="plain-team-id"),
        pytest.param("team:data-platform", 20, id="team-prefix"),
        pytest.param("[team:data-platform]", 21, id="in-a-list"),
    ],
)
def test_raci004_team_as_accountable(accountable: str, column: int) -> None:
    text = component(f"responsible: [alice]\naccountable: {accountable}\n")
    assert found(text, select=["RACI"]) == [("RACI004", 17, column, TEAM_ACCOUNTABLE)]


def test_raci004_reported_instead_of_raci002() -> None:
    text = component("responsible: [alice]\naccountable: [bob, data-platform]\n")
    # Only RACI004, at the team; no RACI002 for the two references.
    assert found(text, select=["RACI"]) == [("RACI004", 17, 26, TEAM_ACCOUNTABLE)]


def test_raci004_reported_instead_of_raci001() -> None:
    # The team is the only Accountable: no person signs off, yet RACI001 stays silent.
    text = component("responsible: [alice]\naccountable: data-platform\n")
    assert [code for code, *_ in found(text, select=["RACI"])] == ["RACI004"]


def test_raci004_a_person_passes() -> None:
    text = component("responsible: [data-platform]\naccountable: bob\n")
    assert found(text, select=["RACI"]) == []


# ---------------------------------------------------------------- RACI005


def test_raci005_at_the_later_reference_in_document_order() -> None:
    # `consulted` is written before `responsible`: the later reference is bob's R.
    text = component("consulted: [bob]\nresponsible: [alice, bob]\naccountable: alice\n")
    assert found(text, "RACI005") == [
        (
            "RACI005",
            17,
            28,
            "'bob' is both Consulted and Responsible for component 'ingest-events'",
        ),
    ]


def test_raci005_flow_mapping_order_by_column() -> None:
    text = ROSTER + "    raci: {informed: [bob], responsible: [alice, bob], accountable: alice}\n"
    assert found(text, "RACI005") == [
        (
            "RACI005",
            15,
            50,
            "'bob' is both Informed and Responsible for component 'ingest-events'",
        ),
    ]


def test_raci005_team_written_two_ways_is_one_id() -> None:
    text = component(
        "responsible: [data-platform]\naccountable: alice\ninformed: [team:data-platform]\n"
    )
    assert found(text, "RACI005") == [
        (
            "RACI005",
            18,
            18,
            "'data-platform' is both Responsible and Informed for component 'ingest-events'",
        ),
    ]


def test_raci005_support_counts_as_a_letter() -> None:
    text = component(
        "responsible: [alice, bob]\naccountable: alice\nsupport: [bob]\n", scheme="RASCI"
    )
    assert found(text, "RACI005") == [
        ("RACI005", 19, 17, "'bob' is both Responsible and Support for component 'ingest-events'"),
    ]


@pytest.mark.parametrize(
    "raci",
    [
        pytest.param("responsible: [alice, bob]\naccountable: alice\n", id="R-then-A"),
        pytest.param("accountable: alice\nresponsible: [alice, bob]\n", id="A-then-R"),
    ],
)
def test_raci005_accountable_with_responsible_is_allowed(raci: str) -> None:
    assert found(component(raci), "RACI005") == []


def test_raci005_team_and_its_member_are_different_references() -> None:
    # References count as written: bob is a member of data-platform, not a second letter.
    text = component("responsible: [data-platform]\naccountable: alice\nconsulted: [bob]\n")
    assert found(text, "RACI005") == []


def test_raci005_corrected_passes() -> None:
    text = component("consulted: [carol]\nresponsible: [alice, bob]\naccountable: alice\n")
    assert found(text, "RACI005") == []


# ---------------------------------------------------------------- RACI006


def test_raci006_more_than_default_max_at_the_responsible_key() -> None:
    text = component("responsible: [alice, bob, carol, dan, erin]\naccountable: alice\n")
    assert found(text, "RACI006") == [
        ("RACI006", 16, 7, "component 'ingest-events' has 5 Responsible, more than 4"),
    ]


def test_raci006_default_max_passes() -> None:
    text = component("responsible: [alice, bob, carol, dan]\naccountable: alice\n")
    assert found(text, "RACI006") == []


def test_raci006_a_team_counts_as_one_reference() -> None:
    # Two people through the team and three more: five people, but four references.
    text = component("responsible: [data-platform, carol, dan, erin]\naccountable: alice\n")
    assert found(text, "RACI006") == []


def test_raci006_custom_max() -> None:
    text = component("responsible: [alice, bob, carol]\naccountable: alice\n")
    assert found(text, "RACI006", rule_options={"RACI006": {"max": 2}}) == [
        ("RACI006", 16, 7, "component 'ingest-events' has 3 Responsible, more than 2"),
    ]
    # The default max allows the same file.
    assert found(text, "RACI006") == []


def test_raci006_custom_max_passes() -> None:
    text = component("responsible: [alice, bob]\naccountable: alice\n")
    assert found(text, "RACI006", rule_options={"RACI006": {"max": 2}}) == []


# ---------------------------------------------------------------- RACI007

SIX_CONSULTED = "consulted: [bob, carol, dan, erin, frank, grace]\n"


def test_raci007_more_than_default_max_at_the_consulted_key() -> None:
    text = component("responsible: [alice]\naccountable: alice\n" + SIX_CONSULTED)
    assert found(text, "RACI007") == [
        ("RACI007", 18, 7, "component 'ingest-events' has 6 Consulted, more than 5"),
    ]


def test_raci007_default_max_passes() -> None:
    text = component(
        "responsible: [alice]\naccountable: alice\nconsulted: [bob, carol, dan, erin, frank]\n"
        "informed: [grace]\n"
    )
    assert found(text, "RACI007") == []


def test_raci007_custom_max() -> None:
    text = component("responsible: [alice]\naccountable: alice\nconsulted: [bob, carol, dan]\n")
    assert found(text, "RACI007", rule_options={"RACI007": {"max": 2}}) == [
        ("RACI007", 18, 7, "component 'ingest-events' has 3 Consulted, more than 2"),
    ]
    assert found(text, "RACI007") == []


def test_raci007_custom_max_passes() -> None:
    text = component("responsible: [alice]\naccountable: alice\nconsulted: [data-platform, dan]\n")
    assert found(text, "RACI007", rule_options={"RACI007": {"max": 2}}) == []


def test_raci006_options_do_not_leak_into_raci007() -> None:
    text = component("responsible: [alice]\naccountable: alice\nconsulted: [bob, carol, dan]\n")
    assert found(text, "RACI007", rule_options={"RACI006": {"max": 2}}) == []


# ---------------------------------------------------------------- RACI008

SUPPORT = "responsible: [alice]\naccountable: alice\nsupport: [bob]\n"
SUPPORT_UNDER_RACI = "component 'ingest-events' uses 'support' but the scheme is RACI"


@pytest.mark.parametrize(
    ("scheme", "line"),
    [pytest.param(None, 18, id="default-scheme"), pytest.param("RACI", 19, id="explicit")],
)
def test_raci008_support_under_raci_at_the_support_key(scheme: str | None, line: int) -> None:
    assert found(component(SUPPORT, scheme=scheme), "RACI008") == [
        ("RACI008", line, 7, SUPPORT_UNDER_RACI),
    ]


def test_raci008_not_reported_under_rasci() -> None:
    assert found(component(SUPPORT, scheme="RASCI"), select=["RACI"]) == []


def test_raci008_no_support_passes() -> None:
    assert found(component("responsible: [alice, bob]\naccountable: alice\n"), "RACI008") == []
