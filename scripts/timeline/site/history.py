"""When each data file last changed, read from git in one pass."""

from __future__ import annotations

import subprocess
from pathlib import Path


def last_changed(root: Path, folders: tuple[str, ...] = ("events", "entities", "sources")) -> dict[str, str]:
    """Data file (relative to root) -> date of its last commit, YYYY-MM-DD; {} outside git."""
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--", *folders],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    prefix = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
    changed: dict[str, str] = {}
    date = ""
    for line in log.splitlines():  # newest commit first, so the first date seen is the last change
        if line.startswith("\x00"):
            date = line[1:]
        elif line:
            path = line if prefix == "." else line.removeprefix(prefix + "/")
            changed.setdefault(path, date)
    return changed
