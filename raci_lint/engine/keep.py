"""What a command-line run read, kept alive to the end of the process.

Freeing a million small objects costs as much as building the model of them,
and the process is about to end anyway: `cli.entry` sets ``KEPT`` to a list
and ends with ``os._exit``. As a library, raci-lint keeps nothing.
"""

from __future__ import annotations

KEPT: list[object] | None = None
