"""The click commands. Each one parses its options, calls the core, prints."""

from __future__ import annotations

import os
from collections.abc import Iterable

import click

from raci_lint import __version__
from raci_lint.cli import EXIT_ERROR, EXIT_OK, _write, error_line


def _split(values: Iterable[str]) -> list[str]:
    """Selectors may be repeated and comma-separated: --select RACI,REF --select TAX."""
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


class UsageError(click.UsageError):
    """A usage error printed as one line, with exit code 2."""

    def show(self, file: object = None) -> None:
        error_line(self.format_message())


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(
    __version__, "--version", prog_name="raci-lint", message="%(prog)s %(version)s"
)
@click.option("--debug", is_flag=True, help="Show Python tracebacks of internal errors.")
def cli(debug: bool) -> None:
    """raci-lint: keep the ownership of ML and data pipelines honest.

    Checks RACI ownership files (raci.yaml) against RACI rules and a taxonomy
    of data disciplines. Run `raci-lint check` in a repository to start.
    """


def _check_selectors(option: str, selectors: list[str]) -> None:
    from raci_lint.rules import all_rules, is_known_selector
    from raci_lint.schema import did_you_mean

    for selector in selectors:
        if not is_known_selector(selector):
            match = did_you_mean(selector, [r.code for r in all_rules()])
            hint = f"; did you mean '{match}'?" if match else "; see `raci-lint rules`"
            raise UsageError(f"unknown rule code or prefix '{selector}' in {option}{hint}")


def _default_format() -> str:
    configured = os.environ.get("RACI_LINT_FORMAT")
    if configured:
        return configured
    return "full"


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, path_type=str))
@click.option(
    "--format",
    "-f",
    "output_format",
    metavar="FORMAT",
    help="Output format: full (default), concise, json. Also RACI_LINT_FORMAT.",
)
@click.option(
    "--select", multiple=True, metavar="CODES", help="Only these codes or prefixes (or ALL)."
)
@click.option(
    "--extend-select",
    multiple=True,
    metavar="CODES",
    help="Add codes to the selection (opt-in rules too).",
)
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes.")
@click.option(
    "--stdin-filename", metavar="PATH", help="The name of the file read from stdin with '-'."
)
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line.")
def check(
    paths: tuple[str, ...],
    output_format: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    stdin_filename: str | None,
    quiet: bool,
) -> int:
    """Lint ownership files, or folders searched for them (default: .).

    Use '-' to read one file from stdin.
    """
    from raci_lint.linter import LintOptions, lint_paths
    from raci_lint.reporters import FORMATS, RenderOptions, render

    name = (output_format or _default_format()).lower()
    if name not in FORMATS:
        raise UsageError(f"unknown format '{name}'; expected one of: {', '.join(FORMATS)}")
    selected = _split(select) if select else None
    extended = _split(extend_select)
    ignored = _split(ignore)
    for option, values in (
        ("--select", selected or []),
        ("--extend-select", extended),
        ("--ignore", ignored),
    ):
        _check_selectors(option, values)
    options = LintOptions(select=selected, extend_select=extended, ignore=ignored)
    report = lint_paths(paths or ["."], options, stdin_filename=stdin_filename)
    for message in report.errors:
        error_line(message)
    _write(render(report, name, RenderOptions(quiet=quiet)))
    return report.exit_code()


@cli.command("rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
def rules_command(output_format: str) -> int:
    """List every rule: code, name, severity, on by default."""
    from raci_lint.rules import all_rules

    rules = all_rules()
    if output_format == "json":
        import json

        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity,
                "default": not r.opt_in,
                "summary": r.summary,
                "options": r.options,
            }
            for r in rules
        ]
        _write(json.dumps(data, indent=2) + "\n")
        return EXIT_OK
    width = max(len(r.name) for r in rules)
    lines = [
        f"{r.code:<8} {r.name:<{width}}  {r.severity:<7}  {'opt-in' if r.opt_in else 'on    '}  {r.summary}"
        for r in rules
    ]
    _write("\n".join(lines) + "\n")
    return EXIT_OK


@cli.command("rule")
@click.argument("code")
def rule_command(code: str) -> int:
    """Explain one rule, with a bad and a good example."""
    from raci_lint.rules import all_rules, get_rule
    from raci_lint.schema import did_you_mean

    found = get_rule(code)
    if found is None:
        by_name = {r.name: r for r in all_rules()}
        found = by_name.get(code.lower())
    if found is None:
        match = did_you_mean(code.upper(), [r.code for r in all_rules()])
        hint = f"; did you mean '{match}'?" if match else "; `raci-lint rules` lists them"
        error_line(f"unknown rule '{code}'{hint}")
        return EXIT_ERROR
    _write(found.explain())
    return EXIT_OK


@cli.command("schema")
def schema_command() -> int:
    """Print the JSON Schema of ownership files."""
    from raci_lint.schema import schema_path

    _write(schema_path("raci.schema.json").read_text(encoding="utf-8"))
    return EXIT_OK


@cli.command("taxonomy")
@click.option(
    "--taxonomy",
    "taxonomy_path",
    metavar="PATH",
    help="A custom taxonomy file (default: the built-in taxonomy).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["yaml", "json"]),
    default="yaml",
    show_default=True,
)
def taxonomy_command(taxonomy_path: str | None, output_format: str) -> int:
    """Print the effective taxonomy of data disciplines."""
    from pathlib import Path

    from raci_lint.taxonomy import TaxonomyError, default_taxonomy, load_taxonomy

    if taxonomy_path is None:
        taxonomy = default_taxonomy()
    else:
        try:
            taxonomy = load_taxonomy(Path(taxonomy_path), display=taxonomy_path)
        except TaxonomyError as error:
            for message in error.messages:
                error_line(message)
            return EXIT_ERROR
    data = taxonomy.to_data()
    if output_format == "json":
        import json

        _write(json.dumps(data, indent=2) + "\n")
    else:
        import yaml

        _write(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))
    return EXIT_OK
