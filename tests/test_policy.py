"""The Content-Security-Policy in every page: the theme's inline scripts run, anything
that got into a page's content does not, in both engines' pages and in Chromium."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from browser import violations, watch_policy
from conftest import REPO, SITE_URL, run_build
from htmlscan import html_pages
from timeline.site.policy import THEME_AFTER_CONTENT, add_policies, policy, theme_scripts, with_policy
from timeline.tools.browser import serve

# The theme's script after the content (partials/javascripts/content.html).
AFTER = (
    "var target=document.getElementById(location.hash.slice(1));"
    'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))'
)
PAGE = f"""<!doctype html><html><head>
<meta charset="utf-8"><title>t</title><script>var theme=1</script>
<script type="application/ld+json">{{"a": 1}}</script><script src="a.js"></script>
</head><body><article class="md-content__inner md-typeset"><p>Text</p>
<script>alert(1)</script><article><script>alert(2)</script></article><script>alert(3)</script>
</article><script id="__config" type="application/json">{{}}</script>
<script>{AFTER}</script></body></html>"""


def sha(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def meta_policy(page: str) -> str:
    found = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert len(found) == 1
    return found[0]


def test_only_the_themes_inline_scripts_are_allowed_never_one_in_the_content():
    assert AFTER in THEME_AFTER_CONTENT
    assert theme_scripts(PAGE) == ["var theme=1", AFTER]
    assert policy(theme_scripts(PAGE)) == (
        f"script-src 'self' 'wasm-unsafe-eval' {' '.join(sorted([sha(AFTER), sha('var theme=1')]))}; "
        "object-src 'none'; base-uri 'self'"
    )


def test_content_that_closes_the_content_area_gets_no_hash_for_its_script():
    """An </article> in the content cannot move where the theme's scripts are looked for."""
    hostile = PAGE.replace("<p>Text</p>", "<p>Text</p></article><script>x</script><article>")
    assert "x" not in theme_scripts(hostile) and sha("x") not in with_policy(hostile)
    assert theme_scripts(hostile) == ["var theme=1", AFTER]
    # A script after the content that is not the theme's, byte for byte, is not hashed.
    assert theme_scripts(PAGE.replace(AFTER, AFTER + ";x")) == ["var theme=1"]


def test_the_policy_comes_right_after_the_charset_before_any_script():
    page = with_policy(PAGE)
    assert page.index('<meta charset="utf-8"><meta http-equiv="Content-Security-Policy"') > 0
    assert "alert" not in meta_policy(page) and sha("alert(1)") not in page
    assert with_policy("<html><head><title>x</title></head></html>").startswith(
        '<html><head><meta http-equiv="Content-Security-Policy"'
    )


def test_a_page_without_a_head_is_reported(tmp_path: Path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "bad.html").write_text("<p>no head</p>")
    assert add_policies(tmp_path) == "x/bad.html: the page has no <head>"


@pytest.mark.build
def test_every_built_page_has_one_policy_allowing_exactly_its_themes_scripts(built_site: Path):
    pages = html_pages(built_site)
    assert len(pages) > 40
    for path in pages:
        page = path.read_text(encoding="utf-8")
        found = meta_policy(page)
        assert "unsafe-inline" not in found and "object-src 'none'" in found, path
        assert page.index("Content-Security-Policy") < page.index("<script"), path
        allowed = set(re.findall(r"'sha256-[^']*'", found))
        assert allowed == {sha(s) for s in theme_scripts(page)} and len(allowed) >= 3, path


# What a hostile field would have become without the escaping: a handler, a script.
INJECTED = (
    '<p id="probe" tabindex="0" autofocus onfocus="window.__ran = 1">x</p>'
    '<img src="data:," onerror="window.__ran = 2"><script>window.__ran = 3</script>'
)


@pytest.mark.browser
@pytest.mark.build
def test_a_handler_or_script_in_a_pages_content_does_not_run(
    built_site: Path, browser: Browser, tmp_path: Path
):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    original = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    at = original.index(">", original.index('<article class="md-content__inner')) + 1
    (site / "probe").mkdir()
    (site / "probe" / "index.html").write_text(original[:at] + INJECTED + original[at:], encoding="utf-8")
    with serve(site, urlsplit(SITE_URL).path) as url:
        page = browser.new_context().new_page()
        watch_policy(page)
        page.goto(url + "probe/")
        page.focus("#probe")
        page.wait_for_load_state("load")
        assert page.evaluate("window.__ran") is None
        found = violations(page)
        assert {v.split()[0] for v in found} == {"script-src-attr", "script-src-elem"}
        assert len(found) >= 3, found  # the handlers and the script
        assert page.evaluate("document.documentElement.classList.contains('tl-js')")  # the theme's run
        page.context.close()


REAL_PAGES = [
    "",
    "timeline/",
    "topics/crackdown/",
    "entities/cctv/",
    "entities/chiang-mai/",
    "sources/",
    "figures/",
    "open-data/",
]


@pytest.fixture(scope="module")
def zensical_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site built by the second engine, served as GitHub Pages would."""
    tmp = tmp_path_factory.mktemp("zensical-policy")
    command = [str(Path(sys.executable).with_name("timeline")), "build", "--engine", "zensical"]
    command += ["--root", str(REPO), "--work", str(tmp / "work"), "--site-dir", str(tmp / "site")]
    done = run_build(command, REPO, SITE_URL=SITE_URL)
    assert done.returncode == 0, done.stdout + done.stderr
    with serve(tmp / "site", urlsplit(SITE_URL).path) as url:
        yield url


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_real_pages_break_no_rule_of_their_own(
    engine: str, request: pytest.FixtureRequest, browser: Browser
):
    base_url = request.getfixturevalue("base_url" if engine == "mkdocs" else "zensical_url")
    page = browser.new_context().new_page()
    errors = watch_policy(page)
    for path in REAL_PAGES:
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        assert violations(page) == [], path
        assert page.evaluate("document.documentElement.classList.contains('tl-js')"), path
    page.goto(base_url + "search/?q=suspects")
    page.wait_for_selector(".tl-search-result")
    page.fill("#tl-search-q", "Chiang Mai")
    page.press("#tl-search-q", "Enter")
    page.wait_for_selector(".tl-search-result a:has-text('Chiang Mai')")
    assert violations(page) == []
    assert errors == []
    page.context.close()
