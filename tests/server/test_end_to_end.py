"""`raci-lint server` driven by a real LSP client (pytest-lsp), as a subprocess.

Each test starts the installed server, opens files of a small repository
(an ownership file that includes a roster), and checks what an editor
would show: diagnostics with exact ranges, code actions that make them go,
hover, completion, definition and references across the include.
"""

from __future__ import annotations

import asyncio
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest.importorskip("lsprotocol")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

ROSTER = textwrap.dedent(
    """\
    version: 1
    people:
      alice:
        name: Alice Moreau
        disciplines: [data-engineer]
      bob:
        name: Bob Tanaka
        disciplines: [ml-engineer]
    teams:
      data-platform:
        members: [alice, bob]
    """
)

# Line 9 (0-based 8): REF001 on `bobby`, after a non-ASCII description on line 6.
OWNERSHIP = textwrap.dedent(
    """\
    version: 1
    include: [org/people.yaml]
    components:
      ingest-events:
        kind: ingestion
        description: Café 🚀 events
        raci:
          responsible: [alice]
          accountable: bobby
          consulted: [data-platform]
      train:
        kind: feature-engineering
        depends_on: [ingest-events]
        raci: {responsible: [bob], accountable: bob}
    """
)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "people.yaml").write_text(ROSTER, encoding="utf-8")
    (tmp_path / "raci.yaml").write_text(OWNERSHIP, encoding="utf-8")
    return tmp_path


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "raci_lint", "server"]),
)
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=types.ClientCapabilities())
    )
    yield
    await lsp_client.shutdown_session()


async def _published(client: LanguageClient) -> None:
    """Wait for the next diagnostics the server publishes (a test never hangs)."""
    await asyncio.wait_for(
        client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), timeout=20
    )


def _uri(path: Path) -> str:
    return path.resolve().as_uri()


async def _open(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = _uri(path)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri,
                language_id="yaml",
                version=1,
                text=path.read_text(encoding="utf-8") if text is None else text,
            )
        )
    )
    await _published(client)
    return uri


async def _diagnostics(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    while uri not in client.diagnostics:
        await _published(client)
    return client.diagnostics[uri]


def _at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


def _word(text: str, line: int, word: str, nth: int = 0) -> types.Range:
    """The range of the ``nth`` ``word`` on a 0-based line of an ASCII text."""
    row = text.splitlines()[line]
    start = -1
    for _ in range(nth + 1):
        start = row.index(word, start + 1)
    return types.Range(start=_at(line, start), end=_at(line, start + len(word)))


@pytest.mark.asyncio
async def test_a_broken_file_gets_its_diagnostics_at_exact_ranges(
    client: LanguageClient, repository: Path
) -> None:
    uri = await _open(client, repository / "raci.yaml")
    diagnostics = await _diagnostics(client, uri)
    assert [(d.code, d.severity, d.range) for d in diagnostics] == [
        (
            "REF001",
            types.DiagnosticSeverity.Error,
            types.Range(start=_at(8, 19), end=_at(8, 24)),
        )
    ]
    only = diagnostics[0]
    assert only.source == "raci-lint"
    assert only.message == (
        "component 'ingest-events' names 'bobby' as Accountable, but no person or team "
        "has that id; did you mean 'bob'? (unknown-reference)"
    )
    assert only.code_description is not None
    assert only.code_description.href.endswith("docs/rules.md#ref001")


@pytest.mark.asyncio
async def test_columns_count_utf_16_code_units_after_non_ascii_text(
    client: LanguageClient, repository: Path
) -> None:
    # An unknown kind after "Café 🚀" on its line: é is one UTF-16 unit, 🚀 two.
    line = '  train: {description: "Café 🚀", kind: nope, raci: {responsible: [bob], accountable: bob}}'
    text = OWNERSHIP.replace("accountable: bobby", "accountable: bob")
    text = text[: text.index("  train:")] + line + "\n"
    path = repository / "raci.yaml"
    uri = await _open(client, path, text)
    diagnostics = await _diagnostics(client, uri)
    before = line[: line.index("nope")]
    start = len(before.encode("utf-16-le")) // 2
    assert len(before) == 39 and start == 40  # characters, then UTF-16 units
    assert [(d.code, d.range) for d in diagnostics] == [
        ("REF003", types.Range(start=_at(10, start), end=_at(10, start + 4)))
    ]


@pytest.mark.asyncio
async def test_the_suppress_action_makes_the_diagnostic_go(
    client: LanguageClient, repository: Path
) -> None:
    uri = await _open(client, repository / "raci.yaml")
    [diagnostic] = await _diagnostics(client, uri)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    assert actions is not None
    suppress = [a for a in actions if isinstance(a, types.CodeAction) and "Suppress" in a.title]
    assert [a.title for a in suppress] == ["Suppress REF001 on this line"]
    edit = suppress[0].edit
    assert edit is not None and edit.changes is not None
    [text_edit] = edit.changes[uri]
    assert text_edit.range == types.Range(start=_at(8, 24), end=_at(8, 24))
    assert text_edit.new_text == "  # raci-lint: disable=REF001"
    row = OWNERSHIP.splitlines()[8]
    edited = row[:24] + text_edit.new_text + row[24:]
    assert edited == "      accountable: bobby  # raci-lint: disable=REF001"
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=text_edit.range, text=text_edit.new_text
                )
            ],
        )
    )
    await _published(client)
    assert list(client.diagnostics[uri]) == []


