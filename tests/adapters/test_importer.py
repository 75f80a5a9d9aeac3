"""`raci-lint import`: a raci.yaml from a RACI spreadsheet (CSV) or a CODEOWNERS file."""

from __future__ import annotations

import codecs
import io
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run

from raci_lint.adapters.importer import (
    Imported,
    ImportFailure,
    guess_kind,
    import_codeowners,
    import_csv,
    parse_letters,
)
from raci_lint.adapters.matrix import read_matrix
from raci_lint.cli import main
from raci_lint.engine.lint import lint_text
from raci_lint.reading.loader import Limits
from raci_lint.taxonomy.disciplines import default_taxonomy

EXAMPLES = ROOT / "examples"
TAXONOMY = default_taxonomy()

# One small spreadsheet, written in each dialect below; all give these letters.
EXPECTED = {
    "ingest-events": {"jane-doe": "A/R", "bob": "C"},
    "train-model": {"jane-doe": "I", "bob": "A/R"},
}


def imported(data: bytes | str, how: str = "csv") -> Imported:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    reader = import_csv if how == "csv" else import_codeowners
    return reader(raw, "sheet.csv", TAXONOMY)


def letters(result: Imported) -> dict[str, dict[str, str]]:
    """Component -> holder -> letters, read back from the generated YAML."""
    matrix = read_matrix(result.to_yaml().encode(), "raci.yaml")
    assert matrix.problems == []
    return {row.id: row.cells for row in matrix.rows}


def no_syntax_violation(text: str) -> list[str]:
    codes = [v.code for v in lint_text(text, "raci.yaml").violations]
    assert not [code for code in codes if code.startswith("SYN")], codes
    return codes


# ---------------------------------------------------------------- CSV dialects


def test_comma() -> None:
    result = imported(
        "component,kind,Jane Doe,Bob\ningest-events,ingestion,A/R,C\ntrain-model,training,I,A/R\n"
    )
    assert letters(result) == EXPECTED


def test_semicolon() -> None:
    result = imported(
        "component;kind;Jane Doe;Bob\ningest-events;ingestion;A/R;C\ntrain-model;training;I;A/R\n"
    )
    assert letters(result) == EXPECTED


def test_tab() -> None:
    result = imported(
        "component\tkind\tJane Doe\tBob\ningest-events\tingestion\tA/R\tC\ntrain-model\ttraining\tI\tA/R\n"
    )
    assert letters(result) == EXPECTED


def test_utf8_bom() -> None:
    data = codecs.BOM_UTF8 + b"Component,Jane Doe,Bob\ningest-events,A/R,C\ntrain-model,I,A/R\n"
    assert letters(imported(data)) == EXPECTED


def test_utf16_with_bom() -> None:
    data = "component;Jane Doe;Bob\r\ningest-events;A/R;C\r\ntrain-model;I;A/R\r\n"
    assert letters(imported(data.encode("utf-16"))) == EXPECTED


def test_quoted_fields_with_the_delimiter_inside() -> None:
    result = imported(
        'component;description;"Doe; Jane";Bob\n'
        '"ingest-events";"Loads events; hourly, ""raw""";"A;R";C\n'
        'train-model;"Fits the model\non two lines";I;"A/R"\n'
    )
    assert letters(result) == {
        "ingest-events": {"doe-jane": "A/R", "bob": "C"},
        "train-model": {"doe-jane": "I", "bob": "A/R"},
    }
    assert result.components["ingest-events"].description == 'Loads events; hourly, "raw"'
    assert result.components["train-model"].description == "Fits the model on two lines"
    assert result.people["doe-jane"].name == "Doe; Jane"


def test_windows_line_ends() -> None:
    data = b"component,kind,Jane Doe,Bob\r\ningest-events,ingestion,A/R,C\r\ntrain-model,training,I,A/R\r\n"
    assert letters(imported(data)) == EXPECTED


