"""The focus areas of the default taxonomy: what rests on each, and the sentence it comes from.

The book (McMahon, *Machine Learning Engineering with Python*, Packt 2021,
chapter 1) gives each of three disciplines three focus areas; every default
requirement names those it rests on, and quotes only sentences found in a
public text of the chapter, named under `sources`.
"""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest
import yaml
from conftest import run

from raci_lint.rules.registry import get_rule
from raci_lint.taxonomy.disciplines import DEFAULT_PATH, default_taxonomy
from raci_lint.taxonomy.explain import by_focus_area, explain_by_focus_area
from raci_lint.taxonomy.files import TaxonomyError, load_taxonomy

NINE = [
    "data-scientist.analysis",
    "data-scientist.modeling",
    "data-scientist.customer",
    "ml-engineer.translation",
    "ml-engineer.architecture",
    "ml-engineer.productionization",
    "data-engineer.quality",
    "data-engineer.stability",
    "data-engineer.access",
]
SHOWN = "org/taxonomy.yaml"


def load(folder: Path, text: str) -> object:
    path = folder / "taxonomy.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_taxonomy(path, display=SHOWN)


def errors(folder: Path, text: str) -> list[str]:
    with pytest.raises(TaxonomyError) as caught:
        load(folder, text)
    return caught.value.messages


# ---------------------------------------------------------------- the default taxonomy


def test_the_default_taxonomy_has_the_nine_focus_areas_of_the_book() -> None:
    taxonomy = default_taxonomy()
    areas = [area.ref for d in taxonomy.disciplines.values() for area in d.areas]
    assert areas == NINE


def test_every_focus_area_has_a_requirement_resting_on_it() -> None:
    cited, _ = by_focus_area(default_taxonomy())
    assert [ref for ref, items in cited.items() if not items] == []
    # The requirements (TAX001), not only the recommendations, cover every area.
    required = {ref for ref, items in cited.items() if any(w == "requires" for _, w, _ in items)}
    assert required == set(NINE)


def test_every_requirement_cites_a_focus_area_or_says_it_is_the_projects_own() -> None:
    taxonomy = default_taxonomy()
    _, uncited = by_focus_area(taxonomy)
    # Only the tags, whose disciplines (a data steward, anyone) the book does not
    # name, cite no area: they say so.
    assert [(source.id, what) for source, what, _ in uncited] == [
        ("pii", "requires"),
        ("tier-1", "requires"),
    ]
    assert all("this project's own" in requirement.reading for _, _, requirement in uncited)
    for kind in taxonomy.kinds.values():
        for requirement in (*kind.requires, *kind.recommends):
            assert requirement.rests_on, kind.id
            assert all(taxonomy.area(ref) is not None for ref in requirement.rests_on)


def test_every_area_quotes_the_book_and_names_where_the_quote_was_found() -> None:
    taxonomy = default_taxonomy()
    for discipline in taxonomy.disciplines.values():
        for area in discipline.areas:
            assert area.quote and area.source in taxonomy.sources, area.ref
    for kind in taxonomy.kinds.values():
        for requirement in (*kind.requires, *kind.recommends):
            if requirement.quote:
                assert requirement.source in taxonomy.sources, kind.id
    assert taxonomy.sources["packt-2021"].url.startswith("https://packtpub.com/")


def test_the_projects_words_are_not_presented_as_the_books() -> None:
    # The explanations the issue found presented as the book's are gone, or
    # marked as the project's reading.
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    assert "the model answers their real question" not in text
    evaluation = default_taxonomy().kinds["evaluation"].requires[0]
    assert evaluation.focus == "data scientists own modeling"
    assert "good enough is part of modeling is this project's reading" in evaluation.reading


def test_the_quotes_are_sentences_of_the_chapter() -> None:
    # The words of the chapter this taxonomy quotes; any edit of a quote fails here.
    taxonomy = default_taxonomy()
    quotes = {area.ref: area.quote for d in taxonomy.disciplines.values() for area in d.areas}
    assert quotes["data-engineer.stability"] == (
        "Data engineers spend a lot of time and effort and use their considerable skills to "
        "ensure that data pipelines are robust, reliable, and can be trusted to deliver when "
        "promised."
    )
    assert quotes["data-scientist.analysis"] == (
        "Analysis is a broad term, but it's clear that the end result is knowledge of your "
        "dataset that you didn't have before you started, no matter how basic or complex."
    )
    retraining = taxonomy.kinds["retraining"].requires[0]
    assert "software to train, retrain, deploy, and track the performance" in retraining.quote


# ---------------------------------------------------------------- what users see


def test_rule_tax001_shows_every_focus_area_its_sentence_and_what_rests_on_it(
    tmp_path: Path,
) -> None:
    result = run(["rule", "TAX001"], tmp_path)
    assert result.returncode == 0
    out = result.stdout
    for ref in NINE:
        discipline, area = ref.split(".")
        assert f"#### {discipline}: {area}\n" in out
    assert (
        "#### data-engineer: stability\n\nPipelines that deliver the data when promised.\n\n"
        '> "Data engineers spend a lot of time and effort and use their considerable skills to '
        "ensure that data pipelines are robust, reliable, and can be trusted to deliver when "
        'promised." (packt-2023)\n\n'
        "- kind `ingestion` needs a data-engineer as Responsible: data engineers own access and "
        "stability\n"
    ) in out
    assert get_rule("TAX001") is not None
    assert out == get_rule("TAX001").explain()  # type: ignore[union-attr]


