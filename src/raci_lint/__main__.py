"""``python -m raci_lint``."""

import sys

from raci_lint.cli import main

sys.exit(main())
