"""The bundled examples say what the README says they do."""

from __future__ import annotations

from conftest import ROOT

from raci_lint.engine.lint import lint_paths, lint_text, settings_for
from raci_lint.reading.loader import Mapping, load
from raci_lint.settings.options import LintOptions
from raci_lint.taxonomy.disciplines import default_taxonomy

CLEAN = ROOT / "examples" / "ml-platform" / "raci.yaml"
BROKEN = ROOT / "examples" / "broken" / "raci.yaml"


def test_clean_example_is_clean_even_with_every_rule() -> None:
    # The example stands for a whole repository: its `paths` start at its folder.
    root = CLEAN.parent
    assert lint_paths([CLEAN], LintOptions(repo_root=root)).violations == []
    everything = LintOptions(select=["ALL"], ignore=["PATH004"], repo_root=root)
    assert lint_paths([CLEAN], everything).violations == []


def test_clean_example_is_realistic() -> None:
    root = load(CLEAN.read_bytes()).root
    assert isinstance(root, Mapping)
    people = root.entries["people"].node
    teams = root.entries["teams"].node
    components = root.entries["components"].node
    assert isinstance(people, Mapping) and isinstance(teams, Mapping)
    assert isinstance(components, Mapping)
    assert len(people.entries) >= 8
    assert len(teams.entries) >= 2
    assert len(components.entries) >= 10
    disciplines = set()
    for person in (key.node for key in people.entries.values()):
        assert isinstance(person, Mapping)
        found = person.entries["disciplines"].node
        disciplines.update(item.value for item in found.items)  # type: ignore[union-attr]
    assert len(disciplines) >= 5
    kinds = set()
    for component in (key.node for key in components.entries.values()):
        assert isinstance(component, Mapping)
        kinds.add(component.entries["kind"].node.value)  # type: ignore[union-attr]
    # Every kind that asks for a discipline, and some of those for the rest of a repository.
    taxonomy = default_taxonomy()
    asking = {k.id for k in taxonomy.kinds.values() if k.requires or k.recommends}
    assert asking <= kinds <= set(taxonomy.kinds)
    assert kinds - asking == {"ci", "documentation"}


def test_broken_example_shows_at_least_eight_different_violations() -> None:
    codes = {v.code for v in lint_paths([BROKEN]).violations}
    assert len(codes) >= 8, codes


CUSTOM = ROOT / "examples" / "custom-taxonomy"


def test_custom_taxonomy_example_is_clean_with_its_configuration() -> None:
    # The configuration next to it names taxonomy.yaml and selects TAX002.
    assert lint_paths([CUSTOM / "raci.yaml"]).violations == []


def test_custom_taxonomy_example_uses_its_own_kinds_and_tags() -> None:
    text = (CUSTOM / "raci.yaml").read_text()
    broken = text.replace("responsible: [analytics]", "responsible: [tomas]")
    options = settings_for().options_for(CUSTOM / "raci.yaml")
    found = [
        (v.code, v.line, v.message) for v in lint_text(broken, "raci.yaml", options).violations
    ]
    assert found == [
        (
            "TAX001",
            40,
            "component 'orders-model' (dbt, a dbt-model) needs an analytics-engineer or "
            "bi-developer as Responsible (analytics engineers own the models of the warehouse)",
        ),
        (
            "TAX001",
            40,
            "component 'orders-model' (tagged gdpr) needs 2 people as Responsible; it has 1 "
            "(a data-subject request must be served even when someone is away)",
        ),
    ]


MONOREPO = ROOT / "examples" / "monorepo"


def test_monorepo_example_lints_clean_with_its_shared_roster() -> None:
    options = LintOptions(repo_root=MONOREPO)
    report = lint_paths([MONOREPO], options)
    assert sorted(path.split("examples/monorepo/")[-1] for path in report.files) == [
        "services/fraud-detection/raci.yaml",
        "services/recommender/raci.yaml",
    ]
    assert report.violations == []


def test_monorepo_services_need_the_roster() -> None:
    service = MONOREPO / "services" / "recommender" / "raci.yaml"
    text = service.read_text().replace("include: [../../org/people.yaml]\n", "")
    options = LintOptions(repo_root=MONOREPO)
    found = {v.code for v in lint_text(text, str(service), options).violations}
    assert "REF001" in found
