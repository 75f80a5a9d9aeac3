"""SYN: the file must be one readable YAML document of the ownership format.

These findings come from reading the file (``loader``) and from the JSON
Schema (``schema``), not from a check function; this module holds their
metadata and documentation.
"""

from __future__ import annotations

from raci_lint.reading import loader
from raci_lint.rules.registry import Rule, family, register

FAMILY = family("SYN", order=0, tag="syntax")


INVALID_YAML = register(
    "SYN001",
    "invalid-yaml",
    "error",
    summary="The file does not parse as YAML",
    what="""
        Reports a file that is not valid YAML, at the position where the parser
        gave up, with the parser's own explanation. Files that are not UTF-8
        text (or UTF-16/32 with a byte-order mark), or that hold control
        characters such as NUL, are reported here too. Nothing else is checked
        in a file that does not parse. This rule can be neither ignored,
        suppressed nor re-graded.
    """,
    why="""
        A file that does not parse declares no ownership at all: every tool
        that reads it will fail, and every component it meant to cover is
        unowned until it is fixed.
    """,
    bad="""
        components:
          train-model:
            kind: training
            raci:
              responsible: [alice
              accountable: bob
    """,
    good="""
        components:
          train-model:
            kind: training
            raci:
              responsible: [alice]
              accountable: bob
    """,
    hint="fix the file at this position: a missing bracket, quote or colon is the usual cause",
    always_on="a file that does not parse is checked by nothing",
    suppressible=False,
)

SCHEMA_VIOLATION = register(
    "SYN002",
    "schema-violation",
    "error",
    summary="The document breaks the JSON Schema of the ownership format",
    what="""
        Checks the document against the JSON Schema of format version 1
        (`raci-lint schema` prints it). Each unknown key is reported at that
        key (keys starting with `x-` are always allowed), a missing required
        key at the key of the mapping that lacks it (1:1 for the top level),
        and a value of the wrong type or form at the value. An empty file, a
        non-integer `version` and tags such as `!!python/object` are reported
        here too.
    """,
    why="""
        A misspelt key (`acountable:`) is silently ignored by every tool that
        reads the file, so the ownership it meant to declare is lost. The
        schema catches it before anyone relies on it.
    """,
    bad="""
        version: 1
        components:
          train-model:
            kind: training
            raci:
              responsible: [alice]
              acountable: bob
    """,
    good="""
        version: 1
        components:
          train-model:
            kind: training
            raci:
              responsible: [alice]
              accountable: bob
    """,
    hint="see `raci-lint schema` for the format; keys starting with `x-` are free",
)

DUPLICATE_KEY = register(
    "SYN003",
    "duplicate-key",
    "error",
    summary="A mapping repeats a key",
    what="""
        Reports a key written twice in the same mapping, at its second
        occurrence. The first occurrence stands for every other rule, and the
        later one is ignored.
    """,
    why="""
        Most YAML libraries silently keep the *last* value of a repeated key,
        so two tools can read two different owners from the same file. A
        repeated component id usually means two teams edited the file at once.
    """,
    bad="""
        components:
          train-model:
            kind: training
            raci:
              responsible: [alice]
              responsible: [bob]
              accountable: carol
    """,
    good="""
        components:
          train-model:
            kind: training
            raci:
              responsible: [alice, bob]
              accountable: carol
    """,
    hint="merge the two entries into one, or rename one of them",
)

UNSUPPORTED_VERSION = register(
    "SYN004",
    "unsupported-version",
    "error",
    summary="`version` is not 1",
    what="""
        Reports a `version` other than 1, the only version of the format.
        No other rule runs on such a file, since its format is unknown.
    """,
    why="""
        A file written for another version of the format would be judged by
        rules that do not apply to it; it is better to say so once.
    """,
    bad="""
        version: 2
        components: {}
    """,
    good="""
        version: 1
        components: {}
    """,
    hint="set `version: 1`, the only version this raci-lint knows, or upgrade raci-lint",
)

LIMITS_EXCEEDED = register(
    "SYN005",
    "limits-exceeded",
    "error",
    summary="The file is over a safety limit",
    what="""
        Reports a file over one of raci-lint's safety limits: its size,
        its nesting depth, its number of aliases, or how far aliases expand
        it. The message names the limit and the `limits` key of the
        configuration that raises it. Nothing else is checked in such a file.
    """,
    why="""
        A CI gate must not be the thing that hangs or runs out of memory. An
        ownership file needs a few levels of nesting and a handful of aliases;
        documents far beyond that are mistakes or attacks (such as the
        'billion laughs' alias bomb).
    """,
    bad="""
        x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
        x-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        x-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        # ... and so on, nine levels deep: a billion nodes
    """,
    good="""
        x-defaults: &defaults
          informed: [data-platform]
        components:
          train-model:
            kind: training
            raci:
              <<: *defaults
              responsible: [alice]
              accountable: bob
    """,
    hint="raise the limit under `limits:` in the configuration if this file is legitimate",
)


# The rule of each problem the loader finds while reading a file.
READING_PROBLEMS: dict[str, Rule] = {
    loader.INVALID: INVALID_YAML,
    loader.UNSUPPORTED: SCHEMA_VIOLATION,
    loader.DUPLICATE_KEY: DUPLICATE_KEY,
    loader.OVER_LIMIT: LIMITS_EXCEEDED,
}