def test_taxonomy_text_explains_a_custom_taxonomy_by_focus_area(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.yaml").write_text(
        textwrap.dedent(
            """\
            sources:
              handbook: {description: Our data handbook, url: "https://example.com/handbook"}
            disciplines:
              bi-developer:
                areas:
                  dashboards:
                    summary: dashboards people trust
                    quote: BI developers own the dashboards.
                    source: handbook
                  semantics: {}
            kinds:
              dashboard:
                requires:
                  - any_of: [bi-developer]
                    focus: BI developers own the dashboards
                    rests_on: [bi-developer.dashboards]
              notes: {}
            tags:
              gold:
                requires:
                  - any_of: ["*"]
                    min: 2
                    reading: our own rule
            """
        ),
        encoding="utf-8",
    )
    result = run(["taxonomy", "--taxonomy", "taxonomy.yaml", "--format", "text"], tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "Each requirement names the focus areas it rests on (`rests_on`): what a\n"
        "discipline owns. Quoted lines are the source's own words, copied from the\n"
        'source named after them; a line marked "Reading" is the taxonomy\'s own\n'
        "reading, not the source's words.\n"
        "\n"
        "## bi-developer: dashboards\n"
        "\n"
        "Dashboards people trust.\n"
        "\n"
        '> "BI developers own the dashboards." (handbook)\n'
        "\n"
        "- kind `dashboard` needs a bi-developer as Responsible: BI developers own the "
        "dashboards\n"
        "\n"
        "## bi-developer: semantics\n"
        "\n"
        "- no requirement rests on it\n"
        "\n"
        "## Requirements that rest on no focus area\n"
        "\n"
        "- tag `gold` needs 2 people as Responsible\n"
        "  Reading: our own rule\n"
        "\n"
        "## Kinds with no requirement\n"
        "\n"
        "`notes`.\n"
        "\n"
        "## Sources\n"
        "\n"
        "- handbook: Our data handbook https://example.com/handbook\n"
    )


def test_taxonomy_text_neutralises_what_a_custom_taxonomy_says(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.yaml").write_text(
        'disciplines:\n  a:\n    areas:\n      b: {summary: "x\\u001b[31my\\u202ez"}\n',
        encoding="utf-8",
    )
    result = run(["taxonomy", "--taxonomy", "taxonomy.yaml", "--format", "text"], tmp_path)
    assert result.returncode == 0
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "X\\x1b[31my\\u202ez." in result.stdout


def test_the_yaml_and_json_formats_carry_the_areas_and_what_rests_on_them(
    tmp_path: Path,
) -> None:
    data = yaml.safe_load(run(["taxonomy"], tmp_path).stdout)
    stability = data["disciplines"]["data-engineer"]["areas"]["stability"]
    assert stability["source"] == "packt-2023"
    assert "deliver when promised" in stability["quote"]
    # `focus` keeps its shape: a list of text, from the areas.
    assert data["disciplines"]["data-engineer"]["focus"][1] == (
        "stability: pipelines that deliver the data when promised"
    )
    orchestration = data["kinds"]["orchestration"]["requires"][0]
    assert orchestration["rests_on"] == ["data-engineer.stability", "ml-engineer.architecture"]
    assert data["tags"]["pii"]["requires"][0]["reading"].startswith("The chapter's taxonomy names")


def test_the_generated_explanation_is_the_default_taxonomys() -> None:
    from raci_lint.taxonomy.disciplines import default_by_focus_area

    assert default_by_focus_area() == explain_by_focus_area(default_taxonomy(), level=4)


# ---------------------------------------------------------------- custom files


def test_a_requirement_may_rest_on_an_area_of_the_default(tmp_path: Path) -> None:
    taxonomy = load(
        tmp_path,
        """\
        extends: default
        kinds:
          dbt-model:
            requires:
              - any_of: [analytics-engineer]
                rests_on: [data-engineer.stability]
                quote: a sentence
                source: packt-2021
        """,
    )
    requirement = taxonomy.kinds["dbt-model"].requires[0]  # type: ignore[attr-defined]
    assert requirement.rests_on == ("data-engineer.stability",)
    assert requirement.source == "packt-2021"


