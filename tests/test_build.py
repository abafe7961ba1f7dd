"""End to end: the real site builds with --strict, and bad data stops the build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, copy_site_sources, mkdocs_build

pytestmark = pytest.mark.build


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


def test_hostile_pages_stop_the_build_with_the_validators_messages_not_a_traceback(tmp_path: Path):
    """Pages that MkDocs would render as markup, write over an export or crash the home
    page: each is refused before anything is built."""
    project = copy_site_sources(tmp_path / "project")
    docs = project / "docs"
    for case in ("docs-front-matter-mkdocs-cannot-read", "docs-export-file-name", "docs-at-exports-folder"):
        shutil.copytree(FIXTURES / "bad" / case / "docs", docs, dirs_exist_ok=True)
    home = docs / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\n<!-- data:nosuch -->\n", encoding="utf-8")
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode == 1
    for expected in (
        "docs/about.md:2:8: error: MkDocs cannot read this front matter",
        "docs/feed.xml.md:1:1: error: a page's path is lowercase letters",
        "docs/data.md:1:1: error: the build writes its own files at 'data'",
        "error: unknown data marker 'nosuch'",
    ):
        assert expected in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "site" / "index.html").exists()