def test_extra_empty_rows_and_columns() -> None:
    result = imported(
        ",,,,,\n"
        ",component,kind,,Jane Doe,Bob,,\n"
        ",,,,,\n"
        "\n"
        ",ingest-events,ingestion,,A/R,C,,\n"
        ",  ,,, ,,,\n"
        ",train-model,training,,I,A/R\n"
        ",,,,,,,,,\n"
    )
    assert letters(result) == EXPECTED
    assert list(result.people) == ["jane-doe", "bob"]


def test_title_row_above_the_header_is_detected() -> None:
    result = imported(
        "RACI - Churn platform (v3);;;\n"
        ";;;\n"
        "Owner: the data office;;;\n"
        "Component;Kind;Jane Doe;Bob\n"
        "ingest-events;ingestion;A/R;C\n"
        "train-model;training;I;A/R\n"
    )
    assert letters(result) == EXPECTED
    assert result.header == [
        "Spreadsheet title: RACI - Churn platform (v3)",
        "Spreadsheet title: Owner: the data office",
    ]
    assert "# Spreadsheet title: RACI - Churn platform (v3)\n" in result.to_yaml()


# ---------------------------------------------------------------- letters


@pytest.mark.parametrize(
    ("cell", "codes"),
    [
        ("R", ["R"]),
        ("a", ["A"]),
        ("A/R", ["A", "R"]),
        ("R,A", ["R", "A"]),
        ("a r", ["A", "R"]),
        (" r ; c ", ["R", "C"]),
        ("AR", ["A", "R"]),
        ("A + R", ["A", "R"]),
        ("R/R", ["R"]),
        ("Accountable, Responsible", ["A", "R"]),
        ("informed", ["I"]),
        ("S", ["S"]),
        ("", []),
        ("  ", []),
        ("-", []),
    ],
)
def test_letters(cell: str, codes: list[str]) -> None:
    assert parse_letters(cell) == codes


@pytest.mark.parametrize(
    ("cell", "token"), [("X", "X"), ("A/X", "X"), ("yes", "yes"), ("R?", "R?")]
)
def test_unknown_letter(cell: str, token: str) -> None:
    with pytest.raises(ValueError, match=f"^{token.replace('?', '[?]')}$"):
        parse_letters(cell)


def test_unknown_letter_names_row_column_and_value(tmp_path: Path) -> None:
    (tmp_path / "sheet.csv").write_text(
        "Fraud RACI;;\ncomponent;Jane Doe;Bob\ningest;A/R;C\ntrain;I;A/x\n", encoding="utf-8"
    )
    result = run(["import", "--from", "csv", "sheet.csv"], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "raci-lint: error: sheet.csv: row 4, column C ('Bob'): unknown letter 'x' in 'A/x'; "
        "a cell holds R, A, C, I or S, or several of them (A/R)\n"
    )