async def _actions(
    client: LanguageClient, uri: str, diagnostic: types.Diagnostic
) -> list[types.CodeAction]:
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    return [action for action in found or [] if isinstance(action, types.CodeAction)]


async def _apply(client: LanguageClient, uri: str, version: int, action: types.CodeAction) -> None:
    """Send the edits of an action as the editor would, once applied to its buffer."""
    assert action.edit is not None and action.edit.changes is not None
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)
                for edit in sorted(
                    action.edit.changes[uri],
                    key=lambda e: (e.range.start.line, e.range.start.character),
                    reverse=True,
                )
            ],
        )
    )
    await _published(client)


@pytest.mark.asyncio
async def test_the_fix_of_a_violation_is_an_action_that_makes_it_go(
    client: LanguageClient, repository: Path
) -> None:
    uri = await _open(client, repository / "raci.yaml")
    [diagnostic] = await _diagnostics(client, uri)
    found = await _actions(client, uri, diagnostic)
    assert [(a.title, a.is_preferred) for a in found] == [
        ("Replace with `bob` (unsafe fix)", False),
        ("Suppress REF001 on this line", False),
    ]
    edit = found[0].edit
    assert edit is not None and edit.changes is not None
    assert list(edit.changes[uri]) == [
        types.TextEdit(range=_word(OWNERSHIP, 8, "bobby"), new_text="bob")
    ]
    await _apply(client, uri, 2, found[0])
    assert list(client.diagnostics[uri]) == []


@pytest.mark.asyncio
async def test_fix_all_applies_the_safe_fixes_of_the_file(
    client: LanguageClient, repository: Path
) -> None:
    # A kind and a discipline spelt in capitals: REF003 and REF004, each with a safe fix.
    text = OWNERSHIP.replace("kind: ingestion", "kind: Ingestion")
    text = text.replace("accountable: bobby", "accountable: bob")
    uri = await _open(client, repository / "raci.yaml", text)
    [diagnostic] = await _diagnostics(client, uri)
    assert diagnostic.code == "REF003"
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=_at(0, 0), end=_at(0, 0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
        )
    )
    assert found is not None
    [fix_all] = found
    assert isinstance(fix_all, types.CodeAction)
    assert fix_all.kind == "source.fixAll.raci-lint"
    await _apply(client, uri, 2, fix_all)
    assert list(client.diagnostics[uri]) == []


@pytest.mark.asyncio
async def test_hover_on_a_reference_tells_the_person_declared_through_the_include(
    client: LanguageClient, repository: Path
) -> None:
    uri = await _open(client, repository / "raci.yaml")
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=_at(7, 22))
    )
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value.split("\n\n") == [
        "**`alice`** (person)",
        "Alice Moreau",
        "Disciplines: `data-engineer`",
        "Member of: `data-platform`",
        "Holds: responsible for `ingest-events`",
        "Through `data-platform`: consulted for `ingest-events`",
        "Declared in org/people\\.yaml:3:3 (included)",
    ]
    assert hover.range == _word(OWNERSHIP, 7, "alice")


