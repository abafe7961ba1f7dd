"""End to end: the real site builds with --strict, and bad data stops the build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, REPO

SITE_PARTS = ["mkdocs.yml", "docs", "overrides", "scripts", "schemas", "events", "entities", "sources"]


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def copy_site_sources(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for part in SITE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(source, dest / part)
    return dest


def test_the_real_site_builds_strictly(tmp_path: Path):
    done = mkdocs_build(REPO, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "index.html").is_file()


def test_bad_data_stops_the_build_with_the_validators_messages(tmp_path: Path):
    project = copy_site_sources(tmp_path / "project")
    case = FIXTURES / "bad" / "duplicate-key" / "events" / "handover.yml"
    shutil.copyfile(case, project / "events" / "bad-event.yml")
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode == 1
    assert "events/bad-event.yml:5:1: error: key 'title' is already set on line 3" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "site" / "index.html").exists()
