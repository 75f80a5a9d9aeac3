"""`raci-lint server`: the language server, over stdin and stdout."""

from __future__ import annotations

import importlib.util

import click

from raci_lint.cli.output import EXIT_ERROR, error_line

__all__ = ["server_command"]

INSTALL = "the language server needs pygls: pip install 'raci-lint[server]'"


@click.command("server")
def server_command() -> int:
    """Run the language server (LSP over stdio), for editors.

    Diagnostics as `check` gives them, code actions, hover, completion,
    go-to-definition, references and the outline of ownership files.
    Needs the `server` extra: pip install 'raci-lint[server]'.
    """
    if importlib.util.find_spec("pygls") is None or importlib.util.find_spec("lsprotocol") is None:
        error_line(INSTALL)
        return EXIT_ERROR
    # Imported here: only `raci-lint server` needs pygls (start-up time).
    from raci_lint.server.protocol import serve

    serve()
    return 0
