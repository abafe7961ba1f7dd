"""Everything a build produces from the data, for any adapter: pages, exports and each
page's share card.

The MkDocs plugin and the folder writer both call site_outputs(), so the two can never
produce different sites.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..data.model import Dataset
from ..data.paths import HOME, Output
from ..rules.project import Loads, Result, validate
from .export import exports, forget_exported
from .home import home_page, storyline_order
from .info import BadSetting, SiteInfo
from .pages import Part
from .parts import page_parts
from .remake import Memory, remake
from .share import kept_cards
from .views import Context

EXPORT_SCHEMA = "schemas/events-export.schema.json"
SHARE_CACHE = ".cache/share"  # the share cards drawn before (git-ignored)


class PathClash(ValueError):
    """Two outputs, or an output and a hand-written page, would have the same path."""


def site_outputs(root: Path, docs_dir: Path, site: SiteInfo | None = None) -> tuple[Result, list[Output]]:
    """Validate, then render every generated page and export; no outputs when the data is wrong.

    site says what story it is, where the site lives, how long its pages may grow and when
    each data file last changed (the adapter reads that from the repository, once per build:
    see history.py). BadSetting is raised when a setting names what the data does not hold."""
    result, outputs, _ = remade_outputs(root, docs_dir, site)
    return result, outputs


def remade_outputs(
    root: Path,
    docs_dir: Path,
    site: SiteInfo | None = None,
    last: Memory | None = None,
    loads: Loads | None = None,
) -> tuple[Result, list[Output], Memory | None]:
    """site_outputs(), with the pages that `last` made kept where no edit since touches
    them (see remake.py), and the files that `loads` holds loaded again only if changed;
    and the memory of this build, for the preview's next one."""
    result = validate(root, loads=loads)
    if result.dataset is None:
        return result, [], None
    site = site or SiteInfo()
    check_settings(site, result.dataset)
    handwritten = (docs_dir / HOME).read_text(encoding="utf-8")
    site = replace(site, storylines=storyline_order(handwritten))
    ctx = Context.of(result.dataset, site)  # the timeline's periods, worked out once
    schema = (root / EXPORT_SCHEMA).read_text(encoding="utf-8")
    parts = [exports_part(result.dataset, site, schema), *page_parts(ctx)]
    made, memory = remake(ctx, parts, last, preview=loads is not None)
    outputs = [home_page(ctx, handwritten, HOME, f"{docs_dir.name}/{HOME}"), *made]
    if loads is None:  # not a preview, which would make them again: the parts need not stay in memory
        forget_exported()
    if site.share_cards:
        kept = last.cards if last and memory.edited is not None else {}
        cards = kept_cards(ctx, pages(outputs, docs_dir), root / SHARE_CACHE, kept)
        outputs += [card for _, card in cards.values()]
        memory = replace(memory, cards=cards)
    check_paths(outputs, docs_dir)
    return result, outputs, memory


def exports_part(data: Dataset, site: SiteInfo, schema: str) -> Part:
    """The exports, as a part of the site made with the pages (the first, being the largest)."""

    def make() -> list[Output]:
        return [Output(path, content) for path, content in exports(data, site, schema).items()]

    return Part("exports", make, every_event=True)


def pages(outputs: list[Output], docs_dir: Path) -> dict[str, str]:
    """Every page of the site, source path -> Markdown: the generated ones, and the
    hand-written ones of docs/ that no generated page replaces."""
    found = {o.path: o.content for o in outputs if o.path.endswith(".md") and isinstance(o.content, str)}
    for path in sorted(docs_dir.rglob("*.md")):
        page = path.relative_to(docs_dir).as_posix()
        found.setdefault(page, path.read_text(encoding="utf-8"))
    return found


def check_settings(site: SiteInfo, data: Dataset) -> None:
    """Refuse a measure to chart that no figure reports (the chart would silently be missing)."""
    if site.figures_chart and site.figures_chart not in data.figures_by_measure:
        known = ", ".join(sorted(data.figures_by_measure)[:5]) or "none yet"
        raise BadSetting(
            f"figures_chart: '{site.figures_chart[:40]}' is not a measure that any event's "
            f"figures report; name one that is ({known}) or leave the option out"
        )


def check_paths(outputs: list[Output], docs_dir: Path) -> None:
    """Refuse to build when one output would silently replace another or a hand-written page.

    The home page is the one hand-written page that is meant to be filled in and replaced.
    """
    counts = Counter(o.path.lower() for o in outputs)
    handwritten = {p.relative_to(docs_dir).as_posix().lower() for p in docs_dir.rglob("*") if p.is_file()}
    clashes = sorted({p for p, n in counts.items() if n > 1} | (set(counts) & (handwritten - {HOME})))
    if clashes:
        raise PathClash(
            f"two pages would be written to the same path: {', '.join(clashes)}; rename the "
            "hand-written page in docs/ or the record whose id makes the clash"
        )


def write_outputs(outputs: Iterable[Output], folder: Path, digests: dict[str, bytes]) -> list[str]:
    """Write each output under folder at its path, unless `digests` says the file there
    holds its bytes already; the paths written.

    digests is each path's digest as last written into folder ({} for a new folder), and
    is updated as each file is written, so it matches the folder even when a write fails:
    the files are never read back, which at 10,000 events would read 150 MB on every save.
    A file left alone keeps its modification time, which is how MkDocs' dirty build (the
    preview) tells the pages to render again from the rest."""
    written = []
    for output in outputs:
        content = output.content if isinstance(output.content, bytes) else output.content.encode("utf-8")
        digest = hashlib.blake2b(content, digest_size=16).digest()
        if digests.get(output.path) == digest:
            continue
        target = folder / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        digests[output.path] = digest
        written.append(output.path)
    return written
