"""SYN001-SYN004: the file must be one readable YAML document of format version 1.

Each fixture is written so that its first line is line 1 of the linted file.
SYN005 (limits) is tested elsewhere.
"""

from __future__ import annotations

import textwrap

import pytest
from conftest import found

# A small valid file, the base of the fixtures below.
VALID = textwrap.dedent("""\
    version: 1
    people:
      alice: {disciplines: [data-engineer]}
    components:
      ingest-events:
        kind: ingestion
        raci:
          responsible: [alice]
          accountable: alice
""")

ID_RULE = (
    "(ids use lowercase letters, digits, '.', '_' and '-', and start with a letter or a digit)"
)


def replaced(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` (which must occur) replaced by ``new``."""
    assert old in text, f"{old!r} is not in the fixture"
    return text.replace(old, new)


def test_valid_base_fixture_is_clean() -> None:
    assert found(VALID) == []


# ---------------------------------------------------------------- SYN001


UNCLOSED_LIST = textwrap.dedent("""\
    version: 1
    people:
      alice: {disciplines: [data-engineer]}
    components:
      ingest-events:
        kind: ingestion
        raci:
          responsible: [alice
          accountable: alice
""")


def test_syn001_unclosed_list_at_the_parsers_problem_mark() -> None:
    # Nothing else is checked in a file that does not parse.
    assert found(UNCLOSED_LIST) == [
        ("SYN001", 9, 18, "a '[' list is not closed: expected ',' or ']'"),
    ]


def test_syn001_closed_list_passes() -> None:
    assert found(replaced(UNCLOSED_LIST, "[alice\n", "[alice]\n"), "SYN001") == []


def test_syn001_bad_indentation() -> None:
    text = replaced(VALID, "      accountable: alice", "     accountable: alice")
    assert found(text) == [
        ("SYN001", 9, 6, "expected a key at this indentation; check the indentation of this line"),
    ]


def test_syn001_cannot_be_deselected() -> None:
    assert found(UNCLOSED_LIST, select=["RACI"]) == [
        ("SYN001", 9, 18, "a '[' list is not closed: expected ',' or ']'"),
    ]


def test_syn001_list_left_open_at_end_of_file() -> None:
    text = """\
        version: 1
        components:
          ingest-events: [
    """
    assert found(text) == [
        ("SYN001", 3, 19, "expected a value here; is a bracket or a quote left open?"),
    ]


# ---------------------------------------------------------------- SYN002

EMPTY_MESSAGE = (
    "the file is empty; an ownership file starts with `version: 1` and a `components:` mapping"
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("\n\n   \n", id="blank-lines"),
        pytest.param("# raci.yaml of the team\n# nothing here yet\n", id="comments-only"),
    ],
)
def test_syn002_empty_or_comment_only_file_at_1_1(text: str) -> None:
    assert found(text) == [("SYN002", 1, 1, EMPTY_MESSAGE)]


def test_syn002_document_marker_and_comments_only_is_empty_at_1_1() -> None:
    assert found("# raci.yaml of the team\n---\n# nothing here yet\n") == [
        ("SYN002", 1, 1, EMPTY_MESSAGE),
    ]


def test_syn002_comment_file_with_content_passes() -> None:
    assert found("# raci.yaml of the team\n" + VALID, "SYN002") == []


def test_syn002_unknown_keys_each_at_its_key() -> None:
    text = """\
        version: 1
        people:
          alice:
            disciplines: [data-engineer]
            phone: "+33 1 23 45 67 89"
        components:
          ingest-events:
            kind: ingestion
            owner: alice
            raci:
              responsible: [alice]
              acountable: alice
    """
    assert found(text, "SYN002") == [
        (
            "SYN002",
            5,
            5,
            "unknown key 'phone' in person 'alice'; expected one of: active, disciplines, "
            "email, github, name (keys starting with x- are free)",
        ),
        (
            "SYN002",
            9,
            5,
            "unknown key 'owner' in component 'ingest-events'; expected one of: depends_on, "
            "description, kind, paths, raci, tags, unowned (keys starting with x- are free)",
        ),
        (
            "SYN002",
            12,
            7,
            "unknown key 'acountable' in the raci of component 'ingest-events'; "
            "did you mean 'accountable'?",
        ),
    ]


def test_syn002_x_keys_are_allowed_in_every_fixed_mapping() -> None:
    text = """\
        version: 1
        x-owner: data-office
        people:
          alice: {disciplines: [data-engineer], x-slack: "@alice"}
        teams:
          data-platform: {members: [alice], x-oncall: pagerduty}
        components:
          ingest-events:
            kind: ingestion
            x-runbook: https://wiki/ingest
            raci:
              responsible: [data-platform]
              accountable: alice
              x-note: reviewed in Q3
    """
    assert found(text, "SYN002") == []


def test_syn002_misspelt_top_level_key_and_missing_required_at_1_1() -> None:
    text = replaced(VALID, "components:", "compnents:")
    assert found(text, "SYN002") == [
        (
            "SYN002",
            1,
            1,
            "the file has no 'components'; add a `components:` mapping of the pipeline's "
            "components",
        ),
        ("SYN002", 4, 1, "unknown key 'compnents' in the top level; did you mean 'components'?"),
    ]


def test_syn002_missing_version_at_1_1() -> None:
    text = replaced(VALID, "version: 1\n", "")
    assert found(text, "SYN002") == [
        ("SYN002", 1, 1, "the file has no 'version'; add `version: 1` at the top"),
    ]


def test_syn002_missing_kind_at_the_components_id() -> None:
    text = replaced(VALID, "    kind: ingestion\n", "")
    assert found(text, "SYN002") == [
        (
            "SYN002",
            5,
            3,
            "component 'ingest-events' has no 'kind'; expected one of: ingestion, data-quality, "
            "data-storage, feature-store, transformation, orchestration, analysis, "
            "feature-engineering, training, evaluation, reporting, translation, packaging, "
            "deployment, monitoring, retraining, ml-pipeline, platform, service, library, "
            "frontend, infrastructure, documentation, ci, tests, tooling",
        ),
    ]


def test_syn002_wrong_values_at_the_value() -> None:
    text = """\
        version: 1
        people:
          alice: {disciplines: [data-engineer], active: maybe}
        components:
          ingest-events:
            kind: Ingestion
            raci:
              responsible: [Alice]
              accountable: alice
    """
    # A kind is any text for the schema: 'Ingestion' is REF003's, with the id meant.
    # The rejected Responsible is no missing one: RACI003 stays silent.
    assert found(text) == [
        ("SYN002", 3, 49, "'active' of person 'alice' must be true or false, not 'maybe'"),
        (
            "REF003",
            6,
            11,
            "component 'ingest-events' has kind 'Ingestion', which is not in the taxonomy; "
            "did you mean 'ingestion'?",
        ),
        (
            "SYN002",
            8,
            21,
            "entry 1 of responsible of component 'ingest-events' is 'Alice', which is not a "
            f"person or team id, or team:<id> {ID_RULE}",
        ),
    ]


def test_syn002_wrong_values_corrected_pass() -> None:
    text = """\
        version: 1
        people:
          alice: {disciplines: [data-engineer], active: true}
        components:
          ingest-events:
            kind: ingestion
            raci:
              responsible: [alice]
              accountable: alice
    """
    assert found(text) == []


def test_syn002_unknown_scheme_at_the_value() -> None:
    text = replaced(VALID, "version: 1\n", "version: 1\nscheme: rasci\n")
    assert found(text, "SYN002") == [
        ("SYN002", 2, 9, "'scheme' must be one of RACI, RASCI, not 'rasci'"),
    ]
    assert found(replaced(text, "rasci", "RASCI")) == []


@pytest.mark.parametrize(
    ("version", "shown"),
    [pytest.param('"1"', "'1'", id="quoted"), pytest.param("1.5", "'1.5'", id="float")],
)
def test_syn002_non_integer_version_is_not_syn004(version: str, shown: str) -> None:
    text = replaced(VALID, "version: 1", f"version: {version}")
    assert found(text) == [("SYN002", 1, 10, f"'version' must be an integer, not {shown}")]


@pytest.mark.parametrize(
    ("version", "shown"),
    [
        pytest.param("!!int abc", "'abc'", id="tagged-text"),
        pytest.param("!!int 0x10", "'0x10'", id="tagged-hex"),
        pytest.param("!!bool 1", "'1'", id="tagged-bool"),
    ],
)
def test_syn002_tagged_version_that_is_no_integer(version: str, shown: str) -> None:
    text = replaced(VALID, "version: 1", f"version: {version}")
    assert found(text) == [("SYN002", 1, 10, f"'version' must be an integer, not {shown}")]


def test_tagged_version_1_passes_and_tagged_2_is_syn004() -> None:
    assert found(replaced(VALID, "version: 1", "version: !!int 1")) == []
    text = replaced(VALID, "version: 1", "version: !!int 2")
    assert found(text) == [("SYN004", 1, 10, UNSUPPORTED.format(version=2))]


@pytest.mark.parametrize("active", ["!!bool 1", "!!bool maybe", "!!int yes"])
def test_syn002_tagged_active_that_is_no_boolean(active: str) -> None:
    text = replaced(VALID, "[data-engineer]}", f"[data-engineer], active: {active}}}")
    shown = active.split()[1]
    # The value is rejected, so alice stays active: no REF008, no TAX001.
    assert found(text) == [
        ("SYN002", 3, 49, f"'active' of person 'alice' must be true or false, not '{shown}'"),
    ]


def test_tagged_active_with_a_boolean_text_is_read_as_written() -> None:
    text = replaced(VALID, "[data-engineer]}", "[data-engineer], active: !!bool false}")
    assert [code for code, *_ in found(text)] == ["TAX001", "REF008", "REF008"]
    text = replaced(VALID, "[data-engineer]}", "[data-engineer], active: !!bool yes}")
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("- alice\n- bob\n", id="list"),
        pytest.param("just some text\n", id="scalar"),
    ],
)
def test_syn002_root_that_is_not_a_mapping(text: str) -> None:
    shown = "a list" if text.startswith("-") else "'just some text'"
    assert found(text) == [
        (
            "SYN002",
            1,
            1,
            f"the file must hold a mapping (version, people, teams, components), not {shown}",
        ),
    ]


def test_syn002_ids_written_like_booleans_numbers_or_dates_are_ids() -> None:
    text = """\
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
              informed: [2024-01-01]
    """
    assert found(text) == []


def test_syn002_uppercase_ids_break_the_id_rule() -> None:
    # The failing twin of the test above: `No` (not `no`) breaks the id rule.
    text = """\
        version: 1
        people:
          No: {disciplines: [data-engineer]}
        components:
          ingest-events:
            kind: ingestion
            raci:
              responsible: [No]
              accountable: No
    """
    assert found(text, "SYN002") == [
        ("SYN002", 3, 3, f"person id 'No' is not a valid id {ID_RULE}"),
        (
            "SYN002",
            8,
            21,
            "entry 1 of responsible of component 'ingest-events' is 'No', which is not a "
            f"person or team id, or team:<id> {ID_RULE}",
        ),
        (
            "SYN002",
            9,
            20,
            "accountable of component 'ingest-events' is 'No', which is not a person or team "
            f"id, or team:<id> {ID_RULE}",
        ),
    ]


@pytest.mark.parametrize(
    ("merged", "columns"),
    [pytest.param("1", [11], id="scalar"), pytest.param("[1, 2]", [12, 15], id="list")],
)
def test_syn002_merge_key_of_a_non_mapping_at_the_value(merged: str, columns: list[int]) -> None:
    text = replaced(VALID, "    raci:\n", f"    raci:\n      <<: {merged}\n")
    message = (
        "a merge key '<<' takes a mapping or a list of mappings "
        "(usually an alias such as *defaults)"
    )
    assert found(text, "SYN002") == [("SYN002", 8, column, message) for column in columns]


# ---------------------------------------------------------------- SYN003

DUPLICATE_MESSAGE = (
    "duplicate key '{key}' (first at line {line}); the first one stands and this one is ignored"
)

TEAM_ACCOUNTABLE = (
    "component 'ingest-events' has team 'data-platform' as Accountable; "
    "accountability needs one person"
)

TWO_ACCOUNTABLE = textwrap.dedent("""\
    version: 1
    people:
      alice: {disciplines: [data-engineer]}
    teams:
      data-platform: {members: [alice]}
    components:
      ingest-events:
        kind: ingestion
        raci:
          responsible: [data-platform]
          accountable: alice
          accountable: data-platform
""")


def test_syn003_at_the_second_occurrence_and_the_first_stands() -> None:
    # Had the last one won (as PyYAML does), RACI004 would report the team.
    assert found(TWO_ACCOUNTABLE) == [
        ("SYN003", 12, 7, DUPLICATE_MESSAGE.format(key="accountable", line=11)),
    ]


def test_syn003_first_occurrence_stands_when_it_is_the_wrong_one() -> None:
    text = replaced(TWO_ACCOUNTABLE, "accountable: alice\n", "accountable: team:data-platform\n")
    text = replaced(text, "accountable: data-platform\n", "accountable: alice\n")
    assert found(text) == [
        ("RACI004", 11, 20, TEAM_ACCOUNTABLE),
        ("SYN003", 12, 7, DUPLICATE_MESSAGE.format(key="accountable", line=11)),
    ]


def test_syn003_duplicate_person_first_definition_stands() -> None:
    text = """\
        version: 1
        people:
          alice: {disciplines: [data-engineer]}
          alice: {disciplines: [data-scientist], active: false}
        components:
          ingest-events:
            kind: ingestion
            raci:
              responsible: [alice]
              accountable: alice
    """
    # The second alice is inactive and no data engineer: no REF008, no TAX001.
    assert found(text) == [("SYN003", 4, 3, DUPLICATE_MESSAGE.format(key="alice", line=3))]


def test_syn003_duplicate_in_a_flow_mapping() -> None:
    text = replaced(
        VALID,
        "    raci:\n      responsible: [alice]\n      accountable: alice\n",
        "    raci: {responsible: [alice], accountable: alice, responsible: [bob]}\n",
    )
    assert found(text) == [
        ("SYN003", 7, 54, DUPLICATE_MESSAGE.format(key="responsible", line=7)),
    ]


def test_syn003_duplicate_version_first_stands() -> None:
    # Had `version: 2` won, SYN004 would stop every rule.
    text = replaced(VALID, "version: 1\n", "version: 1\nversion: 2\n")
    assert found(text) == [("SYN003", 2, 1, DUPLICATE_MESSAGE.format(key="version", line=1))]


def test_syn003_no_duplicate_passes() -> None:
    text = replaced(TWO_ACCOUNTABLE, "      accountable: data-platform\n", "")
    assert found(text, "SYN003") == []
    assert found(text) == []


# ---------------------------------------------------------------- merge keys


MERGED_DEFAULTS = textwrap.dedent("""\
    version: 1
    people:
      alice: {disciplines: [data-engineer]}
      bob: {disciplines: [data-engineer]}
    teams:
      data-platform: {members: [alice, bob]}
    x-defaults: &defaults
      responsible: [data-platform]
      accountable: data-platform
    components:
      ingest-events:
        kind: ingestion
        raci:
          <<: *defaults
          accountable: bob
""")


def test_merge_keys_apply_and_explicit_keys_win() -> None:
    # Merged `responsible` satisfies RACI003 and TAX001; the explicit `accountable: bob`
    # wins over the merged team, so no RACI004; `<<` next to `accountable` is no SYN003.
    assert found(MERGED_DEFAULTS) == []


def test_merge_keys_merged_value_is_checked_where_it_was_written() -> None:
    text = replaced(MERGED_DEFAULTS, "      accountable: bob\n", "")
    assert found(text) == [("RACI004", 9, 16, TEAM_ACCOUNTABLE)]


# ---------------------------------------------------------------- SYN004

UNSUPPORTED = "version {version} is not supported; this raci-lint reads version 1 only"


BROKEN_IN_EVERY_WAY = """\
    version: {version}
    owners: everyone
    components:
      ingest-events:
        kind: ingestion
        kind: training
        raci:
          responsible: [nobody]
"""


def test_syn004_fixture_breaks_other_rules_under_version_1() -> None:
    codes = {code for code, *_ in found(BROKEN_IN_EVERY_WAY.format(version=1))}
    assert codes == {"SYN002", "SYN003", "RACI001", "REF001", "TAX001"}


@pytest.mark.parametrize("version", ["2", "0"])
def test_syn004_alone_no_other_rule_runs(version: str) -> None:
    text = BROKEN_IN_EVERY_WAY.format(version=version)
    assert found(text) == [("SYN004", 1, 10, UNSUPPORTED.format(version=version))]


def test_syn004_not_selected_still_stops_every_other_rule() -> None:
    text = replaced(VALID, "version: 1", "version: 2")
    text = replaced(text, "accountable: alice", "accountable: ghost")
    assert found(text, select=["RACI", "REF"]) == []
    assert [code for code, *_ in found(replaced(text, "version: 2", "version: 1"))] == ["REF001"]


def test_syn004_version_1_passes() -> None:
    assert found(VALID, "SYN004") == []


@pytest.mark.parametrize("version", ['"1"', '"2"', "1.5", "2.0"])
def test_syn004_never_for_a_non_integer_version(version: str) -> None:
    text = replaced(VALID, "version: 1", f"version: {version}")
    assert [code for code, *_ in found(text)] == ["SYN002"]
