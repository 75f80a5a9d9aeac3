"""The language server: LSP over stdio, with pygls, as a thin adapter over the workspace.

Every answer comes from :class:`~raci_lint.server.workspace.Workspace` (the
engine's violations, the unit's ids); this module only converts positions
and shapes, debounces lints, and makes sure no handler ever sends a Python
traceback to the editor: a failure is one line in the editor's log.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from raci_lint import __version__
from raci_lint.model.ownership import LETTERS
from raci_lint.reading.files import inside
from raci_lint.reading.repository import repository_root
from raci_lint.rules.registry import find_rule
from raci_lint.server import actions
from raci_lint.server.hover import describe, rule_at, rule_markdown
from raci_lint.server.index import COMPONENT, PARTY, Index, Place
from raci_lint.server.outline import includes, key_path, symbols
from raci_lint.server.positions import LineIndex
from raci_lint.server.workspace import Problem, Workspace
from raci_lint.violations import Violation
from raci_lint.wording import neutralize

__all__ = ["DEBOUNCE", "RaciServer", "serve"]

# The kind of the action that applies every safe fix of a file (as ruff names its own).
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.raci-lint"

# Seconds a lint waits after another for the changes sent while it ran: they
# are in the pipe already (a lint holds the event loop), so a moment is enough,
# and an edit that comes later is linted at once.
DEBOUNCE = 0.005
# Seconds of quiet after which the garbage is collected, and the most lints between two.
QUIET = 1.0
COLLECT_EVERY = 50

_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
_SYMBOL_KIND = {
    "component": types.SymbolKind.Module,
    "person": types.SymbolKind.Object,
    "team": types.SymbolKind.Namespace,
}
_COMPLETION_KIND = {
    "person": types.CompletionItemKind.Value,
    "team": types.CompletionItemKind.Folder,
    "component": types.CompletionItemKind.Module,
}

T = TypeVar("T")


class RaciServer(LanguageServer):
    """The raci-lint language server: its workspace, the lints pending, the editor's URIs."""

    def __init__(self) -> None:
        super().__init__("raci-lint", __version__)
        self.files = Workspace(log=self.log)
        self.uris: dict[str, str] = {}  # real path -> the URI the editor opened it by
        self.pending: dict[str, None] = {}
        self.task: asyncio.Task[None] | None = None
        self.debounce = DEBOUNCE
        self.lints = 0  # since the last garbage collection
        self.wanted = False  # a lint and a publication are asked for
        # What was last sent for each open file: its version and findings.
        self.published: dict[str, tuple[int, list[Violation], list[Problem]]] = {}

    # ------------------------------------------------------------ plumbing

    def log(self, message: str) -> None:
        # Log lines name the repository's files: made safe here, once for all.
        self.window_log_message(
            types.LogMessageParams(
                type=types.MessageType.Log, message=f"raci-lint: {neutralize(message)}"
            )
        )

    def path_of(self, uri: str) -> str | None:
        path = to_fs_path(uri)
        return os.path.realpath(path) if path else None

    def uri_of(self, path: str) -> str:
        return self.uris.get(path) or from_fs_path(path) or path

    def schedule(self, paths: list[str], delay: float) -> None:
        """Lint ownership files: at once when the server is idle, else once the burst ends.

        A lint holds the event loop, so the changes sent meanwhile wait in the
        pipe; after each lint the server waits ``delay`` more for them, and
        lints the files they touch once, with their last text.
        """
        self.pending.update(dict.fromkeys(paths))
        self.wanted = True
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._lint_pending(delay))

    async def _lint_pending(self, delay: float) -> None:
        # Each request publishes at least once: a file opened that nothing
        # lints gets its (empty) diagnostics too.
        while self.wanted:
            self.wanted = False
            paths = list(self.pending)
            self.pending.clear()
            try:
                self.files.lint(paths)
                self.publish()
            except Exception as error:  # never a traceback to the editor
                self._failed("lint", error)
            self.lints += 1
            await asyncio.sleep(delay)  # let the changes sent meanwhile in
        self._collect_later()

    def _collect_later(self) -> None:
        """Collect the garbage when the editor has been quiet for a second, or every 50 lints.

        The cyclic garbage collector is off while the server lints: each lint
        builds as many objects as the file has nodes, and a collection in the
        middle of one would walk them all (and every model kept) for nothing.
        """
        if self.lints >= COLLECT_EVERY:
            self._collect()
            return
        stamp = self.lints
        asyncio.get_running_loop().call_later(
            QUIET, lambda: self._collect() if self.lints == stamp and not self.wanted else None
        )

    def _collect(self) -> None:
        self.lints = 0
        gc.collect()

    def publish(self) -> None:
        """Send the diagnostics of every open file whose text or findings changed."""
        for path, buffer in self.files.buffers.items():
            violations, problems = self.files.findings(path)
            state = (buffer.version, violations, problems)
            if self.published.get(path) == state:
                continue
            self.published[path] = state
            diagnostics = [diagnostic(v, buffer.lines) for v in violations]
            diagnostics += [problem_diagnostic(p, buffer.lines) for p in problems]
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=self.uri_of(path), version=buffer.version, diagnostics=diagnostics
                )
            )

    def _failed(self, what: str, error: BaseException) -> None:
        last = traceback.extract_tb(error.__traceback__)[-1:] if error.__traceback__ else []
        where = f" at {os.path.basename(last[0].filename)}:{last[0].lineno}" if last else ""
        self.log(neutralize(f"internal error in {what}: {type(error).__name__}: {error}{where}"))


