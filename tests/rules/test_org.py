"""ORG001, ORG002: accountability is spread, and no component rests on one person.

Each fixture is written so that its first line is line 1 of the linted file.
Components are one flow mapping a line, the first on line 11, with
`accountable` written first so that its value is at column 28 for a
two-character component id.
"""

from __future__ import annotations

from conftest import found, lint

from raci_lint.rules import all_rules
from raci_lint.settings.config import config_schema

ROSTER = """\
version: 1
people:
  ann: {disciplines: [data-engineer]}
  bob: {disciplines: [data-engineer]}
  cat: {disciplines: [data-engineer]}
  old: {disciplines: [data-engineer], active: false}
teams:
  duo: {members: [ann, bob]}
  solo: {members: [ann, old]}
components:
"""
FIRST = 11  # the line of the first component
ACCOUNTABLE = 28  # the column of the accountable value of a two-character id


def c(name: str, accountable: str, responsible: str = "[cat]") -> str:
    return (
        f"  {name}: {{raci: {{accountable: {accountable}, responsible: {responsible}}}, "
        "kind: ingestion}\n"
    )


def org(*components: str) -> str:
    return ROSTER + "".join(components)


def test_fixture_positions() -> None:
    lines = org(c("c1", "bob")).splitlines()
    assert lines[FIRST - 1] == (
        "  c1: {raci: {accountable: bob, responsible: [cat]}, kind: ingestion}"
    )
    assert lines[FIRST - 1].index("bob") + 1 == ACCOUNTABLE


# ---------------------------------------------------------------- ORG001


def overloaded(person: str, count: int, limit: int) -> str:
    return f"person '{person}' is Accountable for {count} components, more than {limit}"


def accountable_for(person: str, count: int) -> str:
    """``count`` components c1, c2... with ``person`` Accountable."""
    return org(*(c(f"c{i}", person) for i in range(1, count + 1)))


def test_org001_more_than_eight_by_default_at_the_first_accountable_reference() -> None:
    assert found(accountable_for("bob", 9), "ORG001") == [
        ("ORG001", FIRST, ACCOUNTABLE, overloaded("bob", 9, 8)),
    ]


def test_org001_eight_is_the_default_limit_and_passes() -> None:
    assert found(accountable_for("bob", 8), "ORG001") == []


def test_org001_is_a_warning_on_by_default() -> None:
    (violation,) = [v for v in lint(accountable_for("bob", 9)) if v.code == "ORG001"]
    assert (violation.severity, violation.subject, violation.pointer) == (
        "warning",
        "bob",
        "/components/c1/raci/accountable",
    )


def test_org001_custom_max() -> None:
    limit = {"ORG001": {"max": 2}}
    assert found(accountable_for("bob", 3), "ORG001", rule_options=limit) == [
        ("ORG001", FIRST, ACCOUNTABLE, overloaded("bob", 3, 2)),
    ]
    assert found(accountable_for("bob", 2), "ORG001", rule_options=limit) == []


def test_org001_counts_each_person_separately() -> None:
    text = org(c("c1", "ann"), c("c2", "bob"), c("c3", "bob"), c("c4", "ann"), c("c5", "bob"))
    assert found(text, "ORG001", rule_options={"ORG001": {"max": 2}}) == [
        ("ORG001", FIRST + 1, ACCOUNTABLE, overloaded("bob", 3, 2)),
    ]


def test_org001_first_reference_in_document_order_may_be_a_shared_anchor() -> None:
    # The letters of c2 and c3 come from an anchor written above them all.
    text = ROSTER.replace(
        "components:\n", "x-owned: &owned {accountable: bob, responsible: [cat]}\ncomponents:\n"
    ) + (
        "  c1: {kind: ingestion, raci: {responsible: [cat], accountable: cat}}\n"
        "  c2: {kind: ingestion, raci: *owned}\n"
        "  c3: {kind: ingestion, raci: {<<: *owned, informed: [ann]}}\n"
        "  c4: {kind: ingestion, raci: {responsible: [cat], accountable: bob}}\n"
    )
    assert found(text, "ORG001", rule_options={"ORG001": {"max": 2}}) == [
        ("ORG001", 10, 31, overloaded("bob", 3, 2)),
    ]


def test_org001_a_component_counts_once_however_often_it_names_the_person() -> None:
    text = org(c("c1", "[bob, bob]"), c("c2", "bob"))
    assert found(text, "ORG001", rule_options={"ORG001": {"max": 1}}) == [
        ("ORG001", FIRST, ACCOUNTABLE + 1, overloaded("bob", 2, 1)),
    ]
    assert found(text, "ORG001", rule_options={"ORG001": {"max": 2}}) == []


def test_org001_teams_and_inactive_people_are_not_counted() -> None:
    # RACI004 and REF008 report those references; ORG001 is about active people.
    for holder in ("duo", "team:duo", "old"):
        text = accountable_for(holder, 3)
        assert found(text, "ORG001", rule_options={"ORG001": {"max": 1}}) == [], holder


def test_org001_max_is_in_the_configuration_schema() -> None:
    rules = config_schema(all_rules())["properties"]["rules"]["properties"]
    assert rules["ORG001"]["properties"]["max"] == {
        "type": "integer",
        "minimum": 0,
        "maximum": 1_000_000,
    }


# ---------------------------------------------------------------- ORG002

SINGLE_ANN = "component 'c1' has 'ann' as its only Responsible and as its Accountable"


def test_org002_only_responsible_is_the_accountable_at_the_components_id() -> None:
    text = org(c("c1", "ann", "[ann]"))
    assert found(text, "ORG002", select=["ORG002"]) == [("ORG002", FIRST, 3, SINGLE_ANN)]


def test_org002_is_opt_in() -> None:
    text = org(c("c1", "ann", "[ann]"))
    assert found(text, "ORG002") == []
    assert found(text, "ORG002", select=["ORG"]) == [("ORG002", FIRST, 3, SINGLE_ANN)]
    (violation,) = [v for v in lint(text, select=["ALL"]) if v.code == "ORG002"]
    assert violation.severity == "info"


def test_org002_a_team_of_two_is_not_a_single_point() -> None:
    for responsible in ("[duo]", "[team:duo]"):
        text = org(c("c1", "ann", responsible))
        assert found(text, "ORG002", select=["ORG002"]) == [], responsible


def test_org002_a_team_counts_as_its_active_members() -> None:
    # `solo` is ann and old, who has left: ann alone does the work.
    text = org(c("c1", "ann", "[solo]"))
    assert found(text, "ORG002", select=["ORG002"]) == [("ORG002", FIRST, 3, SINGLE_ANN)]


def test_org002_inactive_people_do_not_share_the_work() -> None:
    text = org(c("c1", "ann", "[ann, old]"))
    assert found(text, "ORG002", select=["ORG002"]) == [("ORG002", FIRST, 3, SINGLE_ANN)]


def test_org002_two_responsible_or_another_accountable_passes() -> None:
    text = org(
        c("c1", "ann", "[ann, bob]"),
        c("c2", "bob", "[ann]"),
        c("c3", "ann", "[duo, ann]"),
    )
    assert found(text, "ORG002", select=["ORG002"]) == []


def test_org002_no_responsible_is_raci003s_business() -> None:
    text = org(c("c1", "ann", "[]"))
    assert found(text, "ORG002", select=["ORG002"]) == []
