# ruff: noqa: RUF001 - the dotless i of a Turkish name is what these tests are about
"""`raci-lint import` of RACI tables as people publish them in their repositories' docs.

The four tables are invented, in the shapes of published ones: a first
column called `Task`, `Work Item` or `Activity`, letters in bold
(`**R/A**`), a `Phase` column beside the people, team columns
(`Data Engineering`, `MLOps`), and the layout whose columns are
`Responsible | Accountable | Consulted | Informed` and whose cells name
people and teams (`Dev, Architect`, `CTO/Product Owner`, `Legal (if PII)`).
Each imports with no hand edit into a file `raci-lint check` reads without
a SYN violation.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import run

from raci_lint.adapters.importer import Imported, ImportFailure, import_csv, import_markdown
from raci_lint.adapters.matrix import slugify
from raci_lint.engine.lint import lint_text
from raci_lint.settings.options import LintOptions
from raci_lint.taxonomy.disciplines import default_taxonomy

TASKS = textwrap.dedent(
    """\
    # Churn model: delivery plan

    Who does what, agreed at the kick-off.

    ```markdown
    | Task | Example | Only |
    |------|---------|------|
    ```

    ## RACI

    | **Phase** | **Task** | Ömer Yılmaz | J. Smith | Ana Lima |
    |:---|:---|:---:|:---:|:---:|
    | Discovery | Explore churn drivers | I | **R/A** | C |
    | Build | Train churn model | **A** | R | C |
    | Build | Deploy churn scores | R/A | | *I* |
    """
)

WORK_ITEMS = textwrap.dedent(
    """\
    | Work Item | Data Engineering | MLOps | Priya Natarajan | Notes |
    |-----------|------------------|-------|-----------------|-------|
    | Ingest events | R | C | A | nightly \\| hourly |
    | Monitor drift | I | R | A | |
    """
)

ACTIVITIES = textwrap.dedent(
    """\
    ## RACI for the feature store

    | Activity | Responsible | Accountable | Consulted | Informed |
    |----------|-------------|-------------|-----------|----------|
    | Feature pipeline | Data Engineering | **Priya Natarajan** | ML Platform, Legal (if PII) | All |
    | Model training | Ömer Yılmaz + J. Smith | Priya Natarajan | Data Engineering | MLOps |
    | Release | MLOps | Priya Natarajan | QA and Security | - |
    """
)

DELIVERABLES = textwrap.dedent(
    """\
    | Deliverable | Responsible (executes) | Accountable | Consulted | Informed |
    |---|---|---|---|---|
    | Evaluation report | Ana Lima / J. Smith | **Ana Lima** | MLOps | Product |
    | Evaluation report | Ana Lima | Ana Lima | | |
    """
)


def imported(text: str) -> Imported:
    return import_markdown(text.encode(), "docs/raci.md", default_taxonomy())


def no_syntax_violation(text: str) -> None:
    report = lint_text(text, "raci.yaml", LintOptions())
    assert not [v for v in report.violations if v.code.startswith("SYN")], text


@pytest.mark.parametrize("table", [TASKS, WORK_ITEMS, ACTIVITIES, DELIVERABLES])
def test_each_published_shape_imports_with_no_hand_edit(table: str) -> None:
    result = imported(table)
    no_syntax_violation(result.to_yaml())
    assert result.components


def test_task_column_bold_letters_and_a_phase_column() -> None:
    result = imported(TASKS)
    text = result.to_yaml()
    assert "# The table under the heading RACI (line 10).\n" in text
    assert text[text.index("people:") :] == textwrap.dedent(
        """\
        people:
          omer-yilmaz:
            name: Ömer Yılmaz
            disciplines: []  # TODO: fill in (see the list at the top)
          j-smith:
            name: J. Smith
            disciplines: []  # TODO: fill in (see the list at the top)
          ana-lima:
            name: Ana Lima
            disciplines: []  # TODO: fill in (see the list at the top)

        components:
          explore-churn-drivers:
            kind: analysis  # TODO: check kind (guessed from the name)
            description: Explore churn drivers
            tags: [phase-discovery]
            raci:
              responsible: [j-smith]
              accountable: j-smith
              consulted: [ana-lima]
              informed: [omer-yilmaz]

          train-churn-model:
            kind: training  # TODO: check kind (guessed from the name)
            description: Train churn model
            tags: [phase-build]
            raci:
              responsible: [j-smith]
              accountable: omer-yilmaz
              consulted: [ana-lima]

          deploy-churn-scores:
            kind: deployment  # TODO: check kind (guessed from the name)
            description: Deploy churn scores
            tags: [phase-build]
            raci:
              responsible: [omer-yilmaz]
              accountable: omer-yilmaz
              informed: [ana-lima]
        """
    )


def test_team_columns_become_teams_and_notes_the_description() -> None:
    result = imported(WORK_ITEMS)
    assert list(result.teams) == ["data-engineering", "mlops"]
    assert list(result.people) == ["priya-natarajan"]
    ingest = result.components["ingest-events"]
    assert ingest.description == "Ingest events; nightly | hourly"
    assert ingest.letters == {
        "responsible": ["data-engineering"],
        "consulted": ["mlops"],
        "accountable": ["priya-natarajan"],
    }


def test_columns_of_letters_whose_cells_name_people_and_teams() -> None:
    result = imported(ACTIVITIES)
    assert list(result.people) == ["priya-natarajan", "omer-yilmaz", "j-smith"]
    teams = ["data-engineering", "ml-platform", "legal", "mlops", "qa", "security"]
    assert list(result.teams) == teams
    text = result.to_yaml()
    assert (
        "  feature-pipeline:\n"
        "    kind: feature-engineering  # TODO: check kind (guessed from the name)\n"
        "    description: Feature pipeline\n"
        "    raci:\n"
        "      # Consulted Legal: if PII\n"
        "      # Informed: All\n"
        "      responsible: [data-engineering]\n"
        "      accountable: priya-natarajan\n"
        "      consulted: [ml-platform, legal]\n"
    ) in text
    training = result.components["model-training"]
    assert training.letters["responsible"] == ["omer-yilmaz", "j-smith"]
    assert result.components["release"].letters["consulted"] == ["qa", "security"]


def test_a_repeated_row_is_warned_about_naming_both_lines() -> None:
    result = imported(DELIVERABLES)
    assert result.warnings == [
        "docs/raci.md: line 4: 'Evaluation report' repeats line 3; imported as another "
        "component, evaluation-report-2"
    ]
    first = result.components["evaluation-report"]
    assert first.letters["responsible"] == ["ana-lima", "j-smith"]
    assert first.letters["accountable"] == ["ana-lima"]
    assert first.letters["informed"] == ["product"]


def test_a_markdown_file_without_a_raci_table_is_one_line() -> None:
    with pytest.raises(ImportFailure) as error:
        imported("# Notes\n\n| Name | Age |\n|---|---|\n| x | 1 |\n")
    assert str(error.value) == (
        "docs/raci.md: no RACI table: no pipe table whose header names a `task` (or "
        "`component`, `activity`...) column, or `Responsible` and `Accountable` columns"
    )


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ömer Yılmaz", "omer-yilmaz"),
        ("J. Smith", "j-smith"),
        ("Łukasz Żółć", "lukasz-zolc"),
        ("Søren Kierkegaard", "soren-kierkegaard"),
        ("Straße", "strasse"),
        ("O'Brien, Tom", "o-brien-tom"),
        ("jane-doe", "jane-doe"),
    ],
)
def test_ids_from_names_transliterate_and_keep_no_punctuation(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_the_command_picks_markdown_from_the_name_and_warns(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "raci.md").write_text(TASKS + "\n" + DELIVERABLES, encoding="utf-8")
    result = run(["import", "docs/raci.md", "-o", "raci.yaml"], tmp_path)
    assert result.returncode == 0
    assert result.stderr == (
        "raci-lint: warning: docs/raci.md:18: another RACI table; only the first (line 12) is "
        "imported\n"
    )
    assert result.stdout.startswith("Imported 3 components and 3 people; ")
    assert (
        (tmp_path / "raci.yaml")
        .read_text(encoding="utf-8")
        .startswith("# Imported by `raci-lint import --from markdown` from docs/raci.md.\n")
    )
    unknown = run(["import", "matrix.xlsx"], tmp_path)
    assert (unknown.returncode, unknown.stderr) == (
        2,
        "raci-lint: error: matrix.xlsx: say what it is with --from csv, --from markdown or "
        "--from codeowners\n",
    )


def test_csv_reads_the_same_shapes() -> None:
    data = "Activity,Responsible,Accountable\nTrain model,Data Engineering + J. Smith,**Ana**\n"
    result = import_csv(data.encode(), "sheet.csv", default_taxonomy())
    assert result.components["train-model"].letters == {
        "responsible": ["data-engineering", "j-smith"],
        "accountable": ["ana"],
    }


@pytest.mark.parametrize(
    ("header", "letter"),
    [
        ("Responsible", "responsible"),
        ("Responsible (R)", "responsible"),
        ("R - Responsible", "responsible"),
        ("Responsible (executes)", "responsible"),
        ("**Accountable**", "accountable"),
        ("Accountable/Approver", "accountable"),
        ("Informed parties", "informed"),
    ],
)
def test_headers_of_the_role_layout(header: str, letter: str) -> None:
    table = f"| Step | {header} | Consulted |\n|---|---|---|\n| Train model | Ana Lima | Bo |\n"
    assert imported(table).components["train-model"].letters[letter] == ["ana-lima"]


def test_a_role_table_without_a_column_for_the_components_is_one_line() -> None:
    with pytest.raises(ImportFailure) as error:
        imported("| Responsible | Accountable |\n|---|---|\n| Ana | Bo |\n")
    assert str(error.value) == (
        "docs/raci.md: line 1: no column names the components (a `task` or `component` column)"
    )
