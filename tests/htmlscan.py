"""Reading built HTML the way a browser would care about it: ids, links, loads, scripts."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LOADING_RELS = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch", "preconnect"}
SRC_TAGS = {"script", "img", "iframe", "source", "audio", "video", "embed", "track", "input"}


@dataclass
class Scan(HTMLParser):
    """One page: every id, every link, every resource it loads, and what could run."""

    ids: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    loads: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)  # on* attributes
    scripts: list[str] = field(default_factory=list)  # inline executable script text
    data_blocks: list[str] = field(default_factory=list)  # inline JSON-LD
    edit_links: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, name, value)
    elements: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (tag, attribute names)
    starts: list[tuple[str, str]] = field(default_factory=list)  # (tag, the text it starts with)
    _in_script: str = ""  # "", "code" or "data"
    _opened: str = ""  # the element just opened, until its first text

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.attributes += [(tag, k, v) for k, v in a.items()]
        self.elements.append((tag, tuple(sorted(a))))
        self._opened = tag
        if "id" in a:
            self.ids.append(a["id"])
        self.handlers += [f"{tag}.{k}={v}" for k, v in a.items() if k.startswith("on")]
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
            if "md-content__button" in a.get("class", ""):
                self.edit_links.append(a["href"])
        if tag == "link" and LOADING_RELS & set(a.get("rel", "").split()):
            self.loads.append(a.get("href", ""))
        if tag in SRC_TAGS and a.get("src"):
            self.loads.append(a["src"])
        if tag == "object" and a.get("data"):
            self.loads.append(a["data"])
        if tag == "script" and not a.get("src"):
            self._in_script = "data" if a.get("type") == "application/ld+json" else "code"
        else:
            self._in_script = ""

    def handle_endtag(self, tag: str) -> None:
        self._in_script = ""
        self._opened = ""

    def handle_data(self, data: str) -> None:
        if self._opened and data.strip():
            self.starts.append((self._opened, data.strip()))
            self._opened = ""
        if self._in_script == "code":
            self.scripts.append(data)
        elif self._in_script == "data":
            self.data_blocks.append(data)


_EVENT_REFS = re.compile(r'<div class="tl-event-refs"[^>]*>(.*?)</div>', re.S)
_EVENT_REF = re.compile(r'<p><strong>[^<]*</strong>: <a href="([^"]+)"')


def event_refs(html: str) -> list[str]:
    """The links of a page's lists of events (a date, then the linked title), in order: not
    the links of its digest or related reports, which link events too."""
    return [link for block in _EVENT_REFS.findall(html) for link in _EVENT_REF.findall(block)]


def scan(path: Path) -> Scan:
    return scan_text(path.read_text(encoding="utf-8"))


def scan_text(html: str) -> Scan:
    page = Scan()
    page.feed(html)
    page.close()
    return page


def css_loads(text: str) -> list[str]:
    """Addresses a style sheet loads: url(...) and @import."""
    return re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text)


def is_external(url: str) -> bool:
    return url.startswith(("http://", "https://", "//"))


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_of(site: Path, page: str) -> Path:
    """The built file of a source page path: 'entities/x.md' -> entities/x/index.html."""
    stem = page.removesuffix(".md")
    return site / ("index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html")


def broken_links(site: Path, sub_path: str) -> list[tuple[str, str, str]]:
    """(page, href, why) for every internal link that leads nowhere, the site being at sub_path.

    A link breaks when it leaves the site, names no built file, or names an anchor its
    page does not have; links to other hosts are not followed.
    """
    ids = {path: set(scan(path).ids) for path in html_pages(site)}
    broken = []
    for path in html_pages(site):
        here = sub_path + path.parent.relative_to(site).as_posix() + "/"
        for href in scan(path).links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            target = posixpath.normpath(posixpath.join(here, unquote(parts.path))) if parts.path else here
            if not (target + "/").startswith(sub_path):
                broken.append((path.relative_to(site).as_posix(), href, "outside the site"))
                continue
            file = site / target[len(sub_path) :].lstrip("/")
            file = file / "index.html" if file.is_dir() or not file.suffix else file
            if not file.exists():
                broken.append((path.relative_to(site).as_posix(), href, "no such page"))
            elif parts.fragment and file.suffix == ".html" and unquote(parts.fragment) not in ids[file]:
                broken.append((path.relative_to(site).as_posix(), href, "no such anchor"))
    return broken


def foreign_loads(site: Path) -> list[tuple[str, str]]:
    """(file, address) for every resource a page or a style sheet loads from another host.

    Plain links (<a href>) load nothing, so a link to the repository is not one.
    """
    loads = [
        (path.relative_to(site).as_posix(), url)
        for path in html_pages(site)
        for url in scan(path).loads
        if is_external(url)
    ]
    return loads + [
        (css.relative_to(site).as_posix(), url)
        for css in site.rglob("*.css")
        for url in css_loads(css.read_text(encoding="utf-8"))
        if is_external(url)
    ]
