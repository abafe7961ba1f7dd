"""The old entry points (scripts/new.py, scripts/validate.py, …) run a subcommand.

Run with a Python that lacks the project's dependencies (the system's, outside .venv),
they say which command sets those up instead of ending in a traceback. This module
imports nothing of the package's before that, so that it can say so.
"""

from __future__ import annotations

import sys
from typing import NoReturn

# The subcommands dev.sh runs itself, after setting up .venv.
DEV_SH = frozenset({"validate", "new", "add-source", "confirm-source", "check-links", "build"})


def how_to_run(subcommand: str) -> str:
    """The command that works from a fresh clone, as contributors are told to type it."""
    if subcommand in DEV_SH:
        return f"./dev.sh {subcommand} …"
    return f"./dev.sh validate (once, to set up .venv), then .venv/bin/timeline {subcommand} …"


def run(subcommand: str) -> NoReturn:
    """Run `timeline SUBCOMMAND` with this script's arguments."""
    try:
        from .cli import main
    except ModuleNotFoundError as err:
        sys.exit(
            f"error: this Python ({sys.executable}) lacks the project's dependencies "
            f"(no module named {err.name!r}); run {how_to_run(subcommand)} instead"
        )
    sys.exit(main([subcommand, *sys.argv[1:]]))