def _safe(what: str) -> Callable[[Callable[..., T]], Callable[..., T | None]]:
    """A handler that answers nothing, and logs one line, instead of raising."""

    def decorate(handler: Callable[..., T]) -> Callable[..., T | None]:
        @functools.wraps(handler)
        def guarded(server: RaciServer, params: Any) -> T | None:
            try:
                return handler(server, params)
            except Exception as error:
                server._failed(what, error)
                return None

        return guarded

    return decorate


# ---------------------------------------------------------------- conversions


def lsp_range(
    lines: LineIndex, line: int, column: int, end_line: int, end_column: int
) -> types.Range:
    (start_line, start_character), (stop_line, stop_character) = lines.lsp_range(
        line, column, end_line, end_column
    )
    return types.Range(
        start=types.Position(line=start_line, character=start_character),
        end=types.Position(line=stop_line, character=stop_character),
    )


def diagnostic(violation: Violation, lines: LineIndex) -> types.Diagnostic:
    """The diagnostic of a violation, at the same place ``check`` gives, with its rule's docs."""
    rule = find_rule(violation.code)
    return types.Diagnostic(
        range=lsp_range(
            lines, violation.line, violation.column, violation.end_line, violation.end_column
        ),
        severity=_SEVERITY.get(violation.severity, types.DiagnosticSeverity.Error),
        code=violation.code,
        code_description=types.CodeDescription(href=rule.help_uri) if rule else None,
        source="raci-lint",
        message=neutralize(f"{violation.message} ({violation.name})"),
        data={"fingerprint": violation.fingerprint},
    )


def problem_diagnostic(problem: Problem, lines: LineIndex) -> types.Diagnostic:
    return types.Diagnostic(
        range=lsp_range(lines, problem.line, problem.column, problem.line, problem.column),
        severity=types.DiagnosticSeverity.Error,
        source="raci-lint",
        message=neutralize(problem.message),
    )


def _engine_position(lines: LineIndex, position: types.Position) -> tuple[int, int]:
    return lines.engine_position(lines.offset_at(position.line, position.character))


def _location(server: RaciServer, place: Place) -> types.Location | None:
    lines = server.files.lines_of(place.path)
    if lines is None:
        return None
    return types.Location(
        uri=server.uri_of(place.path),
        range=lsp_range(lines, place.line, place.column, place.end_line, place.end_column),
    )


