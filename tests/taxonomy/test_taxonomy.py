"""Custom taxonomy files: the schema, the loader with positions, the checks, the CLI."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import ROOT, run

from raci_lint.reading import loader
from raci_lint.schema.validator import Validator, load_schema
from raci_lint.taxonomy.disciplines import (
    DEFAULT_PATH,
    Discipline,
    Kind,
    Requirement,
    TagRule,
    Taxonomy,
    default_taxonomy,
)
from raci_lint.taxonomy.files import TaxonomyError, load_taxonomy

SCHEMA = json.loads((ROOT / "schemas" / "taxonomy.schema.json").read_text(encoding="utf-8"))
REFERENCE = jsonschema.Draft202012Validator(SCHEMA)
SHOWN = "org/taxonomy.yaml"
ID_RULE = "ids use lowercase letters, digits, '.', '_' and '-', and start with a letter or a digit"

EXTENDING = """\
extends: default
disciplines:
  bi-developer: {description: Builds dashboards on the warehouse}
kinds:
  dbt-model:
    description: A dbt transformation model
    aliases: [dbt, sql-model]
    requires:
      - roles: [responsible]
        any_of: [analytics-engineer, bi-developer]
        focus: analytics engineers own the warehouse models
    recommends:
      - roles: [consulted, informed]
        any_of: [data-analyst]
tags:
  gold:
    description: Consumed by the board
    requires:
      - roles: [responsible]
        any_of: ["*"]
        min: 2
