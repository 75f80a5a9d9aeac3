"""TAX001, TAX002: each component has the data disciplines its kind and tags call for.

Each fixture is written so that its first line is line 1 of the linted file;
the component under test starts on line 11 (later when a `teams:` mapping is added).
"""

from __future__ import annotations

import pytest
from conftest import found

ROSTER = """\
version: 1
people:
  erik: {disciplines: [data-engineer]}
  dana: {disciplines: [data-scientist]}
  mia: {disciplines: [ml-engineer]}
  gone: {disciplines: [data-engineer, data-steward], active: false}
  olga: {disciplines: [data-scientist], active: false}
  sam: {disciplines: [data-steward]}
  pat: {disciplines: [product-owner]}
components:
"""
LINE = 11


def component(kind: str, raci: str, *, tags: str | None = None) -> str:
    """The roster and one component ``c`` of ``kind`` with the flow mapping ``raci``."""
    lines = ["  c:", f"    kind: {kind}"]
    if tags is not None:
        lines.append(f"    tags: {tags}")
    lines.append(f"    raci: {{{raci}}}")
    return ROSTER + "\n".join(lines) + "\n"


def with_teams(text: str, teams: str) -> str:
    """``text`` with a `teams:` mapping (one team a line) before `components:`."""
    block = "teams:\n" + "".join(f"  {line}\n" for line in teams.strip().splitlines())
    return text.replace("components:\n", block + "components:\n", 1)


def test_fixture_line() -> None:
    assert component("ingestion", "").splitlines()[LINE - 1] == "  c:"


# ---------------------------------------------------------------- TAX001: kinds

NEEDS_DATA_ENGINEER = (
    "component 'c' (ingestion) needs a data-engineer as Responsible "
    "(data engineers own access and stability)"
)


def test_tax001_kind_requirement_not_met_at_the_components_id() -> None:
    text = component("ingestion", "responsible: [dana], accountable: dana")
    assert found(text, "TAX001") == [("TAX001", LINE, 3, NEEDS_DATA_ENGINEER)]


def test_tax001_kind_requirement_met_passes() -> None:
    text = component("ingestion", "responsible: [erik], accountable: dana")
    assert found(text, "TAX001") == []


def test_tax001_kind_written_as_an_alias() -> None:
    text = component("etl", "responsible: [dana], accountable: dana")
    assert found(text, "TAX001") == [
        (
            "TAX001",
            LINE,
            3,
            "component 'c' (etl, a transformation) needs a data-engineer or analytics-engineer "
            "as Responsible (data engineers own stability: pipelines that deliver when promised)",
        ),
    ]
    assert found(text.replace("responsible: [dana]", "responsible: [erik]"), "TAX001") == []


def test_tax001_alias_of_a_kind_starting_with_a_vowel() -> None:
    text = component("extract", "responsible: [dana], accountable: dana")
    assert found(text, "TAX001") == [
        (
            "TAX001",
            LINE,
            3,
            "component 'c' (extract, an ingestion) needs a data-engineer as Responsible "
            "(data engineers own access and stability)",
        ),
    ]


def test_tax001_also_reported_when_responsible_is_empty() -> None:
    text = component("ingestion", "accountable: erik")
    assert found(text, select=["RACI003", "TAX001"]) == [
        ("RACI003", LINE, 3, "component 'c' has no Responsible"),
        ("TAX001", LINE, 3, NEEDS_DATA_ENGINEER),
    ]


@pytest.mark.parametrize(
    ("raci", "reported"),
    [
        pytest.param("responsible: [mia], accountable: mia", True, id="neither"),
        pytest.param("responsible: [mia], accountable: dana", False, id="accountable"),
        pytest.param("responsible: [dana], accountable: mia", False, id="responsible"),
        pytest.param("responsible: [mia], accountable: mia, consulted: [dana]", True, id="C"),
        pytest.param("responsible: [mia], accountable: olga", True, id="inactive-A"),
    ],
)
def test_tax001_training_needs_a_data_scientist_as_r_or_a(raci: str, reported: bool) -> None:
    expected = [
        (
            "TAX001",
            LINE,
            3,
            "component 'c' (training) needs a data-scientist as Responsible or Accountable "
            "(data scientists own modeling)",
        ),
    ]
    assert found(component("training", raci), "TAX001") == (expected if reported else [])