def test_an_unknown_focus_area_or_source_is_named_at_its_position(tmp_path: Path) -> None:
    assert errors(
        tmp_path,
        """\
        extends: default
        disciplines:
          bi-developer:
            areas:
              dashboards: {source: handbok}
        kinds:
          dbt-model:
            requires:
              - any_of: [analytics-engineer]
                rests_on: [data-engineer.stabilty, bi-developer.dashboards, bi-developer.sql]
                source: packt-2020
        """,
    ) == [
        f"{SHOWN}:5:28: unknown source 'handbok' in 'source' of 'dashboards' of 'areas' of "
        "discipline 'bi-developer'; define it under sources",
        f"{SHOWN}:10:20: unknown focus area 'data-engineer.stabilty' in 'rests_on' of requires "
        "entry 1 of kind 'dbt-model'; did you mean 'data-engineer.stability'?",
        f"{SHOWN}:10:69: unknown focus area 'bi-developer.sql' in 'rests_on' of requires entry 1 "
        "of kind 'dbt-model'; define it under the areas of discipline 'bi-developer'",
        f"{SHOWN}:11:17: unknown source 'packt-2020' in 'source' of requires entry 1 of kind "
        "'dbt-model'; did you mean 'packt-2021'?",
    ]


def test_a_redefined_discipline_brings_only_its_own_areas(tmp_path: Path) -> None:
    assert errors(
        tmp_path,
        """\
        extends: default
        disciplines:
          data-engineer: {description: ours}
        kinds:
          x:
            requires:
              - {any_of: [data-engineer], rests_on: [data-engineer.quality]}
        """,
    ) == [
        f"{SHOWN}:7:46: unknown focus area 'data-engineer.quality' in 'rests_on' of requires "
        "entry 1 of kind 'x'; define it under the areas of discipline 'data-engineer'",
    ]


def test_rests_on_must_name_discipline_dot_area(tmp_path: Path) -> None:
    assert errors(
        tmp_path, "kinds:\n  x:\n    requires:\n      - {any_of: ['*'], rests_on: [quality]}\n"
    ) == [
        f"{SHOWN}:4:36: 'quality' in 'rests_on' of requires entry 1 of kind 'x' is not a focus "
        "area written DISCIPLINE.AREA, such as data-engineer.quality"
    ]


def test_a_focus_area_id_has_no_dot(tmp_path: Path) -> None:
    assert errors(tmp_path, "disciplines:\n  a:\n    areas:\n      b.c: {}\n") == [
        f"{SHOWN}:4:7: focus area id 'b.c' is not a valid id (lowercase letters, digits, '_' "
        "and '-', starting with a letter or a digit)"
    ]


def test_thousands_of_unknown_focus_areas_cost_little(tmp_path: Path) -> None:
    # Each unknown area is not compared with every known one (a bounded suggester):
    # 22 s with a budget of 200 suggestions, 1 s with 20.
    areas = "".join(f"      area-{i}: {{}}\n" for i in range(3000))
    refs = ", ".join(f"a.zone-{i}" for i in range(3000))
    text = f"disciplines:\n  a:\n    areas:\n{areas}kinds:\n  k:\n    requires:\n"
    text += f"      - {{any_of: ['*'], rests_on: [{refs}]}}\n"
    started = time.perf_counter()
    found = errors(tmp_path, text)
    assert time.perf_counter() - started < 10
    assert len(found) == 21  # 20 problems and how many more
    assert found[0].startswith(f"{SHOWN}:3007:36: unknown focus area 'a.zone-0'")


# Every kind id and alias of the default taxonomy before issue 15, and the
# kind it names now: users' files keep working.
OLD_NAMES = {
    **dict.fromkeys(["ingestion", "extract", "load"], "ingestion"),
    **dict.fromkeys(["data-quality", "data-validation", "data-tests"], "data-quality"),
    **dict.fromkeys(["data-storage", "warehouse", "lake"], "data-storage"),
    "feature-store": "feature-store",
    **dict.fromkeys(["transformation", "etl"], "transformation"),
    **dict.fromkeys(["analysis", "exploration"], "analysis"),
    **dict.fromkeys(["feature-engineering", "features"], "feature-engineering"),
    **dict.fromkeys(["training", "modeling", "tuning"], "training"),
    **dict.fromkeys(["evaluation", "model-evaluation"], "evaluation"),
    "packaging": "packaging",
    "translation": "translation",  # was an alias of packaging; the same requirement
    **dict.fromkeys(["deployment", "serving", "inference"], "deployment"),
    **dict.fromkeys(["monitoring", "observability"], "monitoring"),
    "retraining": "retraining",
    "orchestration": "orchestration",  # now also data engineers
    "architecture": "ml-pipeline",  # was an alias of orchestration; the same requirement
    **dict.fromkeys(["reporting", "dashboard"], "reporting"),
}


def test_every_old_kind_name_still_names_a_kind() -> None:
    taxonomy = default_taxonomy()
    assert {name: getattr(taxonomy.kind(name), "id", None) for name in OLD_NAMES} == OLD_NAMES


def test_the_names_that_moved_keep_their_requirement() -> None:
    taxonomy = default_taxonomy()
    packaging, translation = taxonomy.kinds["packaging"], taxonomy.kinds["translation"]
    assert [r[:3] for r in translation.requires] == [r[:3] for r in packaging.requires]
    assert [r[:3] for r in taxonomy.kinds["ml-pipeline"].requires] == [
        (("responsible",), ("ml-engineer", "mlops-engineer", "platform-engineer"), 1)
    ]
