"""Where each page of the site goes, how pages link to each other, and what an output is.

Links are relative Markdown links between .md source paths, so that the site generator
checks them and makes them work under any sub-path.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .vocabulary import TOPIC

HOME = "index.md"
TIMELINE = "timeline.md"
FIGURES = "figures.md"
DISAGREEMENTS = "figures/disagreements.md"  # when the figures page is split
TOPICS_INDEX = "topics/index.md"
ENTITIES_INDEX = "entities/index.md"
SOURCES_INDEX = "sources/index.md"


@dataclass(frozen=True)
class Output:
    """One file of the site: its path, its content, and the data file behind it (for edit links)."""

    path: str
    content: str | bytes
    data_file: str | None = None


def entity_page(entity_id: str, kind: str) -> str:
    return f"{'topics' if kind == TOPIC else 'entities'}/{entity_id}.md"


def source_page(source_id: str) -> str:
    return f"sources/{source_id}.md"


def measure_page(measure: str) -> str:
    """A measure's own page of figures, when the figures page is split."""
    return f"figures/measure/{measure}.md"


def page_paths(first: str, count: int) -> list[str]:
    """The pages of a long list: the first page, then first/2.md, first/3.md, …"""
    return [first, *(f"{first.removesuffix('.md')}/{n}.md" for n in range(2, count + 1))]


def link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A relative link between two pages' source paths, as Markdown expects."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


def served(from_page: str, target: str) -> str:
    """A relative Markdown link (from `link`) as the built site addresses it, a folder per page.

    For links inside raw HTML such as the charts' SVG, which Markdown passes through
    without rewriting: 'timeline.md#x' from 'topics/t.md' is '../../timeline/#x'."""
    path, _, anchor = target.partition("#")
    absolute = posixpath.normpath(posixpath.join(posixpath.dirname(from_page), path))

    def folder(page: str) -> str:
        stem = page.removesuffix(".md")
        return "." if stem == "index" else stem.removesuffix("/index")

    relative = posixpath.relpath(folder(absolute), folder(from_page))
    address = "./" if relative == "." else f"{relative}/"
    return f"{address}#{anchor}" if anchor else address
