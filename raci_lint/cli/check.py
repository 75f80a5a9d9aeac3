"""`raci-lint check`: parse the options, call the engine, render, return the exit code."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from raci_lint.cli.options import (
    COLOR_OPTION,
    UsageError,
    check_selectors,
    fix_options,
    parse_date,
    split_selectors,
)
from raci_lint.cli.output import EXIT_ERROR, EXIT_OK, error_line, errors, say, use_color, write
from raci_lint.engine.discovery import exclusions
from raci_lint.engine.lint import Run, files_to_check, lint, settings_for
from raci_lint.engine.report import Report
from raci_lint.reading.files import os_reason
from raci_lint.reporters import DEFAULT_FORMAT, FORMATS, REPORTERS, RenderOptions, render
from raci_lint.reporters.text import summary
from raci_lint.rules.registry import all_rules
from raci_lint.settings.options import Overrides
from raci_lint.settings.resolver import Settings
from raci_lint.wording import UnusableInput, display_path, neutralize, plural

__all__ = ["CheckRequest", "check", "run_check"]


class CheckRequest:
    """The options of `raci-lint check`, as the command line gave them."""

    # A plain class, not a named tuple: building one of twenty fields at
    # import would cost `check` a noticeable part of its start-up.
    def __init__(
        self,
        *,
        paths: tuple[str, ...] = (),
        output_format: str | None = None,
        select: tuple[str, ...] = (),
        extend_select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        fail_on: str | None = None,
        strict: bool = False,
        exit_zero: bool = False,
        config_path: Path | None = None,
        isolated: bool = False,
        taxonomy_path: Path | None = None,
        repo_root: Path | None = None,
        baseline_path: Path | None = None,
        write_baseline_path: Path | None = None,
        statistics: bool = False,
        today: str | None = None,
        stdin_filename: str | None = None,
        output_path: Path | None = None,
        color: str = "auto",
        quiet: bool = False,
        force_exclude: bool = False,
        exclude: tuple[str, ...] = (),
        extend_exclude: tuple[str, ...] = (),
        show_files: bool = False,
        show_settings: Path | None = None,
        # Fixing (--fix ... --add-suppressions).
        fix: bool = False,
        unsafe_fixes: bool = False,
        diff: bool = False,
        fix_only: bool = False,
        add_suppressions: bool = False,
        new_from_rev: str | None = None,
    ) -> None:
        self.paths = paths
        self.output_format = output_format
        self.select = select
        self.extend_select = extend_select
        self.ignore = ignore
        self.fail_on = fail_on
        self.strict = strict
        self.exit_zero = exit_zero
        self.config_path = config_path
        self.isolated = isolated
        self.taxonomy_path = taxonomy_path
        self.repo_root = repo_root
        self.baseline_path = baseline_path
        self.write_baseline_path = write_baseline_path
        self.statistics = statistics
        self.today = today
        self.stdin_filename = stdin_filename
        self.output_path = output_path
        self.color = color
        self.quiet = quiet
        self.force_exclude = force_exclude
        self.exclude = exclude
        self.extend_exclude = extend_exclude
        self.show_files = show_files
        self.show_settings = show_settings
        self.fixing = {
            "fix": fix,
            "unsafe_fixes": unsafe_fixes,
            "diff": diff,
            "fix_only": fix_only,
            "add_suppressions": add_suppressions,
        }
        self.new_from_rev = new_from_rev


def _format_help() -> str:
    names = [f"{name} (default)" if name == DEFAULT_FORMAT else name for name in FORMATS]
    return (
        f"Output format: {', '.join(names)}. "
        "Also RACI_LINT_FORMAT; github by default under GitHub Actions."
    )


# One type for every option naming a file: click looks up the translation
# of its name each time one is made (start-up time).
_FILE = click.Path(dir_okay=False, path_type=Path)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "-f", "output_format", metavar="FORMAT", help=_format_help())
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
    type=_FILE,
    help="Use this configuration file for every file.",
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option(
    "--taxonomy",
    "taxonomy_path",
    type=_FILE,
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
    type=_FILE,
    help="Report only violations not recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    "write_baseline_path",
    type=_FILE,
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
    type=_FILE,
    help="Write the report to this file instead of stdout.",
)
@COLOR_OPTION
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line.")
@click.option(
    "--exclude",
    multiple=True,
    metavar="PATTERNS",
    help="Skip files and folders matching these globs (relative to the working folder), "
    "instead of the configured `exclude`.",
)
@click.option(
    "--extend-exclude",
    multiple=True,
    metavar="PATTERNS",
    help="Skip these globs (relative to the working folder) as well as the configured ones.",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply the excludes to files named on the command line too (as the pre-commit "
    "hooks do); a named roster, configuration or taxonomy checks the files depending on it.",
)
@click.option("--show-files", is_flag=True, help="List the files the run would check, and exit.")
@click.option(
    "--show-settings",
    metavar="FILE",
    type=_FILE,
    help="Print the settings that apply to FILE, and exit.",
)
@fix_options
@click.option(
    "--new-from-rev",
    metavar="REV",
    help="Report only violations not present at this git revision (matched as the baseline "
    "matches them), to gate new problems without a baseline file.",
)
@click.pass_context
def check(ctx: click.Context, /, **given: Any) -> int:
    """Lint ownership files, or folders searched for them (default: .).

    Use '-' to read one file from stdin.
    """
    retain = bool(getattr(ctx.obj, "retain", False))
    return run_check(CheckRequest(**given), retain=retain)


def _default_format() -> str:
    """RACI_LINT_FORMAT, else `github` inside GitHub Actions, else `full`."""
    configured = os.environ.get("RACI_LINT_FORMAT")
    if configured:
        return configured
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return DEFAULT_FORMAT


def _format_of(request: CheckRequest) -> str:
    name = (request.output_format or _default_format()).lower()
    if name not in REPORTERS:
        raise UsageError(f"unknown format '{name}'; expected one of: {', '.join(FORMATS)}")
    if request.statistics and not REPORTERS[name].for_people and name != "json":
        raise UsageError(
            f"--statistics prints a table for people, or json; it cannot be {name} output"
        )
    return name


def _overrides(request: CheckRequest) -> Overrides:
    selected = split_selectors(request.select) if request.select else None
    extended = split_selectors(request.extend_select)
    ignored = split_selectors(request.ignore)
    for option, values in (
        ("--select", selected or []),
        ("--extend-select", extended),
        ("--ignore", ignored),
    ):
        check_selectors(option, values)
    fail_on = request.fail_on
    return Overrides(
        select=selected,
        extend_select=extended,
        ignore=ignored,
        taxonomy=request.taxonomy_path,
        fail_on="warning" if request.strict and not fail_on else fail_on,
        config=request.config_path,
        isolated=request.isolated,
        today=parse_date(request.today),
        repo_root=request.repo_root,
        **_exclude_overrides(request),
    )


def _exclude_overrides(request: CheckRequest) -> dict[str, Any]:
    """--exclude, --extend-exclude and --force-exclude, as overrides."""
    return {
        "exclude": _split_patterns(request.exclude) if request.exclude else None,
        "extend_exclude": _split_patterns(request.extend_exclude),
        "force_exclude": request.force_exclude,
    }


def _split_patterns(values: tuple[str, ...]) -> list[str]:
    """Patterns may be repeated and comma-separated: --exclude a/**,b --exclude c."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def run_check(request: CheckRequest, *, retain: bool = False) -> int:
    """`raci-lint check` with these options; returns the exit code."""
    name = _format_of(request)
    overrides = _overrides(request)
    fixing = _fixing_of(request)
    if request.show_files or request.show_settings is not None:
        return _show(request, overrides)
    try:
        settings = settings_for(overrides)
    except UnusableInput as error:
        return errors(error.messages)

    def run_lint() -> Report:
        report = lint(
            request.paths or ["."],
            settings,
            stdin_filename=request.stdin_filename,
            baseline=request.baseline_path,
            retain=retain,
        )
        if request.new_from_rev is not None:
            # Imported here: few runs compare with a revision (start-up time).
            from raci_lint.engine.revision import new_since

            new_since(report, request.new_from_rev, settings, request.repo_root)
        return report

    try:
        report = run_lint()
    except UnusableInput as error:
        return errors(error.messages)
    for message in report.errors:
        error_line(message)
    for message in report.notes:  # a source file a reader could not read
        say(f"raci-lint: warning: {message}", err=True)
    if request.repo_root is not None:
        # The machine formats name files relative to it (else the git top level).
        report.root = os.fspath(request.repo_root)
    _warn_when_nothing_checked(request, report)
    for target in (request.write_baseline_path, request.output_path):
        if target is not None and _one_of(target, report.files):
            error_line(
                f"{target} is one of the files checked: refusing to write over it "
                "(name another file)"
            )
            return EXIT_ERROR
        if target is not None and _one_of(target, report.inputs):
            error_line(
                f"{target} is a roster, configuration or taxonomy this run reads: refusing "
                "to write over it (name another file)"
            )
            return EXIT_ERROR
    fix_failed = False
    if fixing:
        # Imported here: most runs fix nothing (start-up time).
        from raci_lint.cli.fixing import FixRequest, run_fixes

        try:
            done, report = run_fixes(
                FixRequest(**fixing), list(request.paths or ["."]), settings, report, run_lint
            )
        except UnusableInput as error:
            return errors(error.messages)
        if done.exit_code is not None:
            return done.exit_code
        fix_failed = done.failed
    if request.write_baseline_path is not None:
        return _write_baseline(request.write_baseline_path, report)
    painted = (
        REPORTERS[name].for_people and request.output_path is None and use_color(request.color)
    )
    if request.statistics:
        text = _statistics_json(report) if name == "json" else _statistics(report)
    else:
        text = render(report, name, RenderOptions(color=painted, quiet=request.quiet))
    if request.output_path is None:
        write(text)
    else:
        # Imported here: most runs print their report (start-up time).
        from raci_lint.writing import write_atomic

        try:
            write_atomic(request.output_path, text)
        except OSError as error:
            error_line(f"{request.output_path}: cannot write the report: {os_reason(error)}")
            return EXIT_ERROR
    code = report.exit_code()
    if fix_failed:
        return EXIT_ERROR
    return EXIT_OK if request.exit_zero and code == 1 else code


def _fixing_of(request: CheckRequest) -> dict[str, bool] | None:
    """The fixing options given, or None; a usage error for what cannot be fixed."""
    given = request.fixing
    if not any(given[name] for name in ("fix", "diff", "fix_only", "add_suppressions")):
        return None
    named = [name for name in ("fix", "diff", "fix_only", "add_suppressions") if given[name]]
    if given["diff"] and len(named) > 1:
        raise UsageError(
            "--diff changes nothing; it cannot go with --fix, --fix-only or --add-suppressions"
        )
    if "-" in request.paths:
        if given["diff"]:
            raise UsageError(
                "--diff compares the files it would fix, read again from disk: "
                "name the file instead of '-' (stdin)"
            )
        raise UsageError("fixes are written to files: name the file instead of '-' (stdin)")
    if request.write_baseline_path is not None or request.show_files:
        raise UsageError("--write-baseline and --show-files cannot go with fixing options")
    return given


def _warn_when_nothing_checked(request: CheckRequest, report: Report) -> None:
    """A run that checked no file says so on stderr (a misnamed file would pass); exit 0."""
    if report.files or report.errors:
        return
    where = ", ".join(request.paths or ["."])
    write(f"raci-lint: warning: no ownership files found under {neutralize(where)}\n", err=True)


def _show(request: CheckRequest, overrides: Overrides) -> int:
    """--show-files and --show-settings: what a run would do, without doing it."""
    try:
        if request.show_settings is not None:
            write(_settings_text(request.show_settings, settings_for(overrides)))
            return EXIT_OK
        found, problems = files_to_check(request.paths or ["."], settings_for(overrides))
    except UnusableInput as error:
        return errors(error.messages)
    for message in problems:
        error_line(message)
    for path in found:
        say(path if isinstance(path, str) else display_path(path))
    return EXIT_ERROR if problems else EXIT_OK


def _settings_text(file: Path, settings: Settings) -> str:
    """The settings of one file, one `key: value` line each (as ruff's --show-settings)."""
    config = settings.config_for(file)
    options = settings.options_for(file)
    taxonomy = settings.overrides.taxonomy or config.taxonomy
    enabled = Run().enabled(options)
    codes = [rule.code for rule in all_rules() if rule.code in enabled]
    excludes = [
        f"{pattern} (relative to {display_path(folder) or '.'})"
        for patterns, folder in exclusions(options)
        for pattern in patterns
    ]
    lines = [
        f"file: {display_path(file)}",
        f"configuration: {display_path(config.path) if config.path else '(none)'}",
        f"taxonomy: {display_path(taxonomy) if taxonomy else '(default)'}",
        f"selection: {', '.join(codes)}",
        f"fail-on: {options.fail_on}",
        f"files: {', '.join(options.files)}",
        f"exclude: {', '.join(excludes) if excludes else '(none)'}",
        f"sources: {', '.join(options.sources) if options.sources else '(none)'}",
        *(
            f"limits.{field.replace('_', '-')}: {value}"
            for field, value in options.limits._asdict().items()
        ),
    ]
    return "".join(f"{neutralize(line)}\n" for line in lines)


def _write_baseline(path: Path, report: Report) -> int:
    """--write-baseline: record everything found, also what --baseline held back."""
    # Imported here: few runs write a baseline (start-up time).
    from raci_lint.engine.baseline import write_baseline

    try:
        count = write_baseline(path, report.found)
    except OSError as error:
        error_line(f"{path}: cannot write the baseline: {os_reason(error)}")
        return EXIT_ERROR
    say(f"Wrote {plural(count, 'violation')} to {path}.")
    return EXIT_ERROR if report.errors else EXIT_OK


def _one_of(target: Path, paths: Iterable[str]) -> bool:
    """True when ``target`` is (a link to) one of ``paths``."""
    try:
        real = os.path.realpath(target)
        return any(os.path.realpath(path) == real for path in paths)
    except (OSError, ValueError):
        return False


def _counted(report: Report) -> list[tuple[tuple[str, str, str], int]]:
    """(code, name, severity) and how many, most frequent first, then by code."""
    counts = Counter((v.code, v.name, v.severity) for v in report.violations)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _statistics_json(report: Report) -> str:
    """--statistics --format json: one object per code, in the order of the table."""
    # Imported here: only this output needs it (start-up time).
    import json

    rows = [
        {"code": code, "name": rule, "severity": severity, "count": count}
        for (code, rule, severity), count in _counted(report)
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def _statistics(report: Report) -> str:
    """One line per code: how many, the code, its name and severity (like ruff)."""
    lines = [
        f"{count:>5}  {code:<8} [{severity}] {rule}"
        for (code, rule, severity), count in _counted(report)
    ]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