def test_tax001_unknown_kind_is_ref003_only() -> None:
    text = component("ingestoin", "responsible: [dana], accountable: dana")
    assert [code for code, *_ in found(text, select=["TAX", "REF003"])] == ["REF003"]


# ---------------------------------------------------------------- TAX001: teams, inactive

TEAMS = """\
data-platform: {members: [erik, dana]}
leavers: {members: [gone]}
half: {members: [erik, gone]}
pair: {members: [erik, mia]}
"""


def test_tax001_a_team_counts_as_its_active_members() -> None:
    text = with_teams(
        component("ingestion", "responsible: [data-platform], accountable: dana"), TEAMS
    )
    assert found(text, "TAX001") == []
    text = text.replace("responsible: [data-platform]", "responsible: [team:data-platform]")
    assert found(text, "TAX001") == []


def test_tax001_a_team_of_inactive_people_satisfies_nothing() -> None:
    text = with_teams(component("ingestion", "responsible: [leavers], accountable: dana"), TEAMS)
    assert found(text, "TAX001") == [("TAX001", LINE + 5, 3, NEEDS_DATA_ENGINEER)]


def test_tax001_an_inactive_person_satisfies_nothing() -> None:
    text = component("ingestion", "responsible: [gone], accountable: dana")
    assert found(text, "TAX001") == [("TAX001", LINE, 3, NEEDS_DATA_ENGINEER)]


# ---------------------------------------------------------------- TAX001: tags

NEEDS_STEWARD = (
    "component 'c' (tagged pii) needs a data-steward as Consulted or Accountable "
    "(personal data needs a data steward who can answer for its governance)"
)
NEEDS_TWO = (
    "component 'c' (tagged tier-1) needs 2 people as Responsible; it has {count} "
    "(a business-critical component needs more than one person who can fix it)"
)


def test_tax001_pii_needs_a_data_steward() -> None:
    text = component("ingestion", "responsible: [erik], accountable: dana", tags="[pii]")
    assert found(text, "TAX001") == [("TAX001", LINE, 3, NEEDS_STEWARD)]


@pytest.mark.parametrize(
    "raci",
    [
        pytest.param("responsible: [erik], accountable: dana, consulted: [sam]", id="consulted"),
        pytest.param("responsible: [erik], accountable: sam", id="accountable"),
    ],
)
def test_tax001_pii_with_a_data_steward_c_or_a_passes(raci: str) -> None:
    assert found(component("ingestion", raci, tags="[pii]"), "TAX001") == []


def test_tax001_pii_inactive_data_steward_satisfies_nothing() -> None:
    raci = "responsible: [erik], accountable: dana, consulted: [gone]"
    assert found(component("ingestion", raci, tags="[pii]"), "TAX001") == [
        ("TAX001", LINE, 3, NEEDS_STEWARD),
    ]


def test_tax001_pii_data_steward_as_informed_does_not_count() -> None:
    raci = "responsible: [erik], accountable: dana, informed: [sam]"
    assert found(component("ingestion", raci, tags="[pii]"), "TAX001") == [
        ("TAX001", LINE, 3, NEEDS_STEWARD),
    ]


@pytest.mark.parametrize(
    ("responsible", "count"),
    [
        pytest.param("[erik]", 1, id="one-person"),
        pytest.param("[erik, gone]", 1, id="second-is-inactive"),
        pytest.param("[half]", 1, id="team-with-an-inactive-member"),
        pytest.param("[erik, team:half]", 1, id="same-person-twice"),
    ],
)
def test_tax001_tier1_needs_two_distinct_active_responsible(responsible: str, count: int) -> None:
    raci = f"responsible: {responsible}, accountable: dana"
    text = with_teams(component("ingestion", raci, tags="[tier-1]"), TEAMS)
    assert found(text, "TAX001") == [("TAX001", LINE + 5, 3, NEEDS_TWO.format(count=count))]


@pytest.mark.parametrize(
    "responsible",
    [
        pytest.param("[erik, mia]", id="two-people"),
        pytest.param("[pair]", id="team-of-two-active"),
        pytest.param("[half, mia]", id="team-and-a-person"),
    ],
)
def test_tax001_tier1_with_two_active_responsible_passes(responsible: str) -> None:
    raci = f"responsible: {responsible}, accountable: dana"
    text = with_teams(component("ingestion", raci, tags="[tier-1]"), TEAMS)
    assert found(text, "TAX001") == []


