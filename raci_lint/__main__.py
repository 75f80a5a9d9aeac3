"""``python -m raci_lint``."""

from raci_lint.cli import entry

entry()
