"""The `raci-lint` group: each command lives in its own module, imported when it runs."""

from __future__ import annotations

import importlib

import click

from raci_lint import __version__

__all__ = ["cli"]


class LazyGroup(click.Group):
    """A group whose commands are imported only when they run (or when help lists them)."""

    COMMANDS = {  # noqa: RUF012 - a constant table
        "check": "raci_lint.cli.check:check",
        "codeowners": "raci_lint.cli.codeowners:codeowners_command",
        "graph": "raci_lint.cli.graph:graph_command",
        "import": "raci_lint.cli.importing:import_command",
        "init": "raci_lint.cli.init:init_command",
        "matrix": "raci_lint.cli.matrix:matrix_command",
        "rule": "raci_lint.cli.reference:rule_command",
        "rules": "raci_lint.cli.reference:rules_command",
        "schema": "raci_lint.cli.reference:schema_command",
        "sources": "raci_lint.cli.sources:sources_command",
        "server": "raci_lint.cli.server:server_command",
        "taxonomy": "raci_lint.cli.reference:taxonomy_command",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self.COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, name = target.split(":")
        command: click.Command = getattr(importlib.import_module(module), name)
        return command


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(
    __version__, "--version", prog_name="raci-lint", message="%(prog)s %(version)s"
)
@click.option("--debug", is_flag=True, help="Show Python tracebacks of internal errors.")
def cli(debug: bool) -> None:
    """raci-lint: keep the ownership of ML and data pipelines honest.

    Checks RACI ownership files (raci.yaml) against RACI rules and a taxonomy
    of data disciplines. Run `raci-lint check` in a repository to start.
    """