# ---------------------------------------------------------------- the server


def make_server() -> RaciServer:
    """A server with every feature registered."""
    server = RaciServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @_safe("didOpen")
    def did_open(ls: RaciServer, params: types.DidOpenTextDocumentParams) -> None:
        document = params.text_document
        path = ls.path_of(document.uri)
        if path is None:
            return
        ls.uris[path] = document.uri
        ls.schedule(ls.files.open(path, document.text, document.version), ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @_safe("didChange")
    def did_change(ls: RaciServer, params: types.DidChangeTextDocumentParams) -> None:
        path = ls.path_of(params.text_document.uri)
        if path is None:
            return
        document = ls.workspace.get_text_document(params.text_document.uri)
        todo = ls.files.change(path, document.source, params.text_document.version)
        ls.schedule(todo, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @_safe("didSave")
    def did_save(ls: RaciServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(ls.files.saved(), ls.debounce)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @_safe("didChangeWatchedFiles")
    def did_change_watched(ls: RaciServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.schedule(ls.files.saved(), ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @_safe("didClose")
    def did_close(ls: RaciServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = ls.path_of(uri)
        if path is None:
            return
        todo = ls.files.close(path)
        ls.uris.pop(path, None)
        ls.published.pop(path, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )
        ls.schedule(todo, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @_safe("hover")
    def hover(ls: RaciServer, params: types.HoverParams) -> types.Hover | None:
        path = ls.path_of(params.text_document.uri)
        buffer = ls.files.buffers.get(path or "")
        if path is None or buffer is None:
            return None
        lines = buffer.lines
        text = lines.line_text(params.position.line)
        character = lines.offset_at(
            params.position.line, params.position.character
        ) - lines.offset_at(params.position.line, 0)
        code = rule_at(text, character)
        if code is not None:
            docs = rule_markdown(code)
            if docs is None:
                return None
            return types.Hover(
                contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=docs)
            )
        line, column = _engine_position(lines, params.position)
        for analysis in ls.files.units_of(path):
            index = analysis.index
            found = index.at(path, line, column) if index else None
            if index is None or found is None:
                continue
            declared = index.declaration(found)
            if declared is None:
                return None
            place = found.place
            return types.Hover(
                contents=types.MarkupContent(
                    kind=types.MarkupKind.Markdown,
                    value=describe(declared, index.model, path),
                ),
                range=lsp_range(lines, place.line, place.column, place.end_line, place.end_column),
            )
        return None

    def _found(ls: RaciServer, params: Any) -> list[tuple[Index, Any]]:
        path = ls.path_of(params.text_document.uri)
        buffer = ls.files.buffers.get(path or "")
        if path is None or buffer is None:
            return []
        line, column = _engine_position(buffer.lines, params.position)
        found = []
        for analysis in ls.files.units_of(path):
            index = analysis.index
            occurrence = index.at(path, line, column) if index else None
            if index is not None and occurrence is not None:
                found.append((index, occurrence))
        return found

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @_safe("definition")
    def definition(ls: RaciServer, params: types.DefinitionParams) -> list[types.Location] | None:
        for index, occurrence in _found(ls, params):
            declared = index.declaration(occurrence)
            if declared is not None:
                location = _location(ls, declared.place)
                return [location] if location else None
        return _included_file(ls, params)

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    @_safe("references")
    def references(ls: RaciServer, params: types.ReferenceParams) -> list[types.Location] | None:
        places: dict[Place, None] = {}
        for index, occurrence in _found(ls, params):
            declared = index.declaration(occurrence)
            for place in index.references(occurrence.namespace, occurrence.id):
                if (
                    params.context.include_declaration
                    or declared is None
                    or place != declared.place
                ):
                    places[place] = None
        found = [_location(ls, place) for place in places]
        return [location for location in found if location is not None]

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[" ", "[", ",", "-"]),
    )
    @_safe("completion")
    def completion(ls: RaciServer, params: types.CompletionParams) -> types.CompletionList | None:
        path = ls.path_of(params.text_document.uri)
        buffer = ls.files.buffers.get(path or "")
        if path is None or buffer is None:
            return None
        lines = buffer.lines
        rows = [lines.line_text(number) for number in range(lines.line_count)]
        character = lines.offset_at(
            params.position.line, params.position.character
        ) - lines.offset_at(params.position.line, 0)
        keys = key_path(rows, params.position.line, character)
        items = _completions(ls, path, keys)
        if items is None:
            return None
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @_safe("documentSymbol")
    def document_symbol(
        ls: RaciServer, params: types.DocumentSymbolParams
    ) -> list[types.DocumentSymbol] | None:
        path = ls.path_of(params.text_document.uri)
        buffer = ls.files.buffers.get(path or "")
        if path is None or buffer is None:
            return None
        lines = buffer.lines
        return [
            types.DocumentSymbol(
                name=neutralize(symbol.id) or "?",
                detail=symbol.kind,
                kind=_SYMBOL_KIND[symbol.kind],
                range=lsp_range(lines, *symbol.whole),
                selection_range=lsp_range(lines, *symbol.key),
            )
            for symbol in symbols(buffer.text)
        ]

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )
    @_safe("codeAction")
    def code_action(
        ls: RaciServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        path = ls.path_of(uri)
        buffer = ls.files.buffers.get(path or "")
        if path is None or buffer is None or not ls.files.fresh(path):
            return None  # edits made for another text would land in the wrong places
        lines = buffer.lines
        violations, _ = ls.files.findings(path)
        only = params.context.only
        found: list[types.CodeAction] = []

        def other(shown: str) -> LineIndex | None:
            known = ls.files.lines_of_shown(shown)
            return known[1] if known else None

        def changes(
            target: str | None, edits: list[actions.Edit]
        ) -> dict[str, list[types.TextEdit]]:
            """The edits as LSP's, in the violation's file or the one a fix names."""
            where, known = uri, lines
            if target is not None:
                other_file = ls.files.lines_of_shown(target)
                if other_file is None:
                    return {}
                where, known = ls.uri_of(other_file[0]), other_file[1]
            return {
                where: [
                    types.TextEdit(range=_offsets_range(known, start, end), new_text=text)
                    for start, end, text in edits
                ]
            }

        if not only or any(kind.startswith(types.CodeActionKind.QuickFix) for kind in only):
            for violation in violations:
                shown = diagnostic(violation, lines)
                if not _overlaps(shown.range, params.range):
                    continue
                for action in actions.actions_for(violation, lines, other):
                    edit = changes(action.path, action.edits)
                    if edit:
                        found.append(
                            types.CodeAction(
                                title=neutralize(action.title),
                                kind=types.CodeActionKind.QuickFix,
                                diagnostics=[shown],
                                is_preferred=action.preferred,
                                edit=types.WorkspaceEdit(changes=edit),
                            )
                        )
        if not only or any(FIX_ALL.startswith(kind) for kind in only):
            edits = actions.fix_all(violations, lines)
            if edits:
                found.append(
                    types.CodeAction(
                        title="Fix all safe raci-lint violations",
                        kind=FIX_ALL,
                        edit=types.WorkspaceEdit(changes=changes(None, edits)),
                    )
                )
        return found

    return server


def _included_file(ls: RaciServer, params: types.DefinitionParams) -> list[types.Location] | None:
    """The file an ``include`` entry names, when the position is on one."""
    path = ls.path_of(params.text_document.uri)
    buffer = ls.files.buffers.get(path or "")
    if path is None or buffer is None or "include" not in buffer.text:
        return None
    line, column = _engine_position(buffer.lines, params.position)
    for written, (start_line, start_column, end_line, end_column) in includes(buffer.text):
        if (start_line, start_column) <= (line, column) <= (end_line, end_column):
            folder = Path(path).parent
            target = os.path.realpath(folder / written)
            root = repository_root(folder) or folder
            # Never a file outside the repository because the file says so.
            if not inside(Path(target), root) or not os.path.isfile(target):
                return None  # REF010 says why
            start = types.Position(line=0, character=0)
            return [
                types.Location(uri=ls.uri_of(target), range=types.Range(start=start, end=start))
            ]
    return None


def _offsets_range(lines: LineIndex, start: int, end: int) -> types.Range:
    (a, b), (c, d) = lines.position(start), lines.position(end)
    return types.Range(
        start=types.Position(line=a, character=b), end=types.Position(line=c, character=d)
    )


def _overlaps(one: types.Range, other: types.Range) -> bool:
    def key(position: types.Position) -> tuple[int, int]:
        return position.line, position.character

    return key(one.start) <= key(other.end) and key(other.start) <= key(one.end)


def _completions(ls: RaciServer, path: str, keys: list[str]) -> list[types.CompletionItem] | None:
    """What may be written where the keys say: ids, kinds, disciplines."""
    wanted: str | None = None
    if len(keys) == 4 and keys[0] == "components" and keys[2] == "raci" and keys[3] in LETTERS:
        wanted = PARTY
    elif len(keys) == 3 and keys[0] == "teams" and keys[2] == "members":
        wanted = "person"
    elif len(keys) == 3 and keys[0] == "components" and keys[2] == "depends_on":
        wanted = COMPONENT
    elif len(keys) == 3 and keys[0] == "components" and keys[2] == "kind":
        wanted = "kind"
    elif len(keys) == 3 and keys[0] == "people" and keys[2] == "disciplines":
        wanted = "discipline"
    if wanted is None:
        return None
    units = ls.files.units_of(path)
    if wanted in ("kind", "discipline"):
        taxonomy = next((unit.options.taxonomy for unit in units if unit.options), None)
        if taxonomy is None:
            taxonomy = ls.files.taxonomy_for(path)
        if wanted == "kind":
            return [
                types.CompletionItem(
                    label=neutralize(name),
                    kind=types.CompletionItemKind.EnumMember,
                    detail=neutralize(f"kind {kind.id}") if name != kind.id else "kind",
                    documentation=neutralize(kind.description) or None,
                )
                for name in taxonomy.kind_names()
                if (kind := taxonomy.kind(name)) is not None
            ]
        return [
            types.CompletionItem(
                label=neutralize(discipline.id),
                kind=types.CompletionItemKind.EnumMember,
                detail="discipline",
                documentation=neutralize(discipline.description) or None,
            )
            for discipline in taxonomy.disciplines.values()
        ]
    indexes = [unit.index for unit in units if unit.index is not None]
    last = ls.files.last_good.get(path)
    if not indexes and last is not None and last.index is not None:
        indexes = [last.index]
    items: dict[str, types.CompletionItem] = {}
    for index in indexes:
        space = PARTY if wanted == "person" else wanted
        for declared in index.ids(space):
            if wanted == "person" and declared.kind != "person":
                continue
            if keys[0] == "components" and wanted == COMPONENT and declared.id == keys[1]:
                continue  # not upstream of itself
            name = getattr(declared.thing, "name", None)
            items.setdefault(
                declared.id,
                types.CompletionItem(
                    label=neutralize(declared.id),
                    kind=_COMPLETION_KIND[declared.kind],
                    detail=neutralize(f"{declared.kind}: {name}" if name else declared.kind),
                ),
            )
    return list(items.values())


def serve() -> None:
    """Speak LSP over stdin and stdout until the editor says exit."""
    # pygls closes the stream it writes to when it exits: give it a copy of
    # stdout's descriptor, so that the command line can still flush its own.
    output = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    server = make_server()
    # What start-up made lives as long as the server: no collection walks it again.
    gc.freeze()
    gc.disable()
    server.start_io(sys.stdin.buffer, output)