"""


def write(folder: Path, text: str, name: str = "taxonomy.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(folder: Path, text: str) -> Taxonomy:
    return load_taxonomy(write(folder, text), display=SHOWN)


def errors(folder: Path, text: str) -> list[str]:
    """The messages of the TaxonomyError that loading ``text`` raises."""
    with pytest.raises(TaxonomyError) as caught:
        load(folder, text)
    assert str(caught.value) == "\n".join(caught.value.messages)
    return caught.value.messages


# ---------------------------------------------------------------- the schema


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_packaged_schema_is_the_published_one() -> None:
    assert load_schema("taxonomy.schema.json") == SCHEMA


def test_default_taxonomy_is_valid_for_our_validator() -> None:
    document = loader.load(DEFAULT_PATH.read_bytes())
    assert document.problems == []
    assert document.root is not None
    assert Validator(SCHEMA).validate(document.root) == []


def test_default_taxonomy_is_valid_for_jsonschema() -> None:
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    assert sorted(e.message for e in REFERENCE.iter_errors(data)) == []


def test_default_file_loads_as_the_default_taxonomy() -> None:
    loaded = load_taxonomy(DEFAULT_PATH)
    assert loaded.to_data() == default_taxonomy().to_data()
    assert loaded.kinds == default_taxonomy().kinds
    assert loaded.disciplines == default_taxonomy().disciplines
    assert loaded.tags == default_taxonomy().tags
    assert loaded.source == DEFAULT_PATH.as_posix()


# Documents the two validators must judge alike: (name, YAML, valid).
VERDICTS = [
    ("extending", EXTENDING, True),
    ("x-keys", "x-defaults: {a: 1}\nkinds:\n  a: {x-owner: me, description: A}\n", True),
    ("empty-sections", "disciplines:\nkinds:\ntags:\n", True),
    ("null-entries", "disciplines: {a: }\nkinds: {b: }\ntags: {c: }\n", True),
    ("unknown-top-key", "kinds: {}\nkind: {}\n", False),
    ("unknown-kind-key", "kinds:\n  a: {requries: []}\n", False),
    ("aliases-not-list", "kinds:\n  a: {aliases: b}\n", False),
    ("alias-not-id", "kinds:\n  a: {aliases: [B]}\n", False),
    ("duplicate-alias", "kinds:\n  a: {aliases: [b, b]}\n", False),
    ("kind-id", "kinds:\n  A: {}\n", False),
    ("bad-role", "tags:\n  t: {requires: [{roles: [boss], any_of: ['*']}]}\n", False),
    ("no-roles", "tags:\n  t: {requires: [{roles: [], any_of: ['*']}]}\n", False),
    ("no-any-of", "tags:\n  t: {requires: [{roles: [informed]}]}\n", False),
    ("empty-any-of", "tags:\n  t: {requires: [{any_of: []}]}\n", False),
    ("min-zero", "tags:\n  t: {requires: [{any_of: ['*'], min: 0}]}\n", False),
    ("min-float", "tags:\n  t: {requires: [{any_of: ['*'], min: 1.5}]}\n", False),
    ("min-text", "tags:\n  t: {requires: [{any_of: ['*'], min: '2'}]}\n", False),
    ("min-two", "tags:\n  t: {requires: [{any_of: ['*'], min: 2}]}\n", True),
    ("unknown-requirement-key", "tags:\n  t: {requires: [{any_of: ['*'], mni: 2}]}\n", False),
    ("extends-other", "extends: other\n", False),
    ("version-1", "version: 1\nextends: default\n", True),
    ("version-2", "version: 2\n", False),
    ("version-text", "version: '1'\n", False),
    ("focus-text", "disciplines:\n  a: {focus: modeling}\n", False),
    ("root-list", "- kinds\n", False),
    ("areas", "disciplines:\n  a: {areas: {b: {summary: s, quote: q, source: c}, d: }}\n", True),
    ("area-with-dot", "disciplines:\n  a: {areas: {b.c: {}}}\n", False),
    ("area-unknown-key", "disciplines:\n  a: {areas: {b: {cite: x}}}\n", False),
    ("sources", "sources:\n  s: {description: A book, url: 'https://x'}\n  t:\n", True),
    ("source-unknown-key", "sources:\n  s: {title: A book}\n", False),
    ("rests-on", "tags:\n  t: {requires: [{any_of: ['*'], rests_on: [a.b], reading: r}]}\n", True),
    ("rests-on-no-dot", "tags:\n  t: {requires: [{any_of: ['*'], rests_on: [ab]}]}\n", False),
    ("rests-on-empty", "tags:\n  t: {requires: [{any_of: ['*'], rests_on: []}]}\n", False),
    ("quote-source", "tags:\n  t: {requires: [{any_of: ['*'], quote: q, source: s}]}\n", True),
]


@pytest.mark.parametrize(("text", "valid"), [v[1:] for v in VERDICTS], ids=[v[0] for v in VERDICTS])
def test_our_validator_agrees_with_jsonschema(text: str, valid: bool) -> None:
    document = loader.load(text.encode())
    assert document.root is not None
    ours = not Validator(SCHEMA).validate(document.root)
    reference = REFERENCE.is_valid(yaml.safe_load(text))
    assert (ours, reference) == (valid, valid)


# ---------------------------------------------------------------- building


def test_extends_default_adds_a_discipline_a_kind_and_a_tag(tmp_path: Path) -> None:
    taxonomy = load(tmp_path, EXTENDING)
    default = default_taxonomy()
    assert taxonomy.source == SHOWN
    assert list(taxonomy.disciplines) == [*default.disciplines, "bi-developer"]
    assert taxonomy.disciplines["bi-developer"] == Discipline(
        "bi-developer", "Builds dashboards on the warehouse"
    )
    assert list(taxonomy.kinds) == [*default.kinds, "dbt-model"]
    dbt = Kind(
        "dbt-model",
        "A dbt transformation model",
        ("dbt", "sql-model"),
        (
            Requirement(
                ("responsible",),
                ("analytics-engineer", "bi-developer"),
                1,
                "analytics engineers own the warehouse models",
            ),
        ),
        (Requirement(("consulted", "informed"), ("data-analyst",)),),
    )
    assert taxonomy.kinds["dbt-model"] == dbt
    assert taxonomy.kind("dbt") == dbt
    assert taxonomy.kind("sql-model") == dbt
    # The file's `dbt-model` takes that name from the default `transformation`,
    # which has it as an alias: a file keeps working when the default grows.
    transformation = default.kinds["transformation"]
    assert "dbt-model" in transformation.aliases
    assert taxonomy.kinds["transformation"] == transformation._replace(
        aliases=tuple(alias for alias in transformation.aliases if alias != "dbt-model")
    )
    assert taxonomy.kind("etl") == taxonomy.kinds["transformation"]
    assert list(taxonomy.tags) == [*default.tags, "gold"]
    gold = taxonomy.tags["gold"]
    assert gold == TagRule(
        "gold", "Consumed by the board", (Requirement(("responsible",), ("*",), 2),)
    )
    assert type(gold.requires[0].min) is int
    # The default taxonomy itself is left alone.
    assert "dbt-model" not in default_taxonomy().kinds
    assert default_taxonomy().kind("dbt") is None


def test_a_redefined_kind_replaces_the_default_one_whole(tmp_path: Path) -> None:
    taxonomy = load(
        tmp_path,
        """\
        extends: default
        kinds:
          transformation:
            description: Only SQL here
            aliases: [sql]
        tags:
          pii:
        disciplines:
          data-engineer: {description: Ours}
        """,
    )
    assert taxonomy.kinds["transformation"] == Kind(
        "transformation", "Only SQL here", ("sql",), (), ()
    )
    assert taxonomy.kind("etl") is None  # the default alias is gone with the default kind
    assert taxonomy.kind("sql") == taxonomy.kinds["transformation"]
    assert list(taxonomy.kinds) == list(default_taxonomy().kinds)  # the order stays
    assert taxonomy.tags["pii"] == TagRule("pii")
    assert taxonomy.disciplines["data-engineer"] == Discipline("data-engineer", "Ours")
    assert default_taxonomy().kind("etl") == default_taxonomy().kinds["transformation"]


def test_a_standalone_taxonomy_has_only_its_own_entries(tmp_path: Path) -> None:
    taxonomy = load(
        tmp_path,
        """\
        version: 1
        disciplines:
          quant:
        kinds:
          model:
            aliases: [models]
            requires:
              - any_of: [quant]
        """,
    )
    assert taxonomy.disciplines == {"quant": Discipline("quant")}
    assert taxonomy.kinds == {
        "model": Kind("model", "", ("models",), (Requirement(("responsible",), ("quant",)),))
    }
    assert taxonomy.tags == {}
    assert taxonomy.kind("ingestion") is None
    assert taxonomy.kind_names() == ["model", "models"]


def test_ids_stay_text(tmp_path: Path) -> None:
    taxonomy = load(
        tmp_path,
        """\
        disciplines:
          no:
          "0755": {focus: [yes]}
        kinds:
          on:
            aliases: [1.5, off]
            requires:
              - {roles: [support], any_of: [no, "0755"], min: 3}
        """,
    )
    assert taxonomy.disciplines["0755"] == Discipline("0755", "", ("yes",))
    assert list(taxonomy.disciplines) == ["no", "0755"]
    assert taxonomy.kinds["on"] == Kind(
        "on", "", ("1.5", "off"), (Requirement(("support",), ("no", "0755"), 3),)
    )


def test_the_printed_taxonomy_is_a_valid_standalone_taxonomy(tmp_path: Path) -> None:
    result = run(["taxonomy"], tmp_path)
    assert result.returncode == 0, result.stderr
    printed = write(tmp_path, result.stdout, "printed.yaml")
    assert load_taxonomy(printed).to_data() == default_taxonomy().to_data()


# ---------------------------------------------------------------- errors


def test_alias_equal_to_another_kinds_id(tmp_path: Path) -> None:
    assert errors(
        tmp_path,
        """\
        extends: default
        kinds:
          dbt-model:
            aliases: [dbt, training]
          sql-model:
            aliases: [dbt-model]
        """,
    ) == [
        f"{SHOWN}:6:15: alias 'dbt-model' of kind 'sql-model' is already the id of kind "
        "'dbt-model'",
    ]


def test_an_alias_of_the_file_takes_the_name_of_a_default_kind(tmp_path: Path) -> None:
    # A name the file gives wins over the default taxonomy's: the default kind
    # is still there under its other names.
    taxonomy = load(tmp_path, "extends: default\nkinds:\n  bi-ci: {aliases: [ci, etl]}\n")
    assert taxonomy.kind("ci") == taxonomy.kinds["bi-ci"]
    assert taxonomy.kind("etl") == taxonomy.kinds["bi-ci"]
    assert taxonomy.kind("ci-cd") == taxonomy.kinds["ci"] == default_taxonomy().kinds["ci"]
    assert taxonomy.kind("elt") == taxonomy.kinds["transformation"]
    assert "etl" not in taxonomy.kinds["transformation"].aliases


def test_alias_equal_to_another_kinds_alias(tmp_path: Path) -> None:
    assert errors(
        tmp_path,
        """\
        extends: default
        kinds:
          dbt-model:
            aliases: [dbt, etl]
          sql-model:
            description: SQL
            aliases:
              - sql
              - dbt
        """,
    ) == [
        f"{SHOWN}:9:9: alias 'dbt' of kind 'sql-model' is already an alias of kind 'dbt-model'",
    ]


def test_kind_id_equal_to_an_alias_of_a_default_kind(tmp_path: Path) -> None:
    taxonomy = load(tmp_path, "extends: default\nkinds:\n  etl: {}\n")
    assert taxonomy.kind("etl") == taxonomy.kinds["etl"] == Kind("etl")
    assert taxonomy.kind("dbt-model") == taxonomy.kinds["transformation"]


def test_aliases_freed_by_a_redefined_kind_can_be_reused(tmp_path: Path) -> None:
    taxonomy = load(
        tmp_path,
        """\
        extends: default
        kinds:
          transformation: {aliases: [transform]}
          etl: {aliases: [extract-transform-load]}
        """,
    )
    assert taxonomy.kind("etl") == taxonomy.kinds["etl"]
    assert taxonomy.kind("transform") == taxonomy.kinds["transformation"]


def test_alias_equal_to_its_own_kind_id(tmp_path: Path) -> None:
    assert errors(tmp_path, "kinds:\n  a: {aliases: [a]}\n") == [
        f"{SHOWN}:2:17: alias 'a' of kind 'a' is the kind's own id; remove it"
    ]


def test_unknown_key(tmp_path: Path) -> None:
    assert errors(
        tmp_path,
        """\
        extends: default
        kinds:
          dbt-model:
            requries:
              - any_of: [analytics-engineer]
        """,
    ) == [f"{SHOWN}:4:5: unknown key 'requries' in kind 'dbt-model'; did you mean 'requires'?"]


def test_unknown_key_without_a_close_match(tmp_path: Path) -> None:
    assert errors(tmp_path, "disciplines:\n  a: {owner: me}\n") == [
        f"{SHOWN}:2:7: unknown key 'owner' in discipline 'a'; expected one of: areas, "
        "description, focus (keys starting with x- are free)"
    ]


def test_unknown_top_level_key(tmp_path: Path) -> None:
    assert errors(tmp_path, "extend: default\n") == [
        f"{SHOWN}:1:1: unknown key 'extend' in the top level; did you mean 'extends'?"
    ]


def test_wrong_type(tmp_path: Path) -> None:
    assert errors(
        tmp_path,
        """\
        kinds:
          dbt-model:
            aliases: dbt
          sql:
            requires: {any_of: [a]}
        tags: [pii]
        """,
    ) == [
        f"{SHOWN}:3:14: 'aliases' of kind 'dbt-model' must be a list, not 'dbt'",
        f"{SHOWN}:5:15: 'requires' of kind 'sql' must be a list, not a mapping",
        f"{SHOWN}:6:7: 'tags' must be a mapping, not a list",
    ]


def test_the_file_must_be_a_mapping(tmp_path: Path) -> None:
    assert errors(tmp_path, "- extends\n") == [
        f"{SHOWN}:1:1: the taxonomy file must hold a mapping (extends, disciplines, kinds, "
        "tags), not a list"
    ]


def test_bad_role_letter(tmp_path: Path) -> None:
    assert errors(
        tmp_path,
        """\
        tags:
          pii:
            requires:
              - roles: [consulted, acountable, R, boss]
                any_of: ["*"]
        """,
    ) == [
        f"{SHOWN}:4:28: unknown role 'acountable' in 'roles' of requires entry 1 of tag 'pii'; "
        "did you mean 'accountable'?",
        f"{SHOWN}:4:40: unknown role 'R' in 'roles' of requires entry 1 of tag 'pii'; "
        "did you mean 'responsible'?",
        f"{SHOWN}:4:43: unknown role 'boss' in 'roles' of requires entry 1 of tag 'pii'; "
        "expected one of: responsible, accountable, consulted, informed, support",
    ]


def test_min_zero(tmp_path: Path) -> None:
    assert errors(
        tmp_path,
        """\
        tags:
          tier-1:
            requires:
              - roles: [responsible]
                any_of: ["*"]
                min: 0
        """,
    ) == [f"{SHOWN}:6:14: 'min' of requires entry 1 of tag 'tier-1' must be at least 1, not 0"]


def test_min_not_an_integer(tmp_path: Path) -> None:
    assert errors(
        tmp_path,
        """\
        tags:
          tier-1:
            recommends:
              - {any_of: ["*"], min: 2.5}
              - {any_of: ["*"], min: "2"}
        """,
    ) == [
        f"{SHOWN}:4:30: 'min' of recommends entry 1 of tag 'tier-1' must be an integer, not 2.5",
        f"{SHOWN}:5:30: 'min' of recommends entry 2 of tag 'tier-1' must be an integer, not '2'",
    ]


def test_min_tagged_int_must_read_as_an_integer(tmp_path: Path) -> None:
    text = """\
        tags:
          tier-1:
            requires:
              - {any_of: ["*"], min: !!int abc}
              - {any_of: ["*"], min: !!int 0x10}
              - {any_of: ["*"], min: !!int 3}
        """
    assert errors(tmp_path, text) == [
        f"{SHOWN}:4:30: 'min' of requires entry 1 of tag 'tier-1' must be an integer, not 'abc'",
        f"{SHOWN}:5:30: 'min' of requires entry 2 of tag 'tier-1' must be an integer, not '0x10'",
    ]
    write(tmp_path, text)
    result = run(["taxonomy", "--taxonomy", "taxonomy.yaml"], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "raci-lint: error: taxonomy.yaml:4:30: 'min' of requires entry 1 of tag 'tier-1' "
        "must be an integer, not 'abc'\n"
        "raci-lint: error: taxonomy.yaml:5:30: 'min' of requires entry 2 of tag 'tier-1' "
        "must be an integer, not '0x10'\n"
    )


def test_min_tagged_int_with_an_integer_text_is_an_integer(tmp_path: Path) -> None:
    taxonomy = load(
        tmp_path,
        """\
        extends: default
        tags:
          gold:
            requires:
              - {any_of: ["*"], min: !!int 3}
        """,
    )
    assert taxonomy.tags["gold"].requires[0].min == 3


def test_requirement_without_any_of(tmp_path: Path) -> None:
    assert errors(
        tmp_path,
        """\
        kinds:
          a:
            requires:
              - roles: [responsible]
        """,
    ) == [
        f"{SHOWN}:4:9: requires entry 1 of kind 'a' has no 'any_of'; list the disciplines "
        'that meet it, or "*" for any discipline'
    ]


def test_invalid_ids(tmp_path: Path) -> None:
    assert errors(
        tmp_path,
        """\
        disciplines:
          Quant:
        kinds:
          a:
            aliases: [-a]
            requires:
              - any_of: [Quant]
        """,
    ) == [
        f"{SHOWN}:2:3: discipline id 'Quant' is not a valid id ({ID_RULE})",
        f"{SHOWN}:5:15: alias '-a' of kind 'a' is not a valid id ({ID_RULE})",
        f"{SHOWN}:7:18: 'Quant' in 'any_of' of requires entry 1 of kind 'a' is not a "
        f'discipline id or "*" ({ID_RULE})',
    ]


def test_unknown_discipline_in_any_of(tmp_path: Path) -> None:
    assert errors(
        tmp_path,
        """\
        extends: default
        disciplines:
          bi-developer:
        kinds:
          dbt-model:
            requires:
              - roles: [responsible]
                any_of: [analytics-engineer, bi-develper]
        tags:
          gold:
            recommends:
              - any_of: ["*", cfo]
        """,
    ) == [
        f"{SHOWN}:8:38: unknown discipline 'bi-develper' in 'any_of' of requires entry 1 of "
        "kind 'dbt-model'; did you mean 'bi-developer'?",
        f"{SHOWN}:12:23: unknown discipline 'cfo' in 'any_of' of recommends entry 1 of tag "
        "'gold'; define it under disciplines",
    ]


def test_default_discipline_without_extends(tmp_path: Path) -> None:
    assert errors(tmp_path, "kinds:\n  a:\n    requires: [{any_of: [data-steward]}]\n") == [
        f"{SHOWN}:3:26: unknown discipline 'data-steward' in 'any_of' of requires entry 1 of "
        "kind 'a'; it is a default discipline: add `extends: default`, or define it under "
        "disciplines"
    ]


def test_extends_other(tmp_path: Path) -> None:
    assert errors(tmp_path, "extends: other\n") == [
        f"{SHOWN}:1:10: 'extends' must be 'default', the only taxonomy a file can extend, "
        "not 'other'"
    ]


def test_extends_other_still_checks_against_the_default_disciplines(tmp_path: Path) -> None:
    # Only the extends is wrong: no cascade of unknown disciplines.
    assert errors(
        tmp_path, "extends: ../base.yaml\nkinds:\n  a: {requires: [{any_of: [ml-engineer]}]}\n"
    ) == [
        f"{SHOWN}:1:10: 'extends' must be 'default', the only taxonomy a file can extend, "
        "not '../base.yaml'"
    ]


def test_version_other_than_1(tmp_path: Path) -> None:
    assert errors(tmp_path, "version: 2\nextends: default\n") == [
        f"{SHOWN}:1:10: 'version' must be 1, not 2"
    ]


def test_yaml_syntax_error(tmp_path: Path) -> None:
    assert errors(
        tmp_path,
        """\
        kinds:
          dbt-model:
            aliases: [dbt, sql
        """,
    ) == [f"{SHOWN}:3:23: a '[' list is not closed: expected ',' or ']'"]


def test_duplicate_key(tmp_path: Path) -> None:
    assert errors(tmp_path, "extends: default\nkinds: {}\nkinds: {a: }\n") == [
        f"{SHOWN}:3:1: duplicate key 'kinds' (first at line 2); the first one stands and "
        "this one is ignored"
    ]


def test_empty_file(tmp_path: Path) -> None:
    assert errors(tmp_path, "# nothing yet\n") == [
        f"{SHOWN}:1:1: the taxonomy file is empty; start it with `extends: default`"
    ]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(tmp_path / "missing.yaml", display="missing.yaml")
    assert caught.value.messages == ["missing.yaml: cannot read the taxonomy file: no such file"]


def test_a_folder(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(tmp_path)
    assert caught.value.messages == [
        f"{tmp_path.as_posix()}: cannot read the taxonomy file: it is a folder, not a file"
    ]


def test_errors_are_sorted_by_position(tmp_path: Path) -> None:
    messages = errors(
        tmp_path,
        """\
        kinds:
          b:
            aliases: [a]
          a:
            requries: []
            requires: [{any_of: [nobody]}]
        """,
    )
    assert [m.split(": ", 1)[0] for m in messages] == [
        f"{SHOWN}:3:15",
        f"{SHOWN}:5:5",
        f"{SHOWN}:6:26",
    ]


# ---------------------------------------------------------------- the command


def test_cli_prints_the_effective_taxonomy_as_json(tmp_path: Path) -> None:
    write(tmp_path, EXTENDING)
    result = run(["taxonomy", "--taxonomy", "taxonomy.yaml", "--format", "json"], tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    data: dict[str, Any] = json.loads(result.stdout)
    assert list(data) == ["sources", "disciplines", "kinds", "tags"]
    assert data["disciplines"]["bi-developer"] == {
        "description": "Builds dashboards on the warehouse"
    }
    assert data["kinds"]["dbt-model"] == {
        "description": "A dbt transformation model",
        "aliases": ["dbt", "sql-model"],
        "requires": [
            {
                "roles": ["responsible"],
                "any_of": ["analytics-engineer", "bi-developer"],
                "focus": "analytics engineers own the warehouse models",
            }
        ],
        "recommends": [{"roles": ["consulted", "informed"], "any_of": ["data-analyst"]}],
    }
    assert data["tags"]["gold"] == {
        "description": "Consumed by the board",
        "requires": [{"roles": ["responsible"], "any_of": ["*"], "min": 2}],
    }
    assert data["kinds"]["ingestion"] == default_taxonomy().to_data()["kinds"]["ingestion"]
    assert data == load_taxonomy(tmp_path / "taxonomy.yaml").to_data()


def test_cli_prints_yaml_by_default(tmp_path: Path) -> None:
    write(tmp_path, "kinds:\n  model:\n    aliases: [models]\n")
    result = run(["taxonomy", "--taxonomy", "taxonomy.yaml"], tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "disciplines: {}\nkinds:\n  model:\n    description: ''\n    aliases:\n"
        "    - models\ntags: {}\n"
    )


def test_cli_without_taxonomy_prints_the_default(tmp_path: Path) -> None:
    result = run(["taxonomy", "--format", "json"], tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == default_taxonomy().to_data()


def test_cli_exits_2_on_taxonomy_errors(tmp_path: Path) -> None:
    write(
        tmp_path,
        "extends: default\nkinds:\n  dbt-model:\n    aliases: [dbt-model]\n    requries:\n",
    )
    result = run(["taxonomy", "--taxonomy", "taxonomy.yaml", "--format", "json"], tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "raci-lint: error: taxonomy.yaml:4:15: alias 'dbt-model' of kind 'dbt-model' is the "
        "kind's own id; remove it\n"
        "raci-lint: error: taxonomy.yaml:5:5: unknown key 'requries' in kind 'dbt-model'; "
        "did you mean 'requires'?\n"
    )


def test_cli_exits_2_on_a_missing_taxonomy(tmp_path: Path) -> None:
    result = run(["taxonomy", "--taxonomy", "nope.yaml"], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "raci-lint: error: nope.yaml: cannot read the taxonomy file: no such file\n"
    )


def test_the_default_taxonomy_is_read_from_its_generated_copy_of_the_data_file() -> None:
    from raci_lint.taxonomy import _default
    from raci_lint.taxonomy.disciplines import DEFAULT_PATH, build_taxonomy, default_taxonomy
    from raci_lint.taxonomy.files import default_taxonomy_source

    text = DEFAULT_PATH.read_text(encoding="utf-8")
    assert Path(_default.__file__).read_text(encoding="utf-8") == default_taxonomy_source(text), (
        "stale: run `python scripts/update_docs.py`"
    )
    assert yaml.safe_load(text) == _default.DATA
    assert default_taxonomy().to_data() == build_taxonomy(yaml.safe_load(text), "x").to_data()