def test_tax001_each_requirement_checked_on_its_own() -> None:
    # The kind, pii and tier-1 each fail: three separate violations at the same place.
    text = component("ingestion", "responsible: [dana], accountable: dana", tags="[pii, tier-1]")
    assert found(text, "TAX001") == [
        ("TAX001", LINE, 3, NEEDS_DATA_ENGINEER),
        ("TAX001", LINE, 3, NEEDS_STEWARD),
        ("TAX001", LINE, 3, NEEDS_TWO.format(count=1)),
    ]


def test_tax001_tags_without_rules_are_free_form() -> None:
    text = component("ingestion", "responsible: [erik], accountable: dana", tags="[nightly, gdpr]")
    assert found(text, select=["TAX"]) == []


# ---------------------------------------------------------------- TAX002

DEPLOYMENT = component("deployment", "responsible: [mia], accountable: mia")
CONSULT_A_DATA_SCIENTIST = (
    "TAX002",
    LINE,
    3,
    "component 'c' (deployment) should have a data-scientist as Consulted "
    "(the data scientist knows what the model needs in production)",
)


def test_tax002_is_opt_in() -> None:
    assert found(DEPLOYMENT, "TAX002") == []


@pytest.mark.parametrize(
    "options",
    [
        pytest.param({"select": ["ALL"]}, id="select-ALL"),
        pytest.param({"select": ["TAX"]}, id="select-prefix"),
        pytest.param({"select": ["TAX002"]}, id="select-code"),
        pytest.param({"extend_select": ["TAX002"]}, id="extend-select"),
    ],
)
def test_tax002_reported_when_selected(options: dict[str, list[str]]) -> None:
    assert found(DEPLOYMENT, "TAX002", **options) == [CONSULT_A_DATA_SCIENTIST]


def test_tax002_ignore_wins_over_all() -> None:
    assert found(DEPLOYMENT, "TAX002", select=["ALL"], ignore=["TAX002"]) == []


@pytest.mark.parametrize(
    ("kind", "raci", "fixed", "message"),
    [
        pytest.param(
            "training",
            "responsible: [mia], accountable: dana",
            "responsible: [mia, dana], accountable: dana",
            "component 'c' (training) should have a data-scientist as Responsible (the person "
            "who builds the model should be a data scientist, not only the one who signs off)",
            id="training",
        ),
        pytest.param(
            "evaluation",
            "responsible: [mia], accountable: dana",
            "responsible: [dana], accountable: dana",
            "component 'c' (evaluation) should have a data-scientist as Responsible "
            "(the person who evaluates the model should be a data scientist)",
            id="evaluation",
        ),
        pytest.param(
            "deployment",
            "responsible: [mia], accountable: mia, informed: [dana]",
            "responsible: [mia], accountable: mia, consulted: [dana]",
            "component 'c' (deployment) should have a data-scientist as Consulted "
            "(the data scientist knows what the model needs in production)",
            id="deployment",
        ),
        pytest.param(
            "monitoring",
            "responsible: [mia], accountable: mia",
            "responsible: [mia], accountable: mia, consulted: [dana]",
            "component 'c' (monitoring) should have a data-scientist as Consulted "
            "(the data scientist knows what drift in the model's inputs means)",
            id="monitoring",
        ),
        pytest.param(
            "data-quality",
            "responsible: [erik], accountable: erik, consulted: [dana]",
            "responsible: [erik], accountable: erik, informed: [dana]",
            "component 'c' (data-quality) should have a data-scientist as Informed "
            "(data scientists build on this data and must hear when it breaks)",
            id="data-quality",
        ),
        pytest.param(
            "reporting",
            "responsible: [dana], accountable: dana, informed: [pat]",
            "responsible: [dana], accountable: dana, consulted: [pat]",
            "component 'c' (reporting) should have a product-owner as Accountable or Consulted "
            "(the product owner speaks for the people who read the report)",
            id="reporting",
        ),
    ],
)
def test_tax002_default_recommendations(kind: str, raci: str, fixed: str, message: str) -> None:
    assert found(component(kind, raci), "TAX002", select=["ALL"]) == [
        ("TAX002", LINE, 3, message),
    ]
    assert found(component(kind, fixed), "TAX002", select=["ALL"]) == []


