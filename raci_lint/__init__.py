"""raci-lint: lint RACI ownership files of ML and data pipelines.

The public API is :func:`lint_text` and :func:`lint_paths`; both return a
:class:`Report`. They are imported lazily so that ``raci-lint --version``
does not pay for the whole linter.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Report", "Violation", "__version__", "lint_paths", "lint_text"]

# Not `typing.TYPE_CHECKING`: importing typing costs more than the rest of
# `raci-lint --version`. Type checkers treat this name the same way.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from raci_lint.engine.lint import lint_paths, lint_text
    from raci_lint.engine.report import Report
    from raci_lint.violations import Violation


# Where each name of the API is defined.
_API = {
    "Report": "raci_lint.engine.report",
    "Violation": "raci_lint.violations",
    "lint_paths": "raci_lint.engine.lint",
    "lint_text": "raci_lint.engine.lint",
}


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'raci_lint' has no attribute {name!r}")
    # The API is imported when first used (start-up time of `raci-lint --version`).
    import importlib

    return getattr(importlib.import_module(module), name)
