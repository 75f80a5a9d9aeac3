"""Baselines: adopt the linter on a messy file, then only report what is new.

A baseline records violations by fingerprint (path, code, subject and the
rule's discriminating value; never lines, never counts), so it survives edits
above the violations it holds.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from raci_lint.reading.files import MISSING, Unreadable, over_limit, read_bytes, why_unreadable
from raci_lint.reading.loader import Limits
from raci_lint.violations import Violation
from raci_lint.wording import UnusableInput, excerpt
from raci_lint.writing import write_atomic

__all__ = ["BaselineError", "BaselineResult", "apply_baseline", "read_baseline", "write_baseline"]

FORMAT = 1


class BaselineError(UnusableInput):
    """A baseline file that cannot be used (one line for the user)."""

    def __init__(self, message: str) -> None:
        super().__init__([message])


@dataclass(repr=False, eq=False)
class BaselineResult:
    violations: list[Violation]  # the ones not in the baseline
    matched: int  # baseline entries that still occur
    stale: int  # baseline entries that no longer occur


def write_baseline(path: Path, violations: Iterable[Violation]) -> int:
    """Record the violations in a baseline file; returns how many."""
    entries = sorted(
        (
            {
                "fingerprint": v.fingerprint,
                "code": v.code,
                "path": v.path,
                "subject": v.subject,
                "message": v.message,
            }
            for v in violations
        ),
        key=lambda entry: (entry["path"], entry["code"], entry["fingerprint"]),
    )
    data = {"raci-lint-baseline": FORMAT, "violations": entries}
    write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return len(entries)


def read_baseline(path: Path) -> Counter[str]:
    """The fingerprints of a baseline file, with how often each occurs.

    The file is read within the default size limit: a baseline is named on the
    command line, and no configuration of the repository may raise its limit.
    """
    limit = Limits().max_file_size
    if why_unreadable(path) == MISSING:
        raise BaselineError(f"{path}: no such baseline file (create it with --write-baseline)")
    try:
        raw = read_bytes(path, limit)
    except Unreadable as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error.reason}") from None
    if len(raw) > limit:
        raise BaselineError(over_limit(str(path), limit))
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error}") from None
    except json.JSONDecodeError as error:
        raise BaselineError(
            f"{path}:{error.lineno}:{error.colno}: the baseline is not valid JSON: {error.msg}"
        ) from None
    except RecursionError:  # the JSON decoder recurses once per nested array or object
        raise BaselineError(
            f"{path}: not a raci-lint baseline: the JSON is nested too deeply "
            "(a baseline nests 3 levels)"
        ) from None
    except ValueError as error:  # an integer of more digits than int() converts
        raise BaselineError(
            f"{path}: not a raci-lint baseline: {excerpt(str(error), 80)}"
        ) from None
    if (
        not isinstance(data, dict)
        or data.get("raci-lint-baseline") != FORMAT
        or not isinstance(data.get("violations"), list)
    ):
        raise BaselineError(
            f"{path}: not a raci-lint baseline (expected the output of --write-baseline)"
        )
    fingerprints: Counter[str] = Counter()
    for entry in data["violations"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise BaselineError(f"{path}: a baseline entry has no fingerprint")
        fingerprints[entry["fingerprint"]] += 1
    return fingerprints


def apply_baseline(violations: list[Violation], baseline: Counter[str]) -> BaselineResult:
    """Drop the violations the baseline holds; count what it holds that is gone."""
    remaining = Counter(baseline)
    new = []
    matched = 0
    for violation in violations:
        if remaining[violation.fingerprint] > 0:
            remaining[violation.fingerprint] -= 1
            matched += 1
        else:
            new.append(violation)
    return BaselineResult(new, matched, sum(remaining.values()))