def test_tax002_reporting_with_a_product_owner_accountable_passes() -> None:
    text = component("reporting", "responsible: [dana], accountable: pat")
    assert found(text, "TAX002", select=["ALL"]) == []


def test_tax002_a_team_counts_as_its_active_members() -> None:
    teams = "modelers: {members: [dana]}\nformer-modelers: {members: [olga, mia]}\n"
    text = with_teams(
        component("deployment", "responsible: [mia], accountable: mia, consulted: [modelers]"),
        teams,
    )
    assert found(text, "TAX002", select=["ALL"]) == []
    text = text.replace("consulted: [modelers]", "consulted: [former-modelers]")
    assert found(text, "TAX002", select=["ALL"]) == [
        (
            "TAX002",
            LINE + 3,
            3,
            "component 'c' (deployment) should have a data-scientist as Consulted "
            "(the data scientist knows what the model needs in production)",
        ),
    ]


def test_tax002_kind_without_recommendations_passes() -> None:
    text = component("ingestion", "responsible: [erik], accountable: erik")
    assert found(text, select=["TAX"]) == []


# ------------------------------------------- issue 15: the requirements that changed

ROSTER_MORE = ROSTER.replace(
    "components:\n",
    "  ivan: {disciplines: [platform-engineer]}\n  olaf: {disciplines: [mlops-engineer]}\n"
    "components:\n",
)


def more(kind: str, raci: str) -> str:
    """:func:`component` with a platform engineer (ivan) and an MLOps engineer (olaf)."""
    return component(kind, raci).replace(ROSTER, ROSTER_MORE)


LINE_MORE = LINE + 2


@pytest.mark.parametrize("kind", ["orchestration", "dag", "airflow-dag", "dagster-job", "schedule"])
def test_tax001_a_data_pipeline_run_by_its_data_engineers_passes(kind: str) -> None:
    # Before, every scheduler needed an ML, MLOps or platform engineer (a false
    # TAX001 on an Airflow repository run by its data engineers).
    assert found(component(kind, "responsible: [erik], accountable: erik"), "TAX001") == []
    assert found(component(kind, "responsible: [mia], accountable: mia"), "TAX001") == []


def test_tax001_orchestration_still_needs_someone_who_owns_stability_or_architecture() -> None:
    assert found(
        component("orchestration", "responsible: [dana], accountable: dana"), "TAX001"
    ) == [
        (
            "TAX001",
            LINE,
            3,
            "component 'c' (orchestration) needs a data-engineer, ml-engineer, mlops-engineer or "
            "platform-engineer as Responsible (data engineers own stability, pipelines that "
            "deliver when promised; ML engineers own architecture, how the tools link up)",
        )
    ]


@pytest.mark.parametrize("kind", ["ml-pipeline", "architecture", "kubeflow-pipeline"])
def test_tax001_an_ml_pipeline_needs_an_ml_engineer(kind: str) -> None:
    # `architecture` keeps the requirement it had as an alias of orchestration.
    label = "ml-pipeline" if kind == "ml-pipeline" else f"{kind}, an ml-pipeline"
    assert found(component(kind, "responsible: [erik], accountable: erik"), "TAX001") == [
        (
            "TAX001",
            LINE,
            3,
            f"component 'c' ({label}) needs an ml-engineer, mlops-engineer or platform-engineer "
            "as Responsible (ML engineers own architecture: how the tools link up, at scale)",
        )
    ]
    assert found(component(kind, "responsible: [mia], accountable: erik"), "TAX001") == []


def test_tax001_translation_is_a_kind_of_its_own() -> None:
    # Was an alias of packaging ("a versioned, deployable artifact").
    assert found(component("translation", "responsible: [dana], accountable: dana"), "TAX001") == [
        (
            "TAX001",
            LINE,
            3,
            "component 'c' (translation) needs an ml-engineer or mlops-engineer as Responsible "
            "(ML engineers own translation: making proof-of-concept code robust)",
        )
    ]
    assert found(component("translation", "responsible: [mia], accountable: dana"), "TAX001") == []


