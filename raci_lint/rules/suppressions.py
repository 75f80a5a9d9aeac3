"""SUP: suppression comments that hold nothing, or no longer hold.

These findings come from applying the comments (``raci_lint.engine.suppressions``),
not from a check function; this module holds their metadata and docs.
"""

from __future__ import annotations

from raci_lint.rules.registry import Fixable, family, register

FAMILY = family("SUP", order=8, tag="suppressions")


UNUSED_SUPPRESSION = register(
    "SUP001",
    "unused-suppression",
    "warning",
    summary="A suppression comment suppressed nothing",
    what="""
        Reports a `# raci-lint: disable=...` comment, at the comment, when a
        code it names suppressed no violation in this run, when it names an
        unknown code, or when it is malformed. A code whose rule is not
        enabled in the run is never reported: it may well hold something
        when that rule runs.
    """,
    why="""
        A suppression outlives the problem it hid. Left in place, it will
        silently hide the next, real problem at the same spot.
    """,
    bad="""
        components:
          ingest-events:   # raci-lint: disable=RACI001
            kind: ingestion
            raci: {responsible: [alice], accountable: alice}
    """,
    good="""
        components:
          ingest-events:
            kind: ingestion
            raci: {responsible: [alice], accountable: alice}
    """,
    hint="remove the suppression, or the codes in it that no longer apply",
    suppressible=False,
    fix=Fixable(
        "remove the codes that suppress nothing, or the whole comment when none is left",
        safe=True,
        when="Not for a malformed comment, whose intent is unknown.",
    ),
)

EXPIRED_SUPPRESSION = register(
    "SUP002",
    "expired-suppression",
    "warning",
    summary="A suppression's `until=` date has passed",
    what="""
        Reports a suppression whose `until=YYYY-MM-DD` date has passed (the
        date is the last day it holds, in UTC), at the comment. The
        violations it held are reported again. `check --today` fixes the
        date, for reproducible CI runs and tests.
    """,
    why="""
        A dated suppression is a promise to fix something by then. When the
        date passes, the promise is due: the linter says so instead of hiding
        the problem forever.
    """,
    bad="""
        components:
          train-model:   # raci-lint: disable=RACI001 until=2024-01-31 reason="hiring"
            kind: training
            raci: {responsible: [amara]}
    """,
    good="""
        components:
          train-model:
            kind: training
            raci: {responsible: [amara], accountable: jonas}
    """,
    hint="fix what the suppression held, or give it a new `until=` date with a reason",
    suppressible=False,
    fix=Fixable(
        "remove the suppression comment",
        safe=False,
        always=True,
        safety="Unsafe: the promise it recorded goes with it; applied by "
        "`check --fix --unsafe-fixes`.",
    ),
)
