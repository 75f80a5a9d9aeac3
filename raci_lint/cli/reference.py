"""The commands that explain: `rules`, `rule CODE`, `schema`, `taxonomy`."""

from __future__ import annotations

import json
from pathlib import Path

import click
import yaml

from raci_lint.cli.output import EXIT_ERROR, EXIT_OK, error_line, errors, write
from raci_lint.engine.lint import settings_for
from raci_lint.rules.registry import all_rules, get_rule
from raci_lint.schema.validator import schema_path
from raci_lint.settings.config import ConfigError
from raci_lint.settings.options import Overrides
from raci_lint.taxonomy.explain import explain_by_focus_area
from raci_lint.taxonomy.files import TaxonomyError
from raci_lint.wording import did_you_mean

__all__ = ["rule_command", "rules_command", "schema_command", "taxonomy_command"]


@click.command("rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
def rules_command(output_format: str) -> int:
    """List every rule: code, name, severity, on by default."""
    rules = all_rules()
    if output_format == "json":
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
        write(json.dumps(data, indent=2) + "\n")
        return EXIT_OK
    width = max(len(r.name) for r in rules)
    lines = [
        f"{r.code:<8} {r.name:<{width}}  {r.severity:<7}  {'opt-in' if r.opt_in else 'on    '}  {r.summary}"
        for r in rules
    ]
    write("\n".join(lines) + "\n")
    return EXIT_OK


@click.command("rule")
@click.argument("code")
def rule_command(code: str) -> int:
    """Explain one rule, with a bad and a good example."""
    found = get_rule(code)
    if found is None:
        by_name = {r.name: r for r in all_rules()}
        found = by_name.get(code.lower())
    if found is None:
        match = did_you_mean(code.upper(), [r.code for r in all_rules()])
        hint = f"; did you mean '{match}'?" if match else "; `raci-lint rules` lists them"
        error_line(f"unknown rule '{code}'{hint}")
        return EXIT_ERROR
    write(found.explain())
    return EXIT_OK


# The published schemas, by the name `raci-lint schema NAME` takes.
SCHEMAS = {
    "ownership": "raci.schema.json",
    "roster": "roster.schema.json",
    "config": "config.schema.json",
    "taxonomy": "taxonomy.schema.json",
}


@click.command("schema")
@click.argument("name", type=click.Choice(list(SCHEMAS)), default="ownership", required=False)
def schema_command(name: str) -> int:
    """Print a published JSON Schema: of ownership files (the default), of
    included rosters, of configuration files or of custom taxonomy files.
    """
    write(schema_path(SCHEMAS[name]).read_text(encoding="utf-8"))
    return EXIT_OK


@click.command("taxonomy")
@click.option(
    "--taxonomy",
    "taxonomy_path",
    metavar="PATH",
    help="A custom taxonomy file (default: the built-in taxonomy).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["yaml", "json", "text"]),
    default="yaml",
    show_default=True,
    help="yaml and json print the taxonomy as a taxonomy file; text explains it by "
    "focus area: the requirements resting on each, and the sentence each comes from.",
)
def taxonomy_command(taxonomy_path: str | None, output_format: str) -> int:
    """Print the effective taxonomy of data disciplines.

    Without --taxonomy, the one the configuration of the current folder names,
    else the built-in taxonomy.
    """
    overrides = Overrides(taxonomy=Path(taxonomy_path) if taxonomy_path else None)
    try:
        taxonomy = settings_for(overrides).options_for(Path("raci.yaml")).taxonomy
    except (ConfigError, TaxonomyError) as error:
        return errors(error.messages)
    assert taxonomy is not None
    if output_format == "text":
        write(explain_by_focus_area(taxonomy))
        return EXIT_OK
    data = taxonomy.to_data()
    if output_format == "json":
        write(json.dumps(data, indent=2) + "\n")
    else:
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        if not all(line.isprintable() for line in text.rstrip("\n").split("\n")):
            # A custom taxonomy's text holds controls, bidi or zero-width
            # characters: YAML writes every non-ASCII character as an escape.
            text = yaml.safe_dump(data, sort_keys=False, allow_unicode=False, width=100)
        write(text)
    return EXIT_OK
