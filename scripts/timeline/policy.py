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
from pathlib import Path

CONTENT_CLASS = "md-content__inner"  # the theme's element around a page's own content
DATA_TYPES = {"application/json", "application/ld+json"}  # inline data, never run
_CHARSET = re.compile(r"<meta charset=[^<>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head(\s[^<>]*)?>", re.IGNORECASE)


# Tags, found by pattern rather than by a full HTML parse: a pass over every page of a
# 10,000-event site must cost little. Text from the data is escaped, so inside a page a
# "<" only ever starts a tag the templates wrote.
_ARTICLE = re.compile(r"<(/?)article\b([^<>]*)>", re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b([^<>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def _outside_content(page: str) -> list[str]:
    """The parts of a page before and after its content area (the theme's <article>)."""
    parts, depth, start = [], 0, 0
    for tag in _ARTICLE.finditer(page):
        closing, attributes = tag[1] == "/", _attributes(tag[2])
        if not closing and (depth or CONTENT_CLASS in attributes.get("class", "").split()):
            if depth == 0:
                parts.append(page[start : tag.start()])
            depth += 1
        elif closing and depth:
            depth -= 1
            start = tag.end()
    return [*parts, page[start:]] if depth == 0 else parts


def _attributes(text: str) -> dict[str, str]:
    return {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTRIBUTE.finditer(text)}


def theme_scripts(page: str) -> list[str]:
    """The inline scripts the policy allows on a page: those outside its content area that
    run (not data such as JSON-LD, not a script file)."""
    scripts = []
    for part in _outside_content(page):
        for script in _SCRIPT.finditer(part):
            attributes = _attributes(script[1])
            if not attributes.get("src") and attributes.get("type", "") not in DATA_TYPES:
                scripts.append(script[2])
    return scripts


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
