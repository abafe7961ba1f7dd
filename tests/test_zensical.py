"""The same site built by Zensical from the folder adapter's output, read as HTML.

Zensical runs no MkDocs plugin, so `timeline build --engine zensical` writes the pages first; these
tests check that what it builds holds what the MkDocs build is checked for.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import pytest

from conftest import REPO, REPO_URL, SITE_URL, real_dataset, run_build
from htmlscan import broken_links, foreign_loads, html_pages, page_of, scan
from timeline.site.policy import policy, theme_scripts

pytestmark = pytest.mark.build

DATA = real_dataset()
SUB_PATH = urlsplit(SITE_URL).path  # "/repo/"
COMMAND = Path(sys.executable).with_name("timeline")


class Built(NamedTuple):
    site: Path
    pages: Path  # the folder Zensical read
    output: str  # what the build printed


def zensical_build(tmp: Path, **env: str) -> subprocess.CompletedProcess:
    """`timeline build --engine zensical`, its work folder and site in tmp."""
    command = [str(COMMAND), "build", "--engine", "zensical", "--root", str(REPO)]
    return run_build([*command, "--work", str(tmp / "work"), "--site-dir", str(tmp / "site")], REPO, **env)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The real site, built once by Zensical for a project sub-path, with edit links asked for."""
    tmp = tmp_path_factory.mktemp("zensical")
    done = zensical_build(tmp, SITE_URL=SITE_URL, SITE_REPO_URL=REPO_URL, SITE_EDIT_URI="edit/main/")
    assert done.returncode == 0, done.stdout + done.stderr
    return Built(tmp / "site", tmp / "work" / "pages", done.stdout + done.stderr)


def test_zensical_builds_the_folder_without_a_warning(zensical_site: Built):
    assert "Warning" not in zensical_site.output
    assert "No issues found" in zensical_site.output


def test_every_event_appears_exactly_once_on_the_timeline(zensical_site: Built):
    timeline = zensical_site.site / "timeline" / "index.html"
    ids = scan(timeline).ids
    assert {e.id: ids.count(e.id) for e in DATA.events} == {e.id: 1 for e in DATA.events}
    assert timeline.read_text(encoding="utf-8").count('class="tl-event"') == len(DATA.events)


def test_the_site_has_one_search_pagefinds_with_a_record_for_every_event(zensical_site: Built):
    """Zensical's own index is off: its header search box would be a second search, over an
    index whose fields it caps (the real data copied to 10,000 events outgrew one)."""
    site = zensical_site.site
    index = site / "search.json"  # Zensical 0.0.73 still writes one, empty
    assert not index.exists() or json.loads(index.read_text(encoding="utf-8"))["items"] == []
    assert 'class="md-search"' not in (site / "timeline" / "index.html").read_text(encoding="utf-8")
    fragments = list((site / "pagefind" / "fragment").iterdir())
    assert len(fragments) >= len(DATA.events)  # each event's page is a record
    assert (site / "search" / "index.html").is_file()


def test_every_internal_link_and_anchor_resolves_under_the_sub_path(zensical_site: Built):
    assert broken_links(zensical_site.site, SUB_PATH) == []


def test_no_page_loads_anything_from_another_host(zensical_site: Built):
    assert foreign_loads(zensical_site.site) == []
    assert REPO_URL in scan(zensical_site.site / "index.html").links  # a plain link, loading nothing


def test_there_is_one_page_for_each_page_of_the_folder_and_every_export(zensical_site: Built):
    site, pages = zensical_site.site, zensical_site.pages
    sources = [md.relative_to(pages).as_posix() for md in pages.rglob("*.md")]
    built = {path for path in html_pages(site) if path != site / "404.html"}
    assert len(built) == len(sources) and built == {page_of(site, page) for page in sources}
    exports = [f.relative_to(pages) for f in pages.rglob("*") if f.is_file() and f.suffix != ".md"]
    assert exports and [e for e in exports if not (site / e).is_file()] == []


def test_every_page_names_its_share_card_which_zensical_publishes(zensical_site: Built):
    site = zensical_site.site
    for page in html_pages(site):
        (card,) = re.findall(r'<meta property="og:image" content="([^"]+)"', page.read_text(encoding="utf-8"))
        card = html.unescape(card)  # Zensical's templates escape "/" as well
        assert card.startswith(SITE_URL) and (site / card.removeprefix(SITE_URL)).is_file(), page


def test_pages_are_published_under_the_sub_path(zensical_site: Built):
    site = zensical_site.site
    assert f"{SITE_URL}timeline/" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}timeline/">' in (site / "timeline/index.html").read_text(
        encoding="utf-8"
    )


def test_no_page_has_an_edit_link_that_zensical_cannot_point_at_the_file_behind_it(zensical_site: Built):
    assert [p for p in html_pages(zensical_site.site) if scan(p).edit_links] == []


def test_an_address_that_is_not_http_is_refused_before_anything_is_built(tmp_path: Path):
    done = zensical_build(tmp_path, SITE_REPO_URL="javascript:alert(1)")
    assert done.returncode == 1
    assert "repo_url (set by SITE_REPO_URL) must be an http:// or https:// address" in done.stderr
    assert not (tmp_path / "work").exists() and not (tmp_path / "site").exists()


def test_every_page_has_one_policy_allowing_exactly_its_themes_scripts(zensical_site: Built):
    for path in html_pages(zensical_site.site):
        page = path.read_text(encoding="utf-8")
        assert page.count('http-equiv="Content-Security-Policy"') == 1, path
        assert f'<meta http-equiv="Content-Security-Policy" content="{policy(theme_scripts(page))}">' in page
        assert page.index("Content-Security-Policy") < page.index("<script"), path
        assert len(theme_scripts(page)) >= 3, path
