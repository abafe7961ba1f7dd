"""The plugin holds no page's HTML longer than MkDocs needs it: MkDocs renders every page
before it writes any, and keeps them all until the build ends."""

from __future__ import annotations

import gc
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from conftest import copy_site_sources, make_project, without_citations


def fixture_project(root: Path) -> Path:
    """The base fixture's data in a copy of the site, its home page naming the fixture's storyline."""
    copy_site_sources(root)
    for folder in ("events", "entities", "sources"):
        shutil.rmtree(root / folder)
    make_project(root)
    home = root / "docs" / "index.md"
    storylines = "<!-- data:storylines crackdown -->"
    text = re.sub(r"<!-- data:storylines [a-z0-9 -]+ -->", storylines, home.read_text())
    text = re.sub(
        r"<!-- data:(numbers|figures) [a-z0-9 -]+ -->", r"<!-- data:\1 suspects-handed-over -->", text
    )
    home.write_text(without_citations(text))
    return root


@pytest.mark.build
def test_every_page_is_made_whole_and_none_keeps_its_html_after(tmp_path: Path):
    root = fixture_project(tmp_path / "project")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)
    assert config.plugins["timeline"]._rendered == {}  # each page's HTML was given back to it
    built = str(tmp_path)
    pages = [o for o in gc.get_objects() if isinstance(o, Page) and o.file.abs_dest_path.startswith(built)]
    assert pages and all(page.content == "" for page in pages)
    event = (tmp_path / "site" / "events" / "handover" / "index.html").read_text(encoding="utf-8")
    assert 'class="tl-passage"' in event and "<mark>" in event  # the page's own content, not only its frame