def test_support_makes_the_file_rasci() -> None:
    result = imported("component,kind,Jane,Bob\ningest,ingestion,A/R,S\n")
    text = result.to_yaml()
    assert "scheme: RASCI" in text and "      support: [bob]\n" in text
    assert "RACI008" not in no_syntax_violation(text)


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "sheet.csv: the file is empty; nothing to import"),
        ("\r\n;;;\r\n", "sheet.csv: the file is empty; nothing to import"),
        (
            "name;Jane;Bob\ningest;R;A\n",
            "sheet.csv: no `component` column: the header row must name one (the first row "
            "holds 'name', 'Jane', 'Bob')",
        ),
        ("component;Jane\n", "sheet.csv: no component rows below the header; nothing to import"),
        (
            "component;Jane\ningest;R;A\n",
            "sheet.csv: row 2, column C: 'A' is in a column without a header; name the person "
            "in the header row, or delete it",
        ),
        (
            "component;Jane\n;R\n",
            "sheet.csv: row 2, column A: no component name, but the row is not empty",
        ),
        ("component;kind;kind\nx;y;z\n", "sheet.csv: row 1: two `kind` columns (B and C)"),
        (
            "component;J\xe9r\xf4me\n",
            "sheet.csv: not UTF-8 (byte 12); export the spreadsheet as CSV UTF-8",
        ),
        (
            "\xff\xfec\x00o",
            "sheet.csv: not UTF-16 (byte 5) although it starts with a UTF-16 byte order mark; "
            "export the spreadsheet as CSV UTF-8",
        ),
    ],
)
def test_errors_are_one_line_and_exit_2(
    tmp_path: Path,
    content: str,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # In-process, for speed; test_unknown_letter_names_row_column_and_value runs
    # the same path in a subprocess.
    (tmp_path / "sheet.csv").write_bytes(content.encode("latin-1"))
    monkeypatch.chdir(tmp_path)
    assert main(["import", "--from", "csv", "sheet.csv"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"raci-lint: error: {message}\n"


def test_missing_input_file(tmp_path: Path) -> None:
    result = run(["import", "--from", "codeowners", "CODEOWNERS"], tmp_path)
    assert result.returncode == 2
    assert result.stderr == "raci-lint: error: CODEOWNERS: no such file or folder\n"


# ---------------------------------------------------------------- ids and kinds


def test_ids_come_from_headers_and_collisions_get_a_number() -> None:
    result = imported(
        "component,Jane Doe,jane doe,Jane-Doe,Zoë Martin,Tom O'Brien,陈伟,bob,Bob,team:Data Platform\n"
        "Ingest Events,R,,,,,,,,\nIngest events,A,,,,,,,,\n"
    )
    assert list(result.people) == [
        "jane-doe",
        "jane-doe-2",
        "jane-doe-3",
        "zoe-martin",
        "tom-o-brien",
        "person",
        "bob",
        "bob-2",
    ]
    assert [p.name for p in result.people.values()] == [
        "Jane Doe", "jane doe", "Jane-Doe", "Zoë Martin", "Tom O'Brien", "陈伟", None, "Bob",
    ]  # fmt: skip
    assert list(result.teams) == ["data-platform"]
    assert result.teams["data-platform"].name == "Data Platform"
    assert list(result.components) == ["ingest-events", "ingest-events-2"]
    assert result.components["ingest-events"].description == "Ingest Events"
    no_syntax_violation(result.to_yaml())


def test_people_get_a_todo_for_their_disciplines() -> None:
    text = imported("component,kind,Jane Doe\ningest,ingestion,A/R\n").to_yaml()
    assert (
        "  jane-doe:\n    name: Jane Doe\n"
        "    disciplines: []  # TODO: fill in (see the list at the top)\n"
    ) in text


@pytest.mark.parametrize(
    ("name", "description", "kind", "sure"),
    [
        ("Ingestion of CRM data", "", "ingestion", True),
        ("Ingest CRM data", "", "ingestion", False),
        ("Churn feature store", "", "feature-store", True),
        ("Evaluate churn model", "", "evaluation", False),
        ("Model evaluation", "", "evaluation", True),
        ("Churn dashboard", "", "reporting", True),
        ("Package churn model", "", "packaging", False),
        ("Retrain churn model", "", "retraining", False),
        ("Nightly job", "Loads click events into the warehouse", "data-storage", False),
        ("Thing", "", None, False),
        ("Training and serving", "", "training", False),  # two kinds named: unsure
    ],
)
def test_kind_guess(name: str, description: str, kind: str | None, sure: bool) -> None:
    assert guess_kind(name, description, TAXONOMY) == (kind, sure)


def test_kinds_written_are_kept_and_guesses_are_marked() -> None:
    result = imported(
        "component;kind;Jane\n"
        "Events lake;lake;A/R\n"
        "Ingest CRM;;A/R\n"
        "Ingestion;;A/R\n"
        "Something;;A/R\n"
        "Scores;Scoring Service;A/R\n"
    )
    text = result.to_yaml()
    assert "  events-lake:\n    kind: lake\n" in text
    assert (
        "  ingest-crm:\n    kind: ingestion  # TODO: check kind (guessed from the name)\n" in text
    )
    assert "  ingestion:\n    kind: ingestion\n" in text
    assert "  something:\n    kind: todo  # TODO: set the kind (the list is at the top)\n" in text
    assert (
        "  scores:\n    kind: scoring-service  # TODO: 'Scoring Service' is not a kind of the "
        "taxonomy\n"
    ) in text
    codes = no_syntax_violation(text)
    assert codes.count("REF003") == 2


# ---------------------------------------------------------------- hostile text


def test_hostile_headers_and_descriptions_round_trip_as_text() -> None:
    names = [
        "yes",
        "null",
        "1.5",
        'Quote " and \\ backslash',
        "Colon: and # hash",
        "# raci-lint: disable-file=ALL",
        "tab\there",
        "bell\x07 and esc\x1b[2J",
        "line\u2028separator",
        "- dash first",
    ]
    header = ",".join('"' + name.replace('"', '""') + '"' for name in names)
    cells = ",".join("R" for _ in names)
    result = imported(
        f'component,description,{header}\n"x",# raci-lint: disable-file=ALL,{cells}\n'
    )
    text = result.to_yaml()
    codes = no_syntax_violation(text)
    # The comment-like text suppresses nothing: the violations are all there.
    assert "SUP001" not in codes and "RACI001" in codes and "REF003" in codes
    loaded = yaml.safe_load(text)
    assert list(loaded["people"])[:4] == ["yes", "null", "1.5", "quote-and-backslash"]
    expected = [None, None, None, *(" ".join(name.split()) for name in names[3:])]
    assert [(person or {}).get("name") for person in loaded["people"].values()] == expected
    assert loaded["components"]["x"]["description"] == "# raci-lint: disable-file=ALL"


# ---------------------------------------------------------------- CODEOWNERS

CODEOWNERS = """\
# Owners of the platform.

* @acme/platform
/pipelines/ingest/ @jdoe @acme/data-eng
docs/*.md @writer
/legal/ legal@example.com @jdoe
!/pipelines/ingest/vendored/
/generated/
/weird/ @first.last @acme/group/sub

[Models] @acme/ml
/models/train/
/models/serve/ @bob
/pipelines/ingest/ @bob
"""

GOLDEN_CODEOWNERS = """\
version: 1

people:
  jdoe:
    github: jdoe
    disciplines: []  # TODO: fill in (see the list at the top)
  writer:
    github: writer
    disciplines: []  # TODO: fill in (see the list at the top)
  legal:
    email: "legal@example.com"
    disciplines: []  # TODO: fill in (see the list at the top)
  first.last:
    # TODO: CODEOWNERS names them @first.last, not a GitHub user name
    disciplines: []  # TODO: fill in (see the list at the top)
  bob:
    github: bob
    disciplines: []  # TODO: fill in (see the list at the top)

teams:
  platform:
    github: acme/platform
    members: []  # TODO: list the people of this team
  data-eng:
    github: acme/data-eng
    members: []  # TODO: list the people of this team
  sub:
    # TODO: CODEOWNERS names it @acme/group/sub, not a GitHub team
    members: []  # TODO: list the people of this team
  ml:
    github: acme/ml
    members: []  # TODO: list the people of this team

components:
  everything:
    kind: todo  # TODO: set the kind of * (the list is at the top)
    paths: ["*"]
    raci:
      # TODO: the first owner is not a person: name the one person who signs off
      responsible: [platform]

  pipelines-ingest:
    kind: ingestion  # TODO: check kind (guessed from /pipelines/ingest/)
    paths: ["/pipelines/ingest/"]
    raci:
      responsible: [jdoe, data-eng]
      accountable: jdoe

  docs-md-files:
    kind: documentation
    paths: ["docs/*.md"]
    raci:
      responsible: [writer]
      accountable: writer

  legal:
    kind: todo  # TODO: set the kind of /legal/ (the list is at the top)
    paths: ["/legal/"]
    raci:
      responsible: [legal, jdoe]
      accountable: legal

  # TODO: line 7: `!/pipelines/ingest/vendored/` is a negation, which CODEOWNERS does not support; not imported
  generated:
    kind: todo  # TODO: set the kind of /generated/ (the list is at the top)
    unowned: true  # CODEOWNERS line 8 has no owner: unowned on purpose
    paths: ["/generated/"]

  weird:
    kind: todo  # TODO: set the kind of /weird/ (the list is at the top)
    paths: ["/weird/"]
    raci:
      responsible: [first.last, sub]
      accountable: first.last

  # GitLab section [Models], default owners @acme/ml (line 11)
  models-train:
    kind: training  # TODO: check kind (guessed from /models/train/)
    paths: ["/models/train/"]
    raci:
      # TODO: the first owner is not a person: name the one person who signs off
      responsible: [ml]

  models-serve:
    kind: deployment  # TODO: check kind (guessed from /models/serve/)
    paths: ["/models/serve/"]
    raci:
      responsible: [bob]
      accountable: bob

  pipelines-ingest-2:
    kind: ingestion  # TODO: check kind (guessed from /pipelines/ingest/)
    paths: ["/pipelines/ingest/"]
    raci:
      responsible: [bob]
      accountable: bob
"""


def test_codeowners_mapping() -> None:
    result = imported(CODEOWNERS, "codeowners")
    text = result.to_yaml()
    assert text.startswith("# Imported by `raci-lint import --from codeowners` from sheet.csv.\n")
    assert "# CODEOWNERS: Owners of the platform.\n" in text
    assert text[text.index("version: 1") :] == GOLDEN_CODEOWNERS
    codes = no_syntax_violation(text)
    assert "RACI001" in codes and "REF007" in codes
    assert result.summary() == "9 components, 5 people and 4 teams"


def test_codeowners_with_only_comments_is_an_error() -> None:
    with pytest.raises(ImportFailure, match="no rule; nothing to import"):
        imported("# nothing here\n!/docs/\n", "codeowners")


# ---------------------------------------------------------------- the command


def test_stdout_gets_the_yaml_and_stderr_the_count(tmp_path: Path) -> None:
    (tmp_path / "sheet.csv").write_text("component,kind,Jane Doe\ningest,ingestion,A/R\n")
    result = run(["import", "--from", "csv", "sheet.csv"], tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("# Imported by `raci-lint import --from csv` from sheet.csv.")
    assert yaml.safe_load(result.stdout)["components"]["ingest"]["raci"]["accountable"] == (
        "jane-doe"
    )
    assert result.stderr == (
        "Imported 1 component and 1 person; raci-lint check finds 1 thing to fill in "
        "(run it on the file).\n"
    )


def test_output_is_written_and_never_overwritten_without_force(tmp_path: Path) -> None:
    (tmp_path / "sheet.csv").write_text("component,kind,Jane Doe\ningest,ingestion,A/R\n")
    first = run(["import", "--from", "csv", "sheet.csv", "--output", "raci.yaml"], tmp_path)
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == (
        "Imported 1 component and 1 person; raci-lint check finds 1 thing to fill in "
        "(run `raci-lint check raci.yaml`).\n"
    )
    written = (tmp_path / "raci.yaml").read_text()
    assert written.startswith("# Imported by")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raci.yaml", "sheet.csv"]

    (tmp_path / "raci.yaml").write_text("mine\n")
    again = run(["import", "--from", "csv", "sheet.csv", "-o", "raci.yaml"], tmp_path)
    assert (again.returncode, again.stdout) == (2, "")
    assert again.stderr == (
        "raci-lint: error: raci.yaml already exists; use --force to overwrite it\n"
    )
    assert (tmp_path / "raci.yaml").read_text() == "mine\n"

    forced = run(["import", "--from", "csv", "sheet.csv", "-o", "raci.yaml", "--force"], tmp_path)
    assert forced.returncode == 0
    assert (tmp_path / "raci.yaml").read_text() == written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raci.yaml", "sheet.csv"]


def test_output_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    (tmp_path / "sheet.csv").write_text("component,Jane Doe\ningest,A/R\n")
    result = run(["import", "--from", "csv", "sheet.csv", "-o", "no/such/raci.yaml"], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("raci-lint: error: no/such/raci.yaml: ")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "no").exists()


# ---------------------------------------------------------------- the examples


def test_csv_example_imports_without_syntax_violations(tmp_path: Path) -> None:
    source = EXAMPLES / "import" / "raci-matrix.csv"
    data = source.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and b"\r\n" in data
    assert data.split(b"\r\n", 1)[0].count(b";") >= 3  # semicolons, a title row first
    result = import_csv(data, "raci-matrix.csv", TAXONOMY)
    assert (len(result.components), len(result.people)) == (15, 8)
    assert result.header[0].startswith("Spreadsheet title: RACI matrix - Fraud detection")
    codes = no_syntax_violation(result.to_yaml())
    assert codes and set(codes) == {"TAX001"}
    cli = run(["import", "--from", "csv", str(source)], tmp_path)
    assert cli.returncode == 0
    assert cli.stdout == import_csv(data, source.as_posix(), TAXONOMY).to_yaml()
    assert cli.stderr == (
        f"Imported 15 components and 8 people; raci-lint check finds {len(codes)} things to "
        "fill in (run it on the file).\n"
    )


def test_codeowners_example_imports_without_syntax_violations() -> None:
    source = EXAMPLES / "import" / "CODEOWNERS"
    text = source.read_text()
    assert "@acme/" in text and "@example.com" in text and "\n!" in text and "\n[" in text
    result = import_codeowners(source.read_bytes(), "CODEOWNERS", TAXONOMY)
    yaml_text = result.to_yaml()
    no_syntax_violation(yaml_text)
    assert 'email: "lena.fischer@example.com"' in yaml_text and "is a negation" in yaml_text
    assert "# GitLab section [Data engineering]" in yaml_text


# ---------------------------------------------------------------- round trip


def test_matrix_csv_round_trips_through_import(tmp_path: Path) -> None:
    example = EXAMPLES / "ml-platform" / "raci.yaml"
    exported = run(["matrix", str(example), "--format", "csv"], tmp_path)
    assert exported.returncode == 0
    (tmp_path / "matrix.csv").write_text(exported.stdout, encoding="utf-8")
    back = run(["import", "--from", "csv", "matrix.csv", "-o", "raci.yaml"], tmp_path)
    assert back.returncode == 0, back.stderr

    original = read_matrix(example.read_bytes(), "raci.yaml")
    again = read_matrix((tmp_path / "raci.yaml").read_bytes(), "raci.yaml")
    assert again.problems == []
    assert {r.id: (r.kind, r.cells) for r in again.rows} == {
        r.id: (r.kind, r.cells) for r in original.rows
    }
    assert [(c.key, c.kind) for c in again.columns] == [(c.key, c.kind) for c in original.columns]
    # The second trip has the same rows; only the order differs, as `depends_on`
    # is not in the spreadsheet.
    second = run(["matrix", "raci.yaml", "--format", "csv"], tmp_path)
    assert sorted(second.stdout.splitlines()) == sorted(exported.stdout.splitlines())


def test_names_survive_the_round_trip_when_they_make_the_id() -> None:
    first = imported("component;kind;Jane Doe;team:Data Platform\ningest;ingestion;A/R;R\n")
    exported = read_matrix(first.to_yaml().encode(), "raci.yaml")
    from raci_lint.adapters.matrix import render

    csv_text = render(exported, "csv")
    assert csv_text == "component,kind,Jane Doe,team:Data Platform\ningest,ingestion,A/R,R\n"
    assert imported(csv_text).to_yaml() == first.to_yaml()


def test_round_trip_in_the_other_direction_keeps_letters() -> None:
    text = textwrap.dedent(
        """\
        component;kind;Ana;Ben;team:Ops
        extract;extract;a/r;c;
        model;training;i;R,A;s
        """
    )
    first = imported(text)
    assert letters(first) == {
        "extract": {"ana": "A/R", "ben": "C"},
        "model": {"ana": "I", "ben": "A/R", "ops": "S"},
    }


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_input_over_the_size_limit_is_one_line_and_exit_2(
    tmp_path: Path,
    source: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    content = b"component,Jane\n" + b"ingest,R\n" * 20
    monkeypatch.setattr("raci_lint.cli.importing.Limits", lambda: Limits(max_file_size=100))
    monkeypatch.chdir(tmp_path)
    if source == "stdin":
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(content)))
        args, shown = ["import", "--from", "csv", "-"], "<stdin>"
    else:
        (tmp_path / "sheet.csv").write_bytes(content)
        args, shown = ["import", "--from", "csv", "sheet.csv"], "sheet.csv"
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"raci-lint: error: {shown}: the file is over the limit of 100 bytes (SYN005)\n"
    )


def test_escaped_codeowners_patterns_round_trip(tmp_path: Path) -> None:
    source = "foo\\ bar/ @alice\n\\#notes/ @alice\n"
    (tmp_path / "CODEOWNERS").write_text(source)
    result = run(["import", "--from", "codeowners", "CODEOWNERS", "-o", "raci.yaml"], tmp_path)
    assert result.returncode == 0
    data = yaml.safe_load((tmp_path / "raci.yaml").read_text())
    assert [c["paths"] for c in data["components"].values()] == [["foo bar/"], ["#notes/"]]
    (tmp_path / ".git").mkdir()
    generated = run(["codeowners"], tmp_path)
    assert generated.returncode == 0
    assert generated.stdout.splitlines()[4:] == [
        "# raci.yaml",
        "foo\\ bar/ @alice",
        "**/#notes/ @alice",
        "# END raci-lint",
    ]


def test_format_characters_are_escaped_everywhere_and_read_back_as_written() -> None:
    # Bidirectional overrides and isolates, zero-width characters, an Arabic
    # letter mark, a soft hyphen, a byte order mark, a private-use character:
    # none may reach the file as it is.
    hostile = "\u202e\u202a\u2066\u2069\u200b\u200f\u061c\xad\ufeff\ue000"
    sheet = (
        f"Budget \u202eevil\u202c sheet\n"
        f'component,description,"Jane{hostile}Doe"\n'
        f'"ingest{hostile}",about{hostile}it,R\n'
    )
    text = imported(sheet).to_yaml()
    assert not [char for char in text if not char.isprintable() and char != "\n"]
    escaped = "\\u202e\\u202a\\u2066\\u2069\\u200b\\u200f\\u061c\\xad\\ufeff\\ue000"
    assert "# Spreadsheet title: Budget \\u202eevil\\u202c sheet\n" in text
    assert f'    name: "Jane{escaped}Doe"\n' in text
    assert f'    description: "about{escaped}it"\n' in text
    for loader in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        loaded = yaml.load(text, Loader=loader)
        assert loaded["people"]["janedoe"]["name"] == f"Jane{hostile}Doe"
        assert loaded["components"]["ingest"]["description"] == f"about{hostile}it"


def test_codeowners_format_characters_are_escaped_in_paths_and_comments() -> None:
    text = imported("# owners \u2067of\u2069 it\n/a\u202eb/ @alice\n", "codeowners").to_yaml()
    assert not [char for char in text if not char.isprintable() and char != "\n"]
    assert "  # owners \\u2067of\\u2069 it\n" in text
    assert '    paths: ["/a\\u202eb/"]\n' in text
    assert yaml.safe_load(text)["components"]["ab"]["paths"] == ["/a\u202eb/"]


@pytest.mark.parametrize("name", ["2024-13-45", "2024-02-30"])
def test_a_name_that_only_looks_like_a_value_is_quoted(name: str) -> None:
    text = imported(f"component,alice\n{name},A/R\n").to_yaml()
    assert f'\n  "{name}":\n' in text
    assert list(yaml.safe_load(text)["components"]) == [name]
