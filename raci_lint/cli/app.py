"""The click commands. Each one parses its options, calls the core, prints."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from raci_lint import __version__
from raci_lint.cli import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS, _write, error_line

if TYPE_CHECKING:
    import datetime

    from raci_lint.engine.lint import Report


def _split(values: Iterable[str]) -> list[str]:
    """Selectors may be repeated and comma-separated: --select RACI,REF --select TAX."""
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


class UsageError(click.UsageError):
    """A usage error of ours: its message already says what to do."""

    explains_itself = True


class LazyGroup(click.Group):
    """A group whose heavier commands are imported only when they run."""

    LAZY = {  # noqa: RUF012 - a constant table
        "import": "raci_lint.cli.importing:import_command",
        "matrix": "raci_lint.cli.matrix:matrix_command",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self.LAZY.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        import importlib

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


def _check_selectors(option: str, selectors: list[str]) -> None:
    from raci_lint.rules import all_rules, is_known_selector
    from raci_lint.wording import did_you_mean

    for selector in selectors:
        if not is_known_selector(selector):
            match = did_you_mean(selector, [r.code for r in all_rules()])
            hint = f"; did you mean '{match}'?" if match else "; see `raci-lint rules`"
            raise UsageError(f"unknown rule code or prefix '{selector}' in {option}{hint}")


def _default_format() -> str:
    """RACI_LINT_FORMAT, else `github` inside GitHub Actions, else `full`."""
    configured = os.environ.get("RACI_LINT_FORMAT")
    if configured:
        return configured
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "full"


def use_color(choice: str, stream: IO[str] | None = None) -> bool:
    """Whether to colour: `always`, `never`, or (auto) a terminal without NO_COLOR."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    target = stream if stream is not None else sys.stdout
    return bool(getattr(target, "isatty", lambda: False)())


COLOR_OPTION = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the terminal formats; auto colours a terminal unless NO_COLOR is set.",
)


