"""What the search index holds: each event's words on its own record, not on the pages that
list it (which also keeps Pagefind's memory, a few hundred bytes per indexed word, down)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from conftest import real_dataset
from content_properties import search_fragments

DISAGREEMENTS = re.compile(r'<div class="tl-disagreements">(.*?)</div>', re.S)
EVENT_LINK = re.compile(r'href="(?:\.\./)+(events/[^"#]+/)"')
ACCOUNT = re.compile(r"</a>: ([^<;]+)")  # what a source says, after the link to it


def _text(fragment: str) -> str:
    return " ".join(html.unescape(fragment).split())


def _record(records: dict[str, str], address: str) -> str:
    (content,) = [text for url, text in records.items() if url.endswith("/" + address)]
    return " ".join(content.split())


def test_a_pages_disagreements_are_found_on_their_events_pages_not_on_the_page(built_site: Path):
    records = {r["url"]: r["content"] for r in search_fragments(built_site)}
    checked = 0
    for page in sorted(built_site.glob("*/**/index.html")):
        for block in DISAGREEMENTS.findall(page.read_text(encoding="utf-8")):
            own = _record(records, page.parent.relative_to(built_site).as_posix() + "/")
            assert "Where the articles disagree" not in own, page
            for item in re.findall(r"<li>(.*?)</li>", block, re.S):
                assert _text(re.sub(r"<[^>]+>", "", item)) not in own, page
                (event,) = set(EVENT_LINK.findall(item))
                for says in map(_text, ACCOUNT.findall(item)):
                    assert says in _record(records, event), (event, says)
                    checked += 1
    # Each event is on a topic page, so its disagreements are listed there and were read;
    # data with none has nothing to check (a correct change may remove the last).
    assert checked or not any(e.disagreements for e in real_dataset().events)
