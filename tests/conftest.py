"""Shared helpers: a small valid project in a temporary folder, and the CLI in-process."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

import validate as validate_cli

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_project(root: Path, *overlays: Path) -> Path:
    """Copy the base fixture and the real schemas to root, then apply cases' overlays.

    An overlay folder holds files to add or replace at the same relative paths, and
    optionally DELETE (paths to remove, one per line); expect.txt is not copied.
    """
    shutil.copytree(FIXTURES / "base", root, dirs_exist_ok=True)
    shutil.copytree(REPO / "schemas", root / "schemas", dirs_exist_ok=True)
    for overlay in overlays:
        if (overlay / "DELETE").exists():
            for rel in (overlay / "DELETE").read_text().split():
                (root / rel).unlink()
        for file in overlay.rglob("*"):
            if file.is_file() and file.name not in ("DELETE", "expect.txt"):
                dest = root / file.relative_to(overlay)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, dest)
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def run_cli(*args: str) -> tuple[int, str]:
    """Run scripts/validate.py's main() in-process; return its exit code and output."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = validate_cli.main(list(args))
    return code, out.getvalue()