def _date(value: str | None) -> datetime.date | None:
    if value is None:
        return None
    try:
        import datetime

        return datetime.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--today {value} is not a date; write YYYY-MM-DD") from None


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, path_type=str))
@click.option(
    "--format",
    "-f",
    "output_format",
    metavar="FORMAT",
    help=(
        "Output format: full (default), concise, json, sarif, github, gitlab, junit. "
        "Also RACI_LINT_FORMAT; github by default under GitHub Actions."
    ),
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
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    help="Lowest severity that fails the run (default: error).",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too (= --fail-on warning).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when violations are found.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this configuration file for every file.",
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option(
    "--taxonomy",
    "taxonomy_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this taxonomy file.",
)
@click.option(
    "--repo-root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The repository's root (default: the git top level, else the file's folder).",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Report only violations not recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    "write_baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record today's violations in this baseline file.",
)
@click.option(
    "--statistics", is_flag=True, help="Count violations per code instead of listing them."
)
@click.option(
    "--today", metavar="YYYY-MM-DD", help="The date `until=` suppressions are checked against."
)
@click.option(
    "--stdin-filename", metavar="PATH", help="The name of the file read from stdin with '-'."
)
@click.option(
    "--output",
    "-o",
    "output_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of stdout.",
)
@COLOR_OPTION
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line.")
def check(
    paths: tuple[str, ...],
    output_format: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    strict: bool,
    exit_zero: bool,
    config_path: Path | None,
    isolated: bool,
    taxonomy_path: Path | None,
    repo_root: Path | None,
    baseline_path: Path | None,
    write_baseline_path: Path | None,
    statistics: bool,
    today: str | None,
    stdin_filename: str | None,
    output_path: Path | None,
    color: str,
    quiet: bool,
) -> int:
    """Lint ownership files, or folders searched for them (default: .).

    Use '-' to read one file from stdin.
    """
    from raci_lint.engine.lint import Overrides, Settings, lint_paths
    from raci_lint.reporters import FORMATS, RenderOptions, render
    from raci_lint.settings.config import ConfigError
    from raci_lint.taxonomy.disciplines import TaxonomyError

    name = (output_format or _default_format()).lower()
    if name not in FORMATS:
        raise UsageError(f"unknown format '{name}'; expected one of: {', '.join(FORMATS)}")
    if statistics and name not in ("full", "concise"):
        raise UsageError(f"--statistics prints a table for people; it cannot be {name} output")
    selected = _split(select) if select else None
    extended = _split(extend_select)
    ignored = _split(ignore)
    for option, values in (
        ("--select", selected or []),
        ("--extend-select", extended),
        ("--ignore", ignored),
    ):
        _check_selectors(option, values)
    overrides = Overrides(
        select=selected,
        extend_select=extended,
        ignore=ignored,
        taxonomy=taxonomy_path,
        fail_on="warning" if strict and not fail_on else fail_on,
        config=config_path,
        isolated=isolated,
        today=_date(today),
        repo_root=repo_root,
    )
    try:
        report = lint_paths(paths or ["."], Settings(overrides), stdin_filename=stdin_filename)
    except (ConfigError, TaxonomyError) as error:
        for message in error.messages:
            error_line(message)
        return EXIT_ERROR
    # --write-baseline records everything found, also what --baseline holds back.
    found = report.violations
    if baseline_path is not None:
        from raci_lint.engine.baseline import BaselineError, apply_baseline, read_baseline

        try:
            result = apply_baseline(found, read_baseline(baseline_path))
        except BaselineError as error:
            error_line(str(error))
            return EXIT_ERROR
        report.violations = result.violations
        report.baseline = result
    for message in report.errors:
        error_line(message)
    for target in (write_baseline_path, output_path):
        if target is not None and _is_checked(target, report):
            error_line(
                f"{target} is one of the files checked: refusing to write over it "
                "(name another file)"
            )
            return EXIT_ERROR
    if write_baseline_path is not None:
        from raci_lint.engine.baseline import write_baseline
        from raci_lint.reading.files import os_reason
        from raci_lint.wording import plural

        try:
            count = write_baseline(write_baseline_path, found)
        except OSError as error:
            error_line(f"{write_baseline_path}: cannot write the baseline: {os_reason(error)}")
            return EXIT_ERROR
        _write(f"Wrote {plural(count, 'violation')} to {write_baseline_path}.\n")
        return EXIT_ERROR if report.errors else EXIT_OK
    painted = name in ("full", "concise") and output_path is None and use_color(color)
    if statistics:
        text = _statistics(report)
    else:
        text = render(report, name, RenderOptions(color=painted, quiet=quiet))
    if output_path is None:
        _write(text)
    else:
        from raci_lint.reading.files import os_reason
        from raci_lint.writing import write_atomic

        try:
            write_atomic(output_path, text)
        except OSError as error:
            error_line(f"{output_path}: cannot write the report: {os_reason(error)}")
            return EXIT_ERROR
    code = report.exit_code()
    return EXIT_OK if exit_zero and code == 1 else code


def _is_checked(target: Path, report: Report) -> bool:
    """True when ``target`` is (a link to) one of the files the report checked."""
    try:
        real = os.path.realpath(target)
        return any(os.path.realpath(path) == real for path in report.files)
    except (OSError, ValueError):
        return False


def _statistics(report: Report) -> str:
    """One line per code: how many, the code, its name and severity (like ruff)."""
    from collections import Counter

    from raci_lint.reporters.text import summary

    counts = Counter((v.code, v.name, v.severity) for v in report.violations)
    lines = [
        f"{count:>5}  {code:<8} [{severity}] {rule}"
        for (code, rule, severity), count in sorted(counts.items(), key=lambda i: (-i[1], i[0]))
    ]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


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
    from raci_lint.wording import did_you_mean

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
    from raci_lint.schema.validator import schema_path

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
    """Print the effective taxonomy of data disciplines.

    Without --taxonomy, the one the configuration of the current folder names,
    else the built-in taxonomy.
    """
    from raci_lint.engine.lint import Overrides, Settings
    from raci_lint.settings.config import ConfigError
    from raci_lint.taxonomy.disciplines import TaxonomyError

    overrides = Overrides(taxonomy=Path(taxonomy_path) if taxonomy_path else None)
    try:
        taxonomy = Settings(overrides).options_for(Path("raci.yaml")).taxonomy
    except (ConfigError, TaxonomyError) as error:
        for message in error.messages:
            error_line(message)
        return EXIT_ERROR
    assert taxonomy is not None
    data = taxonomy.to_data()
    if output_format == "json":
        import json

        _write(json.dumps(data, indent=2) + "\n")
    else:
        import yaml

        _write(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))
    return EXIT_OK


