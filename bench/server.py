"""Benchmark the language server: how long an edit takes to come back as diagnostics.

    pip install '.[server]'
    python bench/server.py                      # 100 and 1,000 components
    python bench/server.py --sizes 100 1000 10000 --repeat 30

For each size it writes a repository (bench/generate.py: every component with
paths, depends_on and four letters), starts
`raci-lint server` as an editor would, opens raci.yaml, then sends one small
edit at a time (a description changes) and times each from the
`textDocument/didChange` sent to the `textDocument/publishDiagnostics` of
that version received, for files where no component and where 5% of them
have a violation, and the CPU time the server spent per change (on Linux:
what the change costs on a machine that other work does not slow down). Every edit waits for the previous answer, as someone
typing slower than the server. Prints a Markdown table: the median and
slowest answer, and for scale the same file linted in this process by
`engine.lint.lint_paths` (the engine alone, no protocol).

The machines are noisy: compare the numbers of one run, not across runs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write_repository  # noqa: E402


def _cpu_seconds(pid: int) -> float | None:
    """The CPU time a process has used (Linux's /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _answers(folder: Path, repeat: int) -> tuple[list[float], float | None]:
    """The seconds each of ``repeat`` edits of folder/raci.yaml takes to be answered,
    and the server's CPU seconds per edit."""
    path = folder / "raci.yaml"
    uri = path.resolve().as_uri()
    text = path.read_text(encoding="utf-8")
    client = LanguageClient("raci-lint-bench", "1")
    published: dict[int, asyncio.Event] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: types.PublishDiagnosticsParams) -> None:
        if params.uri == uri and params.version is not None:
            published.setdefault(params.version, asyncio.Event()).set()

    async def answered(version: int) -> None:
        await asyncio.wait_for(published.setdefault(version, asyncio.Event()).wait(), 60)

    await client.start_io(sys.executable, "-m", "raci_lint", "server", cwd=str(folder))
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=folder.as_uri())
    )
    client.initialized(types.InitializedParams())
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
        )
    )
    await answered(1)
    lines = text.splitlines()
    where = next(n for n, line in enumerate(lines) if "description: Component number" in line)
    column = len(lines[where])
    seconds = []
    server = client._server
    before = _cpu_seconds(server.pid) if server else None
    for version in range(2, repeat + 2):
        edit = types.TextDocumentContentChangePartial(
            range=types.Range(
                start=types.Position(line=where, character=column),
                end=types.Position(line=where, character=column),
            ),
            text="x",
        )
        start = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[edit],
            )
        )
        await answered(version)
        seconds.append(time.perf_counter() - start)
        column += 1
    after = _cpu_seconds(server.pid) if server else None
    cpu = (after - before) / repeat if after is not None and before is not None else None
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return seconds, cpu


def _engine(folder: Path, repeat: int) -> float:
    """The median seconds of the engine alone linting folder/raci.yaml in this process."""
    from raci_lint.engine.lint import lint_paths, settings_for

    here = os.getcwd()
    os.chdir(folder)
    try:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            lint_paths(["raci.yaml"], settings_for())
            times.append(time.perf_counter() - start)
        return statistics.median(times)
    finally:
        os.chdir(here)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--violations",
        type=float,
        nargs="+",
        default=[0.0, 0.05],
        help="shares of components with a violation (default: 0 and 0.05)",
    )
    arguments = parser.parse_args(argv)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in arguments.sizes:
            for share in arguments.violations:
                folder = Path(scratch) / f"{size}-{share}"
                write_repository(folder, size, violations=share)
                (folder / ".git").mkdir()
                answers, cpu = asyncio.run(_answers(folder, arguments.repeat))
                rows.append(
                    {
                        "size": size,
                        "share": share,
                        "median": statistics.median(answers),
                        "slowest": max(answers),
                        "cpu": cpu,
                        "engine": _engine(folder, min(arguments.repeat, 10)),
                    }
                )
    print(f"{arguments.repeat} edits per size, each waiting for the previous answer\n")
    print(
        "| components | with a violation | answer to a change, median | slowest "
        "| server CPU per change | engine alone, median |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        cpu = f"{row['cpu'] * 1000:.0f} ms" if row["cpu"] is not None else "-"
        print(
            f"| {row['size']:,} | {row['share']:.0%} | {row['median'] * 1000:.0f} ms "
            f"| {row['slowest'] * 1000:.0f} ms | {cpu} | {row['engine'] * 1000:.0f} ms |"
        )


if __name__ == "__main__":
    main()
