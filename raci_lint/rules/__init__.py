"""Rules: the registry (``registry``), what a check sees (``context``), one module per family.

Rules sit above the model, the taxonomy and the settings, and below the
engine: a rule never reads files, prints or exits.
"""

from __future__ import annotations

from raci_lint.rules.context import Context, RepositoryView, run_rules
from raci_lint.rules.registry import (
    RULES,
    Rule,
    all_rules,
    family,
    family_of,
    get_rule,
    register,
    rule,
    rule_of,
)

__all__ = [
    "RULES",
    "Context",
    "RepositoryView",
    "Rule",
    "all_rules",
    "family",
    "family_of",
    "get_rule",
    "register",
    "rule",
    "rule_of",
    "run_rules",
]