def test_tax001_packaging_rests_on_productionization() -> None:
    assert found(
        component("model-registry", "responsible: [dana], accountable: dana"), "TAX001"
    ) == [
        (
            "TAX001",
            LINE,
            3,
            "component 'c' (model-registry, a packaging) needs an ml-engineer or mlops-engineer "
            "as Responsible (ML engineers own productionization: a model shipped as an artifact "
            "that can be deployed)",
        )
    ]
    assert found(component("packaging", "responsible: [mia], accountable: dana"), "TAX001") == []


@pytest.mark.parametrize("kind", ["retraining", "training-pipeline", "training-job"])
def test_tax001_the_software_that_trains_the_model_needs_an_ml_engineer(kind: str) -> None:
    label = "retraining" if kind == "retraining" else f"{kind}, a retraining"
    assert found(component(kind, "responsible: [dana], accountable: dana"), "TAX001") == [
        (
            "TAX001",
            LINE,
            3,
            f"component 'c' ({label}) needs an ml-engineer or mlops-engineer as Responsible "
            "(ML engineers own productionization: the software to train and retrain the model)",
        )
    ]
    assert found(component(kind, "responsible: [mia], accountable: dana"), "TAX001") == []


def test_tax001_evaluation_says_only_what_the_book_says() -> None:
    assert found(component("evaluation", "responsible: [mia], accountable: mia"), "TAX001") == [
        (
            "TAX001",
            LINE,
            3,
            "component 'c' (evaluation) needs a data-scientist as Responsible or Accountable "
            "(data scientists own modeling)",
        )
    ]


def test_tax001_the_platform_needs_a_platform_or_mlops_engineer() -> None:
    text = more("platform", "responsible: [mia], accountable: mia")
    assert found(text, "TAX001") == [
        (
            "TAX001",
            LINE_MORE,
            3,
            "component 'c' (platform) needs a platform-engineer or mlops-engineer as Responsible "
            "(platform and MLOps engineers build the platform the tools link up on)",
        )
    ]
    assert found(more("ml-platform", "responsible: [ivan], accountable: mia"), "TAX001") == []
    assert found(more("platform", "responsible: [olaf], accountable: mia"), "TAX001") == []


@pytest.mark.parametrize(
    "kind",
    [
        *("service", "library", "frontend", "infrastructure", "documentation", "ci", "tests"),
        *("tooling", "docs", "lib", "sdk", "ui", "infra", "terraform", "github-actions"),
    ],
)
def test_tax_kinds_of_the_rest_of_a_repository_ask_for_no_discipline(kind: str) -> None:
    text = component(kind, "responsible: [dana], accountable: dana")
    assert found(text, select=["TAX", "REF003"]) == []


@pytest.mark.parametrize(
    ("alias", "kind", "passing"),
    [
        ("dbt-model", "transformation", "erik"),
        ("dbt-test", "data-quality", "erik"),
        ("dbt-source", "ingestion", "erik"),
        ("dbt-snapshot", "data-storage", "erik"),
        ("dbt-exposure", "reporting", "dana"),
        ("feature-view", "feature-store", "mia"),
        ("expectation-suite", "data-quality", "erik"),
        ("experiment-tracking", "training", "dana"),
        ("inference-service", "deployment", "mia"),
        ("model-monitoring", "monitoring", "mia"),
    ],
)
def test_tax001_the_names_tools_use_are_aliases(alias: str, kind: str, passing: str) -> None:
    failing = "pat"  # a product owner meets no requirement of these kinds
    reported = found(
        component(alias, f"responsible: [{failing}], accountable: {failing}"), "TAX001"
    )
    assert [message.split(" needs ")[0] for *_, message in reported] == [
        f"component 'c' ({alias}, {'an' if kind[0] in 'aeio' else 'a'} {kind})"
    ]
    text = component(alias, f"responsible: [{passing}], accountable: {passing}")
    assert found(text, "TAX001") == []


def test_tax002_training_should_have_the_ml_engineer_who_builds_its_software() -> None:
    text = component("training", "responsible: [dana], accountable: dana")
    assert found(text, "TAX002", select=["ALL"]) == [
        (
            "TAX002",
            LINE,
            3,
            "component 'c' (training) should have an ml-engineer or mlops-engineer as Responsible "
            "or Consulted (ML engineers build the software that trains, retrains and deploys the "
            "model)",
        )
    ]
    fixed = component("training", "responsible: [dana], accountable: dana, consulted: [mia]")
    assert found(fixed, "TAX002", select=["ALL"]) == []
