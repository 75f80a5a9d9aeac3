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

    from raci_lint.engine.lint import Report, lint_paths, lint_text
    from raci_lint.violations import Violation


def __getattr__(name: str) -> Any:
    if name in ("Report", "lint_paths", "lint_text"):
        from raci_lint.engine import lint

        return getattr(lint, name)
    if name == "Violation":
        from raci_lint.violations import Violation

        return Violation
    raise AttributeError(f"module 'raci_lint' has no attribute {name!r}")
