"""A Content-Security-Policy in every built page: a second wall behind the escaping.

GitHub Pages sends no headers of our choosing, so the policy goes into each page as a
<meta http-equiv> right after its charset. Scripts may come from the site itself, and
inline ones only if they are the theme's: each inline script outside the page's content
area is allowed by its SHA-256, computed on the page as built (the theme's scripts differ
from page to page, by their relative base address). A script, or an event handler, that
got into the content is never hashed, so the browser refuses to run it. Pagefind's search
compiles WebAssembly, hence 'wasm-unsafe-eval' (which allows no JavaScript eval). A pass
over the built site, as the search index is, so that both engines' pages get it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

CONTENT_CLASS = "md-content__inner"  # the theme's element around a page's own content
DATA_TYPES = {"application/json", "application/ld+json"}  # inline data, never run
_CHARSET = re.compile(r"<meta charset=[^<>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head(\s[^<>]*)?>", re.IGNORECASE)


@dataclass
class _ThemeScripts(HTMLParser):
    """The text of each inline script that runs and is not inside the content area."""

    scripts: list[str] = field(default_factory=list)
    _content_depth: int = 0  # open <article> elements, from the content area's own
    _script: list[str] | None = None  # the text of the theme's inline script being read

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=False)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "article" and (self._content_depth or CONTENT_CLASS in a.get("class", "").split()):
            self._content_depth += 1
        elif tag == "script" and not a.get("src") and a.get("type", "") not in DATA_TYPES:
            self._script = [] if not self._content_depth else None

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._content_depth:
            self._content_depth -= 1
        elif tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)


def theme_scripts(page: str) -> list[str]:
    """The inline scripts the policy allows on a page: those outside its content area."""
    parser = _ThemeScripts()
    parser.feed(page)
    parser.close()
    return parser.scripts


def policy(scripts: list[str]) -> str:
    """The policy for a page whose allowed inline scripts are `scripts`."""
    hashes = sorted({base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() for s in scripts})
    allowed = " ".join(["'self'", "'wasm-unsafe-eval'", *(f"'sha256-{h}'" for h in hashes)])
    return f"script-src {allowed}; object-src 'none'; base-uri 'self'"


def with_policy(page: str) -> str:
    """A built page with its policy inserted after its charset (or at the start of its head)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(theme_scripts(page))}">'
    found = _CHARSET.search(page) or _HEAD.search(page)
    if found is None:
        raise ValueError("the page has no <head>")
    return page[: found.end()] + meta + page[found.end() :]


def add_policies(site: Path) -> str | None:
    """Put a policy into every page of the built site; a message saying what went wrong, or None."""
    for path in sorted(site.rglob("*.html")):
        try:
            path.write_text(with_policy(path.read_text(encoding="utf-8")), encoding="utf-8")
        except ValueError as err:
            return f"{path.relative_to(site)}: {err}"
    return None
