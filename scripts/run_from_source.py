"""Run raci-lint from this checkout's sources, for the project's own pre-commit hook.

The hook's environment installs the dependencies from PyPI
(`additional_dependencies`); this script puts the checkout first on the path so the
hook lints with the code being committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from raci_lint.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