@pytest.mark.asyncio
async def test_hover_on_a_code_of_a_suppression_comment_shows_the_rule(
    client: LanguageClient, repository: Path
) -> None:
    text = OWNERSHIP.replace(
        "accountable: bobby", "accountable: bobby  # raci-lint: disable=REF001"
    )
    uri = await _open(client, repository / "raci.yaml", text)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=_at(8, 50))
    )
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    value = hover.contents.value
    assert value.startswith("REF001 (unknown-reference)\n")
    assert "## Why is this bad?" in value
    assert value.endswith("(https://github.com/raci-lint/raci-lint/blob/main/docs/rules.md#ref001)")


@pytest.mark.asyncio
async def test_definition_and_references_cross_the_include(
    client: LanguageClient, repository: Path
) -> None:
    uri = await _open(client, repository / "raci.yaml")
    roster = _uri(repository / "org" / "people.yaml")
    found = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=_at(9, 23)
        )
    )
    assert found == [types.Location(uri=roster, range=_word(ROSTER, 9, "data-platform"))]
    # On the include entry itself: the file it names.
    included = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=_at(1, 14)
        )
    )
    assert included == [
        types.Location(uri=roster, range=types.Range(start=_at(0, 0), end=_at(0, 0)))
    ]
    # From the roster, open too: bob is written in both files.
    await _open(client, repository / "org" / "people.yaml")
    references = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=roster),
            position=_at(5, 3),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert references is not None
    assert sorted(
        ((r.uri == uri, r.range) for r in references),
        key=lambda found: (found[0], found[1].start.line, found[1].start.character),
    ) == [
        (False, _word(ROSTER, 5, "bob")),  # the declaration
        (False, _word(ROSTER, 10, "bob")),  # a member of data-platform
        (True, _word(OWNERSHIP, 13, "bob")),  # responsible: [bob]
        (True, _word(OWNERSHIP, 13, "bob", 1)),  # accountable: bob
    ]


@pytest.mark.asyncio
async def test_completion_offers_the_ids_of_the_include_under_a_letter(
    client: LanguageClient, repository: Path
) -> None:
    # Typing a new letter: the file does not parse, the ids of the last
    # version that did are offered.
    uri = await _open(client, repository / "raci.yaml")
    text = OWNERSHIP.replace("      consulted: [data-platform]\n", "      consulted: [\n")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await _published(client)
    assert [d.code for d in client.diagnostics[uri]] == ["SYN001"]
    completion = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=_at(9, 18)
        )
    )
    assert isinstance(completion, types.CompletionList)
    assert sorted(item.label for item in completion.items) == ["alice", "bob", "data-platform"]
    kinds = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=_at(4, 10)
        )
    )
    assert isinstance(kinds, types.CompletionList)
    labels = {item.label for item in kinds.items}
    assert {"ingestion", "training", "etl", "serving"} <= labels


@pytest.mark.asyncio
async def test_an_unsaved_roster_re_lints_the_file_that_includes_it(
    client: LanguageClient, repository: Path
) -> None:
    uri = await _open(client, repository / "raci.yaml")
    roster_path = repository / "org" / "people.yaml"
    roster = _uri(roster_path)
    # Renaming bob to bobby in the roster, unsaved: the REF001 goes, and the
    # roster's team now names a member nobody declares.
    await _open(client, roster_path, ROSTER.replace("  bob:", "  bobby:"))
    while roster not in client.diagnostics or [d.code for d in client.diagnostics.get(uri, [])] != [
        "TAX001",
        "REF001",
        "REF001",
    ]:
        await _published(client)
    roster_codes = [(d.code, d.range.start.line) for d in client.diagnostics[roster]]
    assert roster_codes == [("REF001", 10)]


@pytest.mark.asyncio
async def test_the_outline_lists_components_people_and_teams(
    client: LanguageClient, repository: Path
) -> None:
    uri = await _open(client, repository / "raci.yaml")
    found = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert found is not None
    assert [(s.name, s.detail) for s in found] == [  # type: ignore[union-attr]
        ("ingest-events", "component"),
        ("train", "component"),
    ]


