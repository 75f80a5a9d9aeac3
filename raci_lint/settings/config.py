"""Configuration: discovery of ``.raci-lint.yaml`` / ``pyproject.toml``, validation, merge.

For each checked file the nearest configuration at or above its folder
applies, stopping at the repository root. Paths in a configuration are
relative to its folder. Command-line options override it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence as Listed
from functools import lru_cache
from pathlib import Path
from typing import Any

from raci_lint.reading.files import LEAVES_ROOT, Unreadable, inside, over_limit, read_bytes
from raci_lint.reading.loader import (
    IMPLICIT,
    Limits,
    Mapping,
    Node,
    Scalar,
    Sequence,
    holding,
    load,
    span,
)
from raci_lint.reading.repository import repository_root
from raci_lint.schema.scalars import scalar_type
from raci_lint.schema.validator import (
    SchemaError,
    Validator,
    describe_value,
    error_node,
    expected_types,
)
from raci_lint.settings.options import SOURCES, KnownRule, is_known_selector
from raci_lint.violations import SEVERITIES
from raci_lint.wording import UnusableInput, did_you_mean, display_path, excerpt, plural

__all__ = [
    "CONFIG_FILES",
    "Config",
    "ConfigError",
    "config_schema",
    "find_config",
    "load_config",
]

CONFIG_FILES = (".raci-lint.yaml", ".raci-lint.yml", "pyproject.toml")
_SEVERITIES = [*SEVERITIES, "off"]
# The most each limit may be raised to: beyond, a limit protects nothing and
# only numbers too large for the machine remain (a depth beyond 1000 is more
# than libyaml itself reads).
_LIMIT_MAXIMA = {
    "max-file-size": 2**40,
    "max-depth": 1000,
    "max-aliases": 10**9,
    "max-alias-expansion": 10**12,
}
# A configuration file is read before any configuration applies: its own
# limits are the defaults, whatever it says.
_LIMITS = Limits()
_LIMIT_KEYS = {
    "max-file-size": "max_file_size",
    "max-depth": "max_depth",
    "max-aliases": "max_aliases",
    "max-alias-expansion": "max_alias_expansion",
}


class ConfigError(UnusableInput):
    """A configuration that cannot be used; each message is one line for the user."""


class Config:
    """One configuration file, validated. ``folder`` anchors its relative paths."""

    def __init__(self, path: Path | None = None, folder: Path | None = None) -> None:
        self.path = path
        self.folder = folder if folder is not None else Path.cwd()
        self.select: list[str] | None = None
        self.extend_select: list[str] = []
        self.ignore: list[str] = []
        self.per_file_ignores: dict[str, list[str]] = {}
        self.severities: dict[str, str] = {}
        self.rule_options: dict[str, dict[str, Any]] = {}
        self.taxonomy: Path | None = None
        self.files: list[str] | None = None
        self.exclude: list[str] = []
        self.owned_roots: list[str] = []
        self.codeowners: Path | None = None
        self.sources: dict[str, dict[str, str]] = {}
        self.fail_on: str | None = None
        self.limits = Limits()

    def ignored_for(self, file: Path) -> set[str]:
        """The selectors ``per-file-ignores`` gives this file."""
        try:
            relative = Path(
                os.path.relpath(os.path.abspath(file), os.path.abspath(self.folder))
            ).as_posix()
        except ValueError:  # another drive on Windows
            return set()
        found: set[str] = set()
        for pattern, codes in self.per_file_ignores.items():
            if glob_matches(pattern, relative):
                found.update(codes)
        return found


def _selector_pattern() -> str:
    return "^(ALL|[A-Z]+[0-9]*)$"


def config_schema(known: Listed[KnownRule]) -> dict[str, Any]:
    """The JSON Schema of the configuration, with one entry per rule's options."""
    codes = {"type": "array", "items": {"type": "string", "pattern": _selector_pattern()}}
    rules: dict[str, Any] = {}
    for rule in known:
        properties: dict[str, Any] = {"severity": {"enum": _SEVERITIES}}
        for option, default in rule.options.items():
            kind = "integer" if isinstance(default, int) else "string"
            properties[option] = (
                {"type": kind, "minimum": 0, "maximum": 1_000_000}
                if kind == "integer"
                else {"type": kind}
            )
        rules[rule.code] = {
            "description": f"{rule.name}: {rule.summary}",
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
    paths = {"type": "array", "items": {"type": "string"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://raw.githubusercontent.com/raci-lint/raci-lint/main/schemas/config.schema.json",
        "title": "raci-lint configuration",
        "description": (
            "The configuration of raci-lint: .raci-lint.yaml, or [tool.raci-lint] in "
            "pyproject.toml. Paths are relative to the configuration's folder."
        ),
        "type": "object",
        "properties": {
            "select": {**codes, "description": "Only these codes or prefixes (or ALL)."},
            "extend-select": {**codes, "description": "Codes added to the selection."},
            "ignore": {**codes, "description": "Codes or prefixes never reported."},
            "per-file-ignores": {
                "description": "Glob (relative to this folder) -> codes ignored in matching files.",
                "type": "object",
                "additionalProperties": codes,
            },
            "rules": {
                "description": "Code -> severity (error, warning, info, off) and options.",
                "type": "object",
                "properties": rules,
                "additionalProperties": False,
            },
            "taxonomy": {"type": "string", "description": "Path of a custom taxonomy file."},
            "files": {**paths, "description": "File name patterns that discovery looks for."},
            "exclude": {**paths, "description": "Globs of files and folders discovery skips."},
            "owned-roots": {**paths, "description": "Folders whose every file should be owned."},
            "codeowners": {"type": "string", "description": "Path of the CODEOWNERS file."},
            "sources": {
                "description": (
                    "The tools whose declared owners the SRC rules compare with the ownership "
                    "files (naming one turns the SRC rules on), each with its aliases: an "
                    "owner as the tool writes it -> a person or team id."
                ),
                "type": "object",
                "properties": {
                    name: {
                        "type": ["object", "null"],
                        "properties": {
                            "aliases": {
                                "type": "object",
                                "additionalProperties": {"type": "string"},
                            }
                        },
                        "additionalProperties": False,
                    }
                    for name in SOURCES
                },
                "additionalProperties": False,
            },
            "fail-on": {"enum": ["error", "warning", "info"]},
            "limits": {
                "type": "object",
                "properties": {
                    name: {"type": "integer", "minimum": 1, "maximum": _LIMIT_MAXIMA[name]}
                    for name in _LIMIT_KEYS
                },
                "additionalProperties": False,
            },
        },
        "additionalProperties": False,
    }


_VALIDATORS: dict[tuple[str, ...], Validator] = {}


def _validator(known: Listed[KnownRule]) -> Validator:
    """The validator of configurations, compiled once per set of rules."""
    key = tuple(rule.code for rule in known)
    if key not in _VALIDATORS:
        _VALIDATORS[key] = Validator(config_schema(known))
    return _VALIDATORS[key]


def glob_matches(pattern: str, relative: str) -> bool:
    """Match a posix relative path against a glob: ``*``, ``?``, ``**``.

    A pattern without ``/`` matches the file's name in any folder; a pattern
    naming a folder matches everything under it.
    """
    if "/" not in pattern.rstrip("/"):
        names = relative.split("/")
        tokens = _glob_tokens(pattern.rstrip("/"))
        return any(_glob_fullmatch(tokens, name) for name in names)
    pattern = pattern.lstrip("/")
    tokens = _glob_tokens(pattern.rstrip("/"))
    parts = relative.split("/")
    return any(_glob_fullmatch(tokens, "/".join(parts[:end])) for end in range(1, len(parts) + 1))


# The tokens of a glob besides its literal characters.
_STAR, _ANY, _SEGMENTS, _ONE = "*", "**", "**/", "?"


@lru_cache(maxsize=256)
def _glob_tokens(pattern: str) -> tuple[str, ...]:
    """A glob as tokens: ``**/`` (whole folders, or none), ``**``, ``*``, ``?``, characters."""
    tokens: list[str] = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            token, index = _SEGMENTS, index + 3
        elif pattern.startswith("**", index):
            token, index = _ANY, index + 2
        else:
            token, index = pattern[index], index + 1
        if token in (_STAR, _ANY, _SEGMENTS) and tokens and tokens[-1] == token:
            continue  # `**/**/` is `**/`, `**` is `*` twice: one is enough
        tokens.append(token)
    return tuple(tokens)


def _glob_fullmatch(tokens: tuple[str, ...], text: str) -> bool:
    """Whether the glob matches all of ``text``: a set of states, never backtracking.

    A regular expression would backtrack: `*a*a*a...b` over a long name took
    exponential time. This costs the length of the text times the pattern's.
    States are token positions; ``-1 - i`` is "inside the ``**/`` at i".
    """
    end = len(tokens)

    def closure(states: set[int]) -> set[int]:
        pending = list(states)
        while pending:
            state = pending.pop()
            skippable = 0 <= state < end and tokens[state] in (_STAR, _ANY, _SEGMENTS)
            if skippable and state + 1 not in states:
                states.add(state + 1)
                pending.append(state + 1)
        return states

    states = closure({0})
    for character in text:
        following: set[int] = set()
        for state in states:
            if state < 0:  # inside `**/`: anything, until a slash ends it
                following.add(state)
                if character == "/":
                    following.add(-1 - state + 1)
                continue
            if state == end:
                continue
            token = tokens[state]
            if token == _STAR:
                if character != "/":
                    following.add(state)
            elif token == _ANY:
                following.add(state)
            elif token == _SEGMENTS:
                following.add(-1 - state)
                if character == "/":
                    following.add(state + 1)
            elif token == _ONE:
                if character != "/":
                    following.add(state + 1)
            elif token == character:
                following.add(state + 1)
        if not following:
            return False
        states = closure(following)
    return end in states


# ------------------------------------------------------------------ reading


def _node(value: Any) -> Node:
    """A node tree from plain data (TOML), so that one validator serves both files.

    TOML data has no positions (every node is at 1:1); its messages name the
    file and the key instead.
    """
    if isinstance(value, dict):
        entries = {
            str(key): holding(Scalar(IMPLICIT, str(key)), _node(item))
            for key, item in value.items()
        }
        return Mapping(entries)
    if isinstance(value, list):
        return Sequence([_node(item) for item in value])
    if isinstance(value, bool):
        tag = "tag:yaml.org,2002:bool"
        text = "true" if value else "false"
    elif isinstance(value, int):
        tag, text = "tag:yaml.org,2002:int", str(value)
    elif isinstance(value, float):
        tag, text = "tag:yaml.org,2002:float", str(value)
    else:
        tag, text = "tag:yaml.org,2002:str", str(value)
    return Scalar(tag, text, style="'")


def _plain(node: Node) -> Any:
    """Plain data of a validated node: integers where the schema wants them."""
    if isinstance(node, Mapping):
        return {name: _plain(key.node) for name, key in node.entries.items()}
    if isinstance(node, Sequence):
        return [_plain(item) for item in node.items]
    kind = scalar_type(node)
    if kind == "null":
        return None
    if kind == "integer":
        return int(node.value.replace("_", ""))
    return node.value


def _where(path: tuple[str | int, ...]) -> str:
    if not path:
        return "the configuration"
    shown = ".".join(str(part) for part in path)
    return f"'{shown}'"


def _message(error: SchemaError, known: Listed[KnownRule]) -> tuple[str, str]:
    """(what is wrong, a did-you-mean suffix or "") for one schema error."""
    path = error.path
    if error.keyword == "additionalProperties":
        name = excerpt(str(path[-1]))
        if len(path) == 2 and path[0] == "rules":
            match = did_you_mean(name.upper(), [rule.code for rule in known])
            hint = f"; did you mean '{match}'?" if match else "; see `raci-lint rules`"
            return f"unknown rule code '{name}' under 'rules'", hint
        suggestion = did_you_mean(name, error.detail)
        parent = "" if len(path) == 1 else f" under {_where(path[:-1])}"
        return (
            f"unknown key '{name}'{parent}",
            f"; did you mean '{suggestion}'?" if suggestion else "",
        )
    value = describe_value(error.node)
    if error.keyword == "type":
        return f"{_where(path)} must be {expected_types(error.detail)}, not {value}", ""
    if error.keyword == "enum":
        allowed = ", ".join(str(item) for item in error.detail)
        return f"{_where(path)} must be one of {allowed}, not {value}", ""
    if error.keyword == "pattern":
        return f"{_where(path)} is {value}, which is not a rule code, a prefix or ALL", ""
    if error.keyword == "minimum":
        return f"{_where(path)} must be at least {error.detail}, not {value}", ""
    if error.keyword == "maximum":
        return f"{_where(path)} must be at most {error.detail}, not {value}", ""
    return f"{_where(path)} is not valid", ""


def _check_codes(
    data: dict[str, Any], problems: list[str], where: str, known: Listed[KnownRule]
) -> None:
    """Selectors must name rules; a rule that is always on is neither ignored nor re-graded."""

    def check(selector: str, key: str) -> None:
        if not is_known_selector(selector, known):
            match = did_you_mean(selector, [rule.code for rule in known])
            hint = f"; did you mean '{match}'?" if match else "; see `raci-lint rules`"
            problems.append(f"unknown rule code '{selector}' in '{key}' {where}{hint}")

    for key in ("select", "extend-select", "ignore"):
        for selector in data.get(key) or []:
            check(selector, key)
    for pattern, codes in (data.get("per-file-ignores") or {}).items():
        for selector in codes or []:
            check(selector, f"per-file-ignores.{pattern}")
    for rule in known:
        if not rule.always_on:
            continue
        if rule.code in (data.get("ignore") or []):
            problems.append(f"{rule.code} cannot be ignored {where}: {rule.always_on}")
        if rule.code in (data.get("rules") or {}):
            problems.append(f"{rule.code} cannot be re-graded or turned off {where}")


def _read_limited(path: Path) -> bytes:
    """At most one byte past the size limit of a configuration file.

    Raises :class:`Unreadable`.
    """
    return read_bytes(path, _LIMITS.max_file_size)


def _read_config(path: Path, shown: str) -> bytes:
    """The bytes of a configuration file within the size limit; raises :class:`ConfigError`."""
    try:
        data = _read_limited(path)
    except Unreadable as error:
        raise ConfigError([f"{shown}: cannot read: {error.reason}"]) from None
    if len(data) > _LIMITS.max_file_size:
        raise ConfigError([over_limit(shown, _LIMITS.max_file_size)])
    return data


def _too_deep(value: Any, limit: int) -> bool:
    """Whether plain data nests deeper than ``limit`` levels (the root is level 1).

    Iterative, so that no nesting can exhaust the stack.
    """
    pending = [(value, 1)]
    while pending:
        item, level = pending.pop()
        if isinstance(item, dict):
            children: Listed[Any] = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        if level > limit:
            return True
        pending.extend((child, level + 1) for child in children)
    return False


def _read_pyproject(path: Path, shown: str, data: bytes | None = None) -> dict[str, Any] | None:
    if sys.version_info >= (3, 11):
        import tomllib  # only for a pyproject.toml: start-up
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]
    too_deep = ConfigError(
        [
            f"{shown}: the file nests deeper than {_LIMITS.max_depth} levels "
            "(limits.max-depth); a configuration needs fewer than 5"
        ]
    )
    try:
        raw = data if data is not None else _read_config(path, shown)
        if len(raw) > _LIMITS.max_file_size:
            raise ConfigError([over_limit(shown, _LIMITS.max_file_size)])
        table = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ConfigError([f"{shown}: cannot read: {error}"]) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError([f"{shown}: invalid TOML: {error}"]) from None
    except RecursionError:  # the TOML parser recurses once per nested array or inline table
        raise too_deep from None
    except ValueError as error:  # an integer of more digits than int() converts
        raise ConfigError([f"{shown}: invalid TOML: {excerpt(str(error), 80)}"]) from None
    tool = table.get("tool")
    section = tool.get("raci-lint") if isinstance(tool, dict) else None
    if not isinstance(section, dict):
        return None
    if _too_deep(section, _LIMITS.max_depth):
        raise too_deep
    return section


def _has_section(path: Path) -> bool:
    if path.name != "pyproject.toml":
        return True
    try:
        data = _read_limited(path)
    except Unreadable:
        return False
    # A file over the limit is read by nobody: load_config says so.
    return len(data) > _LIMITS.max_file_size or b"[tool.raci-lint" in data


def load_config(path: Path, known: Listed[KnownRule], text: bytes | None = None) -> Config:
    """Read and validate one configuration file against the ``known`` rules.

    ``text``, when given, is what the file holds instead of what is on disk
    (an editor's unsaved text). Raises :class:`ConfigError`.
    """
    shown = display(path)
    if path.name == "pyproject.toml":
        data = _read_pyproject(path, shown, text)
        if data is None:
            return Config(path=path, folder=path.parent)
        where = f"in {shown} [tool.raci-lint]"
        root = _node(data)
        positioned = False
    else:
        raw = text if text is not None else _read_config(path, shown)
        if len(raw) > _LIMITS.max_file_size:
            raise ConfigError([over_limit(shown, _LIMITS.max_file_size)])
        document = load(raw, _LIMITS)
        if document.problems:
            problem = document.problems[0]
            raise ConfigError([f"{shown}:{problem.line}:{problem.column}: {problem.message}"])
        if document.root is None:
            return Config(path=path, folder=path.parent)
        where = f"in {shown}"
        root = document.root
        positioned = True
    errors = _validator(known).validate(root)
    problems = []
    for failure in errors:
        message, hint = _message(failure, known)
        if positioned:
            node = error_node(failure)
            line, column = span(node)[:2] if node is not None else (1, 1)
            problems.append(f"{shown}:{line}:{column}: {message}{hint}")
        else:
            problems.append(f"{message} {where}{hint}")
    if problems:
        raise ConfigError(_at_most(problems, shown))
    data = _plain(root) or {}
    if not isinstance(data, dict):
        raise ConfigError([f"{shown}: the configuration must be a mapping of keys"])
    _check_codes(data, problems, where, known)
    if problems:
        raise ConfigError(problems)
    return _build(data, path)


def _upper(values: list[str] | None) -> list[str]:
    return [value.upper() for value in values or []]


def _build(data: dict[str, Any], path: Path) -> Config:
    folder = path.parent
    config = Config(path=path, folder=folder)
    if data.get("select") is not None:
        config.select = _upper(data["select"])
    config.extend_select = _upper(data.get("extend-select"))
    config.ignore = _upper(data.get("ignore"))
    config.per_file_ignores = {
        pattern: _upper(codes) for pattern, codes in (data.get("per-file-ignores") or {}).items()
    }
    for code, settings in (data.get("rules") or {}).items():
        settings = dict(settings or {})
        severity = settings.pop("severity", None)
        if severity == "off":
            config.ignore.append(code)
        elif severity:
            config.severities[code] = severity
        if settings:
            config.rule_options[code] = settings
    if data.get("taxonomy"):
        config.taxonomy = folder / data["taxonomy"]
    if data.get("files") is not None:
        config.files = list(data["files"])
    config.exclude = list(data.get("exclude") or [])
    config.owned_roots = list(data.get("owned-roots") or [])
    if data.get("codeowners"):
        config.codeowners = folder / data["codeowners"]
    config.fail_on = data.get("fail-on")
    for name, given in (data.get("sources") or {}).items():
        aliases = (given or {}).get("aliases") or {}
        config.sources[name] = {
            str(key).strip().lower(): str(value) for key, value in aliases.items()
        }
    limits = {_LIMIT_KEYS[key]: value for key, value in (data.get("limits") or {}).items()}
    config.limits = Limits(**limits)
    return config


def display(path: Path) -> str:
    return display_path(path)


# A file that is no configuration at all is not quoted line after line.
MAX_MESSAGES = 20


def _at_most(problems: list[str], shown: str) -> list[str]:
    if len(problems) <= MAX_MESSAGES:
        return problems
    more = len(problems) - MAX_MESSAGES
    return [
        *problems[:MAX_MESSAGES],
        f"{shown}: {plural(more, 'more problem')} not shown; is it a raci-lint configuration?",
    ]


def find_config(folder: Path, known: dict[Path, Path | None] | None = None) -> Path | None:
    """The nearest configuration file at or above ``folder``, up to the repository root.

    Raises :class:`ConfigError` for one that is a link to a file outside the
    repository: the repository may not make raci-lint read, and quote, it.
    ``known`` holds the answers of folders already asked (a run's, which
    many files share: each folder is looked at once).
    """
    current = folder.resolve()
    if known is None:
        return _find_config(current, {})
    if current not in known:
        known[current] = _find_config(current, known)
    return known[current]


def _find_config(current: Path, known: dict[Path, Path | None]) -> Path | None:
    """find_config of a resolved folder; remembers the answer of each folder above it."""
    stop = repository_root(current)
    visited: list[Path] = []
    found: Path | None = None
    for candidate in (current, *current.parents):
        if candidate in known:
            found = known[candidate]
            break
        found = _config_in(candidate, stop)
        if found is not None:
            known[candidate] = found
            break
        visited.append(candidate)
        if stop is not None and candidate == stop:
            break
    for folder in visited:
        known[folder] = found
    return found


def _config_in(candidate: Path, stop: Path | None) -> Path | None:
    """The configuration file of one folder, if it has one."""
    for name in CONFIG_FILES:
        path = candidate / name
        if path.is_file() and not inside(path, stop or candidate):
            raise ConfigError(
                [
                    f"{display_path(path)}: the configuration {LEAVES_ROOT} "
                    f"({display_path(stop or candidate) or '.'}); raci-lint reads no file "
                    "outside it"
                ]
            )
        if path.is_file() and _has_section(path):
            return path
    return None
