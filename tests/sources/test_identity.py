"""Who a declared owner is: by email, handle, id, name, team, Backstage reference or alias."""

from __future__ import annotations

import textwrap

import pytest

from raci_lint.engine.unit import read_unit
from raci_lint.reading.loader import load_text
from raci_lint.settings.options import LintOptions
from raci_lint.sources.owners import Declared, Holder, Position, identify

RACI = textwrap.dedent(
    """\
    version: 1
    people:
      alice: {name: Alice Moreau, email: Alice@Acme.io, github: alice-m}
      bob: {name: Bob Tanaka}
    teams:
      data-platform: {members: [alice], github: "@acme/data-platform", name: Data Platform}
    components: {}
    """
)


def model():  # type: ignore[no-untyped-def]
    unit = read_unit(load_text(RACI), "raci.yaml", LintOptions(), None, None)
    assert unit.model is not None
    return unit.model


def owner(text: str, also: str | None = None) -> Declared:
    return Declared("dbt", "model", "m", "m.yml", Position(1, 1, 1, 1), text, "m.sql", also)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("alice@acme.io", Holder("alice", False)),  # emails compare without case
        ("@alice-m", Holder("alice", False)),
        ("alice-m", Holder("alice", False)),
        ("alice", Holder("alice", False)),
        ("Bob Tanaka", Holder("bob", False)),
        ("user:default/alice", Holder("alice", False)),
        ("user:bob", Holder("bob", False)),
        ("team:data-platform", Holder("data-platform", True)),
        ("group:default/data-platform", Holder("data-platform", True)),
        ("group:data-platform", Holder("data-platform", True)),
        ("@acme/data-platform", Holder("data-platform", True)),
        ("Data Platform", Holder("data-platform", True)),
        ("carol@acme.io", None),
        ("group:default/finance", None),
        ("user:data-platform", None),  # a user reference never names a team
    ],
)
def test_an_owner_is_found_every_way_it_is_written(written: str, expected: Holder | None) -> None:
    assert identify(owner(written), model(), {}, {}) == expected


def test_the_name_beside_an_email_is_tried_too() -> None:
    assert identify(owner("bob@old-domain.io", also="Bob Tanaka"), model(), {}, {}) == Holder(
        "bob", False
    )


def test_aliases_map_an_owner_as_written_to_a_person_or_team() -> None:
    aliases = {"analytics@acme.io": "data-platform", "team:data-eng": "bob"}
    assert identify(owner("Analytics@acme.io"), model(), aliases, {}) == Holder(
        "data-platform", True
    )
    assert identify(owner("team:data-eng"), model(), aliases, {}) == Holder("bob", False)


def test_a_thing_without_an_owner_is_nobody() -> None:
    assert identify(owner("x")._replace(owner=None), model(), {}, {}) is None
