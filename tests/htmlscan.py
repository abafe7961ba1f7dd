"""Reading built HTML the way a browser would care about it: ids, links, loads, scripts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

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
    _in_script: str = ""  # "", "code" or "data"

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
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

    def handle_data(self, data: str) -> None:
        if self._in_script == "code":
            self.scripts.append(data)
        elif self._in_script == "data":
            self.data_blocks.append(data)


def scan(path: Path) -> Scan:
    page = Scan()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def css_loads(text: str) -> list[str]:
    """Addresses a style sheet loads: url(...) and @import."""
    return re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text)


def is_external(url: str) -> bool:
    return url.startswith(("http://", "https://", "//"))