@cli.command("codeowners")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--check",
    "check_path",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[PATH]",
    help="Exit 1 with a diff when the raci-lint block of this CODEOWNERS file is stale.",
)
@click.option(
    "--write",
    "write_path",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[PATH]",
    help="Replace the raci-lint block of this CODEOWNERS file (added when absent).",
)
@click.option(
    "--repo-root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The repository's root (default: the git top level, else the current folder).",
)
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
def codeowners_command(
    files: tuple[Path, ...],
    check_path: str | None,
    write_path: str | None,
    repo_root: Path | None,
    config_path: Path | None,
    isolated: bool,
) -> int:
    """Generate CODEOWNERS lines from the components' paths and R/A owners.

    FILES default to the ownership files found under the current folder.
    Without --check or --write, print the block. PATH defaults to the
    configuration's `codeowners`, else the first of .github/CODEOWNERS,
    CODEOWNERS, docs/CODEOWNERS that exists.
    """
    from raci_lint.adapters.codeowners import (
        current_block,
        default_codeowners_path,
        generate,
        load_models,
        ownership_files,
        replace_block,
        unified_diff,
    )
    from raci_lint.engine.lint import Overrides, Settings
    from raci_lint.reading.files import os_reason
    from raci_lint.reading.repository import repository_root
    from raci_lint.settings.config import ConfigError
    from raci_lint.taxonomy.disciplines import TaxonomyError
    from raci_lint.wording import display_path
    from raci_lint.writing import write_atomic

    if check_path is not None and write_path is not None:
        raise UsageError("--check and --write cannot be used together")
    settings = Settings(Overrides(config=config_path, isolated=isolated, repo_root=repo_root))
    try:
        paths = list(files) or ownership_files(Path(), settings)
        models, problems = load_models(paths, settings)
        configured = settings.config_for(Path("raci.yaml")).codeowners
    except (ConfigError, TaxonomyError) as error:
        for message in error.messages:
            error_line(message)
        return EXIT_ERROR
    for problem in problems:
        error_line(problem)
    if problems:
        return EXIT_ERROR
    generated = generate(models)
    for skipped in generated.skipped:
        _write(f"raci-lint: warning: {skipped}\n", err=True)
    if check_path is None and write_path is None:
        _write(generated.block)
        return EXIT_OK
    root = repo_root or repository_root(Path()) or Path()
    chosen = check_path if check_path is not None else write_path
    target = Path(chosen) if chosen else default_codeowners_path(root, configured)
    shown = display_path(target)
    from raci_lint.reading.files import MISSING, Unreadable, read_bytes, why_unreadable

    try:
        missing = why_unreadable(target) == MISSING
        text = "" if missing else read_bytes(target).decode("utf-8")
    except Unreadable as error:
        error_line(f"{shown}: cannot read: {error.reason}")
        return EXIT_ERROR
    except UnicodeDecodeError as error:
        error_line(f"{shown}: cannot read: {error}")
        return EXIT_ERROR
    if check_path is not None:
        current = current_block(text)
        if current == generated.block:
            _write(f"{shown} is up to date.\n")
            return EXIT_OK
        if missing:
            _write(f"{shown} does not exist; create it with `raci-lint codeowners --write`.\n")
        else:
            _write(unified_diff(shown, current or "", generated.block))
            _write(f"{shown} is out of date; run `raci-lint codeowners --write`.\n")
        return EXIT_VIOLATIONS
    updated = replace_block(text, generated.block)
    if updated == text:
        _write(f"{shown} is up to date.\n")
        return EXIT_OK
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, updated)
    except OSError as error:
        error_line(f"{shown}: cannot write: {os_reason(error)}")
        return EXIT_ERROR
    _write(f"Updated {shown}.\n")
    return EXIT_OK


@cli.command("init")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def init_command(path: Path | None) -> int:
    """Write a commented starter raci.yaml (never overwrites).

    PATH is a file, or a folder to write raci.yaml in (default: the current folder).
    """
    from raci_lint.reading.files import os_reason
    from raci_lint.wording import display_path
    from raci_lint.writing import write_atomic

    target = path if path is not None else Path("raci.yaml")
    if target.is_dir():
        target = target / "raci.yaml"
    shown = display_path(target)
    if target.exists() or target.is_symlink():
        error_line(f"{shown} already exists; raci-lint init never overwrites a file")
        return EXIT_ERROR
    starter = (Path(__file__).parents[1] / "data" / "starter-raci.yaml").read_text(encoding="utf-8")
    try:
        write_atomic(target, starter)
    except OSError as error:
        error_line(f"{shown}: cannot write: {os_reason(error)}")
        return EXIT_ERROR
    _write(f"Wrote {shown}. Edit it, then run `raci-lint check {shown}`.\n")
    return EXIT_OK