@pytest.mark.asyncio
async def test_the_configuration_check_finds_applies_and_its_problems_are_shown(
    client: LanguageClient, repository: Path
) -> None:
    uri = await _open(client, repository / "raci.yaml")
    assert [d.code for d in await _diagnostics(client, uri)] == ["REF001"]
    # A configuration saved next to the file: the server reads it as check would.
    config = repository / ".raci-lint.yaml"
    config.write_text("ignore: [REF001]\n", encoding="utf-8")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await _published(client)
    assert list(client.diagnostics[uri]) == []
    # A configuration that cannot be used: said where its problem is, and why
    # the ownership file is not linted.
    config.write_text("ignore: [REF001]\nrulez: {}\n", encoding="utf-8")
    config_uri = await _open(client, config)
    while config_uri not in client.diagnostics:
        await _published(client)
    [problem] = client.diagnostics[config_uri]
    assert problem.message == "unknown key 'rulez'; did you mean 'rules'?"
    assert problem.range == types.Range(start=_at(1, 0), end=_at(1, 0))
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=config_uri))
    )
    while not client.diagnostics.get(uri):
        await _published(client)
    assert [d.message for d in client.diagnostics[uri]] == [
        "not linted: .raci-lint.yaml:2:1: unknown key 'rulez'; did you mean 'rules'?"
    ]


@pytest.mark.asyncio
async def test_files_that_are_no_ownership_file_or_not_on_disk_never_break_the_server(
    client: LanguageClient, repository: Path
) -> None:
    # A YAML file nothing includes: no diagnostics. A new ownership file not
    # saved yet: linted from the editor's text. An include that is missing:
    # REF010, not an error of the server.
    other = await _open(client, repository / "values.yaml", "a: [1, 2\n")
    new = repository / "new" / "raci.yaml"
    text = "version: 1\ninclude: [gone.yaml]\ncomponents: {}\n"
    new_uri = await _open(client, new, text)
    while new_uri not in client.diagnostics:
        await _published(client)
    assert [(d.code, d.range) for d in client.diagnostics[new_uri]] == [
        ("REF010", _word(text, 1, "gone.yaml"))
    ]
    assert list(client.diagnostics.get(other, [])) == []
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=other), position=_at(0, 1))
    )
    assert hover is None
    # Go to definition on an include leads to no missing file, and to no
    # file outside the repository, whatever the include says.
    inner = repository / "inner"
    (inner / ".git").mkdir(parents=True)
    climbing = "version: 1\ninclude: [../org/people.yaml]\ncomponents: {}\n"
    inner_uri = await _open(client, inner / "raci.yaml", climbing)
    for target, written in ((new_uri, text), (inner_uri, climbing)):
        found = await client.text_document_definition_async(
            types.DefinitionParams(
                text_document=types.TextDocumentIdentifier(uri=target), position=_at(1, 12)
            )
        )
        assert found is None, written
    assert not [m for m in client.log_messages if "internal error" in m.message]


@pytest.mark.asyncio
async def test_a_burst_of_edits_ends_with_the_diagnostics_of_the_last(
    client: LanguageClient, repository: Path
) -> None:
    uri = await _open(client, repository / "raci.yaml")
    # Ten edits sent at once, as fast typing does: bobby, bobbyx, ... then bob.
    names = [f"bobby{'x' * count}" for count in range(1, 10)] + ["bob"]
    for version, name in enumerate(names, start=2):
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangeWholeDocument(
                        text=OWNERSHIP.replace("accountable: bobby", f"accountable: {name}")
                    )
                ],
            )
        )
    while True:
        params = await asyncio.wait_for(
            client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), timeout=20
        )
        if params.uri == uri and params.version == len(names) + 1:
            break
    assert list(client.diagnostics[uri]) == []


@pytest.mark.asyncio
async def test_a_configuration_shows_its_problems_as_it_is_typed(
    client: LanguageClient, repository: Path
) -> None:
    config = repository / ".raci-lint.yaml"
    config.write_text("ignore: [REF001]\n", encoding="utf-8")
    config_uri = await _open(client, config)
    assert list(await _diagnostics(client, config_uri)) == []
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=config_uri, version=2),
            content_changes=[
                types.TextDocumentContentChangeWholeDocument(text="ignore: [REF001]\nrulez: {}\n")
            ],
        )
    )
    while not client.diagnostics.get(config_uri):
        await _published(client)
    [problem] = client.diagnostics[config_uri]
    assert problem.message == "unknown key 'rulez'; did you mean 'rules'?"
    assert problem.range == types.Range(start=_at(1, 0), end=_at(1, 0))
