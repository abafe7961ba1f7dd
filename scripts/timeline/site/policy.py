"""A Content-Security-Policy in every built page: a second wall behind the escaping.

GitHub Pages sends no headers of our choosing, so the policy goes into each page as a
<meta http-equiv> right after its charset. Scripts may come from the site itself, and
inline ones only if they are the theme's, each allowed by its SHA-256. Where the content
area ends cannot be told from the page (a page's content could write an </article> of its
own), only where it starts: the first <article> of the theme's content class, which
nothing in the content comes before. So every inline script before that start is the
theme's, hashed as built (it differs from page to page, by its relative base address),
and one after it is allowed only if it is byte for byte one that the theme's templates
write after the content (fixed text). A script, or an event handler, that got into the
content is never hashed, so the browser refuses to run it. Pagefind's search
compiles WebAssembly, hence 'wasm-unsafe-eval' (which allows no JavaScript eval). A pass
over the built site, as the search index is, so that both engines' pages get it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from importlib import resources
from pathlib import Path

CONTENT_CLASS = "md-content__inner"  # the theme's element around a page's own content
DATA_TYPES = {"application/json", "application/ld+json"}  # inline data, never run
# The theme's templates that write inline scripts after the content area (base.html
# includes them there); Zensical's copies of them are the same.
AFTER_CONTENT = ("partials/javascripts/content.html", "partials/javascripts/consent.html")
_CHARSET = re.compile(r"<meta charset=[^<>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head(\s[^<>]*)?>", re.IGNORECASE)


# Tags, found by pattern rather than by a full HTML parse: a pass over every page of a
# 10,000-event site must cost little. Text from the data is escaped, so inside a page a
# "<" only ever starts a tag the templates wrote.
_ARTICLE = re.compile(r"<(/?)article\b([^<>]*)>", re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b([^<>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def _content_start(page: str) -> int:
    """Where the page's content area starts (its end if it has none, as a page of the
    theme's own, 404.html, may not): nothing in the content can write before it."""
    for tag in _ARTICLE.finditer(page):
        if not tag[1] and CONTENT_CLASS in _attributes(tag[2]).get("class", "").split():
            return tag.start()
    return len(page)


def _attributes(text: str) -> dict[str, str]:
    return {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTRIBUTE.finditer(text)}


def _inline_scripts(part: str) -> list[str]:
    """The inline scripts in part of a page that run (not data such as JSON-LD, not a file)."""
    scripts = []
    for script in _SCRIPT.finditer(part):
        attributes = _attributes(script[1])
        if not attributes.get("src") and attributes.get("type", "") not in DATA_TYPES:
            scripts.append(script[2])
    return scripts


def _after_content_scripts() -> frozenset[str]:
    """The inline scripts the theme writes after the content: their fixed text in its templates."""
    templates = resources.files("material") / "templates"
    texts = (templates.joinpath(*name.split("/")).read_text(encoding="utf-8") for name in AFTER_CONTENT)
    return frozenset(s for text in texts for s in _inline_scripts(text) if "{{" not in s and "{%" not in s)


THEME_AFTER_CONTENT = _after_content_scripts()


def theme_scripts(page: str) -> list[str]:
    """The inline scripts the policy allows on a page: every one before its content area
    starts, and after that start only the theme's own, byte for byte."""
    start = _content_start(page)
    after = _inline_scripts(page[start:])
    return [*_inline_scripts(page[:start]), *(s for s in after if s in THEME_AFTER_CONTENT)]


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
